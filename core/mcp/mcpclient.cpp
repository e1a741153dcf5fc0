#include "mcp/mcpclient.h"

#include "mcp/legacyssetransport.h"
#include "mcp/mcpreply.h"
#include "mcp/streamablehttptransport.h"
#include "net/timersource.h"
#include "schema/jsonschemavalidator.h"

#include <QJsonArray>
#include <QRandomGenerator>
#include <QScopeGuard>
#include <QTimer>

namespace mcppm {

namespace {
const QString kLatestVersion = QStringLiteral("2025-11-25");
const QString kModernVersion = QStringLiteral("2026-07-28");
constexpr int kMaxListPages = 1000;
const QString kMetaVersion = QStringLiteral("io.modelcontextprotocol/protocolVersion");
const QString kMetaCapabilities = QStringLiteral("io.modelcontextprotocol/clientCapabilities");
const QString kMetaClientInfo = QStringLiteral("io.modelcontextprotocol/clientInfo");
const QString kMetaLogLevel = QStringLiteral("io.modelcontextprotocol/logLevel");
const QString kMetaSubscriptionId = QStringLiteral("io.modelcontextprotocol/subscriptionId");
const QString kTasksExtension = QStringLiteral("io.modelcontextprotocol/tasks");
constexpr int kDefaultPollMs = 1000;

bool isModernErrorCode(int code)
{
    return code == McpError::HeaderMismatch || code == McpError::MissingRequiredClientCapability
        || code == McpError::UnsupportedProtocolVersion;
}

HttpTransportOptions transportOptions(const McpClientOptions &o, TimerSource *timers)
{
    HttpTransportOptions t;
    t.url = o.baseUrl;
    t.authToken = o.authToken;
    t.tls = o.tls;
    t.proxy = o.proxy;
    t.headers = o.headers;
    t.auth = o.auth;
    t.maxBodyBytes = o.maxBodyBytes;
    t.connectTimeoutMs = o.timeoutMs;
    t.network = o.network;
    t.timers = timers;
    t.userAgent = o.clientName + QLatin1Char('/') + o.clientVersion;
    return t;
}

// An accepted form elicitation gets the schema's defaults for what the
// person left out; a URL-mode one (no requestedSchema) carries no content.
void applySchemaDefaults(QJsonObject &result, const QJsonObject &schema)
{
    if (schema.isEmpty()
        || result.value(QStringLiteral("action")).toString() != QLatin1String("accept"))
        return;
    result.insert(QStringLiteral("content"),
                  ClientFeatures::withSchemaDefaults(
                      result.value(QStringLiteral("content")).toObject(), schema));
}
} // namespace

QJsonObject McpClientStats::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("requestsSent"), requestsSent);
    o.insert(QStringLiteral("responses"), responses);
    o.insert(QStringLiteral("errors"), errors);
    o.insert(QStringLiteral("timeouts"), timeouts);
    o.insert(QStringLiteral("cancelled"), cancelled);
    o.insert(QStringLiteral("toolErrors"), toolErrors);
    o.insert(QStringLiteral("notificationsReceived"), notificationsReceived);
    o.insert(QStringLiteral("protocolErrors"), protocolErrors);
    o.insert(QStringLiteral("lastLatencyMs"), lastLatencyMs);
    o.insert(QStringLiteral("averageLatencyMs"), averageLatencyMs);
    o.insert(QStringLiteral("bytesSent"), bytesSent);
    o.insert(QStringLiteral("bytesReceived"), bytesReceived);
    o.insert(QStringLiteral("reconnects"), reconnects);
    return o;
}

const QStringList &McpClient::supportedProtocolVersions()
{
    static const QStringList versions{kLatestVersion, QStringLiteral("2025-06-18"),
                                      QStringLiteral("2025-03-26"), QStringLiteral("2024-11-05")};
    return versions;
}

const QStringList &McpClient::modernProtocolVersions()
{
    static const QStringList versions{kModernVersion};
    return versions;
}

QString McpClient::eraName(Era era)
{
    switch (era) {
    case Era::Modern:
        return QStringLiteral("modern");
    case Era::Legacy:
        return QStringLiteral("legacy");
    case Era::Unknown:
        break;
    }
    return {};
}

QString McpClient::stateName(State state)
{
    switch (state) {
    case State::Disconnected:
        return QStringLiteral("disconnected");
    case State::Connecting:
        return QStringLiteral("connecting");
    case State::Connected:
        return QStringLiteral("connected");
    case State::Reconnecting:
        return QStringLiteral("reconnecting");
    case State::Failed:
        return QStringLiteral("failed");
    }
    return {};
}

