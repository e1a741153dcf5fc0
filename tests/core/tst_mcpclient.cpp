// McpClient and the HTTP transports against a scripted loopback server:
// every answer is written byte for byte, so each rule of the wire and every
// kind of bad input can be played.

#include "faketimersource.h"
#include "scriptedhttpserver.h"

#include "mcp/authhandler.h"
#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"
#include "net/sseevent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslServer>
#include <QStandardPaths>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

using namespace mcppm;

namespace {
const QByteArray kToken = "s3cr3t-token-never-shown";

QJsonObject parseBody(const ScriptedHttpServer::Request &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QByteArray rpcResult(const QJsonValue &id, const QJsonObject &result)
{
    return JsonRpcMessage::response(id, result).toBytes();
}

QJsonObject initializeResult(const QString &version = QStringLiteral("2025-11-25"))
{
    QJsonObject r;
    r.insert(QStringLiteral("protocolVersion"), version);
    QJsonObject caps;
    caps.insert(QStringLiteral("tools"), QJsonObject());
    r.insert(QStringLiteral("capabilities"), caps);
    QJsonObject info;
    info.insert(QStringLiteral("name"), QStringLiteral("scripted"));
    info.insert(QStringLiteral("version"), QStringLiteral("1.0"));
    r.insert(QStringLiteral("serverInfo"), info);
    return r;
}

QJsonObject toolsResult()
{
    QJsonObject add;
    add.insert(QStringLiteral("name"), QStringLiteral("add"));
    add.insert(QStringLiteral("inputSchema"),
               QJsonDocument::fromJson(R"({"type":"object"})").object());
    add.insert(QStringLiteral("outputSchema"),
               QJsonDocument::fromJson(
                   R"({"type":"object","properties":{"sum":{"type":"number"}},"required":["sum"]})")
                   .object());
    QJsonObject r;
    r.insert(QStringLiteral("tools"), QJsonArray{add});
    return r;
}

QJsonObject textResult(const QString &text, bool isError = false)
{
    QJsonObject item;
    item.insert(QStringLiteral("type"), QStringLiteral("text"));
    item.insert(QStringLiteral("text"), text);
    QJsonObject r;
    r.insert(QStringLiteral("content"), QJsonArray{item});
    if (isError)
        r.insert(QStringLiteral("isError"), true);
    return r;
}

// The usual handshake: JSON answers, a session id, 202 for notifications,
// 405 for GET/DELETE. `other` answers anything else.
ScriptedHttpServer::Handler
standardServer(std::function<void(const ScriptedHttpServer::Request &, QTcpSocket *)> other,
               const QByteArray &sessionId = "session-1")
{
    return [other, sessionId](const ScriptedHttpServer::Request &request, QTcpSocket *socket) {
        if (request.method != "POST") {
            ScriptedHttpServer::respond(socket, 405, {}, {});
            return;
        }
        const QJsonObject body = parseBody(request);
        const QString method = body.value(QStringLiteral("method")).toString();
        if (method == QLatin1String("initialize")) {
            ScriptedHttpServer::respond(
                socket, 200, "application/json",
                rpcResult(body.value(QStringLiteral("id")), initializeResult()),
                {{"Mcp-Session-Id", sessionId}});
        } else if (!body.contains(QStringLiteral("id"))
                   || !body.contains(QStringLiteral("method"))) {
            ScriptedHttpServer::respond(socket, 202, {}, {});
        } else {
            other(request, socket);
        }
    };
}
// An OAuth client stand-in: hands out "t1", "t2", … on each refusal, or an error.
class FakeAuth final : public AuthHandler
{
public:
    QString token;
    int asked = 0;
    QList<int> statuses;
    QList<QByteArray> challenges;
    QStringList rejected;
    McpError failWith;
    QString currentToken() const override { return token; }
    void unauthorized(int status, const QByteArray &challenge, const QString &rejectedToken,
                      Done done) override
    {
        ++asked;
        statuses << status;
        challenges << challenge;
        rejected << rejectedToken;
        if (failWith.isError()) {
            QTimer::singleShot(0, [done, e = failWith]() { done({}, e); });
            return;
        }
        token = QStringLiteral("t%1").arg(asked);
        QTimer::singleShot(0, [done, t = token]() { done(t, {}); });
    }
};
} // namespace

class TestMcpClient : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScriptedHttpServer> m_server;

    McpClientOptions options(int timeoutMs = 3000)
    {
        McpClientOptions o;
        o.serverId = QStringLiteral("w1");
        o.baseUrl = m_server->url();
        o.authToken = QString::fromLatin1(kToken);
        o.timeoutMs = timeoutMs;
        o.retryAttempts = 0;
        o.protocol = McpClientOptions::ProtocolMode::Legacy; // the 2025-11-25 wire
        o.fetchCatalog = false;
        return o;
    }
    static bool connectClient(McpClient &client)
    {
        QSignalSpy connected(&client, &McpClient::connected);
        QSignalSpy failed(&client, &McpClient::connectFailed);
        client.connectToServer();
        return QTest::qWaitFor([&]() { return !connected.isEmpty() || !failed.isEmpty(); }, 5000)
            && !connected.isEmpty();
    }
    static bool waitFor(McpReply *reply, int ms = 5000)
    {
        return QTest::qWaitFor([reply]() { return reply->isFinished(); }, ms);
    }
    void verifyNoTokenIn(const QString &text)
    {
        QVERIFY2(!text.contains(QString::fromLatin1(kToken)), qPrintable(text));
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ScriptedHttpServer>();
        QVERIFY(m_server->listen());
    }
    void cleanup() { m_server.reset(); }

