// The incremental SSE parser against the WHATWG event-stream rules. Every
// input is also fed split at every possible byte boundary and byte by byte:
// the result must not depend on how the bytes arrive.

#include "net/sseparser.h"

#include <QStringDecoder>
#include <QTest>

using namespace mcppm;

namespace {
struct Expected
{
    QString type;
    QString data;
    QString id;
};

QString utf8(const char *text)
{
    // Keeps a leading U+FEFF (QString::fromUtf8 would drop it as a BOM).
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(QByteArrayView(text));
}

Expected ev(const char *type, const char *data, const char *id)
{
    return {utf8(type), utf8(data), utf8(id)};
}

using Events = QList<Expected>;

Events toExpected(const QList<SseEvent> &events)
{
    Events out;
    for (const SseEvent &e : events)
        out.append({e.type, e.data, e.id});
    return out;
}

struct Outcome
{
    Events events;
    QString lastEventId;
    bool sawEventId = false;
    int retryMs = -1;
};

Outcome feedChunks(const QList<QByteArray> &chunks)
{
    SseParser parser;
    Outcome o;
    for (const QByteArray &chunk : chunks)
        o.events += toExpected(parser.feed(chunk));
    o.lastEventId = parser.lastEventId();
    o.sawEventId = parser.sawEventId();
    o.retryMs = parser.retryMs();
    return o;
}

bool operator==(const Expected &a, const Expected &b)
{
    return a.type == b.type && a.data == b.data && a.id == b.id;
}

char *describe(const Events &events)
{
    QByteArray text;
    for (const Expected &e : events)
        text += "{" + e.type.toUtf8() + "|" + e.data.toUtf8().toPercentEncoding(" ") + "|"
            + e.id.toUtf8() + "} ";
    return qstrdup(text.constData());
}
} // namespace

Q_DECLARE_METATYPE(Events)

class TestSseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<Events>("events");
        QTest::addColumn<QString>("lastEventId");
        QTest::addColumn<int>("retry");

        const char *msg = "message";
        QTest::newRow("LF") << QByteArray("data: hello\n\n") << Events{ev(msg, "hello", "")} << ""
                            << -1;
        QTest::newRow("CRLF") << QByteArray("data: hello\r\n\r\n") << Events{ev(msg, "hello", "")}
                              << "" << -1;
        QTest::newRow("CR") << QByteArray("data: hello\r\r") << Events{ev(msg, "hello", "")} << ""
                            << -1;
        QTest::newRow("mixed endings") << QByteArray("data: a\rdata: b\r\ndata: c\n\r\n")
                                       << Events{ev(msg, "a\nb\nc", "")} << "" << -1;
        QTest::newRow("CR then data")
            << QByteArray("data: x\rdata: y\n\n") << Events{ev(msg, "x\ny", "")} << "" << -1;
        // Found by fuzzing: a U+FEFF inside a field is data, not a BOM to drop.
        QTest::newRow("FEFF in data") << QByteArray("data: \xEF\xBB\xBF\n\n")
                                      << Events{ev(msg, "\xEF\xBB\xBF", "")} << "" << -1;
        QTest::newRow("FEFF in id")
            << QByteArray("id: \xEF\xBB\xBFx\ndata: y\n\n") << Events{ev(msg, "y", "\xEF\xBB\xBFx")}
            << utf8("\xEF\xBB\xBFx") << -1;
        // Found by fuzzing: not an empty event (Qt marks each cut-off byte U+FFFD).
        QTest::newRow("cut-off UTF-8 at the end of data")
            << QByteArray("data: \xE2\x82\n\n") << Events{ev(msg, "\xEF\xBF\xBD\xEF\xBF\xBD", "")}
            << "" << -1;
        QTest::newRow("two events") << QByteArray("data: 1\n\ndata: 2\n\n")
                                    << Events{ev(msg, "1", ""), ev(msg, "2", "")} << "" << -1;
        QTest::newRow("comment ignored") << QByteArray(": keepalive\n\ndata: x\n: inside\n\n")
                                         << Events{ev(msg, "x", "")} << "" << -1;
        QTest::newRow("multi-line data")
            << QByteArray("data: line 1\ndata: line 2\ndata:\ndata: line 4\n\n")
            << Events{ev(msg, "line 1\nline 2\n\nline 4", "")} << "" << -1;
        QTest::newRow("no space after colon")
            << QByteArray("data:tight\n\n") << Events{ev(msg, "tight", "")} << "" << -1;
        QTest::newRow("only one space stripped")
            << QByteArray("data:  two\n\n") << Events{ev(msg, " two", "")} << "" << -1;
        QTest::newRow("field without colon")
            << QByteArray("data\ndata\n\n") << Events{ev(msg, "\n", "")} << "" << -1;
        QTest::newRow("event type") << QByteArray("event: endpoint\ndata: /messages?s=1\n\n")
                                    << Events{ev("endpoint", "/messages?s=1", "")} << "" << -1;
        QTest::newRow("type resets per event")
            << QByteArray("event: a\ndata: 1\n\ndata: 2\n\n")
            << Events{ev("a", "1", ""), ev(msg, "2", "")} << "" << -1;
        QTest::newRow("unknown field ignored")
            << QByteArray("foo: bar\ndata: x\n\n") << Events{ev(msg, "x", "")} << "" << -1;
        QTest::newRow("id kept across events")
            << QByteArray("id: 7\ndata: a\n\ndata: b\n\n")
            << Events{ev(msg, "a", "7"), ev(msg, "b", "7")} << "7" << -1;
        QTest::newRow("empty id resets") << QByteArray("id: 7\ndata: a\n\nid\ndata: b\n\n")
                                         << Events{ev(msg, "a", "7"), ev(msg, "b", "")} << "" << -1;
        QTest::newRow("id with NUL ignored")
            << QByteArray("id: 1\ndata: a\n\nid: 2\0x\ndata: b\n\n", 32)
            << Events{ev(msg, "a", "1"), ev(msg, "b", "1")} << "1" << -1;
        QTest::newRow("MCP priming event")
            << QByteArray("id: event-1\nretry: 500\ndata: \n\n") << Events{} << "event-1" << 500;
        QTest::newRow("priming then message")
            << QByteArray("id: p\ndata:\n\nevent: message\nid: q\ndata: {}\n\n")
            << Events{ev(msg, "{}", "q")} << "q" << -1;
        QTest::newRow("empty data not dispatched")
            << QByteArray("data:\n\nevent: x\n\n") << Events{} << "" << -1;
        QTest::newRow("retry digits") << QByteArray("retry: 1500\n\n") << Events{} << "" << 1500;
        QTest::newRow("retry not digits")
            << QByteArray("retry: 5x0\nretry: -1\nretry:\nretry: 1.5\n\n") << Events{} << "" << -1;
        QTest::newRow("retry last wins")
            << QByteArray("retry: 100\nretry: 200\n\n") << Events{} << "" << 200;
        QTest::newRow("UTF-8") << QByteArray("data: caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\n\n")
                               << Events{ev(msg, "café € 😀", "")} << "" << -1;
        QTest::newRow("BOM at start dropped") << QByteArray("\xef\xbb\xbf"
                                                            "data: x\n\n")
                                              << Events{ev(msg, "x", "")} << "" << -1;
        QTest::newRow("BOM later kept") << QByteArray("data: 1\n\n\xef\xbb\xbf"
                                                      "data: 2\n\n")
                                        << Events{ev(msg, "1", "")} << "" << -1;
        QTest::newRow("incomplete event discarded")
            << QByteArray("data: done\n\ndata: never finished\n") << Events{ev(msg, "done", "")}
            << "" << -1;
        QTest::newRow("JSON-RPC event") << QByteArray(
            "event: message\r\nid: 3\r\ndata: {\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}\r\n\r\n")
                                        << Events{ev(msg,
                                                     "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}",
                                                     "3")}
                                        << "3" << -1;
    }

    void parse()
    {
        QFETCH(QByteArray, input);
        QFETCH(Events, events);
        QFETCH(QString, lastEventId);
        QFETCH(int, retry);

        auto verify = [&](const Outcome &o, const QByteArray &how) {
            if (!(o.events == events)) {
                char *got = describe(o.events);
                char *want = describe(events);
                const QByteArray message = how + ": got " + got + " want " + want;
                delete[] got;
                delete[] want;
                QFAIL(message.constData());
            }
            QCOMPARE(o.lastEventId, lastEventId);
            QCOMPARE(o.retryMs, retry);
        };
        verify(feedChunks({input}), "one chunk");
        for (qsizetype cut = 1; cut < input.size(); ++cut) {
            verify(feedChunks({input.left(cut), input.mid(cut)}),
                   "split at " + QByteArray::number(cut));
            if (QTest::currentTestFailed())
                return;
        }
        QList<QByteArray> bytes;
        for (char c : std::as_const(input))
            bytes.append(QByteArray(1, c));
        verify(feedChunks(bytes), "byte by byte");
    }

    void idSeenOnPrimingEvent()
    {
        SseParser parser;
        QVERIFY(!parser.sawEventId());
        QVERIFY(parser.feed("id: event-1\nretry: 500\ndata: \n\n").isEmpty());
        QVERIFY(parser.sawEventId());
        QCOMPARE(parser.lastEventId(), QStringLiteral("event-1"));
    }

    void finishAndReset()
    {
        SseParser parser;
        QVERIFY(parser.feed("data: partial").isEmpty());
        QVERIFY(parser.bufferedBytes() > 0);
        parser.finish();
        QCOMPARE(parser.bufferedBytes(), 0);
        QVERIFY(parser.feed("\n\n").isEmpty()); // the partial event is gone
        parser.feed("id: 5\nretry: 10\n\n");
        parser.reset();
        QCOMPARE(parser.lastEventId(), QString());
        QCOMPARE(parser.retryMs(), -1);
        QVERIFY(!parser.sawEventId());
    }

    void bufferedBytesBounded()
    {
        SseParser parser;
        parser.feed("data: " + QByteArray(1000, 'x'));
        QVERIFY(parser.bufferedBytes() >= 1000);
        QCOMPARE(parser.feed("\n\n").size(), 1);
        QCOMPARE(parser.bufferedBytes(), 0);
    }

    void encodeRoundTrip_data()
    {
        QTest::addColumn<QString>("data");
        QTest::addColumn<QString>("type");
        QTest::addColumn<QString>("id");
        QTest::addColumn<int>("retry");
        QTest::newRow("plain") << "hello"
                               << "" << QString() << -1;
        QTest::newRow("multi-line") << "a\nb\r\nc\rd"
                                    << "message"
                                    << "42" << 1000;
        QTest::newRow("json") << "{\"jsonrpc\":\"2.0\"}"
                              << "message"
                              << "e-1" << -1;
    }
    void encodeRoundTrip()
    {
        QFETCH(QString, data);
        QFETCH(QString, type);
        QFETCH(QString, id);
        QFETCH(int, retry);
        SseParser parser;
        const QList<SseEvent> events = parser.feed(SseEvent::encode(data, type, id, retry)
                                                   + SseEvent::encodeComment("ping"));
        QCOMPARE(events.size(), 1);
        QString expected = data;
        expected.replace(QStringLiteral("\r\n"), QStringLiteral("\n"))
            .replace(QLatin1Char('\r'), QLatin1Char('\n'));
        QCOMPARE(events.first().data, expected);
        QCOMPARE(events.first().type, type.isEmpty() ? QStringLiteral("message") : type);
        QCOMPARE(events.first().id, id.isNull() ? QString() : id);
        QCOMPARE(parser.retryMs(), retry);
    }

    void manyEvents()
    {
        QByteArray stream;
        for (int i = 0; i < 10000; ++i)
            stream += "id: " + QByteArray::number(i) + "\ndata: {\"n\":" + QByteArray::number(i)
                + "}\n\n";
        SseParser parser;
        int count = 0;
        for (qsizetype at = 0; at < stream.size(); at += 4093)
            count += int(parser.feed(stream.mid(at, 4093)).size());
        QCOMPARE(count, 10000);
        QCOMPARE(parser.lastEventId(), QStringLiteral("9999"));
    }
};

QTEST_GUILESS_MAIN(TestSseParser)
#include "tst_sseparser.moc"
