#pragma once

#include "pool/task.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>

namespace mcppm {

class TimerSource;

struct WorkQueueOptions
{
    int maxRetries = 5; // further attempts after a retryable failure
    int retryDelayMs = 2000; // base of the exponential backoff
    int retryMaxDelayMs = 60000;
    double retryJitter = 0.2; // ± share of each delay
    int taskTimeoutMs = 60000; // from enqueue to a terminal state; 0 = none
    int concurrentTasks = 20; // running at once
    int historySize = 10000; // finished tasks kept (a ring); counters keep the totals
    TimerSource *timers = nullptr; // injectable clock; not owned
};

// How an attempt ended, as the dispatcher reports it.
struct TaskOutcome
{
    // Requeue: the attempt never reached a server that could act on it (the
    // server was removed, ...): back to the queue at once, not counted.
    enum class Kind { Success, Failure, Retryable, Requeue };
    Kind kind = Kind::Success;
    QJsonObject result;
    McpError error;
    QString serverId;
    int retryAfterMs = -1; // a server's Retry-After, honoured as the least delay
    // Retryable only: another server can take it now, so no backoff (the
    // attempt still counts against maxRetries).
    bool failover = false;

    static TaskOutcome success(const QJsonObject &result, const QString &serverId = {});
    static TaskOutcome failure(const McpError &error);
    static TaskOutcome retryable(const McpError &error);
    static TaskOutcome requeue(const McpError &error);
    static TaskOutcome failoverTo(const McpError &error); // retryable, at once elsewhere
};

struct WorkQueueStats
{
    int pending = 0; // waiting to start, including those waiting to retry
    int running = 0;
    int retrying = 0; // of pending: waiting out a backoff
    qint64 enqueued = 0;
    qint64 completed = 0;
    qint64 failed = 0;
    qint64 cancelled = 0;
    qint64 timedOut = 0;
    qint64 retries = 0;
    qint64 requeues = 0; // attempts handed back without counting (moved to another server)
    qint64 failovers = 0; // of retries: sent on to another server at once
    int history = 0; // finished tasks still kept
};

// A priority work queue: higher priority first, FIFO within one priority, at
// most `concurrentTasks` running, a deadline per task, retries with
// exponential backoff and jitter, cancellation, and a bounded history. Every
// task ends in exactly one terminal state (completed, failed, cancelled,
// timed out), reported by taskCompleted() or taskFailed(). Where a task runs
// is the dispatcher's business (the pool's strategies).
class WorkQueue final : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const TaskOutcome &outcome)>;
    using Abort = std::function<void()>;
    // Starts an attempt of `task`; `done` must be called once, later or at
    // once. Returns how to abort the attempt, or nullopt when nothing can take
    // the task now (the queue waits for kick()).
    using Dispatcher = std::function<std::optional<Abort>(const Task &task, Done done)>;

    explicit WorkQueue(const WorkQueueOptions &options = {}, QObject *parent = nullptr);
    ~WorkQueue() override;
    Q_DISABLE_COPY_MOVE(WorkQueue)

    void setDispatcher(Dispatcher dispatcher);
    const WorkQueueOptions &options() const { return m_options; }
    void setConcurrentTasks(int count);
    // New limits, delays and timeouts in place (the clock stays); tasks
    // already queued keep the deadline they were given.
    void setOptions(const WorkQueueOptions &options);

    // timeoutMs: -1 = the queue's taskTimeoutMs, 0 = none.
    TaskId enqueue(Task::Type type, const QJsonObject &payload, int priority = 0,
                   int timeoutMs = -1);
    // Ends a pending, retrying or running task as cancelled; false if it is not live.
    bool cancel(TaskId id, const QString &reason = QStringLiteral("cancelled by the caller"));
    void cancelAll(const QString &reason);
    // Something changed (a server came back, capacity freed): try to start work.
    void kick();
    // While paused nothing new starts; running attempts go on.
    void setPaused(bool paused);
    bool isPaused() const { return m_paused; }

    std::optional<Task> task(TaskId id) const; // live, or finished and still in the history
    QList<Task> pendingTasks() const; // in the order they will start
    QList<Task> runningTasks() const;
    QList<Task> history() const; // oldest first
    void clearCompleted(); // empties the history (totals stay)
    WorkQueueStats stats() const;
    int liveCount() const { return int(m_live.size()); }

Q_SIGNALS:
    void taskStarted(mcppm::TaskId id, int attempt);
    void taskRetrying(mcppm::TaskId id, int attempt, int delayMs, const mcppm::McpError &error);
    void taskCompleted(mcppm::TaskId id, const QJsonObject &result);
    // Failed, cancelled or timed out: error.kind tells which.
    void taskFailed(mcppm::TaskId id, const mcppm::McpError &error);
    void drained(); // nothing pending or running any more

private:
    struct Live;
    using Key = std::pair<int, quint64>; // (-priority, sequence)

    void pump();
    void start(Live &live);
    void onDone(TaskId id, int attempt, const TaskOutcome &outcome);
    void scheduleRetry(Live &live, const TaskOutcome &outcome);
    void finish(TaskId id, TaskStatus status, const QJsonObject &result, const McpError &error);
    void armDeadlineTimer();
    void onDeadline();
    int backoff(int attempt) const;

    WorkQueueOptions m_options;
    TimerSource *m_timers = nullptr;
    std::unique_ptr<TimerSource> m_ownTimers;
    Dispatcher m_dispatcher;
    QHash<TaskId, std::shared_ptr<Live>> m_live;
    std::map<Key, TaskId> m_order; // pending, ready to start
    std::multimap<qint64, TaskId> m_deadlines;
    int m_deadlineTimer = 0;
    qint64 m_deadlineTimerDue = 0;
    std::deque<Task> m_history;
    TaskId m_nextId = 1;
    quint64 m_nextSequence = 1;
    int m_running = 0;
    int m_retrying = 0;
    bool m_paused = false;
    bool m_pumping = false;
    bool m_pumpAgain = false;
    WorkQueueStats m_totals;
};

} // namespace mcppm
