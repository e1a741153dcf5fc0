#include "pool/processusage.h"

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

#include <unistd.h>

namespace mcppm {

namespace {
QByteArray readProcFile(qint64 pid, const char *name)
{
    QFile file(QStringLiteral("/proc/%1/%2").arg(pid).arg(QLatin1String(name)));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return file.read(4096);
}
} // namespace

bool ProcessUsage::read(qint64 pid, qint64 *cpuMs, qint64 *rssBytes)
{
    if (pid <= 0)
        return false;
    const QByteArray stat = readProcFile(pid, "stat");
    // "pid (comm) state ppid ..." — comm may hold spaces and parentheses.
    const qsizetype paren = stat.lastIndexOf(')');
    if (paren < 0)
        return false;
    const QList<QByteArray> fields = stat.mid(paren + 2).split(' ');
    // fields[0] is field 3 (state); utime is field 14, stime field 15.
    if (fields.size() < 13)
        return false;
    const long ticks = ::sysconf(_SC_CLK_TCK);
    const qint64 cpuTicks = fields.at(11).toLongLong() + fields.at(12).toLongLong();
    *cpuMs = ticks > 0 ? cpuTicks * 1000 / ticks : 0;
    const QList<QByteArray> statm = readProcFile(pid, "statm").split(' ');
    const long page = ::sysconf(_SC_PAGESIZE);
    *rssBytes = statm.size() > 1 ? statm.at(1).toLongLong() * qint64(page > 0 ? page : 4096) : 0;
    return true;
}

void ProcessUsage::sample(qint64 pid, qint64 nowMs)
{
    qint64 cpu = 0;
    qint64 rss = 0;
    if (!read(pid, &cpu, &rss)) {
        reset();
        return;
    }
    if (pid == m_lastPid && m_lastCpuMs >= 0 && nowMs > m_lastWallMs)
        m_cpuPercent = 100.0 * double(cpu - m_lastCpuMs) / double(nowMs - m_lastWallMs);
    else
        m_cpuPercent = 0;
    m_lastPid = pid;
    m_lastCpuMs = cpu;
    m_lastWallMs = nowMs;
    m_rssBytes = rss;
}

void ProcessUsage::reset()
{
    m_lastPid = 0;
    m_lastCpuMs = -1;
    m_lastWallMs = 0;
    m_cpuPercent = 0;
    m_rssBytes = 0;
}

} // namespace mcppm
