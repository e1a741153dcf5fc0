#include "host/mcpendpoint.h"

#include "host/httpexchange.h"
#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"
#include "mcp/modernrequestcheck.h"
#include "net/safetext.h"
#include "net/sseevent.h"
#include "net/version.h"
#include "pool/fleetcatalog.h"
#include "pool/serverpool.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QPointer>
#include <QRandomGenerator>
#include <QTimer>

namespace mcppm {

namespace {
const QString kMetaVersion = QStringLiteral("io.modelcontextprotocol/protocolVersion");
const QString kMetaClientInfo = QStringLiteral("io.modelcontextprotocol/clientInfo");
const QString kMetaCapabilities = QStringLiteral("io.modelcontextprotocol/clientCapabilities");
const QString kMetaServerInfo = QStringLiteral("io.modelcontextprotocol/serverInfo");
const QString kMetaSubscriptionId = QStringLiteral("io.modelcontextprotocol/subscriptionId");
const QString kMetaRelatedTask = QStringLiteral("io.modelcontextprotocol/related-task");
const QString kTasksExtension = QStringLiteral("io.modelcontextprotocol/tasks");
const QString kTasksVersion = QStringLiteral("2025-11-25"); // the first with tasks

// The client takes task handles: a 2026 client that declares the extension
// on this request, a 2025-11-25 one that asked for a task (params.task).
bool declaresTasks(const QJsonObject &capabilities)
{
    return capabilities.value(QStringLiteral("extensions")).toObject().contains(kTasksExtension);
}

qint64 wallNowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}
constexpr int kSessionNotFound = -32001; // as the official SDKs answer an unknown session
constexpr int kRequestCancelled = EndpointTaskStore::kRequestCancelled;
constexpr int kListTtlMs = 5000; // the fleet's union: short, list_changed tells listeners sooner
constexpr int kDiscoverTtlMs = 60000;
constexpr qsizetype kMaxResultWaiters = 16; // tasks/result requests waiting for one task

const QStringList &legacyVersions()
{
    static const QStringList versions{QStringLiteral("2025-11-25"), QStringLiteral("2025-06-18"),
                                      QStringLiteral("2025-03-26"), QStringLiteral("2024-11-05")};
    return versions;
}

bool acceptsEvents(const HttpRequest &request)
{
    const QByteArray accept = request.header("accept").toLower();
    return accept.contains("text/event-stream") || accept.contains("*/*");
}

// A client's own name, fit for a label and a table: printable, bounded.
QString cleanName(const QString &name)
{
    QString out;
    for (const QChar c : name.left(64)) {
        if (c.isPrint() && c != QLatin1Char('"') && c != QLatin1Char('\\'))
            out.append(c);
    }
    return out.trimmed().isEmpty() ? QStringLiteral("unknown") : out.trimmed();
}

} // namespace

// What is known about the request being served.
struct McpEndpoint::Context
{
    bool modern = false;
    QString sessionId; // 2025 only
    QString client = QStringLiteral("unknown");
    QString protocolVersion;
    bool events = false; // the client accepts an SSE answer
    QString peer;
    QString method; // of the request being served
    QJsonObject capabilities; // the client's (initialize, or _meta clientCapabilities)
    int logLevel = -1; // log messages at this rank and above pass through; -1 none
};

struct McpEndpoint::Session
{
    QString id;
    QString client;
    QString protocolVersion;
    QJsonObject clientCapabilities;
    qint64 lastUsedMs = 0;
    std::shared_ptr<HttpExchange> stream; // its GET stream, if open
    QHash<QString, TaskId> requests; // JSON-RPC id key → task, while running
    QSet<QString> subscriptions; // resource URIs
    int logLevel = -1; // logging/setLevel
};

struct McpEndpoint::Call
{
    TaskId task = 0;
    Context ctx;
    QJsonValue id;
    QString method;
    QString target; // tool name or URI
    QJsonValue progressToken; // Undefined when the client gave none
    std::shared_ptr<HttpExchange> ex;
    bool cancelled = false; // by the client: no answer is due
    // 2026 clients: input the worker asked for, answered with input_required;
    // the client sends the request again with inputResponses and requestState.
    struct Parked
    {
        QString key;
        QString method;
        QJsonObject params;
        InputResponder respond;
        bool sent = false;
    };
    QList<Parked> parked;
    QString requestState; // while waiting for the client's retry
    bool flushScheduled = false;
    bool finished = false; // ended while the client had not come back yet
    QJsonObject result;
    McpError error;
    int inputTimer = 0;
    // Once the client got a task handle for the call: the answer went out,
    // the call runs on, and its outcome is kept for tasks/get and tasks/result.
    std::shared_ptr<EndpointTaskStore::Task> handle;
    std::shared_ptr<HttpExchange> resultStream; // 2025: a tasks/result waiting, if any
    bool resultStreamEvents = false;
    qint64 taskAtMs = 0; // 2026: becomes a task if still running then (0 = never)
};

// A 2025 server request relayed to the client (elicitation, sampling, roots).
struct McpEndpoint::PendingInput
{
    InputResponder respond;
    QString sessionId;
    TaskId task = 0;
    QTimer *timer = nullptr;
};

// A notification stream: a 2025 session's GET stream or a 2026 subscriptions/listen.
struct McpEndpoint::Stream
{
    std::shared_ptr<HttpExchange> ex;
    QString sessionId; // 2025
    QJsonValue subscriptionId; // 2026: the listen request's id
    bool tools = false, resources = false, prompts = false;
    QSet<QString> uris; // 2026 resourceSubscriptions
    QSet<QString> taskIds; // 2026 taskIds (tasks extension): notifications/tasks
};

McpEndpoint::McpEndpoint(ServerPool *pool, const McpEndpointOptions &options, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_options(options)
    , m_serverInfo{{QStringLiteral("name"), options.name},
                   {QStringLiteral("version"), QLatin1String(kVersion)}}
    , m_guard(options.access)
    , m_listTimer(new QTimer(this))
    , m_keepAlive(new QTimer(this))
    , m_expiry(new QTimer(this))
    , m_taskSweep(new QTimer(this))
{
    m_taskSweep->setInterval(qBound(20, m_options.taskAfterMs / 4, 250));
    connect(m_taskSweep, &QTimer::timeout, this, &McpEndpoint::sweepForTasks);
    m_taskStore.setChangeHandler(
        [this](const std::shared_ptr<EndpointTaskStore::Task> &task) { notifyTaskChanged(task); });
    m_listTimer->setSingleShot(true);
    m_listTimer->setInterval(100);
    connect(m_listTimer, &QTimer::timeout, this, &McpEndpoint::recomputeLists);
    const auto listsMayChange = [this]() {
        m_listsDirty = true;
        if (!m_listTimer->isActive())
            m_listTimer->start();
    };
    connect(pool, &ServerPool::catalogChanged, this, listsMayChange);
    connect(pool, &ServerPool::serverStatusChanged, this, listsMayChange);
    connect(pool, &ServerPool::taskCompleted, this,
            [this](TaskId id, const QJsonObject &result) { onTaskFinished(id, result, {}); });
    connect(pool, &ServerPool::taskFailed, this,
            [this](TaskId id, const McpError &error) { onTaskFinished(id, {}, error); });
    connect(pool, &ServerPool::taskProgressed, this, &McpEndpoint::onTaskProgressed);
    connect(pool, &ServerPool::taskLogMessage, this,
            [this](TaskId id, const QString &, const QString &level, const QString &logger,
                   const QJsonValue &data) { onTaskLog(id, level, logger, data); });
    // What workers ask for while they run a call of ours goes to that call's client.
    ClientFeatures relayed;
    relayed.elicitationForm = relayed.elicitationUrl = relayed.sampling = relayed.roots = true;
    QPointer<McpEndpoint> self(this);
    pool->setTaskInputRouter(this, relayed,
                             [self](TaskId task, const QString &serverId, const QString &method,
                                    const QJsonObject &params, InputResponder &respond) {
                                 return self
                                     && self->routeInput(task, serverId, method, params, respond);
                             });
    connect(pool, &ServerPool::resourceUpdated, this,
            [this](const QString &, const QString &uri) { notifyResourceUpdated(uri); });
    m_keepAlive->setInterval(qMax(1000, m_options.keepAliveMs));
    connect(m_keepAlive, &QTimer::timeout, this, &McpEndpoint::keepStreamsAlive);
    m_expiry->setInterval(qBound(1000, m_options.sessionIdleMs / 4, 60000));
    connect(m_expiry, &QTimer::timeout, this, &McpEndpoint::expireSessions);
    m_listPrints = listPrints();
}

McpEndpoint::~McpEndpoint()
{
    close();
    if (m_pool)
        m_pool->clearTaskInputRouter(this);
}

bool McpEndpoint::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (!EndpointGuard::isLoopbackBind(address) && !m_guard.requiresToken()) {
        if (error)
            *error
                = QStringLiteral(
                      "%1 is not a loopback address: the MCP endpoint needs a bearer token there "
                      "(--mcp-token-file FILE or MCPPM_MCP_TOKEN)")
                      .arg(address.toString());
        return false;
    }
    close();
    HttpListenerLimits limits = m_options.limits;
    m_listener = new HttpListener(
        HttpListener::ExchangeHandler(
            [this](const HttpRequest &request, const std::shared_ptr<HttpExchange> &ex) {
                handle(request, ex);
            }),
        limits, this);
    if (!m_listener->listen(address, port, error)) {
        delete m_listener;
        m_listener = nullptr;
        return false;
    }
    m_address = address;
    m_keepAlive->start();
    m_expiry->start();
    return true;
}

