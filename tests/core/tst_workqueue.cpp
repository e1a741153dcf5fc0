// The priority work queue with a fake clock and a scripted dispatcher:
// ordering, concurrency, retries and their schedule, deadlines, cancellation,
// bounded history, and that every task ends in exactly one reported state.

#include "faketimersource.h"

#include "pool/workqueue.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <set>

using namespace mcppm;

namespace {
// A dispatcher that holds every attempt until the test answers it.
struct Harness
{
    struct Attempt
    {
        Task task;
        WorkQueue::Done done;
        bool aborted = false;
    };
    QList<std::shared_ptr<Attempt>> attempts;
    bool refuse = false;

    WorkQueue::Dispatcher dispatcher()
    {
        return [this](const Task &task, WorkQueue::Done done) -> std::optional<WorkQueue::Abort> {
            if (refuse)
                return std::nullopt;
            auto attempt = std::make_shared<Attempt>(Attempt{task, std::move(done)});
            attempts.append(attempt);
            return WorkQueue::Abort([attempt]() { attempt->aborted = true; });
        };
    }
    QList<TaskId> startedIds() const
    {
        QList<TaskId> ids;
        for (const auto &a : attempts)
            ids << a->task.id;
        return ids;
    }
    std::shared_ptr<Attempt> last(TaskId id) const
    {
        for (qsizetype i = attempts.size() - 1; i >= 0; --i) {
            if (attempts.at(i)->task.id == id)
                return attempts.at(i);
        }
        return {};
    }
};

QJsonObject call(int n)
{
    return QJsonObject{{QStringLiteral("name"), QStringLiteral("echo")}, {QStringLiteral("n"), n}};
}

McpError transportError()
{
    return McpError::make(McpError::Kind::Transport, QStringLiteral("connection refused"));
}
} // namespace

class TestWorkQueue : public QObject
{
    Q_OBJECT

    FakeTimerSource m_clock;

    WorkQueueOptions options(int concurrent = 20)
    {
        WorkQueueOptions o;
        o.timers = &m_clock;
        o.concurrentTasks = concurrent;
        o.retryJitter = 0;
        return o;
    }

private Q_SLOTS:
    void defaultsMatchTheReference()
    {
        const WorkQueueOptions o;
        QCOMPARE(o.maxRetries, 5);
        QCOMPARE(o.retryDelayMs, 2000);
        QCOMPARE(o.taskTimeoutMs, 60000);
        QCOMPARE(o.concurrentTasks, 20);
        QCOMPARE(o.historySize, 10000);
    }

    void priorityThenFifo()
    {
        Harness h;
        WorkQueue queue(options(1));
        const TaskId low1 = queue.enqueue(Task::Type::ToolCall, call(1), 0);
        const TaskId low2 = queue.enqueue(Task::Type::ToolCall, call(2), 0);
        const TaskId high = queue.enqueue(Task::Type::ToolCall, call(3), 10);
        const TaskId mid = queue.enqueue(Task::Type::ToolCall, call(4), 5);
        const TaskId high2 = queue.enqueue(Task::Type::ToolCall, call(5), 10);
        QCOMPARE(queue.pendingTasks().size(), 5);
        queue.setDispatcher(h.dispatcher());
        // One at a time (concurrency 1): finish each to let the next start.
        for (int i = 0; i < 5; ++i)
            h.attempts.at(i)->done(TaskOutcome::success({}));
        QCOMPARE(h.startedIds(), (QList<TaskId>{high, high2, mid, low1, low2}));
        QCOMPARE(queue.stats().completed, 5);
    }

    void concurrencyLimit()
    {
        Harness h;
        WorkQueue queue(options(3));
        queue.setDispatcher(h.dispatcher());
        for (int i = 0; i < 10; ++i)
            queue.enqueue(Task::Type::ToolCall, call(i));
        QCOMPARE(h.attempts.size(), 3);
        QCOMPARE(queue.stats().running, 3);
        QCOMPARE(queue.stats().pending, 7);
        h.attempts.at(1)->done(TaskOutcome::success({}));
        QCOMPARE(h.attempts.size(), 4);
        queue.setConcurrentTasks(6);
        QCOMPARE(h.attempts.size(), 7);
    }

