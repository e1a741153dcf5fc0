#pragma once

#include "pool/healthmonitor.h"
#include "pool/loadbalancer.h"
#include "pool/poolsnapshot.h"
#include "pool/processsupervisor.h"
#include "pool/resourcecatalog.h"
#include "pool/tooldrift.h"
#include "pool/workqueue.h"

#include "auth/oauthclient.h"
#include "mcp/mcpclient.h"
#include "stats/poolstatistics.h"

#include <QFuture>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QPromise>
#include <QSet>
#include <QStringList>

#include <memory>

namespace mcppm {

struct ServerPoolOptions
{
    LoadBalancer::Strategy strategy = LoadBalancer::Strategy::RoundRobin;
    int healthCheckIntervalMs = 30000;
    int maxRetries = 3; // further attempts of a task that failed retryably
    int shutdownGraceMs = 5000; // how long shutdown() lets running calls finish
    // Retry calls that may already have run (reset mid-call, 5xx, timeout)
    // even when the tool is not marked read-only or idempotent.
    bool retryUnsafe = false;
    int sampleIntervalMs = 1000; // statistics time series: one sample per interval
    int seriesCapacity = 3600; // samples kept (one hour at one a second)
    int rateWindowSeconds = 10; // sliding window of the per-second rates
    // When no server can take a task but one is offline and reconnecting,
    // the task waits this long for it before failing with "No healthy
    // servers" (a momentary outage does not fail the whole queue).
    int noServerGraceMs = 5000;
    // Calls at once on one server that sets no maxConcurrent of its own: -1
    // (auto) = half the queue's concurrentTasks, at least 4, once two or more
    // servers are in rotation (so one frozen server never holds every slot);
    // 0 = no limit.
    int maxConcurrentPerServer = -1;
    WorkQueueOptions queue; // concurrency, task timeout, retry delays (maxRetries comes from above)
    HealthMonitorOptions health; // thresholds and reconnect policy (interval comes from above)
    TimerSource *timers = nullptr; // injectable clock for everything; not owned
    QString logLevel; // server log messages asked for ("" = none); see McpClientOptions
};

// What the pool is asked by a server (elicitation, sampling; roots when the
// pool has none of its own): the server's id, the request, and how to answer.
using PoolInputHandler = std::function<void(const QString &serverId, const QString &method,
                                            const QJsonObject &params, InputResponder respond)>;

// Input a server asks for while it runs a task (2025 server request on the
// call's stream, 2026 input_required): a router may take it on for that task
// (e.g. the MCP endpoint relays it to the client that made the call). It
// returns false, leaving `respond` alone, for input it does not take.
using TaskInputRouter
    = std::function<bool(TaskId task, const QString &serverId, const QString &method,
                         const QJsonObject &params, InputResponder &respond)>;

struct ServerOptions
{
    int priority = 0;
    int weight = 1;
    int timeoutMs = 10000; // per request
    int maxConcurrent = 0; // calls at once on this server; 0 = no limit
    double ratePerSecond = 0; // client-side limit of calls started per second; 0 = none
    int rateBurst = 0; // calls that may start at once within the limit; 0 = max(1, rate)
    McpClientOptions::TransportMode transport = McpClientOptions::TransportMode::Auto;
    // auto: 2026-07-28 first, then initialize (2025); or one era pinned.
    McpClientOptions::ProtocolMode protocol = McpClientOptions::ProtocolMode::Auto;
    TlsTrust tls; // https only: extra CAs and/or a pinned certificate
    QString proxy; // "" (environment, then system), "none", or a proxy URL (ProxySettings)
    CustomHeaders::List headers; // sent on every request to this server
    bool enabled = true; // false: added disabled (see setServerEnabled)
    // A server without a static token gets an OAuth client that answers its
    // 401s (discovery, sign-in, refresh). The pool never opens a browser on
    // its own: an interactive sign-in waits for signIn().
    bool oauth = true;
    OAuthSettings oauthSettings;
    OAuthTokenSet oauthTokens; // kept from an earlier sign-in (the keychain), if any
    // A local server (stdio.program set): the pool starts it as a child
    // process and talks MCP over its stdin/stdout; the url is only a label
    // (e.g. "stdio:node"). Supervised: restarts with backoff, gives up past
    // supervision.maxRestartsPerMinute.
    StdioTransportOptions stdio;
    ProcessSupervisorOptions supervision;
    bool isLocal() const { return !stdio.program.isEmpty(); }
};

struct PoolCallOptions
{
    int priority = 0; // higher first
    int timeoutMs = -1; // the whole task (queue + attempts); -1 = the queue's taskTimeoutMs
    QString server; // pin to this server id; empty = balanced
    // Tool calls on 2026-07-28 servers: their log messages at this level and
    // above for this call (taskLogMessage); "" = the pool's log level.
    QString logLevel;
};

// Many MCP servers behind one queue: calls are queued by priority, sent to a
// healthy server that offers the tool (chosen by the strategy), retried or
// moved elsewhere when a server fails, and reported exactly once.
class ServerPool final : public QObject
{
    Q_OBJECT
public:
    explicit ServerPool(const ServerPoolOptions &options = {}, QObject *parent = nullptr);
    ~ServerPool() override;
    Q_DISABLE_COPY_MOVE(ServerPool)

