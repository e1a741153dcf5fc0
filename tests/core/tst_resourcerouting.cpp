// Request-aware routing against real demo workers on loopback: a resource
// read goes to the servers that list its URI (or a template matching it),
// others only when nobody lists or matches it; a "not found" answer moves the
// read on without a health failure or an error statistic, and when every
// server said so the task fails with one clear error. Prompts and completions
// through the PoolHost go to a server that lists the prompt or template.

#include "demoworkerprocess.h"
#include "fastpooloptions.h"
#include "poolhostthread.h"

#include "host/poolhost.h"
#include "pool/serverpool.h"

#include <QSignalSpy>
#include <QTest>

#include <algorithm>

using namespace mcppm;

namespace {

ServerPoolOptions fastOptions()
{
    ServerPoolOptions o = fastPoolOptions();
    o.queue.concurrentTasks = 4;
    o.shutdownGraceMs = 2000;
    return o;
}

// Three workers; only w2 has demo://w2/info and the template demo://w2/items/{id}.
struct Fleet
{
    DemoWorkerProcess w1, w2, w3;
    bool start(const QStringList &w2Extra = {})
    {
        return w1.start({QStringLiteral("--name"), QStringLiteral("w1")})
            && w2.start(QStringList{QStringLiteral("--name"), QStringLiteral("w2"),
                                    QStringLiteral("--resource-prefix"),
                                    QStringLiteral("demo://w2")}
                        + w2Extra)
            && w3.start({QStringLiteral("--name"), QStringLiteral("w3")});
    }
    void addTo(ServerPool &pool) const
    {
        pool.addServer(QStringLiteral("w1"), w1.url(), {});
        pool.addServer(QStringLiteral("w2"), w2.url(), {});
        pool.addServer(QStringLiteral("w3"), w3.url(), {});
    }
};

bool waitCatalogs(ServerPool &pool)
{
    return QTest::qWaitFor(
        [&]() {
            for (const QString &id : pool.serverIds()) {
                if (!isInRotation(pool.healthMonitor()->status(id)) || !pool.catalog(id)
                    || !pool.catalog(id)->resourcesLoaded() || !pool.catalog(id)->promptsLoaded())
                    return false;
            }
            return !pool.serverIds().isEmpty();
        },
        10000);
}

QList<Task> finishAll(ServerPool &pool, const QList<TaskId> &ids)
{
    QList<QFuture<Task>> futures;
    for (TaskId id : ids)
        futures << pool.whenFinished(id);
    const bool finished = QTest::qWaitFor(
        [&]() {
            return std::all_of(futures.cbegin(), futures.cend(),
                               [](const QFuture<Task> &f) { return f.isFinished(); });
        },
        15000);
    if (!finished)
        qWarning("finishAll: not every task finished within 15 s");
    QList<Task> tasks;
    for (const QFuture<Task> &f : futures)
        tasks << (f.isFinished() ? f.result() : Task{});
    return tasks;
}

qint64 requestsOn(const ServerPool &pool, const QString &id)
{
    const CallStatistics *c = pool.statistics().server(id);
    return c ? c->requests : 0;
}

qint64 errorsOn(const ServerPool &pool, const QString &id)
{
    const CallStatistics *c = pool.statistics().server(id);
    return c ? c->errors : 0;
}

QString text(const Task &t)
{
    return t.result.value(QStringLiteral("contents"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("text"))
        .toString();
}

} // namespace

class TestResourceRouting final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void readGoesOnlyToTheServerThatListsIt();
    void readWaitsForCatalogsInsteadOfFailing();
    void templateMatchChoosesTheServer();
    void uriNobodyListsIsTriedOnAllAndFailsClearly();
    void notFoundIsNotAHealthFailure();
    void pinnedReadStaysPinned();
    void catalogRefreshesOnListChanged();
    void promptsAndCompletionsGoToAServerThatListsThem();
};

