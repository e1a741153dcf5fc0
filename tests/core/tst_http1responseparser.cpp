// Http1ResponseParser: strict RFC 9112 response framing, without sockets. Every
// row is also fed byte by byte and split in two at every offset; the outcome
// (heads, body, end, error text, keep-alive, unread bytes) must not change.

#include "net/http1responseparser.h"

#include <QTest>

using namespace mcppm;

namespace {

struct Outcome
{
    QList<int> statuses; // one per Head event
    QList<QByteArray> reasons;
    QList<Http1ResponseParser::Headers> headers;
    QByteArray body;
    int ends = 0;
    QString error;
    bool keepAlive = false;
    qsizetype unread = 0;
    Http1ResponseParser::Framing framing = Http1ResponseParser::Framing::None;

    bool operator==(const Outcome &o) const
    {
        return statuses == o.statuses && reasons == o.reasons && headers == o.headers
            && body == o.body && ends == o.ends && error == o.error && keepAlive == o.keepAlive
            && unread == o.unread && framing == o.framing;
    }
};

char *describe(const Outcome &o)
{
    QByteArray text = "statuses=";
    for (int s : o.statuses)
        text += QByteArray::number(s) + ' ';
    text += "body=" + o.body.toPercentEncoding() + " ends=" + QByteArray::number(o.ends)
        + " error=" + o.error.toUtf8() + " keepAlive=" + QByteArray::number(o.keepAlive)
        + " unread=" + QByteArray::number(o.unread);
    return qstrdup(text.constData());
}

void drain(Http1ResponseParser &parser, Outcome &o)
{
    for (int guard = 0; guard < 1000000; ++guard) {
        const Http1ResponseParser::Event e = parser.next();
        switch (e.kind) {
        case Http1ResponseParser::Event::Kind::NeedMore:
            return;
        case Http1ResponseParser::Event::Kind::Head:
            o.statuses.append(e.status);
            o.reasons.append(e.reason);
            o.headers.append(e.headers);
            break;
        case Http1ResponseParser::Event::Kind::Body:
            QVERIFY(!e.data.isEmpty());
            o.body += e.data;
            break;
        case Http1ResponseParser::Event::Kind::End:
            ++o.ends;
            break;
        case Http1ResponseParser::Event::Kind::Error:
            QVERIFY(o.error.isEmpty());
            o.error = e.error;
            break;
        }
    }
    QFAIL("the parser never asked for more");
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
        if (e.kind == Http1ResponseParser::Event::Kind::End)
            ++o.ends;
        else if (e.kind == Http1ResponseParser::Event::Kind::Error)
            o.error = e.error;
    }
    o.keepAlive = parser.keepAlive();
    o.unread = parser.bufferedBytes();
    o.framing = parser.framing();
    return o;
}

QByteArray bigHead(qsizetype size)
{
    // A head of exactly `size` bytes, blank line included.
    QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n";
    const QByteArray prefix = "X-Fill: ";
    const qsizetype fill = size - head.size() - prefix.size() - 2 - 2;
    head += prefix + QByteArray(fill, 'f') + "\r\n\r\n";
    return head;
}

} // namespace

namespace QTest {
template<> char *toString(const Outcome &o)
{
    return describe(o);
}
} // namespace QTest

class TestHttp1ResponseParser : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void parse_data();
    void parse();
    void headLimit();
    void unreadBytesAfterTheEnd();
    void resetForTheNextExchange();
    void quoteEscapesControlCharacters();
};