void McpEndpoint::close()
{
    m_keepAlive->stop();
    m_expiry->stop();
    const auto inputs = std::exchange(m_inputs, {});
    for (const auto &input : inputs) {
        delete input->timer;
        input->respond({},
                       McpError::make(McpError::Kind::Cancelled,
                                      QStringLiteral("the pool's MCP endpoint closed")));
    }
    const QList<TaskId> running = m_calls.keys();
    for (TaskId id : running)
        onCallAbandoned(id);
    m_streams.clear();
    m_sessions.clear();
    if (m_listener) {
        m_listener->close();
        m_listener->deleteLater();
        m_listener = nullptr;
    }
}

bool McpEndpoint::isListening() const
{
    return m_listener && m_listener->isListening();
}

quint16 McpEndpoint::serverPort() const
{
    return m_listener ? m_listener->serverPort() : 0;
}

QString McpEndpoint::url() const
{
    const QString host = m_address.protocol() == QAbstractSocket::IPv6Protocol
        ? QStringLiteral("[%1]").arg(m_address.toString())
        : m_address.toString();
    return QStringLiteral("http://%1:%2%3").arg(host).arg(serverPort()).arg(m_options.path);
}

qint64 McpEndpoint::nowMs() const
{
    return m_pool ? m_pool->nowMs() : 0;
}

// ---- HTTP ------------------------------------------------------------------

void McpEndpoint::handle(const HttpRequest &request, const std::shared_ptr<HttpExchange> &ex)
{
    if (QString::fromLatin1(request.path) != m_options.path) {
        if (m_fallback)
            return m_fallback(request, ex);
        HttpResponse r;
        r.status = 404;
        r.body = "not found; the MCP endpoint is " + m_options.path.toUtf8() + "\n";
        ex->respond(r);
        return;
    }
    if (const auto refusal = m_guard.check(request)) {
        ++m_refused;
        ex->respond(*refusal);
        return;
    }
    if (request.method == "POST")
        handlePost(request, ex);
    else if (request.method == "GET")
        handleGet(request, ex);
    else if (request.method == "DELETE")
        handleDelete(request, ex);
    else {
        HttpResponse r;
        r.status = 405;
        r.headers.emplaceBack("Allow", "GET, POST, DELETE");
        r.body = "the MCP endpoint takes POST (and GET, DELETE for 2025 sessions)\n";
        ex->respond(r);
    }
}

void McpEndpoint::refuse(const std::shared_ptr<HttpExchange> &ex, int status, int code,
                         const QString &message, const QJsonValue &data, bool malformed)
{
    if (malformed)
        ++m_malformed;
    HttpResponse r;
    r.status = status;
    r.contentType = "application/json";
    r.body = JsonRpcMessage::error(QJsonValue::Null, code, message, data).toBytes();
    ex->respond(r);
}

