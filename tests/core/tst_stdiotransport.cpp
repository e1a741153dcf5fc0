// StdioTransport and McpClient over stdio against real child processes: the
// demo worker in --stdio mode (both eras), and small shell programs that
// misbehave (garbage on stdout, never answering, ignoring SIGTERM, huge lines).

#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"
#include "mcp/stdiotransport.h"
#include "proctable.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace mcppm;

namespace {

bool processAlive(qint64 pid)
{
    return ProcTable::alive(pid);
}

// Live processes whose process group is pgid.
int groupMembers(qint64 pgid)
{
    return ProcTable::liveInGroup(pgid);
}

StdioTransportOptions shellOptions(const QString &script)
{
    StdioTransportOptions o;
    o.program = QStringLiteral("sh");
    o.args = {QStringLiteral("-c"), script};
    o.closeGraceMs = 200;
    o.termGraceMs = 200;
    return o;
}

StdioTransportOptions workerOptions(const QStringList &extra = {})
{
    StdioTransportOptions o;
    o.program = QStringLiteral(MCPPM_DEMO_WORKER);
    o.args = QStringList{QStringLiteral("--stdio")} + extra;
    o.closeGraceMs = 1000;
    o.termGraceMs = 500;
    return o;
}

struct StdioClient
{
    std::unique_ptr<McpClient> client;
    QList<StdioTransport *> transports; // every one the client made (may be deleted)
    qint64 lastPid = 0;
};

// A client whose transports run `options` (a new process per attempt).
std::unique_ptr<StdioClient> makeClient(const StdioTransportOptions &options,
                                        McpClientOptions::ProtocolMode protocol
                                        = McpClientOptions::ProtocolMode::Auto,
                                        int timeoutMs = 5000)
{
    auto result = std::make_unique<StdioClient>();
    McpClientOptions o;
    o.serverId = QStringLiteral("local");
    o.baseUrl = QUrl(QStringLiteral("stdio:demo"));
    o.timeoutMs = timeoutMs;
    o.retryAttempts = 0;
    o.autoReconnect = false;
    o.protocol = protocol;
    StdioClient *raw = result.get();
    o.transportFactory = [options, raw](QObject *parent) -> Transport * {
        auto *t = new StdioTransport(options, parent);
        QObject::connect(t, &StdioTransport::processStarted,
                         [raw](qint64 pid) { raw->lastPid = pid; });
        return t;
    };
    result->client = std::make_unique<McpClient>(o);
    return result;
}

} // namespace

