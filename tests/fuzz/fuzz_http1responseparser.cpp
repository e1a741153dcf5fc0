// libFuzzer target: the strict HTTP/1.1 response parser (core/net/http1responseparser.h).
//
// Input layout: byte 0, low 3 bits = k chunk lengths that follow (bytes 1..k,
// 0..255 each); bit 3: the request was HEAD, bit 4: CONNECT, bit 5: the peer
// closes after the last byte (finish()). The rest is what the server sent. It
// is fed in those chunks (the remainder last), in one piece and byte by byte.
// Checked:
//  - the outcome (heads, body, end, error text, keep-alive, framing, unread
//    bytes) does not depend on how the bytes arrive;
//  - at most one head and one end; never both an end and an error; no body
//    before the head; after either, only NeedMore;
//  - a head has a status in 200..599, token header names, values without
//    CR, LF or NUL; an error text holds no control character;
//  - a Content-Length body that ended is exactly that long.

#include "net/http1responseparser.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace mcppm;

namespace {

struct Outcome
{
    QList<int> statuses;
    QList<QByteArray> reasons;
    QList<Http1ResponseParser::Headers> headers;
    QByteArray body;
    int ends = 0;
    QString error;
    bool keepAlive = false;
    qsizetype unread = 0;
    int framing = 0;
    qint64 contentLength = -1;

    bool operator==(const Outcome &o) const
    {
        return statuses == o.statuses && reasons == o.reasons && headers == o.headers
            && body == o.body && ends == o.ends && error == o.error && keepAlive == o.keepAlive
            && unread == o.unread && framing == o.framing && contentLength == o.contentLength;
    }
};

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "http1responseparser invariant failed: %s (%s:%d)\n", #cond,      \
                         __FILE__, __LINE__);                                                      \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

void describe(const char *label, const Outcome &o)
{
    QByteArray statuses;
    for (int s : o.statuses)
        statuses += QByteArray::number(s) + ' ';
    std::fprintf(stderr,
                 "  %s: statuses=[%s] body=%lld bytes ends=%d error=%s keepAlive=%d "
                 "unread=%lld framing=%d\n",
                 label, statuses.constData(), static_cast<long long>(o.body.size()), o.ends,
                 o.error.toUtf8().constData(), int(o.keepAlive), static_cast<long long>(o.unread),
                 o.framing);
}

void drain(Http1ResponseParser &parser, Outcome &o)
{
    for (;;) {
        const Http1ResponseParser::Event e = parser.next();
        switch (e.kind) {
        case Http1ResponseParser::Event::Kind::NeedMore:
            return;
        case Http1ResponseParser::Event::Kind::Head:
            FUZZ_CHECK(o.statuses.isEmpty() && o.ends == 0 && o.error.isEmpty());
            FUZZ_CHECK(e.status >= 200 && e.status <= 599);
            for (const auto &[name, value] : e.headers) {
                FUZZ_CHECK(!name.isEmpty());
                for (char c : name)
                    FUZZ_CHECK(c > 0x20 && c < 0x7f && c != ':' && c != '"');
                FUZZ_CHECK(!value.contains('\r') && !value.contains('\n') && !value.contains('\0'));
            }
            o.statuses.append(e.status);
            o.reasons.append(e.reason);
            o.headers.append(e.headers);
            break;
        case Http1ResponseParser::Event::Kind::Body:
            FUZZ_CHECK(!o.statuses.isEmpty() && o.ends == 0 && o.error.isEmpty());
            FUZZ_CHECK(!e.data.isEmpty());
            o.body += e.data;
            break;
        case Http1ResponseParser::Event::Kind::End:
            FUZZ_CHECK(!o.statuses.isEmpty() && o.ends == 0 && o.error.isEmpty());
            ++o.ends;
            break;
        case Http1ResponseParser::Event::Kind::Error:
            FUZZ_CHECK(o.ends == 0 && o.error.isEmpty() && !e.error.isEmpty());
            o.error = e.error;
            break;
        }
    }
}

Outcome run(const QList<QByteArray> &chunks, const QByteArray &method, bool close)
{
    Http1ResponseParser parser(method);
    Outcome o;
    for (const QByteArray &chunk : chunks) {
        parser.feed(chunk);
        drain(parser, o);
    }
    if (close) {
        const Http1ResponseParser::Event e = parser.finish();
        if (e.kind == Http1ResponseParser::Event::Kind::End) {
            FUZZ_CHECK(!o.statuses.isEmpty() && o.ends == 0 && o.error.isEmpty());
            ++o.ends;
        } else if (e.kind == Http1ResponseParser::Event::Kind::Error) {
            FUZZ_CHECK(o.ends == 0 && o.error.isEmpty());
            o.error = e.error;
        }
        FUZZ_CHECK(parser.isDone() || parser.hasFailed());
    }
    FUZZ_CHECK(parser.next().kind == Http1ResponseParser::Event::Kind::NeedMore
               || (!parser.isDone() && !parser.hasFailed()));
    o.keepAlive = parser.keepAlive();
    o.unread = parser.bufferedBytes();
    o.framing = int(parser.framing());
    o.contentLength = parser.contentLength();
    return o;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const size_t cuts = data[0] & 7u;
    const QByteArray method = (data[0] & 8u) ? QByteArrayLiteral("HEAD")
        : (data[0] & 16u)                    ? QByteArrayLiteral("CONNECT")
                                             : QByteArrayLiteral("GET");
    const bool close = (data[0] & 32u) != 0;
    if (size < 1 + cuts)
        return 0;
    const QByteArray stream(reinterpret_cast<const char *>(data + 1 + cuts),
                            qsizetype(size - 1 - cuts));

    QList<QByteArray> chunks;
    qsizetype at = 0;
    for (size_t i = 0; i < cuts; ++i) {
        const qsizetype length = qMin<qsizetype>(data[1 + i], stream.size() - at);
        chunks.append(stream.mid(at, length));
        at += length;
    }
    chunks.append(stream.mid(at));

    const Outcome whole = run({stream}, method, close);
    for (QChar c : whole.error)
        FUZZ_CHECK(c.unicode() >= 0x20 && c.unicode() != 0x7f);
    if (!whole.error.isEmpty())
        FUZZ_CHECK(!whole.keepAlive && whole.unread == 0);
    if (whole.ends == 1 && whole.framing == int(Http1ResponseParser::Framing::Length))
        FUZZ_CHECK(whole.body.size() == whole.contentLength);
    FUZZ_CHECK(whole.unread >= 0 && whole.unread <= stream.size());

    const Outcome split = run(chunks, method, close);
    if (!(split == whole)) {
        std::fprintf(stderr, "http1responseparser invariant failed: split into chunks\n");
        describe("got ", split);
        describe("want", whole);
        std::abort();
    }
    if (stream.size() <= 4096) {
        QList<QByteArray> bytes;
        bytes.reserve(stream.size());
        for (char c : stream)
            bytes.append(QByteArray(1, c));
        const Outcome byByte = run(bytes, method, close);
        if (!(byByte == whole)) {
            std::fprintf(stderr, "http1responseparser invariant failed: byte by byte\n");
            describe("got ", byByte);
            describe("want", whole);
            std::abort();
        }
    }
    return 0;
}
