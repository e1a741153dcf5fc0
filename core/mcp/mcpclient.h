#pragma once

#include "jsonrpc/jsonrpcsession.h"
#include "jsonrpc/mcperror.h"
#include "mcp/clientfeatures.h"
#include "mcp/customheaders.h"
#include "mcp/mcpcatalog.h"
#include "mcp/mcpheaders.h"
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

#include "jsonrpc/transport.h"

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
    // Which MCP era to speak: Auto tries 2026-07-28 (server/discover) and
    // falls back to initialize as the spec's backward-compatibility rules
    // say; Modern and Legacy pin one era.
    enum class ProtocolMode { Auto, Modern, Legacy };

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
    ProtocolMode protocol = ProtocolMode::Auto;
    // Server log messages at this level and above ("debug" … "emergency"; ""
    // = none): 2026-07-28 asks per request (_meta), 2025 with logging/setLevel.
    QString logLevel;
    int maxInputRounds = 8; // input_required answers per request before giving up (MRTR)
    // Server notifications: the GET stream (2025) or subscriptions/listen (2026).
    bool openServerStream = true;
    int listenRetryMaxMs = 30000; // a lost subscriptions/listen stream is reopened, backing off
    bool autoReconnect = true; // reconnect when a legacy event stream is lost
    bool fetchCatalog = true; // list tools (and refetch on list_changed) after connecting
    QString clientName = QStringLiteral("mcp-pool-monitor");
    QString clientVersion = QString::fromLatin1(kVersion);
    Http1Client *network = nullptr; // shared lane; not owned
    TimerSource *timers = nullptr; // injectable clock; not owned
    // A local server (stdio): makes the transport of each connection attempt
    // (a new process each time), instead of an HTTP one; baseUrl is then only
    // a label and the era is found as on HTTP (server/discover, initialize).
    std::function<Transport *(QObject *parent)> transportFactory;
};

// Per-call settings of McpClient::callTool.
struct McpCallOptions
{
    int timeoutMs = -1; // -1: the client's timeout
    bool resetTimeoutOnProgress = true;
    int maxTotalTimeoutMs = 0; // 0: 10 × timeout
    // 2026-07-28 servers: log messages at this level and above for this call
    // (_meta io.modelcontextprotocol/logLevel); "" = the client's own level.
    // 2025 servers have one level per session (setLogLevel).
    QString logLevel;
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
    // Modern: 2026-07-28, stateless, _meta on every request. Legacy:
    // initialize and a session (2025-11-25 and earlier).
    enum class Era { Unknown, Modern, Legacy };
    Q_ENUM(Era)

    using CallOptions = McpCallOptions;

    // Answers an elicitation/create request: call respond once with the
    // result object ({"action": "accept"|"decline"|"cancel", "content": {...}}).
    using ElicitationHandler
        = std::function<void(const QJsonObject &params, std::function<void(QJsonObject)> respond)>;

    static const QStringList &supportedProtocolVersions(); // legacy ones, newest first
    static const QStringList &modernProtocolVersions(); // 2026-07-28
    static QString stateName(State state);
    static QString eraName(Era era); // "modern", "legacy", ""

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
    McpReply *getPrompt(const QString &name, const QJsonObject &arguments, int timeoutMs = -1);
    // completion/complete: ref is {"type":"ref/prompt","name":…} or
    // {"type":"ref/resource","uri":…}; context holds arguments already given.
    McpReply *complete(const QJsonObject &ref, const QString &argument, const QString &value,
                       const QJsonObject &contextArguments = {}, int timeoutMs = -1);
    // Any other request (e.g. logging/setLevel). In 2026-07-28 every request
    // carries the _meta envelope; an input_required result is answered
    // (MRTR) and the request sent again.
    McpReply *request(const QString &method, const QJsonObject &params, int timeoutMs = -1);

    // notifications/resources/updated for this URI (resourceUpdated()):
    // resources/subscribe (2025) or subscriptions/listen (2026).
    void subscribeResource(const QString &uri);
    void unsubscribeResource(const QString &uri);
    QStringList resourceSubscriptions() const;
    void setLogLevel(const QString &level);

