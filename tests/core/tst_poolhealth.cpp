// The health model against real demo workers: a worker killed with no calls
// flowing is seen offline within seconds and back soon after its restart; a
// frozen worker does not stall the pool under round robin; a worker failing
// 30% of its calls is degraded once, not flapping and not ejected; settings
// change in place without losing statistics.

#include "demoworkerprocess.h"

#include "pool/serverpool.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTest>

#include <csignal>

using namespace mcppm;

namespace {
quint16 freePort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

QJsonObject echoArgs(int n)
{
    return QJsonObject{{QStringLiteral("message"), QStringLiteral("m%1").arg(n)}};
}

bool waitReady(ServerPool &pool, int count)
{
    return QTest::qWaitFor(
        [&]() {
            int ready = 0;
            for (const QString &id : pool.serverIds())
                ready += isInRotation(pool.healthMonitor()->status(id))
                        && pool.client(id)->hasTool(QStringLiteral("echo"))
                    ? 1
                    : 0;
            return ready == count;
        },
        15000);
}

// Statuses one server went through, in order.
QStringList statusesOf(const QSignalSpy &spy, const QString &id)
{
    QStringList out;
    for (const auto &args : spy) {
        if (args.at(0).toString() == id)
            out << serverStatusName(args.at(1).value<ServerStatus>());
    }
    return out;
}
} // namespace

