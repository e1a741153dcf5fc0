// Request/response pairing on Streamable HTTP: what arrives on a POST's body or
// SSE stream answers only the request that POST carried. A server that, under
// concurrent calls, answers each POST with another call's id must never
// complete a call with another call's result: every call ends with its own
// result or with a clear error.

#include "scriptedhttpserver.h"

#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"
#include "net/sseevent.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace mcppm;

namespace {

QJsonObject parseBody(const ScriptedHttpServer::Request &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QJsonObject initializeResult()
{
    QJsonObject r;
    r.insert(QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25"));
    r.insert(QStringLiteral("capabilities"), QJsonObject{{QStringLiteral("tools"), QJsonObject()}});
    r.insert(QStringLiteral("serverInfo"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("pairing")},
                         {QStringLiteral("version"), QStringLiteral("1")}});
    return r;
}

QJsonObject textResult(const QString &text)
{
    QJsonObject item{{QStringLiteral("type"), QStringLiteral("text")},
                     {QStringLiteral("text"), text}};
    return QJsonObject{{QStringLiteral("content"), QJsonArray{item}}};
}

int callNumber(const QJsonObject &body)
{
    return body.value(QStringLiteral("params"))
        .toObject()
        .value(QStringLiteral("arguments"))
        .toObject()
        .value(QStringLiteral("n"))
        .toInt(-1);
}

} // namespace

class TestResponsePairing : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void init();
    void cleanup();
    void answersWithOtherIdsNeverCompleteOtherCalls_data();
    void answersWithOtherIdsNeverCompleteOtherCalls();
    void notificationsAndServerRequestsOnAPostStreamAreFine();
    void nullIdErrorOnAPostIsThatRequestsError();

private:
    McpClientOptions options() const
    {
        McpClientOptions o;
        o.protocol = McpClientOptions::ProtocolMode::Legacy; // the 2025-11-25 wire
        o.serverId = QStringLiteral("p1");
        o.baseUrl = m_server->url();
        o.timeoutMs = 5000;
        o.retryAttempts = 0;
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

    std::unique_ptr<ScriptedHttpServer> m_server;
};

void TestResponsePairing::init()
{
    m_server = std::make_unique<ScriptedHttpServer>();
    QVERIFY(m_server->listen());
}

void TestResponsePairing::cleanup()
{
    m_server.reset();
}

void TestResponsePairing::answersWithOtherIdsNeverCompleteOtherCalls_data()
{
    QTest::addColumn<bool>("sse"); // answers on SSE streams (else JSON bodies)
    QTest::addColumn<bool>("mixed"); // every other POST is answered correctly
    QTest::newRow("json, all swapped") << false << false;
    QTest::newRow("sse, all swapped") << true << false;
    QTest::newRow("json, half swapped") << false << true;
    QTest::newRow("sse, half swapped") << true << true;
}

void TestResponsePairing::answersWithOtherIdsNeverCompleteOtherCalls()
{
    QFETCH(bool, sse);
    QFETCH(bool, mixed);
    constexpr int kCalls = 8;
    struct Held
    {
        QPointer<QTcpSocket> socket;
        QJsonValue id;
        int n = -1;
    };
    QList<Held> held;
    auto answer = [sse](QTcpSocket *socket, const QJsonValue &id, const QString &text) {
        const QByteArray json = JsonRpcMessage::response(id, textResult(text)).toBytes();
        if (!sse) {
            ScriptedHttpServer::respond(socket, 200, "application/json", json);
            return;
        }
        ScriptedHttpServer::startStream(socket);
        ScriptedHttpServer::writeChunk(socket, SseEvent::encode(QString::fromUtf8(json)));
        ScriptedHttpServer::endChunks(socket);
    };
    m_server->setHandler([&](const ScriptedHttpServer::Request &request, QTcpSocket *socket) {
        if (request.method != "POST") {
            ScriptedHttpServer::respond(socket, 405, {}, {});
            return;
        }
        const QJsonObject body = parseBody(request);
        const QString method = body.value(QStringLiteral("method")).toString();
        if (method == QLatin1String("initialize")) {
            ScriptedHttpServer::respond(
                socket, 200, "application/json",
                JsonRpcMessage::response(body.value(QStringLiteral("id")), initializeResult())
                    .toBytes(),
                {{"Mcp-Session-Id", "pairing-1"}});
            return;
        }
        if (!body.contains(QStringLiteral("id"))) {
            ScriptedHttpServer::respond(socket, 202, {}, {});
            return;
        }
        // tools/call: held until all calls are in, then each POST k is answered
        // with call k+1's id, saying which POST it came on.
        held.append({socket, body.value(QStringLiteral("id")), callNumber(body)});
        if (held.size() < kCalls)
            return;
        for (int k = 0; k < kCalls; ++k) {
            const Held &on = held.at(k);
            const bool swap = !mixed || k % 2 == 1;
            const QJsonValue id = swap ? held.at((k + 1) % kCalls).id : on.id;
            if (on.socket)
                answer(on.socket, id, QStringLiteral("sent on the POST of call %1").arg(on.n));
        }
    });
    McpClient client(options());
    QVERIFY(connectClient(client));

    QList<QPointer<McpReply>> replies;
    for (int n = 0; n < kCalls; ++n)
        replies.append(
            client.callTool(QStringLiteral("echo"), QJsonObject{{QStringLiteral("n"), n}}));
    QVERIFY(QTest::qWaitFor(
        [&]() {
            return std::all_of(replies.cbegin(), replies.cend(),
                               [](const QPointer<McpReply> &r) { return r && r->isFinished(); });
        },
        5000));
    int own = 0;
    int refused = 0;
    for (int n = 0; n < kCalls; ++n) {
        McpReply *reply = replies.at(n);
        if (reply->isError()) {
            ++refused;
            const QString text = reply->error().message;
            QVERIFY2(text.contains(QLatin1String("carries id")), qPrintable(text));
            QVERIFY2(reply->error().kind == McpError::Kind::Protocol, qPrintable(text));
        } else {
            ++own;
            QCOMPARE(reply->toolResult().text(),
                     QStringLiteral("sent on the POST of call %1").arg(n));
        }
    }
    QCOMPARE(refused, mixed ? kCalls / 2 : kCalls);
    QCOMPARE(own, mixed ? kCalls / 2 : 0);
    QVERIFY(client.isConnected()); // a bad answer fails one call, not the session
}

void TestResponsePairing::notificationsAndServerRequestsOnAPostStreamAreFine()
{
    m_server->setHandler([&](const ScriptedHttpServer::Request &request, QTcpSocket *socket) {
        if (request.method != "POST") {
            ScriptedHttpServer::respond(socket, 405, {}, {});
            return;
        }
        const QJsonObject body = parseBody(request);
        const QString method = body.value(QStringLiteral("method")).toString();
        const QJsonValue id = body.value(QStringLiteral("id"));
        if (method == QLatin1String("initialize")) {
            ScriptedHttpServer::respond(socket, 200, "application/json",
                                        JsonRpcMessage::response(id, initializeResult()).toBytes(),
                                        {{"Mcp-Session-Id", "pairing-2"}});
        } else if (!body.contains(QStringLiteral("method"))
                   || !body.contains(QStringLiteral("id"))) {
            ScriptedHttpServer::respond(socket, 202, {}, {});
        } else {
            ScriptedHttpServer::startStream(socket);
            ScriptedHttpServer::writeChunk(
                socket,
                SseEvent::encode(QString::fromUtf8(
                    JsonRpcMessage::notification(
                        QStringLiteral("notifications/message"),
                        QJsonObject{{QStringLiteral("level"), QStringLiteral("info")}})
                        .toBytes())));
            ScriptedHttpServer::writeChunk(
                socket,
                SseEvent::encode(QString::fromUtf8(
                    JsonRpcMessage::request(QJsonValue(77), QStringLiteral("ping")).toBytes())));
            ScriptedHttpServer::writeChunk(
                socket,
                SseEvent::encode(QString::fromUtf8(
                    JsonRpcMessage::response(id, textResult(QStringLiteral("mine"))).toBytes())));
            ScriptedHttpServer::endChunks(socket);
        }
    });
    McpClient client(options());
    QVERIFY(connectClient(client));
    McpReply *reply = client.callTool(QStringLiteral("echo"), QJsonObject());
    QVERIFY(QTest::qWaitFor([reply]() { return reply->isFinished(); }, 5000));
    QVERIFY2(!reply->isError(), qPrintable(reply->error().message));
    QCOMPARE(reply->toolResult().text(), QStringLiteral("mine"));
    // The ping was answered (a POST carrying a result for id 77).
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(m_server->requests.cbegin(), m_server->requests.cend(),
                                         [](const ScriptedHttpServer::Request &r) {
                                             const QJsonObject b = parseBody(r);
                                             return b.contains(QStringLiteral("result"))
                                                 && b.value(QStringLiteral("id")) == QJsonValue(77);
                                         }),
                             5000);
}