    void initialize(); // starts health monitoring
    // New settings in place: strategy, retries, grace periods, the queue's
    // concurrency/timeouts/retry delays and every health threshold; the
    // servers, their sessions and all statistics are kept. (Sampling
    // interval and series capacity stay as they were built.)
    void setOptions(const ServerPoolOptions &options);
    const ServerPoolOptions &options() const { return m_options; }
    // Stops intake, cancels what has not started, lets running calls finish
    // within the grace period, cancels the rest, ends every session.
    // Emits shutdownFinished().
    void shutdown();
    bool isShuttingDown() const { return m_shuttingDown; }

    bool addServer(const QString &id, const QUrl &url, const QString &token,
                   const ServerOptions &options = {}, QString *error = nullptr);
    // Its queued and running work moves to other servers.
    bool removeServer(const QString &id);
    // Changes how the strategies see a server (priority, weight); false if unknown.
    bool updateServer(const QString &id, int priority, int weight);
    // A new bearer token: calls in flight finish with the old one, new calls use
    // it; a server that is out of rotation (e.g. after 401s) is retried at once.
    bool setServerToken(const QString &id, const QString &token);
    // New TLS trust (e.g. a pin the operator accepted): the server reconnects
    // with it at once. False with a message if unknown or not https.
    bool setServerTls(const QString &id, const TlsTrust &trust, QString *error = nullptr);
    // The client-side rate limit (calls started per second, burst; 0 = none).
    bool setServerRateLimit(const QString &id, double perSecond, int burst);
    // Drained: no new work goes to it; running calls finish; health checks go on.
    bool setServerDrained(const QString &id, bool drained);
    // A local server: forgets that its supervisor gave up and starts its
    // process again now (the old one, if any, is stopped). False if unknown
    // or not local.
    bool restartProcess(const QString &id);
    // The supervisor of a local server's process; null otherwise.
    const ProcessSupervisor *process(const QString &id) const;
    // Disabled: drained, out of health checks, its session closed once its
    // running calls end; still listed. Enabling connects it again.
    bool setServerEnabled(const QString &id, bool enabled);

    // OAuth (servers without a static token). The agent (not owned) is how
    // an interactive sign-in reaches a person, e.g. the browser and a
    // loopback listener; without one only client credentials work.
    void setAuthorizationAgent(AuthorizationAgent *agent);
    OAuthClient *oauthClient(const QString &id) const;
    bool signIn(const QString &id); // the server reconnects once signed in
    bool signOut(const QString &id);

    TaskId callTool(const QString &name, const QJsonObject &arguments,
                    const PoolCallOptions &options = {});
    TaskId readResource(const QString &uri, const PoolCallOptions &options = {});
    bool cancel(TaskId id);
    // Finishes with the task in its terminal state (status, result or error,
    // server, attempts), also when it had already ended and is in the history.
    // An id the pool does not know gives a failed task at once.
    QFuture<Task> whenFinished(TaskId id);

