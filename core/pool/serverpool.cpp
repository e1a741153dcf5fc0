#include "pool/serverpool.h"

#include "mcp/mcpreply.h"
#include "net/proxysettings.h"
#include "net/safetext.h"
#include "net/tcpconnectcheck.h"
#include "net/timersource.h"

#include <QDateTime>
#include <QTimer>

#include <cmath>
#include <limits>

namespace mcppm {

namespace {
constexpr double kLatencyAlpha = 0.2; // EWMA weight of the newest latency
}

struct ServerPool::Server
{
    QString id;
    QUrl url;
    ServerOptions options;
    McpClient *client = nullptr;
    int activeTasks = 0;
    double latencyEwmaMs = 0;
    qint64 completed = 0;
    qint64 failed = 0;
    qint64 failoversAway = 0; // failed attempts here that went on to another server at once
    bool removing = false;
    QHash<TaskId, QPointer<McpReply>> inFlight;
    OAuthClient *oauth = nullptr; // a child of client; null with a static token
    bool needsSignIn() const
    {
        return oauth
            && (oauth->state() == OAuthClient::State::NeedsSignIn
                || oauth->state() == OAuthClient::State::Authorizing)
            && oauth->lastError().isError();
    }
    double rateTokens = -1; // token bucket of the rate limit; -1 = full (not yet used)
    qint64 rateRefilledMs = 0;
    qint64 holdUntilMs = 0; // 429/503 with Retry-After: no new work before this
    bool draining = false; // operator: no new work
    bool disabled = false; // operator: drained, unwatched, disconnected when idle
    ToolDrift::Prints toolPrints; // of the last tools/list
    QString toolsHash;
    QString drift;
    ResourceCatalog *catalog = nullptr; // a child of client: what it lists (resources, prompts)
    ProcessSupervisor *process = nullptr; // local servers: a child of client
};

ServerPool::ServerPool(const ServerPoolOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_timers(options.timers)
    , m_balancer(options.strategy)
    , m_statistics(options.seriesCapacity, options.rateWindowSeconds)
{
    m_logLevel = options.logLevel;
    if (!m_timers) {
        m_ownTimers = std::make_unique<SystemTimerSource>();
        m_timers = m_ownTimers.get();
    }
    WorkQueueOptions queueOptions = options.queue;
    queueOptions.maxRetries = options.maxRetries;
    queueOptions.timers = m_timers;
    m_queue = new WorkQueue(queueOptions, this);
    m_queue->setDispatcher(
        [this](const Task &task, WorkQueue::Done done) { return dispatch(task, std::move(done)); });
    connect(m_queue, &WorkQueue::taskCompleted, this, [this](TaskId id, const QJsonObject &result) {
        m_notFound.remove(id);
        settlePromises(id);
        Q_EMIT taskCompleted(id, result);
    });
    connect(m_queue, &WorkQueue::taskFailed, this, [this](TaskId id, const McpError &error) {
        m_notFound.remove(id);
        settlePromises(id);
        Q_EMIT taskFailed(id, error);
    });
    connect(m_queue, &WorkQueue::drained, this, [this]() {
        if (m_shuttingDown)
            finishShutdown();
    });

    HealthMonitorOptions healthOptions = options.health;
    healthOptions.checkIntervalMs = options.healthCheckIntervalMs;
    healthOptions.timers = m_timers;
    m_health = new HealthMonitor(healthOptions, this);
    connect(m_health, &HealthMonitor::serverOffline, this, &ServerPool::serverOffline);
    connect(m_health, &HealthMonitor::serverRecovered, this, &ServerPool::serverRecovered);
    connect(m_health, &HealthMonitor::serverDegraded, this, &ServerPool::serverDegraded);
    connect(m_health, &HealthMonitor::serverEjected, this, &ServerPool::serverEjected);
    connect(m_health, &HealthMonitor::statusChanged, this,
            [this](const QString &id, ServerStatus status) {
                Q_EMIT serverStatusChanged(id, status);
                if (isInRotation(status))
                    m_noServerSinceMs = -1; // the next outage gets its full grace
                m_queue->kick(); // a server came or went: work may start now
            });
}

ServerPool::~ServerPool()
{
    for (int *timer : {&m_sampleTimer, &m_rateTimer, &m_graceTimer}) {
        if (*timer)
            m_timers->cancel(*timer); // an injected clock may outlive us
    }
    m_queue->setDispatcher(nullptr);
    for (const auto &server : std::as_const(m_servers)) {
        server->client->disconnect(this);
        delete server->client;
    }
    // They use the clock, which (if it is our own) dies with our members,
    // before QObject would delete the children.
    delete m_health;
    delete m_queue;
}

void ServerPool::initialize()
{
    if (m_initialized)
        return;
    m_initialized = true;
    m_health->start();
    if (m_options.sampleIntervalMs > 0)
        m_sampleTimer = m_timers->start(m_options.sampleIntervalMs, [this]() { takeSample(); });
}

void ServerPool::setOptions(const ServerPoolOptions &options)
{
    const int sampleInterval = m_options.sampleIntervalMs;
    const int seriesCapacity = m_options.seriesCapacity;
    const int rateWindow = m_options.rateWindowSeconds;
    TimerSource *timers = m_options.timers;
    m_options = options;
    m_options.sampleIntervalMs = sampleInterval;
    m_options.seriesCapacity = seriesCapacity;
    m_options.rateWindowSeconds = rateWindow;
    m_options.timers = timers;
    if (m_balancer.strategy() != options.strategy)
        m_balancer.setStrategy(options.strategy);
    WorkQueueOptions queueOptions = options.queue;
    queueOptions.maxRetries = options.maxRetries;
    m_queue->setOptions(queueOptions);
    HealthMonitorOptions healthOptions = options.health;
    healthOptions.checkIntervalMs = options.healthCheckIntervalMs;
    m_health->setOptions(healthOptions);
    m_queue->kick(); // a higher limit may let work start now
}

void ServerPool::takeSample()
{
    m_sampleTimer = m_timers->start(m_options.sampleIntervalMs, [this]() { takeSample(); });
    const QJsonObject now = stats();
    const WorkQueueStats q = m_queue->stats();
    PoolSample gauges;
    gauges.pending = q.pending;
    gauges.running = q.running;
    gauges.healthy = now.value(QStringLiteral("healthy")).toInt();
    gauges.degraded = now.value(QStringLiteral("degraded")).toInt();
    gauges.offline = now.value(QStringLiteral("offline")).toInt();
    m_statistics.sample(m_timers->nowMs(), QDateTime::currentMSecsSinceEpoch(), gauges);
    Q_EMIT statisticsSampled();
}

void ServerPool::resetStatistics()
{
    m_statistics.reset();
}

QFuture<Task> ServerPool::whenFinished(TaskId id)
{
    auto promise = std::make_shared<QPromise<Task>>();
    QFuture<Task> future = promise->future();
    promise->start();
    const std::optional<Task> task = m_queue->task(id);
    if (task && isTerminal(task->status)) {
        promise->addResult(*task);
        promise->finish();
        return future;
    }
    if (!task) {
        Task unknown;
        unknown.id = id;
        unknown.status = TaskStatus::Failed;
        unknown.error = McpError::make(
            McpError::Kind::Protocol,
            QStringLiteral("task %1 is not known to the pool (or left the history)").arg(id));
        promise->addResult(unknown);
        promise->finish();
        return future;
    }
    m_promises[id].append(promise);
    return future;
}

void ServerPool::settlePromises(TaskId id)
{
    const auto promises = m_promises.take(id);
    if (promises.isEmpty())
        return;
    std::optional<Task> task = m_queue->task(id);
    if (!task) { // the history keeps nothing: report what is known
        task = Task{};
        task->id = id;
    }
    for (const auto &promise : promises) {
        promise->addResult(*task);
        promise->finish();
    }
}

bool ServerPool::addServer(const QString &id, const QUrl &url, const QString &token,
                           const ServerOptions &options, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (m_shuttingDown)
        return fail(QStringLiteral("the pool is shutting down"));
    if (QString why; !SafeText::checkServerId(id, &why))
        return fail(why);
    for (const auto &s : std::as_const(m_servers)) {
        if (s->id == id)
            return fail(QStringLiteral("server %1 is already in the pool").arg(id));
    }
    if (!options.isLocal()
        && (!url.isValid()
            || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))))
        return fail(QStringLiteral("server %1: an http:// or https:// URL is needed").arg(id));
    if (!options.tls.isEmpty() && url.scheme() != QLatin1String("https"))
        return fail(QStringLiteral("server %1: a CA file or certificate pin needs an https:// URL")
                        .arg(id));

