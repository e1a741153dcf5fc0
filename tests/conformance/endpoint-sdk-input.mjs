// Server requests through the pool endpoint (issue 16, point 3: "server requests
// from a worker (elicitation, sampling, roots) reach the downstream client and its
// answers go back to the right worker"), with the official TS SDK clients:
//   v1  @modelcontextprotocol/sdk 1.32.2 (2025-11-25 session: elicitation/create and
//       roots/list come as requests on the session)
//   v2  @modelcontextprotocol/client 2.4.0 at 2026-07-28 (input_required results, MRTR)
// A legacy and a modern mcp-demo-worker behind `mcp-poolctl serve --mcp-listen`; the
// tools ask_name (elicitation) and list_roots (roots) are pinned to each worker in turn
// with _meta "mcp-pool-monitor/server". The client declares elicitation and roots and
// answers { name: "Ada" } and one root.
//   node endpoint-sdk-input.mjs <mcp-poolctl> <mcp-demo-worker> <v1|v2> [direct]
// `direct` is the baseline: the same client straight to the worker of its own era
// (v1: legacy, v2: modern), no endpoint. Prints one line per check; exits 0 only
// when all pass.
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, ElicitRequestSchema, ListRootsRequestSchema } from '@modelcontextprotocol/sdk/types.js';
import { Client as ClientV2, StreamableHTTPClientTransport as TransportV2 } from '@modelcontextprotocol/client';
import { checker, startFleet, within } from './endpoint-fleet.mjs';

const [poolctl, worker, sdk, mode = 'endpoint'] = process.argv.slice(2);
if (!poolctl || !worker || !['v1', 'v2'].includes(sdk) || !['endpoint', 'direct'].includes(mode)) {
    console.error('usage: node endpoint-sdk-input.mjs <mcp-poolctl> <mcp-demo-worker> <v1|v2> [direct]');
    process.exit(2);
}
const { check, summary } = checker(`input ${sdk}${mode === 'direct' ? ' direct' : ''}`);
const watchdog = setTimeout(() => {
    console.error('FAIL: timed out after 60 s');
    process.exit(1);
}, 60000);
const ROOT = 'file:///tmp/endpoint-peers';
const asked = { elicitation: 0, roots: 0 };
const elicit = async () => {
    asked.elicitation++;
    return { action: 'accept', content: { name: 'Ada' } };
};
const roots = async () => {
    asked.roots++;
    return { roots: [{ uri: ROOT, name: 'peers' }] };
};

async function connect(url) {
    const info = { name: `endpoint-input-${sdk}`, version: '1.0.0' };
    if (sdk === 'v1') {
        const client = new ClientV1(info, { capabilities: { elicitation: {}, roots: {} } });
        client.setRequestHandler(ElicitRequestSchema, elicit);
        client.setRequestHandler(ListRootsRequestSchema, roots);
        await client.connect(new TransportV1(new URL(url)));
        return { call: params => client.callTool(params, CallToolResultSchema), close: () => client.close() };
    }
    const client = new ClientV2(info, { capabilities: { elicitation: { form: {} }, roots: {} },
                                        versionNegotiation: { mode: { pin: '2026-07-28' } } });
    client.setRequestHandler('elicitation/create', elicit);
    client.setRequestHandler('roots/list', roots);
    await client.connect(new TransportV2(new URL(url)));
    return { call: params => client.callTool(params), close: () => client.close() };
}

let fleet;
try {
    fleet = await startFleet({ poolctl, worker, eras: ['legacy', 'modern'] });
    const own = fleet.workers[sdk === 'v1' ? 0 : 1];
    const client = await within(connect(mode === 'direct' ? own.url : fleet.url), 10000, 'connect');
    for (const w of mode === 'direct' ? [own] : fleet.workers) {
        const pin = mode === 'direct' ? {} : { 'mcp-pool-monitor/server': w.id };
        const before = { ...asked };
        let text;
        try {
            const r = await within(client.call({ name: 'ask_name', arguments: {}, _meta: pin }), 10000,
                                   'ask_name');
            text = r.content?.[0]?.text;
        } catch (error) {
            text = String(error?.message ?? error);
        }
        check(text === 'Hello, Ada!' && asked.elicitation === before.elicitation + 1,
              `elicitation ${mode === 'direct' ? 'straight' : 'through the endpoint'} from the ${w.era} worker (ask_name)`,
              `${text}; client asked ${asked.elicitation - before.elicitation} time(s)`);
        try {
            const r = await within(client.call({ name: 'list_roots', arguments: {}, _meta: pin }), 10000,
                                   'list_roots');
            text = r.content?.[0]?.text;
        } catch (error) {
            text = String(error?.message ?? error);
        }
        check(text === `Roots: ${ROOT}` && asked.roots === before.roots + 1,
              `roots/list ${mode === 'direct' ? 'straight' : 'through the endpoint'} from the ${w.era} worker (list_roots)`,
              `${text}; client asked ${asked.roots - before.roots} time(s)`);
    }
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
