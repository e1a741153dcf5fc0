#pragma once

#include "demoauthserver.h"

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

// What the demo worker is told on its command line.
struct WorkerOptions
{
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
    // OAuth 2.1 (--oauth): /mcp needs a token from the worker's own
    // authorization server (DemoAuthServer), on the same origin.
    bool oauth = false;
    int tokenLifetimeSeconds = 3600;
    QByteArray oauthClientSecret; // of "demo-client" (client_credentials); empty: none
};

// A small, real MCP server over Streamable HTTP at /mcp: sessions, JSON and
// SSE answers, a GET stream, DELETE, cancellation, and fault knobs. It shares
// JSON-RPC and SSE encoding with the client core.
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

    void handle(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handleAuthEndpoint(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    void handlePost(const QHttpServerRequest &request, Responder responder);
    void handleGet(Session &session, const QHttpServerRequest &request, Responder responder);
    void handleRequest(Session &session, const JsonRpcMessage &message, Responder responder);
    void callTool(Session &session, const JsonRpcMessage &message, Responder responder);
    void runTool(Session &session, const JsonRpcMessage &message, Responder responder);
    void startStreamedTool(Session &session, const JsonRpcMessage &message, Responder responder);
    void toolAnswered(const Responder &responder);
    QJsonObject toolsPage(const QString &cursor, QString *error) const;
    QJsonObject stateResource() const;

    static void writeResponse(const Responder &exchange, int status, const QByteArray &contentType,
                              const QByteArray &body,
                              const QList<QPair<QByteArray, QByteArray>> &headers = {});
    static void writeJsonRpc(const Responder &exchange, const JsonRpcMessage &message,
                             const QList<QPair<QByteArray, QByteArray>> &headers = {});
    static void writeRpcError(const Responder &exchange, int status, int code, const QString &text);
    // Starts a chunked text/event-stream answer; false if the client is gone.
    static bool startEventStream(const Responder &exchange);

    WorkerOptions m_options;
    QHttpServer m_http;
    std::unique_ptr<DemoAuthServer> m_auth; // with --oauth
    bool m_https = false;
    QRandomGenerator m_random;
    QElapsedTimer m_uptime;
    QHash<QString, std::shared_ptr<Session>> m_sessions;
    qint64 m_toolCallsAnswered = 0;
    qint64 m_toolCallsThrottled = 0;
    bool m_hanging = false;
    QList<Responder> m_hung; // requests that will never be answered (kept open)
};

} // namespace mcppm::demo