    void setStrategy(LoadBalancer::Strategy strategy);
    LoadBalancer::Strategy strategy() const { return m_balancer.strategy(); }

    // Server requests (2025) and input requests (2026 MRTR): `features` are
    // declared to every server and their requests go to `handler`. Roots
    // set here are answered by the pool itself (file:// URIs or paths).
    void setInputHandler(const ClientFeatures &features, PoolInputHandler handler);
    // A router for input that belongs to a task (see TaskInputRouter); its
    // features are declared to the servers too (2025 servers learn them when
    // they connect next). Input it does not take goes to the input handler.
    // One router at a time: `owner` names it, and only the owner clears it
    // (clearTaskInputRouter), so a second endpoint cannot silence the first.
    void setTaskInputRouter(const QObject *owner, const ClientFeatures &features,
                            TaskInputRouter router);
    void clearTaskInputRouter(const QObject *owner);
    void setRoots(const QStringList &roots);
    QStringList roots() const { return m_roots; }
    // Server log messages at this level and above (serverLogMessage); "" = none.
    void setLogLevel(const QString &level);
    QString logLevel() const { return m_logLevel; }

    // {servers, healthy, degraded, offline, tasks, queue{pending, inProgress, completed}, strategy}
    QJsonObject stats() const;
    // Per server: {id, url, status, activeTasks, priority, weight, stats{requestsSent, errors,
    // failoversAway, latency{p50Ms, ...}, errorsByKind, ...}, ...}; failoversAway counts
    // attempts that failed on it and moved to another server at once.
    QJsonArray servers() const;
    // Per tool (and "resources/read"): requests, errors by kind, latency percentiles, rates.
    QJsonArray toolStats() const;
    const PoolStatistics &statistics() const { return m_statistics; }
    void resetStatistics();
    QStringList serverIds() const;
    // Every server as a plain row for a user interface (cheap: no JSON).
    QList<ServerRow> serverRows() const;
    McpClient *client(const QString &id) const;
    // Request-aware routing: what a server lists (resources, templates,
    // prompts), refreshed on connect and on list_changed; null if unknown.
    const ResourceCatalog *catalog(const QString &id) const;
    // Servers in rotation that list the URI, then those with a matching template.
    QStringList serversForResource(const QString &uri) const;
    // Servers that take new work now (in rotation, connected, neither drained nor disabled).
    QStringList serversInRotation() const;
    // Servers in rotation that list the prompt.
    QStringList serversForPrompt(const QString &name) const;
    // Servers in rotation that list this resource template (completion of its variables).
    QStringList serversForTemplate(const QString &uriTemplate) const;

