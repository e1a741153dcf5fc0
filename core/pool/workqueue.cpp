#include "pool/workqueue.h"

#include "net/timersource.h"

#include <QRandomGenerator>

namespace mcppm {

struct WorkQueue::Live
{
    Task task;
    Key key;
    Abort abort;
    int retryTimer = 0;
    std::multimap<qint64, TaskId>::iterator deadline; // valid when task.deadlineMs != 0
};

TaskOutcome TaskOutcome::success(const QJsonObject &result, const QString &serverId)
{
    TaskOutcome o;
    o.kind = Kind::Success;
    o.result = result;
    o.serverId = serverId;
    return o;
}

TaskOutcome TaskOutcome::failure(const McpError &error)
{
    TaskOutcome o;
    o.kind = Kind::Failure;
    o.error = error;
    o.serverId = error.serverId;
    return o;
}

TaskOutcome TaskOutcome::retryable(const McpError &error)
{
    TaskOutcome o = failure(error);
    o.kind = Kind::Retryable;
    o.retryAfterMs = error.retryAfterMs;
    return o;
}

TaskOutcome TaskOutcome::failoverTo(const McpError &error)
{
    TaskOutcome o = retryable(error);
    o.failover = true;
    return o;
}

TaskOutcome TaskOutcome::requeue(const McpError &error)
{
    TaskOutcome o = failure(error);
    o.kind = Kind::Requeue;
    return o;
}

WorkQueue::WorkQueue(const WorkQueueOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_timers(options.timers)
{
    if (!m_timers) {
        m_ownTimers = std::make_unique<SystemTimerSource>();
        m_timers = m_ownTimers.get();
    }
}

WorkQueue::~WorkQueue()
{
    // Nothing is reported from here on; timers die with us.
    for (const auto &live : std::as_const(m_live)) {
        if (live->retryTimer)
            m_timers->cancel(live->retryTimer);
    }
    if (m_deadlineTimer)
        m_timers->cancel(m_deadlineTimer);
}

void WorkQueue::setDispatcher(Dispatcher dispatcher)
{
    m_dispatcher = std::move(dispatcher);
    kick();
}

void WorkQueue::setConcurrentTasks(int count)
{
    m_options.concurrentTasks = qMax(1, count);
    kick();
}

void WorkQueue::setOptions(const WorkQueueOptions &options)
{
    TimerSource *timers = m_options.timers;
    m_options = options;
    m_options.timers = timers;
    m_options.concurrentTasks = qMax(1, options.concurrentTasks);
    kick();
}

TaskId WorkQueue::enqueue(Task::Type type, const QJsonObject &payload, int priority, int timeoutMs)
{
    auto live = std::make_shared<Live>();
    Task &t = live->task;
    t.id = m_nextId++;
    t.type = type;
    t.payload = payload;
    t.priority = priority;
    t.enqueuedMs = m_timers->nowMs();
    const int timeout = timeoutMs < 0 ? m_options.taskTimeoutMs : timeoutMs;
    if (timeout > 0) {
        t.deadlineMs = t.enqueuedMs + timeout;
        live->deadline = m_deadlines.emplace(t.deadlineMs, t.id);
    }
    live->key = {-priority, m_nextSequence++};
    m_order.emplace(live->key, t.id);
    m_live.insert(t.id, live);
    ++m_totals.enqueued;
    armDeadlineTimer();
    kick();
    return t.id;
}

void WorkQueue::kick()
{
    pump();
}

void WorkQueue::setPaused(bool paused)
{
    m_paused = paused;
    if (!paused)
        kick();
}

void WorkQueue::pump()
{
    if (m_pumping) {
        m_pumpAgain = true; // a dispatcher answered at once; go round again afterwards
        return;
    }
    m_pumping = true;
    do {
        m_pumpAgain = false;
        while (!m_paused && m_dispatcher && m_running < m_options.concurrentTasks
               && !m_order.empty()) {
            const TaskId id = m_order.begin()->second;
            const auto live = m_live.value(id);
            if (!live) { // cannot happen: finish() removes both
                m_order.erase(m_order.begin());
                continue;
            }
            const int attemptsBefore = live->task.attempts;
            start(*live);
            // The dispatcher refused (nothing can take it now): wait for kick().
            if (m_live.contains(id) && live->task.status == TaskStatus::Pending
                && live->task.attempts == attemptsBefore)
                break;
        }
    } while (m_pumpAgain);
    m_pumping = false;
    if (m_live.isEmpty())
        Q_EMIT drained();
}

void WorkQueue::start(Live &live)
{
    Task &t = live.task;
    const TaskId id = t.id;
    const int attempt = t.attempts + 1;
    Done done = [this, id, attempt](const TaskOutcome &outcome) { onDone(id, attempt, outcome); };
    // Mark it running first: a dispatcher may call done() before returning.
    m_order.erase(live.key);
    t.status = TaskStatus::Running;
    t.attempts = attempt;
    t.startedMs = m_timers->nowMs();
    ++m_running;
    const auto keep = m_live.value(id); // holds `live` alive if done() finishes it at once
    std::optional<Abort> abort = m_dispatcher(t, done);
    if (!m_live.contains(id))
        return; // finished already (done() was called at once)
    if (!abort) {
        // Not taken: back to where it was, as if never started.
        --m_running;
        t.status = TaskStatus::Pending;
        t.attempts = attempt - 1;
        m_order.emplace(live.key, id);
        return;
    }
    if (t.status == TaskStatus::Running && t.attempts == attempt) {
        live.abort = *abort;
        Q_EMIT taskStarted(id, attempt);
    }
}

void WorkQueue::onDone(TaskId id, int attempt, const TaskOutcome &outcome)
{
    const auto live = m_live.value(id);
    if (!live || live->task.status != TaskStatus::Running || live->task.attempts != attempt)
        return; // a late answer for an attempt that was cancelled or timed out
    live->abort = nullptr;
    if (!outcome.serverId.isEmpty())
        live->task.serverId = outcome.serverId;
    if (outcome.kind != TaskOutcome::Kind::Success && !outcome.error.serverId.isEmpty()
        && !live->task.failedOn.contains(outcome.error.serverId))
        live->task.failedOn.append(outcome.error.serverId);
    switch (outcome.kind) {
    case TaskOutcome::Kind::Success:
        finish(id, TaskStatus::Completed, outcome.result, {});
        break;
    case TaskOutcome::Kind::Failure:
        finish(id, TaskStatus::Failed, {}, outcome.error);
        break;
    case TaskOutcome::Kind::Requeue:
        ++m_totals.requeues;
        --m_running;
        --live->task.attempts;
        live->task.status = TaskStatus::Pending;
        live->task.error = outcome.error;
        m_order.emplace(live->key, id);
        break;
    case TaskOutcome::Kind::Retryable:
        if (live->task.attempts <= m_options.maxRetries)
            scheduleRetry(*live, outcome);
        else
            finish(id, TaskStatus::Failed, {}, outcome.error);
        break;
    }
    pump();
}

int WorkQueue::backoff(int attempt) const
{
    const double base = double(m_options.retryDelayMs) * double(qint64(1) << qMin(attempt - 1, 30));
    const double capped = qMin(base, double(m_options.retryMaxDelayMs));
    const double jitter
        = 1.0 + m_options.retryJitter * (QRandomGenerator::global()->generateDouble() * 2.0 - 1.0);
    return int(qMax(0.0, capped * jitter));
}

void WorkQueue::scheduleRetry(Live &live, const TaskOutcome &outcome)
{
    Task &t = live.task;
    --m_running;
    ++m_retrying;
    ++m_totals.retries;
    if (outcome.failover)
        ++m_totals.failovers;
    t.status = TaskStatus::Retrying;
    t.error = outcome.error;
    const int delay = qMax(outcome.failover ? 0 : backoff(t.attempts), outcome.retryAfterMs);
    const TaskId id = t.id;
    live.retryTimer = m_timers->start(delay, [this, id]() {
        const auto l = m_live.value(id);
        if (!l)
            return;
        l->retryTimer = 0;
        --m_retrying;
        l->task.status = TaskStatus::Pending;
        m_order.emplace(l->key, id); // its old place: before newer work of the same priority
        pump();
    });
    Q_EMIT taskRetrying(id, t.attempts, delay, outcome.error);
}

bool WorkQueue::cancel(TaskId id, const QString &reason)
{
    if (!m_live.contains(id))
        return false;
    McpError error
        = McpError::make(McpError::Kind::Cancelled, QStringLiteral("cancelled: %1").arg(reason));
    finish(id, TaskStatus::Cancelled, {}, error);
    pump();
    return true;
}

void WorkQueue::cancelAll(const QString &reason)
{
    const auto ids = m_live.keys();
    for (TaskId id : ids) {
        if (m_live.contains(id))
            finish(id, TaskStatus::Cancelled, {},
                   McpError::make(McpError::Kind::Cancelled,
                                  QStringLiteral("cancelled: %1").arg(reason)));
    }
    if (m_live.isEmpty())
        Q_EMIT drained();
}

void WorkQueue::finish(TaskId id, TaskStatus status, const QJsonObject &result,
                       const McpError &error)
{
    const auto live = m_live.take(id);
    if (!live)
        return;
    Task &t = live->task;
    const TaskStatus was = t.status;
    if (was == TaskStatus::Pending)
        m_order.erase(live->key);
    if (was == TaskStatus::Retrying) {
        --m_retrying;
        m_timers->cancel(live->retryTimer);
    }
    if (was == TaskStatus::Running) {
        --m_running;
        if (live->abort && status != TaskStatus::Completed && status != TaskStatus::Failed) {
            const Abort abort = std::move(live->abort);
            abort(); // its done() will be ignored: the task is no longer live
        }
    }
    if (t.deadlineMs) {
        m_deadlines.erase(live->deadline); // O(1): no search among equal deadlines
        if (m_deadlines.empty())
            armDeadlineTimer(); // nothing left to watch: stop the timer
    }
    t.status = status;
    t.finishedMs = m_timers->nowMs();
    t.result = result;
    if (error.isError())
        t.error = error;
    else if (status == TaskStatus::Completed)
        t.error = {};
    switch (status) {
    case TaskStatus::Completed:
        ++m_totals.completed;
        break;
    case TaskStatus::Failed:
        ++m_totals.failed;
        break;
    case TaskStatus::Cancelled:
        ++m_totals.cancelled;
        break;
    case TaskStatus::TimedOut:
        ++m_totals.timedOut;
        break;
    default:
        break;
    }
    if (m_options.historySize > 0) {
        m_history.push_back(t);
        while (int(m_history.size()) > m_options.historySize)
            m_history.pop_front();
    }
    if (status == TaskStatus::Completed)
        Q_EMIT taskCompleted(id, result);
    else
        Q_EMIT taskFailed(id, t.error);
}

void WorkQueue::armDeadlineTimer()
{
    if (m_deadlines.empty()) {
        if (m_deadlineTimer)
            m_timers->cancel(m_deadlineTimer);
        m_deadlineTimer = 0;
        return;
    }
    const qint64 due = m_deadlines.begin()->first;
    if (m_deadlineTimer && m_deadlineTimerDue <= due)
        return; // the armed timer fires first anyway
    if (m_deadlineTimer)
        m_timers->cancel(m_deadlineTimer);
    m_deadlineTimerDue = due;
    m_deadlineTimer = m_timers->start(qMax<qint64>(0, due - m_timers->nowMs()), [this]() {
        m_deadlineTimer = 0;
        onDeadline();
    });
}

void WorkQueue::onDeadline()
{
    const qint64 now = m_timers->nowMs();
    while (!m_deadlines.empty() && m_deadlines.begin()->first <= now) {
        const TaskId id = m_deadlines.begin()->second;
        const auto live = m_live.value(id);
        if (!live) {
            m_deadlines.erase(m_deadlines.begin());
            continue;
        }
        const qint64 took = now - live->task.enqueuedMs;
        finish(
            id, TaskStatus::TimedOut, {},
            McpError::make(
                McpError::Kind::Timeout,
                QStringLiteral("timeout: task %1 did not finish within %2 ms").arg(id).arg(took)));
    }
    armDeadlineTimer();
    pump();
}

std::optional<Task> WorkQueue::task(TaskId id) const
{
    if (const auto live = m_live.value(id))
        return live->task;
    for (auto it = m_history.rbegin(); it != m_history.rend(); ++it) {
        if (it->id == id)
            return *it;
    }
    return std::nullopt;
}

QList<Task> WorkQueue::pendingTasks() const
{
    QList<Task> out;
    for (const auto &[key, id] : m_order)
        out.append(m_live.value(id)->task);
    for (const auto &live : std::as_const(m_live)) {
        if (live->task.status == TaskStatus::Retrying)
            out.append(live->task);
    }
    return out;
}

QList<Task> WorkQueue::runningTasks() const
{
    QList<Task> out;
    for (const auto &live : std::as_const(m_live)) {
        if (live->task.status == TaskStatus::Running)
            out.append(live->task);
    }
    return out;
}

QList<Task> WorkQueue::history() const
{
    return QList<Task>(m_history.begin(), m_history.end());
}

void WorkQueue::clearCompleted()
{
    m_history.clear();
}

WorkQueueStats WorkQueue::stats() const
{
    WorkQueueStats s = m_totals;
    s.pending = int(m_order.size()) + m_retrying;
    s.running = m_running;
    s.retrying = m_retrying;
    s.history = int(m_history.size());
    return s;
}

} // namespace mcppm
