// Http1Client (our own HTTP/1.1 client) against a raw loopback TCP server that
// records every request byte for byte (and the connection it came on) and
// answers with scripted raw bytes: split writes, chunked bodies, early closes.

#include "net/http1client.h"

#include <QElapsedTimer>
#include <QEventLoop>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QPointer>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>
#include <QTimer>

#include <functional>
#include <memory>

using namespace mcppm;

namespace {

// ---- the scripted server ----

struct Step
{
    enum Kind { Write, Wait, Close };
    Kind kind = Write;
    QByteArray data;
    int ms = 0;
};
using Script = QList<Step>;

Step send(const QByteArray &data)
{
    return {Step::Write, data, 0};
}

Step pause(int ms)
{
    return {Step::Wait, {}, ms};
}

Step hangUp()
{
    return {Step::Close, {}, 0};
}

// The bytes written in pieces of `piece` bytes, `gapMs` apart.
Script pieces(const QByteArray &data, int piece, int gapMs)
{
    Script script;
    for (qsizetype at = 0; at < data.size(); at += piece) {
        if (at > 0)
            script.append(pause(gapMs));
        script.append(send(data.mid(at, piece)));
    }
    return script;
}

QByteArray headerIn(const QByteArray &head, const QByteArray &name)
{
    const QList<QByteArray> lines = head.split('\n');
    for (const QByteArray &raw : lines) {
        const QByteArray line = raw.trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().toLower() == name.toLower())
            return line.mid(colon + 1).trimmed();
    }
    return {};
}

struct Received
{
    int connection = 0; // 1 for the first connection the server accepted, 2 next, ...
    QByteArray head; // request line and headers, up to and with the blank line
    QByteArray body;

    QByteArray raw() const { return head + body; }
    QByteArray requestLine() const { return head.left(head.indexOf("\r\n")); }
    QByteArray header(const QByteArray &name) const { return headerIn(head, name); }
};

QByteArray answer(int code, const QByteArray &reason, const QByteArray &body,
                  const QByteArray &extraHeaders = {})
{
    return "HTTP/1.1 " + QByteArray::number(code) + ' ' + reason + "\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n" + extraHeaders + "\r\n" + body;
}

class ScriptServer : public QObject
{
public:
    using Handler = std::function<Script(const Received &)>;

    explicit ScriptServer(QObject *parent = nullptr)
        : QObject(parent)
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this]() {
            while (QTcpSocket *socket = m_server.nextPendingConnection())
                accept(socket);
        });
        m_server.listen(QHostAddress::LocalHost);
    }

    bool isListening() const { return m_server.isListening(); }
    quint16 port() const { return m_server.serverPort(); }
    QUrl url(const QString &pathAndQuery) const
    {
        return QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(port()).arg(pathAndQuery));
    }
    QByteArray hostHeader() const { return "127.0.0.1:" + QByteArray::number(port()); }

    // Answers in order of arrival; a request with no script left gets no answer.
    void enqueue(const Script &script) { m_scripts.append(script); }
    void enqueue(const QByteArray &bytes) { m_scripts.append(Script{send(bytes)}); }
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    // Bytes nobody asked for, written now on an accepted connection (1, 2, ...).
    bool writeNow(int connection, const QByteArray &bytes)
    {
        QTcpSocket *socket = m_sockets.value(connection);
        if (!socket || socket->state() != QAbstractSocket::ConnectedState)
            return false;
        socket->write(bytes);
        return socket->flush();
    }

    QList<Received> received;
    int accepted = 0;
    int open = 0;
    int maxOpen = 0;
    int busy = 0; // requests received whose script has not run to its end
    int maxBusy = 0;

private:
    struct Conn
    {
        int id = 0;
        QPointer<QTcpSocket> socket;
        QByteArray in;
    };

    void accept(QTcpSocket *socket)
    {
        auto conn = std::make_shared<Conn>();
        conn->id = ++accepted;
        conn->socket = socket;
        m_sockets.insert(conn->id, socket);
        maxOpen = qMax(maxOpen, ++open);
        socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        QObject::connect(socket, &QTcpSocket::disconnected, this, [this, socket]() {
            --open;
            socket->deleteLater();
        });
        QObject::connect(socket, &QIODevice::readyRead, this, [this, conn]() { readFrom(conn); });
        if (socket->bytesAvailable() > 0)
            readFrom(conn);
    }

    void readFrom(const std::shared_ptr<Conn> &conn)
    {
        if (!conn->socket)
            return;
        conn->in += conn->socket->readAll();
        for (;;) {
            const qsizetype end = conn->in.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            Received request;
            request.connection = conn->id;
            request.head = conn->in.left(end + 4);
            const qint64 length = headerIn(request.head, "content-length").toLongLong();
            if (conn->in.size() < end + 4 + length)
                return;
            request.body = conn->in.mid(end + 4, length);
            conn->in.remove(0, end + 4 + length);
            received.append(request);
            Script script;
            if (m_handler)
                script = m_handler(request);
            else if (!m_scripts.isEmpty())
                script = m_scripts.takeFirst();
            else
                continue; // held: no answer at all
            maxBusy = qMax(maxBusy, ++busy);
            run(conn->socket, script, 0);
        }
    }

    void run(QPointer<QTcpSocket> socket, const Script &script, qsizetype from)
    {
        for (qsizetype i = from; i < script.size(); ++i) {
            if (!socket || socket->state() != QAbstractSocket::ConnectedState) {
                --busy;
                return;
            }
            const Step &step = script.at(i);
            switch (step.kind) {
            case Step::Write:
                socket->write(step.data);
                socket->flush();
                break;
            case Step::Wait:
                QTimer::singleShot(step.ms, this,
                                   [this, socket, script, i]() { run(socket, script, i + 1); });
                return;
            case Step::Close:
                socket->disconnectFromHost();
                break;
            }
        }
        --busy;
    }

    QTcpServer m_server;
    QHash<int, QPointer<QTcpSocket>> m_sockets;
    QList<Script> m_scripts;
    Handler m_handler;
};

// ---- waiting ----

