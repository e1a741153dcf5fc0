// mcp-poolctl as a user runs it: real processes, a real demo worker.

#include "demoworkerprocess.h"
#include "poolctlrun.h"
#include "scriptedhttpserver.h"

#include <QElapsedTimer>

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

class TestPoolctl : public QObject
{
    Q_OBJECT

    DemoWorkerProcess m_worker;
    QString m_url;

    using Run = PoolctlRun;
    static Run poolctl(const QStringList &args,
                       const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment())
    {
        return PoolctlRun::run(args, env);
    }
    // As poolctl(), but runs this process's event loop meanwhile (for servers
    // the test itself serves, e.g. a ScriptedHttpServer).
    static Run poolctlServed(const QStringList &args,
                             const QProcessEnvironment &env
                             = QProcessEnvironment::systemEnvironment())
    {
        PoolctlRun::Options options;
        options.env = env;
        options.turnEventLoop = true;
        return PoolctlRun::run(args, options);
    }
    static bool holdsControlBytes(const QString &text)
    {
        for (const QChar c : text) {
            const ushort u = c.unicode();
            if ((u < 0x20 && u != '\n' && u != '\t') || (u >= 0x7f && u <= 0x9f) || u == 0x202e)
                return true;
        }
        return false;
    }
    QStringList server() const
    {
        return {QStringLiteral("--server"), QStringLiteral("w1=") + m_url};
    }
    static QJsonObject json(const Run &r)
    {
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_worker.start({QStringLiteral("--name"), QStringLiteral("cli-worker")}));
        m_url = m_worker.url().toString();
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("needle");
        QTest::newRow("no command") << QStringList() << QStringLiteral("no command");
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--frobnicate"), QStringLiteral("tools")}
            << QStringLiteral("unknown option");
        QTest::newRow("bad server") << QStringList{QStringLiteral("--server"),
                                                   QStringLiteral("nourl"), QStringLiteral("tools")}
                                    << QStringLiteral("ID=URL");
        QTest::newRow("ftp url") << QStringList{QStringLiteral("--server"),
                                                QStringLiteral("a=ftp://x/"),
                                                QStringLiteral("tools")}
                                 << QStringLiteral("http");
        QTest::newRow("duplicate id")
            << QStringList{QStringLiteral("--server"), QStringLiteral("a=http://127.0.0.1:1/"),
                           QStringLiteral("--server"), QStringLiteral("a=http://127.0.0.1:2/"),
                           QStringLiteral("tools")}
            << QStringLiteral("twice");
        QTest::newRow("no server")
            << QStringList{QStringLiteral("tools")} << QStringLiteral("--server");
        QTest::newRow("unknown command")
            << QStringList{QStringLiteral("--server"), QStringLiteral("a=http://127.0.0.1:1/"),
                           QStringLiteral("frob")}
            << QStringLiteral("unknown command");
        QTest::newRow("token env unset")
            << QStringList{QStringLiteral("--server"), QStringLiteral("a=http://127.0.0.1:1/"),
                           QStringLiteral("--token-env"), QStringLiteral("MCPPM_SURELY_UNSET_VAR"),
                           QStringLiteral("tools")}
            << QStringLiteral("not set");
        QTest::newRow("bad timeout") << QStringList{QStringLiteral("--timeout"),
                                                    QStringLiteral("soon"), QStringLiteral("tools")}
                                     << QStringLiteral("--timeout");
        QTest::newRow("conformance without url")
            << QStringList{QStringLiteral("conformance")} << QStringLiteral("URL");
        QTest::newRow("bad dpop") << QStringList{
            QStringLiteral("--server"), QStringLiteral("a=http://127.0.0.1:1/,dpop=sometimes"),
            QStringLiteral(
                "tools")} << QStringLiteral("dpop=auto|off|required");
        QTest::newRow("workload file and command")
            << QStringList{QStringLiteral("--server"),
                           QStringLiteral("a=http://127.0.0.1:1/,workload-token-file=/t,"
                                          "workload-token-command=/bin/t"),
                           QStringLiteral("tools")}
            << QStringLiteral("not both");
        QTest::newRow("mcp listen")
            << QStringList{QStringLiteral("--server"), QStringLiteral("a=http://127.0.0.1:1/"),
                           QStringLiteral("serve"), QStringLiteral("--mcp-listen"),
                           QStringLiteral("nowhere")}
            << QStringLiteral("--mcp-listen wants ADDRESS:PORT");
        QTest::newRow("mcp listen off loopback without a token")
            << QStringList{QStringLiteral("--server"), QStringLiteral("a=http://127.0.0.1:1/"),
                           QStringLiteral("serve"), QStringLiteral("--mcp-listen"),
                           QStringLiteral("0.0.0.0:0")}
            << QStringLiteral("not a loopback address");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, needle);
        const Run r = poolctl(args);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(needle), qPrintable(r.err));
    }

    void help()
    {
        const Run r = poolctl({QStringLiteral("--help")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY(r.out.contains(QStringLiteral("Usage: mcp-poolctl")));
    }

    // The version and the allocator malloc() really is: with mimalloc linked
    // (app/poolctl/CMakeLists.txt) it must have won the symbol lookup over libc's.
    void versionNamesTheAllocator()
    {
        const Run r = poolctl({QStringLiteral("--version")});
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(QRegularExpression(QStringLiteral("^mcp-poolctl \\d+\\.\\d+\\.\\d+\n"))
                     .match(r.out)
                     .hasMatch(),
                 qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("allocator: " MCPPM_POOLCTL_ALLOCATOR)),
                 qPrintable(r.out));
    }

    void toolsText()
    {
        const Run r = poolctl(server() << QStringLiteral("tools"));
        QCOMPARE(r.exitCode, 0);
        for (const char *tool : {"echo", "add", "sleep", "progress", "fail"})
            QVERIFY2(r.out.contains(QLatin1String(tool)), qPrintable(r.out));
        QVERIFY(r.out.contains(QStringLiteral("cli-worker")));
    }

    void toolsJsonWithAnUnreachableServer()
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost, 0));
        const QString dead = QStringLiteral("dead=http://127.0.0.1:%1/mcp").arg(probe.serverPort());
        probe.close();
        const Run r = poolctl(server() << QStringLiteral("--server") << dead
                                       << QStringLiteral("tools") << QStringLiteral("--json"));
        QCOMPARE(r.exitCode, 1); // one of two failed
        const QJsonArray servers = json(r).value(QStringLiteral("servers")).toArray();
        QCOMPARE(servers.size(), 2);
        QVERIFY(servers.at(0).toObject().value(QStringLiteral("tools")).toArray().size() >= 5);
        QCOMPARE(servers.at(1)
                     .toObject()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString(),
                 QStringLiteral("transport"));
    }

    void callWithStructuredContent()
    {
        const Run r = poolctl(
            server() << QStringLiteral("call") << QStringLiteral("add") << QStringLiteral("--args")
                     << QStringLiteral(R"({"a":2,"b":40})") << QStringLiteral("--json"));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = json(r);
        QCOMPARE(o.value(QStringLiteral("server")).toString(), QStringLiteral("w1"));
        QCOMPARE(o.value(QStringLiteral("result"))
                     .toObject()
                     .value(QStringLiteral("structuredContent"))
                     .toObject()
                     .value(QStringLiteral("sum"))
                     .toDouble(),
                 42.0);
        QCOMPARE(o.value(QStringLiteral("outputSchemaValid")).toBool(), true);
    }

    void callText()
    {
        const Run r = poolctl(server() << QStringLiteral("call") << QStringLiteral("echo")
                                       << QStringLiteral("--args")
                                       << QStringLiteral(R"({"message":"hello"})"));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.out.trimmed(), QStringLiteral("hello"));
    }

    void toolErrorExitsOne()
    {
        const Run r = poolctl(server() << QStringLiteral("call") << QStringLiteral("fail")
                                       << QStringLiteral("--args")
                                       << QStringLiteral(R"({"message":"boom"})"));
        QCOMPARE(r.exitCode, 1);
        QVERIFY(r.out.contains(QStringLiteral("boom")));
        QVERIFY(r.err.contains(QStringLiteral("tool reported an error")));
    }

    void badArgsJson()
    {
        const Run r = poolctl(server() << QStringLiteral("call") << QStringLiteral("echo")
                                       << QStringLiteral("--args") << QStringLiteral("{not json"));
        QCOMPARE(r.exitCode, 2);
        QVERIFY(r.err.contains(QStringLiteral("JSON object")));
    }

    void progressGoesToStderr()
    {
        const Run r = poolctl(server() << QStringLiteral("call") << QStringLiteral("progress")
                                       << QStringLiteral("--args")
                                       << QStringLiteral(R"({"steps":3,"interval_ms":20})"));
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(r.err.count(QStringLiteral("progress ")), 3);
    }

    void timeoutIsReported()
    {
        const Run r
            = poolctl(server() << QStringLiteral("--timeout") << QStringLiteral("300")
                               << QStringLiteral("call") << QStringLiteral("sleep")
                               << QStringLiteral("--args") << QStringLiteral(R"({"ms":5000})")
                               << QStringLiteral("--json"));
        QCOMPARE(r.exitCode, 1);
        QCOMPARE(json(r)
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("kind"))
                     .toString(),
                 QStringLiteral("timeout"));
    }

    void readResource()
    {
        const Run r
            = poolctl(server() << QStringLiteral("read") << QStringLiteral("demo://state/current"));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject state = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QCOMPARE(state.value(QStringLiteral("name")).toString(), QStringLiteral("cli-worker"));
        const Run missing
            = poolctl(server() << QStringLiteral("read") << QStringLiteral("demo://nope"));
        QCOMPARE(missing.exitCode, 1);
    }

    void unreachable()
    {
        const Run r = poolctl({QStringLiteral("--server"),
                               QStringLiteral("x=http://127.0.0.1:1/mcp"), QStringLiteral("ping")});
        QCOMPARE(r.exitCode, 3);
        QVERIFY(r.out.contains(QStringLiteral("refused")));
    }

    void tokenIsNeverPrinted()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString token
            = QStringLiteral("tok-%1-secret").arg(QCoreApplication::applicationPid());
        env.insert(QStringLiteral("MCPPM_TEST_TOKEN"), token);
        for (const QString &url : {m_url, QStringLiteral("http://127.0.0.1:1/mcp")}) {
            const Run r
                = poolctl({QStringLiteral("--server"), QStringLiteral("w=") + url,
                           QStringLiteral("--token-env"), QStringLiteral("MCPPM_TEST_TOKEN"),
                           QStringLiteral("call"), QStringLiteral("echo"), QStringLiteral("--args"),
                           QStringLiteral(R"({"message":"x"})"), QStringLiteral("--json")},
                          env);
            QVERIFY(r.exitCode == 0 || r.exitCode == 3);
            QVERIFY(!r.out.contains(token));
            QVERIFY(!r.err.contains(token));
        }
    }

    void poolServersAndStats()
    {
        const Run servers
            = poolctl(server() << QStringLiteral("servers") << QStringLiteral("--json"));
        QCOMPARE(servers.exitCode, 0);
        const QJsonArray list = QJsonDocument::fromJson(servers.out.toUtf8()).array();
        QCOMPARE(list.size(), 1);
        QCOMPARE(list.first().toObject().value(QStringLiteral("status")).toString(),
                 QStringLiteral("online"));
        // The demo worker speaks both eras; the pool chose 2026-07-28 (8 tools there).
        QCOMPARE(list.first().toObject().value(QStringLiteral("era")).toString(),
                 QStringLiteral("modern"));
        QCOMPARE(list.first().toObject().value(QStringLiteral("tools")).toInt(), 8);
        const Run stats = poolctl(server() << QStringLiteral("stats") << QStringLiteral("--json"));
        QCOMPARE(stats.exitCode, 0);
        const QJsonObject s = json(stats);
        QCOMPARE(s.value(QStringLiteral("healthy")).toInt(), 1);
        QVERIFY(s.value(QStringLiteral("queue")).toObject().contains(QStringLiteral("inProgress")));
        // Cancelled calls are counted apart from errors, in total and per server.
        QVERIFY(s.value(QStringLiteral("calls")).toObject().contains(QStringLiteral("cancelled")));
        QVERIFY(list.first()
                    .toObject()
                    .value(QStringLiteral("stats"))
                    .toObject()
                    .contains(QStringLiteral("cancelled")));
        const Run bad = poolctl(server() << QStringLiteral("--strategy") << QStringLiteral("random")
                                         << QStringLiteral("stats"));
        QCOMPARE(bad.exitCode, 2);
        QVERIFY(bad.err.contains(QStringLiteral("least-loaded")));
    }

    void benchThroughThePool()
    {
        DemoWorkerProcess second;
        QVERIFY(second.start());
        const Run r
            = poolctl(server() << QStringLiteral("--server")
                               << QStringLiteral("w2=") + second.url().toString()
                               << QStringLiteral("--strategy") << QStringLiteral("least-loaded")
                               << QStringLiteral("bench") << QStringLiteral("--tool")
                               << QStringLiteral("echo") << QStringLiteral("--args")
                               << QStringLiteral(R"({"message":"b"})") << QStringLiteral("--calls")
                               << QStringLiteral("500") << QStringLiteral("--concurrency")
                               << QStringLiteral("8") << QStringLiteral("--json"));
        QCOMPARE(r.exitCode, 0);
        const QJsonObject o = json(r);
        for (const char *key :
             {"calls", "completed", "failed", "cancelled", "lost", "seconds", "calls_per_s",
              "latency_ms", "cpu_ms_per_call", "max_rss_mb", "failovers"})
            QVERIFY2(o.contains(QLatin1String(key)), key);
        QCOMPARE(o.value(QStringLiteral("calls")).toInt(), 500);
        QCOMPARE(o.value(QStringLiteral("completed")).toInt(), 500);
        QCOMPARE(o.value(QStringLiteral("lost")).toInt(), 0);
        QVERIFY(o.value(QStringLiteral("latency_ms")).toObject().contains(QStringLiteral("p99")));
        QVERIFY(r.err.contains(QStringLiteral("bench:"))
                || o.value(QStringLiteral("seconds")).toDouble() < 1.0); // progress on stderr
        const Run missing = poolctl(server() << QStringLiteral("bench") << QStringLiteral("--tool")
                                             << QStringLiteral("echo"));
        QCOMPARE(missing.exitCode, 2);
    }

    void callAndReadThroughThePool()
    {
        DemoWorkerProcess second;
        QVERIFY(second.start({QStringLiteral("--name"), QStringLiteral("second")}));
        const QStringList two = server()
            << QStringLiteral("--server") << QStringLiteral("w2=") + second.url().toString();
        const Run pinned = poolctl(
            QStringList(two) << QStringLiteral("--on") << QStringLiteral("w2")
                             << QStringLiteral("--priority") << QStringLiteral("7")
                             << QStringLiteral("call") << QStringLiteral("echo")
                             << QStringLiteral("--args") << QStringLiteral(R"({"message":"pin"})")
                             << QStringLiteral("--json"));
        QCOMPARE(pinned.exitCode, 0);
        QCOMPARE(json(pinned).value(QStringLiteral("server")).toString(), QStringLiteral("w2"));
        QCOMPARE(json(pinned).value(QStringLiteral("status")).toString(),
                 QStringLiteral("completed"));
        QCOMPARE(json(pinned).value(QStringLiteral("attempts")).toInt(), 1);
        const Run read = poolctl(QStringList(two) << QStringLiteral("--on") << QStringLiteral("w2")
                                                  << QStringLiteral("read")
                                                  << QStringLiteral("demo://state/current"));
        QCOMPARE(read.exitCode, 0);
        QCOMPARE(QJsonDocument::fromJson(read.out.toUtf8())
                     .object()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("second"));
        const Run unknownPin
            = poolctl(QStringList(two) << QStringLiteral("--on") << QStringLiteral("w9")
                                       << QStringLiteral("call") << QStringLiteral("echo"));
        QCOMPARE(unknownPin.exitCode, 2);
        const Run noTool
            = poolctl(QStringList(two) << QStringLiteral("call") << QStringLiteral("no-such-tool"));
        QCOMPARE(noTool.exitCode, 1);
        QVERIFY2(noTool.err.contains(QStringLiteral("No healthy servers offer the tool")),
                 qPrintable(noTool.err));
        const Run badPriority
            = poolctl(QStringList(two) << QStringLiteral("--priority") << QStringLiteral("high")
                                       << QStringLiteral("call") << QStringLiteral("echo"));
        QCOMPARE(badPriority.exitCode, 2);
    }

    void toolDriftIsFlagged()
    {
        DemoWorkerProcess second, odd;
        QVERIFY(second.start());
        QVERIFY(odd.start({QStringLiteral("--without-tool"), QStringLiteral("add")}));
        const QStringList three = server()
            << QStringLiteral("--server") << QStringLiteral("w2=") + second.url().toString()
            << QStringLiteral("--server") << QStringLiteral("w3=") + odd.url().toString();
        const Run text = poolctl(QStringList(three) << QStringLiteral("servers"));
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(
                     QStringLiteral("tool drift: w3 differs from the pool (missing: add)")),
                 qPrintable(text.out));
        const Run json
            = poolctl(QStringList(three) << QStringLiteral("servers") << QStringLiteral("--json"));
        const QJsonArray list = QJsonDocument::fromJson(json.out.toUtf8()).array();
        QCOMPARE(list.size(), 3);
        QCOMPARE(list.at(0).toObject().value(QStringLiteral("toolDrift")).toString(), QString());
        QCOMPARE(list.at(2).toObject().value(QStringLiteral("toolDrift")).toString(),
                 QStringLiteral("missing: add"));
        QVERIFY(list.at(0).toObject().value(QStringLiteral("toolsHash")).toString()
                != list.at(2).toObject().value(QStringLiteral("toolsHash")).toString());
    }

    void exportCsv()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("stats.csv"));
        const Run bench
            = poolctl(server() << QStringLiteral("bench") << QStringLiteral("--tool")
                               << QStringLiteral("echo") << QStringLiteral("--args")
                               << QStringLiteral(R"({"message":"c"})") << QStringLiteral("--calls")
                               << QStringLiteral("40") << QStringLiteral("--concurrency")
                               << QStringLiteral("4") << QStringLiteral("--csv") << path);
        QCOMPARE(bench.exitCode, 0);
        auto lines = [](const QString &file) {
            QFile f(file);
            if (!f.open(QIODevice::ReadOnly))
                return QStringList();
            return QString::fromUtf8(f.readAll()).split(QStringLiteral("\r\n"), Qt::SkipEmptyParts);
        };
        const QStringList stats = lines(path);
        QCOMPARE(stats.size(), 4); // header, pool, server w1, tool echo
        QVERIFY(stats.at(0).startsWith(QStringLiteral("scope,id,url,status,requests,succeeded,")));
        const QStringList header = stats.at(0).split(QLatin1Char(','));
        const QStringList pool = stats.at(1).split(QLatin1Char(','));
        const QStringList w1 = stats.at(2).split(QLatin1Char(','));
        const QStringList echo = stats.at(3).split(QLatin1Char(','));
        QCOMPARE(pool.size(), header.size());
        QCOMPARE(pool.at(0), QStringLiteral("pool"));
        QCOMPARE(w1.mid(0, 2), (QStringList{QStringLiteral("server"), QStringLiteral("w1")}));
        QCOMPARE(w1.at(2), m_url);
        QCOMPARE(w1.at(3), QStringLiteral("online"));
        QCOMPARE(echo.mid(0, 2), (QStringList{QStringLiteral("tool"), QStringLiteral("echo")}));
        QCOMPARE(echo.at(header.indexOf(QStringLiteral("requests"))), QStringLiteral("40"));
        QCOMPARE(echo.at(header.indexOf(QStringLiteral("succeeded"))), QStringLiteral("40"));
        QCOMPARE(echo.at(header.indexOf(QStringLiteral("latency_count"))), QStringLiteral("40"));
        QVERIFY(echo.at(header.indexOf(QStringLiteral("p50_ms"))).toDouble() > 0);
        const QStringList history = lines(dir.filePath(QStringLiteral("stats-history.csv")));
        QCOMPARE(history.size(), 41);
        QVERIFY(history.at(1).contains(QStringLiteral(",tool_call,echo,0,completed,1,w1,")));
        QVERIFY(!lines(dir.filePath(QStringLiteral("stats-series.csv"))).isEmpty());

        // export-csv on its own: the servers as they are, no calls yet.
        const QString fresh = dir.filePath(QStringLiteral("fresh.csv"));
        const Run r = poolctl(server() << QStringLiteral("export-csv") << fresh);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(lines(fresh).size(), 3); // header, pool, w1
        const Run bad = poolctl(server() << QStringLiteral("export-csv")
                                         << dir.filePath(QStringLiteral("no/such/dir/x.csv")));
        QCOMPARE(bad.exitCode, 1);
        QVERIFY(bad.err.contains(QStringLiteral("cannot write")));
    }

    void tokenPerServer()
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        const QString token
            = QStringLiteral("worker-secret-%1").arg(QCoreApplication::applicationPid());
        env.insert(QStringLiteral("MCPPM_WORKER_TOKEN"), token);
        env.insert(QStringLiteral("MCPPM_WRONG_TOKEN"), QStringLiteral("wrong-one"));
        DemoWorkerProcess guarded;
        guarded.process().setProcessEnvironment(env);
        QVERIFY(
            guarded.start({QStringLiteral("--token-env"), QStringLiteral("MCPPM_WORKER_TOKEN")}));
        const QString url = guarded.url().toString();
        const QStringList call{QStringLiteral("call"), QStringLiteral("echo"),
                               QStringLiteral("--args"), QStringLiteral(R"({"message":"ok"})")};
        const Run with
            = poolctl(QStringList{QStringLiteral("--server"),
                                  QStringLiteral("g=%1,token-env=MCPPM_WORKER_TOKEN").arg(url)}
                          + call,
                      env);
        QCOMPARE(with.exitCode, 0);
        QCOMPARE(with.out.trimmed(), QStringLiteral("ok"));
        // A later --token-env does not replace a server's own token-env.
        const Run kept = poolctl(
            QStringList{QStringLiteral("--server"),
                        QStringLiteral("g=%1,token-env=MCPPM_WORKER_TOKEN").arg(url),
                        QStringLiteral("--token-env"), QStringLiteral("MCPPM_WRONG_TOKEN")}
                + call,
            env);
        QCOMPARE(kept.exitCode, 0);
        const Run wrong
            = poolctl(QStringList{QStringLiteral("--server"),
                                  QStringLiteral("g=%1,token-env=MCPPM_WRONG_TOKEN").arg(url)}
                          + call,
                      env);
        QCOMPARE(wrong.exitCode, 3);
        QVERIFY2(wrong.err.contains(QStringLiteral("401")), qPrintable(wrong.err));
        const Run none = poolctl(
            QStringList{QStringLiteral("--server"), QStringLiteral("g=") + url} + call, env);
        QCOMPARE(none.exitCode, 3);
        for (const Run &r : {with, kept, wrong, none}) {
            QVERIFY(!r.out.contains(token) && !r.err.contains(token));
            QVERIFY(!r.err.contains(QStringLiteral("wrong-one")));
        }
        const Run unset = poolctl({QStringLiteral("--server"),
                                   QStringLiteral("g=%1,token-env=MCPPM_SURELY_UNSET").arg(url),
                                   QStringLiteral("servers")});
        QCOMPARE(unset.exitCode, 2);
        QVERIFY(unset.err.contains(QStringLiteral("MCPPM_SURELY_UNSET")));
    }

    void profiles()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fleet.json"));
        auto write = [&](const QByteArray &json) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
            f.write(json);
        };
        write("{\"version\":1,\"strategy\":\"p2c\",\"servers\":[{\"id\":\"pw\",\"url\":\""
              + m_url.toUtf8() + "\",\"tokenRef\":\"env:MCPPM_PROFILE_TOKEN\"}]}");
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MCPPM_PROFILE_TOKEN"), QStringLiteral("profile-secret"));
        const Run r = poolctl(
            {QStringLiteral("--profile"), path, QStringLiteral("stats"), QStringLiteral("--json")},
            env);
        QCOMPARE(r.exitCode, 0);
        QCOMPARE(json(r).value(QStringLiteral("strategy")).toString(), QStringLiteral("p2c"));
        QCOMPARE(json(r).value(QStringLiteral("healthy")).toInt(), 1);
        QVERIFY(!r.out.contains(QStringLiteral("profile-secret")));
        // The variable is missing: a clear error that names the reference, not a value.
        const Run missing = poolctl({QStringLiteral("--profile"), path, QStringLiteral("servers")});
        QCOMPARE(missing.exitCode, 2);
        QVERIFY2(missing.err.contains(QStringLiteral("env:MCPPM_PROFILE_TOKEN")),
                 qPrintable(missing.err));
        write("{\"version\":1,\"servers\":[{\"id\":\"pw\",\"url\":\"http://h/"
              "\",\"token\":\"inline-secret\"}]}");
        const Run inline_ = poolctl({QStringLiteral("--profile"), path, QStringLiteral("servers")});
        QCOMPARE(inline_.exitCode, 2);
        QVERIFY(inline_.err.contains(QStringLiteral("never stored")));
        QVERIFY(!inline_.err.contains(QStringLiteral("inline-secret")));
    }

    void keychainReferenceWithoutKeychain_data()
    {
        QTest::addColumn<QString>("busAddress"); // "" = no DBUS_SESSION_BUS_ADDRESS at all
        QTest::newRow("no session bus") << QString();
        QTest::newRow("bus pointing nowhere")
            << QStringLiteral("unix:path=/nonexistent/mcppm-test-session-bus");
    }
    void keychainReferenceWithoutKeychain()
    {
        QFETCH(QString, busAddress);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fleet.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("{\"version\":1,\"name\":\"fleet\",\"servers\":[{\"id\":\"kw\",\"url\":\""
                + m_url.toUtf8() + "\",\"tokenRef\":\"keychain:fleet/kw\"}]}");
        f.close();
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"));
        if (!busAddress.isEmpty())
            env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"), busAddress);
        QElapsedTimer t;
        t.start();
        const Run r = poolctl({QStringLiteral("--profile"), path, QStringLiteral("servers")}, env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("server kw: token reference keychain:fleet/kw: no "
                                               "keychain is available (no D-Bus session")),
                 qPrintable(r.err));
        QVERIFY(t.elapsed() < 15000); // never the keychain's full timeout, never a hang
        // keychain: references are no longer refused as such: --help-like advice is gone.
        QVERIFY(!r.err.contains(QStringLiteral("use env:VARIABLE")));
    }

    void serverIdsArePrintable_data()
    {
        QTest::addColumn<QString>("id");
        QTest::newRow("escape") << QStringLiteral("w\x1b]0;x\x07");
        QTest::newRow("newline") << QStringLiteral("w\nx");
        QTest::newRow("leading space") << QStringLiteral(" w");
        QTest::newRow("too long") << QString(65, QLatin1Char('w'));
    }
    void serverIdsArePrintable()
    {
        QFETCH(QString, id);
        const Run flag = poolctl({QStringLiteral("--server"), id + QStringLiteral("=") + m_url,
                                  QStringLiteral("servers")});
        QCOMPARE(flag.exitCode, 2);
        QVERIFY2(flag.err.contains(QStringLiteral("server id")), qPrintable(flag.err));
        QVERIFY2(!holdsControlBytes(flag.err), qPrintable(flag.err));
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("ids.json"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        QJsonObject server{{QStringLiteral("id"), id}, {QStringLiteral("url"), m_url}};
        f.write(QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                          {QStringLiteral("servers"), QJsonArray{server}}})
                    .toJson());
        f.close();
        const Run profile = poolctl({QStringLiteral("--profile"), path, QStringLiteral("servers")});
        QCOMPARE(profile.exitCode, 2);
        QVERIFY2(profile.err.contains(QStringLiteral("\"id\"")), qPrintable(profile.err));
        QVERIFY2(!holdsControlBytes(profile.err), qPrintable(profile.err));
    }

    void serverTextNeverDrivesTheTerminal()
    {
        // A hostile server: escape sequences (retitle: ESC ]0; ... BEL; clear:
        // ESC [2J; C1 CSI; a bidi override) in its reason phrase, error body,
        // serverInfo, tool names and descriptions and call results.
        const QByteArray evil = "\x1b]0;pwned\x07\x1b[2J";
        const QString evilJson = QStringLiteral("\\u001b]0;pwned\\u0007\\u001b[2J\\u009b2J\\u202e");
        ScriptedHttpServer hostile;
        QVERIFY(hostile.listen());
        bool failHttp = true;
        hostile.setHandler([&](const ScriptedHttpServer::Request &request, QTcpSocket *socket) {
            if (failHttp) {
                const QByteArray body = "upstream says " + evil + "\r\n";
                socket->write("HTTP/1.1 500 Broken " + evil
                              + "\r\nContent-Type: text/plain\r\n"
                                "Content-Length: "
                              + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n"
                              + body);
                socket->disconnectFromHost();
                return;
            }
            if (request.method != "POST") {
                ScriptedHttpServer::respond(socket, 405, "text/plain", "no");
                return;
            }
            const QJsonObject message = QJsonDocument::fromJson(request.body).object();
            const QString method = message.value(QStringLiteral("method")).toString();
            if (!message.contains(QStringLiteral("id"))) {
                ScriptedHttpServer::respond(socket, 202, "text/plain", {});
                return;
            }
            const QByteArray id = QJsonDocument(QJsonArray{message.value(QStringLiteral("id"))})
                                      .toJson(QJsonDocument::Compact)
                                      .mid(1)
                                      .chopped(1);
            QString result;
            if (method == QLatin1String("initialize"))
                result = QStringLiteral(
                             R"({"protocolVersion":"2025-06-18","capabilities":{"tools":{}},)"
                             R"("serverInfo":{"name":"evil%1","version":"6.6%1"}})")
                             .arg(evilJson);
            else if (method == QLatin1String("tools/list"))
                result = QStringLiteral(R"({"tools":[{"name":"echo%1","description":"says %1",)"
                                        R"("inputSchema":{"type":"object"}}]})")
                             .arg(evilJson);
            else if (method == QLatin1String("tools/call"))
                result = QStringLiteral(R"({"content":[{"type":"text","text":"line1%1
line2"}]})")
                             .arg(evilJson);
            else if (method == QLatin1String("ping"))
                result = QStringLiteral("{}");
            else {
                ScriptedHttpServer::respond(socket, 200, "application/json",
                                            "{\"jsonrpc\":\"2.0\",\"id\":" + id
                                                + ",\"error\":{\"code\":-32601,\"message\":\"no "
                                                + evilJson.toUtf8() + "\"}}");
                return;
            }
            ScriptedHttpServer::respond(socket, 200, "application/json",
                                        "{\"jsonrpc\":\"2.0\",\"id\":" + id
                                            + ",\"result\":" + result.toUtf8() + "}");
        });
        const QStringList evilServer{
            QStringLiteral("--server"),    QStringLiteral("evil=") + hostile.url().toString(),
            QStringLiteral("--timeout"),   QStringLiteral("3000"),
            QStringLiteral("--transport"), QStringLiteral("http")};
        QList<Run> runs;
        // The reason phrase and error body of a failing server.
        runs << poolctlServed(evilServer + QStringList{QStringLiteral("tools")});
        QVERIFY2(runs.last().exitCode != 0, qPrintable(runs.last().err));
        runs << poolctlServed(evilServer + QStringList{QStringLiteral("servers")});
        // serverInfo, tool names and descriptions, results: text and JSON.
        failHttp = false;
        runs << poolctlServed(evilServer + QStringList{QStringLiteral("tools")});
        QCOMPARE(runs.last().exitCode, 0);
        QVERIFY2(runs.last().out.contains(QStringLiteral("\\x1b]0;pwned\\x07")),
                 qPrintable(runs.last().out));
        runs << poolctlServed(evilServer
                              + QStringList{QStringLiteral("tools"), QStringLiteral("--json")});
        QCOMPARE(runs.last().exitCode, 0);
        QVERIFY(!QJsonDocument::fromJson(runs.last().out.toUtf8()).isNull()); // still valid JSON
        const QString name = QJsonDocument::fromJson(runs.last().out.toUtf8())
                                 .object()
                                 .value(QStringLiteral("servers"))
                                 .toArray()
                                 .first()
                                 .toObject()
                                 .value(QStringLiteral("serverInfo"))
                                 .toObject()
                                 .value(QStringLiteral("name"))
                                 .toString();
        QVERIFY2(name.startsWith(QStringLiteral("evil\x1b]0;pwned")),
                 qPrintable(name)); // the JSON holds it, escaped
        runs << poolctlServed(
            evilServer
            + QStringList{QStringLiteral("call"),
                          QStringLiteral("echo") + QString::fromUtf8("\x1b]0;pwned\x07\x1b[2J")
                              + QChar(0x9b) + QStringLiteral("2J") + QChar(0x202e)});
        QCOMPARE(runs.last().exitCode, 0);
        QVERIFY2(runs.last().out.contains(QStringLiteral("line1"))
                     && runs.last().out.contains(QStringLiteral("\nline2")),
                 qPrintable(runs.last().out)); // newlines in text results stay
        runs << poolctlServed(evilServer + QStringList{QStringLiteral("ping")});
        runs << poolctlServed(evilServer
                              + QStringList{QStringLiteral("call"), QStringLiteral("nope")});
        for (const Run &r : std::as_const(runs)) {
            QVERIFY2(!r.out.contains(QChar(0x1b)) && !r.err.contains(QChar(0x1b)),
                     qPrintable(r.out + r.err));
            QVERIFY(!r.out.contains(QChar(0x07)) && !r.err.contains(QChar(0x07)));
            QVERIFY(!holdsControlBytes(r.out));
            QVERIFY2(!holdsControlBytes(r.err), qPrintable(r.err));
        }
    }

    void validate_data()
    {
        QTest::addColumn<QByteArray>("schema");
        QTest::addColumn<QByteArray>("instance");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("needle");
        QTest::newRow("valid") << QByteArray(R"({"type":"object","required":["a"]})")
                               << QByteArray(R"({"a":1})") << 0 << QStringLiteral("valid");
        QTest::newRow("invalid") << QByteArray(
            R"({"type":"object","properties":{"a":{"type":"string"}}})")
                                 << QByteArray(R"({"a":1})") << 1 << QStringLiteral("/a");
        QTest::newRow("malformed schema")
            << QByteArray(R"({"type":12})") << QByteArray("{}") << 2 << QString();
        QTest::newRow("schema not json")
            << QByteArray("{nope") << QByteArray("{}") << 2 << QString();
    }
    void validate()
    {
        QFETCH(QByteArray, schema);
        QFETCH(QByteArray, instance);
        QFETCH(int, exitCode);
        QFETCH(QString, needle);
        QTemporaryDir dir;
        QFile s(dir.filePath(QStringLiteral("schema.json")));
        QVERIFY(s.open(QIODevice::WriteOnly));
        s.write(schema);
        s.close();
        QFile i(dir.filePath(QStringLiteral("instance.json")));
        QVERIFY(i.open(QIODevice::WriteOnly));
        i.write(instance);
        i.close();
        const Run r = poolctl({QStringLiteral("validate"), s.fileName(), i.fileName()});
        QCOMPARE(r.exitCode, exitCode);
        if (!needle.isEmpty())
            QVERIFY2(r.out.contains(needle), qPrintable(r.out));
        const Run missing = poolctl({QStringLiteral("validate"),
                                     dir.filePath(QStringLiteral("absent.json")), i.fileName()});
        QCOMPARE(missing.exitCode, 2);
    }
    void benchCountsStalledTasks()
    {
        // w2 stops answering after 3 calls: the call it holds stalls until the 500 ms
        // timeout (then fails or is retried on w1). The task latency shows that stall;
        // answered attempts, reported apart, do not.
        DemoWorkerProcess hanging;
        QVERIFY(hanging.start({QStringLiteral("--hang-after"), QStringLiteral("3")}));
        const Run r
            = poolctl(server() << QStringLiteral("--server")
                               << QStringLiteral("w2=") + hanging.url().toString()
                               << QStringLiteral("--timeout") << QStringLiteral("500")
                               << QStringLiteral("bench") << QStringLiteral("--tool")
                               << QStringLiteral("echo") << QStringLiteral("--args")
                               << QStringLiteral(R"({"message":"b"})") << QStringLiteral("--calls")
                               << QStringLiteral("20") << QStringLiteral("--concurrency")
                               << QStringLiteral("2") << QStringLiteral("--json"));
        QVERIFY2(r.exitCode == 0 || r.exitCode == 1, qPrintable(r.err));
        const QJsonObject o = json(r);
        QCOMPARE(o.value(QStringLiteral("lost")).toInt(), 0);
        QCOMPARE(o.value(QStringLiteral("completed")).toInt()
                     + o.value(QStringLiteral("failed")).toInt(),
                 20);
        const QJsonObject task = o.value(QStringLiteral("task_latency_ms")).toObject();
        const QJsonObject attempt = o.value(QStringLiteral("attempt_latency_ms")).toObject();
        QCOMPARE(task.value(QStringLiteral("count")).toInt(), 20);
        QVERIFY2(task.value(QStringLiteral("max")).toDouble() >= 500.0,
                 qPrintable(QString::fromUtf8(QJsonDocument(o).toJson())));
        QVERIFY(attempt.value(QStringLiteral("max")).toDouble()
                < task.value(QStringLiteral("max")).toDouble());
        QVERIFY(o.value(QStringLiteral("failed_attempts")).toInt() >= 1);
        QCOMPARE(o.value(QStringLiteral("latency_ms")).toObject(), task); // the old name
        // The text output labels both.
        const Run text = poolctl(server() << QStringLiteral("bench") << QStringLiteral("--tool")
                                          << QStringLiteral("echo") << QStringLiteral("--calls")
                                          << QStringLiteral("5") << QStringLiteral("--concurrency")
                                          << QStringLiteral("1"));
        QCOMPARE(text.exitCode, 0);
        QVERIFY2(text.out.contains(QStringLiteral("task latency ms"))
                     && text.out.contains(QStringLiteral("attempt latency ms")),
                 qPrintable(text.out));
    }
};

QTEST_GUILESS_MAIN(TestPoolctl)
#include "tst_poolctl.moc"
