// Task handles through the pool endpoint with a real peer (issue 16): the official
// TypeScript SDK v1 client (@modelcontextprotocol/sdk 1.32.2, 2025-11-25) uses its
// experimental tasks API against `mcp-poolctl serve --mcp-listen` in front of a legacy
// and a modern mcp-demo-worker. Checks: the tasks capability is declared; a task-
// augmented tools/call yields taskCreated then the tool's result (callToolStream polls
// tasks/get and fetches tasks/result); listTasks shows it; a long task cancelled with
// cancelTask reads as cancelled and its worker call ends.
//   node endpoint-sdk-tasks.mjs <mcp-poolctl> <mcp-demo-worker>
// Prints one line per check; exits 0 only when all pass.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { checker, startFleet, within } from './endpoint-fleet.mjs';

const [poolctl, worker] = process.argv.slice(2);
if (!poolctl || !worker) {
    console.error('usage: node endpoint-sdk-tasks.mjs <mcp-poolctl> <mcp-demo-worker>');
    process.exit(2);
}
const { check, summary } = checker('sdk v1 tasks');
const watchdog = setTimeout(() => {
    console.error('FAIL: timed out after 60 s');
    process.exit(1);
}, 60000);

let fleet;
try {
    fleet = await startFleet({ poolctl, worker, eras: ['legacy', 'modern'] });
    const client = new Client({ name: 'endpoint-tasks-v1', version: '1.0.0' }, { capabilities: {} });
    await within(client.connect(new StreamableHTTPClientTransport(new URL(fleet.url))), 10000,
                 'connect');
    const caps = client.getServerCapabilities();
    check(caps?.tasks?.requests?.tools?.call !== undefined && caps?.tasks?.cancel !== undefined,
          'the endpoint declares tasks for tools/call, cancel and list', JSON.stringify(caps?.tasks));
    const tools = (await client.listTools()).tools;
    check(tools.every(t => t.execution?.taskSupport === 'optional'),
          'every tool of the union takes task-augmented calls',
          tools.map(t => `${t.name}:${t.execution?.taskSupport}`).join(','));

    // A task-augmented call: taskCreated, then the tool's own result.
    const kinds = [];
    let taskId;
    let result;
    const stream = client.experimental.tasks.callToolStream(
        { name: 'sleep', arguments: { ms: 400 } }, undefined, { task: { ttl: 60000 } });
    await within((async () => {
        for await (const message of stream) {
            kinds.push(message.type);
            if (message.type === 'taskCreated')
                taskId = message.task.taskId;
            if (message.type === 'result')
                result = message.result;
            if (message.type === 'error')
                result = { error: String(message.error) };
        }
    })(), 15000, 'callToolStream');
    check(kinds[0] === 'taskCreated' && typeof taskId === 'string' && /^[0-9a-f]{32}$/.test(taskId),
          'a task handle comes first', kinds.join(','));
    check(kinds.at(-1) === 'result' && JSON.stringify(result?.content ?? '').includes('400'),
          'the stream ends with the tool\'s result', JSON.stringify(result));
    const state = await client.experimental.tasks.getTask(taskId);
    check(state.status === 'completed', 'tasks/get: completed', state.status);
    const listed = await client.experimental.tasks.listTasks();
    check(listed.tasks.some(t => t.taskId === taskId), 'tasks/list shows it',
          listed.tasks.map(t => t.taskId).join(','));

    // A long task, cancelled: the handle says so and the worker's call ends.
    let longId;
    const long = client.experimental.tasks.callToolStream(
        { name: 'sleep', arguments: { ms: 20000 } }, undefined, { task: {} });
    const iterator = long[Symbol.asyncIterator]();
    const first = await within(iterator.next(), 10000, 'the long task');
    longId = first.value?.task?.taskId;
    check(first.value?.type === 'taskCreated' && !!longId, 'the long call became a task',
          JSON.stringify(first.value));
    const running = async () =>
        (await Promise.all(fleet.workers.map(w => fleet.metric('mcppm_server_in_flight',
                                                               { server: w.id }))))
            .reduce((a, b) => a + (b ?? 0), 0);
    await client.experimental.tasks.cancelTask(longId);
    const cancelled = await client.experimental.tasks.getTask(longId);
    check(cancelled.status === 'cancelled', 'tasks/cancel: the task reads as cancelled',
          cancelled.status);
    let idle = false;
    for (let i = 0; i < 100 && !idle; i++) {
        idle = (await running()) === 0;
        if (!idle)
            await new Promise(r => setTimeout(r, 50));
    }
    check(idle, 'no call is left running at the workers');
    const held = { running: await fleet.metric('mcppm_endpoint_tasks', { state: 'running' }),
                   ended: await fleet.metric('mcppm_endpoint_tasks', { state: 'ended' }) };
    check(held.running === 0 && held.ended === 2,
          '/metrics: mcppm_endpoint_tasks counts both handles as ended', JSON.stringify(held));
    iterator.return?.();
    await client.close();
} catch (e) {
    check(false, 'the run', e?.stack ?? String(e));
} finally {
    clearTimeout(watchdog);
    await fleet?.stop();
}
process.exit(summary());
