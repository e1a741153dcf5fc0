// The main window over a live pool: three real demo workers (one flaky), the
// pool in its own thread, snapshots into the models; a worker killed and seen
// to go down in the table and the event log. An OAuth worker signed in to
// through the loopback redirect, with the test as the browser. With
// MCPPM_SCREENSHOT_DIR set, saves PNGs of the window for the README.

#include "demoworkerprocess.h"

#include "charts/poolcharts.h"
#include "charts/servercharts.h"
#include "controllers/statusnotices.h"
#include "dialogs/settingsdialog.h"
#include "dialogs/signinnotice.h"
#include "models/eventlogmodel.h"
#include "models/protocolmodel.h"
#include "models/servertablemodel.h"
#include "pages/fleetpage.h"
#include "widgets/composer.h"
#include "widgets/mainwindow.h"
#include "widgets/protocolview.h"
#include "widgets/resourcebrowser.h"
#include "widgets/resultview.h"
#include "widgets/schemaform.h"
#include "widgets/serverdetailpane.h"
#include "widgets/tokenstore.h"

#include "host/poolhost.h"

#include <QAbstractButton>
#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QDateTime>
#include <QDesktopServices>
#include <QDialog>
#include <QDir>
#include <QDockWidget>
#include <QDoubleSpinBox>
#include <QFile>
#include <QHeaderView>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMenu>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPalette>
#include <QProcess>
#include <QProcessEnvironment>
#include <QPushButton>
#include <QScopeGuard>
#include <QScrollBar>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>
#include <QTimer>
#include <QTranslator>
#include <QUrlQuery>

#include <atomic>

using namespace mcppm;
using namespace mcppm::ui;

// Stands in for the desktop's browser: QDesktopServices hands it http(s) URLs.
class UrlCatcher final : public QObject
{
    Q_OBJECT
public:
    QList<QUrl> urls;

public Q_SLOTS:
    void open(const QUrl &url) { urls << url; }
};

// A PoolHost on its own thread, as the monitor runs it; however a test ends,
// the pool is shut down and the thread stopped (no fatal QThread error).
class HostThread final
{
public:
    explicit HostThread(int sampleIntervalMs = PoolHost::Options().sampleIntervalMs)
    {
        PoolHost::Options options;
        options.snapshotIntervalMs = 50;
        options.sampleIntervalMs = sampleIntervalMs;
        options.healthCheckIntervalMs = 300;
        host = new PoolHost(options);
        host->moveToThread(&m_thread);
        QObject::connect(&m_thread, &QThread::finished, host, &QObject::deleteLater);
        m_thread.start();
    }
    ~HostThread()
    {
        if (!m_thread.isRunning())
            return;
        QMetaObject::invokeMethod(host, &PoolHost::shutdown);
        QTest::qWait(300);
        quit();
    }
    Q_DISABLE_COPY_MOVE(HostThread)
    bool quit()
    {
        m_thread.quit();
        return m_thread.wait(5000);
    }

    PoolHost *host = nullptr; // deleted on its thread when that ends

private:
    QThread m_thread;
};

// Tools of a demo worker on the 2026-07-28 wire (both eras, the default):
// echo, add, sleep, progress, fail, ask_name, list_roots, toggle_tool.
constexpr int kDemoTools = 8;

class TestMainWindow : public QObject
{
    Q_OBJECT

    QTranslator m_english;

    static QString statusOf(ServerTableModel *model, const QString &id)
    {
        const int row = model->rowOf(id);
        return row < 0 ? QString() : model->row(row)->status;
    }
    static void screenshot(QWidget *widget, const QString &name)
    {
        const QString dir = qEnvironmentVariable("MCPPM_SCREENSHOT_DIR");
        if (dir.isEmpty())
            return;
        QDir().mkpath(dir);
        QVERIFY(widget->grab().save(QDir(dir).filePath(name)));
    }

