#pragma once

#include "stats/callstatistics.h"
#include "stats/timeseries.h"

#include <QHash>
#include <QJsonArray>
#include <QStringList>

namespace mcppm {

// Statistics of a pool's calls: per server, per tool (resource reads count
// under "resources/read") and in total, plus the once-a-second time series for
// the charts. Fed by the pool as attempts start and end; holds no timers itself.
class PoolStatistics
{
public:
    static QString resourceReadKey() { return QStringLiteral("resources/read"); }

    explicit PoolStatistics(int seriesCapacity = 3600, int rateWindowSeconds = 10);

    void attemptStarted(const QString &serverId, const QString &key);
    void attemptFinished(qint64 nowMs, const QString &serverId, const QString &key,
                         qint64 latencyUs, McpError::Kind error, bool toolError);
    void removeServer(const QString &serverId);
    void reset(); // counters, histograms and the series start again

    // Closes the interval since the last sample: its rates and latency
    // percentiles, plus the given gauges. Appended to the series and returned.
    PoolSample sample(qint64 nowMs, qint64 wallMs, PoolSample gauges);

    const CallStatistics &total() const { return m_total; }
    const CallStatistics *server(const QString &id) const;
    const CallStatistics *tool(const QString &key) const;
    QStringList toolKeys() const; // sorted
    const TimeSeries &series() const { return m_series; }

    // [{tool, requests, ...CallStatistics::toJson}], sorted by tool
    QJsonArray toolsJson(qint64 nowMs) const;

private:
    CallStatistics &entry(QHash<QString, CallStatistics> &map, const QString &key);

    int m_rateWindowSeconds;
    CallStatistics m_total;
    QHash<QString, CallStatistics> m_servers;
    QHash<QString, CallStatistics> m_tools;
    TimeSeries m_series;
    LatencyHistogram m_interval; // latencies since the last sample
    qint64 m_intervalAnswered = 0;
    qint64 m_intervalErrors = 0;
    qint64 m_intervalToolErrors = 0;
    qint64 m_lastSampleMs = -1;
};

} // namespace mcppm
