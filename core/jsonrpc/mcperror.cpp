#include "jsonrpc/mcperror.h"

namespace mcppm {

QString McpError::kindName(Kind kind)
{
    switch (kind) {
    case Kind::None:
        return QStringLiteral("none");
    case Kind::Timeout:
        return QStringLiteral("timeout");
    case Kind::Cancelled:
        return QStringLiteral("cancelled");
    case Kind::Transport:
        return QStringLiteral("transport");
    case Kind::Tls:
        return QStringLiteral("tls");
    case Kind::Http:
        return QStringLiteral("http");
    case Kind::Protocol:
        return QStringLiteral("protocol");
    case Kind::TooLarge:
        return QStringLiteral("too_large");
    case Kind::Rpc:
        return QStringLiteral("rpc");
    case Kind::SessionExpired:
        return QStringLiteral("session_expired");
    case Kind::UnsupportedVersion:
        return QStringLiteral("unsupported_version");
    case Kind::NotConnected:
        return QStringLiteral("not_connected");
    case Kind::NoHealthyServers:
        return QStringLiteral("no_healthy_servers");
    }
    return QStringLiteral("unknown");
}

QString McpError::toString() const
{
    if (serverId.isEmpty())
        return message;
    return QLatin1Char('[') + serverId + QStringLiteral("] ") + message;
}

McpError McpError::make(Kind kind, const QString &message, int httpStatus)
{
    McpError e;
    e.kind = kind;
    e.message = message;
    e.httpStatus = httpStatus;
    return e;
}

} // namespace mcppm