void TestResourceRouting::readGoesOnlyToTheServerThatListsIt()
{
    Fleet fleet;
    QVERIFY(fleet.start());
    ServerPool pool(fastOptions());
    QSignalSpy degraded(&pool, &ServerPool::serverDegraded);
    pool.initialize();
    fleet.addTo(pool);
    QVERIFY(waitCatalogs(pool));
    QCOMPARE(pool.serversForResource(QStringLiteral("demo://w2/info")),
             QStringList{QStringLiteral("w2")});
    QCOMPARE(pool.catalog(QStringLiteral("w1"))->fit(QStringLiteral("demo://w2/info")),
             ResourceCatalog::Fit::None);

    QList<TaskId> ids;
    for (int i = 0; i < 12; ++i)
        ids << pool.readResource(QStringLiteral("demo://w2/info"));
    const QList<Task> tasks = finishAll(pool, ids);
    for (const Task &t : tasks) {
        QCOMPARE(t.status, TaskStatus::Completed);
        QCOMPARE(t.serverId, QStringLiteral("w2"));
        QCOMPARE(t.attempts, 1);
        QCOMPARE(text(t), QStringLiteral("info of w2"));
    }
    // Nothing went to the others: no requests, no errors, no health failure.
    QCOMPARE(requestsOn(pool, QStringLiteral("w1")), 0);
    QCOMPARE(requestsOn(pool, QStringLiteral("w3")), 0);
    QCOMPARE(requestsOn(pool, QStringLiteral("w2")), 12);
    QCOMPARE(pool.statistics().total().errors, 0);
    QCOMPARE(pool.queue()->stats().requeues, 0);
    for (const QString &id : pool.serverIds())
        QCOMPARE(pool.healthMonitor()->health(id).consecutiveFailures, 0);
    QCOMPARE(degraded.count(), 0);

    // A URI every worker lists is balanced over all of them.
    ids.clear();
    for (int i = 0; i < 9; ++i)
        ids << pool.readResource(QStringLiteral("demo://state/current"));
    QSet<QString> servedBy;
    for (const Task &t : finishAll(pool, ids)) {
        QCOMPARE(t.status, TaskStatus::Completed);
        servedBy.insert(t.serverId);
    }
    QCOMPARE(servedBy.size(), 3);
}

void TestResourceRouting::readWaitsForCatalogsInsteadOfFailing()
{
    Fleet fleet;
    QVERIFY(fleet.start());
    ServerPool pool(fastOptions());
    pool.initialize();
    fleet.addTo(pool);
    // At once, before any server has connected or listed anything.
    QList<TaskId> ids;
    for (int i = 0; i < 4; ++i)
        ids << pool.readResource(QStringLiteral("demo://w2/items/%1").arg(i));
    for (const Task &t : finishAll(pool, ids)) {
        QCOMPARE(t.status, TaskStatus::Completed);
        QCOMPARE(t.serverId, QStringLiteral("w2"));
    }
    QCOMPARE(requestsOn(pool, QStringLiteral("w1")) + requestsOn(pool, QStringLiteral("w3")), 0);
}

void TestResourceRouting::templateMatchChoosesTheServer()
{
    Fleet fleet;
    QVERIFY(fleet.start());
    ServerPool pool(fastOptions());
    pool.initialize();
    fleet.addTo(pool);
    QVERIFY(waitCatalogs(pool));
    QCOMPARE(pool.catalog(QStringLiteral("w2"))->fit(QStringLiteral("demo://w2/items/7")),
             ResourceCatalog::Fit::Matched);
    QCOMPARE(pool.serversForTemplate(QStringLiteral("demo://w2/items/{id}")),
             QStringList{QStringLiteral("w2")});

    QList<TaskId> ids;
    for (int i = 0; i < 8; ++i)
        ids << pool.readResource(QStringLiteral("demo://w2/items/x%1").arg(i));
    const QList<Task> tasks = finishAll(pool, ids);
    for (int i = 0; i < tasks.size(); ++i) {
        QCOMPARE(tasks.at(i).status, TaskStatus::Completed);
        QCOMPARE(tasks.at(i).serverId, QStringLiteral("w2"));
        QCOMPARE(text(tasks.at(i)), QStringLiteral("item x%1 of w2").arg(i));
    }
    // The greeting template every worker has: spread over all of them.
    ids.clear();
    for (int i = 0; i < 9; ++i)
        ids << pool.readResource(QStringLiteral("demo://greeting/Ada%1").arg(i));
    QSet<QString> servedBy;
    for (const Task &t : finishAll(pool, ids)) {
        QCOMPARE(t.status, TaskStatus::Completed);
        servedBy.insert(t.serverId);
    }
    QCOMPARE(servedBy.size(), 3);
    QCOMPARE(pool.statistics().total().errors, 0);
}

