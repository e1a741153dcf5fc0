#pragma once

#include "net/sseevent.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace mcppm {

// Incremental text/event-stream parser following the WHATWG rules: lines end
// in CR, LF or CRLF (also when the pair is split across chunks), ":" starts a
// comment, data lines join with "\n", "retry" takes ASCII digits only, "id" is
// kept even when the event has empty data, and an event with empty data is not
// dispatched. Feed it every chunk as it arrives (readyRead); it never needs the
// whole body.
class SseParser final
{
public:
    // Parses the bytes and returns the events they completed, in order.
    QList<SseEvent> feed(const QByteArray &chunk);
    // End of stream: a partly received event is discarded (WHATWG).
    void finish();
    void reset();

    // The last event id seen on this stream (may be empty if the server reset it).
    QString lastEventId() const { return m_lastEventId; }
    // True once any id field was processed on this stream.
    bool sawEventId() const { return m_sawEventId; }
    // The last valid retry value in ms, or -1 if the stream gave none.
    int retryMs() const { return m_retryMs; }
    // Bytes held for an incomplete line or event; transports bound this.
    qsizetype bufferedBytes() const { return m_line.size() + m_data.size(); }

private:
    void processLine(const QByteArray &line, QList<SseEvent> &out);
    void dispatch(QList<SseEvent> &out);

    QByteArray m_line; // bytes of the current, unfinished line
    QByteArray m_data; // data buffer of the current event (UTF-8)
    QString m_eventType;
    QString m_lastEventId;
    int m_retryMs = -1;
    bool m_sawEventId = false;
    bool m_lastWasCr = false; // a CR ended the previous line: skip one LF
    bool m_atStreamStart = true; // a leading UTF-8 BOM is dropped
    bool m_hasData = false;
};

} // namespace mcppm
