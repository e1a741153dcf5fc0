#pragma once

#include "jsonrpc/mcperror.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace mcppm {

using TaskId = quint64;

enum class TaskStatus { Pending, Running, Retrying, Completed, Failed, Cancelled, TimedOut };

QString taskStatusName(TaskStatus status);
inline bool isTerminal(TaskStatus status)
{
    return status == TaskStatus::Completed || status == TaskStatus::Failed
        || status == TaskStatus::Cancelled || status == TaskStatus::TimedOut;
}

// One unit of work in the queue: a tool call or a resource read, with its
// bookkeeping. Copies of it are handed out; the queue owns the original.
struct Task
{
    enum class Type { ToolCall, ResourceRead };

    TaskId id = 0;
    Type type = Type::ToolCall;
    QJsonObject payload; // tools/call: {name, arguments}; resources/read: {uri}
    int priority = 0; // higher first; FIFO within one priority
    TaskStatus status = TaskStatus::Pending;
    int attempts = 0; // how often it was started
    qint64 enqueuedMs = 0;
    qint64 startedMs = 0; // of the last attempt
    qint64 finishedMs = 0;
    qint64 deadlineMs = 0; // enqueuedMs + timeout; 0 = none
    QString serverId; // where the last attempt ran (set by the dispatcher)
    QStringList failedOn; // servers where an attempt failed; others are tried first
    QJsonObject result;
    McpError error;

    static QString typeName(Type type);
};

} // namespace mcppm
