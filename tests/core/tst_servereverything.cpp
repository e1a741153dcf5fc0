// Integration against the reference server (@modelcontextprotocol/server-everything),
// in Streamable HTTP and legacy SSE modes, started on a free loopback port.

#include "servereverythingprocess.h"

#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"

#include <QJsonArray>
#include <QJsonDocument>
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

    // With elicitation, sampling and roots declared, server-everything offers
    // its gated tools, and each reaches the handler and comes back; the
    // research tool needs a task (2025-11-25 experimental tasks).
    void gatedToolsAreAnswered()
    {
        ServerEverythingProcess server(QStringLiteral("streamableHttp"));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        McpClientOptions options;
        options.serverId = QStringLiteral("everything");
        options.baseUrl = server.url();
        options.timeoutMs = 10000;
        options.retryAttempts = 0;
        McpClient client(options);
        ClientFeatures features;
        features.elicitationForm = true;
        features.sampling = true;
        features.roots = true;
        QStringList asked;
        client.setInputHandler(
            features,
            [&asked](const QString &method, const QJsonObject &params, InputResponder respond) {
                asked << method;
                QJsonObject result;
                if (method == QLatin1String("roots/list")) {
                    QJsonObject root;
                    root.insert(QStringLiteral("uri"), QStringLiteral("file:///srv/pool-root"));
                    root.insert(QStringLiteral("name"), QStringLiteral("pool-root"));
                    result.insert(QStringLiteral("roots"), QJsonArray{root});
                } else if (method == QLatin1String("sampling/createMessage")) {
                    QJsonObject content;
                    content.insert(QStringLiteral("type"), QStringLiteral("text"));
                    content.insert(QStringLiteral("text"), QStringLiteral("operator says hello"));
                    result.insert(QStringLiteral("role"), QStringLiteral("assistant"));
                    result.insert(QStringLiteral("content"), content);
                    result.insert(QStringLiteral("model"), QStringLiteral("operator"));
                } else {
                    QVERIFY(params.contains(QStringLiteral("requestedSchema")));
                    QJsonObject content;
                    content.insert(QStringLiteral("name"), QStringLiteral("Ada Lovelace"));
                    result.insert(QStringLiteral("action"), QStringLiteral("accept"));
                    result.insert(QStringLiteral("content"), content);
                }
                respond(result, {});
            });
        QSignalSpy connected(&client, &McpClient::connected);
        client.connectToServer();
        QVERIFY(connected.wait(15000));
        QCOMPARE(client.era(), McpClient::Era::Legacy);
        QTRY_VERIFY_WITH_TIMEOUT(client.hasTool(QStringLiteral("get-roots-list")), 10000);
        for (const char *gated :
             {"trigger-elicitation-request", "trigger-sampling-request", "simulate-research-query"})
            QVERIFY2(client.hasTool(QLatin1String(gated)), gated);

        auto call = [&](const char *tool, const QJsonObject &args) {
            McpReply *reply = client.callTool(QLatin1String(tool), args);
            [&]() { QVERIFY(finished(reply, 30000)); }();
            return reply;
        };
        McpReply *roots = call("get-roots-list", {});
        QVERIFY2(!roots->isError(), qPrintable(roots->error().message));
        QVERIFY2(roots->toolResult().text().contains(QStringLiteral("file:///srv/pool-root")),
                 qPrintable(roots->toolResult().text()));

        McpReply *elicit = call("trigger-elicitation-request", {});
        QVERIFY2(!elicit->isError(), qPrintable(elicit->error().message));
        QVERIFY2(elicit->toolResult().text().contains(QStringLiteral("Ada Lovelace")),
                 qPrintable(elicit->toolResult().text()));

        QJsonObject prompt;
        prompt.insert(QStringLiteral("prompt"), QStringLiteral("hi"));
        McpReply *sample = call("trigger-sampling-request", prompt);
        QVERIFY2(!sample->isError(), qPrintable(sample->error().message));
        QVERIFY2(sample->toolResult().text().contains(QStringLiteral("operator says hello")),
                 qPrintable(sample->toolResult().text()));
        QVERIFY(asked.contains(QStringLiteral("elicitation/create")));
        QVERIFY(asked.contains(QStringLiteral("sampling/createMessage")));

        QJsonObject topic;
        topic.insert(QStringLiteral("topic"), QStringLiteral("pools"));
        McpReply *research = call("simulate-research-query", topic);
        QVERIFY2(!research->isError(), qPrintable(research->error().message));
        QVERIFY2(research->toolResult().text().contains(QStringLiteral("pools")),
                 qPrintable(research->toolResult().text()));

        // Prompts and completions.
        QJsonObject department;
        department.insert(QStringLiteral("department"), QStringLiteral("Engineering"));
        department.insert(QStringLiteral("name"), QStringLiteral("Alice"));
        McpReply *got = client.getPrompt(QStringLiteral("completable-prompt"), department);
        QVERIFY(finished(got));
        QVERIFY2(!got->isError(), qPrintable(got->error().message));
        QVERIFY(QJsonDocument(got->result()).toJson().contains("promote Alice"));
        QJsonObject ref;
        ref.insert(QStringLiteral("type"), QStringLiteral("ref/prompt"));
        ref.insert(QStringLiteral("name"), QStringLiteral("completable-prompt"));
        QJsonObject context;
        context.insert(QStringLiteral("department"), QStringLiteral("Sales"));
        McpReply *completion
            = client.complete(ref, QStringLiteral("name"), QStringLiteral("E"), context);
        QVERIFY(finished(completion));
        QVERIFY2(!completion->isError(), qPrintable(completion->error().message));
        const QJsonArray values = completion->result()
                                      .value(QStringLiteral("completion"))
                                      .toObject()
                                      .value(QStringLiteral("values"))
                                      .toArray();
        QCOMPARE(values, QJsonArray{QStringLiteral("Eve")});
    }
};

QTEST_GUILESS_MAIN(TestServerEverything)
#include "tst_servereverything.moc"
