#include "mcp/mcpreply.h"

namespace mcppm {

McpReply::McpReply(const QString &method, QObject *parent)
    : QObject(parent)
    , m_method(method)
{ }

McpReply::~McpReply() = default;

void McpReply::cancel()
{
    if (m_finished)
        return;
    if (m_canceller) {
        const auto canceller = m_canceller;
        canceller();
        return;
    }
    finishWith(
        {},
        McpError::make(McpError::Kind::Cancelled, QStringLiteral("cancelled: %1").arg(m_method)),
        0);
}

void McpReply::reportProgress(double progress, double total, const QString &message)
{
    if (m_finished)
        return;
    m_progress = progress;
    m_total = total;
    Q_EMIT progressed(progress, total, message);
}

void McpReply::finishWith(const QJsonObject &result, const McpError &error, qint64 latencyMs)
{
    if (m_finished)
        return;
    m_finished = true;
    m_canceller = nullptr;
    m_result = result;
    m_error = error;
    m_latencyMs = latencyMs;
    Q_EMIT finished();
    if (m_autoDelete)
        deleteLater();
}

} // namespace mcppm
