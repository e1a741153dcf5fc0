#include "jsonrpc/transport.h"

namespace mcppm {

QList<JsonRpcMessage> Transport::decodeMessages(const QByteArray &json, const QString &from)
{
    QString why;
    const QList<JsonRpcMessage> messages = JsonRpcMessage::parse(json, &why);
    if (messages.isEmpty()) {
        Q_EMIT protocolErrorOccurred(McpError::make(
            McpError::Kind::Protocol, QStringLiteral("unusable event from %1: %2").arg(from, why)));
        return {};
    }
    Q_EMIT trafficObserved(false, json);
    return messages;
}

} // namespace mcppm