McpClient::McpClient(const McpClientOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
{
    m_timers = options.timers;
    if (!m_timers) {
        m_ownTimers = std::make_unique<SystemTimerSource>();
        m_timers = m_ownTimers.get();
    }
    m_session = new JsonRpcSession(m_timers, this);
    m_session->setServerId(options.serverId);
    connect(m_session, &JsonRpcSession::notificationReceived, this, &McpClient::onNotification);
    connect(m_session, &JsonRpcSession::protocolErrorOccurred, this, [this](const McpError &error) {
        ++m_stats.protocolErrors;
        Q_EMIT protocolErrorOccurred(error);
    });
    for (const QString &method :
         {QStringLiteral("elicitation/create"), QStringLiteral("sampling/createMessage"),
          QStringLiteral("roots/list")}) {
        m_session->setRequestHandler(
            method, [this](const JsonRpcMessage &request, JsonRpcSession::Responder respond) {
                answerServerRequest(request, std::move(respond));
            });
    }
}

McpClient::~McpClient()
{
    if (m_listenTimer)
        m_timers->cancel(m_listenTimer);
    if (m_retryTimer)
        m_timers->cancel(m_retryTimer);
    if (m_streamWaitTimer)
        m_timers->cancel(m_streamWaitTimer);
    // Replies are children of the client and die with it; nothing is called back.
    m_session->setTransport(nullptr);
    m_session->disconnect(this);
    delete m_session;
    m_session = nullptr;
    delete m_transport;
}

void McpClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

QString McpClient::sessionId() const
{
    return m_transport ? m_transport->sessionId() : QString();
}

QString McpClient::transportName() const
{
    if (!m_transport)
        return {};
    switch (m_transport->kind()) {
    case Transport::Kind::LegacySse:
        return QStringLiteral("sse");
    case Transport::Kind::Stdio:
        return QStringLiteral("stdio");
    case Transport::Kind::StreamableHttp:
        break;
    }
    return QStringLiteral("streamable-http");
}

bool McpClient::hasTool(const QString &name) const
{
    for (const ToolInfo &tool : m_tools) {
        if (tool.name == name)
            return true;
    }
    return false;
}

McpClientStats McpClient::stats() const
{
    McpClientStats s = m_stats;
    s.bytesSent = m_retiredBytesSent + (m_transport ? m_transport->bytesSent() : 0);
    s.bytesReceived = m_retiredBytesReceived + (m_transport ? m_transport->bytesReceived() : 0);
    s.averageLatencyMs = m_finishedCount ? double(m_latencyTotal) / double(m_finishedCount) : 0;
    return s;
}

int McpClient::pendingRequests() const
{
    // The long-lived subscriptions/listen request is not work in flight.
    const bool listening
        = !m_listenId.isUndefined() && !m_listenId.isNull() && m_session->isPending(m_listenId);
    return m_session->pendingCount() - (listening ? 1 : 0) + int(m_waiting.size());
}

void McpClient::setAuthToken(const QString &token)
{
    m_options.authToken = token;
    m_listings.clear(); // a private cacheScope belongs to the old token
    if (m_transport)
        m_transport->setAuthToken(token);
}

void McpClient::setTlsTrust(const TlsTrust &trust)
{
    m_options.tls = trust; // the next connection (reconnect) uses it
}

void McpClient::setElicitationHandler(ElicitationHandler handler)
{
    ClientFeatures features;
    features.elicitationForm = bool(handler);
    if (!handler) {
        setInputHandler(features, {});
        return;
    }
    setInputHandler(features,
                    [handler](const QString &, const QJsonObject &params, InputResponder respond) {
                        handler(params, [respond](QJsonObject result) { respond(result, {}); });
                    });
}

void McpClient::setInputHandler(const ClientFeatures &features, InputHandler handler)
{
    m_envelope = {};
    m_features = handler ? features : ClientFeatures();
    m_inputHandler = std::move(handler);
}

void McpClient::answerServerRequest(const JsonRpcMessage &request,
                                    JsonRpcSession::Responder respond)
{
    const QJsonObject params = request.params.toObject();
    QString why;
    if (!m_inputHandler || !m_features.handles(request.method, params, &why)) {
        respond(JsonRpcMessage::error(
            request.id, JsonRpcMessage::MethodNotFound,
            why.isEmpty() ? QStringLiteral("Method not found: %1").arg(request.method) : why));
        return;
    }
    const QJsonValue id = request.id;
    const QJsonValue previous = std::exchange(m_inputRelatedId, request.relatedId);
    const auto restore = qScopeGuard([this, previous]() { m_inputRelatedId = previous; });
    askInput(request.method, params,
             [respond, id](const QJsonObject &result, const McpError &error) {
                 if (error)
                     respond(JsonRpcMessage::error(id, error.rpcCode ? error.rpcCode : -32603,
                                                   error.message));
                 else
                     respond(JsonRpcMessage::response(id, result));
             });
}

// One server request (2025) or input request (2026) to the handler, which
// the caller checked handles it; an accepted form elicitation comes back with
// the schema's defaults filled in. Nothing is called once the client is gone.
void McpClient::askInput(const QString &method, const QJsonObject &params, InputResponder answered)
{
    Q_EMIT inputRequested(method);
    QPointer<McpClient> self(this);
    const QJsonObject schema = method == QLatin1String("elicitation/create")
        ? params.value(QStringLiteral("requestedSchema")).toObject()
        : QJsonObject();
    m_inputHandler(method, params,
                   [self, schema, answered](QJsonObject result, const McpError &error) {
                       if (!self)
                           return;
                       if (!error)
                           applySchemaDefaults(result, schema);
                       answered(result, error);
                   });
}

// ---- connection lifecycle ------------------------------------------------

void McpClient::connectToServer()
{
    if (m_state == State::Connecting || m_state == State::Connected)
        return;
    if (m_retryTimer) {
        m_timers->cancel(m_retryTimer);
        m_retryTimer = 0;
    }
    if (!m_options.transportFactory
        && (!m_options.baseUrl.isValid() || m_options.baseUrl.isRelative()
            || (m_options.baseUrl.scheme() != QLatin1String("http")
                && m_options.baseUrl.scheme() != QLatin1String("https")))) {
        m_lastError = McpError::make(
            McpError::Kind::Transport,
            QStringLiteral("invalid server URL \"%1\": an http:// or https:// URL is needed")
                .arg(m_options.baseUrl.toDisplayString(QUrl::RemoveUserInfo)));
        m_lastError.serverId = m_options.serverId;
        setState(State::Failed);
        QTimer::singleShot(0, this, [this, error = m_lastError]() {
            failWaiting(error);
            Q_EMIT connectFailed(error);
        });
        return;
    }
    m_attempt = 0;
    m_mode = m_options.transport;
    setState(m_state == State::Failed || m_state == State::Disconnected ? State::Connecting
                                                                        : m_state);
    startAttempt();
}

void McpClient::reconnect()
{
    if (m_retryTimer) {
        m_timers->cancel(m_retryTimer);
        m_retryTimer = 0;
    }
    ++m_stats.reconnects;
    m_attempt = 0;
    m_mode = m_options.transport;
    setState(State::Reconnecting);
    startAttempt();
}

void McpClient::createTransport(McpClientOptions::TransportMode mode)
{
    if (m_transport) {
        m_retiredBytesSent += m_transport->bytesSent();
        m_retiredBytesReceived += m_transport->bytesReceived();
        m_transport->disconnect(this);
        m_session->setTransport(nullptr);
        // End the old session politely (DELETE); the transport goes once closed.
        connect(m_transport, &Transport::closed, m_transport, &QObject::deleteLater);
        m_transport->close();
        m_transport = nullptr;
        // Answers to what is still pending would have come over the old
        // connection; they cannot arrive any more.
        McpError e
            = McpError::make(McpError::Kind::Transport,
                             QStringLiteral("connection to the server was reset (reconnecting)"));
        e.serverId = m_options.serverId;
        m_session->failAll(e);
    }
    const HttpTransportOptions options = transportOptions(m_options, m_timers);
    if (m_options.transportFactory)
        m_transport = m_options.transportFactory(this);
    else if (mode == McpClientOptions::TransportMode::LegacySse)
        m_transport = new LegacySseTransport(options, this);
    else
        m_transport = new StreamableHttpTransport(options, this);
    m_session->setTransport(m_transport);
    connect(m_transport, &Transport::opened, this, &McpClient::onTransportOpened);
    m_transport->setHeaderProvider(
        [this](const JsonRpcMessage &message) { return headersFor(message); });
    connect(m_transport, &Transport::failed, this, &McpClient::onTransportFailed);
    connect(m_transport, &Transport::sessionExpired, this, &McpClient::onSessionExpired);
    connect(m_transport, &Transport::trafficObserved, this, &McpClient::trafficObserved);
    connect(m_transport, &Transport::connectionLost, this, &McpClient::connectionLost);
    connect(m_transport, &Transport::requestFailed, this,
            [this](const QJsonValue &, McpError error) {
                if (error.kind == McpError::Kind::Transport || error.kind == McpError::Kind::Tls
                    || (error.kind == McpError::Kind::Http && error.httpStatus >= 500)) {
                    error.serverId = m_options.serverId;
                    Q_EMIT requestErrorOccurred(error);
                }
            });
}

void McpClient::startAttempt()
{
    if (m_streamWaitTimer) {
        m_timers->cancel(m_streamWaitTimer);
        m_streamWaitTimer = 0;
    }
    ++m_generation;
    ++m_listenGeneration;
    if (m_listenTimer) {
        m_timers->cancel(m_listenTimer);
        m_listenTimer = 0;
    }
    m_listenId = QJsonValue();
    m_reinitializing = false;
    m_initializeId = QJsonValue();
    m_serverInfo = ServerInfo();
    m_era = Era::Unknown;
    m_versionRetries = 0;
    m_supportedVersions.clear();
    const bool legacySse = m_mode == McpClientOptions::TransportMode::LegacySse;
    // 2026-07-28 first (Auto), unless this server was found to be legacy
    // last time: then initialize first, and probe again if that fails.
    const bool probe = !legacySse && m_options.protocol != McpClientOptions::ProtocolMode::Legacy
        && (m_options.protocol == McpClientOptions::ProtocolMode::Modern
            || m_knownEra != Era::Legacy);
    m_skippedProbe
        = !legacySse && !probe && m_options.protocol == McpClientOptions::ProtocolMode::Auto;
    createTransport(legacySse ? McpClientOptions::TransportMode::LegacySse
                              : McpClientOptions::TransportMode::StreamableHttp);
    setWireModern(probe);
    m_transport->open();
}

void McpClient::setWireModern(bool modern)
{
    m_wireModern = modern;
    m_session->setCancelByClosing(modern);
    if (m_transport) {
        m_transport->setStateless(modern);
        m_transport->setProtocolVersion(modern ? kModernVersion : QString());
    }
}

void McpClient::onTransportOpened()
{
    if (m_wireModern)
        sendDiscover();
    else
        sendInitialize();
}

QJsonObject McpClient::withEnvelope(QJsonObject params) const
{
    if (!m_wireModern)
        return params;
    if (m_envelope.isEmpty()) {
        // Built once per features and log level (every request carries it).
        QJsonObject capabilities = m_features.capabilities();
        QJsonObject extensions;
        extensions.insert(kTasksExtension, QJsonObject()); // task results are followed
        capabilities.insert(QStringLiteral("extensions"), extensions);
        QJsonObject clientInfo;
        clientInfo.insert(QStringLiteral("name"), m_options.clientName);
        clientInfo.insert(QStringLiteral("title"), QStringLiteral("MCP Pool Monitor"));
        clientInfo.insert(QStringLiteral("version"), m_options.clientVersion);
        m_envelope.insert(kMetaVersion, kModernVersion);
        m_envelope.insert(kMetaCapabilities, capabilities);
        m_envelope.insert(kMetaClientInfo, clientInfo);
        if (!m_options.logLevel.isEmpty())
            m_envelope.insert(kMetaLogLevel, m_options.logLevel);
    }
    const auto given = params.constFind(QStringLiteral("_meta"));
    if (given == params.constEnd() || !given->isObject()) {
        params.insert(QStringLiteral("_meta"), m_envelope);
        return params;
    }
    QJsonObject meta = given->toObject();
    for (auto it = m_envelope.begin(); it != m_envelope.end(); ++it) {
        if (it.key() == kMetaLogLevel && meta.contains(kMetaLogLevel))
            continue; // a level asked for this request
        meta.insert(it.key(), it.value());
    }
    params.insert(QStringLiteral("_meta"), meta);
    return params;
}

Transport::HeaderList McpClient::headersFor(const JsonRpcMessage &message) const
{
    if (!m_wireModern || !message.isRequest())
        return {};
    const QJsonObject params = message.params.toObject();
    McpHeaders::List headers = McpHeaders::standard(message.method, params);
    if (message.method == QLatin1String("tools/call")) {
        const auto parameters
            = m_headerParameters.constFind(params.value(QStringLiteral("name")).toString());
        if (parameters != m_headerParameters.constEnd())
            headers += McpHeaders::forArguments(
                *parameters, params.value(QStringLiteral("arguments")).toObject());
    }
    return headers;
}

void McpClient::sendDiscover()
{
    JsonRpcSession::RequestOptions options;
    options.timeoutMs = m_options.timeoutMs;
    ++m_stats.requestsSent;
    const int generation = m_generation;
    m_initializeId = m_session->sendRequest(
        QStringLiteral("server/discover"), withEnvelope({}), options, this,
        [this, generation](const JsonRpcMessage &response, const McpError &error) {
            if (generation == m_generation)
                onDiscovered(response, error);
        });
}

void McpClient::onDiscovered(const JsonRpcMessage &response, const McpError &error)
{
    const bool pinned = m_options.protocol == McpClientOptions::ProtocolMode::Modern;
    if (error) {
        const bool modernAnswer = isModernErrorCode(error.rpcCode)
            && (error.kind == McpError::Kind::Http || error.kind == McpError::Kind::Rpc);
        if (modernAnswer && error.rpcCode == McpError::UnsupportedProtocolVersion) {
            // A server of another (later) modern revision, or a dual-era one
            // that does not take 2026-07-28: choose from what it supports.
            QStringList supported;
            for (const QJsonValue &v :
                 error.data.toObject().value(QStringLiteral("supported")).toArray())
                supported << v.toString();
            if (supported.contains(kModernVersion) && m_versionRetries < 2) {
                // It does take 2026-07-28 after all (the version is chosen
                // per request): ask again with it.
                ++m_versionRetries;
                sendDiscover();
                return;
            }
            for (const QString &version : supportedProtocolVersions()) {
                if (supported.contains(version) && !pinned) {
                    fallBackToLegacy();
                    return;
                }
            }
            McpError e = McpError::make(
                McpError::Kind::UnsupportedVersion,
                QStringLiteral("server supports protocol versions %1; this client speaks %2")
                    .arg(supported.isEmpty() ? QStringLiteral("(none named)")
                                             : supported.join(QStringLiteral(", ")),
                         (modernProtocolVersions() + supportedProtocolVersions())
                             .join(QStringLiteral(", "))));
            m_attempt = m_options.retryAttempts; // retrying will not help
            onAttemptFailed(e);
            return;
        }
        if (modernAnswer) {
            McpError e = error;
            e.message = QStringLiteral("server/discover refused: ") + error.message;
            m_attempt = m_options.retryAttempts;
            onAttemptFailed(e);
            return;
        }
        // A 4xx without a modern JSON-RPC error, or a JSON-RPC error that
        // is not a modern one (-32601, "not initialized"): a legacy server.
        const bool legacyAnswer
            = (error.kind == McpError::Kind::Http
               && (error.httpStatus == 400 || error.httpStatus == 404 || error.httpStatus == 405))
            || error.kind == McpError::Kind::Rpc;
        if (legacyAnswer && !pinned) {
            fallBackToLegacy();
            return;
        }
        McpError e = error;
        if (legacyAnswer) {
            e.message = QStringLiteral("server does not speak MCP %1 (pinned): %2")
                            .arg(kModernVersion, error.message);
            m_attempt = m_options.retryAttempts;
        }
        onAttemptFailed(e);
        return;
    }
    ++m_stats.responses;
    const QJsonObject result = response.result.toObject();
    if (!result.value(QStringLiteral("supportedVersions")).isArray() && !pinned) {
        // Not a discover result: something answered every method alike.
        fallBackToLegacy();
        return;
    }
    m_supportedVersions.clear();
    for (const QJsonValue &v : result.value(QStringLiteral("supportedVersions")).toArray())
        m_supportedVersions << v.toString();
    if (!m_supportedVersions.contains(kModernVersion)) {
        for (const QString &version : supportedProtocolVersions()) {
            if (m_supportedVersions.contains(version) && !pinned) {
                fallBackToLegacy();
                return;
            }
        }
        McpError e = McpError::make(
            McpError::Kind::UnsupportedVersion,
            QStringLiteral("server supports protocol versions %1; this client speaks %2")
                .arg(m_supportedVersions.join(QStringLiteral(", ")),
                     (modernProtocolVersions() + supportedProtocolVersions())
                         .join(QStringLiteral(", "))));
        m_attempt = m_options.retryAttempts;
        onAttemptFailed(e);
        return;
    }
    m_era = Era::Modern;
    m_knownEra = Era::Modern;
    m_versionRetries = 0;
    m_serverInfo = ServerInfo::fromDiscoverResult(result, kModernVersion);
    m_attempt = 0;
    m_lastError = {};
    completeConnection(false);
}

void McpClient::fallBackToLegacy()
{
    m_knownEra = Era::Legacy;
    setWireModern(false);
    sendInitialize();
}

void McpClient::sendInitialize()
{
    const QJsonObject capabilities = m_features.capabilities();
    QJsonObject clientInfo;
    clientInfo.insert(QStringLiteral("name"), m_options.clientName);
    clientInfo.insert(QStringLiteral("title"), QStringLiteral("MCP Pool Monitor"));
    clientInfo.insert(QStringLiteral("version"), m_options.clientVersion);
    QJsonObject params;
    params.insert(QStringLiteral("protocolVersion"), kLatestVersion);
    params.insert(QStringLiteral("capabilities"), capabilities);
    params.insert(QStringLiteral("clientInfo"), clientInfo);
    JsonRpcSession::RequestOptions options;
    options.timeoutMs = m_options.timeoutMs;
    ++m_stats.requestsSent;
    const int generation = m_generation;
    m_initializeId = m_session->sendRequest(
        QStringLiteral("initialize"), params, options, this,
        [this, generation](const JsonRpcMessage &response, const McpError &error) {
            if (generation == m_generation) // not a superseded attempt
                onInitialized(response, error);
        });
}

void McpClient::onInitialized(const JsonRpcMessage &response, const McpError &error)
{
    if (error) {
        if (m_skippedProbe && !m_reinitializing && error.kind == McpError::Kind::Http
            && (error.httpStatus == 400 || error.httpStatus == 404 || error.httpStatus == 405)) {
            // Assumed legacy from last time, but initialize is refused: the
            // server may have moved to 2026-07-28. Probe again.
            m_knownEra = Era::Unknown;
            startAttempt();
            return;
        }
        const bool fallback = m_mode == McpClientOptions::TransportMode::Auto
            && error.kind == McpError::Kind::Http
            && (error.httpStatus == 400 || error.httpStatus == 404 || error.httpStatus == 405)
            && !m_reinitializing;
        if (fallback) {
            // A 2024-11-05 server: try the legacy HTTP+SSE transport on the same URL.
            m_mode = McpClientOptions::TransportMode::LegacySse;
            startAttempt();
            return;
        }
        onAttemptFailed(error);
        return;
    }
    ++m_stats.responses;
    const QJsonObject result = response.result.toObject();
    const ServerInfo info = ServerInfo::fromInitializeResult(result);
    if (!supportedProtocolVersions().contains(info.protocolVersion)) {
        McpError e = McpError::make(
            McpError::Kind::UnsupportedVersion,
            QStringLiteral("server answered protocol version \"%1\"; this client speaks %2")
                .arg(info.protocolVersion, supportedProtocolVersions().join(QStringLiteral(", "))));
        e.serverId = m_options.serverId;
        m_attempt = m_options.retryAttempts; // retrying will not help
        onAttemptFailed(e);
        return;
    }
    m_serverInfo = info;
    m_era = Era::Legacy;
    if (m_options.protocol == McpClientOptions::ProtocolMode::Auto
        && m_transport->kind() != Transport::Kind::LegacySse)
        m_knownEra = Era::Legacy;
    m_transport->setProtocolVersion(info.protocolVersion);
    m_session->sendNotification(QStringLiteral("notifications/initialized"));
    applyLogLevel();
    m_attempt = 0;
    m_lastError = {};
    const bool wasReinitializing = m_reinitializing;
    m_reinitializing = false;
    // Servers may send requests (elicitation, ...) on the GET stream only, and
    // drop them while none is open: wait until it is settled, briefly.
    if (m_options.openServerStream && m_transport->openServerStream()) {
        Transport *transport = m_transport;
        auto finish = [this, transport, wasReinitializing]() {
            if (!m_streamWaitTimer || transport != m_transport)
                return;
            m_timers->cancel(m_streamWaitTimer);
            m_streamWaitTimer = 0;
            completeConnection(wasReinitializing);
        };
        connect(m_transport, &Transport::serverStreamSettled, this, finish,
                Qt::SingleShotConnection);
        m_streamWaitTimer = m_timers->start(qMin(m_options.timeoutMs, 3000), finish);
        return;
    }
    completeConnection(wasReinitializing);
}

void McpClient::completeConnection(bool wasReinitializing)
{
    setState(State::Connected);
    // Messages that met an expired session go out again, once.
    const QList<JsonRpcMessage> resend = std::exchange(m_resendQueue, {});
    for (const JsonRpcMessage &message : resend)
        m_transport->send(message);
    // Calls made while connecting go out now.
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &entry : waiting) {
        if (entry.first && !entry.first->isFinished())
            entry.second();
    }
    if (!wasReinitializing)
        Q_EMIT connected();
    if (m_options.fetchCatalog && m_serverInfo.hasTools())
        refreshTools();
    if (m_era == Era::Modern) {
        openListen();
    } else if (m_serverInfo.capabilities.value(QStringLiteral("resources"))
                   .toObject()
                   .value(QStringLiteral("subscribe"))
                   .toBool()) {
        for (const QString &uri : std::as_const(m_subscriptions))
            sendResourceRequest(QStringLiteral("resources/subscribe"), uri);
    }
}

