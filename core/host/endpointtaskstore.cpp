#include "host/endpointtaskstore.h"

#include "jsonrpc/jsonrpcmessage.h"

#include <QDateTime>
#include <QJsonArray>
#include <QRandomGenerator>

#include <algorithm>

namespace mcppm {

namespace {

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODateWithMs);
}

} // namespace

QString EndpointTaskStore::randomId()
{
    quint64 random[2];
    QRandomGenerator::system()->fillRange(random);
    return QString::fromLatin1(
        QByteArray(reinterpret_cast<const char *>(random), sizeof random).toHex());
}

std::shared_ptr<EndpointTaskStore::Task> EndpointTaskStore::create(TaskId poolTask, bool modern,
                                                                   const QString &owner,
                                                                   const QString &client, int ttlMs,
                                                                   qint64 nowMs)
{
    expire(nowMs);
    if (m_tasks.size() >= kMaxTasks) {
        // Room is made from ended tasks only, oldest end first.
        std::shared_ptr<Task> oldest;
        for (const auto &t : std::as_const(m_tasks)) {
            if (t->isTerminal() && (!oldest || t->endedMs < oldest->endedMs))
                oldest = t;
        }
        if (!oldest)
            return {};
        m_byPoolTask.remove(oldest->poolTask);
        m_tasks.remove(oldest->id);
    }
    auto task = std::make_shared<Task>();
    do {
        task->id = randomId();
    } while (m_tasks.contains(task->id));
    task->poolTask = poolTask;
    task->modern = modern;
    task->owner = owner;
    task->client = client;
    task->createdMs = task->updatedMs = nowMs;
    task->ttlMs = qBound(1000, ttlMs > 0 ? ttlMs : kDefaultTtlMs, kMaxTtlMs);
    m_tasks.insert(task->id, task);
    m_byPoolTask.insert(poolTask, task->id);
    return task;
}

std::shared_ptr<EndpointTaskStore::Task> EndpointTaskStore::forPoolTask(TaskId poolTask) const
{
    const auto it = m_byPoolTask.constFind(poolTask);
    return it == m_byPoolTask.cend() ? nullptr : m_tasks.value(*it);
}

QList<std::shared_ptr<EndpointTaskStore::Task>>
EndpointTaskStore::ownedBy(const QString &owner) const
{
    QList<std::shared_ptr<Task>> out;
    for (const auto &t : std::as_const(m_tasks)) {
        if (t->owner == owner)
            out.append(t);
    }
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return a->createdMs != b->createdMs ? a->createdMs < b->createdMs : a->id < b->id;
    });
    return out;
}

bool EndpointTaskStore::setStatus(const std::shared_ptr<Task> &task, const QString &status,
                                  qint64 nowMs)
{
    if (task->isTerminal() || task->status == status)
        return false;
    task->status = status;
    task->updatedMs = nowMs;
    if (m_onChanged)
        m_onChanged(task);
    return true;
}

void EndpointTaskStore::touch(const std::shared_ptr<Task> &task, qint64 nowMs)
{
    if (task->isTerminal())
        return;
    task->updatedMs = nowMs;
    if (m_onChanged)
        m_onChanged(task);
}

void EndpointTaskStore::finish(const std::shared_ptr<Task> &task, const QJsonObject &result,
                               const McpError &error, qint64 nowMs)
{
    if (task->isTerminal())
        return;
    m_byPoolTask.remove(task->poolTask);
    task->endedMs = task->updatedMs = qMax<qint64>(1, nowMs);
    if (error && error.kind == McpError::Kind::Cancelled) {
        task->status = QStringLiteral("cancelled");
        task->statusMessage = error.message;
    } else if (error) {
        task->status = QStringLiteral("failed");
        task->statusMessage = error.message;
        task->error = error;
    } else {
        task->status = QStringLiteral("completed");
        task->result = result;
    }
    const QList<Input> inputs = std::exchange(task->inputs, {});
    for (const Input &input : inputs)
        input.respond(
            {}, McpError::make(McpError::Kind::Cancelled, QStringLiteral("the task has ended")));
    const auto callbacks = std::exchange(task->onEnded, {});
    for (const auto &callback : callbacks)
        callback();
    if (m_onChanged)
        m_onChanged(task);
}