void TestHttp1ResponseParser::parse_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("method");
    QTest::addColumn<bool>("close"); // the peer closes after the bytes
    QTest::addColumn<int>("status"); // of the final answer; 0: refused before a head
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<bool>("keepAlive");
    QTest::addColumn<QString>("error"); // a fragment of the error text; empty: none

    auto ok = [](const char *name, const QByteArray &wire, int status, const QByteArray &body,
                 bool keepAlive = true, const QByteArray &method = "GET", bool close = false) {
        QTest::newRow(name) << wire << method << close << status << body << keepAlive << QString();
    };
    auto refused = [](const char *name, const QByteArray &wire, const char *error, int status = 0) {
        QTest::newRow(name) << wire << QByteArray("GET") << false << status << QByteArray() << false
                            << QString::fromLatin1(error);
    };

    // ---- accepted ----
    ok("content-length", "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello", 200, "hello");
    ok("content-length zero", "HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n", 200, "");
    ok("equal duplicate content-length",
       "HTTP/1.1 200 OK\r\nContent-Length: 5\r\ncontent-length: 5\r\n\r\nhello", 200, "hello");
    ok("equal content-length list", "HTTP/1.1 200 OK\r\nContent-Length: 5 ,5\r\n\r\nhello", 200,
       "hello");
    ok("content-length leading zeros", "HTTP/1.1 200 OK\r\nContent-Length: 0005\r\n\r\nhello", 200,
       "hello");
    ok("chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n",
       200, "hello");
    ok("chunked, case-insensitive coding, several chunks",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: Chunked\r\n\r\n"
       "6\r\nhello \r\nA\r\n0123456789\r\nb\r\n, and more.\r\n0\r\n\r\n",
       200, "hello 0123456789, and more.");
    ok("chunk size with leading zeros",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
       "00000000000000000005\r\nhello\r\n000\r\n\r\n",
       200, "hello");
    ok("chunk extensions",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
       "5;name=value\r\nhello\r\n6 ; a ; b = \"q \\\" ;x\"\r\n world\r\n0;last\r\n\r\n",
       200, "hello world");
    ok("chunked with trailer fields",
       "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
       "5\r\nhello\r\n0\r\nX-Checksum: abc\r\nX-Other: d\r\n\r\n",
       200, "hello");
    ok("100 continue and 103 early hints skipped",
       "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>; rel=preload\r\n\r\n"
       "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok",
       201, "ok");
    ok("204 has no body", "HTTP/1.1 204 No Content\r\nContent-Length: 0\r\n\r\n", 204, "");
    ok("304 has no body despite content-length",
       "HTTP/1.1 304 Not Modified\r\nContent-Length: 10\r\n\r\n", 304, "");
    ok("head answer has no body", "HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n", 200, "", true,
       "HEAD");
    ok("body until close", "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nto the end", 200,
       "to the end", false, "GET", true);
    ok("http/1.0 closes", "HTTP/1.0 200 OK\r\nContent-Length: 2\r\n\r\nok", 200, "ok", false);
    ok("http/1.0 keep-alive",
       "HTTP/1.0 200 OK\r\nConnection: Keep-Alive\r\nContent-Length: 2\r\n\r\nok", 200, "ok", true);
    ok("connection close",
       "HTTP/1.1 200 OK\r\nConnection: foo, close\r\nContent-Length: 2\r\n\r\nok", 200, "ok",
       false);
    ok("no reason phrase", "HTTP/1.1 200\r\nContent-Length: 2\r\n\r\nok", 200, "ok");
    ok("empty reason phrase", "HTTP/1.1 200 \r\nContent-Length: 2\r\n\r\nok", 200, "ok");
    ok("obs-text in reason and value",
       "HTTP/1.1 200 Tr\xe8s bien\r\nX-Name: Jos\xe9\r\n"
       "Content-Length: 2\r\n\r\nok",
       200, "ok");
    ok("bare LF line ends in the head", "HTTP/1.1 200 OK\nContent-Length: 2\n\nok", 200, "ok");
    ok("tabs and spaces around values",
       "HTTP/1.1 200 OK\r\nX-A:\t a \tb \t\r\nContent-Length:2\r\n\r\nok", 200, "ok");
    ok("connect answer ends with its head", "HTTP/1.1 200 Connection established\r\n\r\n", 200, "",
       true, "CONNECT");

    // ---- refused: Content-Length ----
    refused("two different content-lengths",
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\nhello!",
            "conflicting Content-Length");
    refused("content-length list with different values",
            "HTTP/1.1 200 OK\r\nContent-Length: 5, 6\r\n\r\nhello!", "conflicting Content-Length");
    refused("content-length +N", "HTTP/1.1 200 OK\r\nContent-Length: +5\r\n\r\nhello",
            "bad Content-Length");
    refused("content-length -N", "HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n",
            "bad Content-Length");
    refused("content-length hex", "HTTP/1.1 200 OK\r\nContent-Length: 0x5\r\n\r\nhello",
            "bad Content-Length");
    refused("content-length with junk", "HTTP/1.1 200 OK\r\nContent-Length: 5 five\r\n\r\nhello",
            "bad Content-Length");
    refused("content-length empty", "HTTP/1.1 200 OK\r\nContent-Length:\r\n\r\n",
            "bad Content-Length");
    refused("content-length empty list element", "HTTP/1.1 200 OK\r\nContent-Length: 5,\r\n\r\n",
            "bad Content-Length");
    refused("content-length overflow",
            "HTTP/1.1 200 OK\r\nContent-Length: 99999999999999999999\r\n\r\n", "too large");
    refused("content-length just over int64",
            "HTTP/1.1 200 OK\r\nContent-Length: 9223372036854775808\r\n\r\n", "too large");

    // ---- refused: Transfer-Encoding ----
    refused("transfer-encoding with content-length",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
            "5\r\nhello\r\n0\r\n\r\n",
            "both Transfer-Encoding and Content-Length");
    refused("content-length then transfer-encoding",
            "HTTP/1.1 200 OK\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n",
            "both Transfer-Encoding and Content-Length");
    refused("final coding not chunked", "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip\r\n\r\nxx",
            "final transfer coding \"gzip\" is not chunked");
    refused("chunked before another coding",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, gzip\r\n\r\n",
            "chunked is not the final transfer coding");
    refused("chunked twice",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n\r\n",
            "chunked is not the final transfer coding");
    refused("unsupported coding before chunked",
            "HTTP/1.1 200 OK\r\nTransfer-Encoding: gzip, chunked\r\n\r\n",
            "unsupported transfer coding \"gzip\"");
    refused("transfer-encoding in http/1.0",
            "HTTP/1.0 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n", "HTTP/1.0");

    // ---- refused: chunks ----
    const QByteArray chunkedHead = "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n";
    refused("chunk size 0x prefix", chunkedHead + "0x5\r\nhello\r\n0\r\n\r\n", "bad chunk size",
            200);
    refused("chunk size not hex", chunkedHead + "g\r\nhello\r\n0\r\n\r\n", "bad chunk size", 200);
    refused("chunk size negative", chunkedHead + "-5\r\nhello\r\n0\r\n\r\n", "bad chunk size", 200);
    refused("chunk size with a leading space", chunkedHead + " 5\r\nhello\r\n0\r\n\r\n",
            "bad chunk size", 200);
    refused("chunk size with a trailing space", chunkedHead + "5 \r\nhello\r\n0\r\n\r\n",
            "bad chunk size", 200);
    refused("chunk size empty", chunkedHead + "\r\nhello\r\n0\r\n\r\n", "bad chunk size", 200);
    refused("chunk size overflow", chunkedHead + "10000000000000000\r\nhello\r\n",
            "chunk size \"10000000000000000\" is too large", 200);
    refused("chunk size line too long", chunkedHead + QByteArray(5000, '0') + "5\r\nhello\r\n",
            "chunk size line over", 200);
    refused("chunk extension without a name", chunkedHead + "5;\r\nhello\r\n0\r\n\r\n", "extension",
            200);
    refused("chunk extension with an empty value", chunkedHead + "5;a=\r\nhello\r\n0\r\n\r\n",
            "extension", 200);
    refused("chunk extension unterminated quote", chunkedHead + "5;a=\"open\r\nhello\r\n0\r\n\r\n",
            "extension", 200);
    refused("chunk extension with a control character",
            chunkedHead + "5;a\x01=b\r\nhello\r\n0\r\n\r\n", "extension", 200);
    refused("chunk extension with trailing whitespace",
            chunkedHead + "5;a=b \r\nhello\r\n0\r\n\r\n", "extension", 200);
    refused("chunk size line with bare LF", chunkedHead + "5\nhello\r\n0\r\n\r\n", "CRLF", 200);
    refused("junk after chunk data", chunkedHead + "5\r\nhello!!\r\n0\r\n\r\n",
            "junk after chunk data", 200);
    refused("bare LF after chunk data", chunkedHead + "5\r\nhello\n0\r\n\r\n",
            "junk after chunk data", 200);
    refused("CR and junk after chunk data", chunkedHead + "5\r\nhello\rX0\r\n\r\n",
            "junk after chunk data", 200);
    refused("bad trailer field", chunkedHead + "0\r\nBad Name: x\r\n\r\n",
            "invalid character in header name", 200);

    // ---- refused: status line ----
    refused("four-digit status", "HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n",
            "bad status code");
    refused("two-digit status", "HTTP/1.1 20 OK\r\nContent-Length: 0\r\n\r\n", "status");
    refused("status glued to reason", "HTTP/1.1 200OK\r\nContent-Length: 0\r\n\r\n",
            "bad status code");
    refused("status not digits", "HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n", "bad status code");
    refused("status out of range", "HTTP/1.1 600 Odd\r\nContent-Length: 0\r\n\r\n", "out of range");
    refused("status below 100", "HTTP/1.1 099 Odd\r\nContent-Length: 0\r\n\r\n", "out of range");
    refused("http/2", "HTTP/2 200 OK\r\nContent-Length: 0\r\n\r\n", "not an HTTP/1.x status line");
    refused("lower-case version", "http/1.1 200 OK\r\n\r\n", "not an HTTP/1.x status line");
    refused("two spaces", "HTTP/1.1  200 OK\r\n\r\n", "bad status code");
    refused("not http", "SSH-2.0-OpenSSH_9.2\r\n\r\n", "not an HTTP/1.x status line");
    refused("escape sequence in the reason", "HTTP/1.1 200 \x1b]0;owned\x07\r\n\r\n",
            "control character in the reason phrase \"\\x1b]0;owned\\x07\"");
    refused("bare CR in the reason", "HTTP/1.1 200 O\rK\r\n\r\n", "control character");
    refused("blank line before the status", "\r\nHTTP/1.1 200 OK\r\n\r\n",
            "not an HTTP/1.x status line");
    refused("101 switching protocols", "HTTP/1.1 101 Switching Protocols\r\nUpgrade: x\r\n\r\n",
            "101");

    // ---- refused: fields ----
    refused("obs-fold", "HTTP/1.1 200 OK\r\nX-A: one\r\n two\r\nContent-Length: 0\r\n\r\n",
            "obs-fold");
    refused("obs-fold with tab", "HTTP/1.1 200 OK\r\nX-A: one\r\n\ttwo\r\n\r\n", "obs-fold");
    refused("space before colon", "HTTP/1.1 200 OK\r\nContent-Length : 5\r\n\r\nhello",
            "whitespace before the colon");
    refused("space in name", "HTTP/1.1 200 OK\r\nContent Length: 5\r\n\r\nhello",
            "invalid character in header name");
    refused("separator in name", "HTTP/1.1 200 OK\r\nX(a): 5\r\n\r\n",
            "invalid character in header name");
    refused("empty name", "HTTP/1.1 200 OK\r\n: 5\r\n\r\n", "empty name");
    refused("no colon", "HTTP/1.1 200 OK\r\nNoColonHere\r\n\r\n", "without a colon");
    refused("NUL in a value", QByteArray("HTTP/1.1 200 OK\r\nX-A: a\0b\r\n\r\n", 30),
            "control character in the value of header \"X-A\": \"a\\x00b\"");
    refused("bare CR in a value", "HTTP/1.1 200 OK\r\nX-A: a\rb\r\n\r\n", "control character");
    refused("escape in a value", "HTTP/1.1 200 OK\r\nX-A: \x1b[2J\r\n\r\n", "\\x1b[2J");
    refused("bad field in an interim answer",
            "HTTP/1.1 100 Continue\r\nBad Name: x\r\n\r\nHTTP/1.1 200 OK\r\n\r\n",
            "invalid character in header name");
    refused("head over the limit", bigHead(Http1ResponseParser::kMaxHeadBytes + 1),
            "header is over 65536 bytes");
    refused("endless head", "HTTP/1.1 200 OK\r\n" + QByteArray(70000, 'x'),
            "header is over 65536 bytes");
    refused("trailer over the limit",
            chunkedHead + "0\r\nX-T: " + QByteArray(70000, 't') + "\r\n\r\n",
            "trailer is over 65536 bytes", 200);
}

