#include "pool/healthmonitor.h"

#include "net/timersource.h"

#include <QRandomGenerator>

namespace mcppm {

namespace {
constexpr int kHistory = 50;
}

bool HealthMonitorOptions::sameSettings(const HealthMonitorOptions &o) const
{
    return checkIntervalMs == o.checkIntervalMs && degradedThreshold == o.degradedThreshold
        && offlineThreshold == o.offlineThreshold && riseThreshold == o.riseThreshold
        && suspectIntervalMs == o.suspectIntervalMs && probeTimeoutMs == o.probeTimeoutMs
        && reconnectAttempts == o.reconnectAttempts && reconnectDelayMs == o.reconnectDelayMs
        && reconnectMaxDelayMs == o.reconnectMaxDelayMs && reconnectJitter == o.reconnectJitter
        && deadRetryIntervalMs == o.deadRetryIntervalMs && outliers == o.outliers
        && evaluationIntervalMs == o.evaluationIntervalMs && baseEjectionMs == o.baseEjectionMs
        && maxEjectionMs == o.maxEjectionMs && maxEjectionPercent == o.maxEjectionPercent
        && consecutiveFailuresToEject == o.consecutiveFailuresToEject;
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
    case ServerStatus::Ejected:
        return QStringLiteral("ejected");
    }
    return {};
}

struct HealthMonitor::Server
{
    QString id;
    HealthProbe probe;
    ServerHealth health;
    int reconnectTimer = 0;
    int suspectTimer = 0;
    int ejectTimer = 0;
    bool pingInFlight = false;
    bool reachInFlight = false;
    bool reconnectInFlight = false;
    qint64 lastLostCheckMs = -1; // reportConnectionLost: rate limit
    qint64 lastEjectionEndMs = -1;
};

HealthMonitor::HealthMonitor(const HealthMonitorOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_timers(options.timers)
    , m_outliers(options.outliers)
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
        for (int *timer : {&server->reconnectTimer, &server->suspectTimer, &server->ejectTimer})
            cancelTimer(*timer);
    }
}

void HealthMonitor::cancelTimer(int &handle)
{
    if (handle)
        m_timers->cancel(handle);
    handle = 0;
}

void HealthMonitor::setOptions(const HealthMonitorOptions &options)
{
    const bool newInterval = options.checkIntervalMs != m_options.checkIntervalMs;
    TimerSource *timers = m_options.timers;
    m_options = options;
    m_options.timers = timers; // the clock stays
    m_outliers.setOptions(options.outliers);
    if (newInterval && m_running)
        restartCheckTimer();
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
    m_outliers.forget(id);
    if (!server)
        return;
    for (int *timer : {&server->reconnectTimer, &server->suspectTimer, &server->ejectTimer})
        cancelTimer(*timer);
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

bool HealthMonitor::isSlow(const QString &id) const
{
    const auto server = m_servers.value(id);
    return server && server->health.slow;
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
    restartCheckTimer();
}

void HealthMonitor::restartCheckTimer()
{
    cancelTimer(m_checkTimer);
    if (m_running && m_options.checkIntervalMs > 0)
        m_checkTimer = m_timers->start(m_options.checkIntervalMs, [this]() { checkAll(); });
}

void HealthMonitor::stop()
{
    m_running = false;
    cancelTimer(m_checkTimer);
    cancelTimer(m_evaluateTimer);
}

void HealthMonitor::setStatus(Server &server, ServerStatus status, const QString &reason)
{
    server.health.reason = reason;
    const ServerStatus previous = server.health.status;
    if (previous == status)
        return;
    server.health.status = status;
    ++server.health.statusChanges;
    server.health.history.append({m_timers->nowMs(), previous, status, reason});
    while (server.health.history.size() > kHistory)
        server.health.history.removeFirst();
    if (!isInRotation(status)) {
        // Out of rotation: its window and probe streaks start afresh when it is back.
        m_outliers.forget(server.id);
        server.health.erroring = server.health.slow = server.health.probeDegraded = false;
        server.health.consecutiveSuccesses = 0;
        server.health.consecutiveCallFailures = 0;
        setSuspect(server, false);
    }
    Q_EMIT statusChanged(server.id, status, previous);
}

void HealthMonitor::checkAll()
{
    m_checkTimer = 0;
    const qint64 now = m_timers->nowMs();
    const auto servers = m_servers.values();
    for (const auto &server : servers) {
        if (!isInRotation(server->health.status) || server->pingInFlight)
            continue;
        // A call answered since the last round says as much as a probe would
        // (a frozen server answers none, so it is still probed).
        if (!server->health.suspect && !server->health.probeDegraded
            && server->health.lastOkMs > server->health.lastCheckMs
            && now - server->health.lastOkMs < m_options.checkIntervalMs) {
            server->health.lastCheckMs = now;
            continue;
        }
        ping(*server);
    }
    restartCheckTimer();
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
        onProbe(*s, error);
    });
}

