// PrometheusExporter: the pool's metrics in the text format, checked by
// promtool (Debian package prometheus) after real traffic, and mcp-poolctl
// serve answering /metrics over HTTP.

#include "demoworkerprocess.h"

#include "host/prometheusexporter.h"
#include "pool/serverpool.h"

#include <QFuture>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

using namespace mcppm;

class TestPrometheus : public QObject
{
    Q_OBJECT

    static QString promtool() { return QStringLiteral(MCPPM_PROMTOOL); }
    static QByteArray check(const QByteArray &metrics, int *exitCode)
    {
        QProcess p;
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(promtool(), {QStringLiteral("check"), QStringLiteral("metrics")});
        if (!p.waitForStarted(5000)) {
            *exitCode = -1;
            return "promtool did not start";
        }
        p.write(metrics);
        p.closeWriteChannel();
        p.waitForFinished(20000);
        *exitCode = p.exitCode();
        return p.readAll();
    }

private Q_SLOTS:
    void escaping()
    {
        QCOMPARE(PrometheusExporter::escapeLabel(QStringLiteral("a\"b\\c\nd")),
                 QStringLiteral("a\\\"b\\\\c\\nd"));
    }

    void metricsAfterTraffic()
    {
        if (promtool().isEmpty())
            QSKIP("promtool not installed (./scripts/test installs the Debian package "
                  "prometheus)");
        DemoWorkerProcess good, flaky;
        QVERIFY(good.start());
        QVERIFY(flaky.start({QStringLiteral("--error-rate"), QStringLiteral("0.5"),
                             QStringLiteral("--seed"), QStringLiteral("3")}));
        ServerPoolOptions o;
        o.queue.retryDelayMs = 10;
        ServerPool pool(o);
        pool.initialize();
        // Server ids are printable text without quotes or backslashes now
        // (SafeText::checkServerId); label escaping itself is tested in escaping().
        QVERIFY(pool.addServer(QStringLiteral("good (one)"), good.url(), {}));
        QVERIFY(pool.addServer(QStringLiteral("flaky/two"), flaky.url(), {}));
        QVERIFY(QTest::qWaitFor(
            [&]() {
                for (const QString &id : pool.serverIds()) {
                    if (pool.client(id)->tools().isEmpty())
                        return false;
                }
                return true;
            },
            10000));
        QList<QFuture<Task>> calls;
        for (int i = 0; i < 40; ++i)
            calls << pool.whenFinished(
                pool.callTool(i % 4 == 0 ? QStringLiteral("fail") : QStringLiteral("echo"),
                              QJsonObject{{QStringLiteral("message"), QStringLiteral("m")}}));
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return std::all_of(calls.cbegin(), calls.cend(),
                                   [](const QFuture<Task> &f) { return f.isFinished(); });
            },
            20000));
        // A call cancelled while it runs: an outcome of its own, not an error.
        PoolCallOptions pinned;
        pinned.server = QStringLiteral("good (one)");
        const TaskId slow = pool.callTool(QStringLiteral("sleep"),
                                          QJsonObject{{QStringLiteral("ms"), 60000}}, pinned);
        QVERIFY(QTest::qWaitFor([&]() { return pool.queue()->stats().running == 1; }, 5000));
        QVERIFY(pool.cancel(slow));
        QVERIFY(pool.setServerDrained(QStringLiteral("flaky/two"), true));
        QVERIFY(pool.setServerRateLimit(QStringLiteral("good (one)"), 25, 5));
        ServerOptions local; // a local stdio server, after the traffic: its process's metrics too
        local.stdio.program = QStringLiteral(MCPPM_DEMO_WORKER);
        local.stdio.args = {QStringLiteral("--stdio")};
        QVERIFY(
            pool.addServer(QStringLiteral("local"), QUrl(QStringLiteral("stdio:demo")), {}, local));
        QVERIFY(QTest::qWaitFor(
            [&]() { return !pool.client(QStringLiteral("local"))->tools().isEmpty(); }, 10000));
        const QByteArray metrics = PrometheusExporter::render(pool);
        int exitCode = 0;
        const QByteArray out = check(metrics, &exitCode);
        QVERIFY2(exitCode == 0 && out.trimmed().isEmpty(), out.constData());
        // The numbers are the pool's.
        const QString text = QString::fromUtf8(metrics);
        QVERIFY(text.contains(QStringLiteral("mcppm_tool_requests_total{tool=\"echo\"}")));
        QVERIFY(text.contains(QStringLiteral("server=\"good (one)\"")));
        QVERIFY(text.contains(QStringLiteral("server=\"flaky/two\"")));
        const QRegularExpression finished(
            QStringLiteral("mcppm_tasks_finished_total\\{outcome=\"completed\"\\} (\\d+)"));
        QCOMPARE(finished.match(text).captured(1).toInt(), 40); // fail's isError is a result
        QVERIFY(text.contains(QStringLiteral("kind=\"http\"")));
        QVERIFY(!text.contains(QStringLiteral("kind=\"cancelled\"")));
        QVERIFY2(text.contains(QStringLiteral(
                     "mcppm_server_calls_total{server=\"good (one)\",outcome=\"cancelled\"} 1")),
                 qPrintable(text));
        QVERIFY(text.contains(
            QStringLiteral("mcppm_tool_calls_total{tool=\"sleep\",outcome=\"cancelled\"} 1")));
        QVERIFY(
            text.contains(QStringLiteral("mcppm_tasks_finished_total{outcome=\"cancelled\"} 1")));
        QVERIFY(text.contains(QStringLiteral("le=\"+Inf\"")));
        QVERIFY(text.contains(QStringLiteral("mcppm_server_draining{server=\"flaky/two\"} 1")));
        // The demo workers speak both eras; the pool chose 2026-07-28.
        QVERIFY(text.contains(QStringLiteral(
            "mcppm_server_protocol_info{server=\"flaky/two\",era=\"modern\",protocol_version="
            "\"2026-07-28\"} 1")));
        QVERIFY(text.contains(
            QStringLiteral("mcppm_server_rate_limit_per_second{server=\"good (one)\"} 25")));
        QVERIFY(text.contains(QStringLiteral("mcppm_server_held_seconds{server=")));
        QVERIFY2(text.contains(QStringLiteral(
                     "mcppm_server_process_up{server=\"local\",state=\"running\"} 1")),
                 qPrintable(text));
        const QRegularExpression rss(QStringLiteral(
            "mcppm_server_process_resident_memory_bytes\\{server=\"local\"\\} (\\d+)"));
        QVERIFY(rss.match(text).captured(1).toLongLong() > 1000000);
        QVERIFY(text.contains(
            QStringLiteral("mcppm_server_process_restarts_total{server=\"local\"} 0")));
        QVERIFY(!text.contains(QStringLiteral("mcppm_server_process_up{server=\"flaky/two\"")));
    }

    void poolctlServe()
    {
        DemoWorkerProcess worker;
        QVERIFY(worker.start());
        QProcess serve;
        serve.start(QStringLiteral(MCPPM_POOLCTL),
                    {QStringLiteral("--server"), QStringLiteral("w1=") + worker.url().toString(),
                     QStringLiteral("serve"), QStringLiteral("--metrics-listen"),
                     QStringLiteral("127.0.0.1:0")});
        QVERIFY(serve.waitForStarted());
        QVERIFY(QTest::qWaitFor([&]() { return serve.canReadLine(); }, 10000));
        const QString line = QString::fromUtf8(serve.readLine());
        const QRegularExpression portOf(QStringLiteral("127\\.0\\.0\\.1:(\\d+)/metrics"));
        const quint16 port = quint16(portOf.match(line).captured(1).toUInt());
        QVERIFY2(port > 0, qPrintable(line));
        auto get = [port](const QByteArray &path) {
            QTcpSocket socket;
            socket.connectToHost(QHostAddress::LocalHost, port);
            if (!socket.waitForConnected(5000))
                return QByteArray();
            socket.write("GET " + path + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
            QByteArray answer;
            while (socket.waitForReadyRead(5000))
                answer += socket.readAll();
            return answer;
        };
        // The pool needs a moment to see its server online.
        QByteArray answer;
        QVERIFY(QTest::qWaitFor(
            [&]() {
                answer = get("/metrics");
                return answer.contains("status=\"online\"} 1");
            },
            10000));
        QVERIFY(answer.startsWith("HTTP/1.1 200 OK"));
        QVERIFY(answer.contains("Content-Type: text/plain; version=0.0.4"));
        QVERIFY(get("/nope").startsWith("HTTP/1.1 404"));
        if (!promtool().isEmpty()) {
            int exitCode = 0;
            const QByteArray out = check(answer.mid(answer.indexOf("\r\n\r\n") + 4), &exitCode);
            QVERIFY2(exitCode == 0, out.constData());
        }
        serve.terminate(); // SIGTERM: a clean stop
        QVERIFY(serve.waitForFinished(10000));
        QCOMPARE(serve.exitStatus(), QProcess::NormalExit);
        QCOMPARE(serve.exitCode(), 0);
    }
};

QTEST_GUILESS_MAIN(TestPrometheus)
#include "tst_prometheus.moc"
