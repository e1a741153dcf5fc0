#!/usr/bin/env node
// bench/sdk-pool.mjs — the reference side of bench/compare-sdk: a minimal round-robin pool on the
// official TypeScript MCP SDK, measured the same way as `mcp-poolctl bench --json`.
//
//   node bench/sdk-pool.mjs [--sdk v1|v2] --tool echo --args '{"message":"hi"}' --calls N \
//        --concurrency C [--warmup W] [--timeout MS] URL [URL...]
//
// --sdk v1 (the default): @modelcontextprotocol/sdk (1.x), the 2025-11-25 client.
// --sdk v2: @modelcontextprotocol/client (2.x) with versionNegotiation { mode: 'auto' }, so it
// probes with server/discover and speaks 2026-07-28 to a modern server (2025 otherwise); the
// negotiated version of each server is reported in "protocol_versions".
//
// One Client + StreamableHTTPClientTransport per URL, connected (v1: initialize; v2: discover)
// and tools/list run before the clock starts (v2 needs the list for Mcp-Param-* mirroring). C workers each take the next call index until N calls are issued; call i goes
// to server i mod S (round robin). Prints one JSON line on stdout with the keys of our bench JSON:
// calls, completed, failed, lost (= calls - completed - failed), seconds, calls_per_s,
// latency_ms {p50, p95, p99, max}, cpu_ms_per_call (user+system of this process over the timed
// part), max_rss_mb; plus tool, concurrency, strategy, tool_errors, errors_by_kind, warmup, sdk.
// --warmup W makes W untimed calls (same concurrency) after connecting, before the clock starts.
//
// The SDK is loaded from the pinned peers in tests/conformance/node_modules (override the folder
// with MCPPM_PEERS_DIR), so no second node_modules is needed. Run it with the pinned node 22.

import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const peersDir = resolve(process.env.MCPPM_PEERS_DIR || join(here, '..', 'tests', 'conformance'));

function usage(message) {
  if (message) process.stderr.write(`sdk-pool: ${message}\n`);
  process.stderr.write(
    'usage: node bench/sdk-pool.mjs [--sdk v1|v2] --tool T [--args JSON] --calls N --concurrency C ' +
      '[--warmup W] [--timeout MS] URL [URL...]\n');
  process.exit(2);
}

function parseArgs(argv) {
  const o = { sdk: 'v1', tool: '', args: {}, calls: 0, concurrency: 0, warmup: 0, timeout: 10000, urls: [] };
  const intOpt = (name, v) => {
    if (v === undefined || !/^\d+$/.test(v)) usage(`${name} wants a non-negative integer`);
    return Number(v);
  };
  for (let i = 0; i < argv.length; ++i) {
    const a = argv[i];
    switch (a) {
      case '--sdk':
        o.sdk = argv[++i];
        if (o.sdk !== 'v1' && o.sdk !== 'v2') usage('--sdk wants v1 or v2');
        break;
      case '--tool': o.tool = argv[++i] ?? ''; break;
      case '--args':
        try { o.args = JSON.parse(argv[++i]); } catch { usage('--args must be JSON'); }
        if (!o.args || typeof o.args !== 'object' || Array.isArray(o.args)) usage('--args must be a JSON object');
        break;
      case '--calls': o.calls = intOpt(a, argv[++i]); break;
      case '--concurrency': o.concurrency = intOpt(a, argv[++i]); break;
      case '--warmup': o.warmup = intOpt(a, argv[++i]); break;
      case '--timeout': o.timeout = intOpt(a, argv[++i]); break;
      case '-h': case '--help': usage(); break;
      default:
        if (a.startsWith('-')) usage(`unknown option ${a}`);
        o.urls.push(a);
    }
  }
  if (!o.tool || o.calls <= 0 || o.concurrency <= 0 || o.urls.length === 0)
    usage('wants --tool, --calls N (> 0), --concurrency C (> 0) and at least one URL');
  return o;
}

