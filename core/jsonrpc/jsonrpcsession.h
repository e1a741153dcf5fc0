#pragma once

#include "jsonrpc/jsonrpcmessage.h"
#include "jsonrpc/mcperror.h"
#include "jsonrpc/transport.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>
#include <memory>

namespace mcppm {

class TimerSource;

// JSON-RPC over a Transport: ids, the id → pending-request map, per-request
// timeouts that send notifications/cancelled, progress tokens, caller
// cancellation, answers to server requests (ping; -32601 for what we do not
// support) and notifications as signals.
class JsonRpcSession final : public QObject
{
    Q_OBJECT
public:
    struct RequestOptions
    {
        int timeoutMs = 10000; // 0 or less: no timeout
        bool wantProgress = false; // attach a progressToken in params._meta
        bool resetTimeoutOnProgress = false; // progress restarts the timeout...
        int maxTotalTimeoutMs = 0; // ...but never beyond this total (0: 10 × timeout)
        bool sendCancelOnTimeout = true;
    };
    // Exactly one call per request: a response (result in message.result) or an error.
    using ResponseHandler
        = std::function<void(const JsonRpcMessage &response, const McpError &error)>;
    using ProgressHandler
        = std::function<void(double progress, double total, const QString &message)>;
    // Answers a server request by calling respond exactly once (may be later).
    using Responder = std::function<void(const JsonRpcMessage &reply)>;
    using RequestHandler = std::function<void(const JsonRpcMessage &request, Responder respond)>;

    explicit JsonRpcSession(TimerSource *timers = nullptr, QObject *parent = nullptr);
    ~JsonRpcSession() override;
    Q_DISABLE_COPY_MOVE(JsonRpcSession)

    // Not owned. Pending requests keep running across a transport change.
    void setTransport(Transport *transport);
    Transport *transport() const { return m_transport; }
    void setServerId(const QString &serverId) { m_serverId = serverId; }
    // MCP 2026-07-28 over HTTP: a request is cancelled by closing its stream;
    // no notifications/cancelled is sent (timeouts and cancel() only abort).
    void setCancelByClosing(bool byClosing) { m_cancelByClosing = byClosing; }

    // Sends a request; `handler` runs once, only while `context` lives.
    // Returns the request id.
    QJsonValue sendRequest(const QString &method, const QJsonValue &params,
                           const RequestOptions &options, QObject *context, ResponseHandler handler,
                           ProgressHandler progress = {});
    void sendNotification(const QString &method, const QJsonValue &params = QJsonValue::Undefined);
    // Cancels a pending request: notifications/cancelled to the server, the
    // handler gets a Cancelled error. Unknown ids are ignored.
    void cancel(const QJsonValue &id,
                const QString &reason = QStringLiteral("cancelled by the caller"));
    // Fails every pending request with `error` (transport lost, shutdown).
    void failAll(const McpError &error);

    void setRequestHandler(const QString &method, RequestHandler handler);
    int pendingCount() const { return int(m_pending.size()); }
    bool isPending(const QJsonValue &id) const;

    // Message ids and progress tokens are unique per session.
    qint64 nextId() const { return m_nextId; }

    // While notificationReceived is emitted: the id of our request on whose
    // answer stream the notification came (Undefined when not known).
    QJsonValue currentRelatedId() const { return m_currentRelatedId; }

Q_SIGNALS:
    void notificationReceived(const QString &method, const QJsonValue &params);
    void progressReceived(const QJsonValue &token, double progress, double total,
                          const QString &message);
    // Something from the server that could not be used: unknown response id, malformed message.
    void protocolErrorOccurred(const mcppm::McpError &error);
    // A server request was answered with an error (e.g. -32601 for an unsupported method).
    void serverRequestRejected(const QString &method, int code);

private:
    QJsonValue m_currentRelatedId;
    struct Pending;
    void onMessage(const JsonRpcMessage &message);
    void onRequestFailed(const QJsonValue &id, const McpError &error);
    void handleServerRequest(const JsonRpcMessage &request);
    void handleProgress(const QJsonValue &params);
    void finish(const QString &key, const JsonRpcMessage &response, const McpError &error);
    void armTimeout(Pending &pending, int delayMs);
    void onTimeout(const QString &key);

    TimerSource *m_timers = nullptr;
    std::unique_ptr<TimerSource> m_ownTimers;
    QPointer<Transport> m_transport;
    QString m_serverId;
    bool m_cancelByClosing = false;
    qint64 m_nextId = 1;
    QHash<QString, std::shared_ptr<Pending>> m_pending; // idKey → pending request
    QHash<QString, QString> m_progressTokens; // progress token key → request idKey
    QHash<QString, RequestHandler> m_requestHandlers;
};

} // namespace mcppm