void McpClient::onAttemptFailed(const McpError &error)
{
    McpError e = error;
    e.serverId = m_options.serverId;
    m_lastError = e;
    if (m_attempt < m_options.retryAttempts && m_state != State::Disconnected) {
        scheduleRetry(e);
        return;
    }
    // Gave up: tell everyone waiting.
    m_reinitializing = false;
    const QList<JsonRpcMessage> resend = std::exchange(m_resendQueue, {});
    for (const JsonRpcMessage &message : resend)
        m_session->cancel(message.id, QString()); // nothing to resend to
    m_session->failAll(e);
    failWaiting(e);
    setState(State::Failed);
    Q_EMIT connectFailed(e);
}

int McpClient::backoffDelay(int attempt) const
{
    const double base = double(m_options.reconnectDelayMs) * double(1 << qMin(attempt, 20));
    const double capped = qMin(base, double(m_options.reconnectMaxDelayMs));
    const double jitter = 1.0
        + m_options.backoffJitter * (QRandomGenerator::global()->generateDouble() * 2.0 - 1.0);
    return int(qMax(0.0, capped * jitter));
}

void McpClient::scheduleRetry(const McpError &)
{
    const int delay = backoffDelay(m_attempt);
    ++m_attempt;
    if (m_state == State::Connected)
        setState(State::Reconnecting);
    m_retryTimer = m_timers->start(delay, [this]() {
        m_retryTimer = 0;
        startAttempt();
    });
}

