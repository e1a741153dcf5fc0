// StatusNotices: tray and status-bar notices only for states that last. A
// server out of service is announced after the delay (short here), a flap
// shorter than that says nothing, and "back" follows only an announced going.
// Also MainWindow's signals come from it.

#include "controllers/statusnotices.h"

#include <QSignalSpy>
#include <QTest>

using namespace mcppm;
using namespace mcppm::ui;

namespace {
QList<ServerRow> rows(std::initializer_list<std::pair<const char *, const char *>> states)
{
    QList<ServerRow> out;
    for (const auto &[id, status] : states) {
        ServerRow r;
        r.id = QString::fromLatin1(id);
        r.status = QString::fromLatin1(status);
        if (StatusNotices::isDown(r.status))
            r.lastError = QStringLiteral("connection refused");
        out << r;
    }
    return out;
}
constexpr int kDelayMs = 150;
} // namespace

class TestStatusNotices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void lastingOutageIsAnnouncedOnceThenItsRecovery()
    {
        StatusNotices notices;
        QCOMPARE(notices.delayMs(), StatusNotices::kDefaultDelayMs);
        notices.setDelayMs(kDelayMs);
        QSignalSpy offline(&notices, &StatusNotices::serverWentOffline);
        QSignalSpy recovered(&notices, &StatusNotices::serverRecovered);
        notices.follow(rows({{"w1", "online"}, {"w2", "online"}}));
        notices.follow(rows({{"w1", "offline"}, {"w2", "online"}}));
        QCOMPARE(offline.size(), 0); // not yet: it may come back
        notices.follow(rows({{"w1", "reconnecting"}, {"w2", "online"}})); // still out
        QTRY_COMPARE_WITH_TIMEOUT(offline.size(), 1, 2000);
        QCOMPARE(offline.first().at(0).toString(), QStringLiteral("w1"));
        QCOMPARE(offline.first().at(1).toString(), QStringLiteral("connection refused"));
        notices.follow(rows({{"w1", "offline"}, {"w2", "online"}}));
        QTest::qWait(2 * kDelayMs);
        QCOMPARE(offline.size(), 1); // once per outage
        notices.follow(rows({{"w1", "online"}, {"w2", "online"}}));
        QCOMPARE(recovered.size(), 1);
        QCOMPARE(recovered.first().at(0).toString(), QStringLiteral("w1"));
    }

    void flapShorterThanTheDelayIsSilent()
    {
        StatusNotices notices;
        notices.setDelayMs(kDelayMs);
        QSignalSpy offline(&notices, &StatusNotices::serverWentOffline);
        QSignalSpy recovered(&notices, &StatusNotices::serverRecovered);
        notices.follow(rows({{"w1", "online"}}));
        for (int i = 0; i < 5; ++i) { // down and up again, faster than the delay
            notices.follow(rows({{"w1", "offline"}}));
            QTest::qWait(kDelayMs / 5);
            notices.follow(rows({{"w1", "degraded"}}));
            notices.follow(rows({{"w1", "online"}}));
        }
        QTest::qWait(2 * kDelayMs);
        QCOMPARE(offline.size(), 0);
        QCOMPARE(recovered.size(), 0); // never announced: no "back" either
    }

    void firstConnectionAndRemovedServersSayNothing()
    {
        StatusNotices notices;
        notices.setDelayMs(kDelayMs);
        QSignalSpy offline(&notices, &StatusNotices::serverWentOffline);
        notices.follow(rows({{"w1", "connecting"}, {"w2", "online"}}));
        notices.follow(rows({{"w1", "offline"}, {"w2", "offline"}}));
        notices.follow(rows({{"w1", "offline"}})); // w2 removed from the pool meanwhile
        QTest::qWait(2 * kDelayMs);
        QCOMPARE(offline.size(), 0);
        // After clear() (a new profile) nothing pending survives either.
        notices.follow(rows({{"w3", "online"}}));
        notices.follow(rows({{"w3", "dead"}}));
        notices.clear();
        QTest::qWait(2 * kDelayMs);
        QCOMPARE(offline.size(), 0);
    }
};

QTEST_MAIN(TestStatusNotices)
#include "tst_statusnotices.moc"
