#pragma once

#include "jsonrpc/jsonrpcsession.h"
#include "jsonrpc/mcperror.h"
#include "mcp/customheaders.h"
#include "mcp/mcpcatalog.h"
#include "mcp/toolresult.h"
#include "net/tlstrust.h"
#include "net/version.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUrl>

#include <functional>
#include <memory>

namespace mcppm {
class Http1Client;
}

namespace mcppm {

class AuthHandler;
class JsonSchemaValidator;
class McpReply;
class TimerSource;
class Transport;

struct McpClientOptions
{
    enum class TransportMode { Auto, StreamableHttp, LegacySse };

    QString serverId;
    QUrl baseUrl; // the MCP endpoint, e.g. http://127.0.0.1:3000/mcp
    QString authToken; // bearer token; never logged or shown
    TlsTrust tls; // https: extra CAs and/or a pinned certificate
    QString proxy; // "" (environment, then system), "none", or a proxy URL (ProxySettings)
    CustomHeaders::List headers; // extra headers on every request (CustomHeaders::check)
    // OAuth (instead of authToken): gives tokens and authorizes on 401/403
    // insufficient_scope; refused requests are sent again. Not owned.
    AuthHandler *auth = nullptr;
    int timeoutMs = 10000; // per request
    int retryAttempts = 3; // further connect attempts after a failed one
    int reconnectDelayMs = 1000; // base of the exponential backoff
    int reconnectMaxDelayMs = 30000;
    double backoffJitter = 0.2; // ± share of each delay
    qint64 maxBodyBytes = 32 * 1024 * 1024;
    TransportMode transport
        = TransportMode::Auto; // Auto: legacy SSE only on 400/404/405 to initialize
    bool openServerStream = true; // GET stream for server notifications (Streamable HTTP)
    bool autoReconnect = true; // reconnect when a legacy event stream is lost
    bool fetchCatalog = true; // list tools (and refetch on list_changed) after connecting
    QString clientName = QStringLiteral("mcp-pool-monitor");
    QString clientVersion = QString::fromLatin1(kVersion);
    Http1Client *network = nullptr; // shared lane; not owned
    TimerSource *timers = nullptr; // injectable clock; not owned
};

// Per-call settings of McpClient::callTool.
struct McpCallOptions
{
    int timeoutMs = -1; // -1: the client's timeout
    bool resetTimeoutOnProgress = true;
    int maxTotalTimeoutMs = 0; // 0: 10 × timeout
};

struct McpClientStats
{
    qint64 requestsSent = 0;
    qint64 responses = 0;
    qint64 errors = 0; // requests that ended in an error (not isError tool results)
    qint64 timeouts = 0;
    qint64 cancelled = 0;
    qint64 toolErrors = 0; // isError tool results
    qint64 notificationsReceived = 0;
    qint64 protocolErrors = 0; // unusable messages, unknown ids
    qint64 lastLatencyMs = -1;
    double averageLatencyMs = 0;
    qint64 bytesSent = 0;
    qint64 bytesReceived = 0;
    int reconnects = 0;
    QJsonObject toJson() const;
};

// A client for ONE MCP server: handshake, requests, catalog, reconnection.
class McpClient final : public QObject
{
    Q_OBJECT
public:
    enum class State { Disconnected, Connecting, Connected, Reconnecting, Failed };
    Q_ENUM(State)

    using CallOptions = McpCallOptions;

    // Answers an elicitation/create request: call respond once with the
    // result object ({"action": "accept"|"decline"|"cancel", "content": {...}}).
    using ElicitationHandler
        = std::function<void(const QJsonObject &params, std::function<void(QJsonObject)> respond)>;

    static const QStringList &supportedProtocolVersions(); // newest first
    static QString stateName(State state);

    explicit McpClient(const McpClientOptions &options, QObject *parent = nullptr);
    ~McpClient() override;
    Q_DISABLE_COPY_MOVE(McpClient)

    // Connects (initialize handshake) with up to retryAttempts retries, backing off.
    void connectToServer();
    // Ends the session (DELETE) and fails whatever is pending with "cancelled".
    void disconnectFromServer();
    // Drops the session and connects again (used by health checks).
    void reconnect();

