#include "mcp/legacyssetransport.h"

#include "net/timersource.h"

#include "net/http1client.h"
#include <QNetworkReply>
#include <QTimer>

namespace mcppm {

LegacySseTransport::LegacySseTransport(const HttpTransportOptions &options, QObject *parent)
    : Transport(parent)
    , m_options(options)
    , m_resources(options)
    , m_network(m_resources.network())
    , m_timers(m_resources.timers())
{
    connect(m_network, &Http1Client::idleConnectionClosedByPeer, this, &Transport::connectionLost);
}

LegacySseTransport::~LegacySseTransport()
{
    m_closing = true;
    shutDownStream();
    const auto posts = m_posts.keys();
    for (QNetworkReply *reply : posts) {
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

void LegacySseTransport::open()
{
    if (m_stream)
        return;
    m_closing = false;
    m_parser.reset();
    m_endpoint.clear();
    m_sslErrors.clear();
    QNetworkRequest request
        = http::makeRequest(m_options.url, m_options, "text/event-stream", "GET");
    m_stream = m_network->get(request);
    connect(m_stream, &QIODevice::readyRead, this, &LegacySseTransport::onStreamData);
    connect(m_stream, &QNetworkReply::finished, this, &LegacySseTransport::onStreamFinished);
    connect(m_stream, &QNetworkReply::sslErrors, this,
            [this](const QList<QSslError> &errors) { m_sslErrors = errors; });
    m_connectTimer = m_timers->start(m_options.connectTimeoutMs, [this]() {
        m_connectTimer = 0;
        if (!m_open)
            fail(McpError::make(McpError::Kind::Timeout,
                                QStringLiteral("timeout: %1 sent no endpoint event within %2 ms")
                                    .arg(http::displayUrl(m_options.url))
                                    .arg(m_options.connectTimeoutMs)));
    });
}

void LegacySseTransport::onStreamData()
{
    if (!m_stream)
        return;
    const int status = http::status(m_stream);
    if (status != 200 || http::mediaType(m_stream) != "text/event-stream") {
        return; // judged when the reply finishes (or below for a wrong type)
    }
    const QByteArray chunk = m_stream->readAll();
    m_bytesReceived += chunk.size();
    const QList<SseEvent> events = m_parser.feed(chunk);
    if (m_parser.bufferedBytes() > m_options.maxBodyBytes) {
        fail(McpError::make(McpError::Kind::TooLarge,
                            QStringLiteral("event from %1 exceeds the size limit of %2 bytes")
                                .arg(http::displayUrl(m_options.url))
                                .arg(m_options.maxBodyBytes)));
        return;
    }
    for (const SseEvent &event : events) {
        if (!m_stream)
            return;
        handleEvent(event);
    }
}

void LegacySseTransport::handleEvent(const SseEvent &event)
{
    if (event.type == QLatin1String("endpoint")) {
        const QUrl endpoint = m_options.url.resolved(QUrl(event.data.trimmed()));
        if (!endpoint.isValid() || !http::sameOrigin(endpoint, m_options.url)) {
            fail(McpError::make(
                McpError::Kind::Protocol,
                QStringLiteral("endpoint %1 offered by %2 is not on the same origin; refused")
                    .arg(http::displayUrl(endpoint), http::displayUrl(m_options.url))));
            return;
        }
        m_endpoint = endpoint;
        if (!m_open) {
            m_open = true;
            if (m_connectTimer) {
                m_timers->cancel(m_connectTimer);
                m_connectTimer = 0;
            }
            Q_EMIT opened();
        }
        return;
    }
    if (event.type != QLatin1String("message"))
        return;
    const QList<JsonRpcMessage> messages
        = decodeMessages(event.data.toUtf8(), http::displayUrl(m_options.url));
    for (const JsonRpcMessage &message : messages)
        Q_EMIT messageReceived(message);
}

void LegacySseTransport::onStreamFinished()
{
    if (!m_stream || m_closing)
        return;
    QNetworkReply *reply = m_stream;
    const int status = http::status(reply);
    McpError error;
    if (status == 200 && http::mediaType(reply) == "text/event-stream") {
        error = McpError::make(
            McpError::Kind::Transport,
            QStringLiteral("event stream from %1 closed").arg(http::displayUrl(m_options.url)));
    } else if (status >= 200 && status < 300) {
        error = McpError::make(
            McpError::Kind::Protocol,
            QStringLiteral("%1 did not answer with an event stream (Content-Type \"%2\")")
                .arg(http::displayUrl(m_options.url), QString::fromLatin1(http::mediaType(reply))),
            status);
    } else {
        error = http::replyError(reply, reply->read(64 * 1024), m_sslErrors);
    }
    fail(error);
}

void LegacySseTransport::send(const JsonRpcMessage &message)
{
    if (!m_open || !m_endpoint.isValid()) {
        if (message.isRequest()) {
            const QJsonValue id = message.id;
            QTimer::singleShot(0, this, [this, id]() {
                Q_EMIT requestFailed(id,
                                     McpError::make(McpError::Kind::NotConnected,
                                                    QStringLiteral("event stream is not open")));
            });
        }
        return;
    }
    QNetworkRequest request
        = http::makeRequest(m_endpoint, m_options, "application/json, text/event-stream", "POST");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    const QByteArray payload = message.toBytes();
    m_bytesSent += payload.size();
    Q_EMIT trafficObserved(true, payload);
    QNetworkReply *reply = m_network->post(request, payload);
    m_posts.insert(reply, message.isRequest() ? message.id : QJsonValue(QJsonValue::Undefined));
    auto sslErrors = std::make_shared<QList<QSslError>>();
    connect(reply, &QNetworkReply::sslErrors, this,
            [sslErrors](const QList<QSslError> &errors) { *sslErrors = errors; });
    connect(reply, &QNetworkReply::finished, this, [this, reply, sslErrors]() {
        const QJsonValue id = m_posts.take(reply);
        reply->deleteLater();
        const int status = http::status(reply);
        if (status >= 200 && status < 300)
            return; // accepted; the answer comes on the stream
        const McpError error = http::replyError(reply, reply->read(64 * 1024), *sslErrors);
        if (!id.isUndefined())
            Q_EMIT requestFailed(id, error);
        else
            Q_EMIT protocolErrorOccurred(error);
    });
}

void LegacySseTransport::abortRequest(const QJsonValue &)
{
    // Answers share one stream; the POST itself is short. Nothing to stop.
}

void LegacySseTransport::fail(const McpError &error)
{
    const bool wasOpen = m_open;
    m_open = false;
    shutDownStream();
    Q_UNUSED(wasOpen)
    Q_EMIT failed(error);
}

void LegacySseTransport::shutDownStream()
{
    if (m_connectTimer) {
        m_timers->cancel(m_connectTimer);
        m_connectTimer = 0;
    }
    if (m_stream) {
        QNetworkReply *reply = m_stream;
        m_stream = nullptr;
        reply->disconnect(this);
        if (reply->isRunning())
            reply->abort();
        reply->deleteLater();
    }
}

void LegacySseTransport::close()
{
    m_closing = true;
    m_open = false;
    shutDownStream();
    QTimer::singleShot(0, this, [this]() { Q_EMIT closed(); });
}

} // namespace mcppm