    auto server = std::make_shared<Server>();
    server->id = id;
    server->url = url;
    server->options = options;
    McpClientOptions clientOptions;
    clientOptions.serverId = id;
    clientOptions.baseUrl = url;
    clientOptions.authToken = token;
    clientOptions.tls = options.tls;
    clientOptions.proxy = options.proxy;
    clientOptions.headers = options.headers;
    clientOptions.timeoutMs = options.timeoutMs;
    clientOptions.retryAttempts = 0; // the health monitor owns reconnection
    clientOptions.autoReconnect = false;
    clientOptions.transport = options.transport;
    clientOptions.protocol = options.protocol;
    clientOptions.logLevel = m_logLevel;
    clientOptions.timers = m_timers;
    QPointer<ProcessSupervisor> supervisor;
    if (options.isLocal()) {
        supervisor = new ProcessSupervisor(options.stdio, options.supervision);
        clientOptions.transportFactory = [supervisor](QObject *parent) -> Transport * {
            if (supervisor)
                return supervisor->createTransport(parent);
            StdioTransportOptions gone; // (only while the client itself is being destroyed)
            gone.refusal = QStringLiteral("the server was removed from the pool");
            return new StdioTransport(gone, parent);
        };
    }
    server->client = new McpClient(clientOptions);
    McpClient *client = server->client;
    if (supervisor) {
        supervisor->setParent(client);
        server->process = supervisor;
        connect(supervisor, &ProcessSupervisor::eventOccurred, this,
                [this, id](const QString &text) { Q_EMIT serverProcessEvent(id, text); });
        connect(supervisor, &ProcessSupervisor::stderrLineReceived, this,
                [this, id](const QString &line) { Q_EMIT serverStderrLine(id, line); });
    }
    applyInputHandler(client, id);
    // Request-aware routing: what it lists, fetched on every connect and list_changed.
    server->catalog = new ResourceCatalog(client, client);
    // After the tool list (one request at a time keeps one kept-alive
    // connection per server instead of one per list).
    ResourceCatalog *catalog = server->catalog;
    connect(client, &McpClient::connected, catalog, [client, catalog]() {
        if (client->serverInfo().hasTools() && client->tools().isEmpty())
            connect(client, &McpClient::toolsChanged, catalog, &ResourceCatalog::refresh,
                    Qt::SingleShotConnection);
        else
            catalog->refresh();
    });
    connect(client, &McpClient::resourcesChanged, server->catalog,
            &ResourceCatalog::refreshResources);
    connect(client, &McpClient::promptsChanged, server->catalog, &ResourceCatalog::refreshPrompts);
    connect(server->catalog, &ResourceCatalog::resourcesRefreshed, m_queue, &WorkQueue::kick);
    connect(client, &McpClient::logMessageReceived, this,
            [this, id](const QString &level, const QString &logger, const QJsonValue &data) {
                Q_EMIT serverLogMessage(id, level, logger, data);
            });
    connect(client, &McpClient::requestLogMessageReceived, this,
            [this, id](const QJsonValue &requestId, const QString &level, const QString &logger,
                       const QJsonValue &data) {
                if (const TaskId task = taskForRequest(id, requestId))
                    Q_EMIT taskLogMessage(task, id, level, logger, data);
            });
    connect(client, &McpClient::resourceUpdated, this,
            [this, id](const QString &uri) { Q_EMIT resourceUpdated(id, uri); });
    connect(client, &McpClient::toolRefused, this,
            [this, id](const QString &tool, const QString &reason) {
                Q_EMIT toolRefused(id, tool, reason);
            });
    if (token.isEmpty() && options.oauth && !options.isLocal()) {
        OAuthSettings settings = options.oauthSettings;
        settings.interactiveOnDemand = false; // a person starts sign-ins (signIn())
        if (settings.tls.isEmpty())
            settings.tls = options.tls;
        if (settings.proxy.isEmpty())
            settings.proxy = options.proxy;
        server->oauth = new OAuthClient(url, settings, client);
        server->oauth->setAuthorizationAgent(m_authAgent);
        if (m_timers != nullptr)
            server->oauth->setTimerSource(m_timers);
        if (options.oauthTokens.hasTokens())
            server->oauth->setTokenSet(options.oauthTokens);
        client->setAuthHandler(server->oauth);
        connect(server->oauth, &OAuthClient::signInRequired, this,
                [this, id]() { Q_EMIT serverSignInRequired(id); });
        connect(server->oauth, &OAuthClient::tokenSetChanged, this,
                [this, id]() { Q_EMIT serverAuthChanged(id); });
        connect(server->oauth, &OAuthClient::signedIn, this, [this, id]() {
            Q_EMIT serverAuthChanged(id);
            const ServerStatus status = m_health->status(id);
            if (!isInRotation(status) && status != ServerStatus::Connecting)
                m_health->reconnectNow(id); // it was refused for want of a token
            m_queue->kick();
        });
    }
    connect(client, &McpClient::connected, this, [this, id]() { m_health->reportConnected(id); });
    connect(client, &McpClient::connectionLost, this,
            [this, id]() { m_health->reportConnectionLost(id); });
    connect(client, &McpClient::connectFailed, this,
            [this, id](const McpError &e) { m_health->reportConnectFailed(id, e); });
    connect(client, &McpClient::toolsChanged, m_queue, &WorkQueue::kick);
    connect(client, &McpClient::toolsChanged, this, [this, server = server.get()]() {
        server->toolPrints = ToolDrift::fingerprint(server->client->tools());
        server->toolsHash
            = QString::fromLatin1(ToolDrift::setHash(server->toolPrints).toHex().left(8));
        recomputeDrift();
        Q_EMIT catalogChanged(server->id);
    });
    connect(server->catalog, &ResourceCatalog::resourcesRefreshed, this,
            [this, id]() { Q_EMIT catalogChanged(id); });
    connect(server->catalog, &ResourceCatalog::promptsRefreshed, this,
            [this, id]() { Q_EMIT catalogChanged(id); });
    m_servers.append(server);
    if (!options.enabled) {
        server->disabled = true; // listed only, until enabled
        return true;
    }
    m_health->addServer(id, probeFor(id));
    client->connectToServer();
    return true;
}

void ServerPool::setInputHandler(const ClientFeatures &features, PoolInputHandler handler)
{
    m_inputFeatures = handler ? features : ClientFeatures();
    m_inputHandler = std::move(handler);
    for (const auto &server : std::as_const(m_servers))
        applyInputHandler(server->client, server->id);
}

void ServerPool::clearTaskInputRouter(const QObject *owner)
{
    if (owner == m_routerOwner)
        setTaskInputRouter(nullptr, {}, {});
}