void McpEndpoint::handlePost(const HttpRequest &request, const std::shared_ptr<HttpExchange> &ex)
{
    if (!request.header("content-type").toLower().startsWith("application/json"))
        return refuse(ex, 415, JsonRpcMessage::InvalidRequest,
                      QStringLiteral("Unsupported Media Type: Content-Type must be "
                                     "application/json"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(request.body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return refuse(ex, 400, JsonRpcMessage::ParseError,
                      QStringLiteral("Parse error: %1 at offset %2")
                          .arg(parseError.errorString())
                          .arg(parseError.offset));
    if (doc.isArray())
        return refuse(ex, 400, JsonRpcMessage::InvalidRequest,
                      QStringLiteral("Invalid Request: JSON-RPC batches are not supported "
                                     "(one message per POST)"));
    QString why;
    const JsonRpcMessage message = JsonRpcMessage::fromJson(doc.object(), &why);
    if (!message.isValid())
        return refuse(ex, 400, JsonRpcMessage::InvalidRequest,
                      QStringLiteral("Invalid Request: %1").arg(why));
    const QJsonObject meta = message.params.toObject().value(QStringLiteral("_meta")).toObject();
    const QString headerVersion = QString::fromLatin1(request.header("mcp-protocol-version"));
    const bool modern = meta.contains(kMetaVersion)
        || (!headerVersion.isEmpty() && !legacyVersions().contains(headerVersion));
    if (modern && request.header("mcp-session-id").isEmpty() && message.isRequest())
        handleModern(request, message, ex);
    else
        handleLegacy(request, message, ex);
}

void McpEndpoint::handleGet(const HttpRequest &request, const std::shared_ptr<HttpExchange> &ex)
{
    const QString sessionId = QString::fromLatin1(request.header("mcp-session-id"));
    if (sessionId.isEmpty()) {
        HttpResponse r;
        r.status = 405; // 2026-07-28 has no GET stream; a 2025 one needs a session
        r.headers.emplaceBack("Allow", "POST, DELETE");
        r.body = "GET opens a 2025 session's notification stream: send Mcp-Session-Id\n";
        ex->respond(r);
        return;
    }
    const auto session = m_sessions.value(sessionId);
    if (!session)
        return refuse(ex, 404, kSessionNotFound, QStringLiteral("Session not found"), {}, false);
    if (!acceptsEvents(request))
        return refuse(ex, 406, JsonRpcMessage::InvalidRequest,
                      QStringLiteral("Not Acceptable: a GET stream is text/event-stream"));
    if (session->stream && session->stream->isOpen())
        return refuse(ex, 409, JsonRpcMessage::InvalidRequest,
                      QStringLiteral("Conflict: this session has a GET stream open already"), {},
                      false);
    if (m_streams.size() >= m_options.maxStreams)
        return refuse(ex, 503, JsonRpcMessage::InternalError,
                      QStringLiteral("Too many open streams; try again later"), {}, false);
    Context ctx;
    ctx.sessionId = sessionId;
    if (!startEvents(ex))
        return;
    session->stream = ex;
    session->lastUsedMs = nowMs();
    auto stream = std::make_shared<Stream>();
    stream->ex = ex;
    stream->sessionId = sessionId;
    stream->tools = stream->resources = stream->prompts = true;
    m_streams.append(stream);
    QPointer<McpEndpoint> self(this);
    ex->setClosedHandler([self, raw = stream.get()]() {
        if (self)
            self->m_streams.removeIf(
                [raw](const std::shared_ptr<Stream> &s) { return s.get() == raw; });
    });
}

void McpEndpoint::handleDelete(const HttpRequest &request, const std::shared_ptr<HttpExchange> &ex)
{
    const QString sessionId = QString::fromLatin1(request.header("mcp-session-id"));
    if (sessionId.isEmpty())
        return refuse(ex, 400, JsonRpcMessage::InvalidRequest,
                      QStringLiteral("Bad Request: DELETE ends a session: send Mcp-Session-Id"));
    if (!m_sessions.contains(sessionId))
        return refuse(ex, 404, kSessionNotFound, QStringLiteral("Session not found"), {}, false);
    endSession(sessionId);
    HttpResponse r;
    r.status = 200;
    r.body = "session ended\n";
    ex->respond(r);
}

// ---- 2025-11-25 and earlier: sessions ----------------------------------------

void McpEndpoint::handleLegacy(const HttpRequest &request, const JsonRpcMessage &message,
                               const std::shared_ptr<HttpExchange> &ex)
{
    const QString sessionId = QString::fromLatin1(request.header("mcp-session-id"));
    if (message.isRequest() && message.method == QLatin1String("initialize")) {
        if (!sessionId.isEmpty() && m_sessions.contains(sessionId))
            return refuse(ex, 400, JsonRpcMessage::InvalidRequest,
                          QStringLiteral("Invalid Request: this session is initialized already"));
        initializeSession(request, message, ex);
        return;
    }
    if (sessionId.isEmpty())
        return refuse(
            ex, 400, JsonRpcMessage::InvalidRequest,
            QStringLiteral("Bad Request: Mcp-Session-Id header is required (send initialize "
                           "first, or a 2026-07-28 request with _meta "
                           "io.modelcontextprotocol/protocolVersion)"));
    const auto session = m_sessions.value(sessionId);
    if (!session)
        return refuse(ex, 404, kSessionNotFound, QStringLiteral("Session not found"), {}, false);
    const QString headerVersion = QString::fromLatin1(request.header("mcp-protocol-version"));
    if (!headerVersion.isEmpty() && !legacyVersions().contains(headerVersion))
        return refuse(ex, 400, JsonRpcMessage::InvalidRequest,
                      QStringLiteral("Bad Request: unsupported MCP-Protocol-Version %1 for this "
                                     "session (it negotiated %2)")
                          .arg(SafeText::escape(headerVersion.left(40)), session->protocolVersion));
    session->lastUsedMs = nowMs();
    if (message.isResponse() || message.isNotification()) {
        if (message.isResponse())
            answerInput(message);
        if (message.isNotification() && message.method == QLatin1String("notifications/cancelled"))
            cancelByClient(sessionId, message.params.toObject().value(QStringLiteral("requestId")));
        HttpResponse accepted;
        accepted.status = 202;
        ex->respond(accepted);
        return;
    }
    Context ctx;
    ctx.sessionId = sessionId;
    ctx.client = session->client;
    ctx.protocolVersion = session->protocolVersion;
    ctx.events = acceptsEvents(request);
    ctx.peer = request.peerText;
    ctx.capabilities = session->clientCapabilities;
    ctx.logLevel = session->logLevel;
    serve(ctx, message, ex);
}

void McpEndpoint::initializeSession(const HttpRequest &request, const JsonRpcMessage &message,
                                    const std::shared_ptr<HttpExchange> &ex)
{
    if (m_sessions.size() >= m_options.maxSessions) {
        expireSessions();
        if (m_sessions.size() >= m_options.maxSessions)
            return refuse(ex, 503, JsonRpcMessage::InternalError,
                          QStringLiteral("Too many sessions (%1); try again later")
                              .arg(m_options.maxSessions),
                          {}, false);
    }
    const QJsonObject params = message.params.toObject();
    const QString asked = params.value(QStringLiteral("protocolVersion")).toString();
    auto session = std::make_shared<Session>();
    session->id = EndpointTaskStore::randomId();
    session->protocolVersion = legacyVersions().contains(asked) ? asked : legacyVersions().first();
    session->clientCapabilities = params.value(QStringLiteral("capabilities")).toObject();
    const QJsonObject info = params.value(QStringLiteral("clientInfo")).toObject();
    session->client = countedClient(info.value(QStringLiteral("name")).toString());
    session->lastUsedMs = nowMs();
    m_sessions.insert(session->id, session);
    EndpointClientStats &c = m_clients[session->client];
    c.version = cleanName(info.value(QStringLiteral("version")).toString()).left(32);
    c.protocolVersion = session->protocolVersion;
    ++c.sessions;
    Context ctx;
    ctx.sessionId = session->id;
    ctx.client = session->client;
    ctx.protocolVersion = session->protocolVersion;
    ctx.peer = request.peerText;
    ctx.method = message.method;
    countRequest(ctx, message.method, {});
    QJsonObject result;
    result.insert(QStringLiteral("protocolVersion"), session->protocolVersion);
    result.insert(QStringLiteral("capabilities"), capabilities(ctx));
    result.insert(QStringLiteral("serverInfo"), serverInfo());
    result.insert(QStringLiteral("instructions"),
                  QStringLiteral("A pool of interchangeable MCP servers behind one endpoint: "
                                 "calls are queued, balanced and moved to another server when "
                                 "one fails."));
    HttpResponse r;
    r.contentType = "application/json";
    r.headers.emplaceBack("Mcp-Session-Id", session->id.toLatin1());
    r.body = JsonRpcMessage::response(message.id, result).toBytes();
    countFinished(ctx, false);
    ex->respond(r);
}

void McpEndpoint::endSession(const QString &id)
{
    const auto session = m_sessions.take(id);
    if (!session)
        return;
    if (m_clients.contains(session->client))
        --m_clients[session->client].sessions;
    for (TaskId task : std::as_const(session->requests)) {
        if (const auto call = m_calls.value(task)) {
            call->cancelled = true;
            m_pool->cancel(task);
        }
    }
    // Its tasks can be seen by no one else: they end with it.
    for (const auto &task : m_taskStore.ownedBy(id)) {
        if (!task->isTerminal())
            m_pool->cancel(task->poolTask);
    }
    if (session->stream)
        session->stream->finish();
    m_streams.removeIf([&id](const std::shared_ptr<Stream> &s) { return s->sessionId == id; });
}

void McpEndpoint::expireSessions()
{
    m_taskStore.expire(wallNowMs());
    const qint64 now = nowMs();
    QStringList idle;
    for (const auto &session : std::as_const(m_sessions)) {
        const bool streaming = session->stream && session->stream->isOpen();
        if (!streaming && session->requests.isEmpty()
            && now - session->lastUsedMs > m_options.sessionIdleMs)
            idle.append(session->id);
    }
    for (const QString &id : std::as_const(idle))
        endSession(id);
}

// ---- 2026-07-28: stateless ------------------------------------------------------

void McpEndpoint::handleModern(const HttpRequest &request, const JsonRpcMessage &message,
                               const std::shared_ptr<HttpExchange> &ex)
{
    const auto header = [&request](const QByteArray &name) { return request.header(name); };
    const ModernRefusal refusal = ModernRequestCheck::checkEnvelope(header, message);
    if (refusal.refused())
        return refuse(ex, refusal.httpStatus, refusal.code, refusal.message, refusal.data);
    const QJsonObject params = message.params.toObject();
    const QJsonObject meta = params.value(QStringLiteral("_meta")).toObject();
    Context ctx;
    ctx.modern = true;
    ctx.protocolVersion = meta.value(kMetaVersion).toString();
    ctx.events = acceptsEvents(request);
    ctx.peer = request.peerText;
    ctx.capabilities = meta.value(kMetaCapabilities).toObject();
    if (meta.contains(QStringLiteral("io.modelcontextprotocol/logLevel")))
        ctx.logLevel = ModernRequestCheck::logLevelRank(
            meta.value(QStringLiteral("io.modelcontextprotocol/logLevel")).toString());
    const QJsonObject info = meta.value(kMetaClientInfo).toObject();
    ctx.client = countedClient(info.value(QStringLiteral("name")).toString());
    EndpointClientStats &c = m_clients[ctx.client];
    c.protocolVersion = ctx.protocolVersion;
    if (info.contains(QStringLiteral("version")))
        c.version = cleanName(info.value(QStringLiteral("version")).toString()).left(32);
    if (message.method == QLatin1String("tools/call")) {
        // Tool parameters the tool mirrors into headers (x-mcp-header) must match.
        const QString name = params.value(QStringLiteral("name")).toString();
        const auto tool = lists().toolsByName.constFind(name);
        if (tool != lists().toolsByName.cend()) {
            const ModernRefusal bad = ModernRequestCheck::checkParamHeaders(
                header, tool->value(QStringLiteral("inputSchema")).toObject(),
                params.value(QStringLiteral("arguments")).toObject());
            if (bad.refused())
                return refuse(ex, bad.httpStatus, bad.code, bad.message, bad.data);
        }
    }
    serve(ctx, message, ex);
}

// ---- serving a request ------------------------------------------------------------

void McpEndpoint::serve(const Context &requestCtx, const JsonRpcMessage &message,
                        const std::shared_ptr<HttpExchange> &ex)
{
    Context ctx = requestCtx;
    ctx.method = message.method.left(64);
    const QString &method = message.method;
    const QJsonObject params = message.params.toObject();
    const auto list = [&](const QString &key, const QJsonArray &items) {
        if (!params.value(QStringLiteral("cursor")).toString().isEmpty())
            return answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                               QStringLiteral("Invalid params: unknown cursor (this server "
                                              "answers every list in one page)"));
        QJsonObject result;
        result.insert(key, items);
        answer(ctx, ex, message.id, result);
    };
    countRequest(ctx, method,
                 params.value(QStringLiteral("name"))
                     .toString(params.value(QStringLiteral("uri")).toString()));
    if (method == QLatin1String("tools/call") || method == QLatin1String("resources/read")) {
        enqueue(ctx, message, ex);
    } else if (method == QLatin1String("tools/list")) {
        // 2025-11-25: any call may run as a task (the pool keeps it, whatever its worker does).
        const bool tasks = !ctx.modern && ctx.protocolVersion == kTasksVersion;
        list(QStringLiteral("tools"), tasks ? lists().taskTools : lists().tools);
    } else if (method.startsWith(QLatin1String("tasks/")) && serveTask(ctx, message, ex)) {
    } else if (method == QLatin1String("resources/list")) {
        list(QStringLiteral("resources"), lists().resources);
    } else if (method == QLatin1String("resources/templates/list")) {
        list(QStringLiteral("resourceTemplates"), lists().templates);
    } else if (method == QLatin1String("prompts/list")) {
        list(QStringLiteral("prompts"), lists().prompts);
    } else if (method == QLatin1String("prompts/get")) {
        const QString name = params.value(QStringLiteral("name")).toString();
        forward(ctx, message, m_pool->serversForPrompt(name), ex);
    } else if (method == QLatin1String("completion/complete")) {
        const QJsonObject ref = params.value(QStringLiteral("ref")).toObject();
        const QString type = ref.value(QStringLiteral("type")).toString();
        const QStringList servers = type == QLatin1String("ref/prompt")
            ? m_pool->serversForPrompt(ref.value(QStringLiteral("name")).toString())
            : m_pool->serversForTemplate(ref.value(QStringLiteral("uri")).toString());
        forward(ctx, message, servers, ex);
    } else if (method == QLatin1String("ping") && !ctx.modern) {
        answer(ctx, ex, message.id, {});
    } else if (method == QLatin1String("logging/setLevel") && !ctx.modern) {
        // Log messages reach a 2025 client on its calls' streams (those the
        // workers send at the pool's log level).
        const int rank
            = ModernRequestCheck::logLevelRank(params.value(QStringLiteral("level")).toString());
        if (rank < 0)
            return answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                               QStringLiteral("Invalid params: level must be one of debug, info, "
                                              "notice, warning, error, critical, alert, "
                                              "emergency"));
        if (const auto session = m_sessions.value(ctx.sessionId))
            session->logLevel = rank;
        answer(ctx, ex, message.id, {});
    } else if ((method == QLatin1String("resources/subscribe")
                || method == QLatin1String("resources/unsubscribe"))
               && !ctx.modern) {
        const QString uri = params.value(QStringLiteral("uri")).toString();
        if (uri.isEmpty())
            return answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                               QStringLiteral("Invalid params: uri is required"));
        subscribe(ctx, uri, method == QLatin1String("resources/subscribe"));
        answer(ctx, ex, message.id, {});
    } else if (method == QLatin1String("server/discover") && ctx.modern) {
        QJsonObject result;
        result.insert(QStringLiteral("supportedVersions"),
                      QJsonArray::fromStringList(ModernRequestCheck::supportedVersions()));
        result.insert(QStringLiteral("capabilities"), capabilities(ctx));
        result.insert(QStringLiteral("serverInfo"), serverInfo());
        result.insert(QStringLiteral("instructions"),
                      QStringLiteral("A pool of interchangeable MCP servers behind one endpoint: "
                                     "calls are queued, balanced and moved to another server "
                                     "when one fails."));
        answer(ctx, ex, message.id, result);
    } else if (method == QLatin1String("subscriptions/listen") && ctx.modern) {
        openListener(ctx, message, ex);
    } else {
        answerError(ctx, ex, message.id, JsonRpcMessage::MethodNotFound,
                    QStringLiteral("Method not found: %1").arg(SafeText::escape(method.left(100))),
                    QJsonValue::Undefined, ctx.modern ? 404 : 200);
    }
}

