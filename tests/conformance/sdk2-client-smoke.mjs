// Interop: the official TypeScript SDK v2 client (@modelcontextprotocol/client,
// pinned in package.json) against mcp-demo-worker.
//   node sdk2-client-smoke.mjs <mcp-demo-worker> <modern|both|legacy>
// Starts the worker on a free loopback port, connects with version
// negotiation "auto" (server/discover probe, fallback to initialize), lists
// tools and calls echo (with an x-mcp-header parameter) and add, runs the
// multi round-trip tool ask_name through the SDK's elicitation handler
// (modern), and in `both` also connects a default (legacy-mode) SDK client on
// the same endpoint. Prints one line per check; exits 0 only when all pass.
import { spawn } from 'node:child_process';
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';

const [workerPath, era] = process.argv.slice(2);
if (!workerPath || !['modern', 'both', 'legacy'].includes(era)) {
    console.error('usage: node sdk2-client-smoke.mjs <mcp-demo-worker> <modern|both|legacy>');
    process.exit(2);
}

let failures = 0;
function check(ok, what, detail = '') {
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${era}: ${what}${detail ? ` (${detail})` : ''}`);
    if (!ok) failures++;
}

const worker = spawn(workerPath, ['--era', era, '--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
});
const stopWorker = () => { if (worker.exitCode === null) worker.kill('SIGTERM'); };
const watchdog = setTimeout(() => {
    console.error('FAIL: timed out after 30 s');
    stopWorker();
    process.exit(1);
}, 30000);

const url = await new Promise((resolve, reject) => {
    let buffer = '';
    worker.stdout.on('data', chunk => {
        buffer += chunk;
        const m = buffer.match(/^listening on (\S+)\n/);
        if (m) resolve(new URL(m[1]));
    });
    worker.on('exit', code => reject(new Error(`worker exited (${code}) before listening`)));
});

async function connect(options) {
    const client = new Client({ name: 'sdk2-client-smoke', version: '1.0.0' }, options);
    await client.connect(new StreamableHTTPClientTransport(url));
    return client;
}

try {
    // Dual-era SDK client: probes server/discover, falls back to initialize.
    const client = await connect({
        capabilities: { elicitation: { form: {} } },
        versionNegotiation: { mode: 'auto' },
    });
    client.setRequestHandler('elicitation/create', async () => ({
        action: 'accept',
        content: { name: 'Ada' },
    }));
    const expectEra = era === 'legacy' ? 'legacy' : 'modern';
    check(client.getProtocolEra() === expectEra, `auto negotiation picks the ${expectEra} era`,
          `${client.getProtocolEra()} ${client.getNegotiatedProtocolVersion()}`);
    const tools = (await client.listTools()).tools.map(t => t.name);
    check(tools.includes('echo') && tools.includes('add'), 'tools/list has echo and add',
          tools.join(','));
    if (expectEra === 'modern') {
        check(tools.includes('ask_name'), 'the 2026-07-28 list has ask_name');
        check(client.getServerVersion()?.name === 'demo-worker', 'serverInfo from server/discover',
              JSON.stringify(client.getServerVersion()));
    }
    const echoed = await client.callTool({
        name: 'echo',
        arguments: expectEra === 'modern' ? { message: 'hi', region: 'eu-west' }
                                          : { message: 'hi' },
    });
    const echoText = echoed.content?.[0]?.text;
    check(echoText === (expectEra === 'modern' ? '[eu-west] hi' : 'hi'),
          'tools/call echo (Mcp-Param-Region mirrored by the SDK in modern)', echoText);
    const added = await client.callTool({ name: 'add', arguments: { a: 2, b: 40 } });
    check(added.structuredContent?.sum === 42, 'tools/call add', JSON.stringify(added.structuredContent));
    if (expectEra === 'modern') {
        const asked = await client.callTool({ name: 'ask_name', arguments: {} });
        check(asked.content?.[0]?.text === 'Hello, Ada!',
              'MRTR: ask_name completes through the elicitation handler', asked.content?.[0]?.text);
    }
    await client.close();

    if (era === 'both') {
        // A legacy-mode SDK client (the SDK's default) on the same endpoint.
        const legacy = await connect({ capabilities: {} });
        check(legacy.getProtocolEra() === 'legacy', 'default client speaks legacy on the same port',
              `${legacy.getProtocolEra()} ${legacy.getNegotiatedProtocolVersion()}`);
        const legacyTools = (await legacy.listTools()).tools.map(t => t.name);
        check(legacyTools.includes('echo') && legacyTools.includes('ask_name'),
              'the 2025-11-25 list (the same tools as 2026-07-28)', legacyTools.join(','));
        const r = await legacy.callTool({ name: 'echo', arguments: { message: 'old' } });
        check(r.content?.[0]?.text === 'old', 'legacy tools/call echo', r.content?.[0]?.text);
        await legacy.close();
    }
} catch (error) {
    check(false, 'no exception', error?.stack ?? String(error));
} finally {
    clearTimeout(watchdog);
    stopWorker();
}
console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
process.exit(failures ? 1 : 0);
