// Integration against the reference server (@modelcontextprotocol/server-everything),
// in Streamable HTTP and legacy SSE modes, started on a free loopback port.

#include "servereverythingprocess.h"

#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace mcppm;

class TestServerEverything : public QObject
{
    Q_OBJECT

    static bool finished(McpReply *reply, int ms = 15000)
    {
        return QTest::qWaitFor([reply]() { return reply->isFinished(); }, ms);
    }

private Q_SLOTS:
    void everything_data()
    {
        QTest::addColumn<QString>("mode");
        QTest::addColumn<QString>("transport");
        QTest::newRow("streamableHttp")
            << QStringLiteral("streamableHttp") << QStringLiteral("streamable-http");
        QTest::newRow("sse") << QStringLiteral("sse") << QStringLiteral("sse");
    }
    void everything()
    {
        QFETCH(QString, mode);
        QFETCH(QString, transport);
        ServerEverythingProcess server(mode);
        QVERIFY2(server.start(), qPrintable(server.errorString()));

        McpClientOptions options;
        options.serverId = QStringLiteral("everything");
        options.baseUrl = server.url();
        options.timeoutMs = 10000;
        options.retryAttempts = 0;
        McpClient client(options);
        QSignalSpy connected(&client, &McpClient::connected);
        QSignalSpy failed(&client, &McpClient::connectFailed);
        QSignalSpy toolsChanged(&client, &McpClient::toolsChanged);
        client.connectToServer();
        QVERIFY(
            QTest::qWaitFor([&]() { return !connected.isEmpty() || !failed.isEmpty(); }, 15000));
        QVERIFY2(failed.isEmpty(),
                 failed.isEmpty() ? ""
                                  : qPrintable(failed.first().first().value<McpError>().message));
        QCOMPARE(client.transportName(),
                 transport); // sse: chosen automatically after the POST was refused
        QVERIFY(client.serverInfo().name.contains(QStringLiteral("everything")));
        QVERIFY(client.serverInfo().hasTools());

        // The catalog arrives by itself (and again on list_changed).
        QTRY_VERIFY_WITH_TIMEOUT(!toolsChanged.isEmpty(), 10000);
        QVERIFY(client.hasTool(QStringLiteral("echo")));
        QVERIFY(client.hasTool(QStringLiteral("get-sum")));

        // Every list, all pages.
        McpReply *tools = client.listTools();
        McpReply *resources = client.listResources();
        McpReply *templates = client.listResourceTemplates();
        McpReply *prompts = client.listPrompts();
        for (McpReply *reply : {tools, resources, templates, prompts}) {
            QVERIFY(finished(reply));
            QVERIFY2(!reply->isError(),
                     qPrintable(reply->method() + QStringLiteral(": ") + reply->error().message));
        }
        QVERIFY(tools->result().value(QStringLiteral("tools")).toArray().size() >= 10);
        QVERIFY(resources->result().value(QStringLiteral("resources")).toArray().size() >= 1);
        QVERIFY(templates->result().value(QStringLiteral("resourceTemplates")).toArray().size()
                >= 1);
        QVERIFY(prompts->result().value(QStringLiteral("prompts")).toArray().size() >= 1);

        // echo and get-sum.
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
        QCOMPARE(echo->toolResult().text(), QStringLiteral("Echo: hello pool"));
        QVERIFY2(sum->toolResult().text().contains(QStringLiteral("5.5")),
                 qPrintable(sum->toolResult().text()));

        // structuredContent checked against the declared outputSchema.
        QJsonObject weatherArgs;
        weatherArgs.insert(QStringLiteral("location"), QStringLiteral("Chicago"));
        McpReply *weather = client.callTool(QStringLiteral("get-structured-content"), weatherArgs);
        QVERIFY(finished(weather));
        QVERIFY2(!weather->isError(), qPrintable(weather->error().message));
        QVERIFY(weather->toolResult().schemaChecked);
        QVERIFY2(weather->toolResult().schemaViolations.isEmpty(),
                 qPrintable(weather->toolResult().schemaViolations.join(QLatin1Char('\n'))));

        // Progress notifications from the long-running tool.
        QJsonObject longArgs;
        longArgs.insert(QStringLiteral("duration"), 1);
        longArgs.insert(QStringLiteral("steps"), 3);
        McpReply *progress
            = client.callTool(QStringLiteral("trigger-long-running-operation"), longArgs);
        QSignalSpy progressed(progress, &McpReply::progressed);
        QVERIFY(finished(progress));
        QVERIFY2(!progress->isError(), qPrintable(progress->error().message));
        QCOMPARE(progressed.size(), 3);
        QCOMPARE(progressed.last().at(1).toDouble(), 3.0);

        // Cancel by the caller.
        longArgs.insert(QStringLiteral("duration"), 10);
        McpReply *cancelled
            = client.callTool(QStringLiteral("trigger-long-running-operation"), longArgs);
        QVERIFY(QTest::qWaitFor([&]() { return !cancelled->requestId().isUndefined(); }, 5000));
        // Lets the request reach server-everything (another process, no sign of
        // it here) so the cancel is the server's, not only the client's.
        QTest::qWait(300);
        cancelled->cancel();
        QVERIFY(cancelled->isFinished());
        QCOMPARE(cancelled->error().kind, McpError::Kind::Cancelled);

        // Timeout (and the client stays usable afterwards).
        McpCallOptions shortCall;
        shortCall.timeoutMs = 300;
        shortCall.resetTimeoutOnProgress = false;
        McpReply *timedOut = client.callTool(QStringLiteral("trigger-long-running-operation"),
                                             longArgs, shortCall);
        QVERIFY(finished(timedOut));
        QCOMPARE(timedOut->error().kind, McpError::Kind::Timeout);

        // Resource read.
        McpReply *read = client.readResource(QStringLiteral("demo://resource/dynamic/text/1"));
        QVERIFY(finished(read));
        QVERIFY2(!read->isError(), qPrintable(read->error().message));
        const QJsonArray contents = read->result().value(QStringLiteral("contents")).toArray();
        QCOMPARE(contents.size(), 1);
        QVERIFY(contents.first()
                    .toObject()
                    .value(QStringLiteral("text"))
                    .toString()
                    .startsWith(QStringLiteral("Resource 1")));

        // A tool that does not exist: a result with isError, not a transport failure.
        McpReply *missing = client.callTool(QStringLiteral("no-such-tool"), QJsonObject());
        QVERIFY(finished(missing));
        QVERIFY(missing->isError() || missing->toolResult().isError);

        McpReply *ping = client.ping();
        QVERIFY(finished(ping));
        QVERIFY(!ping->isError());
        QCOMPARE(client.state(), McpClient::State::Connected);
        QVERIFY(client.stats().requestsSent >= 10);
        QVERIFY(client.stats().bytesReceived > 0);

        QSignalSpy disconnected(&client, &McpClient::disconnected);
        client.disconnectFromServer();
        QCOMPARE(disconnected.size(), 1);
    }
};

QTEST_GUILESS_MAIN(TestServerEverything)
#include "tst_servereverything.moc"
