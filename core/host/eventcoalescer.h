#pragma once

#include "pool/poolsnapshot.h"

#include <QHash>
#include <QList>
#include <QString>

namespace mcppm {

// Keeps bursts of like events (retries, failovers, failed tasks) from flooding
// the event log. Per server and kind, within a window that starts with the
// first event: the first `passThrough` events are logged one by one, the rest
// only counted, with their reasons; when the window ends, one summary row says
// how many there were ("35 calls moved to other servers in the last 10 s").
// While the burst goes on, each further window is summarised without letting
// any through; after a quiet window the next event starts afresh. The counts
// are exact. No timers of its own: the caller passes a monotonic time and asks
// for summaries (expire()) now and then, so a fake clock tests it.
class EventCoalescer final
{
public:
    struct Options
    {
        qint64 windowMs = 10000;
        int passThrough = 2; // logged one by one at the start of a burst
        int maxReasons = 32; // distinct reasons kept per window; the rest are "other"
    };

    explicit EventCoalescer(const Options &options);
    EventCoalescer();

    // Whether the kind is coalesced at all (Retry, Failover, TaskFailed).
    static bool coalesces(PoolEvent::Kind kind);
    // True: log this event as it is. False: it was counted for a summary.
    bool offer(qint64 nowMs, PoolEvent::Kind kind, const QString &serverId, const QString &reason);
    // Summaries of the windows that have ended by nowMs and held events back
    // (timeMs left 0, count = events in the window, the text as described above).
    QList<PoolEvent> expire(qint64 nowMs);
    // Summaries of every open window now, whether ended or not (shutdown, restart).
    QList<PoolEvent> flushAll(qint64 nowMs);
    bool isEmpty() const { return m_windows.isEmpty(); }

    // "35 calls moved to other servers in the last 10 s; most often: <reason>"
    static QString summaryText(PoolEvent::Kind kind, int count, qint64 windowMs,
                               const QString &commonReason, int commonCount);

private:
    struct Window
    {
        qint64 startMs = 0;
        int seen = 0; // in this window
        int held = 0; // of those, not logged one by one
        bool hot = false; // a summarised burst goes on: nothing passes through
        QHash<QString, int> reasons;
    };
    using Key = std::pair<QString, int>; // server id, kind

    PoolEvent summarise(const Key &key, const Window &w, qint64 elapsedMs) const;

    Options m_options;
    QHash<Key, Window> m_windows;
    QList<PoolEvent> m_ready; // summaries of windows offer() found ended
};

} // namespace mcppm
