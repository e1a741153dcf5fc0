// SystemTimerSource: one-shot timers on QTimer, which it reuses once they
// have fired or been cancelled. A reused QTimer must never call what an
// earlier (fired or cancelled) handle asked for.

#include "net/timersource.h"

#include <QSet>
#include <QTest>

#include <algorithm>

using namespace mcppm;

class TestTimerSource : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void firesOnceEach()
    {
        SystemTimerSource timers;
        QList<int> fired;
        QSet<int> handles;
        for (int i = 0; i < 100; ++i)
            handles.insert(timers.start(i % 3, [&fired, i]() { fired << i; }));
        QCOMPARE(handles.size(), 100); // every handle its own
        QVERIFY(QTest::qWaitFor([&]() { return fired.size() == 100; }, 5000));
        QTest::qWait(20);
        QCOMPARE(fired.size(), 100);
        std::sort(fired.begin(), fired.end());
        for (int i = 0; i < 100; ++i)
            QCOMPARE(fired.at(i), i);
    }

    void cancelledNeverFiresEvenWhenItsTimerIsReused()
    {
        SystemTimerSource timers;
        int cancelledCalls = 0;
        int laterCalls = 0;
        // Fire a first round so there are QTimers to reuse.
        int warm = 0;
        for (int i = 0; i < 10; ++i)
            timers.start(0, [&warm]() { ++warm; });
        QVERIFY(QTest::qWaitFor([&]() { return warm == 10; }, 5000));
        const int cancelled = timers.start(5, [&cancelledCalls]() { ++cancelledCalls; });
        timers.cancel(cancelled);
        timers.cancel(cancelled); // twice: ignored
        timers.start(10, [&laterCalls]() { ++laterCalls; }); // may get the cancelled one's QTimer
        QVERIFY(QTest::qWaitFor([&]() { return laterCalls == 1; }, 5000));
        QTest::qWait(20);
        QCOMPARE(cancelledCalls, 0);
        QCOMPARE(laterCalls, 1);
    }

    void startAndCancelFromInsideACallback()
    {
        SystemTimerSource timers;
        int chained = 0;
        int victimCalls = 0;
        int victim = 0;
        int self = 0;
        // The callback cancels its own (fired) handle, which is ignored,
        // cancels another pending one, and starts a new one (which may reuse
        // the QTimer it runs in).
        self = timers.start(0, [&]() {
            timers.cancel(self);
            timers.cancel(victim);
            timers.start(0, [&chained]() { ++chained; });
        });
        victim = timers.start(30, [&victimCalls]() { ++victimCalls; });
        QVERIFY(QTest::qWaitFor([&]() { return chained == 1; }, 5000));
        QTest::qWait(60);
        QCOMPARE(chained, 1);
        QCOMPARE(victimCalls, 0);
    }

    void destroyedWithTimersPending()
    {
        int calls = 0;
        {
            SystemTimerSource timers;
            for (int i = 0; i < 200; ++i) // more than it keeps for reuse
                timers.start(i < 100 ? 0 : 10000, [&calls]() { ++calls; });
            QVERIFY(QTest::qWaitFor([&]() { return calls == 100; }, 5000));
        }
        QTest::qWait(20); // nothing left to fire, nothing deleted twice (ASan)
        QCOMPARE(calls, 100);
    }
};

QTEST_GUILESS_MAIN(TestTimerSource)
#include "tst_timersource.moc"
