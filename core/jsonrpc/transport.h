#pragma once

#include "jsonrpc/jsonrpcmessage.h"
#include "jsonrpc/mcperror.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <utility>

namespace mcppm {

// One way of carrying JSON-RPC messages to and from an MCP server. The
// session above it owns ids, timeouts and routing; a transport only moves
// messages and says which request's HTTP exchange failed.
class Transport : public QObject
{
    Q_OBJECT
public:
    enum class Kind { StreamableHttp, LegacySse, Stdio };
    Q_ENUM(Kind)

    using QObject::QObject;
    ~Transport() override = default;

    virtual Kind kind() const = 0;
    // Prepares the transport (legacy SSE: opens the stream and waits for the
    // endpoint). Emits opened() or failed().
    virtual void open() = 0;
    virtual bool isOpen() const = 0;
    // Sends one message. A request whose exchange fails is reported through
    // requestFailed(); its answer arrives through messageReceived().
    virtual void send(const JsonRpcMessage &message) = 0;
    // Stops any HTTP exchange still carrying the answer to this request.
    virtual void abortRequest(const QJsonValue &id) = 0;
    // Ends the session (Streamable HTTP: DELETE with the session id) and
    // aborts everything in flight. Emits closed() when done.
    virtual void close() = 0;

    // Set after initialize: the negotiated protocol version, sent from then on.
    virtual void setProtocolVersion(const QString &version) = 0;
    virtual QString sessionId() const { return {}; }
    // Drops the session id (before re-initializing after a 404).
    virtual void resetSession() { }
    // Opens the optional server-to-client stream, where the transport has
    // one. Returns true when a stream is being opened; serverStreamSettled()
    // follows once the server answered.
    virtual bool openServerStream() { return false; }
    virtual void setAuthToken(const QString &token) = 0;
    // MCP 2026-07-28: no session, no server stream, no resumption, no DELETE.
    virtual void setStateless(bool stateless) { Q_UNUSED(stateless) }

    // Extra headers for one outgoing message (Mcp-Method, Mcp-Name,
    // Mcp-Param-*), asked for each time it is sent. Transports without
    // headers ignore it.
    using HeaderList = QList<std::pair<QByteArray, QByteArray>>;
    using HeaderProvider = std::function<HeaderList(const JsonRpcMessage &message)>;
    void setHeaderProvider(HeaderProvider provider) { m_headerProvider = std::move(provider); }

    qint64 bytesSent() const { return m_bytesSent; }
    qint64 bytesReceived() const { return m_bytesReceived; }

Q_SIGNALS:
    void opened();
    void failed(const mcppm::McpError &error); // could not open, or lost for good
    void closed();
    // A connection to the server ended from its side while nothing ran on
    // it: the server may be gone (health checks look at once).
    void connectionLost();
    // The server answered the GET stream: open (2xx event stream) or not.
    void serverStreamSettled(bool open);
    void messageReceived(const mcppm::JsonRpcMessage &message);
    void requestFailed(const QJsonValue &id, const mcppm::McpError &error);
    // A request carrying a session id got 404: the session is gone. The
    // message is handed back so the client can re-initialize and resend it.
    void sessionExpired(const mcppm::JsonRpcMessage &message);
    // Something arrived that cannot be used (bad JSON on a stream, ...). Not
    // tied to a request; the session reports it.
    void protocolErrorOccurred(const mcppm::McpError &error);
    // Raw traffic, for protocol views: outgoing or incoming JSON text.
    void trafficObserved(bool outgoing, const QByteArray &json);

protected:
    // Parses the JSON of one message (an SSE event's data or a body): the
    // messages, or none after reporting protocolErrorOccurred(). Reports the
    // traffic too.
    QList<JsonRpcMessage> decodeMessages(const QByteArray &json, const QString &from);

    qint64 m_bytesSent = 0;
    qint64 m_bytesReceived = 0;
    HeaderProvider m_headerProvider;
};

} // namespace mcppm
