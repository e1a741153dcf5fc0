#include "net/http1responseparser.h"

#include "net/httpsyntax.h"
namespace mcppm {

namespace {

bool isDigit(char c)
{
    return c >= '0' && c <= '9';
}

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Field-value and reason-phrase characters: HTAB, SP, VCHAR, obs-text.
bool isTextChar(char c)
{
    const auto u = static_cast<unsigned char>(c);
    return u == '\t' || u == ' ' || (u >= 0x21 && u != 0x7f);
}

bool isOws(char c)
{
    return c == ' ' || c == '\t';
}

QByteArray trimOws(const QByteArray &text)
{
    qsizetype from = 0;
    qsizetype to = text.size();
    while (from < to && isOws(text.at(from)))
        ++from;
    while (to > from && isOws(text.at(to - 1)))
        --to;
    return text.mid(from, to - from);
}

// Parses the chunk-ext after a chunk size: *( BWS ";" BWS name [ BWS "=" BWS value ] ),
// value a token or a quoted-string. Returns false when malformed.
bool validChunkExtensions(const QByteArray &text)
{
    qsizetype i = 0;
    const qsizetype n = text.size();
    auto skipWs = [&]() {
        while (i < n && isOws(text.at(i)))
            ++i;
    };
    auto token = [&]() {
        const qsizetype start = i;
        while (i < n && HttpSyntax::isTokenChar(text.at(i)))
            ++i;
        return i > start;
    };
    for (;;) {
        const qsizetype before = i;
        skipWs();
        if (i == n)
            return i == before; // whitespace only before a ";"
        if (text.at(i) != ';')
            return false;
        ++i;
        skipWs();
        if (!token())
            return false;
        const qsizetype afterName = i;
        skipWs();
        if (i == n)
            return i == afterName;
        if (text.at(i) == ';')
            continue;
        if (text.at(i) != '=')
            return false;
        ++i;
        skipWs();
        if (i < n && text.at(i) == '"') {
            ++i;
            bool closed = false;
            while (i < n) {
                const char c = text.at(i);
                if (c == '"') {
                    ++i;
                    closed = true;
                    break;
                }
                if (c == '\\') {
                    if (i + 1 >= n || !isTextChar(text.at(i + 1)))
                        return false;
                    i += 2;
                    continue;
                }
                if (!isTextChar(c))
                    return false;
                ++i;
            }
            if (!closed)
                return false;
        } else if (!token()) {
            return false;
        }
    }
}

} // namespace

QString Http1ResponseParser::quote(const QByteArray &text, qsizetype max)
{
    QString out = QStringLiteral("\"");
    const qsizetype n = qMin(text.size(), max);
    for (qsizetype i = 0; i < n; ++i) {
        const auto u = static_cast<unsigned char>(text.at(i));
        if (u == '"' || u == '\\') {
            out += QLatin1Char('\\');
            out += QLatin1Char(char(u));
        } else if (u < 0x20 || u >= 0x7f) {
            out += QStringLiteral("\\x%1").arg(uint(u), 2, 16, QLatin1Char('0'));
        } else {
            out += QLatin1Char(char(u));
        }
    }
    if (text.size() > max)
        out += QStringLiteral("...");
    out += QLatin1Char('"');
    return out;
}

void Http1ResponseParser::reset(const QByteArray &method)
{
    m_in.clear();
    m_pos = 0;
    m_scan = 0;
    m_state = State::Head;
    m_method = method;
    m_headBytes = 0;
    m_gotStatusLine = false;
    m_http10 = false;
    m_reason.clear();
    m_headers.clear();
    m_status = 0;
    m_framing = Framing::None;
    m_contentLength = -1;
    m_remaining = 0;
    m_trailerBytes = 0;
    m_keepAlive = true;
    m_location.clear();
}

void Http1ResponseParser::feed(const QByteArray &bytes)
{
    if (m_state == State::Failed || bytes.isEmpty())
        return;
    if (m_pos == m_in.size()) {
        m_in = bytes;
        m_pos = 0;
        m_scan = 0;
    } else {
        m_in += bytes;
    }
}

void Http1ResponseParser::compact()
{
    if (m_pos == 0)
        return;
    if (m_pos == m_in.size()) {
        m_in.clear();
        m_pos = 0;
        m_scan = 0;
    } else if (m_pos >= 64 * 1024 && m_pos * 2 >= m_in.size()) {
        m_in.remove(0, m_pos);
        m_scan -= m_pos;
        m_pos = 0;
    }
}

Http1ResponseParser::Event Http1ResponseParser::fail(const QString &text)
{
    m_state = State::Failed;
    m_keepAlive = false;
    m_in.clear();
    m_pos = 0;
    m_scan = 0;
    Event e;
    e.kind = Event::Kind::Error;
    e.error = text;
    return e;
}

Http1ResponseParser::Line Http1ResponseParser::takeLine(QByteArray *line, qsizetype used,
                                                        qsizetype limit)
{
    const qsizetype lf = m_in.indexOf('\n', qMax(m_scan, m_pos));
    if (lf < 0) {
        m_scan = m_in.size();
        return used + (m_in.size() - m_pos) > limit ? Line::TooLong : Line::More;
    }
    const qsizetype length = lf + 1 - m_pos; // with the LF
    if (used + length > limit)
        return Line::TooLong;
    *line = m_in.mid(m_pos, length - 1);
    m_pos = lf + 1;
    m_scan = m_pos;
    return Line::Got;
}

Http1ResponseParser::Event Http1ResponseParser::next()
{
    Event e;
    switch (m_state) {
    case State::Head:
        e = nextHead();
        break;
    case State::Body:
        switch (m_framing) {
        case Framing::None:
            m_state = State::Done;
            e.kind = Event::Kind::End;
            break;
        case Framing::Length:
            if (m_remaining == 0) {
                m_state = State::Done;
                e.kind = Event::Kind::End;
            } else {
                e = takeBody(m_remaining);
                m_remaining -= e.data.size();
            }
            break;
        case Framing::UntilClose:
            e = takeBody(m_in.size() - m_pos);
            break;
        case Framing::Chunked:
            break; // not reached: chunked bodies have their own states
        }
        break;
    case State::ChunkSize:
    case State::ChunkData:
    case State::ChunkDataEnd:
    case State::Trailer:
        e = nextChunked();
        break;
    case State::Done:
    case State::Failed:
        break;
    }
    if (m_state != State::Failed)
        compact();
    return e;
}

Http1ResponseParser::Event Http1ResponseParser::takeBody(qint64 max)
{
    Event e;
    const qint64 n = qMin<qint64>(max, m_in.size() - m_pos);
    if (n <= 0)
        return e;
    e.kind = Event::Kind::Body;
    if (m_pos == 0 && n == m_in.size()) {
        e.data = std::exchange(m_in, {});
        m_pos = 0;
        m_scan = 0;
    } else {
        e.data = m_in.mid(m_pos, n);
        m_pos += n;
    }
    return e;
}

Http1ResponseParser::Event Http1ResponseParser::finish()
{
    switch (m_state) {
    case State::Done:
    case State::Failed:
        return {};
    case State::Body:
        if (m_framing == Framing::UntilClose && m_pos == m_in.size()) {
            m_state = State::Done;
            Event e;
            e.kind = Event::Kind::End;
            return e;
        }
        if (m_framing == Framing::None) {
            m_state = State::Done;
            Event e;
            e.kind = Event::Kind::End;
            return e;
        }
        return fail(QStringLiteral("connection closed in the middle of the answer's body"));
    case State::Head:
        if (!m_gotStatusLine && m_pos == m_in.size() && m_headBytes == 0)
            return fail(QStringLiteral("connection closed before an answer"));
        return fail(QStringLiteral("connection closed in the middle of the answer's head"));
    default:
        return fail(QStringLiteral("connection closed in the middle of a chunked body"));
    }
}

Http1ResponseParser::Event Http1ResponseParser::nextHead()
{
    for (;;) {
        QByteArray line;
        switch (takeLine(&line, m_headBytes, kMaxHeadBytes)) {
        case Line::More:
            return {};
        case Line::TooLong:
            return fail(QStringLiteral("the answer's header is over %1 bytes").arg(kMaxHeadBytes));
        case Line::Got:
            break;
        }
        m_headBytes += line.size() + 1;
        if (line.endsWith('\r'))
            line.chop(1);
        Event e = line.isEmpty() && m_gotStatusLine ? endOfHead() : headLine(line);
        if (e.kind != Event::Kind::NeedMore || m_state != State::Head)
            return e;
    }
}

Http1ResponseParser::Event Http1ResponseParser::headLine(const QByteArray &line)
{
    return m_gotStatusLine ? fieldLine(line) : statusLine(line);
}

Http1ResponseParser::Event Http1ResponseParser::statusLine(const QByteArray &line)
{
    {
        // status-line = HTTP-version SP 3DIGIT SP [ reason-phrase ]; HTTP-version = "HTTP/1." DIGIT
        // (a missing SP after the code is taken as an empty reason).
        if (line.size() < 12 || !line.startsWith("HTTP/1.") || !isDigit(line.at(7))
            || line.at(8) != ' ')
            return fail(QStringLiteral("not an HTTP/1.x status line: %1").arg(quote(line)));
        if (!isDigit(line.at(9)) || !isDigit(line.at(10)) || !isDigit(line.at(11))
            || (line.size() > 12 && line.at(12) != ' '))
            return fail(QStringLiteral("bad status code in the status line %1").arg(quote(line)));
        const int code = (line.at(9) - '0') * 100 + (line.at(10) - '0') * 10 + (line.at(11) - '0');
        if (code < 100 || code > 599)
            return fail(QStringLiteral("status code %1 is out of range").arg(code));
        const QByteArray reason = line.mid(13);
        for (char c : reason) {
            if (!isTextChar(c))
                return fail(
                    QStringLiteral("control character in the reason phrase %1").arg(quote(reason)));
        }
        m_gotStatusLine = true;
        m_http10 = line.at(7) == '0';
        m_status = code;
        m_reason = reason;
        m_headers.clear();
        return {};
    }
}

Http1ResponseParser::Event Http1ResponseParser::fieldLine(const QByteArray &line)
{
    if (isOws(line.at(0)))
        return fail(QStringLiteral("folded header line (obs-fold) %1").arg(quote(line)));
    const qsizetype colon = line.indexOf(':');
    if (colon < 0)
        return fail(QStringLiteral("header line without a colon: %1").arg(quote(line)));
    const QByteArray name = line.left(colon);
    if (name.isEmpty())
        return fail(QStringLiteral("header line with an empty name: %1").arg(quote(line)));
    if (isOws(name.back()))
        return fail(QStringLiteral("whitespace before the colon in header %1").arg(quote(name)));
    if (!HttpSyntax::isToken(name))
        return fail(QStringLiteral("invalid character in header name %1").arg(quote(name)));
    const QByteArray value = trimOws(line.mid(colon + 1));
    for (char c : value) {
        if (!isTextChar(c))
            return fail(QStringLiteral("control character in the value of header %1: %2")
                            .arg(quote(name), quote(value)));
    }
    if (m_state == State::Head)
        m_headers.append({name, value});
    return {};
}

Http1ResponseParser::Event Http1ResponseParser::endOfHead()
{
    const int code = m_status;
    const qsizetype headBytes = m_headBytes;
    m_headBytes = 0;
    m_gotStatusLine = false;
    if (code == 101)
        return fail(
            QStringLiteral("unexpected 101 Switching Protocols (no upgrade was asked for)"));
    if (code < 200) {
        Q_UNUSED(headBytes);
        m_headers.clear();
        m_reason.clear();
        return {}; // 100 Continue, 103 Early Hints, ...: the real answer follows
    }

    qint64 length = -1;
    QList<QByteArray> codings;
    bool sawTransferEncoding = false;
    bool close = m_http10;
    m_location.clear();
    for (const auto &[name, value] : std::as_const(m_headers)) {
        const QByteArray lower = name.toLower();
        if (lower == "content-length") {
            // 1*DIGIT, or a list of equal values (RFC 9110 8.6).
            const QList<QByteArray> parts = value.split(',');
            for (const QByteArray &raw : parts) {
                const QByteArray part = trimOws(raw);
                if (part.isEmpty())
                    return fail(QStringLiteral("bad Content-Length %1").arg(quote(value)));
                for (char c : part) {
                    if (!isDigit(c))
                        return fail(QStringLiteral("bad Content-Length %1").arg(quote(value)));
                }
                qsizetype first = 0;
                while (first < part.size() - 1 && part.at(first) == '0')
                    ++first;
                if (part.size() - first > 18)
                    return fail(QStringLiteral("Content-Length %1 is too large").arg(quote(part)));
                const qint64 n = part.mid(first).toLongLong();
                if (length >= 0 && n != length)
                    return fail(QStringLiteral("conflicting Content-Length values (%1 and %2)")
                                    .arg(length)
                                    .arg(n));
                length = n;
            }
        } else if (lower == "transfer-encoding") {
            sawTransferEncoding = true;
            const QList<QByteArray> parts = value.split(',');
            for (const QByteArray &raw : parts) {
                const QByteArray part = trimOws(raw).toLower();
                if (!part.isEmpty())
                    codings.append(part);
            }
        } else if (lower == "connection") {
            const QList<QByteArray> parts = value.toLower().split(',');
            for (const QByteArray &raw : parts) {
                const QByteArray option = trimOws(raw);
                if (option == "close")
                    close = true;
                else if (option == "keep-alive" && m_http10)
                    close = false;
            }
        } else if (lower == "location") {
            m_location = value;
        }
    }
    if (sawTransferEncoding) {
        if (length >= 0)
            return fail(QStringLiteral("answer has both Transfer-Encoding and Content-Length"));
        if (m_http10)
            return fail(QStringLiteral("Transfer-Encoding in an HTTP/1.0 answer"));
        if (codings.isEmpty())
            return fail(QStringLiteral("empty Transfer-Encoding"));
        for (qsizetype i = 0; i < codings.size(); ++i) {
            const QByteArray &coding = codings.at(i);
            if (coding != "chunked") {
                return fail(
                    i == codings.size() - 1
                        ? QStringLiteral("final transfer coding %1 is not chunked")
                              .arg(quote(coding))
                        : QStringLiteral("unsupported transfer coding %1").arg(quote(coding)));
            }
            if (i != codings.size() - 1)
                return fail(QStringLiteral("chunked is not the final transfer coding"));
        }
    }

    m_keepAlive = !close;
    const bool connect = m_method == "CONNECT" && code < 300;
    if (m_method == "HEAD" || code == 204 || code == 304 || connect) {
        m_framing = Framing::None;
    } else if (sawTransferEncoding) {
        m_framing = Framing::Chunked;
    } else if (length >= 0) {
        m_framing = length > 0 ? Framing::Length : Framing::None;
        m_contentLength = length;
        m_remaining = length;
    } else {
        m_framing = Framing::UntilClose;
        m_keepAlive = false; // the end of the body is the end of the connection
    }
    m_state = m_framing == Framing::Chunked ? State::ChunkSize : State::Body;
    Event e;
    e.kind = Event::Kind::Head;
    e.status = code;
    e.reason = std::exchange(m_reason, {});
    e.headers = std::exchange(m_headers, {});
    return e;
}

Http1ResponseParser::Event Http1ResponseParser::nextChunked()
{
    for (;;) {
        switch (m_state) {
        case State::ChunkSize: {
            // chunk-size [ chunk-ext ] CRLF, chunk-size = 1*HEXDIG
            QByteArray line;
            switch (takeLine(&line, 0, kMaxChunkLineBytes)) {
            case Line::More:
                return {};
            case Line::TooLong:
                return fail(
                    QStringLiteral("chunk size line over %1 bytes").arg(kMaxChunkLineBytes));
            case Line::Got:
                break;
            }
            if (!line.endsWith('\r'))
                return fail(QStringLiteral("chunk size line does not end with CRLF"));
            line.chop(1);
            qsizetype i = 0;
            qint64 size = 0;
            int digits = 0;
            for (; i < line.size(); ++i) {
                const int v = hexValue(line.at(i));
                if (v < 0)
                    break;
                if (size == 0 && v == 0)
                    continue; // leading zeros
                if (++digits > 15)
                    return fail(QStringLiteral("chunk size %1 is too large").arg(quote(line)));
                size = size * 16 + v;
            }
            if (i == 0)
                return fail(QStringLiteral("bad chunk size %1").arg(quote(line)));
            if (!validChunkExtensions(line.mid(i)))
                return fail(QStringLiteral("bad chunk size or extension %1").arg(quote(line)));
            if (size == 0) {
                m_state = State::Trailer;
                m_trailerBytes = 0;
            } else {
                m_remaining = size;
                m_state = State::ChunkData;
            }
            break;
        }
        case State::ChunkData: {
            Event e = takeBody(m_remaining);
            if (e.kind == Event::Kind::NeedMore)
                return e;
            m_remaining -= e.data.size();
            if (m_remaining == 0)
                m_state = State::ChunkDataEnd;
            return e;
        }
        case State::ChunkDataEnd: {
            const qsizetype have = m_in.size() - m_pos;
            if (have >= 1 && m_in.at(m_pos) != '\r')
                return fail(QStringLiteral("junk after chunk data (CRLF expected)"));
            if (have >= 2 && m_in.at(m_pos + 1) != '\n')
                return fail(QStringLiteral("junk after chunk data (CRLF expected)"));
            if (have < 2)
                return {};
            m_pos += 2;
            m_scan = m_pos;
            m_state = State::ChunkSize;
            break;
        }
        case State::Trailer: {
            QByteArray line;
            switch (takeLine(&line, m_trailerBytes, kMaxHeadBytes)) {
            case Line::More:
                return {};
            case Line::TooLong:
                return fail(
                    QStringLiteral("the answer's trailer is over %1 bytes").arg(kMaxHeadBytes));
            case Line::Got:
                break;
            }
            m_trailerBytes += line.size() + 1;
            if (line.endsWith('\r'))
                line.chop(1);
            if (line.isEmpty()) {
                m_state = State::Done;
                Event e;
                e.kind = Event::Kind::End;
                return e;
            }
            // A trailer field: checked like a header, then dropped.
            Event e = fieldLine(line);
            if (e.kind == Event::Kind::Error)
                return e;
            break;
        }
        default:
            return {};
        }
    }
}

} // namespace mcppm