bool HealthMonitor::isTransportFailure(const McpError &error)
{
    return error.kind == McpError::Kind::Transport || error.kind == McpError::Kind::Tls;
}

void HealthMonitor::onProbe(Server &server, const McpError &error)
{
    if (!isInRotation(server.health.status))
        return; // taken out meanwhile (a failed call); the reconnect cycle decides
    if (error.kind == McpError::Kind::Cancelled)
        return; // says nothing
    if (error) {
        if (isTransportFailure(error)) {
            goOffline(server, error); // refused, reset: gone now, not after five probes
            return;
        }
        countFailure(server, error);
        return;
    }
    server.health.lastOkMs = m_timers->nowMs();
    server.health.consecutiveFailures = 0;
    ++server.health.consecutiveSuccesses;
    if (server.health.probeDegraded
        && server.health.consecutiveSuccesses >= qMax(1, m_options.riseThreshold))
        server.health.probeDegraded = false;
    if (!server.health.probeDegraded)
        setSuspect(server, false);
    updateInRotation(server, QStringLiteral("probes answered"));
}

void HealthMonitor::countFailure(Server &server, const McpError &error)
{
    server.health.lastError = error;
    server.health.consecutiveSuccesses = 0;
    ++server.health.consecutiveFailures;
    if (server.health.consecutiveFailures >= m_options.offlineThreshold) {
        goOffline(server, error);
        return;
    }
    setSuspect(server, true); // look again soon, not in a whole interval
    if (server.health.consecutiveFailures >= m_options.degradedThreshold)
        server.health.probeDegraded = true;
    updateInRotation(server,
                     QStringLiteral("%1 probes failed: %2")
                         .arg(server.health.consecutiveFailures)
                         .arg(error.message));
}

void HealthMonitor::setSuspect(Server &server, bool suspect)
{
    server.health.suspect = suspect;
    if (!suspect) {
        cancelTimer(server.suspectTimer);
        return;
    }
    if (server.suspectTimer || m_options.suspectIntervalMs <= 0
        || (m_options.checkIntervalMs > 0
            && m_options.suspectIntervalMs >= m_options.checkIntervalMs))
        return; // the regular check comes sooner
    const QString id = server.id;
    server.suspectTimer = m_timers->start(m_options.suspectIntervalMs, [this, id]() {
        const auto s = m_servers.value(id);
        if (!s)
            return;
        s->suspectTimer = 0;
        if (!s->health.suspect || !isInRotation(s->health.status))
            return;
        if (!s->pingInFlight)
            ping(*s);
        setSuspect(*s, true); // again, until a probe settles it
    });
}

// Online or degraded, from what the probes and the window say now.
void HealthMonitor::updateInRotation(Server &server, const QString &reason)
{
    ServerHealth &h = server.health;
    if (!isInRotation(h.status))
        return;
    QStringList why;
    if (h.probeDegraded)
        why << QStringLiteral("%1 probes failed").arg(h.consecutiveFailures);
    if (h.erroring)
        why << QStringLiteral("error rate %1% over the last %2 calls")
                   .arg(h.windowErrorPercent, 0, 'f', 0)
                   .arg(h.windowRequests);
    if (h.slow)
        why << QStringLiteral("slow: %1 ms per call on average")
                   .arg(h.windowMeanLatencyMs, 0, 'f', 0);
    if (!why.isEmpty()) {
        const bool was = h.status == ServerStatus::Degraded;
        setStatus(server, ServerStatus::Degraded, why.join(QStringLiteral("; ")));
        if (!was) {
            McpError e = h.lastError;
            if (!h.probeDegraded || !e)
                e = McpError::make(McpError::Kind::Protocol, h.reason);
            Q_EMIT serverDegraded(server.id, e);
        }
        return;
    }
    if (h.status == ServerStatus::Degraded) {
        setStatus(server, ServerStatus::Online, reason);
        Q_EMIT serverRecovered(server.id);
    }
}

