// Interop with servers on the official TypeScript SDK v2 (@modelcontextprotocol/server
// 2.4.0, tests/conformance/sdk2-server.mjs): "modern" speaks only 2026-07-28 and
// refuses 2025 clients (issue 13); "dual" serves both eras. Plus the 2025-era
// reference server (server-everything, SDK v1) to show the other era still works.
// Skipped when the pinned npm peers are not installed.

#include "sdk2serverprocess.h"
#include "servereverythingprocess.h"

#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace mcppm;

class TestSdk2Interop : public QObject
{
    Q_OBJECT

    static bool finished(McpReply *reply, int ms = 10000)
    {
        return QTest::qWaitFor([reply]() { return reply->isFinished(); }, ms);
    }

    static McpClientOptions optionsFor(const QUrl &url)
    {
        McpClientOptions options;
        options.serverId = QStringLiteral("sdk2");
        options.baseUrl = url;
        options.timeoutMs = 5000;
        options.retryAttempts = 0;
        return options;
    }

    // Connects and waits; on failure the message says why.
    static QString connectClient(McpClient &client)
    {
        QSignalSpy connected(&client, &McpClient::connected);
        QSignalSpy failed(&client, &McpClient::connectFailed);
        client.connectToServer();
        if (!QTest::qWaitFor([&]() { return !connected.isEmpty() || !failed.isEmpty(); }, 10000))
            return QStringLiteral("no connected() or connectFailed() within 10 s");
        if (!failed.isEmpty())
            return QStringLiteral("connectFailed: ")
                + failed.first().first().value<McpError>().message;
        return QString();
    }

