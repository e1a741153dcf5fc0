#pragma once

#include <QJsonObject>
#include <QtGlobal>

#include <vector>

namespace mcppm {

// Latencies in microseconds, in log-linear buckets (16 per power of two, so a
// percentile is off by at most 1/16 of its value), from 1 µs to about 12 days.
// Fixed size once used (about 5 KB), cheap to record and to merge; answers
// percentiles and the cumulative counts a Prometheus histogram needs.
class LatencyHistogram
{
public:
    static constexpr int kSubBuckets = 16;
    static constexpr int kMaxExponent = 40; // 2^40 µs, about 12.7 days; larger values clamp
    static constexpr int kBucketCount
        = kSubBuckets + (kMaxExponent - 4) * kSubBuckets; // 4 = log2(kSubBuckets)

    void record(qint64 us);
    void merge(const LatencyHistogram &other);
    void clear();

    qint64 count() const { return m_count; }
    qint64 sumUs() const { return m_sumUs; }
    qint64 minUs() const { return m_count ? m_minUs : 0; }
    qint64 maxUs() const { return m_maxUs; }
    double meanUs() const { return m_count ? double(m_sumUs) / double(m_count) : 0; }
    // The value at or below which p percent (0..100] of the records lie,
    // reported as the upper end of its bucket (never above the largest record).
    qint64 percentileUs(double p) const;
    // Records at or below `us` (exact at bucket bounds, an underestimate between them).
    qint64 countAtOrBelow(qint64 us) const;

    // {count, meanMs, p50Ms, p95Ms, p99Ms, maxMs}
    QJsonObject toJson() const;

    static int bucketOf(qint64 us);
    static qint64 bucketUpperUs(int index); // the largest value of the bucket

private:
    std::vector<qint64> m_buckets; // empty until the first record
    qint64 m_count = 0;
    qint64 m_sumUs = 0;
    qint64 m_minUs = 0;
    qint64 m_maxUs = 0;
};

} // namespace mcppm