    // Answers the next modal message box with `button`; its text goes to *text.
    void answerMessageBox(QMessageBox::StandardButton button, QString *text = nullptr)
    {
        auto *timer = new QTimer(this);
        timer->setInterval(20);
        connect(timer, &QTimer::timeout, this, [timer, button, text]() {
            auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget());
            if (!box)
                return;
            timer->stop();
            timer->deleteLater();
            if (text)
                *text = box->text();
            if (QAbstractButton *b = box->button(button))
                b->click();
            else
                box->reject();
        });
        timer->start();
    }

    static QSpinBox *spinBox(QWidget *parent, const QString &accessibleName)
    {
        const auto boxes = parent->findChildren<QSpinBox *>();
        for (QSpinBox *box : boxes) {
            if (box->accessibleName() == accessibleName)
                return box;
        }
        return nullptr;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("mcppm-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_mainwindow"));
        // As the monitor does in an English (or C) locale: "1 server", "2 servers".
        QVERIFY(m_english.load(QStringLiteral(":/i18n/mcp-pool-monitor_en.qm")));
        QCoreApplication::installTranslator(&m_english);
    }

    void settingsDialog()
    {
        Profile profile;
        profile.healthCheckIntervalMs = 15000;
        profile.degradedThreshold = 3;
        profile.offlineThreshold = 6;
        SettingsDialog dialog(profile);
        // Untouched, it gives the same profile back.
        QCOMPARE(dialog.applyTo(profile).toJson(), profile.toJson());
        const auto spins = dialog.findChildren<QSpinBox *>();
        QSpinBox *interval = nullptr;
        QSpinBox *offline = nullptr;
        for (QSpinBox *box : spins) {
            if (box->accessibleName() == QLatin1String("Health check interval"))
                interval = box;
            if (box->accessibleName() == QLatin1String("Offline after"))
                offline = box;
        }
        QVERIFY(interval && offline);
        QCOMPARE(interval->value(), 15);
        interval->setValue(7);
        offline->setValue(1); // never below "degraded after"
        const Profile changed = dialog.applyTo(profile);
        QCOMPARE(changed.healthCheckIntervalMs, 7000);
        QCOMPARE(changed.offlineThreshold, 3);
        // The Health page: every threshold of the profile's "health" object.
        QSpinBox *minimum = nullptr;
        for (QSpinBox *box : spins) {
            if (box->accessibleName() == QLatin1String("Minimum calls"))
                minimum = box;
        }
        QDoubleSpinBox *window = nullptr;
        for (QDoubleSpinBox *box : dialog.findChildren<QDoubleSpinBox *>()) {
            if (box->accessibleName() == QLatin1String("Call window"))
                window = box;
        }
        QVERIFY(minimum && window);
        QCOMPARE(minimum->value(), 20);
        QCOMPARE(window->value(), 30.0);
        minimum->setValue(33);
        window->setValue(45);
        const Profile health = dialog.applyTo(profile);
        QCOMPARE(health.health.outliers.minRequestVolume, 33);
        QCOMPARE(health.health.outliers.windowMs, 45000);
        QCOMPARE(health.health.probeTimeoutMs, profile.health.probeTimeoutMs); // untouched
        dialog.show();
        screenshot(&dialog, QStringLiteral("settings-dialog.png"));
    }

    void liveFleet()
    {
        DemoWorkerProcess w1, w2, w3;
        QVERIFY(w1.start({QStringLiteral("--name"), QStringLiteral("worker-1")}));
        QVERIFY(w2.start({QStringLiteral("--name"), QStringLiteral("worker-2"),
                          QStringLiteral("--latency"), QStringLiteral("5")}));
        QVERIFY(w3.start({QStringLiteral("--name"), QStringLiteral("worker-3"),
                          QStringLiteral("--error-rate"), QStringLiteral("0.3"),
                          QStringLiteral("--seed"), QStringLiteral("7")}));
        Profile profile;
        profile.strategy = QStringLiteral("least-loaded");
        profile.maxRetries = 1; // a pinned call on the flaky worker gives up soon
        for (const auto &[id, worker] : {std::pair{QStringLiteral("worker-1"), &w1},
                                         std::pair{QStringLiteral("worker-2"), &w2},
                                         std::pair{QStringLiteral("worker-3"), &w3}}) {
            ProfileServer s;
            s.id = id;
            s.url = worker->url();
            profile.servers.append(s);
        }

        HostThread pool(200);
        PoolHost *host = pool.host;
        {
            QSettings().remove(QStringLiteral("window")); // a first start's layout
            MainWindow window(host);
            QAbstractItemModelTester servers(
                window.serverModel(), QAbstractItemModelTester::FailureReportingMode::QtTest);
            QAbstractItemModelTester events(window.eventModel(),
                                            QAbstractItemModelTester::FailureReportingMode::QtTest);
            window.openProfile(profile, {});
            window.resize(1024, 700); // the README's screenshots: a small window
            window.show();
            ServerTableModel *model = window.serverModel();
            QVERIFY(QTest::qWaitFor(
                [&]() {
                    if (model->rowCount() != 3)
                        return false;
                    for (int i = 0; i < 3; ++i) {
                        if (model->row(i)->status != QLatin1String("online")
                            || model->row(i)->tools == 0)
                            return false;
                    }
                    return true;
                },
                10000));
            QCOMPARE(model->row(0)->serverName, QStringLiteral("worker-1"));

            // Calls through the host, as the composer will make them.
            int finished = 0, failed = 0;
            connect(host, &PoolHost::callFinished, this,
                    [&](quint64, const QJsonObject &, const QString &, const QString &kind,
                        const QString &) {
                        ++finished;
                        failed += kind.isEmpty() ? 0 : 1;
                    });
            for (quint64 i = 1; i <= 300; ++i)
                QMetaObject::invokeMethod(host, [host, i]() {
                    host->callTool(i, QStringLiteral("echo"),
                                   QJsonObject{{QStringLiteral("message"), QStringLiteral("hi")}},
                                   0, 20000, {});
                });
            QVERIFY(QTest::qWaitFor([&]() { return finished == 300; }, 20000));
            QCOMPARE(failed, 0); // echo is read-only: worker-3's 500s moved elsewhere
            QVERIFY(QTest::qWaitFor(
                [&]() {
                    qint64 requests = 0;
                    for (int i = 0; i < 3; ++i)
                        requests += model->row(i)->requests;
                    return requests >= 300;
                },
                5000));
            const int w3row = model->rowOf(QStringLiteral("worker-3"));
            QVERIFY(model->row(w3row)->errors > 0);
            QVERIFY(QTest::qWaitFor([&]() { return window.charts()->sampleCount() >= 3; }, 5000));

            bool sawFailover = false;
            for (int i = 0; i < window.eventModel()->rowCount(); ++i)
                sawFailover = sawFailover
                    || window.eventModel()->eventAt(i)->kind == PoolEvent::Kind::Failover;
            QVERIFY(sawFailover);
            // The detail pane follows the selection.
            window.selectServer(QStringLiteral("worker-1"));
            QVERIFY(QTest::qWaitFor(
                [&]() {
                    return window.detailPane()->serverId() == QLatin1String("worker-1")
                        && window.detailPane()->toolCount() == kDemoTools;
                },
                5000));
            // No OAuth asked for: no Sign-in tab, Sign In and Sign Out disabled.
            QVERIFY(!window.detailPane()->hasSignInTab());
            const auto menuActions = window.findChildren<QAction *>();
            for (QAction *a : menuActions) {
                if (a->text() == QLatin1String("Sign &In")
                    || a->text() == QLatin1String("Sign &Out"))
                    QVERIFY(!a->isEnabled());
            }
            screenshot(&window, QStringLiteral("main-window.png"));
            QTabWidget *detailTabs = window.detailPane()->tabs();
            detailTabs->setCurrentWidget(window.detailPane()->charts());
            // Its share of the charts: a point a second from the snapshots.
            QVERIFY(QTest::qWaitFor(
                [&]() {
                    return window.serverHistory().sampleCount(QStringLiteral("worker-1")) >= 2
                        && window.detailPane()->charts()->shownPointCount() >= 2;
                },
                5000));
            QCOMPARE(window.serverHistory().serverCount(), 3);
            screenshot(window.detailPane(), QStringLiteral("server-charts.png"));
            for (int i = 0; i < detailTabs->count(); ++i) {
                if (detailTabs->tabText(i) == QLatin1String("Tools"))
                    detailTabs->setCurrentIndex(i);
            }
            screenshot(window.detailPane(), QStringLiteral("server-detail.png"));
            detailTabs->setCurrentIndex(0);
            window.tabs()->setCurrentIndex(1);
            screenshot(&window, QStringLiteral("event-log.png"));
            window.tabs()->setCurrentIndex(0);

            // The protocol view: worker-1's JSON-RPC traffic, masked and pretty-printed.
            QVERIFY(window.protocolView()->watch(QStringLiteral("worker-1")));
            QMetaObject::invokeMethod(host, [host]() {
                host->callTool(9999, QStringLiteral("echo"),
                               QJsonObject{{QStringLiteral("message"), QStringLiteral("seen")},
                                           {QStringLiteral("apiKey"), QStringLiteral("k-secret")}},
                               0, 10000, QStringLiteral("worker-1"));
            });
            bool leaked = false;
            QVERIFY(QTest::qWaitFor(
                [&]() {
                    ProtocolModel *m = window.protocolView()->model();
                    bool sent = false, answered = false;
                    for (int i = 0; i < m->rowCount(); ++i) {
                        const TrafficRecord *r = m->record(i);
                        sent = sent
                            || (r->outgoing && r->method == QLatin1String("tools/call")
                                && r->text.contains(QStringLiteral("seen")));
                        answered = answered
                            || (!r->outgoing && r->text.contains(QStringLiteral("seen")));
                        leaked = leaked || r->text.contains(QStringLiteral("k-secret"));
                    }
                    return sent && answered;
                },
                5000));
            QVERIFY(!leaked); // the apiKey argument is masked
            window.tabs()->setCurrentIndex(2);
            screenshot(&window, QStringLiteral("protocol-view.png"));
            window.tabs()->setCurrentIndex(0);

            // The composer: a form from the tool's schema, a call through the pool.
            window.showComposer();
            Composer *composer = window.composer();
            QVERIFY(QTest::qWaitFor([&]() { return composer->toolCount() == kDemoTools; }, 5000));
            QVERIFY(composer->selectTool(QStringLiteral("add")));
            QVERIFY(composer->form()->isFormMode());
            composer->setArguments(QJsonObject{});
            QVERIFY(!composer->form()->validationErrors().isEmpty()); // a and b are required
            composer->run();
            QCOMPARE(composer->resultCount(), 0); // refused until the arguments are valid
            composer->setArguments(
                QJsonObject{{QStringLiteral("a"), 2}, {QStringLiteral("b"), 40}});
            QVERIFY(composer->form()->validationErrors().isEmpty());
            QVERIFY(composer->setTarget(QStringLiteral("worker-1")));
            QSignalSpy ran(composer, &Composer::runFinished);
            composer->run();
            QVERIFY(ran.wait(10000));
            QCOMPARE(composer->resultCount(), 1);
            ResultView *view = composer->resultView(0);
            QVERIFY(!view->isErrorShown());
            QCOMPARE(view->result()
                         .value(QStringLiteral("structuredContent"))
                         .toObject()
                         .value(QStringLiteral("sum"))
                         .toDouble(),
                     42.0);
            QVERIFY(view->schemaProblems().isEmpty()); // checked against the outputSchema
            QVERIFY(view->shownText().contains(QStringLiteral("42")));
            screenshot(&window, QStringLiteral("composer.png"));
            // A tool error is shown as one, not as a failed call.
            QVERIFY(composer->selectTool(QStringLiteral("fail")));
            composer->setArguments(QJsonObject{{QStringLiteral("message"), QStringLiteral("no")}});
            QVERIFY(composer->setTarget(QStringLiteral("worker-1")));
            composer->run();
            QVERIFY(ran.wait(10000));
            QVERIFY(composer->resultView(0)->isErrorShown());
            // Fan-out: every server offering echo, side by side, compared.
            QVERIFY(composer->selectTool(QStringLiteral("echo")));
            composer->setArguments(
                QJsonObject{{QStringLiteral("message"), QStringLiteral("same")}});
            QVERIFY(composer->setTarget(QStringLiteral("*")));
            composer->run();
            QVERIFY(ran.wait(20000)); // worker-3 may fail and retry once after its backoff
            // Every server that offered echo when the catalog was read (the flaky
            // worker may be out of rotation at that moment).
            QVERIFY(composer->offeringServers().size() >= 2);
            QCOMPARE(composer->resultCount(), int(composer->offeringServers().size()));
            QVERIFY(!composer->comparisonText().isEmpty());
            bool allOk = true;
            for (int i = 0; i < composer->resultCount(); ++i)
                allOk = allOk && !composer->resultView(i)->isErrorShown();
            if (allOk)
                QVERIFY2(composer->comparisonText().contains(QStringLiteral("same result")),
                         qPrintable(composer->comparisonText()));
            QCOMPARE(composer->historyCount(), 3);
            window.tabs()->setCurrentIndex(0);

            // The resource browser: the pool's resources, read through the pool.
            window.showResources();
            ResourceBrowser *resources = window.resourceBrowser();
            QVERIFY(QTest::qWaitFor([&]() { return resources->resourceCount() == 1; }, 5000));
            QVERIFY(resources->selectResource(QStringLiteral("demo://state/current")));
            QSignalSpy read(resources, &ResourceBrowser::readFinished);
            resources->read();
            QVERIFY(read.wait(10000));
            QVERIFY2(resources->shownText().contains(QStringLiteral("callsServed")),
                     qPrintable(resources->status()));
            screenshot(&window, QStringLiteral("resources.png"));
            resources->setUri(QStringLiteral("demo://nope"));
            resources->read();
            QVERIFY(read.wait(10000));
            QVERIFY(resources->status().contains(QStringLiteral("Could not read")));
            window.findChild<QTabWidget *>(QStringLiteral("pages"))->setCurrentIndex(0);

            // A server that wants a bearer token: typed in, kept in the keychain (or in
            // memory when there is none), used, and never written to the profile.
            const QString token
                = QStringLiteral("tok-%1-guarded").arg(QCoreApplication::applicationPid());
            DemoWorkerProcess guarded;
            QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
            env.insert(QStringLiteral("MCPPM_GUARD_TOKEN"), token);
            guarded.process().setProcessEnvironment(env);
            QVERIFY(guarded.start({QStringLiteral("--name"), QStringLiteral("guarded"),
                                   QStringLiteral("--token-env"),
                                   QStringLiteral("MCPPM_GUARD_TOKEN")}));
            ProfileServer secured;
            secured.id = QStringLiteral("guarded");
            secured.url = guarded.url();
            QVERIFY(window.addServerToPool(secured, token));
            QVERIFY(QTest::qWaitFor(
                [&]() {
                    return statusOf(model, QStringLiteral("guarded")) == QLatin1String("online");
                },
                10000));
            QTemporaryDir dir;
            const QString saved = dir.filePath(QStringLiteral("fleet.json"));
            QString why;
            QVERIFY2(window.profile().save(saved, &why), qPrintable(why));
            QFile file(saved);
            QVERIFY(file.open(QIODevice::ReadOnly));
            const QByteArray written = file.readAll();
            QVERIFY(!written.contains(token.toUtf8()));
            QVERIFY(written.contains("keychain:default/guarded"));
            // The token rotates without a restart: calls go on with the new one.
            QVERIFY(window.replaceToken(QStringLiteral("guarded"), QStringLiteral("wrong-now")));
            QVERIFY(!window.replaceToken(QStringLiteral("nobody"), token));
            QVERIFY(window.replaceToken(QStringLiteral("guarded"), token));
            QVERIFY(QTest::qWaitFor(
                [&]() {
                    return statusOf(model, QStringLiteral("guarded")) == QLatin1String("online");
                },
                10000));
            bool tokenInLog = false;
            for (int i = 0; i < window.eventModel()->rowCount(); ++i)
                tokenInLog = tokenInLog || window.eventModel()->eventAt(i)->text.contains(token);
            QVERIFY(!tokenInLog);
            window.selectServer(QStringLiteral("worker-1"));

            // A worker dies: the table, the event log and the notification say so.
            // Notices wait until a state has lasted (10 s by default; short here).
            window.statusNotices()->setDelayMs(300);
            QSignalSpy wentOffline(&window, &MainWindow::serverWentOffline);
            w2.process().kill();
            QVERIFY(QTest::qWaitFor(
                [&]() {
                    const QString s = statusOf(model, QStringLiteral("worker-2"));
                    return s == QLatin1String("offline") || s == QLatin1String("reconnecting");
                },
                10000));
            bool sawHealth = false;
            for (int i = 0; i < window.eventModel()->rowCount(); ++i) {
                const PoolEvent *e = window.eventModel()->eventAt(i);
                sawHealth = sawHealth
                    || (e->kind == PoolEvent::Kind::Health
                        && e->serverId == QLatin1String("worker-2"));
            }
            QVERIFY(sawHealth);
            QVERIFY(QTest::qWaitFor([&]() { return !wentOffline.isEmpty(); }, 5000));
            QCOMPARE(wentOffline.first().at(0).toString(), QStringLiteral("worker-2"));
            QVERIFY(window.snapshotsApplied() > 5);
            QVERIFY(window.isModified()); // the guarded server was added

            // A dark palette (Fusion): saved for a look, as the light one above.
            if (!qEnvironmentVariableIsEmpty("MCPPM_SCREENSHOT_DIR")) {
                const QPalette before = QApplication::palette();
                QPalette dark;
                dark.setColor(QPalette::Window, QColor(45, 45, 48));
                dark.setColor(QPalette::WindowText, QColor(230, 230, 230));
                dark.setColor(QPalette::Base, QColor(30, 30, 30));
                dark.setColor(QPalette::AlternateBase, QColor(40, 40, 44));
                dark.setColor(QPalette::Text, QColor(230, 230, 230));
                dark.setColor(QPalette::Button, QColor(55, 55, 58));
                dark.setColor(QPalette::ButtonText, QColor(230, 230, 230));
                dark.setColor(QPalette::Highlight, QColor(42, 130, 218));
                dark.setColor(QPalette::HighlightedText, Qt::white);
                QApplication::setPalette(dark);
                window.findChild<QTabWidget *>(QStringLiteral("pages"))->setCurrentIndex(0);
                QTest::qWait(200);
                screenshot(&window, QStringLiteral("main-window-dark.png"));
                QApplication::setPalette(before);
            }

            // Editing a weight in the table reaches the pool and marks the profile changed.
            const int w1row = model->rowOf(QStringLiteral("worker-1"));
            QVERIFY(model->setData(model->index(w1row, ServerTableModel::Weight), 4));
            QVERIFY(window.isModified());
            QCOMPARE(window.profile().servers.first().weight, 4);
            QVERIFY(QTest::qWaitFor([&]() { return model->row(w1row)->weight == 4; }, 3000));
        }
        bool done = false;
        connect(host, &PoolHost::shutdownFinished, this, [&done]() { done = true; });
        QMetaObject::invokeMethod(host, &PoolHost::shutdown);
        QVERIFY(QTest::qWaitFor([&]() { return done; }, 5000));
        QVERIFY(pool.quit());
    }

    // Four servers in a 1024×700 and a 1400×850 window, as a new operator
    // opens it: the table shows its four rows (and, at 1400, every default
    // column), the summary does not overlap, the composer's tool list, the
    // resource URI and the results keep usable sizes. Screenshots at 1024×700.
    void smallWindowLayout_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::newRow("1024x700") << QSize(1024, 700);
        QTest::newRow("1400x850") << QSize(1400, 850);
    }
    void smallWindowLayout()
    {
        QFETCH(QSize, size);
        DemoWorkerProcess workers[4];
        Profile profile;
        for (int i = 0; i < 4; ++i) {
            const QString id = QStringLiteral("worker-%1").arg(i + 1);
            QVERIFY(workers[i].start({QStringLiteral("--name"), id}));
            ProfileServer s;
            s.id = id;
            s.url = workers[i].url();
            profile.servers.append(s);
        }
        QSettings().remove(QStringLiteral("window"));
        HostThread pool(200);
        MainWindow window(pool.host);
        window.openProfile(profile, {});
        window.resize(size);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        ServerTableModel *model = window.serverModel();
        QVERIFY(QTest::qWaitFor(
            [&]() {
                if (model->rowCount() != 4)
                    return false;
                for (int i = 0; i < 4; ++i) {
                    if (model->row(i)->status != QLatin1String("online"))
                        return false;
                }
                return true;
            },
            10000));
        QCOMPARE(window.size(), size); // it fits: nothing forces it larger
        const QString suffix = QStringLiteral("-%1x%2.png").arg(size.width()).arg(size.height());
        const bool small = size.width() < 1200;

        // Fleet: four whole rows; at 1400 the default columns without scrolling.
        QTableView *table = window.fleetPage()->serverTable();
        const int rowHeight = table->verticalHeader()->defaultSectionSize();
        QVERIFY2(table->viewport()->height() >= 4 * rowHeight,
                 qPrintable(QStringLiteral("%1 px for rows of %2")
                                .arg(table->viewport()->height())
                                .arg(rowHeight)));
        if (!small)
            QCOMPARE(table->horizontalScrollBar()->maximum(), 0);
        QWidget *bar = window.fleetPage()->summaryBar();
        const auto parts = bar->findChildren<QWidget *>();
        for (QWidget *a : parts) {
            for (QWidget *b : parts) {
                if (a != b && a->parentWidget() == bar && b->parentWidget() == bar && a->isVisible()
                    && b->isVisible())
                    QVERIFY(!a->geometry().intersects(b->geometry()));
            }
        }
        QTest::qWait(1200); // a chart point or two
        screenshot(&window, QStringLiteral("fleet") + suffix);

        // Call a Tool: the tool list and the results keep their room.
        window.showComposer();
        Composer *composer = window.composer();
        QVERIFY(QTest::qWaitFor([&]() { return composer->toolCount() == kDemoTools; }, 5000));
        QVERIFY(composer->selectTool(QStringLiteral("echo")));
        composer->setArguments(QJsonObject{{QStringLiteral("message"), QStringLiteral("hello")}});
        QSignalSpy ran(composer, &Composer::runFinished);
        composer->run();
        QVERIFY(ran.wait(10000));
        auto *tools = composer->findChild<QListWidget *>();
        QVERIFY(tools);
        QVERIFY2(tools->width() >= 160, qPrintable(QString::number(tools->width())));
        auto *results = composer->findChild<QTabWidget *>(QString(), Qt::FindChildrenRecursively);
        for (QTabWidget *t : composer->findChildren<QTabWidget *>()) {
            if (t->accessibleName() == QLatin1String("Results"))
                results = t;
        }
        QVERIFY2(results->height() >= (small ? 150 : 250),
                 qPrintable(QString::number(results->height())));
        screenshot(&window, QStringLiteral("composer") + suffix);

        // Resources: the URI field stays wide.
        window.showResources();
        ResourceBrowser *resources = window.resourceBrowser();
        QVERIFY(QTest::qWaitFor([&]() { return resources->resourceCount() == 1; }, 5000));
        QVERIFY(resources->selectResource(QStringLiteral("demo://state/current")));
        QSignalSpy read(resources, &ResourceBrowser::readFinished);
        resources->read();
        QVERIFY(read.wait(10000));
        QLineEdit *uri = nullptr;
        for (QLineEdit *e : resources->findChildren<QLineEdit *>()) {
            if (e->accessibleName() == QLatin1String("Resource URI"))
                uri = e;
        }
        QVERIFY(uri);
        QVERIFY2(uri->width() >= 200, qPrintable(QString::number(uri->width())));
        screenshot(&window, QStringLiteral("resources") + suffix);

        // View › Reset Layout brings hidden panes back.
        window.fleetPage()->summaryBar()->hide();
        window.findChild<QDockWidget *>(QStringLiteral("serverDetailDock"))->hide();
        window.resetLayout();
        QVERIFY(!window.fleetPage()->summaryBar()->isHidden());
        QVERIFY(window.findChild<QDockWidget *>(QStringLiteral("serverDetailDock"))->isVisible());
    }

    void tlsTrustAndServerActions()
    {
        // A worker with a self-signed certificate: refused and shown as such;
        // "Trust Certificate…" pins it and the server comes online. Then edit
        // (rate limit), drain and disable from the Server menu.
        QTemporaryDir dir;
        QProcess openssl;
        openssl.setWorkingDirectory(dir.path());
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), QStringLiteral("k.pem"), QStringLiteral("-out"),
                       QStringLiteral("c.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                       QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                       QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")});
        QVERIFY(openssl.waitForFinished(30000) && openssl.exitCode() == 0);
        DemoWorkerProcess worker;
        QVERIFY(worker.start({QStringLiteral("--name"), QStringLiteral("tls-worker"),
                              QStringLiteral("--tls-cert"), dir.filePath(QStringLiteral("c.pem")),
                              QStringLiteral("--tls-key"), dir.filePath(QStringLiteral("k.pem"))}));

        HostThread pool;
        PoolHost *host = pool.host;
        MainWindow window(host);
        QMetaObject::invokeMethod(host, [host]() { host->start(Profile()); });
        ServerTableModel *model = window.serverModel();
        ProfileServer server;
        server.id = QStringLiteral("tls");
        server.url = worker.url();
        QVERIFY(window.addServerToPool(server, {}));
        auto row = [&]() -> const ServerRow * {
            const int i = model->rowOf(QStringLiteral("tls"));
            return i < 0 ? nullptr : model->row(i);
        };
        QVERIFY(QTest::qWaitFor(
            [&]() { return row() && !row()->refusedCertificateSha256.isEmpty(); }, 10000));
        const QString fingerprint = row()->refusedCertificateSha256;
        QCOMPARE(
            model->data(model->index(model->rowOf(QStringLiteral("tls")), ServerTableModel::Status))
                .toString(),
            QStringLiteral("Untrusted certificate"));

        auto *table = window.findChild<QTableView *>(QStringLiteral("serverTable"));
        QVERIFY(table);
        table->selectRow(0);
        auto action = [&](const QString &text) -> QAction * {
            const auto actions = window.findChildren<QAction *>();
            for (QAction *a : actions) {
                if (a->text() == text)
                    return a;
            }
            return nullptr;
        };
        QAction *trust = action(QStringLiteral("Tr&ust Certificate…"));
        QVERIFY(trust);
        QVERIFY(trust->isEnabled());
        // The dialog shows the fingerprint; accept it.
        QString shown;
        QTimer::singleShot(100, this, [&]() {
            QWidget *dialog = QApplication::activeModalWidget();
            if (!dialog)
                return;
            screenshot(dialog, QStringLiteral("trust-certificate.png"));
            const auto labels = dialog->findChildren<QLabel *>();
            for (QLabel *l : labels)
                shown += l->text() + QLatin1Char('\n');
            static_cast<QDialog *>(dialog)->accept();
        });
        trust->trigger();
        QVERIFY2(shown.contains(fingerprint), qPrintable(shown));
        QCOMPARE(window.profile().servers.first().pinSha256, fingerprint);
        QVERIFY(QTest::qWaitFor([&]() { return row() && row()->status == QLatin1String("online"); },
                                10000));
        QVERIFY(row()->tlsPinned);
        QVERIFY(!trust->isEnabled());

        // Edit: a rate limit, applied in place and shown in the Limit column.
        QTimer::singleShot(100, this, [&]() {
            QWidget *dialog = QApplication::activeModalWidget();
            if (!dialog)
                return;
            const auto boxes = dialog->findChildren<QSpinBox *>();
            for (QSpinBox *box : boxes) {
                if (box->suffix().contains(QStringLiteral("calls/s")))
                    box->setValue(7);
            }
            static_cast<QDialog *>(dialog)->accept();
        });
        action(QStringLiteral("&Edit…"))->trigger();
        QCOMPARE(window.profile().servers.first().ratePerSecond, 7);
        QCOMPARE(window.profile().servers.first().pinSha256, fingerprint); // kept by the dialog
        QVERIFY(QTest::qWaitFor([&]() { return row() && row()->ratePerSecond == 7; }, 5000));
        QCOMPARE(
            model->data(model->index(model->rowOf(QStringLiteral("tls")), ServerTableModel::Limit))
                .toString(),
            QStringLiteral("7/s"));

        QAction *drain = action(QStringLiteral("&Drain"));
        drain->setChecked(true);
        QVERIFY(QTest::qWaitFor([&]() { return row() && row()->draining; }, 5000));
        QVERIFY(
            model->data(model->index(model->rowOf(QStringLiteral("tls")), ServerTableModel::Status))
                .toString()
                .contains(QStringLiteral("draining")));
        drain->setChecked(false);
        QAction *disable = action(QStringLiteral("Di&sable"));
        disable->setChecked(true);
        QVERIFY(QTest::qWaitFor(
            [&]() { return row() && row()->status == QLatin1String("disabled"); }, 5000));
        QVERIFY(!window.profile().servers.first().enabled);
        disable->setChecked(false);
        QVERIFY(QTest::qWaitFor([&]() { return row() && row()->status == QLatin1String("online"); },
                                10000));
        QVERIFY(window.profile().servers.first().enabled);
    }

    // A local (stdio) server's process in the detail pane: command, PID,
    // restarts, the last exit and its stderr, escaped; no tab for URL servers.
    void processTabShowsALocalServer()
    {
        ServerDetailPane pane;
        ServerDetail d;
        d.id = QStringLiteral("web");
        d.status = QStringLiteral("online");
        pane.showDetail(d, QString());
        QVERIFY(!pane.hasProcessTab());
        d.id = QStringLiteral("fs#1");
        d.process.local = true;
        d.process.command = QStringLiteral("node server.js --root /srv");
        d.process.state = QStringLiteral("running");
        d.process.pid = 4242;
        d.process.restarts = 2;
        d.process.lastExit = QStringLiteral("killed by signal 9");
        d.process.stderrTail = {QStringLiteral("listening on stdio"),
                                QStringLiteral("warn: \x1b[31mred\x1b[0m")};
        pane.showDetail(d, QString());
        QVERIFY(pane.hasProcessTab());
        const QString text = pane.processText();
        QVERIFY2(text.contains(QStringLiteral("node server.js --root /srv")), qPrintable(text));
        QVERIFY2(text.contains(QStringLiteral("PID 4242, running, 2 restart")), qPrintable(text));
        QVERIFY(text.contains(QStringLiteral("killed by signal 9")));
        QVERIFY(text.contains(QStringLiteral("listening on stdio")));
        QVERIFY(!text.contains(QChar(0x1b))); // escape codes never reach the screen
        d.process = {};
        pane.showDetail(d, QString());
        QVERIFY(!pane.hasProcessTab());
    }

    void signInTabShowsOAuthState()
    {
        ServerDetailPane pane;
        ServerRow row;
        row.id = QStringLiteral("plain");
        row.status = QStringLiteral("online");
        pane.showAuth(row, 0);
        QVERIFY(!pane.hasSignInTab()); // no OAuth, no tab
        row.authState = QStringLiteral("needs-sign-in"); // an OAuth client never asked for
        pane.showAuth(row, 0);
        QVERIFY(!pane.hasSignInTab());
        const qint64 now = QDateTime(QDate(2030, 1, 2), QTime(12, 0)).toMSecsSinceEpoch();
        row.id = QStringLiteral("secured");
        row.authState = QStringLiteral("signed-in");
        row.authIssuer = QStringLiteral("https://auth.example");
        row.authScopes = {QStringLiteral("mcp"), QStringLiteral("offline_access")};
        row.authExpiresAtMs = now + 25 * 60000 + 5000;
        pane.showAuth(row, now);
        QVERIFY(pane.hasSignInTab());
        QCOMPARE(pane.authServerId(), QStringLiteral("secured"));
        QCOMPARE(pane.authStateShown(), QStringLiteral("Signed in"));
        QCOMPARE(pane.issuerShown(), QStringLiteral("https://auth.example"));
        QCOMPARE(pane.scopesShown(), QStringLiteral("mcp offline_access"));
        QVERIFY2(pane.expiryShown().endsWith(QStringLiteral("(in 25 min)")),
                 qPrintable(pane.expiryShown()));
        QVERIFY(pane.expiryShown().contains(
            QLocale().toString(QDateTime::fromMSecsSinceEpoch(row.authExpiresAtMs),
                               QLocale::ShortFormat))); // local time
        QVERIFY(!pane.signInButton()->isEnabled());
        QVERIFY(pane.signOutButton()->isEnabled());
        QSignalSpy signOut(&pane, &ServerDetailPane::signOutRequested);
        pane.signOutButton()->click();
        QCOMPARE(signOut.size(), 1);
        QCOMPARE(signOut.first().first().toString(), QStringLiteral("secured"));
        QVERIFY(
            ServerDetailPane::expiryText(now - 1000, now).endsWith(QStringLiteral("(expired)")));
        QVERIFY(ServerDetailPane::expiryText(now + 30000, now)
                    .endsWith(QStringLiteral("(in less than a minute)")));
        QCOMPARE(ServerDetailPane::expiryText(0, now), QStringLiteral("unknown"));
        row.authState = QStringLiteral("needs-sign-in");
        row.authExpiresAtMs = 0;
        pane.showAuth(row, now);
        QCOMPARE(pane.authStateShown(), QStringLiteral("Not signed in"));
        QVERIFY(pane.signInButton()->isEnabled());
        QVERIFY(!pane.signOutButton()->isEnabled());
        QSignalSpy signIn(&pane, &ServerDetailPane::signInRequested);
        pane.signInButton()->click();
        QCOMPARE(signIn.size(), 1);
        pane.clear();
        QVERIFY(!pane.hasSignInTab());
    }

    void oauthSignIn()
    {
        // A worker that is its own OAuth authorization server: the server needs a
        // sign-in; Sign In asks for the browser (the test is the browser: it follows
        // the authorization page's redirect to the 127.0.0.1 loopback listener); the
        // server comes online, the tokens go to the TokenStore and nowhere else;
        // Sign Out forgets them.
        DemoWorkerProcess worker;
        QVERIFY(worker.start({QStringLiteral("--name"), QStringLiteral("oauth-worker"),
                              QStringLiteral("--oauth"), QStringLiteral("--token-lifetime"),
                              QStringLiteral("3600")}));
        const QString id = QStringLiteral("secured");
        Profile profile;
        ProfileServer server;
        server.id = id;
        server.url = worker.url();
        profile.servers.append(server);

        UrlCatcher browser;
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &browser, "open");
        QDesktopServices::setUrlHandler(QStringLiteral("https"), &browser, "open");
        auto noBrowser = qScopeGuard([]() {
            QDesktopServices::unsetUrlHandler(QStringLiteral("http"));
            QDesktopServices::unsetUrlHandler(QStringLiteral("https"));
        });

        HostThread pool;
        PoolHost *host = pool.host;
        MainWindow window(host);
        window.tokenStore()->setKeychainEnabled(false); // memory only: never the user's keychain
        QAbstractItemModelTester tester(window.serverModel(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        // The host's signals, queued into this thread (a QSignalSpy on an object
        // of another thread would be read here while that thread appends).
        QObject receiver;
        QList<std::pair<QString, QUrl>> urlReady;
        QList<QJsonObject> tokensChanged;
        connect(host, &PoolHost::signInUrlReady, &receiver,
                [&](const QString &serverId, const QUrl &url) {
                    urlReady.append({serverId, url});
                });
        connect(host, &PoolHost::oauthTokensChanged, &receiver,
                [&](const QString &serverId, const QJsonObject &tokens) {
                    if (serverId == id)
                        tokensChanged.append(tokens);
                });
        QSignalSpy signedIn(&window, &MainWindow::serverSignedIn);
        window.openProfile(profile, {});
        window.show();
        ServerTableModel *model = window.serverModel();
        auto row = [&]() -> const ServerRow * {
            const int i = model->rowOf(id);
            return i < 0 ? nullptr : model->row(i);
        };
        auto statusCell = [&](int role) {
            return model->data(model->index(model->rowOf(id), ServerTableModel::Status), role);
        };
        QVERIFY(QTest::qWaitFor(
            [&]() { return row() && row()->status == QLatin1String("needs-sign-in"); }, 10000));
        QCOMPARE(statusCell(Qt::DisplayRole).toString(), QStringLiteral("Needs sign-in"));
        QVERIFY(statusCell(Qt::ToolTipRole).toString().contains(QStringLiteral("Sign In")));
        QCOMPARE(row()->authState, QStringLiteral("needs-sign-in"));
        QVERIFY(browser.urls.isEmpty()); // no browser before the operator asks

        auto action = [&](const QString &text) -> QAction * {
            const auto actions = window.findChildren<QAction *>();
            for (QAction *a : actions) {
                if (a->text() == text)
                    return a;
            }
            return nullptr;
        };
        QAction *signIn = action(QStringLiteral("Sign &In"));
        QAction *signOut = action(QStringLiteral("Sign &Out"));
        QVERIFY(signIn && signOut);
        window.selectServer(id);
        QVERIFY(signIn->isEnabled());
        QVERIFY(!signOut->isEnabled());
        QVERIFY(window.detailPane()->hasSignInTab());
        QCOMPARE(window.detailPane()->authStateShown(), QStringLiteral("Not signed in"));
        screenshot(&window, QStringLiteral("needs-sign-in.png"));

        signIn->trigger();
        QVERIFY(QTest::qWaitFor([&]() { return !urlReady.isEmpty(); }, 10000));
        QCOMPARE(urlReady.first().first, id);
        const QUrl page = urlReady.first().second;
        QCOMPARE(page.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(QTest::qWaitFor([&]() { return !browser.urls.isEmpty(); }, 2000));
        QCOMPARE(browser.urls.first(), page); // QDesktopServices::openUrl
        SignInNotice *notice = window.signInNotice(id);
        QVERIFY(notice);
        QVERIFY(notice->isVisible());
        QVERIFY(!notice->isModal());
        QCOMPARE(notice->url(), page);
        QVERIFY(notice->linkLabel()->text().contains(QStringLiteral("<a href=")));
        QVERIFY(notice->linkLabel()->openExternalLinks());
        screenshot(notice, QStringLiteral("sign-in-notice.png"));

        // The browser: the authorization page answers with a redirect to the
        // loopback listener, which takes the code.
        QNetworkAccessManager network;
        auto get = [&](const QUrl &url, QByteArray *body = nullptr) -> QNetworkReply * {
            QNetworkRequest request(url);
            request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                                 QNetworkRequest::ManualRedirectPolicy);
            QNetworkReply *reply = network.get(request);
            QSignalSpy finished(reply, &QNetworkReply::finished);
            if (!finished.wait(10000))
                return reply;
            if (body)
                *body = reply->readAll();
            return reply;
        };
        QNetworkReply *authorize = get(page);
        QVERIFY(authorize->isFinished());
        QCOMPARE(authorize->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 302);
        const QUrl callback
            = page.resolved(QUrl(QString::fromUtf8(authorize->rawHeader("Location"))));
        QCOMPARE(callback.host(), QStringLiteral("127.0.0.1"));
        QVERIFY(callback.port() != page.port()); // the monitor's listener, not the worker
        QNetworkReply *back = get(callback);
        QVERIFY(back->isFinished());
        QCOMPARE(back->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);

        QVERIFY(QTest::qWaitFor(
            [&]() {
                return row() && row()->status == QLatin1String("online")
                    && row()->authState == QLatin1String("signed-in") && row()->tools > 0;
            },
            10000));
        QVERIFY(QTest::qWaitFor([&]() { return !signedIn.isEmpty(); }, 2000));
        QVERIFY(QTest::qWaitFor([&]() { return window.signInNotice(id) == nullptr; }, 2000));
        QVERIFY(!row()->authIssuer.isEmpty());
        QCOMPARE(QUrl(row()->authIssuer).port(), worker.url().port()); // its own AS
        QVERIFY(QTest::qWaitFor(
            [&]() { return window.detailPane()->issuerShown() == row()->authIssuer; }, 2000));
        QCOMPARE(window.detailPane()->authStateShown(), QStringLiteral("Signed in"));
        QVERIFY2(window.detailPane()->expiryShown().contains(QStringLiteral(" min)")),
                 qPrintable(window.detailPane()->expiryShown()));
        QVERIFY(!signIn->isEnabled());
        QVERIFY(signOut->isEnabled());
        window.detailPane()->tabs()->setCurrentWidget(window.detailPane()->signInTab());
        // The pane's header follows the new status (a detail request on the change).
        QVERIFY(QTest::qWaitFor(
            [&]() {
                const auto labels = window.detailPane()->findChildren<QLabel *>();
                return std::any_of(labels.cbegin(), labels.cend(), [](const QLabel *l) {
                    return l->text().contains(QStringLiteral("— Online"));
                });
            },
            5000));
        screenshot(&window, QStringLiteral("signed-in.png"));

        // The token set went to the TokenStore (memory here) under oauth:<profile>/<id>.
        QVERIFY(QTest::qWaitFor([&]() { return !tokensChanged.isEmpty(); }, 2000));
        const QString key = window.oauthTokenKey(id);
        QCOMPARE(key, QStringLiteral("oauth:default/secured"));
        QHash<QString, QString> kept;
        window.tokenStore()->read(
            {key},
            [&](const QHash<QString, QString> &found, const QStringList &) { kept = found; });
        QVERIFY(kept.contains(key));
        const QJsonObject set = QJsonDocument::fromJson(kept.value(key).toUtf8()).object();
        const QString accessToken = set.value(QStringLiteral("access_token")).toString();
        QVERIFY(accessToken.size() >= 20);
        QVERIFY(!kept.value(key).contains(QLatin1Char('\n'))); // compact JSON
        // ... and nowhere else: not the profile file, the event log or the table.
        QTemporaryDir dir;
        const QString saved = dir.filePath(QStringLiteral("oauth.json"));
        QVERIFY(window.saveProfileTo(saved));
        QFile file(saved);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QVERIFY(!written.contains(accessToken.toUtf8()));
        QVERIFY(!written.contains("access_token"));
        QVERIFY(!written.contains("oauth:"));
        for (int i = 0; i < window.eventModel()->rowCount(); ++i)
            QVERIFY(!window.eventModel()->eventAt(i)->text.contains(accessToken));
        for (int c = 0; c < model->columnCount(); ++c) {
            for (int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)})
                QVERIFY(!model->data(model->index(model->rowOf(id), c), role)
                             .toString()
                             .contains(accessToken));
        }

        // Opened again (as on the next start): the kept set is handed to the pool,
        // which is signed in without a browser.
        browser.urls.clear();
        urlReady.clear();
        QVERIFY(window.loadProfileFile(saved));
        // Snapshots of the new pool: those after a call queued behind the restart.
        std::atomic<bool> restarted = false;
        std::atomic<bool> onlineAgain = false;
        QMetaObject::invokeMethod(host, [&restarted]() { restarted = true; });
        const QMetaObject::Connection watch = connect(
            host, &PoolHost::snapshotReady, host,
            [&](const PoolSnapshot &snapshot) {
                for (const ServerRow &r : snapshot.servers) {
                    if (restarted && r.id == id && r.status == QLatin1String("online")
                        && r.authState == QLatin1String("signed-in"))
                        onlineAgain = true;
                }
            },
            Qt::DirectConnection);
        const bool wasOnlineAgain = QTest::qWaitFor([&]() { return bool(onlineAgain); }, 10000);
        disconnect(watch);
        QVERIFY(wasOnlineAgain);
        QVERIFY(urlReady.isEmpty());
        QVERIFY(browser.urls.isEmpty());

        // Sign Out: the tokens are forgotten (also in the store); it needs a sign-in again.
        window.selectServer(id);
        QVERIFY(QTest::qWaitFor([&]() { return signOut->isEnabled(); }, 2000));
        tokensChanged.clear();
        signOut->trigger();
        QVERIFY(QTest::qWaitFor(
            [&]() { return !tokensChanged.isEmpty() && tokensChanged.last().isEmpty(); }, 5000));
        QVERIFY(QTest::qWaitFor(
            [&]() { return row() && row()->status == QLatin1String("needs-sign-in"); }, 15000));
        QCOMPARE(row()->authState, QStringLiteral("needs-sign-in"));
        QVERIFY(
            QTest::qWaitFor([&]() { return signIn->isEnabled() && !signOut->isEnabled(); }, 2000));
        QStringList missing;
        window.tokenStore()->read(
            {key}, [&](const QHash<QString, QString> &, const QStringList &m) { missing = m; });
        QCOMPARE(missing, QStringList{key});
        QVERIFY(browser.urls.isEmpty()); // signing out opens nothing

        // A sign-in the person declines: the browser comes back with an error;
        // the window says so and the server still needs a sign-in.
        QSignalSpy failed(&window, &MainWindow::serverSignInFailed);
        urlReady.clear();
        signIn->trigger();
        QVERIFY(QTest::qWaitFor([&]() { return !urlReady.isEmpty(); }, 10000));
        const QUrlQuery asked(urlReady.first().second);
        QUrl declined(asked.queryItemValue(QStringLiteral("redirect_uri"), QUrl::FullyDecoded));
        declined.setQuery(
            QUrlQuery{{QStringLiteral("error"), QStringLiteral("access_denied")},
                      {QStringLiteral("state"), asked.queryItemValue(QStringLiteral("state"))}});
        QVERIFY(QTest::qWaitFor([&]() { return window.signInNotice(id) != nullptr; }, 2000));
        get(declined);
        QVERIFY(QTest::qWaitFor([&]() { return !failed.isEmpty(); }, 10000));
        QCOMPARE(failed.first().first().toString(), id);
        QVERIFY(window.signInNotice(id) == nullptr);
        QCOMPARE(row()->authState, QStringLiteral("needs-sign-in"));
        QVERIFY(signIn->isEnabled());
    }

    void oauthClientCredentials()
    {
        // An unattended pool: a pre-registered client with a secret typed into the
        // dialog (kept in the TokenStore, only its keychain: reference in the
        // profile). A wrong secret leaves the server refused; Edit Server with the
        // right one adds it again and it comes online without any browser.
        const QString secret
            = QStringLiteral("cs-%1-machine").arg(QCoreApplication::applicationPid());
        DemoWorkerProcess worker;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("MCPPM_DEMO_CLIENT_SECRET"), secret);
        worker.process().setProcessEnvironment(env);
        QVERIFY(
            worker.start({QStringLiteral("--name"), QStringLiteral("machine-worker"),
                          QStringLiteral("--oauth"), QStringLiteral("--oauth-client-secret-env"),
                          QStringLiteral("MCPPM_DEMO_CLIENT_SECRET")}));
        UrlCatcher browser;
        QDesktopServices::setUrlHandler(QStringLiteral("http"), &browser, "open");
        auto noBrowser
            = qScopeGuard([]() { QDesktopServices::unsetUrlHandler(QStringLiteral("http")); });

        HostThread pool;
        PoolHost *host = pool.host;
        MainWindow window(host);
        window.tokenStore()->setKeychainEnabled(false);
        window.openProfile(Profile(), {});
        ServerTableModel *model = window.serverModel();
        const QString id = QStringLiteral("machine");
        auto row = [&]() -> const ServerRow * {
            const int i = model->rowOf(id);
            return i < 0 ? nullptr : model->row(i);
        };
        ProfileServer server;
        server.id = id;
        server.url = worker.url();
        server.oauth.clientId = QStringLiteral("demo-client");
        server.oauth.grant = QStringLiteral("client_credentials");
        QVERIFY(window.addServerToPool(server, {}, QStringLiteral("not-the-secret")));
        const QString ref = window.profile().servers.first().oauth.clientSecretRef;
        QCOMPARE(ref, QStringLiteral("keychain:default/machine/client-secret"));
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return row() && !row()->lastError.isEmpty()
                    && row()->status != QLatin1String("online")
                    && row()->status != QLatin1String("connecting");
            },
            10000));

        // Edit: the right secret typed in; the OAuth client is made again with it.
        QTimer::singleShot(100, this, [&]() {
            auto *dialog = qobject_cast<QDialog *>(QApplication::activeModalWidget());
            if (!dialog)
                return;
            const auto edits = dialog->findChildren<QLineEdit *>();
            for (QLineEdit *e : edits) {
                if (e->accessibleName() == QLatin1String("Client secret"))
                    e->setText(secret);
            }
            dialog->accept();
        });
        window.selectServer(id);
        const auto actions = window.findChildren<QAction *>();
        for (QAction *a : actions) {
            if (a->text() == QStringLiteral("&Edit…"))
                a->trigger();
        }
        QCOMPARE(window.profile().servers.first().oauth.clientSecretRef, ref);
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return row() && row()->status == QLatin1String("online")
                    && row()->authState == QLatin1String("signed-in");
            },
            10000));
        QVERIFY(browser.urls.isEmpty());
        QHash<QString, QString> kept;
        window.tokenStore()->read(
            {ref},
            [&](const QHash<QString, QString> &found, const QStringList &) { kept = found; });
        QCOMPARE(kept.value(ref), secret);

        // The profile holds the reference only; opened again, the secret comes
        // from the store and the server signs in by itself.
        QTemporaryDir dir;
        const QString saved = dir.filePath(QStringLiteral("machine.json"));
        QVERIFY(window.saveProfileTo(saved));
        QFile file(saved);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray written = file.readAll();
        QVERIFY(!written.contains(secret.toUtf8()));
        QVERIFY(written.contains(ref.toUtf8()));
        for (int i = 0; i < window.eventModel()->rowCount(); ++i)
            QVERIFY(!window.eventModel()->eventAt(i)->text.contains(secret));
        QVERIFY(window.loadProfileFile(saved));
        std::atomic<bool> restarted = false;
        std::atomic<bool> onlineAgain = false;
        QMetaObject::invokeMethod(host, [&restarted]() { restarted = true; });
        const QMetaObject::Connection watch = connect(
            host, &PoolHost::snapshotReady, host,
            [&](const PoolSnapshot &snapshot) {
                for (const ServerRow &r : snapshot.servers) {
                    if (restarted && r.id == id && r.status == QLatin1String("online"))
                        onlineAgain = true;
                }
            },
            Qt::DirectConnection);
        const bool wasOnlineAgain = QTest::qWaitFor([&]() { return bool(onlineAgain); }, 10000);
        disconnect(watch);
        QVERIFY(wasOnlineAgain);
        QVERIFY(browser.urls.isEmpty());
    }

    void profilesAndNamedRequests()
    {
        QSettings().remove(QStringLiteral("recentProfiles"));
        DemoWorkerProcess worker;
        QVERIFY(worker.start({QStringLiteral("--name"), QStringLiteral("worker-1")}));
        Profile profile;
        ProfileServer server;
        server.id = QStringLiteral("worker-1");
        server.url = worker.url();
        profile.servers.append(server);

        HostThread pool(200);
        PoolHost *host = pool.host;
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fleet.json"));
        const QString other = dir.filePath(QStringLiteral("other.json"));
        const QString gone = dir.filePath(QStringLiteral("gone.json"));

        MainWindow window(host);
        window.openProfile(profile, {});
        window.show();
        ServerTableModel *model = window.serverModel();
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return statusOf(model, QStringLiteral("worker-1")) == QLatin1String("online")
                    && model->row(0)->tools > 0;
            },
            10000));
        window.showComposer();
        Composer *composer = window.composer();
        QVERIFY(QTest::qWaitFor([&]() { return composer->toolCount() == kDemoTools; }, 10000));
        QSignalSpy ran(composer, &Composer::runFinished);
        // Two calls of add: through the pool, then pinned with a priority and a timeout.
        QVERIFY(composer->selectTool(QStringLiteral("add")));
        composer->setArguments(QJsonObject{{QStringLiteral("a"), 1}, {QStringLiteral("b"), 1}});
        QVERIFY(composer->setTarget(QString()));
        composer->run();
        QVERIFY(ran.wait(10000));
        composer->setArguments(QJsonObject{{QStringLiteral("a"), 2}, {QStringLiteral("b"), 40}});
        QVERIFY(composer->setTarget(QStringLiteral("worker-1")));
        QSpinBox *priority = spinBox(composer, QStringLiteral("Priority"));
        QSpinBox *timeout = spinBox(composer, QStringLiteral("Timeout"));
        QVERIFY(priority && timeout);
        priority->setValue(7);
        timeout->setValue(5);
        composer->run();
        QVERIFY(ran.wait(10000));
        QCOMPARE(composer->historyCount(), 2);
        QVERIFY(!window.isModified());

        // Saved under a name; the same name again replaces it.
        QVERIFY(!composer->saveHistoryAs(0, QStringLiteral("   ")));
        QVERIFY(!composer->saveHistoryAs(5, QStringLiteral("nothing there")));
        QVERIFY(composer->saveHistoryAs(1, QStringLiteral(" answer ")));
        QVERIFY(window.isModified());
        QVERIFY(composer->saveHistoryAs(0, QStringLiteral("answer")));
        QVERIFY(composer->saveHistoryAs(1, QStringLiteral("pooled")));
        QCOMPARE(composer->savedRequestNames(),
                 (QStringList{QStringLiteral("answer"), QStringLiteral("pooled")}));
        QCOMPARE(window.profile().requests.size(), 2);
        const NamedRequest &answer = window.profile().requests.first();
        QCOMPARE(answer.tool, QStringLiteral("add"));
        QCOMPARE(answer.arguments.value(QStringLiteral("b")).toInt(), 40);
        QCOMPARE(answer.target, QStringLiteral("server:worker-1"));
        QCOMPARE(answer.priority, 7);
        QCOMPARE(answer.timeoutMs, 5000);
        QCOMPARE(window.profile().requests.last().target, QStringLiteral("pool"));

        // Run from the saved list.
        QVERIFY(composer->runSavedRequest(QStringLiteral("answer")));
        QVERIFY(ran.wait(10000));
        QCOMPARE(composer->resultView(0)
                     ->result()
                     .value(QStringLiteral("structuredContent"))
                     .toObject()
                     .value(QStringLiteral("sum"))
                     .toDouble(),
                 42.0);

        // A saved request whose tool the composer does not know yet is loaded
        // when the pool's catalog arrives.
        composer->setArguments(QJsonObject{{QStringLiteral("a"), 0}, {QStringLiteral("b"), 0}});
        composer->setCatalog({});
        QVERIFY(composer->loadSavedRequest(QStringLiteral("answer")));
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return composer->form()->value()
                    == QJsonObject{{QStringLiteral("a"), 2}, {QStringLiteral("b"), 40}};
            },
            5000));
        QCOMPARE(composer->target(), QStringLiteral("worker-1"));
        QCOMPARE(composer->toolCount(), kDemoTools);

        // Written with the profile, restored when it is opened again.
        QVERIFY(window.saveProfileTo(path));
        QVERIFY(!window.isModified());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\"requests\""));
        file.close();
        composer->setSavedRequests({});
        composer->setArguments(QJsonObject{{QStringLiteral("a"), 0}, {QStringLiteral("b"), 0}});
        priority->setValue(0);
        QVERIFY(window.loadProfileFile(path));
        QCOMPARE(window.profile().requests.size(), 2);
        QCOMPARE(composer->savedRequestNames(),
                 (QStringList{QStringLiteral("answer"), QStringLiteral("pooled")}));
        QVERIFY(composer->loadSavedRequest(QStringLiteral("answer")));
        QCOMPARE(composer->currentTool(), QStringLiteral("add"));
        QCOMPARE(composer->form()->value(),
                 (QJsonObject{{QStringLiteral("a"), 2}, {QStringLiteral("b"), 40}}));
        QCOMPARE(composer->target(), QStringLiteral("worker-1"));
        QCOMPARE(composer->priority(), 7);
        QCOMPARE(composer->timeoutMs(), 5000);
        QVERIFY(composer->loadSavedRequest(QStringLiteral("pooled")));
        QCOMPARE(composer->form()->value(),
                 (QJsonObject{{QStringLiteral("a"), 1}, {QStringLiteral("b"), 1}}));
        QCOMPARE(composer->target(), QString());
        QVERIFY(!composer->loadSavedRequest(QStringLiteral("nobody")));
        QVERIFY(!window.isModified()); // loading is not a change
        QVERIFY(composer->deleteSavedRequest(QStringLiteral("pooled")));
        QVERIFY(window.isModified());
        QCOMPARE(window.profile().requests.size(), 1);

        // Open Recent: newest first, each once.
        QCOMPARE(window.recentProfiles(), QStringList{path});
        QVERIFY(window.saveProfileTo(other));
        QVERIFY(window.saveProfileTo(gone));
        QVERIFY(window.loadProfileFile(path));
        QCOMPARE(window.recentProfiles(), (QStringList{path, gone, other}));
        Q_EMIT window.recentMenu()->aboutToShow();
        QStringList listed;
        const auto actions = window.recentMenu()->actions();
        for (QAction *action : actions) {
            if (!action->data().toString().isEmpty())
                listed << action->data().toString();
        }
        QCOMPARE(listed, window.recentProfiles());
        QVERIFY(actions.first()->text().contains(QStringLiteral("fleet.json")));
        // A file that is gone leaves the list, with a message saying so.
        QVERIFY(QFile::remove(gone));
        QString message;
        answerMessageBox(QMessageBox::Ok, &message);
        QVERIFY(!window.openRecentProfile(gone));
        QVERIFY2(message.contains(QStringLiteral("no longer exists")), qPrintable(message));
        QCOMPARE(window.recentProfiles(), (QStringList{path, other}));
        QCOMPARE(window.profilePath(), path);
        QVERIFY(window.openRecentProfile(other));
        QCOMPARE(window.profilePath(), other);
        QCOMPARE(window.recentProfiles(), (QStringList{other, path}));

        // New Profile asks about unsaved changes first.
        QVERIFY(composer->deleteSavedRequest(QStringLiteral("answer")));
        QVERIFY(window.isModified());
        answerMessageBox(QMessageBox::Cancel);
        QVERIFY(!window.newProfile());
        QCOMPARE(window.profilePath(), other);
        answerMessageBox(QMessageBox::Discard);
        QVERIFY(window.newProfile());
        QVERIFY(window.profilePath().isEmpty());
        QVERIFY(window.profile().servers.isEmpty());
        QVERIFY(composer->savedRequestNames().isEmpty());
        QVERIFY(!window.isModified());
        QVERIFY(window.windowTitle().contains(QStringLiteral("Untitled")));

        // Clear Menu empties the list.
        Q_EMIT window.recentMenu()->aboutToShow();
        QAction *clear = window.recentMenu()->actions().last();
        QVERIFY(clear->isEnabled());
        clear->trigger();
        QVERIFY(window.recentProfiles().isEmpty());
    }
};

QTEST_MAIN(TestMainWindow)
#include "tst_mainwindow.moc"
