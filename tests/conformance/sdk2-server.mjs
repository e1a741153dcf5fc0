// A fixture MCP server on the official TypeScript SDK v2
// (@modelcontextprotocol/server 2.4.0 + @modelcontextprotocol/node 2.1.2),
// for the C++ client's interop tests. Loopback only.
//
//   node sdk2-server.mjs --mode modern|dual [--port N] [--keep-stdin]
//
//   modern  createMcpHandler(factory, { legacy: 'reject' }): 2026-07-28 only;
//           2025-era requests (initialize, claim-less POSTs) are refused.
//   dual    createMcpHandler(factory) (legacy: 'stateless', the default):
//           2026-07-28 plus a stateless 2025-era fallback from the same factory.
//
// Prints "http://127.0.0.1:<port>/mcp" on stdout once listening (port 0, the
// default, picks a free one). Exits on SIGTERM/SIGINT and when stdin closes
// (unless --keep-stdin), so a test that dies does not leave it behind.
//
// Tools: add_numbers, echo (message mirrored in the Mcp-Param-Echo-Message
// header: x-mcp-header), slow_progress (progress notifications), confirm_action
// (elicitation through MRTR, resultType input_required), always_fails
// (isError), toggle_extra_tool (adds/removes extra_tool and publishes
// notifications/tools/list_changed to subscriptions/listen streams).
// Resource fixture://readme, template fixture://greeting/{name}; prompt greet
// with a completable argument "name".
import { createServer } from 'node:http';
import { parseArgs } from 'node:util';
import { localhostHostValidation, localhostOriginValidation, toNodeHandler } from '@modelcontextprotocol/node';
import {
  McpServer,
  ResourceTemplate,
  acceptedContent,
  completable,
  createMcpHandler,
  inputRequired
} from '@modelcontextprotocol/server';
import * as z from 'zod';

let options;
try {
  ({ values: options } = parseArgs({
    options: {
      mode: { type: 'string', default: 'modern' },
      port: { type: 'string', default: '0' },
      'keep-stdin': { type: 'boolean', default: false }
    },
    strict: true
  }));
} catch (e) {
  console.error(`sdk2-server: ${e.message}`);
  process.exit(2);
}
if (options.mode !== 'modern' && options.mode !== 'dual') {
  console.error(`sdk2-server: --mode must be modern or dual, not '${options.mode}'`);
  process.exit(2);
}
const port = Number(options.port);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`sdk2-server: --port must be 0..65535, not '${options.port}'`);
  process.exit(2);
}

const NAMES = ['alice', 'bob', 'carol', 'dave'];
const complete = (value) => NAMES.filter((n) => n.startsWith(value ?? ''));
let extraToolEnabled = false;
let handler;

const text = (t) => ({ content: [{ type: 'text', text: t }] });