void TestResourceRouting::uriNobodyListsIsTriedOnAllAndFailsClearly()
{
    Fleet fleet;
    QVERIFY(fleet.start());
    ServerPool pool(fastOptions());
    QSignalSpy degraded(&pool, &ServerPool::serverDegraded);
    pool.initialize();
    fleet.addTo(pool);
    QVERIFY(waitCatalogs(pool));

    const QList<Task> tasks
        = finishAll(pool, {pool.readResource(QStringLiteral("demo://nobody/x"))});
    const Task t = tasks.first();
    QCOMPARE(t.status, TaskStatus::Failed);
    QCOMPARE(t.error.kind, McpError::Kind::Rpc);
    QVERIFY2(
        t.error.message.startsWith(QStringLiteral("Resource not found: demo://nobody/x (asked: ")),
        qPrintable(t.error.message));
    for (const QString &id : {QStringLiteral("w1"), QStringLiteral("w2"), QStringLiteral("w3")}) {
        QVERIFY2(t.error.message.contains(id), qPrintable(t.error.message));
        QCOMPARE(requestsOn(pool, id), 1); // each asked exactly once
        QCOMPARE(errorsOn(pool, id), 0);
        QCOMPARE(pool.healthMonitor()->health(id).consecutiveFailures, 0);
    }
    // 2025 sends -32002, 2026-07-28 -32602 "Resource not found".
    QVERIFY2(t.error.rpcCode == -32002 || t.error.rpcCode == -32602,
             qPrintable(QString::number(t.error.rpcCode)));
    QCOMPARE(pool.queue()->stats().retries, 0);
    QCOMPARE(degraded.count(), 0);
}

void TestResourceRouting::notFoundIsNotAHealthFailure()
{
    Fleet fleet;
    QVERIFY(fleet.start());
    ServerPool pool(fastOptions()); // degraded after 2 failures, offline after 5 (defaults)
    QSignalSpy degraded(&pool, &ServerPool::serverDegraded);
    QSignalSpy offline(&pool, &ServerPool::serverOffline);
    pool.initialize();
    fleet.addTo(pool);
    QVERIFY(waitCatalogs(pool));

    // demo://w2/items/ matches w2's template ({id} may be empty) but w2 has no
    // such item: w2 is asked first, then the rest, and all say "not found".
    QList<TaskId> ids;
    for (int i = 0; i < 6; ++i)
        ids << pool.readResource(QStringLiteral("demo://w2/items/"));
    for (const Task &t : finishAll(pool, ids)) {
        QCOMPARE(t.status, TaskStatus::Failed);
        QVERIFY2(t.error.message.startsWith(
                     QStringLiteral("Resource not found: demo://w2/items/ (asked: w2, ")),
                 qPrintable(t.error.message));
    }
    // Far beyond the thresholds, and still nobody is degraded or offline.
    for (const QString &id : pool.serverIds()) {
        QCOMPARE(pool.healthMonitor()->status(id), ServerStatus::Online);
        QCOMPARE(pool.healthMonitor()->health(id).consecutiveFailures, 0);
        QCOMPARE(errorsOn(pool, id), 0);
        QCOMPARE(requestsOn(pool, id), 6);
    }
    QCOMPARE(degraded.count(), 0);
    QCOMPARE(offline.count(), 0);
    // The servers still serve what they have.
    const Task ok
        = finishAll(pool, {pool.readResource(QStringLiteral("demo://w2/items/9"))}).first();
    QCOMPARE(ok.status, TaskStatus::Completed);
    QCOMPARE(ok.serverId, QStringLiteral("w2"));
}

