#pragma once

#include "jsonrpc/mcperror.h"
#include "pool/outlierdetector.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <functional>
#include <memory>

namespace mcppm {

class TimerSource;

// Ejected: reachable, but its calls failed too often; out of rotation for a
// while (longer after each ejection), then back on trial.
enum class ServerStatus { Connecting, Online, Degraded, Offline, Reconnecting, Dead, Ejected };
QString serverStatusName(ServerStatus status);
// May the server get new work?
inline bool isInRotation(ServerStatus status)
{
    return status == ServerStatus::Online || status == ServerStatus::Degraded;
}

struct HealthMonitorOptions
{
    int checkIntervalMs = 15000; // active probe period (the pool passes its healthCheckInterval)
    int degradedThreshold = 2; // consecutive failed probes → degraded
    int offlineThreshold = 5; // consecutive failed probes → offline (and reconnecting)
    int riseThreshold = 2; // consecutive good probes before probe failures are forgiven
    int suspectIntervalMs = 2000; // probe cadence while a probe failed or a connection was lost
    int probeTimeoutMs = 5000; // a probe that takes longer failed
    int reconnectAttempts = 10; // then the server is shown dead (and still tried, see below)
    int reconnectDelayMs = 5000; // base of the exponential backoff
    int reconnectMaxDelayMs = 5000; // longest wait between attempts: a restart is seen soon
    double reconnectJitter = 0.2;
    // A dead server (attempts used up, not a refused certificate) is still
    // tried this often, so a restarted worker comes back by itself; 0 = never.
    int deadRetryIntervalMs = 5000;
    // Passive detection from real calls: the sliding window and its verdicts.
    OutlierOptions outliers;
    int evaluationIntervalMs = 1000; // how often the window is judged (only while calls flow)
    int baseEjectionMs = 30000; // first ejection; doubles with each further one …
    int maxEjectionMs = 300000; // … up to this; forgotten after this long without one
    int maxEjectionPercent = 50; // share of the servers ejected at once, never the last in rotation
    // Failed calls in a row (5xx, timeouts; no success between) that eject at
    // once, without waiting for the window (Envoy's consecutive_5xx). High
    // enough that a server failing 30% of calls never gets there by chance
    // (0.3^10 ≈ 6 in a million); 0 = off.
    int consecutiveFailuresToEject = 10;
    TimerSource *timers = nullptr; // injectable clock; not owned

    // Everything but the clock.
    bool sameSettings(const HealthMonitorOptions &other) const;
};

// How the monitor reaches one server. Each callback reports an error value;
// McpError::Kind::None means success.
struct HealthProbe
{
    using Report = std::function<void(const McpError &error)>;
    std::function<void(Report)> ping; // a real MCP ping
    std::function<void(Report)> reconnect; // new session: initialize (+ initialized)
    // Optional, cheap: can the server be reached at all (a TCP connect)? Used
    // when a connection was lost with no call running; ping when absent.
    std::function<void(Report)> reach;
};

struct HealthTransition
{
    qint64 atMs = 0;
    ServerStatus from = ServerStatus::Connecting;
    ServerStatus to = ServerStatus::Connecting;
    QString reason;
};

// Watches servers: active probes on an interval (quicker while a server is
// suspect), passive reports from real calls judged over a sliding window, and
// reconnection with capped exponential backoff and jitter. Hysteresis
// everywhere: degradedThreshold/offlineThreshold failed probes in a row to
// fall, riseThreshold good ones to be forgiven; a window verdict needs
// minRequestVolume calls and leaves "erroring" only at half the rate that
// entered it. A refused or reset connection takes a server out at once,
// whoever saw it (call, probe, manual ping, a lost idle connection). An
// error rate at ejectErrorPercent ejects the server for a time that doubles
// with repeated ejections, capped by maxEjectionPercent of the fleet and
// never the last server in rotation. Recovery from offline needs a new
// session and a good probe. Every status change is a signal.
class HealthMonitor final : public QObject
{
    Q_OBJECT
public:
    struct ServerHealth
    {
        ServerStatus status = ServerStatus::Connecting;
        QString reason; // why it has this status, for people ("error rate 34% over 30 s", …)
        int consecutiveFailures = 0; // probes
        int consecutiveSuccesses = 0; // probes
        int consecutiveCallFailures = 0; // calls (5xx, timeouts) since the last success
        int reconnectAttempt = 0;
        bool probeDegraded = false; // failed probes, not yet forgiven
        bool erroring = false; // window: sustained error rate
        bool slow = false; // window: latency outlier
        bool suspect = false; // probed at suspectIntervalMs until it settles
        int ejections = 0; // in a row (forgotten after maxEjectionMs without one)
        qint64 ejectedUntilMs = 0;
        double windowErrorPercent = 0;
        qint64 windowRequests = 0;
        double windowMeanLatencyMs = 0;
        McpError lastError;
        qint64 lastCheckMs = 0;
        qint64 lastOkMs = 0;
        QList<HealthTransition> history; // the last 50 transitions
        int statusChanges = 0; // all of them, also those the history forgot
    };

