// The window's seams without the window: PoolClient (detached, its requests
// watched with spies; attached to a PoolHost in its own thread, its answers
// arriving in the GUI thread), SignInController following snapshots with a
// detached client as the fake pool, and ProfileDocument's unsaved-changes
// decision, saving and recent list.

#include "controllers/poolclient.h"
#include "controllers/profiledocument.h"
#include "controllers/signincontroller.h"
#include "dialogs/signinnotice.h"
#include "widgets/composer.h"
#include "widgets/resultview.h"

#include "host/poolhost.h"

#include <QFile>
#include <QJsonArray>
#include <QProgressBar>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QWidget>

using namespace mcppm;
using namespace mcppm::ui;

namespace {

PoolSnapshot withAuth(const QString &id, const QString &authState)
{
    PoolSnapshot s;
    ServerRow row;
    row.id = id;
    row.status = QStringLiteral("online");
    row.authState = authState;
    s.servers << row;
    return s;
}

} // namespace

class TestControllers final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("mcppm-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_controllers"));
    }

    // Each command is one request signal carrying its arguments.
    void detachedClientSignalsRequests()
    {
        PoolClient client;
        QCOMPARE(client.host(), nullptr);
        QSignalSpy call(&client, &PoolClient::callRequested);
        QSignalSpy secrets(&client, &PoolClient::secretsGiven);
        QSignalSpy start(&client, &PoolClient::startRequested);
        QSignalSpy drain(&client, &PoolClient::serverDrainRequested);
        QSignalSpy cancel(&client, &PoolClient::cancelRequested);
        QSignalSpy shutdown(&client, &PoolClient::shutdownRequested);
        const QJsonObject args{{QStringLiteral("message"), QStringLiteral("hi")}};
        client.callTool(7, QStringLiteral("echo"), args, 3, 1500, QStringLiteral("w1"));
        client.setSecrets({{QStringLiteral("keychain:p/w1"), QStringLiteral("t")}});
        Profile profile;
        profile.name = QStringLiteral("fleet");
        client.start(profile);
        client.setServerDrained(QStringLiteral("w1"), true);
        client.cancelCall(7);
        client.shutdown();
        QCOMPARE(call.size(), 1);
        QCOMPARE(call.at(0).at(0).toULongLong(), 7ULL);
        QCOMPARE(call.at(0).at(1).toString(), QStringLiteral("echo"));
        QCOMPARE(call.at(0).at(2).toJsonObject(), args);
        QCOMPARE(call.at(0).at(3).toInt(), 3);
        QCOMPARE(call.at(0).at(4).toInt(), 1500);
        QCOMPARE(call.at(0).at(5).toString(), QStringLiteral("w1"));
        QCOMPARE(secrets.size(), 1);
        QCOMPARE(start.size(), 1);
        QCOMPARE(start.at(0).at(0).value<Profile>().name, QStringLiteral("fleet"));
        QCOMPARE(drain.at(0).at(1).toBool(), true);
        QCOMPARE(cancel.at(0).at(0).toULongLong(), 7ULL);
        QCOMPARE(shutdown.size(), 1);
    }

    // Attached to a host in the pool thread: commands run there, answers come
    // back in this thread, and a host that is gone is not called.
    void attachedClientReachesHostThread()
    {
        QThread thread;
        auto *host = new PoolHost(PoolHost::Options{20, 1000, -1});
        host->moveToThread(&thread);
        connect(&thread, &QThread::finished, host, &QObject::deleteLater);
        thread.start();
        {
            PoolClient client(host);
            QCOMPARE(client.host(), host);
            QThread *arrivedIn = nullptr;
            connect(&client, &PoolClient::snapshotReady, this,
                    [&arrivedIn]() { arrivedIn = QThread::currentThread(); });
            QSignalSpy snapshots(&client, &PoolClient::snapshotReady);
            QSignalSpy catalog(&client, &PoolClient::catalogReady);
            QSignalSpy finished(&client, &PoolClient::shutdownFinished);
            Profile profile;
            profile.strategy = QStringLiteral("least-loaded");
            client.start(profile);
            QTRY_VERIFY_WITH_TIMEOUT(!snapshots.isEmpty(), 5000);
            QCOMPARE(arrivedIn, QThread::currentThread());
            // The strategy went with the profile, set in the pool's thread.
            QTRY_VERIFY_WITH_TIMEOUT(snapshots.last().at(0).value<PoolSnapshot>().strategy
                                         == QLatin1String("least-loaded"),
                                     5000);
            client.setStrategy(QStringLiteral("round-robin"));
            QTRY_VERIFY_WITH_TIMEOUT(snapshots.last().at(0).value<PoolSnapshot>().strategy
                                         == QLatin1String("round-robin"),
                                     5000);
            client.requestCatalog();
            QTRY_COMPARE_WITH_TIMEOUT(catalog.size(), 1, 5000);
            QVERIFY(catalog.at(0).at(0).value<QList<CatalogTool>>().isEmpty());
            client.shutdown();
            QTRY_COMPARE_WITH_TIMEOUT(finished.size(), 1, 5000);
        }
        thread.quit();
        QVERIFY(thread.wait(5000));
    }

    // A page over a detached client: the test answers as the pool would.
    void composerOverFakePool()
    {
        PoolClient pool;
        Composer composer(&pool);
        QSignalSpy catalogAsked(&pool, &PoolClient::catalogRequested);
        QSignalSpy calls(&pool, &PoolClient::callRequested);
        composer.refreshCatalog();
        QCOMPARE(catalogAsked.size(), 1);
        CatalogTool echo;
        echo.tool.name = QStringLiteral("echo");
        echo.tool.inputSchema = QJsonObject{
            {QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("properties"),
             QJsonObject{{QStringLiteral("message"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}}}}};
        echo.servers = QStringList{QStringLiteral("w1")};
        Q_EMIT pool.catalogReady({echo});
        QCOMPARE(composer.toolCount(), 1);
        QVERIFY(composer.selectTool(QStringLiteral("echo")));
        const QJsonObject args{{QStringLiteral("message"), QStringLiteral("hi")}};
        composer.setArguments(args);
        composer.run();
        QCOMPARE(calls.size(), 1);
        QCOMPARE(calls.at(0).at(1).toString(), QStringLiteral("echo"));
        QCOMPARE(calls.at(0).at(2).toJsonObject(), args);
        QVERIFY(composer.isRunning());
        const quint64 id = calls.at(0).at(0).toULongLong();
        Q_EMIT pool.callFinished(
            id,
            QJsonObject{{QStringLiteral("content"),
                         QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                                {QStringLiteral("text"), QStringLiteral("hi")}}}}},
            QStringLiteral("w1"), {}, {});
        QVERIFY(!composer.isRunning());
        QCOMPARE(composer.resultCount(), 1);
        QVERIFY(composer.resultView(0)->shownText().contains(QLatin1String("hi")));
        // Another request's answer is not this composer's.
        Q_EMIT pool.callFinished(id + 100, {}, QStringLiteral("w1"), QStringLiteral("failed"),
                                 QStringLiteral("x"));
        QCOMPARE(composer.resultCount(), 1);

        // Cancel: the request goes to the pool; its answer shows as cancelled, not failed.
        QSignalSpy cancels(&pool, &PoolClient::cancelRequested);
        composer.run();
        QCOMPARE(calls.size(), 2);
        composer.cancel();
        QCOMPARE(cancels.size(), 1);
        const quint64 second = calls.at(1).at(0).toULongLong();
        Q_EMIT pool.callFinished(second, {}, QStringLiteral("w1"), QStringLiteral("cancelled"),
                                 QStringLiteral("cancelled: cancelled by the caller"));
        QVERIFY(!composer.isRunning());
        ResultView *cancelled = composer.resultView(0);
        QVERIFY(cancelled->isCancelledShown());
        QVERIFY(!cancelled->isErrorShown());
        QVERIFY(cancelled->shownText().contains(QLatin1String("cancelled")));
        const auto bars = composer.findChildren<QProgressBar *>();
        QVERIFY(!bars.isEmpty());
        QCOMPARE(bars.first()->format(), QStringLiteral("cancelled")); // not "1 failed"
    }

    void signInFollowsSnapshots()
    {
        PoolClient pool; // detached: the test is the pool
        QWidget window;
        SignInController signIns(&pool, &window);
        QSignalSpy asked(&pool, &PoolClient::signInRequested);
        QSignalSpy signedOut(&pool, &PoolClient::signOutRequested);
        QSignalSpy signedIn(&signIns, &SignInController::signedIn);
        QSignalSpy failed(&signIns, &SignInController::signInFailed);
        QSignalSpy status(&signIns, &SignInController::statusMessage);

        // Snapshots about a server nobody asked to sign in to say nothing.
        signIns.follow(withAuth(QStringLiteral("a"), QStringLiteral("signed-in")));
        QCOMPARE(signedIn.size(), 0);

        signIns.signIn(QStringLiteral("a"));
        QCOMPARE(asked.size(), 1);
        QCOMPARE(asked.at(0).at(0).toString(), QStringLiteral("a"));
        QCOMPARE(status.size(), 1);
        // The pool names the sign-in page: a notice with the link (no browser here).
        Q_EMIT pool.signInUrlReady(QStringLiteral("a"),
                                   QUrl(QStringLiteral("http://127.0.0.1:1/authorize")));
        QVERIFY(signIns.notice(QStringLiteral("a")));
        QCOMPARE(signIns.notice(QStringLiteral("a"))->url(),
                 QUrl(QStringLiteral("http://127.0.0.1:1/authorize")));
        signIns.follow(withAuth(QStringLiteral("a"), QStringLiteral("authorizing")));
        QCOMPARE(signedIn.size() + failed.size(), 0);
        signIns.follow(withAuth(QStringLiteral("a"), QStringLiteral("signed-in")));
        QCOMPARE(signedIn.size(), 1);
        QTRY_VERIFY(!signIns.notice(QStringLiteral("a"))); // closed (and deleted)
        signIns.follow(withAuth(QStringLiteral("a"), QStringLiteral("signed-in")));
        QCOMPARE(signedIn.size(), 1); // once

        // Seen authorizing, then back at needs-sign-in: failed.
        signIns.signIn(QStringLiteral("b"));
        signIns.follow(withAuth(QStringLiteral("b"), QStringLiteral("authorizing")));
        signIns.follow(withAuth(QStringLiteral("b"), QStringLiteral("needs-sign-in")));
        QCOMPARE(failed.size(), 1);
        QCOMPARE(failed.at(0).at(0).toString(), QStringLiteral("b"));

        // The pool's "sign-in failed" event after the request: failed.
        signIns.signIn(QStringLiteral("c"));
        PoolSnapshot s = withAuth(QStringLiteral("c"), QStringLiteral("needs-sign-in"));
        PoolEvent e;
        e.kind = PoolEvent::Kind::Error;
        e.serverId = QStringLiteral("c");
        e.text = QStringLiteral("sign-in failed: access_denied");
        e.timeMs = QDateTime::currentMSecsSinceEpoch() + 1;
        s.events << e;
        signIns.follow(s);
        QCOMPARE(failed.size(), 2);

        // Sign-out forgets a pending sign-in and asks the pool.
        signIns.signIn(QStringLiteral("d"));
        signIns.signOut(QStringLiteral("d"));
        QCOMPARE(signedOut.size(), 1);
        signIns.follow(withAuth(QStringLiteral("d"), QStringLiteral("signed-in")));
        QCOMPARE(signedIn.size(), 1);
    }

    void unsavedChangesDecision_data()
    {
        QTest::addColumn<bool>("modified");
        QTest::addColumn<int>("answer");
        QTest::addColumn<bool>("saveResult");
        QTest::addColumn<bool>("asked");
        QTest::addColumn<bool>("saved");
        QTest::addColumn<bool>("mayDiscard");
        const int save = int(ProfileDocument::UnsavedAnswer::Save);
        const int discard = int(ProfileDocument::UnsavedAnswer::Discard);
        const int cancel = int(ProfileDocument::UnsavedAnswer::Cancel);
        QTest::newRow("unmodified: not asked")
            << false << cancel << false << false << false << true;
        QTest::newRow("cancel") << true << cancel << true << true << false << false;
        QTest::newRow("discard") << true << discard << false << true << false << true;
        QTest::newRow("save") << true << save << true << true << true << true;
        QTest::newRow("save fails or is cancelled")
            << true << save << false << true << true << false;
    }

    void unsavedChangesDecision()
    {
        QFETCH(bool, modified);
        QFETCH(int, answer);
        QFETCH(bool, saveResult);
        QFETCH(bool, asked);
        QFETCH(bool, saved);
        QFETCH(bool, mayDiscard);
        ProfileDocument document;
        bool wasAsked = false;
        bool wasSaved = false;
        document.setUnsavedQuestion([&]() {
            wasAsked = true;
            return ProfileDocument::UnsavedAnswer(answer);
        });
        document.setSaveAction([&]() {
            wasSaved = true;
            return saveResult;
        });
        document.setModified(modified);
        QCOMPARE(document.confirmDiscard(), mayDiscard);
        QCOMPARE(wasAsked, asked);
        QCOMPARE(wasSaved, saved);
    }

    void editsSaveAndRecent()
    {
        ProfileDocument document;
        document.clearRecent();
        QSignalSpy title(&document, &ProfileDocument::titleChanged);
        Profile profile;
        ProfileServer server;
        server.id = QStringLiteral("w1");
        server.url = QUrl(QStringLiteral("http://127.0.0.1:1/mcp"));
        profile.servers << server;
        document.open(profile, {});
        QVERIFY(!document.isModified());
        QCOMPARE(document.keyName(), QStringLiteral("default"));
        QVERIFY(title.size() >= 1);
        document.setServerEnabled(QStringLiteral("w1"), true); // already enabled: no change
        QVERIFY(!document.isModified());
        document.setServerEnabled(QStringLiteral("w1"), false);
        QVERIFY(document.isModified());
        QVERIFY(!document.profile().servers.at(0).enabled);
        document.setServerWeights(QStringLiteral("w1"), 4, 9);
        QCOMPARE(document.server(QStringLiteral("w1"))->priority, 4);
        QCOMPARE(document.server(QStringLiteral("w1"))->weight, 9);
        QVERIFY(!document.server(QStringLiteral("nope")));

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("fleet.json"));
        QString why;
        QVERIFY2(document.saveTo(path, &why), qPrintable(why));
        QVERIFY(!document.isModified());
        QCOMPARE(document.path(), path);
        QCOMPARE(ProfileDocument::recentProfiles().value(0), path);
        const auto reread = ProfileDocument::read(path, &why);
        QVERIFY2(reread, qPrintable(why));
        QCOMPARE(reread->servers.size(), 1);
        QCOMPARE(reread->servers.at(0).weight, 9);
        QVERIFY(!reread->servers.at(0).enabled);
        // A file that cannot be written: an error, the document stays as it was.
        document.setModified(true);
        QVERIFY(!document.saveTo(dir.filePath(QStringLiteral("no/such/dir/x.json")), &why));
        QVERIFY(!why.isEmpty());
        QVERIFY(document.isModified());
        QCOMPARE(document.path(), path);
        // Not a profile: nullopt with a reason.
        QFile junk(dir.filePath(QStringLiteral("junk.json")));
        QVERIFY(junk.open(QIODevice::WriteOnly));
        junk.write("[1,");
        junk.close();
        why.clear();
        QVERIFY(!ProfileDocument::read(junk.fileName(), &why));
        QVERIFY(!why.isEmpty());
        QSignalSpy recent(&document, &ProfileDocument::recentChanged);
        document.forget(path);
        QVERIFY(ProfileDocument::recentProfiles().isEmpty());
        QCOMPARE(recent.last().at(0).toBool(), false);
    }
};

QTEST_MAIN(TestControllers)
#include "tst_controllers.moc"