void McpEndpoint::enqueue(const Context &ctx, const JsonRpcMessage &message,
                          const std::shared_ptr<HttpExchange> &ex)
{
    const QJsonObject params = message.params.toObject();
    const QJsonObject meta = params.value(QStringLiteral("_meta")).toObject();
    const bool isCall = message.method == QLatin1String("tools/call");
    const QString target
        = params.value(isCall ? QStringLiteral("name") : QStringLiteral("uri")).toString();
    if (target.isEmpty())
        return answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                           isCall ? QStringLiteral("Invalid params: name is required")
                                  : QStringLiteral("Invalid params: uri is required"));
    if (ctx.modern && params.contains(QStringLiteral("requestState"))) {
        resumeParked(ctx, message, ex); // the answer to input_required
        return;
    }
    const QJsonValue arguments = params.value(QStringLiteral("arguments"));
    if (isCall && !arguments.isUndefined() && !arguments.isObject())
        return answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                           QStringLiteral("Invalid params: arguments must be an object"));
    if (isCall && !lists().toolsByName.contains(target))
        return answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                           QStringLiteral("Unknown tool: %1 (no server of the pool offers it)")
                               .arg(SafeText::escape(target.left(200))));
    PoolCallOptions options;
    const QJsonValue priority = meta.value(QLatin1String(kMetaPriority));
    const QJsonValue timeout = meta.value(QLatin1String(kMetaTimeout));
    const QJsonValue pin = meta.value(QLatin1String(kMetaServer));
    if ((!priority.isUndefined() && !priority.isDouble())
        || (!timeout.isUndefined() && (!timeout.isDouble() || timeout.toDouble() <= 0))
        || (!pin.isUndefined() && !pin.isString()))
        return answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                           QStringLiteral("Invalid params: _meta %1 must be an integer, %2 a "
                                          "positive number of milliseconds, %3 a server id")
                               .arg(QLatin1String(kMetaPriority), QLatin1String(kMetaTimeout),
                                    QLatin1String(kMetaServer)));
    options.priority = qBound(-1000000, priority.toInt(0), 1000000);
    options.timeoutMs = timeout.isDouble() ? int(qMin(timeout.toDouble(), 86400000.0)) : -1;
    options.server = pin.toString();
    if (ctx.logLevel >= 0) // the client's level reaches 2026 workers with the call
        options.logLevel = ModernRequestCheck::logLevelName(ctx.logLevel);
    if (!options.server.isEmpty() && !m_pool->serverIds().contains(options.server))
        return answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                           QStringLiteral("Invalid params: no server \"%1\" in the pool")
                               .arg(SafeText::escape(options.server.left(100))));
    const TaskId task = isCall ? m_pool->callTool(target, arguments.toObject(), options)
                               : m_pool->readResource(target, options);
    auto call = std::make_shared<Call>();
    call->task = task;
    call->ctx = ctx;
    call->id = message.id;
    call->method = message.method;
    call->target = target;
    call->progressToken = meta.value(QStringLiteral("progressToken"));
    call->ex = ex;
    m_calls.insert(task, call);
    if (!ctx.sessionId.isEmpty()) {
        if (const auto session = m_sessions.value(ctx.sessionId))
            session->requests.insert(JsonRpcMessage::idKey(message.id), task);
    }
    if (isCall)
        ++m_clients[ctx.client].toolCalls;
    const QJsonValue taskParam = params.value(QStringLiteral("task"));
    if (isCall && !ctx.modern && ctx.protocolVersion == kTasksVersion && taskParam.isObject()) {
        // 2025-11-25: the client asked for a task; the answer is its handle.
        if (!makeTask(call, taskParam.toObject().value(QStringLiteral("ttl")).toInt(0))) {
            m_calls.remove(task);
            m_pool->cancel(task);
            answerError(ctx, ex, message.id, JsonRpcMessage::InternalError,
                        QStringLiteral("The pool holds %1 running tasks; try again later")
                            .arg(EndpointTaskStore::kMaxTasks));
        }
        return;
    }
    if (isCall && ctx.modern && m_options.taskAfterMs >= 0 && declaresTasks(ctx.capabilities)) {
        // 2026: a handle for a call that takes long (the server decides); one
        // sweep timer for all calls rather than a timer per call.
        if (m_options.taskAfterMs == 0 && makeTask(call, 0))
            return;
        call->taskAtMs = nowMs() + m_options.taskAfterMs;
        if (!m_taskSweep->isActive())
            m_taskSweep->start();
    }
    // The answer turns into a stream only when something comes before it
    // (progress, a log message, a question): a plain call is one JSON answer.
    // A hang-up is seen either way.
    QPointer<McpEndpoint> self(this);
    ex->setClosedHandler([self, task]() {
        if (self)
            self->onCallAbandoned(task);
    });
}

void McpEndpoint::forward(const Context &ctx, const JsonRpcMessage &message, QStringList servers,
                          const std::shared_ptr<HttpExchange> &ex)
{
    if (servers.isEmpty()) {
        const QJsonObject params = message.params.toObject();
        const QString what = message.method == QLatin1String("prompts/get")
            ? QStringLiteral("Unknown prompt: %1")
                  .arg(params.value(QStringLiteral("name")).toString().left(200))
            : QStringLiteral("No server of the pool can complete this reference");
        return answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                           SafeText::escape(what));
    }
    const QString server = servers.takeFirst();
    McpClient *client = m_pool->client(server);
    if (!client)
        return forward(ctx, message, servers, ex);
    QJsonObject params = message.params.toObject();
    params.remove(QStringLiteral("_meta")); // the worker's client writes its own
    McpReply *reply = client->request(message.method, params);
    QPointer<McpReply> guard(reply);
    ex->setClosedHandler([guard]() {
        if (guard)
            guard->cancel();
    });
    connect(reply, &McpReply::finished, this, [this, ctx, message, servers, ex, reply]() {
        reply->deleteLater();
        const McpError error = reply->error();
        if (!ex->isOpen())
            return countFinished(ctx, true);
        // A server that did not take the request: the next one may.
        if (error && error.notDelivered && !servers.isEmpty())
            return forward(ctx, message, servers, ex);
        if (error) {
            Q_EMIT requestFailed(ctx.client, message.method,
                                 message.params.toObject().value(QStringLiteral("name")).toString(),
                                 error);
            return answerError(ctx, ex, message.id, EndpointTaskStore::rpcCode(error),
                               error.message, error.data);
        }
        answer(ctx, ex, message.id, reply->result());
    });
}

