#pragma once

#include <QtGlobal>

#include <array>

namespace mcppm {

// The latencies of the last few seconds (at most kCapacity of the newest),
// for percentiles that follow what a server does now rather than since the
// start. Cheap to record; a percentile sorts at most kCapacity values.
class RecentLatencies
{
public:
    static constexpr int kCapacity = 256;

    explicit RecentLatencies(qint64 windowMs = 10000)
        : m_windowMs(windowMs)
    { }

    void record(qint64 nowMs, qint64 us);
    // The p-th percentile (0..100] of the latencies recorded within the
    // window before nowMs, in µs; -1 when there are none.
    qint64 percentileUs(qint64 nowMs, double p) const;
    qint64 windowMs() const { return m_windowMs; }

private:
    struct Entry
    {
        qint64 atMs = 0;
        qint64 us = 0;
    };
    std::array<Entry, kCapacity> m_entries{};
    int m_next = 0;
    int m_size = 0;
    qint64 m_windowMs;
};

} // namespace mcppm
