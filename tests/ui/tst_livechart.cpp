// The live charts: the unit in the chart's title (a vertical axis title gets
// cut), time labels that never repeat, gaps where there is no value (an idle
// second has no latency, it is not 0 ms) in the pool's and a server's charts.

#include "charts/livechart.h"
#include "charts/poolcharts.h"
#include "charts/servercharts.h"

#include <QDateTime>
#include <QLineSeries>
#include <QStandardPaths>
#include <QTest>
#include <QValueAxis>

#include <limits>

using namespace mcppm;
using namespace mcppm::ui;

namespace {
LiveChart *chartNamed(QWidget *parent, const QString &name)
{
    for (LiveChart *c : parent->findChildren<LiveChart *>()) {
        if (c->accessibleName() == name)
            return c;
    }
    return nullptr;
}
} // namespace

class TestLiveChart : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void unitIsInTheTitle()
    {
        LiveChart chart(QStringLiteral("Throughput"), {QStringLiteral("a")},
                        QStringLiteral("per second"));
        QCOMPARE(chart.title(), QStringLiteral("Throughput (per second)"));
    }

    void timeLabelsNeverRepeat_data()
    {
        QTest::addColumn<int>("width");
        QTest::addColumn<int>("seconds");
        QTest::addColumn<QString>("format");
        QTest::newRow("narrow, 1 min") << 300 << 60 << QStringLiteral("HH:mm:ss");
        QTest::newRow("narrow, 2 min") << 300 << 120 << QStringLiteral("HH:mm"); // 60 s apart
        QTest::newRow("narrow, 5 min") << 300 << 300 << QStringLiteral("HH:mm");
        QTest::newRow("wide, 1 min") << 800 << 60 << QStringLiteral("HH:mm:ss");
        QTest::newRow("wide, 3 min") << 800 << 180 << QStringLiteral("HH:mm:ss"); // 45 s apart
        QTest::newRow("wide, 15 min") << 800 << 900 << QStringLiteral("HH:mm");
    }
    void timeLabelsNeverRepeat()
    {
        QFETCH(int, width);
        QFETCH(int, seconds);
        QFETCH(QString, format);
        LiveChart chart(QStringLiteral("Latency"), {QStringLiteral("p50")}, QStringLiteral("ms"));
        chart.resize(width, 200);
        chart.show();
        const qint64 end = QDateTime(QDate(2026, 1, 1), QTime(18, 0, 30)).toMSecsSinceEpoch();
        const qint64 start = end - qint64(seconds) * 1000;
        chart.setPoints({{QPointF(double(end), 1)}}, start, end);
        QCOMPARE(chart.timeFormat(), format);
        // The labels the axis draws: its tick times in that format, all different.
        const int ticks = width < 480 ? 3 : 5;
        QStringList labels;
        for (int i = 0; i < ticks; ++i)
            labels << QDateTime::fromMSecsSinceEpoch(start + (end - start) * i / (ticks - 1))
                          .toString(chart.timeFormat());
        QStringList unique = labels;
        unique.removeDuplicates();
        QCOMPARE(unique, labels);
    }

    void shortChartsHaveThreeRoundValueLabels_data()
    {
        QTest::addColumn<int>("height");
        QTest::addColumn<double>("max");
        QTest::addColumn<double>("top");
        QTest::addColumn<int>("ticks");
        QTest::newRow("short, 0") << 150 << 0.0 << 2.0 << 3; // at least 1: 0, 1, 2
        QTest::newRow("short, 1100") << 150 << 1100.0 << 2000.0 << 3;
        QTest::newRow("short, 42") << 150 << 42.0 << 50.0 << 3;
        QTest::newRow("tall, 42") << 400 << 42.0 << -1.0 << -1; // nice numbers, as before
    }
    void shortChartsHaveThreeRoundValueLabels()
    {
        QFETCH(int, height);
        QFETCH(double, max);
        QFETCH(double, top);
        QFETCH(int, ticks);
        LiveChart chart(QStringLiteral("Queue"), {QStringLiteral("pending")},
                        QStringLiteral("tasks"));
        chart.resize(400, height);
        chart.show();
        chart.setPoints({{QPointF(1000, max)}}, 0, 2000);
        auto *axis = qobject_cast<QValueAxis *>(chart.chart()->axes(Qt::Vertical).constFirst());
        QVERIFY(axis);
        if (ticks > 0) {
            QCOMPARE(axis->tickCount(), ticks);
            QCOMPARE(axis->max(), top);
        } else {
            QVERIFY(axis->max() >= max);
        }
        QCOMPARE(axis->min(), 0.0);
    }

    void nanIsAGap()
    {
        LiveChart chart(QStringLiteral("Latency"), {QStringLiteral("p50")}, QStringLiteral("ms"));
        const double nan = std::numeric_limits<double>::quiet_NaN();
        const QList<QPointF> points{{1000, 5}, {2000, 6},   {3000, nan}, {4000, nan},
                                    {5000, 7}, {6000, nan}, {7000, 8},   {8000, 9}};
        chart.setPoints({points}, 0, 8000);
        QCOMPARE(chart.pointCount(0), 5); // no invented zeros
        QCOMPARE(chart.segmentCount(0), 3);
        for (const QPointF &p : chart.line(0)->points())
            QVERIFY(p.y() > 0);
        // Fewer gaps later: the spare pieces are emptied.
        chart.setPoints({{{1000, 5}, {2000, 6}}}, 0, 8000);
        QCOMPARE(chart.pointCount(0), 2);
        QCOMPARE(chart.segmentCount(0), 1);
        chart.setPoints({{}}, 0, 8000);
        QCOMPARE(chart.segmentCount(0), 0);
    }

    void idleSecondsAreGapsInThePoolLatency()
    {
        PoolCharts charts;
        QList<PoolSample> samples;
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 10000;
        for (int i = 0; i < 6; ++i) {
            PoolSample s;
            s.tMs = t0 + i * 1000;
            const bool busy = i < 2 || i == 5; // seconds 2..4 idle
            s.answeredPerS = busy ? 10 : 0;
            s.p50Ms = busy ? 4 : 0;
            s.p95Ms = busy ? 9 : 0;
            s.p99Ms = busy ? 12 : 0;
            samples << s;
        }
        charts.addSamples(samples);
        LiveChart *latency = chartNamed(&charts, QStringLiteral("Latency"));
        QVERIFY(latency);
        QCOMPARE(latency->pointCount(0), 3);
        QCOMPARE(latency->segmentCount(0), 2);
        LiveChart *rates = chartNamed(&charts, QStringLiteral("Throughput"));
        QCOMPARE(rates->pointCount(0), 6); // a rate of 0 is a value
    }

    void idleSecondsAreGapsInAServersLatency()
    {
        ServerCharts charts;
        QList<ServerHistory::Sample> samples;
        const qint64 t0 = QDateTime::currentMSecsSinceEpoch() - 10000;
        for (int i = 0; i < 4; ++i)
            samples.append({t0 + i * 1000, i == 2 ? 0.0 : 5.0, 0, i == 2 ? -1.0 : 3.0,
                            i == 2 ? -1.0 : 8.0}); // -1: no call in the last 10 s
        charts.setSamples(samples);
        LiveChart *latency = nullptr;
        for (LiveChart *c : charts.findChildren<LiveChart *>()) {
            if (c->accessibleName() == QLatin1String("Server latency"))
                latency = c;
        }
        QVERIFY(latency);
        QCOMPARE(latency->pointCount(0), 3);
        QCOMPARE(latency->segmentCount(0), 2);
        QVERIFY(latency->title().contains(QStringLiteral("last 10 s")));
    }
};

QTEST_MAIN(TestLiveChart)
#include "tst_livechart.moc"
