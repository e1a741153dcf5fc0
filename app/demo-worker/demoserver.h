#pragma once

#include "demoauthserver.h"
#include "requeststatesealer.h"

#include "jsonrpc/jsonrpcmessage.h"

#include <QElapsedTimer>
#include <QHash>
#include <QHttpServer>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QRandomGenerator>

#include <memory>

class QHttpServerRequest;
class QHttpServerResponder;
class QTcpSocket;
class QTimer;

namespace mcppm::demo {

// Which MCP wire the worker speaks: 2025-11-25 (initialize, sessions, GET
// stream, DELETE), 2026-07-28 (stateless, per-request _meta and headers), or
// both on the same endpoint (a request with modern _meta and no session is
// served as 2026-07-28, initialize and session traffic as 2025-11-25).
enum class Era { Legacy, Modern, Both };

// What the demo worker is told on its command line.
struct WorkerOptions
{
    Era era = Era::Both;
    int listTtlMs = 60000; // 2026-07-28: ttlMs of list and discover results
    int listChangeEveryMs = 0; // 2026-07-28: toggle the tool `flip` this often (0: never)
    int keepAliveMs = 15000; // SSE comment on subscriptions/listen streams
    int requestStateTtlMs = 120000; // lifetime of an MRTR requestState
    QString name = QStringLiteral("demo-worker");
    int latencyMs = 0; // added before each tools/call answer
    double errorRate = 0; // share of tools/call requests answered with HTTP 500
    // 429 Too Many Requests with "Retry-After: retryAfterSeconds": for this
    // share of tools/call requests, and for the first throttleFirst of them.
    double throttleRate = 0;
    int throttleFirst = 0;
    int retryAfterSeconds = 1;
    int dieAfter = -1; // exit right after answering this many tools/calls
    int hangAfter = -1; // stop answering anything after this many tools/calls
    int pageSize = 0; // tools/list page size (0: one page)
    quint64 seed = 0; // 0: random
    QByteArray requiredToken; // when set, requests need "Authorization: Bearer <it>" (else 401)
    QStringList withoutTools; // tools this worker does not offer (to show tool drift)
    // --resource-prefix: this worker also lists PREFIX/info and the template
    // PREFIX/items/{id} and serves them (workers of a pool that differ in resources).
    QString resourcePrefix;
    QStringList extraPrompts; // --prompt: prompts only this worker lists (no arguments)
    // OAuth 2.1 (--oauth): /mcp needs a token from the worker's own
    // authorization server (DemoAuthServer), on the same origin.
    bool oauth = false;
    int tokenLifetimeSeconds = 3600;
    QByteArray oauthClientSecret; // of "demo-client" (client_credentials); empty: none
};

// A small, real MCP server over Streamable HTTP at /mcp, in the 2025-11-25
// era (sessions, JSON and SSE answers, a GET stream, DELETE, cancellation), the
// 2026-07-28 era (server/discover, header checks, MRTR, subscriptions/listen,
// cancellation by closing the stream) or both, with fault knobs that work in
// either. It shares JSON-RPC and SSE encoding with the client core.
class DemoServer final : public QObject
{
    Q_OBJECT
public:
    explicit DemoServer(const WorkerOptions &options, QObject *parent = nullptr);
    ~DemoServer() override;
    Q_DISABLE_COPY_MOVE(DemoServer)

