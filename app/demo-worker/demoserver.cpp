#include "demoserver.h"

#include "democatalog.h"
#include "mcp/modernrequestcheck.h"

#include "net/sseevent.h"
#include "net/version.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpSocket>
#include <QTimer>
#include <QUrl>
#include <QUuid>

#include <unistd.h>

namespace mcppm::demo {

namespace {
constexpr qint64 kMaxBody = 4 * 1024 * 1024;
const QStringList kVersions{QStringLiteral("2025-11-25"), QStringLiteral("2025-06-18"),
                            QStringLiteral("2025-03-26")};

const QString kMetaServerInfo = QStringLiteral("io.modelcontextprotocol/serverInfo");
const QString kMetaSubscriptionId = QStringLiteral("io.modelcontextprotocol/subscriptionId");
const QString kStateUri = QStringLiteral("demo://state/current");

QJsonObject toolResult(const QString &value, bool isError = false)
{
    return DemoCatalog::toolResult(value, isError);
}
} // namespace

// A running SSE answer (progress, sleep) that notifications/cancelled can stop.
struct DemoServer::Stream
{
    Responder responder;
    QPointer<QTcpSocket> socket;
    QTimer *timer = nullptr;
    int step = 0;
    bool cancelled = false;
    bool done = false;
    ~Stream() { delete timer; }
};

namespace {
// The timer's slots hold the stream (finish() captures it): once the call is
// over, drop them, from the event loop, so the stream and its timer are freed.
template<typename S> void release(const std::shared_ptr<S> &stream)
{
    QTimer::singleShot(0, [stream]() {
        if (stream->timer)
            stream->timer->disconnect();
    });
}
} // namespace

// A subscriptions/listen answer: an SSE stream that stays open and carries
// the agreed change notifications, tagged with the listen request's id.
struct DemoServer::Listener
{
    Responder responder;
    QJsonValue id;
    bool toolsListChanged = false;
    QStringList resources;
    QTimer *keepAlive = nullptr;
    ~Listener() { delete keepAlive; }
};

struct DemoServer::Session
{
    QString id;
    QString protocolVersion;
    qint64 nextEventId = 1;
    Responder getStream; // the standalone GET stream, if open
    QTimer *keepAlive = nullptr;
    QHash<QString, std::shared_ptr<Stream>> running; // request id key → streamed tool call
    QJsonObject clientCapabilities; // from initialize: what server requests may be sent
    ~Session() { delete keepAlive; }
};

DemoServer::DemoServer(const WorkerOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_random(options.seed ? QRandomGenerator(quint32(options.seed))
                            : QRandomGenerator::securelySeeded())
    , m_sealer(options.requestStateTtlMs)
{
    m_uptime.start();
    if (options.listChangeEveryMs > 0 && options.era != Era::Legacy) {
        m_listChange = new QTimer(this);
        connect(m_listChange, &QTimer::timeout, this, &DemoServer::toggleFlip);
        m_listChange->start(options.listChangeEveryMs);
    }
    m_http.route(QStringLiteral("/mcp"),
                 [this](const QHttpServerRequest &request, QHttpServerResponder &&responder) {
                     handle(request, std::move(responder));
                 });
    if (options.oauth) {
        DemoAuthServer::Options auth;
        auth.tokenLifetimeSeconds = options.tokenLifetimeSeconds;
        auth.clientSecret = options.oauthClientSecret;
        m_auth = std::make_unique<DemoAuthServer>(auth);
        for (const QString &path : DemoAuthServer::paths())
            m_http.route(path, [this](const QHttpServerRequest &request, QHttpServerResponder &&r) {
                handleAuthEndpoint(request, std::move(r));
            });
    }
}

DemoServer::~DemoServer() = default;

bool DemoServer::enableTls(const QString &certificateFile, const QString &keyFile, QString *error)
{
    auto readFile = [error](const QString &path, QByteArray *data) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = QStringLiteral("%1: %2").arg(path, file.errorString());
            return false;
        }
        *data = file.read(1024 * 1024);
        return true;
    };
    QByteArray certificatePem, keyPem;
    if (!readFile(certificateFile, &certificatePem) || !readFile(keyFile, &keyPem))
        return false;
    const QList<QSslCertificate> chain = QSslCertificate::fromData(certificatePem, QSsl::Pem);
    if (chain.isEmpty()) {
        *error = QStringLiteral("%1 holds no PEM certificate").arg(certificateFile);
        return false;
    }
    QSslKey key(keyPem, QSsl::Ec, QSsl::Pem);
    if (key.isNull())
        key = QSslKey(keyPem, QSsl::Rsa, QSsl::Pem);
    if (key.isNull()) {
        *error = QStringLiteral("%1 holds no unencrypted EC or RSA private key (PEM)").arg(keyFile);
        return false;
    }
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setLocalCertificateChain(chain);
    ssl.setPrivateKey(key);
    ssl.setPeerVerifyMode(QSslSocket::VerifyNone); // clients do not present certificates
    m_http.sslSetup(ssl);
    m_https = true;
    return true;
}

quint16 DemoServer::listen(const QHostAddress &address, quint16 port)
{
    const int bound = m_http.listen(address, port);
    if (bound <= 0)
        return 0;
    m_loopback = address.isLoopback();
    if (m_auth)
        m_auth->setEndpoint(m_https, address, quint16(bound));
    return quint16(bound);
}

void DemoServer::writeResponse(const Responder &exchange, int status, const QByteArray &contentType,
                               const QByteArray &body,
                               const QList<QPair<QByteArray, QByteArray>> &headers)
{
    if (!exchange->socket)
        return; // the client hung up
    QHttpServerResponder &responder = *exchange->responder;
    responder.writeStatusLine(QHttpServerResponder::StatusCode(status));
    if (!contentType.isEmpty())
        responder.writeHeader("Content-Type", contentType);
    for (const auto &header : headers)
        responder.writeHeader(header.first, header.second);
    responder.writeHeader("Content-Length", QByteArray::number(body.size()));
    exchange->socket->write("\r\n" + body);
    exchange->socket->flush();
}

void DemoServer::writeJsonRpc(const Responder &exchange, const JsonRpcMessage &message,
                              const QList<QPair<QByteArray, QByteArray>> &headers)
{
    writeResponse(exchange, 200, "application/json", message.toBytes(), headers);
}

bool DemoServer::startEventStream(const Responder &exchange)
{
    if (!exchange->socket)
        return false;
    // The head goes out now and each event later, in small writes: without TCP_NODELAY the
    // kernel holds an event until the client acknowledges the head, which it delays (up to
    // 40 ms), so a 10 ms sleep answered in 45 ms.
    exchange->socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    QHttpServerResponder &responder = *exchange->responder;
    responder.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    responder.writeHeader("Content-Type", "text/event-stream");
    responder.writeHeader("Cache-Control", "no-cache");
    responder.writeHeader("Transfer-Encoding", "chunked");
    exchange->socket->write("\r\n");
    return true;
}

