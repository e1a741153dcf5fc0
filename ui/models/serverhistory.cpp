#include "serverhistory.h"

#include <QSet>

#include <algorithm>

namespace mcppm::ui {

ServerHistory::ServerHistory(int capacity, int intervalMs)
    : m_capacity(std::max(1, capacity))
    , m_intervalMs(std::max(1, intervalMs))
{ }

bool ServerHistory::apply(const QList<ServerRow> &rows, qint64 nowMs)
{
    if (m_lastMs >= 0 && nowMs < m_lastMs)
        clear(); // the wall clock went back: start afresh rather than draw nonsense
    if (m_lastMs >= 0 && nowMs - m_lastMs < m_intervalMs)
        return false;
    m_lastMs = nowMs;
    if (m_epochMs < 0)
        m_epochMs = nowMs;
    QSet<QString> present;
    present.reserve(rows.size());
    for (const ServerRow &row : rows) {
        present.insert(row.id);
        auto it = m_series.find(row.id);
        if (it == m_series.end()) {
            // First sight: the counters are the baseline, the first point comes next time.
            Series s;
            s.requests = row.requests;
            s.errors = row.errors;
            s.timeMs = nowMs;
            m_series.insert(row.id, std::move(s));
            continue;
        }
        Series &s = it.value();
        const double seconds = double(std::max<qint64>(1, nowMs - s.timeMs)) / 1000.0;
        // A counter that went down started again from zero.
        const qint64 requests
            = row.requests >= s.requests ? row.requests - s.requests : row.requests;
        const qint64 errors = row.errors >= s.errors ? row.errors - s.errors : row.errors;
        s.requests = row.requests;
        s.errors = row.errors;
        s.timeMs = nowMs;
        const Point p{quint32(std::clamp<qint64>((nowMs - m_epochMs) / 100, 0, 0xffffffffLL)),
                      float(double(requests) / seconds), float(double(errors) / seconds),
                      float(row.recentP50Ms), float(row.recentP95Ms)};
        if (int(s.ring.size()) < m_capacity) {
            // Grow in steps, never beyond the capacity (no doubling past it).
            if (s.ring.size() == s.ring.capacity())
                s.ring.reserve(size_t(std::min(m_capacity, std::max(64, 2 * int(s.ring.size())))));
            s.ring.push_back(p);
        } else {
            s.ring[size_t(s.head)] = p;
            s.head = (s.head + 1) % m_capacity;
        }
    }
    // Servers that left the pool.
    for (auto it = m_series.begin(); it != m_series.end();) {
        if (present.contains(it.key()))
            ++it;
        else
            it = m_series.erase(it);
    }
    return true;
}

QList<ServerHistory::Sample> ServerHistory::samples(const QString &id) const
{
    QList<Sample> out;
    const auto it = m_series.constFind(id);
    if (it == m_series.cend())
        return out;
    const Series &s = it.value();
    const int n = int(s.ring.size());
    out.reserve(n);
    for (int i = 0; i < n; ++i) {
        const Point &p = s.ring[size_t((s.head + i) % n)];
        out.append(
            {m_epochMs + qint64(p.tenths) * 100, p.requestsPerS, p.errorsPerS, p.p50Ms, p.p95Ms});
    }
    return out;
}

int ServerHistory::sampleCount(const QString &id) const
{
    const auto it = m_series.constFind(id);
    return it == m_series.cend() ? 0 : int(it->ring.size());
}

void ServerHistory::clear()
{
    m_series.clear();
    m_epochMs = -1;
    m_lastMs = -1;
}

} // namespace mcppm::ui