// Same percentile as mcp-poolctl bench: sorted[min(n - 1, floor(p / 100 * n))].
function percentile(sorted, p) {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const opts = parseArgs(process.argv.slice(2));

const sdkPackage = opts.sdk === 'v2' ? 'client' : 'sdk';
const sdkName = `@modelcontextprotocol/${sdkPackage}`;
const sdkDir = join(peersDir, 'node_modules', '@modelcontextprotocol', sdkPackage);
let Client, StreamableHTTPClientTransport, sdkVersion;
try {
  sdkVersion = JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8')).version;
  if (opts.sdk === 'v2') {
    ({ Client, StreamableHTTPClientTransport } =
      await import(pathToFileURL(join(sdkDir, 'dist/index.mjs')).href));
  } else {
    ({ Client } = await import(pathToFileURL(join(sdkDir, 'dist/esm/client/index.js')).href));
    ({ StreamableHTTPClientTransport } =
      await import(pathToFileURL(join(sdkDir, 'dist/esm/client/streamableHttp.js')).href));
  }
  if (typeof Client !== 'function' || typeof StreamableHTTPClientTransport !== 'function')
    throw new Error('Client or StreamableHTTPClientTransport is not exported');
} catch (e) {
  process.stderr.write(`sdk-pool: cannot load ${sdkName} from ${sdkDir} ` +
    `(run npm ci in tests/conformance): ${e.message}\n`);
  process.exit(3);
}

// v2: negotiate (server/discover first, 2026-07-28 when the server offers it).
const clientOptions = opts.sdk === 'v2'
  ? { capabilities: {}, versionNegotiation: { mode: 'auto' } }
  : { capabilities: {} };
const servers = [];
for (const url of opts.urls) {
  const client = new Client({ name: 'mcppm-sdk-pool-bench', version: '1.0.0' }, clientOptions);
  const transport = new StreamableHTTPClientTransport(new URL(url));
  client.onerror = (err) => process.stderr.write(`sdk-pool: ${url}: ${err?.message ?? err}\n`);
  try {
    await client.connect(transport, { timeout: opts.timeout });
    await client.listTools(undefined, { timeout: opts.timeout });
  } catch (e) {
    process.stderr.write(`sdk-pool: cannot connect to ${url}: ${e?.message ?? e}\n`);
    process.exit(3);
  }
  servers.push({ url, client, transport, protocolVersion: client.getNegotiatedProtocolVersion?.() ?? null });
}

let progressDone = 0; // calls finished in the timed run (for the stderr progress line only)

// Runs `count` calls with opts.concurrency workers; returns per-call stats.
async function run(count, record) {
  let next = 0;
  const r = { completed: 0, failed: 0, toolErrors: 0, errorsByKind: {}, latencies: [] };
  const params = { name: opts.tool, arguments: opts.args };
  async function worker() {
    for (;;) {
      const i = next++;
      if (i >= count) return;
      const server = servers[i % servers.length];
      const t0 = performance.now();
      try {
        const result = await server.client.callTool(params, undefined, { timeout: opts.timeout });
        const ms = performance.now() - t0;
        ++r.completed;
        if (result?.isError) ++r.toolErrors;
        if (record) { r.latencies.push(ms); ++progressDone; }
      } catch (e) {
        const ms = performance.now() - t0;
        ++r.failed;
        const kind = e?.code !== undefined ? `code ${e.code}` : (e?.name || 'Error');
        r.errorsByKind[kind] = (r.errorsByKind[kind] || 0) + 1;
        if (record) { r.latencies.push(ms); ++progressDone; }
        if (r.failed <= 5) process.stderr.write(`sdk-pool: call ${i} on ${server.url}: ${e?.message ?? e}\n`);
      }
    }
  }
  const workers = [];
  for (let w = 0; w < Math.min(opts.concurrency, count); ++w) workers.push(worker());
  await Promise.all(workers);
  return r;
}

if (opts.warmup > 0) await run(opts.warmup, false);

const cpuBefore = process.cpuUsage();
const t0 = process.hrtime.bigint();
const progress = setInterval(() => {
  const s = Number(process.hrtime.bigint() - t0) / 1e9;
  process.stderr.write(`sdk-pool: ${progressDone}/${opts.calls} done, ${(progressDone / s).toFixed(0)} calls/s\n`);
}, 1000);
const r = await run(opts.calls, true);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
const cpu = process.cpuUsage(cpuBefore);
clearInterval(progress);

r.latencies.sort((a, b) => a - b);
const round3 = (x) => Math.round(x * 1000) / 1000;
const out = {
  tool: opts.tool,
  calls: opts.calls,
  concurrency: opts.concurrency,
  strategy: 'round-robin',
  completed: r.completed,
  tool_errors: r.toolErrors,
  failed: r.failed,
  lost: opts.calls - r.completed - r.failed,
  errors_by_kind: r.errorsByKind,
  seconds,
  calls_per_s: seconds > 0 ? r.completed / seconds : 0,
  latency_ms: {
    p50: round3(percentile(r.latencies, 50)),
    p95: round3(percentile(r.latencies, 95)),
    p99: round3(percentile(r.latencies, 99)),
    max: round3(r.latencies.length ? r.latencies[r.latencies.length - 1] : 0),
  },
  cpu_ms_per_call: (cpu.user + cpu.system) / 1000 / opts.calls,
  max_rss_mb: process.resourceUsage().maxRSS / 1024,
  warmup: opts.warmup,
  sdk: `${sdkName} ${sdkVersion}`,
  protocol_versions: servers.map((s) => s.protocolVersion),
  node: process.version,
};

// After the clock: end the sessions (DELETE) and close the transports.
for (const s of servers) {
  // A 2026-07-28 connection has no session to end.
  if (s.transport.sessionId) {
    try { await s.transport.terminateSession(); } catch { /* the server may not support it */ }
  }
  try { await s.client.close(); } catch { /* already closed */ }
}
process.stdout.write(JSON.stringify(out) + '\n');
process.exit(0);