// Runs the event loop until done() holds (checked every millisecond, with no
// sleeping in between as QTest::qWaitFor does) or ms have passed.
bool waitFor(const std::function<bool()> &done, int ms = 3000)
{
    if (done())
        return true;
    QEventLoop loop;
    QTimer poll;
    poll.setTimerType(Qt::PreciseTimer);
    poll.setInterval(1);
    QObject::connect(&poll, &QTimer::timeout, &loop, [&]() {
        if (done())
            loop.quit();
    });
    QTimer::singleShot(ms, Qt::PreciseTimer, &loop, &QEventLoop::quit);
    poll.start();
    loop.exec();
    return done();
}

// ---- watching one reply ----

struct Watch
{
    explicit Watch(QNetworkReply *r)
        : reply(r)
        , finished(r, &QNetworkReply::finished)
        , errors(r, &QNetworkReply::errorOccurred)
        , readyRead(r, &QIODevice::readyRead)
        , metaData(r, &QNetworkReply::metaDataChanged)
    {
        QObject::connect(r, &QIODevice::readyRead, &context, [this]() {
            if (metaDataBeforeBody && metaData.isEmpty())
                metaDataBeforeBody = false;
            body += reply->readAll();
        });
        QObject::connect(r, &QNetworkReply::finished, &context,
                         [this]() { body += reply->readAll(); });
    }
    Q_DISABLE_COPY_MOVE(Watch)

    bool waitDone(int ms = 3000)
    {
        return waitFor([this]() { return !finished.isEmpty(); }, ms);
    }
    int status() const
    {
        return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    }
    QString reason() const
    {
        return reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
    }

    QNetworkReply *reply;
    QSignalSpy finished;
    QSignalSpy errors;
    QSignalSpy readyRead;
    QSignalSpy metaData;
    QByteArray body;
    bool metaDataBeforeBody = true;
    QObject context;
};

// Lets stray signals (a second finished(), a resend) show up before counting.
void settle()
{
    waitFor([]() { return false; }, 30);
}

quint16 closedPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost))
        return 0;
    const quint16 port = probe.serverPort();
    probe.close();
    return port;
}

} // namespace

#define EXPECT_SUCCESS(w)                                                                          \
    do {                                                                                           \
        QVERIFY((w).waitDone());                                                                   \
        QCOMPARE((w).reply->error(), QNetworkReply::NoError);                                      \
        QCOMPARE((w).errors.count(), 0);                                                           \
    } while (false)

#define EXPECT_FAILURE(w, code)                                                                    \
    do {                                                                                           \
        QVERIFY((w).waitDone());                                                                   \
        QCOMPARE((w).reply->error(), code);                                                        \
        QCOMPARE((w).errors.count(), 1);                                                           \
        QCOMPARE((w).errors.at(0).at(0).value<QNetworkReply::NetworkError>(), code);               \
    } while (false)

class TestHttp1Client : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void postSendsExactBytesAndReadsContentLengthAnswer();
    void keepAliveReusesOneConnection();
    void connectionCloseAnswerOpensANewConnection();
    void chunkedBodySplitAcrossManyWrites();
    void closeDelimitedBody();
    void closeDelimitedBodyIsNotReused();
    void continueIsSkippedAnd204HasNoBody();
    void headerSplitByteByByteAndDuplicatesJoined();
    void oversizedHeaderIsProtocolFailure_data();
    void oversizedHeaderIsProtocolFailure();
    void garbageStatusLineIsProtocolFailure_data();
    void garbageStatusLineIsProtocolFailure();
    void redirect307KeepsMethodAndBody();
    void redirect303BecomesGetWithoutBody();
    void crossOriginRedirectIsRefused();
    void redirectLoopIsTooManyRedirects();
    void manualRedirectPolicyHandsBackTheRedirect();
    void connectionRefused();
    void transferTimeout();
    void abortMidBody();
    void staleKeepAlivePostIsNotResent();
    void staleKeepAliveGetIsResentOnce();
    void maxConnectionsPerOrigin();
    void hostileAnswerIsRefused_data();
    void hostileAnswerIsRefused();
    void unsolicitedBytesAreNeverAnAnswer_data();
    void unsolicitedBytesAreNeverAnAnswer();
    void headerInjectionIsRefusedBeforeSending_data();
    void headerInjectionIsRefusedBeforeSending();
};

void TestHttp1Client::postSendsExactBytesAndReadsContentLengthAnswer()
{
    ScriptServer server;
    QVERIFY(server.isListening());
    const QByteArray answerBody = "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}";
    server.enqueue(answer(200, "OK", answerBody,
                          "Content-Type: application/json\r\nMcp-Session-Id: abc-123\r\n"));
    Http1Client client;

    QNetworkRequest request(server.url(QStringLiteral("/mcp")));
    request.setRawHeader("Content-Type", "application/json");
    request.setRawHeader("Accept", "application/json, text/event-stream");
    request.setRawHeader("X-Custom-Thing", "value 42");
    const QByteArray body = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}";
    Watch w(client.post(request, body));
    EXPECT_SUCCESS(w);

    QCOMPARE(server.received.size(), 1);
    const Received &got = server.received.at(0);
    QCOMPARE(got.requestLine(), QByteArray("POST /mcp HTTP/1.1"));
    QVERIFY2(got.head.contains(QByteArray("\r\nHost: " + server.hostHeader() + "\r\n")),
             got.head.constData());
    QVERIFY(got.head.contains("\r\nContent-Type: application/json\r\n"));
    QVERIFY(got.head.contains("\r\nAccept: application/json, text/event-stream\r\n"));
    QVERIFY(got.head.contains("\r\nX-Custom-Thing: value 42\r\n"));
    QVERIFY(got.head.contains(
        QByteArray("\r\nContent-Length: " + QByteArray::number(body.size()) + "\r\n")));
    QVERIFY(got.head.endsWith("\r\n\r\n"));
    QCOMPARE(got.body, body);
    // Nothing after the body: the exact request, no stray bytes.
    QCOMPARE(got.raw().size(), got.head.size() + body.size());
    QCOMPARE(got.head.count("Host:"), 1);
    QCOMPARE(got.head.count("Content-Length:"), 1);

    QCOMPARE(w.status(), 200);
    QCOMPARE(w.reason(), QStringLiteral("OK"));
    QCOMPARE(w.body, answerBody);
    QCOMPARE(w.reply->rawHeader("Mcp-Session-Id"), QByteArray("abc-123"));
    QCOMPARE(w.reply->rawHeader("Content-Type"), QByteArray("application/json"));
    QCOMPARE(w.metaData.count(), 1);
    QVERIFY(w.metaDataBeforeBody);
    QVERIFY(w.reply->isFinished());
    settle();
    QCOMPARE(w.finished.count(), 1);
    QCOMPARE(server.received.size(), 1);
}

