#include "jsonrpc/jsonrpcsession.h"

#include "jsonrpc/transport.h"
#include "net/timersource.h"

#include <QJsonObject>

namespace mcppm {

struct JsonRpcSession::Pending
{
    QJsonValue id;
    QString method;
    RequestOptions options;
    QPointer<QObject> context;
    bool hasContext = false;
    ResponseHandler handler;
    ProgressHandler progress;
    QString progressKey;
    qint64 startedMs = 0;
    int timer = 0;
};

JsonRpcSession::JsonRpcSession(TimerSource *timers, QObject *parent)
    : QObject(parent)
    , m_timers(timers)
{
    if (!m_timers) {
        m_ownTimers = std::make_unique<SystemTimerSource>();
        m_timers = m_ownTimers.get();
    }
}

JsonRpcSession::~JsonRpcSession()
{
    for (const auto &pending : std::as_const(m_pending)) {
        if (pending->timer)
            m_timers->cancel(pending->timer);
    }
}

void JsonRpcSession::setTransport(Transport *transport)
{
    if (m_transport)
        m_transport->disconnect(this);
    m_transport = transport;
    if (!transport)
        return;
    connect(transport, &Transport::messageReceived, this, &JsonRpcSession::onMessage);
    connect(transport, &Transport::requestFailed, this, &JsonRpcSession::onRequestFailed);
    connect(transport, &Transport::protocolErrorOccurred, this, [this](McpError error) {
        error.serverId = m_serverId;
        Q_EMIT protocolErrorOccurred(error);
    });
}

QJsonValue JsonRpcSession::sendRequest(const QString &method, const QJsonValue &params,
                                       const RequestOptions &options, QObject *context,
                                       ResponseHandler handler, ProgressHandler progress)
{
    const QJsonValue id = QJsonValue(m_nextId++);
    const QString key = JsonRpcMessage::idKey(id);
    auto pending = std::make_shared<Pending>();
    pending->id = id;
    pending->method = method;
    pending->options = options;
    pending->context = context;
    pending->hasContext = context != nullptr;
    pending->handler = std::move(handler);
    pending->progress = std::move(progress);
    pending->startedMs = m_timers->nowMs();

    QJsonValue sentParams = params;
    if (options.wantProgress) {
        QJsonObject object = params.toObject();
        QJsonObject meta = object.value(QStringLiteral("_meta")).toObject();
        const QJsonValue token = id; // the request id is a unique progress token
        meta.insert(QStringLiteral("progressToken"), token);
        object.insert(QStringLiteral("_meta"), meta);
        sentParams = object;
        pending->progressKey = JsonRpcMessage::idKey(token);
        m_progressTokens.insert(pending->progressKey, key);
    }
    m_pending.insert(key, pending);
    if (options.timeoutMs > 0)
        armTimeout(*pending, options.timeoutMs);

    if (!m_transport) {
        finish(key, {},
               McpError::make(McpError::Kind::NotConnected, QStringLiteral("not connected")));
        return id;
    }
    m_transport->send(JsonRpcMessage::request(id, method, sentParams));
    return id;
}

void JsonRpcSession::sendNotification(const QString &method, const QJsonValue &params)
{
    if (m_transport)
        m_transport->send(JsonRpcMessage::notification(method, params));
}

void JsonRpcSession::armTimeout(Pending &pending, int delayMs)
{
    if (pending.timer)
        m_timers->cancel(pending.timer);
    const QString key = JsonRpcMessage::idKey(pending.id);
    pending.timer = m_timers->start(delayMs, [this, key]() { onTimeout(key); });
}

void JsonRpcSession::onTimeout(const QString &key)
{
    const auto pending = m_pending.value(key);
    if (!pending)
        return;
    pending->timer = 0;
    const qint64 elapsed = m_timers->nowMs() - pending->startedMs;
    if (pending->options.sendCancelOnTimeout && m_transport && !m_cancelByClosing) {
        QJsonObject params;
        params.insert(QStringLiteral("requestId"), pending->id);
        params.insert(QStringLiteral("reason"), QStringLiteral("timeout"));
        m_transport->send(
            JsonRpcMessage::notification(QStringLiteral("notifications/cancelled"), params));
    }
    if (m_transport)
        m_transport->abortRequest(pending->id);
    McpError error = McpError::make(
        McpError::Kind::Timeout,
        QStringLiteral("timeout: %1 got no answer within %2 ms").arg(pending->method).arg(elapsed));
    finish(key, {}, error);
}

void JsonRpcSession::cancel(const QJsonValue &id, const QString &reason)
{
    const QString key = JsonRpcMessage::idKey(id);
    const auto pending = m_pending.value(key);
    if (!pending)
        return;
    if (m_transport) {
        if (!m_cancelByClosing) {
            QJsonObject params;
            params.insert(QStringLiteral("requestId"), pending->id);
            if (!reason.isEmpty())
                params.insert(QStringLiteral("reason"), reason);
            m_transport->send(
                JsonRpcMessage::notification(QStringLiteral("notifications/cancelled"), params));
        }
        m_transport->abortRequest(pending->id);
    }
    finish(key, {},
           McpError::make(McpError::Kind::Cancelled,
                          QStringLiteral("cancelled: %1 (%2)").arg(pending->method, reason)));
}

void JsonRpcSession::failAll(const McpError &error)
{
    const auto keys = m_pending.keys();
    for (const QString &key : keys)
        finish(key, {}, error);
}

bool JsonRpcSession::isPending(const QJsonValue &id) const
{
    return m_pending.contains(JsonRpcMessage::idKey(id));
}

void JsonRpcSession::finish(const QString &key, const JsonRpcMessage &response,
                            const McpError &error)
{
    // Erase before invoking: the handler may send, cancel or destroy us.
    const auto pending = m_pending.take(key);
    if (!pending)
        return;
    if (pending->timer)
        m_timers->cancel(pending->timer);
    if (!pending->progressKey.isEmpty())
        m_progressTokens.remove(pending->progressKey);
    if (pending->hasContext && !pending->context)
        return; // the receiver is gone
    McpError e = error;
    if (e.isError() && e.serverId.isEmpty())
        e.serverId = m_serverId;
    if (pending->handler)
        pending->handler(response, e);
}

void JsonRpcSession::onRequestFailed(const QJsonValue &id, const McpError &error)
{
    finish(JsonRpcMessage::idKey(id), {}, error);
}

void JsonRpcSession::onMessage(const JsonRpcMessage &message)
{
    switch (message.type) {
    case JsonRpcMessage::Type::Response:
    case JsonRpcMessage::Type::Error: {
        const QString key = JsonRpcMessage::idKey(message.id);
        if (!m_pending.contains(key)) {
            McpError error = McpError::make(
                McpError::Kind::Protocol,
                QStringLiteral("answer for unknown request id %1 ignored").arg(key.mid(2)));
            error.serverId = m_serverId;
            Q_EMIT protocolErrorOccurred(error);
            return;
        }
        if (message.type == JsonRpcMessage::Type::Error) {
            McpError error = McpError::make(McpError::Kind::Rpc, message.errorMessage);
            error.rpcCode = message.errorCode;
            error.data = message.errorData;
            if (error.message.isEmpty())
                error.message = QStringLiteral("JSON-RPC error %1").arg(message.errorCode);
            finish(key, message, error);
        } else {
            finish(key, message, {});
        }
        return;
    }
    case JsonRpcMessage::Type::Request:
        handleServerRequest(message);
        return;
    case JsonRpcMessage::Type::Notification:
        if (message.method == QLatin1String("notifications/progress"))
            handleProgress(message.params);
        m_currentRelatedId = message.relatedId;
        Q_EMIT notificationReceived(message.method, message.params);
        m_currentRelatedId = QJsonValue::Undefined; // (a handler may have destroyed us: no)
        return;
    case JsonRpcMessage::Type::Invalid:
        return;
    }
}

void JsonRpcSession::handleProgress(const QJsonValue &params)
{
    const QJsonObject object = params.toObject();
    const QJsonValue token = object.value(QStringLiteral("progressToken"));
    const double progress = object.value(QStringLiteral("progress")).toDouble();
    const double total = object.value(QStringLiteral("total")).toDouble(-1);
    const QString text = object.value(QStringLiteral("message")).toString();
    Q_EMIT progressReceived(token, progress, total, text);
    const QString requestKey = m_progressTokens.value(JsonRpcMessage::idKey(token));
    const auto pending = m_pending.value(requestKey);
    if (!pending)
        return;
    if (pending->options.resetTimeoutOnProgress && pending->options.timeoutMs > 0) {
        const int maxTotal = pending->options.maxTotalTimeoutMs > 0
            ? pending->options.maxTotalTimeoutMs
            : pending->options.timeoutMs * 10;
        const qint64 left = maxTotal - (m_timers->nowMs() - pending->startedMs);
        armTimeout(*pending,
                   int(qBound(qint64(0), qMin<qint64>(pending->options.timeoutMs, left),
                              qint64(pending->options.timeoutMs))));
    }
    if (pending->progress && (!pending->hasContext || pending->context))
        pending->progress(progress, total, text);
}

void JsonRpcSession::setRequestHandler(const QString &method, RequestHandler handler)
{
    if (handler)
        m_requestHandlers.insert(method, std::move(handler));
    else
        m_requestHandlers.remove(method);
}

void JsonRpcSession::handleServerRequest(const JsonRpcMessage &request)
{
    QPointer<Transport> transport = m_transport;
    auto respond = [transport](const JsonRpcMessage &reply) {
        if (transport)
            transport->send(reply);
    };
    const auto handler = m_requestHandlers.constFind(request.method);
    if (handler != m_requestHandlers.constEnd()) {
        const QJsonValue id = request.id;
        auto answered = std::make_shared<bool>(false);
        (*handler)(request, [respond, id, answered](const JsonRpcMessage &reply) {
            if (*answered)
                return;
            *answered = true;
            JsonRpcMessage r = reply;
            r.id = id;
            respond(r);
        });
        return;
    }
    if (request.method == QLatin1String("ping")) {
        respond(JsonRpcMessage::response(request.id, QJsonObject()));
        return;
    }
    Q_EMIT serverRequestRejected(request.method, JsonRpcMessage::MethodNotFound);
    respond(JsonRpcMessage::error(request.id, JsonRpcMessage::MethodNotFound,
                                  QStringLiteral("Method not found: %1").arg(request.method)));
}

} // namespace mcppm
