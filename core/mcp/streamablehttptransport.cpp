#include "mcp/streamablehttptransport.h"

#include "mcp/authhandler.h"
#include "net/timersource.h"

#include "net/http1client.h"
#include "net/http1responseparser.h"
#include <QNetworkReply>
#include <QTimer>

namespace mcppm {

namespace {
const QByteArray kAcceptBoth = "application/json, text/event-stream";
const QByteArray kAcceptStream = "text/event-stream";
constexpr qsizetype kErrorBodyLimit = 64 * 1024;

bool isSuccess(int status)
{
    return status >= 200 && status < 300;
}
} // namespace

struct StreamableHttpTransport::Exchange
{
    enum class Role { Post, ServerStream };
    Role role = Role::Post;
    JsonRpcMessage message; // what was POSTed (Role::Post)
    QString idKey; // set for requests
    bool hadSessionId = false;
    QPointer<QNetworkReply> reply;
    QByteArray body; // JSON answer, or an error body (bounded)
    SseParser parser;
    QList<QSslError> sslErrors;
    int status = 0;
    bool isSse = false;
    bool answered = false;
    QString lastEventId;
    bool sawEventId = false;
    int retryMs = -1;
    int resumeAttempts = 0;
    int resumeTimer = 0;
    qint64 streamBytes = 0;
    bool settled = false; // server stream: serverStreamSettled() was emitted
    int authAttempts = 0; // authorizations asked for this message
    QString sentToken; // the bearer token the last POST carried