function buildServer(ctx) {
  const server = new McpServer({ name: 'mcppm-sdk2-fixture', version: '2.4.0' });

  server.registerTool('add_numbers', {
    description: 'Add two numbers',
    inputSchema: z.object({ a: z.number(), b: z.number() })
  }, async ({ a, b }) => text(`The sum of ${a} and ${b} is ${a + b}.`));

  server.registerTool('echo', {
    description: 'Echo a message (the message is mirrored in the Mcp-Param-Echo-Message header)',
    inputSchema: z.object({
      message: z.string().meta({ 'x-mcp-header': 'Echo-Message' })
    })
  }, async ({ message }) => text(`Echo: ${message}`));

  server.registerTool('slow_progress', {
    description: 'Sends `steps` progress notifications `delayMs` apart, then answers',
    inputSchema: z.object({
      steps: z.number().int().min(1).max(20).default(3),
      delayMs: z.number().int().min(0).max(2000).default(50)
    })
  }, async ({ steps, delayMs }, c) => {
    const token = c.mcpReq._meta?.progressToken;
    for (let i = 1; i <= steps; i++) {
      await new Promise((r) => setTimeout(r, delayMs));
      if (token !== undefined) {
        await c.mcpReq.notify({
          method: 'notifications/progress',
          params: { progressToken: token, progress: i, total: steps, message: `step ${i}/${steps}` }
        });
      }
    }
    return text(`Completed ${steps} steps.`);
  });

  server.registerTool('confirm_action', {
    description: 'Asks the user to confirm through elicitation (MRTR input_required on 2026-07-28)',
    inputSchema: z.object({ action: z.string() })
  }, async ({ action }, c) => {
    if (ctx.era !== 'modern') {
      return { ...text('confirm_action needs 2026-07-28 (multi-round-trip); this request came in the 2025 era'), isError: true };
    }
    const answer = acceptedContent(c.mcpReq.inputResponses, 'confirm');
    if (answer === undefined) {
      return inputRequired({
        inputRequests: {
          confirm: inputRequired.elicit({
            message: `Really ${action}?`,
            requestedSchema: {
              type: 'object',
              properties: { confirm: { type: 'boolean', title: 'Confirm', default: false } },
              required: ['confirm']
            }
          })
        },
        requestState: `confirm:${action}`
      });
    }
    return text(answer.confirm === true ? `Confirmed: ${action}` : `Declined: ${action}`);
  });

  server.registerTool('always_fails', {
    description: 'Always fails with isError',
    inputSchema: z.object({})
  }, async () => ({ ...text('This tool always fails.'), isError: true }));

  server.registerTool('toggle_extra_tool', {
    description: 'Adds or removes extra_tool and announces notifications/tools/list_changed',
    inputSchema: z.object({})
  }, async () => {
    extraToolEnabled = !extraToolEnabled;
    handler.notify.toolsChanged();
    return text(`extra_tool ${extraToolEnabled ? 'added' : 'removed'}`);
  });
  if (extraToolEnabled) {
    server.registerTool('extra_tool', { description: 'Present after toggle_extra_tool' },
      async () => text('extra'));
  }

  server.registerResource('readme', 'fixture://readme',
    { title: 'Fixture readme', mimeType: 'text/plain' },
    async (uri) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: 'SDK v2 fixture server' }] }));

  server.registerResource('greeting',
    new ResourceTemplate('fixture://greeting/{name}', { list: undefined, complete: { name: complete } }),
    { title: 'Greeting', mimeType: 'text/plain' },
    async (uri, { name }) => ({ contents: [{ uri: uri.href, mimeType: 'text/plain', text: `Hello, ${name}!` }] }));

  server.registerPrompt('greet', {
    description: 'Greets someone',
    argsSchema: z.object({ name: completable(z.string(), complete) })
  }, ({ name }) => ({
    messages: [{ role: 'user', content: { type: 'text', text: `Please greet ${name}.` } }]
  }));

  return server;
}

handler = createMcpHandler(buildServer, {
  legacy: options.mode === 'modern' ? 'reject' : 'stateless',
  onerror: (e) => console.error(`sdk2-server: ${e.message}`)
});
const serve = toNodeHandler(handler);
const validateHost = localhostHostValidation();
const validateOrigin = localhostOriginValidation();

const httpServer = createServer((req, res) => {
  if (!validateHost(req, res) || !validateOrigin(req, res)) return;
  const path = (req.url || '/').split('?')[0];
  if (path !== '/mcp') {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found: the endpoint is /mcp\n');
    return;
  }
  serve(req, res).catch((e) => {
    console.error(`sdk2-server: ${e.message}`);
    if (!res.headersSent) res.writeHead(500).end();
  });
});

let stopping = false;
function stop(why) {
  if (stopping) return;
  stopping = true;
  console.error(`sdk2-server: stopping (${why})`);
  handler.close().catch(() => {});
  httpServer.closeAllConnections();
  httpServer.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 1000).unref();
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
if (!options['keep-stdin']) {
  process.stdin.on('end', () => stop('stdin closed'));
  process.stdin.on('error', () => stop('stdin error'));
  process.stdin.resume();
}

httpServer.on('error', (e) => {
  console.error(`sdk2-server: cannot listen on 127.0.0.1:${port}: ${e.message}`);
  process.exit(1);
});
httpServer.listen(port, '127.0.0.1', () => {
  console.log(`http://127.0.0.1:${httpServer.address().port}/mcp`);
});