void McpClient::onTransportFailed(const McpError &error)
{
    McpError e = error;
    e.serverId = m_options.serverId;
    if (m_state == State::Connected) {
        // The legacy event stream is gone: nothing pending can be answered.
        m_lastError = e;
        m_session->failAll(e);
        Q_EMIT requestErrorOccurred(e);
        if (m_options.autoReconnect) {
            m_attempt = 0;
            ++m_stats.reconnects;
            setState(State::Reconnecting);
            scheduleRetry(e);
        } else {
            setState(State::Failed);
            Q_EMIT disconnected();
        }
        return;
    }
    // Connecting: a pending initialize fails through its handler; otherwise
    // (the transport never opened) the attempt fails here.
    const bool initializePending = m_session->isPending(m_initializeId);
    m_session->failAll(e);
    if (!initializePending)
        onAttemptFailed(e);
}

void McpClient::onSessionExpired(const JsonRpcMessage &message)
{
    const QString key = JsonRpcMessage::idKey(message.id);
    if (message.method == QLatin1String("initialize") || m_resentIds.contains(key)) {
        m_session->cancel(message.id, QString());
        McpError e = McpError::make(
            McpError::Kind::SessionExpired,
            QStringLiteral("session expired again after re-initializing (%1)").arg(message.method));
        e.serverId = m_options.serverId;
        // cancel() already finished it as cancelled if it was pending; report the reason too.
        Q_EMIT requestErrorOccurred(e);
        return;
    }
    m_resentIds.insert(key);
    if (m_resentIds.size() > 10000)
        m_resentIds.clear();
    m_resendQueue.append(message);
    if (m_reinitializing)
        return;
    // The session is gone: initialize again on the same transport, then resend.
    m_reinitializing = true;
    m_transport->resetSession();
    sendInitialize();
}

void McpClient::disconnectFromServer()
{
    if (m_retryTimer) {
        m_timers->cancel(m_retryTimer);
        m_retryTimer = 0;
    }
    if (m_streamWaitTimer) {
        m_timers->cancel(m_streamWaitTimer);
        m_streamWaitTimer = 0;
    }
    ++m_listenGeneration;
    if (m_listenTimer) {
        m_timers->cancel(m_listenTimer);
        m_listenTimer = 0;
    }
    m_listenId = QJsonValue();
    m_listings.clear();
    const State previous = m_state;
    setState(State::Disconnected);
    const McpError e = McpError::make(McpError::Kind::Cancelled,
                                      QStringLiteral("cancelled: client disconnected"));
    m_resendQueue.clear();
    m_session->failAll(e);
    failWaiting(e);
    if (m_transport) {
        m_transport->disconnect(this);
        m_session->setTransport(nullptr);
        m_retiredBytesSent += m_transport->bytesSent();
        m_retiredBytesReceived += m_transport->bytesReceived();
        Transport *transport = m_transport;
        m_transport = nullptr;
        connect(transport, &Transport::closed, this, [this, transport]() {
            transport->deleteLater();
            Q_EMIT sessionClosed();
        });
        transport->close();
    } else {
        QTimer::singleShot(0, this, &McpClient::sessionClosed);
    }
    if (previous != State::Disconnected)
        Q_EMIT disconnected();
}

void McpClient::failWaiting(const McpError &error)
{
    const auto waiting = std::exchange(m_waiting, {});
    for (const auto &entry : waiting) {
        if (entry.first)
            finishReply(entry.first, {}, error);
    }
}

// ---- requests -------------------------------------------------------------

void McpClient::whenConnected(McpReply *reply, std::function<void()> send)
{
    switch (m_state) {
    case State::Connected:
        send();
        return;
    case State::Connecting:
    case State::Reconnecting:
        m_waiting.append({QPointer<McpReply>(reply), std::move(send)});
        return;
    case State::Disconnected:
    case State::Failed: {
        McpError e = m_lastError.isError() && m_state == State::Failed
            ? m_lastError
            : McpError::make(McpError::Kind::NotConnected, QStringLiteral("not connected"));
        if (e.kind != McpError::Kind::NotConnected)
            e.message = QStringLiteral("not connected: ") + e.message;
        e.kind = McpError::Kind::NotConnected;
        e.notDelivered = true;
        QPointer<McpReply> guard(reply);
        QTimer::singleShot(0, this, [this, guard, e]() {
            if (guard)
                finishReply(guard, {}, e);
        });
        return;
    }
    }
}

McpReply *McpClient::startRequest(const QString &method, const QJsonObject &params,
                                  const JsonRpcSession::RequestOptions &options)
{
    auto *reply = new McpReply(method, this);
    QPointer<McpReply> guard(reply);
    whenConnected(reply, [this, guard, method, params, options]() {
        if (guard)
            sendOnce(guard, method, params, options, 0);
    });
    if (!reply->m_canceller) {
        // Still waiting for the connection: cancelling just drops it.
        reply->m_canceller = [this, guard]() {
            if (guard && guard->m_requestId.isUndefined())
                finishReply(guard, {},
                            McpError::make(McpError::Kind::Cancelled,
                                           QStringLiteral("cancelled: %1").arg(guard->method())));
        };
    }
    return reply;
}

