#include "stats/timeseries.h"

#include <cmath>

namespace mcppm {

namespace {
double round2(double v)
{
    return std::round(v * 100.0) / 100.0;
}
} // namespace

QJsonObject PoolSample::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("t"), tMs);
    o.insert(QStringLiteral("pending"), pending);
    o.insert(QStringLiteral("running"), running);
    o.insert(QStringLiteral("healthy"), healthy);
    o.insert(QStringLiteral("degraded"), degraded);
    o.insert(QStringLiteral("offline"), offline);
    o.insert(QStringLiteral("answeredPerS"), round2(answeredPerS));
    o.insert(QStringLiteral("errorsPerS"), round2(errorsPerS));
    o.insert(QStringLiteral("toolErrorsPerS"), round2(toolErrorsPerS));
    o.insert(QStringLiteral("p50Ms"), round2(p50Ms));
    o.insert(QStringLiteral("p95Ms"), round2(p95Ms));
    o.insert(QStringLiteral("p99Ms"), round2(p99Ms));
    return o;
}

QStringList PoolSample::csvHeader()
{
    return {QStringLiteral("time_ms"),
            QStringLiteral("pending"),
            QStringLiteral("running"),
            QStringLiteral("healthy"),
            QStringLiteral("degraded"),
            QStringLiteral("offline"),
            QStringLiteral("answered_per_s"),
            QStringLiteral("errors_per_s"),
            QStringLiteral("tool_errors_per_s"),
            QStringLiteral("p50_ms"),
            QStringLiteral("p95_ms"),
            QStringLiteral("p99_ms")};
}

QStringList PoolSample::csvFields() const
{
    auto n = [](double v) { return QString::number(round2(v)); };
    return {QString::number(tMs),
            QString::number(pending),
            QString::number(running),
            QString::number(healthy),
            QString::number(degraded),
            QString::number(offline),
            n(answeredPerS),
            n(errorsPerS),
            n(toolErrorsPerS),
            n(p50Ms),
            n(p95Ms),
            n(p99Ms)};
}

TimeSeries::TimeSeries(int capacity)
    : m_ring(size_t(qMax(1, capacity)))
{ }

void TimeSeries::append(const PoolSample &sample)
{
    const int cap = capacity();
    if (m_size < cap) {
        m_ring[size_t((m_start + m_size) % cap)] = sample;
        ++m_size;
        return;
    }
    m_ring[size_t(m_start)] = sample; // overwrite the oldest
    m_start = (m_start + 1) % cap;
}

void TimeSeries::clear()
{
    m_start = 0;
    m_size = 0;
}

const PoolSample &TimeSeries::at(int index) const
{
    Q_ASSERT(index >= 0 && index < m_size);
    return m_ring[size_t((m_start + index) % capacity())];
}

QList<PoolSample> TimeSeries::since(qint64 tMs) const
{
    QList<PoolSample> out;
    for (int i = 0; i < m_size; ++i) {
        if (at(i).tMs >= tMs)
            out.append(at(i));
    }
    return out;
}

QJsonArray TimeSeries::toJson(qint64 sinceMs) const
{
    QJsonArray out;
    for (const PoolSample &s : since(sinceMs))
        out.append(s.toJson());
    return out;
}

} // namespace mcppm
