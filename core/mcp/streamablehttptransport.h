#pragma once

#include "jsonrpc/transport.h"
#include "mcp/httpresources.h"
#include "mcp/httpsupport.h"
#include "net/sseparser.h"

#include <QHash>
#include <QPointer>

#include <memory>

namespace mcppm {
class Http1Client;
}
class QNetworkReply;

namespace mcppm {

class TimerSource;

// MCP Streamable HTTP (2025-03-26 and later): one JSON-RPC message per POST,
// answered by JSON or by an SSE stream; session id and protocol version
// headers; 404 means the session is gone; resumption with Last-Event-ID
// after the server's retry delay; optional GET stream; DELETE on close.
// Stateless (2026-07-28): none of the session, GET stream, resumption or
// DELETE; each POST carries the headers the client's provider gives.
class StreamableHttpTransport final : public Transport
{
    Q_OBJECT
public:
    explicit StreamableHttpTransport(const HttpTransportOptions &options,
                                     QObject *parent = nullptr);
    ~StreamableHttpTransport() override;
    Q_DISABLE_COPY_MOVE(StreamableHttpTransport)

    Kind kind() const override { return Kind::StreamableHttp; }
    void open() override;
    bool isOpen() const override { return m_open; }
    void send(const JsonRpcMessage &message) override;
    void abortRequest(const QJsonValue &id) override;
    void close() override;
    void setProtocolVersion(const QString &version) override { m_protocolVersion = version; }
    QString sessionId() const override { return m_sessionId; }
    void resetSession() override;
    bool openServerStream() override;
    void setAuthToken(const QString &token) override { m_options.authToken = token; }
    void setStateless(bool stateless) override;
    bool isStateless() const { return m_stateless; }

    // True once the server answered the GET stream with 405 (it has none).
    bool serverStreamUnsupported() const { return m_serverStreamUnsupported; }
    bool serverStreamActive() const;

private:
    struct Exchange;

    QNetworkRequest request(const QByteArray &accept, const QByteArray &method) const;
    void startPost(Exchange *exchange);
    void attach(Exchange *exchange, QNetworkReply *reply);
    void onMetaData(Exchange *exchange);
    void onReadyRead(Exchange *exchange);
    void onFinished(Exchange *exchange);
    void handleEvents(Exchange *exchange, const QList<SseEvent> &events);
    void handleBody(Exchange *exchange, const QByteArray &body);
    void deliver(Exchange *exchange, const JsonRpcMessage &message);
    void scheduleResume(Exchange *exchange);
    void resume(Exchange *exchange);
    void failExchange(Exchange *exchange, const McpError &error);
    void finishExchange(Exchange *exchange);
    void abortExchange(Exchange *exchange);

    HttpTransportOptions m_options;
    HttpResources m_resources;
    Http1Client *m_network = nullptr;
    TimerSource *m_timers = nullptr;
    QString m_sessionId;
    QString m_protocolVersion;
    bool m_open = false;
    bool m_serverStreamUnsupported = false;
    bool m_stateless = false;
    QHash<Exchange *, std::shared_ptr<Exchange>> m_exchanges;
    Exchange *m_serverStream = nullptr;
    QPointer<QNetworkReply> m_deleteReply;
};

} // namespace mcppm
