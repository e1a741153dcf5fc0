#include "stats/latencyhistogram.h"

#include <bit>
#include <cmath>

namespace mcppm {

namespace {
constexpr int kSubBits = 4; // log2(kSubBuckets)
constexpr qint64 kMaxUs = (qint64(1) << LatencyHistogram::kMaxExponent) - 1;

double roundMs(qint64 us)
{
    return std::round(double(us) / 10.0) / 100.0; // ms with two decimals
}
} // namespace

int LatencyHistogram::bucketOf(qint64 us)
{
    const quint64 v = quint64(qBound(qint64(0), us, kMaxUs));
    if (v < quint64(kSubBuckets))
        return int(v);
    const int exponent = 63 - std::countl_zero(v); // >= kSubBits
    const int shift = exponent - kSubBits;
    const int sub = int(v >> shift) - kSubBuckets; // 0 .. kSubBuckets-1
    return kSubBuckets + shift * kSubBuckets + sub;
}

qint64 LatencyHistogram::bucketUpperUs(int index)
{
    if (index < kSubBuckets)
        return index;
    const int shift = (index - kSubBuckets) / kSubBuckets;
    const int sub = (index - kSubBuckets) % kSubBuckets;
    return ((qint64(kSubBuckets + sub + 1)) << shift) - 1;
}

void LatencyHistogram::record(qint64 us)
{
    us = qBound(qint64(0), us, kMaxUs);
    if (m_buckets.empty())
        m_buckets.assign(kBucketCount, 0);
    ++m_buckets[size_t(bucketOf(us))];
    m_minUs = m_count ? qMin(m_minUs, us) : us;
    m_maxUs = qMax(m_maxUs, us);
    ++m_count;
    m_sumUs += us;
}

void LatencyHistogram::merge(const LatencyHistogram &other)
{
    if (!other.m_count)
        return;
    if (m_buckets.empty())
        m_buckets.assign(kBucketCount, 0);
    for (size_t i = 0; i < m_buckets.size(); ++i)
        m_buckets[i] += other.m_buckets[i];
    m_minUs = m_count ? qMin(m_minUs, other.m_minUs) : other.m_minUs;
    m_maxUs = qMax(m_maxUs, other.m_maxUs);
    m_count += other.m_count;
    m_sumUs += other.m_sumUs;
}

void LatencyHistogram::clear()
{
    if (!m_buckets.empty())
        std::fill(m_buckets.begin(), m_buckets.end(), 0);
    m_count = m_sumUs = m_minUs = m_maxUs = 0;
}

qint64 LatencyHistogram::percentileUs(double p) const
{
    if (!m_count)
        return 0;
    const qint64 rank = qBound(
        qint64(1), qint64(std::ceil(qBound(0.0, p, 100.0) / 100.0 * double(m_count))), m_count);
    qint64 seen = 0;
    for (size_t i = 0; i < m_buckets.size(); ++i) {
        seen += m_buckets[i];
        if (seen >= rank)
            return qBound(m_minUs, bucketUpperUs(int(i)), m_maxUs);
    }
    return m_maxUs;
}

qint64 LatencyHistogram::countAtOrBelow(qint64 us) const
{
    if (!m_count || us < 0)
        return 0;
    if (us >= m_maxUs)
        return m_count;
    qint64 n = 0;
    for (size_t i = 0; i < m_buckets.size() && bucketUpperUs(int(i)) <= us; ++i)
        n += m_buckets[i];
    return n;
}

QJsonObject LatencyHistogram::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("count"), m_count);
    o.insert(QStringLiteral("meanMs"), std::round(meanUs() / 10.0) / 100.0);
    o.insert(QStringLiteral("p50Ms"), roundMs(percentileUs(50)));
    o.insert(QStringLiteral("p95Ms"), roundMs(percentileUs(95)));
    o.insert(QStringLiteral("p99Ms"), roundMs(percentileUs(99)));
    o.insert(QStringLiteral("maxMs"), roundMs(m_maxUs));
    return o;
}

} // namespace mcppm