    State state() const { return m_state; }
    Era era() const { return m_era; }
    // The version in use once connected ("2026-07-28" or the initialize answer's).
    QString protocolVersion() const { return m_serverInfo.protocolVersion; }
    // 2026-07-28: the versions server/discover listed.
    QStringList serverSupportedVersions() const { return m_supportedVersions; }
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
    // Answers server requests (elicitation, sampling, roots) in both eras;
    // only `features` are declared as capabilities (from the next connection
    // on for 2025 servers, at once for 2026 ones).
    void setInputHandler(const ClientFeatures &features, InputHandler handler);
    // While the input handler runs: the id of our request the input is for
    // (the request whose stream carried a 2025 server request, or the request
    // a 2026 server answered input_required); Undefined when not known.
    QJsonValue inputRelatedRequestId() const { return m_inputRelatedId; }
    ClientFeatures features() const { return m_features; }

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
    // A connection the server had kept open closed from its side with
    // nothing running (Transport::connectionLost): it may be gone.
    void connectionLost();
    void protocolErrorOccurred(const mcppm::McpError &error);
    void toolsChanged();
    void resourcesChanged();
    void promptsChanged();
    void logMessageReceived(const QString &level, const QString &logger, const QJsonValue &data);
    // The same message when it came on the answer stream of one of our
    // requests (2025 POST streams, 2026 request streams): that request's id.
    void requestLogMessageReceived(const QJsonValue &requestId, const QString &level,
                                   const QString &logger, const QJsonValue &data);
    void resourceUpdated(const QString &uri);
    // A tool left out of the catalog: its x-mcp-header annotations break the rules (SEP-2243).
    void toolRefused(const QString &name, const QString &reason);
    // The server asked for input (2025 request or 2026 input_required).
    void inputRequested(const QString &method);
    void notificationReceived(const QString &method, const QJsonValue &params);
    void trafficObserved(bool outgoing, const QByteArray &json);

private:
    void setState(State state);
    void startAttempt();
    void createTransport(McpClientOptions::TransportMode mode);
    void onTransportOpened();
    void sendInitialize();
    void onInitialized(const JsonRpcMessage &response, const McpError &error);
    void sendDiscover();
    void onDiscovered(const JsonRpcMessage &response, const McpError &error);
    void fallBackToLegacy();
    void setWireModern(bool modern);
    QJsonObject withEnvelope(QJsonObject params) const;
    Transport::HeaderList headersFor(const JsonRpcMessage &message) const;
    void answerServerRequest(const JsonRpcMessage &request, JsonRpcSession::Responder respond);
    void askInput(const QString &method, const QJsonObject &params, InputResponder answered);
    void collectInputs(const QJsonObject &inputRequests,
                       std::function<void(const QJsonObject &, const McpError &)> done);
    void sendOnce(McpReply *reply, const QString &method, const QJsonObject &params,
                  const JsonRpcSession::RequestOptions &options, int round,
                  bool headersRetried = false);
    QJsonArray acceptTools(const QJsonArray &items);
    bool legacyTaskRequired(const QString &toolName) const;
    bool isSafeToReissue(const QString &method, const QJsonObject &params) const;
    void followTask(McpReply *reply, const QJsonObject &task,
                    const JsonRpcSession::RequestOptions &options, bool modern);
    void rememberListing(const QString &method, const QJsonObject &all);
    void openListen();
    void restartListen();
    void applyLogLevel();
    void sendResourceRequest(const QString &method, const QString &uri);
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
    ClientFeatures m_features;
    InputHandler m_inputHandler;
    QJsonValue m_inputRelatedId; // see inputRelatedRequestId()
    Era m_era = Era::Unknown;
    Era m_knownEra = Era::Unknown; // what the last connection found (re-probed when it fails)
    bool m_wireModern = false; // requests carry the 2026-07-28 envelope and headers
    bool m_skippedProbe = false;
    int m_versionRetries = 0; // discover asked again after -32022 naming 2026-07-28
    QStringList m_supportedVersions;
    mutable QJsonObject m_envelope; // the 2026-07-28 _meta every request carries (cached)
    QHash<QString, QList<McpHeaders::Parameter>> m_headerParameters; // tool → x-mcp-header params
    QStringList m_subscriptions;
    QJsonValue m_listenId;
    int m_listenGeneration = 0;
    int m_listenTimer = 0;
    int m_listenFailures = 0;
    struct CachedListing
    {
        QJsonObject result;
        qint64 freshUntilMs = 0;
    };
    QHash<QString, CachedListing> m_listings; // 2026-07-28 list results kept for their ttlMs
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