void TestHttp1Client::keepAliveReusesOneConnection()
{
    ScriptServer server;
    server.enqueue(answer(200, "OK", "first"));
    server.enqueue(answer(200, "OK", "second"));
    server.enqueue(answer(200, "OK", "third"));
    Http1Client client;

    Watch a(client.get(QNetworkRequest(server.url(QStringLiteral("/a?x=1&y=two")))));
    EXPECT_SUCCESS(a);
    QCOMPARE(a.body, QByteArray("first"));
    Watch b(client.get(QNetworkRequest(server.url(QStringLiteral("/b")))));
    EXPECT_SUCCESS(b);
    QCOMPARE(b.body, QByteArray("second"));
    Watch c(client.deleteResource(QNetworkRequest(server.url(QStringLiteral("/c")))));
    EXPECT_SUCCESS(c);
    QCOMPARE(c.body, QByteArray("third"));

    QCOMPARE(server.received.size(), 3);
    QCOMPARE(server.received.at(0).requestLine(), QByteArray("GET /a?x=1&y=two HTTP/1.1"));
    QCOMPARE(server.received.at(1).requestLine(), QByteArray("GET /b HTTP/1.1"));
    QCOMPARE(server.received.at(2).requestLine(), QByteArray("DELETE /c HTTP/1.1"));
    for (const Received &r : std::as_const(server.received)) {
        QCOMPARE(r.connection, 1);
        QVERIFY(r.body.isEmpty());
        QVERIFY(!r.head.contains("Content-Length")); // GET and DELETE carry no body
    }
    QCOMPARE(server.accepted, 1);
    QCOMPARE(client.connectionCount(), 1);
    settle();
    QCOMPARE(a.finished.count(), 1);
    QCOMPARE(b.finished.count(), 1);
    QCOMPARE(c.finished.count(), 1);
}

void TestHttp1Client::connectionCloseAnswerOpensANewConnection()
{
    ScriptServer server;
    server.enqueue(answer(200, "OK", "bye", "Connection: close\r\n"));
    server.enqueue(answer(200, "OK", "hello again"));
    Http1Client client;

    Watch a(client.post(QNetworkRequest(server.url(QStringLiteral("/mcp"))), "1"));
    EXPECT_SUCCESS(a);
    QCOMPARE(a.body, QByteArray("bye"));
    Watch b(client.post(QNetworkRequest(server.url(QStringLiteral("/mcp"))), "2"));
    EXPECT_SUCCESS(b);
    QCOMPARE(b.body, QByteArray("hello again"));

    QCOMPARE(server.received.size(), 2);
    QCOMPARE(server.received.at(0).connection, 1);
    QCOMPARE(server.received.at(1).connection, 2);
    QCOMPARE(server.received.at(1).body, QByteArray("2"));
    QCOMPARE(server.accepted, 2);
    settle();
    QCOMPARE(a.finished.count(), 1);
    QCOMPARE(b.finished.count(), 1);
    QCOMPARE(server.open, 1); // the client hung up the first one
    QCOMPARE(client.connectionCount(), 1);
}

void TestHttp1Client::chunkedBodySplitAcrossManyWrites()
{
    ScriptServer server;
    const QByteArray wire = "HTTP/1.1 200 OK\r\n"
                            "Content-Type: text/plain\r\n"
                            "Transfer-Encoding: chunked\r\n"
                            "\r\n"
                            "1a;x=y\r\n"
                            "abcdefghijklmnopqrstuvwxyz\r\n"
                            "A\r\n"
                            "0123456789\r\n"
                            "10 ; name=\"quoted;value\" ; flag\r\n"
                            "ABCDEFGHIJKLMNOP\r\n"
                            "1\r\n"
                            "!\r\n"
                            "0;last=yes\r\n"
                            "X-Trailer: t1\r\n"
                            "X-Other-Trailer: t2\r\n"
                            "\r\n";
    server.enqueue(pieces(wire, 3, 2));
    server.enqueue(answer(200, "OK", "next"));
    Http1Client client;

    Watch w(client.get(QNetworkRequest(server.url(QStringLiteral("/stream")))));
    EXPECT_SUCCESS(w);
    QCOMPARE(w.body, QByteArray("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP!"));
    QVERIFY2(w.readyRead.count() >= 5, QByteArray::number(w.readyRead.count()).constData());
    QVERIFY(w.metaDataBeforeBody);
    QCOMPARE(w.reply->rawHeader("transfer-encoding"), QByteArray("chunked"));
    QVERIFY(w.reply->rawHeader("X-Trailer").isEmpty()); // trailers are skipped

    // The framing ended exactly at the last CRLF: the connection goes on.
    Watch next(client.get(QNetworkRequest(server.url(QStringLiteral("/next")))));
    EXPECT_SUCCESS(next);
    QCOMPARE(next.body, QByteArray("next"));
    QCOMPARE(server.accepted, 1);
    QCOMPARE(server.received.at(1).connection, 1);
    settle();
    QCOMPARE(w.finished.count(), 1);
    QCOMPARE(next.finished.count(), 1);
}

void TestHttp1Client::closeDelimitedBody()
{
    ScriptServer server;
    Script script{send("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\npart one, "),
                  pause(15),
                  send("part two, "),
                  pause(15),
                  send("the end"),
                  hangUp()};
    server.enqueue(script);
    Http1Client client;

    Watch w(client.get(QNetworkRequest(server.url(QStringLiteral("/until-close")))));
    EXPECT_SUCCESS(w);
    QCOMPARE(w.status(), 200);
    QCOMPARE(w.body, QByteArray("part one, part two, the end"));
    QVERIFY(w.readyRead.count() >= 2);
    settle();
    QCOMPARE(w.finished.count(), 1);
    QCOMPARE(client.connectionCount(), 0);
}