void TestResponsePairing::nullIdErrorOnAPostIsThatRequestsError()
{
    m_server->setHandler([&](const ScriptedHttpServer::Request &request, QTcpSocket *socket) {
        if (request.method != "POST") {
            ScriptedHttpServer::respond(socket, 405, {}, {});
            return;
        }
        const QJsonObject body = parseBody(request);
        const QString method = body.value(QStringLiteral("method")).toString();
        const QJsonValue id = body.value(QStringLiteral("id"));
        if (method == QLatin1String("initialize")) {
            ScriptedHttpServer::respond(socket, 200, "application/json",
                                        JsonRpcMessage::response(id, initializeResult()).toBytes(),
                                        {{"Mcp-Session-Id", "pairing-3"}});
        } else if (!body.contains(QStringLiteral("id"))) {
            ScriptedHttpServer::respond(socket, 202, {}, {});
        } else {
            ScriptedHttpServer::respond(
                socket, 200, "application/json",
                R"({"jsonrpc":"2.0","id":null,"error":{"code":-32700,"message":"Parse error"}})");
        }
    });
    McpClient client(options());
    QVERIFY(connectClient(client));
    McpReply *reply = client.callTool(QStringLiteral("echo"), QJsonObject());
    QVERIFY(QTest::qWaitFor([reply]() { return reply->isFinished(); }, 5000));
    QVERIFY(reply->isError());
    QCOMPARE(reply->error().kind, McpError::Kind::Rpc);
    QCOMPARE(reply->error().rpcCode, -32700);
}

QTEST_GUILESS_MAIN(TestResponsePairing)
#include "tst_responsepairing.moc"
