#include "faketimersource.h"

int FakeTimerSource::start(qint64 delayMs, std::function<void()> fn)
{
    const int handle = m_next++;
    m_timers.insert(handle, {m_now + qMax<qint64>(0, delayMs), std::move(fn)});
    return handle;
}

void FakeTimerSource::cancel(int handle)
{
    m_timers.remove(handle);
}

qint64 FakeTimerSource::nextDue() const
{
    qint64 due = -1;
    for (const Entry &e : m_timers)
        due = (due < 0 || e.due < due) ? e.due : due;
    return due;
}

void FakeTimerSource::advance(qint64 ms)
{
    const qint64 target = m_now + ms;
    for (;;) {
        int best = -1;
        qint64 bestDue = 0;
        for (auto it = m_timers.cbegin(); it != m_timers.cend(); ++it) {
            if (it->due <= target && (best < 0 || it->due < bestDue)) {
                best = it.key();
                bestDue = it->due;
            }
        }
        if (best < 0)
            break;
        m_now = qMax(m_now, bestDue);
        auto fn = m_timers.take(best).fn;
        fn();
    }
    m_now = target;
}