void TestHttp1Client::closeDelimitedBodyIsNotReused()
{
    // A request waiting for the one connection (or sent from finished()) must
    // go on a fresh connection, not on the one the server just closed.
    ScriptServer server;
    server.enqueue(Script{send("HTTP/1.1 200 OK\r\n\r\nuntil close"), pause(10), hangUp()});
    server.enqueue(answer(200, "OK", "queued post"));
    server.enqueue(answer(200, "OK", "post from finished"));
    Http1Client client;
    client.setMaxConnectionsPerOrigin(1);

    QNetworkRequest request(server.url(QStringLiteral("/mcp")));
    Watch first(client.get(request));
    Watch queued(client.post(request, "queued"));
    std::unique_ptr<Watch> fromFinished;
    QObject::connect(first.reply, &QNetworkReply::finished, &first.context, [&]() {
        fromFinished = std::make_unique<Watch>(client.post(request, "from finished"));
    });

    EXPECT_SUCCESS(first);
    QCOMPARE(first.body, QByteArray("until close"));
    EXPECT_SUCCESS(queued);
    QCOMPARE(queued.body, QByteArray("queued post"));
    QVERIFY(fromFinished);
    EXPECT_SUCCESS(*fromFinished);
    QCOMPARE(fromFinished->body, QByteArray("post from finished"));

    QCOMPARE(server.received.size(), 3);
    QCOMPARE(server.received.at(0).connection, 1);
    QCOMPARE(server.received.at(1).connection, 2);
    QCOMPARE(server.received.at(2).connection, 2);
    QCOMPARE(server.received.at(1).body, QByteArray("queued"));
    QCOMPARE(server.received.at(2).body, QByteArray("from finished"));
    settle();
    QCOMPARE(first.finished.count(), 1);
    QCOMPARE(queued.finished.count(), 1);
    QCOMPARE(fromFinished->finished.count(), 1);
}

void TestHttp1Client::continueIsSkippedAnd204HasNoBody()
{
    ScriptServer server;
    server.enqueue(Script{send("HTTP/1.1 100 Continue\r\n\r\n"), pause(15),
                          send("HTTP/1.1 102 Processing\r\nX-Interim: yes\r\n\r\n"), pause(15),
                          send(answer(201, "Created", "made it", "X-Final: yes\r\n"))});
    server.enqueue("HTTP/1.1 204 No Content\r\nMcp-Session-Id: s1\r\n\r\n");
    server.enqueue(answer(200, "OK", "after 204"));
    Http1Client client;

    Watch a(client.post(QNetworkRequest(server.url(QStringLiteral("/mcp"))), "x"));
    EXPECT_SUCCESS(a);
    QCOMPARE(a.status(), 201);
    QCOMPARE(a.reason(), QStringLiteral("Created"));
    QCOMPARE(a.body, QByteArray("made it"));
    QCOMPARE(a.metaData.count(), 1); // the interim answers are not shown
    QCOMPARE(a.reply->rawHeader("X-Final"), QByteArray("yes"));
    QVERIFY(a.reply->rawHeader("X-Interim").isEmpty());

    Watch b(client.post(QNetworkRequest(server.url(QStringLiteral("/mcp"))), "y"));
    EXPECT_SUCCESS(b);
    QCOMPARE(b.status(), 204);
    QCOMPARE(b.reason(), QStringLiteral("No Content"));
    QVERIFY(b.body.isEmpty());
    QCOMPARE(b.readyRead.count(), 0);
    QCOMPARE(b.reply->rawHeader("Mcp-Session-Id"), QByteArray("s1"));

    Watch c(client.get(QNetworkRequest(server.url(QStringLiteral("/mcp")))));
    EXPECT_SUCCESS(c);
    QCOMPARE(c.body, QByteArray("after 204"));
    QCOMPARE(server.accepted, 1);
    QCOMPARE(server.received.size(), 3);
    QCOMPARE(server.received.at(2).connection, 1);
    settle();
    QCOMPARE(a.finished.count(), 1);
    QCOMPARE(b.finished.count(), 1);
    QCOMPARE(c.finished.count(), 1);
}

void TestHttp1Client::headerSplitByteByByteAndDuplicatesJoined()
{
    ScriptServer server;
    const QByteArray head = "HTTP/1.1 200 Fine Thanks\r\n"
                            "X-Dup: one\r\n"
                            "Content-Type: text/plain\r\n"
                            "x-dup: two\r\n"
                            "Content-Length: 11\r\n"
                            "X-DUP:three\r\n"
                            "X-Spaced:    padded value   \r\n"
                            "\r\n";
    Script script = pieces(head, 1, 1);
    script.append(pause(5));
    script.append(send("hello"));
    script.append(pause(5));
    script.append(send(" world"));
    server.enqueue(script);
    Http1Client client;

    Watch w(client.get(QNetworkRequest(server.url(QStringLiteral("/h")))));
    QVERIFY(waitFor([&]() { return !w.finished.isEmpty() || w.metaData.count() > 0; }));
    // The head only counts once it is whole.
    QCOMPARE(w.metaData.count(), 1);
    EXPECT_SUCCESS(w);
    QCOMPARE(w.status(), 200);
    QCOMPARE(w.reason(), QStringLiteral("Fine Thanks"));
    QCOMPARE(w.body, QByteArray("hello world"));
    QCOMPARE(w.reply->rawHeader("X-Dup"), QByteArray("one, two, three"));
    QCOMPARE(w.reply->rawHeader("x-dup"), QByteArray("one, two, three"));
    QCOMPARE(w.reply->rawHeader("CONTENT-TYPE"), QByteArray("text/plain"));
    QCOMPARE(w.reply->rawHeader("content-length"), QByteArray("11"));
    QCOMPARE(w.reply->rawHeader("X-Spaced"), QByteArray("padded value"));
    QVERIFY(w.reply->hasRawHeader("x-SPACED"));
    QVERIFY(w.reply->rawHeader("X-Missing").isEmpty());
    settle();
    QCOMPARE(w.finished.count(), 1);
    QCOMPARE(w.metaData.count(), 1);
}

