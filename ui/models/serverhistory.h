#pragma once

#include "pool/poolsnapshot.h"

#include <QHash>
#include <QList>
#include <QString>

#include <vector>

namespace mcppm::ui {

// What each server did over the last minutes, for its charts in the detail
// pane, kept on the UI side from the snapshot rows: at most one point per
// interval (1 s) per server in a ring of fixed size (900 points = 15 minutes).
// A point holds requests/s and errors/s (from the deltas of the cumulative
// counters since the previous point) and the row's p50/p95 latency.
//
// Memory is fixed whatever the uptime: 20 bytes a point (a 32-bit time in
// tenths of a second since the first sample, four floats), so 900 points are
// 18 KB per server, about 18 MB for 1 000 servers. Servers that leave the
// pool are dropped at the next sample; a counter that goes down (the server
// was removed and added again between two samples, or the pool restarted)
// counts from zero instead of giving a negative rate. A wall clock that goes
// back clears the history.
class ServerHistory final
{
public:
    static constexpr int kCapacity = 900;
    static constexpr int kIntervalMs = 1000;

    struct Sample
    {
        qint64 timeMs = 0; // wall clock, ms since the epoch
        double requestsPerS = 0;
        double errorsPerS = 0;
        double p50Ms = 0;
        double p95Ms = 0;
    };

    explicit ServerHistory(int capacity = kCapacity, int intervalMs = kIntervalMs);

    // Takes a point for every server when at least the interval has passed since
    // the last one (else does nothing and returns false). nowMs is the wall clock.
    bool apply(const QList<ServerRow> &rows, qint64 nowMs);
    QList<Sample> samples(const QString &id) const; // oldest first
    int sampleCount(const QString &id) const;
    bool contains(const QString &id) const { return m_series.contains(id); }
    int serverCount() const { return int(m_series.size()); }
    int capacity() const { return m_capacity; }
    void clear();

private:
    struct Point
    {
        quint32 tenths; // since m_epochMs
        float requestsPerS;
        float errorsPerS;
        float p50Ms;
        float p95Ms;
    };
    static_assert(sizeof(Point) == 20, "the memory figure above counts on it");
    struct Series
    {
        std::vector<Point> ring; // grows to the capacity, then wraps
        int head = 0; // the oldest point once the ring is full
        qint64 requests = 0; // counters at the previous point
        qint64 errors = 0;
        qint64 timeMs = 0;
    };

    int m_capacity;
    int m_intervalMs;
    qint64 m_epochMs = -1;
    qint64 m_lastMs = -1;
    QHash<QString, Series> m_series;
};

} // namespace mcppm::ui
