// libFuzzer target: the incremental SSE parser (core/mcp/sseparser.h).
//
// Input layout: byte 0, low 3 bits = k chunk lengths that follow (bytes 1..k,
// 0..255 each); the rest is the event stream. The stream is fed in those
// chunks (the remainder last), in one piece and byte by byte. Checked:
//  - the outcome (events, last id, retry, buffered bytes) does not depend on
//    how the bytes arrive (tests/core/tst_sseparser.cpp states the same contract);
//  - dispatched events have data and a type, no CR/LF in type or id, no NUL in id;
//  - finish() drops the partial event and keeps id and retry;
//  - SseEvent::encode() of every event parses back to the same events.

#include "net/sseevent.h"
#include "net/sseparser.h"

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
    QList<SseEvent> events;
    QString lastEventId;
    bool sawEventId = false;
    int retryMs = -1;
    qsizetype buffered = 0;
};

QByteArray describe(const QList<SseEvent> &events)
{
    QByteArray text;
    for (const SseEvent &e : events)
        text += "{" + e.type.toUtf8().toPercentEncoding() + "|"
            + e.data.toUtf8().toPercentEncoding() + "|" + e.id.toUtf8().toPercentEncoding()
            + (e.hasId ? "|id" : "|-") + "} ";
    return text;
}

bool sameEvents(const QList<SseEvent> &a, const QList<SseEvent> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].type != b[i].type || a[i].data != b[i].data || a[i].id != b[i].id
            || a[i].hasId != b[i].hasId)
            return false;
    }
    return true;
}

[[noreturn]] void fail(const char *what, const Outcome &got, const Outcome &want)
{
    std::fprintf(stderr,
                 "sseparser invariant failed: %s\n  got:  %s id=%s retry=%d buffered=%lld\n"
                 "  want: %s id=%s retry=%d buffered=%lld\n",
                 what, describe(got.events).constData(), got.lastEventId.toUtf8().constData(),
                 got.retryMs, static_cast<long long>(got.buffered),
                 describe(want.events).constData(), want.lastEventId.toUtf8().constData(),
                 want.retryMs, static_cast<long long>(want.buffered));
    std::abort();
}

#define FUZZ_CHECK(cond)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            std::fprintf(stderr, "sseparser invariant failed: %s (%s:%d)\n", #cond, __FILE__,      \
                         __LINE__);                                                                \
            std::abort();                                                                          \
        }                                                                                          \
    } while (false)

Outcome feedChunks(SseParser &parser, const QList<QByteArray> &chunks)
{
    Outcome o;
    for (const QByteArray &chunk : chunks)
        o.events += parser.feed(chunk);
    o.lastEventId = parser.lastEventId();
    o.sawEventId = parser.sawEventId();
    o.retryMs = parser.retryMs();
    o.buffered = parser.bufferedBytes();
    return o;
}

void compare(const char *how, const Outcome &got, const Outcome &want)
{
    if (!sameEvents(got.events, want.events) || got.lastEventId != want.lastEventId
        || got.sawEventId != want.sawEventId || got.retryMs != want.retryMs
        || got.buffered != want.buffered)
        fail(how, got, want);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const size_t cuts = data[0] & 7u;
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

    SseParser whole;
    const Outcome reference = feedChunks(whole, {stream});

    for (const SseEvent &e : reference.events) {
        FUZZ_CHECK(!e.data.isEmpty());
        FUZZ_CHECK(!e.type.isEmpty());
        FUZZ_CHECK(!e.data.contains(QLatin1Char('\r')));
        FUZZ_CHECK(!e.type.contains(QLatin1Char('\r')) && !e.type.contains(QLatin1Char('\n')));
        FUZZ_CHECK(!e.id.contains(QLatin1Char('\r')) && !e.id.contains(QLatin1Char('\n')));
        FUZZ_CHECK(!e.id.contains(QChar(0)));
        FUZZ_CHECK(e.hasId || e.id.isEmpty());
    }
    FUZZ_CHECK(reference.retryMs >= -1);
    FUZZ_CHECK(reference.sawEventId || reference.lastEventId.isEmpty());
    FUZZ_CHECK(reference.buffered >= 0 && reference.buffered <= stream.size() + 1);

    SseParser split;
    compare("split into chunks", feedChunks(split, chunks), reference);

    if (stream.size() <= 2048) {
        QList<QByteArray> bytes;
        bytes.reserve(stream.size());
        for (char c : stream)
            bytes.append(QByteArray(1, c));
        SseParser byByte;
        compare("byte by byte", feedChunks(byByte, bytes), reference);
    }

    // End of stream: the partial event is gone, the id and retry stay.
    whole.finish();
    FUZZ_CHECK(whole.bufferedBytes() == 0);
    FUZZ_CHECK(whole.feed(QByteArrayLiteral("\n\n")).isEmpty());
    FUZZ_CHECK(whole.lastEventId() == reference.lastEventId);
    FUZZ_CHECK(whole.sawEventId() == reference.sawEventId);
    FUZZ_CHECK(whole.retryMs() == reference.retryMs);
    whole.reset();
    FUZZ_CHECK(whole.lastEventId().isEmpty() && !whole.sawEventId() && whole.retryMs() == -1
               && whole.bufferedBytes() == 0);

    // What the parser dispatched, encoded for the wire, parses back to the same events.
    QByteArray encoded;
    for (const SseEvent &e : reference.events) {
        QString id;
        if (e.hasId)
            id = e.id.isNull() ? QStringLiteral("") : e.id;
        encoded += SseEvent::encode(e.data, e.type, id);
        encoded += SseEvent::encodeComment(QByteArrayLiteral("keep-alive"));
    }
    SseParser again;
    Outcome roundTrip = feedChunks(again, {encoded});
    Outcome expected = reference;
    expected.lastEventId = roundTrip.lastEventId; // only ids of dispatched events are encoded
    expected.sawEventId = roundTrip.sawEventId;
    expected.retryMs = -1;
    expected.buffered = 0;
    compare("encode() round trip", roundTrip, expected);
    return 0;
}