void TestHttp1Client::oversizedHeaderIsProtocolFailure_data()
{
    QTest::addColumn<bool>("withEnd");
    QTest::addColumn<int>("piece");
    QTest::newRow("whole head, end included, one write") << true << 0;
    QTest::newRow("endless head in 8 KiB pieces") << false << 8192;
}

void TestHttp1Client::oversizedHeaderIsProtocolFailure()
{
    QFETCH(bool, withEnd);
    QFETCH(int, piece);
    QByteArray head = "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n";
    for (int i = 0; head.size() <= 70 * 1024; ++i)
        head += "X-Filler-" + QByteArray::number(i) + ": " + QByteArray(100, 'f') + "\r\n";
    if (withEnd)
        head += "\r\nok";
    ScriptServer server;
    server.enqueue(piece > 0 ? pieces(head, piece, 2) : Script{send(head)});
    Http1Client client;

    Watch w(client.get(QNetworkRequest(server.url(QStringLiteral("/big")))));
    EXPECT_FAILURE(w, QNetworkReply::ProtocolFailure);
    QCOMPARE(w.metaData.count(), 0);
    QVERIFY(w.body.isEmpty());
    settle();
    QCOMPARE(w.finished.count(), 1);
}

void TestHttp1Client::garbageStatusLineIsProtocolFailure_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::newRow("not http") << QByteArray("SSH-2.0-OpenSSH_9.2\r\n\r\n");
    QTest::newRow("http/2 text") << QByteArray("HTTP/2 200 OK\r\nContent-Length: 0\r\n\r\n");
    QTest::newRow("no status code") << QByteArray("HTTP/1.1 abc OK\r\nContent-Length: 0\r\n\r\n");
    QTest::newRow("too short") << QByteArray("HTTP/1.1 20\r\n\r\n");
    QTest::newRow("bad content-length")
        << QByteArray("HTTP/1.1 200 OK\r\nContent-Length: -5\r\n\r\n");
}

void TestHttp1Client::garbageStatusLineIsProtocolFailure()
{
    QFETCH(QByteArray, wire);
    ScriptServer server;
    server.enqueue(wire);
    Http1Client client;

    Watch w(client.get(QNetworkRequest(server.url(QStringLiteral("/")))));
    EXPECT_FAILURE(w, QNetworkReply::ProtocolFailure);
    QCOMPARE(w.metaData.count(), 0);
    QCOMPARE(server.received.at(0).requestLine(), QByteArray("GET / HTTP/1.1"));
    settle();
    QCOMPARE(w.finished.count(), 1);
    QCOMPARE(client.connectionCount(), 0); // a connection that spoke nonsense is dropped
}

void TestHttp1Client::redirect307KeepsMethodAndBody()
{
    ScriptServer server;
    server.enqueue(answer(307, "Temporary Redirect", {}, "Location: /moved?session=7\r\n"));
    server.enqueue(answer(200, "OK", "arrived"));
    Http1Client client;

    QNetworkRequest request(server.url(QStringLiteral("/mcp")));
    request.setRawHeader("X-Keep", "kept");
    const QByteArray body = "{\"method\":\"tools/call\"}";
    Watch w(client.post(request, body));
    QSignalSpy redirected(w.reply, &QNetworkReply::redirected);
    EXPECT_SUCCESS(w);
    QCOMPARE(w.status(), 200);
    QCOMPARE(w.body, QByteArray("arrived"));
    QCOMPARE(w.reply->url(), server.url(QStringLiteral("/moved?session=7")));
    QCOMPARE(redirected.count(), 1);
    QCOMPARE(w.metaData.count(), 1); // only the final answer's head

    QCOMPARE(server.received.size(), 2);
    const Received &second = server.received.at(1);
    QCOMPARE(second.requestLine(), QByteArray("POST /moved?session=7 HTTP/1.1"));
    QCOMPARE(second.body, body);
    QCOMPARE(second.header("Content-Length"), QByteArray::number(body.size()));
    QCOMPARE(second.header("Host"), server.hostHeader());
    QCOMPARE(second.header("X-Keep"), QByteArray("kept"));
    settle();
    QCOMPARE(w.finished.count(), 1);
    QCOMPARE(server.received.size(), 2);
}

void TestHttp1Client::redirect303BecomesGetWithoutBody()
{
    ScriptServer server;
    // A body on the redirect: read to its end, the connection stays usable.
    server.enqueue(answer(303, "See Other", "see other", "Location: /see\r\n"));
    server.enqueue(answer(200, "OK", "seen"));
    Http1Client client;

    Watch w(client.post(QNetworkRequest(server.url(QStringLiteral("/mcp"))), "payload"));
    EXPECT_SUCCESS(w);
    QCOMPARE(w.status(), 200);
    QCOMPARE(w.body, QByteArray("seen"));
    QCOMPARE(w.reply->operation(), QNetworkAccessManager::GetOperation);

    QCOMPARE(server.received.size(), 2);
    QCOMPARE(server.received.at(0).requestLine(), QByteArray("POST /mcp HTTP/1.1"));
    const Received &second = server.received.at(1);
    QCOMPARE(second.requestLine(), QByteArray("GET /see HTTP/1.1"));
    QVERIFY(second.body.isEmpty());
    QVERIFY2(!second.head.contains("Content-Length"), second.head.constData());
    QCOMPARE(second.connection, 1);
    settle();
    QCOMPARE(w.finished.count(), 1);
}

void TestHttp1Client::crossOriginRedirectIsRefused()
{
    ScriptServer server;
    ScriptServer other;
    other.enqueue(answer(200, "OK", "must not be asked"));
    server.enqueue(answer(302, "Found", {},
                          "Location: http://127.0.0.1:" + QByteArray::number(other.port())
                              + "/elsewhere\r\n"));
    Http1Client client;

    Watch w(client.post(QNetworkRequest(server.url(QStringLiteral("/mcp"))), "secret"));
    EXPECT_FAILURE(w, QNetworkReply::InsecureRedirectError);
    QCOMPARE(w.metaData.count(), 0);
    settle();
    QCOMPARE(server.received.size(), 1);
    QCOMPARE(other.accepted, 0);
    QCOMPARE(w.finished.count(), 1);
}