bool DemoServer::writeChunk(const Responder &exchange, const QByteArray &event)
{
    if (!exchange->socket)
        return false;
    exchange->socket->write(QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n");
    exchange->socket->flush();
    return true;
}

void DemoServer::endChunks(const Responder &exchange)
{
    if (!exchange->socket)
        return;
    exchange->socket->write("0\r\n\r\n");
    exchange->socket->flush();
}

QByteArray DemoServer::messageEvent(const JsonRpcMessage &message)
{
    return SseEvent::encode(QString::fromUtf8(message.toBytes()), QStringLiteral("message"));
}

void DemoServer::writeModernError(const Responder &exchange, int status, const QJsonValue &id,
                                  int code, const QString &text, const QJsonValue &data)
{
    writeResponse(exchange, status, "application/json",
                  JsonRpcMessage::error(id, code, text, data).toBytes());
}

void DemoServer::writeRpcError(const Responder &exchange, int status, int code, const QString &text)
{
    writeResponse(exchange, status, "application/json",
                  JsonRpcMessage::error(QJsonValue(QJsonValue::Null), code, text).toBytes());
}

void DemoServer::handle(const QHttpServerRequest &request, QHttpServerResponder &&r)
{
    auto responder = std::make_shared<Exchange>();
    responder->socket = r.socket();
    responder->responder = std::make_shared<QHttpServerResponder>(std::move(r));
    if (m_hanging) {
        m_hung.append(responder); // accepted, never answered
        return;
    }
    if (m_loopback
        && (!isLoopbackAuthority(request.value("host"), false)
            || !isLoopbackAuthority(request.value("origin"), true))) {
        // DNS rebinding: a web page's origin, or a name that is not this host.
        writeRpcError(responder, 403, -32000,
                      QStringLiteral("Forbidden: Host and Origin must name localhost"));
        return;
    }
    if (m_auth) {
        const DemoAuthServer::Access access = m_auth->checkAccess(request);
        if (!access.granted) {
            writeResponse(
                responder, access.status, "application/json",
                JsonRpcMessage::error(QJsonValue(QJsonValue::Null), -32001, access.message)
                    .toBytes(),
                {{"WWW-Authenticate", access.challenge}});
            return;
        }
    } else if (!m_options.requiredToken.isEmpty()
               && request.value("authorization") != "Bearer " + m_options.requiredToken) {
        writeResponse(responder, 401, "application/json",
                      JsonRpcMessage::error(QJsonValue(QJsonValue::Null), -32001,
                                            QStringLiteral("Unauthorized: a valid bearer token "
                                                           "is required"))
                          .toBytes(),
                      {{"WWW-Authenticate", "Bearer realm=\"mcp-demo-worker\""}});
        return;
    }
    const QByteArray sessionId = request.value("mcp-session-id");
    switch (request.method()) {
    case QHttpServerRequest::Method::Post:
        handlePost(request, responder);
        return;
    case QHttpServerRequest::Method::Get:
    case QHttpServerRequest::Method::Delete: {
        // 2026-07-28 has no GET stream and no DELETE; in both eras a request
        // without a session that names a modern version is modern.
        const QByteArray version = request.value("mcp-protocol-version");
        if (m_options.era == Era::Modern
            || (m_options.era == Era::Both && sessionId.isEmpty()
                && ModernRequestCheck::supportedVersions().contains(
                    QString::fromLatin1(version)))) {
            writeResponse(responder, 405, "text/plain", "Method Not Allowed\n",
                          {{"Allow", "POST"}});
            return;
        }
        if (sessionId.isEmpty()) {
            writeRpcError(responder, 400, -32000,
                          QStringLiteral("Bad Request: Mcp-Session-Id header is required"));
            return;
        }
        const auto session = m_sessions.value(QString::fromLatin1(sessionId));
        if (!session) {
            writeRpcError(responder, 404, -32001, QStringLiteral("Session not found"));
            return;
        }
        if (request.method() == QHttpServerRequest::Method::Delete) {
            m_sessions.remove(session->id);
            if (session->getStream && session->getStream->socket)
                session->getStream->socket->disconnectFromHost();
            writeResponse(responder, 200, {}, {});
            return;
        }
        handleGet(*session, request, responder);
        return;
    }
    default:
        writeResponse(responder, 405, "text/plain", "Method Not Allowed\n",
                      {{"Allow", m_options.era == Era::Modern ? "POST" : "GET, POST, DELETE"}});
        return;
    }
}

bool DemoServer::isLoopbackAuthority(const QByteArray &value, bool isOrigin)
{
    if (value.isEmpty())
        return true; // no Origin: not a browser; no Host: HTTP/1.0
    QByteArray authority = value.trimmed().toLower();
    if (isOrigin) {
        const qsizetype scheme = authority.indexOf("://");
        if (scheme < 0)
            return false; // "null" and other opaque origins
        authority = authority.mid(scheme + 3);
    }
    QByteArray host = authority;
    if (host.startsWith('[')) {
        const qsizetype end = host.indexOf(']');
        host = end < 0 ? QByteArray() : host.left(end + 1);
    } else if (const qsizetype colon = host.indexOf(':'); colon >= 0) {
        host = host.left(colon);
    }
    return host == "localhost" || host == "127.0.0.1" || host == "[::1]";
}

void DemoServer::handleAuthEndpoint(const QHttpServerRequest &request, QHttpServerResponder &&r)
{
    auto responder = std::make_shared<Exchange>();
    responder->socket = r.socket();
    responder->responder = std::make_shared<QHttpServerResponder>(std::move(r));
    if (m_hanging) {
        m_hung.append(responder); // accepted, never answered
        return;
    }
    const DemoAuthServer::Reply reply = m_auth->handle(request);
    writeResponse(responder, reply.status, reply.contentType, reply.body, reply.headers);
}

void DemoServer::handleGet(Session &session, const QHttpServerRequest &request, Responder responder)
{
    if (!request.value("accept").contains("text/event-stream")) {
        writeRpcError(responder, 406, -32000,
                      QStringLiteral("Not Acceptable: GET needs Accept: text/event-stream"));
        return;
    }
    if (session.getStream && session.getStream->socket
        && session.getStream->socket->state() == QAbstractSocket::ConnectedState) {
        writeRpcError(responder, 409, -32000,
                      QStringLiteral("Conflict: only one GET stream per session"));
        return;
    }
    if (!startEventStream(responder))
        return;
    QTcpSocket *socket = responder->socket;
    const QByteArray hello = SseEvent::encodeComment("stream open");
    socket->write(QByteArray::number(hello.size(), 16) + "\r\n" + hello + "\r\n");
    socket->flush();
    session.getStream = responder;
    delete session.keepAlive;
    session.keepAlive = new QTimer;
    QPointer<QTcpSocket> guard(socket);
    QObject::connect(session.keepAlive, &QTimer::timeout, session.keepAlive, [guard]() {
        if (!guard)
            return;
        const QByteArray ping = SseEvent::encodeComment("keepalive");
        guard->write(QByteArray::number(ping.size(), 16) + "\r\n" + ping + "\r\n");
    });
    session.keepAlive->start(15000);
}

void DemoServer::handlePost(const QHttpServerRequest &request, Responder responder)
{
    const QByteArray body = request.body();
    if (body.size() > kMaxBody) {
        writeRpcError(responder, 413, JsonRpcMessage::InvalidRequest,
                      QStringLiteral("Payload Too Large"));
        return;
    }
    if (!request.value("content-type").toLower().startsWith("application/json")) {
        writeRpcError(
            responder, 415, JsonRpcMessage::InvalidRequest,
            QStringLiteral("Unsupported Media Type: Content-Type must be application/json"));
        return;
    }
    const QByteArray accept = request.value("accept");
    if (!accept.contains("application/json") || !accept.contains("text/event-stream")) {
        writeRpcError(
            responder, 406, JsonRpcMessage::InvalidRequest,
            QStringLiteral(
                "Not Acceptable: Accept must list application/json and text/event-stream"));
        return;
    }
    QString why;
    const QList<JsonRpcMessage> messages = JsonRpcMessage::parse(body, &why);
    if (messages.size() != 1) {
        const bool notJson = why.startsWith(QLatin1String("body is not valid JSON"));
        writeRpcError(responder, 400,
                      notJson ? JsonRpcMessage::ParseError : JsonRpcMessage::InvalidRequest,
                      messages.isEmpty() ? why : QStringLiteral("one JSON-RPC message per POST"));
        return;
    }
    const JsonRpcMessage message = messages.first();
    if (m_options.era == Era::Modern
        || (m_options.era == Era::Both && looksModern(request, message))) {
        handleModernPost(request, message, responder);
        return;
    }
    if (m_options.era == Era::Legacy && looksModern(request, message)) {
        // What a 2025-11-25 server on the TypeScript SDK v1 answers.
        writeRpcError(responder, 400, -32000,
                      QStringLiteral("Bad Request: Server not initialized"));
        return;
    }
    if (message.isRequest() && message.method == QLatin1String("initialize")) {
        auto session = std::make_shared<Session>();
        session->id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString requested
            = message.params.toObject().value(QStringLiteral("protocolVersion")).toString();
        session->protocolVersion = kVersions.contains(requested) ? requested : kVersions.first();
        session->clientCapabilities
            = message.params.toObject().value(QStringLiteral("capabilities")).toObject();
        m_sessions.insert(session->id, session);
        QJsonObject result;
        result.insert(QStringLiteral("protocolVersion"), session->protocolVersion);
        result.insert(QStringLiteral("capabilities"), capabilities(false));
        result.insert(QStringLiteral("serverInfo"), serverInfo());
        result.insert(
            QStringLiteral("instructions"),
            QStringLiteral("A demo worker of MCP Pool Monitor: echo, add, sleep, progress, fail."));
        writeJsonRpc(responder, JsonRpcMessage::response(message.id, result),
                     {{"Mcp-Session-Id", session->id.toLatin1()}});
        return;
    }
    const QByteArray sessionId = request.value("mcp-session-id");
    if (sessionId.isEmpty()) {
        writeRpcError(responder, 400, -32000,
                      QStringLiteral("Bad Request: Mcp-Session-Id header is required"));
        return;
    }
    const auto session = m_sessions.value(QString::fromLatin1(sessionId));
    if (!session) {
        writeRpcError(responder, 404, -32001, QStringLiteral("Session not found"));
        return;
    }
    if (message.isResponse()) {
        // The client's answer to a request we sent on a tool call's stream.
        answerPendingServerRequest(message);
        writeResponse(responder, 202, {}, {});
        return;
    }
    if (!message.isRequest()) {
        if (message.method == QLatin1String("notifications/cancelled")) {
            const QString key = JsonRpcMessage::idKey(
                message.params.toObject().value(QStringLiteral("requestId")));
            if (const auto stream = session->running.take(key)) {
                stream->cancelled = true;
                if (!stream->done) {
                    stream->done = true;
                    --m_streamsRunning;
                    ++m_requestsCancelled;
                }
                if (stream->timer)
                    stream->timer->stop();
                release(stream);
                if (stream->socket) {
                    stream->socket->write("0\r\n\r\n"); // end the stream, no response (spec)
                    stream->socket->flush();
                }
            }
        }
        writeResponse(responder, 202, {}, {});
        return;
    }
    handleRequest(*session, message, responder);
}

void DemoServer::handleRequest(Session &session, const JsonRpcMessage &message, Responder responder)
{
    const QJsonObject params = message.params.toObject();
    Context context;
    context.sessionId = session.id;
    auto invalid = [&](const QString &error) {
        writeJsonRpc(responder,
                     JsonRpcMessage::error(message.id, JsonRpcMessage::InvalidParams, error));
    };
    if (message.method == QLatin1String("ping")) {
        writeJsonRpc(responder, JsonRpcMessage::response(message.id, QJsonObject()));
    } else if (message.method == QLatin1String("tools/list")) {
        QString error;
        const QJsonObject page
            = toolsPage(context, params.value(QStringLiteral("cursor")).toString(), &error);
        if (!error.isEmpty())
            invalid(error);
        else
            writeJsonRpc(responder, JsonRpcMessage::response(message.id, page));
    } else if (message.method == QLatin1String("tools/call")) {
        callTool(context, message, responder);
    } else if (message.method == QLatin1String("resources/list")) {
        QJsonObject result;
        result.insert(QStringLiteral("resources"), resourceList());
        writeJsonRpc(responder, JsonRpcMessage::response(message.id, result));
    } else if (message.method == QLatin1String("resources/templates/list")) {
        QJsonObject result;
        result.insert(QStringLiteral("resourceTemplates"), templateList());
        writeJsonRpc(responder, JsonRpcMessage::response(message.id, result));
    } else if (message.method == QLatin1String("resources/read")) {
        const QString uri = params.value(QStringLiteral("uri")).toString();
        const QJsonArray contents = readContents(uri);
        if (contents.isEmpty()) {
            writeJsonRpc(responder,
                         JsonRpcMessage::error(message.id, -32002,
                                               QStringLiteral("Resource not found: %1").arg(uri)));
            return;
        }
        QJsonObject result;
        result.insert(QStringLiteral("contents"), contents);
        writeJsonRpc(responder, JsonRpcMessage::response(message.id, result));
    } else if (message.method == QLatin1String("prompts/list")) {
        QJsonObject result;
        result.insert(QStringLiteral("prompts"), promptList());
        writeJsonRpc(responder, JsonRpcMessage::response(message.id, result));
    } else if (message.method == QLatin1String("prompts/get")) {
        QString error;
        const QJsonObject result = getPrompt(params, &error);
        if (!error.isEmpty())
            return invalid(error);
        writeJsonRpc(responder, JsonRpcMessage::response(message.id, result));
    } else if (message.method == QLatin1String("completion/complete")) {
        QString error;
        const QJsonObject completion = complete(params, &error);
        if (!error.isEmpty())
            return invalid(error);
        QJsonObject result;
        result.insert(QStringLiteral("completion"), completion);
        writeJsonRpc(responder, JsonRpcMessage::response(message.id, result));
    } else if (message.method == QLatin1String("logging/setLevel")) {
        writeJsonRpc(responder, JsonRpcMessage::response(message.id, QJsonObject()));
    } else {
        writeJsonRpc(
            responder,
            JsonRpcMessage::error(message.id, JsonRpcMessage::MethodNotFound,
                                  QStringLiteral("Method not found: %1").arg(message.method)));
    }
}

// resources/read in both eras: the live state, or a greeting from the template.
QJsonArray DemoServer::resourceList() const
{
    QJsonObject resource;
    resource.insert(QStringLiteral("uri"), kStateUri);
    resource.insert(QStringLiteral("name"), QStringLiteral("state"));
    resource.insert(QStringLiteral("description"),
                    QStringLiteral("Worker name, calls served, uptime"));
    resource.insert(QStringLiteral("mimeType"), QStringLiteral("application/json"));
    QJsonArray list{resource};
    if (!m_options.resourcePrefix.isEmpty()) {
        QJsonObject info;
        info.insert(QStringLiteral("uri"),
                    QString(m_options.resourcePrefix + QStringLiteral("/info")));
        info.insert(QStringLiteral("name"), QStringLiteral("info"));
        info.insert(QStringLiteral("description"), QStringLiteral("Served by this worker only"));
        info.insert(QStringLiteral("mimeType"), QStringLiteral("text/plain"));
        list.append(info);
    }
    return list;
}

QJsonArray DemoServer::templateList() const
{
    QJsonArray list = DemoCatalog::resourceTemplates();
    if (!m_options.resourcePrefix.isEmpty()) {
        QJsonObject t;
        t.insert(QStringLiteral("uriTemplate"),
                 QString(m_options.resourcePrefix + QStringLiteral("/items/{id}")));
        t.insert(QStringLiteral("name"), QStringLiteral("item"));
        t.insert(QStringLiteral("description"), QStringLiteral("Items served by this worker only"));
        t.insert(QStringLiteral("mimeType"), QStringLiteral("text/plain"));
        list.append(t);
    }
    return list;
}

QJsonArray DemoServer::promptList() const
{
    QJsonArray list = DemoCatalog::prompts();
    for (const QString &name : m_options.extraPrompts) {
        QJsonObject prompt;
        prompt.insert(QStringLiteral("name"), name);
        prompt.insert(QStringLiteral("description"), QStringLiteral("Offered by this worker only"));
        list.append(prompt);
    }
    return list;
}

QJsonObject DemoServer::getPrompt(const QJsonObject &params, QString *error) const
{
    const QString name = params.value(QStringLiteral("name")).toString();
    if (!m_options.extraPrompts.contains(name))
        return DemoCatalog::prompt(name, params.value(QStringLiteral("arguments")).toObject(),
                                   error);
    QJsonObject message;
    message.insert(QStringLiteral("role"), QStringLiteral("user"));
    message.insert(
        QStringLiteral("content"),
        DemoCatalog::textContent(QStringLiteral("Prompt %1 from %2.").arg(name, m_options.name)));
    QJsonObject result;
    result.insert(QStringLiteral("description"),
                  QStringLiteral("%1 of %2").arg(name, m_options.name));
    result.insert(QStringLiteral("messages"), QJsonArray{message});
    return result;
}

namespace {
// Text of this worker's own resources (--resource-prefix); empty if the URI is not one.
QJsonArray prefixedContents(const QString &prefix, const QString &worker, const QString &uri)
{
    if (prefix.isEmpty() || !uri.startsWith(prefix + QLatin1Char('/')))
        return {};
    const QString rest = uri.mid(prefix.size() + 1);
    QString text;
    if (rest == QLatin1String("info")) {
        text = QStringLiteral("info of %1").arg(worker);
    } else if (rest.startsWith(QLatin1String("items/")) && rest.size() > 6
               && !rest.mid(6).contains(QLatin1Char('/'))) {
        text = QStringLiteral("item %1 of %2")
                   .arg(QUrl::fromPercentEncoding(rest.mid(6).toUtf8()), worker);
    } else {
        return {};
    }
    QJsonObject content;
    content.insert(QStringLiteral("uri"), uri);
    content.insert(QStringLiteral("mimeType"), QStringLiteral("text/plain"));
    content.insert(QStringLiteral("text"), text);
    return QJsonArray{content};
}
} // namespace

// completion/complete in both eras: this worker's own template (--resource-prefix), or the
// catalog's.
QJsonObject DemoServer::complete(const QJsonObject &params, QString *error) const
{
    const QJsonObject ref = params.value(QStringLiteral("ref")).toObject();
    if (m_options.resourcePrefix.isEmpty()
        || ref.value(QStringLiteral("uri")).toString()
            != m_options.resourcePrefix + QStringLiteral("/items/{id}"))
        return DemoCatalog::complete(params, error);
    const QString value = params.value(QStringLiteral("argument"))
                              .toObject()
                              .value(QStringLiteral("value"))
                              .toString();
    QJsonArray values;
    for (const QString &id : {QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}) {
        if (id.startsWith(value))
            values.append(id);
    }
    QJsonObject completion;
    completion.insert(QStringLiteral("values"), values);
    completion.insert(QStringLiteral("total"), values.size());
    completion.insert(QStringLiteral("hasMore"), false);
    return completion;
}

QJsonArray DemoServer::readContents(const QString &uri) const
{
    if (const QJsonArray own = prefixedContents(m_options.resourcePrefix, m_options.name, uri);
        !own.isEmpty())
        return own;
    if (uri != kStateUri)
        return DemoCatalog::readTemplated(uri);
    QJsonObject content;
    content.insert(QStringLiteral("uri"), uri);
    content.insert(QStringLiteral("mimeType"), QStringLiteral("application/json"));
    content.insert(
        QStringLiteral("text"),
        QString::fromUtf8(QJsonDocument(stateResource()).toJson(QJsonDocument::Compact)));
    return QJsonArray{content};
}

QJsonArray DemoServer::tools(const Context &context) const
{
    Q_UNUSED(context) // one tool list in both eras: a mixed fleet shows no drift
    return DemoCatalog::modernTools(m_flipOffered);
}

QJsonObject DemoServer::toolsPage(const Context &context, const QString &cursor,
                                  QString *error) const
{
    QJsonArray all;
    for (const QJsonValue &t : tools(context)) {
        if (!m_options.withoutTools.contains(t.toObject().value(QStringLiteral("name")).toString()))
            all.append(t);
    }
    int start = 0;
    if (!cursor.isEmpty()) {
        bool ok = false;
        start = cursor.startsWith(QLatin1String("page-")) ? cursor.mid(5).toInt(&ok) : -1;
        if (!ok || start < 0 || start >= all.size()) {
            *error = QStringLiteral("Invalid cursor: %1").arg(cursor);
            return {};
        }
    }
    const int size = m_options.pageSize > 0 ? m_options.pageSize : int(all.size());
    QJsonArray page;
    for (int i = start; i < all.size() && i < start + size; ++i)
        page.append(all.at(i));
    QJsonObject result;
    result.insert(QStringLiteral("tools"), page);
    if (start + size < all.size())
        result.insert(QStringLiteral("nextCursor"), QStringLiteral("page-%1").arg(start + size));
    return result;
}

QJsonObject DemoServer::stateResource() const
{
    QJsonObject state;
    state.insert(QStringLiteral("name"), m_options.name);
    state.insert(QStringLiteral("callsServed"), m_toolCallsAnswered);
    state.insert(QStringLiteral("uptimeMs"), m_uptime.elapsed());
    state.insert(QStringLiteral("streamsRunning"), m_streamsRunning);
    state.insert(QStringLiteral("requestsCancelled"), m_requestsCancelled);
    qsizetype listening = 0;
    for (const std::shared_ptr<Listener> &l : m_listeners)
        listening += l->responder->socket ? 1 : 0;
    state.insert(QStringLiteral("listeners"), qint64(listening));
    return state;
}

void DemoServer::callTool(const Context &context, const JsonRpcMessage &message,
                          Responder responder)
{
    if (m_toolCallsThrottled < m_options.throttleFirst
        || (m_options.throttleRate > 0 && m_random.generateDouble() < m_options.throttleRate)) {
        ++m_toolCallsThrottled;
        writeResponse(responder, 429, "text/plain", "too many requests (injected)\n",
                      {{"Retry-After", QByteArray::number(m_options.retryAfterSeconds)}});
        return;
    }
    if (m_options.errorRate > 0 && m_random.generateDouble() < m_options.errorRate) {
        writeResponse(
            responder, 500, "text/html",
            "<html><head><title>500 Internal Server Error</title></head>"
            "<body><h1>Internal Server Error</h1><p>injected by --error-rate</p></body></html>");
        return;
    }
    if (m_options.latencyMs <= 0) {
        runTool(context, message, responder);
        return;
    }
    QTimer::singleShot(m_options.latencyMs, this, [this, context, message, responder]() {
        if (context.modern && !responder->socket) {
            ++m_requestsCancelled; // 2026-07-28: the client closed the request: no work
            return;
        }
        if (context.modern || m_sessions.contains(context.sessionId))
            runTool(context, message, responder);
        else
            writeRpcError(responder, 404, -32001, QStringLiteral("Session not found"));
    });
}

void DemoServer::runTool(const Context &context, const JsonRpcMessage &message, Responder responder)
{
    const QJsonObject params = message.params.toObject();
    const QString name = params.value(QStringLiteral("name")).toString();
    const QJsonObject args = params.value(QStringLiteral("arguments")).toObject();
    auto answer = [&](const QJsonObject &result) {
        answerTool(context, responder, message, result);
        toolAnswered(responder);
    };
    if (m_options.withoutTools.contains(name)
        || DemoCatalog::findTool(tools(context), name).isEmpty()) {
        writeJsonRpc(responder,
                     JsonRpcMessage::error(message.id, JsonRpcMessage::InvalidParams,
                                           QStringLiteral("Unknown tool: %1").arg(name)));
        return;
    }
    if (name == QLatin1String("echo")) {
        if (!args.value(QStringLiteral("message")).isString())
            return answer(toolResult(QStringLiteral("echo needs a string \"message\""), true));
        const QString region = args.value(QStringLiteral("region")).toString();
        answer(toolResult(region.isEmpty()
                              ? args.value(QStringLiteral("message")).toString()
                              : QStringLiteral("[%1] %2").arg(
                                  region, args.value(QStringLiteral("message")).toString())));
    } else if (name == QLatin1String("add")) {
        if (!args.value(QStringLiteral("a")).isDouble()
            || !args.value(QStringLiteral("b")).isDouble())
            return answer(toolResult(QStringLiteral("add needs numbers \"a\" and \"b\""), true));
        const double sum = args.value(QStringLiteral("a")).toDouble()
            + args.value(QStringLiteral("b")).toDouble();
        QJsonObject result = toolResult(QString::number(sum, 'g', 17));
        QJsonObject structured;
        structured.insert(QStringLiteral("sum"), sum);
        result.insert(QStringLiteral("structuredContent"), structured);
        answer(result);
    } else if (name == QLatin1String("fail")) {
        answer(toolResult(
            args.value(QStringLiteral("message")).toString(QStringLiteral("failed on purpose")),
            true));
    } else if (name == QLatin1String("sleep") || name == QLatin1String("progress")) {
        startStreamedTool(context, message, responder);
    } else if (name == QLatin1String("toggle_tool")) {
        toggleFlip();
        answer(toolResult(m_flipOffered ? QStringLiteral("flip is offered now")
                                        : QStringLiteral("flip is gone now")));
    } else if (name == QLatin1String("flip")) {
        answer(toolResult(m_random.bounded(2) ? QStringLiteral("heads") : QStringLiteral("tails")));
    } else if ((name == QLatin1String("ask_name") || name == QLatin1String("list_roots"))
               && !context.modern) {
        runLegacyRoundTripTool(context, message, responder);
    } else if (name == QLatin1String("ask_name") || name == QLatin1String("list_roots")) {
        runRoundTripTool(context, message, responder);
    } else {
        writeJsonRpc(responder,
                     JsonRpcMessage::error(message.id, JsonRpcMessage::InvalidParams,
                                           QStringLiteral("Unknown tool: %1").arg(name)));
    }
}

void DemoServer::runRoundTripTool(const Context &context, const JsonRpcMessage &message,
                                  Responder responder)
{
    const QJsonObject params = message.params.toObject();
    const QString name = params.value(QStringLiteral("name")).toString();
    const QJsonObject args = params.value(QStringLiteral("arguments")).toObject();
    const bool askName = name == QLatin1String("ask_name");
    const QString key = askName ? QStringLiteral("name") : QStringLiteral("roots");
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QJsonValue state = params.value(QStringLiteral("requestState"));
    const QJsonObject responses = params.value(QStringLiteral("inputResponses")).toObject();
    if (!state.isUndefined()) {
        QString why;
        if (!state.isString()
            || !m_sealer.verify(state.toString(), message.method, name, args, now, &why)) {
            writeJsonRpc(responder,
                         JsonRpcMessage::error(message.id, JsonRpcMessage::InvalidParams,
                                               state.isString()
                                                   ? why
                                                   : QStringLiteral("requestState must be "
                                                                    "a string")));
            return;
        }
        const QJsonObject response = responses.value(key).toObject();
        if (askName) {
            const QString action = response.value(QStringLiteral("action")).toString();
            const QString who = response.value(QStringLiteral("content"))
                                    .toObject()
                                    .value(QStringLiteral("name"))
                                    .toString();
            if (action == QLatin1String("decline") || action == QLatin1String("cancel")) {
                answerTool(context, responder, message,
                           toolResult(QStringLiteral("No name given (%1).").arg(action)));
                toolAnswered(responder);
                return;
            }
            if (action == QLatin1String("accept") && !who.isEmpty()) {
                answerTool(
                    context, responder, message,
                    toolResult(QStringLiteral("%1, %2!").arg(
                        args.value(QStringLiteral("greeting")).toString(QStringLiteral("Hello")),
                        who)));
                toolAnswered(responder);
                return;
            }
        } else if (response.value(QStringLiteral("roots")).isArray()) {
            QStringList uris;
            for (const QJsonValue &root : response.value(QStringLiteral("roots")).toArray())
                uris.append(root.toObject().value(QStringLiteral("uri")).toString());
            answerTool(
                context, responder, message,
                toolResult(uris.isEmpty()
                               ? QStringLiteral("The client has no roots.")
                               : QStringLiteral("Roots: %1").arg(uris.join(QStringLiteral(", ")))));
            toolAnswered(responder);
            return;
        }
        // The answer is missing or unusable: ask again (MRTR, error handling).
    }
    const QString capability = askName ? QStringLiteral("elicitation") : QStringLiteral("roots");
    if (!context.modern || !context.clientCapabilities.value(capability).isObject()) {
        QJsonObject required;
        required.insert(capability, QJsonObject());
        QJsonObject data;
        data.insert(QStringLiteral("requiredCapabilities"), required);
        writeModernError(responder, 400, message.id, ModernRequestCheck::kMissingClientCapability,
                         QStringLiteral("Missing required client capability: %1 (tool %2 asks "
                                        "the client for input)")
                             .arg(capability, name),
                         data);
        return;
    }
    QJsonObject request;
    if (askName) {
        QJsonObject elicit;
        elicit.insert(QStringLiteral("mode"), QStringLiteral("form"));
        elicit.insert(QStringLiteral("message"), QStringLiteral("What is your name?"));
        elicit.insert(
            QStringLiteral("requestedSchema"),
            QJsonDocument::fromJson(
                R"({"type":"object","properties":{"name":{"type":"string","title":"Name"}},"required":["name"]})")
                .object());
        request.insert(QStringLiteral("method"), QStringLiteral("elicitation/create"));
        request.insert(QStringLiteral("params"), elicit);
    } else {
        request.insert(QStringLiteral("method"), QStringLiteral("roots/list"));
        request.insert(QStringLiteral("params"), QJsonObject());
    }
    QJsonObject result;
    result.insert(QStringLiteral("resultType"), QStringLiteral("input_required"));
    QJsonObject inputRequests;
    inputRequests.insert(key, request);
    result.insert(QStringLiteral("inputRequests"), inputRequests);
    result.insert(QStringLiteral("requestState"), m_sealer.seal(message.method, name, args, now));
    writeJsonRpc(responder, JsonRpcMessage::response(message.id, decorate(context, result)));
}

void DemoServer::startStreamedTool(const Context &context, const JsonRpcMessage &message,
                                   Responder responder)
{
    const QJsonObject params = message.params.toObject();
    const QString name = params.value(QStringLiteral("name")).toString();
    const QJsonObject args = params.value(QStringLiteral("arguments")).toObject();
    const bool isSleep = name == QLatin1String("sleep");
    const int ms = args.value(QStringLiteral("ms")).toInt(-1);
    const int steps = args.value(QStringLiteral("steps")).toInt(-1);
    const int interval = args.value(QStringLiteral("interval_ms")).toInt(100);
    if ((isSleep && (ms < 0 || ms > 600000))
        || (!isSleep && (steps < 1 || steps > 10000 || interval < 0 || interval > 60000))) {
        answerTool(context, responder, message,
                   toolResult(isSleep ? QStringLiteral("sleep needs \"ms\" between 0 and 600000")
                                      : QStringLiteral("progress needs \"steps\" 1..10000 and "
                                                       "\"interval_ms\" 0..60000"),
                              true));
        toolAnswered(responder);
        return;
    }
    const QJsonValue token
        = params.value(QStringLiteral("_meta")).toObject().value(QStringLiteral("progressToken"));

    if (!startEventStream(responder))
        return;
    auto stream = std::make_shared<Stream>();
    stream->responder = responder;
    stream->socket = responder->socket;
    const QString sessionId = context.sessionId;
    const QString key = JsonRpcMessage::idKey(message.id);
    if (!context.modern) {
        if (const auto session = m_sessions.value(sessionId))
            session->running.insert(key, stream);
    }
    ++m_streamsRunning;
    // A closed response stream cancels the request (2026-07-28; and a gone
    // 2025-11-25 client gets no more work either): stop and send nothing more.
    QObject::connect(stream->socket, &QTcpSocket::disconnected, this,
                     [this, weak = std::weak_ptr<Stream>(stream), sessionId, key]() {
                         const auto s = weak.lock();
                         if (!s || s->done)
                             return;
                         s->done = true;
                         release(s);
                         s->cancelled = true;
                         if (s->timer)
                             s->timer->stop();
                         --m_streamsRunning;
                         ++m_requestsCancelled;
                         if (const auto session = m_sessions.value(sessionId))
                             session->running.remove(key);
                     });

    // Event ids (and a priming event) only in 2025-11-25: 2026-07-28 streams
    // are not resumable.
    auto nextId = [this, sessionId, modern = context.modern]() {
        if (modern)
            return QString();
        const auto s = m_sessions.value(sessionId);
        return QString::number(s ? s->nextEventId++ : 0);
    };
    if (!context.modern)
        writeChunk(responder, "id: " + nextId().toLatin1() + "\ndata:\n\n");
    for (const QByteArray &event : logEvents(context, message))
        writeChunk(responder, event);

    auto finish = [this, nextId, stream, message, key, sessionId,
                   context](const QJsonObject &result) {
        if (stream->cancelled || stream->done)
            return;
        stream->done = true;
        release(stream);
        --m_streamsRunning;
        writeChunk(
            stream->responder,
            SseEvent::encode(
                QString::fromUtf8(
                    JsonRpcMessage::response(message.id, decorate(context, result)).toBytes()),
                QStringLiteral("message"), nextId()));
        endChunks(stream->responder);
        if (const auto s = m_sessions.value(sessionId))
            s->running.remove(key);
        toolAnswered(stream->responder);
    };

    stream->timer = new QTimer;
    if (isSleep) {
        stream->timer->setSingleShot(true);
        QObject::connect(stream->timer, &QTimer::timeout, this, [finish, ms]() {
            finish(toolResult(QStringLiteral("slept %1 ms").arg(ms)));
        });
        stream->timer->start(ms);
        return;
    }
    QObject::connect(
        stream->timer, &QTimer::timeout, this, [nextId, finish, token, steps, s = stream.get()]() {
            if (s->cancelled)
                return;
            ++s->step;
            if (!token.isUndefined() && !token.isNull()) {
                QJsonObject p;
                p.insert(QStringLiteral("progressToken"), token);
                p.insert(QStringLiteral("progress"), s->step);
                p.insert(QStringLiteral("total"), steps);
                p.insert(QStringLiteral("message"),
                         QStringLiteral("step %1 of %2").arg(s->step).arg(steps));
                writeChunk(s->responder,
                           SseEvent::encode(
                               QString::fromUtf8(JsonRpcMessage::notification(
                                                     QStringLiteral("notifications/progress"), p)
                                                     .toBytes()),
                               QStringLiteral("message"), nextId()));
            }
            if (s->step >= steps) {
                s->timer->stop();
                finish(toolResult(QStringLiteral("done %1 steps").arg(steps)));
            }
        });
    stream->timer->start(interval);
}

void DemoServer::toolAnswered(const Responder &responder)
{
    ++m_toolCallsAnswered;
    // demo://state/current counts calls: it has changed.
    QJsonObject updated;
    updated.insert(QStringLiteral("uri"), kStateUri);
    notifyListeners(QStringLiteral("notifications/resources/updated"), updated, kStateUri);
    if (m_options.dieAfter >= 0 && m_toolCallsAnswered >= m_options.dieAfter) {
        // Simulates a crash: the answer goes out, then the process is gone.
        if (QTcpSocket *socket = responder->socket) {
            socket->flush();
            socket->waitForBytesWritten(200);
        }
        ::_exit(3);
    }
    if (m_options.hangAfter >= 0 && m_toolCallsAnswered >= m_options.hangAfter)
        m_hanging = true;
}

QJsonObject DemoServer::serverInfo() const
{
    QJsonObject info;
    info.insert(QStringLiteral("name"), m_options.name);
    info.insert(QStringLiteral("version"), QString::fromLatin1(kVersion));
    return info;
}

QJsonObject DemoServer::capabilities(bool modern) const
{
    QJsonObject capabilities;
    QJsonObject tools;
    tools.insert(QStringLiteral("listChanged"), true);
    capabilities.insert(QStringLiteral("tools"), tools);
    QJsonObject resources;
    if (modern)
        resources.insert(QStringLiteral("subscribe"), true);
    capabilities.insert(QStringLiteral("resources"), resources);
    capabilities.insert(QStringLiteral("prompts"), QJsonObject());
    capabilities.insert(QStringLiteral("completions"), QJsonObject());
    capabilities.insert(QStringLiteral("logging"), QJsonObject());
    return capabilities;
}

QJsonObject DemoServer::decorate(const Context &context, QJsonObject result, bool cacheable,
                                 int ttlMs) const
{
    if (!context.modern)
        return result;
    if (!result.contains(QStringLiteral("resultType")))
        result.insert(QStringLiteral("resultType"), QStringLiteral("complete"));
    QJsonObject meta = result.value(QStringLiteral("_meta")).toObject();
    meta.insert(kMetaServerInfo, serverInfo());
    result.insert(QStringLiteral("_meta"), meta);
    if (cacheable) {
        result.insert(QStringLiteral("ttlMs"), ttlMs >= 0 ? ttlMs : m_options.listTtlMs);
        result.insert(QStringLiteral("cacheScope"), QStringLiteral("public"));
    }
    return result;
}

void DemoServer::answer(const Context &context, const Responder &responder, const QJsonValue &id,
                        const QJsonObject &result, bool cacheable, int ttlMs)
{
    writeJsonRpc(responder,
                 JsonRpcMessage::response(id, decorate(context, result, cacheable, ttlMs)));
}

QList<QByteArray> DemoServer::logEvents(const Context &context, const JsonRpcMessage &message) const
{
    if (!context.modern || context.logLevel < 0)
        return {};
    const QJsonObject params = message.params.toObject();
    struct Line
    {
        const char *level;
        QJsonValue data;
    };
    const QList<Line> lines{
        {"debug",
         QJsonObject{{QStringLiteral("arguments"), params.value(QStringLiteral("arguments"))}}},
        {"info",
         QStringLiteral("tools/call %1").arg(params.value(QStringLiteral("name")).toString())},
    };
    QList<QByteArray> events;
    for (const Line &line : lines) {
        const QString level = QLatin1String(line.level);
        if (ModernRequestCheck::logLevelRank(level) < context.logLevel)
            continue;
        QJsonObject p;
        p.insert(QStringLiteral("level"), level);
        p.insert(QStringLiteral("logger"), QStringLiteral("demo-worker"));
        p.insert(QStringLiteral("data"), line.data);
        events.append(
            messageEvent(JsonRpcMessage::notification(QStringLiteral("notifications/message"), p)));
    }
    return events;
}

void DemoServer::answerTool(const Context &context, const Responder &responder,
                            const JsonRpcMessage &message, const QJsonObject &result)
{
    const QList<QByteArray> logs = logEvents(context, message);
    if (logs.isEmpty()) {
        answer(context, responder, message.id, result);
        return;
    }
    // The request asked for log messages: they go first on its own stream.
    if (!startEventStream(responder))
        return;
    for (const QByteArray &event : logs)
        writeChunk(responder, event);
    writeChunk(responder,
               messageEvent(JsonRpcMessage::response(message.id, decorate(context, result))));
    endChunks(responder);
}

bool DemoServer::looksModern(const QHttpServerRequest &request, const JsonRpcMessage &message) const
{
    // A session is legacy; so is initialize, unless it carries modern _meta (then
    // it is a modern request for a method this revision removed: 404).
    if (!request.value("mcp-session-id").isEmpty())
        return false;
    if (message.params.toObject()
            .value(QStringLiteral("_meta"))
            .toObject()
            .contains(QStringLiteral("io.modelcontextprotocol/protocolVersion")))
        return true;
    if (message.method == QLatin1String("initialize"))
        return false;
    const QByteArray version = request.value("mcp-protocol-version");
    return !version.isEmpty() && !kVersions.contains(QString::fromLatin1(version));
}

void DemoServer::handleModernPost(const QHttpServerRequest &request, const JsonRpcMessage &message,
                                  Responder responder)
{
    // Any Mcp-Session-Id is ignored: 2026-07-28 has no sessions.
    if (message.isResponse()) {
        writeModernError(responder, 400, QJsonValue::Null, JsonRpcMessage::InvalidRequest,
                         QStringLiteral("Invalid Request: clients send no JSON-RPC responses in "
                                        "MCP 2026-07-28"));
        return;
    }
    if (!message.isRequest()) {
        writeResponse(responder, 202, {}, {});
        return;
    }
    if (message.method == QLatin1String("initialize")
        && !message.params.toObject()
                .value(QStringLiteral("_meta"))
                .toObject()
                .contains(QStringLiteral("io.modelcontextprotocol/protocolVersion"))) {
        // A 2025-era client: it cannot fall forward, so the error says what would work.
        QJsonObject data;
        data.insert(QStringLiteral("supported"),
                    QJsonArray::fromStringList(ModernRequestCheck::supportedVersions()));
        writeModernError(
            responder, 400, message.id, JsonRpcMessage::InvalidRequest,
            QStringLiteral("This server speaks MCP %1 only: no initialize handshake (send "
                           "requests with _meta io.modelcontextprotocol/protocolVersion)")
                .arg(ModernRequestCheck::supportedVersions().join(QLatin1String(", "))),
            data);
        return;
    }
    const auto header = [&request](const QByteArray &name) { return request.value(name); };
    const ModernRefusal refusal = ModernRequestCheck::checkEnvelope(header, message);
    if (refusal.refused()) {
        writeModernError(responder, refusal.httpStatus, message.id, refusal.code, refusal.message,
                         refusal.data);
        return;
    }
    static const QStringList methods{QStringLiteral("server/discover"),
                                     QStringLiteral("tools/list"),
                                     QStringLiteral("tools/call"),
                                     QStringLiteral("resources/list"),
                                     QStringLiteral("resources/templates/list"),
                                     QStringLiteral("resources/read"),
                                     QStringLiteral("prompts/list"),
                                     QStringLiteral("prompts/get"),
                                     QStringLiteral("completion/complete"),
                                     QStringLiteral("subscriptions/listen")};
    if (!methods.contains(message.method)) {
        writeModernError(
            responder, 404, message.id, JsonRpcMessage::MethodNotFound,
            message.method == QLatin1String("initialize")
                ? QStringLiteral("Method not found: initialize (there is no "
                                 "handshake in MCP %1, the versions this server "
                                 "supports)")
                      .arg(ModernRequestCheck::supportedVersions().join(QLatin1String(", ")))
                : QStringLiteral("Method not found: %1").arg(message.method));
        return;
    }
    const QJsonObject meta = message.params.toObject().value(QStringLiteral("_meta")).toObject();
    Context context;
    context.modern = true;
    context.clientCapabilities
        = meta.value(QStringLiteral("io.modelcontextprotocol/clientCapabilities")).toObject();
    if (meta.contains(QStringLiteral("io.modelcontextprotocol/logLevel")))
        context.logLevel = ModernRequestCheck::logLevelRank(
            meta.value(QStringLiteral("io.modelcontextprotocol/logLevel")).toString());
    if (message.method == QLatin1String("tools/call")) {
        const QJsonObject params = message.params.toObject();
        const QJsonObject tool = DemoCatalog::findTool(
            tools(context), params.value(QStringLiteral("name")).toString());
        const ModernRefusal paramRefusal = ModernRequestCheck::checkParamHeaders(
            header, tool.value(QStringLiteral("inputSchema")).toObject(),
            params.value(QStringLiteral("arguments")).toObject());
        if (paramRefusal.refused()) {
            writeModernError(responder, paramRefusal.httpStatus, message.id, paramRefusal.code,
                             paramRefusal.message, paramRefusal.data);
            return;
        }
    }
    handleModernRequest(context, message, responder);
}

void DemoServer::handleModernRequest(const Context &context, const JsonRpcMessage &message,
                                     Responder responder)
{
    const QJsonObject params = message.params.toObject();
    auto invalid = [&](const QString &error) {
        writeJsonRpc(responder,
                     JsonRpcMessage::error(message.id, JsonRpcMessage::InvalidParams, error));
    };
    const QString &method = message.method;
    if (method == QLatin1String("server/discover")) {
        QJsonObject result;
        result.insert(QStringLiteral("supportedVersions"),
                      QJsonArray::fromStringList(ModernRequestCheck::supportedVersions()));
        result.insert(QStringLiteral("capabilities"), capabilities(true));
        result.insert(QStringLiteral("instructions"),
                      QStringLiteral("A demo worker of MCP Pool Monitor: echo, add, sleep, "
                                     "progress, fail; ask_name and list_roots ask the client "
                                     "for input; toggle_tool changes the tool list."));
        answer(context, responder, message.id, result, true);
    } else if (method == QLatin1String("tools/list")) {
        QString error;
        const QJsonObject page
            = toolsPage(context, params.value(QStringLiteral("cursor")).toString(), &error);
        if (!error.isEmpty())
            return invalid(error);
        answer(context, responder, message.id, page, true);
    } else if (method == QLatin1String("tools/call")) {
        callTool(context, message, responder);
    } else if (method == QLatin1String("resources/list")) {
        QJsonObject result;
        result.insert(QStringLiteral("resources"), resourceList());
        answer(context, responder, message.id, result, true);
    } else if (method == QLatin1String("resources/templates/list")) {
        QJsonObject result;
        result.insert(QStringLiteral("resourceTemplates"), templateList());
        answer(context, responder, message.id, result, true);
    } else if (method == QLatin1String("resources/read")) {
        const QString uri = params.value(QStringLiteral("uri")).toString();
        const QJsonArray contents = readContents(uri);
        const int ttl = uri == kStateUri ? 0 : -1; // live figures: stale at once
        if (contents.isEmpty()) {
            QJsonObject data;
            data.insert(QStringLiteral("uri"), uri);
            writeJsonRpc(responder,
                         JsonRpcMessage::error(message.id, JsonRpcMessage::InvalidParams,
                                               QStringLiteral("Resource not found: %1").arg(uri),
                                               data));
            return;
        }
        QJsonObject result;
        result.insert(QStringLiteral("contents"), contents);
        answer(context, responder, message.id, result, true, ttl);
    } else if (method == QLatin1String("prompts/list")) {
        QJsonObject result;
        result.insert(QStringLiteral("prompts"), promptList());
        answer(context, responder, message.id, result, true);
    } else if (method == QLatin1String("prompts/get")) {
        QString error;
        const QJsonObject result = getPrompt(params, &error);
        if (!error.isEmpty())
            return invalid(error);
        answer(context, responder, message.id, result);
    } else if (method == QLatin1String("completion/complete")) {
        QString error;
        const QJsonObject completion = complete(params, &error);
        if (!error.isEmpty())
            return invalid(error);
        QJsonObject result;
        result.insert(QStringLiteral("completion"), completion);
        answer(context, responder, message.id, result);
    } else if (method == QLatin1String("subscriptions/listen")) {
        openListener(message, responder);
    }
}

void DemoServer::openListener(const JsonRpcMessage &message, Responder responder)
{
    const QJsonObject wanted
        = message.params.toObject().value(QStringLiteral("notifications")).toObject();
    auto listener = std::make_shared<Listener>();
    listener->responder = responder;
    listener->id = message.id;
    listener->toolsListChanged = wanted.value(QStringLiteral("toolsListChanged")).toBool();
    // Only demo://state/current ever changes; other URIs are not agreed to.
    for (const QJsonValue &uri : wanted.value(QStringLiteral("resourceSubscriptions")).toArray()) {
        if (uri.toString() == kStateUri && !listener->resources.contains(kStateUri))
            listener->resources.append(kStateUri);
    }
    QJsonObject agreed;
    if (listener->toolsListChanged)
        agreed.insert(QStringLiteral("toolsListChanged"), true);
    if (wanted.contains(QStringLiteral("resourceSubscriptions")))
        agreed.insert(QStringLiteral("resourceSubscriptions"),
                      QJsonArray::fromStringList(listener->resources));
    if (!startEventStream(responder))
        return;
    QJsonObject meta;
    meta.insert(kMetaSubscriptionId, message.id);
    QJsonObject ack;
    ack.insert(QStringLiteral("_meta"), meta);
    ack.insert(QStringLiteral("notifications"), agreed);
    writeChunk(responder,
               messageEvent(JsonRpcMessage::notification(
                   QStringLiteral("notifications/subscriptions/acknowledged"), ack)));
    listener->keepAlive = new QTimer;
    QObject::connect(listener->keepAlive, &QTimer::timeout, listener->keepAlive,
                     [responder]() { writeChunk(responder, SseEvent::encodeComment("")); });
    listener->keepAlive->start(m_options.keepAliveMs);
    // The client closes the stream to end the subscription.
    QObject::connect(responder->socket, &QTcpSocket::disconnected, this,
                     [this, raw = listener.get()]() {
                         m_listeners.removeIf(
                             [raw](const std::shared_ptr<Listener> &l) { return l.get() == raw; });
                     });
    m_listeners.append(listener);
}

void DemoServer::notifyListeners(const QString &method, const QJsonObject &params,
                                 const QString &resourceUri)
{
    m_listeners.removeIf(
        [](const std::shared_ptr<Listener> &l) { return !l->responder->socket; }); // gone
    for (const std::shared_ptr<Listener> &listener : std::as_const(m_listeners)) {
        if (resourceUri.isEmpty() ? !listener->toolsListChanged
                                  : !listener->resources.contains(resourceUri))
            continue;
        QJsonObject p = params;
        QJsonObject meta;
        meta.insert(kMetaSubscriptionId, listener->id);
        p.insert(QStringLiteral("_meta"), meta);
        writeChunk(listener->responder, messageEvent(JsonRpcMessage::notification(method, p)));
    }
}

void DemoServer::toggleFlip()
{
    m_flipOffered = !m_flipOffered;
    notifyListeners(QStringLiteral("notifications/tools/list_changed"), QJsonObject());
    // 2025-11-25 sessions hear it on their GET stream, when they have one.
    const QByteArray event = messageEvent(
        JsonRpcMessage::notification(QStringLiteral("notifications/tools/list_changed"), {}));
    for (const auto &session : std::as_const(m_sessions)) {
        if (session->getStream && session->getStream->socket)
            writeChunk(session->getStream, event);
    }
}

// 2025-11-25: ask_name and list_roots send elicitation/create or roots/list
// on the tool call's own SSE stream and answer the call when the client
// POSTs its response (answerPendingServerRequest).
void DemoServer::runLegacyRoundTripTool(const Context &context, const JsonRpcMessage &message,
                                        Responder responder)
{
    const QJsonObject params = message.params.toObject();
    const bool askName
        = params.value(QStringLiteral("name")).toString() == QLatin1String("ask_name");
    const QString capability = askName ? QStringLiteral("elicitation") : QStringLiteral("roots");
    const auto session = m_sessions.value(context.sessionId);
    if (!session || !session->clientCapabilities.value(capability).isObject()) {
        answerTool(context, responder, message,
                   toolResult(QStringLiteral("This client did not declare %1, so the tool cannot "
                                             "ask it.")
                                  .arg(capability),
                              true));
        toolAnswered(responder);
        return;
    }
    if (!startEventStream(responder))
        return;
    const QString id = QStringLiteral("demo-%1").arg(++m_serverRequestIds);
    QJsonObject request;
    if (askName) {
        request.insert(QStringLiteral("message"), QStringLiteral("What is your name?"));
        request.insert(
            QStringLiteral("requestedSchema"),
            QJsonDocument::fromJson(
                R"({"type":"object","properties":{"name":{"type":"string","title":"Name"}},"required":["name"]})")
                .object());
    }
    writeChunk(responder,
               messageEvent(JsonRpcMessage::request(id,
                                                    askName ? QStringLiteral("elicitation/create")
                                                            : QStringLiteral("roots/list"),
                                                    request)));
    PendingServerRequest pending;
    pending.responder = responder;
    pending.call = message;
    pending.context = context;
    pending.askName = askName;
    m_pendingServerRequests.insert(JsonRpcMessage::idKey(id), pending);
    if (m_pendingServerRequests.size() > 1000) // clients that never answer
        m_pendingServerRequests.erase(m_pendingServerRequests.begin());
}

void DemoServer::answerPendingServerRequest(const JsonRpcMessage &response)
{
    const auto it = m_pendingServerRequests.constFind(JsonRpcMessage::idKey(response.id));
    if (it == m_pendingServerRequests.constEnd())
        return; // not ours, or answered already
    const PendingServerRequest pending = *it;
    m_pendingServerRequests.erase(it);
    if (!pending.responder->socket)
        return; // the client hung up meanwhile
    QJsonObject result;
    const QJsonObject answer = response.result.toObject();
    const QJsonObject args
        = pending.call.params.toObject().value(QStringLiteral("arguments")).toObject();
    if (response.type == JsonRpcMessage::Type::Error) {
        result
            = toolResult(QStringLiteral("The client refused: %1").arg(response.errorMessage), true);
    } else if (pending.askName) {
        const QString action = answer.value(QStringLiteral("action")).toString();
        const QString who = answer.value(QStringLiteral("content"))
                                .toObject()
                                .value(QStringLiteral("name"))
                                .toString();
        result = action == QLatin1String("accept") && !who.isEmpty()
            ? toolResult(QStringLiteral("%1, %2!").arg(
                args.value(QStringLiteral("greeting")).toString(QStringLiteral("Hello")), who))
            : toolResult(QStringLiteral("No name given (%1).")
                             .arg(action.isEmpty() ? QStringLiteral("no answer") : action));
    } else {
        QStringList uris;
        for (const QJsonValue &root : answer.value(QStringLiteral("roots")).toArray())
            uris.append(root.toObject().value(QStringLiteral("uri")).toString());
        result = toolResult(uris.isEmpty()
                                ? QStringLiteral("The client has no roots.")
                                : QStringLiteral("Roots: %1").arg(uris.join(QStringLiteral(", "))));
    }
    writeChunk(pending.responder, messageEvent(JsonRpcMessage::response(pending.call.id, result)));
    endChunks(pending.responder);
    toolAnswered(pending.responder);
}

} // namespace mcppm::demo
