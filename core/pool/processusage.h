#pragma once

#include <QtGlobal>

namespace mcppm {

// CPU time and resident memory of one process, from /proc (Linux); the CPU
// share between two readings. Other systems read nothing (false).
class ProcessUsage final
{
public:
    // user + system CPU time in milliseconds and the resident set in bytes.
    static bool read(qint64 pid, qint64 *cpuMs, qint64 *rssBytes);

    // A new reading; cpuPercent() is the share of one core used since the last one.
    void sample(qint64 pid, qint64 nowMs);
    void reset();
    double cpuPercent() const { return m_cpuPercent; }
    qint64 rssBytes() const { return m_rssBytes; }
    qint64 cpuMs() const { return m_lastCpuMs; }

private:
    qint64 m_lastPid = 0;
    qint64 m_lastCpuMs = -1;
    qint64 m_lastWallMs = 0;
    double m_cpuPercent = 0;
    qint64 m_rssBytes = 0;
};

} // namespace mcppm