void TestResourceRouting::pinnedReadStaysPinned()
{
    Fleet fleet;
    QVERIFY(fleet.start());
    ServerPool pool(fastOptions());
    pool.initialize();
    fleet.addTo(pool);
    QVERIFY(waitCatalogs(pool));
    PoolCallOptions pinned;
    pinned.server = QStringLiteral("w1");
    // Pinned to a server that does not list it: asked there only, and only there.
    const Task t
        = finishAll(pool, {pool.readResource(QStringLiteral("demo://w2/info"), pinned)}).first();
    QCOMPARE(t.status, TaskStatus::Failed);
    QCOMPARE(t.error.message, QStringLiteral("Resource not found: demo://w2/info (asked: w1)"));
    QCOMPARE(t.error.serverId, QStringLiteral("w1"));
    QCOMPARE(requestsOn(pool, QStringLiteral("w2")), 0);
    QCOMPARE(pool.healthMonitor()->health(QStringLiteral("w1")).consecutiveFailures, 0);
    pinned.server = QStringLiteral("w3");
    const Task state
        = finishAll(pool, {pool.readResource(QStringLiteral("demo://state/current"), pinned)})
              .first();
    QCOMPARE(state.status, TaskStatus::Completed);
    QCOMPARE(state.serverId, QStringLiteral("w3"));
}

void TestResourceRouting::catalogRefreshesOnListChanged()
{
    Fleet fleet;
    QVERIFY(fleet.start());
    ServerPool pool(fastOptions());
    pool.initialize();
    fleet.addTo(pool);
    QVERIFY(waitCatalogs(pool));
    auto *catalog = const_cast<ResourceCatalog *>(pool.catalog(QStringLiteral("w2")));
    QCOMPARE(catalog->resourceCount(), 2);
    QCOMPARE(catalog->templateCount(), 2);
    QVERIFY(catalog->listsPrompt(QStringLiteral("greet")));
    QVERIFY(catalog->invalidTemplates().isEmpty());
    QSignalSpy resources(catalog, &ResourceCatalog::resourcesRefreshed);
    QSignalSpy prompts(catalog, &ResourceCatalog::promptsRefreshed);
    // What McpClient emits on notifications/resources/list_changed and prompts/list_changed.
    Q_EMIT pool.client(QStringLiteral("w2"))->resourcesChanged();
    Q_EMIT pool.client(QStringLiteral("w2"))->promptsChanged();
    QVERIFY(resources.wait(5000));
    QTRY_COMPARE_WITH_TIMEOUT(prompts.count(), 1, 5000);
    QCOMPARE(resources.count(), 1);
    QCOMPARE(catalog->resourceCount(), 2); // fetched again, the same lists
    // Two refreshes in a row: the first one's answers are stale and ignored.
    Q_EMIT pool.client(QStringLiteral("w2"))->resourcesChanged();
    Q_EMIT pool.client(QStringLiteral("w2"))->resourcesChanged();
    QTRY_COMPARE_WITH_TIMEOUT(resources.count(), 2, 5000);
    QTest::qWait(200);
    QCOMPARE(resources.count(), 2);
    QCOMPARE(pool.serversForResource(QStringLiteral("demo://w2/info")),
             QStringList{QStringLiteral("w2")});
}