// One round of a request. In 2026-07-28 an input_required result is
// answered and the request sent again with a new id (MRTR), at most
// maxInputRounds times; a HeaderMismatch on tools/call refetches the tool
// list and sends once more.
void McpClient::sendOnce(McpReply *reply, const QString &method, const QJsonObject &params,
                         const JsonRpcSession::RequestOptions &options, int round,
                         bool headersRetried)
{
    QPointer<McpReply> guard(reply);
    const qint64 started = m_timers->nowUs();
    ++m_stats.requestsSent;
    const bool modern = m_wireModern;
    QJsonObject sent = params;
    const bool asTask = !modern && method == QLatin1String("tools/call")
        && legacyTaskRequired(params.value(QStringLiteral("name")).toString());
    if (asTask)
        sent.insert(QStringLiteral("task"), QJsonObject()); // 2025-11-25 task augmentation
    const QJsonValue id = m_session->sendRequest(
        method, withEnvelope(sent), options, guard,
        [this, guard, started, method, params, options, round, modern, headersRetried,
         asTask](const JsonRpcMessage &response, const McpError &error) {
            if (!guard || guard->isFinished())
                return;
            const qint64 latencyUs = m_timers->nowUs() - started;
            const qint64 latency = latencyUs / 1000;
            guard->m_latencyUs = latencyUs;
            if (!error) {
                ++m_stats.responses;
                m_stats.lastLatencyMs = latency;
                m_latencyTotal += latency;
                ++m_finishedCount;
            }
            if (!error && !response.result.isObject()) {
                finishReply(
                    guard, {},
                    McpError::make(
                        McpError::Kind::Protocol,
                        QStringLiteral("result of %1 is not an object").arg(guard->method())));
                return;
            }
            guard->m_latencyMs = latency;
            const QJsonObject result = response.result.toObject();
            if (modern && error && error.rpcCode == McpError::HeaderMismatch
                && method == QLatin1String("tools/call") && !headersRetried
                && m_state == State::Connected) {
                // The tool's x-mcp-header annotations may have changed:
                // list the tools again, then send once more.
                McpReply *listing = listTools();
                connect(listing, &McpReply::finished, this,
                        [this, guard, listing, method, params, options, round]() {
                            listing->deleteLater();
                            if (guard && !guard->isFinished())
                                sendOnce(guard, method, params, options, round, true);
                        });
                return;
            }
            if (modern && error.kind == McpError::Kind::Transport && !error.notDelivered
                && !(guard->m_reissued) && m_state == State::Connected
                && isSafeToReissue(method, params)) {
                // 2026-07-28 streams cannot be resumed: a request lost with
                // its stream is sent again (new id) where running it twice
                // does no harm, once.
                guard->m_reissued = true;
                sendOnce(guard, method, params, options, round, headersRetried);
                return;
            }
            const QString resultType = result.value(QStringLiteral("resultType")).toString();
            if (!error && modern && resultType == QLatin1String("input_required")) {
                if (round >= m_options.maxInputRounds) {
                    finishReply(guard, {},
                                McpError::make(McpError::Kind::Protocol,
                                               QStringLiteral("%1 still asks for input after %2 "
                                                              "rounds; stopped")
                                                   .arg(method)
                                                   .arg(round + 1)));
                    return;
                }
                const QJsonObject inputRequests
                    = result.value(QStringLiteral("inputRequests")).toObject();
                const QJsonValue state = result.value(QStringLiteral("requestState"));
                const QJsonValue previous = std::exchange(m_inputRelatedId, guard->requestId());
                const auto restore
                    = qScopeGuard([this, previous]() { m_inputRelatedId = previous; });
                collectInputs(inputRequests,
                              [this, guard, method, params, options, round, state, headersRetried](
                                  const QJsonObject &responses, const McpError &inputError) {
                                  if (!guard || guard->isFinished())
                                      return;
                                  if (inputError) {
                                      finishReply(guard, {}, inputError);
                                      return;
                                  }
                                  QJsonObject next = params;
                                  next.remove(QStringLiteral("inputResponses"));
                                  next.remove(QStringLiteral("requestState"));
                                  if (!responses.isEmpty())
                                      next.insert(QStringLiteral("inputResponses"), responses);
                                  if (state.isString())
                                      next.insert(QStringLiteral("requestState"), state);
                                  sendOnce(guard, method, next, options, round + 1, headersRetried);
                              });
                return;
            }
            if (!error && modern && resultType == QLatin1String("task")) {
                followTask(guard, result, options, true);
                return;
            }
            if (!error && asTask && result.value(QStringLiteral("task")).isObject()) {
                followTask(guard, result.value(QStringLiteral("task")).toObject(), options, false);
                return;
            }
            if (!error && modern && !resultType.isEmpty()
                && resultType != QLatin1String("complete")) {
                finishReply(guard, {},
                            McpError::make(McpError::Kind::Protocol,
                                           QStringLiteral("%1 answered resultType \"%2\", which "
                                                          "this client does not support")
                                               .arg(method, resultType.left(40))));
                return;
            }
            finishReply(guard, result, error);
        },
        [guard](double progress, double total, const QString &message) {
            if (guard)
                guard->reportProgress(progress, total, message);
        });
    guard->setRequestId(id);
    guard->m_canceller = [this, id]() { m_session->cancel(id); };
}

void McpClient::collectInputs(const QJsonObject &inputRequests,
                              std::function<void(const QJsonObject &, const McpError &)> done)
{
    if (inputRequests.isEmpty()) {
        QTimer::singleShot(0, this, [done]() { done({}, {}); });
        return;
    }
    constexpr qsizetype kMaxInputRequests = 16; // a person answers each one
    if (inputRequests.size() > kMaxInputRequests) {
        const McpError e = McpError::make(
            McpError::Kind::Protocol,
            QStringLiteral("server asked for %1 inputs at once (at most %2 are answered)")
                .arg(inputRequests.size())
                .arg(kMaxInputRequests));
        QTimer::singleShot(0, this, [done, e]() { done({}, e); });
        return;
    }
    struct Gathering
    {
        QJsonObject responses;
        int open = 0;
        bool over = false;
    };
    auto gathering = std::make_shared<Gathering>();
    gathering->open = int(inputRequests.size());
    for (auto it = inputRequests.begin(); it != inputRequests.end(); ++it) {
        const QString key = it.key();
        const QJsonObject request = it.value().toObject();
        const QString method = request.value(QStringLiteral("method")).toString();
        const QJsonObject params = request.value(QStringLiteral("params")).toObject();
        QString why;
        if (!m_inputHandler || !m_features.handles(method, params, &why)) {
            gathering->over = true;
            const McpError e = McpError::make(
                McpError::Kind::Protocol,
                QStringLiteral("server asked for input this client cannot give (%1): %2")
                    .arg(method.left(80), why));
            QTimer::singleShot(0, this, [done, e]() { done({}, e); });
            return;
        }
        askInput(method, params,
                 [gathering, key, done](const QJsonObject &result, const McpError &error) {
                     if (gathering->over)
                         return;
                     if (error) {
                         gathering->over = true;
                         done({}, error);
                         return;
                     }
                     gathering->responses.insert(key, result);
                     if (--gathering->open == 0) {
                         gathering->over = true;
                         done(gathering->responses, {});
                     }
                 });
        if (gathering->over)
            return;
    }
}

void McpClient::finishReply(McpReply *reply, const QJsonObject &result, const McpError &error)
{
    if (reply->isFinished())
        return;
    McpError e = error;
    if (e) {
        if (e.serverId.isEmpty())
            e.serverId = m_options.serverId;
        ++m_stats.errors;
        if (e.kind == McpError::Kind::Timeout)
            ++m_stats.timeouts;
        else if (e.kind == McpError::Kind::Cancelled)
            ++m_stats.cancelled;
        if (e.rpcCode == McpError::MissingRequiredClientCapability) {
            // Say what to turn on: the capabilities the server named.
            const QStringList needed
                = e.data.toObject().value(QStringLiteral("requiredCapabilities")).toObject().keys();
            if (!needed.isEmpty())
                e.message += QStringLiteral(" (the server needs the client to answer %1, which "
                                            "is not enabled here)")
                                 .arg(needed.join(QStringLiteral(", ")).left(200));
        }
    }
    reply->finishWith(result, e, reply->m_latencyMs);
}

McpReply *McpClient::ping(int timeoutMs)
{
    JsonRpcSession::RequestOptions options;
    options.timeoutMs = timeoutMs > 0 ? timeoutMs : m_options.timeoutMs;
    // 2026-07-28 has no ping: server/discover is the cheapest request it allows.
    if (m_era == Era::Modern)
        return startRequest(QStringLiteral("server/discover"), {}, options);
    return startRequest(QStringLiteral("ping"), {}, options);
}

McpReply *McpClient::getPrompt(const QString &name, const QJsonObject &arguments, int timeoutMs)
{
    QJsonObject params;
    params.insert(QStringLiteral("name"), name);
    if (!arguments.isEmpty())
        params.insert(QStringLiteral("arguments"), arguments);
    return request(QStringLiteral("prompts/get"), params, timeoutMs);
}

McpReply *McpClient::complete(const QJsonObject &ref, const QString &argument, const QString &value,
                              const QJsonObject &contextArguments, int timeoutMs)
{
    QJsonObject params;
    params.insert(QStringLiteral("ref"), ref);
    QJsonObject arg;
    arg.insert(QStringLiteral("name"), argument);
    arg.insert(QStringLiteral("value"), value);
    params.insert(QStringLiteral("argument"), arg);
    if (!contextArguments.isEmpty()) {
        QJsonObject context;
        context.insert(QStringLiteral("arguments"), contextArguments);
        params.insert(QStringLiteral("context"), context);
    }
    return request(QStringLiteral("completion/complete"), params, timeoutMs);
}