    bool isRequest() const { return !idKey.isEmpty(); }
};

StreamableHttpTransport::StreamableHttpTransport(const HttpTransportOptions &options,
                                                 QObject *parent)
    : Transport(parent)
    , m_options(options)
    , m_resources(options)
    , m_network(m_resources.network())
    , m_timers(m_resources.timers())
{
    connect(m_network, &Http1Client::idleConnectionClosedByPeer, this, &Transport::connectionLost);
}

StreamableHttpTransport::~StreamableHttpTransport()
{
    const auto exchanges = m_exchanges.keys();
    for (Exchange *exchange : exchanges)
        abortExchange(exchange);
    if (m_deleteReply) {
        m_deleteReply->disconnect(this);
        m_deleteReply->abort();
        m_deleteReply->deleteLater();
    }
}

void StreamableHttpTransport::open()
{
    // Nothing to set up: every message is its own POST.
    m_open = true;
    QTimer::singleShot(0, this, [this]() {
        if (m_open)
            Q_EMIT opened();
    });
}

QNetworkRequest StreamableHttpTransport::request(const QByteArray &accept,
                                                 const QByteArray &method) const
{
    QNetworkRequest request = http::makeRequest(m_options.url, m_options, accept, method);
    if (!m_sessionId.isEmpty() && !m_stateless)
        request.setRawHeader("Mcp-Session-Id", m_sessionId.toUtf8());
    if (!m_protocolVersion.isEmpty())
        request.setRawHeader("MCP-Protocol-Version", m_protocolVersion.toUtf8());
    return request;
}

void StreamableHttpTransport::send(const JsonRpcMessage &message)
{
    auto exchange = std::make_shared<Exchange>();
    exchange->message = message;
    if (message.isRequest())
        exchange->idKey = JsonRpcMessage::idKey(message.id);
    m_exchanges.insert(exchange.get(), exchange);
    startPost(exchange.get());
}

void StreamableHttpTransport::setStateless(bool stateless)
{
    m_stateless = stateless;
    if (stateless) {
        m_sessionId.clear();
        if (m_serverStream)
            abortExchange(m_serverStream);
    }
}

void StreamableHttpTransport::startPost(Exchange *exchange)
{
    QNetworkRequest req = request(kAcceptBoth, "POST");
    req.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    if (m_headerProvider) {
        const HeaderList extra = m_headerProvider(exchange->message);
        for (const auto &header : extra)
            req.setRawHeader(header.first, header.second);
    }
    exchange->hadSessionId = !m_sessionId.isEmpty();
    exchange->sentToken = m_options.auth ? m_options.auth->currentToken() : m_options.authToken;
    const QByteArray payload = exchange->message.toBytes();
    m_bytesSent += payload.size();
    Q_EMIT trafficObserved(true, payload);
    attach(exchange, m_network->post(req, payload));
}

void StreamableHttpTransport::attach(Exchange *exchange, QNetworkReply *reply)
{
    exchange->reply = reply;
    exchange->status = 0;
    exchange->isSse = false;
    exchange->body.clear();
    exchange->parser.reset();
    connect(reply, &QNetworkReply::metaDataChanged, this,
            [this, exchange]() { onMetaData(exchange); });
    connect(reply, &QIODevice::readyRead, this, [this, exchange]() { onReadyRead(exchange); });
    connect(reply, &QNetworkReply::finished, this, [this, exchange]() { onFinished(exchange); });
    connect(reply, &QNetworkReply::sslErrors, this, [exchange](const QList<QSslError> &errors) {
        // Never ignored: the handshake fails and the problem is reported.
        exchange->sslErrors = errors;
    });
}

void StreamableHttpTransport::onMetaData(Exchange *exchange)
{
    QNetworkReply *reply = exchange->reply;
    exchange->status = http::status(reply);
    if (m_options.auth && reply->hasRawHeader("DPoP-Nonce"))
        m_options.auth->dpopNonceReceived(reply->rawHeader("DPoP-Nonce"));
    exchange->isSse = isSuccess(exchange->status) && http::mediaType(reply) == kAcceptStream;
    const QByteArray session = reply->rawHeader("Mcp-Session-Id");
    if (!session.isEmpty() && isSuccess(exchange->status) && m_sessionId.isEmpty() && !m_stateless)
        m_sessionId = QString::fromLatin1(session);
    if (exchange->role == Exchange::Role::ServerStream && !exchange->settled
        && exchange->status != 0) {
        exchange->settled = true;
        Q_EMIT serverStreamSettled(exchange->isSse);
    }
}

void StreamableHttpTransport::onReadyRead(Exchange *exchange)
{
    const auto keep = m_exchanges.value(exchange);
    QNetworkReply *reply = exchange->reply;
    if (exchange->status == 0)
        onMetaData(exchange);
    const QByteArray chunk = reply->read(reply->bytesAvailable()); // one allocation
    m_bytesReceived += chunk.size();
    exchange->streamBytes += chunk.size();
    if (!isSuccess(exchange->status)) {
        if (exchange->body.size() < kErrorBodyLimit)
            exchange->body += chunk.left(kErrorBodyLimit - exchange->body.size());
        return;
    }
    if (exchange->isSse) {
        const QList<SseEvent> events = exchange->parser.feed(chunk);
        if (exchange->parser.sawEventId()) {
            exchange->sawEventId = true;
            exchange->lastEventId = exchange->parser.lastEventId();
        }
        if (exchange->parser.retryMs() >= 0)
            exchange->retryMs = exchange->parser.retryMs();
        if (exchange->parser.bufferedBytes() > m_options.maxBodyBytes) {
            failExchange(
                exchange,
                McpError::make(McpError::Kind::TooLarge,
                               QStringLiteral("event from %1 exceeds the size limit of %2 bytes")
                                   .arg(http::displayUrl(m_options.url))
                                   .arg(m_options.maxBodyBytes)));
            return;
        }
        handleEvents(exchange, events);
        // A resumed GET stream has done its job once the response came; the
        // server may keep it open, so we close it.
        if (m_exchanges.contains(exchange) && exchange->answered && exchange->resumeAttempts > 0)
            finishExchange(exchange);
        return;
    }
    if (exchange->body.size() + chunk.size() > m_options.maxBodyBytes) {
        failExchange(
            exchange,
            McpError::make(McpError::Kind::TooLarge,
                           QStringLiteral("answer from %1 exceeds the size limit of %2 bytes")
                               .arg(http::displayUrl(m_options.url))
                               .arg(m_options.maxBodyBytes)));
        return;
    }
    exchange->body += chunk;
}

void StreamableHttpTransport::handleEvents(Exchange *exchange, const QList<SseEvent> &events)
{
    const auto keep = m_exchanges.value(exchange); // alive (and its address unique) while we loop
    for (const SseEvent &event : events) {
        if (!m_exchanges.contains(exchange))
            return; // a handler aborted this exchange
        if (event.type != QLatin1String("message"))
            continue;
        const QList<JsonRpcMessage> messages
            = decodeMessages(event.data.toUtf8(), http::displayUrl(m_options.url));
        for (const JsonRpcMessage &message : messages) {
            if (!m_exchanges.contains(exchange))
                return; // refused, or a handler aborted this exchange
            deliver(exchange, message);
        }
    }
}

void StreamableHttpTransport::deliver(Exchange *exchange, const JsonRpcMessage &message)
{
    if (exchange->role == Exchange::Role::Post && message.isResponse()) {
        // A POST's body or stream answers the request that POST carried, and
        // nothing else: a response with another id never reaches another
        // pending request (it fails this one).
        const QString key = JsonRpcMessage::idKey(message.id);
        if (exchange->isRequest() && !exchange->answered
            && message.type == JsonRpcMessage::Type::Error && message.id.isNull()) {
            // An error the server could not tie to an id (parse error): it is
            // about what this POST carried.
            JsonRpcMessage own = message;
            own.id = exchange->message.id;
            exchange->answered = true;
            Q_EMIT messageReceived(own);
            return;
        }
        if (exchange->isRequest() && key == exchange->idKey) {
            if (exchange->answered) {
                Q_EMIT protocolErrorOccurred(
                    McpError::make(McpError::Kind::Protocol,
                                   QStringLiteral("second answer from %1 to request %2 ignored")
                                       .arg(http::displayUrl(m_options.url), key.mid(2))));
                return;
            }
            exchange->answered = true;
            Q_EMIT messageReceived(message);
            return;
        }
        // The server's id, printable: a string id is quoted with control characters escaped.
        const QString shownId = message.id.isString()
            ? Http1ResponseParser::quote(message.id.toString().toUtf8(), 40)
            : key.mid(2);
        const QString why = exchange->isRequest()
            ? QStringLiteral("answer from %1 holds no response to request %2: it carries id %3 "
                             "(refused)")
                  .arg(http::displayUrl(m_options.url), exchange->idKey.mid(2), shownId)
            : QStringLiteral("a response (id %2) from %1 to a POST that carried no request "
                             "(refused)")
                  .arg(http::displayUrl(m_options.url), shownId);
        failExchange(exchange, McpError::make(McpError::Kind::Protocol, why, exchange->status));
        return;
    }
    // Notifications and server requests are fine anywhere; on the GET stream
    // responses are matched by id in the session.
    if (exchange->role == Exchange::Role::Post && exchange->isRequest() && !message.isResponse()) {
        JsonRpcMessage related = message;
        related.relatedId = exchange->message.id; // it belongs to the request this POST carried
        Q_EMIT messageReceived(related);
        return;
    }
    Q_EMIT messageReceived(message);
}

void StreamableHttpTransport::handleBody(Exchange *exchange, const QByteArray &body)
{
    QString why;
    const QList<JsonRpcMessage> messages = JsonRpcMessage::parse(body, &why);
    if (messages.isEmpty()) {
        failExchange(exchange,
                     McpError::make(McpError::Kind::Protocol,
                                    QStringLiteral("unusable answer from %1: %2")
                                        .arg(http::displayUrl(m_options.url), why),
                                    exchange->status));
        return;
    }
    Q_EMIT trafficObserved(false, body);
    const auto keep = m_exchanges.value(exchange);
    for (const JsonRpcMessage &message : messages) {
        if (!m_exchanges.contains(exchange))
            return; // refused, or a handler aborted this exchange
        deliver(exchange, message);
    }
}

void StreamableHttpTransport::onFinished(Exchange *exchange)
{
    const auto keep = m_exchanges.value(exchange);
    QNetworkReply *reply = exchange->reply;
    if (!reply || !keep)
        return;
    if (exchange->status == 0)
        onMetaData(exchange);
    if (reply->bytesAvailable() > 0)
        onReadyRead(exchange);
    if (!m_exchanges.contains(exchange))
        return;
    const int status = exchange->status;
    const bool isRequest = exchange->isRequest();

    if (exchange->role == Exchange::Role::ServerStream) {
        if (!exchange->settled) {
            exchange->settled = true;
            Q_EMIT serverStreamSettled(false);
        }
        if (status == 405)
            m_serverStreamUnsupported = true;
        const bool wasLive = isSuccess(status) && exchange->isSse && exchange->streamBytes > 0;
        const QString lastEventId = exchange->lastEventId;
        const bool sawEventId = exchange->sawEventId;
        const int attempts = exchange->resumeAttempts;
        const int delay = exchange->retryMs >= 0 ? exchange->retryMs : m_options.defaultRetryMs;
        finishExchange(exchange); // exchange is gone from here on
        // A live stream that ended is reopened, resuming where it stopped;
        // any other answer (405, 4xx, not SSE) means: no stream, quietly.
        if (wasLive && m_open && attempts < m_options.maxResumeAttempts) {
            auto next = std::make_shared<Exchange>();
            next->role = Exchange::Role::ServerStream;
            next->lastEventId = lastEventId;
            next->sawEventId = sawEventId;
            next->resumeAttempts = attempts + 1;
            m_exchanges.insert(next.get(), next);
            m_serverStream = next.get();
            next->resumeTimer = m_timers->start(delay, [this, ex = next.get()]() {
                ex->resumeTimer = 0;
                resume(ex);
            });
        }
        return;
    }

    if (status == 0) {
        // No HTTP answer at all: refused, reset, DNS, TLS.
        failExchange(exchange, http::replyError(reply, {}, exchange->sslErrors));
        return;
    }
    if (isSuccess(status) && exchange->isSse) {
        exchange->parser.finish();
        if (!isRequest || exchange->answered) {
            finishExchange(exchange);
        } else if (!m_stateless && exchange->sawEventId
                   && exchange->resumeAttempts < m_options.maxResumeAttempts) {
            scheduleResume(exchange);
        } else {
            // 2026-07-28 streams cannot be resumed: the request is lost.
            failExchange(
                exchange,
                McpError::make(McpError::Kind::Transport,
                               QStringLiteral("event stream from %1 ended before the response")
                                   .arg(http::displayUrl(m_options.url))));
        }
        return;
    }
    if (status == 404 && exchange->hadSessionId && exchange->role == Exchange::Role::Post
        && exchange->message.isRequest()) {
        const JsonRpcMessage message = exchange->message;
        finishExchange(exchange);
        m_sessionId.clear();
        Q_EMIT sessionExpired(message);
        return;
    }
    if (exchange->role == Exchange::Role::Post && m_options.auth
        && exchange->authAttempts < m_options.maxAuthAttempts
        && (status == 401
            || (status == 403
                && reply->rawHeader("WWW-Authenticate")
                       .toLower()
                       .contains("insufficient_scope")))) {
        // Refused for want of authorization: the server did not act on it.
        // Authorize (sign in, refresh, step up), then send it again.
        ++exchange->authAttempts;
        const QByteArray challenge = reply->rawHeader("WWW-Authenticate");
        const McpError refusal = http::replyError(reply, exchange->body, exchange->sslErrors);
        exchange->reply = nullptr;
        reply->deleteLater();
        std::weak_ptr<Exchange> weak = m_exchanges.value(exchange);
        m_options.auth->unauthorized(
            status, challenge, exchange->sentToken,
            [this, weak, refusal](const QString &token, const McpError &error) {
                const auto ex = weak.lock();
                if (!ex || !m_exchanges.contains(ex.get()))
                    return; // aborted or closed meanwhile
                if (error.isError() || token.isEmpty()) {
                    McpError e = error.isError() ? error : refusal;
                    e.notDelivered = true;
                    failExchange(ex.get(), e);
                    return;
                }
                startPost(ex.get());
            });
        return;
    }
    if (!isSuccess(status) || reply->error() != QNetworkReply::NoError) {
        failExchange(exchange, http::replyError(reply, exchange->body, exchange->sslErrors));
        return;
    }
    if (!isRequest) {
        finishExchange(exchange); // notification or response accepted (any 2xx)
        return;
    }
    const QByteArray type = http::mediaType(reply);
    if (exchange->body.trimmed().isEmpty()) {
        if (status == 202 && exchange->resumeAttempts == 0) {
            // Accepted: the answer will come on the server stream.
            finishExchange(exchange);
            return;
        }
        failExchange(exchange,
                     McpError::make(McpError::Kind::Protocol,
                                    QStringLiteral("empty answer (HTTP %1) from %2")
                                        .arg(status)
                                        .arg(http::displayUrl(m_options.url)),
                                    status));
        return;
    }
    if (type != "application/json") {
        failExchange(
            exchange,
            McpError::make(McpError::Kind::Protocol,
                           QStringLiteral("unexpected Content-Type \"%1\" from %2: %3")
                               .arg(QString::fromLatin1(type), http::displayUrl(m_options.url),
                                    JsonRpcMessage::excerpt(exchange->body)),
                           status));
        return;
    }
    handleBody(exchange, exchange->body);
    if (!m_exchanges.contains(exchange))
        return;
    if (!exchange->answered) {
        failExchange(
            exchange,
            McpError::make(McpError::Kind::Protocol,
                           QStringLiteral("answer from %1 holds no response to request %2")
                               .arg(http::displayUrl(m_options.url), exchange->idKey.mid(2)),
                           status));
        return;
    }
    finishExchange(exchange);
}

void StreamableHttpTransport::scheduleResume(Exchange *exchange)
{
    if (exchange->reply) {
        exchange->reply->disconnect(this);
        exchange->reply->deleteLater();
        exchange->reply = nullptr;
    }
    // Wait exactly the server's retry value, then GET with Last-Event-ID.
    const int delay = exchange->retryMs >= 0 ? exchange->retryMs : m_options.defaultRetryMs;
    ++exchange->resumeAttempts;
    exchange->resumeTimer = m_timers->start(delay, [this, exchange]() {
        exchange->resumeTimer = 0;
        resume(exchange);
    });
}

void StreamableHttpTransport::resume(Exchange *exchange)
{
    if (!m_exchanges.contains(exchange))
        return;
    QNetworkRequest req = request(kAcceptStream, "GET");
    if (exchange->sawEventId)
        req.setRawHeader("Last-Event-ID", exchange->lastEventId.toUtf8());
    exchange->hadSessionId = !m_sessionId.isEmpty();
    attach(exchange, m_network->get(req));
}

bool StreamableHttpTransport::openServerStream()
{
    // Only with a session: a stateless server has nowhere to send to.
    if (!m_open || m_serverStream || m_serverStreamUnsupported || m_sessionId.isEmpty())
        return false;
    for (const auto &exchange : std::as_const(m_exchanges)) {
        if (exchange->resumeTimer || exchange->resumeAttempts > 0)
            return false; // no other GET while a response stream is being resumed
    }
    auto exchange = std::make_shared<Exchange>();
    exchange->role = Exchange::Role::ServerStream;
    m_exchanges.insert(exchange.get(), exchange);
    m_serverStream = exchange.get();
    resume(exchange.get());
    return true;
}

bool StreamableHttpTransport::serverStreamActive() const
{
    return m_serverStream && m_serverStream->reply;
}

void StreamableHttpTransport::abortRequest(const QJsonValue &id)
{
    const QString key = JsonRpcMessage::idKey(id);
    const auto exchanges = m_exchanges.keys();
    for (Exchange *exchange : exchanges) {
        if (exchange->role == Exchange::Role::Post && exchange->idKey == key)
            abortExchange(exchange);
    }
}

void StreamableHttpTransport::failExchange(Exchange *exchange, const McpError &error)
{
    const bool isRequest = exchange->isRequest();
    const QJsonValue id = exchange->message.id;
    const bool isServerStream = exchange->role == Exchange::Role::ServerStream;
    abortExchange(exchange);
    if (isServerStream) {
        m_serverStream = nullptr;
        return;
    }
    if (isRequest)
        Q_EMIT requestFailed(id, error);
    else
        Q_EMIT protocolErrorOccurred(error);
}

void StreamableHttpTransport::finishExchange(Exchange *exchange)
{
    abortExchange(exchange);
}

void StreamableHttpTransport::abortExchange(Exchange *exchange)
{
    const auto keep = m_exchanges.take(exchange);
    if (!keep)
        return;
    if (exchange->resumeTimer)
        m_timers->cancel(exchange->resumeTimer);
    if (QNetworkReply *reply = exchange->reply) {
        reply->disconnect(this);
        if (reply->isRunning())
            reply->abort();
        reply->deleteLater();
    }
    if (m_serverStream == exchange)
        m_serverStream = nullptr;
}

void StreamableHttpTransport::resetSession()
{
    m_sessionId.clear();
    m_protocolVersion.clear();
    if (m_serverStream)
        abortExchange(m_serverStream);
    m_serverStreamUnsupported = false;
}

void StreamableHttpTransport::close()
{
    const auto exchanges = m_exchanges.keys();
    for (Exchange *exchange : exchanges)
        abortExchange(exchange);
    const bool wasOpen = m_open;
    m_open = false;
    if (m_sessionId.isEmpty() || !wasOpen) {
        QTimer::singleShot(0, this, [this]() { Q_EMIT closed(); });
        return;
    }
    // End the session; 2xx and 405 are both fine, and so is no answer.
    QNetworkRequest req = request("application/json, text/event-stream", "DELETE");
    req.setTransferTimeout(3000);
    m_sessionId.clear();
    m_deleteReply = m_network->deleteResource(req);
    connect(m_deleteReply, &QNetworkReply::finished, this, [this]() {
        if (m_deleteReply)
            m_deleteReply->deleteLater();
        m_deleteReply = nullptr;
        Q_EMIT closed();
    });
}

} // namespace mcppm
