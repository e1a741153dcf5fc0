// Log messages through the pool endpoint (issue 16, point 3: "progress and log
// messages pass through"), with the official TS SDK clients: v1 (2025-11-25 session,
// logging/setLevel info) and v2 (2026-07-28, _meta io.modelcontextprotocol/logLevel
// info on the call). A legacy and a modern mcp-demo-worker behind `mcp-poolctl serve
// --mcp-listen [SERVE-ARGS...]`; echo is pinned to the modern worker, which logs a
// debug line (the arguments) and an info line ("tools/call echo") on the call's stream
// when asked for logs. The client must get the info line and not the debug one.
//   node endpoint-sdk-logs.mjs <mcp-poolctl> <mcp-demo-worker> <v1|v2> [SERVE-ARGS...]
// e.g. SERVE-ARGS "--log-level debug" (the pool asks its workers for logs itself).
// Prints one line per check; exits 0 only when all pass.
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, LoggingMessageNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { Client as ClientV2, StreamableHTTPClientTransport as TransportV2 } from '@modelcontextprotocol/client';
import { checker, startFleet, within } from './endpoint-fleet.mjs';

const [poolctl, worker, sdk, ...serveArgs] = process.argv.slice(2);
if (!poolctl || !worker || !['v1', 'v2'].includes(sdk)) {
    console.error('usage: node endpoint-sdk-logs.mjs <mcp-poolctl> <mcp-demo-worker> <v1|v2> [SERVE-ARGS...]');
    process.exit(2);
}
const { check, summary } = checker(`logs ${sdk}${serveArgs.length ? ` (serve ${serveArgs.join(' ')})` : ''}`);
const watchdog = setTimeout(() => {
    console.error('FAIL: timed out after 60 s');
    process.exit(1);
}, 60000);

let fleet;
try {
    fleet = await startFleet({ poolctl, worker, eras: ['legacy', 'modern'], serveArgs });
    const logs = [];
    const info = { name: `endpoint-logs-${sdk}`, version: '1.0.0' };
    const pin = { 'mcp-pool-monitor/server': fleet.workers[1].id };
    let result;
    if (sdk === 'v1') {
        const client = new ClientV1(info, { capabilities: {} });
        client.setNotificationHandler(LoggingMessageNotificationSchema, n => logs.push(n.params));
        await within(client.connect(new TransportV1(new URL(fleet.url))), 10000, 'connect');
        await within(client.setLoggingLevel('info'), 5000, 'logging/setLevel');
        result = await within(client.callTool({ name: 'echo', arguments: { message: 'logged' }, _meta: pin },
                                              CallToolResultSchema),
                              5000, 'tools/call echo');
        await client.close();
    } else {
        const client = new ClientV2(info, { capabilities: {},
                                            versionNegotiation: { mode: { pin: '2026-07-28' } } });
        client.setNotificationHandler('notifications/message', n => logs.push(n.params));
        await within(client.connect(new TransportV2(new URL(fleet.url))), 10000, 'connect');
        result = await within(client.callTool({ name: 'echo', arguments: { message: 'logged' },
                                                _meta: { ...pin, 'io.modelcontextprotocol/logLevel': 'info' } }),
                              5000, 'tools/call echo');
        await client.close();
    }
    check(result.content?.[0]?.text === 'logged', 'tools/call echo on the modern worker', result.content?.[0]?.text);
    // The log lines come on the call's stream, before its answer: no wait needed.
    check(logs.some(l => l.level === 'info' && l.data === 'tools/call echo' && l.logger === 'demo-worker'),
          'the worker\'s info line reached the client', JSON.stringify(logs));
    check(!logs.some(l => l.level === 'debug'), 'no debug line (the client asked for info)',
          JSON.stringify(logs));
} catch (error) {
    check(false, 'no exception', error?.stack ?? String(error));
    if (fleet)
        console.error(fleet.serveStderr());
} finally {
    clearTimeout(watchdog);
    fleet?.stop();
}
process.exit(summary());