    void retriesWithExponentialBackoff()
    {
        Harness h;
        WorkQueueOptions o = options();
        o.maxRetries = 3;
        o.retryDelayMs = 1000;
        WorkQueue queue(o);
        queue.setDispatcher(h.dispatcher());
        QSignalSpy retrying(&queue, &WorkQueue::taskRetrying);
        QSignalSpy failed(&queue, &WorkQueue::taskFailed);
        const TaskId id = queue.enqueue(Task::Type::ToolCall, call(1), 0, 0);
        QList<int> delays;
        for (int attempt = 1; attempt <= 4; ++attempt) {
            QCOMPARE(h.attempts.size(), attempt);
            h.attempts.last()->done(TaskOutcome::retryable(transportError()));
            if (attempt <= 3) {
                QCOMPARE(queue.task(id)->status, TaskStatus::Retrying);
                delays << retrying.last().at(2).toInt();
                m_clock.advance(delays.last() - 1);
                QCOMPARE(h.attempts.size(), attempt); // not yet
                m_clock.advance(1);
            }
        }
        QCOMPARE(delays, (QList<int>{1000, 2000, 4000}));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(queue.task(id)->status, TaskStatus::Failed);
        QCOMPARE(queue.task(id)->attempts, 4);
        QCOMPARE(queue.stats().retries, 3);
    }

    void retryAfterIsHonoured()
    {
        Harness h;
        WorkQueueOptions o = options();
        o.retryDelayMs = 100;
        WorkQueue queue(o);
        queue.setDispatcher(h.dispatcher());
        QSignalSpy retrying(&queue, &WorkQueue::taskRetrying);
        queue.enqueue(Task::Type::ToolCall, call(1), 0, 0);
        McpError busy = McpError::make(McpError::Kind::Http, QStringLiteral("HTTP 503"), 503);
        busy.retryAfterMs = 7000;
        h.attempts.last()->done(TaskOutcome::retryable(busy));
        QCOMPARE(retrying.last().at(2).toInt(), 7000);
    }

    void jitterStaysInBounds()
    {
        Harness h;
        WorkQueueOptions o = options();
        o.retryDelayMs = 1000;
        o.retryJitter = 0.2;
        o.maxRetries = 1;
        WorkQueue queue(o);
        queue.setDispatcher(h.dispatcher());
        QSignalSpy retrying(&queue, &WorkQueue::taskRetrying);
        std::set<int> seen;
        for (int i = 0; i < 50; ++i) {
            queue.enqueue(Task::Type::ToolCall, call(i), 0, 0);
            h.attempts.last()->done(TaskOutcome::retryable(transportError()));
            const int delay = retrying.last().at(2).toInt();
            QVERIFY2(delay >= 800 && delay <= 1200, qPrintable(QString::number(delay)));
            seen.insert(delay);
        }
        QVERIFY(seen.size() > 5); // it does vary
    }

    void requeueGoesBackAtOnceUncounted()
    {
        Harness h;
        WorkQueue queue(options(1));
        queue.setDispatcher(h.dispatcher());
        QSignalSpy retrying(&queue, &WorkQueue::taskRetrying);
        const TaskId first = queue.enqueue(Task::Type::ToolCall, call(1));
        const TaskId second = queue.enqueue(Task::Type::ToolCall, call(2));
        h.attempts.last()->done(TaskOutcome::requeue(
            McpError::make(McpError::Kind::Cancelled, QStringLiteral("server removed"))));
        QCOMPARE(h.startedIds(), (QList<TaskId>{first, first})); // its old place, before the second
        QCOMPARE(queue.task(first)->attempts, 1);
        QCOMPARE(retrying.size(), 0);
        QCOMPARE(queue.stats().retries, 0);
        h.attempts.last()->done(TaskOutcome::success({}));
        QCOMPARE(h.attempts.last()->task.id, second);
    }