void HealthMonitor::goOffline(Server &server, const McpError &error)
{
    server.health.lastError = error;
    server.health.reconnectAttempt = 0;
    cancelTimer(server.ejectTimer);
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
    cancelTimer(server.reconnectTimer);
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

void HealthMonitor::scheduleReconnect(Server &server, int delayMs)
{
    cancelTimer(server.reconnectTimer);
    const QString id = server.id;
    server.reconnectTimer = m_timers->start(
        delayMs >= 0 ? delayMs : backoff(server.health.reconnectAttempt), [this, id]() {
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
    const bool wasDead = server->health.status == ServerStatus::Dead;
    ++server->health.reconnectAttempt;
    server->reconnectInFlight = true;
    if (!wasDead) // a dead server is tried quietly: no status flicker
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
        if (s->health.status == ServerStatus::Dead
            || s->health.reconnectAttempt >= m_options.reconnectAttempts) {
            if (s->health.status != ServerStatus::Dead) {
                setStatus(*s, ServerStatus::Dead, error.message);
                Q_EMIT serverDead(s->id, error);
            }
            if (m_options.deadRetryIntervalMs > 0)
                scheduleReconnect(*s, m_options.deadRetryIntervalMs);
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
        // A new session is not enough: it must also answer a probe.
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

void HealthMonitor::record(Server &server, bool failed, double latencyMs)
{
    m_outliers.record(server.id, m_timers->nowMs(), failed, latencyMs);
    scheduleEvaluation();
}

void HealthMonitor::reportCallSucceeded(const QString &id, double latencyMs)
{
    const auto server = m_servers.value(id);
    if (!server || !isInRotation(server->health.status))
        return;
    server->health.lastOkMs = m_timers->nowMs();
    server->health.consecutiveCallFailures = 0;
    record(*server, false, latencyMs);
}

void HealthMonitor::reportCallFailed(const QString &id, const McpError &error, double latencyMs)
{
    const auto server = m_servers.value(id);
    if (!server || !isInRotation(server->health.status))
        return;
    switch (error.kind) {
    case McpError::Kind::Transport:
    case McpError::Kind::Tls:
        // Refused, reset, closed: the server is gone now, not after five probes.
        goOffline(*server, error);
        return;
    case McpError::Kind::Http:
        if (error.httpStatus == 429 || (error.httpStatus == 503 && error.retryAfterMs >= 0))
            return; // it asked for a pause (the pool holds it): busy, not sick
        if (error.httpStatus >= 500)
            countCallFailure(*server, error, latencyMs);
        return;
    case McpError::Kind::Timeout:
        countCallFailure(*server, error, latencyMs);
        return;
    case McpError::Kind::Cancelled:
        return; // someone else's decision
    default:
        // The server answered (a JSON-RPC error, a refused argument, "not
        // found"): that call failed, the server did not.
        record(*server, false, latencyMs);
        return;
    }
}

void HealthMonitor::countCallFailure(Server &server, const McpError &error, double latencyMs)
{
    server.health.lastError = error;
    record(server, true, latencyMs);
    const int limit = m_options.consecutiveFailuresToEject;
    if (limit > 0 && ++server.health.consecutiveCallFailures >= limit) {
        eject(server,
              QStringLiteral("%1 calls failed in a row (%2)")
                  .arg(server.health.consecutiveCallFailures)
                  .arg(error.message.left(200)));
        if (!isInRotation(server.health.status))
            return;
        // Capped: it stays in rotation, degraded, and is judged by the window.
        server.health.erroring = true;
        updateInRotation(server, {});
    }
}

void HealthMonitor::evaluate()
{
    m_outliers.evaluate(m_timers->nowMs());
    const auto servers = m_servers.values();
    for (const auto &server : servers) {
        ServerHealth &h = server->health;
        if (!isInRotation(h.status))
            continue;
        const OutlierDetector::Verdict v = m_outliers.verdict(server->id);
        h.windowRequests = v.requests;
        h.windowErrorPercent = v.errorPercent;
        h.windowMeanLatencyMs = v.meanLatencyMs;
        h.erroring = v.erroring;
        h.slow = v.slow;
        if (v.eject) {
            eject(*server,
                  QStringLiteral("%1% of the last %2 calls failed")
                      .arg(v.errorPercent, 0, 'f', 0)
                      .arg(v.requests));
            if (!isInRotation(h.status))
                continue;
        }
        updateInRotation(*server,
                         v.requests > 0 ? QStringLiteral("calls succeed again")
                                        : QStringLiteral("no calls to judge by"));
    }
    if (m_outliers.hasActivity())
        scheduleEvaluation();
}

void HealthMonitor::scheduleEvaluation()
{
    if (m_evaluateTimer || m_options.evaluationIntervalMs <= 0)
        return;
    m_evaluateTimer = m_timers->start(m_options.evaluationIntervalMs, [this]() {
        m_evaluateTimer = 0;
        evaluate();
    });
}

void HealthMonitor::eject(Server &server, const QString &why)
{
    // The cap: a share of the servers, and never the last one in rotation.
    int inRotation = 0;
    int ejected = 0;
    for (const auto &s : std::as_const(m_servers)) {
        if (isInRotation(s->health.status))
            ++inRotation;
        else if (s->health.status == ServerStatus::Ejected)
            ++ejected;
    }
    const int allowed = int(qint64(m_servers.size()) * m_options.maxEjectionPercent / 100);
    if (inRotation <= 1 || ejected + 1 > allowed)
        return; // stays in rotation, degraded by its error rate
    const qint64 now = m_timers->nowMs();
    if (server.lastEjectionEndMs >= 0 && now - server.lastEjectionEndMs > m_options.maxEjectionMs)
        server.health.ejections = 0; // it behaved for long enough: start over
    ++server.health.ejections;
    const double grown = double(m_options.baseEjectionMs)
        * double(qint64(1) << qMin(server.health.ejections - 1, 20));
    const int duration
        = int(qMin(grown, double(qMax(m_options.baseEjectionMs, m_options.maxEjectionMs))));
    const QString reason
        = QStringLiteral("ejected for %1 s: %2").arg(duration / 1000.0, 0, 'g', 3).arg(why);
    server.health.ejectedUntilMs = now + duration;
    setStatus(server, ServerStatus::Ejected, reason);
    Q_EMIT serverEjected(server.id, reason, duration);
    const QString id = server.id;
    cancelTimer(server.ejectTimer);
    server.ejectTimer = m_timers->start(duration, [this, id]() { endEjection(id); });
}

void HealthMonitor::endEjection(const QString &id)
{
    const auto server = m_servers.value(id);
    if (!server)
        return;
    server->ejectTimer = 0;
    if (server->health.status != ServerStatus::Ejected)
        return;
    server->lastEjectionEndMs = m_timers->nowMs();
    server->health.ejectedUntilMs = 0;
    server->health.consecutiveCallFailures = 0;
    // Back on trial with a fresh window; a probe first tells whether it is there at all.
    setStatus(*server, ServerStatus::Online, QStringLiteral("ejection over"));
    Q_EMIT serverRecovered(id);
    if (!server->pingInFlight)
        ping(*server);
}

void HealthMonitor::reportConnectionLost(const QString &id)
{
    const auto server = m_servers.value(id);
    if (!server || !isInRotation(server->health.status) || server->reachInFlight
        || server->pingInFlight)
        return;
    const qint64 now = m_timers->nowMs();
    if (server->lastLostCheckMs >= 0 && now - server->lastLostCheckMs < m_options.suspectIntervalMs)
        return;
    server->lastLostCheckMs = now;
    if (!server->probe.reach) {
        ping(*server);
        return;
    }
    server->reachInFlight = true;
    std::weak_ptr<Server> weak = server;
    server->probe.reach([this, weak](const McpError &error) {
        const auto s = weak.lock();
        if (!s)
            return;
        s->reachInFlight = false;
        if (!error || !isInRotation(s->health.status))
            return;
        if (isTransportFailure(error))
            goOffline(*s, error);
        else if (!s->pingInFlight)
            ping(*s); // no clear answer (a timeout): a real probe decides
    });
}

void HealthMonitor::reportProbe(const QString &id, const McpError &error)
{
    const auto server = m_servers.value(id);
    if (!server)
        return;
    server->health.lastCheckMs = m_timers->nowMs();
    if (isInRotation(server->health.status)) {
        onProbe(*server, error);
        return;
    }
    if (!error && !server->reconnectInFlight && server->health.status != ServerStatus::Connecting
        && server->health.status != ServerStatus::Ejected)
        reconnectNow(id); // it answers: do not wait for the next attempt
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
    cancelTimer(server->reconnectTimer);
    cancelTimer(server->ejectTimer);
    server->health.reconnectAttempt = 0;
    if (server->health.status == ServerStatus::Dead
        || server->health.status == ServerStatus::Ejected)
        setStatus(*server, ServerStatus::Offline, QStringLiteral("reconnecting on request"));
    attemptReconnect(id);
}

} // namespace mcppm