void TestResourceRouting::promptsAndCompletionsGoToAServerThatListsThem()
{
    DemoWorkerProcess w1, w2, w3;
    QVERIFY(w1.start({QStringLiteral("--name"), QStringLiteral("w1")}));
    QVERIFY(w2.start({QStringLiteral("--name"), QStringLiteral("w2"), QStringLiteral("--prompt"),
                      QStringLiteral("only-here"), QStringLiteral("--resource-prefix"),
                      QStringLiteral("demo://w2")}));
    QVERIFY(w3.start({QStringLiteral("--name"), QStringLiteral("w3")}));
    Profile profile;
    for (const auto &[id, worker] :
         {std::pair<QString, DemoWorkerProcess *>{QStringLiteral("w1"), &w1},
          {QStringLiteral("w2"), &w2},
          {QStringLiteral("w3"), &w3}}) {
        ProfileServer s;
        s.id = id;
        s.url = worker->url();
        profile.servers.append(s);
    }
    PoolHost::Options options;
    options.healthCheckIntervalMs = 300;
    PoolHostThread thread(options);
    PoolHost *host = thread.host;

    QObject receiver; // in this thread: the host's answers are queued to it
    QHash<quint64, std::pair<QString, QString>> prompts; // request -> (server, error)
    QHash<quint64, std::pair<QStringList, QString>> completions;
    connect(host, &PoolHost::promptFinished, &receiver,
            [&](quint64 request, const QJsonObject &, const QString &server, const QString &error) {
                prompts.insert(request, {server, error});
            });
    connect(host, &PoolHost::completionReady, &receiver,
            [&](quint64 request, const QStringList &values, const QString &error) {
                completions.insert(request, {values, error});
            });
    QMetaObject::invokeMethod(host, [host, profile]() { host->start(profile); });

    // Until the servers are up and w2's prompt list is in, a prompt may fail;
    // once one has come from w2, every following one must, whatever the rotation.
    quint64 request = 0;
    bool up = false;
    for (int round = 0; round < 100 && !up; ++round) {
        const quint64 r = ++request;
        QMetaObject::invokeMethod(
            host, [host, r]() { host->getPrompt(r, {}, QStringLiteral("only-here"), {}); });
        QTRY_VERIFY_WITH_TIMEOUT(prompts.contains(r), 10000);
        up = prompts.value(r).second.isEmpty();
        if (!up)
            QTest::qWait(100);
    }
    QVERIFY(up);
    QCOMPARE(prompts.value(request).first, QStringLiteral("w2"));
    const quint64 firstOfBatch = request + 1;
    for (int i = 0; i < 6; ++i) {
        const quint64 r = ++request;
        QMetaObject::invokeMethod(
            host, [host, r]() { host->getPrompt(r, {}, QStringLiteral("only-here"), {}); });
    }
    QTRY_VERIFY_WITH_TIMEOUT(prompts.contains(request), 10000);
    for (quint64 r = firstOfBatch; r <= request; ++r) {
        QCOMPARE(prompts.value(r).first, QStringLiteral("w2"));
        QVERIFY2(prompts.value(r).second.isEmpty(), qPrintable(prompts.value(r).second));
    }
    // A prompt every server lists rotates over all of them.
    QSet<QString> greeters;
    const quint64 firstGreet = request + 1;
    for (int i = 0; i < 6; ++i) {
        const quint64 r = ++request;
        QMetaObject::invokeMethod(host, [host, r]() {
            host->getPrompt(r, {}, QStringLiteral("greet"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")}});
        });
    }
    QTRY_VERIFY_WITH_TIMEOUT(prompts.contains(request), 10000);
    for (quint64 r = firstGreet; r <= request; ++r) {
        QVERIFY2(prompts.value(r).second.isEmpty(), qPrintable(prompts.value(r).second));
        greeters.insert(prompts.value(r).first);
    }
    QCOMPARE(greeters.size(), 3);

    // Completion of a template only w2 lists goes to w2 every time.
    const QJsonObject ref{{QStringLiteral("type"), QStringLiteral("ref/resource")},
                          {QStringLiteral("uri"), QStringLiteral("demo://w2/items/{id}")}};
    for (quint64 r = 1; r <= 4; ++r) {
        QMetaObject::invokeMethod(host, [host, r, ref]() {
            host->completeArgument(r, {}, ref, QStringLiteral("id"), QString(), {});
        });
    }
    QTRY_COMPARE_WITH_TIMEOUT(completions.size(), 4, 10000);
    for (quint64 r = 1; r <= 4; ++r) {
        QVERIFY2(completions.value(r).second.isEmpty(), qPrintable(completions.value(r).second));
        QCOMPARE(completions.value(r).first,
                 (QStringList{QStringLiteral("1"), QStringLiteral("2"), QStringLiteral("3")}));
    }
    QVERIFY(thread.stop());
}

QTEST_GUILESS_MAIN(TestResourceRouting)
#include "tst_resourcerouting.moc"
