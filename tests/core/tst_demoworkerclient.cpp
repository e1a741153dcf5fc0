// McpClient against the real mcp-demo-worker: the whole client path over
// loopback, including the worker's fault knobs.

#include "demoworkerprocess.h"

#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QTest>

using namespace mcppm;

namespace {
// A demo worker started at once; url() is invalid if it did not start.
class Worker
{
public:
    explicit Worker(const QStringList &extraArgs = {}) { m_fixture.start(extraArgs); }
    QUrl url() const { return m_fixture.url(); }
    QProcess &process() { return m_fixture.process(); }

private:
    DemoWorkerProcess m_fixture;
};

QJsonObject args(std::initializer_list<std::pair<const char *, QJsonValue>> values)
{
    QJsonObject o;
    for (const auto &[key, value] : values)
        o.insert(QLatin1String(key), value);
    return o;
}
} // namespace

class TestDemoWorkerClient : public QObject
{
    Q_OBJECT

    static McpClientOptions options(const QUrl &url, int timeoutMs = 5000)
    {
        McpClientOptions o;
        o.serverId = QStringLiteral("demo");
        o.baseUrl = url;
        o.timeoutMs = timeoutMs;
        o.retryAttempts = 0;
        return o;
    }
    static bool connectClient(McpClient &client)
    {
        QSignalSpy connected(&client, &McpClient::connected);
        QSignalSpy failed(&client, &McpClient::connectFailed);
        client.connectToServer();
        return QTest::qWaitFor([&]() { return !connected.isEmpty() || !failed.isEmpty(); }, 10000)
            && !connected.isEmpty();
    }
    static bool finished(McpReply *reply, int ms = 10000)
    {
        return QTest::qWaitFor([reply]() { return reply->isFinished(); }, ms);
    }

private Q_SLOTS:
    void fullSession()
    {
        Worker worker({QStringLiteral("--name"), QStringLiteral("w-full"),
                       QStringLiteral("--page-size"), QStringLiteral("2"), QStringLiteral("--era"),
                       QStringLiteral("legacy")}); // the 2025 session
        QVERIFY(worker.url().isValid());
        McpClient client(options(worker.url()));
        QSignalSpy toolsChanged(&client, &McpClient::toolsChanged);
        QVERIFY(connectClient(client));
        QCOMPARE(client.serverInfo().name, QStringLiteral("w-full"));
        QCOMPARE(client.serverInfo().protocolVersion, QStringLiteral("2025-11-25"));
        QVERIFY(!client.sessionId().isEmpty());

        // All pages of tools (page size 2 → 4 pages for 8 tools).
        McpReply *tools = client.listTools();
        QVERIFY(finished(tools));
        QVERIFY2(!tools->isError(), qPrintable(tools->error().message));
        QCOMPARE(tools->result().value(QStringLiteral("tools")).toArray().size(), 8);
        QTRY_VERIFY(!toolsChanged.isEmpty());
        QVERIFY(client.hasTool(QStringLiteral("add")));

        McpReply *echo
            = client.callTool(QStringLiteral("echo"), args({{"message", QStringLiteral("hi")}}));
        McpReply *add = client.callTool(QStringLiteral("add"), args({{"a", 2}, {"b", 40}}));
        QVERIFY(finished(echo));
        QVERIFY(finished(add));
        QCOMPARE(echo->toolResult().text(), QStringLiteral("hi"));
        QVERIFY(add->toolResult().schemaChecked);
        QVERIFY(add->toolResult().schemaViolations.isEmpty());
        QCOMPARE(
            add->toolResult().structuredContent.toObject().value(QStringLiteral("sum")).toDouble(),
            42.0);

        McpReply *progress = client.callTool(QStringLiteral("progress"),
                                             args({{"steps", 4}, {"interval_ms", 20}}));
        QSignalSpy progressed(progress, &McpReply::progressed);
        QVERIFY(finished(progress));
        QVERIFY2(!progress->isError(), qPrintable(progress->error().message));
        QCOMPARE(progressed.size(), 4);

        McpReply *fail
            = client.callTool(QStringLiteral("fail"), args({{"message", QStringLiteral("nope")}}));
        QVERIFY(finished(fail));
        QVERIFY(!fail->isError());
        QVERIFY(fail->toolResult().isError);

        McpReply *sleeper = client.callTool(QStringLiteral("sleep"), args({{"ms", 5000}}));
        QTRY_VERIFY_WITH_TIMEOUT(!sleeper->requestId().isUndefined(), 5000); // sent
        sleeper->cancel();
        QCOMPARE(sleeper->error().kind, McpError::Kind::Cancelled);

        McpCallOptions quick;
        quick.timeoutMs = 200;
        McpReply *slow = client.callTool(QStringLiteral("sleep"), args({{"ms", 3000}}), quick);
        QVERIFY(finished(slow));
        QCOMPARE(slow->error().kind, McpError::Kind::Timeout);

        McpReply *read = client.readResource(QStringLiteral("demo://state/current"));
        QVERIFY(finished(read));
        QVERIFY2(!read->isError(), qPrintable(read->error().message));
        const QString text = read->result()
                                 .value(QStringLiteral("contents"))
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(QStringLiteral("text"))
                                 .toString();
        QCOMPARE(QJsonDocument::fromJson(text.toUtf8())
                     .object()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("w-full"));

        McpReply *missing = client.readResource(QStringLiteral("demo://nope"));
        QVERIFY(finished(missing));
        QCOMPARE(missing->error().kind, McpError::Kind::Rpc);

        McpReply *ping = client.ping();
        QVERIFY(finished(ping));
        QVERIFY(!ping->isError());
        QCOMPARE(client.state(), McpClient::State::Connected);
    }