void McpEndpoint::openListener(const Context &ctx, const JsonRpcMessage &message,
                               const std::shared_ptr<HttpExchange> &ex)
{
    if (m_streams.size() >= m_options.maxStreams)
        return answerError(ctx, ex, message.id, JsonRpcMessage::InternalError,
                           QStringLiteral("Too many open streams; try again later"),
                           QJsonValue::Undefined, 503);
    const QJsonObject wanted
        = message.params.toObject().value(QStringLiteral("notifications")).toObject();
    if (wanted.contains(QStringLiteral("taskIds"))) {
        // Checked before anything is subscribed. Task status pushes are the tasks
        // extension's: a client that did not declare it on this request is told so (the
        // core's MissingRequiredClientCapability).
        if (!wanted.value(QStringLiteral("taskIds")).isArray())
            return answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                               QStringLiteral("Invalid params: notifications.taskIds must be an "
                                              "array of task ids"));
        if (!declaresTasks(ctx.capabilities)) {
            QJsonObject required{
                {QStringLiteral("extensions"), QJsonObject{{kTasksExtension, QJsonObject()}}}};
            return answerError(ctx, ex, message.id, McpError::MissingRequiredClientCapability,
                               QStringLiteral("Missing required client capability: %1 (for "
                                              "notifications.taskIds)")
                                   .arg(kTasksExtension),
                               QJsonObject{{QStringLiteral("requiredCapabilities"), required}});
        }
    }
    auto stream = std::make_shared<Stream>();
    stream->ex = ex;
    stream->subscriptionId = message.id;
    stream->tools = wanted.value(QStringLiteral("toolsListChanged")).toBool();
    stream->resources = wanted.value(QStringLiteral("resourcesListChanged")).toBool();
    stream->prompts = wanted.value(QStringLiteral("promptsListChanged")).toBool();
    QJsonObject agreed;
    if (stream->tools)
        agreed.insert(QStringLiteral("toolsListChanged"), true);
    if (stream->resources)
        agreed.insert(QStringLiteral("resourcesListChanged"), true);
    if (stream->prompts)
        agreed.insert(QStringLiteral("promptsListChanged"), true);
    if (wanted.contains(QStringLiteral("resourceSubscriptions"))) {
        QJsonArray uris;
        for (const QJsonValue &uri :
             wanted.value(QStringLiteral("resourceSubscriptions")).toArray()) {
            const QString u = uri.toString();
            if (u.isEmpty() || stream->uris.contains(u) || stream->uris.size() >= 1000)
                continue;
            stream->uris.insert(u);
            uris.append(u);
            subscribe(ctx, u, true);
        }
        agreed.insert(QStringLiteral("resourceSubscriptions"), uris);
    }
    QList<std::shared_ptr<EndpointTaskStore::Task>> ended;
    if (wanted.contains(QStringLiteral("taskIds"))) {
        // A task id is its own credential (unguessable): any known 2026 task can be
        // listened to; unknown ids are left out of the acknowledgement.
        QJsonArray ids;
        for (const QJsonValue &v : wanted.value(QStringLiteral("taskIds")).toArray()) {
            const auto task = m_taskStore.find(v.toString());
            if (!task || !task->modern || stream->taskIds.contains(task->id)
                || stream->taskIds.size() >= 1000)
                continue;
            stream->taskIds.insert(task->id);
            ids.append(task->id);
            if (task->isTerminal())
                ended.append(task);
        }
        agreed.insert(QStringLiteral("taskIds"), ids);
    }
    if (!startEvents(ex))
        return;
    QJsonObject meta;
    meta.insert(kMetaSubscriptionId, message.id);
    QJsonObject ack;
    ack.insert(QStringLiteral("_meta"), meta);
    ack.insert(QStringLiteral("notifications"), agreed);
    ex->write(event(JsonRpcMessage::notification(
        QStringLiteral("notifications/subscriptions/acknowledged"), ack)));
    for (const auto &task : std::as_const(ended)) // no later change would tell of them
        ex->write(event(taskNotification(*task, message.id)));
    m_streams.append(stream);
    QPointer<McpEndpoint> self(this);
    ex->setClosedHandler([self, raw = stream.get(), ctx]() {
        if (!self)
            return;
        self->m_streams.removeIf(
            [raw](const std::shared_ptr<Stream> &s) { return s.get() == raw; });
        self->countFinished(ctx, false);
    });
}

void McpEndpoint::subscribe(const Context &ctx, const QString &uri, bool on)
{
    if (!ctx.sessionId.isEmpty()) {
        if (const auto session = m_sessions.value(ctx.sessionId)) {
            if (on && session->subscriptions.size() < 1000)
                session->subscriptions.insert(uri);
            else if (!on)
                session->subscriptions.remove(uri);
        }
    }
    if (!on || m_upstreamSubscriptions.contains(uri) || m_upstreamSubscriptions.size() >= 10000)
        return;
    // The workers that have it are asked once; their updates reach every subscriber.
    m_upstreamSubscriptions.insert(uri);
    for (const QString &id : m_pool->serversForResource(uri)) {
        if (McpClient *client = m_pool->client(id))
            client->subscribeResource(uri);
    }
}

// ---- tasks -----------------------------------------------------------------------

void McpEndpoint::onTaskProgressed(TaskId id, double progress, double total, const QString &message)
{
    const auto call = m_calls.value(id);
    if (call && call->handle) { // no progress on tasks: what it says becomes the status message
        if (!message.isEmpty()) {
            call->handle->statusMessage = message.left(1000);
            call->handle->updatedMs = wallNowMs();
        }
        return;
    }
    if (!call || call->progressToken.isUndefined() || !call->ctx.events || !startEvents(call->ex))
        return;
    QJsonObject params;
    params.insert(QStringLiteral("progressToken"), call->progressToken);
    params.insert(QStringLiteral("progress"), progress);
    if (total > 0)
        params.insert(QStringLiteral("total"), total);
    if (!message.isEmpty())
        params.insert(QStringLiteral("message"), message);
    call->ex->write(
        event(JsonRpcMessage::notification(QStringLiteral("notifications/progress"), params)));
}

void McpEndpoint::onTaskFinished(TaskId id, const QJsonObject &result, const McpError &error)
{
    const auto call = m_calls.value(id);
    if (!call)
        return;
    if (call->handle) {
        m_calls.remove(id);
        if (error && error.kind == McpError::Kind::Cancelled)
            ++m_clients[call->ctx.client].cancelled;
        else if (error)
            Q_EMIT requestFailed(call->ctx.client, call->method, call->target, error);
        QJsonObject kept = result;
        QJsonObject meta = kept.value(QStringLiteral("_meta")).toObject();
        if (meta.remove(kMetaServerInfo),
            meta.isEmpty()) // a worker's; the client talks to the pool
            kept.remove(QStringLiteral("_meta"));
        else
            kept.insert(QStringLiteral("_meta"), meta);
        m_taskStore.finish(call->handle, kept, error, wallNowMs());
        return;
    }
    if (!call->requestState.isEmpty()) {
        // The client has yet to come back with its input: it gets this then.
        call->finished = true;
        call->result = result;
        call->error = error;
        return;
    }
    m_calls.remove(id);
    if (const auto session = m_sessions.value(call->ctx.sessionId))
        session->requests.remove(JsonRpcMessage::idKey(call->id));
    if (call->cancelled || !call->ex->isOpen()) {
        ++m_clients[call->ctx.client].cancelled;
        countFinished(call->ctx, false);
        if (call->cancelled && call->ex->isStreaming())
            call->ex->finish(); // no answer is due to a cancelled request
        else if (call->cancelled)
            send(call->ex,
                 JsonRpcMessage::error(call->id, kRequestCancelled,
                                       QStringLiteral("Request cancelled")));
        return;
    }
    if (error) {
        Q_EMIT requestFailed(call->ctx.client, call->method, call->target, error);
        return answerError(call->ctx, call->ex, call->id, EndpointTaskStore::rpcCode(error),
                           error.message, EndpointTaskStore::errorData(error));
    }
    answer(call->ctx, call->ex, call->id, result);
}

void McpEndpoint::onCallAbandoned(TaskId id)
{
    const auto call = m_calls.value(id);
    if (!call || call->handle) // a task outlives the request that made it
        return;
    // The client closed the request's stream (2026 cancellation) or went away.
    call->cancelled = true;
    const QList<Call::Parked> parked = std::exchange(call->parked, {});
    for (const Call::Parked &p : parked)
        p.respond({},
                  McpError::make(McpError::Kind::Cancelled,
                                 QStringLiteral("the pool's client cancelled the call")));
    if (!call->requestState.isEmpty()) {
        m_parkedCalls.remove(call->requestState);
        call->requestState.clear();
    }
    if (call->finished || !m_pool)
        m_calls.remove(id);
    else
        m_pool->cancel(id);
}

void McpEndpoint::cancelByClient(const QString &sessionId, const QJsonValue &requestId)
{
    const auto session = m_sessions.value(sessionId);
    if (!session)
        return;
    const TaskId task = session->requests.value(JsonRpcMessage::idKey(requestId));
    if (const auto call = m_calls.value(task)) {
        call->cancelled = true;
        m_pool->cancel(task);
    }
}

// ---- task handles ------------------------------------------------------------------

void McpEndpoint::sweepForTasks()
{
    const qint64 now = nowMs();
    bool waiting = false;
    QList<std::shared_ptr<Call>> due;
    for (const auto &call : std::as_const(m_calls)) {
        if (call->taskAtMs <= 0 || call->handle || call->cancelled)
            continue;
        // Not while the client answers input for it (that ends first, MRTR).
        if (now < call->taskAtMs || !call->requestState.isEmpty() || !call->parked.isEmpty())
            waiting = true;
        else
            due.append(call);
    }
    for (const auto &call : std::as_const(due)) {
        call->taskAtMs = 0;
        if (call->ex->isOpen())
            makeTask(call, 0);
    }
    if (!waiting)
        m_taskSweep->stop();
}

bool McpEndpoint::makeTask(const std::shared_ptr<Call> &call, int ttlMs)
{
    const auto handle = m_taskStore.create(call->task, call->ctx.modern,
                                           call->ctx.modern ? QString() : call->ctx.sessionId,
                                           call->ctx.client, ttlMs, wallNowMs());
    if (!handle)
        return false; // full of running tasks: the call goes on as a plain one
    call->handle = handle;
    if (const auto session = m_sessions.value(call->ctx.sessionId))
        session->requests.remove(JsonRpcMessage::idKey(call->id));
    call->ex->setClosedHandler({}); // the client may hang up now: the task runs on
    QJsonObject result;
    if (call->ctx.modern) {
        result = EndpointTaskStore::modernTask(*handle, false);
        result.insert(QStringLiteral("resultType"), QStringLiteral("task"));
    } else {
        result.insert(QStringLiteral("task"), EndpointTaskStore::legacyTask(*handle));
    }
    answer(call->ctx, call->ex, call->id, result);
    return true;
}

