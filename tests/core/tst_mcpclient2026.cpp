// McpClient on the MCP 2026-07-28 wire, against scripted servers: era
// detection and fallback by the spec's rules, the _meta envelope and request
// headers, x-mcp-header refusal, MRTR, tasks, list caching, cancellation by
// closing the stream. (Real peers: tst_sdk2interop, conformance2026_*.)

#include "mcp/mcpclient.h"
#include "mcp/mcpheaders.h"
#include "mcp/mcpreply.h"
#include "support/scriptedhttpserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTest>

using namespace mcppm;

namespace {
QJsonObject parseBody(const ScriptedHttpServer::Request &request)
{
    return QJsonDocument::fromJson(request.body).object();
}

QByteArray rpcResult(const QJsonValue &id, const QJsonObject &result)
{
    QJsonObject o{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                  {QStringLiteral("id"), id},
                  {QStringLiteral("result"), result}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray rpcError(const QJsonValue &id, int code, const QString &message,
                    const QJsonValue &data = QJsonValue::Undefined)
{
    QJsonObject error{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}};
    if (!data.isUndefined())
        error.insert(QStringLiteral("data"), data);
    QJsonObject o{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                  {QStringLiteral("id"), id},
                  {QStringLiteral("error"), error}};
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject json(const char *text)
{
    return QJsonDocument::fromJson(QByteArray(text)).object();
}

QJsonObject discoverResult(const QJsonObject &capabilities = json(R"({"tools":{}})"))
{
    QJsonObject r = json(R"({"resultType":"complete","supportedVersions":["2026-07-28"],
        "_meta":{"io.modelcontextprotocol/serverInfo":{"name":"modern","version":"1"}},
        "ttlMs":0,"cacheScope":"public"})");
    r.insert(QStringLiteral("capabilities"), capabilities);
    return r;
}

QJsonObject initializeResult()
{
    return json(R"({"protocolVersion":"2025-11-25","capabilities":{"tools":{}},
        "serverInfo":{"name":"legacy","version":"1"}})");
}

// params._meta["io.modelcontextprotocol/clientCapabilities"] of a request.
QJsonObject clientCapabilitiesOf(const ScriptedHttpServer::Request &request)
{
    return parseBody(request)
        .value(QLatin1String("params"))
        .toObject()
        .value(QLatin1String("_meta"))
        .toObject()
        .value(QLatin1String("io.modelcontextprotocol/clientCapabilities"))
        .toObject();
}

bool waitFor(McpReply *reply, int ms = 5000)
{
    if (reply->isFinished())
        return true;
    QSignalSpy spy(reply, &McpReply::finished);
    return spy.wait(ms);
}
} // namespace

