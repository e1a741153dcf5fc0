#include "demoserver.h"

#include "net/sseevent.h"
#include "net/version.h"

#include <QCoreApplication>
#include <QFile>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSslConfiguration>
#include <QSslKey>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

#include <unistd.h>

namespace mcppm::demo {

namespace {
constexpr qint64 kMaxBody = 4 * 1024 * 1024;
const QStringList kVersions{QStringLiteral("2025-11-25"), QStringLiteral("2025-06-18"),
                            QStringLiteral("2025-03-26")};

QJsonObject text(const QString &value)
{
    QJsonObject item;
    item.insert(QStringLiteral("type"), QStringLiteral("text"));
    item.insert(QStringLiteral("text"), value);
    return item;
}

QJsonObject toolResult(const QString &value, bool isError = false)
{
    QJsonObject result;
    result.insert(QStringLiteral("content"), QJsonArray{text(value)});
    if (isError)
        result.insert(QStringLiteral("isError"), true);
    return result;
}

QJsonObject schema(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonObject tool(const char *name, const char *description, const char *inputSchema, bool readOnly)
{
    QJsonObject t;
    t.insert(QStringLiteral("name"), QLatin1String(name));
    t.insert(QStringLiteral("description"), QLatin1String(description));
    t.insert(QStringLiteral("inputSchema"), schema(inputSchema));
    QJsonObject annotations;
    annotations.insert(QStringLiteral("readOnlyHint"), readOnly);
    annotations.insert(QStringLiteral("idempotentHint"), readOnly);
    t.insert(QStringLiteral("annotations"), annotations);
    return t;
}

const QJsonArray &toolList()
{
    static const QJsonArray tools = [] {
        QJsonArray list;
        list.append(tool(
            "echo", "Returns the message it was given.",
            R"({"type":"object","properties":{"message":{"type":"string"}},"required":["message"]})",
            true));
        QJsonObject add = tool(
            "add", "Adds two numbers; the sum also comes as structuredContent.",
            R"({"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"}},"required":["a","b"]})",
            true);
        add.insert(
            QStringLiteral("outputSchema"),
            schema(
                R"({"type":"object","properties":{"sum":{"type":"number"}},"required":["sum"]})"));
        list.append(add);
        list.append(tool(
            "sleep", "Waits the given number of milliseconds, then answers.",
            R"({"type":"object","properties":{"ms":{"type":"integer","minimum":0,"maximum":600000}},"required":["ms"]})",
            true));
        list.append(tool(
            "progress", "Sends a progress notification per step, then answers.",
            R"({"type":"object","properties":{"steps":{"type":"integer","minimum":1,"maximum":10000},"interval_ms":{"type":"integer","minimum":0,"maximum":60000}},"required":["steps"]})",
            true));
        list.append(tool("fail", "Returns a tool error (isError) with the given message.",
                         R"({"type":"object","properties":{"message":{"type":"string"}}})", false));
        return list;
    }();
    return tools;
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
    ~Stream() { delete timer; }
};

struct DemoServer::Session
{
    QString id;
    QString protocolVersion;
    qint64 nextEventId = 1;
    Responder getStream; // the standalone GET stream, if open
    QTimer *keepAlive = nullptr;
    QHash<QString, std::shared_ptr<Stream>> running; // request id key → streamed tool call
    ~Session() { delete keepAlive; }
};

DemoServer::DemoServer(const WorkerOptions &options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_random(options.seed ? QRandomGenerator(quint32(options.seed))
                            : QRandomGenerator::securelySeeded())
{
    m_uptime.start();
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
    QHttpServerResponder &responder = *exchange->responder;
    responder.writeStatusLine(QHttpServerResponder::StatusCode::Ok);
    responder.writeHeader("Content-Type", "text/event-stream");
    responder.writeHeader("Cache-Control", "no-cache");
    responder.writeHeader("Transfer-Encoding", "chunked");
    exchange->socket->write("\r\n");
    return true;
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
                      {{"Allow", "GET, POST, DELETE"}});
        return;
    }
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
    if (message.isRequest() && message.method == QLatin1String("initialize")) {
        auto session = std::make_shared<Session>();
        session->id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        const QString requested
            = message.params.toObject().value(QStringLiteral("protocolVersion")).toString();
        session->protocolVersion = kVersions.contains(requested) ? requested : kVersions.first();
        m_sessions.insert(session->id, session);
        QJsonObject capabilities;
        QJsonObject tools;
        tools.insert(QStringLiteral("listChanged"), true);
        capabilities.insert(QStringLiteral("tools"), tools);
        capabilities.insert(QStringLiteral("resources"), QJsonObject());
        capabilities.insert(QStringLiteral("logging"), QJsonObject());
        QJsonObject info;
        info.insert(QStringLiteral("name"), m_options.name);
        info.insert(QStringLiteral("version"), QString::fromLatin1(kVersion));
        QJsonObject result;
        result.insert(QStringLiteral("protocolVersion"), session->protocolVersion);
        result.insert(QStringLiteral("capabilities"), capabilities);
        result.insert(QStringLiteral("serverInfo"), info);
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
    if (!message.isRequest()) {
        if (message.method == QLatin1String("notifications/cancelled")) {
            const QString key = JsonRpcMessage::idKey(
                message.params.toObject().value(QStringLiteral("requestId")));
            if (const auto stream = session->running.take(key)) {
                stream->cancelled = true;
                if (stream->timer)
                    stream->timer->stop();
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
    if (message.method == QLatin1String("ping")) {
        writeJsonRpc(responder, JsonRpcMessage::response(message.id, QJsonObject()));
    } else if (message.method == QLatin1String("tools/list")) {
        QString error;
        const QJsonObject page
            = toolsPage(params.value(QStringLiteral("cursor")).toString(), &error);
        if (!error.isEmpty())
            writeJsonRpc(responder,
                         JsonRpcMessage::error(message.id, JsonRpcMessage::InvalidParams, error));
        else
            writeJsonRpc(responder, JsonRpcMessage::response(message.id, page));
    } else if (message.method == QLatin1String("tools/call")) {
        callTool(session, message, responder);
    } else if (message.method == QLatin1String("resources/list")) {
        QJsonObject resource;
        resource.insert(QStringLiteral("uri"), QStringLiteral("demo://state/current"));
        resource.insert(QStringLiteral("name"), QStringLiteral("state"));
        resource.insert(QStringLiteral("description"),
                        QStringLiteral("Worker name, calls served, uptime"));
        resource.insert(QStringLiteral("mimeType"), QStringLiteral("application/json"));
        QJsonObject result;
        result.insert(QStringLiteral("resources"), QJsonArray{resource});
        writeJsonRpc(responder, JsonRpcMessage::response(message.id, result));
    } else if (message.method == QLatin1String("resources/templates/list")) {
        QJsonObject result;
        result.insert(QStringLiteral("resourceTemplates"), QJsonArray());
        writeJsonRpc(responder, JsonRpcMessage::response(message.id, result));
    } else if (message.method == QLatin1String("resources/read")) {
        const QString uri = params.value(QStringLiteral("uri")).toString();
        if (uri != QLatin1String("demo://state/current")) {
            writeJsonRpc(responder,
                         JsonRpcMessage::error(message.id, -32002,
                                               QStringLiteral("Resource not found: %1").arg(uri)));
            return;
        }
        QJsonObject content;
        content.insert(QStringLiteral("uri"), uri);
        content.insert(QStringLiteral("mimeType"), QStringLiteral("application/json"));
        content.insert(
            QStringLiteral("text"),
            QString::fromUtf8(QJsonDocument(stateResource()).toJson(QJsonDocument::Compact)));
        QJsonObject result;
        result.insert(QStringLiteral("contents"), QJsonArray{content});
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

QJsonObject DemoServer::toolsPage(const QString &cursor, QString *error) const
{
    QJsonArray all;
    for (const QJsonValue &t : toolList()) {
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
    return state;
}

void DemoServer::callTool(Session &session, const JsonRpcMessage &message, Responder responder)
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
        runTool(session, message, responder);
        return;
    }
    const QString sessionId = session.id;
    QTimer::singleShot(m_options.latencyMs, this, [this, sessionId, message, responder]() {
        if (const auto s = m_sessions.value(sessionId))
            runTool(*s, message, responder);
        else
            writeRpcError(responder, 404, -32001, QStringLiteral("Session not found"));
    });
}

void DemoServer::runTool(Session &session, const JsonRpcMessage &message, Responder responder)
{
    const QJsonObject params = message.params.toObject();
    const QString name = params.value(QStringLiteral("name")).toString();
    const QJsonObject args = params.value(QStringLiteral("arguments")).toObject();
    auto answer = [&](const QJsonObject &result) {
        writeJsonRpc(responder, JsonRpcMessage::response(message.id, result));
        toolAnswered(responder);
    };
    if (m_options.withoutTools.contains(name)) {
        writeJsonRpc(responder,
                     JsonRpcMessage::error(message.id, JsonRpcMessage::InvalidParams,
                                           QStringLiteral("Unknown tool: %1").arg(name)));
        return;
    }
    if (name == QLatin1String("echo")) {
        if (!args.value(QStringLiteral("message")).isString())
            return answer(toolResult(QStringLiteral("echo needs a string \"message\""), true));
        answer(toolResult(args.value(QStringLiteral("message")).toString()));
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
        startStreamedTool(session, message, responder);
    } else {
        writeJsonRpc(responder,
                     JsonRpcMessage::error(message.id, JsonRpcMessage::InvalidParams,
                                           QStringLiteral("Unknown tool: %1").arg(name)));
    }
}

void DemoServer::startStreamedTool(Session &session, const JsonRpcMessage &message,
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
        writeJsonRpc(
            responder,
            JsonRpcMessage::response(
                message.id,
                toolResult(
                    isSleep ? QStringLiteral("sleep needs \"ms\" between 0 and 600000")
                            : QStringLiteral(
                                "progress needs \"steps\" 1..10000 and \"interval_ms\" 0..60000"),
                    true)));
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
    const QString sessionId = session.id;
    const QString key = JsonRpcMessage::idKey(message.id);
    session.running.insert(key, stream);

    auto send = [](Stream &s, const QByteArray &event) {
        if (!s.socket)
            return;
        s.socket->write(QByteArray::number(event.size(), 16) + "\r\n" + event + "\r\n");
        s.socket->flush();
    };
    auto nextId = [this, sessionId]() {
        const auto s = m_sessions.value(sessionId);
        return QString::number(s ? s->nextEventId++ : 0);
    };
    // A priming event first (an id and empty data).
    send(*stream, "id: " + nextId().toLatin1() + "\ndata:\n\n");

    auto finish = [this, send, nextId, stream, message, key, sessionId](const QJsonObject &result) {
        if (stream->cancelled)
            return;
        send(*stream,
             SseEvent::encode(
                 QString::fromUtf8(JsonRpcMessage::response(message.id, result).toBytes()),
                 QStringLiteral("message"), nextId()));
        if (stream->socket) {
            stream->socket->write("0\r\n\r\n");
            stream->socket->flush();
        }
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
        stream->timer, &QTimer::timeout, this,
        [send, nextId, finish, token, steps, s = stream.get()]() {
            ++s->step;
            if (!token.isUndefined() && !token.isNull()) {
                QJsonObject p;
                p.insert(QStringLiteral("progressToken"), token);
                p.insert(QStringLiteral("progress"), s->step);
                p.insert(QStringLiteral("total"), steps);
                p.insert(QStringLiteral("message"),
                         QStringLiteral("step %1 of %2").arg(s->step).arg(steps));
                send(*s,
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

} // namespace mcppm::demo