    void failoverRetriesAtOnceAndRemembersTheServer()
    {
        Harness h;
        WorkQueueOptions o = options();
        o.maxRetries = 2;
        o.retryDelayMs = 60000;
        WorkQueue queue(o);
        queue.setDispatcher(h.dispatcher());
        QSignalSpy retrying(&queue, &WorkQueue::taskRetrying);
        const TaskId id = queue.enqueue(Task::Type::ToolCall, call(1), 0, 0);
        McpError e = McpError::make(McpError::Kind::Http, QStringLiteral("HTTP 500"), 500);
        e.serverId = QStringLiteral("a");
        h.attempts.last()->done(TaskOutcome::failoverTo(e));
        QCOMPARE(retrying.size(), 1);
        QCOMPARE(retrying.last().at(2).toInt(), 0); // no backoff ...
        m_clock.advance(0);
        QCOMPARE(h.attempts.size(), 2); // ... the next attempt starts at once
        QCOMPARE(h.attempts.last()->task.failedOn, QStringList{QStringLiteral("a")});
        e.serverId = QStringLiteral("b");
        h.attempts.last()->done(TaskOutcome::failoverTo(e));
        m_clock.advance(0);
        QCOMPARE(h.attempts.last()->task.failedOn,
                 (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        // Failovers count against maxRetries like any retry.
        h.attempts.last()->done(TaskOutcome::failoverTo(e));
        QCOMPARE(queue.task(id)->status, TaskStatus::Failed);
        QCOMPARE(queue.stats().retries, 2);
        QCOMPARE(queue.stats().failovers, 2);
    }

    void failureIsNotRetried()
    {
        Harness h;
        WorkQueue queue(options());
        queue.setDispatcher(h.dispatcher());
        QSignalSpy failed(&queue, &WorkQueue::taskFailed);
        queue.enqueue(Task::Type::ToolCall, call(1));
        h.attempts.last()->done(TaskOutcome::failure(
            McpError::make(McpError::Kind::Rpc, QStringLiteral("Unknown tool"))));
        QCOMPARE(h.attempts.size(), 1);
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.first().at(1).value<McpError>().kind, McpError::Kind::Rpc);
    }

    void deadlineTimesOutPendingAndRunning()
    {
        Harness h;
        WorkQueueOptions o = options(1);
        o.taskTimeoutMs = 5000;
        WorkQueue queue(o);
        queue.setDispatcher(h.dispatcher());
        QSignalSpy failed(&queue, &WorkQueue::taskFailed);
        const TaskId running = queue.enqueue(Task::Type::ToolCall, call(1));
        m_clock.advance(1000);
        const TaskId waiting = queue.enqueue(Task::Type::ToolCall, call(2));
        const TaskId longer = queue.enqueue(Task::Type::ToolCall, call(3), 0, 20000);
        m_clock.advance(3999);
        QCOMPARE(failed.size(), 0);
        m_clock.advance(1);
        QCOMPARE(queue.task(running)->status, TaskStatus::TimedOut);
        QVERIFY(h.last(running)->aborted); // the attempt was told to stop
        QCOMPARE(queue.task(waiting)->status, TaskStatus::Running); // got the slot
        m_clock.advance(1000);
        QCOMPARE(queue.task(waiting)->status, TaskStatus::TimedOut);
        QCOMPARE(queue.task(longer)->status, TaskStatus::Running);
        QCOMPARE(failed.first().at(1).value<McpError>().kind, McpError::Kind::Timeout);
        QVERIFY(failed.first().at(1).value<McpError>().message.contains(QStringLiteral("timeout")));
        // A late answer for a timed-out attempt changes nothing.
        h.last(running)->done(TaskOutcome::success({}));
        QCOMPARE(queue.task(running)->status, TaskStatus::TimedOut);
        QCOMPARE(queue.stats().timedOut, 2);
        QCOMPARE(queue.stats().completed, 0);
    }

    void cancelInEveryState()
    {
        Harness h;
        WorkQueueOptions o = options(1);
        o.retryDelayMs = 1000;
        WorkQueue queue(o);
        queue.setDispatcher(h.dispatcher());
        QSignalSpy failed(&queue, &WorkQueue::taskFailed);
        const TaskId running = queue.enqueue(Task::Type::ToolCall, call(1));
        const TaskId pending = queue.enqueue(Task::Type::ToolCall, call(2));
        QVERIFY(queue.cancel(pending));
        QCOMPARE(queue.task(pending)->status, TaskStatus::Cancelled);
        h.attempts.last()->done(TaskOutcome::retryable(transportError()));
        QCOMPARE(queue.task(running)->status, TaskStatus::Retrying);
        QVERIFY(queue.cancel(running, QStringLiteral("operator")));
        QCOMPARE(queue.task(running)->status, TaskStatus::Cancelled);
        m_clock.advance(5000);
        QCOMPARE(h.attempts.size(), 1); // the retry never happened
        const TaskId third = queue.enqueue(Task::Type::ToolCall, call(3));
        QVERIFY(queue.cancel(third));
        QVERIFY(h.last(third)->aborted);
        QVERIFY(!queue.cancel(third)); // already terminal
        QVERIFY(!queue.cancel(9999));
        QCOMPARE(failed.size(), 3);
        for (const auto &args : failed)
            QCOMPARE(args.at(1).value<McpError>().kind, McpError::Kind::Cancelled);
        QCOMPARE(queue.stats().cancelled, 3);
        QCOMPARE(m_clock.pendingTimers(), 0);
    }

    void refusedDispatchWaitsForKick()
    {
        Harness h;
        h.refuse = true;
        WorkQueue queue(options());
        queue.setDispatcher(h.dispatcher());
        queue.enqueue(Task::Type::ToolCall, call(1));
        queue.enqueue(Task::Type::ToolCall, call(2));
        QCOMPARE(queue.stats().pending, 2);
        QCOMPARE(queue.stats().running, 0);
        h.refuse = false;
        queue.kick();
        QCOMPARE(h.attempts.size(), 2);
        QCOMPARE(queue.task(h.attempts.first()->task.id)->attempts,
                 1); // a refusal is not an attempt
    }

    void immediateAnswersDoNotRecurse()
    {
        // A dispatcher that answers inside the call (e.g. "No healthy servers").
        WorkQueue queue(options(2));
        int calls = 0;
        queue.setDispatcher(
            [&](const Task &, WorkQueue::Done done) -> std::optional<WorkQueue::Abort> {
                ++calls;
                done(TaskOutcome::failure(McpError::make(McpError::Kind::NoHealthyServers,
                                                         QStringLiteral("No healthy servers"))));
                return WorkQueue::Abort([] {});
            });
        QSignalSpy failed(&queue, &WorkQueue::taskFailed);
        for (int i = 0; i < 100; ++i)
            queue.enqueue(Task::Type::ToolCall, call(i));
        QCOMPARE(calls, 100);
        QCOMPARE(failed.size(), 100);
        QCOMPARE(queue.stats().running, 0);
        QCOMPARE(queue.liveCount(), 0);
    }

    void pauseStopsIntake()
    {
        Harness h;
        WorkQueue queue(options());
        queue.setDispatcher(h.dispatcher());
        queue.setPaused(true);
        queue.enqueue(Task::Type::ToolCall, call(1));
        QCOMPARE(h.attempts.size(), 0);
        queue.setPaused(false);
        QCOMPARE(h.attempts.size(), 1);
    }

    void historyIsBounded()
    {
        WorkQueueOptions o = options();
        o.historySize = 100;
        WorkQueue queue(o);
        queue.setDispatcher(
            [](const Task &, WorkQueue::Done done) -> std::optional<WorkQueue::Abort> {
                done(TaskOutcome::success(QJsonObject{{QStringLiteral("ok"), true}},
                                          QStringLiteral("w1")));
                return WorkQueue::Abort([] {});
            });
        TaskId lastId = 0;
        for (int i = 0; i < 1000; ++i)
            lastId = queue.enqueue(Task::Type::ToolCall, call(i));
        QCOMPARE(queue.history().size(), 100);
        QCOMPARE(queue.history().last().id, lastId);
        QCOMPARE(queue.history().last().serverId, QStringLiteral("w1"));
        QCOMPARE(queue.stats().completed, 1000);
        QVERIFY(!queue.task(1).has_value()); // fell out of the ring
        queue.clearCompleted();
        QCOMPARE(queue.history().size(), 0);
        QCOMPARE(queue.stats().completed, 1000); // totals stay
    }

    void everyTaskEndsOnceUnderChurn()
    {
        // Random outcomes, cancels and deadlines: each task is reported exactly once.
        Harness h;
        WorkQueueOptions o = options(8);
        o.taskTimeoutMs = 3000;
        o.retryDelayMs = 100;
        o.maxRetries = 2;
        WorkQueue queue(o);
        queue.setDispatcher(h.dispatcher());
        QHash<TaskId, int> reports;
        connect(&queue, &WorkQueue::taskCompleted, this, [&](TaskId id) { ++reports[id]; });
        connect(&queue, &WorkQueue::taskFailed, this, [&](TaskId id) { ++reports[id]; });
        QList<TaskId> ids;
        quint32 seed = 12345;
        auto rnd = [&seed](int n) {
            seed = seed * 1103515245u + 12345u;
            return int((seed >> 16) % quint32(n));
        };
        for (int round = 0; round < 400; ++round) {
            ids << queue.enqueue(Task::Type::ToolCall, call(round), rnd(3));
            const auto snapshot = h.attempts; // done() may start (append) more
            for (const auto &a : snapshot) {
                if (!a->done || rnd(4) != 0)
                    continue;
                const int pick = rnd(3);
                const auto done = std::exchange(a->done, nullptr);
                if (pick == 0)
                    done(TaskOutcome::success({}));
                else if (pick == 1)
                    done(TaskOutcome::retryable(transportError()));
                else
                    done(TaskOutcome::failure(transportError()));
            }
            if (rnd(10) == 0)
                queue.cancel(ids.at(rnd(int(ids.size()))));
            m_clock.advance(rnd(50));
        }
        m_clock.advance(10000); // everything left runs into its deadline
        QCOMPARE(queue.liveCount(), 0);
        for (TaskId id : std::as_const(ids))
            QCOMPARE(reports.value(id), 1);
        const WorkQueueStats s = queue.stats();
        QCOMPARE(s.completed + s.failed + s.cancelled + s.timedOut, qint64(ids.size()));
        QCOMPARE(s.pending, 0);
        QCOMPARE(s.running, 0);
    }

    void manyQueuedTasksDrain()
    {
        // 100 000 tasks through a queue: enqueue and drain without quadratic cost
        // (this is a behaviour check with a generous bound, not a benchmark).
        WorkQueueOptions o = options(16);
        o.historySize = 1000;
        WorkQueue queue(o);
        QList<WorkQueue::Done> inFlight;
        queue.setDispatcher(
            [&](const Task &, WorkQueue::Done done) -> std::optional<WorkQueue::Abort> {
                inFlight.append(std::move(done));
                return WorkQueue::Abort([] {});
            });
        for (int i = 0; i < 100000; ++i)
            queue.enqueue(Task::Type::ToolCall, QJsonObject(), i % 7);
        QCOMPARE(queue.stats().pending, 100000 - 16);
        while (!inFlight.isEmpty()) {
            const auto done = inFlight.takeFirst();
            done(TaskOutcome::success({}));
        }
        QCOMPARE(queue.stats().completed, 100000);
        QCOMPARE(queue.liveCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestWorkQueue)
#include "tst_workqueue.moc"
