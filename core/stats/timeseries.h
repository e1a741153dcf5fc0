#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QtGlobal>

#include <vector>

namespace mcppm {

// The pool as one point on the charts, taken once a second.
struct PoolSample
{
    qint64 tMs = 0; // wall-clock time, ms since the epoch
    int pending = 0; // queue depth
    int running = 0;
    int healthy = 0;
    int degraded = 0;
    int offline = 0;
    double answeredPerS = 0; // attempts answered in the interval, per second
    double errorsPerS = 0; // attempts failed in the interval, per second
    double toolErrorsPerS = 0; // isError results in the interval, per second
    double p50Ms = 0; // latency of the attempts answered in the interval
    double p95Ms = 0;
    double p99Ms = 0;

    QJsonObject toJson() const;
    static QStringList csvHeader();
    QStringList csvFields() const;
};

// A fixed-size ring of samples: the newest `capacity` are kept (3600 = one
// hour at one a second), so memory never grows however long the pool runs.
class TimeSeries
{
public:
    explicit TimeSeries(int capacity = 3600);

    void append(const PoolSample &sample);
    void clear();
    int size() const { return m_size; }
    int capacity() const { return int(m_ring.size()); }
    const PoolSample &at(int index) const; // 0 = oldest
    const PoolSample &last() const { return at(m_size - 1); }
    QList<PoolSample> since(qint64 tMs) const; // samples taken at or after tMs, oldest first
    QJsonArray toJson(qint64 sinceMs = 0) const;

private:
    std::vector<PoolSample> m_ring;
    int m_start = 0;
    int m_size = 0;
};

} // namespace mcppm
