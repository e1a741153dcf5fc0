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

PoolEvent::Severity PoolEvent::defaultSeverity(Kind kind)
{
    switch (kind) {
    case Kind::TaskFailed:
    case Kind::Error:
        return Severity::Error;
    case Kind::Health:
    case Kind::Retry:
    case Kind::Failover:
    case Kind::Warning:
        return Severity::Warning;
    case Kind::Info:
    case Kind::ServerLog:
        return Severity::Info;
    }
    return Severity::Info;
}

QString PoolEvent::severityName(Severity severity)
{
    switch (severity) {
    case Severity::Info:
        return QStringLiteral("info");
    case Severity::Warning:
        return QStringLiteral("warning");
    case Severity::Error:
        return QStringLiteral("error");
    }
    return QStringLiteral("info");
}

} // namespace mcppm
