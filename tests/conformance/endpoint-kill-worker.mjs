// A worker killed under load behind the pool endpoint (issue 16, real peers):
// one official TS SDK client (v1: 2025-11-25 session; v2: 2026-07-28) makes
// CALLS tool calls at concurrency 8 through `mcp-poolctl serve --mcp-listen`
// in front of three mcp-demo-workers (legacy, modern, both); after KILL_AFTER
// answered calls the test SIGKILLs the second worker. Every call must succeed:
// the pool fails the killed worker's calls over to the others.
//   node endpoint-kill-worker.mjs <mcp-poolctl> <mcp-demo-worker> <v1|v2> [calls] [kill-after]
// Prints one line per check; exits 0 only when all pass.
import { checker, startFleet, within } from './endpoint-fleet.mjs';
import { connectSdk } from './endpoint-sdk.mjs';

const [poolctl, worker, sdk, callsArg, killArg] = process.argv.slice(2);
if (!poolctl || !worker || !['v1', 'v2'].includes(sdk)) {
    console.error('usage: node endpoint-kill-worker.mjs <mcp-poolctl> <mcp-demo-worker> <v1|v2> '
                  + '[calls] [kill-after]');
    process.exit(2);
}
const CALLS = Number(callsArg ?? 200);
const KILL_AFTER = Number(killArg ?? 50);
const CONCURRENCY = 8;
const VICTIM = 1;
const { check, summary } = checker(`kill ${sdk}`);
const watchdog = setTimeout(() => {
    console.error('FAIL: timed out after 60 s');
    process.exit(1);
}, 60000);

let fleet;
try {
    fleet = await startFleet({ poolctl, worker, eras: ['legacy', 'modern', 'both'] });
    const victim = fleet.workers[VICTIM];
    const client = await within(connectSdk(sdk, fleet.url, `endpoint-kill-${sdk}`), 10000, 'connect');
    const servedBefore = await fleet.metric('mcppm_server_requests_total', { server: victim.id });

    let next = 0;
    let succeeded = 0;
    let killedAt = -1;
    const failures = [];
    // Even calls echo (answer at once), odd calls sleep 20 ms, so that calls are
    // in flight at the victim when it dies.
    const one = async i => {
        try {
            if (i % 2 === 0) {
                const r = await client.callTool({ name: 'echo', arguments: { message: `c${i}` } },
                                                { timeout: 15000 });
                if (r.isError || r.content?.[0]?.text !== `c${i}`)
                    throw new Error(`wrong answer ${JSON.stringify(r)}`);
            } else {
                const r = await client.callTool({ name: 'sleep', arguments: { ms: 20 } },
                                                { timeout: 15000 });
                if (r.isError)
                    throw new Error(`tool error ${JSON.stringify(r)}`);
            }
            succeeded++;
        } catch (error) {
            failures.push(`call ${i}: ${error?.message ?? error}`);
        }
        if (succeeded + failures.length === KILL_AFTER && killedAt < 0) {
            killedAt = succeeded + failures.length;
            fleet.kill(VICTIM);
        }
    };
    const lane = async () => {
        while (next < CALLS)
            await one(next++);
    };
    const started = Date.now();
    await within(Promise.all(Array.from({ length: CONCURRENCY }, lane)), 45000, 'the load');
    const seconds = (Date.now() - started) / 1000;

    check(killedAt === KILL_AFTER, `worker ${victim.id} (${victim.era}) SIGKILLed after ${KILL_AFTER} answered calls`,
          `killed at ${killedAt}`);
    await new Promise(resolve => {
        if (victim.process.exitCode !== null || victim.process.signalCode !== null)
            resolve();
        else
            victim.process.on('exit', resolve);
    });
    check(victim.process.signalCode === 'SIGKILL', 'the victim died of SIGKILL',
          String(victim.process.signalCode));
    check(succeeded === CALLS && failures.length === 0,
          `${CALLS} calls at concurrency ${CONCURRENCY}: every one succeeded, none failed`,
          `${succeeded} succeeded, ${failures.length} failed in ${seconds.toFixed(1)} s`
              + (failures.length ? `: ${failures.slice(0, 3).join('; ')}` : ''));
    const servedByVictim = (await fleet.metric('mcppm_server_requests_total', { server: victim.id }))
                           - servedBefore;
    check(servedByVictim > 0, 'the victim served calls before it died', `${servedByVictim} requests`);
    const status = await fleet.metric('mcppm_server_status', { server: victim.id, status: 'online' });
    check(status === 0, 'the pool no longer counts the victim online', `online=${status}`);
    const failovers = await fleet.metric('mcppm_task_failovers_total');
    const retries = await fleet.metric('mcppm_task_retries_total');
    console.log(`info kill ${sdk}: task failovers ${failovers}, retries ${retries}`);
    const errors = await fleet.metric('mcppm_endpoint_client_errors_total',
                                      { client: `endpoint-kill-${sdk}` });
    check(errors === 0, 'the endpoint answered no request of this client with an error',
          `mcppm_endpoint_client_errors_total=${errors}`);
    // A last call after the load: the two survivors still serve.
    const last = await within(client.callTool({ name: 'echo', arguments: { message: 'after' } }), 5000,
                              'last call');
    check(last.content?.[0]?.text === 'after', 'a call after the load succeeds',
          last.content?.[0]?.text);
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
