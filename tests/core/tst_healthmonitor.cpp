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
    HealthProbe probe()
    {
        return {[this](HealthProbe::Report r) { pings.append(std::move(r)); },
                [this](HealthProbe::Report r) { reconnects.append(std::move(r)); }};
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
        QTest::newRow("HTTP 500 counts")
            << int(McpError::Kind::Http) << 500 << ServerStatus::Online;
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
        if (httpStatus == 500) {
            monitor.reportCallFailed(QStringLiteral("w1"), e);
            QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Degraded);
            monitor.reportCallSucceeded(QStringLiteral("w1"));
            QCOMPARE(monitor.status(QStringLiteral("w1")), ServerStatus::Online);
        }
    }

    void deadAfterReconnectsAreUsedUp()
    {
        FakeServer w;
        HealthMonitorOptions o = options();
        o.reconnectAttempts = 4;
        o.reconnectMaxDelayMs = 3000;
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
};

QTEST_GUILESS_MAIN(TestHealthMonitor)
#include "tst_healthmonitor.moc"
