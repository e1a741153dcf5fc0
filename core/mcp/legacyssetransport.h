#pragma once

#include "jsonrpc/transport.h"
#include "mcp/httpresources.h"
#include "mcp/httpsupport.h"
#include "net/sseparser.h"

#include <QHash>
#include <QPointer>
#include <QUrl>

#include <memory>

namespace mcppm {
class Http1Client;
}
class QNetworkReply;

namespace mcppm {

class TimerSource;

// The 2024-11-05 HTTP+SSE transport: a GET event stream that first names a
// POST endpoint (same origin only); every answer arrives on the stream.
class LegacySseTransport final : public Transport
{
    Q_OBJECT
public:
    explicit LegacySseTransport(const HttpTransportOptions &options, QObject *parent = nullptr);
    ~LegacySseTransport() override;
    Q_DISABLE_COPY_MOVE(LegacySseTransport)

    Kind kind() const override { return Kind::LegacySse; }
    void open() override;
    bool isOpen() const override { return m_open; }
    void send(const JsonRpcMessage &message) override;
    void abortRequest(const QJsonValue &id) override;
    void close() override;
    void setProtocolVersion(const QString &) override { }
    void setAuthToken(const QString &token) override { m_options.authToken = token; }

    QUrl endpoint() const { return m_endpoint; }

private:
    void onStreamData();
    void onStreamFinished();
    void handleEvent(const SseEvent &event);
    void fail(const McpError &error);
    void shutDownStream();

    HttpTransportOptions m_options;
    HttpResources m_resources;
    Http1Client *m_network = nullptr;
    TimerSource *m_timers = nullptr;
    QPointer<QNetworkReply> m_stream;
    QList<QSslError> m_sslErrors;
    SseParser m_parser;
    QUrl m_endpoint;
    bool m_open = false;
    bool m_closing = false;
    int m_connectTimer = 0;
    QHash<QNetworkReply *, QJsonValue> m_posts; // in-flight POSTs → request id (or Undefined)
};

} // namespace mcppm
