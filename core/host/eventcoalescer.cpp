#include "host/eventcoalescer.h"

namespace mcppm {

EventCoalescer::EventCoalescer(const Options &options)
    : m_options(options)
{
    m_options.windowMs = qMax<qint64>(1, m_options.windowMs);
    m_options.passThrough = qMax(0, m_options.passThrough);
    m_options.maxReasons = qMax(1, m_options.maxReasons);
}

EventCoalescer::EventCoalescer()
    : EventCoalescer(Options{})
{ }

bool EventCoalescer::coalesces(PoolEvent::Kind kind)
{
    return kind == PoolEvent::Kind::Retry || kind == PoolEvent::Kind::Failover
        || kind == PoolEvent::Kind::TaskFailed;
}

bool EventCoalescer::offer(qint64 nowMs, PoolEvent::Kind kind, const QString &serverId,
                           const QString &reason)
{
    if (!coalesces(kind))
        return true;
    const Key key{serverId, int(kind)};
    auto it = m_windows.find(key);
    if (it != m_windows.end() && nowMs >= it->startMs + m_options.windowMs) {
        // Its window has ended and nobody asked for the summary yet: keep it for expire().
        const Window ended = it.value();
        if (ended.held > 0)
            m_ready.append(summarise(key, ended, m_options.windowMs));
        const bool burstGoesOn = ended.held > 0 && nowMs < ended.startMs + 2 * m_options.windowMs;
        Window next;
        next.startMs = burstGoesOn ? ended.startMs + m_options.windowMs : nowMs;
        next.hot = burstGoesOn;
        it.value() = next;
    }
    if (it == m_windows.end()) {
        Window w;
        w.startMs = nowMs;
        it = m_windows.insert(key, w);
    }
    Window &w = it.value();
    ++w.seen;
    const QString why = reason.isEmpty() ? QStringLiteral("(no reason given)") : reason.left(300);
    if (w.reasons.contains(why) || w.reasons.size() < m_options.maxReasons)
        ++w.reasons[why];
    else
        ++w.reasons[QStringLiteral("(other reasons)")];
    if (!w.hot && w.seen <= m_options.passThrough)
        return true;
    ++w.held;
    return false;
}

QList<PoolEvent> EventCoalescer::expire(qint64 nowMs)
{
    QList<PoolEvent> out = std::exchange(m_ready, {});
    for (auto it = m_windows.begin(); it != m_windows.end();) {
        Window &w = it.value();
        if (nowMs < w.startMs + m_options.windowMs) {
            ++it;
            continue;
        }
        if (w.held == 0) { // every event of it was logged as it came: nothing to say
            it = m_windows.erase(it);
            continue;
        }
        out.append(summarise(it.key(), w, m_options.windowMs));
        // The burst may go on: the next window lets nothing through. A window
        // that then stays quiet ends the burst (the next event starts afresh).
        Window next;
        next.startMs = w.startMs + m_options.windowMs;
        next.hot = true;
        if (nowMs >= next.startMs + m_options.windowMs) {
            it = m_windows.erase(it);
            continue;
        }
        w = next;
        ++it;
    }
    return out;
}

QList<PoolEvent> EventCoalescer::flushAll(qint64 nowMs)
{
    QList<PoolEvent> out = expire(nowMs);
    for (auto it = m_windows.cbegin(); it != m_windows.cend(); ++it) {
        if (it->held > 0)
            out.append(summarise(it.key(), it.value(),
                                 qBound<qint64>(1, nowMs - it->startMs, m_options.windowMs)));
    }
    m_windows.clear();
    return out;
}

PoolEvent EventCoalescer::summarise(const Key &key, const Window &w, qint64 elapsedMs) const
{
    QString common;
    int commonCount = 0;
    for (auto it = w.reasons.cbegin(); it != w.reasons.cend(); ++it) {
        // The most frequent; ties go to the alphabetically first, so the text is stable.
        if (it.value() > commonCount || (it.value() == commonCount && it.key() < common)) {
            common = it.key();
            commonCount = it.value();
        }
    }
    PoolEvent e;
    e.kind = PoolEvent::Kind(key.second);
    e.serverId = key.first;
    e.count = w.seen;
    e.text = summaryText(e.kind, w.seen, elapsedMs, common, commonCount);
    if (w.held != w.seen)
        e.text += QStringLiteral(" (%1 of them not listed one by one)").arg(w.held);
    return e;
}

QString EventCoalescer::summaryText(PoolEvent::Kind kind, int count, qint64 windowMs,
                                    const QString &commonReason, int commonCount)
{
    const QString seconds = windowMs % 1000 == 0
        ? QString::number(windowMs / 1000)
        : QString::number(double(windowMs) / 1000.0, 'g', 3);
    const QString calls
        = count == 1 ? QStringLiteral("1 call") : QStringLiteral("%1 calls").arg(count);
    QString what;
    switch (kind) {
    case PoolEvent::Kind::Failover:
        what = QStringLiteral("%1 moved to other servers").arg(calls);
        break;
    case PoolEvent::Kind::Retry:
        what = QStringLiteral("%1 retried").arg(calls);
        break;
    case PoolEvent::Kind::TaskFailed:
        what = QStringLiteral("%1 failed").arg(calls);
        break;
    default:
        what = count == 1 ? QStringLiteral("1 event") : QStringLiteral("%1 events").arg(count);
        break;
    }
    QString text = QStringLiteral("%1 in the last %2 s").arg(what, seconds);
    if (!commonReason.isEmpty())
        text += commonCount > 1
            ? QStringLiteral(": %1 (%2 times)").arg(commonReason).arg(commonCount)
            : QStringLiteral(": %1").arg(commonReason);
    return text;
}

} // namespace mcppm
