#include "pool/poolsnapshot.h"

namespace mcppm {

QString PoolEvent::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Health:
        return QStringLiteral("health");
    case Kind::TaskFailed:
        return QStringLiteral("task failed");
    case Kind::Retry:
        return QStringLiteral("retry");
    case Kind::Failover:
        return QStringLiteral("failover");
    case Kind::Info:
        return QStringLiteral("info");
    case Kind::Error:
        return QStringLiteral("error");
    case Kind::Warning:
        return QStringLiteral("warning");
    case Kind::ServerLog:
        return QStringLiteral("server log");
    }
    return QStringLiteral("info");
}

} // namespace mcppm