void EndpointTaskStore::expire(qint64 nowMs)
{
    for (auto it = m_tasks.begin(); it != m_tasks.end();) {
        const Task &t = **it;
        if (t.isTerminal() && nowMs >= qMax(t.createdMs + t.ttlMs, t.endedMs + kKeepFinishedMs)) {
            m_byPoolTask.remove(t.poolTask);
            it = m_tasks.erase(it);
        } else {
            ++it;
        }
    }
}

int EndpointTaskStore::rpcCode(const McpError &error)
{
    switch (error.kind) {
    case McpError::Kind::Rpc:
        return error.rpcCode ? error.rpcCode : JsonRpcMessage::InternalError;
    case McpError::Kind::Timeout:
        return -32001; // the SDKs' RequestTimeout
    case McpError::Kind::Cancelled:
        return kRequestCancelled;
    default:
        return JsonRpcMessage::InternalError;
    }
}

QJsonValue EndpointTaskStore::errorData(const McpError &error)
{
    if (!error.data.isUndefined() || error.kind == McpError::Kind::Rpc)
        return error.data;
    QJsonObject d; // what kind of failure, and where, for a client that cares
    d.insert(QStringLiteral("kind"), McpError::kindName(error.kind));
    if (!error.serverId.isEmpty())
        d.insert(QStringLiteral("server"), error.serverId);
    return d;
}

QJsonObject EndpointTaskStore::errorObject(const McpError &error)
{
    QJsonObject e;
    e.insert(QStringLiteral("code"), rpcCode(error));
    e.insert(QStringLiteral("message"), error.message);
    const QJsonValue data = errorData(error);
    if (!data.isUndefined())
        e.insert(QStringLiteral("data"), data);
    return e;
}

namespace {
// What both eras show of a task; their names for the ttl and poll interval differ.
QJsonObject taskFields(const EndpointTaskStore::Task &task, const char *ttlKey, const char *pollKey)
{
    QJsonObject o;
    o.insert(QStringLiteral("taskId"), task.id);
    o.insert(QStringLiteral("status"), task.status);
    if (!task.statusMessage.isEmpty())
        o.insert(QStringLiteral("statusMessage"), task.statusMessage);
    o.insert(QStringLiteral("createdAt"), isoTime(task.createdMs));
    o.insert(QStringLiteral("lastUpdatedAt"), isoTime(task.updatedMs));
    o.insert(QLatin1String(ttlKey), task.ttlMs);
    if (!task.isTerminal())
        o.insert(QLatin1String(pollKey), EndpointTaskStore::kPollIntervalMs);
    return o;
}
} // namespace

QJsonObject EndpointTaskStore::modernTask(const Task &task, bool detailed)
{
    QJsonObject o = taskFields(task, "ttlMs", "pollIntervalMs");
    if (!detailed)
        return o;
    if (task.status == QLatin1String("completed")) {
        o.insert(QStringLiteral("result"), task.result);
    } else if (task.status == QLatin1String("failed")) {
        o.insert(QStringLiteral("error"), errorObject(task.error));
    } else if (task.status == QLatin1String("input_required")) {
        QJsonObject requests;
        for (const Input &input : task.inputs) {
            QJsonObject r;
            r.insert(QStringLiteral("method"), input.method);
            r.insert(QStringLiteral("params"), input.params);
            requests.insert(input.key, r);
        }
        o.insert(QStringLiteral("inputRequests"), requests);
    }
    return o;
}

QJsonObject EndpointTaskStore::legacyTask(const Task &task)
{
    return taskFields(task, "ttl", "pollInterval");
}

} // namespace mcppm
