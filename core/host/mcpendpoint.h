#pragma once

#include "host/endpointguard.h"
#include "host/endpointtaskstore.h"
#include "host/httplistener.h"
#include "jsonrpc/jsonrpcmessage.h"
#include "jsonrpc/mcperror.h"
#include "mcp/clientfeatures.h"
#include "pool/task.h"

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QString>

#include <memory>

class QTimer;

namespace mcppm {

class HttpExchange;
class McpReply;
class ServerPool;

struct McpEndpointOptions
{
    QString path = QStringLiteral("/mcp");
    EndpointGuard::Options access; // bearer token, allowed hosts and origins
    HttpListenerLimits limits; // connections, head/body sizes, timeouts (see listen())
    int maxSessions = 1000; // 2025-era sessions at once; beyond: 503
    int sessionIdleMs = 30 * 60 * 1000; // a 2025 session unused this long is ended
    int keepAliveMs = 15000; // an SSE comment on open streams this often
    int maxStreams = 256; // open notification streams (GET and subscriptions/listen)
    int maxClients = 200; // distinct client names counted; the rest as "other"
    // A client asked for input (elicitation, sampling, roots) on a worker's
    // behalf must answer within this time, else the worker gets an error.
    int inputTimeoutMs = 5 * 60 * 1000;
    // A 2026-07-28 client that declares the tasks extension gets a task
    // handle for a tools/call still running after this long (0: at once,
    // -1: never). 2025-11-25 clients ask for a task themselves (params.task).
    int taskAfterMs = 2000;
    QString name = QStringLiteral("mcp-pool-monitor"); // serverInfo.name
};

// One downstream client (by the name in its clientInfo), for metrics and the GUI.
struct EndpointClientStats
{
    QString name; // clientInfo.name, printable, at most 64 characters; "unknown" without one
    QString version;
    QString peer; // the address of its last request
    QString protocolVersion; // "2026-07-28" or the 2025 version it negotiated
    qint64 requests = 0;
    qint64 errors = 0; // requests answered with an error
    qint64 toolCalls = 0;
    qint64 cancelled = 0; // calls it cancelled or hung up on
    int active = 0; // requests being answered now
    int sessions = 0; // 2025 sessions open
    qint64 lastSeenMs = 0; // the pool's clock
    QString lastCall; // "tools/call echo"
};

// One JSON-RPC method as the endpoint served it.
struct EndpointMethodStats
{
    QString method;
    qint64 requests = 0;
    qint64 errors = 0;
};

struct EndpointStats
{
    qint64 refused = 0; // turned away before reading: Host, Origin, token
    qint64 malformed = 0; // not JSON, a batch, not JSON-RPC, wrong content type
    int sessions = 0; // 2025 sessions open
    int streams = 0; // notification streams open
    int tasksRunning = 0; // task handles whose call still runs
    int tasksEnded = 0; // task handles kept with their outcome
    QList<EndpointClientStats> clients; // by name
    QList<EndpointMethodStats> methods; // by method
    HttpListenerStats listener;
};

// The pool as one MCP server (Streamable HTTP at `path`). Downstream clients
// of either era are served whatever era each worker speaks:
// - 2026-07-28: stateless requests checked like any 2026 server does
//   (headers mirror the body, _meta), server/discover, subscriptions/listen;
// - 2025-11-25 (and 2025-06-18, 2025-03-26, 2024-11-05): initialize, a
//   session (Mcp-Session-Id), a GET stream for notifications, DELETE.
// tools/list (and resources, templates, prompts) is the union the fleet
// offers; tools/call and resources/read go through the pool's work queue
// (priority, retries, failover); prompts/get and completion/complete go to a
// server that lists the prompt or template. Progress passes through; a
// client that cancels (notifications/cancelled, or closing the request's
// stream) cancels the task. list_changed is sent when the union changes.
// Priority, timeout and pinning per call come from params._meta:
// "mcp-pool-monitor/priority" (integer, higher first), "mcp-pool-monitor/timeoutMs",
// "mcp-pool-monitor/server" (a server id).
class McpEndpoint final : public QObject
{
    Q_OBJECT
public:
    static constexpr const char *kMetaPriority = "mcp-pool-monitor/priority";
    static constexpr const char *kMetaTimeout = "mcp-pool-monitor/timeoutMs";
    static constexpr const char *kMetaServer = "mcp-pool-monitor/server";