McpReply *McpClient::request(const QString &method, const QJsonObject &params, int timeoutMs)
{
    JsonRpcSession::RequestOptions options;
    options.timeoutMs = timeoutMs > 0 ? timeoutMs : m_options.timeoutMs;
    return startRequest(method, params, options);
}

McpReply *McpClient::readResource(const QString &uri, int timeoutMs)
{
    QJsonObject params;
    params.insert(QStringLiteral("uri"), uri);
    return request(QStringLiteral("resources/read"), params, timeoutMs);
}

McpReply *McpClient::callTool(const QString &name, const QJsonObject &arguments,
                              const CallOptions &call)
{
    QJsonObject params;
    params.insert(QStringLiteral("name"), name);
    params.insert(QStringLiteral("arguments"), arguments);
    if (!call.logLevel.isEmpty() && m_era == Era::Modern) {
        QJsonObject meta;
        meta.insert(kMetaLogLevel, call.logLevel);
        params.insert(QStringLiteral("_meta"), meta);
    }
    JsonRpcSession::RequestOptions options;
    options.timeoutMs = call.timeoutMs > 0 ? call.timeoutMs : m_options.timeoutMs;
    options.wantProgress = true;
    options.resetTimeoutOnProgress = call.resetTimeoutOnProgress;
    options.maxTotalTimeoutMs = call.maxTotalTimeoutMs;
    McpReply *reply = startRequest(QStringLiteral("tools/call"), params, options);
    // Connected before the caller can connect, so the typed result is ready
    // when the caller's slots run.
    connect(
        reply, &McpReply::finished, this, [this, reply, name]() { checkToolResult(reply, name); },
        Qt::DirectConnection);
    return reply;
}

void McpClient::checkToolResult(McpReply *reply, const QString &toolName)
{
    if (reply->isError())
        return;
    reply->m_toolResult = interpretToolResult(toolName, reply->result());
    if (reply->m_toolResult.isError)
        ++m_stats.toolErrors;
}

ToolResult McpClient::interpretToolResult(const QString &toolName, const QJsonObject &raw)
{
    ToolResult result = ToolResult::fromJson(raw);
    for (const ToolInfo &tool : std::as_const(m_tools)) {
        if (tool.name != toolName || tool.outputSchema.isEmpty())
            continue;
        result.schemaChecked = true;
        if (result.isError)
            break; // an error result need not match the schema
        if (result.structuredContent.isUndefined()) {
            result.schemaViolations << QStringLiteral(
                "structuredContent is missing although the tool declares an outputSchema");
            break;
        }
        auto &validator = m_outputValidators[toolName];
        if (!validator) {
            validator = std::make_shared<JsonSchemaValidator>();
            QString why;
            if (!validator->setSchema(tool.outputSchema, &why)) {
                result.schemaViolations << QStringLiteral("outputSchema is unusable: ") + why;
                break;
            }
        }
        if (!validator->isLoaded())
            break;
        const auto violations = validator->validate(result.structuredContent);
        for (const auto &v : violations)
            result.schemaViolations
                << (v.instancePath.isEmpty() ? QStringLiteral("/") : v.instancePath)
                    + QLatin1Char(' ') + v.keyword + QStringLiteral(": ") + v.message;
        break;
    }
    return result;
}

// ---- catalog --------------------------------------------------------------

McpReply *McpClient::listTools()
{
    return startListing(QStringLiteral("tools/list"), QStringLiteral("tools"));
}

McpReply *McpClient::listResources()
{
    return startListing(QStringLiteral("resources/list"), QStringLiteral("resources"));
}

McpReply *McpClient::listResourceTemplates()
{
    return startListing(QStringLiteral("resources/templates/list"),
                        QStringLiteral("resourceTemplates"));
}

McpReply *McpClient::listPrompts()
{
    return startListing(QStringLiteral("prompts/list"), QStringLiteral("prompts"));
}

McpReply *McpClient::startListing(const QString &method, const QString &key)
{
    auto *reply = new McpReply(method, this);
    QPointer<McpReply> guard(reply);
    reply->m_canceller = [this, guard]() {
        if (guard)
            finishReply(guard, {},
                        McpError::make(McpError::Kind::Cancelled,
                                       QStringLiteral("cancelled: %1").arg(guard->method())));
    };
    whenConnected(reply, [this, guard, method, key]() {
        if (!guard)
            return;
        // 2026-07-28: a list result is fresh for its ttlMs; list_changed ends that.
        const auto cached = m_listings.constFind(method);
        if (m_era == Era::Modern && cached != m_listings.constEnd()
            && m_timers->nowMs() < cached->freshUntilMs) {
            const QJsonObject result = cached->result;
            QTimer::singleShot(0, this, [this, guard, result]() {
                if (guard)
                    finishReply(guard, result, {});
            });
            return;
        }
        sendListingPage(guard, method, key, QString(), QJsonArray(), 0);
    });
    return reply;
}

void McpClient::rememberListing(const QString &method, const QJsonObject &all)
{
    const qint64 ttl = qint64(all.value(QStringLiteral("ttlMs")).toDouble(0));
    if (m_era != Era::Modern || ttl <= 0) {
        m_listings.remove(method);
        return;
    }
    constexpr qint64 kMaxTtlMs = 24LL * 3600 * 1000;
    m_listings.insert(method, {all, m_timers->nowMs() + qMin(ttl, kMaxTtlMs)});
}

void McpClient::sendListingPage(McpReply *reply, const QString &method, const QString &key,
                                const QString &cursor, QJsonArray items, int pages)
{
    QJsonObject params;
    if (!cursor.isNull())
        params.insert(QStringLiteral("cursor"), cursor);
    JsonRpcSession::RequestOptions options;
    options.timeoutMs = m_options.timeoutMs;
    QPointer<McpReply> guard(reply);
    const qint64 started = m_timers->nowMs();
    ++m_stats.requestsSent;
    m_session->sendRequest(
        method, withEnvelope(params), options, reply,
        [this, guard, method, key, cursor, items, pages, started](const JsonRpcMessage &response,
                                                                  const McpError &error) mutable {
            if (!guard || guard->isFinished())
                return;
            if (error && m_wireModern && error.kind == McpError::Kind::Transport
                && !error.notDelivered && !guard->m_reissued && m_state == State::Connected) {
                guard->m_reissued = true; // a list is safe to ask for again (stream lost)
                sendListingPage(guard, method, key, cursor, items, pages);
                return;
            }
            if (error) {
                finishReply(guard, {}, error);
                return;
            }
            ++m_stats.responses;
            m_stats.lastLatencyMs = m_timers->nowMs() - started;
            const QJsonObject page = response.result.toObject();
            const QJsonValue pageItems = page.value(key);
            if (!pageItems.isArray()) {
                finishReply(guard, {},
                            McpError::make(
                                McpError::Kind::Protocol,
                                QStringLiteral("%1 answer has no \"%2\" array").arg(method, key)));
                return;
            }
            for (const QJsonValue &item : pageItems.toArray())
                items.append(item);
            const QJsonValue next = page.value(QStringLiteral("nextCursor"));
            if (next.isString() && !next.toString().isEmpty()) {
                if (next.toString() == cursor || pages + 1 >= kMaxListPages) {
                    finishReply(guard, {},
                                McpError::make(
                                    McpError::Kind::Protocol,
                                    QStringLiteral(
                                        "%1 keeps paging (cursor \"%2\" after %3 pages); stopped")
                                        .arg(method, next.toString())
                                        .arg(pages + 1)));
                    return;
                }
                sendListingPage(guard, method, key, next.toString(), items, pages + 1);
                return;
            }
            if (method == QLatin1String("tools/list"))
                items = acceptTools(items);
            QJsonObject all;
            all.insert(key, items);
            if (page.contains(QStringLiteral("ttlMs")))
                all.insert(QStringLiteral("ttlMs"), page.value(QStringLiteral("ttlMs")));
            if (page.contains(QStringLiteral("cacheScope")))
                all.insert(QStringLiteral("cacheScope"), page.value(QStringLiteral("cacheScope")));
            if (method == QLatin1String("tools/list"))
                setTools(items); // whoever listed, the catalog is now current
            rememberListing(method, all);
            finishReply(guard, all, {});
        });
}

void McpClient::refreshTools()
{
    McpReply *reply = listTools(); // the catalog is updated when it completes
    reply->setAutoDelete(true);
}

