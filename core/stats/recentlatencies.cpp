#include "stats/recentlatencies.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace mcppm {

void RecentLatencies::record(qint64 nowMs, qint64 us)
{
    m_entries[size_t(m_next)] = {nowMs, qMax<qint64>(0, us)};
    m_next = (m_next + 1) % kCapacity;
    m_size = qMin(m_size + 1, kCapacity);
}

qint64 RecentLatencies::percentileUs(qint64 nowMs, double p) const
{
    std::vector<qint64> values;
    values.reserve(size_t(m_size));
    for (int i = 0; i < m_size; ++i) {
        const Entry &e = m_entries[size_t(i)];
        if (nowMs - e.atMs <= m_windowMs)
            values.push_back(e.us);
    }
    if (values.empty())
        return -1;
    // Nearest rank: the smallest value with at least p% of the values at or below it.
    const double rank = std::ceil(qBound(0.0, p, 100.0) / 100.0 * double(values.size()));
    const size_t index = size_t(qBound(1.0, rank, double(values.size()))) - 1;
    std::nth_element(values.begin(), values.begin() + qsizetype(index), values.end());
    return values[index];
}

} // namespace mcppm
