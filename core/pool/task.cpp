#include "pool/task.h"

namespace mcppm {

QString taskStatusName(TaskStatus status)
{
    switch (status) {
    case TaskStatus::Pending:
        return QStringLiteral("pending");
    case TaskStatus::Running:
        return QStringLiteral("running");
    case TaskStatus::Retrying:
        return QStringLiteral("retrying");
    case TaskStatus::Completed:
        return QStringLiteral("completed");
    case TaskStatus::Failed:
        return QStringLiteral("failed");
    case TaskStatus::Cancelled:
        return QStringLiteral("cancelled");
    case TaskStatus::TimedOut:
        return QStringLiteral("timed_out");
    }
    return {};
}

QString Task::typeName(Type type)
{
    return type == Type::ToolCall ? QStringLiteral("tool_call") : QStringLiteral("resource_read");
}

} // namespace mcppm