void ServerPool::setTaskInputRouter(const QObject *owner, const ClientFeatures &features,
                                    TaskInputRouter router)
{
    m_routerOwner = router ? owner : nullptr;
    m_routerFeatures = router ? features : ClientFeatures();
    m_taskInputRouter = std::move(router);
    for (const auto &server : std::as_const(m_servers))
        applyInputHandler(server->client, server->id);
}

TaskId ServerPool::taskForRequest(const QString &serverId, const QJsonValue &requestId) const
{
    const Server *server = find(serverId);
    if (!server || requestId.isUndefined())
        return 0;
    for (auto it = server->inFlight.cbegin(); it != server->inFlight.cend(); ++it) {
        if (it.value() && it.value()->requestId() == requestId)
            return it.key();
    }
    return 0;
}

void ServerPool::setRoots(const QStringList &roots)
{
    m_roots = roots;
    for (const auto &server : std::as_const(m_servers))
        applyInputHandler(server->client, server->id);
}

void ServerPool::setLogLevel(const QString &level)
{
    m_logLevel = level;
    for (const auto &server : std::as_const(m_servers))
        server->client->setLogLevel(level);
}

// Roots are the pool's own answer; the rest goes to whoever handles input.
void ServerPool::applyInputHandler(McpClient *client, const QString &id)
{
    ClientFeatures features = m_inputFeatures;
    features.roots = features.roots || !m_roots.isEmpty() || m_routerFeatures.roots;
    features.elicitationForm = features.elicitationForm || m_routerFeatures.elicitationForm;
    features.elicitationUrl = features.elicitationUrl || m_routerFeatures.elicitationUrl;
    features.sampling = features.sampling || m_routerFeatures.sampling;
    if (!features.any()) {
        client->setInputHandler({}, {});
        return;
    }
    QPointer<ServerPool> self(this);
    QPointer<McpClient> asking(client);
    client->setInputHandler(
        features,
        [self, id, asking](const QString &method, const QJsonObject &params,
                           InputResponder respond) {
            if (!self) {
                respond(
                    {},
                    McpError::make(McpError::Kind::Cancelled, QStringLiteral("the pool is gone")));
                return;
            }
            if (method == QLatin1String("roots/list") && !self->m_roots.isEmpty()) {
                QJsonArray roots;
                for (const QString &root : std::as_const(self->m_roots)) {
                    const QString uri = root.startsWith(QLatin1String("file://"))
                        ? root
                        : QUrl::fromLocalFile(root).toString(QUrl::FullyEncoded);
                    QJsonObject entry;
                    entry.insert(QStringLiteral("uri"), uri);
                    entry.insert(QStringLiteral("name"),
                                 QUrl(uri).fileName().isEmpty() ? uri : QUrl(uri).fileName());
                    roots.append(entry);
                }
                QJsonObject result;
                result.insert(QStringLiteral("roots"), roots);
                respond(result, {});
                return;
            }
            if (self->m_taskInputRouter && asking) {
                const TaskId task = self->taskForRequest(id, asking->inputRelatedRequestId());
                if (task && self->m_taskInputRouter(task, id, method, params, respond))
                    return;
            }
            if (!self->m_inputHandler || !self->m_inputFeatures.handles(method, params)) {
                respond({},
                        McpError::make(McpError::Kind::Rpc,
                                       QStringLiteral("%1 is not answered here").arg(method)));
                return;
            }
            self->m_inputHandler(id, method, params, std::move(respond));
        });
}

bool ServerPool::removeServer(const QString &id)
{
    for (qsizetype i = 0; i < m_servers.size(); ++i) {
        const auto server = m_servers.at(i);
        if (server->id != id)
            continue;
        m_servers.removeAt(i);
        m_health->removeServer(id);
        server->removing = true;
        // Running calls go back to the queue, for other servers.
        const auto replies = server->inFlight.values();
        for (const QPointer<McpReply> &reply : replies) {
            if (reply)
                reply->cancel();
        }
        m_statistics.removeServer(id);
        recomputeDrift();
        McpClient *client = server->client;
        client->disconnect(this);
        if (server->oauth) {
            server->oauth->disconnect(this); // no more signals for an id that may come back
            server->oauth->cancel(); // a sign-in or refresh of the old entry ends here
            server->oauth->setAuthorizationAgent(nullptr);
        }
        connect(client, &McpClient::sessionClosed, client, &QObject::deleteLater);
        client->disconnectFromServer();
        m_queue->kick();
        Q_EMIT catalogChanged(id); // what it offered is gone from the fleet
        return true;
    }
    return false;
}

ServerPool::Server *ServerPool::find(const QString &id) const
{
    for (const auto &s : m_servers) {
        if (s->id == id)
            return s.get();
    }
    return nullptr;
}

bool ServerPool::setServerToken(const QString &id, const QString &token)
{
    Server *s = find(id);
    if (!s)
        return false;
    s->client->setAuthToken(token);
    if (!isInRotation(m_health->status(id)) && m_health->status(id) != ServerStatus::Connecting)
        m_health->reconnectNow(id); // e.g. it was refused with 401: try the new token now
    return true;
}

bool ServerPool::setServerTls(const QString &id, const TlsTrust &trust, QString *error)
{
    Server *s = find(id);
    if (!s || (!trust.isEmpty() && s->url.scheme() != QLatin1String("https"))) {
        if (error)
            *error = !s ? QStringLiteral("no server %1 in the pool").arg(id)
                        : QStringLiteral("server %1: a CA file or certificate pin needs an "
                                         "https:// URL")
                              .arg(id);
        return false;
    }
    s->options.tls = trust;
    s->client->setTlsTrust(trust);
    if (s->oauth && s->options.oauthSettings.tls.isEmpty())
        s->oauth->setTrust(trust); // discovery on the server's own origin trusts it alike
    if (m_health->status(id) != ServerStatus::Connecting)
        m_health->reconnectNow(id); // a new session under the new trust
    else
        s->client->reconnect(); // the first connection is still under the old trust
    return true;
}

bool ServerPool::setServerRateLimit(const QString &id, double perSecond, int burst)
{
    Server *s = find(id);
    if (!s)
        return false;
    s->options.ratePerSecond = qMax(0.0, perSecond);
    s->options.rateBurst = qMax(0, burst);
    s->rateTokens = -1; // a full bucket under the new limit
    m_queue->kick();
    return true;
}

bool ServerPool::setServerDrained(const QString &id, bool drained)
{
    Server *s = find(id);
    if (!s)
        return false;
    s->draining = drained;
    m_queue->kick();
    return true;
}

bool ServerPool::restartProcess(const QString &id)
{
    Server *server = find(id);
    if (!server || !server->process)
        return false;
    server->process->restartByHand();
    if (!server->disabled)
        m_health->reconnectNow(id);
    return true;
}

const ProcessSupervisor *ServerPool::process(const QString &id) const
{
    const Server *server = find(id);
    return server ? server->process : nullptr;
}

bool ServerPool::setServerEnabled(const QString &id, bool enabled)
{
    Server *s = find(id);
    if (!s)
        return false;
    if (s->disabled == !enabled)
        return true;
    s->disabled = !enabled;
    if (!enabled) {
        m_health->removeServer(id); // no pings, no reconnects
        if (s->activeTasks == 0)
            s->client->disconnectFromServer();
    } else {
        s->draining = false;
        m_health->addServer(id, probeFor(id)); // connecting, until connected() reports
        if (s->client->isConnected())
            m_health->reportConnected(id); // its session is still up (calls were running)
        else
            s->client->reconnect();
    }
    m_queue->kick();
    return true;
}