void TestHttp1Client::redirectLoopIsTooManyRedirects()
{
    ScriptServer server;
    server.setHandler([](const Received &) {
        return Script{send(answer(302, "Found", {}, "Location: /loop\r\n"))};
    });
    Http1Client client;

    QNetworkRequest request(server.url(QStringLiteral("/loop")));
    request.setMaximumRedirectsAllowed(3);
    Watch w(client.get(request));
    EXPECT_FAILURE(w, QNetworkReply::TooManyRedirectsError);
    settle();
    QCOMPARE(server.received.size(), 4); // the first ask and three redirects
    for (const Received &r : std::as_const(server.received))
        QCOMPARE(r.requestLine(), QByteArray("GET /loop HTTP/1.1"));
    QCOMPARE(w.finished.count(), 1);
}

void TestHttp1Client::manualRedirectPolicyHandsBackTheRedirect()
{
    // An OAuth /authorize answer: a 302 to another origin that must not be followed.
    ScriptServer server;
    ScriptServer other;
    other.enqueue(answer(200, "OK", "must not be asked"));
    const QByteArray target
        = "http://127.0.0.1:" + QByteArray::number(other.port()) + "/callback?code=abc&state=xyz";
    server.enqueue(answer(302, "Found", "Found. Redirecting", "Location: " + target + "\r\n"));
    Http1Client client;

    QNetworkRequest request(server.url(QStringLiteral("/authorize?x=1")));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    Watch w(client.get(request));
    QSignalSpy redirected(w.reply, &QNetworkReply::redirected);
    EXPECT_SUCCESS(w);
    QCOMPARE(w.status(), 302);
    QCOMPARE(w.reply->rawHeader("Location"), target);
    QCOMPARE(w.reply->attribute(QNetworkRequest::RedirectionTargetAttribute).toUrl(),
             QUrl::fromEncoded(target));
    QCOMPARE(w.body, QByteArray("Found. Redirecting"));
    QCOMPARE(redirected.count(), 0);
    QCOMPARE(w.reply->url(), server.url(QStringLiteral("/authorize?x=1")));

    // A same-origin redirect is handed back too, and the connection stays usable.
    server.enqueue(answer(307, "Temporary Redirect", {}, "Location: /moved\r\n"));
    Watch again(client.get(request));
    EXPECT_SUCCESS(again);
    QCOMPARE(again.status(), 307);
    QCOMPARE(again.reply->rawHeader("Location"), QByteArray("/moved"));
    settle();
    QCOMPARE(other.accepted, 0);
    QCOMPARE(server.received.size(), 2);
    QCOMPARE(server.received.at(1).connection, 1);
    QCOMPARE(w.finished.count(), 1);
}

void TestHttp1Client::connectionRefused()
{
    const quint16 port = closedPort();
    QVERIFY(port != 0);
    Http1Client client;
    Watch w(client.get(QNetworkRequest(QUrl(QStringLiteral("http://127.0.0.1:%1/").arg(port)))));
    EXPECT_FAILURE(w, QNetworkReply::ConnectionRefusedError);
    settle();
    QCOMPARE(w.finished.count(), 1);
    QCOMPARE(client.connectionCount(), 0);
}

void TestHttp1Client::transferTimeout()
{
    ScriptServer server; // takes the request, never answers
    Http1Client client;
    QNetworkRequest request(server.url(QStringLiteral("/slow")));
    request.setTransferTimeout(150);
    QElapsedTimer clock;
    clock.start();
    Watch w(client.post(request, "x"));
    EXPECT_FAILURE(w, QNetworkReply::TimeoutError);
    QVERIFY(clock.elapsed() >= 140);
    QVERIFY(clock.elapsed() < 2000);
    QCOMPARE(server.received.size(), 1);
    settle();
    QCOMPARE(w.finished.count(), 1);
    QCOMPARE(client.connectionCount(), 0); // the half-done exchange poisoned it
}

void TestHttp1Client::abortMidBody()
{
    ScriptServer server;
    server.enqueue("HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789"); // and then nothing
    server.enqueue(answer(200, "OK", "fresh"));
    Http1Client client;

    Watch w(client.get(QNetworkRequest(server.url(QStringLiteral("/long")))));
    QVERIFY(waitFor([&]() { return !w.readyRead.isEmpty(); }));
    QCOMPARE(w.body, QByteArray("0123456789"));
    QVERIFY(w.finished.isEmpty());
    w.reply->abort();
    QCOMPARE(w.finished.count(), 1);
    QCOMPARE(w.reply->error(), QNetworkReply::OperationCanceledError);
    QCOMPARE(w.errors.count(), 1);
    w.reply->abort(); // a second abort changes nothing
    settle();
    QCOMPARE(w.finished.count(), 1);
    QCOMPARE(w.errors.count(), 1);

    Watch next(client.get(QNetworkRequest(server.url(QStringLiteral("/again")))));
    EXPECT_SUCCESS(next);
    QCOMPARE(next.body, QByteArray("fresh"));
    QCOMPARE(server.accepted, 2);
    QCOMPARE(server.received.size(), 2);
    QCOMPARE(server.received.at(1).connection, 2);
    settle();
    QCOMPARE(next.finished.count(), 1);
}

void TestHttp1Client::staleKeepAlivePostIsNotResent()
{
    ScriptServer server;
    server.enqueue(answer(200, "OK", "first"));
    server.enqueue(Script{hangUp()}); // reads the second request, closes without a byte
    server.enqueue(answer(200, "OK", "must not be asked"));
    Http1Client client;

    QNetworkRequest request(server.url(QStringLiteral("/mcp")));
    Watch first(client.post(request, "one"));
    EXPECT_SUCCESS(first);
    Watch second(client.post(request, "two"));
    EXPECT_FAILURE(second, QNetworkReply::RemoteHostClosedError);
    settle();
    settle();
    QCOMPARE(server.received.size(), 2);
    QCOMPARE(server.received.at(1).body, QByteArray("two"));
    QCOMPARE(server.received.at(1).connection, 1);
    QCOMPARE(server.accepted, 1);
    QCOMPARE(first.finished.count(), 1);
    QCOMPARE(second.finished.count(), 1);

    // The client itself goes on: a new request opens a new connection.
    Watch third(client.post(request, "three"));
    EXPECT_SUCCESS(third);
    QCOMPARE(third.body, QByteArray("must not be asked"));
    QCOMPARE(server.received.at(2).connection, 2);
    QCOMPARE(server.received.at(2).body, QByteArray("three"));
    settle();
    QCOMPARE(third.finished.count(), 1);
}