    McpReply *ping(int timeoutMs = -1);
    McpReply *callTool(const QString &name, const QJsonObject &arguments,
                       const McpCallOptions &options = McpCallOptions());
    McpReply *readResource(const QString &uri, int timeoutMs = -1);
    // List calls follow nextCursor until it is absent; result holds every item.
    McpReply *listTools();
    McpReply *listResources();
    McpReply *listResourceTemplates();
    McpReply *listPrompts();
    // Any other request (e.g. prompts/get, logging/setLevel).
    McpReply *request(const QString &method, const QJsonObject &params, int timeoutMs = -1);

    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    McpError lastError() const { return m_lastError; }
    QString serverId() const { return m_options.serverId; }
    QUrl baseUrl() const { return m_options.baseUrl; }
    const McpClientOptions &options() const { return m_options; }
    ServerInfo serverInfo() const { return m_serverInfo; }
    QString sessionId() const;
    // Which transport the client ended up on ("streamable-http" or "sse").
    QString transportName() const;
    QList<ToolInfo> tools() const { return m_tools; }
    bool hasTool(const QString &name) const;
    McpClientStats stats() const;
    // A tools/call result, typed, with structuredContent checked against the
    // outputSchema this server declared for the tool (as callTool() does).
    ToolResult interpretToolResult(const QString &toolName, const QJsonObject &result);
    int pendingRequests() const;

    void setAuthToken(const QString &token);
    // New TLS trust for the next connection (call reconnect to apply it now).
    void setTlsTrust(const TlsTrust &trust);
    // OAuth for the next connection (not owned; null = none).
    void setAuthHandler(AuthHandler *auth) { m_options.auth = auth; }
    void setElicitationHandler(ElicitationHandler handler);

Q_SIGNALS:
    void stateChanged(mcppm::McpClient::State state);
    void connected();
    void connectFailed(const mcppm::McpError &error);
    void disconnected();
    // After disconnectFromServer(): the session has been ended on the server
    // (DELETE answered, or gave up), so the process may exit.
    void sessionClosed();
    // A request failed at the transport level (refused, reset, TLS, HTTP 5xx):
    // what passive health detection listens to.
    void requestErrorOccurred(const mcppm::McpError &error);
    void protocolErrorOccurred(const mcppm::McpError &error);
    void toolsChanged();
    void resourcesChanged();
    void promptsChanged();
    void logMessageReceived(const QString &level, const QString &logger, const QJsonValue &data);
    void notificationReceived(const QString &method, const QJsonValue &params);
    void trafficObserved(bool outgoing, const QByteArray &json);

private:
    void setState(State state);
    void startAttempt();
    void createTransport(McpClientOptions::TransportMode mode);
    void sendInitialize();
    void onInitialized(const JsonRpcMessage &response, const McpError &error);
    void completeConnection(bool wasReinitializing);
    void onAttemptFailed(const McpError &error);
    void scheduleRetry(const McpError &error);
    int backoffDelay(int attempt) const;
    void onTransportFailed(const McpError &error);
    void onSessionExpired(const JsonRpcMessage &message);
    void onNotification(const QString &method, const QJsonValue &params);
    void refreshTools();
    void setTools(const QJsonArray &items);
    McpReply *startRequest(const QString &method, const QJsonObject &params,
                           const JsonRpcSession::RequestOptions &options);
    McpReply *startListing(const QString &method, const QString &key);
    void sendListingPage(McpReply *reply, const QString &method, const QString &key,
                         const QString &cursor, QJsonArray items, int pages);
    void whenConnected(McpReply *reply, std::function<void()> send);
    void finishReply(McpReply *reply, const QJsonObject &result, const McpError &error);
    void checkToolResult(McpReply *reply, const QString &toolName);
    void failWaiting(const McpError &error);

    McpClientOptions m_options;
    TimerSource *m_timers = nullptr;
    std::unique_ptr<TimerSource> m_ownTimers;
    JsonRpcSession *m_session = nullptr;
    Transport *m_transport = nullptr;
    McpClientOptions::TransportMode m_mode = McpClientOptions::TransportMode::Auto;
    State m_state = State::Disconnected;
    McpError m_lastError;
    ServerInfo m_serverInfo;
    QList<ToolInfo> m_tools;
    QHash<QString, std::shared_ptr<JsonSchemaValidator>> m_outputValidators;
    ElicitationHandler m_elicitationHandler;
    int m_attempt = 0;
    int m_generation = 0; // counts connection attempts; stale answers are ignored
    int m_retryTimer = 0;
    bool m_reinitializing = false;
    int m_streamWaitTimer = 0; // waiting for the server stream before announcing the connection
    QList<JsonRpcMessage> m_resendQueue;
    QSet<QString> m_resentIds;
    QList<std::pair<QPointer<McpReply>, std::function<void()>>> m_waiting;
    mutable McpClientStats m_stats;
    qint64 m_latencyTotal = 0;
    qint64 m_finishedCount = 0;
    qint64 m_retiredBytesSent = 0;
    qint64 m_retiredBytesReceived = 0;
    QJsonValue m_initializeId;
};

} // namespace mcppm
