// PoolHost without a GUI: the host on its own QThread, as the monitor runs it,
// against real demo workers on loopback, driven only through its slots (queued
// into its thread) and watched only through its signals (queued into the test's
// thread): open a profile, batched snapshots, add/edit/drain/disable/remove a
// server, tool calls and their results, CSV export, and a shutdown that reports
// every call exactly once before it says it is done.

#include "demoworkerprocess.h"
#include "poolhostthread.h"
#include "sdk2serverprocess.h"

#include "host/poolhost.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

using namespace mcppm;

namespace {

// The host's signals, queued into the test's thread (a QSignalSpy on an object
// of another thread would be read here while that thread appends).
class HostProbe final : public QObject
{
    Q_OBJECT
public:
    struct Finished
    {
        QJsonObject result;
        QString serverId;
        QString errorKind;
        QString errorText;
        int sequence = 0; // order among everything this probe received
    };

    explicit HostProbe(PoolHost *host)
    {
        m_clock.start();
        connect(host, &PoolHost::snapshotReady, this, [this](const PoolSnapshot &s) {
            ++m_sequence;
            snapshotTimesMs.append(m_clock.elapsed());
            last = s;
            events += s.events;
            for (const PoolSample &sample : s.newSamples)
                sampleTimesMs.append(sample.tMs);
            ++snapshots;
        });
        connect(host, &PoolHost::callStarted, this, [this](quint64 request, quint64) {
            ++m_sequence;
            started.append(request);
        });
        connect(host, &PoolHost::callProgressed, this,
                [this](quint64 request, double, double, const QString &) {
                    ++m_sequence;
                    ++progressed[request];
                });
        connect(host, &PoolHost::callFinished, this,
                [this](quint64 request, const QJsonObject &result, const QString &serverId,
                       const QString &kind, const QString &text) {
                    finished[request].append({result, serverId, kind, text, ++m_sequence});
                });
        connect(host, &PoolHost::exportFinished, this, [this](bool ok, const QString &message) {
            ++m_sequence;
            exports.append({ok, message});
        });
        connect(host, &PoolHost::catalogReady, this, [this](const QList<CatalogTool> &tools) {
            ++m_sequence;
            catalogs.append(tools);
        });
        connect(host, &PoolHost::shutdownFinished, this,
                [this]() { shutdownSequence = ++m_sequence; });
        connect(host, &QObject::destroyed, this, [this]() { hostDestroyed = true; });
    }

    // The server's row in the last snapshot, or nullptr.
    const ServerRow *row(const QString &id) const
    {
        for (const ServerRow &r : last.servers) {
            if (r.id == id)
                return &r;
        }
        return nullptr;
    }
    QString status(const QString &id) const
    {
        const ServerRow *r = row(id);
        return r ? r->status : QString();
    }
    bool sawEvent(const QString &serverId, const QString &text) const
    {
        for (const PoolEvent &e : events) {
            if (e.serverId == serverId && e.text.contains(text))
                return true;
        }
        return false;
    }
    qint64 elapsedMs() const { return m_clock.elapsed(); }