class TestPoolHealth : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<ServerStatus>(); }

    // Default intervals (a 30 s health check): the lost idle connection and
    // a TCP connect tell the death; the capped backoff tells the restart.
    void idleDeathAndRestartAreSeenWithinSeconds()
    {
        const quint16 port = freePort();
        auto victim = std::make_unique<DemoWorkerProcess>();
        DemoWorkerProcess other;
        QVERIFY(victim->start({QStringLiteral("--port"), QString::number(port)}));
        QVERIFY(other.start());
        ServerPoolOptions o; // defaults
        ServerPool pool(o);
        pool.initialize();
        QVERIFY(pool.addServer(QStringLiteral("victim"), victim->url(), {}));
        QVERIFY(pool.addServer(QStringLiteral("other"), other.url(), {}));
        QVERIFY(waitReady(pool, 2));
        QTest::qWait(300); // idle: nothing runs
        QElapsedTimer clock;
        clock.start();
        victim->process().kill();
        QVERIFY(QTest::qWaitFor(
            [&]() { return !isInRotation(pool.healthMonitor()->status(QStringLiteral("victim"))); },
            10000));
        const qint64 seenMs = clock.elapsed();
        qInfo("killed worker out of rotation after %lld ms (no calls flowing)", seenMs);
        QVERIFY2(seenMs < 5000, qPrintable(QString::number(seenMs)));
        QCOMPARE(pool.healthMonitor()->status(QStringLiteral("other")), ServerStatus::Online);

        QTest::qWait(3000); // down for a while: the backoff has grown to its cap
        victim = std::make_unique<DemoWorkerProcess>();
        QVERIFY(victim->start({QStringLiteral("--port"), QString::number(port)}));
        clock.restart();
        QVERIFY(QTest::qWaitFor(
            [&]() { return isInRotation(pool.healthMonitor()->status(QStringLiteral("victim"))); },
            15000));
        qInfo("restarted worker back after %lld ms", clock.elapsed());
        QVERIFY2(clock.elapsed() < 8000, qPrintable(QString::number(clock.elapsed())));
    }

    // Round robin (the default) with one frozen worker: the other two carry
    // every call while the frozen one's few calls hang.
    void frozenWorkerDoesNotStallThePool()
    {
        DemoWorkerProcess a, b, frozen;
        QVERIFY(a.start() && b.start() && frozen.start());
        ServerPoolOptions o;
        o.queue.concurrentTasks = 8;
        o.health.probeTimeoutMs = 60000; // the probes must not be what saves the pool here
        ServerPool pool(o);
        pool.initialize();
        ServerOptions patient;
        patient.timeoutMs = 60000; // a call on the frozen worker hangs for the whole test
        for (const auto &[id, w] :
             {std::pair{"a", &a}, std::pair{"b", &b}, std::pair{"frozen", &frozen}})
            QVERIFY(pool.addServer(QString::fromLatin1(id), w->url(), {}, patient));
        QVERIFY(waitReady(pool, 3));
        ::kill(pid_t(frozen.process().processId()), SIGSTOP);
        QList<TaskId> ids;
        for (int i = 0; i < 300; ++i)
            ids << pool.callTool(QStringLiteral("echo"), echoArgs(i));
        QHash<QString, int> done;
        connect(&pool, &ServerPool::taskCompleted, this,
                [&](TaskId id, const QJsonObject &) { ++done[pool.queue()->task(id)->serverId]; });
        auto frozenActive = [&]() {
            for (const ServerRow &row : pool.serverRows()) {
                if (row.id == QLatin1String("frozen"))
                    return row.activeTasks;
            }
            return -1;
        };
        // Everything but the few calls the frozen worker holds finishes, long
        // before any of those could time out.
        QVERIFY2(QTest::qWaitFor(
                     [&]() {
                         return done.value(QStringLiteral("a")) + done.value(QStringLiteral("b"))
                             + frozenActive()
                             == 300;
                     },
                     30000),
                 qPrintable(QStringLiteral("a %1, b %2, frozen %3")
                                .arg(done.value(QStringLiteral("a")))
                                .arg(done.value(QStringLiteral("b")))
                                .arg(frozenActive())));
        qInfo("calls held by the frozen worker: %d of 300", frozenActive());
        QVERIFY(frozenActive() <= 4); // the default per-server cap: half of 8
        ::kill(pid_t(frozen.process().processId()), SIGCONT);
        QVERIFY(QTest::qWaitFor(
            [&]() {
                for (TaskId id : std::as_const(ids)) {
                    const auto t = pool.queue()->task(id);
                    if (!t || !isTerminal(t->status))
                        return false;
                }
                return true;
            },
            30000));
    }

    // 30% of its calls fail (HTTP 500): degraded once and for good, never
    // offline or ejected; the healthy ones never change.
    void flakyWorkerIsDegradedNotFlapping()
    {
        DemoWorkerProcess a, b, flaky;
        QVERIFY(a.start() && b.start());
        QVERIFY(flaky.start({QStringLiteral("--error-rate"), QStringLiteral("0.3"),
                             QStringLiteral("--seed"), QStringLiteral("11")}));
        ServerPoolOptions o;
        o.queue.concurrentTasks = 8;
        o.healthCheckIntervalMs = 500; // probes see the 500s too
        o.health.suspectIntervalMs = 200;
        o.health.reconnectDelayMs = 100;
        ServerPool pool(o);
        pool.initialize();
        for (const auto &[id, w] :
             {std::pair{"a", &a}, std::pair{"b", &b}, std::pair{"flaky", &flaky}})
            QVERIFY(pool.addServer(QString::fromLatin1(id), w->url(), {}));
        QVERIFY(waitReady(pool, 3));
        QSignalSpy changed(&pool, &ServerPool::serverStatusChanged);
        QList<TaskId> ids;
        int finished = 0;
        connect(&pool, &ServerPool::taskCompleted, this, [&]() { ++finished; });
        connect(&pool, &ServerPool::taskFailed, this, [&]() { ++finished; });
        for (int i = 0; i < 900; ++i)
            ids << pool.callTool(QStringLiteral("echo"), echoArgs(i));
        QVERIFY(QTest::qWaitFor([&]() { return finished == 900; }, 60000));
        const QStringList flakyStatuses = statusesOf(changed, QStringLiteral("flaky"));
        qInfo("flaky worker: %s", qPrintable(flakyStatuses.join(QStringLiteral(" → "))));
        QVERIFY2(flakyStatuses.size() <= 2, qPrintable(flakyStatuses.join(QLatin1Char(' '))));
        QVERIFY(!flakyStatuses.contains(QStringLiteral("offline")));
        QVERIFY(!flakyStatuses.contains(QStringLiteral("ejected")));
        QCOMPARE(pool.healthMonitor()->status(QStringLiteral("flaky")), ServerStatus::Degraded);
        QVERIFY(pool.healthMonitor()->health(QStringLiteral("flaky")).erroring);
        QVERIFY(statusesOf(changed, QStringLiteral("a")).isEmpty());
        QVERIFY(statusesOf(changed, QStringLiteral("b")).isEmpty());
    }

    void settingsApplyInPlace()
    {
        DemoWorkerProcess a, b;
        QVERIFY(a.start() && b.start());
        ServerPoolOptions o;
        ServerPool pool(o);
        pool.initialize();
        QVERIFY(pool.addServer(QStringLiteral("a"), a.url(), {}));
        QVERIFY(pool.addServer(QStringLiteral("b"), b.url(), {}));
        QVERIFY(waitReady(pool, 2));
        QList<TaskId> ids;
        for (int i = 0; i < 20; ++i)
            ids << pool.callTool(QStringLiteral("echo"), echoArgs(i));
        QVERIFY(QTest::qWaitFor([&]() { return pool.queue()->stats().completed == 20; }, 15000));
        McpClient *before = pool.client(QStringLiteral("a"));
        ServerPoolOptions next = pool.options();
        next.strategy = LoadBalancer::Strategy::LeastLoaded;
        next.queue.concurrentTasks = 3;
        next.healthCheckIntervalMs = 700;
        next.health.outliers.minRequestVolume = 5;
        pool.setOptions(next);
        QCOMPARE(pool.strategy(), LoadBalancer::Strategy::LeastLoaded);
        QCOMPARE(pool.queue()->options().concurrentTasks, 3);
        QCOMPARE(pool.healthMonitor()->options().checkIntervalMs, 700);
        QCOMPARE(pool.healthMonitor()->options().outliers.minRequestVolume, 5);
        QCOMPARE(pool.client(QStringLiteral("a")), before); // same session
        QCOMPARE(pool.queue()->stats().completed, 20); // nothing lost
        QCOMPARE(pool.statistics().total().requests, 20);
        QCOMPARE(pool.healthMonitor()->status(QStringLiteral("a")), ServerStatus::Online);
    }
};

QTEST_GUILESS_MAIN(TestPoolHealth)
#include "tst_poolhealth.moc"
