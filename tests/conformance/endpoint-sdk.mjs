// One face for the two official TypeScript SDK clients, for the endpoint tests:
//   v1  @modelcontextprotocol/sdk 1.32.2 (2025-11-25: initialize, a session)
//   v2  @modelcontextprotocol/client 2.4.0, pinned to 2026-07-28 (server/discover)
// connectSdk(sdk, url, name) resolves with { listTools, callTool(params, options),
// readResource, getPrompt, serverVersion, protocolVersion, era, sessionId,
// watchToolsChanged(handler), close }. options are the SDK's request options
// (onprogress, signal, timeout). watchToolsChanged: v1 gets list_changed on the
// session's GET stream (opened by the SDK after initialize); v2 opens a
// subscriptions/listen stream ({toolsListChanged: true}) and resolves once acknowledged.
import { Client as ClientV1 } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport as TransportV1 } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { CallToolResultSchema, ToolListChangedNotificationSchema } from '@modelcontextprotocol/sdk/types.js';
import { Client as ClientV2, StreamableHTTPClientTransport as TransportV2 } from '@modelcontextprotocol/client';

// A guard kept from a fixed endpoint bug: 2026-07-28 results of server/discover,
// tools/list, resources/list, resources/templates/list, prompts/list and
// resources/read must carry `ttlMs` and `cacheScope` (SDK v2 rejects them otherwise).
// Should one be missing again, this fetch adds the fields and records the method in
// `patched`, so the test fails on that check and still runs its others.
const CACHEABLE = new Set(['server/discover', 'tools/list', 'resources/list',
                           'resources/templates/list', 'prompts/list', 'resources/read']);
function cacheFieldsFetch(patched) {
    const fix = text => {
        const message = JSON.parse(text);
        const result = message.result;
        if (result && (result.ttlMs === undefined || result.cacheScope === undefined)) {
            result.ttlMs ??= 0;
            result.cacheScope ??= 'private';
            return [JSON.stringify(message), true];
        }
        return [text, false];
    };
    return async (input, init) => {
        const response = await fetch(input, init);
        let method;
        try {
            method = JSON.parse(init?.body ?? 'null')?.method;
        } catch {
            method = undefined;
        }
        if (!CACHEABLE.has(method) || !response.ok)
            return response;
        const type = response.headers.get('content-type') ?? '';
        let body = await response.text();
        let changed = false;
        if (type.startsWith('application/json')) {
            [body, changed] = fix(body);
        } else if (type.startsWith('text/event-stream')) {
            body = body.replace(/^data: (.*)$/gm, (_, data) => {
                const [text, c] = fix(data);
                changed ||= c;
                return `data: ${text}`;
            });
        }
        if (changed)
            patched.add(method);
        return new Response(body, { status: response.status, statusText: response.statusText,
                                    headers: response.headers });
    };
}

// `patched` (a Set, v2 only): methods whose results needed the workaround above.
export async function connectSdk(sdk, url, name, patched = new Set()) {
    if (sdk === 'v1') {
        const client = new ClientV1({ name, version: '1.0.0' }, { capabilities: {} });
        const transport = new TransportV1(new URL(url));
        await client.connect(transport);
        return {
            listTools: () => client.listTools(),
            callTool: (params, options) => client.callTool(params, CallToolResultSchema, options),
            readResource: (params, options) => client.readResource(params, options),
            getPrompt: (params, options) => client.getPrompt(params, options),
            serverVersion: () => client.getServerVersion(),
            protocolVersion: () => transport.protocolVersion,
            era: () => 'legacy',
            sessionId: () => transport.sessionId,
            watchToolsChanged: async handler => {
                client.setNotificationHandler(ToolListChangedNotificationSchema, handler);
            },
            close: () => client.close(),
        };
    }
    const client = new ClientV2({ name, version: '1.0.0' },
                                { capabilities: {}, versionNegotiation: { mode: { pin: '2026-07-28' } } });
    await client.connect(new TransportV2(new URL(url), { fetch: cacheFieldsFetch(patched) }));
    return {
        listTools: () => client.listTools(),
        callTool: (params, options) => client.callTool(params, options),
        readResource: (params, options) => client.readResource(params, options),
        getPrompt: (params, options) => client.getPrompt(params, options),
        serverVersion: () => client.getServerVersion(),
        protocolVersion: () => client.getNegotiatedProtocolVersion(),
        era: () => client.getProtocolEra(),
        sessionId: () => undefined,
        watchToolsChanged: async handler => {
            client.setNotificationHandler('notifications/tools/list_changed', handler);
            return client.listen({ toolsListChanged: true });
        },
        close: () => client.close(),
    };
}
