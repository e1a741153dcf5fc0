#include "host/poolhost.h"

#include "host/mcpendpoint.h"

#include "auth/loopbackauthorizationagent.h"

#include "pool/poolcsv.h"
#include "pool/processsupervisor.h"

#include "mcp/mcpreply.h"
#include "net/secretmask.h"
#include "profile/poolserverconfig.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QMap>
#include <QPointer>
#include <QTimer>

namespace mcppm {

namespace {
constexpr int kMaxEventsPerSnapshot = 200;
constexpr qsizetype kDetailStderrLines = 200; // a local server's stderr in its detail pane
} // namespace

PoolHost::PoolHost(const Options &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_coalescer(EventCoalescer::Options{options.eventWindowMs, options.eventPassThrough, 32})
{
    m_clock.start();
}

PoolHost::PoolHost(QObject *parent)
    : PoolHost(Options{}, parent)
{ }

PoolHost::~PoolHost()
{
    withdrawInputs(QStringLiteral("the monitor closed"));
}

void PoolHost::log(PoolEvent::Kind kind, const QString &serverId, const QString &text,
                   std::optional<PoolEvent::Severity> severity, const QString &reason)
{
    PoolEvent e{QDateTime::currentMSecsSinceEpoch(), kind, serverId, text, severity};
    if (!serverId.isEmpty() && e.severity() != PoolEvent::Severity::Info
        && kind != PoolEvent::Kind::ServerLog) {
        QList<PoolEvent> &recent = m_recentErrors[serverId];
        recent.append(e);
        if (recent.size() > 20)
            recent.removeFirst();
    }
    // A burst: the first few are shown, the rest come as one summary when the window ends.
    if (!m_coalescer.offer(m_clock.elapsed(), kind, serverId, reason.isEmpty() ? text : reason))
        return;
    appendEvent(std::move(e));
}

void PoolHost::appendEvent(PoolEvent event)
{
    if (m_events.size() >= kMaxEventsPerSnapshot) {
        ++m_dropped;
        return;
    }
    m_events.append(std::move(event));
    markDirty();
}

void PoolHost::appendSummaries(const QList<PoolEvent> &summaries)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (PoolEvent e : summaries) {
        e.timeMs = now;
        appendEvent(std::move(e));
    }
}

void PoolHost::start(const Profile &profile)
{
    m_endpointSettings = profile.endpoint;
    if (!m_snapshotTimer) {
        m_snapshotTimer = new QTimer(this);
        connect(m_snapshotTimer, &QTimer::timeout, this, [this]() {
            if (!m_coalescer.isEmpty())
                appendSummaries(m_coalescer.expire(m_clock.elapsed()));
            // The endpoint's counters move without a pool signal.
            if (m_endpoint
                && m_endpoint->activity()
                    != std::exchange(m_endpointActivity, m_endpoint->activity()))
                m_dirty = true;
            if (m_dirty)
                emitSnapshot();
        });
        m_snapshotTimer->start(m_options.snapshotIntervalMs);
    }
    buildPool(profile);
}

ServerPoolOptions PoolHost::poolOptionsFor(const Profile &profile) const
{
    ServerPoolOptions o = profile.poolOptions();
    if (m_options.healthCheckIntervalMs > 0)
        o.healthCheckIntervalMs = o.health.checkIntervalMs = m_options.healthCheckIntervalMs;
    o.sampleIntervalMs = m_options.sampleIntervalMs;
    return o;
}

void PoolHost::applySettings(const Profile &profile)
{
    const bool sameServers = m_pool
        && profile.toJson().value(QStringLiteral("servers")).toArray() == m_serversJson
        && profile.proxy == m_profileProxy && profile.directory == m_profileDirectory;
    if (!sameServers) {
        start(profile); // other servers or how they are reached: built anew
        return;
    }
    const ServerPoolOptions before = m_pool->options();
    const ServerPoolOptions after = poolOptionsFor(profile);
    m_pool->setOptions(after);
    m_pool->setRoots(profile.roots);
    m_pool->setLogLevel(profile.logLevel);
    m_sampling = profile.extra.value(QStringLiteral("sampling")).toBool();
    applyInputFeatures();
    QStringList changed;
    if (before.strategy != after.strategy)
        changed << QStringLiteral("strategy %1").arg(LoadBalancer::name(after.strategy));
    if (before.queue.concurrentTasks != after.queue.concurrentTasks)
        changed << QStringLiteral("%1 calls at once").arg(after.queue.concurrentTasks);
    if (!before.health.sameSettings(after.health)
        || before.healthCheckIntervalMs != after.healthCheckIntervalMs)
        changed << QStringLiteral("health thresholds");
    setEndpoint(profile.endpoint);
    log(PoolEvent::Kind::Info, {},
        QStringLiteral("settings applied in place%1; statistics kept")
            .arg(changed.isEmpty() ? QString()
                                   : QStringLiteral(" (") + changed.join(QStringLiteral(", "))
                         + QLatin1Char(')')));
    markDirty();
}

void PoolHost::buildPool(const Profile &profile)
{
    withdrawInputs(QStringLiteral("the pool was restarted"));
    appendSummaries(m_coalescer.flushAll(m_clock.elapsed())); // the old pool's bursts
    m_operatorCancels.clear();
    closeEndpoint(); // before its pool
    if (m_pool) {
        m_pool->disconnect(this);
        m_pool->shutdown();
        m_pool->deleteLater(); // its sessions end in the background
        m_pool = nullptr;
    }
    m_calls.clear();
    m_requests.clear();
    m_lastSampleT = 0;
    m_pool = new ServerPool(poolOptionsFor(profile), this);
    m_serversJson = profile.toJson().value(QStringLiteral("servers")).toArray();
    m_pool->setRoots(profile.roots);
    m_sampling = profile.extra.value(QStringLiteral("sampling")).toBool();
    applyInputFeatures();
    connect(m_pool, &ServerPool::resourceUpdated, this,
            [this](const QString &id, const QString &uri) {
                log(PoolEvent::Kind::Info, id,
                    QStringLiteral("resource updated: %1").arg(uri.left(500)));
                Q_EMIT resourceUpdated(id, uri);
            });
    connect(m_pool, &ServerPool::serverLogMessage, this,
            [this](const QString &id, const QString &level, const QString &logger,
                   const QJsonValue &data) {
                QString text = data.toString();
                if (data.isObject())
                    text = QString::fromUtf8(
                        QJsonDocument(data.toObject()).toJson(QJsonDocument::Compact));
                else if (data.isArray())
                    text = QString::fromUtf8(
                        QJsonDocument(data.toArray()).toJson(QJsonDocument::Compact));
                // RFC 5424 levels as MCP names them.
                const bool error = level == QLatin1String("error")
                    || level == QLatin1String("critical") || level == QLatin1String("alert")
                    || level == QLatin1String("emergency");
                log(PoolEvent::Kind::ServerLog, id,
                    QStringLiteral("[%1]%2 %3")
                        .arg(level, logger.isEmpty() ? QString() : QLatin1Char(' ') + logger,
                             text.left(2000)),
                    error                                   ? PoolEvent::Severity::Error
                        : level == QLatin1String("warning") ? PoolEvent::Severity::Warning
                                                            : PoolEvent::Severity::Info);
            });
    connect(m_pool, &ServerPool::toolRefused, this,
            [this](const QString &id, const QString &tool, const QString &reason) {
                log(PoolEvent::Kind::Warning, id,
                    QStringLiteral("tool %1 left out: %2").arg(tool, reason));
            });
    connect(m_pool, &ServerPool::serverStatusChanged, this,
            [this](const QString &id, ServerStatus status) {
                QString text = QStringLiteral("now %1").arg(serverStatusName(status));
                const HealthMonitor::ServerHealth h = m_pool->healthMonitor()->health(id);
                if (status == ServerStatus::Degraded || status == ServerStatus::Ejected)
                    text += QStringLiteral(": ") + h.reason;
                else if (status != ServerStatus::Online && h.lastError.isError())
                    text += QStringLiteral(": ") + h.lastError.message;
                // Back or coming: info; degraded or ejected for a while: look at
                // it; out of rotation: error.
                PoolEvent::Severity severity = PoolEvent::Severity::Warning;
                if (status == ServerStatus::Online || status == ServerStatus::Connecting)
                    severity = PoolEvent::Severity::Info;
                else if (status == ServerStatus::Offline || status == ServerStatus::Dead
                         || status == ServerStatus::Reconnecting)
                    severity = PoolEvent::Severity::Error;
                log(PoolEvent::Kind::Health, id, text, severity);
            });
    connect(m_pool, &ServerPool::taskCompleted, this, [this](TaskId id, const QJsonObject &result) {
        markDirty();
        const quint64 request = m_requests.take(id);
        if (!request)
            return;
        m_calls.remove(request);
        const auto task = m_pool->queue()->task(id);
        Q_EMIT callFinished(request, result, task ? task->serverId : QString(), {}, {});
    });
    connect(m_pool, &ServerPool::taskFailed, this, [this](TaskId id, const McpError &e) {
        markDirty();
        const quint64 request = m_requests.take(id);
        if (e.kind == McpError::Kind::Cancelled) // asked for, not a failure
            log(PoolEvent::Kind::Info, e.serverId,
                m_operatorCancels.remove(id)
                    ? QStringLiteral("task %1 cancelled by the operator").arg(id)
                    : QStringLiteral("task %1 %2").arg(id).arg(e.message));
        else
            log(PoolEvent::Kind::TaskFailed, e.serverId,
                QStringLiteral("task %1: %2").arg(id).arg(e.message), std::nullopt, e.message);
        if (!request)
            return;
        m_calls.remove(request);
        const auto task = m_pool->queue()->task(id);
        Q_EMIT callFinished(request, {}, task ? task->serverId : e.serverId,
                            McpError::kindName(e.kind), e.message);
    });
    connect(m_pool, &ServerPool::taskProgressed, this,
            [this](TaskId id, double progress, double total, const QString &message) {
                if (const quint64 request = m_requests.value(id))
                    Q_EMIT callProgressed(request, progress, total, message);
            });
    connect(m_pool->queue(), &WorkQueue::taskRetrying, this,
            [this](TaskId id, int attempt, int delayMs, const McpError &e) {
                if (delayMs == 0)
                    log(PoolEvent::Kind::Failover, e.serverId,
                        QStringLiteral("task %1 moves to another server after: %2")
                            .arg(id)
                            .arg(e.message),
                        std::nullopt, e.message);
                else
                    log(PoolEvent::Kind::Retry, e.serverId,
                        QStringLiteral("task %1 retries in %2 ms (attempt %3): %4")
                            .arg(id)
                            .arg(delayMs)
                            .arg(attempt + 1)
                            .arg(e.message),
                        std::nullopt, e.message);
            });
    connect(m_pool, &ServerPool::statisticsSampled, this, [this]() { markDirty(); });
    connect(m_pool, &ServerPool::serverThrottled, this,
            [this](const QString &id, int holdMs, int httpStatus) {
                log(PoolEvent::Kind::Retry, id,
                    QStringLiteral("HTTP %1: no new work for %2 s (Retry-After)")
                        .arg(httpStatus)
                        .arg(holdMs / 1000.0, 0, 'f', 1),
                    std::nullopt, QStringLiteral("HTTP %1 with Retry-After").arg(httpStatus));
            });
    connect(m_pool, &ServerPool::serverSignInRequired, this, [this](const QString &id) {
        log(PoolEvent::Kind::Error, id,
            QStringLiteral("needs sign-in (OAuth); use Sign In for this server"));
        markDirty();
    });
    connect(m_pool, &ServerPool::serverAuthChanged, this, [this](const QString &id) {
        markDirty();
        OAuthClient *oauth = m_pool->oauthClient(id);
        if (!oauth)
            return;
        const OAuthTokenSet tokens = oauth->tokenSet();
        const QJsonObject kept = tokens.hasTokens() ? tokens.toJson() : QJsonObject();
        if (kept == m_oauthTokens.value(id))
            return;
        if (kept.isEmpty())
            m_oauthTokens.remove(id);
        else
            m_oauthTokens.insert(id, kept);
        Q_EMIT oauthTokensChanged(id, kept);
    });
    connect(m_pool, &ServerPool::toolDriftChanged, this,
            [this](const QString &id, const QString &drift) {
                if (drift.isEmpty())
                    log(PoolEvent::Kind::Info, id,
                        QStringLiteral("tools agree with the pool again"));
                else // not a failure: calls go only to servers that offer the tool
                    log(PoolEvent::Kind::Warning, id,
                        QStringLiteral("tools differ from the pool's majority: %1").arg(drift));
            });
    connect(m_pool, &ServerPool::serverProcessEvent, this,
            [this](const QString &id, const QString &text) {
                const bool bad = text.contains(QLatin1String("gave up"))
                    || (text.contains(QLatin1String("exited"))
                        && !text.contains(QLatin1String("code 0")))
                    || text.contains(QLatin1String("killed"));
                log(bad ? PoolEvent::Kind::Error : PoolEvent::Kind::Info, id, text);
            });
    // A server flooding stderr must not flood the event log: at most 20
    // lines a second per server reach it (all are in its process detail).
    struct StderrBudget
    {
        QElapsedTimer window;
        int lines = 0;
        int dropped = 0;
    };
    auto budgets = std::make_shared<QHash<QString, StderrBudget>>();
    connect(m_pool, &ServerPool::serverStderrLine, this,
            [this, budgets](const QString &id, const QString &line) {
                StderrBudget &budget = (*budgets)[id];
                if (!budget.window.isValid() || budget.window.elapsed() >= 1000) {
                    if (budget.dropped > 0)
                        log(PoolEvent::Kind::ServerLog, id,
                            QStringLiteral("stderr: %1 more lines not shown").arg(budget.dropped));
                    budget.window.start();
                    budget.lines = 0;
                    budget.dropped = 0;
                }
                if (++budget.lines > 20) {
                    ++budget.dropped;
                    return;
                }
                log(PoolEvent::Kind::ServerLog, id, QStringLiteral("stderr: ") + line);
            });
    m_pool->initialize();
    m_profileDirectory = profile.directory;
    m_profileProxy = profile.proxy;
    openEndpoint(); // before the servers: they learn at connect what it relays
    for (const ProfileServer &server : profile.servers)
        addServer(server);
    log(PoolEvent::Kind::Info, {},
        QStringLiteral("pool started with %1 servers (%2)")
            .arg(profile.servers.size())
            .arg(profile.strategy));
}

void PoolHost::addServer(const ProfileServer &server)
{
    if (!m_pool)
        return;
    QString why;
    QStringList warnings; // a keychain: token the UI could not read: added without one
    ProfileServer effective = server;
    if (effective.proxy.isEmpty())
        effective.proxy = m_profileProxy; // the profile's "proxy"
    const std::optional<PoolServerConfig> config
        = PoolServerConfig::fromProfile(effective, m_profileDirectory, m_secrets, &why, &warnings);
    for (const QString &warning : std::as_const(warnings))
        log(PoolEvent::Kind::Error, server.id, warning);
    if (!config) {
        log(PoolEvent::Kind::Error, server.id, why);
        return;
    }
    if (config->options.isLocal()) {
        // One pool worker per replica ("ID#1" …), each its own process.
        for (const PoolServerConfig &worker : config->workers()) {
            if (!m_pool->addServer(worker.id, worker.url, worker.token, worker.options, &why))
                log(PoolEvent::Kind::Error, worker.id, why);
        }
        markDirty();
        return;
    }
    if (!m_pool->addServer(config->id, config->url, config->token, config->options, &why))
        log(PoolEvent::Kind::Error, server.id, why);
    else if (OAuthClient *oauth = m_pool->oauthClient(server.id)) {
        if (m_oauthTokens.contains(server.id))
            oauth->setTokenSet(OAuthTokenSet::fromJson(m_oauthTokens.value(server.id)));
        connect(oauth, &OAuthClient::authorizationFailed, this,
                [this, id = server.id](const McpError &e) {
                    log(PoolEvent::Kind::Error, id,
                        QStringLiteral("sign-in failed: %1").arg(e.message));
                });
    }
    markDirty();
}

void PoolHost::setSecrets(const QHash<QString, QString> &secrets)
{
    for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
        m_secrets.insert(it.key(), it.value());
}

void PoolHost::setServerToken(const QString &id, const QString &token)
{
    if (m_pool && m_pool->setServerToken(id, token))
        log(PoolEvent::Kind::Info, id, QStringLiteral("token replaced; new calls use it"));
}

void PoolHost::removeServer(const QString &id)
{
    if (m_pool && m_pool->removeServer(id))
        log(PoolEvent::Kind::Info, id, QStringLiteral("removed from the pool"));
}

void PoolHost::restartProcess(const QString &id)
{
    if (m_pool && m_pool->restartProcess(id))
        log(PoolEvent::Kind::Info, id, QStringLiteral("process restart asked by the operator"));
}

void PoolHost::updateServer(const QString &id, int priority, int weight)
{
    if (m_pool && m_pool->updateServer(id, priority, weight))
        markDirty();
}

void PoolHost::editServer(const ProfileServer &before, const ProfileServer &after)
{
    if (!m_pool)
        return;
    const bool reAdd = before.id != after.id || before.url != after.url
        || before.timeoutMs != after.timeoutMs || before.maxConcurrent != after.maxConcurrent
        || before.tokenRef != after.tokenRef || before.oauth != after.oauth
        || before.proxy != after.proxy || before.headers != after.headers
        || before.protocol != after.protocol || before.command != after.command;
    if (reAdd) {
        if (before.url != after.url || before.id != after.id)
            m_oauthTokens.remove(before.id); // tokens belong to the old server
        m_pool->removeServer(before.id); // its work moves to the others meanwhile
        for (int i = 1; before.command.isSet() && i <= before.command.replicas; ++i)
            m_pool->removeServer(QStringLiteral("%1#%2").arg(before.id).arg(i));
        addServer(after);
        log(PoolEvent::Kind::Info, after.id, QStringLiteral("settings changed; connecting again"));
        return;
    }
    m_pool->updateServer(after.id, after.priority, after.weight);
    if (before.ratePerSecond != after.ratePerSecond || before.rateBurst != after.rateBurst) {
        m_pool->setServerRateLimit(after.id, after.ratePerSecond, after.rateBurst);
        log(PoolEvent::Kind::Info, after.id,
            after.ratePerSecond > 0
                ? QStringLiteral("rate limit: %1 calls/s, burst %2")
                      .arg(after.ratePerSecond)
                      .arg(after.rateBurst > 0 ? after.rateBurst : qMax(1, after.ratePerSecond))
                : QStringLiteral("rate limit removed"));
    }
    if (before.caFile != after.caFile || before.pinSha256 != after.pinSha256) {
        QString why;
        const std::optional<TlsTrust> trust = Profile::trustFor(after, m_profileDirectory, &why);
        if (!trust || !m_pool->setServerTls(after.id, *trust, &why)) {
            log(PoolEvent::Kind::Error, after.id, why);
            return;
        }
        log(PoolEvent::Kind::Info, after.id,
            trust->pinSha256.isEmpty() && trust->caFile.isEmpty()
                ? QStringLiteral("TLS trust: the system's certificate authorities")
                : QStringLiteral("TLS trust changed%1; connecting again")
                      .arg(trust->pinSha256.isEmpty()
                               ? QString()
                               : QStringLiteral(" (pinned %1)")
                                     .arg(TlsTrust::formatFingerprint(trust->pinSha256))));
    }
    markDirty();
}

void PoolHost::setServerDrained(const QString &id, bool drained)
{
    if (m_pool && m_pool->setServerDrained(id, drained))
        log(PoolEvent::Kind::Info, id,
            drained ? QStringLiteral("draining: no new work; running calls finish")
                    : QStringLiteral("takes new work again"));
    markDirty();
}

void PoolHost::setServerEnabled(const QString &id, bool enabled)
{
    if (m_pool && m_pool->setServerEnabled(id, enabled))
        log(PoolEvent::Kind::Info, id,
            enabled ? QStringLiteral("enabled; connecting")
                    : QStringLiteral("disabled: no new work, no health checks; the session "
                                     "closes when its running calls end"));
    markDirty();
}

void PoolHost::signIn(const QString &id)
{
    OAuthClient *oauth = m_pool ? m_pool->oauthClient(id) : nullptr;
    if (!oauth) {
        log(PoolEvent::Kind::Error, id,
            QStringLiteral("no OAuth for this server (it has a static token or \"oauth\": false)"));
        return;
    }
    LoopbackAuthorizationAgent *&agent = m_agents[id];
    if (!agent) {
        agent = new LoopbackAuthorizationAgent(
            [this, id](const QUrl &url) {
                Q_EMIT signInUrlReady(id, url);
                return true;
            },
            this);
    }
    oauth->setAuthorizationAgent(agent);
    log(PoolEvent::Kind::Info, id, QStringLiteral("signing in: waiting for the browser"));
    oauth->signIn();
    markDirty();
}

void PoolHost::signOut(const QString &id)
{
    if (m_pool && m_pool->signOut(id))
        log(PoolEvent::Kind::Info, id, QStringLiteral("signed out; tokens forgotten"));
}

void PoolHost::setOAuthTokens(const QHash<QString, QJsonObject> &tokens)
{
    m_oauthTokens.clear(); // this profile's; none from an earlier one
    for (auto it = tokens.cbegin(); it != tokens.cend(); ++it) {
        if (!it.value().isEmpty())
            m_oauthTokens.insert(it.key(), it.value());
        if (OAuthClient *oauth = m_pool ? m_pool->oauthClient(it.key()) : nullptr)
            oauth->setTokenSet(OAuthTokenSet::fromJson(it.value()));
    }
}

void PoolHost::setStrategy(const QString &name)
{
    LoadBalancer::Strategy strategy;
    if (!m_pool || !LoadBalancer::fromName(name, &strategy))
        return;
    m_pool->setStrategy(strategy);
    log(PoolEvent::Kind::Info, {}, QStringLiteral("strategy: %1").arg(name));
}

void PoolHost::setPaused(bool paused)
{
    if (!m_pool)
        return;
    m_pool->queue()->setPaused(paused);
    log(PoolEvent::Kind::Info, {},
        paused ? QStringLiteral("intake paused: nothing new starts")
               : QStringLiteral("intake resumed"));
}

void PoolHost::reconnectServer(const QString &id)
{
    if (m_pool && m_pool->client(id)) {
        log(PoolEvent::Kind::Info, id, QStringLiteral("reconnecting on request"));
        m_pool->healthMonitor()->reconnectNow(id); // new session + ping, as any recovery
    }
}

void PoolHost::pingServer(const QString &id)
{
    McpClient *client = m_pool ? m_pool->client(id) : nullptr;
    if (!client)
        return;
    McpReply *reply = client->ping();
    connect(reply, &McpReply::finished, this, [this, reply, id]() {
        reply->deleteLater();
        if (m_pool) // the operator's ping is a probe like any other
            m_pool->healthMonitor()->reportProbe(id, reply->error());
        if (reply->isError())
            log(PoolEvent::Kind::Error, id,
                QStringLiteral("ping failed: %1").arg(reply->error().message));
        else
            log(PoolEvent::Kind::Info, id,
                QStringLiteral("ping: %1 ms").arg(double(reply->latencyUs()) / 1000.0, 0, 'f', 2));
    });
}

void PoolHost::callTool(quint64 requestId, const QString &name, const QJsonObject &arguments,
                        int priority, int timeoutMs, const QString &server)
{
    if (!m_pool) {
        Q_EMIT callFinished(requestId, {}, {}, QStringLiteral("not_connected"),
                            QStringLiteral("the pool is not running"));
        return;
    }
    PoolCallOptions options;
    options.priority = priority;
    options.timeoutMs = timeoutMs;
    options.server = server;
    const TaskId id = m_pool->callTool(name, arguments, options);
    track(requestId, id);
}

void PoolHost::track(quint64 requestId, TaskId id)
{
    m_calls.insert(requestId, id);
    m_requests.insert(id, requestId);
    Q_EMIT callStarted(requestId, id);
    // It may already have ended (no server offers the tool): report it.
    const auto task = m_pool->queue()->task(id);
    if (task && isTerminal(task->status) && m_requests.contains(id)) {
        m_requests.remove(id);
        m_calls.remove(requestId);
        Q_EMIT callFinished(requestId, task->result, task->serverId,
                            task->error.isError() ? McpError::kindName(task->error.kind)
                                                  : QString(),
                            task->error.message);
    }
}

void PoolHost::cancelCall(quint64 requestId)
{
    if (!m_pool || !m_calls.contains(requestId))
        return;
    const TaskId id = m_calls.value(requestId);
    m_operatorCancels.insert(id);
    if (!m_pool->cancel(id))
        m_operatorCancels.remove(id); // it had ended already
}

void PoolHost::exportCsv(const QString &path)
{
    if (!m_pool) {
        Q_EMIT exportFinished(false, QStringLiteral("the pool is not running"));
        return;
    }
    QStringList written;
    QString why;
    if (!PoolCsv::save(*m_pool, path, &written, &why)) {
        Q_EMIT exportFinished(false, why);
        return;
    }
    Q_EMIT exportFinished(true, written.join(QStringLiteral(", ")));
}

void PoolHost::requestDetail(const QString &id)
{
    McpClient *client = m_pool ? m_pool->client(id) : nullptr;
    if (!client)
        return;
    auto detail = std::make_shared<ServerDetail>();
    for (const ServerRow &row : m_pool->serverRows()) {
        if (row.id == id) {
            detail->url = row.url;
            detail->status = row.status;
            detail->lastError = row.lastError;
        }
    }
    detail->id = id;
    const ServerInfo info = client->serverInfo();
    detail->transport = client->isConnected() ? client->transportName() : QString();
    const QString session = client->sessionId();
    detail->sessionId = session.isEmpty() ? QString() : session.left(8) + QStringLiteral("…");
    detail->protocolVersion = info.protocolVersion;
    detail->serverName = info.name;
    detail->serverTitle = info.title;
    detail->serverVersion = info.version;
    detail->instructions = info.instructions;
    detail->capabilities = info.capabilities;
    detail->tools = client->tools();
    const HealthMonitor::ServerHealth health = m_pool->healthMonitor()->health(id);
    detail->consecutiveFailures = health.consecutiveFailures;
    detail->reconnectAttempt = health.reconnectAttempt;
    // Transitions carry the monotonic clock: turn them into wall-clock times.
    const qint64 offset = QDateTime::currentMSecsSinceEpoch() - m_pool->nowMs();
    for (const HealthTransition &t : health.history)
        detail->history.append(
            {t.atMs + offset, serverStatusName(t.from), serverStatusName(t.to), t.reason});
    detail->recentErrors = m_recentErrors.value(id);
    if (const ProcessSupervisor *process = m_pool->process(id)) {
        detail->process.local = true;
        detail->process.command = process->commandLine();
        detail->process.state = ProcessSupervisor::stateName(process->state());
        detail->process.pid = process->pid();
        detail->process.restarts = process->restarts();
        detail->process.lastExit = process->lastExit();
        detail->process.stderrTail = process->stderrTail().mid(
            qMax<qsizetype>(0, process->stderrTail().size() - kDetailStderrLines));
    }
    if (!client->isConnected()) {
        Q_EMIT detailReady(*detail);
        return;
    }
    // The lists the server offers, all pages; one answer when all are in.
    auto pending = std::make_shared<int>(0);
    QPointer<PoolHost> self(this);
    auto fetch = [&](McpReply *reply, const QString &what,
                     std::function<void(const QJsonArray &)> take) {
        ++*pending;
        connect(reply, &McpReply::finished, this, [self, reply, what, take, pending, detail]() {
            reply->deleteLater();
            if (reply->isError())
                detail->catalogErrors.append(what + QStringLiteral(": ") + reply->error().message);
            else
                take(reply->result().value(what).toArray());
            if (--*pending == 0 && self)
                Q_EMIT self->detailReady(*detail);
        });
    };
    if (info.hasResources()) {
        fetch(client->listResources(), QStringLiteral("resources"), [detail](const QJsonArray &a) {
            for (const QJsonValue &v : a)
                detail->resources.append(ResourceInfo::fromJson(v.toObject()));
        });
        fetch(client->listResourceTemplates(), QStringLiteral("resourceTemplates"),
              [detail](const QJsonArray &a) {
                  for (const QJsonValue &v : a)
                      detail->templates.append(ResourceTemplateInfo::fromJson(v.toObject()));
              });
    }
    if (info.hasPrompts()) {
        fetch(client->listPrompts(), QStringLiteral("prompts"), [detail](const QJsonArray &a) {
            for (const QJsonValue &v : a)
                detail->prompts.append(PromptInfo::fromJson(v.toObject()));
        });
    }
    if (*pending == 0)
        Q_EMIT detailReady(*detail);
}

void PoolHost::watchTraffic(const QString &id)
{
    QObject::disconnect(m_trafficConnection);
    m_watched = id;
    McpClient *client = m_pool && !id.isEmpty() ? m_pool->client(id) : nullptr;
    if (!client)
        return;
    m_trafficConnection = connect(
        client, &McpClient::trafficObserved, this,
        [this, id](bool outgoing, const QByteArray &json) {
            if (m_traffic.size() >= 200) { // per batch; the UI keeps its own ring
                ++m_trafficDropped;
                return;
            }
            TrafficRecord r;
            r.timeMs = QDateTime::currentMSecsSinceEpoch();
            r.serverId = id;
            r.outgoing = outgoing;
            r.method
                = QJsonDocument::fromJson(json).object().value(QStringLiteral("method")).toString();
            r.text = SecretMask::prettyMasked(json);
            m_traffic.append(r);
            markDirty();
        });
}

void PoolHost::requestResources()
{
    struct Gather
    {
        QMap<QString, CatalogResource> resources;
        QMap<QString, CatalogTemplate> templates;
        int pending = 0;
    };
    auto gather = std::make_shared<Gather>();
    QPointer<PoolHost> self(this);
    auto done = [self, gather]() {
        if (--gather->pending == 0 && self)
            Q_EMIT self->resourcesReady(gather->resources.values(), gather->templates.values());
    };
    if (m_pool) {
        for (const QString &id : m_pool->serverIds()) {
            McpClient *client = m_pool->client(id);
            if (!client || !client->isConnected() || !client->serverInfo().hasResources()
                || !isInRotation(m_pool->healthMonitor()->status(id)))
                continue;
            gather->pending += 2;
            McpReply *list = client->listResources();
            connect(list, &McpReply::finished, this, [list, gather, id, done]() {
                list->deleteLater();
                for (const QJsonValue &v :
                     list->result().value(QStringLiteral("resources")).toArray()) {
                    const ResourceInfo r = ResourceInfo::fromJson(v.toObject());
                    CatalogResource &entry = gather->resources[r.uri];
                    if (entry.servers.isEmpty())
                        entry.resource = r;
                    entry.servers.append(id);
                }
                done();
            });
            McpReply *templates = client->listResourceTemplates();
            connect(templates, &McpReply::finished, this, [templates, gather, id, done]() {
                templates->deleteLater();
                for (const QJsonValue &v :
                     templates->result().value(QStringLiteral("resourceTemplates")).toArray()) {
                    const ResourceTemplateInfo t = ResourceTemplateInfo::fromJson(v.toObject());
                    CatalogTemplate &entry = gather->templates[t.uriTemplate];
                    if (entry.servers.isEmpty())
                        entry.resourceTemplate = t;
                    entry.servers.append(id);
                }
                done();
            });
        }
    }
    if (gather->pending == 0)
        Q_EMIT resourcesReady({}, {});
}

void PoolHost::readResource(quint64 requestId, const QString &uri, const QString &server)
{
    if (!m_pool) {
        Q_EMIT callFinished(requestId, {}, {}, QStringLiteral("not_connected"),
                            QStringLiteral("the pool is not running"));
        return;
    }
    PoolCallOptions options;
    options.server = server;
    const TaskId id = m_pool->readResource(uri, options);
    track(requestId, id);
}

void PoolHost::requestCatalog()
{
    QMap<QString, CatalogTool> tools;
    if (m_pool) {
        for (const QString &id : m_pool->serverIds()) {
            McpClient *client = m_pool->client(id);
            if (!client || !isInRotation(m_pool->healthMonitor()->status(id)))
                continue;
            for (const ToolInfo &tool : client->tools()) {
                CatalogTool &entry = tools[tool.name];
                if (entry.servers.isEmpty())
                    entry.tool = tool;
                entry.servers.append(id);
            }
        }
    }
    Q_EMIT catalogReady(tools.values());
}

void PoolHost::setInteractiveInput(bool enabled)
{
    m_interactiveInput = enabled;
    applyInputFeatures();
}

void PoolHost::applyInputFeatures()
{
    if (!m_pool)
        return;
    ClientFeatures features;
    features.elicitationForm = m_interactiveInput;
    features.elicitationUrl = m_interactiveInput;
    features.sampling = m_interactiveInput && m_sampling;
    if (!features.any()) {
        m_pool->setInputHandler({}, {}); // roots (the pool's own) stay declared
        return;
    }
    QPointer<PoolHost> self(this);
    m_pool->setInputHandler(features,
                            [self](const QString &serverId, const QString &method,
                                   const QJsonObject &params, InputResponder respond) {
                                if (!self) {
                                    respond({},
                                            McpError::make(McpError::Kind::Cancelled,
                                                           QStringLiteral("the monitor closed")));
                                    return;
                                }
                                const quint64 number = self->m_nextInput++;
                                self->m_inputs.insert(number, std::move(respond));
                                self->log(PoolEvent::Kind::Info, serverId,
                                          QStringLiteral("asks the operator (%1)").arg(method));
                                Q_EMIT self->inputRequested(number, serverId, method, params);
                            });
}

void PoolHost::answerInput(quint64 requestNo, const QJsonObject &result, const QString &errorText)
{
    const auto it = m_inputs.find(requestNo);
    if (it == m_inputs.end())
        return;
    const InputResponder respond = std::move(it.value());
    m_inputs.erase(it); // erase before invoking
    if (!errorText.isEmpty()) {
        McpError error = McpError::make(McpError::Kind::Rpc, errorText);
        error.rpcCode = -1; // the spec's "user rejected" code
        respond({}, error);
        return;
    }
    respond(result, {});
}

void PoolHost::withdrawInputs(const QString &reason)
{
    const QHash<quint64, InputResponder> pending = std::exchange(m_inputs, {});
    for (auto it = pending.cbegin(); it != pending.cend(); ++it) {
        it.value()({}, McpError::make(McpError::Kind::Cancelled, reason));
        Q_EMIT inputWithdrawn(it.key(), reason);
    }
}

McpClient *PoolHost::clientInRotation(const QString &server) const
{
    if (!m_pool)
        return nullptr;
    const QStringList ids = server.isEmpty() ? m_pool->serverIds() : QStringList{server};
    for (const QString &id : ids) {
        McpClient *client = m_pool->client(id);
        if (client && client->isConnected() && isInRotation(m_pool->healthMonitor()->status(id)))
            return client;
    }
    return nullptr;
}

void PoolHost::requestPrompts()
{
    struct Gather
    {
        QMap<QString, QJsonObject> prompts;
        QMap<QString, QJsonArray> servers;
        int pending = 0;
    };
    auto gather = std::make_shared<Gather>();
    QPointer<PoolHost> self(this);
    auto done = [self, gather]() {
        if (--gather->pending != 0 || !self)
            return;
        QJsonArray prompts;
        for (auto it = gather->prompts.cbegin(); it != gather->prompts.cend(); ++it) {
            QJsonObject prompt = it.value();
            prompt.insert(QStringLiteral("servers"), gather->servers.value(it.key()));
            prompts.append(prompt);
        }
        Q_EMIT self->promptsReady(prompts);
    };
    if (m_pool) {
        for (const QString &id : m_pool->serverIds()) {
            McpClient *client = m_pool->client(id);
            if (!client || !client->isConnected() || !client->serverInfo().hasPrompts()
                || !isInRotation(m_pool->healthMonitor()->status(id)))
                continue;
            ++gather->pending;
            McpReply *list = client->listPrompts();
            connect(list, &McpReply::finished, this, [list, gather, id, done]() {
                list->deleteLater();
                for (const QJsonValue &v :
                     list->result().value(QStringLiteral("prompts")).toArray()) {
                    const QString name = v.toObject().value(QStringLiteral("name")).toString();
                    if (name.isEmpty())
                        continue;
                    if (!gather->prompts.contains(name))
                        gather->prompts.insert(name, v.toObject());
                    gather->servers[name].append(id);
                }
                done();
            });
        }
    }
    if (gather->pending == 0)
        Q_EMIT promptsReady({});
}

McpClient *PoolHost::clientFor(const QString &server, const QStringList &fitting)
{
    if (!m_pool)
        return nullptr;
    if (!server.isEmpty())
        return clientInRotation(server);
    QList<McpClient *> clients;
    for (const QString &id : fitting) {
        if (McpClient *client = clientInRotation(id))
            clients.append(client);
    }
    if (clients.isEmpty()) { // nobody lists it (or catalogs are loading): any in rotation
        for (const QString &id : m_pool->serverIds()) {
            if (McpClient *client = clientInRotation(id))
                clients.append(client);
        }
    }
    if (clients.isEmpty())
        return nullptr;
    return clients.at(qsizetype(m_routeTurn++ % quint64(clients.size())));
}

void PoolHost::getPrompt(quint64 requestId, const QString &server, const QString &name,
                         const QJsonObject &arguments)
{
    McpClient *client = clientFor(server, m_pool ? m_pool->serversForPrompt(name) : QStringList());
    if (!client) {
        Q_EMIT promptFinished(
            requestId, {}, server,
            QStringLiteral("no server in rotation to ask for prompt %1").arg(name.left(200)));
        return;
    }
    McpReply *reply = client->getPrompt(name, arguments);
    const QString id = client->serverId();
    connect(reply, &McpReply::finished, this, [this, reply, requestId, id]() {
        reply->deleteLater();
        Q_EMIT promptFinished(requestId, reply->isError() ? QJsonObject() : reply->result(), id,
                              reply->isError() ? reply->error().message : QString());
    });
}

void PoolHost::completeArgument(quint64 requestId, const QString &server, const QJsonObject &ref,
                                const QString &argument, const QString &value,
                                const QJsonObject &context)
{
    QStringList fitting;
    if (m_pool) {
        const QString type = ref.value(QStringLiteral("type")).toString();
        if (type == QLatin1String("ref/prompt")) {
            fitting = m_pool->serversForPrompt(ref.value(QStringLiteral("name")).toString());
        } else if (type == QLatin1String("ref/resource")) {
            const QString uri = ref.value(QStringLiteral("uri")).toString();
            fitting = m_pool->serversForTemplate(uri);
            for (const QString &id : m_pool->serversForResource(uri)) {
                if (!fitting.contains(id))
                    fitting.append(id);
            }
        }
    }
    McpClient *client = clientFor(server, fitting);
    if (!client) {
        Q_EMIT completionReady(requestId, {}, QStringLiteral("no server in rotation to ask"));
        return;
    }
    McpReply *reply = client->complete(ref, argument, value, context);
    connect(reply, &McpReply::finished, this, [this, reply, requestId]() {
        reply->deleteLater();
        if (reply->isError()) {
            Q_EMIT completionReady(requestId, {}, reply->error().message);
            return;
        }
        QStringList values;
        const QJsonArray found = reply->result()
                                     .value(QStringLiteral("completion"))
                                     .toObject()
                                     .value(QStringLiteral("values"))
                                     .toArray();
        for (const QJsonValue &v : found) {
            if (v.isString() && values.size() < 100) // the spec's maximum per answer
                values.append(v.toString());
        }
        Q_EMIT completionReady(requestId, values, {});
    });
}

void PoolHost::setResourceSubscribed(const QString &uri, const QString &server, bool subscribed)
{
    if (!m_pool || uri.isEmpty())
        return;
    const QStringList ids = server.isEmpty() ? m_pool->serverIds() : QStringList{server};
    for (const QString &id : ids) {
        McpClient *client = m_pool->client(id);
        if (!client)
            continue;
        if (subscribed)
            client->subscribeResource(uri);
        else
            client->unsubscribeResource(uri);
        log(PoolEvent::Kind::Info, id,
            subscribed ? QStringLiteral("subscribed to %1").arg(uri.left(500))
                       : QStringLiteral("unsubscribed from %1").arg(uri.left(500)));
    }
}

void PoolHost::shutdown()
{
    withdrawInputs(QStringLiteral("the monitor is closing"));
    closeEndpoint();
    if (m_snapshotTimer)
        m_snapshotTimer->stop();
    if (!m_pool) {
        Q_EMIT shutdownFinished();
        return;
    }
    connect(m_pool, &ServerPool::shutdownFinished, this, &PoolHost::shutdownFinished);
    m_pool->shutdown();
}

void PoolHost::setEndpoint(const EndpointSettings &settings)
{
    if (settings == m_endpointSettings && (m_endpoint || !settings.enabled))
        return;
    m_endpointSettings = settings;
    closeEndpoint();
    openEndpoint();
    markDirty();
}

void PoolHost::closeEndpoint()
{
    if (!m_endpoint)
        return;
    const QString url = m_endpoint->url();
    delete m_endpoint;
    m_endpoint = nullptr;
    m_endpointActivity = 0;
    log(PoolEvent::Kind::Info, {}, QStringLiteral("stopped serving MCP at %1").arg(url));
}

void PoolHost::openEndpoint()
{
    m_endpointError.clear();
    if (!m_pool || !m_endpointSettings.enabled)
        return;
    QHostAddress address;
    quint16 port = 0;
    McpEndpointOptions options;
    QString token, why;
    if (!EndpointSettings::parseListen(m_endpointSettings.listen, &address, &port))
        why = QStringLiteral("listen address %1 is not ADDRESS:PORT")
                  .arg(m_endpointSettings.listen);
    else if (!m_endpointSettings.tokenRef.isEmpty()) {
        const auto it = m_secrets.constFind(m_endpointSettings.tokenRef);
        if (it != m_secrets.cend())
            token = *it;
        else
            Profile::resolveToken(m_endpointSettings.tokenRef, &token, &why);
    }
    if (why.isEmpty()) {
        options.access.bearerToken = token.toUtf8();
        options.access.allowedOrigins = m_endpointSettings.allowedOrigins;
        options.access.allowedHosts = m_endpointSettings.allowedHosts;
        options.limits.maxBodyBytes = 4 * 1024 * 1024;
        m_endpoint = new McpEndpoint(m_pool, options, this);
        if (!m_endpoint->listen(address, port, &why)) {
            delete m_endpoint;
            m_endpoint = nullptr;
        }
    }
    if (!m_endpoint) {
        m_endpointError
            = QStringLiteral("cannot serve MCP at %1: %2").arg(m_endpointSettings.listen, why);
        log(PoolEvent::Kind::Warning, {}, m_endpointError, PoolEvent::Severity::Error);
        return;
    }
    connect(m_endpoint, &McpEndpoint::clientSeen, this,
            [this](const QString &client, const QString &peer) {
                log(PoolEvent::Kind::Info, {},
                    QStringLiteral("MCP client \"%1\" from %2 uses the pool").arg(client, peer));
            });
    connect(m_endpoint, &McpEndpoint::requestFailed, this,
            [this](const QString &client, const QString &method, const QString &target,
                   const McpError &error) {
                log(PoolEvent::Kind::Warning, error.serverId,
                    QStringLiteral("%1 %2 of MCP client \"%3\" failed: %4")
                        .arg(method, target.left(200), client, error.message),
                    PoolEvent::Severity::Warning);
            });
    log(PoolEvent::Kind::Info, {}, QStringLiteral("serving MCP at %1").arg(m_endpoint->url()));
}

void PoolHost::emitSnapshot()
{
    m_dirty = false;
    PoolSnapshot s;
    s.endpoint.error = m_endpointError;
    if (m_endpoint) {
        const EndpointStats e = m_endpoint->stats();
        s.endpoint.url = m_endpoint->url();
        s.endpoint.sessions = e.sessions;
        s.endpoint.streams = e.streams;
        s.endpoint.refused = e.refused;
        const qint64 now = m_pool ? m_pool->nowMs() : 0;
        for (const EndpointClientStats &c : e.clients) {
            EndpointClientRow row;
            row.name = c.name;
            row.version = c.version;
            row.peer = c.peer;
            row.protocolVersion = c.protocolVersion;
            row.requests = c.requests;
            row.errors = c.errors;
            row.toolCalls = c.toolCalls;
            row.cancelled = c.cancelled;
            row.active = c.active;
            row.sessions = c.sessions;
            row.lastSeenAgoMs = c.lastSeenMs > 0 ? now - c.lastSeenMs : -1;
            row.lastCall = c.lastCall;
            s.endpoint.clients.append(row);
        }
    }
    if (m_pool) {
        s.servers = m_pool->serverRows();
        for (const ServerRow &row : std::as_const(s.servers)) {
            if (row.status == QLatin1String("online"))
                ++s.healthy;
            else if (row.status == QLatin1String("degraded"))
                ++s.degraded;
            else if (row.status != QLatin1String("connecting")
                     && row.status != QLatin1String("disabled"))
                ++s.offline;
        }
        const WorkQueueStats q = m_pool->queue()->stats();
        s.pending = q.pending;
        s.running = q.running;
        s.completed = q.completed;
        s.failed = q.failed + q.timedOut;
        s.cancelled = q.cancelled;
        s.strategy = LoadBalancer::name(m_pool->strategy());
        s.paused = m_pool->queue()->isPaused();
        const TimeSeries &series = m_pool->statistics().series();
        for (int i = 0; i < series.size(); ++i) {
            if (series.at(i).tMs > m_lastSampleT)
                s.newSamples.append(series.at(i));
        }
        if (!s.newSamples.isEmpty())
            m_lastSampleT = s.newSamples.last().tMs;
    }
    if (!m_traffic.isEmpty() || m_trafficDropped)
        Q_EMIT trafficObserved(std::exchange(m_traffic, {}), std::exchange(m_trafficDropped, 0));
    s.events = std::exchange(m_events, {});
    s.droppedEvents = std::exchange(m_dropped, 0);
    Q_EMIT snapshotReady(s);
}

} // namespace mcppm
