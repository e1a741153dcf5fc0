#include "net/sseevent.h"

#include <QStringList>

namespace mcppm {

QByteArray SseEvent::encode(const QString &data, const QString &type, const QString &id,
                            int retryMs)
{
    QByteArray out;
    if (!type.isEmpty())
        out += "event: " + type.toUtf8() + '\n';
    if (!id.isNull())
        out += "id: " + id.toUtf8() + '\n';
    if (retryMs >= 0)
        out += "retry: " + QByteArray::number(retryMs) + '\n';
    // Any line break inside the data becomes a new data: line; the parser joins them with \n.
    QString normalized = data;
    normalized.replace(QStringLiteral("\r\n"), QStringLiteral("\n"));
    normalized.replace(QLatin1Char('\r'), QLatin1Char('\n'));
    const QStringList lines = normalized.split(QLatin1Char('\n'));
    for (const QString &line : lines)
        out += "data: " + line.toUtf8() + '\n';
    out += '\n';
    return out;
}

QByteArray SseEvent::encodeComment(const QByteArray &text)
{
    return ": " + text + "\n\n";
}

} // namespace mcppm
