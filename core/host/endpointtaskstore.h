#pragma once

#include "jsonrpc/mcperror.h"
#include "mcp/clientfeatures.h"
#include "pool/task.h"

#include <QHash>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

#include <functional>
#include <memory>

namespace mcppm {

// The task handles the pool's MCP endpoint gives its clients (the tasks
// extension "io.modelcontextprotocol/tasks" of 2026-07-28, and the tasks of
// 2025-11-25): each handle stands for one pool task, under a random id the
// client cannot guess. Kept until createdAt + ttl, and at least
// kKeepFinishedMs after the task ended; at most kMaxTasks (the oldest ended
// ones go first; a new task beyond that while all still run is refused).
class EndpointTaskStore final
{
public:
    static constexpr int kMaxTasks = 10000;
    static constexpr qint64 kKeepFinishedMs = 60000;
    static constexpr int kDefaultTtlMs = 60 * 60 * 1000;
    static constexpr int kMaxTtlMs = 24 * 60 * 60 * 1000;
    static constexpr int kPollIntervalMs = 500;

    // Something the task's worker asked the client for while it runs.
    struct Input
    {
        QString key; // the inputRequests key (2026) or the JSON-RPC id (2025)
        QString method;
        QJsonObject params;
        InputResponder respond;
    };

    struct Task
    {
        QString id;
        TaskId poolTask = 0;
        bool modern = false; // which shapes the client reads
        QString owner; // 2025: the session that made it; others cannot see it
        QString client;
        QString status = QStringLiteral("working");
        QString statusMessage;
        qint64 createdMs = 0; // wall clock, ms since the epoch
        qint64 updatedMs = 0;
        qint64 endedMs = 0; // 0 while it runs
        int ttlMs = kDefaultTtlMs;
        QJsonObject result; // completed
        McpError error; // failed
        QList<Input> inputs; // outstanding, in the order asked
        // Called once when the task ends (2025 tasks/result waiting for it).
        QList<std::function<void()>> onEnded;

        bool isTerminal() const { return endedMs > 0; }
    };

    // A new working task; nothing when the store is full of running tasks.
    std::shared_ptr<Task> create(TaskId poolTask, bool modern, const QString &owner,
                                 const QString &client, int ttlMs, qint64 nowMs);
    std::shared_ptr<Task> find(const QString &id) const { return m_tasks.value(id); }
    std::shared_ptr<Task> forPoolTask(TaskId poolTask) const;
    QList<std::shared_ptr<Task>> ownedBy(const QString &owner) const; // oldest first
    // Ends the task: completed (a result), failed (a JSON-RPC error) or
    // cancelled; runs its onEnded callbacks. Outstanding input is answered
    // with a cancellation.
    void finish(const std::shared_ptr<Task> &task, const QJsonObject &result, const McpError &error,
                qint64 nowMs);
    // False if the task has ended or had that status already.
    bool setStatus(const std::shared_ptr<Task> &task, const QString &status, qint64 nowMs);
    // Something else the client sees changed (its outstanding input).
    void touch(const std::shared_ptr<Task> &task, qint64 nowMs);
    // Called after a task's state as tasks/get shows it changed (status, input, its end):
    // the endpoint pushes notifications/tasks to the streams that listen for it.
    void setChangeHandler(std::function<void(const std::shared_ptr<Task> &)> handler)
    {
        m_onChanged = std::move(handler);
    }
    // Drops what has outlived its time.
    void expire(qint64 nowMs);
    int size() const { return int(m_tasks.size()); }
    int running() const { return int(m_byPoolTask.size()); } // the others have ended

    // The 2026-07-28 shapes: Task fields, plus result / error / inputRequests
    // for tasks/get (DetailedTask). CreateTaskResult adds resultType "task".
    static QJsonObject modernTask(const Task &task, bool detailed);
    // The 2025-11-25 Task object (ttl, pollInterval).
    static QJsonObject legacyTask(const Task &task);
    // The JSON-RPC error object of a failed task.
    static QJsonObject errorObject(const McpError &error);
    // The JSON-RPC error code and data a client gets for a failed call.
    static int rpcCode(const McpError &error);
    static QJsonValue errorData(const McpError &error);
    static constexpr int kRequestCancelled = -32800;
    // 128 random bits in hex: task ids, session ids, requestState.
    static QString randomId();

private:
    QHash<QString, std::shared_ptr<Task>> m_tasks;
    QHash<TaskId, QString> m_byPoolTask;
    std::function<void(const std::shared_ptr<Task> &)> m_onChanged;
};

} // namespace mcppm
