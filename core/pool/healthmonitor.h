#pragma once

#include "jsonrpc/mcperror.h"

#include <QHash>
#include <QList>
#include <QObject>

#include <functional>
#include <memory>

namespace mcppm {

class TimerSource;

enum class ServerStatus { Connecting, Online, Degraded, Offline, Reconnecting, Dead };
QString serverStatusName(ServerStatus status);
// May the server get new work?
inline bool isInRotation(ServerStatus status)
{
    return status == ServerStatus::Online || status == ServerStatus::Degraded;
}

struct HealthMonitorOptions
{
    int checkIntervalMs = 15000; // active ping period (the pool passes its healthCheckInterval)
    int degradedThreshold = 2; // consecutive failures → degraded
    int offlineThreshold = 5; // consecutive failures → offline (and reconnecting)
    int reconnectAttempts = 10; // then the server is dead: out of rotation, still listed
    int reconnectDelayMs = 5000; // base of the exponential backoff
    int reconnectMaxDelayMs = 300000;
    double reconnectJitter = 0.2;
    TimerSource *timers = nullptr; // injectable clock; not owned
};

// How the monitor reaches one server. Each callback reports an error value;
// McpError::Kind::None means success.
struct HealthProbe
{
    using Report = std::function<void(const McpError &error)>;
    std::function<void(Report)> ping; // a real MCP ping
    std::function<void(Report)> reconnect; // new session: initialize (+ initialized)
};

struct HealthTransition
{
    qint64 atMs = 0;
    ServerStatus from = ServerStatus::Connecting;
    ServerStatus to = ServerStatus::Connecting;
    QString reason;
};

// Watches servers: active pings on an interval, passive reports from real
// calls (a refused or reset connection takes a server out at once), the
// degraded/offline thresholds, and reconnection with exponential backoff and
// jitter until the attempts are used up. Recovery needs a new session and a
// successful ping. Every status change is a signal.
class HealthMonitor final : public QObject
{
    Q_OBJECT
public:
    struct ServerHealth
    {
        ServerStatus status = ServerStatus::Connecting;
        int consecutiveFailures = 0;
        int reconnectAttempt = 0;
        McpError lastError;
        qint64 lastCheckMs = 0;
        qint64 lastOkMs = 0;
        QList<HealthTransition> history; // the last 50 transitions
    };

    explicit HealthMonitor(const HealthMonitorOptions &options = {}, QObject *parent = nullptr);
    ~HealthMonitor() override;
    Q_DISABLE_COPY_MOVE(HealthMonitor)

    const HealthMonitorOptions &options() const { return m_options; }

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
    void reportCallSucceeded(const QString &id);
    void reportCallFailed(const QString &id, const McpError &error);
    // Operator actions.
    void checkNow(const QString &id);
    void reconnectNow(const QString &id); // also revives a dead server

    ServerStatus status(const QString &id) const;
    ServerHealth health(const QString &id) const;
    QStringList servers() const;

Q_SIGNALS:
    void statusChanged(const QString &id, mcppm::ServerStatus status, mcppm::ServerStatus previous);
    void serverDegraded(const QString &id, const mcppm::McpError &error);
    void serverOffline(const QString &id, const mcppm::McpError &error);
    void serverRecovered(const QString &id);
    void serverDead(const QString &id, const mcppm::McpError &error);

private:
    struct Server;
    void setStatus(Server &server, ServerStatus status, const QString &reason);
    void checkAll();
    void ping(Server &server);
    void countFailure(Server &server, const McpError &error);
    void goOffline(Server &server, const McpError &error);
    void stopForTls(Server &server, const McpError &error);
    static bool isCertificateVerdict(const McpError &error);
    void scheduleReconnect(Server &server);
    void attemptReconnect(const QString &id);
    int backoff(int attempt) const;

    HealthMonitorOptions m_options;
    TimerSource *m_timers = nullptr;
    std::unique_ptr<TimerSource> m_ownTimers;
    QHash<QString, std::shared_ptr<Server>> m_servers;
    int m_checkTimer = 0;
    bool m_running = false;
};

} // namespace mcppm