void TestHttp1Client::staleKeepAliveGetIsResentOnce()
{
    ScriptServer server;
    server.enqueue(answer(200, "OK", "first"));
    server.enqueue(Script{hangUp()}); // reads the second request, closes without a byte
    server.enqueue(answer(200, "OK", "resent and answered"));
    Http1Client client;

    Watch first(client.get(QNetworkRequest(server.url(QStringLiteral("/first")))));
    EXPECT_SUCCESS(first);
    QNetworkRequest request(server.url(QStringLiteral("/events")));
    request.setRawHeader("Accept", "text/event-stream");
    Watch second(client.get(request));
    EXPECT_SUCCESS(second);
    QCOMPARE(second.body, QByteArray("resent and answered"));
    QCOMPARE(second.metaData.count(), 1);
    settle();
    QCOMPARE(server.received.size(), 3);
    QCOMPARE(server.received.at(1).raw(), server.received.at(2).raw());
    QCOMPARE(server.received.at(1).requestLine(), QByteArray("GET /events HTTP/1.1"));
    QCOMPARE(server.received.at(1).connection, 1);
    QCOMPARE(server.received.at(2).connection, 2);
    QCOMPARE(server.accepted, 2);
    QCOMPARE(first.finished.count(), 1);
    QCOMPARE(second.finished.count(), 1);

    // Resent once only: when the fresh connection dies as well, the caller hears so.
    ScriptServer dying;
    dying.setHandler([&dying](const Received &) {
        if (dying.received.size() == 1)
            return Script{send(answer(200, "OK", "first"))};
        return Script{hangUp()};
    });
    Http1Client client2;
    Watch warmUp(client2.get(QNetworkRequest(dying.url(QStringLiteral("/a")))));
    EXPECT_SUCCESS(warmUp);
    Watch doomed(client2.get(QNetworkRequest(dying.url(QStringLiteral("/b")))));
    EXPECT_FAILURE(doomed, QNetworkReply::RemoteHostClosedError);
    settle();
    QCOMPARE(dying.received.size(), 3); // /a, /b on the old connection, /b once more
    QCOMPARE(dying.received.at(1).connection, 1);
    QCOMPARE(dying.received.at(2).connection, 2);
    QCOMPARE(dying.received.at(2).requestLine(), QByteArray("GET /b HTTP/1.1"));
    QCOMPARE(doomed.finished.count(), 1);
}

void TestHttp1Client::maxConnectionsPerOrigin()
{
    ScriptServer server;
    server.setHandler([](const Received &r) {
        const QByteArray path = r.requestLine().split(' ').value(1);
        return Script{pause(80), send(answer(200, "OK", "answer for " + path))};
    });
    Http1Client client;
    client.setMaxConnectionsPerOrigin(2);

    std::vector<std::unique_ptr<Watch>> watches;
    for (int i = 0; i < 5; ++i) {
        watches.push_back(std::make_unique<Watch>(
            client.get(QNetworkRequest(server.url(QStringLiteral("/r%1").arg(i))))));
    }
    QVERIFY(client.connectionCount() <= 2);
    for (int i = 0; i < 5; ++i) {
        Watch &w = *watches[size_t(i)];
        EXPECT_SUCCESS(w);
        QCOMPARE(w.body, "answer for /r" + QByteArray::number(i));
        QVERIFY(client.connectionCount() <= 2);
    }
    QCOMPARE(server.received.size(), 5);
    QCOMPARE(server.accepted, 2);
    QVERIFY(server.maxOpen <= 2);
    QCOMPARE(server.maxBusy, 2);
    // Waiting requests go out in the order they were made.
    for (int i = 0; i < 5; ++i)
        QCOMPARE(server.received.at(i).requestLine(),
                 "GET /r" + QByteArray::number(i) + " HTTP/1.1");
    settle();
    for (const auto &w : watches)
        QCOMPARE(w->finished.count(), 1);
}

void TestHttp1Client::hostileAnswerIsRefused_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QString>("error");
    const QByteArray ok = "HTTP/1.1 200 OK\r\n";
    QTest::newRow("two content-lengths")
        << ok + "Content-Length: 5\r\nContent-Length: 6\r\n\r\nhello!"
        << QStringLiteral("conflicting Content-Length");
    QTest::newRow("content-length +N")
        << ok + "Content-Length: +5\r\n\r\nhello" << QStringLiteral("bad Content-Length");
    QTest::newRow("content-length overflow")
        << ok + "Content-Length: 184467440737095516160\r\n\r\nx" << QStringLiteral("too large");
    QTest::newRow("transfer-encoding and content-length")
        << ok + "Transfer-Encoding: chunked\r\nContent-Length: 10\r\n\r\n5\r\nhello\r\n0\r\n\r\n"
        << QStringLiteral("both Transfer-Encoding and Content-Length");
    QTest::newRow("final coding not chunked")
        << ok + "Transfer-Encoding: gzip\r\n\r\nxyz" << QStringLiteral("not chunked");
    QTest::newRow("0x chunk size")
        << ok + "Transfer-Encoding: chunked\r\n\r\n0x5\r\nhello\r\n0\r\n\r\n"
        << QStringLiteral("bad chunk size");
    QTest::newRow("junk after chunk data")
        << ok + "Transfer-Encoding: chunked\r\n\r\n5\r\nhelloXX\r\n0\r\n\r\n"
        << QStringLiteral("junk after chunk data");
    QTest::newRow("four-digit status")
        << QByteArray("HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n")
        << QStringLiteral("bad status code");
    QTest::newRow("obs-fold") << ok + "X-A: a\r\n b\r\nContent-Length: 0\r\n\r\n"
                              << QStringLiteral("obs-fold");
    QTest::newRow("space before colon") << ok + "Content-Length : 0\r\n\r\n"
                                        << QStringLiteral("whitespace before the colon");
    QTest::newRow("escape sequence in the reason")
        << QByteArray("HTTP/1.1 200 \x1b]0;pwned\x07\r\nContent-Length: 0\r\n\r\n")
        << QStringLiteral("\\x1b]0;pwned\\x07");
}

