#pragma once

#include "jsonrpc/mcperror.h"
#include "mcp/toolresult.h"

#include <QJsonObject>
#include <QObject>

#include <functional>

namespace mcppm {

class McpClient;

// The handle of one MCP request, like a QNetworkReply: it emits finished()
// exactly once, with either a result or an error, and progressed() on the
// way. It is parented to the client; delete it (deleteLater) when done, or
// setAutoDelete(true).
class McpReply final : public QObject
{
    Q_OBJECT
public:
    ~McpReply() override;
    Q_DISABLE_COPY_MOVE(McpReply)

    QString method() const { return m_method; }
    QJsonValue requestId() const { return m_requestId; }
    bool isFinished() const { return m_finished; }
    bool isError() const { return m_error.isError(); }
    McpError error() const { return m_error; }
    // The raw result object of the answer (for list calls: all pages merged).
    QJsonObject result() const { return m_result; }
    // For tools/call: the typed result (content, structuredContent, isError, schema check).
    ToolResult toolResult() const { return m_toolResult; }
    // Milliseconds from sending to the answer (0 until finished).
    qint64 latencyMs() const { return m_latencyMs; }
    // From sending the request to its answer; -1 when it was never sent.
    qint64 latencyUs() const { return m_latencyUs; }
    double progress() const { return m_progress; }
    double progressTotal() const { return m_total; }

    // Stops the request: the server is told (notifications/cancelled) and the
    // reply finishes with a "cancelled" error. No effect once finished.
    void cancel();
    void setAutoDelete(bool on) { m_autoDelete = on; }

Q_SIGNALS:
    void progressed(double progress, double total, const QString &message);
    void finished();

private:
    friend class McpClient;
    McpReply(const QString &method, QObject *parent);
    void setRequestId(const QJsonValue &id) { m_requestId = id; }
    void reportProgress(double progress, double total, const QString &message);
    void finishWith(const QJsonObject &result, const McpError &error, qint64 latencyMs);

    QString m_method;
    QJsonValue m_requestId;
    QJsonObject m_result;
    ToolResult m_toolResult;
    McpError m_error;
    qint64 m_latencyMs = 0;
    qint64 m_latencyUs = -1;
    double m_progress = 0;
    double m_total = -1;
    bool m_finished = false;
    bool m_autoDelete = false;
    bool m_reissued = false; // sent again after its stream broke (2026-07-28, safe requests)
    std::function<void()> m_canceller;
};

} // namespace mcppm