    static QStringList toolNames(const QJsonObject &listResult)
    {
        QStringList names;
        const QJsonArray tools = listResult.value(QStringLiteral("tools")).toArray();
        for (const QJsonValue &tool : tools)
            names.append(tool.toObject().value(QStringLiteral("name")).toString());
        return names;
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sdk2ServerProcess::peersInstalled())
            QSKIP("the pinned npm peers are not installed (npm ci in tests/conformance)");
    }

    void sdk2_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::newRow("modern") << QStringLiteral("modern");
        QTest::newRow("dual") << QStringLiteral("dual");
    }
    // Connect, list, call: the basics against both SDK v2 endpoints. A 2026-aware
    // client picks 2026-07-28 on both (server/discover answers on both).
    void sdk2()
    {
        QFETCH(QString, mode);
        Sdk2ServerProcess server(mode);
        QVERIFY2(server.start(), qPrintable(server.errorString()));

        McpClient client(optionsFor(server.url()));
        const QString failure = connectClient(client);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(client.transportName(), QStringLiteral("streamable-http"));
        QCOMPARE(client.serverInfo().name, QStringLiteral("mcppm-sdk2-fixture"));
        QVERIFY(client.serverInfo().hasTools());

        QCOMPARE(client.protocolVersion(), QStringLiteral("2026-07-28"));
        QCOMPARE(client.era(), McpClient::Era::Modern);

        McpReply *tools = client.listTools();
        QVERIFY(finished(tools));
        QVERIFY2(!tools->isError(), qPrintable(tools->error().message));
        const QStringList names = toolNames(tools->result());
        for (const char *expected :
             {"add_numbers", "echo", "slow_progress", "confirm_action", "always_fails"})
            QVERIFY2(names.contains(QLatin1String(expected)),
                     qPrintable(QLatin1String(expected) + QStringLiteral(" missing from ")
                                + names.join(QLatin1Char(','))));

        QJsonObject sumArgs;
        sumArgs.insert(QStringLiteral("a"), 2);
        sumArgs.insert(QStringLiteral("b"), 3.5);
        McpReply *sum = client.callTool(QStringLiteral("add_numbers"), sumArgs);
        QVERIFY(finished(sum));
        QVERIFY2(!sum->isError(), qPrintable(sum->error().message));
        QCOMPARE(sum->toolResult().text(), QStringLiteral("The sum of 2 and 3.5 is 5.5."));
        QVERIFY(!sum->toolResult().isError);

        // echo's message is annotated x-mcp-header: on 2026-07-28 it must travel in
        // Mcp-Param-Echo-Message too (Base64 sentinel form for non-ASCII), or the
        // server answers 400 -32020 (HeaderMismatch).
        const QStringList messages = {QStringLiteral("hello pool"), QStringLiteral("Grüße, 世界"),
                                      QStringLiteral(" padded "), QStringLiteral("line1\nline2")};
        for (const QString &message : messages) {
            QJsonObject echoArgs;
            echoArgs.insert(QStringLiteral("message"), message);
            McpReply *echo = client.callTool(QStringLiteral("echo"), echoArgs);
            QVERIFY(finished(echo));
            QVERIFY2(!echo->isError(),
                     qPrintable(message + QStringLiteral(": ") + echo->error().message));
            QCOMPARE(echo->toolResult().text(), QStringLiteral("Echo: ") + message);
        }

        // A tool error is a result (isError), not a request error.
        McpReply *fails = client.callTool(QStringLiteral("always_fails"), QJsonObject());
        QVERIFY(finished(fails));
        QVERIFY2(!fails->isError(), qPrintable(fails->error().message));
        QVERIFY(fails->toolResult().isError);
        QCOMPARE(fails->toolResult().text(), QStringLiteral("This tool always fails."));

        // An unknown tool is a JSON-RPC error (-32602) from the SDK v2 server.
        McpReply *unknown = client.callTool(QStringLiteral("no_such_tool"), QJsonObject());
        QVERIFY(finished(unknown));
        QVERIFY(unknown->isError());

        // Progress on the request's own stream.
        QJsonObject slowArgs;
        slowArgs.insert(QStringLiteral("steps"), 3);
        slowArgs.insert(QStringLiteral("delayMs"), 20);
        McpReply *slow = client.callTool(QStringLiteral("slow_progress"), slowArgs);
        QSignalSpy progressed(slow, &McpReply::progressed);
        QVERIFY(finished(slow));
        QVERIFY2(!slow->isError(), qPrintable(slow->error().message));
        QCOMPARE(slow->toolResult().text(), QStringLiteral("Completed 3 steps."));
        QCOMPARE(progressed.size(), 3);
        QCOMPARE(progressed.last().at(0).toDouble(), 3.0);
        QCOMPARE(progressed.last().at(1).toDouble(), 3.0);

        // Resources, templates, prompts.
        McpReply *resources = client.listResources();
        McpReply *templates = client.listResourceTemplates();
        McpReply *prompts = client.listPrompts();
        for (McpReply *reply : {resources, templates, prompts}) {
            QVERIFY(finished(reply));
            QVERIFY2(!reply->isError(),
                     qPrintable(reply->method() + QStringLiteral(": ") + reply->error().message));
        }
        QCOMPARE(resources->result().value(QStringLiteral("resources")).toArray().size(), 1);
        QCOMPARE(templates->result().value(QStringLiteral("resourceTemplates")).toArray().size(),
                 1);
        QCOMPARE(prompts->result().value(QStringLiteral("prompts")).toArray().size(), 1);
        McpReply *read = client.readResource(QStringLiteral("fixture://greeting/bob"));
        QVERIFY(finished(read));
        QVERIFY2(!read->isError(), qPrintable(read->error().message));
        QCOMPARE(read->result()
                     .value(QStringLiteral("contents"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
                 QStringLiteral("Hello, bob!"));
    }

    // Elicitation on 2026-07-28 is a multi-round-trip (SEP-2322): the first
    // tools/call answers resultType input_required, the client asks its
    // elicitation handler and sends the call again with inputResponses and the
    // server's requestState.
    void mrtrElicitation()
    {
        Sdk2ServerProcess server(QStringLiteral("modern"));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        McpClient client(optionsFor(server.url()));
        int asked = 0;
        QString askedMessage;
        client.setElicitationHandler(
            [&](const QJsonObject &params, std::function<void(QJsonObject)> respond) {
                ++asked;
                askedMessage = params.value(QStringLiteral("message")).toString();
                QJsonObject content;
                content.insert(QStringLiteral("confirm"), true);
                QJsonObject result;
                result.insert(QStringLiteral("action"), QStringLiteral("accept"));
                result.insert(QStringLiteral("content"), content);
                respond(result);
            });
        const QString failure = connectClient(client);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));

        QJsonObject args;
        args.insert(QStringLiteral("action"), QStringLiteral("deploy"));
        McpReply *reply = client.callTool(QStringLiteral("confirm_action"), args);
        QVERIFY(finished(reply));
        QVERIFY2(!reply->isError(), qPrintable(reply->error().message));
        QCOMPARE(asked, 1);
        QCOMPARE(askedMessage, QStringLiteral("Really deploy?"));
        QCOMPARE(reply->toolResult().text(), QStringLiteral("Confirmed: deploy"));
    }

    // list_changed on 2026-07-28 only comes on a subscriptions/listen stream.
    void listChangedThroughListen()
    {
        Sdk2ServerProcess server(QStringLiteral("modern"));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        McpClient client(optionsFor(server.url()));
        QSignalSpy toolsChanged(&client, &McpClient::toolsChanged);
        const QString failure = connectClient(client);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QTRY_VERIFY_WITH_TIMEOUT(!toolsChanged.isEmpty(), 5000); // the first catalog
        QVERIFY(!client.hasTool(QStringLiteral("extra_tool")));
        toolsChanged.clear();

        McpReply *toggle = client.callTool(QStringLiteral("toggle_extra_tool"), QJsonObject());
        QVERIFY(finished(toggle));
        QVERIFY2(!toggle->isError(), qPrintable(toggle->error().message));
        QCOMPARE(toggle->toolResult().text(), QStringLiteral("extra_tool added"));
        QTRY_VERIFY_WITH_TIMEOUT(client.hasTool(QStringLiteral("extra_tool")), 5000);
        QVERIFY(!toolsChanged.isEmpty());
    }

    // The 2025-11-25 era still works: server-everything (SDK v1) after the rewrite.
    void serverEverythingStillWorks()
    {
        ServerEverythingProcess server(QStringLiteral("streamableHttp"));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        McpClient client(optionsFor(server.url()));
        const QString failure = connectClient(client);
        QVERIFY2(failure.isEmpty(), qPrintable(failure));
        QCOMPARE(client.transportName(), QStringLiteral("streamable-http"));
        QCOMPARE(client.serverInfo().protocolVersion, QStringLiteral("2025-11-25"));
        QVERIFY(!client.sessionId().isEmpty());

        QCOMPARE(client.protocolVersion(), QStringLiteral("2025-11-25"));
        QCOMPARE(client.era(), McpClient::Era::Legacy);

        McpReply *tools = client.listTools();
        QVERIFY(finished(tools));
        QVERIFY2(!tools->isError(), qPrintable(tools->error().message));
        QVERIFY(toolNames(tools->result()).contains(QStringLiteral("get-sum")));

        QJsonObject echoArgs;
        echoArgs.insert(QStringLiteral("message"), QStringLiteral("hello pool"));
        McpReply *echo = client.callTool(QStringLiteral("echo"), echoArgs);
        QJsonObject sumArgs;
        sumArgs.insert(QStringLiteral("a"), 2);
        sumArgs.insert(QStringLiteral("b"), 3.5);
        McpReply *sum = client.callTool(QStringLiteral("get-sum"), sumArgs);
        QVERIFY(finished(echo));
        QVERIFY(finished(sum));
        QVERIFY2(!echo->isError(), qPrintable(echo->error().message));
        QVERIFY2(!sum->isError(), qPrintable(sum->error().message));
        QCOMPARE(echo->toolResult().text(), QStringLiteral("Echo: hello pool"));
        QCOMPARE(sum->toolResult().text(), QStringLiteral("The sum of 2 and 3.5 is 5.5."));
    }
};

QTEST_GUILESS_MAIN(TestSdk2Interop)
#include "tst_sdk2interop.moc"