void ServerPool::setAuthorizationAgent(AuthorizationAgent *agent)
{
    m_authAgent = agent;
    for (const auto &s : std::as_const(m_servers)) {
        if (s->oauth)
            s->oauth->setAuthorizationAgent(agent);
    }
}

OAuthClient *ServerPool::oauthClient(const QString &id) const
{
    const Server *s = find(id);
    return s ? s->oauth : nullptr;
}

bool ServerPool::signIn(const QString &id)
{
    OAuthClient *oauth = oauthClient(id);
    if (!oauth)
        return false;
    oauth->signIn();
    return true;
}

bool ServerPool::signOut(const QString &id)
{
    OAuthClient *oauth = oauthClient(id);
    if (!oauth)
        return false;
    oauth->signOut();
    Q_EMIT serverAuthChanged(id);
    return true;
}

void ServerPool::recomputeDrift()
{
    QHash<QString, ToolDrift::Prints> prints;
    for (const auto &s : std::as_const(m_servers)) {
        if (!s->toolPrints.isEmpty())
            prints.insert(s->id, s->toolPrints);
    }
    const QHash<QString, QString> drift = ToolDrift::compare(prints);
    for (const auto &s : std::as_const(m_servers)) {
        const QString now = drift.value(s->id);
        if (now == s->drift)
            continue;
        s->drift = now;
        Q_EMIT toolDriftChanged(s->id, now);
    }
}

bool ServerPool::updateServer(const QString &id, int priority, int weight)
{
    Server *s = find(id);
    if (!s)
        return false;
    s->options.priority = priority;
    s->options.weight = qMax(1, weight);
    m_queue->kick();
    return true;
}

HealthProbe ServerPool::probeFor(const QString &id)
{
    auto clientOf = [this, id]() -> McpClient * { return client(id); };
    HealthProbe probe;
    probe.ping = [this, clientOf](HealthProbe::Report report) {
        McpClient *c = clientOf();
        if (!c) {
            report(McpError::make(McpError::Kind::NotConnected, QStringLiteral("server removed")));
            return;
        }
        const int timeout = m_health->options().probeTimeoutMs;
        McpReply *reply = c->ping(timeout > 0 ? timeout : -1);
        QObject::connect(reply, &McpReply::finished, reply, [reply, report]() {
            reply->deleteLater();
            report(reply->error());
        });
    };
    probe.reconnect = [this, clientOf](HealthProbe::Report report) {
        McpClient *c = clientOf();
        if (!c) {
            report(McpError::make(McpError::Kind::NotConnected, QStringLiteral("server removed")));
            return;
        }
        // One answer per attempt: the context object ends both connections.
        auto *context = new QObject(this);
        connect(c, &McpClient::connected, context, [c, report, context]() {
            QObject::disconnect(c, nullptr, context, nullptr);
            context->deleteLater();
            report({});
        });
        connect(c, &McpClient::connectFailed, context, [c, report, context](const McpError &e) {
            QObject::disconnect(c, nullptr, context, nullptr);
            context->deleteLater();
            report(e);
        });
        c->reconnect();
    };
    const Server *server = find(id);
    if (server && server->process) {
        // A local server is reachable while its process runs.
        QPointer<ProcessSupervisor> process = server->process;
        probe.reach = [process](HealthProbe::Report report) {
            if (process && process->pid() > 0)
                report({});
            else
                report(McpError::make(McpError::Kind::Transport,
                                      QStringLiteral("the server process is not running")));
        };
        return probe;
    }
    // A TCP connect tells a dead server from a live one cheaply, where no
    // proxy stands between (through a proxy, the probe itself decides).
    QString why;
    const auto proxy
        = server ? ProxySettings::proxyFor(server->url, server->options.proxy, &why) : std::nullopt;
    if (server && proxy && proxy->host.isEmpty()) {
        const QString host = server->url.host();
        const quint16 port
            = quint16(server->url.port(server->url.scheme() == QLatin1String("https") ? 443 : 80));
        probe.reach = [this, host, port](HealthProbe::Report report) {
            const int timeout = m_health->options().probeTimeoutMs;
            TcpConnectCheck::run(host, port, timeout > 0 ? timeout : 5000, m_timers,
                                 [report](TcpConnectCheck::Result result, const QString &message) {
                                     switch (result) {
                                     case TcpConnectCheck::Result::Reached:
                                         report({});
                                         return;
                                     case TcpConnectCheck::Result::Refused:
                                         report(McpError::make(McpError::Kind::Transport, message));
                                         return;
                                     case TcpConnectCheck::Result::TimedOut:
                                         report(McpError::make(McpError::Kind::Timeout, message));
                                         return;
                                     }
                                 });
        };
    }
    return probe;
}

McpClient *ServerPool::client(const QString &id) const
{
    const Server *s = find(id);
    return s ? s->client : nullptr;
}

QList<ServerRow> ServerPool::serverRows() const
{
    QList<ServerRow> rows;
    rows.reserve(m_servers.size());
    const qint64 now = m_timers->nowMs();
    for (const auto &s : m_servers) {
        const HealthMonitor::ServerHealth h = m_health->health(s->id);
        const ServerInfo info = s->client->serverInfo();
        ServerRow row;
        row.id = s->id;
        row.url = s->url.toDisplayString(QUrl::RemoveUserInfo);
        row.status = serverStatusName(h.status);
        if (h.lastError.isError())
            row.lastError = h.lastError.message;
        if (h.status == ServerStatus::Degraded || h.status == ServerStatus::Ejected)
            row.statusReason = h.reason;
        row.slow = h.slow;
        row.windowRequests = h.windowRequests;
        row.windowErrorPercent = h.windowErrorPercent;
        row.statusChanges = h.statusChanges;
        if (h.status == ServerStatus::Dead) {
            row.refusedCertificateSha256 = h.lastError.certificateSha256;
            row.refusedCertificate = h.lastError.certificateSummary;
        }
        row.tlsPinned = !s->options.tls.pinSha256.isEmpty();
        row.draining = s->draining;
        if (s->process) {
            row.local = true;
            row.pid = s->process->pid();
            row.cpuPercent = s->process->cpuPercent();
            row.rssBytes = s->process->rssBytes();
            row.restarts = s->process->restarts();
            row.processState = ProcessSupervisor::stateName(s->process->state());
        }
        if (s->oauth
            && (s->oauth->state() != OAuthClient::State::NeedsSignIn
                || s->oauth->lastError().isError())) {
            // Only once OAuth was used: a plain server shows no sign-in state.
            row.authState = OAuthClient::stateName(s->oauth->state());
            row.authIssuer = s->oauth->issuer();
            row.authScopes = s->oauth->grantedScopes();
            row.authExpiresAtMs
                = s->oauth->expiresAt().isValid() ? s->oauth->expiresAt().toMSecsSinceEpoch() : 0;
            if (!isInRotation(h.status) && s->needsSignIn())
                row.status = QStringLiteral("needs-sign-in");
        }
        if (s->disabled)
            row.status = QStringLiteral("disabled");
        row.ratePerSecond = s->options.ratePerSecond;
        row.rateBurst = s->options.rateBurst;
        row.heldForMs = qMax<qint64>(0, s->holdUntilMs - now);
        row.protocolVersion = info.protocolVersion;
        row.era = McpClient::eraName(s->client->era());
        row.serverName = info.name;
        row.serverVersion = info.version;
        row.activeTasks = s->activeTasks;
        row.tools = int(s->client->tools().size());
        row.priority = s->options.priority;
        row.weight = s->options.weight;
        if (const CallStatistics *c = m_statistics.server(s->id)) {
            row.requests = c->requests;
            row.errors = c->errors;
            row.errorRate = c->errorRate();
            row.p50Ms = double(c->latency.percentileUs(50)) / 1000.0;
            row.p95Ms = double(c->latency.percentileUs(95)) / 1000.0;
            const qint64 recent50 = c->recent.percentileUs(now, 50);
            if (recent50 >= 0) {
                row.recentP50Ms = double(recent50) / 1000.0;
                row.recentP95Ms = double(c->recent.percentileUs(now, 95)) / 1000.0;
            }
        }
        // Whole seconds, as shown: a row changes once a second, not on every snapshot.
        row.lastCheckAgeMs = h.lastCheckMs > 0 ? (now - h.lastCheckMs) / 1000 * 1000 : -1;
        row.toolsHash = s->toolsHash;
        row.toolDrift = s->drift;
        rows.append(row);
    }
    return rows;
}

