#include "pool/healthmonitor.h"

#include "net/timersource.h"

#include <QRandomGenerator>

namespace mcppm {

namespace {
constexpr int kHistory = 50;
}

QString serverStatusName(ServerStatus status)
{
    switch (status) {
    case ServerStatus::Connecting:
        return QStringLiteral("connecting");
    case ServerStatus::Online:
        return QStringLiteral("online");
    case ServerStatus::Degraded:
        return QStringLiteral("degraded");
    case ServerStatus::Offline:
        return QStringLiteral("offline");
    case ServerStatus::Reconnecting:
        return QStringLiteral("reconnecting");
    case ServerStatus::Dead:
        return QStringLiteral("dead");
    }
    return {};
}

struct HealthMonitor::Server
{
    QString id;
    HealthProbe probe;
    ServerHealth health;
    int reconnectTimer = 0;
    bool pingInFlight = false;
    bool reconnectInFlight = false;
};

HealthMonitor::HealthMonitor(const HealthMonitorOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_timers(options.timers)
{
    if (!m_timers) {
        m_ownTimers = std::make_unique<SystemTimerSource>();
        m_timers = m_ownTimers.get();
    }
}

HealthMonitor::~HealthMonitor()
{
    stop();
    for (const auto &server : std::as_const(m_servers)) {
        if (server->reconnectTimer)
            m_timers->cancel(server->reconnectTimer);
    }
}

void HealthMonitor::addServer(const QString &id, const HealthProbe &probe)
{
    removeServer(id);
    auto server = std::make_shared<Server>();
    server->id = id;
    server->probe = probe;
    m_servers.insert(id, server);
}

void HealthMonitor::removeServer(const QString &id)
{
    const auto server = m_servers.take(id);
    if (server && server->reconnectTimer)
        m_timers->cancel(server->reconnectTimer);
}

QStringList HealthMonitor::servers() const
{
    return m_servers.keys();
}

ServerStatus HealthMonitor::status(const QString &id) const
{
    const auto server = m_servers.value(id);
    return server ? server->health.status : ServerStatus::Dead;
}

HealthMonitor::ServerHealth HealthMonitor::health(const QString &id) const
{
    const auto server = m_servers.value(id);
    return server ? server->health : ServerHealth();
}

void HealthMonitor::start()
{
    if (m_running)
        return;
    m_running = true;
    m_checkTimer = m_timers->start(m_options.checkIntervalMs, [this]() { checkAll(); });
}

void HealthMonitor::stop()
{
    m_running = false;
    if (m_checkTimer)
        m_timers->cancel(m_checkTimer);
    m_checkTimer = 0;
}

void HealthMonitor::setStatus(Server &server, ServerStatus status, const QString &reason)
{
    const ServerStatus previous = server.health.status;
    if (previous == status)
        return;
    server.health.status = status;
    server.health.history.append({m_timers->nowMs(), previous, status, reason});
    while (server.health.history.size() > kHistory)
        server.health.history.removeFirst();
    Q_EMIT statusChanged(server.id, status, previous);
}

void HealthMonitor::checkAll()
{
    m_checkTimer = 0;
    const auto servers = m_servers.values();
    for (const auto &server : servers) {
        if (isInRotation(server->health.status) && !server->pingInFlight)
            ping(*server);
    }
    if (m_running)
        m_checkTimer = m_timers->start(m_options.checkIntervalMs, [this]() { checkAll(); });
}

void HealthMonitor::ping(Server &server)
{
    if (!server.probe.ping)
        return;
    server.pingInFlight = true;
    server.health.lastCheckMs = m_timers->nowMs();
    std::weak_ptr<Server> weak = m_servers.value(server.id);
    server.probe.ping([this, weak](const McpError &error) {
        const auto s = weak.lock();
        if (!s)
            return; // removed meanwhile
        s->pingInFlight = false;
        if (!isInRotation(s->health.status))
            return; // taken out meanwhile (a failed call); the reconnect cycle decides
        if (error) {
            countFailure(*s, error);
            return;
        }
        s->health.lastOkMs = m_timers->nowMs();
        s->health.consecutiveFailures = 0;
        if (s->health.status == ServerStatus::Degraded) {
            setStatus(*s, ServerStatus::Online, QStringLiteral("ping answered"));
            Q_EMIT serverRecovered(s->id);
        }
    });
}

void HealthMonitor::countFailure(Server &server, const McpError &error)
{
    server.health.lastError = error;
    ++server.health.consecutiveFailures;
    if (server.health.consecutiveFailures >= m_options.offlineThreshold) {
        goOffline(server, error);
    } else if (server.health.consecutiveFailures >= m_options.degradedThreshold
               && server.health.status == ServerStatus::Online) {
        setStatus(server, ServerStatus::Degraded, error.message);
        Q_EMIT serverDegraded(server.id, error);
    }
}

void HealthMonitor::goOffline(Server &server, const McpError &error)
{
    server.health.lastError = error;
    server.health.reconnectAttempt = 0;
    if (isCertificateVerdict(error)) {
        stopForTls(server, error);
        return;
    }
    setStatus(server, ServerStatus::Offline, error.message);
    Q_EMIT serverOffline(server.id, error);
    scheduleReconnect(server);
}

bool HealthMonitor::isCertificateVerdict(const McpError &error)
{
    // A certificate was refused (it is named in the error). A handshake that
    // broke off before any certificate (an alert during a deploy) is just
    // an outage: reconnect as usual.
    return error.kind == McpError::Kind::Tls && !error.certificateSha256.isEmpty();
}

void HealthMonitor::stopForTls(Server &server, const McpError &error)
{
    // A certificate does not mend itself: no reconnect loop (and never plain
    // HTTP instead). The server stays stopped until the operator changes its
    // trust or reconnects it.
    const bool wasInRotation = isInRotation(server.health.status);
    setStatus(server, ServerStatus::Dead, error.message);
    if (wasInRotation || server.health.reconnectAttempt == 0)
        Q_EMIT serverOffline(server.id, error);
    Q_EMIT serverDead(server.id, error);
}

int HealthMonitor::backoff(int attempt) const
{
    const double base = double(m_options.reconnectDelayMs) * double(qint64(1) << qMin(attempt, 30));
    const double capped = qMin(base, double(m_options.reconnectMaxDelayMs));
    const double jitter = 1.0
        + m_options.reconnectJitter * (QRandomGenerator::global()->generateDouble() * 2.0 - 1.0);
    return int(qMax(0.0, capped * jitter));
}

void HealthMonitor::scheduleReconnect(Server &server)
{
    if (server.reconnectTimer)
        m_timers->cancel(server.reconnectTimer);
    const QString id = server.id;
    server.reconnectTimer = m_timers->start(backoff(server.health.reconnectAttempt), [this, id]() {
        if (const auto s = m_servers.value(id))
            s->reconnectTimer = 0;
        attemptReconnect(id);
    });
}

void HealthMonitor::attemptReconnect(const QString &id)
{
    const auto server = m_servers.value(id);
    if (!server || server->reconnectInFlight || !server->probe.reconnect)
        return;
    ++server->health.reconnectAttempt;
    server->reconnectInFlight = true;
    setStatus(*server, ServerStatus::Reconnecting,
              QStringLiteral("attempt %1 of %2")
                  .arg(server->health.reconnectAttempt)
                  .arg(m_options.reconnectAttempts));
    std::weak_ptr<Server> weak = server;
    auto failed = [this, weak](const McpError &error) {
        const auto s = weak.lock();
        if (!s)
            return;
        s->reconnectInFlight = false;
        s->health.lastError = error;
        if (isCertificateVerdict(error)) {
            stopForTls(*s, error);
            return;
        }
        if (s->health.reconnectAttempt >= m_options.reconnectAttempts) {
            setStatus(*s, ServerStatus::Dead, error.message);
            Q_EMIT serverDead(s->id, error);
            return;
        }
        setStatus(*s, ServerStatus::Offline, error.message);
        scheduleReconnect(*s);
    };
    server->probe.reconnect([this, weak, failed](const McpError &error) {
        const auto s = weak.lock();
        if (!s)
            return;
        if (error) {
            failed(error);
            return;
        }
        // A new session is not enough: it must also answer a ping.
        s->probe.ping([this, weak, failed](const McpError &pingError) {
            const auto s2 = weak.lock();
            if (!s2)
                return;
            if (pingError) {
                failed(pingError);
                return;
            }
            s2->reconnectInFlight = false;
            s2->health.consecutiveFailures = 0;
            s2->health.reconnectAttempt = 0;
            s2->health.lastOkMs = m_timers->nowMs();
            setStatus(*s2, ServerStatus::Online, QStringLiteral("reconnected"));
            Q_EMIT serverRecovered(s2->id);
        });
    });
}

void HealthMonitor::reportConnected(const QString &id)
{
    const auto server = m_servers.value(id);
    if (!server || server->health.status != ServerStatus::Connecting)
        return;
    server->health.lastOkMs = m_timers->nowMs();
    setStatus(*server, ServerStatus::Online, QStringLiteral("connected"));
}

void HealthMonitor::reportConnectFailed(const QString &id, const McpError &error)
{
    const auto server = m_servers.value(id);
    if (!server || server->health.status != ServerStatus::Connecting)
        return;
    goOffline(*server, error);
}

void HealthMonitor::reportCallSucceeded(const QString &id)
{
    const auto server = m_servers.value(id);
    if (!server || !isInRotation(server->health.status))
        return;
    server->health.consecutiveFailures = 0;
    server->health.lastOkMs = m_timers->nowMs();
    if (server->health.status == ServerStatus::Degraded) {
        setStatus(*server, ServerStatus::Online, QStringLiteral("call succeeded"));
        Q_EMIT serverRecovered(id);
    }
}

void HealthMonitor::reportCallFailed(const QString &id, const McpError &error)
{
    const auto server = m_servers.value(id);
    if (!server || !isInRotation(server->health.status))
        return;
    switch (error.kind) {
    case McpError::Kind::Transport:
    case McpError::Kind::Tls:
        // Refused, reset, closed: the server is gone now, not after five pings.
        goOffline(*server, error);
        return;
    case McpError::Kind::Http:
        if (error.httpStatus >= 500)
            countFailure(*server, error);
        return;
    case McpError::Kind::Timeout:
        countFailure(*server, error);
        return;
    default:
        return; // a tool or protocol error of this call says nothing about the server
    }
}

void HealthMonitor::checkNow(const QString &id)
{
    const auto server = m_servers.value(id);
    if (!server)
        return;
    if (isInRotation(server->health.status)) {
        if (!server->pingInFlight)
            ping(*server);
        return;
    }
    reconnectNow(id);
}

void HealthMonitor::reconnectNow(const QString &id)
{
    const auto server = m_servers.value(id);
    if (!server || server->reconnectInFlight)
        return;
    if (server->reconnectTimer) {
        m_timers->cancel(server->reconnectTimer);
        server->reconnectTimer = 0;
    }
    server->health.reconnectAttempt = 0;
    attemptReconnect(id);
}

} // namespace mcppm
