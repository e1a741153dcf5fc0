// Runs one server scenario of the 2026-07-28 conformance suite
// (conformance-2026 = @modelcontextprotocol/conformance 0.2.0-alpha.12)
// against a fresh mcp-demo-worker on a free loopback port, then stops it.
//   node run-server-scenario.mjs <mcp-demo-worker> <era> <scenario>
// Exits with the suite's exit code (also non-zero when it reports a failure).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

const [workerPath, era, scenario] = process.argv.slice(2);
if (!workerPath || !era || !scenario) {
    console.error('usage: node run-server-scenario.mjs <mcp-demo-worker> <era> <scenario>');
    process.exit(2);
}
const here = path.dirname(fileURLToPath(import.meta.url));
const suite = path.join(here, 'node_modules', 'conformance-2026', 'dist', 'index.js');

const worker = spawn(workerPath, ['--era', era, '--port', '0', '--host', '127.0.0.1'], {
    stdio: ['ignore', 'pipe', 'inherit'],
});
const stopWorker = () => { if (worker.exitCode === null) worker.kill('SIGTERM'); };
process.on('exit', stopWorker);

const url = await new Promise((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => reject(new Error('worker did not start in 10 s')), 10000);
    worker.stdout.on('data', chunk => {
        buffer += chunk;
        const m = buffer.match(/^listening on (\S+)\n/);
        if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    worker.on('exit', code => reject(new Error(`worker exited (${code}) before listening`)));
}).catch(error => { console.error(`FAIL: ${error.message}`); process.exit(1); });

let output = '';
const run = spawn(process.execPath, [suite, 'server', '--url', url, '--scenario', scenario,
                                     '--spec-version', '2026-07-28', '--timeout', '15000'],
                  { stdio: ['ignore', 'pipe', 'inherit'] });
run.stdout.on('data', chunk => { output += chunk; process.stdout.write(chunk); });
const code = await new Promise(resolve => run.on('exit', resolve));
stopWorker();
const summary = output.replace(/\x1b\[[0-9;]*m/g, '').match(/Passed: (\d+)\/(\d+), (\d+) failed/);
const clean = summary && summary[1] === summary[2] && summary[3] === '0';
process.exit(code === 0 && clean ? 0 : 1);
