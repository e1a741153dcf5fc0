// core/stats: histogram buckets and percentiles, sliding rates, the time
// series ring, per-server/per-tool bookkeeping and RFC 4180 CSV.

#include "stats/csvtable.h"
#include "stats/latencyhistogram.h"
#include "stats/poolstatistics.h"
#include "stats/ratewindow.h"
#include "stats/recentlatencies.h"
#include "stats/timeseries.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace mcppm;

class TestStats : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bucketsCoverEveryValueOnce()
    {
        // Every value lands in a bucket whose upper bound is >= it and whose
        // previous bucket's upper bound is < it; buckets are at most 1/16 wide.
        for (qint64 v : {0LL, 1LL, 15LL, 16LL, 17LL, 31LL, 32LL, 33LL, 999LL, 1000LL, 1023LL,
                         1024LL, 123456LL, 9999999LL, (1LL << 39) + 5}) {
            const int b = LatencyHistogram::bucketOf(v);
            QVERIFY2(b >= 0 && b < LatencyHistogram::kBucketCount, qPrintable(QString::number(v)));
            QVERIFY(LatencyHistogram::bucketUpperUs(b) >= v);
            if (b > 0)
                QVERIFY(LatencyHistogram::bucketUpperUs(b - 1) < v);
            if (v >= 16)
                QVERIFY(LatencyHistogram::bucketUpperUs(b) - v <= v / 16);
        }
        for (int b = 1; b < LatencyHistogram::kBucketCount; ++b)
            QVERIFY(LatencyHistogram::bucketUpperUs(b) > LatencyHistogram::bucketUpperUs(b - 1));
        // Huge values clamp into the last bucket instead of overflowing.
        QCOMPARE(LatencyHistogram::bucketOf(std::numeric_limits<qint64>::max()),
                 LatencyHistogram::kBucketCount - 1);
        QCOMPARE(LatencyHistogram::bucketOf(-5), 0);
    }

    void percentilesWithinBucketError()
    {
        LatencyHistogram h;
        QCOMPARE(h.percentileUs(50), 0);
        QList<qint64> values;
        QRandomGenerator rng(7);
        for (int i = 0; i < 20000; ++i) {
            // log-uniform from 50 µs to 5 s
            const qint64 v = qint64(50.0 * std::pow(100000.0, rng.generateDouble()));
            values << v;
            h.record(v);
        }
        std::sort(values.begin(), values.end());
        for (double p : {50.0, 90.0, 95.0, 99.0, 99.9}) {
            const qint64 exact = values.at(qsizetype(std::ceil(p / 100.0 * values.size())) - 1);
            const qint64 got = h.percentileUs(p);
            QVERIFY2(
                got >= exact && got <= exact + exact / 16 + 1,
                qPrintable(QStringLiteral("p%1: exact %2, got %3").arg(p).arg(exact).arg(got)));
        }
        QCOMPARE(h.count(), 20000);
        QCOMPARE(h.percentileUs(100), values.last());
        QCOMPARE(h.maxUs(), values.last());
        QCOMPARE(h.minUs(), values.first());
        QCOMPARE(h.countAtOrBelow(values.last()), 20000);
        QCOMPARE(h.countAtOrBelow(-1), 0);
        const qint64 below = h.countAtOrBelow(
            LatencyHistogram::bucketUpperUs(LatencyHistogram::bucketOf(values.at(9999))));
        QVERIFY(below >= 10000 && below <= 10000 + 20000 / 16);
    }

    void mergeAndClear()
    {
        LatencyHistogram a, b;
        for (int i = 1; i <= 100; ++i)
            a.record(i * 1000);
        for (int i = 101; i <= 200; ++i)
            b.record(i * 1000);
        a.merge(b);
        QCOMPARE(a.count(), 200);
        QCOMPARE(a.minUs(), 1000);
        QCOMPARE(a.maxUs(), 200000);
        QVERIFY(qAbs(a.percentileUs(50) - 100000) <= 100000 / 16);
        const QJsonObject json = a.toJson();
        QCOMPARE(json.value(QStringLiteral("count")).toInt(), 200);
        QCOMPARE(json.value(QStringLiteral("maxMs")).toDouble(), 200.0);
        QCOMPARE(json.value(QStringLiteral("meanMs")).toDouble(), 100.5);
        a.clear();
        QCOMPARE(a.count(), 0);
        QCOMPARE(a.percentileUs(99), 0);
        LatencyHistogram empty;
        empty.merge(a);
        QCOMPARE(empty.count(), 0);
    }

    void rateWindowSlides()
    {
        RateWindow w(10);
        QCOMPARE(w.perSecond(5000), 0.0);
        // 100 events a second for 20 seconds.
        for (qint64 t = 0; t < 20000; t += 10)
            w.add(t);
        QVERIFY(qAbs(w.perSecond(19999) - 100.0) < 2.0);
        // 10 s of silence: the window empties.
        QCOMPARE(w.perSecond(31000), 0.0);
        // Early on, the rate is over the time since counting began, not the full window.
        RateWindow fresh(10);
        for (qint64 t = 100000; t < 102000; t += 20)
            fresh.add(t);
        QVERIFY2(qAbs(fresh.perSecond(102000) - 50.0) < 3.0,
                 qPrintable(QString::number(fresh.perSecond(102000))));
    }

    // Percentiles of the last 10 s only: they follow a server that got slow
    // (and say "none" when it was idle), where the whole-run histogram stays flat.
    void recentLatenciesFollowTheServer()
    {
        RecentLatencies recent(10000);
        QCOMPARE(recent.percentileUs(0, 50), -1);
        for (int i = 0; i < 100; ++i)
            recent.record(1000 + i, 2000); // 2 ms
        QCOMPARE(recent.percentileUs(2000, 50), 2000);
        for (int i = 0; i < 100; ++i)
            recent.record(20000 + i, 50000); // 50 ms, 19 s later
        QCOMPARE(recent.percentileUs(20200, 50), 50000); // the old ones left the window
        QCOMPARE(recent.percentileUs(40000, 50), -1); // idle since
        // Nearest rank over what is in the window.
        RecentLatencies mixed(10000);
        for (int i = 1; i <= 20; ++i)
            mixed.record(100, i * 1000);
        QCOMPARE(mixed.percentileUs(200, 50), 10000);
        QCOMPARE(mixed.percentileUs(200, 95), 19000);
        QCOMPARE(mixed.percentileUs(200, 100), 20000);
        // At most the newest kCapacity.
        for (int i = 0; i < RecentLatencies::kCapacity; ++i)
            mixed.record(300, 7);
        QCOMPARE(mixed.percentileUs(300, 100), 7);
        // Fed by CallStatistics, next to the whole-run histogram.
        CallStatistics calls;
        calls.attemptStarted();
        calls.attemptFinished(5000, 1234, McpError::Kind::None, false);
        QCOMPARE(calls.recent.percentileUs(5000, 50), 1234);
        QCOMPARE(calls.recent.percentileUs(20000, 50), -1);
        QCOMPARE(calls.latency.count(), 1);
    }

    void timeSeriesIsARing()
    {
        TimeSeries series(5);
        QCOMPARE(series.size(), 0);
        for (int i = 0; i < 12; ++i) {
            PoolSample s;
            s.tMs = 1000 * i;
            s.pending = i;
            series.append(s);
        }
        QCOMPARE(series.size(), 5);
        QCOMPARE(series.at(0).pending, 7);
        QCOMPARE(series.last().pending, 11);
        QCOMPARE(series.since(9000).size(), 3);
        QCOMPARE(series.toJson(10000).size(), 2);
        QCOMPARE(series.toJson().first().toObject().value(QStringLiteral("pending")).toInt(), 7);
        QCOMPARE(PoolSample::csvHeader().size(), PoolSample().csvFields().size());
        series.clear();
        QCOMPARE(series.size(), 0);
    }

    void poolStatisticsCountsPerServerAndTool()
    {
        PoolStatistics stats(100, 10);
        const QString echo = QStringLiteral("echo");
        for (int i = 0; i < 10; ++i) {
            const QString server = i % 2 ? QStringLiteral("b") : QStringLiteral("a");
            stats.attemptStarted(server, echo);
        }
        stats.attemptStarted(QStringLiteral("a"), PoolStatistics::resourceReadKey());
        QCOMPARE(stats.total().inFlight, 11);
        QCOMPARE(stats.server(QStringLiteral("a"))->inFlight, 6);
        for (int i = 0; i < 6; ++i) // a: 5 echo answered (one isError), 1 read timed out
            stats.attemptFinished(1000, QStringLiteral("a"),
                                  i < 5 ? echo : PoolStatistics::resourceReadKey(), 2000 + i,
                                  i < 5 ? McpError::Kind::None : McpError::Kind::Timeout, i == 0);
        for (int i = 0; i < 5; ++i) // b: 3 transport errors, 2 cancelled
            stats.attemptFinished(1500, QStringLiteral("b"), echo, -1,
                                  i < 3 ? McpError::Kind::Transport : McpError::Kind::Cancelled,
                                  false);
        const CallStatistics *a = stats.server(QStringLiteral("a"));
        const CallStatistics *b = stats.server(QStringLiteral("b"));
        QCOMPARE(a->requests, 6);
        QCOMPARE(a->succeeded, 5);
        QCOMPARE(a->toolErrors, 1);
        QCOMPARE(a->errors, 1);
        QCOMPARE(a->errorsOf(McpError::Kind::Timeout), 1);
        QCOMPARE(a->latency.count(), 5);
        QCOMPARE(b->errors, 3); // cancellations are not errors ...
        QCOMPARE(b->cancelled, 2); // ... but are counted apart
        QCOMPARE(b->errorsOf(McpError::Kind::Cancelled), 0); // not among the errors' kinds
        QCOMPARE(b->errorRate(), 1.0); // 3 errors of 3 finished, cancellations left out
        QCOMPARE(stats.total().cancelled, 2);
        QCOMPARE(stats.tool(echo)->cancelled, 2);
        QCOMPARE(b->inFlight, 0);
        QCOMPARE(stats.total().requests, 11);
        QCOMPARE(stats.total().errors, 4);
        QCOMPARE(stats.tool(echo)->requests, 10);
        QCOMPARE(stats.tool(echo)->errors, 3);
        QCOMPARE(stats.tool(PoolStatistics::resourceReadKey())->errors, 1);
        QCOMPARE(stats.toolKeys(), (QStringList{echo, QStringLiteral("resources/read")}));
        QCOMPARE(a->errorRate(), 1.0 / 6.0);

        const QJsonObject json = b->toJson(2000);
        QCOMPARE(json.value(QStringLiteral("errorsByKind")).toObject(),
                 (QJsonObject{{QStringLiteral("transport"), 3}}));
        QCOMPARE(json.value(QStringLiteral("cancelled")).toInteger(), 2);
        for (const char *key : {"requests", "succeeded", "toolErrors", "errors", "cancelled",
                                "errorRate", "inFlight", "latency", "answeredPerS", "errorsPerS"})
            QVERIFY2(json.contains(QLatin1String(key)), key);
        const QJsonArray tools = stats.toolsJson(2000);
        QCOMPARE(tools.size(), 2);
        QCOMPARE(tools.first().toObject().value(QStringLiteral("tool")).toString(), echo);

        // One sample closes the interval: its rates and latency percentiles.
        PoolSample gauges;
        gauges.pending = 3;
        const PoolSample s = stats.sample(2000, 1700000000000, gauges);
        QCOMPARE(s.pending, 3);
        QCOMPARE(s.tMs, 1700000000000);
        QCOMPARE(s.answeredPerS, 5.0);
        QCOMPARE(s.errorsPerS, 4.0);
        QCOMPARE(s.toolErrorsPerS, 1.0);
        QVERIFY(s.p50Ms >= 2.0 && s.p50Ms <= 2.2);
        const PoolSample quiet = stats.sample(4000, 1700000002000, {});
        QCOMPARE(quiet.answeredPerS, 0.0);
        QCOMPARE(quiet.p99Ms, 0.0);
        QCOMPARE(stats.series().size(), 2);

        stats.removeServer(QStringLiteral("b"));
        QVERIFY(!stats.server(QStringLiteral("b")));
        stats.attemptStarted(QStringLiteral("a"), echo);
        stats.reset();
        QCOMPARE(stats.total().requests, 0);
        QCOMPARE(stats.total().inFlight, 1); // the running attempt is still counted
        QCOMPARE(stats.series().size(), 0);
    }

    void csvQuoting_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("written");
        QTest::newRow("plain") << QStringLiteral("w1") << QStringLiteral("w1");
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("comma") << QStringLiteral("a,b") << QStringLiteral("\"a,b\"");
        QTest::newRow("quote") << QStringLiteral("say \"hi\"")
                               << QStringLiteral("\"say \"\"hi\"\"\"");
        QTest::newRow("newline") << QStringLiteral("a\nb") << QStringLiteral("\"a\nb\"");
        QTest::newRow("cr") << QStringLiteral("a\rb") << QStringLiteral("\"a\rb\"");
        QTest::newRow("negative number") << QStringLiteral("-1.5") << QStringLiteral("-1.5");
        QTest::newRow("formula") << QStringLiteral("=HYPERLINK(1)")
                                 << QStringLiteral("\"'=HYPERLINK(1)\"");
        QTest::newRow("at") << QStringLiteral("@cmd") << QStringLiteral("\"'@cmd\"");
        QTest::newRow("unicode") << QStringLiteral("Grüße") << QStringLiteral("Grüße");
    }

    void csvQuoting()
    {
        QFETCH(QString, value);
        QFETCH(QString, written);
        QCOMPARE(CsvTable::field(value), written);
    }

    void csvTable()
    {
        CsvTable table({QStringLiteral("id"), QStringLiteral("note")});
        table.addRow({QStringLiteral("w1"), QStringLiteral("a,b")});
        table.addRow({QStringLiteral("w2")}); // padded
        table.addRow({QStringLiteral("w3"), QStringLiteral("x"), QStringLiteral("extra")}); // cut
        QCOMPARE(table.rowCount(), 3);
        QCOMPARE(table.toUtf8(), QByteArray("id,note\r\nw1,\"a,b\"\r\nw2,\r\nw3,x\r\n"));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("out.csv"));
        QString error;
        QVERIFY2(table.save(path, &error), qPrintable(error));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), table.toUtf8());
        QVERIFY(!table.save(dir.filePath(QStringLiteral("missing/dir/out.csv")), &error));
        QVERIFY(error.contains(QStringLiteral("cannot write")));
    }
};

QTEST_GUILESS_MAIN(TestStats)
#include "tst_stats.moc"