QStringList ServerPool::serverIds() const
{
    QStringList ids;
    for (const auto &s : m_servers)
        ids << s->id;
    return ids;
}

void ServerPool::setStrategy(LoadBalancer::Strategy strategy)
{
    m_balancer.setStrategy(strategy);
}

TaskId ServerPool::refuse(const QString &why)
{
    // Intake is closed: the caller still gets an id and one terminal report.
    const TaskId id = m_queue->enqueue(Task::Type::ToolCall, {}, 0, 0);
    QTimer::singleShot(0, this, [this, id, why]() { m_queue->cancel(id, why); });
    return id;
}

TaskId ServerPool::callTool(const QString &name, const QJsonObject &arguments,
                            const PoolCallOptions &options)
{
    if (m_shuttingDown)
        return refuse(QStringLiteral("the pool is shut down"));
    QJsonObject payload;
    payload.insert(QStringLiteral("name"), name);
    payload.insert(QStringLiteral("arguments"), arguments);
    if (!options.server.isEmpty())
        payload.insert(QStringLiteral("_server"), options.server);
    if (!options.logLevel.isEmpty())
        payload.insert(QStringLiteral("_logLevel"), options.logLevel);
    return m_queue->enqueue(Task::Type::ToolCall, payload, options.priority, options.timeoutMs);
}

TaskId ServerPool::readResource(const QString &uri, const PoolCallOptions &options)
{
    if (m_shuttingDown)
        return refuse(QStringLiteral("the pool is shut down"));
    QJsonObject payload;
    payload.insert(QStringLiteral("uri"), uri);
    if (!options.server.isEmpty())
        payload.insert(QStringLiteral("_server"), options.server);
    return m_queue->enqueue(Task::Type::ResourceRead, payload, options.priority, options.timeoutMs);
}

bool ServerPool::cancel(TaskId id)
{
    return m_queue->cancel(id);
}

std::optional<WorkQueue::Abort> ServerPool::dispatch(const Task &task, WorkQueue::Done done)
{
    const bool isTool = task.type == Task::Type::ToolCall;
    const QString name = task.payload.value(QStringLiteral("name")).toString();
    const QString pin = task.payload.value(QStringLiteral("_server")).toString();
    QList<ServerCandidate> candidates;
    QList<std::shared_ptr<Server>> matching;
    bool busy = false;
    bool starting = false; // a server is still connecting or loading its tool list
    bool recovering = false; // a server is offline but will be tried again
    qint64 rateWaitMs = -1; // soonest a rate-limited candidate has room again
    const qint64 now = m_timers->nowMs();
    bool pinnedExists = pin.isEmpty();
    // A resource read goes to the servers that list or match its URI (routeResource).
    const std::optional<ResourceRoute> route = !isTool && pin.isEmpty()
        ? std::optional<ResourceRoute>(routeResource(task))
        : std::nullopt;
    for (const auto &s : std::as_const(m_servers)) {
        if (!pin.isEmpty() && s->id != pin)
            continue;
        pinnedExists = true;
        if (s->draining || s->disabled)
            continue; // the operator took it out of rotation
        const ServerStatus status = m_health->status(s->id);
        if (status == ServerStatus::Connecting)
            starting = true;
        if (status == ServerStatus::Offline || status == ServerStatus::Reconnecting)
            recovering = true;
        if (!isInRotation(status) && s->needsSignIn())
            starting = true; // waits for the operator to sign in (up to the task's deadline)
        if (!isInRotation(status) || !s->client->isConnected())
            continue;
        if (route && !route->allowed.contains(s->id))
            continue; // it neither lists nor matches the URI while another does
        if (isTool && s->client->tools().isEmpty() && s->client->serverInfo().hasTools()) {
            starting = true; // connected, catalog on its way
            continue;
        }
        if (isTool && !s->client->hasTool(name))
            continue;
        if (const int cap = perServerCap(*s); cap > 0 && s->activeTasks >= cap) {
            busy = true;
            continue;
        }
        if (s->holdUntilMs > now) {
            // It asked for a pause (429/503 Retry-After): other servers, or wait.
            busy = true;
            const qint64 wait = s->holdUntilMs - now;
            rateWaitMs = rateWaitMs < 0 ? wait : qMin(rateWaitMs, wait);
            continue;
        }
        if (s->options.ratePerSecond > 0) {
            // Token bucket: refills at the rate, holds at most the burst.
            const double burst = s->options.rateBurst > 0 ? s->options.rateBurst
                                                          : qMax(1.0, s->options.ratePerSecond);
            if (s->rateTokens < 0)
                s->rateTokens = burst;
            else
                s->rateTokens = qMin(burst,
                                     s->rateTokens
                                         + double(now - s->rateRefilledMs)
                                             * s->options.ratePerSecond / 1000.0);
            s->rateRefilledMs = now;
            if (s->rateTokens < 1.0) {
                busy = true;
                const qint64 wait
                    = qint64(std::ceil((1.0 - s->rateTokens) * 1000.0 / s->options.ratePerSecond));
                rateWaitMs = rateWaitMs < 0 ? wait : qMin(rateWaitMs, wait);
                continue;
            }
        }
        candidates.append({s->id, s->activeTasks, s->options.priority, s->options.weight,
                           s->latencyEwmaMs, m_health->isSlow(s->id)});
        matching.append(s);
    }
    // After a failed attempt, servers that have not failed this task go first.
    if (!task.failedOn.isEmpty() && candidates.size() > 1) {
        QList<ServerCandidate> fresh;
        QList<std::shared_ptr<Server>> freshServers;
        for (qsizetype i = 0; i < candidates.size(); ++i) {
            if (!task.failedOn.contains(candidates.at(i).id)) {
                fresh.append(candidates.at(i));
                freshServers.append(matching.at(i));
            }
        }
        if (!fresh.isEmpty()) {
            candidates = fresh;
            matching = freshServers;
        }
    }
    if (candidates.isEmpty()) {
        if (route && route->loading)
            starting = true; // a catalog on its way may list the URI
        if (route && route->exhausted && !busy && !starting) {
            done(TaskOutcome::failure(notFoundError(task))); // every server said "not found"
            return WorkQueue::Abort([] {});
        }
        if (rateWaitMs >= 0) // the queue holds work rather than exceed a limit
            wakeQueueIn(qMax<qint64>(1, rateWaitMs));
        if (busy || starting)
            return std::nullopt; // wait: the queue is kicked when this changes
        if (!recovering)
            m_noServerSinceMs = -1;
        if (recovering && m_options.noServerGraceMs > 0) {
            if (m_noServerSinceMs < 0)
                m_noServerSinceMs = now;
            const qint64 left = m_noServerSinceMs + m_options.noServerGraceMs - now;
            if (left > 0) {
                wakeQueueIn(left); // then fail, unless a server came back (which kicks too)
                return std::nullopt;
            }
        }
        McpError e = McpError::make(
            McpError::Kind::NoHealthyServers,
            !pinnedExists ? QStringLiteral("No healthy servers: %1 is not in the pool").arg(pin)
                : isTool  ? QStringLiteral("No healthy servers offer the tool %1").arg(name)
                          : QStringLiteral("No healthy servers"));
        done(TaskOutcome::failure(e));
        return WorkQueue::Abort([] {});
    }
    m_noServerSinceMs = -1;
    const std::shared_ptr<Server> keep = matching.at(m_balancer.select(candidates));
    Server *server = keep.get();
    if (server->options.ratePerSecond > 0)
        server->rateTokens -= 1.0;
    McpReply *reply = nullptr;
    if (isTool) {
        McpCallOptions call;
        call.timeoutMs = server->options.timeoutMs;
        call.logLevel = task.payload.value(QStringLiteral("_logLevel")).toString();
        reply = server->client->callTool(
            name, task.payload.value(QStringLiteral("arguments")).toObject(), call);
    } else {
        reply = server->client->readResource(task.payload.value(QStringLiteral("uri")).toString(),
                                             server->options.timeoutMs);
    }
    ++server->activeTasks;
    server->inFlight.insert(task.id, reply);
    const QString key = isTool ? name : PoolStatistics::resourceReadKey();
    m_statistics.attemptStarted(server->id, key);
    const Task snapshot = task;
    const TaskId taskId = task.id;
    connect(reply, &McpReply::progressed, this,
            [this, taskId](double progress, double total, const QString &message) {
                Q_EMIT taskProgressed(taskId, progress, total, message);
            });
    connect(reply, &McpReply::finished, this, [this, keep, reply, snapshot, done, key]() {
        --keep->activeTasks;
        keep->inFlight.remove(snapshot.id);
        if (keep->disabled && keep->activeTasks == 0)
            keep->client->disconnectFromServer(); // the last running call of a disabled server
        reply->deleteLater();
        const bool toolError
            = !reply->isError() && reply->result().value(QStringLiteral("isError")).toBool();
        // "Not found" is an answer of a working server, not an error of it.
        const McpError::Kind kind
            = snapshot.type == Task::Type::ResourceRead && isNotFound(reply->error())
            ? McpError::Kind::None
            : reply->error().kind;
        m_statistics.attemptFinished(m_timers->nowMs(), keep->id, key, reply->latencyUs(), kind,
                                     toolError);
        const TaskOutcome outcome = outcomeFor(snapshot, *keep, reply);
        done(outcome);
    });
    QPointer<McpReply> guard(reply);
    return WorkQueue::Abort([guard]() {
        if (guard)
            guard->cancel();
    });
}

