#include "net/timersource.h"

#include <QDeadlineTimer>
#include <QTimer>

#include <limits>

namespace mcppm {

SystemTimerSource::SystemTimerSource() = default;

SystemTimerSource::~SystemTimerSource()
{
    qDeleteAll(m_timers);
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
    auto *timer = new QTimer;
    timer->setSingleShot(true);
    timer->setTimerType(delayMs < 2000 ? Qt::PreciseTimer : Qt::CoarseTimer);
    QObject::connect(timer, &QTimer::timeout, timer, [this, handle, fn = std::move(fn)]() {
        // Forget the timer before calling out: fn may start or cancel timers.
        if (QTimer *t = m_timers.take(handle))
            retire(t);
        fn();
    });
    m_timers.insert(handle, timer);
    timer->start(int(qBound(qint64(0), delayMs, qint64(std::numeric_limits<int>::max()))));
    return handle;
}

void SystemTimerSource::cancel(int handle)
{
    if (QTimer *t = m_timers.take(handle)) {
        t->stop();
        retire(t); // cancel() may run inside that very timer's slot
    }
}

} // namespace mcppm
