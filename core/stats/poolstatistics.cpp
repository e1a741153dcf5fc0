#include "stats/poolstatistics.h"

#include <QJsonObject>

#include <algorithm>

namespace mcppm {

PoolStatistics::PoolStatistics(int seriesCapacity, int rateWindowSeconds)
    : m_rateWindowSeconds(rateWindowSeconds)
    , m_total(CallStatistics::withRateWindow(rateWindowSeconds))
    , m_series(seriesCapacity)
{ }

CallStatistics &PoolStatistics::entry(QHash<QString, CallStatistics> &map, const QString &key)
{
    auto it = map.find(key);
    if (it == map.end())
        it = map.insert(key, CallStatistics::withRateWindow(m_rateWindowSeconds));
    return it.value();
}

void PoolStatistics::attemptStarted(const QString &serverId, const QString &key)
{
    m_total.attemptStarted();
    entry(m_servers, serverId).attemptStarted();
    entry(m_tools, key).attemptStarted();
}

void PoolStatistics::attemptFinished(qint64 nowMs, const QString &serverId, const QString &key,
                                     qint64 latencyUs, McpError::Kind error, bool toolError)
{
    m_total.attemptFinished(nowMs, latencyUs, error, toolError);
    if (auto it = m_servers.find(serverId); it != m_servers.end())
        it->attemptFinished(nowMs, latencyUs, error, toolError);
    entry(m_tools, key).attemptFinished(nowMs, latencyUs, error, toolError);
    if (error == McpError::Kind::None) {
        ++m_intervalAnswered;
        if (toolError)
            ++m_intervalToolErrors;
        if (latencyUs >= 0)
            m_interval.record(latencyUs);
    } else if (error != McpError::Kind::Cancelled) {
        ++m_intervalErrors; // a cancellation is no error (CallStatistics::cancelled)
    }
}

void PoolStatistics::removeServer(const QString &serverId)
{
    m_servers.remove(serverId);
}

void PoolStatistics::reset()
{
    m_total = CallStatistics::withRateWindow(m_rateWindowSeconds);
    for (auto it = m_servers.begin(); it != m_servers.end(); ++it) {
        const int inFlight = it->inFlight; // still running: their ends will be counted
        *it = CallStatistics::withRateWindow(m_rateWindowSeconds);
        it->inFlight = inFlight;
        m_total.inFlight += inFlight;
    }
    m_tools.clear();
    m_series.clear();
    m_interval.clear();
    m_intervalAnswered = m_intervalErrors = m_intervalToolErrors = 0;
}

PoolSample PoolStatistics::sample(qint64 nowMs, qint64 wallMs, PoolSample gauges)
{
    const double seconds
        = m_lastSampleMs < 0 ? 1.0 : qMax(0.001, double(nowMs - m_lastSampleMs) / 1000.0);
    m_lastSampleMs = nowMs;
    PoolSample s = gauges;
    s.tMs = wallMs;
    s.answeredPerS = double(m_intervalAnswered) / seconds;
    s.errorsPerS = double(m_intervalErrors) / seconds;
    s.toolErrorsPerS = double(m_intervalToolErrors) / seconds;
    s.p50Ms = double(m_interval.percentileUs(50)) / 1000.0;
    s.p95Ms = double(m_interval.percentileUs(95)) / 1000.0;
    s.p99Ms = double(m_interval.percentileUs(99)) / 1000.0;
    m_interval.clear();
    m_intervalAnswered = m_intervalErrors = m_intervalToolErrors = 0;
    m_series.append(s);
    return s;
}

const CallStatistics *PoolStatistics::server(const QString &id) const
{
    const auto it = m_servers.constFind(id);
    return it == m_servers.cend() ? nullptr : &it.value();
}

const CallStatistics *PoolStatistics::tool(const QString &key) const
{
    const auto it = m_tools.constFind(key);
    return it == m_tools.cend() ? nullptr : &it.value();
}

QStringList PoolStatistics::toolKeys() const
{
    QStringList keys = m_tools.keys();
    std::sort(keys.begin(), keys.end());
    return keys;
}

QJsonArray PoolStatistics::toolsJson(qint64 nowMs) const
{
    QJsonArray out;
    for (const QString &key : toolKeys()) {
        QJsonObject o = m_tools.value(key).toJson(nowMs);
        o.insert(QStringLiteral("tool"), key);
        out.append(o);
    }
    return out;
}

} // namespace mcppm