class TestMcpClient2026 : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScriptedHttpServer> m_server;

    McpClientOptions options()
    {
        McpClientOptions o;
        o.serverId = QStringLiteral("m1");
        o.baseUrl = m_server->url();
        o.timeoutMs = 3000;
        o.retryAttempts = 0;
        o.fetchCatalog = false;
        return o;
    }

    bool connectClient(McpClient &client)
    {
        QSignalSpy ok(&client, &McpClient::connected);
        QSignalSpy failed(&client, &McpClient::connectFailed);
        client.connectToServer();
        for (int i = 0; i < 50 && ok.isEmpty() && failed.isEmpty(); ++i)
            QTest::qWait(100);
        return !ok.isEmpty();
    }

    QList<ScriptedHttpServer::Request> requestsFor(const QString &method) const
    {
        QList<ScriptedHttpServer::Request> found;
        for (const auto &r : m_server->requests) {
            if (parseBody(r).value(QStringLiteral("method")).toString() == method)
                found << r;
        }
        return found;
    }

    // A legacy (2025) server as the TS SDK v1 answers a request without a session.
    static void legacyServer(const ScriptedHttpServer::Request &request, QTcpSocket *socket,
                             int statusForModern, const QByteArray &modernBody)
    {
        const QJsonObject body = parseBody(request);
        const QString method = body.value(QStringLiteral("method")).toString();
        if (request.method != "POST") {
            ScriptedHttpServer::respond(socket, 405, {}, {});
        } else if (method == QLatin1String("initialize")) {
            ScriptedHttpServer::respond(
                socket, 200, "application/json",
                rpcResult(body.value(QStringLiteral("id")), initializeResult()),
                {{"Mcp-Session-Id", "s1"}});
        } else if (request.header("mcp-session-id").isEmpty()
                   && body.contains(QLatin1String("id"))) {
            ScriptedHttpServer::respond(socket, statusForModern,
                                        modernBody.isEmpty() ? QByteArray() : "application/json",
                                        modernBody);
        } else if (!body.contains(QStringLiteral("id"))) {
            ScriptedHttpServer::respond(socket, 202, {}, {});
        } else {
            ScriptedHttpServer::respond(
                socket, 200, "application/json",
                rpcResult(body.value(QStringLiteral("id")), json(R"({"tools":[]})")));
        }
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ScriptedHttpServer>();
        QVERIFY(m_server->listen());
    }
    void cleanup() { m_server.reset(); }

    void headerValuesAreEncodedAsTheSpecSays_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QByteArray>("header");
        QTest::newRow("plain") << QStringLiteral("us-west1") << QByteArray("us-west1");
        QTest::newRow("inner spaces") << QStringLiteral("us west 1") << QByteArray("us west 1");
        QTest::newRow("empty") << QString() << QByteArray();
        QTest::newRow("non-ASCII")
            << QStringLiteral("Hello, 世界") << QByteArray("=?base64?SGVsbG8sIOS4lueVjA==?=");
        QTest::newRow("padded") << QStringLiteral(" padded ")
                                << QByteArray("=?base64?IHBhZGRlZCA=?=");
        QTest::newRow("newline") << QStringLiteral("line1\nline2")
                                 << QByteArray("=?base64?bGluZTEKbGluZTI=?=");
        QTest::newRow("tab") << QStringLiteral("a\tb") << QByteArray("=?base64?YQli?=");
        QTest::newRow("looks like the sentinel")
            << QStringLiteral("=?base64?literal?=")
            << QByteArray("=?base64?PT9iYXNlNjQ/bGl0ZXJhbD89?=");
    }
    void headerValuesAreEncodedAsTheSpecSays()
    {
        QFETCH(QString, value);
        QFETCH(QByteArray, header);
        QCOMPARE(McpHeaders::encodeValue(value), header);
        QCOMPARE(McpHeaders::decodeValue(header), value);
    }

    void invalidHeaderAnnotationsAreFound_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<bool>("valid");
        QTest::newRow("string") << QByteArray(
            R"({"properties":{"r":{"type":"string","x-mcp-header":"Region"}}})")
                                << true;
        QTest::newRow("nested") << QByteArray(
            R"({"properties":{"o":{"type":"object","properties":{"n":{"type":"integer","x-mcp-header":"N"}}}}})")
                                << true;
        QTest::newRow("nullable string")
            << QByteArray(R"({"properties":{"r":{"type":["string","null"],"x-mcp-header":"R"}}})")
            << true;
        QTest::newRow("empty name")
            << QByteArray(R"({"properties":{"r":{"type":"string","x-mcp-header":""}}})") << false;
        QTest::newRow("number") << QByteArray(
            R"({"properties":{"r":{"type":"number","x-mcp-header":"R"}}})")
                                << false;
        QTest::newRow("object") << QByteArray(
            R"({"properties":{"r":{"type":"object","x-mcp-header":"R"}}})")
                                << false;
        QTest::newRow("duplicate ignoring case") << QByteArray(
            R"({"properties":{"a":{"type":"string","x-mcp-header":"My"},"b":{"type":"string","x-mcp-header":"my"}}})")
                                                 << false;
        QTest::newRow("space") << QByteArray(
            R"({"properties":{"r":{"type":"string","x-mcp-header":"My Region"}}})")
                               << false;
        QTest::newRow("non-ASCII")
            << QByteArray(R"({"properties":{"r":{"type":"string","x-mcp-header":"Région"}}})")
            << false;
        QTest::newRow("under items") << QByteArray(
            R"({"properties":{"l":{"type":"array","items":{"type":"string","x-mcp-header":"L"}}}})")
                                     << false;
        QTest::newRow("under anyOf") << QByteArray(
            R"({"anyOf":[{"properties":{"r":{"type":"string","x-mcp-header":"R"}}}]})")
                                     << false;
    }
    void invalidHeaderAnnotationsAreFound()
    {
        QFETCH(QByteArray, schema);
        QFETCH(bool, valid);
        QString why;
        QCOMPARE(McpHeaders::parameters(QJsonDocument::fromJson(schema).object(), nullptr, &why),
                 valid);
        QCOMPARE(why.isEmpty(), valid);
    }

    void modernServerIsFoundWithDiscover()
    {
        m_server->setHandler([](const auto &request, QTcpSocket *socket) {
            const QJsonObject body = parseBody(request);
            const QString method = body.value(QStringLiteral("method")).toString();
            const QJsonValue id = body.value(QStringLiteral("id"));
            if (method == QLatin1String("server/discover"))
                ScriptedHttpServer::respond(socket, 200, "application/json",
                                            rpcResult(id, discoverResult()));
            else
                ScriptedHttpServer::respond(
                    socket, 200, "application/json",
                    rpcResult(id, json(R"({"resultType":"complete","content":[]})")));
        });
        McpClient client(options());
        QVERIFY(connectClient(client));
        QCOMPARE(client.era(), McpClient::Era::Modern);
        QCOMPARE(client.protocolVersion(), QStringLiteral("2026-07-28"));
        QCOMPARE(client.serverInfo().name, QStringLiteral("modern"));
        QCOMPARE(client.serverSupportedVersions(), QStringList{QStringLiteral("2026-07-28")});

        McpReply *reply = client.callTool(QStringLiteral("echo name"), json(R"({"x":1})"));
        QVERIFY(waitFor(reply));
        QVERIFY2(!reply->isError(), qPrintable(reply->error().message));
        const auto calls = requestsFor(QStringLiteral("tools/call"));
        QCOMPARE(calls.size(), 1);
        const auto &call = calls.first();
        QCOMPARE(call.header("mcp-protocol-version"), QByteArray("2026-07-28"));
        QCOMPARE(call.header("mcp-method"), QByteArray("tools/call"));
        QCOMPARE(call.header("mcp-name"), QByteArray("echo name"));
        QVERIFY(call.header("mcp-session-id").isEmpty());
        const QJsonObject meta = parseBody(call)
                                     .value(QStringLiteral("params"))
                                     .toObject()
                                     .value(QStringLiteral("_meta"))
                                     .toObject();
        QCOMPARE(meta.value(QStringLiteral("io.modelcontextprotocol/protocolVersion")).toString(),
                 QStringLiteral("2026-07-28"));
        QVERIFY(
            meta.value(QStringLiteral("io.modelcontextprotocol/clientCapabilities")).isObject());
        QCOMPARE(meta.value(QStringLiteral("io.modelcontextprotocol/clientInfo"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("mcp-pool-monitor"));
        // Nothing of 2025: no initialize, no GET stream.
        QVERIFY(requestsFor(QStringLiteral("initialize")).isEmpty());
        for (const auto &r : m_server->requests)
            QCOMPARE(r.method, QByteArray("POST"));

        // Health: server/discover, never ping.
        McpReply *probe = client.ping();
        QVERIFY(waitFor(probe));
        QVERIFY(!probe->isError());
        QVERIFY(requestsFor(QStringLiteral("ping")).isEmpty());
        QCOMPARE(requestsFor(QStringLiteral("server/discover")).size(), 2);
    }

    void legacyServerFallsBackToInitialize_data()
    {
        QTest::addColumn<int>("status");
        QTest::addColumn<QByteArray>("body");
        QTest::newRow("400 not initialized (TS SDK v1)")
            << 400
            << rpcError(QJsonValue(QJsonValue::Null), -32000,
                        QStringLiteral("Bad Request: Server not initialized"));
        QTest::newRow("400 empty") << 400 << QByteArray();
        QTest::newRow("404 without JSON-RPC") << 404 << QByteArray();
        QTest::newRow("405") << 405 << QByteArray();
        QTest::newRow("-32022 naming only 2025")
            << 400
            << rpcError(1, -32022, QStringLiteral("Unsupported protocol version"),
                        json(R"({"supported":["2025-11-25"],"requested":"2026-07-28"})"));
    }
    void legacyServerFallsBackToInitialize()
    {
        QFETCH(int, status);
        QFETCH(QByteArray, body);
        m_server->setHandler([status, body](const auto &request, QTcpSocket *socket) {
            legacyServer(request, socket, status, body);
        });
        McpClient client(options());
        QVERIFY(connectClient(client));
        QCOMPARE(client.era(), McpClient::Era::Legacy);
        QCOMPARE(client.protocolVersion(), QStringLiteral("2025-11-25"));
        QCOMPARE(client.sessionId(), QStringLiteral("s1"));
        QCOMPARE(parseBody(m_server->requests.at(0)).value(QLatin1String("method")).toString(),
                 QStringLiteral("server/discover"));
        QCOMPARE(requestsFor(QStringLiteral("initialize")).size(), 1);

        // Reconnecting remembers the era: initialize first, no second probe.
        QSignalSpy again(&client, &McpClient::connected);
        client.reconnect();
        QVERIFY(again.wait(3000));
        QCOMPARE(requestsFor(QStringLiteral("server/discover")).size(), 1);
        QCOMPARE(requestsFor(QStringLiteral("initialize")).size(), 2);
    }

    void pinnedModernRefusesALegacyServerClearly()
    {
        m_server->setHandler([](const auto &request, QTcpSocket *socket) {
            legacyServer(request, socket, 400, QByteArray());
        });
        McpClientOptions o = options();
        o.protocol = McpClientOptions::ProtocolMode::Modern;
        McpClient client(o);
        QVERIFY(!connectClient(client));
        QVERIFY2(
            client.lastError().message.contains(QStringLiteral("does not speak MCP 2026-07-28")),
            qPrintable(client.lastError().message));
        QVERIFY(requestsFor(QStringLiteral("initialize")).isEmpty());
    }

    void unsupportedVersionNamingOnlyOthersIsRefused()
    {
        m_server->setHandler([](const auto &request, QTcpSocket *socket) {
            const QJsonValue id = parseBody(request).value(QStringLiteral("id"));
            ScriptedHttpServer::respond(
                socket, 400, "application/json",
                rpcError(id, -32022, QStringLiteral("Unsupported protocol version"),
                         json(R"({"supported":["2031-01-01"],"requested":"2026-07-28"})")));
        });
        McpClient client(options());
        QVERIFY(!connectClient(client));
        QCOMPARE(client.lastError().kind, McpError::Kind::UnsupportedVersion);
        QVERIFY(client.lastError().message.contains(QStringLiteral("2031-01-01")));
        QVERIFY(requestsFor(QStringLiteral("initialize")).isEmpty()); // modern: no fallback
    }

    void toolsWithBrokenAnnotationsAreLeftOutAndParametersMirrored()
    {
        m_server->setHandler([](const auto &request, QTcpSocket *socket) {
            const QJsonObject body = parseBody(request);
            const QString method = body.value(QStringLiteral("method")).toString();
            const QJsonValue id = body.value(QStringLiteral("id"));
            if (method == QLatin1String("server/discover")) {
                ScriptedHttpServer::respond(socket, 200, "application/json",
                                            rpcResult(id, discoverResult()));
            } else if (method == QLatin1String("tools/list")) {
                ScriptedHttpServer::respond(
                    socket, 200, "application/json",
                    rpcResult(id, json(R"({"resultType":"complete","ttlMs":60000,
                        "cacheScope":"public","tools":[
                        {"name":"good","inputSchema":{"type":"object","properties":{
                          "region":{"type":"string","x-mcp-header":"Region"},
                          "n":{"type":"integer","x-mcp-header":"N"},
                          "flag":{"type":"boolean","x-mcp-header":"Flag"}}}},
                        {"name":"bad","inputSchema":{"type":"object","properties":{
                          "s":{"type":"number","x-mcp-header":"Score"}}}}]})")));
            } else {
                ScriptedHttpServer::respond(
                    socket, 200, "application/json",
                    rpcResult(id, json(R"({"resultType":"complete","content":[]})")));
            }
        });
        McpClient client(options());
        QSignalSpy refused(&client, &McpClient::toolRefused);
        QVERIFY(connectClient(client));
        McpReply *list = client.listTools();
        QVERIFY(waitFor(list));
        const QJsonArray tools = list->result().value(QStringLiteral("tools")).toArray();
        QCOMPARE(tools.size(), 1);
        QCOMPARE(tools.first().toObject().value(QLatin1String("name")).toString(),
                 QStringLiteral("good"));
        QCOMPARE(refused.size(), 1);
        QCOMPARE(refused.first().at(0).toString(), QStringLiteral("bad"));

        // ttlMs: the second listing comes from the cache.
        McpReply *again = client.listTools();
        QVERIFY(waitFor(again));
        QCOMPARE(again->result().value(QStringLiteral("tools")).toArray().size(), 1);
        QCOMPARE(requestsFor(QStringLiteral("tools/list")).size(), 1);

        McpReply *call = client.callTool(QStringLiteral("good"),
                                         json(R"({"region":" eu ","n":42,"flag":false,"x":null})"));
        QVERIFY(waitFor(call));
        const auto calls = requestsFor(QStringLiteral("tools/call"));
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.first().header("mcp-param-region"), QByteArray("=?base64?IGV1IA==?="));
        QCOMPARE(calls.first().header("mcp-param-n"), QByteArray("42"));
        QCOMPARE(calls.first().header("mcp-param-flag"), QByteArray("false"));
    }

    void inputRequiredIsAnsweredAndResentWithState()
    {
        m_server->setHandler([](const auto &request, QTcpSocket *socket) {
            const QJsonObject body = parseBody(request);
            const QString method = body.value(QStringLiteral("method")).toString();
            const QJsonValue id = body.value(QStringLiteral("id"));
            const QJsonObject params = body.value(QStringLiteral("params")).toObject();
            if (method == QLatin1String("server/discover")) {
                ScriptedHttpServer::respond(socket, 200, "application/json",
                                            rpcResult(id, discoverResult()));
            } else if (!params.contains(QStringLiteral("inputResponses"))) {
                ScriptedHttpServer::respond(
                    socket, 200, "application/json",
                    rpcResult(id, json(R"({"resultType":"input_required","requestState":"s-1",
                        "inputRequests":{"who":{"method":"elicitation/create","params":{
                          "message":"Name?","requestedSchema":{"type":"object","properties":{
                            "name":{"type":"string"},"age":{"type":"integer","default":7}}}}}}})")));
            } else {
                const QJsonObject answer = params.value(QStringLiteral("inputResponses"))
                                               .toObject()
                                               .value(QLatin1String("who"))
                                               .toObject();
                const QJsonObject content = answer.value(QLatin1String("content")).toObject();
                const QString text = content.value(QLatin1String("name")).toString()
                    + QLatin1Char('/')
                    + QString::number(content.value(QLatin1String("age")).toInt())
                    + QLatin1Char('/') + params.value(QStringLiteral("requestState")).toString();
                QJsonObject item;
                item.insert(QStringLiteral("type"), QStringLiteral("text"));
                item.insert(QStringLiteral("text"), text);
                QJsonObject result = json(R"({"resultType":"complete"})");
                result.insert(QStringLiteral("content"), QJsonArray{item});
                ScriptedHttpServer::respond(socket, 200, "application/json", rpcResult(id, result));
            }
        });
        McpClient client(options());
        ClientFeatures features;
        features.elicitationForm = true;
        QStringList asked;
        client.setInputHandler(
            features,
            [&asked](const QString &method, const QJsonObject &params, InputResponder respond) {
                asked << method + QLatin1Char(':')
                        + params.value(QLatin1String("message")).toString();
                respond(json(R"({"action":"accept","content":{"name":"ada"}})"), {});
            });
        QVERIFY(connectClient(client));
        McpReply *reply = client.callTool(QStringLiteral("greet"), {});
        QVERIFY(waitFor(reply));
        QVERIFY2(!reply->isError(), qPrintable(reply->error().message));
        QCOMPARE(asked, QStringList{QStringLiteral("elicitation/create:Name?")});
        QCOMPARE(reply->toolResult().text(), QStringLiteral("ada/7/s-1")); // default filled in
        const auto calls = requestsFor(QStringLiteral("tools/call"));
        QCOMPARE(calls.size(), 2);
        QVERIFY(parseBody(calls.at(0)).value(QLatin1String("id"))
                != parseBody(calls.at(1)).value(QLatin1String("id")));
        // Declared, since the handler answers it.
        QVERIFY(clientCapabilitiesOf(calls.at(0)).contains(QStringLiteral("elicitation")));
    }

    void inputRoundsAreBounded()
    {
        m_server->setHandler([](const auto &request, QTcpSocket *socket) {
            const QJsonObject body = parseBody(request);
            const QJsonValue id = body.value(QStringLiteral("id"));
            if (body.value(QStringLiteral("method")).toString() == QLatin1String("server/discover"))
                ScriptedHttpServer::respond(socket, 200, "application/json",
                                            rpcResult(id, discoverResult()));
            else // asks for nothing, forever
                ScriptedHttpServer::respond(
                    socket, 200, "application/json",
                    rpcResult(id, json(R"({"resultType":"input_required","requestState":"x"})")));
        });
        McpClientOptions o = options();
        o.maxInputRounds = 3;
        McpClient client(o);
        QVERIFY(connectClient(client));
        McpReply *reply = client.callTool(QStringLiteral("loop"), {});
        QVERIFY(waitFor(reply));
        QVERIFY(reply->isError());
        QVERIFY2(reply->error().message.contains(QStringLiteral("still asks for input")),
                 qPrintable(reply->error().message));
        QCOMPARE(requestsFor(QStringLiteral("tools/call")).size(), 4);
    }

    void undeclaredInputRequestFailsTheCall()
    {
        m_server->setHandler([](const auto &request, QTcpSocket *socket) {
            const QJsonObject body = parseBody(request);
            const QJsonValue id = body.value(QStringLiteral("id"));
            if (body.value(QStringLiteral("method")).toString() == QLatin1String("server/discover"))
                ScriptedHttpServer::respond(socket, 200, "application/json",
                                            rpcResult(id, discoverResult()));
            else
                ScriptedHttpServer::respond(
                    socket, 200, "application/json",
                    rpcResult(id, json(R"({"resultType":"input_required","inputRequests":{
                        "s":{"method":"sampling/createMessage","params":{"messages":[],"maxTokens":5}}}})")));
        });
        McpClient client(options());
        QVERIFY(connectClient(client));
        McpReply *reply = client.callTool(QStringLiteral("t"), {});
        QVERIFY(waitFor(reply));
        QVERIFY(reply->isError());
        QVERIFY2(reply->error().message.contains(QStringLiteral("sampling")),
                 qPrintable(reply->error().message));
        QCOMPARE(requestsFor(QStringLiteral("tools/call")).size(), 1);
    }

    void taskResultsArePolledToTheEnd()
    {
        int polls = 0;
        m_server->setHandler([&polls](const auto &request, QTcpSocket *socket) {
            const QJsonObject body = parseBody(request);
            const QString method = body.value(QStringLiteral("method")).toString();
            const QJsonValue id = body.value(QStringLiteral("id"));
            if (method == QLatin1String("server/discover")) {
                ScriptedHttpServer::respond(socket, 200, "application/json",
                                            rpcResult(id, discoverResult()));
            } else if (method == QLatin1String("tools/call")) {
                ScriptedHttpServer::respond(
                    socket, 200, "application/json",
                    rpcResult(id, json(R"({"resultType":"task","taskId":"t-1","status":"working",
                        "ttlMs":60000,"pollIntervalMs":50})")));
            } else if (method == QLatin1String("tasks/get")) {
                ++polls;
                const QByteArray state = polls < 3
                    ? QByteArray(R"({"taskId":"t-1","status":"working","pollIntervalMs":50})")
                    : QByteArray(R"({"taskId":"t-1","status":"completed","result":{
                        "content":[{"type":"text","text":"done"}]}})");
                ScriptedHttpServer::respond(socket, 200, "application/json",
                                            rpcResult(id, json(state.constData())));
            } else {
                ScriptedHttpServer::respond(socket, 404, "application/json",
                                            rpcError(id, -32601, QStringLiteral("no")));
            }
        });
        McpClient client(options());
        QVERIFY(connectClient(client));
        McpReply *reply = client.callTool(QStringLiteral("slow"), {});
        QVERIFY(waitFor(reply));
        QVERIFY2(!reply->isError(), qPrintable(reply->error().message));
        QCOMPARE(reply->toolResult().text(), QStringLiteral("done"));
        QCOMPARE(polls, 3);
        const auto gets = requestsFor(QStringLiteral("tasks/get"));
        QCOMPARE(gets.first().header("mcp-method"), QByteArray("tasks/get"));
        // The tasks extension is declared.
        QVERIFY(clientCapabilitiesOf(requestsFor(QStringLiteral("tools/call")).first())
                    .value(QLatin1String("extensions"))
                    .toObject()
                    .contains(QStringLiteral("io.modelcontextprotocol/tasks")));
    }

    void cancellingClosesTheStreamWithoutANotification()
    {
        QPointer<QTcpSocket> held;
        m_server->setHandler([&held](const auto &request, QTcpSocket *socket) {
            const QJsonObject body = parseBody(request);
            const QJsonValue id = body.value(QStringLiteral("id"));
            if (body.value(QStringLiteral("method")).toString() == QLatin1String("server/discover"))
                ScriptedHttpServer::respond(socket, 200, "application/json",
                                            rpcResult(id, discoverResult()));
            else if (body.contains(QStringLiteral("id"))) {
                ScriptedHttpServer::startStream(socket); // never answers
                held = socket;
            } else {
                ScriptedHttpServer::respond(socket, 202, {}, {});
            }
        });
        McpClient client(options());
        QVERIFY(connectClient(client));
        McpReply *reply = client.callTool(QStringLiteral("slow"), {});
        QTRY_VERIFY(held);
        QSignalSpy closed(held.data(), &QTcpSocket::disconnected);
        reply->cancel();
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().kind, McpError::Kind::Cancelled);
        QVERIFY(closed.wait(3000) || held.isNull()
                || held->state() != QAbstractSocket::ConnectedState);
        QTest::qWait(200);
        QVERIFY(requestsFor(QStringLiteral("notifications/cancelled")).isEmpty());
    }

    void brokenStreamIsReissuedOnlyWhereSafe()
    {
        int lists = 0;
        m_server->setHandler([&lists](const auto &request, QTcpSocket *socket) {
            const QJsonObject body = parseBody(request);
            const QString method = body.value(QStringLiteral("method")).toString();
            const QJsonValue id = body.value(QStringLiteral("id"));
            if (method == QLatin1String("server/discover")) {
                ScriptedHttpServer::respond(socket, 200, "application/json",
                                            rpcResult(id, discoverResult()));
            } else if (method == QLatin1String("tools/list") && ++lists > 1) {
                ScriptedHttpServer::respond(
                    socket, 200, "application/json",
                    rpcResult(id, json(R"({"resultType":"complete","tools":[]})")));
            } else {
                // The stream starts, then the connection drops before the answer.
                ScriptedHttpServer::startStream(socket);
                ScriptedHttpServer::writeChunk(socket, ": hello\n\n");
                socket->flush();
                socket->disconnectFromHost();
            }
        });
        McpClient client(options());
        QVERIFY(connectClient(client));
        McpReply *list = client.listTools();
        QVERIFY(waitFor(list));
        QVERIFY2(!list->isError(), qPrintable(list->error().message));
        QCOMPARE(requestsFor(QStringLiteral("tools/list")).size(), 2);

        // A tool not marked read-only or idempotent may have run: not sent again.
        McpReply *call = client.callTool(QStringLiteral("write"), {});
        QVERIFY(waitFor(call));
        QVERIFY(call->isError());
        QCOMPARE(call->error().kind, McpError::Kind::Transport);
        QCOMPARE(requestsFor(QStringLiteral("tools/call")).size(), 1);
    }

    void missingCapabilityNamesWhatToEnable()
    {
        m_server->setHandler([](const auto &request, QTcpSocket *socket) {
            const QJsonObject body = parseBody(request);
            const QJsonValue id = body.value(QStringLiteral("id"));
            if (body.value(QStringLiteral("method")).toString() == QLatin1String("server/discover"))
                ScriptedHttpServer::respond(socket, 200, "application/json",
                                            rpcResult(id, discoverResult()));
            else
                ScriptedHttpServer::respond(
                    socket, 400, "application/json",
                    rpcError(id, -32021, QStringLiteral("Missing required client capability"),
                             json(R"({"requiredCapabilities":{"elicitation":{}}})")));
        });
        McpClient client(options());
        QVERIFY(connectClient(client));
        McpReply *reply = client.callTool(QStringLiteral("ask"), {});
        QVERIFY(waitFor(reply));
        QCOMPARE(reply->error().rpcCode, McpError::MissingRequiredClientCapability);
        QVERIFY2(reply->error().message.contains(QStringLiteral("answer elicitation")),
                 qPrintable(reply->error().message));
        QCOMPARE(client.state(), McpClient::State::Connected); // a refusal, not a lost server
    }
};

QTEST_GUILESS_MAIN(TestMcpClient2026)
#include "tst_mcpclient2026.moc"
