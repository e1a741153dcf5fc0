#include "net/timersource.h"

#include <QDeadlineTimer>
#include <QTimer>

#include <limits>

namespace mcppm {

SystemTimerSource::SystemTimerSource() = default;

SystemTimerSource::~SystemTimerSource()
{
    qDeleteAll(m_timers);
    qDeleteAll(m_spare);
    // Fired timers wait for deleteLater(); if the event loop has already
    // stopped (a thread ending), nobody would delete them: we do.
    for (const QPointer<QTimer> &t : std::as_const(m_fired))
        delete t.data();
}

void SystemTimerSource::retire(QTimer *timer)
{
    timer->deleteLater();
    if (m_fired.size() > 256)
        m_fired.removeIf([](const QPointer<QTimer> &p) { return p.isNull(); });
    m_fired.append(timer);
}

qint64 SystemTimerSource::nowMs() const
{
    return QDeadlineTimer::current(Qt::PreciseTimer).deadline();
}

qint64 SystemTimerSource::nowUs() const
{
    return QDeadlineTimer::current(Qt::PreciseTimer).deadlineNSecs() / 1000;
}

int SystemTimerSource::start(qint64 delayMs, std::function<void()> fn)
{
    const int handle = m_nextHandle++;
    if (m_nextHandle <= 0)
        m_nextHandle = 1;
    QTimer *timer = m_spare.isEmpty() ? nullptr : m_spare.takeLast();
    if (!timer) {
        timer = new QTimer;
        timer->setSingleShot(true);
        QObject::connect(timer, &QTimer::timeout, timer, [this, timer]() { fired(timer); });
    }
    timer->setTimerType(delayMs < 2000 ? Qt::PreciseTimer : Qt::CoarseTimer);
    m_timers.insert(handle, timer);
    m_pending.insert(timer, Pending{handle, std::move(fn)});
    timer->start(int(qBound(qint64(0), delayMs, qint64(std::numeric_limits<int>::max()))));
    return handle;
}

void SystemTimerSource::fired(QTimer *timer)
{
    // Forget the timer before calling out: fn may start or cancel timers
    // (and get this very QTimer again for a new handle).
    Pending pending = m_pending.take(timer);
    m_timers.remove(pending.handle);
    recycle(timer);
    if (pending.fn)
        pending.fn();
}

void SystemTimerSource::recycle(QTimer *timer)
{
    if (m_spare.size() < kSpareTimers)
        m_spare.append(timer);
    else
        retire(timer);
}

void SystemTimerSource::cancel(int handle)
{
    if (QTimer *t = m_timers.take(handle)) {
        t->stop();
        m_pending.remove(t);
        recycle(t); // cancel() may run inside that very timer's slot
    }
}

} // namespace mcppm