    // Listens on address:port (0 = any free port); returns the port or 0.
    quint16 listen(const QHostAddress &address, quint16 port);
    // Serve HTTPS (before listen): certificate chain and private key, PEM files.
    bool enableTls(const QString &certificateFile, const QString &keyFile, QString *error);

private:
    struct Session;
    struct Stream;
    // A request being answered. The client may hang up at any time, and then
    // Qt HttpServer deletes the socket: every write checks the guard first.
    struct Exchange
    {
        std::shared_ptr<QHttpServerResponder> responder;
        QPointer<QTcpSocket> socket;
    };
    using Responder = std::shared_ptr<Exchange>;
    // Who asks: a 2025-11-25 session, or a 2026-07-28 request and what its
    // _meta declared.
    struct Context
    {
        QString sessionId; // legacy: the session; empty in the modern era
        bool modern = false;
        QJsonObject clientCapabilities;
        int logLevel = -1; // modern: least rank of notifications/message wanted; -1 none
    };
    struct Listener; // a subscriptions/listen stream

    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // True for localhost, 127.0.0.1 or [::1] (with any port) as a Host header or
    // in an Origin; an absent header passes.
    static bool isLoopbackAuthority(const QByteArray &value, bool isOrigin);
    void handleAuthEndpoint(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handlePost(const QHttpServerRequest &request, Responder responder);
    void handleGet(Session &session, const QHttpServerRequest &request, Responder responder);
    void handleRequest(Session &session, const JsonRpcMessage &message, Responder responder);
    bool looksModern(const QHttpServerRequest &request, const JsonRpcMessage &message) const;
    void handleModernPost(const QHttpServerRequest &request, const JsonRpcMessage &message,
                          Responder responder);
    void handleModernRequest(const Context &context, const JsonRpcMessage &message,
                             Responder responder);
    void callTool(const Context &context, const JsonRpcMessage &message, Responder responder);
    void runTool(const Context &context, const JsonRpcMessage &message, Responder responder);
    void runLegacyRoundTripTool(const Context &context, const JsonRpcMessage &message,
                                Responder responder);
    void answerPendingServerRequest(const JsonRpcMessage &response);
    void runRoundTripTool(const Context &context, const JsonRpcMessage &message,
                          Responder responder);
    void startStreamedTool(const Context &context, const JsonRpcMessage &message,
                           Responder responder);
    void openListener(const JsonRpcMessage &message, Responder responder);
    void toggleFlip();
    void notifyListeners(const QString &method, const QJsonObject &params,
                         const QString &resourceUri = {});
    void toolAnswered(const Responder &responder);
    // A result in the caller's era: 2026-07-28 adds resultType and serverInfo
    // (and ttlMs/cacheScope when cacheable).
    QJsonObject decorate(const Context &context, QJsonObject result, bool cacheable = false,
                         int ttlMs = -1) const;
    void answer(const Context &context, const Responder &responder, const QJsonValue &id,
                const QJsonObject &result, bool cacheable = false, int ttlMs = -1);
    // A tool result; in 2026-07-28 with the request's log messages before it (SSE).
    void answerTool(const Context &context, const Responder &responder,
                    const JsonRpcMessage &message, const QJsonObject &result);
    QList<QByteArray> logEvents(const Context &context, const JsonRpcMessage &message) const;
    QJsonObject serverInfo() const;
    QJsonObject capabilities(bool modern) const;
    QJsonArray readContents(const QString &uri) const;
    QJsonArray resourceList() const; // resources/list in both eras
    QJsonArray templateList() const; // resources/templates/list in both eras
    QJsonArray promptList() const; // prompts/list in both eras
    QJsonObject getPrompt(const QJsonObject &params, QString *error) const;
    QJsonObject complete(const QJsonObject &params, QString *error) const;
    QJsonArray tools(const Context &context) const;
    QJsonObject toolsPage(const Context &context, const QString &cursor, QString *error) const;
    QJsonObject stateResource() const;

    static void writeResponse(const Responder &exchange, int status, const QByteArray &contentType,
                              const QByteArray &body,
                              const QList<QPair<QByteArray, QByteArray>> &headers = {});
    static void writeJsonRpc(const Responder &exchange, const JsonRpcMessage &message,
                             const QList<QPair<QByteArray, QByteArray>> &headers = {});
    static void writeRpcError(const Responder &exchange, int status, int code, const QString &text);
    // Starts a chunked text/event-stream answer; false if the client is gone.
    static bool startEventStream(const Responder &exchange);
    // One SSE event as a chunk of a chunked answer; false if the client is gone.
    static bool writeChunk(const Responder &exchange, const QByteArray &event);
    static void endChunks(const Responder &exchange);
    static QByteArray messageEvent(const JsonRpcMessage &message);
    static void writeModernError(const Responder &exchange, int status, const QJsonValue &id,
                                 int code, const QString &text,
                                 const QJsonValue &data = QJsonValue::Undefined);

    WorkerOptions m_options;
    QHttpServer m_http;
    std::unique_ptr<DemoAuthServer> m_auth; // with --oauth
    bool m_https = false;
    bool m_loopback = false; // listening on a loopback address: Host/Origin must be local
    QRandomGenerator m_random;
    QElapsedTimer m_uptime;
    QHash<QString, std::shared_ptr<Session>> m_sessions;
    qint64 m_toolCallsAnswered = 0;
    qint64 m_toolCallsThrottled = 0;
    bool m_hanging = false;
    QList<Responder> m_hung; // requests that will never be answered (kept open)
    RequestStateSealer m_sealer;
    QList<std::shared_ptr<Listener>> m_listeners;
    QTimer *m_listChange = nullptr;
    bool m_flipOffered = false;
    // 2025-11-25 server requests sent on a tool call's stream, by request id key.
    struct PendingServerRequest
    {
        Responder responder;
        JsonRpcMessage call;
        Context context;
        bool askName = false;
    };
    QHash<QString, PendingServerRequest> m_pendingServerRequests;
    qint64 m_serverRequestIds = 0;
    int m_streamsRunning = 0; // streamed tool calls in progress
    qint64 m_requestsCancelled = 0; // streamed tool calls whose client closed the stream
};

} // namespace mcppm::demo