int ServerPool::perServerCap(const Server &server) const
{
    if (server.options.maxConcurrent > 0)
        return server.options.maxConcurrent;
    const int setting = m_options.maxConcurrentPerServer;
    if (setting >= 0)
        return setting; // 0: no limit
    int inRotation = 0;
    for (const auto &s : m_servers) {
        if (!s->disabled && !s->draining && isInRotation(m_health->status(s->id))
            && ++inRotation > 1)
            break;
    }
    if (inRotation < 2)
        return 0; // alone, it may use every slot
    return qMax(4, (m_queue->options().concurrentTasks + 1) / 2);
}

bool ServerPool::retrySafe(const Task &task, const Server &server) const
{
    if (task.type == Task::Type::ResourceRead)
        return true;
    const QString name = task.payload.value(QStringLiteral("name")).toString();
    for (const ToolInfo &tool : server.client->tools()) {
        if (tool.name == name)
            return tool.isRetrySafe();
    }
    return false;
}

TaskOutcome ServerPool::outcomeFor(const Task &task, Server &server, McpReply *reply)
{
    // Counted apart from the decision: an attempt that failed here and moves
    // to another server now (failover, or handed back before it arrived).
    TaskOutcome outcome = decideOutcome(task, server, reply);
    if (outcome.kind == TaskOutcome::Kind::Requeue
        || (outcome.kind == TaskOutcome::Kind::Retryable && outcome.failover))
        ++server.failoversAway;
    return outcome;
}

TaskOutcome ServerPool::decideOutcome(const Task &task, Server &server, McpReply *reply)
{
    if (!reply->isError()) {
        const double latency = double(reply->latencyMs());
        server.latencyEwmaMs = server.latencyEwmaMs <= 0
            ? latency
            : kLatencyAlpha * latency + (1 - kLatencyAlpha) * server.latencyEwmaMs;
        ++server.completed;
        m_health->reportCallSucceeded(server.id, latency);
        // A tool's isError is a result, not a failure of the pool.
        return TaskOutcome::success(reply->result(), server.id);
    }
    McpError e = reply->error();
    e.serverId = server.id;
    if (server.removing)
        return TaskOutcome::requeue(e); // the server left the pool: another one takes it
    if (task.type == Task::Type::ResourceRead && isNotFound(e))
        return resourceNotFound(task, server, e); // an answer, not a fault: no health report
    ++server.failed;
    m_health->reportCallFailed(server.id, e, double(reply->latencyMs()));
    switch (e.kind) {
    case McpError::Kind::Transport:
    case McpError::Kind::Tls:
        if (e.notDelivered)
            return TaskOutcome::requeue(e); // it never arrived; the server is out of rotation now
        break;
    case McpError::Kind::Http:
        if (e.httpStatus == 401 && e.notDelivered && server.oauth)
            return retryElsewhere(task, server, e); // refused, not run: its sign-in lapsed
        if (e.httpStatus == 429 || e.httpStatus == 503) {
            holdServer(server, e); // no new work for it until its Retry-After has passed
            return retryElsewhere(task, server, e); // this task: elsewhere, or after the wait
        }
        if (e.httpStatus < 500)
            return TaskOutcome::failure(e);
        break;
    case McpError::Kind::SessionExpired:
    case McpError::Kind::NotConnected:
        return retryElsewhere(task, server, e);
    case McpError::Kind::Timeout:
        break;
    default:
        return TaskOutcome::failure(e); // RPC, protocol, cancelled: retrying will not help
    }
    // It may have run: retry only what is safe to run twice.
    if (retrySafe(task, server) || m_options.retryUnsafe)
        return retryElsewhere(task, server, e);
    return TaskOutcome::failure(e);
}

void ServerPool::wakeQueueIn(qint64 ms)
{
    const qint64 due = m_timers->nowMs() + ms;
    if (m_rateTimer && m_rateTimerDueMs <= due)
        return; // an earlier wake-up is set already
    if (m_rateTimer)
        m_timers->cancel(m_rateTimer);
    m_rateTimerDueMs = due;
    m_rateTimer = m_timers->start(int(qMin<qint64>(ms, std::numeric_limits<int>::max())), [this]() {
        m_rateTimer = 0;
        m_queue->kick();
    });
}

void ServerPool::holdServer(Server &server, const McpError &e)
{
    constexpr int kDefaultHoldMs = 1000; // a 429/503 without (usable) Retry-After
    constexpr int kMaxHoldMs = 3600 * 1000;
    const int ms = e.retryAfterMs >= 0 ? qMin(e.retryAfterMs, kMaxHoldMs) : kDefaultHoldMs;
    const qint64 until = m_timers->nowMs() + ms;
    if (until <= server.holdUntilMs)
        return;
    server.holdUntilMs = until;
    Q_EMIT serverThrottled(server.id, ms, e.httpStatus);
}