    McpEndpoint(ServerPool *pool, const McpEndpointOptions &options, QObject *parent = nullptr);
    ~McpEndpoint() override;
    Q_DISABLE_COPY_MOVE(McpEndpoint)

    // Refuses a non-loopback address without a bearer token.
    bool listen(const QHostAddress &address, quint16 port, QString *error = nullptr);
    void close(); // every stream and session ends; running calls are cancelled
    bool isListening() const;
    quint16 serverPort() const;
    QString url() const; // http://ADDRESS:PORT/mcp

    // For a listener of one's own (e.g. one port for /metrics and /mcp).
    void handle(const HttpRequest &request, const std::shared_ptr<HttpExchange> &exchange);
    // Requests for other paths than the endpoint's (e.g. /metrics); else 404.
    void setFallbackHandler(HttpListener::ExchangeHandler handler)
    {
        m_fallback = std::move(handler);
    }

    EndpointStats stats() const;
    // Grows with every request started or finished: a cheap "did anything
    // happen" for a poller, without building stats().
    quint64 activity() const { return m_activity; }

Q_SIGNALS:
    // A client name was seen for the first time.
    void clientSeen(const QString &client, const QString &peer);
    // A request of a downstream client ended in an error (not when it cancelled).
    void requestFailed(const QString &client, const QString &method, const QString &target,
                       const mcppm::McpError &error);
    // The union of tools, resources, templates or prompts changed ("tools", ...).
    void listChanged(const QString &list);

private:
    struct Session;
    struct Context;
    struct Call;
    struct Stream;
    struct PendingInput;

    void handlePost(const HttpRequest &request, const std::shared_ptr<HttpExchange> &ex);
    void handleGet(const HttpRequest &request, const std::shared_ptr<HttpExchange> &ex);
    void handleDelete(const HttpRequest &request, const std::shared_ptr<HttpExchange> &ex);
    void handleLegacy(const HttpRequest &request, const JsonRpcMessage &message,
                      const std::shared_ptr<HttpExchange> &ex);
    void handleModern(const HttpRequest &request, const JsonRpcMessage &message,
                      const std::shared_ptr<HttpExchange> &ex);
    void initializeSession(const HttpRequest &request, const JsonRpcMessage &message,
                           const std::shared_ptr<HttpExchange> &ex);
    void serve(const Context &ctx, const JsonRpcMessage &message,
               const std::shared_ptr<HttpExchange> &ex);
    void enqueue(const Context &ctx, const JsonRpcMessage &message,
                 const std::shared_ptr<HttpExchange> &ex);
    void forward(const Context &ctx, const JsonRpcMessage &message, QStringList servers,
                 const std::shared_ptr<HttpExchange> &ex);
    // notifications/tasks to the 2026 streams that listen for this task.
    void notifyTaskChanged(const std::shared_ptr<EndpointTaskStore::Task> &task);
    static JsonRpcMessage taskNotification(const EndpointTaskStore::Task &task,
                                           const QJsonValue &subscriptionId);
    void openListener(const Context &ctx, const JsonRpcMessage &message,
                      const std::shared_ptr<HttpExchange> &ex);
    void subscribe(const Context &ctx, const QString &uri, bool on);
    bool makeTask(const std::shared_ptr<Call> &call, int ttlMs);
    void sweepForTasks(); // calls running longer than taskAfterMs become tasks
    bool serveTask(const Context &ctx, const JsonRpcMessage &message,
                   const std::shared_ptr<HttpExchange> &ex);
    void answerTaskResult(const Context &ctx, const std::shared_ptr<HttpExchange> &ex,
                          const QJsonValue &id, const EndpointTaskStore::Task &task);

