// Local (stdio) servers as supervised pool workers: replicas of the demo
// worker (--stdio) in a ServerPool and behind mcp-poolctl; crashes, hangs,
// giving up, shutdown and SIGKILL of the pool process.

#include "net/safetext.h"
#include "pool/processsupervisor.h"
#include "pool/serverpool.h"
#include "proctable.h"
#include "profile/poolserverconfig.h"
#include "profile/profile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace mcppm;

namespace {

bool alive(qint64 pid)
{
    return ProcTable::alive(pid);
}

int liveInGroup(qint64 pgid)
{
    return ProcTable::liveInGroup(pgid);
}

QList<qint64> childrenOf(qint64 parent)
{
    return ProcTable::childrenOf(parent);
}

ServerPoolOptions quickPool()
{
    ServerPoolOptions o;
    o.healthCheckIntervalMs = 200;
    o.health.suspectIntervalMs = 100;
    o.health.probeTimeoutMs = 300;
    o.health.degradedThreshold = 1;
    o.health.offlineThreshold = 2;
    o.health.reconnectDelayMs = 50;
    o.health.reconnectMaxDelayMs = 200;
    o.health.deadRetryIntervalMs = 200;
    o.noServerGraceMs = 5000;
    o.queue.concurrentTasks = 12;
    o.queue.retryDelayMs = 20;
    o.queue.taskTimeoutMs = 20000;
    o.shutdownGraceMs = 1000;
    return o;
}

ServerOptions workerOptions(const QStringList &extra = {})
{
    ServerOptions o;
    o.stdio.program = QStringLiteral(MCPPM_DEMO_WORKER);
    o.stdio.args = QStringList{QStringLiteral("--stdio")} + extra;
    o.stdio.closeGraceMs = 500;
    o.stdio.termGraceMs = 300;
    o.supervision.restartDelayMs = 20;
    o.supervision.restartMaxDelayMs = 200;
    o.supervision.sampleIntervalMs = 100;
    o.timeoutMs = 2000;
    return o;
}

struct Outcomes
{
    QHash<TaskId, int> reports;
    int completed = 0;
    int failed = 0;
    QStringList errors;
    explicit Outcomes(ServerPool &pool)
    {
        QObject::connect(&pool, &ServerPool::taskCompleted, &pool,
                         [this](TaskId id, const QJsonObject &) {
                             ++reports[id];
                             ++completed;
                         });
        QObject::connect(&pool, &ServerPool::taskFailed, &pool,
                         [this](TaskId id, const McpError &e) {
                             ++reports[id];
                             ++failed;
                             errors << e.message;
                         });
    }
};

bool allOnline(ServerPool &pool, int count)
{
    int online = 0;
    for (const ServerRow &row : pool.serverRows())
        online += row.status == QLatin1String("online") && row.tools > 0 ? 1 : 0;
    return online == count;
}

} // namespace

