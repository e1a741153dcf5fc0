// Runs one server scenario of the 2026-07-28 conformance suite
// (conformance-2026 = @modelcontextprotocol/conformance 0.2.0-alpha.12)
// against the pool endpoint: a fresh mcp-demo-worker of the given era (the
// conformant server, as in run-server-scenario.mjs) behind `mcp-poolctl serve
// --mcp-listen 127.0.0.1:0`; the suite talks to the endpoint's URL. Then stops both.
//   node run-endpoint-scenario.mjs <mcp-poolctl> <mcp-demo-worker> <era> <scenario>
//        [spec-version (default 2026-07-28)] [direct]
// With `direct` the suite talks to the worker itself (the baseline the endpoint
// must match), e.g. for the 2025-11-25 runs that run-server-scenario.mjs does not make.
// Exits with the suite's exit code (also non-zero when it reports a failure).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { startFleet } from './endpoint-fleet.mjs';

const [poolctl, worker, era, scenario, specVersion = '2026-07-28', mode = 'endpoint']
    = process.argv.slice(2);
if (!poolctl || !worker || !era || !scenario || !['endpoint', 'direct'].includes(mode)) {
    console.error('usage: node run-endpoint-scenario.mjs <mcp-poolctl> <mcp-demo-worker> <era> <scenario> '
                  + '[spec-version] [direct]');
    process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const suite = path.join(here, 'node_modules', 'conformance-2026', 'dist', 'index.js');

let fleet;
try {
    fleet = await startFleet({ poolctl, worker, eras: [era] });
} catch (error) {
    console.error(`FAIL: ${error.message}`);
    process.exit(1);
}
const target = mode === 'direct' ? fleet.workers[0].url : fleet.url;
console.log(mode === 'direct' ? `directly at ${target} (${era}), spec ${specVersion}`
                              : `endpoint ${fleet.url} in front of ${fleet.workers[0].url} (${era}), spec ${specVersion}`);

let output = '';
const run = spawn(process.execPath, [suite, 'server', '--url', target, '--scenario', scenario,
                                     '--spec-version', specVersion, '--timeout', '15000'],
                  { stdio: ['ignore', 'pipe', 'inherit'] });
run.stdout.on('data', chunk => { output += chunk; process.stdout.write(chunk); });
const code = await new Promise(resolve => run.on('exit', resolve));
fleet.stop();
const summary = output.replace(/\x1b\[[0-9;]*m/g, '').match(/Passed: (\d+)\/(\d+), (\d+) failed/);
const clean = summary && summary[1] === summary[2] && summary[3] === '0';
process.exit(code === 0 && clean ? 0 : 1);