// tasks/get, tasks/update, tasks/cancel (2026 and 2025), tasks/result and
// tasks/list (2025). False for another tasks/ method (not found).
bool McpEndpoint::serveTask(const Context &ctx, const JsonRpcMessage &message,
                            const std::shared_ptr<HttpExchange> &ex)
{
    const QString &method = message.method;
    const QJsonObject params = message.params.toObject();
    if (!ctx.modern && method == QLatin1String("tasks/list")) {
        if (!params.value(QStringLiteral("cursor")).toString().isEmpty()) {
            answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                        QStringLiteral("Invalid params: unknown cursor (this server answers "
                                       "every list in one page)"));
            return true;
        }
        m_taskStore.expire(wallNowMs());
        QJsonArray list;
        for (const auto &task : m_taskStore.ownedBy(ctx.sessionId))
            list.append(EndpointTaskStore::legacyTask(*task));
        QJsonObject result;
        result.insert(QStringLiteral("tasks"), list);
        answer(ctx, ex, message.id, result);
        return true;
    }
    const bool known = method == QLatin1String("tasks/get")
        || method == QLatin1String("tasks/cancel")
        || (ctx.modern && method == QLatin1String("tasks/update"))
        || (!ctx.modern && method == QLatin1String("tasks/result"));
    if (!known)
        return false;
    const QString id = params.value(QStringLiteral("taskId")).toString();
    const auto task = m_taskStore.find(id);
    // A 2025 task belongs to the session that made it; a 2026 one to whoever
    // holds its unguessable id.
    if (!task || task->modern != ctx.modern || (!ctx.modern && task->owner != ctx.sessionId)) {
        answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                    id.isEmpty() ? QStringLiteral("Invalid params: taskId is required")
                                 : QStringLiteral("Invalid params: no task %1 (unknown, expired "
                                                  "or not yours)")
                                       .arg(SafeText::escape(id.left(80))));
        return true;
    }
    const auto call = m_calls.value(task->poolTask);
    if (method == QLatin1String("tasks/get")) {
        answer(ctx, ex, message.id,
               ctx.modern ? EndpointTaskStore::modernTask(*task, true)
                          : EndpointTaskStore::legacyTask(*task));
    } else if (method == QLatin1String("tasks/update")) {
        const QJsonValue responses = params.value(QStringLiteral("inputResponses"));
        if (!responses.isObject()) {
            answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                        QStringLiteral("Invalid params: inputResponses (an object) is required"));
            return true;
        }
        // Keys not outstanding are ignored, a partial set is fine (the spec's rules).
        const QJsonObject answers = responses.toObject();
        const QList<EndpointTaskStore::Input> inputs = std::exchange(task->inputs, {});
        for (const EndpointTaskStore::Input &input : inputs) {
            if (answers.value(input.key).isObject())
                input.respond(answers.value(input.key).toObject(), {});
            else
                task->inputs.append(input);
        }
        if (task->inputs.isEmpty())
            m_taskStore.setStatus(task, QStringLiteral("working"), wallNowMs());
        else if (task->inputs.size() < inputs.size())
            m_taskStore.touch(task, wallNowMs()); // fewer questions outstanding
        answer(ctx, ex, message.id, {});
    } else if (method == QLatin1String("tasks/cancel")) {
        if (task->isTerminal()) {
            if (ctx.modern)
                answer(ctx, ex, message.id, {}); // acknowledged; it ended already
            else
                answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                            QStringLiteral("Invalid params: task %1 has ended already (%2)")
                                .arg(task->id, task->status));
            return true;
        }
        // Cancelled at once here; the worker is told (the pool cancels the call).
        m_calls.remove(task->poolTask);
        if (call)
            ++m_clients[call->ctx.client].cancelled;
        m_taskStore.finish(
            task, {},
            McpError::make(McpError::Kind::Cancelled, QStringLiteral("cancelled by the client")),
            wallNowMs());
        if (m_pool)
            m_pool->cancel(task->poolTask);
        if (ctx.modern)
            answer(ctx, ex, message.id, {});
        else
            answer(ctx, ex, message.id, EndpointTaskStore::legacyTask(*task));
    } else { // tasks/result: the outcome, once there is one
        if (task->isTerminal()) {
            answerTaskResult(ctx, ex, message.id, *task);
            return true;
        }
        if (task->onEnded.size() >= kMaxResultWaiters) {
            answerError(ctx, ex, message.id, JsonRpcMessage::InternalError,
                        QStringLiteral("%1 tasks/result requests wait for task %2 already")
                            .arg(kMaxResultWaiters)
                            .arg(task->id));
            return true;
        }
        if (call) {
            call->resultStream = ex; // where the worker's questions go meanwhile
            call->resultStreamEvents = ctx.events;
        }
        ex->setClosedHandler({}); // a client that stops waiting does not cancel the task
        QPointer<McpEndpoint> self(this);
        const QJsonValue requestId = message.id;
        task->onEnded.append([self, ctx, ex, requestId, task]() {
            if (self && ex->isOpen())
                self->answerTaskResult(ctx, ex, requestId, *task);
        });
    }
    return true;
}

void McpEndpoint::answerTaskResult(const Context &ctx, const std::shared_ptr<HttpExchange> &ex,
                                   const QJsonValue &id, const EndpointTaskStore::Task &task)
{
    if (task.status == QLatin1String("failed"))
        return answerError(ctx, ex, id, EndpointTaskStore::rpcCode(task.error), task.error.message,
                           EndpointTaskStore::errorData(task.error));
    if (task.status == QLatin1String("cancelled"))
        return answerError(ctx, ex, id, kRequestCancelled,
                           QStringLiteral("Task %1 was cancelled").arg(task.id));
    QJsonObject result = task.result;
    QJsonObject meta = result.value(QStringLiteral("_meta")).toObject();
    QJsonObject related;
    related.insert(QStringLiteral("taskId"), task.id);
    meta.insert(kMetaRelatedTask, related);
    result.insert(QStringLiteral("_meta"), meta);
    answer(ctx, ex, id, result);
}

// ---- input a worker asks for ------------------------------------------------------

bool McpEndpoint::routeInput(TaskId task, const QString &serverId, const QString &method,
                             const QJsonObject &params, InputResponder &respond)
{
    const auto call = m_calls.value(task);
    if (!call)
        return false; // not a call of ours
    const QString capability = method == QLatin1String("elicitation/create")
        ? QStringLiteral("elicitation")
        : method == QLatin1String("sampling/createMessage") ? QStringLiteral("sampling")
        : method == QLatin1String("roots/list")             ? QStringLiteral("roots")
                                                            : QString();
    const auto refuseInput = [&](const QString &why) {
        McpError e = McpError::make(McpError::Kind::Rpc, why);
        e.rpcCode = JsonRpcMessage::MethodNotFound;
        respond({}, e);
        return true;
    };
    if (capability.isEmpty() || !call->ctx.capabilities.contains(capability))
        return refuseInput(
            QStringLiteral("the pool's client \"%1\" did not declare %2")
                .arg(call->ctx.client, capability.isEmpty() ? method.left(80) : capability));
    if (call->handle && call->ctx.modern) {
        // Shown by tasks/get (inputRequests), answered by tasks/update.
        EndpointTaskStore::Input input;
        input.key = QStringLiteral("%1-%2").arg(serverId.left(40)).arg(m_nextInputId++);
        input.method = method;
        input.params = params;
        input.respond = std::move(respond);
        call->handle->inputs.append(std::move(input));
        if (!m_taskStore.setStatus(call->handle, QStringLiteral("input_required"), wallNowMs()))
            m_taskStore.touch(call->handle, wallNowMs()); // one more question
        return true;
    }
    if (call->ctx.modern) {
        Call::Parked p;
        p.key = QStringLiteral("%1-%2").arg(serverId.left(40)).arg(m_nextInputId++);
        p.method = method;
        p.params = params;
        p.respond = std::move(respond);
        call->parked.append(std::move(p));
        if (!call->flushScheduled) {
            call->flushScheduled = true; // every input of this round in one answer
            QPointer<McpEndpoint> self(this);
            QTimer::singleShot(0, this, [self, task]() {
                if (self)
                    self->flushParked(task);
            });
        }
        return true;
    }
    // 2025: a request on the call's stream (for a task: on a tasks/result
    // waiting for it), else on the session's GET stream.
    std::shared_ptr<HttpExchange> carrier;
    if (!call->handle && call->ctx.events && startEvents(call->ex))
        carrier = call->ex;
    else if (call->handle && call->resultStream && call->resultStream->isOpen()
             && call->resultStreamEvents && startEvents(call->resultStream))
        carrier = call->resultStream;
    if (!carrier) {
        const auto session = m_sessions.value(call->ctx.sessionId);
        if (session && session->stream && session->stream->isStreaming())
            carrier = session->stream;
    }
    if (!carrier)
        return refuseInput(QStringLiteral("no stream to ask the pool's client \"%1\" on (it "
                                          "accepts no text/event-stream answer)")
                               .arg(call->ctx.client));
    const QString id = QStringLiteral("pool-%1").arg(m_nextInputId++);
    auto pending = std::make_shared<PendingInput>();
    pending->respond = std::move(respond);
    pending->sessionId = call->ctx.sessionId;
    pending->task = task;
    pending->timer = new QTimer(this);
    pending->timer->setSingleShot(true);
    const QString key = JsonRpcMessage::idKey(id);
    connect(pending->timer, &QTimer::timeout, this, [this, key]() {
        const auto input = m_inputs.take(key);
        if (!input)
            return;
        input->timer->deleteLater();
        input->respond({},
                       McpError::make(McpError::Kind::Timeout,
                                      QStringLiteral("the pool's client did not answer "
                                                     "within %1 s")
                                          .arg(m_options.inputTimeoutMs / 1000)));
    });
    pending->timer->start(m_options.inputTimeoutMs);
    m_inputs.insert(key, pending);
    QJsonObject sent = params;
    if (call->handle) {
        QJsonObject meta = sent.value(QStringLiteral("_meta")).toObject();
        QJsonObject related;
        related.insert(QStringLiteral("taskId"), call->handle->id);
        meta.insert(kMetaRelatedTask, related);
        sent.insert(QStringLiteral("_meta"), meta);
        m_taskStore.setStatus(call->handle, QStringLiteral("input_required"), wallNowMs());
    }
    carrier->write(event(JsonRpcMessage::request(id, method, sent)));
    return true;
}