class TestStdioPool : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void replicasFromProfile()
    {
        qputenv("MCPPM_STDIO_TEST_SECRET", "s3cret-value");
        const QByteArray json
            = "{\"version\":1,\"servers\":[{\"id\":\"fs\",\"command\":\"node\","
              "\"args\":[\"server.js\"],\"env\":{\"LOG\":\"info\"},"
              "\"envRefs\":{\"API_KEY\":\"env:MCPPM_STDIO_TEST_SECRET\"},\"cwd\":\"work\","
              "\"replicas\":3}]}";
        QString error;
        const auto profile = Profile::fromJson(QJsonDocument::fromJson(json).object(), &error);
        QVERIFY2(profile, qPrintable(error));
        const ProfileServer &server = profile->servers.first();
        QCOMPARE(PoolServerConfig::secretReferences(server),
                 QStringList{QStringLiteral("env:MCPPM_STDIO_TEST_SECRET")});
        const auto config
            = PoolServerConfig::fromProfile(server, QStringLiteral("/srv/profiles"), {}, &error);
        QVERIFY2(config, qPrintable(error));
        QVERIFY(config->options.isLocal());
        QCOMPARE(config->options.stdio.workingDirectory, QStringLiteral("/srv/profiles/work"));
        QVERIFY(config->options.stdio.environment.contains(
            QPair<QString, QString>(QStringLiteral("API_KEY"), QStringLiteral("s3cret-value"))));
        QVERIFY(config->options.stdio.environment.contains(
            QPair<QString, QString>(QStringLiteral("LOG"), QStringLiteral("info"))));
        const QList<PoolServerConfig> workers = config->workers();
        QCOMPARE(workers.size(), 3);
        QCOMPARE(workers.at(0).id, QStringLiteral("fs#1"));
        QCOMPARE(workers.at(2).id, QStringLiteral("fs#3"));
        for (const PoolServerConfig &w : workers) {
            QString why;
            QVERIFY2(SafeText::checkServerId(w.id, &why), qPrintable(why));
        }
        // A reference that cannot be read: named, never a value.
        qunsetenv("MCPPM_STDIO_TEST_SECRET");
        const auto missing
            = PoolServerConfig::fromProfile(server, QStringLiteral("/srv"), {}, &error);
        QVERIFY(!missing);
        QVERIFY2(error.contains(QStringLiteral("API_KEY"))
                     && error.contains(QStringLiteral("MCPPM_STDIO_TEST_SECRET")),
                 qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("s3cret")));
    }

    void killedReplicaLosesNothing()
    {
        ServerPool pool(quickPool());
        Outcomes outcomes(pool);
        pool.initialize();
        for (int i = 1; i <= 3; ++i) {
            QString why;
            QVERIFY2(pool.addServer(
                         QStringLiteral("w#%1").arg(i), QUrl(QStringLiteral("stdio:w")), {},
                         workerOptions({QStringLiteral("--latency"), QStringLiteral("2")}), &why),
                     qPrintable(why));
        }
        QTRY_VERIFY_WITH_TIMEOUT(allOnline(pool, 3), 10000);
        const qint64 victim = pool.process(QStringLiteral("w#2"))->pid();
        QVERIFY(victim > 0);
        QVERIFY(alive(victim));

        const int calls = 600;
        QList<TaskId> ids;
        for (int i = 0; i < calls; ++i)
            ids << pool.callTool(QStringLiteral("echo"),
                                 {{QStringLiteral("message"), QString::number(i)}});
        QTRY_VERIFY_WITH_TIMEOUT(outcomes.completed >= 150, 10000);
        QVERIFY(outcomes.completed < calls); // mid-run
        ::kill(pid_t(victim), SIGKILL);
        QTRY_VERIFY_WITH_TIMEOUT(outcomes.completed + outcomes.failed == calls, 30000);
        QVERIFY2(outcomes.failed == 0, qPrintable(outcomes.errors.join(QLatin1Char('\n'))));
        for (TaskId id : ids)
            QCOMPARE(outcomes.reports.value(id), 1); // exactly one terminal report each

        // w#2 came back as a new process.
        const ProcessSupervisor *process = pool.process(QStringLiteral("w#2"));
        QTRY_VERIFY_WITH_TIMEOUT(process->state() == ProcessSupervisor::State::Running
                                     && process->pid() > 0 && process->pid() != victim,
                                 10000);
        QVERIFY(process->restarts() >= 1);
        QVERIFY(!alive(victim));
        QTRY_VERIFY_WITH_TIMEOUT(allOnline(pool, 3), 10000);
        bool found = false;
        for (const QJsonValue &v : pool.servers()) {
            const QJsonObject s = v.toObject();
            if (s.value(QStringLiteral("id")).toString() != QLatin1String("w#2"))
                continue;
            found = true;
            const QJsonObject p = s.value(QStringLiteral("process")).toObject();
            QCOMPARE(p.value(QStringLiteral("pid")).toInteger(), process->pid());
            QVERIFY(p.value(QStringLiteral("restarts")).toInt() >= 1);
            QCOMPARE(p.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
            QVERIFY(p.value(QStringLiteral("rssBytes")).toDouble() > 0);
            QVERIFY(p.value(QStringLiteral("lastExit"))
                        .toString()
                        .contains(QStringLiteral("killed by a signal")));
        }
        QVERIFY(found);
    }

    void hungReplicaIsRestarted()
    {
        ServerPoolOptions options = quickPool();
        ServerPool pool(options);
        Outcomes outcomes(pool);
        pool.initialize();
        ServerOptions server = workerOptions({QStringLiteral("--hang-after"), QStringLiteral("3")});
        server.timeoutMs = 400;
        QString why;
        QVERIFY2(
            pool.addServer(QStringLiteral("h"), QUrl(QStringLiteral("stdio:h")), {}, server, &why),
            qPrintable(why));
        QTRY_VERIFY_WITH_TIMEOUT(allOnline(pool, 1), 10000);
        const qint64 first = pool.process(QStringLiteral("h"))->pid();
        for (int i = 0; i < 4; ++i) // the fourth hangs it: it answers nothing, pings neither
            pool.callTool(QStringLiteral("echo"),
                          {{QStringLiteral("message"), QStringLiteral("x")}});
        const ProcessSupervisor *process = pool.process(QStringLiteral("h"));
        QTRY_VERIFY_WITH_TIMEOUT(
            process->restarts() >= 1 && process->pid() > 0 && process->pid() != first, 15000);
        QTRY_VERIFY_WITH_TIMEOUT(!alive(first), 5000); // the hung one was stopped
        QTRY_VERIFY_WITH_TIMEOUT(allOnline(pool, 1), 10000);
    }

    void crashLoopGivesUp()
    {
        ServerPool pool(quickPool());
        pool.initialize();
        QSignalSpy events(&pool, &ServerPool::serverProcessEvent);
        ServerOptions server;
        server.stdio.program = QStringLiteral("sh");
        server.stdio.args = {QStringLiteral("-c"), QStringLiteral("echo broken >&2; exit 7")};
        server.supervision.maxRestartsPerMinute = 3;
        server.supervision.restartDelayMs = 10;
        server.supervision.restartMaxDelayMs = 40;
        QString why;
        QVERIFY2(
            pool.addServer(QStringLiteral("c"), QUrl(QStringLiteral("stdio:sh")), {}, server, &why),
            qPrintable(why));
        const ProcessSupervisor *process = pool.process(QStringLiteral("c"));
        QTRY_VERIFY_WITH_TIMEOUT(process->state() == ProcessSupervisor::State::GaveUp, 15000);
        QCOMPARE(process->restarts(), 4); // three allowed, the fourth gave up
        bool told = false;
        for (const QList<QVariant> &e : events) {
            const QString text = e.at(1).toString();
            told = told
                || (text.contains(QStringLiteral("gave up: 4 restarts within a minute (limit 3)"))
                    && text.contains(QStringLiteral("exited with code 7"))
                    && text.contains(QStringLiteral("broken")));
        }
        QVERIFY(told);
        // No further process is started while it has given up.
        const int restarts = process->restarts();
        QTest::qWait(600);
        QCOMPARE(process->restarts(), restarts);
        const QJsonObject p
            = pool.servers().first().toObject().value(QStringLiteral("process")).toObject();
        QCOMPARE(p.value(QStringLiteral("state")).toString(), QStringLiteral("gave-up"));
        QVERIFY(pool.serverRows().first().lastError.contains(QStringLiteral("gave up")));
        // By hand: it tries again (and, still broken, fails again).
        QVERIFY(pool.restartProcess(QStringLiteral("c")));
        QVERIFY(!pool.restartProcess(QStringLiteral("nope")));
        QTRY_VERIFY_WITH_TIMEOUT(process->restarts() > restarts, 5000);
    }

    void shutdownLeavesNoProcess()
    {
        auto pool = std::make_unique<ServerPool>(quickPool());
        pool->initialize();
        for (int i = 1; i <= 3; ++i)
            QVERIFY(pool->addServer(QStringLiteral("w#%1").arg(i), QUrl(QStringLiteral("stdio:w")),
                                    {}, workerOptions()));
        QTRY_VERIFY_WITH_TIMEOUT(allOnline(*pool, 3), 10000);
        QList<qint64> pids;
        for (int i = 1; i <= 3; ++i)
            pids << pool->process(QStringLiteral("w#%1").arg(i))->pid();
        QSignalSpy finished(pool.get(), &ServerPool::shutdownFinished);
        pool->shutdown();
        QVERIFY(finished.wait(5000));
        // Their stdin closed: they exit by themselves.
        for (qint64 pid : pids)
            QTRY_VERIFY_WITH_TIMEOUT(!alive(pid), 3000);
        pool.reset();
        for (qint64 pid : pids)
            QCOMPARE(liveInGroup(pid), 0);
        QCOMPARE(childrenOf(QCoreApplication::applicationPid()).size(), 0);
    }

    void poolctlWithStdioServers()
    {
        QProcess p;
        p.start(QStringLiteral(MCPPM_POOLCTL),
                {QStringLiteral("servers"), QStringLiteral("--json"), QStringLiteral("--server"),
                 QStringLiteral("w=stdio:%1 --stdio --era legacy")
                     .arg(QStringLiteral(MCPPM_DEMO_WORKER)),
                 QStringLiteral("--replicas"), QStringLiteral("2")});
        QVERIFY(p.waitForFinished(20000));
        QCOMPARE(p.exitCode(), 0);
        const QJsonArray list = QJsonDocument::fromJson(p.readAllStandardOutput()).array();
        QCOMPARE(list.size(), 2);
        QList<qint64> pids;
        for (int i = 0; i < 2; ++i) {
            const QJsonObject s = list.at(i).toObject();
            QCOMPARE(s.value(QStringLiteral("id")).toString(), QStringLiteral("w#%1").arg(i + 1));
            QCOMPARE(s.value(QStringLiteral("status")).toString(), QStringLiteral("online"));
            QCOMPARE(s.value(QStringLiteral("era")).toString(), QStringLiteral("legacy"));
            const QJsonObject process = s.value(QStringLiteral("process")).toObject();
            for (const char *key : {"pid", "cpuPercent", "rssBytes", "restarts", "state"})
                QVERIFY2(process.contains(QLatin1String(key)), key);
            QCOMPARE(process.value(QStringLiteral("state")).toString(), QStringLiteral("running"));
            pids << process.value(QStringLiteral("pid")).toInteger();
        }
        QVERIFY(pids.at(0) > 0 && pids.at(1) > 0 && pids.at(0) != pids.at(1));
        for (qint64 pid : pids)
            QVERIFY(!alive(pid)); // gone once mcp-poolctl ended

        // Bad ad-hoc forms are clear errors.
        QProcess bad;
        bad.start(QStringLiteral(MCPPM_POOLCTL),
                  {QStringLiteral("servers"), QStringLiteral("--server"),
                   QStringLiteral("w=stdio:"), QStringLiteral("--replicas"), QStringLiteral("2")});
        QVERIFY(bad.waitForFinished(10000));
        QCOMPARE(bad.exitCode(), 2);
        QVERIFY(bad.readAllStandardError().contains("stdio: needs a command"));
        QProcess badReplicas;
        badReplicas.start(QStringLiteral(MCPPM_POOLCTL),
                          {QStringLiteral("servers"), QStringLiteral("--server"),
                           QStringLiteral("w=http://127.0.0.1:1/mcp"), QStringLiteral("--replicas"),
                           QStringLiteral("2")});
        QVERIFY(badReplicas.waitForFinished(10000));
        QCOMPARE(badReplicas.exitCode(), 2);
        QVERIFY(badReplicas.readAllStandardError().contains("--replicas goes after"));
        QProcess notFound;
        notFound.start(QStringLiteral(MCPPM_POOLCTL),
                       {QStringLiteral("servers"), QStringLiteral("--timeout"),
                        QStringLiteral("1000"), QStringLiteral("--server"),
                        QStringLiteral("w=stdio:mcppm-no-such-server-17 --x")});
        QVERIFY(notFound.waitForFinished(20000));
        const QByteArray out = notFound.readAllStandardOutput() + notFound.readAllStandardError();
        QVERIFY2(out.contains("mcppm-no-such-server-17") && out.contains("not found in PATH"),
                 out.constData());
    }

    void poolctlProfileWithCommand()
    {
        // A profile's command server with replicas and a secret from the
        // environment (envRefs): `call` goes through it; the secret reaches
        // the child and is never printed.
        QTemporaryDir dir;
        QJsonObject server;
        server.insert(QStringLiteral("id"), QStringLiteral("local"));
        server.insert(QStringLiteral("command"), QStringLiteral(MCPPM_DEMO_WORKER));
        server.insert(QStringLiteral("args"),
                      QJsonArray{QStringLiteral("--stdio"), QStringLiteral("--name"),
                                 QStringLiteral("from-profile")});
        server.insert(QStringLiteral("envRefs"),
                      QJsonObject{{QStringLiteral("DEMO_SECRET"),
                                   QStringLiteral("env:MCPPM_STDIO_PROFILE_SECRET")}});
        server.insert(QStringLiteral("replicas"), 2);
        QJsonObject profile;
        profile.insert(QStringLiteral("version"), 1);
        profile.insert(QStringLiteral("servers"), QJsonArray{server});
        const QString path = dir.filePath(QStringLiteral("local.json"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QJsonDocument(profile).toJson());
        file.close();

        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MCPPM_STDIO_PROFILE_SECRET"), QStringLiteral("hush-42"));
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(MCPPM_POOLCTL),
                {QStringLiteral("--profile"), path, QStringLiteral("call"), QStringLiteral("add"),
                 QStringLiteral("--args"), QStringLiteral("{\"a\":40,\"b\":2}"),
                 QStringLiteral("--json")});
        QVERIFY(p.waitForFinished(20000));
        const QByteArray out = p.readAllStandardOutput();
        const QByteArray err = p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0, err.constData());
        QVERIFY2(out.contains("42"), out.constData());
        QVERIFY(!out.contains("hush-42") && !err.contains("hush-42"));

        // Without the variable: a clear error naming it, and nothing started.
        QProcess missing;
        missing.start(QStringLiteral(MCPPM_POOLCTL),
                      {QStringLiteral("--profile"), path, QStringLiteral("servers")});
        QVERIFY(missing.waitForFinished(20000));
        QVERIFY(missing.exitCode() != 0);
        const QByteArray why = missing.readAllStandardError();
        QVERIFY2(why.contains("MCPPM_STDIO_PROFILE_SECRET"), why.constData());
    }

    void sigkillOfThePoolKillsItsChildren()
    {
        QProcess poolctl;
        poolctl.start(
            QStringLiteral(MCPPM_POOLCTL),
            {QStringLiteral("bench"), QStringLiteral("--tool"), QStringLiteral("sleep"),
             QStringLiteral("--args"), QStringLiteral("{\"ms\":20000}"), QStringLiteral("--calls"),
             QStringLiteral("2"), QStringLiteral("--concurrency"), QStringLiteral("2"),
             QStringLiteral("--timeout"), QStringLiteral("30000"), QStringLiteral("--server"),
             QStringLiteral("w=stdio:%1 --stdio").arg(QStringLiteral(MCPPM_DEMO_WORKER)),
             QStringLiteral("--replicas"), QStringLiteral("3")});
        QVERIFY(poolctl.waitForStarted(5000));
        const qint64 pid = poolctl.processId();
        QTRY_COMPARE_WITH_TIMEOUT(childrenOf(pid).size(), 3, 10000);
        const QList<qint64> children = childrenOf(pid);
        ::kill(pid_t(pid), SIGKILL);
        QVERIFY(poolctl.waitForFinished(5000));
        // PR_SET_PDEATHSIG: the kernel kills them with their parent.
        for (qint64 child : children)
            QTRY_VERIFY_WITH_TIMEOUT(!alive(child), 5000);
    }
};

QTEST_GUILESS_MAIN(TestStdioPool)
#include "tst_stdiopool.moc"
