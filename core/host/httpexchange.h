#pragma once

#include "host/httplistener.h"

#include <QByteArray>
#include <QPointer>

#include <functional>

namespace mcppm {

// One request's answer on an HttpListener connection: either whole
// (respond) or in pieces (startStream, write, finish: chunked on HTTP/1.1,
// until close on HTTP/1.0), e.g. a server-sent-event stream. Only the first
// respond or startStream counts; everything is a no-op once the connection
// is gone. The closed handler runs once if the connection ends before the
// answer was complete (the peer hung up, a timeout, the listener closed).
class HttpExchange final
{
public:
    HttpExchange(HttpListener *listener, quint64 connection, quint64 serial);
    Q_DISABLE_COPY_MOVE(HttpExchange)

    void respond(const HttpResponse &response);
    // The status line and headers; the body of `head`, if any, is the first piece.
    bool startStream(const HttpResponse &head);
    bool write(const QByteArray &piece); // false when the connection is gone
    void finish(); // the last piece: the connection serves its next request
    // Connection there and the answer not complete.
    bool isOpen() const;
    bool isStreaming() const { return m_streaming && isOpen(); }
    void setClosedHandler(std::function<void()> handler);

private:
    QPointer<HttpListener> m_listener;
    quint64 m_connection = 0;
    quint64 m_serial = 0;
    bool m_streaming = false;
};

} // namespace mcppm