    void onTaskFinished(TaskId id, const QJsonObject &result, const McpError &error);
    void onTaskProgressed(TaskId id, double progress, double total, const QString &message);
    void onCallAbandoned(TaskId id);
    bool routeInput(TaskId task, const QString &serverId, const QString &method,
                    const QJsonObject &params, InputResponder &respond);
    void flushParked(TaskId task);
    bool resumeParked(const Context &ctx, const JsonRpcMessage &message,
                      const std::shared_ptr<HttpExchange> &ex);
    void answerInput(const JsonRpcMessage &response);
    void onTaskLog(TaskId id, const QString &level, const QString &logger, const QJsonValue &data);
    void cancelByClient(const QString &sessionId, const QJsonValue &requestId);

    // Answers: a result or an error, as JSON or as the last event of the stream.
    void answer(const Context &ctx, const std::shared_ptr<HttpExchange> &ex, const QJsonValue &id,
                QJsonObject result);
    void answerError(const Context &ctx, const std::shared_ptr<HttpExchange> &ex,
                     const QJsonValue &id, int code, const QString &message,
                     const QJsonValue &data = QJsonValue::Undefined, int httpStatus = 200);
    void send(const std::shared_ptr<HttpExchange> &ex, const JsonRpcMessage &message,
              int httpStatus = 200);
    bool startEvents(const std::shared_ptr<HttpExchange> &ex);
    static QByteArray event(const JsonRpcMessage &message);
    void refuse(const std::shared_ptr<HttpExchange> &ex, int status, int code,
                const QString &message, const QJsonValue &data = QJsonValue::Undefined,
                bool malformed = true);

    QJsonObject capabilities(const Context &ctx) const;
    const QJsonObject &serverInfo() const { return m_serverInfo; }
    QString countedClient(const QString &name);
    void countRequest(const Context &ctx, const QString &method, const QString &target);
    void countFinished(const Context &ctx, bool failed);
    // What the fleet offers, rebuilt only after a change.
    struct Unions
    {
        QJsonArray tools;
        QJsonArray taskTools; // tools with execution.taskSupport "optional" (2025-11-25)
        QHash<QString, QJsonObject> toolsByName;
        QJsonArray resources;
        QJsonArray templates;
        QJsonArray prompts;
    };
    const Unions &lists();
    QHash<QString, QByteArray> listPrints(); // fingerprint of each list
    void recomputeLists();
    void notifyListChanged(const QString &list);
    void notifyResourceUpdated(const QString &uri);
    void keepStreamsAlive();
    void expireSessions();
    void endSession(const QString &id);
    qint64 nowMs() const;

    QPointer<ServerPool> m_pool; // (a pool destroyed first only stops the endpoint)
    McpEndpointOptions m_options;
    QJsonObject m_serverInfo; // name and version, made once
    EndpointGuard m_guard;
    HttpListener *m_listener = nullptr;
    HttpListener::ExchangeHandler m_fallback;
    QHostAddress m_address;
    QHash<QString, std::shared_ptr<Session>> m_sessions;
    QHash<TaskId, std::shared_ptr<Call>> m_calls;
    EndpointTaskStore m_taskStore; // task handles given to clients
    QHash<QString, std::shared_ptr<PendingInput>> m_inputs; // by JSON-RPC id key
    QHash<QString, TaskId> m_parkedCalls; // requestState → task
    quint64 m_nextInputId = 1;
    QList<std::shared_ptr<Stream>> m_streams;
    QSet<QString> m_upstreamSubscriptions; // URIs subscribed at the workers
    QHash<QString, EndpointClientStats> m_clients;
    QHash<QString, EndpointMethodStats> m_methods;
    qint64 m_refused = 0;
    quint64 m_activity = 0;
    qint64 m_malformed = 0;
    QHash<QString, QByteArray> m_listPrints; // "tools", "resources", "prompts" → fingerprint
    QTimer *m_listTimer = nullptr; // coalesces catalog changes
    Unions m_lists;
    bool m_listsDirty = true;
    QTimer *m_keepAlive = nullptr;
    QTimer *m_expiry = nullptr;
    QTimer *m_taskSweep = nullptr;
};

} // namespace mcppm
