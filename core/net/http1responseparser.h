#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>

namespace mcppm {

// A strict HTTP/1.1 response parser (RFC 9112), without sockets: feed() the
// bytes as they arrive, then take events with next() until NeedMore. One
// parser frames one response; reset() before the next exchange.
//
// Refused (an Error event whose text names the problem; the connection must
// be closed): a status line other than "HTTP/1.x SP 3DIGIT [SP reason]",
// control characters in the reason or in field values, field names that are
// not tokens, whitespace before the colon, obs-fold, conflicting or malformed
// Content-Length (signs, non-digits, overflow; equal duplicates are accepted),
// Transfer-Encoding together with Content-Length or with a final coding other
// than chunked, chunk sizes that are not plain hex or overflow, bad chunk
// extensions, anything but CRLF after chunk data, a head (or trailer section)
// over kMaxHeadBytes, 101 Switching Protocols (never asked for).
// 1xx interim answers are skipped; HEAD, 204 and 304 answers have no body.
// Bytes after the end of the response stay buffered (hasUnreadBytes()): a
// connection holding them must not be reused.
class Http1ResponseParser final
{
public:
    static constexpr qsizetype kMaxHeadBytes = 64 * 1024;
    static constexpr qsizetype kMaxChunkLineBytes = 4096;

    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    enum class Framing { None, Length, Chunked, UntilClose };

    struct Event
    {
        enum class Kind { NeedMore, Head, Body, End, Error };
        Kind kind = Kind::NeedMore;
        // Head
        int status = 0;
        QByteArray reason;
        Headers headers;
        // Body
        QByteArray data;
        // Error
        QString error;
    };

    explicit Http1ResponseParser(const QByteArray &method = QByteArrayLiteral("GET"))
    {
        reset(method);
    }

    // Starts over for a new exchange. The request's method matters for the
    // framing: HEAD answers have no body; a 2xx to CONNECT ends with its head
    // (what follows is the tunnel, left unread).
    void reset(const QByteArray &method = QByteArrayLiteral("GET"));
    void feed(const QByteArray &bytes);
    // The next event; NeedMore until more bytes are fed. After End or Error
    // only NeedMore follows.
    Event next();
    // The peer closed the connection: End for a body that runs until the
    // close, otherwise an Error (unless the response had already ended).
    Event finish();

    bool headDone() const { return m_state > State::Head; }
    bool isDone() const { return m_state == State::Done; }
    bool hasFailed() const { return m_state == State::Failed; }
    int status() const { return m_status; }
    Framing framing() const { return m_framing; }
    // Content-Length, for Framing::Length; -1 otherwise.
    qint64 contentLength() const { return m_contentLength; }
    // False when the response says close, is HTTP/1.0 without keep-alive, or
    // runs until the connection closes.
    bool keepAlive() const { return m_keepAlive; }
    QByteArray location() const { return m_location; }
    // Bytes fed but not consumed (after End: bytes beyond the response).
    qsizetype bufferedBytes() const { return m_in.size() - m_pos; }
    bool hasUnreadBytes() const { return bufferedBytes() > 0; }

    // Server text for an error message: quoted, at most `max` bytes, control
    // characters, quotes, backslashes and non-ASCII bytes escaped (\xNN).
    static QString quote(const QByteArray &text, qsizetype max = 60);

private:
    enum class State { Head, Body, ChunkSize, ChunkData, ChunkDataEnd, Trailer, Done, Failed };

    enum class Line { More, Got, TooLong };

    Event fail(const QString &text);
    Event nextHead();
    Event headLine(const QByteArray &line);
    Event statusLine(const QByteArray &line);
    Event fieldLine(const QByteArray &line);
    Event endOfHead();
    Event nextChunked();
    Event takeBody(qint64 max);
    // The next line from m_pos, without its LF (a CR before it stays), within
    // `limit` bytes counted from `used` already taken.
    Line takeLine(QByteArray *line, qsizetype used, qsizetype limit);
    void compact();

    QByteArray m_in;
    qsizetype m_pos = 0;
    qsizetype m_scan = 0; // where the search for the next LF goes on
    State m_state = State::Head;
    QByteArray m_method;
    // The head being read.
    qsizetype m_headBytes = 0;
    bool m_gotStatusLine = false;
    bool m_http10 = false;
    QByteArray m_reason;
    Headers m_headers;
    int m_status = 0;
    Framing m_framing = Framing::None;
    qint64 m_contentLength = -1;
    qint64 m_remaining = 0;
    qsizetype m_trailerBytes = 0;
    bool m_keepAlive = true;
    QByteArray m_location;
};

} // namespace mcppm