QJsonArray McpClient::acceptTools(const QJsonArray &items)
{
    if (m_era != Era::Modern)
        return items;
    // SEP-2243: a tool whose x-mcp-header annotations break the rules is
    // left out (the others stay usable), with a warning naming it.
    QJsonArray accepted;
    QHash<QString, QList<McpHeaders::Parameter>> parameters;
    for (const QJsonValue &v : items) {
        const QJsonObject tool = v.toObject();
        const QString name = tool.value(QStringLiteral("name")).toString();
        QList<McpHeaders::Parameter> found;
        QString why;
        if (!McpHeaders::parameters(tool.value(QStringLiteral("inputSchema")).toObject(), &found,
                                    &why)) {
            Q_EMIT toolRefused(name, why);
            continue;
        }
        if (!found.isEmpty())
            parameters.insert(name, found);
        accepted.append(v);
    }
    m_headerParameters = parameters;
    return accepted;
}

void McpClient::setTools(const QJsonArray &items)
{
    QList<ToolInfo> tools;
    for (const QJsonValue &v : items)
        tools.append(ToolInfo::fromJson(v.toObject()));
    m_tools = tools;
    m_outputValidators.clear();
    Q_EMIT toolsChanged();
}

void McpClient::onNotification(const QString &method, const QJsonValue &params)
{
    ++m_stats.notificationsReceived;
    if (method == QLatin1String("notifications/tools/list_changed"))
        m_listings.remove(QStringLiteral("tools/list"));
    else if (method == QLatin1String("notifications/prompts/list_changed"))
        m_listings.remove(QStringLiteral("prompts/list"));
    else if (method == QLatin1String("notifications/resources/list_changed")) {
        m_listings.remove(QStringLiteral("resources/list"));
        m_listings.remove(QStringLiteral("resources/templates/list"));
    }
    if (method == QLatin1String("notifications/subscriptions/acknowledged")) {
        m_listenFailures = 0; // the stream is up
    } else if (method == QLatin1String("notifications/resources/updated")) {
        Q_EMIT resourceUpdated(params.toObject().value(QStringLiteral("uri")).toString());
    } else if (method == QLatin1String("notifications/tools/list_changed")) {
        if (m_options.fetchCatalog)
            refreshTools();
        else
            Q_EMIT toolsChanged();
    } else if (method == QLatin1String("notifications/resources/list_changed")) {
        Q_EMIT resourcesChanged();
    } else if (method == QLatin1String("notifications/prompts/list_changed")) {
        Q_EMIT promptsChanged();
    } else if (method == QLatin1String("notifications/message")) {
        const QJsonObject o = params.toObject();
        Q_EMIT logMessageReceived(o.value(QStringLiteral("level")).toString(),
                                  o.value(QStringLiteral("logger")).toString(),
                                  o.value(QStringLiteral("data")));
        const QJsonValue related = m_session->currentRelatedId();
        if (!related.isUndefined())
            Q_EMIT requestLogMessageReceived(related, o.value(QStringLiteral("level")).toString(),
                                             o.value(QStringLiteral("logger")).toString(),
                                             o.value(QStringLiteral("data")));
    }
    Q_EMIT notificationReceived(method, params);
}

bool McpClient::isSafeToReissue(const QString &method, const QJsonObject &params) const
{
    static const QStringList reads{QStringLiteral("tools/list"),
                                   QStringLiteral("resources/list"),
                                   QStringLiteral("resources/templates/list"),
                                   QStringLiteral("prompts/list"),
                                   QStringLiteral("resources/read"),
                                   QStringLiteral("prompts/get"),
                                   QStringLiteral("completion/complete"),
                                   QStringLiteral("server/discover"),
                                   QStringLiteral("tasks/get")};
    if (reads.contains(method))
        return true;
    if (method != QLatin1String("tools/call"))
        return false;
    const QString name = params.value(QStringLiteral("name")).toString();
    for (const ToolInfo &tool : m_tools) {
        if (tool.name == name)
            return tool.isRetrySafe();
    }
    return false;
}

// ---- tasks -------------------------------------------------------------------

// 2025-11-25 (experimental): a tool whose execution.taskSupport is
// "required" is called as a task when the server declares task-augmented
// tools/call; "optional" ones are called plainly.
bool McpClient::legacyTaskRequired(const QString &toolName) const
{
    const QJsonObject tasks = m_serverInfo.capabilities.value(QStringLiteral("tasks")).toObject();
    if (!tasks.value(QStringLiteral("requests"))
             .toObject()
             .value(QStringLiteral("tools"))
             .toObject()
             .contains(QStringLiteral("call")))
        return false;
    for (const ToolInfo &tool : m_tools) {
        if (tool.name == toolName)
            return tool.raw.value(QStringLiteral("execution"))
                       .toObject()
                       .value(QStringLiteral("taskSupport"))
                       .toString()
                == QLatin1String("required");
    }
    return false;
}

// A call answered with a task handle: poll tasks/get at the server's
// interval until the task ends, answer its input requests (2026:
// tasks/update; 2025: tasks/result, during which the server asks on the
// stream), and finish the reply with the task's result as if the call had
// returned it. Cancelling the reply sends tasks/cancel. Bounded by the
// call's total timeout (10 × its timeout unless given).
void McpClient::followTask(McpReply *reply, const QJsonObject &task,
                           const JsonRpcSession::RequestOptions &options, bool modern)
{
    const QString taskId = task.value(QStringLiteral("taskId")).toString();
    if (taskId.isEmpty()) {
        finishReply(
            reply, {},
            McpError::make(
                McpError::Kind::Protocol,
                QStringLiteral("%1 answered a task without a taskId").arg(reply->method())));
        return;
    }
    struct Following
    {
        QString taskId;
        bool modern = false;
        qint64 deadlineMs = 0;
        int pollMs = kDefaultPollMs;
        int timer = 0;
        bool waitingForResult = false;
    };
    auto f = std::make_shared<Following>();
    f->taskId = taskId;
    f->modern = modern;
    const int total = options.maxTotalTimeoutMs > 0 ? options.maxTotalTimeoutMs
                                                    : qMax(options.timeoutMs, 1000) * 10;
    f->deadlineMs = m_timers->nowMs() + total;
    auto readInterval = [f](const QJsonObject &state) {
        const QJsonValue v = state.contains(QStringLiteral("pollIntervalMs"))
            ? state.value(QStringLiteral("pollIntervalMs"))
            : state.value(QStringLiteral("pollInterval"));
        if (v.isDouble())
            f->pollMs = qBound(50, int(v.toDouble()), 30000);
    };
    readInterval(task);
    QPointer<McpReply> guard(reply);
    auto taskParams = [this, f]() {
        QJsonObject params;
        params.insert(QStringLiteral("taskId"), f->taskId);
        return withEnvelope(params);
    };
    reply->m_canceller = [this, guard, f, taskParams]() {
        if (f->timer)
            m_timers->cancel(f->timer);
        f->timer = 0;
        JsonRpcSession::RequestOptions o;
        o.timeoutMs = m_options.timeoutMs;
        m_session->sendRequest(QStringLiteral("tasks/cancel"), taskParams(), o, this,
                               [](const JsonRpcMessage &, const McpError &) {});
        if (guard)
            finishReply(guard, {},
                        McpError::make(McpError::Kind::Cancelled,
                                       QStringLiteral("cancelled: %1 (task %2)")
                                           .arg(guard->method(), f->taskId.left(80))));
    };
    // The poll function is kept alive by its pending timer or request only
    // (it holds itself weakly): nothing leaks when the task ends.
    using Poll = std::shared_ptr<std::function<void()>>;
    auto poll = std::make_shared<std::function<void()>>();
    std::weak_ptr<std::function<void()>> weakPoll = poll;
    auto schedule = [this, f](const Poll &p) {
        f->timer = m_timers->start(f->pollMs, [f, p]() {
            f->timer = 0;
            (*p)();
        });
    };
    auto fetchResult = [this, guard, f, taskParams, options]() {
        // 2025: tasks/result blocks until the task ends; the server may ask
        // for input on its stream meanwhile (answered like any server request).
        f->waitingForResult = true;
        JsonRpcSession::RequestOptions o = options;
        o.timeoutMs = int(qMax<qint64>(1000, f->deadlineMs - m_timers->nowMs()));
        o.wantProgress = false;
        m_session->sendRequest(
            QStringLiteral("tasks/result"), taskParams(), o, guard,
            [this, guard](const JsonRpcMessage &response, const McpError &error) {
                if (!guard || guard->isFinished())
                    return;
                finishReply(guard, response.result.toObject(), error);
            });
    };
    *poll = [this, guard, f, taskParams, schedule, readInterval, fetchResult, weakPoll]() {
        const Poll self = weakPoll.lock();
        if (!self || !guard || guard->isFinished())
            return;
        if (m_timers->nowMs() > f->deadlineMs) {
            guard->m_canceller = {};
            JsonRpcSession::RequestOptions o;
            o.timeoutMs = m_options.timeoutMs;
            m_session->sendRequest(QStringLiteral("tasks/cancel"), taskParams(), o, this,
                                   [](const JsonRpcMessage &, const McpError &) {});
            finishReply(guard, {},
                        McpError::make(McpError::Kind::Timeout,
                                       QStringLiteral("timeout: task %1 of %2 did not finish")
                                           .arg(f->taskId.left(80), guard->method())));
            return;
        }
        JsonRpcSession::RequestOptions o;
        o.timeoutMs = m_options.timeoutMs;
        m_session->sendRequest(
            QStringLiteral("tasks/get"), taskParams(), o, guard,
            [this, guard, f, schedule, readInterval, fetchResult, taskParams,
             self](const JsonRpcMessage &response, const McpError &error) {
                if (!guard || guard->isFinished())
                    return;
                if (error) {
                    finishReply(guard, {}, error);
                    return;
                }
                const QJsonObject state = response.result.toObject();
                readInterval(state);
                const QString status = state.value(QStringLiteral("status")).toString();
                if (status == QLatin1String("completed")) {
                    if (f->modern)
                        finishReply(guard, state.value(QStringLiteral("result")).toObject(), {});
                    else
                        fetchResult();
                } else if (status == QLatin1String("failed")) {
                    if (!f->modern) {
                        fetchResult();
                        return;
                    }
                    const QJsonObject e = state.value(QStringLiteral("error")).toObject();
                    McpError err = McpError::make(
                        McpError::Kind::Rpc,
                        e.value(QStringLiteral("message"))
                            .toString(QStringLiteral("task %1 failed").arg(f->taskId.left(80))));
                    err.rpcCode = e.value(QStringLiteral("code")).toInt();
                    err.data = e.value(QStringLiteral("data"));
                    finishReply(guard, {}, err);
                } else if (status == QLatin1String("cancelled")) {
                    finishReply(guard, {},
                                McpError::make(McpError::Kind::Cancelled,
                                               QStringLiteral("task %1 was cancelled by the server")
                                                   .arg(f->taskId.left(80))));
                } else if (status == QLatin1String("input_required")) {
                    if (!f->modern) {
                        fetchResult();
                        return;
                    }
                    const QJsonValue previous = std::exchange(m_inputRelatedId, guard->requestId());
                    const auto restore
                        = qScopeGuard([this, previous]() { m_inputRelatedId = previous; });
                    collectInputs(state.value(QStringLiteral("inputRequests")).toObject(),
                                  [this, guard, schedule, taskParams,
                                   self](const QJsonObject &responses, const McpError &inputError) {
                                      if (!guard || guard->isFinished())
                                          return;
                                      if (inputError) {
                                          finishReply(guard, {}, inputError);
                                          return;
                                      }
                                      QJsonObject params = taskParams();
                                      params.insert(QStringLiteral("inputResponses"), responses);
                                      JsonRpcSession::RequestOptions updateOptions;
                                      updateOptions.timeoutMs = m_options.timeoutMs;
                                      m_session->sendRequest(
                                          QStringLiteral("tasks/update"), params, updateOptions,
                                          guard,
                                          [this, guard, schedule, self](
                                              const JsonRpcMessage &, const McpError &updateError) {
                                              if (!guard || guard->isFinished())
                                                  return;
                                              if (updateError) {
                                                  finishReply(guard, {}, updateError);
                                                  return;
                                              }
                                              schedule(self);
                                          });
                                  });
                } else {
                    const QString message = state.value(QStringLiteral("statusMessage")).toString();
                    if (!message.isEmpty())
                        guard->reportProgress(guard->progress(), guard->progressTotal(), message);
                    schedule(self); // working (or a status we do not know yet): ask again
                }
            });
    };
    schedule(poll);
}

