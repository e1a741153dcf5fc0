// Health transitions with a fake clock and scripted probes.

#include "faketimersource.h"

#include "pool/healthmonitor.h"

#include <QSignalSpy>
#include <QTest>

using namespace mcppm;

namespace {
// A server the test answers for: pings and reconnects wait in queues.
struct FakeServer
{
    QList<HealthProbe::Report> pings;
    QList<HealthProbe::Report> reconnects;
    QList<HealthProbe::Report> reaches;
    HealthProbe probe(bool withReach = false)
    {
        HealthProbe p{[this](HealthProbe::Report r) { pings.append(std::move(r)); },
                      [this](HealthProbe::Report r) { reconnects.append(std::move(r)); },
                      {}};
        if (withReach)
            p.reach = [this](HealthProbe::Report r) { reaches.append(std::move(r)); };
        return p;
    }
    void answerPing(const McpError &e = {}) { pings.takeFirst()(e); }
    void answerReconnect(const McpError &e = {}) { reconnects.takeFirst()(e); }
};

McpError refused()
{
    return McpError::make(McpError::Kind::Transport, QStringLiteral("connection refused"));
}
McpError timeout()
{
    return McpError::make(McpError::Kind::Timeout, QStringLiteral("timeout: ping"));
}
} // namespace

Q_DECLARE_METATYPE(ServerStatus)

class TestHealthMonitor : public QObject
{
    Q_OBJECT

    FakeTimerSource m_clock;

    HealthMonitorOptions options()
    {
        HealthMonitorOptions o;
        o.timers = &m_clock;
        o.checkIntervalMs = 1000;
        o.reconnectDelayMs = 500;
        o.reconnectJitter = 0;
        return o;
    }
    static QStringList statuses(const QSignalSpy &spy)
    {
        QStringList out;
        for (const auto &args : spy)
            out << serverStatusName(args.at(1).value<ServerStatus>());
        return out;
    }

private Q_SLOTS:
    void defaultsMatchTheReference()
    {
        const HealthMonitorOptions o;
        QCOMPARE(o.checkIntervalMs, 15000);
        QCOMPARE(o.degradedThreshold, 2);
        QCOMPARE(o.offlineThreshold, 5);
        QCOMPARE(o.reconnectAttempts, 10);
        QCOMPARE(o.reconnectDelayMs, 5000);
    }

    // Ours, documented in the README: quick to see a death, slow to judge by calls.
    void healthDefaults()
    {
        const HealthMonitorOptions o;
        QCOMPARE(o.riseThreshold, 2);
        QCOMPARE(o.suspectIntervalMs, 2000);
        QCOMPARE(o.probeTimeoutMs, 5000);
        QCOMPARE(o.reconnectMaxDelayMs, 5000);
        QCOMPARE(o.deadRetryIntervalMs, 5000);
        QCOMPARE(o.outliers.windowMs, 30000);
        QCOMPARE(o.outliers.minRequestVolume, 20);
        QCOMPARE(o.outliers.degradedErrorPercent, 20);
        QCOMPARE(o.outliers.ejectErrorPercent, 50);
        QCOMPARE(o.baseEjectionMs, 30000);
        QCOMPARE(o.maxEjectionMs, 300000);
        QCOMPARE(o.maxEjectionPercent, 50);
        QCOMPARE(o.consecutiveFailuresToEject, 10);
    }