void McpEndpoint::answerInput(const JsonRpcMessage &response)
{
    const auto input = m_inputs.take(JsonRpcMessage::idKey(response.id));
    if (!input)
        return; // not ours, or answered (or given up on) already
    delete input->timer;
    if (const auto call = m_calls.value(input->task); call && call->handle) {
        bool more = false; // the task works again once nothing is asked of the client
        for (const auto &other : std::as_const(m_inputs))
            more = more || other->task == input->task;
        if (!more)
            m_taskStore.setStatus(call->handle, QStringLiteral("working"), wallNowMs());
    }
    if (response.type == JsonRpcMessage::Type::Error) {
        McpError e = McpError::make(McpError::Kind::Rpc, response.errorMessage);
        e.rpcCode = response.errorCode;
        e.data = response.errorData;
        input->respond({}, e);
        return;
    }
    input->respond(response.result.toObject(), {});
}

void McpEndpoint::flushParked(TaskId task)
{
    const auto call = m_calls.value(task);
    if (!call)
        return;
    call->flushScheduled = false;
    QJsonObject requests;
    for (Call::Parked &p : call->parked) {
        if (p.sent)
            continue;
        p.sent = true;
        QJsonObject request;
        request.insert(QStringLiteral("method"), p.method);
        request.insert(QStringLiteral("params"), p.params);
        requests.insert(p.key, request);
    }
    if (requests.isEmpty() || !call->ex->isOpen())
        return;
    call->requestState = EndpointTaskStore::randomId();
    m_parkedCalls.insert(call->requestState, task);
    QJsonObject result;
    result.insert(QStringLiteral("resultType"), QStringLiteral("input_required"));
    result.insert(QStringLiteral("inputRequests"), requests);
    result.insert(QStringLiteral("requestState"), call->requestState);
    answer(call->ctx, call->ex, call->id, result);
    // A client that never comes back: the worker hears so, the call ends.
    QPointer<McpEndpoint> self(this);
    const QString state = call->requestState;
    QTimer::singleShot(m_options.inputTimeoutMs, this, [self, task, state]() {
        if (!self || !self->m_parkedCalls.contains(state))
            return;
        self->m_parkedCalls.remove(state);
        if (const auto c = self->m_calls.value(task)) {
            c->requestState.clear();
            self->onCallAbandoned(task);
        }
    });
}

bool McpEndpoint::resumeParked(const Context &ctx, const JsonRpcMessage &message,
                               const std::shared_ptr<HttpExchange> &ex)
{
    const QJsonObject params = message.params.toObject();
    const QString state = params.value(QStringLiteral("requestState")).toString();
    const TaskId task = m_parkedCalls.take(state);
    const auto call = m_calls.value(task);
    if (!call) {
        answerError(ctx, ex, message.id, JsonRpcMessage::InvalidParams,
                    QStringLiteral("Invalid params: requestState is unknown or expired"));
        return true;
    }
    const QJsonObject responses = params.value(QStringLiteral("inputResponses")).toObject();
    const QList<Call::Parked> parked = std::exchange(call->parked, {});
    for (const Call::Parked &p : parked) {
        if (!p.sent) {
            call->parked.append(p); // asked after the answer went out: next round
            continue;
        }
        if (responses.value(p.key).isObject()) {
            p.respond(responses.value(p.key).toObject(), {});
        } else {
            McpError e = McpError::make(
                McpError::Kind::Rpc,
                QStringLiteral("the pool's client gave no answer for %1").arg(p.method));
            e.rpcCode = JsonRpcMessage::InvalidParams;
            p.respond({}, e);
        }
    }
    call->requestState.clear();
    call->ctx = ctx;
    call->id = message.id;
    call->ex = ex;
    if (call->finished) {
        call->requestState.clear();
        onTaskFinished(task, call->result, call->error);
        return true;
    }
    QPointer<McpEndpoint> self(this);
    ex->setClosedHandler([self, task]() {
        if (self)
            self->onCallAbandoned(task);
    });
    if (!call->parked.isEmpty())
        flushParked(task);
    return true;
}

void McpEndpoint::onTaskLog(TaskId id, const QString &level, const QString &logger,
                            const QJsonValue &data)
{
    const auto call = m_calls.value(id);
    if (!call || call->handle || call->ctx.logLevel < 0
        || ModernRequestCheck::logLevelRank(level) < call->ctx.logLevel || !call->ctx.events
        || !startEvents(call->ex))
        return;
    QJsonObject params;
    params.insert(QStringLiteral("level"), level);
    if (!logger.isEmpty())
        params.insert(QStringLiteral("logger"), logger);
    params.insert(QStringLiteral("data"), data);
    call->ex->write(
        event(JsonRpcMessage::notification(QStringLiteral("notifications/message"), params)));
}

// ---- answers ---------------------------------------------------------------------

bool McpEndpoint::startEvents(const std::shared_ptr<HttpExchange> &ex)
{
    if (ex->isStreaming())
        return true;
    HttpResponse head;
    head.contentType = "text/event-stream";
    head.headers.emplaceBack("Cache-Control", "no-cache");
    head.headers.emplaceBack("X-Accel-Buffering", "no");
    return ex->startStream(head);
}

QByteArray McpEndpoint::event(const JsonRpcMessage &message)
{
    return SseEvent::encode(QString::fromUtf8(message.toBytes()), QStringLiteral("message"));
}

void McpEndpoint::send(const std::shared_ptr<HttpExchange> &ex, const JsonRpcMessage &message,
                       int httpStatus)
{
    if (ex->isStreaming()) {
        ex->write(event(message));
        ex->finish();
        return;
    }
    HttpResponse r;
    r.status = httpStatus;
    r.contentType = "application/json";
    r.body = message.toBytes();
    ex->respond(r);
}

void McpEndpoint::answer(const Context &ctx, const std::shared_ptr<HttpExchange> &ex,
                         const QJsonValue &id, QJsonObject result)
{
    QJsonObject meta = result.value(QStringLiteral("_meta")).toObject();
    meta.remove(kMetaServerInfo); // a worker's; the client talks to the pool
    if (ctx.modern) {
        if (!result.contains(QStringLiteral("resultType")))
            result.insert(QStringLiteral("resultType"), QStringLiteral("complete"));
        meta.insert(kMetaServerInfo, serverInfo());
        // SEP-2549 caching hints, required on list, read and discover results:
        // the union may change with the fleet (list_changed says so), a read
        // keeps what its worker said, or is not to be cached.
        static const QStringList lists{
            QStringLiteral("tools/list"), QStringLiteral("resources/list"),
            QStringLiteral("resources/templates/list"), QStringLiteral("prompts/list")};
        const bool read = ctx.method == QLatin1String("resources/read");
        if (read || lists.contains(ctx.method) || ctx.method == QLatin1String("server/discover")) {
            if (!result.value(QStringLiteral("ttlMs")).isDouble()
                || result.value(QStringLiteral("ttlMs")).toDouble() < 0)
                result.insert(QStringLiteral("ttlMs"),
                              read                             ? 0
                                  : lists.contains(ctx.method) ? kListTtlMs
                                                               : kDiscoverTtlMs);
            const QString scope = result.value(QStringLiteral("cacheScope")).toString();
            if (scope != QLatin1String("public") && scope != QLatin1String("private"))
                result.insert(QStringLiteral("cacheScope"), QStringLiteral("public"));
        }
    } else {
        result.remove(QStringLiteral("resultType"));
        result.remove(QStringLiteral("ttlMs"));
        result.remove(QStringLiteral("cacheScope"));
    }
    if (meta.isEmpty())
        result.remove(QStringLiteral("_meta"));
    else
        result.insert(QStringLiteral("_meta"), meta);
    countFinished(ctx, false);
    send(ex, JsonRpcMessage::response(id, result));
}