    WorkQueue *queue() { return m_queue; }
    const WorkQueue *queue() const { return m_queue; }
    qint64 nowMs() const; // the pool's monotonic clock
    HealthMonitor *healthMonitor() { return m_health; }

Q_SIGNALS:
    void serverOffline(const QString &id, const mcppm::McpError &error);
    void serverRecovered(const QString &id);
    void serverDegraded(const QString &id, const mcppm::McpError &error);
    // Its calls failed too often: out of rotation for durationMs, then on trial.
    void serverEjected(const QString &id, const QString &reason, int durationMs);
    void serverStatusChanged(const QString &id, mcppm::ServerStatus status);
    void taskCompleted(mcppm::TaskId id, const QJsonObject &result);
    void taskFailed(mcppm::TaskId id, const mcppm::McpError &error);
    // A log message a server sent on the answer stream of a task's request.
    void taskLogMessage(mcppm::TaskId id, const QString &serverId, const QString &level,
                        const QString &logger, const QJsonValue &data);
    // A progress notification of a running tool call (total 0 when unknown).
    void taskProgressed(mcppm::TaskId id, double progress, double total, const QString &message);
    void shutdownFinished();
    // The server's tools now differ from the majority's (drift non-empty) or agree again.
    void toolDriftChanged(const QString &id, const QString &drift);
    // It answered 429/503: no new work goes to it for holdMs (its Retry-After, else 1 s).
    void serverThrottled(const QString &id, int holdMs, int httpStatus);
    // notifications/message from a server (at the pool's log level or above).
    void serverLogMessage(const QString &id, const QString &level, const QString &logger,
                          const QJsonValue &data);
    // A subscribed resource changed (McpClient::subscribeResource on the server's client).
    void resourceUpdated(const QString &id, const QString &uri);
    // A tool a server offers was left out: its x-mcp-header annotations break the rules.
    void toolRefused(const QString &id, const QString &tool, const QString &reason);
    // What a server offers changed: its tool list, or its resources, templates or prompts
    // (also when it is removed from the pool).
    void catalogChanged(const QString &id);
    // OAuth: a server needs a person to sign in; its tokens changed (persist them).
    void serverSignInRequired(const QString &id);
    void serverAuthChanged(const QString &id);
    // A local server's process: started, exited, restarted, gave up (in words).
    void serverProcessEvent(const QString &id, const QString &text);
    // A line a local server wrote to stderr (escaped, bounded).
    void serverStderrLine(const QString &id, const QString &line);
    // A new point was added to statistics().series() (once a second).
    void statisticsSampled();

private:
    struct Server;
    Server *find(const QString &id) const; // null when not in the pool
    std::optional<WorkQueue::Abort> dispatch(const Task &task, WorkQueue::Done done);
    TaskOutcome outcomeFor(const Task &task, Server &server, McpReply *reply);
    TaskOutcome decideOutcome(const Task &task, Server &server, McpReply *reply);
    bool retrySafe(const Task &task, const Server &server) const;
    TaskOutcome retryElsewhere(const Task &task, const Server &failed, const McpError &error);
    // --- request-aware routing of resource reads -------------------------------
    struct ResourceRoute
    {
        QSet<QString> allowed; // the servers this attempt may go to
        bool loading = false; // none fits yet, but a catalog is still loading
        bool exhausted = false; // every server in rotation said "not found"
    };
    struct NotFound // servers that answered a read "not found", per task
    {
        QStringList asked;
        McpError last;
    };
    ResourceRoute routeResource(const Task &task) const;
    bool inRotationNow(const Server &server) const;
    static bool isNotFound(const McpError &error);
    TaskOutcome resourceNotFound(const Task &task, const Server &server, const McpError &error);
    McpError notFoundError(const Task &task) const;
    void holdServer(Server &server, const McpError &error);
    void wakeQueueIn(qint64 ms);
    HealthProbe probeFor(const QString &id);
    int perServerCap(const Server &server) const;
    void finishShutdown();
    TaskId refuse(const QString &why);
    void takeSample();
    void recomputeDrift();
    void settlePromises(TaskId id);

    ServerPoolOptions m_options;
    TimerSource *m_timers = nullptr;
    std::unique_ptr<TimerSource> m_ownTimers;
    WorkQueue *m_queue = nullptr;
    HealthMonitor *m_health = nullptr;
    LoadBalancer m_balancer;
    QList<std::shared_ptr<Server>> m_servers; // in the order they were added
    bool m_initialized = false;
    bool m_shuttingDown = false;
    bool m_shutdownDone = false;
    int m_graceTimer = 0;
    int m_sampleTimer = 0;
    int m_rateTimer = 0; // wakes the queue when a rate-limited or held server has room again
    qint64 m_rateTimerDueMs = 0;
    qint64 m_noServerSinceMs = -1; // since when dispatch found no server but one reconnecting
    AuthorizationAgent *m_authAgent = nullptr;
    ClientFeatures m_inputFeatures;
    PoolInputHandler m_inputHandler;
    ClientFeatures m_routerFeatures;
    TaskInputRouter m_taskInputRouter;
    const QObject *m_routerOwner = nullptr;
    TaskId taskForRequest(const QString &serverId, const QJsonValue &requestId) const;
    QStringList m_roots;
    QString m_logLevel;
    void applyInputHandler(McpClient *client, const QString &id);
    PoolStatistics m_statistics;
    QHash<TaskId, QList<std::shared_ptr<QPromise<Task>>>> m_promises;
    QHash<TaskId, NotFound> m_notFound;
};

} // namespace mcppm