class TestStdioTransport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(QFile::exists(QStringLiteral(MCPPM_DEMO_WORKER))); }

    void bothEras_data()
    {
        QTest::addColumn<QString>("era");
        QTest::addColumn<int>("protocol");
        QTest::addColumn<QString>("expectedEra");
        QTest::newRow("legacy worker, auto")
            << "legacy" << int(McpClientOptions::ProtocolMode::Auto) << "legacy";
        QTest::newRow("modern worker, auto")
            << "modern" << int(McpClientOptions::ProtocolMode::Auto) << "modern";
        QTest::newRow("both, pinned legacy")
            << "both" << int(McpClientOptions::ProtocolMode::Legacy) << "legacy";
        QTest::newRow("both, pinned modern")
            << "both" << int(McpClientOptions::ProtocolMode::Modern) << "modern";
    }
    void bothEras()
    {
        QFETCH(QString, era);
        QFETCH(int, protocol);
        QFETCH(QString, expectedEra);
        auto c = makeClient(workerOptions({QStringLiteral("--era"), era}),
                            McpClientOptions::ProtocolMode(protocol));
        QSignalSpy connected(c->client.get(), &McpClient::connected);
        c->client->connectToServer();
        QVERIFY(connected.wait(10000));
        QCOMPARE(McpClient::eraName(c->client->era()), expectedEra);
        QCOMPARE(c->client->transportName(), QStringLiteral("stdio"));
        QTRY_VERIFY_WITH_TIMEOUT(c->client->hasTool(QStringLiteral("echo")), 5000);
        McpReply *reply = c->client->callTool(QStringLiteral("echo"),
                                              {{QStringLiteral("message"), QStringLiteral("hi")}});
        QSignalSpy done(reply, &McpReply::finished);
        QVERIFY(done.wait(5000));
        QVERIFY2(!reply->isError(), qPrintable(reply->error().message));
        QCOMPARE(reply->result()
                     .value(QStringLiteral("content"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
                 QStringLiteral("hi"));
        // Many calls at once are matched by id.
        QList<McpReply *> replies;
        for (int i = 0; i < 50; ++i)
            replies << c->client->callTool(QStringLiteral("add"),
                                           {{QStringLiteral("a"), i}, {QStringLiteral("b"), 1}});
        QTRY_VERIFY_WITH_TIMEOUT(std::all_of(replies.cbegin(), replies.cend(),
                                             [](McpReply *r) { return r->isFinished(); }),
                                 10000);
        for (int i = 0; i < replies.size(); ++i)
            QCOMPARE(replies.at(i)
                         ->result()
                         .value(QStringLiteral("structuredContent"))
                         .toObject()
                         .value(QStringLiteral("sum")),
                     QJsonValue(i + 1));

        const qint64 pid = c->lastPid;
        QVERIFY(pid > 0);
        QVERIFY(processAlive(pid));
        QSignalSpy closed(c->client.get(), &McpClient::sessionClosed);
        c->client->disconnectFromServer();
        QVERIFY(closed.wait(5000));
        // The worker exits when its stdin closes: no SIGTERM needed.
        QVERIFY(!processAlive(pid));
        QCOMPARE(groupMembers(pid), 0);
    }

    void badCommand_data()
    {
        QTest::addColumn<QString>("program");
        QTest::addColumn<QString>("expected");
        QTest::newRow("not in PATH") << "mcppm-no-such-program-17"
                                     << "not found in PATH";
        QTest::newRow("no such path") << "/nonexistent/mcppm/server"
                                      << "not found";
        QTest::newRow("not executable") << "NOT_EXECUTABLE"
                                        << "is not executable";
        QTest::newRow("a directory") << "/tmp/"
                                     << "is not a file";
    }
    void badCommand()
    {
        QFETCH(QString, program);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        if (program == QLatin1String("NOT_EXECUTABLE")) {
            program = dir.filePath(QStringLiteral("server.sh"));
            QFile f(program);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write("#!/bin/sh\n");
            f.close();
            QVERIFY(f.setPermissions(QFile::ReadOwner | QFile::WriteOwner));
        }
        StdioTransportOptions o;
        o.program = program;
        auto c = makeClient(o);
        QSignalSpy failed(c->client.get(), &McpClient::connectFailed);
        c->client->connectToServer();
        QVERIFY(failed.wait(5000));
        const QString message = failed.first().first().value<McpError>().message;
        QVERIFY2(message.contains(expected), qPrintable(message));
        QCOMPARE(c->lastPid, 0);
    }

    void garbageOnStdout()
    {
        auto c = makeClient(shellOptions(QStringLiteral("echo 'Server starting...'; sleep 30")));
        QSignalSpy failed(c->client.get(), &McpClient::connectFailed);
        QElapsedTimer clock;
        clock.start();
        c->client->connectToServer();
        QVERIFY(failed.wait(5000));
        QVERIFY(clock.elapsed() < 4000); // no timeout needed: it is broken at once
        const QString message = failed.first().first().value<McpError>().message;
        QVERIFY2(message.contains(QStringLiteral("not a JSON-RPC message")), qPrintable(message));
        QVERIFY2(message.contains(QStringLiteral("Server starting...")), qPrintable(message));
        const qint64 pid = c->lastPid;
        QVERIFY(pid > 0);
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(pid), 3000); // killed, with its group
        QTRY_COMPARE_WITH_TIMEOUT(groupMembers(pid), 0, 3000);
    }

    void lineTooLong()
    {
        StdioTransportOptions o
            = shellOptions(QStringLiteral("head -c 300000 /dev/zero | tr '\\000' a; sleep 30"));
        o.maxLineBytes = 100000;
        auto c = makeClient(o);
        QSignalSpy failed(c->client.get(), &McpClient::connectFailed);
        c->client->connectToServer();
        QVERIFY(failed.wait(5000));
        const McpError e = failed.first().first().value<McpError>();
        QVERIFY2(e.message.contains(QStringLiteral("without a newline"))
                     || e.message.contains(QStringLiteral("limit")),
                 qPrintable(e.message));
        QTRY_VERIFY_WITH_TIMEOUT(!processAlive(c->lastPid), 3000);
    }

    void neverAnswers()
    {
        // Reads nothing, writes nothing, ignores stdin closing and SIGTERM.
        auto c = makeClient(shellOptions(QStringLiteral("trap '' TERM; sleep 30")),
                            McpClientOptions::ProtocolMode::Auto, 300);
        QSignalSpy failed(c->client.get(), &McpClient::connectFailed);
        c->client->connectToServer();
        QVERIFY(failed.wait(5000));
        const McpError e = failed.first().first().value<McpError>();
        QCOMPARE(e.kind, McpError::Kind::Timeout);
        const qint64 pid = c->lastPid;
        QVERIFY(pid > 0);
        QSignalSpy closed(c->client.get(), &McpClient::sessionClosed);
        c->client->disconnectFromServer();
        QVERIFY(closed.wait(5000));
        QVERIFY(!processAlive(pid));
        QCOMPARE(groupMembers(pid), 0);
    }

    void shutdownEscalates()
    {
        // stdin closed: ignored; SIGTERM: ignored; SIGKILL ends it (and its child sleep).
        StdioTransportOptions o = shellOptions(QStringLiteral("trap '' TERM; sleep 30 & wait"));
        StdioTransport transport(o);
        QSignalSpy opened(&transport, &Transport::opened);
        QSignalSpy exited(&transport, &StdioTransport::processExited);
        transport.open();
        QVERIFY(opened.wait(5000));
        const qint64 pid = transport.processId();
        QVERIFY(pid > 0);
        QTRY_COMPARE_WITH_TIMEOUT(groupMembers(pid), 2, 3000); // sh and sleep
        QSignalSpy closed(&transport, &Transport::closed);
        QElapsedTimer clock;
        clock.start();
        transport.close();
        QVERIFY(closed.wait(5000));
        QVERIFY(clock.elapsed() >= o.closeGraceMs + o.termGraceMs - 20);
        QCOMPARE(exited.size(), 1);
        QCOMPARE(exited.first().at(1).toBool(), true);
        QVERIFY(!processAlive(pid));
        QTRY_COMPARE_WITH_TIMEOUT(groupMembers(pid), 0, 2000);
    }

    void shutdownPolite()
    {
        // A server that exits when stdin closes is not signalled at all.
        StdioTransportOptions o = shellOptions(QStringLiteral("cat >/dev/null; exit 0"));
        o.closeGraceMs = 5000;
        StdioTransport transport(o);
        QSignalSpy opened(&transport, &Transport::opened);
        transport.open();
        QVERIFY(opened.wait(5000));
        QSignalSpy closed(&transport, &Transport::closed);
        QSignalSpy exited(&transport, &StdioTransport::processExited);
        QElapsedTimer clock;
        clock.start();
        transport.close();
        QVERIFY(closed.wait(5000));
        QVERIFY(clock.elapsed() < 3000);
        QVERIFY2(exited.first().first().toString().contains(QStringLiteral("exited with code 0")),
                 qPrintable(exited.first().first().toString()));
    }

    void stderrFloodIsBounded()
    {
        // 2 MiB of log at start and after each call: kept to the last 200 lines / 64 KiB.
        auto c
            = makeClient(workerOptions({QStringLiteral("--stderr-flood"), QStringLiteral("2048")}));
        QSignalSpy connected(c->client.get(), &McpClient::connected);
        c->client->connectToServer();
        QVERIFY(connected.wait(10000));
        int lines = 0;
        StdioTransport *transport = nullptr;
        for (QObject *child : c->client->children()) {
            if (auto *t = qobject_cast<StdioTransport *>(child))
                transport = t;
        }
        QVERIFY(transport);
        connect(transport, &StdioTransport::stderrLineReceived, this, [&lines]() { ++lines; });
        for (int i = 0; i < 5; ++i) {
            McpReply *reply = c->client->callTool(
                QStringLiteral("echo"), {{QStringLiteral("message"), QString::number(i)}});
            QSignalSpy done(reply, &McpReply::finished);
            QVERIFY(done.wait(10000));
            QVERIFY2(!reply->isError(), qPrintable(reply->error().message));
        }
        QTRY_VERIFY_WITH_TIMEOUT(lines > 20000, 10000); // it did flood
        const QStringList tail = transport->stderrTail();
        QVERIFY(tail.size() <= transport->options().stderrKeepLines);
        qint64 bytes = 0;
        for (const QString &line : tail)
            bytes += line.size();
        QVERIFY(bytes <= transport->options().stderrKeepBytes);
        QVERIFY(!tail.isEmpty());
    }

    void stderrIsEscaped()
    {
        StdioTransport transport(
            shellOptions(QStringLiteral("printf 'bad \\033[31mred\\007 line\\n' >&2; sleep 30")));
        QSignalSpy line(&transport, &StdioTransport::stderrLineReceived);
        transport.open();
        QVERIFY(line.wait(5000));
        const QString text = line.first().first().toString();
        QVERIFY2(!text.contains(QChar(0x1b)) && !text.contains(QChar(7)), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("red")));
    }

    void environmentIsMinimal()
    {
        qputenv("MCPPM_TEST_NOT_PASSED", "leak");
        StdioTransportOptions o = shellOptions(QStringLiteral(
            "echo \"[$MCPPM_TEST_NOT_PASSED][$GIVEN][${PATH:+path}]\" >&2; sleep 30"));
        o.environment = {{QStringLiteral("GIVEN"), QStringLiteral("yes")}};
        StdioTransport transport(o);
        QSignalSpy line(&transport, &StdioTransport::stderrLineReceived);
        transport.open();
        QVERIFY(line.wait(5000));
        QCOMPARE(line.first().first().toString(), QStringLiteral("[][yes][path]"));
        qunsetenv("MCPPM_TEST_NOT_PASSED");
    }

    void crashFailsPendingRequests()
    {
        auto c = makeClient(workerOptions({QStringLiteral("--die-after"), QStringLiteral("1"),
                                           QStringLiteral("--era"), QStringLiteral("legacy")}));
        QSignalSpy connected(c->client.get(), &McpClient::connected);
        c->client->connectToServer();
        QVERIFY(connected.wait(10000));
        McpReply *slow
            = c->client->callTool(QStringLiteral("sleep"), {{QStringLiteral("ms"), 3000}});
        McpReply *first = c->client->callTool(QStringLiteral("echo"),
                                              {{QStringLiteral("message"), QStringLiteral("x")}});
        QSignalSpy lost(c->client.get(), &McpClient::requestErrorOccurred);
        QTRY_VERIFY_WITH_TIMEOUT(slow->isFinished(), 5000);
        QVERIFY(first->isFinished());
        QCOMPARE(slow->error().kind, McpError::Kind::Transport);
        QVERIFY2(slow->error().message.contains(QStringLiteral("exited with code 3")),
                 qPrintable(slow->error().message));
        QVERIFY2(slow->error().message.contains(QStringLiteral("--die-after")),
                 qPrintable(slow->error().message)); // its last stderr line
        QVERIFY(!lost.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestStdioTransport)
#include "tst_stdiotransport.moc"