    void errorRateGivesHttp500()
    {
        Worker worker({QStringLiteral("--error-rate"), QStringLiteral("1")});
        QVERIFY(worker.url().isValid());
        McpClient client(options(worker.url()));
        QVERIFY(connectClient(client));
        QSignalSpy requestErrors(&client, &McpClient::requestErrorOccurred);
        McpReply *reply
            = client.callTool(QStringLiteral("echo"), args({{"message", QStringLiteral("x")}}));
        QVERIFY(finished(reply));
        QCOMPARE(reply->error().kind, McpError::Kind::Http);
        QCOMPARE(reply->error().httpStatus, 500);
        QCOMPARE(requestErrors.size(), 1);
    }

    // The multi round-trip tools on the 2025-11-25 wire: the worker asks on
    // the call's stream (elicitation/create, roots/list) and the client's
    // handler answers; without the capability the tool says so.
    void serverRequestsInBothEras_data()
    {
        QTest::addColumn<QString>("era");
        QTest::newRow("2025-11-25") << QStringLiteral("legacy");
        QTest::newRow("2026-07-28") << QStringLiteral("modern");
    }
    void serverRequestsInBothEras()
    {
        QFETCH(QString, era);
        Worker worker({QStringLiteral("--era"), era});
        QVERIFY(worker.url().isValid());
        McpClient client(options(worker.url()));
        ClientFeatures features;
        features.elicitationForm = true;
        features.roots = true;
        QStringList asked;
        client.setInputHandler(
            features, [&asked](const QString &method, const QJsonObject &, InputResponder respond) {
                asked << method;
                if (method == QLatin1String("roots/list")) {
                    QJsonObject root;
                    root.insert(QStringLiteral("uri"), QStringLiteral("file:///srv/a"));
                    QJsonObject result;
                    result.insert(QStringLiteral("roots"), QJsonArray{root});
                    respond(result, {});
                    return;
                }
                respond(QJsonDocument::fromJson(R"({"action":"accept","content":{"name":"Ada"}})")
                            .object(),
                        {});
            });
        QVERIFY(connectClient(client));
        QCOMPARE(McpClient::eraName(client.era()), era);
        McpReply *name = client.callTool(QStringLiteral("ask_name"), {});
        QVERIFY(finished(name));
        QVERIFY2(!name->isError(), qPrintable(name->error().message));
        QCOMPARE(name->toolResult().text(), QStringLiteral("Hello, Ada!"));
        McpReply *roots = client.callTool(QStringLiteral("list_roots"), {});
        QVERIFY(finished(roots));
        QCOMPARE(roots->toolResult().text(), QStringLiteral("Roots: file:///srv/a"));
        QCOMPARE(asked,
                 (QStringList{QStringLiteral("elicitation/create"), QStringLiteral("roots/list")}));
    }

    void deadWorkerIsNoticedOnTheNextCall()
    {
        Worker worker({QStringLiteral("--die-after"), QStringLiteral("1")});
        QVERIFY(worker.url().isValid());
        McpClient client(options(worker.url()));
        QVERIFY(connectClient(client));
        McpReply *first = client.callTool(QStringLiteral("echo"),
                                          args({{"message", QStringLiteral("last words")}}));
        QVERIFY(finished(first));
        QVERIFY2(!first->isError(), qPrintable(first->error().message));
        QTRY_COMPARE_WITH_TIMEOUT(worker.process().state(), QProcess::NotRunning, 5000);
        QSignalSpy requestErrors(&client, &McpClient::requestErrorOccurred);
        McpReply *second = client.callTool(QStringLiteral("echo"),
                                           args({{"message", QStringLiteral("anyone?")}}));
        QVERIFY(finished(second));
        QCOMPARE(second->error().kind, McpError::Kind::Transport);
        // The call's failure is reported; the subscriptions/listen stream
        // (2026-07-28) may report the lost worker too.
        QVERIFY(requestErrors.size() >= 1);
    }

    void hangingWorkerTimesOut()
    {
        Worker worker({QStringLiteral("--hang-after"), QStringLiteral("1")});
        QVERIFY(worker.url().isValid());
        McpClient client(options(worker.url()));
        QVERIFY(connectClient(client));
        McpReply *first
            = client.callTool(QStringLiteral("echo"), args({{"message", QStringLiteral("x")}}));
        QVERIFY(finished(first));
        QVERIFY(!first->isError());
        McpCallOptions quick;
        quick.timeoutMs = 300;
        McpReply *reply = client.callTool(QStringLiteral("echo"),
                                          args({{"message", QStringLiteral("x")}}), quick);
        QVERIFY(finished(reply));
        QCOMPARE(reply->error().kind, McpError::Kind::Timeout);
    }
};

QTEST_GUILESS_MAIN(TestDemoWorkerClient)
#include "tst_demoworkerclient.moc"
