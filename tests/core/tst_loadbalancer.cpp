// Strategy selection tables: which server each strategy picks.

#include "pool/loadbalancer.h"

#include <QTest>

using namespace mcppm;
using Strategy = LoadBalancer::Strategy;

namespace {
// "a:2:10:1:0" → id a, 2 active, priority 10, weight 1, latency 0.
QList<ServerCandidate> parse(const QString &spec)
{
    QList<ServerCandidate> out;
    for (const QString &item : spec.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QStringList f = item.split(QLatin1Char(':'));
        ServerCandidate c;
        c.id = f.value(0);
        c.activeTasks = f.value(1, QStringLiteral("0")).toInt();
        c.priority = f.value(2, QStringLiteral("0")).toInt();
        c.weight = f.value(3, QStringLiteral("1")).toInt();
        c.latencyEwmaMs = f.value(4, QStringLiteral("0")).toDouble();
        out << c;
    }
    return out;
}
} // namespace

Q_DECLARE_METATYPE(Strategy)

class TestLoadBalancer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sequences_data()
    {
        QTest::addColumn<Strategy>("strategy");
        QTest::addColumn<QString>("candidates");
        QTest::addColumn<int>("picks");
        QTest::addColumn<QString>("expected");
        QTest::newRow("round robin rotates")
            << Strategy::RoundRobin << "a b c" << 7 << "a b c a b c a";
        QTest::newRow("round robin ignores small load differences")
            << Strategy::RoundRobin << "a:2 b:0" << 4 << "a b a b";
        QTest::newRow("round robin passes over a server with far more running")
            << Strategy::RoundRobin << "a:9 b:0" << 4 << "b b b b";
        QTest::newRow("weighted passes over a server with far more running")
            << Strategy::WeightedRoundRobin << "a:9:0:5 b:1:0:1" << 3 << "b b b";
        QTest::newRow("least loaded") << Strategy::LeastLoaded << "a:3 b:1 c:2" << 3 << "b b b";
        QTest::newRow("least loaded rotates ties")
            << Strategy::LeastLoaded << "a:1 b:1 c:5" << 4 << "a b a b";
        QTest::newRow("priority highest")
            << Strategy::Priority << "a:0:1 b:0:10 c:0:5" << 3 << "b b b";
        QTest::newRow("priority ties by load")
            << Strategy::Priority << "a:5:10 b:2:10 c:0:1" << 2 << "b b";
        QTest::newRow("priority equal ties rotate")
            << Strategy::Priority << "a:1:10 b:1:10 c:0:1" << 4 << "a b a b";
        QTest::newRow("weighted smooth 5:1:1")
            << Strategy::WeightedRoundRobin << "a:0:0:5 b:0:0:1 c:0:0:1" << 7 << "a a b a c a a";
        QTest::newRow("weighted 2:1")
            << Strategy::WeightedRoundRobin << "a:0:0:2 b:0:0:1" << 6 << "a b a a b a";
        QTest::newRow("weight zero counts as one")
            << Strategy::WeightedRoundRobin << "a:0:0:0 b:0:0:1" << 4 << "a b a b";
        QTest::newRow("p2c single") << Strategy::PowerOfTwoChoices << "a:50:0:1:900" << 2 << "a a";
        QTest::newRow("p2c lighter of two")
            << Strategy::PowerOfTwoChoices << "a:9:0:1:10 b:0:0:1:10" << 5 << "b b b b b";
        QTest::newRow("p2c latency counts")
            << Strategy::PowerOfTwoChoices << "a:1:0:1:500 b:3:0:1:20" << 3 << "b b b";
    }
    void sequences()
    {
        QFETCH(Strategy, strategy);
        QFETCH(QString, candidates);
        QFETCH(int, picks);
        QFETCH(QString, expected);
        LoadBalancer balancer(strategy, 42);
        const QList<ServerCandidate> list = parse(candidates);
        QStringList got;
        for (int i = 0; i < picks; ++i)
            got << list.at(balancer.select(list)).id;
        QCOMPARE(got.join(QLatin1Char(' ')), expected);
    }

    void roundRobinSurvivesChangingCandidates()
    {
        LoadBalancer balancer(Strategy::RoundRobin, 1);
        const QList<ServerCandidate> all = parse(QStringLiteral("a b c d"));
        QCOMPARE(all.at(balancer.select(all)).id, QStringLiteral("a"));
        QCOMPARE(all.at(balancer.select(all)).id, QStringLiteral("b"));
        const QList<ServerCandidate> withoutB = parse(QStringLiteral("a c d")); // b went offline
        QCOMPARE(withoutB.at(balancer.select(withoutB)).id, QStringLiteral("c"));
        QCOMPARE(all.at(balancer.select(all)).id, QStringLiteral("d"));
        QCOMPARE(all.at(balancer.select(all)).id, QStringLiteral("a"));
    }

    void powerOfTwoAvoidsTheWorst()
    {
        LoadBalancer balancer(Strategy::PowerOfTwoChoices, 7);
        const QList<ServerCandidate> list
            = parse(QStringLiteral("fast:0:0:1:10 slow1:2:0:1:10 slow2:2:0:1:10"));
        QHash<QString, int> counts;
        for (int i = 0; i < 3000; ++i)
            ++counts[list.at(balancer.select(list)).id];
        // "fast" wins every draw it is part of: two draws in three.
        QVERIFY2(counts.value(QStringLiteral("fast")) > 1800
                     && counts.value(QStringLiteral("fast")) < 2200,
                 qPrintable(QString::number(counts.value(QStringLiteral("fast")))));
    }

    // Every strategy passes over slow servers while another can take the call.
    void slowServersArePassedOver()
    {
        for (const QString &n : LoadBalancer::names()) {
            Strategy strategy;
            QVERIFY(LoadBalancer::fromName(n, &strategy));
            LoadBalancer balancer(strategy, 5);
            QList<ServerCandidate> list = parse(QStringLiteral("a:0:9:5:1 b:0:0:1:1 c:0:0:1:1"));
            list[0].slow = true; // the best by priority, weight and latency, but slow
            for (int i = 0; i < 20; ++i)
                QVERIFY2(list.at(balancer.select(list)).id != QLatin1String("a"), qPrintable(n));
            list[1].slow = list[2].slow = true; // all slow: still served
            QCOMPARE(list.size(), 3);
            QVERIFY(balancer.select(list) >= 0);
        }
    }

    void noCandidates()
    {
        for (const QString &n : LoadBalancer::names()) {
            Strategy s;
            QVERIFY(LoadBalancer::fromName(n, &s));
            LoadBalancer balancer(s);
            QCOMPARE(balancer.select({}), -1);
        }
    }

    void names()
    {
        Strategy s;
        QVERIFY(LoadBalancer::fromName(QStringLiteral("least_loaded"),
                                       &s)); // the reference spells it so
        QCOMPARE(s, Strategy::LeastLoaded);
        QVERIFY(LoadBalancer::fromName(QStringLiteral("ROUND-ROBIN"), &s));
        QCOMPARE(s, Strategy::RoundRobin);
        QVERIFY(!LoadBalancer::fromName(QStringLiteral("random"), &s));
        QCOMPARE(LoadBalancer::names().size(), 5);
    }

    void switchingStrategy()
    {
        LoadBalancer balancer(Strategy::RoundRobin, 3);
        const QList<ServerCandidate> list = parse(QStringLiteral("a:2 b:0"));
        QCOMPARE(list.at(balancer.select(list)).id, QStringLiteral("a"));
        balancer.setStrategy(Strategy::LeastLoaded);
        QCOMPARE(list.at(balancer.select(list)).id, QStringLiteral("b"));
        QCOMPARE(balancer.strategy(), Strategy::LeastLoaded);
    }
};

QTEST_GUILESS_MAIN(TestLoadBalancer)
#include "tst_loadbalancer.moc"
