// ServerHistory: one point a second at most per server in a fixed ring, rates
// from counter deltas, counters that restart, servers that leave; and the
// server charts in the detail pane drawing those points.

#include "charts/livechart.h"
#include "charts/servercharts.h"
#include "models/serverhistory.h"

#include <QChart>
#include <QLineSeries>
#include <QPalette>
#include <QTest>

using namespace mcppm;
using namespace mcppm::ui;

namespace {
ServerRow row(const QString &id, qint64 requests, qint64 errors = 0, double p50 = 0, double p95 = 0)
{
    ServerRow r;
    r.id = id;
    r.requests = requests;
    r.errors = errors;
    r.recentP50Ms = p50;
    r.recentP95Ms = p95;
    return r;
}

constexpr qint64 kStart = 1'700'000'000'000; // some wall-clock time, ms
} // namespace

class TestServerHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void ratesComeFromDeltas()
    {
        ServerHistory history;
        QVERIFY(history.apply({row(QStringLiteral("a"), 100, 10)}, kStart));
        QCOMPARE(history.sampleCount(QStringLiteral("a")), 0); // the baseline only
        QVERIFY(history.apply({row(QStringLiteral("a"), 300, 14, 1.5, 9.25)}, kStart + 2000));
        const auto samples = history.samples(QStringLiteral("a"));
        QCOMPARE(samples.size(), 1);
        QCOMPARE(samples.first().timeMs, kStart + 2000);
        QCOMPARE(samples.first().requestsPerS, 100.0); // 200 in 2 s
        QCOMPARE(samples.first().errorsPerS, 2.0);
        QCOMPARE(samples.first().p50Ms, 1.5);
        QCOMPARE(samples.first().p95Ms, 9.25);
    }

    void atMostOnePointPerInterval()
    {
        ServerHistory history;
        QVERIFY(history.apply({row(QStringLiteral("a"), 0)}, kStart));
        // Snapshots come ten times a second; only the one a second later counts.
        for (int i = 1; i < 10; ++i)
            QVERIFY(!history.apply({row(QStringLiteral("a"), i * 10)}, kStart + i * 100));
        QVERIFY(history.apply({row(QStringLiteral("a"), 100)}, kStart + 1000));
        QCOMPARE(history.sampleCount(QStringLiteral("a")), 1);
        QCOMPARE(history.samples(QStringLiteral("a")).first().requestsPerS, 100.0);
    }

    void ringWrapsAtItsCapacity()
    {
        ServerHistory history(5);
        QCOMPARE(history.capacity(), 5);
        for (int i = 0; i <= 12; ++i)
            history.apply({row(QStringLiteral("a"), qint64(i) * i)}, kStart + i * 1000);
        const auto samples = history.samples(QStringLiteral("a"));
        QCOMPARE(samples.size(), 5); // never more, however long it runs
        // The newest five, oldest first: seconds 8..12, rate i² - (i-1)² = 2i - 1.
        for (int k = 0; k < 5; ++k) {
            const int i = 8 + k;
            QCOMPARE(samples.at(k).timeMs, kStart + i * 1000);
            QCOMPARE(samples.at(k).requestsPerS, double(2 * i - 1));
        }
    }

    void counterResetCountsFromZero()
    {
        ServerHistory history;
        history.apply({row(QStringLiteral("a"), 500, 50)}, kStart);
        history.apply({row(QStringLiteral("a"), 600, 60)}, kStart + 1000);
        // Removed and added again between two samples: its counters start over.
        history.apply({row(QStringLiteral("a"), 7, 1)}, kStart + 2000);
        history.apply({row(QStringLiteral("a"), 17, 1)}, kStart + 3000);
        const auto samples = history.samples(QStringLiteral("a"));
        QCOMPARE(samples.size(), 3);
        QCOMPARE(samples.at(0).requestsPerS, 100.0);
        QCOMPARE(samples.at(1).requestsPerS, 7.0); // not -593
        QCOMPARE(samples.at(1).errorsPerS, 1.0);
        QCOMPARE(samples.at(2).requestsPerS, 10.0);
        QCOMPARE(samples.at(2).errorsPerS, 0.0);
    }

    void removedServersAreDropped()
    {
        ServerHistory history;
        history.apply({row(QStringLiteral("a"), 0), row(QStringLiteral("b"), 0)}, kStart);
        history.apply({row(QStringLiteral("a"), 10), row(QStringLiteral("b"), 20)}, kStart + 1000);
        QCOMPARE(history.serverCount(), 2);
        history.apply({row(QStringLiteral("a"), 20)}, kStart + 2000);
        QCOMPARE(history.serverCount(), 1);
        QVERIFY(!history.contains(QStringLiteral("b")));
        QVERIFY(history.samples(QStringLiteral("b")).isEmpty());
        // Back later: a new series, starting from a new baseline.
        history.apply({row(QStringLiteral("a"), 30), row(QStringLiteral("b"), 5)}, kStart + 3000);
        QCOMPARE(history.sampleCount(QStringLiteral("b")), 0);
        history.apply({row(QStringLiteral("a"), 40), row(QStringLiteral("b"), 8)}, kStart + 4000);
        QCOMPARE(history.samples(QStringLiteral("b")).first().requestsPerS, 3.0);
        QCOMPARE(history.sampleCount(QStringLiteral("a")), 4);
    }

    void clockGoingBackStartsAfresh()
    {
        ServerHistory history;
        history.apply({row(QStringLiteral("a"), 0)}, kStart);
        history.apply({row(QStringLiteral("a"), 10)}, kStart + 1000);
        QCOMPARE(history.sampleCount(QStringLiteral("a")), 1);
        QVERIFY(history.apply({row(QStringLiteral("a"), 20)}, kStart - 60000));
        QCOMPARE(history.sampleCount(QStringLiteral("a")), 0);
        history.apply({row(QStringLiteral("a"), 30)}, kStart - 59000);
        QCOMPARE(history.samples(QStringLiteral("a")).first().requestsPerS, 10.0);
    }

    void thousandServersStayBounded()
    {
        // 1 000 servers for 20 minutes: each keeps exactly the capacity.
        ServerHistory history;
        QList<ServerRow> rows;
        for (int i = 0; i < 1000; ++i)
            rows.append(row(QStringLiteral("s%1").arg(i), 0));
        for (int second = 0; second <= 1200; ++second) {
            for (ServerRow &r : rows)
                r.requests += 3;
            history.apply(rows, kStart + qint64(second) * 1000);
        }
        QCOMPARE(history.serverCount(), 1000);
        QCOMPARE(history.sampleCount(QStringLiteral("s0")), ServerHistory::kCapacity);
        QCOMPARE(history.sampleCount(QStringLiteral("s999")), ServerHistory::kCapacity);
        QCOMPARE(history.samples(QStringLiteral("s500")).constLast().requestsPerS, 3.0);
    }

    void chartsShowTheWindow()
    {
        ServerCharts charts;
        QList<ServerHistory::Sample> samples;
        for (int i = 0; i < 600; ++i)
            samples.append({kStart + qint64(i) * 1000, double(i), 0, 1, 2});
        charts.setSamples(samples);
        QCOMPARE(charts.windowSeconds(), 300);
        QCOMPARE(charts.shownPointCount(), 301); // the last 5 minutes, both ends
        charts.setWindowSeconds(60);
        QCOMPARE(charts.shownPointCount(), 61);
        charts.setWindowSeconds(900);
        QCOMPARE(charts.shownPointCount(), 600);
        const auto views = charts.findChildren<LiveChart *>();
        QCOMPARE(views.size(), 2);
        for (LiveChart *view : views)
            QVERIFY(!view->accessibleName().isEmpty());
        // Dark charts on a dark palette.
        QPalette dark = charts.palette();
        dark.setColor(QPalette::Window, QColor(45, 45, 48));
        charts.setPalette(dark);
        for (LiveChart *view : views)
            QCOMPARE(view->chart()->theme(), QChart::ChartThemeDark);
        charts.setPalette(QPalette(QColor(240, 240, 240)));
        for (LiveChart *view : views)
            QCOMPARE(view->chart()->theme(), QChart::ChartThemeLight);
        charts.clear();
        QCOMPARE(charts.shownPointCount(), 0);
    }
};

QTEST_MAIN(TestServerHistory)
#include "tst_serverhistory.moc"