TaskOutcome ServerPool::retryElsewhere(const Task &task, const Server &failed, const McpError &e)
{
    // Another healthy server that offers the tool and has not failed this task
    // takes it at once; otherwise the retry waits out the backoff.
    const bool isTool = task.type == Task::Type::ToolCall;
    const QString name = task.payload.value(QStringLiteral("name")).toString();
    if (task.payload.contains(QStringLiteral("_server")))
        return TaskOutcome::retryable(e); // pinned: only this server may run it
    const std::optional<ResourceRoute> route = task.type == Task::Type::ResourceRead
        ? std::optional<ResourceRoute>(routeResource(task))
        : std::nullopt;
    for (const auto &s : std::as_const(m_servers)) {
        if (route && !route->allowed.contains(s->id))
            continue; // a read moves only to another server that can serve it
        if (s.get() == &failed || task.failedOn.contains(s->id) || s->removing
            || s->holdUntilMs > m_timers->nowMs() || s->draining || s->disabled)
            continue;
        if (!isInRotation(m_health->status(s->id)) || !s->client->isConnected())
            continue;
        if (isTool && !s->client->hasTool(name))
            continue;
        McpError moved = e;
        moved.retryAfterMs = -1; // the Retry-After was that server's
        return TaskOutcome::failoverTo(moved);
    }
    return TaskOutcome::retryable(e);
}

// --- request-aware routing of resource reads ----------------------------------
// Candidates of a read: the servers in rotation that list the URI exactly,
// else those with a matching template, else (only when no server lists or
// matches it) all others, since a server may serve URIs it does not list.
// Servers that already answered this task "not found" are left out.

bool ServerPool::inRotationNow(const Server &server) const
{
    return !server.draining && !server.disabled && !server.removing
        && isInRotation(m_health->status(server.id)) && server.client->isConnected();
}

ServerPool::ResourceRoute ServerPool::routeResource(const Task &task) const
{
    const QString uri = task.payload.value(QStringLiteral("uri")).toString();
    const QStringList asked = m_notFound.value(task.id).asked;
    QSet<QString> listed, matched, others;
    ResourceRoute route;
    for (const auto &s : m_servers) {
        if (!inRotationNow(*s) || asked.contains(s->id))
            continue;
        if (!s->catalog->resourcesLoaded()) {
            route.loading = true; // treated as starting: it may list the URI
            continue;
        }
        switch (s->catalog->fit(uri)) {
        case ResourceCatalog::Fit::Listed:
            listed.insert(s->id);
            break;
        case ResourceCatalog::Fit::Matched:
            matched.insert(s->id);
            break;
        case ResourceCatalog::Fit::None:
            others.insert(s->id);
            break;
        }
    }
    if (!listed.isEmpty())
        route.allowed = listed;
    else if (!matched.isEmpty())
        route.allowed = matched;
    else if (!route.loading)
        route.allowed = others;
    route.exhausted = route.allowed.isEmpty() && !route.loading && !asked.isEmpty();
    return route;
}

bool ServerPool::isNotFound(const McpError &e)
{
    if (e.kind != McpError::Kind::Rpc)
        return false;
    constexpr int kResourceNotFound = -32002; // MCP 2025
    constexpr int kInvalidParams = -32602; // MCP 2026-07-28 and the SDKs: "Resource … not found"
    if (e.rpcCode == kResourceNotFound)
        return true;
    if (e.rpcCode != kInvalidParams)
        return false;
    auto says = [](const QString &text) {
        return text.contains(QLatin1String("not found"), Qt::CaseInsensitive);
    };
    return says(e.message) || (e.data.isString() && says(e.data.toString()))
        || (e.data.isObject()
            && says(e.data.toObject().value(QStringLiteral("message")).toString()));
}

TaskOutcome ServerPool::resourceNotFound(const Task &task, const Server &server, const McpError &e)
{
    NotFound &notFound = m_notFound[task.id];
    if (!notFound.asked.contains(server.id))
        notFound.asked.append(server.id);
    notFound.last = e;
    if (task.payload.contains(QStringLiteral("_server")))
        return TaskOutcome::failure(notFoundError(task)); // pinned: nowhere else to ask
    // At once to the next server that might have it (dispatch leaves out the
    // ones asked), not counted as an attempt, no backoff; when none is left,
    // dispatch fails the task with notFoundError().
    return TaskOutcome::requeue(e);
}

McpError ServerPool::notFoundError(const Task &task) const
{
    constexpr qsizetype kShownUri = 500;
    const NotFound notFound = m_notFound.value(task.id);
    const QString uri = task.payload.value(QStringLiteral("uri")).toString();
    McpError e = McpError::make(
        McpError::Kind::Rpc,
        QStringLiteral("Resource not found: %1 (asked: %2)")
            .arg(uri.size() > kShownUri ? uri.left(kShownUri) + QStringLiteral("…") : uri,
                 notFound.asked.join(QStringLiteral(", "))));
    e.rpcCode = notFound.last.rpcCode != 0 ? notFound.last.rpcCode : -32002;
    e.data = notFound.last.data;
    if (notFound.asked.size() == 1)
        e.serverId = notFound.asked.first();
    return e;
}

const ResourceCatalog *ServerPool::catalog(const QString &id) const
{
    const Server *s = find(id);
    return s ? s->catalog : nullptr;
}

QStringList ServerPool::serversForResource(const QString &uri) const
{
    QStringList listed, matched;
    for (const auto &s : m_servers) {
        if (!inRotationNow(*s))
            continue;
        const ResourceCatalog::Fit fit = s->catalog->fit(uri);
        if (fit == ResourceCatalog::Fit::Listed)
            listed.append(s->id);
        else if (fit == ResourceCatalog::Fit::Matched)
            matched.append(s->id);
    }
    return listed + matched;
}

QStringList ServerPool::serversInRotation() const
{
    QStringList ids;
    for (const auto &s : m_servers) {
        if (inRotationNow(*s))
            ids.append(s->id);
    }
    return ids;
}

QStringList ServerPool::serversForPrompt(const QString &name) const
{
    QStringList ids;
    for (const auto &s : m_servers) {
        if (inRotationNow(*s) && s->catalog->listsPrompt(name))
            ids.append(s->id);
    }
    return ids;
}

QStringList ServerPool::serversForTemplate(const QString &uriTemplate) const
{
    QStringList ids;
    for (const auto &s : m_servers) {
        if (inRotationNow(*s) && s->catalog->hasTemplate(uriTemplate))
            ids.append(s->id);
    }
    return ids;
}

void ServerPool::shutdown()
{
    if (m_shuttingDown)
        return;
    m_shuttingDown = true;
    m_queue->setPaused(true);
    for (const Task &t : m_queue->pendingTasks())
        m_queue->cancel(t.id, QStringLiteral("the pool is shutting down"));
    if (m_queue->liveCount() == 0) {
        QTimer::singleShot(0, this, &ServerPool::finishShutdown);
        return;
    }
    m_graceTimer = m_timers->start(m_options.shutdownGraceMs, [this]() {
        m_graceTimer = 0;
        m_queue->cancelAll(QStringLiteral("the pool shut down before it finished"));
        finishShutdown();
    });
}

void ServerPool::finishShutdown()
{
    if (!m_shuttingDown || m_shutdownDone)
        return;
    m_shutdownDone = true;
    if (m_graceTimer) {
        m_timers->cancel(m_graceTimer);
        m_graceTimer = 0;
    }
    m_health->stop();
    if (m_sampleTimer) {
        m_timers->cancel(m_sampleTimer);
        m_sampleTimer = 0;
    }
    if (m_rateTimer) {
        m_timers->cancel(m_rateTimer);
        m_rateTimer = 0;
    }
    for (const auto &server : std::as_const(m_servers)) {
        server->client->disconnect(this);
        server->client->disconnectFromServer();
    }
    Q_EMIT shutdownFinished();
}

