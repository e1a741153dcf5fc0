#pragma once

#include "jsonrpc/transport.h"

#include <QList>

// A transport that records what is sent and lets the test play the server.
class FakeTransport final : public mcppm::Transport
{
    Q_OBJECT
public:
    using Transport::Transport;

    Kind kind() const override { return Kind::StreamableHttp; }
    void open() override
    {
        m_open = true;
        Q_EMIT opened();
    }
    bool isOpen() const override { return m_open; }
    void send(const mcppm::JsonRpcMessage &message) override { sent.append(message); }
    void abortRequest(const QJsonValue &id) override { aborted.append(id); }
    void close() override
    {
        m_open = false;
        Q_EMIT closed();
    }
    void setProtocolVersion(const QString &version) override { protocolVersion = version; }
    void setAuthToken(const QString &) override { }

    // Plays a message from the server.
    void deliver(const mcppm::JsonRpcMessage &message) { Q_EMIT messageReceived(message); }
    // The last sent message with this method (invalid if none).
    mcppm::JsonRpcMessage lastSent(const QString &method) const
    {
        for (qsizetype i = sent.size() - 1; i >= 0; --i) {
            if (sent.at(i).method == method)
                return sent.at(i);
        }
        return {};
    }

    QList<mcppm::JsonRpcMessage> sent;
    QList<QJsonValue> aborted;
    QString protocolVersion;

private:
    bool m_open = false;
};
