#pragma once

#include "net/timersource.h"

#include <QMap>

// A clock that only moves when the test says so. Timers fire in order of
// their due time when advance() passes it.
class FakeTimerSource final : public mcppm::TimerSource
{
public:
    qint64 nowMs() const override { return m_now; }
    int start(qint64 delayMs, std::function<void()> fn) override;
    void cancel(int handle) override;

    // Moves the clock forward, firing every timer that falls due on the way.
    void advance(qint64 ms);
    int pendingTimers() const { return int(m_timers.size()); }
    // Due time of the next timer, or -1.
    qint64 nextDue() const;

private:
    struct Entry
    {
        qint64 due;
        std::function<void()> fn;
    };
    qint64 m_now = 1000000;
    int m_next = 1;
    QMap<int, Entry> m_timers;
};