void McpEndpoint::answerError(const Context &ctx, const std::shared_ptr<HttpExchange> &ex,
                              const QJsonValue &id, int code, const QString &message,
                              const QJsonValue &data, int httpStatus)
{
    countFinished(ctx, true);
    send(ex, JsonRpcMessage::error(id, code, message, data), httpStatus);
}

// ---- notifications ---------------------------------------------------------------

const McpEndpoint::Unions &McpEndpoint::lists()
{
    if (m_listsDirty && m_pool) {
        m_listsDirty = false;
        m_lists.tools = FleetCatalog::tools(*m_pool);
        m_lists.toolsByName.clear();
        m_lists.taskTools = QJsonArray();
        for (const QJsonValue &tool : std::as_const(m_lists.tools)) {
            QJsonObject t = tool.toObject();
            m_lists.toolsByName.insert(t.value(QStringLiteral("name")).toString(), t);
            QJsonObject execution = t.value(QStringLiteral("execution")).toObject();
            execution.insert(QStringLiteral("taskSupport"), QStringLiteral("optional"));
            t.insert(QStringLiteral("execution"), execution);
            m_lists.taskTools.append(t);
        }
        m_lists.resources = FleetCatalog::resources(*m_pool);
        m_lists.templates = FleetCatalog::resourceTemplates(*m_pool);
        m_lists.prompts = FleetCatalog::prompts(*m_pool);
    }
    return m_lists;
}

QHash<QString, QByteArray> McpEndpoint::listPrints()
{
    QHash<QString, QByteArray> prints;
    prints.insert(QStringLiteral("tools"), FleetCatalog::fingerprint(lists().tools));
    // resources/list_changed covers the templates too
    prints.insert(QStringLiteral("resources"),
                  FleetCatalog::fingerprint(lists().resources)
                      + FleetCatalog::fingerprint(lists().templates));
    prints.insert(QStringLiteral("prompts"), FleetCatalog::fingerprint(lists().prompts));
    return prints;
}

void McpEndpoint::recomputeLists()
{
    if (!m_pool)
        return;
    const QHash<QString, QByteArray> now = listPrints();
    for (const QString &name :
         {QStringLiteral("tools"), QStringLiteral("resources"), QStringLiteral("prompts")}) {
        if (m_listPrints.value(name) == now.value(name))
            continue;
        m_listPrints.insert(name, now.value(name));
        notifyListChanged(name);
        Q_EMIT listChanged(name);
    }
}

void McpEndpoint::notifyListChanged(const QString &list)
{
    const QString method = QStringLiteral("notifications/%1/list_changed").arg(list);
    // A copy: a write that overruns a stream's backlog closes it, and its closed handler
    // removes it from m_streams while this loop runs.
    const auto streams = m_streams;
    for (const auto &stream : streams) {
        const bool wanted = list == QLatin1String("tools") ? stream->tools
            : list == QLatin1String("resources")           ? stream->resources
                                                           : stream->prompts;
        if (!wanted || !stream->ex->isStreaming())
            continue;
        QJsonObject params;
        if (!stream->subscriptionId.isUndefined()) {
            QJsonObject meta;
            meta.insert(kMetaSubscriptionId, stream->subscriptionId);
            params.insert(QStringLiteral("_meta"), meta);
        }
        stream->ex->write(event(JsonRpcMessage::notification(method, params)));
    }
}

void McpEndpoint::notifyResourceUpdated(const QString &uri)
{
    QJsonObject params;
    params.insert(QStringLiteral("uri"), uri);
    const auto streams = m_streams; // see notifyListChanged()
    for (const auto &stream : streams) {
        if (!stream->ex->isStreaming())
            continue;
        QJsonObject p = params;
        if (!stream->subscriptionId.isUndefined()) {
            if (!stream->uris.contains(uri))
                continue;
            QJsonObject meta;
            meta.insert(kMetaSubscriptionId, stream->subscriptionId);
            p.insert(QStringLiteral("_meta"), meta);
        } else {
            const auto session = m_sessions.value(stream->sessionId);
            if (!session || !session->subscriptions.contains(uri))
                continue;
        }
        stream->ex->write(event(
            JsonRpcMessage::notification(QStringLiteral("notifications/resources/updated"), p)));
    }
}

JsonRpcMessage McpEndpoint::taskNotification(const EndpointTaskStore::Task &task,
                                             const QJsonValue &subscriptionId)
{
    // The DetailedTask tasks/get would answer now, without its resultType.
    QJsonObject params = EndpointTaskStore::modernTask(task, true);
    QJsonObject meta;
    meta.insert(kMetaSubscriptionId, subscriptionId);
    params.insert(QStringLiteral("_meta"), meta);
    return JsonRpcMessage::notification(QStringLiteral("notifications/tasks"), params);
}

void McpEndpoint::notifyTaskChanged(const std::shared_ptr<EndpointTaskStore::Task> &task)
{
    if (!task->modern)
        return;
    const auto streams = m_streams; // see notifyListChanged()
    for (const auto &stream : streams) {
        if (stream->taskIds.contains(task->id) && stream->ex->isStreaming())
            stream->ex->write(event(taskNotification(*task, stream->subscriptionId)));
    }
}

void McpEndpoint::keepStreamsAlive()
{
    const QByteArray comment = SseEvent::encodeComment("keep-alive");
    // Copies: a write that overruns a backlog closes its connection, whose handlers
    // remove streams and calls while these loops run.
    const auto streams = m_streams;
    for (const auto &stream : streams)
        stream->ex->write(comment);
    const auto calls = m_calls;
    for (const auto &call : calls)
        call->ex->write(comment); // no-op unless it streams
}

// ---- bookkeeping -------------------------------------------------------------------

QJsonObject McpEndpoint::capabilities(const Context &ctx) const
{
    QJsonObject listChanged;
    listChanged.insert(QStringLiteral("listChanged"), true);
    QJsonObject resources = listChanged;
    resources.insert(QStringLiteral("subscribe"), true);
    QJsonObject caps;
    caps.insert(QStringLiteral("tools"), listChanged);
    caps.insert(QStringLiteral("resources"), resources);
    caps.insert(QStringLiteral("prompts"), listChanged);
    caps.insert(QStringLiteral("completions"), QJsonObject());
    if (ctx.modern) {
        QJsonObject extensions;
        extensions.insert(kTasksExtension, QJsonObject());
        caps.insert(QStringLiteral("extensions"), extensions);
    } else if (ctx.protocolVersion == kTasksVersion) {
        QJsonObject call;
        call.insert(QStringLiteral("call"), QJsonObject());
        QJsonObject requests;
        requests.insert(QStringLiteral("tools"), call);
        QJsonObject tasks;
        tasks.insert(QStringLiteral("list"), QJsonObject());
        tasks.insert(QStringLiteral("cancel"), QJsonObject());
        tasks.insert(QStringLiteral("requests"), requests);
        caps.insert(QStringLiteral("tasks"), tasks);
    }
    return caps;
}

QString McpEndpoint::countedClient(const QString &name)
{
    const QString clean = cleanName(name);
    if (m_clients.contains(clean) || m_clients.size() < m_options.maxClients)
        return clean;
    return QStringLiteral("other");
}

void McpEndpoint::countRequest(const Context &ctx, const QString &method, const QString &target)
{
    ++m_activity;
    const bool fresh = !m_clients.contains(ctx.client);
    EndpointClientStats &c = m_clients[ctx.client];
    c.name = ctx.client;
    c.peer = ctx.peer;
    ++c.requests;
    ++c.active;
    c.lastSeenMs = nowMs();
    c.lastCall = target.isEmpty()
        ? method
        : QStringLiteral("%1 %2").arg(method, SafeText::escape(target.left(80)));
    EndpointMethodStats &m = m_methods[method.left(64)];
    m.method = method.left(64);
    ++m.requests;
    if (fresh || c.requests == 1)
        Q_EMIT clientSeen(ctx.client, ctx.peer);
}

void McpEndpoint::countFinished(const Context &ctx, bool failed)
{
    ++m_activity;
    EndpointClientStats &c = m_clients[ctx.client];
    c.name = ctx.client;
    if (c.active > 0)
        --c.active;
    if (failed) {
        ++c.errors;
        if (const auto it = m_methods.find(ctx.method); it != m_methods.end())
            ++it->errors;
    }
}

EndpointStats McpEndpoint::stats() const
{
    EndpointStats s;
    s.refused = m_refused;
    s.malformed = m_malformed;
    s.sessions = int(m_sessions.size());
    s.streams = int(m_streams.size());
    s.tasksRunning = m_taskStore.running();
    s.tasksEnded = m_taskStore.size() - s.tasksRunning;
    s.clients = m_clients.values();
    std::sort(
        s.clients.begin(), s.clients.end(),
        [](const EndpointClientStats &a, const EndpointClientStats &b) { return a.name < b.name; });
    s.methods = m_methods.values();
    std::sort(s.methods.begin(), s.methods.end(),
              [](const EndpointMethodStats &a, const EndpointMethodStats &b) {
                  return a.method < b.method;
              });
    if (m_listener)
        s.listener = m_listener->stats();
    return s;
}

} // namespace mcppm