// ---- subscriptions and server log messages --------------------------------

QStringList McpClient::resourceSubscriptions() const
{
    return m_subscriptions;
}

void McpClient::subscribeResource(const QString &uri)
{
    if (uri.isEmpty() || m_subscriptions.contains(uri))
        return;
    m_subscriptions << uri;
    if (m_state != State::Connected)
        return; // sent once connected
    if (m_era == Era::Modern)
        restartListen();
    else
        sendResourceRequest(QStringLiteral("resources/subscribe"), uri);
}

void McpClient::sendResourceRequest(const QString &method, const QString &uri)
{
    QJsonObject params;
    params.insert(QStringLiteral("uri"), uri);
    request(method, params)->setAutoDelete(true);
}

void McpClient::unsubscribeResource(const QString &uri)
{
    if (!m_subscriptions.removeOne(uri) || m_state != State::Connected)
        return;
    if (m_era == Era::Modern)
        restartListen();
    else
        sendResourceRequest(QStringLiteral("resources/unsubscribe"), uri);
}

void McpClient::setLogLevel(const QString &level)
{
    m_options.logLevel = level;
    m_envelope = {};
    if (m_state == State::Connected && m_era == Era::Legacy)
        applyLogLevel();
    // 2026-07-28: the next requests carry it in _meta.
}

void McpClient::applyLogLevel()
{
    if (m_options.logLevel.isEmpty() || !m_serverInfo.hasLogging())
        return;
    QJsonObject params;
    params.insert(QStringLiteral("level"), m_options.logLevel);
    JsonRpcSession::RequestOptions options;
    options.timeoutMs = m_options.timeoutMs;
    // Straight on the session: this runs while the connection is being set up.
    m_session->sendRequest(QStringLiteral("logging/setLevel"), params, options, this,
                           [](const JsonRpcMessage &, const McpError &) {});
}

void McpClient::restartListen()
{
    if (!m_listenId.isUndefined() && !m_listenId.isNull())
        m_session->cancel(m_listenId, QString()); // closes its stream
    m_listenId = QJsonValue();
    ++m_listenGeneration;
    if (m_listenTimer) {
        m_timers->cancel(m_listenTimer);
        m_listenTimer = 0;
    }
    openListen();
}

// 2026-07-28: change notifications come only on the stream of a
// subscriptions/listen request, for what was asked. A lost stream is opened
// again, backing off; the server saying it has no such method ends it.
void McpClient::openListen()
{
    if (m_era != Era::Modern || m_state != State::Connected || !m_options.openServerStream)
        return;
    const QJsonObject caps = m_serverInfo.capabilities;
    auto listChanged = [&caps](const char *name) {
        return caps.value(QLatin1String(name))
            .toObject()
            .value(QStringLiteral("listChanged"))
            .toBool();
    };
    QJsonObject filter;
    if (listChanged("tools"))
        filter.insert(QStringLiteral("toolsListChanged"), true);
    if (listChanged("prompts"))
        filter.insert(QStringLiteral("promptsListChanged"), true);
    if (listChanged("resources"))
        filter.insert(QStringLiteral("resourcesListChanged"), true);
    const bool canSubscribe = caps.value(QStringLiteral("resources"))
                                  .toObject()
                                  .value(QStringLiteral("subscribe"))
                                  .toBool();
    if (canSubscribe && !m_subscriptions.isEmpty())
        filter.insert(QStringLiteral("resourceSubscriptions"),
                      QJsonArray::fromStringList(m_subscriptions));
    if (filter.isEmpty())
        return; // nothing the server would tell
    QJsonObject params;
    params.insert(QStringLiteral("notifications"), filter);
    JsonRpcSession::RequestOptions options;
    options.timeoutMs = 0; // long-lived
    const int generation = m_listenGeneration;
    m_listenId = m_session->sendRequest(
        QStringLiteral("subscriptions/listen"), withEnvelope(params), options, this,
        [this, generation](const JsonRpcMessage &, const McpError &error) {
            if (generation != m_listenGeneration)
                return;
            m_listenId = QJsonValue();
            if (m_state != State::Connected || m_era != Era::Modern)
                return;
            if (error.kind == McpError::Kind::Cancelled)
                return;
            if (error
                && (error.rpcCode == JsonRpcMessage::MethodNotFound
                    || error.rpcCode == McpError::MissingRequiredClientCapability)) {
                McpError e = error;
                e.message = QStringLiteral("subscriptions/listen refused: ") + error.message;
                ++m_stats.protocolErrors;
                Q_EMIT protocolErrorOccurred(e);
                return; // asking again will not help
            }
            // Ended (server shutdown: a result) or lost: open it again, backing off.
            const int delay
                = int(qMin<qint64>(qint64(m_options.reconnectDelayMs) << qMin(m_listenFailures, 16),
                                   m_options.listenRetryMaxMs));
            ++m_listenFailures;
            m_listenTimer = m_timers->start(delay, [this, generation]() {
                m_listenTimer = 0;
                if (generation == m_listenGeneration)
                    openListen();
            });
        });
}

} // namespace mcppm