    void fullCycle()
    {
        FakeServer w;
        HealthMonitor monitor(options());
        QSignalSpy changed(&monitor, &HealthMonitor::statusChanged);
        QSignalSpy degraded(&monitor, &HealthMonitor::serverDegraded);
        QSignalSpy offline(&monitor, &HealthMonitor::serverOffline);
        QSignalSpy recovered(&monitor, &HealthMonitor::serverRecovered);
        monitor.addServer(QStringLiteral("w1"), w.probe());
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Connecting);
        monitor.reportConnected(QStringLiteral("w1"));
        monitor.start();
        for (int i = 1; i <= 5; ++i) {
            m_clock.advance(1000);
            QCOMPARE(w.pings.size(), 1);
            w.answerPing(timeout());
            if (i == 1)
                QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Online);
            if (i == 2)
                QCOMPARE(degraded.size(), 1);
        }
        QCOMPARE(offline.size(), 1);
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Offline);
        m_clock.advance(499);
        QCOMPARE(w.reconnects.size(), 0);
        m_clock.advance(1);
        QCOMPARE(w.reconnects.size(), 1);
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Reconnecting);
        w.answerReconnect();
        QCOMPARE(monitor.status(QStringLiteral("w1")),
                 ServerStatus::Reconnecting); // still needs a ping
        w.answerPing();
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Online);
        QCOMPARE(recovered.size(), 1);
        QCOMPARE(statuses(changed),
                 (QStringList{QStringLiteral("online"), QStringLiteral("degraded"),
                              QStringLiteral("offline"), QStringLiteral("reconnecting"),
                              QStringLiteral("online")}));
        QCOMPARE(monitor.health(QStringLiteral("w1")).history.size(), 5);
        QCOMPARE(monitor.health(QStringLiteral("w1")).consecutiveFailures, 0);
    }

    void degradedRecoversOnAPing()
    {
        FakeServer w;
        HealthMonitor monitor(options());
        QSignalSpy recovered(&monitor, &HealthMonitor::serverRecovered);
        monitor.addServer(QStringLiteral("w1"), w.probe());
        monitor.reportConnected(QStringLiteral("w1"));
        monitor.start();
        for (int i = 0; i < 2; ++i) {
            m_clock.advance(1000);
            w.answerPing(timeout());
        }
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Degraded);
        QVERIFY(isInRotation(ServerStatus::Degraded));
        m_clock.advance(1000);
        w.answerPing();
        // Rise: one good probe is not enough to forgive two bad ones.
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Degraded);
        m_clock.advance(1000);
        w.answerPing();
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Online);
        QCOMPARE(recovered.size(), 1);
    }

    void passiveDetection_data()
    {
        QTest::addColumn<int>("kind");
        QTest::addColumn<int>("httpStatus");
        QTest::addColumn<ServerStatus>("after"); // after ONE failed call
        QTest::newRow("refused: out at once")
            << int(McpError::Kind::Transport) << 0 << ServerStatus::Offline;
        // A refused certificate (named in the error, status 1 here) stops the
        // server: no reconnect loop until the operator acts. A handshake that
        // broke off before any certificate is an outage like a refusal.
        QTest::newRow("TLS certificate: stopped at once")
            << int(McpError::Kind::Tls) << 1 << ServerStatus::Dead;
        QTest::newRow("TLS handshake cut: out at once")
            << int(McpError::Kind::Tls) << 0 << ServerStatus::Offline;
        QTest::newRow("HTTP 500: one call proves nothing")
            << int(McpError::Kind::Http) << 500 << ServerStatus::Online;
        QTest::newRow("timeout: one call proves nothing")
            << int(McpError::Kind::Timeout) << 0 << ServerStatus::Online;
        QTest::newRow("HTTP 404 ignored")
            << int(McpError::Kind::Http) << 404 << ServerStatus::Online;
        QTest::newRow("tool/RPC error ignored")
            << int(McpError::Kind::Rpc) << 0 << ServerStatus::Online;
        QTest::newRow("cancel ignored")
            << int(McpError::Kind::Cancelled) << 0 << ServerStatus::Online;
    }
    void passiveDetection()
    {
        QFETCH(int, kind);
        QFETCH(int, httpStatus);
        QFETCH(ServerStatus, after);
        FakeServer w;
        HealthMonitor monitor(options());
        monitor.addServer(QStringLiteral("w1"), w.probe());
        monitor.reportConnected(QStringLiteral("w1"));
        McpError e = McpError::make(McpError::Kind(kind), QStringLiteral("x"), httpStatus);
        if (e.kind == McpError::Kind::Tls && httpStatus == 1) {
            e.httpStatus = 0;
            e.certificateSha256 = QStringLiteral("AB:CD");
        }
        monitor.reportCallFailed(QStringLiteral("w1"), e);
        QCOMPARE(monitor.status(QStringLiteral("w1")), after);
    }

    void deadAfterReconnectsAreUsedUp()
    {
        FakeServer w;
        HealthMonitorOptions o = options();
        o.reconnectAttempts = 4;
        o.reconnectMaxDelayMs = 3000;
        o.deadRetryIntervalMs = 0; // as the reference: given up for good
        HealthMonitor monitor(o);
        QSignalSpy dead(&monitor, &HealthMonitor::serverDead);
        monitor.addServer(QStringLiteral("w1"), w.probe());
        monitor.reportConnected(QStringLiteral("w1"));
        monitor.reportCallFailed(QStringLiteral("w1"), refused());
        QList<qint64> waits;
        for (int attempt = 1; attempt <= 4; ++attempt) {
            const qint64 wait = m_clock.nextDue() - m_clock.nowMs();
            waits << wait;
            m_clock.advance(wait);
            QCOMPARE(w.reconnects.size(), 1);
            w.answerReconnect(refused());
        }
        QCOMPARE(waits, (QList<qint64>{500, 1000, 2000, 3000})); // doubling, capped
        QCOMPARE(dead.size(), 1);
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Dead);
        QVERIFY(!isInRotation(ServerStatus::Dead));
        QCOMPARE(monitor.servers(), QStringList{QStringLiteral("w1")}); // still listed
        QCOMPARE(monitor.health(QStringLiteral("w1")).lastError.message,
                 QStringLiteral("connection refused"));
        m_clock.advance(100000);
        QCOMPARE(w.reconnects.size(), 0); // no more tries by itself
        // The operator revives it.
        monitor.reconnectNow(QStringLiteral("w1"));
        w.answerReconnect();
        w.answerPing();
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Online);
    }

    void failedPingAfterReconnectKeepsTrying()
    {
        FakeServer w;
        HealthMonitor monitor(options());
        monitor.addServer(QStringLiteral("w1"), w.probe());
        monitor.reportConnectFailed(QStringLiteral("w1"), refused());
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Offline);
        m_clock.advance(500);
        w.answerReconnect();
        w.answerPing(timeout());
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Offline);
        m_clock.advance(1000);
        QCOMPARE(w.reconnects.size(), 1);
    }

    void removedServerIgnoresLateAnswers()
    {
        FakeServer w;
        HealthMonitor monitor(options());
        QSignalSpy changed(&monitor, &HealthMonitor::statusChanged);
        monitor.addServer(QStringLiteral("w1"), w.probe());
        monitor.reportConnected(QStringLiteral("w1"));
        monitor.start();
        m_clock.advance(1000);
        monitor.removeServer(QStringLiteral("w1"));
        w.answerPing(timeout());
        QCOMPARE(changed.size(), 1); // only connecting → online
        QVERIFY(monitor.servers().isEmpty());
    }

    void onlyOnePingInFlight()
    {
        FakeServer w;
        HealthMonitor monitor(options());
        monitor.addServer(QStringLiteral("w1"), w.probe());
        monitor.reportConnected(QStringLiteral("w1"));
        monitor.start();
        m_clock.advance(5000); // five intervals, the first ping never answers
        QCOMPARE(w.pings.size(), 1);
    }
    void probeRefusedTakesOutAtOnce()
    {
        FakeServer w;
        HealthMonitor monitor(options());
        monitor.addServer(QStringLiteral("w1"), w.probe());
        monitor.reportConnected(QStringLiteral("w1"));
        monitor.start();
        m_clock.advance(1000);
        w.answerPing(refused());
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Offline);
    }

    void operatorPingCountsAsAProbe()
    {
        FakeServer w;
        HealthMonitor monitor(options());
        QSignalSpy offline(&monitor, &HealthMonitor::serverOffline);
        monitor.addServer(QStringLiteral("w1"), w.probe());
        monitor.reportConnected(QStringLiteral("w1"));
        monitor.reportProbe(QStringLiteral("w1"), refused());
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Offline);
        QCOMPARE(offline.size(), 1);
        // Answering again while offline: reconnect now, not at the next attempt.
        monitor.reportProbe(QStringLiteral("w1"), {});
        QCOMPARE(w.reconnects.size(), 1);
    }

    // Alternating good and bad probes never reach the fall threshold.
    void hysteresisKeepsOneBadProbeFromFlapping()
    {
        FakeServer w;
        HealthMonitor monitor(options());
        QSignalSpy changed(&monitor, &HealthMonitor::statusChanged);
        monitor.addServer(QStringLiteral("w1"), w.probe());
        monitor.reportConnected(QStringLiteral("w1"));
        monitor.start();
        for (int i = 0; i < 20; ++i) {
            m_clock.advance(1000);
            w.answerPing(i % 2 ? McpError() : timeout());
        }
        QCOMPARE(statuses(changed), QStringList{QStringLiteral("online")});
    }

    void suspectServersAreProbedSooner()
    {
        FakeServer w;
        HealthMonitorOptions o = options();
        o.checkIntervalMs = 15000;
        o.suspectIntervalMs = 2000;
        HealthMonitor monitor(o);
        monitor.addServer(QStringLiteral("w1"), w.probe());
        monitor.reportConnected(QStringLiteral("w1"));
        monitor.start();
        m_clock.advance(15000);
        w.answerPing(timeout());
        m_clock.advance(1999);
        QCOMPARE(w.pings.size(), 0);
        m_clock.advance(1);
        QCOMPARE(w.pings.size(), 1); // suspect: every 2 s, not every 15 s
        w.answerPing(timeout());
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Degraded);
        m_clock.advance(2000);
        w.answerPing();
        m_clock.advance(2000);
        w.answerPing();
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Online);
        m_clock.advance(2000);
        QCOMPARE(w.pings.size(), 0); // settled: back to the regular interval
        m_clock.advance(11000);
        QCOMPARE(w.pings.size(), 1);
    }

    void lostConnectionIsCheckedAtOnce()
    {
        FakeServer w;
        HealthMonitor monitor(options());
        monitor.addServer(QStringLiteral("w1"), w.probe(true));
        monitor.reportConnected(QStringLiteral("w1"));
        monitor.reportConnectionLost(QStringLiteral("w1"));
        QCOMPARE(w.reaches.size(), 1);
        w.reaches.takeFirst()({}); // it is there: a keep-alive timeout of its own
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Online);
        monitor.reportConnectionLost(QStringLiteral("w1"));
        QCOMPARE(w.reaches.size(), 0); // at most once per suspect interval
        m_clock.advance(2000);
        monitor.reportConnectionLost(QStringLiteral("w1"));
        QCOMPARE(w.reaches.size(), 1);
        w.reaches.takeFirst()(refused());
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Offline);
        // A restart is seen within the capped backoff.
        m_clock.advance(500);
        QCOMPARE(w.reconnects.size(), 1);
        w.answerReconnect();
        w.answerPing();
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Online);
    }

    void deadServersAreStillTriedQuietly()
    {
        FakeServer w;
        HealthMonitorOptions o = options();
        o.reconnectAttempts = 2;
        o.reconnectMaxDelayMs = 500;
        o.deadRetryIntervalMs = 5000;
        HealthMonitor monitor(o);
        QSignalSpy changed(&monitor, &HealthMonitor::statusChanged);
        monitor.addServer(QStringLiteral("w1"), w.probe());
        monitor.reportConnected(QStringLiteral("w1"));
        monitor.reportCallFailed(QStringLiteral("w1"), refused());
        for (int i = 0; i < 2; ++i) {
            m_clock.advance(500);
            w.answerReconnect(refused());
        }
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Dead);
        const int changes = int(changed.size());
        for (int i = 0; i < 3; ++i) {
            m_clock.advance(5000);
            QCOMPARE(w.reconnects.size(), 1);
            w.answerReconnect(refused());
        }
        QCOMPARE(int(changed.size()), changes); // no flicker while it stays dead
        m_clock.advance(5000); // restarted meanwhile
        w.answerReconnect();
        w.answerPing();
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Online);
    }

    // A worker failing 30% of its calls is degraded once and stays so; it is
    // not ejected (70% succeed) and does not flap with every call.
    void steadyErrorRateDegradesOnce()
    {
        FakeServer a, b;
        HealthMonitor monitor(options());
        QSignalSpy changed(&monitor, &HealthMonitor::statusChanged);
        monitor.addServer(QStringLiteral("a"), a.probe());
        monitor.addServer(QStringLiteral("b"), b.probe());
        monitor.reportConnected(QStringLiteral("a"));
        monitor.reportConnected(QStringLiteral("b"));
        const McpError e = McpError::make(McpError::Kind::Http, QStringLiteral("HTTP 500"), 500);
        for (int i = 0; i < 600; ++i) { // a minute, ten calls a second each
            m_clock.advance(100);
            if (i % 10 < 3)
                monitor.reportCallFailed(QStringLiteral("a"), e, 5);
            else
                monitor.reportCallSucceeded(QStringLiteral("a"), 5);
            monitor.reportCallSucceeded(QStringLiteral("b"), 5);
        }
        QCOMPARE(statuses(changed),
                 (QStringList{QStringLiteral("online"), QStringLiteral("online"),
                              QStringLiteral("degraded")}));
        const auto h = monitor.health(QStringLiteral("a"));
        QVERIFY(h.erroring);
        QVERIFY2(qAbs(h.windowErrorPercent - 30) < 2,
                 qPrintable(QString::number(h.windowErrorPercent)));
        QVERIFY(h.reason.contains(QStringLiteral("error rate")));
        // 15% is inside the hysteresis band (above half of 20%): still degraded.
        for (int i = 0; i < 400; ++i) {
            m_clock.advance(100);
            if (i % 20 < 3)
                monitor.reportCallFailed(QStringLiteral("a"), e, 5);
            else
                monitor.reportCallSucceeded(QStringLiteral("a"), 5);
        }
        QCOMPARE(monitor.status(QStringLiteral("a")), ServerStatus::Degraded);
        for (int i = 0; i < 400; ++i) {
            m_clock.advance(100);
            monitor.reportCallSucceeded(QStringLiteral("a"), 5);
        }
        QCOMPARE(monitor.status(QStringLiteral("a")), ServerStatus::Online);
        QCOMPARE(int(changed.size()), 4);
    }

    void tooFewCallsProveNothing()
    {
        FakeServer a;
        HealthMonitor monitor(options());
        monitor.addServer(QStringLiteral("a"), a.probe());
        monitor.reportConnected(QStringLiteral("a"));
        for (int i = 0; i < 19; ++i)
            monitor.reportCallFailed(QStringLiteral("a"), timeout(), 5);
        m_clock.advance(1000);
        QCOMPARE(monitor.status(QStringLiteral("a")), ServerStatus::Online);
        monitor.reportCallFailed(QStringLiteral("a"), timeout(), 5);
        m_clock.advance(1000);
        QCOMPARE(monitor.status(QStringLiteral("a")), ServerStatus::Degraded);
    }

    void ejectionGrowsAndIsCapped()
    {
        FakeServer a, b, c;
        HealthMonitorOptions o = options();
        o.baseEjectionMs = 10000;
        o.maxEjectionMs = 25000;
        o.checkIntervalMs = 0; // no active probes in this test
        HealthMonitor monitor(o);
        QSignalSpy ejected(&monitor, &HealthMonitor::serverEjected);
        for (auto [id, w] : {std::pair{"a", &a}, std::pair{"b", &b}, std::pair{"c", &c}}) {
            monitor.addServer(QString::fromLatin1(id), w->probe());
            monitor.reportConnected(QString::fromLatin1(id));
        }
        auto failCalls = [&](const QString &id) {
            for (int i = 0; i < 30; ++i)
                monitor.reportCallFailed(id, timeout(), 5);
        };
        failCalls(QStringLiteral("a"));
        failCalls(QStringLiteral("b"));
        m_clock.advance(1000);
        // 3 servers, at most 50% ejected at once: one of the two.
        QCOMPARE(ejected.size(), 1);
        const QString first = ejected.at(0).at(0).toString();
        const QString other
            = first == QLatin1String("a") ? QStringLiteral("b") : QStringLiteral("a");
        QCOMPARE(ejected.at(0).at(2).toInt(), 10000);
        QCOMPARE(monitor.status(first), ServerStatus::Ejected);
        QCOMPARE(monitor.status(other), ServerStatus::Degraded);
        monitor.removeServer(other); // two left: one may be ejected
        m_clock.advance(10000);
        QCOMPARE(monitor.status(first), ServerStatus::Online); // back on trial
        (first == QLatin1String("a") ? a : b).answerPing();
        failCalls(first);
        m_clock.advance(1000);
        // Ejected again, for twice as long; then capped at maxEjectionMs.
        QCOMPARE(ejected.size(), 2);
        QCOMPARE(ejected.at(1).at(0).toString(), first);
        QCOMPARE(ejected.at(1).at(2).toInt(), 20000);
        m_clock.advance(20000);
        QCOMPARE(monitor.status(first), ServerStatus::Online);
        (first == QLatin1String("a") ? a : b).answerPing();
        failCalls(first);
        m_clock.advance(1000);
        QCOMPARE(ejected.size(), 3);
        QCOMPARE(ejected.at(2).at(2).toInt(), 25000);
    }

    void failingEveryCallEjectsAtOnce()
    {
        FakeServer a, b;
        HealthMonitor monitor(options());
        QSignalSpy ejected(&monitor, &HealthMonitor::serverEjected);
        for (auto [id, w] : {std::pair{"a", &a}, std::pair{"b", &b}}) {
            monitor.addServer(QString::fromLatin1(id), w->probe());
            monitor.reportConnected(QString::fromLatin1(id));
        }
        const McpError e = McpError::make(McpError::Kind::Http, QStringLiteral("HTTP 500"), 500);
        for (int i = 0; i < 9; ++i)
            monitor.reportCallFailed(QStringLiteral("a"), e, 5);
        monitor.reportCallSucceeded(QStringLiteral("a"), 5); // the streak breaks
        for (int i = 0; i < 9; ++i)
            monitor.reportCallFailed(QStringLiteral("a"), e, 5);
        QCOMPARE(ejected.size(), 0);
        monitor.reportCallFailed(QStringLiteral("a"), e, 5); // ten in a row: no waiting
        QCOMPARE(ejected.size(), 1);
        QCOMPARE(monitor.status(QStringLiteral("a")), ServerStatus::Ejected);
        QVERIFY(monitor.health(QStringLiteral("a")).reason.contains(QStringLiteral("in a row")));
        // The last one in rotation is degraded instead.
        for (int i = 0; i < 10; ++i)
            monitor.reportCallFailed(QStringLiteral("b"), e, 5);
        QCOMPARE(ejected.size(), 1);
        QCOMPARE(monitor.status(QStringLiteral("b")), ServerStatus::Degraded);
    }

    void theLastServerIsNeverEjected()
    {
        FakeServer a;
        HealthMonitor monitor(options());
        monitor.addServer(QStringLiteral("a"), a.probe());
        monitor.reportConnected(QStringLiteral("a"));
        for (int i = 0; i < 40; ++i)
            monitor.reportCallFailed(QStringLiteral("a"), timeout(), 5);
        m_clock.advance(1000);
        QCOMPARE(monitor.status(QStringLiteral("a")), ServerStatus::Degraded);
    }

    void latencyOutlierIsSlow()
    {
        FakeServer a, b, c;
        HealthMonitor monitor(options());
        for (auto [id, w] : {std::pair{"a", &a}, std::pair{"b", &b}, std::pair{"c", &c}}) {
            monitor.addServer(QString::fromLatin1(id), w->probe());
            monitor.reportConnected(QString::fromLatin1(id));
        }
        for (int i = 0; i < 30; ++i) {
            monitor.reportCallSucceeded(QStringLiteral("a"), 10);
            monitor.reportCallSucceeded(QStringLiteral("b"), 14);
            monitor.reportCallSucceeded(QStringLiteral("c"), 400);
        }
        m_clock.advance(1000);
        QVERIFY(monitor.isSlow(QStringLiteral("c")));
        QVERIFY(!monitor.isSlow(QStringLiteral("a")));
        QCOMPARE(monitor.status(QStringLiteral("c")), ServerStatus::Degraded);
        QVERIFY(monitor.health(QStringLiteral("c")).reason.contains(QStringLiteral("slow")));
        // Its window empties (the strategies passed it over): the verdict goes with it.
        m_clock.advance(31000);
        QVERIFY(!monitor.isSlow(QStringLiteral("c")));
        QCOMPARE(monitor.status(QStringLiteral("c")), ServerStatus::Online);
    }

    void optionsChangeInPlace()
    {
        FakeServer w;
        HealthMonitor monitor(options());
        monitor.addServer(QStringLiteral("w1"), w.probe());
        monitor.reportConnected(QStringLiteral("w1"));
        monitor.start();
        for (int i = 0; i < 2; ++i) {
            m_clock.advance(1000);
            w.answerPing(timeout());
        }
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Degraded);
        HealthMonitorOptions o = options();
        o.checkIntervalMs = 4000;
        o.offlineThreshold = 3;
        monitor.setOptions(o);
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Degraded); // kept
        m_clock.advance(3999);
        QCOMPARE(w.pings.size(), 0);
        m_clock.advance(1);
        QCOMPARE(w.pings.size(), 1);
        w.answerPing(timeout());
        QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Offline); // the new threshold
    }
};

QTEST_GUILESS_MAIN(TestHealthMonitor)
#include "tst_healthmonitor.moc"