void TestHttp1Client::hostileAnswerIsRefused()
{
    QFETCH(QByteArray, wire);
    QFETCH(QString, error);
    ScriptServer server;
    server.enqueue(wire);
    server.enqueue(answer(200, "OK", "clean"));
    Http1Client client;

    Watch bad(client.get(QNetworkRequest(server.url(QStringLiteral("/hostile")))));
    EXPECT_FAILURE(bad, QNetworkReply::ProtocolFailure);
    const QString text = bad.reply->errorString();
    QVERIFY2(text.contains(error), qPrintable(text));
    QVERIFY2(text.contains(QLatin1String("127.0.0.1")), qPrintable(text));
    for (QChar c : text)
        QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f, qPrintable(text));
    settle();
    QCOMPARE(client.connectionCount(), 0); // closed, never reused
    QCOMPARE(bad.finished.count(), 1);

    // The client goes on, on a fresh connection.
    Watch next(client.get(QNetworkRequest(server.url(QStringLiteral("/next")))));
    EXPECT_SUCCESS(next);
    QCOMPARE(next.body, QByteArray("clean"));
    QCOMPARE(server.received.size(), 2);
    QCOMPARE(server.received.at(1).connection, 2);
    QCOMPARE(server.accepted, 2);
}

void TestHttp1Client::unsolicitedBytesAreNeverAnAnswer_data()
{
    // When the stray answer comes: in the same write as the real one (more
    // bytes than its framing), while idle with the event loop running, or
    // just before the next request is sent (in the kernel, unread by Qt).
    QTest::addColumn<int>("when");
    QTest::newRow("glued to the answer") << 0;
    QTest::newRow("while idle") << 1;
    QTest::newRow("right before the next request") << 2;
}

void TestHttp1Client::unsolicitedBytesAreNeverAnAnswer()
{
    QFETCH(int, when);
    const QByteArray stray = answer(200, "OK", "unsolicited");
    ScriptServer server;
    server.enqueue(when == 0 ? answer(200, "OK", "first") + stray : answer(200, "OK", "first"));
    server.enqueue(answer(200, "OK", "second"));
    Http1Client client;

    Watch first(client.get(QNetworkRequest(server.url(QStringLiteral("/first")))));
    EXPECT_SUCCESS(first);
    QCOMPARE(first.body, QByteArray("first"));
    if (when == 1) {
        QVERIFY(server.writeNow(1, stray));
        QVERIFY(waitFor([&]() { return client.connectionCount() == 0; }));
    }
    if (when == 2) {
        QCOMPARE(client.connectionCount(), 1);
        QVERIFY(server.writeNow(1, stray)); // no event loop turn between this and the request
    }
    Watch second(client.get(QNetworkRequest(server.url(QStringLiteral("/second")))));
    EXPECT_SUCCESS(second);
    QCOMPARE(second.body, QByteArray("second"));
    QCOMPARE(server.received.size(), 2);
    QCOMPARE(server.received.at(1).requestLine(), QByteArray("GET /second HTTP/1.1"));
    QCOMPARE(server.received.at(1).connection, 2);
    QCOMPARE(server.accepted, 2);
    settle();
    QCOMPARE(second.finished.count(), 1);
    QCOMPARE(second.metaData.count(), 1);
}

void TestHttp1Client::headerInjectionIsRefusedBeforeSending_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::addColumn<QByteArray>("value");
    QTest::newRow("CR LF in a token")
        << QByteArray("Authorization") << QByteArray("Bearer s3cret\r\nX-Evil: 1");
    QTest::newRow("bare LF") << QByteArray("X-Custom") << QByteArray("s3cret\nX-Evil: 1");
    QTest::newRow("bare CR") << QByteArray("X-Custom") << QByteArray("s3cret\rX-Evil: 1");
    QTest::newRow("NUL") << QByteArray("X-Custom") << QByteArray("s3cret\0tail", 11);
    QTest::newRow("CR LF in the name") << QByteArray("X-A\r\nX-Evil") << QByteArray("s3cret");
    QTest::newRow("colon in the name") << QByteArray("X-A: b\r\nX") << QByteArray("s3cret");
    QTest::newRow("space in the name") << QByteArray("X A") << QByteArray("s3cret");
}

void TestHttp1Client::headerInjectionIsRefusedBeforeSending()
{
    QFETCH(QByteArray, name);
    QFETCH(QByteArray, value);
    ScriptServer server;
    server.enqueue(answer(200, "OK", "must not be asked"));
    server.enqueue(answer(200, "OK", "clean"));
    Http1Client client;

    QNetworkRequest request(server.url(QStringLiteral("/mcp")));
    request.setRawHeader(name, value);
    Watch bad(client.post(request, "{}"));
    EXPECT_FAILURE(bad, QNetworkReply::ProtocolInvalidOperationError);
    const QString text = bad.reply->errorString();
    QVERIFY2(text.contains(QLatin1String("request not sent")), qPrintable(text));
    QVERIFY2(!text.contains(QLatin1String("s3cret")), qPrintable(text)); // never the value
    for (QChar c : text)
        QVERIFY2(c.unicode() >= 0x20, qPrintable(text));
    settle();
    QCOMPARE(server.accepted, 0); // nothing reached the server
    QCOMPARE(server.received.size(), 0);
    QCOMPARE(client.connectionCount(), 0);

    Watch clean(client.post(QNetworkRequest(server.url(QStringLiteral("/mcp"))), "{}"));
    EXPECT_SUCCESS(clean);
    QCOMPARE(clean.body, QByteArray("must not be asked")); // the first script: nothing came before
    QCOMPARE(server.received.size(), 1);
    QVERIFY(!server.received.at(0).raw().contains("s3cret"));
}

QTEST_GUILESS_MAIN(TestHttp1Client)
#include "tst_http1client.moc"