QJsonObject ServerPool::stats() const
{
    int healthy = 0, degraded = 0, offline = 0, ejected = 0;
    for (const auto &s : m_servers) {
        if (s->disabled)
            continue; // listed, but not part of the fleet's health
        switch (m_health->status(s->id)) {
        case ServerStatus::Online:
            ++healthy;
            break;
        case ServerStatus::Degraded:
            ++degraded;
            break;
        case ServerStatus::Connecting:
            break;
        case ServerStatus::Ejected:
            ++ejected;
            ++offline; // out of rotation, as offline ones are
            break;
        default:
            ++offline;
            break;
        }
    }
    const WorkQueueStats q = m_queue->stats();
    QJsonObject queue;
    queue.insert(QStringLiteral("pending"), q.pending);
    queue.insert(QStringLiteral("inProgress"), q.running);
    queue.insert(QStringLiteral("completed"), q.completed);
    queue.insert(QStringLiteral("failed"), q.failed);
    queue.insert(QStringLiteral("cancelled"), q.cancelled);
    queue.insert(QStringLiteral("timedOut"), q.timedOut);
    queue.insert(QStringLiteral("retries"), q.retries);
    QJsonObject o;
    o.insert(QStringLiteral("servers"), int(m_servers.size()));
    o.insert(QStringLiteral("healthy"), healthy);
    o.insert(QStringLiteral("degraded"), degraded);
    o.insert(QStringLiteral("offline"), offline);
    o.insert(QStringLiteral("ejected"), ejected);
    o.insert(QStringLiteral("tasks"), q.pending + q.running);
    o.insert(QStringLiteral("queue"), queue);
    o.insert(QStringLiteral("strategy"), LoadBalancer::name(m_balancer.strategy()));
    o.insert(QStringLiteral("calls"), m_statistics.total().toJson(m_timers->nowMs()));
    return o;
}

qint64 ServerPool::nowMs() const
{
    return m_timers->nowMs();
}

QJsonArray ServerPool::toolStats() const
{
    return m_statistics.toolsJson(m_timers->nowMs());
}

QJsonArray ServerPool::servers() const
{
    QJsonArray out;
    for (const auto &s : m_servers) {
        const HealthMonitor::ServerHealth h = m_health->health(s->id);
        const McpClientStats cs = s->client->stats();
        QJsonObject stats = cs.toJson();
        stats.insert(QStringLiteral("completed"), s->completed);
        stats.insert(QStringLiteral("failed"), s->failed);
        stats.insert(QStringLiteral("failoversAway"), s->failoversAway);
        stats.insert(QStringLiteral("latencyEwmaMs"), s->latencyEwmaMs);
        const CallStatistics none;
        const CallStatistics *calls = m_statistics.server(s->id);
        const QJsonObject c = (calls ? calls : &none)->toJson(m_timers->nowMs());
        for (auto it = c.begin(); it != c.end(); ++it)
            stats.insert(it.key(), it.value());
        QJsonObject o;
        o.insert(QStringLiteral("id"), s->id);
        o.insert(QStringLiteral("url"), s->url.toDisplayString(QUrl::RemoveUserInfo));
        o.insert(QStringLiteral("status"),
                 s->disabled ? QStringLiteral("disabled") : serverStatusName(h.status));
        if (s->draining)
            o.insert(QStringLiteral("draining"), true);
        if (s->oauth
            && (s->oauth->state() != OAuthClient::State::NeedsSignIn
                || s->oauth->lastError().isError())) {
            QJsonObject auth;
            auth.insert(QStringLiteral("state"), OAuthClient::stateName(s->oauth->state()));
            if (!s->oauth->issuer().isEmpty())
                auth.insert(QStringLiteral("issuer"), s->oauth->issuer());
            if (!s->oauth->grantedScopes().isEmpty())
                auth.insert(QStringLiteral("scopes"),
                            QJsonArray::fromStringList(s->oauth->grantedScopes()));
            if (s->oauth->expiresAt().isValid())
                auth.insert(QStringLiteral("expiresAt"),
                            s->oauth->expiresAt().toString(Qt::ISODate));
            o.insert(QStringLiteral("auth"), auth);
            if (!isInRotation(h.status) && s->needsSignIn())
                o.insert(QStringLiteral("status"), QStringLiteral("needs-sign-in"));
        }
        if (s->process)
            o.insert(QStringLiteral("process"), s->process->toJson());
        o.insert(QStringLiteral("activeTasks"), s->activeTasks);
        o.insert(QStringLiteral("priority"), s->options.priority);
        o.insert(QStringLiteral("weight"), s->options.weight);
        o.insert(QStringLiteral("tools"), int(s->client->tools().size()));
        o.insert(QStringLiteral("toolsHash"), s->toolsHash);
        o.insert(QStringLiteral("toolDrift"), s->drift);
        o.insert(QStringLiteral("protocolVersion"), s->client->serverInfo().protocolVersion);
        o.insert(QStringLiteral("era"), McpClient::eraName(s->client->era()));
        o.insert(QStringLiteral("serverName"), s->client->serverInfo().name);
        o.insert(QStringLiteral("consecutiveFailures"), h.consecutiveFailures);
        if (h.status == ServerStatus::Degraded || h.status == ServerStatus::Ejected)
            o.insert(QStringLiteral("statusReason"), h.reason);
        if (h.slow)
            o.insert(QStringLiteral("slow"), true);
        o.insert(QStringLiteral("statusChanges"), h.statusChanges);
        if (h.ejections > 0)
            o.insert(QStringLiteral("ejections"), h.ejections);
        QJsonObject window;
        window.insert(QStringLiteral("requests"), double(h.windowRequests));
        window.insert(QStringLiteral("errorPercent"), h.windowErrorPercent);
        window.insert(QStringLiteral("meanLatencyMs"), h.windowMeanLatencyMs);
        o.insert(QStringLiteral("healthWindow"), window);
        if (s->options.ratePerSecond > 0)
            o.insert(QStringLiteral("rateLimit"),
                     QJsonObject{{QStringLiteral("perSecond"), s->options.ratePerSecond},
                                 {QStringLiteral("burst"),
                                  s->options.rateBurst > 0 ? double(s->options.rateBurst)
                                                           : qMax(1.0, s->options.ratePerSecond)}});
        if (s->holdUntilMs > m_timers->nowMs())
            o.insert(QStringLiteral("heldForMs"), double(s->holdUntilMs - m_timers->nowMs()));
        if (h.lastError.isError())
            o.insert(QStringLiteral("lastError"), h.lastError.message);
        if (!s->options.tls.isEmpty() || !h.lastError.certificateSha256.isEmpty()) {
            QJsonObject tls;
            if (!s->options.tls.caFile.isEmpty())
                tls.insert(QStringLiteral("caFile"), s->options.tls.caFile);
            if (!s->options.tls.pinSha256.isEmpty())
                tls.insert(QStringLiteral("pin"),
                           TlsTrust::formatFingerprint(s->options.tls.pinSha256));
            if (!h.lastError.certificateSha256.isEmpty()) {
                tls.insert(QStringLiteral("refusedCertificateSha256"),
                           h.lastError.certificateSha256);
                tls.insert(QStringLiteral("refusedCertificate"), h.lastError.certificateSummary);
            }
            o.insert(QStringLiteral("tls"), tls);
        }
        o.insert(QStringLiteral("stats"), stats);
        out.append(o);
    }
    return out;
}

} // namespace mcppm
