// The pool against real demo workers on loopback: balancing, tool-aware
// selection, failover when a worker is killed, retry rules, removal,
// graceful shutdown, health recovery, and the reference's stats shape.

#include "demoworkerprocess.h"
#include "faketimersource.h"

#include "auth/headlessauthorizationagent.h"
#include "pool/serverpool.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

using namespace mcppm;

namespace {
QJsonObject echoArgs(int n)
{
    return QJsonObject{{QStringLiteral("message"), QStringLiteral("m%1").arg(n)}};
}

quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

// Counts terminal reports per task: each must be reported exactly once.
struct Tracker
{
    QHash<TaskId, int> reports;
    QHash<TaskId, McpError> errors;
    QHash<TaskId, QJsonObject> results;
    explicit Tracker(ServerPool &pool)
    {
        QObject::connect(&pool, &ServerPool::taskCompleted, &pool,
                         [this](TaskId id, const QJsonObject &r) {
                             ++reports[id];
                             results.insert(id, r);
                         });
        QObject::connect(&pool, &ServerPool::taskFailed, &pool,
                         [this](TaskId id, const McpError &e) {
                             ++reports[id];
                             errors.insert(id, e);
                         });
    }
    bool allDone(const QList<TaskId> &ids) const
    {
        for (TaskId id : ids) {
            if (!reports.contains(id))
                return false;
        }
        return true;
    }
};
} // namespace

class TestServerPool : public QObject
{
    Q_OBJECT

    static ServerPoolOptions fastOptions()
    {
        ServerPoolOptions o;
        o.healthCheckIntervalMs = 200;
        o.health.reconnectDelayMs = 100;
        o.health.reconnectMaxDelayMs = 400;
        o.health.probeTimeoutMs = 400; // a frozen server is seen in a few probes
        o.health.suspectIntervalMs = 100;
        o.queue.retryDelayMs = 20;
        o.queue.retryMaxDelayMs = 100;
        o.queue.taskTimeoutMs = 20000;
        o.queue.concurrentTasks = 8;
        o.shutdownGraceMs = 3000;
        return o;
    }
    static bool waitOnline(ServerPool &pool, int count)
    {
        return QTest::qWaitFor(
            [&]() {
                int ready = 0;
                for (const QString &id : pool.serverIds())
                    ready += isInRotation(pool.healthMonitor()->status(id))
                            && !pool.client(id)->tools().isEmpty()
                        ? 1
                        : 0;
                return ready == count;
            },
            10000);
    }

private Q_SLOTS:
    void roundRobinSpreadsCalls()
    {
        DemoWorkerProcess w1, w2, w3;
        QVERIFY(w1.start() && w2.start() && w3.start());
        ServerPool pool(fastOptions());
        pool.initialize();
        QVERIFY(pool.addServer(QStringLiteral("w1"), w1.url(), {}));
        QVERIFY(pool.addServer(QStringLiteral("w2"), w2.url(), {}));
        QVERIFY(pool.addServer(QStringLiteral("w3"), w3.url(), {}));
        // Calls made while servers connect go to whoever is ready first;
        // for an even split, wait until all three know their tools.
        QVERIFY(QTest::qWaitFor(
            [&]() {
                for (const QString &id : pool.serverIds()) {
                    if (!pool.client(id)->hasTool(QStringLiteral("echo"))
                        || !isInRotation(pool.healthMonitor()->status(id)))
                        return false;
                }
                return true;
            },
            10000));
        Tracker tracker(pool);
        QList<TaskId> ids;
        for (int i = 0; i < 30; ++i)
            ids << pool.callTool(QStringLiteral("echo"), echoArgs(i));
        QVERIFY(QTest::qWaitFor([&]() { return tracker.allDone(ids); }, 15000));
        QHash<QString, int> perServer;
        for (TaskId id : ids) {
            QCOMPARE(tracker.reports.value(id), 1);
            QVERIFY2(!tracker.errors.contains(id), qPrintable(tracker.errors.value(id).message));
            ++perServer[pool.queue()->task(id)->serverId];
        }
        QCOMPARE(perServer.value(QStringLiteral("w1")), 10);
        QCOMPARE(perServer.value(QStringLiteral("w2")), 10);
        QCOMPARE(perServer.value(QStringLiteral("w3")), 10);

        const QJsonObject stats = pool.stats();
        for (const char *key :
             {"servers", "healthy", "degraded", "offline", "tasks", "queue", "strategy"})
            QVERIFY2(stats.contains(QLatin1String(key)), key);
        QCOMPARE(stats.value(QStringLiteral("servers")).toInt(), 3);
        QCOMPARE(stats.value(QStringLiteral("queue"))
                     .toObject()
                     .value(QStringLiteral("completed"))
                     .toInt(),
                 30);
        QCOMPARE(stats.value(QStringLiteral("strategy")).toString(), QStringLiteral("round-robin"));
        const QJsonArray servers = pool.servers();
        QCOMPARE(servers.size(), 3);
        const QJsonObject first = servers.first().toObject();
        for (const char *key : {"id", "status", "activeTasks", "stats"})
            QVERIFY2(first.contains(QLatin1String(key)), key);
        QVERIFY(first.value(QStringLiteral("stats"))
                    .toObject()
                    .value(QStringLiteral("requestsSent"))
                    .toInt()
                >= 10);
    }