    void handshakeHeadersAndJsonAnswer()
    {
        m_server->setHandler(standardServer([](const auto &request, QTcpSocket *socket) {
            const QJsonObject body = parseBody(request);
            ScriptedHttpServer::respond(
                socket, 200, "application/json; charset=utf-8",
                rpcResult(body.value(QStringLiteral("id")), textResult(QStringLiteral("pong"))));
        }));
        McpClient client(options());
        QVERIFY(connectClient(client));
        QCOMPARE(client.serverInfo().name, QStringLiteral("scripted"));
        QCOMPARE(client.sessionId(), QStringLiteral("session-1"));
        QCOMPARE(client.transportName(), QStringLiteral("streamable-http"));

        McpReply *reply = client.callTool(QStringLiteral("echo"), QJsonObject());
        QVERIFY(waitFor(reply));
        QVERIFY2(!reply->isError(), qPrintable(reply->error().message));
        QCOMPARE(reply->toolResult().text(), QStringLiteral("pong"));

        const auto &requests = m_server->requests;
        QVERIFY(requests.size() >= 3);
        const auto &init = requests.at(0);
        QCOMPARE(init.header("content-type"), QByteArray("application/json"));
        QCOMPARE(init.header("accept"), QByteArray("application/json, text/event-stream"));
        QCOMPARE(init.header("authorization"), "Bearer " + kToken);
        QVERIFY(init.header("mcp-session-id").isEmpty());
        QVERIFY(init.header("mcp-protocol-version").isEmpty());
        const QJsonObject initParams = parseBody(init).value(QStringLiteral("params")).toObject();
        QCOMPARE(initParams.value(QStringLiteral("protocolVersion")).toString(),
                 QStringLiteral("2025-11-25"));
        QVERIFY(!initParams.value(QStringLiteral("clientInfo"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString()
                     .isEmpty());
        QVERIFY(!initParams.value(QStringLiteral("clientInfo"))
                     .toObject()
                     .value(QStringLiteral("version"))
                     .toString()
                     .isEmpty());
        // Later requests carry the session and the protocol version.
        bool sawInitialized = false;
        for (qsizetype i = 1; i < requests.size(); ++i) {
            if (requests.at(i).method != "POST")
                continue;
            QCOMPARE(requests.at(i).header("mcp-session-id"), QByteArray("session-1"));
            QCOMPARE(requests.at(i).header("mcp-protocol-version"), QByteArray("2025-11-25"));
            sawInitialized = sawInitialized
                || parseBody(requests.at(i)).value(QStringLiteral("method")).toString()
                    == QLatin1String("notifications/initialized");
        }
        QVERIFY(sawInitialized);

        // Closing sends DELETE with the session id.
        QSignalSpy disconnected(&client, &McpClient::disconnected);
        client.disconnectFromServer();
        QTRY_VERIFY(
            std::any_of(m_server->requests.cbegin(), m_server->requests.cend(), [](const auto &r) {
                return r.method == "DELETE" && r.header("mcp-session-id") == "session-1";
            }));
    }

    void sseAnswerWithProgressAndServerRequest()
    {
        m_server->setHandler(standardServer([](const auto &request, QTcpSocket *socket) {
            const QJsonObject body = parseBody(request);
            const QJsonValue token = body.value(QStringLiteral("params"))
                                         .toObject()
                                         .value(QStringLiteral("_meta"))
                                         .toObject()
                                         .value(QStringLiteral("progressToken"));
            ScriptedHttpServer::startStream(socket);
            ScriptedHttpServer::writeChunk(socket, "id: p0\ndata:\n\n"); // priming event
            ScriptedHttpServer::writeChunk(socket, ": keepalive\n\n");
            for (int i = 1; i <= 3; ++i) {
                QJsonObject params;
                params.insert(QStringLiteral("progressToken"), token);
                params.insert(QStringLiteral("progress"), i);
                params.insert(QStringLiteral("total"), 3);
                ScriptedHttpServer::writeChunk(
                    socket,
                    SseEvent::encode(
                        QString::fromUtf8(JsonRpcMessage::notification(
                                              QStringLiteral("notifications/progress"), params)
                                              .toBytes()),
                        QStringLiteral("message"), QStringLiteral("e%1").arg(i)));
            }
            // A server request on the same stream: ping, answered by a POST.
            ScriptedHttpServer::writeChunk(
                socket,
                SseEvent::encode(QString::fromUtf8(
                    JsonRpcMessage::request(QJsonValue(0), QStringLiteral("ping")).toBytes())));
            // The response, split into awkward chunks, with CRLF line ends.
            QByteArray event = "event: message\r\ndata: "
                + rpcResult(body.value(QStringLiteral("id")), textResult(QStringLiteral("done")))
                + "\r\n\r\n";
            ScriptedHttpServer::writeChunk(socket, event.left(7));
            ScriptedHttpServer::writeChunk(socket, event.mid(7));
            ScriptedHttpServer::endChunks(socket);
        }));
        McpClient client(options());
        QVERIFY(connectClient(client));
        McpReply *reply = client.callTool(QStringLiteral("progress"), QJsonObject());
        QSignalSpy progress(reply, &McpReply::progressed);
        QVERIFY(waitFor(reply));
        QVERIFY2(!reply->isError(), qPrintable(reply->error().message));
        QCOMPARE(reply->toolResult().text(), QStringLiteral("done"));
        QCOMPARE(progress.size(), 3);
        QCOMPARE(progress.last().at(0).toDouble(), 3.0);
        // The server's ping was answered with an empty result, id 0.
        QTRY_VERIFY(
            std::any_of(m_server->requests.cbegin(), m_server->requests.cend(), [](const auto &r) {
                const QJsonObject b = parseBody(r);
                return b.contains(QStringLiteral("result"))
                    && b.value(QStringLiteral("id")) == QJsonValue(0);
            }));
    }

    void sessionExpiredReinitializesAndResendsOnce()
    {
        int sessions = 0;
        int toolCalls = 0;
        m_server->setHandler([&](const ScriptedHttpServer::Request &request, QTcpSocket *socket) {
            if (request.method != "POST") {
                ScriptedHttpServer::respond(socket, 405, {}, {});
                return;
            }
            const QJsonObject body = parseBody(request);
            const QString method = body.value(QStringLiteral("method")).toString();
            if (method == QLatin1String("initialize")) {
                ++sessions;
                ScriptedHttpServer::respond(
                    socket, 200, "application/json",
                    rpcResult(body.value(QStringLiteral("id")), initializeResult()),
                    {{"Mcp-Session-Id", "s" + QByteArray::number(sessions)}});
            } else if (!body.contains(QStringLiteral("id"))) {
                ScriptedHttpServer::respond(socket, 202, {}, {});
            } else if (request.header("mcp-session-id") == "s1") {
                ScriptedHttpServer::respond(
                    socket, 404, "application/json",
                    R"({"jsonrpc":"2.0","error":{"code":-32001,"message":"Session not found"},"id":null})");
            } else {
                ++toolCalls;
                ScriptedHttpServer::respond(
                    socket, 200, "application/json",
                    rpcResult(body.value(QStringLiteral("id")), textResult(QStringLiteral("ok"))));
            }
        });
        McpClient client(options());
        QVERIFY(connectClient(client));
        McpReply *reply = client.callTool(QStringLiteral("echo"), QJsonObject());
        QVERIFY(waitFor(reply));
        QVERIFY2(!reply->isError(), qPrintable(reply->error().message));
        QCOMPARE(sessions, 2);
        QCOMPARE(toolCalls, 1);
        QCOMPARE(client.sessionId(), QStringLiteral("s2"));
        QCOMPARE(client.state(), McpClient::State::Connected);
    }

    void sessionExpiredTwiceFails()
    {
        m_server->setHandler(standardServer([](const auto &, QTcpSocket *socket) {
            ScriptedHttpServer::respond(socket, 404, "text/plain", "gone");
        }));
        McpClient client(options());
        QVERIFY(connectClient(client));
        McpReply *reply = client.callTool(QStringLiteral("echo"), QJsonObject());
        QVERIFY(waitFor(reply));
        QVERIFY(reply->isError());
        int initializes = 0;
        for (const auto &r : m_server->requests)
            initializes += parseBody(r).value(QStringLiteral("method")).toString()
                    == QLatin1String("initialize")
                ? 1
                : 0;
        QCOMPARE(initializes, 2); // re-initialized once, then gave up
    }

    void resumptionWaitsRetryThenGetsWithLastEventId()
    {
        FakeTimerSource clock;
        QByteArray toolCallId;
        m_server->setHandler([&](const ScriptedHttpServer::Request &request, QTcpSocket *socket) {
            const QJsonObject body = parseBody(request);
            const QString method = body.value(QStringLiteral("method")).toString();
            if (request.method == "GET") {
                if (request.header("last-event-id").isEmpty()) {
                    ScriptedHttpServer::respond(socket, 405, {}, {});
                    return;
                }
                ScriptedHttpServer::startStream(socket);
                ScriptedHttpServer::writeChunk(socket, "id: event-2\nretry: 500\ndata: \n\n");
                ScriptedHttpServer::writeChunk(
                    socket,
                    "event: message\nid: event-3\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + toolCallId
                        + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"resumed\"}]}}"
                          "\n\n");
                return; // never closed by the server
            }
            if (method == QLatin1String("initialize")) {
                ScriptedHttpServer::respond(
                    socket, 200, "application/json",
                    rpcResult(body.value(QStringLiteral("id")),
                              initializeResult(QStringLiteral("2025-03-26"))),
                    {{"Mcp-Session-Id", "session-r"}});
            } else if (method == QLatin1String("tools/call")) {
                toolCallId = QByteArray::number(body.value(QStringLiteral("id")).toInteger());
                ScriptedHttpServer::startStream(socket);
                ScriptedHttpServer::writeChunk(socket, "id: event-1\nretry: 500\ndata: \n\n");
                ScriptedHttpServer::endChunks(socket); // ends before the response
            } else {
                ScriptedHttpServer::respond(socket, 202, {}, {});
            }
        });
        McpClientOptions o = options();
        o.timers = &clock;
        o.timeoutMs = 60000;
        McpClient client(o);
        QVERIFY(connectClient(client));
        QCOMPARE(client.serverInfo().protocolVersion, QStringLiteral("2025-03-26"));
        McpReply *reply = client.callTool(QStringLiteral("test_reconnection"), QJsonObject());
        // Wait until the tool call stream has ended and the resume timer is armed.
        auto gets = [&]() {
            return std::count_if(
                m_server->requests.cbegin(), m_server->requests.cend(), [](const auto &r) {
                    return r.method == "GET" && !r.header("last-event-id").isEmpty();
                });
        };
        QTRY_VERIFY(!toolCallId.isEmpty());
        const qint64 requestsBefore = m_server->requests.size();
        QTRY_COMPARE(clock.nextDue() - clock.nowMs(), 500); // the stream ended: resume armed
        clock.advance(499);
        QTest::qWait(100); // proves no GET goes out 1 ms early; nothing to wait for
        QCOMPARE(gets(), 0); // not before the retry value
        clock.advance(1);
        QTRY_COMPARE(gets(), 1);
        QVERIFY(waitFor(reply));
        QVERIFY2(!reply->isError(), qPrintable(reply->error().message));
        QCOMPARE(reply->toolResult().text(), QStringLiteral("resumed"));
        const auto &get
            = *std::find_if(m_server->requests.cbegin(), m_server->requests.cend(),
                            [](const auto &r) { return !r.header("last-event-id").isEmpty(); });
        QCOMPARE(get.header("last-event-id"), QByteArray("event-1"));
        QCOMPARE(get.header("accept"), QByteArray("text/event-stream"));
        QCOMPARE(get.header("mcp-session-id"), QByteArray("session-r"));
        // No other GET was opened meanwhile.
        int otherGets = 0;
        for (qsizetype i = requestsBefore; i < m_server->requests.size(); ++i)
            otherGets += (m_server->requests.at(i).method == "GET"
                          && m_server->requests.at(i).header("last-event-id").isEmpty())
                ? 1
                : 0;
        QCOMPARE(otherGets, 0);
    }

    void badAnswers_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("kind");
        QTest::addColumn<QString>("needle");
        QTest::newRow("HTML 500") << 500 << QByteArray("text/html")
                                  << QByteArray(
                                         "<html><body><h1>Internal Server Error</h1></body></html>")
                                  << int(McpError::Kind::Http) << QStringLiteral("HTTP 500");
        // An HTML page reads as its words, not as markup.
        QTest::newRow("HTML 500 words")
            << 500 << QByteArray("text/html")
            << QByteArray("<html><head><title>500 Oops</title><style>p{x:1}</style></head>"
                          "<body><h1>Internal Server Error</h1><p>injected</p></body></html>")
            << int(McpError::Kind::Http) << QStringLiteral(": \"Internal Server Error injected\"");
        QTest::newRow("non-JSON 200")
            << 200 << QByteArray("application/json") << QByteArray("this is not json")
            << int(McpError::Kind::Protocol) << QStringLiteral("not valid JSON");
        QTest::newRow("wrong content type")
            << 200 << QByteArray("text/html") << QByteArray("<p>hello</p>")
            << int(McpError::Kind::Protocol) << QStringLiteral("Content-Type");
        QTest::newRow("unknown id only")
            << 200 << QByteArray("application/json")
            << QByteArray(R"({"jsonrpc":"2.0","id":999999,"result":{}})")
            << int(McpError::Kind::Protocol) << QStringLiteral("no response");
        QTest::newRow("JSON-RPC error in 400")
            << 400 << QByteArray("application/json")
            << QByteArray(
                   R"({"jsonrpc":"2.0","error":{"code":-32600,"message":"Bad things"},"id":null})")
            << int(McpError::Kind::Http) << QStringLiteral("Bad things");
        QTest::newRow("503 retry-after") << 503 << QByteArray("text/plain") << QByteArray("busy")
                                         << int(McpError::Kind::Http) << QStringLiteral("503");
        QTest::newRow("empty 200")
            << 200 << QByteArray("application/json") << QByteArray()
            << int(McpError::Kind::Protocol) << QStringLiteral("empty answer");
    }
    void badAnswers()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, body);
        QFETCH(int, kind);
        QFETCH(QString, needle);
        m_server->setHandler(standardServer([&](const auto &, QTcpSocket *socket) {
            ScriptedHttpServer::respond(socket, status, contentType, body, {{"Retry-After", "7"}});
        }));
        McpClient client(options());
        QVERIFY(connectClient(client));
        QSignalSpy requestErrors(&client, &McpClient::requestErrorOccurred);
        McpReply *reply = client.callTool(QStringLiteral("echo"), QJsonObject());
        QVERIFY(waitFor(reply));
        QVERIFY(reply->isError());
        QCOMPARE(int(reply->error().kind), kind);
        QVERIFY2(reply->error().message.contains(needle), qPrintable(reply->error().message));
        QCOMPARE(reply->error().serverId, QStringLiteral("w1"));
        verifyNoTokenIn(reply->error().toString());
        if (status == 503)
            QCOMPARE(reply->error().retryAfterMs, 7000);
        if (status >= 500)
            QCOMPARE(requestErrors.size(), 1); // passive health detection hears of it
        QCOMPARE(client.state(),
                 McpClient::State::Connected); // one bad answer is not a dead server
    }

    void streamThatNeverAnswersTimesOut()
    {
        m_server->setHandler(standardServer([](const auto &, QTcpSocket *socket) {
            ScriptedHttpServer::startStream(socket);
            ScriptedHttpServer::writeChunk(socket, ": still here\n\n");
        }));
        McpClient client(options(400));
        QVERIFY(connectClient(client));
        McpReply *reply = client.callTool(QStringLiteral("sleep"), QJsonObject());
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().kind, McpError::Kind::Timeout);
        QVERIFY(reply->error().message.contains(QStringLiteral("timeout")));
        // notifications/cancelled went to the server.
        QTRY_VERIFY(
            std::any_of(m_server->requests.cbegin(), m_server->requests.cend(), [](const auto &r) {
                return parseBody(r).value(QStringLiteral("method")).toString()
                    == QLatin1String("notifications/cancelled");
            }));
    }

    void callerCancelStopsTheCall()
    {
        m_server->setHandler(standardServer(
            [](const auto &, QTcpSocket *socket) { ScriptedHttpServer::startStream(socket); }));
        McpClient client(options());
        QVERIFY(connectClient(client));
        McpReply *reply = client.callTool(QStringLiteral("sleep"), QJsonObject());
        QTRY_VERIFY(!reply->requestId().isUndefined());
        QTRY_VERIFY(
            std::any_of(m_server->requests.cbegin(), m_server->requests.cend(), [](const auto &r) {
                return parseBody(r).value(QStringLiteral("method")).toString()
                    == QLatin1String("tools/call");
            })); // the call is at the server
        reply->cancel();
        QVERIFY(reply->isFinished());
        QCOMPARE(reply->error().kind, McpError::Kind::Cancelled);
        QTRY_VERIFY(
            std::any_of(m_server->requests.cbegin(), m_server->requests.cend(), [](const auto &r) {
                return parseBody(r).value(QStringLiteral("method")).toString()
                    == QLatin1String("notifications/cancelled");
            }));
    }

    void bodyOverLimitIsRefused()
    {
        m_server->setHandler(standardServer([](const auto &request, QTcpSocket *socket) {
            const QJsonValue id = parseBody(request).value(QStringLiteral("id"));
            ScriptedHttpServer::respond(
                socket, 200, "application/json",
                rpcResult(id, textResult(QString(200000, QLatin1Char('x')))));
        }));
        McpClientOptions o = options();
        o.maxBodyBytes = 64 * 1024;
        McpClient client(o);
        QVERIFY(connectClient(client));
        McpReply *reply = client.callTool(QStringLiteral("big"), QJsonObject());
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().kind, McpError::Kind::TooLarge);
    }

    void eventOverLimitIsRefused()
    {
        m_server->setHandler(standardServer([](const auto &, QTcpSocket *socket) {
            ScriptedHttpServer::startStream(socket);
            ScriptedHttpServer::writeChunk(socket,
                                           "data: " + QByteArray(100000, 'y')); // no line end, ever
        }));
        McpClientOptions o = options();
        o.maxBodyBytes = 64 * 1024;
        McpClient client(o);
        QVERIFY(connectClient(client));
        McpReply *reply = client.callTool(QStringLiteral("big"), QJsonObject());
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().kind, McpError::Kind::TooLarge);
    }

    void refusedConnection()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        McpClientOptions o = options();
        o.baseUrl = QUrl(QStringLiteral("http://127.0.0.1:%1/mcp").arg(port));
        McpClient client(o);
        QSignalSpy failed(&client, &McpClient::connectFailed);
        client.connectToServer();
        QTRY_COMPARE(failed.size(), 1);
        const McpError error = failed.first().first().value<McpError>();
        QCOMPARE(error.kind, McpError::Kind::Transport);
        QVERIFY2(error.message.contains(QStringLiteral("refused")), qPrintable(error.message));
        QVERIFY(error.notDelivered); // safe to send elsewhere
        verifyNoTokenIn(error.toString());
        QCOMPARE(client.state(), McpClient::State::Failed);
        // Calls on a failed client end at once with a clear error.
        McpReply *reply = client.ping();
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().kind, McpError::Kind::NotConnected);
    }

    void retriesWithBackoffThenGivesUp()
    {
        FakeTimerSource clock;
        m_server->setHandler([](const auto &, QTcpSocket *socket) {
            ScriptedHttpServer::respond(socket, 500, "text/plain", "down");
        });
        McpClientOptions o = options();
        o.timers = &clock;
        o.retryAttempts = 2;
        o.reconnectDelayMs = 1000;
        o.backoffJitter = 0;
        McpClient client(o);
        QSignalSpy failed(&client, &McpClient::connectFailed);
        client.connectToServer();
        QTRY_COMPARE(m_server->requests.size(), 1);
        QTRY_COMPARE(clock.nextDue() - clock.nowMs(), 1000); // first retry after the base delay
        clock.advance(1000);
        QTRY_COMPARE(m_server->requests.size(), 2);
        QTRY_COMPARE(clock.nextDue() - clock.nowMs(), 2000); // then doubled
        clock.advance(2000);
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(m_server->requests.size(), 3);
        QCOMPARE(client.state(), McpClient::State::Failed);
    }

    void unsupportedProtocolVersionIsRefused()
    {
        m_server->setHandler([](const auto &request, QTcpSocket *socket) {
            ScriptedHttpServer::respond(socket, 200, "application/json",
                                        rpcResult(parseBody(request).value(QStringLiteral("id")),
                                                  initializeResult(QStringLiteral("2023-01-01"))));
        });
        McpClient client(options());
        QSignalSpy failed(&client, &McpClient::connectFailed);
        client.connectToServer();
        QTRY_COMPARE(failed.size(), 1);
        const McpError error = failed.first().first().value<McpError>();
        QCOMPARE(error.kind, McpError::Kind::UnsupportedVersion);
        QVERIFY(error.message.contains(QStringLiteral("2023-01-01")));
    }

    void legacyFallbackOn405()
    {
        m_server->setHandler([this](const ScriptedHttpServer::Request &request,
                                    QTcpSocket *socket) {
            static QPointer<QTcpSocket> stream;
            if (request.method == "POST" && request.path == "/mcp") {
                ScriptedHttpServer::respond(socket, 405, "text/plain", "use SSE");
            } else if (request.method == "GET" && request.path == "/mcp") {
                stream = socket;
                ScriptedHttpServer::startStream(socket);
                ScriptedHttpServer::writeChunk(socket,
                                               "event: endpoint\ndata: /messages?session=abc\n\n");
            } else if (request.method == "POST" && request.path.startsWith("/messages")) {
                ScriptedHttpServer::respond(socket, 202, "text/plain", "Accepted");
                const QJsonObject body = parseBody(request);
                const QString method = body.value(QStringLiteral("method")).toString();
                if (!stream || !body.contains(QStringLiteral("id")))
                    return;
                const QJsonObject result = method == QLatin1String("initialize")
                    ? initializeResult(QStringLiteral("2024-11-05"))
                    : textResult(QStringLiteral("legacy"));
                ScriptedHttpServer::writeChunk(
                    stream,
                    SseEvent::encode(
                        QString::fromUtf8(rpcResult(body.value(QStringLiteral("id")), result)),
                        QStringLiteral("message")));
            }
        });
        McpClient client(options());
        QVERIFY(connectClient(client));
        QCOMPARE(client.transportName(), QStringLiteral("sse"));
        QCOMPARE(client.serverInfo().protocolVersion, QStringLiteral("2024-11-05"));
        McpReply *reply = client.callTool(QStringLiteral("echo"), QJsonObject());
        QVERIFY(waitFor(reply));
        QVERIFY2(!reply->isError(), qPrintable(reply->error().message));
        QCOMPARE(reply->toolResult().text(), QStringLiteral("legacy"));
    }

    void legacyEndpointOnOtherOriginIsRefused()
    {
        m_server->setHandler([](const ScriptedHttpServer::Request &request, QTcpSocket *socket) {
            if (request.method == "GET") {
                ScriptedHttpServer::startStream(socket);
                ScriptedHttpServer::writeChunk(
                    socket, "event: endpoint\ndata: http://evil.example:9/steal\n\n");
            }
        });
        McpClientOptions o = options();
        o.transport = McpClientOptions::TransportMode::LegacySse;
        McpClient client(o);
        QSignalSpy failed(&client, &McpClient::connectFailed);
        client.connectToServer();
        QTRY_COMPARE(failed.size(), 1);
        const McpError error = failed.first().first().value<McpError>();
        QVERIFY2(error.message.contains(QStringLiteral("same origin")), qPrintable(error.message));
    }

    void outputSchemaIsChecked()
    {
        int calls = 0;
        m_server->setHandler(standardServer([&](const auto &request, QTcpSocket *socket) {
            const QJsonObject body = parseBody(request);
            const QJsonValue id = body.value(QStringLiteral("id"));
            if (body.value(QStringLiteral("method")).toString() == QLatin1String("tools/list")) {
                ScriptedHttpServer::respond(socket, 200, "application/json",
                                            rpcResult(id, toolsResult()));
                return;
            }
            QJsonObject result = textResult(QStringLiteral("5"));
            QJsonObject structured;
            if (calls++ == 0)
                structured.insert(QStringLiteral("sum"), 5);
            else
                structured.insert(QStringLiteral("sum"), QStringLiteral("five")); // wrong type
            result.insert(QStringLiteral("structuredContent"), structured);
            ScriptedHttpServer::respond(socket, 200, "application/json", rpcResult(id, result));
        }));
        McpClientOptions o = options();
        o.fetchCatalog = true;
        McpClient client(o);
        QSignalSpy toolsChanged(&client, &McpClient::toolsChanged);
        QVERIFY(connectClient(client));
        QTRY_COMPARE(toolsChanged.size(), 1);
        QVERIFY(client.hasTool(QStringLiteral("add")));
        McpReply *good = client.callTool(QStringLiteral("add"), QJsonObject());
        QVERIFY(waitFor(good));
        QVERIFY(good->toolResult().schemaChecked);
        QVERIFY(good->toolResult().schemaViolations.isEmpty());
        McpReply *bad = client.callTool(QStringLiteral("add"), QJsonObject());
        QVERIFY(waitFor(bad));
        QVERIFY(!bad->isError()); // a result, flagged
        QCOMPARE(bad->toolResult().schemaViolations.size(), 1);
        QVERIFY2(bad->toolResult().schemaViolations.first().contains(QStringLiteral("/sum")),
                 qPrintable(bad->toolResult().schemaViolations.first()));
    }

    void toolErrorIsAResult()
    {
        m_server->setHandler(standardServer([](const auto &request, QTcpSocket *socket) {
            ScriptedHttpServer::respond(socket, 200, "application/json",
                                        rpcResult(parseBody(request).value(QStringLiteral("id")),
                                                  textResult(QStringLiteral("nope"), true)));
        }));
        McpClient client(options());
        QVERIFY(connectClient(client));
        McpReply *reply = client.callTool(QStringLiteral("fail"), QJsonObject());
        QVERIFY(waitFor(reply));
        QVERIFY(!reply->isError());
        QVERIFY(reply->toolResult().isError);
        QCOMPARE(client.stats().toolErrors, 1);
        QCOMPARE(client.stats().errors, 0);
    }

    void listingFollowsCursors()
    {
        m_server->setHandler(standardServer([](const auto &request, QTcpSocket *socket) {
            const QJsonObject body = parseBody(request);
            const QString cursor = body.value(QStringLiteral("params"))
                                       .toObject()
                                       .value(QStringLiteral("cursor"))
                                       .toString();
            const int page = cursor.isEmpty() ? 0 : cursor.mid(1).toInt();
            QJsonArray tools;
            for (int i = 0; i < 2; ++i) {
                QJsonObject t;
                t.insert(QStringLiteral("name"), QStringLiteral("t%1").arg(page * 2 + i));
                t.insert(QStringLiteral("inputSchema"), QJsonObject());
                tools.append(t);
            }
            QJsonObject result;
            result.insert(QStringLiteral("tools"), tools);
            if (page < 2)
                result.insert(QStringLiteral("nextCursor"), QStringLiteral("c%1").arg(page + 1));
            ScriptedHttpServer::respond(socket, 200, "application/json",
                                        rpcResult(body.value(QStringLiteral("id")), result));
        }));
        McpClient client(options());
        QVERIFY(connectClient(client));
        McpReply *reply = client.listTools();
        QVERIFY(waitFor(reply));
        QVERIFY(!reply->isError());
        QCOMPARE(reply->result().value(QStringLiteral("tools")).toArray().size(), 6);
    }

    void listingThatLoopsIsStopped()
    {
        m_server->setHandler(standardServer([](const auto &request, QTcpSocket *socket) {
            QJsonObject result;
            result.insert(QStringLiteral("tools"), QJsonArray());
            result.insert(QStringLiteral("nextCursor"), QStringLiteral("same"));
            ScriptedHttpServer::respond(
                socket, 200, "application/json",
                rpcResult(parseBody(request).value(QStringLiteral("id")), result));
        }));
        McpClient client(options());
        QVERIFY(connectClient(client));
        McpReply *reply = client.listTools();
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().kind, McpError::Kind::Protocol);
    }

    void redirectsOnlyToSameOrigin()
    {
        ScriptedHttpServer other;
        QVERIFY(other.listen());
        other.setHandler([](const auto &, QTcpSocket *socket) {
            ScriptedHttpServer::respond(socket, 500, "text/plain", "should not be here");
        });
        const QByteArray elsewhere = other.url().toString().toLatin1();
        m_server->setHandler([&](const ScriptedHttpServer::Request &request, QTcpSocket *socket) {
            ScriptedHttpServer::respond(socket, 307, "text/plain", "moved",
                                        {{"Location", elsewhere}});
            Q_UNUSED(request)
        });
        McpClient client(options());
        QSignalSpy failed(&client, &McpClient::connectFailed);
        client.connectToServer();
        QTRY_COMPARE(failed.size(), 1);
        QCOMPARE(other.requests.size(), 0);
    }

    void tlsErrorsAreReportedNotIgnored()
    {
        if (QStandardPaths::findExecutable(QStringLiteral("openssl")).isEmpty())
            QSKIP("openssl is needed to make a self-signed certificate");
        QTemporaryDir dir;
        const QString key = dir.filePath(QStringLiteral("key.pem"));
        const QString cert = dir.filePath(QStringLiteral("cert.pem"));
        QProcess openssl;
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("rsa:2048"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), key, QStringLiteral("-out"), cert,
                       QStringLiteral("-days"), QStringLiteral("1"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=127.0.0.1")});
        QVERIFY(openssl.waitForFinished(30000));
        QCOMPARE(openssl.exitCode(), 0);
        QFile keyFile(key), certFile(cert);
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        QVERIFY(certFile.open(QIODevice::ReadOnly));
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setPrivateKey(QSslKey(keyFile.readAll(), QSsl::Rsa));
        config.setLocalCertificate(QSslCertificate(certFile.readAll()));
        QSslServer server;
        server.setSslConfiguration(config);
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));

        McpClientOptions o = options();
        o.baseUrl = QUrl(QStringLiteral("https://127.0.0.1:%1/mcp").arg(server.serverPort()));
        McpClient client(o);
        QSignalSpy failed(&client, &McpClient::connectFailed);
        client.connectToServer();
        QTRY_COMPARE_WITH_TIMEOUT(failed.size(), 1, 10000);
        const McpError error = failed.first().first().value<McpError>();
        QCOMPARE(error.kind, McpError::Kind::Tls);
        QVERIFY2(error.message.contains(QStringLiteral("self signed"), Qt::CaseInsensitive)
                     || error.message.contains(QStringLiteral("self-signed"), Qt::CaseInsensitive),
                 qPrintable(error.message));
        verifyNoTokenIn(error.toString());
        QCOMPARE(client.state(), McpClient::State::Failed);
    }

    void notificationsReachTheClient()
    {
        QPointer<QTcpSocket> stream;
        int toolLists = 0;
        m_server->setHandler([&](const ScriptedHttpServer::Request &request, QTcpSocket *socket) {
            if (request.method == "GET") {
                stream = socket;
                ScriptedHttpServer::startStream(socket);
                ScriptedHttpServer::writeChunk(socket, ": open\n\n");
                return;
            }
            standardServer([&](const auto &r, QTcpSocket *s) {
                ++toolLists;
                ScriptedHttpServer::respond(
                    s, 200, "application/json",
                    rpcResult(parseBody(r).value(QStringLiteral("id")), toolsResult()));
            })(request, socket);
        });
        McpClientOptions o = options();
        o.fetchCatalog = true;
        McpClient client(o);
        QSignalSpy toolsChanged(&client, &McpClient::toolsChanged);
        QSignalSpy logs(&client, &McpClient::logMessageReceived);
        QSignalSpy resourcesChanged(&client, &McpClient::resourcesChanged);
        QVERIFY(connectClient(client));
        QVERIFY(stream); // the GET stream was open before "connected"
        QTRY_COMPARE(toolsChanged.size(), 1);
        ScriptedHttpServer::writeChunk(
            stream,
            "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}\n\n");
        ScriptedHttpServer::writeChunk(stream,
                                       "data: "
                                       "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/"
                                       "message\",\"params\":{\"level\":\"warning\",\"logger\":"
                                       "\"db\",\"data\":\"slow query\"}}\n\n");
        ScriptedHttpServer::writeChunk(
            stream,
            "data: {\"jsonrpc\":\"2.0\",\"method\":\"notifications/resources/list_changed\"}\n\n");
        ScriptedHttpServer::writeChunk(stream, "data: this is not json\n\n"); // reported, not fatal
        QTRY_COMPARE(toolsChanged.size(), 2); // fetched again
        QCOMPARE(toolLists, 2);
        QTRY_COMPARE(logs.size(), 1);
        QCOMPARE(logs.first().at(0).toString(), QStringLiteral("warning"));
        QCOMPARE(logs.first().at(2).toJsonValue().toString(), QStringLiteral("slow query"));
        QCOMPARE(resourcesChanged.size(), 1);
        QTRY_COMPARE(client.stats().protocolErrors, 1);
        QCOMPARE(client.state(), McpClient::State::Connected);
    }

    void reconnectFailsWhatWasPendingAndConnectsAgain()
    {
        int initializes = 0;
        m_server->setHandler([&](const ScriptedHttpServer::Request &request, QTcpSocket *socket) {
            if (parseBody(request).value(QStringLiteral("method")).toString()
                == QLatin1String("initialize"))
                ++initializes;
            standardServer([](const auto &, QTcpSocket *s) { ScriptedHttpServer::startStream(s); })(
                request, socket);
        });
        McpClient client(options());
        QVERIFY(connectClient(client));
        McpReply *stuck = client.callTool(QStringLiteral("sleep"), QJsonObject());
        QTRY_VERIFY(!stuck->requestId().isUndefined());
        QSignalSpy connected(&client, &McpClient::connected);
        client.reconnect();
        QVERIFY(stuck->isFinished());
        QCOMPARE(stuck->error().kind, McpError::Kind::Transport);
        QTRY_COMPARE(client.state(), McpClient::State::Connected);
        QCOMPARE(initializes, 2);
        QCOMPARE(client.stats().reconnects, 1);
    }

    void sameOriginRedirectIsFollowed()
    {
        m_server->setHandler([](const ScriptedHttpServer::Request &request, QTcpSocket *socket) {
            if (request.path == "/mcp") {
                ScriptedHttpServer::respond(socket, 307, "text/plain", "moved",
                                            {{"Location", "/v2/mcp"}});
                return;
            }
            standardServer([](const auto &r, QTcpSocket *s) {
                ScriptedHttpServer::respond(
                    s, 200, "application/json",
                    rpcResult(parseBody(r).value(QStringLiteral("id")), QJsonObject()));
            })(request, socket);
        });
        McpClient client(options());
        QVERIFY(connectClient(client));
        QVERIFY(
            std::any_of(m_server->requests.cbegin(), m_server->requests.cend(), [](const auto &r) {
                return r.path == "/v2/mcp" && r.method == "POST"
                    && parseBody(r).value(QStringLiteral("method")).toString()
                    == QLatin1String("initialize");
            }));
    }

    void authHandlerAuthorizesAndResends()
    {
        // 401 without a token, 403 insufficient_scope with t1, fine with t2.
        QList<QByteArray> seen;
        m_server->setHandler([&](const ScriptedHttpServer::Request &request, QTcpSocket *socket) {
            if (request.method != "POST") {
                ScriptedHttpServer::respond(socket, 405, {}, {});
                return;
            }
            const QByteArray auth = request.header("authorization");
            seen << auth;
            const QJsonObject body = parseBody(request);
            if (auth.isEmpty()) {
                ScriptedHttpServer::respond(
                    socket, 401, "application/json", R"({"error":"invalid_token"})",
                    {{"WWW-Authenticate",
                      "Bearer resource_metadata=\"http://127.0.0.1/.well-known/"
                      "oauth-protected-resource\""}});
            } else if (auth == "Bearer t1"
                       && body.value(QStringLiteral("method")) == QLatin1String("tools/call")) {
                ScriptedHttpServer::respond(
                    socket, 403, "text/plain", "more scope",
                    {{"WWW-Authenticate",
                      "Bearer error=\"insufficient_scope\", scope=\"tools:write\""}});
            } else if (body.value(QStringLiteral("method")) == QLatin1String("initialize")) {
                ScriptedHttpServer::respond(
                    socket, 200, "application/json",
                    rpcResult(body.value(QStringLiteral("id")), initializeResult()),
                    {{"Mcp-Session-Id", "s1"}});
            } else if (!body.contains(QStringLiteral("id"))) {
                ScriptedHttpServer::respond(socket, 202, {}, {});
            } else {
                ScriptedHttpServer::respond(
                    socket, 200, "application/json",
                    rpcResult(body.value(QStringLiteral("id")), textResult(QStringLiteral("ok"))));
            }
        });
        FakeAuth auth;
        McpClientOptions o = options();
        o.authToken.clear();
        o.auth = &auth;
        McpClient client(o);
        QVERIFY(connectClient(client));
        QCOMPARE(auth.asked, 1);
        QCOMPARE(auth.statuses.first(), 401);
        QVERIFY(auth.challenges.first().contains("resource_metadata"));
        QCOMPARE(auth.rejected.first(), QString());
        McpReply *reply = client.callTool(QStringLiteral("echo"), QJsonObject());
        QVERIFY(waitFor(reply));
        QVERIFY2(!reply->isError(), qPrintable(reply->error().message));
        QCOMPARE(auth.asked, 2);
        QCOMPARE(auth.statuses.at(1), 403);
        QCOMPARE(auth.rejected.at(1), QStringLiteral("t1"));
        QCOMPARE(seen.last(), QByteArray("Bearer t2"));
    }

    void authRefusalsAreBounded()
    {
        int posts = 0;
        m_server->setHandler([&](const ScriptedHttpServer::Request &request, QTcpSocket *socket) {
            if (request.method == "POST")
                ++posts;
            ScriptedHttpServer::respond(socket, 401, "text/plain", "no",
                                        {{"WWW-Authenticate", "Bearer"}});
        });
        FakeAuth auth;
        McpClientOptions o = options();
        o.authToken.clear();
        o.auth = &auth;
        {
            McpClient client(o);
            QVERIFY(!connectClient(client));
            QCOMPARE(auth.asked, 3); // three authorizations, then the 401 stands
            QCOMPARE(posts, 4);
            const McpError e = client.lastError();
            QCOMPARE(e.httpStatus, 401);
        }
        // The authorizer gives up: its error is the request's.
        auth.asked = 0;
        auth.failWith
            = McpError::make(McpError::Kind::Http, QStringLiteral("sign-in was cancelled"), 401);
        McpClient client(o);
        QSignalSpy failed(&client, &McpClient::connectFailed);
        client.connectToServer();
        QVERIFY(QTest::qWaitFor([&]() { return !failed.isEmpty(); }, 5000));
        QCOMPARE(auth.asked, 1);
        QVERIFY(failed.first().first().value<McpError>().message.contains(
            QStringLiteral("sign-in was cancelled")));
    }
};

QTEST_GUILESS_MAIN(TestMcpClient)
#include "tst_mcpclient.moc"
