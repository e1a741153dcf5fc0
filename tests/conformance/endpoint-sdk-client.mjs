// The official TypeScript SDK clients through the pool endpoint (issue 16, real peers):
//   v1  @modelcontextprotocol/sdk 1.32.2, StreamableHTTPClientTransport, 2025-11-25
//       (initialize, a session)
//   v2  @modelcontextprotocol/client 2.4.0, pinned to 2026-07-28 (server/discover,
//       stateless)
// in front of a legacy and a modern mcp-demo-worker behind `mcp-poolctl serve
// --mcp-listen`. Checks: connect/discover, tools/list (the union of both workers),
// N echo/add calls (spread over both workers), a call with progress, resources/read,
// prompts/get, a call cancelled with an AbortSignal (the worker's call ends too), and
// notifications/tools/list_changed when the union changes (v1: the session's GET
// stream; v2: subscriptions/listen).
//   node endpoint-sdk-client.mjs <mcp-poolctl> <mcp-demo-worker> <v1|v2> [calls]
// Prints one line per check; exits 0 only when all pass.
import { checker, startFleet, within } from './endpoint-fleet.mjs';
import { connectSdk } from './endpoint-sdk.mjs';

const [poolctl, worker, sdk, callsArg] = process.argv.slice(2);
if (!poolctl || !worker || !['v1', 'v2'].includes(sdk)) {
    console.error('usage: node endpoint-sdk-client.mjs <mcp-poolctl> <mcp-demo-worker> <v1|v2> [calls]');
    process.exit(2);
}
const calls = Number(callsArg ?? 40);
const { check, summary } = checker(`sdk ${sdk}`);
const watchdog = setTimeout(() => {
    console.error('FAIL: timed out after 60 s');
    process.exit(1);
}, 60000);

// The demo worker's tools: legacy has the first five, modern adds three.
const UNION = ['echo', 'add', 'sleep', 'progress', 'fail', 'ask_name', 'list_roots', 'toggle_tool'];
const clientName = `endpoint-peers-${sdk}`;