void TestHttp1ResponseParser::parse()
{
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, method);
    QFETCH(bool, close);
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(bool, keepAlive);
    QFETCH(QString, error);

    const Outcome whole = run({wire}, method, close);
    if (QTest::currentTestFailed())
        return;
    if (error.isEmpty()) {
        QCOMPARE(whole.error, QString());
        QCOMPARE(whole.statuses.size(), 1);
        QCOMPARE(whole.statuses.at(0), status);
        QCOMPARE(whole.body, body);
        QCOMPARE(whole.ends, 1);
        QCOMPARE(whole.keepAlive, keepAlive);
        QCOMPARE(whole.unread, 0);
    } else {
        QVERIFY2(whole.error.contains(error), qPrintable(whole.error));
        QCOMPARE(whole.ends, 0);
        QCOMPARE(whole.keepAlive, false);
        QCOMPARE(whole.statuses.size(), status ? 1 : 0);
        if (status)
            QCOMPARE(whole.statuses.at(0), status);
        // Control characters from the server never reach the text raw.
        for (QChar c : whole.error)
            QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f, qPrintable(whole.error));
    }

    // Byte by byte, and split in two at every offset: the same outcome.
    QList<QByteArray> bytes;
    for (char c : wire)
        bytes.append(QByteArray(1, c));
    QCOMPARE(run(bytes, method, close), whole);
    const qsizetype step = wire.size() > 4096 ? 997 : 1;
    for (qsizetype at = 1; at < wire.size(); at += step) {
        const Outcome split = run({wire.left(at), wire.mid(at)}, method, close);
        if (!(split == whole))
            QFAIL(qPrintable(QStringLiteral("split at %1 differs: %2")
                                 .arg(at)
                                 .arg(QString::fromUtf8(describe(split)))));
    }
}