    void toolAwareAndPinned()
    {
        DemoWorkerProcess w1, w2;
        QVERIFY(w1.start() && w2.start());
        ServerPool pool(fastOptions());
        pool.initialize();
        QVERIFY(pool.addServer(QStringLiteral("w1"), w1.url(), {}));
        QVERIFY(pool.addServer(QStringLiteral("w2"), w2.url(), {}));
        QVERIFY(waitOnline(pool, 2));
        Tracker tracker(pool);
        PoolCallOptions pinned;
        pinned.server = QStringLiteral("w2");
        const TaskId a = pool.callTool(QStringLiteral("echo"), echoArgs(1), pinned);
        const TaskId missing = pool.callTool(QStringLiteral("no-such-tool"), {});
        PoolCallOptions ghost;
        ghost.server = QStringLiteral("w9");
        const TaskId b = pool.callTool(QStringLiteral("echo"), echoArgs(2), ghost);
        const TaskId toolError
            = pool.callTool(QStringLiteral("fail"),
                            QJsonObject{{QStringLiteral("message"), QStringLiteral("boom")}});
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return tracker.allDone({a, missing, b, toolError});
            },
            10000));
        QCOMPARE(pool.queue()->task(a)->serverId, QStringLiteral("w2"));
        QCOMPARE(tracker.errors.value(missing).kind, McpError::Kind::NoHealthyServers);
        QVERIFY(
            tracker.errors.value(missing).message.contains(QStringLiteral("No healthy servers")));
        QVERIFY(tracker.errors.value(b).message.contains(QStringLiteral("w9")));
        QVERIFY(tracker.results.value(toolError)
                    .value(QStringLiteral("isError"))
                    .toBool()); // a result, not a failure
        QVERIFY(!pool.addServer(QStringLiteral("w1"), w1.url(), {})); // duplicate id
        QString why;
        QVERIFY(!pool.addServer(QStringLiteral("x"), QUrl(QStringLiteral("ftp://host/")), {}, {},
                                &why));
        QVERIFY(why.contains(QStringLiteral("http")));
    }

    void failoverWhenAWorkerIsKilled()
    {
        DemoWorkerProcess w1, w2, w3;
        QVERIFY(w1.start({QStringLiteral("--latency"), QStringLiteral("5")})
                && w2.start({QStringLiteral("--latency"), QStringLiteral("5")})
                && w3.start({QStringLiteral("--latency"), QStringLiteral("5")}));
        ServerPool pool(fastOptions());
        pool.initialize();
        for (auto [id, w] : {std::pair{QStringLiteral("w1"), &w1},
                             {QStringLiteral("w2"), &w2},
                             {QStringLiteral("w3"), &w3}})
            QVERIFY(pool.addServer(id, w->url(), {}));
        QVERIFY(waitOnline(pool, 3));
        QSignalSpy offline(&pool, &ServerPool::serverOffline);
        Tracker tracker(pool);
        QList<TaskId> ids;
        for (int i = 0; i < 600; ++i)
            ids << pool.callTool(QStringLiteral("echo"), echoArgs(i));
        QVERIFY(QTest::qWaitFor([&]() { return tracker.reports.size() >= 100; }, 15000));
        w1.process().kill(); // SIGKILL mid-run
        QVERIFY(QTest::qWaitFor([&]() { return tracker.allDone(ids); }, 30000));
        int completed = 0;
        for (TaskId id : ids) {
            QCOMPARE(tracker.reports.value(id), 1); // exactly one terminal report, none lost
            completed += tracker.errors.contains(id) ? 0 : 1;
        }
        QCOMPARE(completed, 600); // echo is read-only: whatever was cut off ran again elsewhere
        QVERIFY(!offline.isEmpty());
        QCOMPARE(offline.first().first().toString(), QStringLiteral("w1"));
        QVERIFY(!isInRotation(pool.healthMonitor()->status(QStringLiteral("w1"))));
        QCOMPARE(pool.queue()->stats().running, 0);
    }

    void recoversAfterRestart()
    {
        const quint16 port = freePort();
        auto worker = std::make_unique<DemoWorkerProcess>();
        QVERIFY(worker->start({QStringLiteral("--port"), QString::number(port)}));
        ServerPool pool(fastOptions());
        pool.initialize();
        QVERIFY(pool.addServer(QStringLiteral("w1"), worker->url(), {}));
        QVERIFY(waitOnline(pool, 1));
        QSignalSpy offline(&pool, &ServerPool::serverOffline);
        QSignalSpy recovered(&pool, &ServerPool::serverRecovered);
        worker.reset(); // killed
        QVERIFY(QTest::qWaitFor([&]() { return !offline.isEmpty(); },
                                10000)); // found by the health pings
        worker = std::make_unique<DemoWorkerProcess>();
        QVERIFY(worker->start({QStringLiteral("--port"), QString::number(port)}));
        QVERIFY(QTest::qWaitFor([&]() { return !recovered.isEmpty(); }, 10000));
        QCOMPARE(pool.healthMonitor()->status(QStringLiteral("w1")), ServerStatus::Online);
        Tracker tracker(pool);
        const TaskId id = pool.callTool(QStringLiteral("echo"), echoArgs(1));
        QVERIFY(QTest::qWaitFor([&]() { return tracker.allDone({id}); }, 10000));
        QVERIFY(!tracker.errors.contains(id));
    }

    void retryRulesRespectIdempotency()
    {
        DemoWorkerProcess flaky;
        QVERIFY(flaky.start({QStringLiteral("--error-rate"), QStringLiteral("1")}));
        ServerPoolOptions o = fastOptions();
        o.maxRetries = 2;
        o.health.offlineThreshold = 1000; // keep it in rotation for this test
        o.health.degradedThreshold = 1000;
        ServerPool pool(o);
        pool.initialize();
        QVERIFY(pool.addServer(QStringLiteral("w1"), flaky.url(), {}));
        QVERIFY(waitOnline(pool, 1));
        Tracker tracker(pool);
        const TaskId safe
            = pool.callTool(QStringLiteral("echo"), echoArgs(1)); // read-only: retried
        const TaskId unsafe
            = pool.callTool(QStringLiteral("fail"), {}); // no hints: may have run, not retried
        QVERIFY(QTest::qWaitFor([&]() { return tracker.allDone({safe, unsafe}); }, 10000));
        QCOMPARE(pool.queue()->task(safe)->attempts, 3);
        QCOMPARE(pool.queue()->task(unsafe)->attempts, 1);
        QCOMPARE(tracker.errors.value(safe).httpStatus, 500);
        QCOMPARE(tracker.errors.value(safe).serverId, QStringLiteral("w1"));
    }

    void removedServerHandsOverItsWork()
    {
        DemoWorkerProcess w1, w2;
        QVERIFY(w1.start() && w2.start());
        ServerPool pool(fastOptions());
        pool.initialize();
        QVERIFY(pool.addServer(QStringLiteral("w1"), w1.url(), {}));
        QVERIFY(pool.addServer(QStringLiteral("w2"), w2.url(), {}));
        QVERIFY(waitOnline(pool, 2));
        Tracker tracker(pool);
        const TaskId first
            = pool.callTool(QStringLiteral("sleep"),
                            QJsonObject{{QStringLiteral("ms"), 1500}}); // → w1 (round robin)
        QTRY_COMPARE_WITH_TIMEOUT(pool.queue()->task(first)->status, TaskStatus::Running, 5000);
        QVERIFY(pool.removeServer(QStringLiteral("w1")));
        QVERIFY(QTest::qWaitFor([&]() { return tracker.allDone({first}); }, 10000));
        QVERIFY2(!tracker.errors.contains(first), qPrintable(tracker.errors.value(first).message));
        QCOMPARE(pool.queue()->task(first)->serverId, QStringLiteral("w2"));
        QCOMPARE(pool.serverIds(), QStringList{QStringLiteral("w2")});
    }

    void maxConcurrentPerServer()
    {
        DemoWorkerProcess w1;
        QVERIFY(w1.start());
        ServerPool pool(fastOptions());
        pool.initialize();
        ServerOptions limited;
        limited.maxConcurrent = 1;
        QVERIFY(pool.addServer(QStringLiteral("w1"), w1.url(), {}, limited));
        QVERIFY(waitOnline(pool, 1));
        Tracker tracker(pool);
        QList<TaskId> ids;
        for (int i = 0; i < 4; ++i)
            ids << pool.callTool(QStringLiteral("sleep"), QJsonObject{{QStringLiteral("ms"), 50}});
        int most = 0;
        QVERIFY(QTest::qWaitFor(
            [&]() {
                most = qMax(
                    most,
                    pool.servers().first().toObject().value(QStringLiteral("activeTasks")).toInt());
                return tracker.allDone(ids);
            },
            10000));
        QCOMPARE(most, 1); // the queue held the rest back
        for (TaskId id : ids)
            QVERIFY(!tracker.errors.contains(id));
    }

    void chaos()
    {
        // One worker is killed mid-run, one fails 20% of calls, one stops
        // answering after 200 calls. Nothing may be lost.
        const quint16 port = freePort();
        auto killed = std::make_unique<DemoWorkerProcess>();
        DemoWorkerProcess flaky, hanging;
        QVERIFY(killed->start({QStringLiteral("--port"), QString::number(port)}));
        QVERIFY(flaky.start({QStringLiteral("--error-rate"), QStringLiteral("0.2"),
                             QStringLiteral("--seed"), QStringLiteral("3")}));
        QVERIFY(hanging.start({QStringLiteral("--hang-after"), QStringLiteral("200")}));
        ServerPoolOptions o = fastOptions();
        o.queue.concurrentTasks = 16;
        o.queue.taskTimeoutMs = 0; // on a loaded machine 3000 queued calls outlast any deadline;
                                   // hung calls are bounded by the 400 ms request timeout
        o.maxRetries = 5;
        o.health.reconnectAttempts
            = 1000; // with 100-400 ms delays, 10 would be used up during the run
        ServerPool pool(o);
        pool.initialize();
        ServerOptions quick;
        quick.timeoutMs = 400; // a hung call is given up after this
        QVERIFY(pool.addServer(QStringLiteral("killed"), killed->url(), {}, quick));
        QVERIFY(pool.addServer(QStringLiteral("flaky"), flaky.url(), {}, quick));
        QVERIFY(pool.addServer(QStringLiteral("hanging"), hanging.url(), {}, quick));
        QVERIFY(waitOnline(pool, 3));
        QSignalSpy recovered(&pool, &ServerPool::serverRecovered);
        Tracker tracker(pool);
        QList<TaskId> ids;
        for (int i = 0; i < 3000; ++i)
            ids << pool.callTool(QStringLiteral("echo"), echoArgs(i));
        QVERIFY(QTest::qWaitFor([&]() { return tracker.reports.size() >= 500; }, 30000));
        killed->process().kill();
        QVERIFY(QTest::qWaitFor([&]() { return tracker.allDone(ids); }, 60000));
        int completed = 0;
        for (TaskId id : std::as_const(ids)) {
            QCOMPARE(tracker.reports.value(id), 1); // every task ended, exactly once
            completed += tracker.errors.contains(id) ? 0 : 1;
        }
        // echo is read-only, so failures are retried (5 times); a task fails only
        // if every attempt did: with a 20% error rate that is rare.
        QVERIFY2(completed >= 2990,
                 qPrintable(QString::number(completed) + QStringLiteral(" completed; e.g. ")
                            + (tracker.errors.isEmpty() ? QString()
                                                        : tracker.errors.cbegin()->toString())));
        QVERIFY(!isInRotation(pool.healthMonitor()->status(QStringLiteral("killed"))));
        QVERIFY(!isInRotation(pool.healthMonitor()->status(QStringLiteral("hanging"))));
        QCOMPARE(pool.queue()->stats().running, 0);
        // The killed worker comes back on its port and rejoins.
        recovered.clear();
        killed = std::make_unique<DemoWorkerProcess>();
        QVERIFY(killed->start({QStringLiteral("--port"), QString::number(port)}));
        QVERIFY(QTest::qWaitFor(
            [&]() { return isInRotation(pool.healthMonitor()->status(QStringLiteral("killed"))); },
            15000));
        QVERIFY(std::any_of(recovered.cbegin(), recovered.cend(), [](const auto &args) {
            return args.first().toString() == QLatin1String("killed");
        }));
    }

    void statisticsAndFutures()
    {
        DemoWorkerProcess w1, w2;
        QVERIFY(w1.start() && w2.start());
        ServerPoolOptions o = fastOptions();
        o.sampleIntervalMs = 100;
        ServerPool pool(o);
        QSignalSpy sampled(&pool, &ServerPool::statisticsSampled);
        pool.initialize();
        QVERIFY(pool.addServer(QStringLiteral("w1"), w1.url(), {}));
        QVERIFY(pool.addServer(QStringLiteral("w2"), w2.url(), {}));
        QVERIFY(waitOnline(pool, 2));
        pool.resetStatistics(); // the series restarts; nothing was called yet

        QList<QFuture<Task>> futures;
        for (int i = 0; i < 20; ++i)
            futures << pool.whenFinished(pool.callTool(QStringLiteral("echo"), echoArgs(i)));
        for (int i = 0; i < 4; ++i) // isError results: answered, counted as tool errors
            futures << pool.whenFinished(pool.callTool(QStringLiteral("fail"), {}));
        futures << pool.whenFinished(pool.readResource(QStringLiteral("demo://state/current")));
        const TaskId missing = pool.callTool(QStringLiteral("no-such-tool"), {});
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return std::all_of(futures.cbegin(), futures.cend(),
                                   [](const QFuture<Task> &f) { return f.isFinished(); });
            },
            15000));
        for (const QFuture<Task> &f : std::as_const(futures)) {
            const Task t = f.result();
            QCOMPARE(t.status, TaskStatus::Completed);
            QVERIFY(!t.serverId.isEmpty());
            QCOMPARE(t.attempts, 1);
        }
        QVERIFY(futures.first().result().result.value(QStringLiteral("content")).isArray());

        // Futures for tasks that already ended, and for ids the pool never gave out.
        const QFuture<Task> late = pool.whenFinished(futures.first().result().id);
        QVERIFY(late.isFinished());
        QCOMPARE(late.result().status, TaskStatus::Completed);
        QVERIFY(QTest::qWaitFor(
            [&]() { return pool.queue()->task(missing)->status == TaskStatus::Failed; }, 5000));
        const Task noTool = pool.whenFinished(missing).result();
        QCOMPARE(noTool.error.kind, McpError::Kind::NoHealthyServers);
        QVERIFY(noTool.error.message.contains(QStringLiteral("No healthy servers")));
        const Task unknown = pool.whenFinished(987654).result();
        QCOMPARE(unknown.status, TaskStatus::Failed);

        // A future watched from the event loop, the way a GUI would.
        QFutureWatcher<Task> watcher;
        QSignalSpy watched(&watcher, &QFutureWatcherBase::finished);
        watcher.setFuture(pool.whenFinished(pool.callTool(QStringLiteral("echo"), echoArgs(99))));
        QVERIFY(watched.wait(10000));
        QCOMPARE(watcher.result().status, TaskStatus::Completed);

        const PoolStatistics &stats = pool.statistics();
        QCOMPARE(stats.total().requests, 26);
        QCOMPARE(stats.total().succeeded, 26);
        QCOMPARE(stats.total().toolErrors, 4);
        QCOMPARE(stats.total().errors, 0);
        QCOMPARE(stats.total().inFlight, 0);
        QCOMPARE(stats.total().latency.count(), 26);
        QCOMPARE(stats.tool(QStringLiteral("echo"))->requests, 21);
        QCOMPARE(stats.tool(QStringLiteral("fail"))->toolErrors, 4);
        QCOMPARE(stats.tool(PoolStatistics::resourceReadKey())->requests, 1);
        QVERIFY(!stats.tool(QStringLiteral("no-such-tool"))); // never sent anywhere
        QCOMPARE(stats.server(QStringLiteral("w1"))->requests
                     + stats.server(QStringLiteral("w2"))->requests,
                 26);

        const QJsonArray tools = pool.toolStats();
        QCOMPARE(tools.size(), 3);
        QCOMPARE(tools.at(0).toObject().value(QStringLiteral("tool")).toString(),
                 QStringLiteral("echo"));
        const QJsonObject latency
            = tools.at(0).toObject().value(QStringLiteral("latency")).toObject();
        QCOMPARE(latency.value(QStringLiteral("count")).toInt(), 21);
        QVERIFY(latency.value(QStringLiteral("p50Ms")).toDouble() > 0);
        QVERIFY(latency.value(QStringLiteral("p99Ms")).toDouble()
                >= latency.value(QStringLiteral("p50Ms")).toDouble());
        const QJsonObject serverStats
            = pool.servers().first().toObject().value(QStringLiteral("stats")).toObject();
        for (const char *key : {"requestsSent", "errors", "requests", "errorsByKind", "errorRate",
                                "latency", "answeredPerS", "inFlight"})
            QVERIFY2(serverStats.contains(QLatin1String(key)), key);
        QCOMPARE(pool.stats()
                     .value(QStringLiteral("calls"))
                     .toObject()
                     .value(QStringLiteral("requests"))
                     .toInt(),
                 26);

        // The series: one sample per interval, with what the queue did.
        QVERIFY(QTest::qWaitFor([&]() { return stats.series().size() >= 3; }, 5000));
        QVERIFY(sampled.size() >= 3);
        bool sawCalls = false;
        for (int i = 0; i < stats.series().size(); ++i) {
            const PoolSample &s = stats.series().at(i);
            sawCalls = sawCalls || (s.answeredPerS > 0 && s.p50Ms > 0 && s.p99Ms >= s.p50Ms);
            QCOMPARE(s.healthy, 2);
            QCOMPARE(s.errorsPerS, 0.0);
            QVERIFY(i == 0 || s.tMs >= stats.series().at(i - 1).tMs);
        }
        QVERIFY(sawCalls);
    }

    void serverErrorFailsOverAtOnce()
    {
        // A worker answering every call with HTTP 500 and a healthy one: a
        // retry-safe call moves to the healthy one at once, not after the backoff.
        DemoWorkerProcess bad, good;
        QVERIFY(bad.start({QStringLiteral("--error-rate"), QStringLiteral("1")}) && good.start());
        ServerPoolOptions o = fastOptions();
        o.queue.retryDelayMs = 60000;
        o.queue.retryMaxDelayMs = 60000;
        ServerPool pool(o);
        pool.initialize();
        QVERIFY(pool.addServer(QStringLiteral("bad"), bad.url(), {}));
        QVERIFY(pool.addServer(QStringLiteral("good"), good.url(), {}));
        QVERIFY(waitOnline(pool, 2));
        QList<QFuture<Task>> futures;
        for (int i = 0; i < 6; ++i)
            futures << pool.whenFinished(pool.callTool(QStringLiteral("echo"), echoArgs(i)));
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return std::all_of(futures.cbegin(), futures.cend(),
                                   [](const QFuture<Task> &f) { return f.isFinished(); });
            },
            5000)); // far below the 60 s backoff
        int movedOver = 0;
        for (const QFuture<Task> &f : std::as_const(futures)) {
            const Task t = f.result();
            QCOMPARE(t.status, TaskStatus::Completed);
            QCOMPARE(t.serverId, QStringLiteral("good"));
            if (t.attempts == 2) {
                QCOMPARE(t.failedOn, QStringList{QStringLiteral("bad")});
                ++movedOver;
            }
        }
        QVERIFY(movedOver >= 1); // round robin sent some to the bad one first
        QCOMPARE(pool.queue()->stats().failovers, movedOver);
        QCOMPARE(pool.statistics().server(QStringLiteral("bad"))->errorsOf(McpError::Kind::Http),
                 movedOver);
    }

    void rateLimitHoldsWork()
    {
        // 2 calls a second, burst 2, on a fake clock: the queue holds the rest
        // and starts one more each time the clock gives room for it.
        DemoWorkerProcess worker;
        QVERIFY(worker.start());
        FakeTimerSource clock;
        ServerPoolOptions o = fastOptions();
        o.timers = &clock;
        o.sampleIntervalMs = 0;
        ServerPool pool(o);
        pool.initialize();
        ServerOptions limited;
        limited.ratePerSecond = 2;
        limited.rateBurst = 2;
        QVERIFY(pool.addServer(QStringLiteral("w"), worker.url(), {}, limited));
        QVERIFY(waitOnline(pool, 1));
        QList<QFuture<Task>> calls;
        for (int i = 0; i < 5; ++i)
            calls << pool.whenFinished(pool.callTool(QStringLiteral("echo"), echoArgs(i)));
        auto done = [&]() {
            return int(std::count_if(calls.cbegin(), calls.cend(),
                                     [](const QFuture<Task> &f) { return f.isFinished(); }));
        };
        QVERIFY(QTest::qWaitFor([&]() { return done() == 2; }, 5000)); // the burst
        // Proves nothing more starts: a short real wait in which a call let through
        // by mistake would finish (loopback answers in a few ms); nothing to wait for.
        QTest::qWait(200);
        QCOMPARE(done(), 2); // no time has passed on the pool's clock: the rest wait
        QCOMPARE(pool.queue()->stats().pending, 3);
        clock.advance(499);
        QTest::qWait(100); // as above: nothing may start 1 ms early
        QCOMPARE(done(), 2);
        clock.advance(1); // 500 ms at 2 a second: room for one more
        QVERIFY(QTest::qWaitFor([&]() { return done() == 3; }, 5000));
        clock.advance(1000); // room for two
        QVERIFY(QTest::qWaitFor([&]() { return done() == 5; }, 5000));
        for (const QFuture<Task> &f : std::as_const(calls))
            QCOMPARE(f.result().status, TaskStatus::Completed);
    }

    void retryAfterHoldsTheServer()
    {
        // The only server answers its first call 429 with Retry-After: 2. The
        // dispatcher sends it nothing more until 2 s have passed on the pool's
        // clock; then the held calls (and the refused one) run.
        DemoWorkerProcess worker;
        QVERIFY(worker.start({QStringLiteral("--throttle-first"), QStringLiteral("1"),
                              QStringLiteral("--retry-after"), QStringLiteral("2")}));
        FakeTimerSource clock;
        ServerPoolOptions o = fastOptions();
        o.timers = &clock;
        o.sampleIntervalMs = 0;
        ServerPool pool(o);
        pool.initialize();
        QSignalSpy throttled(&pool, &ServerPool::serverThrottled);
        ServerOptions one;
        one.maxConcurrent = 1; // so the second call is not on the wire before the 429 is back
        QVERIFY(pool.addServer(QStringLiteral("w"), worker.url(), {}, one));
        QVERIFY(waitOnline(pool, 1));
        QList<QFuture<Task>> calls;
        for (int i = 0; i < 3; ++i)
            calls << pool.whenFinished(pool.callTool(QStringLiteral("echo"), echoArgs(i)));
        QVERIFY(QTest::qWaitFor([&]() { return throttled.size() == 1; }, 5000));
        QCOMPARE(throttled.first().at(1).toInt(), 2000);
        QCOMPARE(throttled.first().at(2).toInt(), 429);
        // Proves the calls are held: a short real wait in which the server would
        // have answered them; there is nothing to wait for.
        QTest::qWait(300);
        auto done = [&]() {
            return int(std::count_if(calls.cbegin(), calls.cend(),
                                     [](const QFuture<Task> &f) { return f.isFinished(); }));
        };
        QCOMPARE(done(), 0); // held, although the server would answer now
        QCOMPARE(pool.serverRows().first().heldForMs, 2000);
        QCOMPARE(pool.servers().first().toObject().value(QStringLiteral("heldForMs")).toInt(),
                 2000);
        clock.advance(1999);
        QTest::qWait(100); // as above: still held 1 ms before the end
        QCOMPARE(done(), 0);
        clock.advance(1);
        QVERIFY(QTest::qWaitFor([&]() { return done() == 3; }, 5000));
        for (const QFuture<Task> &f : std::as_const(calls))
            QCOMPARE(f.result().status, TaskStatus::Completed);
        QCOMPARE(pool.serverRows().first().heldForMs, 0);
    }

    void retryAfterSendsWorkElsewhere()
    {
        // Two servers; one asks for 60 s of quiet. Everything goes to the
        // other one meanwhile, and nothing is lost.
        DemoWorkerProcess busy, calm;
        QVERIFY(busy.start({QStringLiteral("--throttle-first"), QStringLiteral("1"),
                            QStringLiteral("--retry-after"), QStringLiteral("60")}));
        QVERIFY(calm.start());
        ServerPoolOptions o = fastOptions();
        ServerPool pool(o);
        pool.initialize();
        QVERIFY(pool.addServer(QStringLiteral("busy"), busy.url(), {}));
        QVERIFY(pool.addServer(QStringLiteral("calm"), calm.url(), {}));
        QVERIFY(waitOnline(pool, 2));
        QSignalSpy throttled(&pool, &ServerPool::serverThrottled);
        // One at a time until "busy" has said 429 (round robin reaches it soon).
        for (int i = 0; i < 4 && throttled.isEmpty(); ++i) {
            const QFuture<Task> one
                = pool.whenFinished(pool.callTool(QStringLiteral("echo"), echoArgs(i)));
            QVERIFY(QTest::qWaitFor([&]() { return one.isFinished(); }, 10000));
            QCOMPARE(one.result().status, TaskStatus::Completed); // the refused one moved
        }
        QCOMPARE(throttled.size(), 1);
        QList<QFuture<Task>> calls;
        for (int i = 0; i < 20; ++i)
            calls << pool.whenFinished(pool.callTool(QStringLiteral("echo"), echoArgs(i)));
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return std::all_of(calls.cbegin(), calls.cend(),
                                   [](const QFuture<Task> &f) { return f.isFinished(); });
            },
            10000));
        QCOMPARE(throttled.size(), 1);
        int onBusy = 0;
        for (const QFuture<Task> &f : std::as_const(calls)) {
            QCOMPARE(f.result().status, TaskStatus::Completed);
            onBusy += f.result().serverId == QStringLiteral("busy") ? 1 : 0;
        }
        QCOMPARE(onBusy, 0);
        QVERIFY(pool.serverRows().first().heldForMs > 50000);
    }

    void drainAndDisable()
    {
        DemoWorkerProcess a, b;
        QVERIFY(a.start());
        QVERIFY(b.start());
        ServerPool pool(fastOptions());
        pool.initialize();
        QVERIFY(pool.addServer(QStringLiteral("a"), a.url(), {}));
        QVERIFY(pool.addServer(QStringLiteral("b"), b.url(), {}));
        QVERIFY(waitOnline(pool, 2));
        auto runBatch = [&](int count) {
            QList<QFuture<Task>> calls;
            for (int i = 0; i < count; ++i)
                calls << pool.whenFinished(pool.callTool(QStringLiteral("echo"), echoArgs(i)));
            QHash<QString, int> by;
            if (!QTest::qWaitFor(
                    [&]() {
                        return std::all_of(calls.cbegin(), calls.cend(),
                                           [](const QFuture<Task> &f) { return f.isFinished(); });
                    },
                    10000))
                return by;
            for (const QFuture<Task> &f : std::as_const(calls))
                by[f.result().status == TaskStatus::Completed ? f.result().serverId
                                                              : QStringLiteral("failed")]++;
            return by;
        };
        QVERIFY(pool.setServerDrained(QStringLiteral("a"), true));
        QVERIFY(!pool.setServerDrained(QStringLiteral("nobody"), true));
        QHash<QString, int> by = runBatch(10);
        QCOMPARE(by.value(QStringLiteral("b")), 10);
        QVERIFY(pool.serverRows().first().draining);
        QCOMPARE(pool.serverRows().first().status, QStringLiteral("online")); // still watched
        QVERIFY(pool.setServerDrained(QStringLiteral("a"), false));
        by = runBatch(10);
        QVERIFY(by.value(QStringLiteral("a")) > 0);

        QVERIFY(pool.setServerEnabled(QStringLiteral("a"), false));
        QCOMPARE(pool.serverRows().first().status, QStringLiteral("disabled"));
        QCOMPARE(pool.stats().value(QStringLiteral("healthy")).toInt(), 1);
        QCOMPARE(pool.stats().value(QStringLiteral("offline")).toInt(), 0);
        QVERIFY(QTest::qWaitFor([&]() { return !pool.client(QStringLiteral("a"))->isConnected(); },
                                5000));
        by = runBatch(10);
        QCOMPARE(by.value(QStringLiteral("b")), 10);
        QVERIFY(pool.setServerEnabled(QStringLiteral("a"), true));
        QVERIFY(waitOnline(pool, 2));
        by = runBatch(10);
        QVERIFY(by.value(QStringLiteral("a")) > 0);
        QCOMPARE(by.value(QStringLiteral("failed")), 0);

        // Added disabled (a profile's "enabled": false): listed, never connected, until enabled.
        DemoWorkerProcess c;
        QVERIFY(c.start());
        ServerOptions off;
        off.enabled = false;
        QVERIFY(pool.addServer(QStringLiteral("c"), c.url(), {}, off));
        QCOMPARE(pool.serverRows().last().status, QStringLiteral("disabled"));
        QTest::qWait(200); // proves it does not connect: a connect takes a few ms on loopback
        QVERIFY(!pool.client(QStringLiteral("c"))->isConnected());
        QVERIFY(pool.setServerEnabled(QStringLiteral("c"), true));
        QVERIFY(waitOnline(pool, 3));

        // Disabled while a call runs and enabled again before it ends: the call
        // finishes on the same session (no reconnect cutting it off).
        PoolCallOptions onA;
        onA.server = QStringLiteral("a");
        const QFuture<Task> slow = pool.whenFinished(
            pool.callTool(QStringLiteral("sleep"), {{QStringLiteral("ms"), 600}}, onA));
        QVERIFY(
            QTest::qWaitFor([&]() { return pool.serverRows().first().activeTasks == 1; }, 5000));
        const QString session = pool.client(QStringLiteral("a"))->sessionId();
        QVERIFY(pool.setServerEnabled(QStringLiteral("a"), false));
        // Gives a wrong disconnect the chance to happen (what must NOT happen).
        QTest::qWait(100);
        QVERIFY(pool.setServerEnabled(QStringLiteral("a"), true));
        QVERIFY(QTest::qWaitFor([&]() { return slow.isFinished(); }, 5000));
        QVERIFY2(slow.result().status == TaskStatus::Completed,
                 qPrintable(slow.result().error.message));
        QCOMPARE(pool.client(QStringLiteral("a"))->sessionId(), session);
        QVERIFY(waitOnline(pool, 3));

        QVERIFY(pool.setServerRateLimit(QStringLiteral("a"), 5, 7));
        QCOMPARE(pool.serverRows().first().ratePerSecond, 5.0);
        QCOMPARE(pool.serverRows().first().rateBurst, 7);
    }

    void briefOutageDoesNotFailTheQueue()
    {
        // The only server goes away: calls made meanwhile wait (up to the
        // grace period) for it to come back instead of failing at once.
        const quint16 port = freePort();
        auto worker = std::make_unique<DemoWorkerProcess>();
        QVERIFY(worker->start({QStringLiteral("--port"), QString::number(port)}));
        ServerPoolOptions o = fastOptions();
        o.noServerGraceMs = 1500;
        ServerPool pool(o);
        pool.initialize();
        QVERIFY(pool.addServer(QStringLiteral("w"), worker->url(), {}));
        QVERIFY(waitOnline(pool, 1));
        auto gone = [&]() {
            worker->process().kill();
            worker->process().waitForFinished();
            return QTest::qWaitFor(
                [&]() { return !isInRotation(pool.healthMonitor()->status(QStringLiteral("w"))); },
                5000);
        };
        QVERIFY(gone());
        QList<QFuture<Task>> calls;
        for (int i = 0; i < 5; ++i)
            calls << pool.whenFinished(pool.callTool(QStringLiteral("echo"), echoArgs(i)));
        QTest::qWait(300); // proves they wait (not fail at once): nothing to wait for
        QVERIFY(std::none_of(calls.cbegin(), calls.cend(),
                             [](const QFuture<Task> &f) { return f.isFinished(); }));
        worker = std::make_unique<DemoWorkerProcess>();
        QVERIFY(worker->start({QStringLiteral("--port"), QString::number(port)}));
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return std::all_of(calls.cbegin(), calls.cend(),
                                   [](const QFuture<Task> &f) { return f.isFinished(); });
            },
            10000));
        for (const QFuture<Task> &f : std::as_const(calls))
            QVERIFY2(f.result().status == TaskStatus::Completed,
                     qPrintable(f.result().error.message));

        // Gone for longer than the grace: "No healthy servers", after it.
        QVERIFY(gone());
        QElapsedTimer waited;
        waited.start();
        const QFuture<Task> late
            = pool.whenFinished(pool.callTool(QStringLiteral("echo"), echoArgs(9)));
        QVERIFY(QTest::qWaitFor([&]() { return late.isFinished(); }, 10000));
        QCOMPARE(late.result().error.kind, McpError::Kind::NoHealthyServers);
        QVERIFY2(waited.elapsed() >= 1400, qPrintable(QString::number(waited.elapsed())));
    }

    void oauthSignInUnblocksWork()
    {
        // A worker that wants OAuth: the pool shows it as needing sign-in, a
        // call for it waits; once someone signs in (here the headless agent
        // plays the browser) the server comes online and the call runs.
        DemoWorkerProcess worker;
        QVERIFY(worker.start({QStringLiteral("--oauth"), QStringLiteral("--token-lifetime"),
                              QStringLiteral("3600")}));
        ServerPoolOptions o = fastOptions();
        o.health.reconnectDelayMs = 60000; // only the sign-in may bring it back soon
        o.health.reconnectMaxDelayMs = 60000;
        ServerPool pool(o);
        pool.initialize();
        QSignalSpy signInRequired(&pool, &ServerPool::serverSignInRequired);
        QSignalSpy authChanged(&pool, &ServerPool::serverAuthChanged);
        QVERIFY(pool.addServer(QStringLiteral("w"), worker.url(), {}));
        QVERIFY(QTest::qWaitFor(
            [&]() { return pool.serverRows().first().status == QLatin1String("needs-sign-in"); },
            10000));
        QVERIFY(!signInRequired.isEmpty());
        QCOMPARE(pool.servers().first().toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("needs-sign-in"));
        PoolCallOptions call;
        call.timeoutMs = 20000;
        const QFuture<Task> waiting
            = pool.whenFinished(pool.callTool(QStringLiteral("echo"), echoArgs(1), call));
        QTest::qWait(300); // proves it is not failed at once; nothing to wait for
        QVERIFY(!waiting.isFinished()); // waits for the sign-in, not "No healthy servers"

        HeadlessAuthorizationAgent browser;
        pool.setAuthorizationAgent(&browser);
        QVERIFY(pool.signIn(QStringLiteral("w")));
        QVERIFY(!pool.signIn(QStringLiteral("nobody")));
        QVERIFY(QTest::qWaitFor([&]() { return waiting.isFinished(); }, 15000));
        QVERIFY2(waiting.result().status == TaskStatus::Completed,
                 qPrintable(waiting.result().error.message));
        const ServerRow row = pool.serverRows().first();
        QCOMPARE(row.status, QStringLiteral("online"));
        QCOMPARE(row.authState, QStringLiteral("signed-in"));
        QVERIFY(row.authIssuer.startsWith(QStringLiteral("http://127.0.0.1:")));
        QVERIFY(row.authScopes.contains(QStringLiteral("mcp:tools")));
        QVERIFY(row.authExpiresAtMs > QDateTime::currentMSecsSinceEpoch());
        QVERIFY(!authChanged.isEmpty());
        // The token set travels (for the keychain) and works in a new pool without a sign-in.
        const OAuthTokenSet kept = pool.oauthClient(QStringLiteral("w"))->tokenSet();
        QVERIFY(kept.hasTokens());
        const QString json = QString::fromUtf8(QJsonDocument(pool.servers()).toJson());
        QVERIFY(!json.contains(kept.accessToken)); // never in what the pool shows
        pool.setAuthorizationAgent(nullptr);
        ServerPool again(o);
        again.initialize();
        ServerOptions withTokens;
        withTokens.oauthTokens = kept;
        QVERIFY(again.addServer(QStringLiteral("w"), worker.url(), {}, withTokens));
        QVERIFY(waitOnline(again, 1));
        QVERIFY(pool.signOut(QStringLiteral("w")));
        QVERIFY(!pool.oauthClient(QStringLiteral("w"))->tokenSet().hasTokens());
    }

    void mixedFleetAcrossTokenExpiry()
    {
        // An open worker and an OAuth one whose tokens last 2 s: after one
        // sign-in the pool keeps both busy across several expiries (refresh
        // on the way) and loses nothing.
        DemoWorkerProcess open, guarded;
        QVERIFY(open.start());
        QVERIFY(guarded.start(
            {QStringLiteral("--oauth"), QStringLiteral("--token-lifetime"), QStringLiteral("2")}));
        ServerPoolOptions o = fastOptions();
        ServerPool pool(o);
        pool.initialize();
        HeadlessAuthorizationAgent browser;
        pool.setAuthorizationAgent(&browser);
        QVERIFY(pool.addServer(QStringLiteral("open"), open.url(), {}));
        QVERIFY(pool.addServer(QStringLiteral("guarded"), guarded.url(), {}));
        QVERIFY(QTest::qWaitFor(
            [&]() { return pool.serverRows().last().status == QLatin1String("needs-sign-in"); },
            10000));
        QVERIFY(pool.signIn(QStringLiteral("guarded")));
        QVERIFY(waitOnline(pool, 2));
        QHash<QString, int> by;
        int failed = 0;
        QElapsedTimer clock;
        clock.start();
        int i = 0;
        while (clock.elapsed() < 5000) { // 2.5 token lifetimes
            QList<QFuture<Task>> batch;
            for (int k = 0; k < 8; ++k)
                batch << pool.whenFinished(pool.callTool(QStringLiteral("echo"), echoArgs(i++)));
            QVERIFY(QTest::qWaitFor(
                [&]() {
                    return std::all_of(batch.cbegin(), batch.cend(),
                                       [](const QFuture<Task> &f) { return f.isFinished(); });
                },
                10000));
            for (const QFuture<Task> &f : std::as_const(batch)) {
                if (f.result().status == TaskStatus::Completed)
                    ++by[f.result().serverId];
                else
                    ++failed;
            }
            // Paces the loop: it spans 2.5 lifetimes of tokens the worker (another
            // process, real time) issues, so the fake clock cannot stand in.
            QTest::qWait(100);
        }
        QCOMPARE(failed, 0);
        QVERIFY(by.value(QStringLiteral("open")) > 0);
        QVERIFY(by.value(QStringLiteral("guarded")) > 0);
        QVERIFY2(pool.oauthClient(QStringLiteral("guarded"))->tokenRequestCount() >= 3,
                 qPrintable(QString::number(
                     pool.oauthClient(QStringLiteral("guarded"))->tokenRequestCount())));
        QCOMPARE(pool.oauthClient(QStringLiteral("guarded"))->authorizationCount(), 1);
        QVERIFY(isInRotation(pool.healthMonitor()->status(QStringLiteral("guarded"))));
        pool.setAuthorizationAgent(nullptr);
    }

    void tokenRotation()
    {
        // The worker wants the new token; the pool starts with the old one.
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MCPPM_ROTATE_TOKEN"), QStringLiteral("new-token"));
        DemoWorkerProcess worker;
        worker.process().setProcessEnvironment(env);
        QVERIFY(
            worker.start({QStringLiteral("--token-env"), QStringLiteral("MCPPM_ROTATE_TOKEN")}));
        ServerPoolOptions o = fastOptions();
        o.health.reconnectDelayMs = 60000; // only the rotation may bring it back quickly
        o.health.reconnectMaxDelayMs = 60000;
        ServerPool pool(o);
        pool.initialize();
        QVERIFY(pool.addServer(QStringLiteral("w"), worker.url(), QStringLiteral("old-token")));
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return pool.healthMonitor()->health(QStringLiteral("w")).lastError.httpStatus
                    == 401;
            },
            10000));
        QVERIFY(!isInRotation(pool.healthMonitor()->status(QStringLiteral("w"))));
        QVERIFY(pool.setServerToken(QStringLiteral("w"), QStringLiteral("new-token")));
        QVERIFY(!pool.setServerToken(QStringLiteral("nobody"), QStringLiteral("x")));
        QVERIFY(waitOnline(pool, 1));
        const QFuture<Task> call
            = pool.whenFinished(pool.callTool(QStringLiteral("echo"), echoArgs(1)));
        QVERIFY(QTest::qWaitFor([&]() { return call.isFinished(); }, 5000));
        QCOMPARE(call.result().status, TaskStatus::Completed); // finished: does not block
    }

    void gracefulShutdown()
    {
        DemoWorkerProcess w1;
        QVERIFY(w1.start());
        ServerPoolOptions o = fastOptions();
        o.queue.concurrentTasks = 2;
        ServerPool pool(o);
        pool.initialize();
        QVERIFY(pool.addServer(QStringLiteral("w1"), w1.url(), {}));
        QVERIFY(waitOnline(pool, 1));
        Tracker tracker(pool);
        QList<TaskId> ids;
        for (int i = 0; i < 6; ++i)
            ids << pool.callTool(QStringLiteral("sleep"), QJsonObject{{QStringLiteral("ms"), 300}});
        QTRY_COMPARE_WITH_TIMEOUT(pool.queue()->stats().running, 2, 5000); // four wait
        QSignalSpy finished(&pool, &ServerPool::shutdownFinished);
        pool.shutdown();
        const TaskId late = pool.callTool(QStringLiteral("echo"), echoArgs(1));
        QVERIFY(QTest::qWaitFor([&]() { return !finished.isEmpty(); }, 10000));
        QVERIFY(
            QTest::qWaitFor([&]() { return tracker.allDone(ids + QList<TaskId>{late}); }, 5000));
        int completed = 0, cancelled = 0;
        for (TaskId id : std::as_const(ids)) {
            QCOMPARE(tracker.reports.value(id), 1);
            if (tracker.errors.contains(id)) {
                QCOMPARE(tracker.errors.value(id).kind, McpError::Kind::Cancelled);
                ++cancelled;
            } else {
                ++completed;
            }
        }
        QCOMPARE(completed, 2); // the running ones finished within the grace period
        QCOMPARE(cancelled, 4);
        QCOMPARE(tracker.errors.value(late).kind, McpError::Kind::Cancelled);
        QCOMPARE(finished.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestServerPool)
#include "tst_serverpool.moc"