    PoolSnapshot last;
    QList<PoolEvent> events;
    int snapshots = 0;
    QList<qint64> snapshotTimesMs; // when each arrived, on the probe's clock
    QList<qint64> sampleTimesMs; // PoolSample::tMs of every new sample, as they came
    QList<quint64> started;
    QHash<quint64, int> progressed;
    QHash<quint64, QList<Finished>> finished;
    QList<std::pair<bool, QString>> exports;
    QList<QList<CatalogTool>> catalogs;
    int shutdownSequence = 0;
    bool hostDestroyed = false;

private:
    QElapsedTimer m_clock;
    int m_sequence = 0;
};

ProfileServer serverFor(const QString &id, const DemoWorkerProcess &worker)
{
    ProfileServer s;
    s.id = id;
    s.url = worker.url();
    return s;
}

PoolHost::Options fastOptions()
{
    PoolHost::Options o;
    o.snapshotIntervalMs = 100; // the monitor's: at most ten a second
    o.sampleIntervalMs = 50; // keeps the pool "changed" all the time
    o.healthCheckIntervalMs = 300;
    return o;
}

void callTool(PoolHost *host, quint64 request, const QString &name, const QJsonObject &args,
              const QString &server = {}, int timeoutMs = 20000)
{
    QMetaObject::invokeMethod(host,
                              [=]() { host->callTool(request, name, args, 0, timeoutMs, server); });
}

QJsonObject echo(const QString &message)
{
    return QJsonObject{{QStringLiteral("message"), message}};
}

QString firstText(const QJsonObject &result)
{
    return result.value(QStringLiteral("content"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("text"))
        .toString();
}

} // namespace

class TestPoolHost : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // The pool served as one MCP server from the profile: the snapshot says
    // where, a client's requests show up per client, the event log names it;
    // in-place settings keep it, turning it off stops it.
    void servesTheEndpointFromTheProfile()
    {
        DemoWorkerProcess w1;
        QVERIFY(w1.start({QStringLiteral("--name"), QStringLiteral("worker-1")}));
        Profile profile;
        profile.servers = {serverFor(QStringLiteral("w1"), w1)};
        profile.endpoint.enabled = true;
        profile.endpoint.listen = QStringLiteral("127.0.0.1:0");
        PoolHostThread pool(fastOptions());
        PoolHost *host = pool.host;
        HostProbe probe(host);
        QMetaObject::invokeMethod(host, [host, profile]() { host->start(profile); });
        QTRY_VERIFY_WITH_TIMEOUT(probe.status(QStringLiteral("w1")) == QLatin1String("online")
                                     && !probe.last.endpoint.url.isEmpty(),
                                 10000);
        const QUrl url(probe.last.endpoint.url);
        QCOMPARE(url.path(), QStringLiteral("/mcp"));
        QVERIFY(url.port() > 0);
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, quint16(url.port()));
        QVERIFY(socket.waitForConnected(5000));
        const QByteArray body = R"({"jsonrpc":"2.0","id":1,"method":"initialize","params":{)"
                                R"("protocolVersion":"2025-11-25","capabilities":{},)"
                                R"("clientInfo":{"name":"probe-client","version":"3"}}})";
        socket.write("POST /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                     "Content-Length: "
                     + QByteArray::number(body.size()) + "\r\n\r\n" + body);
        QByteArray answer;
        QTRY_VERIFY_WITH_TIMEOUT((answer += socket.readAll()).contains("serverInfo"), 5000);
        QVERIFY(answer.startsWith("HTTP/1.1 200"));
        QTRY_VERIFY_WITH_TIMEOUT(!probe.last.endpoint.clients.isEmpty(), 5000);
        QCOMPARE(probe.last.endpoint.clients.first().name, QStringLiteral("probe-client"));
        QCOMPARE(probe.last.endpoint.clients.first().sessions, 1);
        QVERIFY(probe.sawEvent({},
                               QStringLiteral("MCP client \"probe-client\" from 127.0.0.1 "
                                              "uses the pool")));
        // In-place settings keep it (same address, same clients).
        Profile changed = profile;
        changed.concurrentTasks = 7;
        QMetaObject::invokeMethod(host, [host, changed]() { host->applySettings(changed); });
        QTest::qWait(300);
        QCOMPARE(probe.last.endpoint.url, url.toString());
        QCOMPARE(probe.last.endpoint.clients.size(), 1);
        // Off: it stops.
        changed.endpoint.enabled = false;
        QMetaObject::invokeMethod(host, [host, changed]() { host->applySettings(changed); });
        QTRY_VERIFY_WITH_TIMEOUT(probe.last.endpoint.url.isEmpty(), 5000);
        QVERIFY(
            probe.sawEvent({}, QStringLiteral("stopped serving MCP at %1").arg(url.toString())));
        // A non-loopback address without a token: refused, and said why.
        changed.endpoint.enabled = true;
        changed.endpoint.listen = QStringLiteral("0.0.0.0:0");
        QMetaObject::invokeMethod(host, [host, changed]() { host->applySettings(changed); });
        QTRY_VERIFY_WITH_TIMEOUT(probe.last.endpoint.error.contains(QStringLiteral("bearer token")),
                                 5000);
        QVERIFY(pool.stop());
    }

    void openProfileAndBatchedSnapshots()
    {
        DemoWorkerProcess w1, w2;
        // A mixed fleet: worker-1 speaks 2025-11-25 only, worker-2 both eras,
        // so the pool talks 2026-07-28 to it; both offer the same 8 tools.
        QVERIFY(w1.start({QStringLiteral("--name"), QStringLiteral("worker-1"),
                          QStringLiteral("--era"), QStringLiteral("legacy")}));
        QVERIFY(w2.start({QStringLiteral("--name"), QStringLiteral("worker-2")}));
        Profile profile;
        profile.strategy = QStringLiteral("least-loaded");
        profile.servers
            = {serverFor(QStringLiteral("w1"), w1), serverFor(QStringLiteral("w2"), w2)};

        PoolHostThread pool(fastOptions());
        PoolHost *host = pool.host;
        HostProbe probe(host);
        QMetaObject::invokeMethod(host, [host, profile]() { host->start(profile); });
        QTRY_VERIFY_WITH_TIMEOUT(probe.status(QStringLiteral("w1")) == QLatin1String("online")
                                     && probe.status(QStringLiteral("w2"))
                                         == QLatin1String("online")
                                     && probe.row(QStringLiteral("w1"))->tools == 8
                                     && probe.row(QStringLiteral("w2"))->tools == 8,
                                 10000);
        QCOMPARE(probe.row(QStringLiteral("w1"))->era, QStringLiteral("legacy"));
        QCOMPARE(probe.row(QStringLiteral("w1"))->protocolVersion, QStringLiteral("2025-11-25"));
        QCOMPARE(probe.row(QStringLiteral("w2"))->era, QStringLiteral("modern"));
        QCOMPARE(probe.row(QStringLiteral("w2"))->protocolVersion, QStringLiteral("2026-07-28"));
        QCOMPARE(probe.last.healthy, 2);
        QCOMPARE(probe.last.offline, 0);
        QCOMPARE(probe.last.strategy, QStringLiteral("least-loaded"));
        QCOMPARE(probe.row(QStringLiteral("w1"))->serverName, QStringLiteral("worker-1"));
        QVERIFY(probe.sawEvent({}, QStringLiteral("pool started with 2 servers (least-loaded)")));

        // Batched: while a one-second call runs and the pool changes every 50 ms
        // (samples), snapshots come at most one per 100 ms (+2 for the window's
        // edges and a late timer); and they do come.
        const int before = probe.snapshots;
        callTool(host, 1, QStringLiteral("progress"),
                 QJsonObject{{QStringLiteral("steps"), 10}, {QStringLiteral("interval_ms"), 100}},
                 QStringLiteral("w1"));
        QTRY_VERIFY_WITH_TIMEOUT(probe.started.contains(1), 5000);
        const qint64 from = probe.elapsedMs();
        QTRY_VERIFY_WITH_TIMEOUT(probe.finished.contains(1), 20000);
        const qint64 windowMs = probe.elapsedMs() - from;
        const int arrived = probe.snapshots - before;
        QVERIFY2(windowMs >= 900, qPrintable(QString::number(windowMs)));
        QVERIFY2(arrived <= windowMs / 100 + 2,
                 qPrintable(QStringLiteral("%1 snapshots in %2 ms").arg(arrived).arg(windowMs)));
        QVERIFY2(arrived >= 3,
                 qPrintable(QStringLiteral("%1 snapshots in %2 ms").arg(arrived).arg(windowMs)));
        QCOMPARE(probe.finished.value(1).size(), 1);
        QVERIFY(probe.finished.value(1).first().errorKind.isEmpty());
        QCOMPARE(probe.progressed.value(1), 10);
        // The pool's samples (one per 50 ms) reach the snapshots, each once, in order.
        QVERIFY2(probe.sampleTimesMs.size() >= 5,
                 qPrintable(QString::number(probe.sampleTimesMs.size())));
        for (qsizetype i = 1; i < probe.sampleTimesMs.size(); ++i)
            QVERIFY(probe.sampleTimesMs.at(i) > probe.sampleTimesMs.at(i - 1));

        QVERIFY(pool.stop());
        QTRY_VERIFY_WITH_TIMEOUT(probe.hostDestroyed, 5000); // deleted on its thread's end
    }

    // Settings change the running pool: same sessions, counts kept; other
    // servers rebuild it.
    void settingsApplyInPlace()
    {
        DemoWorkerProcess w1, w2;
        QVERIFY(w1.start() && w2.start());
        Profile profile;
        profile.servers
            = {serverFor(QStringLiteral("w1"), w1), serverFor(QStringLiteral("w2"), w2)};
        PoolHostThread pool(fastOptions());
        PoolHost *host = pool.host;
        HostProbe probe(host);
        QMetaObject::invokeMethod(host, [host, profile]() { host->start(profile); });
        QTRY_VERIFY_WITH_TIMEOUT(probe.last.healthy == 2 && probe.row(QStringLiteral("w1"))->tools
                                     && probe.row(QStringLiteral("w2"))->tools,
                                 10000);
        for (quint64 i = 1; i <= 6; ++i)
            callTool(host, i, QStringLiteral("echo"), echo(QStringLiteral("x")));
        QTRY_VERIFY_WITH_TIMEOUT(probe.finished.size() == 6, 10000);
        QTRY_COMPARE_WITH_TIMEOUT(probe.last.completed, qint64(6), 5000);
        Profile changed = profile;
        changed.strategy = QStringLiteral("p2c");
        changed.concurrentTasks = 4;
        changed.health.outliers.minRequestVolume = 7;
        QMetaObject::invokeMethod(host, [host, changed]() { host->applySettings(changed); });
        QTRY_COMPARE_WITH_TIMEOUT(probe.last.strategy, QStringLiteral("p2c"), 5000);
        QVERIFY(probe.sawEvent({}, QStringLiteral("settings applied in place")));
        QVERIFY(!probe.sawEvent({}, QStringLiteral("pool started with 2 servers (p2c)")));
        QCOMPARE(probe.last.completed, qint64(6)); // nothing was wiped
        QCOMPARE(probe.row(QStringLiteral("w1"))->requests, 3);
        // Another server list: built anew.
        changed.servers.removeLast();
        QMetaObject::invokeMethod(host, [host, changed]() { host->applySettings(changed); });
        QTRY_VERIFY_WITH_TIMEOUT(probe.sawEvent({}, QStringLiteral("pool started with 1 servers")),
                                 5000);
        QVERIFY(pool.stop());
    }

    void addEditDrainDisableRemove()
    {
        DemoWorkerProcess w1, w2, w3;
        QVERIFY(w1.start({QStringLiteral("--name"), QStringLiteral("worker-1")}));
        QVERIFY(w2.start({QStringLiteral("--name"), QStringLiteral("worker-2")}));
        QVERIFY(w3.start({QStringLiteral("--name"), QStringLiteral("worker-3")}));
        Profile profile;
        profile.servers = {serverFor(QStringLiteral("w1"), w1)};

        PoolHostThread pool(fastOptions());
        PoolHost *host = pool.host;
        HostProbe probe(host);
        QMetaObject::invokeMethod(host, [host, profile]() { host->start(profile); });
        QTRY_COMPARE_WITH_TIMEOUT(probe.status(QStringLiteral("w1")), QStringLiteral("online"),
                                  10000);

        // Add.
        const ProfileServer added = serverFor(QStringLiteral("w2"), w2);
        QMetaObject::invokeMethod(host, [host, added]() { host->addServer(added); });
        QTRY_COMPARE_WITH_TIMEOUT(probe.status(QStringLiteral("w2")), QStringLiteral("online"),
                                  10000);
        QCOMPARE(probe.last.servers.size(), 2);

        // Edit in place: priority, weight and a rate limit.
        ProfileServer edited = added;
        edited.priority = 3;
        edited.weight = 4;
        edited.ratePerSecond = 7;
        QMetaObject::invokeMethod(host,
                                  [host, added, edited]() { host->editServer(added, edited); });
        QTRY_VERIFY_WITH_TIMEOUT(probe.row(QStringLiteral("w2"))
                                     && probe.row(QStringLiteral("w2"))->ratePerSecond == 7,
                                 5000);
        QCOMPARE(probe.row(QStringLiteral("w2"))->priority, 3);
        QCOMPARE(probe.row(QStringLiteral("w2"))->weight, 4);
        QCOMPARE(probe.row(QStringLiteral("w2"))->url, w2.url().toString());
        QVERIFY(probe.sawEvent(QStringLiteral("w2"), QStringLiteral("rate limit: 7 calls/s")));
        QCOMPARE(probe.status(QStringLiteral("w2")), QStringLiteral("online")); // not reconnected
        // updateServer: priority and weight alone.
        QMetaObject::invokeMethod(host,
                                  [host]() { host->updateServer(QStringLiteral("w2"), 1, 2); });
        QTRY_VERIFY_WITH_TIMEOUT(probe.row(QStringLiteral("w2"))->weight == 2, 5000);
        QCOMPARE(probe.row(QStringLiteral("w2"))->priority, 1);
        edited.priority = 1;
        edited.weight = 2;

        // Edit the URL: the server is added again, at the new address.
        ProfileServer moved = edited;
        moved.url = w3.url();
        QMetaObject::invokeMethod(host,
                                  [host, edited, moved]() { host->editServer(edited, moved); });
        QTRY_VERIFY_WITH_TIMEOUT(
            probe.row(QStringLiteral("w2"))
                && probe.row(QStringLiteral("w2"))->url == w3.url().toString()
                && probe.status(QStringLiteral("w2")) == QLatin1String("online")
                && probe.row(QStringLiteral("w2"))->serverName == QLatin1String("worker-3"),
            10000);
        QVERIFY(probe.sawEvent(QStringLiteral("w2"),
                               QStringLiteral("settings changed; connecting again")));

        // Drain: no new work for w2; every balanced call goes to w1.
        QMetaObject::invokeMethod(host,
                                  [host]() { host->setServerDrained(QStringLiteral("w2"), true); });
        QTRY_VERIFY_WITH_TIMEOUT(probe.row(QStringLiteral("w2"))->draining, 5000);
        QVERIFY(probe.sawEvent(QStringLiteral("w2"), QStringLiteral("draining: no new work")));
        for (quint64 i = 1; i <= 6; ++i)
            callTool(host, i, QStringLiteral("echo"), echo(QStringLiteral("d%1").arg(i)));
        QTRY_COMPARE_WITH_TIMEOUT(probe.finished.size(), 6, 10000);
        for (quint64 i = 1; i <= 6; ++i) {
            QCOMPARE(probe.finished.value(i).size(), 1);
            QCOMPARE(probe.finished.value(i).first().serverId, QStringLiteral("w1"));
            QVERIFY(probe.finished.value(i).first().errorKind.isEmpty());
        }
        QMetaObject::invokeMethod(
            host, [host]() { host->setServerDrained(QStringLiteral("w2"), false); });
        QTRY_VERIFY_WITH_TIMEOUT(!probe.row(QStringLiteral("w2"))->draining, 5000);

        // Disable, then enable again.
        QMetaObject::invokeMethod(
            host, [host]() { host->setServerEnabled(QStringLiteral("w2"), false); });
        QTRY_COMPARE_WITH_TIMEOUT(probe.status(QStringLiteral("w2")), QStringLiteral("disabled"),
                                  5000);
        QCOMPARE(probe.last.healthy, 1);
        QMetaObject::invokeMethod(host,
                                  [host]() { host->setServerEnabled(QStringLiteral("w2"), true); });
        QTRY_COMPARE_WITH_TIMEOUT(probe.status(QStringLiteral("w2")), QStringLiteral("online"),
                                  10000);

        // Remove.
        QMetaObject::invokeMethod(host, [host]() { host->removeServer(QStringLiteral("w2")); });
        QTRY_VERIFY_WITH_TIMEOUT(!probe.row(QStringLiteral("w2")), 5000);
        QCOMPARE(probe.last.servers.size(), 1);
        QVERIFY(probe.sawEvent(QStringLiteral("w2"), QStringLiteral("removed from the pool")));
        QVERIFY(pool.stop());
    }

    void callToolsAndResults()
    {
        PoolHostThread pool(fastOptions());
        PoolHost *host = pool.host;
        HostProbe probe(host);
        // Before a profile is open there is no pool: a clear error, at once.
        callTool(host, 100, QStringLiteral("echo"), echo(QStringLiteral("early")));
        QTRY_VERIFY_WITH_TIMEOUT(probe.finished.contains(100), 5000);
        QCOMPARE(probe.finished.value(100).first().errorKind, QStringLiteral("not_connected"));

        DemoWorkerProcess w1;
        QVERIFY(w1.start({QStringLiteral("--name"), QStringLiteral("worker-1")}));
        Profile profile;
        profile.servers = {serverFor(QStringLiteral("w1"), w1)};
        QMetaObject::invokeMethod(host, [host, profile]() { host->start(profile); });
        QTRY_COMPARE_WITH_TIMEOUT(probe.status(QStringLiteral("w1")), QStringLiteral("online"),
                                  10000);

        callTool(host, 1, QStringLiteral("echo"), echo(QStringLiteral("hello host")));
        callTool(host, 2, QStringLiteral("add"),
                 QJsonObject{{QStringLiteral("a"), 2}, {QStringLiteral("b"), 40}});
        callTool(host, 3, QStringLiteral("fail"), echo(QStringLiteral("no")));
        callTool(host, 4, QStringLiteral("no-such-tool"), {});
        QTRY_VERIFY_WITH_TIMEOUT(probe.finished.contains(1) && probe.finished.contains(2)
                                     && probe.finished.contains(3) && probe.finished.contains(4),
                                 10000);
        for (quint64 i = 1; i <= 4; ++i) {
            QVERIFY(probe.started.contains(i));
            QCOMPARE(probe.finished.value(i).size(), 1);
        }
        const HostProbe::Finished one = probe.finished.value(1).first();
        QVERIFY2(one.errorKind.isEmpty(), qPrintable(one.errorText));
        QCOMPARE(one.serverId, QStringLiteral("w1"));
        QVERIFY2(firstText(one.result).contains(QStringLiteral("hello host")),
                 qPrintable(firstText(one.result)));
        const HostProbe::Finished two = probe.finished.value(2).first();
        QVERIFY(two.errorKind.isEmpty());
        QCOMPARE(two.result.value(QStringLiteral("structuredContent"))
                     .toObject()
                     .value(QStringLiteral("sum"))
                     .toDouble(),
                 42.0);
        // A tool error is a result (isError), not a failed call.
        const HostProbe::Finished three = probe.finished.value(3).first();
        QVERIFY(three.errorKind.isEmpty());
        QVERIFY(three.result.value(QStringLiteral("isError")).toBool());
        // No server offers the tool: a failed call with a kind and a reason.
        const HostProbe::Finished four = probe.finished.value(4).first();
        QVERIFY(!four.errorKind.isEmpty());
        QVERIFY(!four.errorText.isEmpty());

        // Progress comes back per request; a call is cancelled by its request id.
        callTool(host, 5, QStringLiteral("progress"),
                 QJsonObject{{QStringLiteral("steps"), 3}, {QStringLiteral("interval_ms"), 10}});
        callTool(host, 6, QStringLiteral("sleep"), QJsonObject{{QStringLiteral("ms"), 60000}});
        QTRY_VERIFY_WITH_TIMEOUT(probe.finished.contains(5), 10000);
        QCOMPARE(probe.progressed.value(5), 3);
        QTRY_VERIFY_WITH_TIMEOUT(probe.started.contains(6) && probe.last.running == 1, 5000);
        QMetaObject::invokeMethod(host, [host]() { host->cancelCall(6); });
        QTRY_VERIFY_WITH_TIMEOUT(probe.finished.contains(6), 5000);
        QCOMPARE(probe.finished.value(6).first().errorKind, QStringLiteral("cancelled"));

        // The catalog: the union of the servers' tools.
        QMetaObject::invokeMethod(host, [host]() { host->requestCatalog(); });
        QTRY_COMPARE_WITH_TIMEOUT(probe.catalogs.size(), 1, 5000);
        QCOMPARE(probe.catalogs.first().size(), 8); // one catalog across both eras
        QVERIFY(pool.stop());
    }

    void exportCsv()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        PoolHostThread pool(fastOptions());
        PoolHost *host = pool.host;
        HostProbe probe(host);
        const QString path = dir.filePath(QStringLiteral("stats.csv"));
        QMetaObject::invokeMethod(host, [host, path]() { host->exportCsv(path); });
        QTRY_COMPARE_WITH_TIMEOUT(probe.exports.size(), 1, 5000);
        QVERIFY(!probe.exports.first().first); // no pool yet
        QCOMPARE(probe.exports.first().second, QStringLiteral("the pool is not running"));

        DemoWorkerProcess w1;
        QVERIFY(w1.start({QStringLiteral("--name"), QStringLiteral("worker-1")}));
        Profile profile;
        profile.servers = {serverFor(QStringLiteral("w1"), w1)};
        QMetaObject::invokeMethod(host, [host, profile]() { host->start(profile); });
        QTRY_COMPARE_WITH_TIMEOUT(probe.status(QStringLiteral("w1")), QStringLiteral("online"),
                                  10000);
        for (quint64 i = 1; i <= 5; ++i)
            callTool(host, i, QStringLiteral("echo"), echo(QStringLiteral("csv%1").arg(i)));
        QTRY_COMPARE_WITH_TIMEOUT(probe.finished.size(), 5, 10000);

        QMetaObject::invokeMethod(host, [host, path]() { host->exportCsv(path); });
        QTRY_COMPARE_WITH_TIMEOUT(probe.exports.size(), 2, 5000);
        QVERIFY2(probe.exports.last().first, qPrintable(probe.exports.last().second));
        const QString message = probe.exports.last().second;
        QVERIFY2(message.contains(QStringLiteral("stats.csv"))
                     && message.contains(QStringLiteral("stats-series.csv"))
                     && message.contains(QStringLiteral("stats-history.csv")),
                 qPrintable(message));
        QFile history(dir.filePath(QStringLiteral("stats-history.csv")));
        QVERIFY(history.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = history.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 6); // header + the five calls
        QVERIFY(lines.first().startsWith("task,type,target"));
        for (int i = 1; i < lines.size(); ++i)
            QVERIFY2(lines.at(i).contains(",echo,") && lines.at(i).contains(",w1,"),
                     lines.at(i).constData());
        QFile stats(path);
        QVERIFY(stats.open(QIODevice::ReadOnly));
        QVERIFY(stats.readAll().contains("\nserver,w1,"));

        // Somewhere it cannot write: a clear error, no crash.
        const QString nowhere = dir.filePath(QStringLiteral("missing/dir/stats.csv"));
        QMetaObject::invokeMethod(host, [host, nowhere]() { host->exportCsv(nowhere); });
        QTRY_COMPARE_WITH_TIMEOUT(probe.exports.size(), 3, 5000);
        QVERIFY(!probe.exports.last().first);
        QVERIFY(!probe.exports.last().second.isEmpty());
        QVERIFY(pool.stop());
    }

    void burstsCoalescedDriftWarnsCancelApart()
    {
        // w2 answers every tool call with HTTP 500 and lacks "add": its failed
        // attempts move to w1/w3, its drift is a warning; a cancel is no failure.
        DemoWorkerProcess w1, w2, w3;
        QVERIFY(w1.start({QStringLiteral("--name"), QStringLiteral("worker-1")}));
        QVERIFY(w2.start({QStringLiteral("--name"), QStringLiteral("worker-2"),
                          QStringLiteral("--error-rate"), QStringLiteral("1"),
                          QStringLiteral("--without-tool"), QStringLiteral("add")}));
        QVERIFY(w3.start({QStringLiteral("--name"), QStringLiteral("worker-3")}));
        Profile profile;
        profile.servers = {serverFor(QStringLiteral("w1"), w1), serverFor(QStringLiteral("w2"), w2),
                           serverFor(QStringLiteral("w3"), w3)};
        profile.degradedThreshold = 1000; // w2 stays in rotation: a burst of failovers
        profile.offlineThreshold = 1000;
        PoolHost::Options options = fastOptions();
        options.eventWindowMs = 400;
        options.eventPassThrough = 2;
        PoolHostThread pool(options);
        PoolHost *host = pool.host;
        HostProbe probe(host);
        QMetaObject::invokeMethod(host, [host, profile]() { host->start(profile); });
        QTRY_VERIFY_WITH_TIMEOUT(probe.row(QStringLiteral("w1"))
                                     && probe.row(QStringLiteral("w1"))->tools == 8
                                     && probe.row(QStringLiteral("w2"))->tools == 7
                                     && probe.row(QStringLiteral("w3"))->tools == 8,
                                 10000);
        // Drift: a warning that names what differs, not an error.
        QTRY_VERIFY_WITH_TIMEOUT(
            probe.sawEvent(QStringLiteral("w2"), QStringLiteral("tools differ from the pool's")),
            5000);
        for (const PoolEvent &e : std::as_const(probe.events)) {
            if (e.text.contains(QStringLiteral("tools differ"))) {
                QCOMPARE(e.kind, PoolEvent::Kind::Warning);
                QCOMPARE(e.severity(), PoolEvent::Severity::Warning);
            }
        }

        constexpr int kCalls = 60;
        for (quint64 i = 1; i <= kCalls; ++i)
            callTool(host, i, QStringLiteral("echo"), echo(QStringLiteral("b%1").arg(i)));
        QTRY_COMPARE_WITH_TIMEOUT(probe.finished.size(), kCalls, 20000);
        for (const auto &f : std::as_const(probe.finished))
            QVERIFY2(f.first().errorKind.isEmpty(), qPrintable(f.first().errorText));
        // Every failed attempt on w2 is in the log: one by one or in a summary.
        auto logged = [&probe](int *single, int *summaries) {
            int total = 0;
            *single = *summaries = 0;
            for (const PoolEvent &e : std::as_const(probe.events)) {
                if (e.serverId != QLatin1String("w2")
                    || (e.kind != PoolEvent::Kind::Failover && e.kind != PoolEvent::Kind::Retry))
                    continue;
                if (e.count > 0) {
                    ++*summaries;
                    // The summary counts the whole window, the rows shown included.
                    const int shown = e.text.contains(QStringLiteral("not listed")) ? e.count
                            - e.text.section(QStringLiteral("("), -1)
                                  .section(QLatin1Char(' '), 0, 0)
                                  .toInt()
                                                                                    : 0;
                    total += e.count - shown;
                } else {
                    ++*single;
                    ++total;
                }
            }
            return total;
        };
        int single = 0, summaries = 0;
        QTRY_VERIFY_WITH_TIMEOUT(probe.row(QStringLiteral("w2"))->errors > 0
                                     && logged(&single, &summaries)
                                         == probe.row(QStringLiteral("w2"))->errors,
                                 5000);
        const qint64 errors = probe.row(QStringLiteral("w2"))->errors;
        qInfo("w2: %lld failed attempts logged as %d rows one by one and %d summaries", errors,
              single, summaries);
        QVERIFY2(errors > 6, qPrintable(QString::number(errors))); // a burst, not one call
        QVERIFY2(single <= 4, qPrintable(QString::number(single))); // 2 per kind at most
        QVERIFY(summaries >= 1);
        QVERIFY(probe.sawEvent(QStringLiteral("w2"),
                               QStringLiteral("moved to other servers in "
                                              "the last 0.4 s"))
                || probe.sawEvent(QStringLiteral("w2"), QStringLiteral("retried in the last")));

        // Cancel: counted as cancelled, logged as info, not as a failed task.
        callTool(host, 100, QStringLiteral("sleep"), QJsonObject{{QStringLiteral("ms"), 60000}},
                 QStringLiteral("w1"));
        QTRY_VERIFY_WITH_TIMEOUT(probe.started.contains(100) && probe.last.running == 1, 5000);
        QMetaObject::invokeMethod(host, [host]() { host->cancelCall(100); });
        QTRY_VERIFY_WITH_TIMEOUT(probe.finished.contains(100), 5000);
        QCOMPARE(probe.finished.value(100).first().errorKind, QStringLiteral("cancelled"));
        QTRY_COMPARE_WITH_TIMEOUT(probe.last.cancelled, qint64(1), 5000);
        QCOMPARE(probe.last.failed, qint64(0));
        bool sawCancel = false;
        for (const PoolEvent &e : std::as_const(probe.events)) {
            QVERIFY2(e.kind != PoolEvent::Kind::TaskFailed, qPrintable(e.text));
            if (e.text.contains(QStringLiteral("cancelled by the operator"))) {
                sawCancel = true;
                QCOMPARE(e.severity(), PoolEvent::Severity::Info);
            }
        }
        QVERIFY(sawCancel);

        // The CSV export has the cancellation in its own column, not among the errors.
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("stats.csv"));
        QMetaObject::invokeMethod(host, [host, path]() { host->exportCsv(path); });
        QTRY_COMPARE_WITH_TIMEOUT(probe.exports.size(), 1, 5000);
        QVERIFY2(probe.exports.first().first, qPrintable(probe.exports.first().second));
        QFile csv(path);
        QVERIFY(csv.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = csv.readAll().trimmed().split('\n');
        const QList<QByteArray> header = lines.first().split(',');
        QVERIFY(!header.contains("errors_cancelled"));
        const qsizetype cancelledAt = header.indexOf("cancelled");
        const qsizetype errorsAt = header.indexOf("errors");
        QVERIFY(cancelledAt > 0 && errorsAt > 0);
        bool sawRow = false;
        for (const QByteArray &line : lines) {
            if (!line.startsWith("server,w1,"))
                continue;
            sawRow = true;
            QCOMPARE(line.split(',').value(cancelledAt), QByteArray("1"));
            QCOMPARE(line.split(',').value(errorsAt), QByteArray("0"));
        }
        QVERIFY(sawRow);
        QVERIFY(pool.stop());
    }

    void shutdownReportsEveryCall()
    {
        DemoWorkerProcess w1;
        QVERIFY(w1.start({QStringLiteral("--name"), QStringLiteral("worker-1")}));
        Profile profile;
        profile.concurrentTasks = 2;
        profile.servers = {serverFor(QStringLiteral("w1"), w1)};

        PoolHostThread pool(fastOptions());
        PoolHost *host = pool.host;
        HostProbe probe(host);
        QMetaObject::invokeMethod(host, [host, profile]() { host->start(profile); });
        QTRY_COMPARE_WITH_TIMEOUT(probe.status(QStringLiteral("w1")), QStringLiteral("online"),
                                  10000);
        // Two run (for 400 ms), two wait for a slot.
        for (quint64 i = 1; i <= 4; ++i)
            callTool(host, i, QStringLiteral("sleep"), QJsonObject{{QStringLiteral("ms"), 400}});
        QTRY_VERIFY_WITH_TIMEOUT(probe.last.running == 2 && probe.last.pending == 2, 5000);
        QVERIFY(probe.finished.isEmpty());

        QMetaObject::invokeMethod(host, &PoolHost::shutdown);
        QTRY_VERIFY_WITH_TIMEOUT(probe.shutdownSequence > 0, 10000);
        QVERIFY(pool.isShutDown());
        // Every call was reported exactly once, before shutdownFinished: the two
        // running ones finished their work, the two waiting ones were cancelled.
        int completed = 0, cancelled = 0;
        for (quint64 i = 1; i <= 4; ++i) {
            QCOMPARE(probe.finished.value(i).size(), 1);
            const HostProbe::Finished f = probe.finished.value(i).first();
            QVERIFY(f.sequence < probe.shutdownSequence);
            if (f.errorKind.isEmpty()) {
                ++completed;
                QCOMPARE(f.serverId, QStringLiteral("w1"));
            } else {
                QCOMPARE(f.errorKind, QStringLiteral("cancelled"));
                ++cancelled;
            }
        }
        QCOMPARE(completed, 2);
        QCOMPARE(cancelled, 2);
        // Nothing runs after it: a call now is refused, not started.
        callTool(host, 9, QStringLiteral("echo"), echo(QStringLiteral("late")));
        QTRY_VERIFY_WITH_TIMEOUT(probe.finished.contains(9), 5000);
        QVERIFY(!probe.finished.value(9).first().errorKind.isEmpty());
        QVERIFY2(probe.finished.value(9).first().errorText.contains(QStringLiteral("shut down")),
                 qPrintable(probe.finished.value(9).first().errorText));
        QVERIFY(pool.stop());
        QTRY_VERIFY_WITH_TIMEOUT(probe.hostDestroyed, 5000);
    }

    // Capabilities are declared only for what is enabled: elicitation when a
    // person answers (setInteractiveInput), sampling only when the profile's
    // "sampling" is true as well, roots when the profile has some. Seen in the
    // _meta clientCapabilities of a 2026-07-28 request (the traffic watched).
    void declaresOnlyWhatIsEnabled_data()
    {
        QTest::addColumn<bool>("interactive");
        QTest::addColumn<bool>("sampling");
        QTest::addColumn<bool>("roots");
        QTest::addColumn<QStringList>("declared");
        QTest::newRow("nothing") << false << true << false << QStringList();
        QTest::newRow("elicitation")
            << true << false << false << QStringList{QStringLiteral("elicitation")};
        QTest::newRow("elicitation and sampling")
            << true << true << false
            << QStringList{QStringLiteral("elicitation"), QStringLiteral("sampling")};
        QTest::newRow("roots only")
            << false << false << true << QStringList{QStringLiteral("roots")};
    }
    void declaresOnlyWhatIsEnabled()
    {
        QFETCH(bool, interactive);
        QFETCH(bool, sampling);
        QFETCH(bool, roots);
        QFETCH(QStringList, declared);
        if (!Sdk2ServerProcess::peersInstalled())
            QSKIP("the pinned npm peers are not installed (npm ci in tests/conformance)");
        Sdk2ServerProcess server(QStringLiteral("modern"));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        Profile profile;
        ProfileServer s;
        s.id = QStringLiteral("sdk2");
        s.url = server.url();
        s.protocol = QStringLiteral("modern");
        s.oauth.enabled = false;
        profile.servers = {s};
        if (sampling)
            profile.extra.insert(QStringLiteral("sampling"), true);
        if (roots)
            profile.roots = {QStringLiteral("/srv/data")};

        PoolHostThread pool(fastOptions());
        PoolHost *host = pool.host;
        HostProbe probe(host);
        QList<TrafficRecord> traffic;
        connect(host, &PoolHost::trafficObserved, &probe,
                [&](const QList<TrafficRecord> &records, int) { traffic += records; });
        QMetaObject::invokeMethod(host, [host, profile, interactive]() {
            host->setInteractiveInput(interactive);
            host->start(profile);
        });
        QTRY_VERIFY_WITH_TIMEOUT(probe.status(QStringLiteral("sdk2")) == QLatin1String("online"),
                                 15000);
        QMetaObject::invokeMethod(host, [host]() { host->watchTraffic(QStringLiteral("sdk2")); });
        callTool(host, 1, QStringLiteral("add_numbers"),
                 {{QStringLiteral("a"), 1}, {QStringLiteral("b"), 2}}, {}, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(probe.finished.contains(1), 10000);
        QJsonObject capabilities;
        bool seen = false;
        QTRY_VERIFY_WITH_TIMEOUT(
            [&]() {
                for (const TrafficRecord &r : std::as_const(traffic)) {
                    if (!r.outgoing || r.method != QLatin1String("tools/call"))
                        continue;
                    const QJsonObject meta = QJsonDocument::fromJson(r.text.toUtf8())
                                                 .object()
                                                 .value(QStringLiteral("params"))
                                                 .toObject()
                                                 .value(QStringLiteral("_meta"))
                                                 .toObject();
                    capabilities
                        = meta.value(QStringLiteral("io.modelcontextprotocol/clientCapabilities"))
                              .toObject();
                    seen = true;
                }
                return seen;
            }(),
            5000);
        // The tasks extension is always declared (task results are followed).
        QVERIFY(capabilities.value(QStringLiteral("extensions"))
                    .toObject()
                    .contains(QStringLiteral("io.modelcontextprotocol/tasks")));
        capabilities.remove(QStringLiteral("extensions"));
        QStringList keys = capabilities.keys();
        keys.sort();
        QCOMPARE(keys, declared);
        QVERIFY(pool.stop());
    }

    // A server's question (2026-07-28 MRTR elicitation from the TS SDK v2
    // fixture's confirm_action) reaches whoever watches inputRequested(); an
    // answer goes back to the server; one never answered is failed when the
    // pool is rebuilt or the host shuts down (inputWithdrawn, the call ends
    // with an error), before shutdownFinished: nothing is left hanging.
    void inputRequestsAnsweredOrFailedOnRebuildAndShutdown()
    {
        if (!Sdk2ServerProcess::peersInstalled())
            QSKIP("the pinned npm peers are not installed (npm ci in tests/conformance)");
        Sdk2ServerProcess server(QStringLiteral("modern"));
        QVERIFY2(server.start(), qPrintable(server.errorString()));
        Profile profile;
        ProfileServer s;
        s.id = QStringLiteral("sdk2");
        s.url = server.url();
        s.protocol = QStringLiteral("modern");
        s.oauth.enabled = false;
        profile.servers = {s};

        PoolHostThread pool(fastOptions());
        PoolHost *host = pool.host;
        HostProbe probe(host);
        struct Asked
        {
            quint64 number;
            QString serverId, method;
            QJsonObject params;
        };
        QList<Asked> asked;
        QList<quint64> withdrawn;
        int withdrawnSequence = 0, shutdownSequence = 0, sequence = 0;
        connect(host, &PoolHost::inputRequested, &probe,
                [&](quint64 no, const QString &id, const QString &method, const QJsonObject &p) {
                    asked.append({no, id, method, p});
                });
        connect(host, &PoolHost::inputWithdrawn, &probe, [&](quint64 no, const QString &) {
            withdrawn.append(no);
            withdrawnSequence = ++sequence;
        });
        connect(host, &PoolHost::shutdownFinished, &probe,
                [&]() { shutdownSequence = ++sequence; });
        QMetaObject::invokeMethod(host, [host, profile]() {
            host->setInteractiveInput(true);
            host->start(profile);
        });
        QTRY_VERIFY_WITH_TIMEOUT(probe.status(QStringLiteral("sdk2")) == QLatin1String("online"),
                                 15000);
        QCOMPARE(probe.row(QStringLiteral("sdk2"))->era, QStringLiteral("modern"));

        // Answered: the server gets the content and says so.
        const QJsonObject deploy{{QStringLiteral("action"), QStringLiteral("deploy")}};
        callTool(host, 1, QStringLiteral("confirm_action"), deploy, {}, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 1, 10000);
        QCOMPARE(asked.at(0).serverId, QStringLiteral("sdk2"));
        QCOMPARE(asked.at(0).method, QStringLiteral("elicitation/create"));
        QCOMPARE(asked.at(0).params.value(QStringLiteral("message")).toString(),
                 QStringLiteral("Really deploy?"));
        const quint64 first = asked.at(0).number;
        QMetaObject::invokeMethod(host, [host, first]() {
            host->answerInput(
                first,
                {{QStringLiteral("action"), QStringLiteral("accept")},
                 {QStringLiteral("content"), QJsonObject{{QStringLiteral("confirm"), true}}}},
                {});
        });
        QTRY_VERIFY_WITH_TIMEOUT(probe.finished.contains(1), 10000);
        QVERIFY2(probe.finished.value(1).first().errorKind.isEmpty(),
                 qPrintable(probe.finished.value(1).first().errorText));
        QCOMPARE(firstText(probe.finished.value(1).first().result),
                 QStringLiteral("Confirmed: deploy"));
        // A second answer to the same number is ignored (no crash, nothing sent).
        QMetaObject::invokeMethod(host, [host, first]() { host->answerInput(first, {}, {}); });

        // Never answered, then the pool is rebuilt (settings applied): failed,
        // the call reported with an error.
        callTool(host, 2, QStringLiteral("confirm_action"), deploy, {}, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 2, 10000);
        const quint64 second = asked.at(1).number;
        QVERIFY(second != first);
        QVERIFY(!probe.finished.contains(2));
        QMetaObject::invokeMethod(host, [host, profile]() { host->start(profile); });
        QTRY_COMPARE_WITH_TIMEOUT(withdrawn, QList<quint64>{second}, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(probe.finished.contains(2), 10000);
        QVERIFY(!probe.finished.value(2).first().errorKind.isEmpty());
        probe.last = {};
        QTRY_VERIFY_WITH_TIMEOUT(probe.status(QStringLiteral("sdk2")) == QLatin1String("online"),
                                 15000);

        // Never answered, then the host shuts down: failed; the call is
        // reported, then the end.
        callTool(host, 3, QStringLiteral("confirm_action"), deploy, {}, 15000);
        QTRY_COMPARE_WITH_TIMEOUT(asked.size(), 3, 10000);
        const quint64 third = asked.at(2).number;
        QMetaObject::invokeMethod(host, [host]() { host->shutdown(); });
        QTRY_VERIFY_WITH_TIMEOUT(shutdownSequence > 0, 10000);
        QCOMPARE(withdrawn, (QList<quint64>{second, third}));
        QVERIFY(withdrawnSequence < shutdownSequence);
        QCOMPARE(probe.finished.value(3).size(), 1);
        QVERIFY(!probe.finished.value(3).first().errorKind.isEmpty());
        QVERIFY(probe.finished.value(3).first().sequence < probe.shutdownSequence);
        QVERIFY(pool.stop());
    }
};

QTEST_GUILESS_MAIN(TestPoolHost)
#include "tst_poolhost.moc"