void TestHttp1ResponseParser::headLimit()
{
    const QByteArray atLimit = bigHead(Http1ResponseParser::kMaxHeadBytes);
    QCOMPARE(atLimit.size(), Http1ResponseParser::kMaxHeadBytes);
    Outcome o = run({atLimit}, "GET", false);
    QCOMPARE(o.error, QString());
    QCOMPARE(o.ends, 1);
    o = run({atLimit.left(40000), atLimit.mid(40000)}, "GET", false);
    QCOMPARE(o.ends, 1);

    // Interim heads count each on their own.
    const QByteArray interim
        = bigHead(Http1ResponseParser::kMaxHeadBytes).replace("HTTP/1.1 200 OK", "HTTP/1.1 103 EH");
    o = run({interim + atLimit}, "GET", false);
    QCOMPARE(o.error, QString());
    QCOMPARE(o.statuses, QList<int>{200});
}

void TestHttp1ResponseParser::unreadBytesAfterTheEnd()
{
    // More bytes than the framing says: they stay unread, never a second answer.
    const QByteArray first = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok";
    const QByteArray extra = "HTTP/1.1 200 OK\r\nContent-Length: 4\r\n\r\nevil";
    Http1ResponseParser parser;
    parser.feed(first + extra);
    Outcome o;
    drain(parser, o);
    QCOMPARE(o.statuses, QList<int>{200});
    QCOMPARE(o.body, QByteArray("ok"));
    QCOMPARE(o.ends, 1);
    QVERIFY(parser.isDone());
    QVERIFY(parser.hasUnreadBytes());
    QCOMPARE(parser.bufferedBytes(), extra.size());
    QCOMPARE(parser.next().kind, Http1ResponseParser::Event::Kind::NeedMore);

    // Chunked: bytes after the last chunk's blank line.
    parser.reset();
    parser.feed("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\nX");
    o = {};
    drain(parser, o);
    QCOMPARE(o.ends, 1);
    QCOMPARE(parser.bufferedBytes(), 1);

    // CONNECT: what follows the 200 is the tunnel's, left unread.
    parser.reset("CONNECT");
    parser.feed("HTTP/1.1 200 OK\r\n\r\n\x16\x03\x01");
    o = {};
    drain(parser, o);
    QCOMPARE(o.ends, 1);
    QCOMPARE(parser.bufferedBytes(), 3);
}

