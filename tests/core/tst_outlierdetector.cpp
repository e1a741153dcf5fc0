// The sliding window and its verdicts, on a clock the test passes.

#include "pool/outlierdetector.h"

#include <QTest>

using namespace mcppm;

class TestOutlierDetector : public QObject
{
    Q_OBJECT

    static void calls(OutlierDetector &d, const QString &id, qint64 at, int count, int failed,
                      double latencyMs)
    {
        for (int i = 0; i < count; ++i)
            d.record(id, at, i < failed, latencyMs);
    }

private Q_SLOTS:
    void noVerdictBelowTheVolume()
    {
        OutlierDetector d;
        calls(d, QStringLiteral("a"), 1000, 19, 19, 5);
        d.evaluate(1500);
        auto v = d.verdict(QStringLiteral("a"));
        QCOMPARE(v.requests, 19);
        QVERIFY(!v.enoughVolume);
        QVERIFY(!v.erroring && !v.eject);
        d.record(QStringLiteral("a"), 1600, true, 0);
        d.evaluate(1700);
        v = d.verdict(QStringLiteral("a"));
        QVERIFY(v.enoughVolume && v.erroring && v.eject);
        QCOMPARE(v.errorPercent, 100.0);
    }

    void errorRateHysteresis()
    {
        OutlierOptions o;
        o.windowMs = 10000;
        OutlierDetector d(o);
        calls(d, QStringLiteral("a"), 0, 100, 25, 5); // 25%: degraded, not ejected
        d.evaluate(500);
        QVERIFY(d.verdict(QStringLiteral("a")).erroring);
        QVERIFY(!d.verdict(QStringLiteral("a")).eject);
        // The window moves on: 12% (inside the band) keeps it; 9% ends it.
        calls(d, QStringLiteral("a"), 10500, 100, 12, 5);
        d.evaluate(10600);
        QCOMPARE(d.verdict(QStringLiteral("a")).requests, 100); // the old second has left
        QVERIFY(d.verdict(QStringLiteral("a")).erroring);
        calls(d, QStringLiteral("a"), 21000, 100, 9, 5);
        d.evaluate(21100);
        QVERIFY(!d.verdict(QStringLiteral("a")).erroring);
    }

    void emptyWindowDropsTheServer()
    {
        OutlierOptions o;
        o.windowMs = 5000;
        OutlierDetector d(o);
        calls(d, QStringLiteral("a"), 0, 30, 30, 5);
        d.evaluate(100);
        QVERIFY(d.verdict(QStringLiteral("a")).erroring);
        QVERIFY(d.hasActivity());
        d.evaluate(6000);
        QVERIFY(!d.hasActivity());
        QVERIFY(!d.verdict(QStringLiteral("a")).erroring);
    }

    void slowComparedWithTheOthersMedian()
    {
        OutlierDetector d;
        calls(d, QStringLiteral("a"), 0, 30, 0, 10);
        calls(d, QStringLiteral("b"), 0, 30, 0, 20);
        calls(d, QStringLiteral("c"), 0, 30, 0, 15);
        calls(d, QStringLiteral("slow"), 0, 30, 0, 300);
        d.evaluate(100);
        QVERIFY(d.verdict(QStringLiteral("slow")).slow);
        QCOMPARE(d.verdict(QStringLiteral("slow")).othersMedianMs, 15.0);
        for (const char *id : {"a", "b", "c"})
            QVERIFY2(!d.verdict(QString::fromLatin1(id)).slow, id);
        // Three times slower but only 40 ms more: small latencies never count.
        OutlierDetector small;
        calls(small, QStringLiteral("a"), 0, 30, 0, 10);
        calls(small, QStringLiteral("b"), 0, 30, 0, 50);
        small.evaluate(100);
        QVERIFY(!small.verdict(QStringLiteral("b")).slow);
        // Two servers: each is compared with the other.
        OutlierDetector two;
        calls(two, QStringLiteral("a"), 0, 30, 0, 10);
        calls(two, QStringLiteral("b"), 0, 30, 0, 400);
        two.evaluate(100);
        QVERIFY(two.verdict(QStringLiteral("b")).slow);
        QVERIFY(!two.verdict(QStringLiteral("a")).slow);
    }

    void failuresDoNotCountAsLatency()
    {
        OutlierDetector d;
        calls(d, QStringLiteral("a"), 0, 30, 10, 100);
        d.evaluate(10);
        QCOMPARE(d.verdict(QStringLiteral("a")).meanLatencyMs, 100.0);
    }

    void newWindowSizeStartsAfresh()
    {
        OutlierDetector d;
        calls(d, QStringLiteral("a"), 0, 30, 30, 5);
        OutlierOptions same = d.options();
        same.degradedErrorPercent = 30;
        d.setOptions(same);
        QVERIFY(d.hasActivity()); // thresholds changed, window kept
        OutlierOptions wider = same;
        wider.windowMs = 60000;
        d.setOptions(wider);
        QVERIFY(!d.hasActivity());
    }
};

QTEST_GUILESS_MAIN(TestOutlierDetector)
#include "tst_outlierdetector.moc"
