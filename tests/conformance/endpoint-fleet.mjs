// A fleet behind the pool endpoint, for the tests with real peers (issue 16):
// mcp-demo-worker processes on free loopback ports, and `mcp-poolctl serve
// --mcp-listen 127.0.0.1:0` in front of them. Everything is started with
// bounded waits and stopped on stop(), on exit and on SIGINT/SIGTERM.
//
//   const fleet = await startFleet({ poolctl, worker, eras: ['legacy', 'modern'] });
//   fleet.url            http://127.0.0.1:P/mcp (the endpoint)
//   fleet.metricsUrl     http://127.0.0.1:P/metrics (same port)
//   fleet.workers[i]     { id, era, url, process }
//   fleet.kill(i)        SIGKILL worker i
//   await fleet.metric(name, labels)   one sample from /metrics (undefined if absent)
//   fleet.stop()
import { spawn } from 'node:child_process';

const children = new Set();
function stopAll() {
    for (const child of children) {
        if (child.exitCode === null && child.signalCode === null)
            child.kill('SIGTERM');
    }
    children.clear();
}
process.on('exit', stopAll);
for (const signal of ['SIGINT', 'SIGTERM']) {
    process.on(signal, () => {
        stopAll();
        process.exit(1);
    });
}

// Starts a program and resolves with the first match of `pattern` on its stdout.
function startAndWait(program, args, pattern, what, timeoutMs = 10000) {
    const child = spawn(program, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    children.add(child);
    let stderr = '';
    child.stderr.on('data', chunk => {
        stderr += chunk;
        if (stderr.length > 20000)
            stderr = stderr.slice(-10000);
    });
    const ready = new Promise((resolve, reject) => {
        let buffer = '';
        const timer = setTimeout(() => reject(new Error(`${what} did not start in ${timeoutMs} ms`)),
                                 timeoutMs);
        child.stdout.on('data', chunk => {
            buffer += chunk;
            const m = buffer.match(pattern);
            if (m) {
                clearTimeout(timer);
                resolve(m[1]);
            }
        });
        child.on('exit', code => {
            clearTimeout(timer);
            reject(new Error(`${what} exited (${code}) before it was ready: ${stderr.trim()}`));
        });
    });
    return { child, ready, stderr: () => stderr };
}

export async function startFleet({ poolctl, worker, eras, workerArgs = [], serveArgs = [],
                                   serverOptions = '', readyTimeoutMs = 10000 }) {
    const workers = [];
    for (const [i, era] of eras.entries()) {
        const w = startAndWait(worker, ['--era', era, '--port', '0', '--host', '127.0.0.1',
                                        ...workerArgs],
                               /^listening on (\S+)\n/m, `mcp-demo-worker ${i} (${era})`);
        workers.push({ id: `w${i}`, era, process: w.child, url: await w.ready });
    }
    const servers = workers.flatMap(w => ['--server', `${w.id}=${w.url}${serverOptions}`]);
    const serve = startAndWait(poolctl, ['serve', ...servers, '--mcp-listen', '127.0.0.1:0',
                                         ...serveArgs],
                               /^serving MCP on (\S+) /m, 'mcp-poolctl serve');
    const url = await serve.ready;
    const metricsUrl = url.replace(/\/mcp$/, '/metrics');

    async function metrics() {
        const response = await fetch(metricsUrl);
        return response.text();
    }
    async function metric(name, labels = {}) {
        const text = await metrics();
        for (const line of text.split('\n')) {
            const m = line.match(/^([a-z_]+)(?:\{(.*)\})? (\S+)$/);
            if (!m || m[1] !== name)
                continue;
            const have = Object.fromEntries([...(m[2] ?? '').matchAll(/(\w+)="([^"]*)"/g)]
                                                .map(x => [x[1], x[2]]));
            if (Object.entries(labels).every(([k, v]) => have[k] === v))
                return Number(m[3]);
        }
        return undefined;
    }
    // Every worker online in the pool (bounded).
    const deadline = Date.now() + readyTimeoutMs;
    for (;;) {
        const online = await Promise.all(
            workers.map(w => metric('mcppm_server_status', { server: w.id, status: 'online' })));
        if (online.every(v => v === 1))
            break;
        if (Date.now() > deadline)
            throw new Error(`workers not online in the pool after ${readyTimeoutMs} ms`);
        await new Promise(r => setTimeout(r, 50));
    }

    return {
        url,
        metricsUrl,
        workers,
        serve: serve.child,
        serveStderr: serve.stderr,
        metrics,
        metric,
        kill(i) {
            workers[i].process.kill('SIGKILL');
        },
        stop: stopAll,
    };
}

// Resolves after `ms`, or rejects when `promise` takes longer.
export function within(promise, ms, what) {
    let timer;
    return Promise.race([
        promise.finally(() => clearTimeout(timer)),
        new Promise((_, reject) => {
            timer = setTimeout(() => reject(new Error(`${what}: no answer in ${ms} ms`)), ms);
        }),
    ]);
}

// One line per check, "ok" or "FAIL"; summary() ends the run.
export function checker(prefix) {
    let failures = 0;
    return {
        check(ok, what, detail = '') {
            console.log(`${ok ? 'ok  ' : 'FAIL'} ${prefix}: ${what}${detail ? ` (${detail})` : ''}`);
            if (!ok)
                failures++;
            return ok;
        },
        get failures() {
            return failures;
        },
        summary() {
            console.log(failures ? `${failures} check(s) failed` : 'all checks passed');
            return failures ? 1 : 0;
        },
    };
}
