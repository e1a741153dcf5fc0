// EventCoalescer: bursts of retries, failovers and failed tasks become one
// summary per server and window; the first few pass, the counts are exact.
// Time is a plain number here (a fake clock), so nothing waits.

#include "host/eventcoalescer.h"

#include <QTest>

using namespace mcppm;

using Kind = PoolEvent::Kind;

class TestEventCoalescer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void quietTrafficPassesUnchanged()
    {
        EventCoalescer c({10000, 2, 32});
        QVERIFY(c.offer(0, Kind::Failover, QStringLiteral("w1"), QStringLiteral("reset")));
        QVERIFY(c.offer(100, Kind::Failover, QStringLiteral("w1"), QStringLiteral("reset")));
        QVERIFY(c.expire(9999).isEmpty());
        QVERIFY(c.expire(10000).isEmpty()); // nothing held back: no summary
        QVERIFY(c.isEmpty());
        // Other kinds are never coalesced.
        for (int i = 0; i < 50; ++i)
            QVERIFY(c.offer(20000 + i, Kind::Health, QStringLiteral("w1"), QString()));
        QVERIFY(c.isEmpty());
    }

    void burstBecomesOneSummaryWithExactCount()
    {
        EventCoalescer c({10000, 2, 32});
        int shown = 0;
        for (int i = 0; i < 37; ++i) {
            const QString reason
                = i % 3 ? QStringLiteral("connection reset") : QStringLiteral("HTTP 502");
            shown += c.offer(i * 200, Kind::Failover, QStringLiteral("worker-3"), reason) ? 1 : 0;
        }
        QCOMPARE(shown, 2);
        QVERIFY(c.expire(9999).isEmpty()); // the window is still open
        const QList<PoolEvent> out = c.expire(10000);
        QCOMPARE(out.size(), 1);
        const PoolEvent &e = out.first();
        QCOMPARE(e.kind, Kind::Failover);
        QCOMPARE(e.serverId, QStringLiteral("worker-3"));
        QCOMPARE(e.count, 37);
        QCOMPARE(e.severity(), PoolEvent::Severity::Warning);
        QVERIFY2(e.text.startsWith(QStringLiteral("37 calls moved to other servers in the last "
                                                  "10 s: connection reset (24 times)")),
                 qPrintable(e.text));
        QVERIFY2(e.text.contains(QStringLiteral("35 of them not listed")), qPrintable(e.text));
    }

    void serversAndKindsAreApart()
    {
        EventCoalescer c({1000, 1, 32});
        for (int i = 0; i < 5; ++i) {
            c.offer(i, Kind::Retry, QStringLiteral("a"), QStringLiteral("timeout"));
            c.offer(i, Kind::Retry, QStringLiteral("b"), QStringLiteral("timeout"));
            c.offer(i, Kind::TaskFailed, QStringLiteral("a"), QStringLiteral("HTTP 500"));
        }
        QList<PoolEvent> out = c.expire(1000);
        QCOMPARE(out.size(), 3);
        std::sort(out.begin(), out.end(), [](const PoolEvent &x, const PoolEvent &y) {
            return std::pair(x.serverId, int(x.kind)) < std::pair(y.serverId, int(y.kind));
        });
        QCOMPARE(out.at(0).serverId, QStringLiteral("a"));
        QCOMPARE(out.at(0).kind, Kind::TaskFailed);
        QCOMPARE(out.at(0).count, 5);
        QCOMPARE(out.at(0).severity(), PoolEvent::Severity::Error);
        QVERIFY2(out.at(0).text.startsWith(
                     QStringLiteral("5 calls failed in the last 1 s: HTTP 500 (5 times)")),
                 qPrintable(out.at(0).text));
        QCOMPARE(out.at(1).kind, Kind::Retry);
        QVERIFY(out.at(1).text.startsWith(QStringLiteral("5 calls retried")));
        QCOMPARE(out.at(2).serverId, QStringLiteral("b"));
    }

    void ongoingBurstIsSummarisedEveryWindowWithNothingLost()
    {
        EventCoalescer c({1000, 2, 32});
        int shown = 0;
        qint64 summed = 0;
        // 10 events a second for 5 s, summaries asked for every 100 ms.
        for (qint64 t = 0; t < 5000; t += 100) {
            for (const PoolEvent &e : c.expire(t))
                summed += e.count - (e.text.contains(QStringLiteral("not listed")) ? 2 : 0);
            shown += c.offer(t, Kind::Failover, QStringLiteral("w"), QStringLiteral("x")) ? 1 : 0;
        }
        for (const PoolEvent &e : c.expire(5000))
            summed += e.count - (e.text.contains(QStringLiteral("not listed")) ? 2 : 0);
        QCOMPARE(shown, 2); // only at the start of the burst
        QCOMPARE(shown + summed, 50); // every event shown or counted, none twice
        QVERIFY(c.isEmpty() || c.expire(7000).isEmpty());
        QVERIFY(c.isEmpty());
        // After a quiet window the next event starts afresh and is shown.
        QVERIFY(c.offer(9000, Kind::Failover, QStringLiteral("w"), QStringLiteral("x")));
    }

    void lateExpiryKeepsTheEndedWindowsSummary()
    {
        // offer() after a window ended but before anyone asked: its summary is kept.
        EventCoalescer c({1000, 0, 32});
        QVERIFY(!c.offer(0, Kind::Retry, QStringLiteral("w"), QStringLiteral("r1")));
        QVERIFY(!c.offer(10, Kind::Retry, QStringLiteral("w"), QStringLiteral("r1")));
        QVERIFY(!c.offer(5000, Kind::Retry, QStringLiteral("w"), QStringLiteral("r2")));
        const QList<PoolEvent> first = c.expire(5001);
        QCOMPARE(first.size(), 1);
        QCOMPARE(first.first().count, 2);
        const QList<PoolEvent> rest = c.flushAll(5500);
        QCOMPARE(rest.size(), 1);
        QCOMPARE(rest.first().count, 1);
        QVERIFY(rest.first().text.contains(QStringLiteral("r2")));
        QVERIFY(c.isEmpty());
    }

    void reasonsAreBounded()
    {
        EventCoalescer c({1000, 0, 4});
        for (int i = 0; i < 100; ++i)
            c.offer(i, Kind::TaskFailed, {}, QStringLiteral("reason %1").arg(i));
        const QList<PoolEvent> out = c.expire(1000);
        QCOMPARE(out.size(), 1);
        QCOMPARE(out.first().count, 100);
        QVERIFY2(out.first().text.contains(QStringLiteral("(other reasons) (96 times)")),
                 qPrintable(out.first().text));
    }

    void severityFollowsKindUnlessSet()
    {
        PoolEvent e;
        e.kind = Kind::Warning;
        QCOMPARE(e.severity(), PoolEvent::Severity::Warning);
        e.kind = Kind::Info;
        QCOMPARE(e.severity(), PoolEvent::Severity::Info);
        e.kind = Kind::Error;
        QCOMPARE(e.severity(), PoolEvent::Severity::Error);
        e.kind = Kind::Health;
        e.explicitSeverity = PoolEvent::Severity::Info; // "now online"
        QCOMPARE(e.severity(), PoolEvent::Severity::Info);
        QCOMPARE(PoolEvent::severityName(PoolEvent::Severity::Warning), QStringLiteral("warning"));
    }
};

QTEST_GUILESS_MAIN(TestEventCoalescer)
#include "tst_eventcoalescer.moc"
