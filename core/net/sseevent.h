#pragma once

#include <QByteArray>
#include <QString>

namespace mcppm {

// One dispatched server-sent event. `id` is the stream's last event id at the
// time of dispatch (WHATWG: it persists across events until changed).
struct SseEvent
{
    QString type = QStringLiteral("message");
    QString data;
    QString id;
    bool hasId = false;

    // Encodes an event for the wire (server side): event/id/retry/data fields,
    // multi-line data split into several data: lines, ended by a blank line.
    static QByteArray encode(const QString &data, const QString &type = {}, const QString &id = {},
                             int retryMs = -1);
    // A comment line (keep-alive), ": text\n\n".
    static QByteArray encodeComment(const QByteArray &text);
};

} // namespace mcppm