    explicit HealthMonitor(const HealthMonitorOptions &options = {}, QObject *parent = nullptr);
    ~HealthMonitor() override;
    Q_DISABLE_COPY_MOVE(HealthMonitor)

    const HealthMonitorOptions &options() const { return m_options; }
    // New thresholds and intervals, in place: statuses and windows are kept
    // (a new window size starts the window afresh).
    void setOptions(const HealthMonitorOptions &options);

    // Starts watching; the server begins as Connecting until connected() or
    // connectFailed() is reported (or the first ping answers).
    void addServer(const QString &id, const HealthProbe &probe);
    void removeServer(const QString &id);
    void start(); // begins the periodic checks
    void stop();

    // From the pool: the initial connection succeeded or failed.
    void reportConnected(const QString &id);
    void reportConnectFailed(const QString &id, const McpError &error);
    // From the pool, after a real call: passive detection.
    // Tool errors, "not found" and other answers of the server are not
    // failures of the server: report them as succeeded (or not at all).
    void reportCallSucceeded(const QString &id, double latencyMs = 0);
    void reportCallFailed(const QString &id, const McpError &error, double latencyMs = 0);
    // A connection to the server closed from its side with nothing running:
    // it may have died. Checked (reach, else a probe) at once, at most once
    // per suspectIntervalMs.
    void reportConnectionLost(const QString &id);
    // A probe someone else ran (the operator's Ping): counted as a probe.
    void reportProbe(const QString &id, const McpError &error);
    // Operator actions.
    void checkNow(const QString &id);
    void reconnectNow(const QString &id); // also revives a dead server

    ServerStatus status(const QString &id) const;
    bool isSlow(const QString &id) const; // a latency outlier: strategies avoid it
    ServerHealth health(const QString &id) const;
    QStringList servers() const;

Q_SIGNALS:
    void statusChanged(const QString &id, mcppm::ServerStatus status, mcppm::ServerStatus previous);
    void serverDegraded(const QString &id, const mcppm::McpError &error);
    void serverOffline(const QString &id, const mcppm::McpError &error);
    void serverRecovered(const QString &id);
    void serverDead(const QString &id, const mcppm::McpError &error);
    void serverEjected(const QString &id, const QString &reason, int durationMs);

private:
    struct Server;
    void setStatus(Server &server, ServerStatus status, const QString &reason);
    void checkAll();
    void ping(Server &server);
    void onProbe(Server &server, const McpError &error);
    void countFailure(Server &server, const McpError &error);
    void goOffline(Server &server, const McpError &error);
    void stopForTls(Server &server, const McpError &error);
    static bool isCertificateVerdict(const McpError &error);
    static bool isTransportFailure(const McpError &error);
    void scheduleReconnect(Server &server, int delayMs = -1);
    void attemptReconnect(const QString &id);
    int backoff(int attempt) const;
    void setSuspect(Server &server, bool suspect);
    void updateInRotation(Server &server, const QString &reason);
    void record(Server &server, bool failed, double latencyMs);
    void countCallFailure(Server &server, const McpError &error, double latencyMs);
    void evaluate();
    void scheduleEvaluation(); // once evaluationIntervalMs from now, unless already due
    void eject(Server &server, const QString &why);
    void endEjection(const QString &id);
    void restartCheckTimer();
    void cancelTimer(int &handle);

    HealthMonitorOptions m_options;
    TimerSource *m_timers = nullptr;
    std::unique_ptr<TimerSource> m_ownTimers;
    QHash<QString, std::shared_ptr<Server>> m_servers;
    OutlierDetector m_outliers;
    int m_checkTimer = 0;
    int m_evaluateTimer = 0;
    bool m_running = false;
};

} // namespace mcppm
