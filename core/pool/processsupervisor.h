#pragma once

#include "mcp/stdiotransport.h"
#include "pool/processusage.h"

#include <QElapsedTimer>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QStringList>

class QTimer;

namespace mcppm {

struct ProcessSupervisorOptions
{
    int maxRestartsPerMinute = 5; // more restarts within a minute: gave up
    int restartDelayMs = 500; // first restart after a crash; doubles …
    int restartMaxDelayMs = 30000; // … up to this
    int stableAfterMs = 60000; // a process up this long starts the backoff afresh
    int sampleIntervalMs = 1000; // CPU and memory readings while it runs
    int stderrKeepLines = 200; // the server's log kept across restarts
};

// One local worker's process over its life: each connection attempt of its
// McpClient gets a StdioTransport (a new process) from createTransport(),
// which counts restarts, delays them with exponential backoff after crashes
// and, past maxRestartsPerMinute, gives up (state GaveUp; further attempts
// fail at once with the reason) until restartByHand(). While a process
// runs it samples its CPU share and resident memory from /proc and keeps
// the last lines of its stderr (escaped).
class ProcessSupervisor final : public QObject
{
    Q_OBJECT
public:
    enum class State { NotStarted, Starting, Running, Exited, GaveUp, Stopped };
    Q_ENUM(State)
    static QString stateName(State state); // "not-started", "starting", "running", …

    ProcessSupervisor(const StdioTransportOptions &launch, const ProcessSupervisorOptions &options,
                      QObject *parent = nullptr);
    ~ProcessSupervisor() override;
    Q_DISABLE_COPY_MOVE(ProcessSupervisor)

    // The transport of the next connection attempt (owned by parent).
    Transport *createTransport(QObject *parent);
    // Leaves GaveUp (and the restart history) behind: the next attempt starts a process.
    void restartByHand();

    State state() const { return m_state; }
    qint64 pid() const { return m_pid; }
    int restarts() const { return m_restarts; }
    double cpuPercent() const { return m_usage.cpuPercent(); }
    qint64 rssBytes() const; // read now (/proc) while a process runs
    QString lastExit() const { return m_lastExit; }
    QStringList stderrTail() const { return m_stderr; }
    QString commandLine() const; // program and arguments, escaped (no environment)
    // {pid, cpuPercent, rssBytes, restarts, state, command, lastExit, stderrTail[]}
    QJsonObject toJson(int stderrLines = 20) const;

Q_SIGNALS:
    void stateChanged(mcppm::ProcessSupervisor::State state);
    // Something an operator should see: started (pid), exited (how), gave up (why).
    void eventOccurred(const QString &text);
    void stderrLineReceived(const QString &line);

private:
    void setState(State state);
    void onStarted(qint64 pid);
    void onExited(const QString &description, bool expected);
    void sample();

    StdioTransportOptions m_launch;
    ProcessSupervisorOptions m_options;
    State m_state = State::NotStarted;
    QPointer<StdioTransport> m_current;
    qint64 m_pid = 0;
    int m_attempts = 0;
    int m_restarts = 0;
    int m_streak = 0; // restarts since the last stable run (the backoff exponent)
    QList<qint64> m_restartTimes; // within the last minute
    QElapsedTimer m_clock;
    qint64 m_startedAtMs = -1;
    qint64 m_lastRunMs = 0; // how long the last process ran
    QString m_lastExit;
    QString m_lastError;
    QStringList m_stderr;
    ProcessUsage m_usage;
    QTimer *m_sampleTimer = nullptr;
};

} // namespace mcppm