let fleet;
const patched = new Set(); // 2026 results that lacked ttlMs/cacheScope (see endpoint-sdk.mjs)
try {
    fleet = await startFleet({ poolctl, worker, eras: ['legacy', 'modern'] });
    const client = await within(connectSdk(sdk, fleet.url, clientName, patched), 10000, 'connect');

    // Connect / discover.
    const info = client.serverVersion();
    check(info?.name === 'mcp-pool-monitor', 'serverInfo is the pool\'s', JSON.stringify(info));
    if (sdk === 'v1') {
        check(client.protocolVersion() === '2025-11-25', 'initialize negotiated 2025-11-25',
              client.protocolVersion());
        check(typeof client.sessionId() === 'string' && client.sessionId().length > 0,
              'the endpoint issued an Mcp-Session-Id', client.sessionId());
    } else {
        check(client.era() === 'modern' && client.protocolVersion() === '2026-07-28',
              'server/discover: the modern era at 2026-07-28',
              `${client.era()} ${client.protocolVersion()}`);
    }

    // tools/list: the union of a legacy and a modern worker, each tool once.
    const names = (await within(client.listTools(), 5000, 'tools/list')).tools.map(t => t.name);
    const missing = UNION.filter(n => !names.includes(n));
    check(missing.length === 0 && names.length === UNION.length,
          `tools/list is the union of both workers (${UNION.length} tools, each once)`,
          `got ${names.join(',')}${missing.length ? `; missing ${missing.join(',')}` : ''}`);

    // N calls (echo and add, a few in flight at once).
    const requestsBefore = await Promise.all(
        fleet.workers.map(w => fleet.metric('mcppm_server_requests_total', { server: w.id })));
    let good = 0;
    const bad = [];
    const one = async i => {
        if (i % 2 === 0) {
            const r = await client.callTool({ name: 'echo', arguments: { message: `m${i}` } });
            if (r.content?.[0]?.text === `m${i}` && !r.isError)
                good++;
            else
                bad.push(`echo ${i}: ${JSON.stringify(r)}`);
        } else {
            const r = await client.callTool({ name: 'add', arguments: { a: i, b: 1000 } });
            if (r.structuredContent?.sum === i + 1000 && !r.isError)
                good++;
            else
                bad.push(`add ${i}: ${JSON.stringify(r)}`);
        }
    };
    for (let i = 0; i < calls; i += 4)
        await within(Promise.all([i, i + 1, i + 2, i + 3].filter(k => k < calls).map(one)), 10000,
                     'tools/call');
    check(good === calls, `${calls} tools/call (echo, add) all answered correctly`,
          `${good} good${bad.length ? `; ${bad.slice(0, 2).join('; ')}` : ''}`);
    const requestsAfter = await Promise.all(
        fleet.workers.map(w => fleet.metric('mcppm_server_requests_total', { server: w.id })));
    const perWorker = requestsAfter.map((v, i) => v - requestsBefore[i]);
    check(perWorker.every(n => n > 0), 'the calls went through the queue to both workers',
          perWorker.join(' / '));

    // Progress: the worker's notifications/progress reach the SDK's onprogress.
    const progress = [];
    const pr = await within(
        client.callTool({ name: 'progress', arguments: { steps: 5, interval_ms: 20 } },
                        { onprogress: p => progress.push(p) }),
        10000, 'progress call');
    check(!pr.isError, 'tools/call progress answered', JSON.stringify(pr.content));
    const increasing = progress.every((p, i) => i === 0 || p.progress > progress[i - 1].progress);
    check(progress.length === 5 && increasing,
          'five progress notifications arrived, increasing (progressToken mapped through)',
          JSON.stringify(progress));

    // resources/read (a template of both workers) and prompts/get.
    const read = await within(client.readResource({ uri: 'demo://greeting/Ada' }), 5000,
                              'resources/read');
    check(read.contents?.[0]?.text === 'Hello, Ada!' && read.contents[0].uri === 'demo://greeting/Ada',
          'resources/read demo://greeting/Ada', JSON.stringify(read.contents));
    const prompt = await within(client.getPrompt({ name: 'greet', arguments: { name: 'Ada' } }), 5000,
                                'prompts/get');
    const promptText = prompt.messages?.[0]?.content?.text ?? '';
    check(prompt.messages?.length === 1 && promptText.includes('Ada'), 'prompts/get greet',
          promptText);

    // Cancellation, once pinned to each worker (_meta "mcp-pool-monitor/server"): the SDK
    // aborts a 5 s call after 300 ms; the client gets its AbortError at once, the endpoint
    // counts it, the pool has nothing in flight, and the worker itself counts a cancelled
    // request (requestsCancelled in its demo://state/current, read through the endpoint).
    const workerState = async id => {
        const r = await within(client.readResource({ uri: 'demo://state/current',
                                                     _meta: { 'mcp-pool-monitor/server': id } }),
                               5000, 'resources/read demo://state/current');
        return JSON.parse(r.contents?.[0]?.text ?? '{}');
    };
    for (const [n, w] of fleet.workers.entries()) {
        const stateBefore = await workerState(w.id);
        const controller = new AbortController();
        const started = Date.now();
        setTimeout(() => controller.abort('test cancels'), 300);
        let aborted = null;
        try {
            await within(client.callTool({ name: 'sleep', arguments: { ms: 5000 },
                                           _meta: { 'mcp-pool-monitor/server': w.id } },
                                         { signal: controller.signal }),
                         8000, 'cancelled call');
        } catch (error) {
            aborted = error;
        }
        const abortMs = Date.now() - started;
        check(aborted !== null && abortMs < 2000, `the aborted call (on the ${w.era} worker) rejects at once`,
              `${abortMs} ms: ${aborted}`);
        let cancelled, inFlight, stateAfter;
        const until = Date.now() + 2500;
        do {
            await new Promise(r => setTimeout(r, 50));
            cancelled = await fleet.metric('mcppm_endpoint_client_cancelled_total', { client: clientName });
            inFlight = (await Promise.all(fleet.workers.map(
                            x => fleet.metric('mcppm_server_in_flight', { server: x.id }))))
                           .reduce((a, b) => a + b, 0);
            stateAfter = await workerState(w.id);
        } while ((cancelled !== n + 1 || inFlight !== 0
                  || stateAfter.requestsCancelled !== stateBefore.requestsCancelled + 1)
                 && Date.now() < until);
        check(cancelled === n + 1, 'the endpoint counted the cancelled call for this client',
              `mcppm_endpoint_client_cancelled_total=${cancelled}`);
        check(inFlight === 0 && Date.now() - started < 4500,
              'nothing in flight in the pool before the 5 s sleep ends',
              `in flight ${inFlight} after ${Date.now() - started} ms`);
        check(stateAfter.requestsCancelled === stateBefore.requestsCancelled + 1,
              `the ${w.era} worker itself saw the call cancelled`,
              `requestsCancelled ${stateBefore.requestsCancelled} -> ${stateAfter.requestsCancelled}`);
    }
    const after = await within(client.callTool({ name: 'echo', arguments: { message: 'still here' } }),
                               5000, 'call after cancel');
    check(after.content?.[0]?.text === 'still here', 'the client goes on after the cancellation',
          after.content?.[0]?.text);

    // list_changed: toggle_tool adds `flip` at the modern worker; the union changes.
    let changedAt = 0;
    let listChanged;
    const changed = new Promise(resolve => { listChanged = resolve; });
    const subscription = await within(
        client.watchToolsChanged(() => {
            changedAt ||= Date.now();
            listChanged();
        }),
        5000, 'watch tools/list_changed');
    // The notification stream is open at the endpoint (v1: the SDK opens its GET
    // stream on its own after initialize; v2: listen() resolved on the ack).
    for (const until = Date.now() + 3000; Date.now() < until;) {
        if (await fleet.metric('mcppm_endpoint_streams') >= 1)
            break;
        await new Promise(r => setTimeout(r, 20));
    }
    const toggled = Date.now();
    const toggle = await within(client.callTool({ name: 'toggle_tool', arguments: {} }), 5000,
                                'toggle_tool');
    check(!toggle.isError, 'tools/call toggle_tool', toggle.content?.[0]?.text);
    await within(changed, 5000, 'notifications/tools/list_changed').catch(() => {});
    check(changedAt > 0, `notifications/tools/list_changed arrived (${sdk === 'v1' ? 'GET stream' : 'subscriptions/listen'})`,
          changedAt ? `${changedAt - toggled} ms after the call` : 'none in 5 s');
    const newNames = (await within(client.listTools(), 5000, 'tools/list')).tools.map(t => t.name);
    check(newNames.includes('flip') && newNames.length === UNION.length + 1,
          'tools/list now has flip', newNames.join(','));
    await subscription?.close();

    const errors = await fleet.metric('mcppm_endpoint_client_errors_total', { client: clientName });
    check(errors === 0, 'no request of this client ended in an error at the endpoint',
          `mcppm_endpoint_client_errors_total=${errors}`);
    if (sdk === 'v2')
        check(patched.size === 0,
              '2026-07-28 discover/list/read results carry ttlMs and cacheScope (schema-required)',
              patched.size ? `missing in ${[...patched].join(', ')}; patched in the test to go on` : '');
    await client.close();
} catch (error) {
    check(false, 'no exception', error?.stack ?? String(error));
    if (fleet)
        console.error(fleet.serveStderr());
} finally {
    clearTimeout(watchdog);
    fleet?.stop();
}
process.exit(summary());