void TestHttp1ResponseParser::resetForTheNextExchange()
{
    Http1ResponseParser parser;
    parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\nab");
    Outcome o;
    drain(parser, o);
    QCOMPARE(o.ends, 0);
    QCOMPARE(parser.finish().kind, Http1ResponseParser::Event::Kind::Error);

    parser.reset("HEAD");
    parser.feed("HTTP/1.1 200 OK\r\nContent-Length: 3\r\n\r\n");
    o = {};
    drain(parser, o);
    QCOMPARE(o.ends, 1);
    QCOMPARE(o.body, QByteArray());

    // Nothing at all before the close.
    parser.reset();
    const Http1ResponseParser::Event e = parser.finish();
    QCOMPARE(e.kind, Http1ResponseParser::Event::Kind::Error);
    QVERIFY2(e.error.contains(QLatin1String("before an answer")), qPrintable(e.error));

    // A refused answer stays refused; later bytes are ignored.
    parser.reset();
    parser.feed("HTTP/1.1 2000 OK\r\n\r\n");
    QCOMPARE(parser.next().kind, Http1ResponseParser::Event::Kind::Error);
    parser.feed("HTTP/1.1 200 OK\r\n\r\n");
    QCOMPARE(parser.next().kind, Http1ResponseParser::Event::Kind::NeedMore);
    QVERIFY(parser.hasFailed());
    QVERIFY(!parser.hasUnreadBytes());
}

void TestHttp1ResponseParser::quoteEscapesControlCharacters()
{
    QCOMPARE(Http1ResponseParser::quote("plain"), QStringLiteral("\"plain\""));
    QCOMPARE(Http1ResponseParser::quote("a\x1b[2J\r\n\"\\\x7f\xff"),
             QStringLiteral("\"a\\x1b[2J\\x0d\\x0a\\\"\\\\\\x7f\\xff\""));
    QCOMPARE(Http1ResponseParser::quote(QByteArray(100, 'x'), 4), QStringLiteral("\"xxxx...\""));
}

QTEST_GUILESS_MAIN(TestHttp1ResponseParser)
#include "tst_http1responseparser.moc"
