#include "mainwindow.h"

#include "net/safetext.h"

#include "charts/poolcharts.h"
#include "charts/servercharts.h"
#include "controllers/inputrequestcontroller.h"
#include "controllers/poolclient.h"
#include "controllers/profiledocument.h"
#include "controllers/secretscontroller.h"
#include "controllers/signincontroller.h"
#include "controllers/statusnotices.h"
#include "dialogs/endpointdialog.h"
#include "dialogs/settingsdialog.h"
#include "models/servertablemodel.h"
#include "pages/fleetpage.h"
#include "pages/promptspage.h"
#include "widgets/composer.h"
#include "widgets/profileactions.h"
#include "widgets/resourcebrowser.h"
#include "widgets/serveractions.h"
#include "widgets/serverdetailpane.h"
#include "widgets/tokenstore.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QDateTime>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QGuiApplication>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QScreen>
#include <QSettings>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTimer>
#include <QToolBar>

namespace mcppm::ui {

MainWindow::MainWindow(PoolHost *host, QWidget *parent)
    : QMainWindow(parent)
    , m_pool(new PoolClient(host, this))
    , m_document(new ProfileDocument(this))
    , m_secrets(new SecretsController(m_document, m_pool, this))
    , m_signIns(new SignInController(m_pool, this, this))
    , m_notices(new StatusNotices(this))
{
    setObjectName(QStringLiteral("MainWindow"));
    // Servers' questions (elicitation; sampling when the profile allows it)
    // reach the operator in dialogs; the host declares them from now on.
    m_inputRequests = new InputRequestController(m_pool, this, this);
    m_pool->setInteractiveInput(true);
    connect(m_document, &ProfileDocument::titleChanged, this, &MainWindow::updateTitle);
    buildPages();
    buildActions();
    m_fleet->setServerActions(m_serverActions->tableActions());
    applySnapshot({});
    connect(m_pool, &PoolClient::snapshotReady, this, &MainWindow::applySnapshot);
    connect(m_pool, &PoolClient::exportFinished, this, [this](bool ok, const QString &message) {
        if (ok)
            statusBar()->showMessage(tr("Exported: %1").arg(message), 8000);
        else
            QMessageBox::warning(this, tr("Export CSV"), message);
    });
    connect(serverModel(), &ServerTableModel::serverEdited, this,
            [this](const QString &id, int priority, int weight) {
                m_pool->updateServer(id, priority, weight);
                m_document->setServerWeights(id, priority, weight);
            });
    // Named requests live in the profile: saving one is an unsaved change.
    connect(m_composer, &Composer::savedRequestsChanged, this,
            [this]() { m_document->setRequests(m_composer->savedRequests()); });
    buildDetailDock();
    buildNotifications();
    m_defaultState = saveState(); // as built: what Reset Layout goes back to
    restoreLayout();
    updateTitle();
}

MainWindow::~MainWindow() = default;

ServerTableModel *MainWindow::serverModel() const
{
    return m_fleet->serverModel();
}
EventLogModel *MainWindow::eventModel() const
{
    return m_fleet->eventModel();
}
PoolCharts *MainWindow::charts() const
{
    return m_fleet->charts();
}
QTabWidget *MainWindow::tabs() const
{
    return m_fleet->tabs();
}
ProtocolView *MainWindow::protocolView() const
{
    return m_fleet->protocolView();
}
TokenStore *MainWindow::tokenStore() const
{
    return m_secrets->tokenStore();
}
QString MainWindow::profilePath() const
{
    return m_document->path();
}
const Profile &MainWindow::profile() const
{
    return m_document->profile();
}
bool MainWindow::isModified() const
{
    return m_document->isModified();
}
QString MainWindow::oauthTokenKey(const QString &id) const
{
    return m_secrets->oauthTokenKey(id);
}
SignInNotice *MainWindow::signInNotice(const QString &id) const
{
    return m_signIns->notice(id);
}
QStringList MainWindow::recentProfiles() const
{
    return ProfileDocument::recentProfiles();
}
QMenu *MainWindow::recentMenu() const
{
    return m_profileActions->recentMenu();
}
bool MainWindow::loadProfileFile(const QString &path)
{
    return m_profileActions->loadFile(path);
}
bool MainWindow::newProfile()
{
    return m_profileActions->newProfile();
}
bool MainWindow::openRecentProfile(const QString &path)
{
    return m_profileActions->openRecent(path);
}
bool MainWindow::saveProfileTo(const QString &path)
{
    return m_profileActions->saveTo(path);
}

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    m_profileActions = new ProfileActions(
        m_document, this, [this](const Profile &p, const QString &path) { openProfile(p, path); });
    // File › Open / Import of mcpServers files: their bearer tokens to the keychain.
    m_profileActions->setAddServerFunction([this](const ProfileServer &s, const QString &token) {
        return addServerToPool(s, token, QString());
    });
    m_profileActions->setStoreSecretsFunction([this](const QHash<QString, QString> &secrets) {
        for (auto it = secrets.cbegin(); it != secrets.cend(); ++it)
            m_secrets->writeToken(it.key(), it.value());
    });
    m_profileActions->fillMenu(file);
    connect(m_profileActions, &ProfileActions::statusMessage, statusBar(),
            &QStatusBar::showMessage);
    file->addSeparator();
    QAction *exportAction = file->addAction(tr("&Export CSV…"), this, &MainWindow::exportCsv);
    exportAction->setShortcut(QKeySequence(tr("Ctrl+E")));
    file->addSeparator();
    QAction *settings = file->addAction(tr("Se&ttings…"), this, &MainWindow::editSettings);
    settings->setShortcut(QKeySequence::Preferences);
    file->addSeparator();
    QAction *quit = file->addAction(tr("&Quit"), this, &QWidget::close);
    quit->setShortcut(QKeySequence::Quit);

    QMenu *serverMenu = menuBar()->addMenu(tr("&Server"));
    m_serverActions = new ServerActions(m_pool, m_document, m_secrets, m_signIns, m_fleet, this);
    m_serverActions->fillMenu(serverMenu);
    connect(m_serverActions, &ServerActions::statusMessage, statusBar(), &QStatusBar::showMessage);

    QMenu *poolMenu = menuBar()->addMenu(tr("&Pool"));
    QAction *serve
        = poolMenu->addAction(tr("Serve as MCP &Server…"), this, &MainWindow::serveAsMcpServer);
    serve->setObjectName(QStringLiteral("serveAsMcpServer"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About MCP Pool Monitor"), this, [this]() {
        QMessageBox::about(this, tr("About MCP Pool Monitor"),
                           tr("<b>MCP Pool Monitor</b> %1<br>Watches and load-balances a fleet "
                              "of MCP servers.")
                               .arg(QApplication::applicationVersion()));
    });

    QToolBar *bar = addToolBar(tr("Servers"));
    m_toolBar = bar;
    bar->setObjectName(QStringLiteral("serverToolBar"));
    bar->addActions(m_serverActions->toolBarActions());
    bar->addSeparator();
    bar->addAction(exportAction);
}

void MainWindow::buildPages()
{
    // Three pages: the fleet, the tool-call composer and the resources.
    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->setDocumentMode(true);
    m_fleet = new FleetPage(m_pool, m_pages);
    connect(m_fleet, &FleetPage::strategyChosen, this, [this](const QString &name) {
        m_pool->setStrategy(name);
        m_document->setStrategy(name);
    });
    connect(m_fleet, &FleetPage::pauseToggled, m_pool, &PoolClient::setPaused);
    // Alt+F, Alt+S, Alt+P, Alt+V and Alt+H belong to the menus; the tabs take
    // other letters (tst_mnemonics).
    m_pages->addTab(m_fleet, tr("F&leet"));
    m_composer = new Composer(m_pool, m_pages);
    m_pages->addTab(m_composer, tr("C&all a Tool"));
    m_resourceBrowser = new ResourceBrowser(m_pool, m_pages);
    m_pages->addTab(m_resourceBrowser, tr("&Resources"));
    m_prompts = new PromptsPage(m_pool, m_pages);
    m_pages->addTab(m_prompts, tr("Pro&mpts"));
    // A resource link in a tool's result opens in the resource browser.
    connect(m_composer, &Composer::resourceLinkActivated, this, [this](const QString &uri) {
        showResources();
        m_resourceBrowser->setUri(uri);
        m_resourceBrowser->read();
    });
    connect(m_pages, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_pages->widget(index) == m_composer)
            m_composer->refreshCatalog();
        if (m_pages->widget(index) == m_resourceBrowser)
            m_resourceBrowser->refresh();
        if (m_pages->widget(index) == m_prompts)
            m_prompts->refresh();
    });
    setCentralWidget(m_pages);
    // 1400×850 where the screen has room; on a smaller screen what it has
    // (a window larger than the screen hides its right edge and status bar).
    QSize size(1400, 850);
    if (const QScreen *screen = QGuiApplication::primaryScreen())
        size = size.boundedTo(screen->availableGeometry().size());
    resize(size.expandedTo(minimumSizeHint()));
}

void MainWindow::buildDetailDock()
{
    // The detail pane, docked on the right; refreshed on selection and every 5 s.
    auto *dock = new QDockWidget(tr("Server Details"), this);
    dock->setObjectName(QStringLiteral("serverDetailDock"));
    m_detail = new ServerDetailPane(dock);
    m_detail->setMinimumWidth(280);
    dock->setWidget(m_detail);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    connect(m_detail, &ServerDetailPane::refreshRequested, this, &MainWindow::requestDetail);
    connect(m_detail, &ServerDetailPane::signInRequested, this, &MainWindow::signIn);
    connect(m_detail, &ServerDetailPane::signOutRequested, this, &MainWindow::signOut);
    connect(m_pool, &PoolClient::detailReady, this, [this](const ServerDetail &detail) {
        if (detail.id == selectedServer()) {
            const ServerRow *row = serverModel()->row(serverModel()->rowOf(detail.id));
            m_detail->showDetail(detail, row ? row->era : QString());
        }
    });
    connect(m_fleet, &FleetPage::selectionChanged, this, [this]() {
        const QString id = selectedServer();
        if (id.isEmpty())
            m_detail->clear();
        requestDetail(id);
        showSelectedAuth();
        showServerCharts(false);
        m_serverActions->update();
    });
    m_detailTimer = new QTimer(this);
    connect(m_detailTimer, &QTimer::timeout, this, [this, dock]() {
        if (dock->isVisible())
            requestDetail(selectedServer());
    });
    m_detailTimer->start(5000);
    buildViewMenu(dock);
}

void MainWindow::buildViewMenu(QDockWidget *dock)
{
    // Panes to show and hide, the server table's columns, Reset Layout, and the
    // main tabs from the keyboard (Ctrl+Tab wherever the focus is).
    auto *view = new QMenu(tr("&View"), this);
    view->setObjectName(QStringLiteral("viewMenu"));
    menuBar()->insertMenu(menuBar()->actions().last(), view); // before Help
    QAction *details = dock->toggleViewAction();
    details->setText(tr("Server &Details"));
    details->setObjectName(QStringLiteral("showServerDetails"));
    view->addAction(details);
    QAction *toolBar = m_toolBar->toggleViewAction();
    toolBar->setText(tr("&Toolbar"));
    toolBar->setObjectName(QStringLiteral("showToolBar"));
    view->addAction(toolBar);
    auto addPane = [this, view](const QString &text, const QString &name, QWidget *pane) {
        QAction *action = view->addAction(text);
        action->setObjectName(name);
        action->setCheckable(true);
        connect(view, &QMenu::aboutToShow, action,
                [action, pane]() { action->setChecked(!pane->isHidden()); });
        connect(action, &QAction::toggled, pane, &QWidget::setVisible);
        return action;
    };
    addPane(tr("S&ummary Bar"), QStringLiteral("showSummaryBar"), m_fleet->summaryBar());
    addPane(tr("&Charts and Logs"), QStringLiteral("showLowerPane"), m_fleet->lowerPane());
    addPane(tr("Status &Bar"), QStringLiteral("showStatusBar"), statusBar());
    QMenu *columns = view->addMenu(tr("Server C&olumns"));
    columns->setObjectName(QStringLiteral("columnsMenu"));
    connect(columns, &QMenu::aboutToShow, this, [this, columns]() {
        columns->clear();
        m_fleet->fillColumnMenu(columns);
    });
    view->addSeparator();
    QAction *reset = view->addAction(tr("&Reset Layout"), this, &MainWindow::resetLayout);
    reset->setObjectName(QStringLiteral("resetLayout"));
    reset->setStatusTip(tr("Panes, toolbar, splitters and columns as on a first start"));
    view->addSeparator();
    QAction *next = view->addAction(tr("&Next Tab"), this, [this]() { stepPage(1); });
    next->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_Tab));
    next->setShortcutContext(Qt::WindowShortcut);
    QAction *previous = view->addAction(tr("&Previous Tab"), this, [this]() { stepPage(-1); });
    previous->setShortcuts({QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Backtab),
                            QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab)});
    previous->setShortcutContext(Qt::WindowShortcut);
}

void MainWindow::stepPage(int step)
{
    const int n = m_pages->count();
    if (n > 0)
        m_pages->setCurrentIndex((m_pages->currentIndex() + step + n) % n);
}

void MainWindow::resetLayout()
{
    restoreState(m_defaultState);
    m_toolBar->show();
    statusBar()->show();
    if (auto *dock = findChild<QDockWidget *>(QStringLiteral("serverDetailDock")))
        dock->show();
    m_fleet->resetLayout();
    m_composer->resetLayout();
    m_resourceBrowser->resetLayout();
    statusBar()->showMessage(tr("Layout reset."), 3000);
}

void MainWindow::buildNotifications()
{
    // Tray icon with notifications, where the desktop has a tray.
    if (QSystemTrayIcon::isSystemTrayAvailable()) {
        m_tray = new QSystemTrayIcon(
            windowIcon().isNull() ? QApplication::windowIcon() : windowIcon(), this);
        m_tray->setToolTip(tr("MCP Pool Monitor"));
        connect(m_tray, &QSystemTrayIcon::activated, this, [this]() {
            show();
            raise();
            activateWindow();
        });
        m_tray->show();
    }
    connect(m_notices, &StatusNotices::serverWentOffline, this, &MainWindow::serverWentOffline);
    connect(m_notices, &StatusNotices::serverRecovered, this, &MainWindow::serverRecovered);
    connect(this, &MainWindow::serverWentOffline, this,
            [this](const QString &id, const QString &error) {
                notify(tr("%1 is offline").arg(id), SafeText::escape(error), true);
                statusBar()->showMessage(tr("%1 is offline").arg(id), 10000);
            });
    connect(this, &MainWindow::serverRecovered, this, [this](const QString &id) {
        notify(tr("%1 is back").arg(id), tr("The server answers again."), false);
        statusBar()->showMessage(tr("%1 is back online").arg(id), 10000);
    });
    connect(m_signIns, &SignInController::signedIn, this, &MainWindow::serverSignedIn);
    connect(m_signIns, &SignInController::signInFailed, this, &MainWindow::serverSignInFailed);
    connect(m_signIns, &SignInController::statusMessage, statusBar(), &QStatusBar::showMessage);
    connect(this, &MainWindow::serverSignedIn, this, [this](const QString &id) {
        if (id == selectedServer())
            requestDetail(id); // the details from before the sign-in are stale
        notify(tr("Signed in to %1").arg(id), tr("The server accepts the monitor's calls."), false);
        statusBar()->showMessage(tr("Signed in to %1.").arg(id), 10000);
    });
    connect(this, &MainWindow::serverSignInFailed, this, [this](const QString &id) {
        notify(tr("Sign-in to %1 failed").arg(id), tr("The event log says why."), true);
        statusBar()->showMessage(
            tr("Sign-in to %1 did not complete; the event log says why.").arg(id), 10000);
    });
    connect(m_secrets, &SecretsController::secretStored, this,
            [this](const QString &message) { statusBar()->showMessage(message, 5000); });
    m_tokenNotice = new QLabel(this);
    m_tokenNotice->setAccessibleName(tr("Token storage"));
    m_tokenNotice->hide();
    statusBar()->addPermanentWidget(m_tokenNotice);
    connect(m_secrets, &SecretsController::fellBackToMemory, this, [this](const QString &why) {
        m_tokenNotice->setText(tr("Tokens: in memory only (no keychain)"));
        m_tokenNotice->setToolTip(tr("The OS keychain could not be used (%1). Tokens you type "
                                     "are kept only while the monitor runs; they are never "
                                     "written to the profile or anywhere else.")
                                      .arg(why));
        m_tokenNotice->show();
    });
}

void MainWindow::notify(const QString &title, const QString &text, bool warning)
{
    if (m_tray && SettingsDialog::notificationsSetting())
        m_tray->showMessage(title, text,
                            warning ? QSystemTrayIcon::Warning : QSystemTrayIcon::Information);
}

bool MainWindow::editSettings()
{
    SettingsDialog dialog(profile(), this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    dialog.saveMonitorSettings();
    const Profile changed = dialog.applyTo(profile());
    if (changed.toJson() == profile().toJson())
        return false;
    m_document->replace(changed);
    m_pool->applySettings(changed);
    statusBar()->showMessage(tr("Settings applied; statistics kept."), 5000);
    return true;
}

bool MainWindow::serveAsMcpServer()
{
    EndpointDialog dialog(profile().endpoint, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    const QString keychainRef
        = QStringLiteral("keychain:%1/mcp-endpoint").arg(m_document->keyName());
    Profile changed = profile();
    changed.endpoint = dialog.settings(keychainRef);
    QHash<QString, QString> secrets;
    if (!dialog.token().isEmpty()) {
        secrets.insert(keychainRef, dialog.token());
        m_secrets->writeToken(keychainRef, dialog.token());
    }
    if (changed.toJson() == profile().toJson() && secrets.isEmpty())
        return false;
    m_document->replace(changed);
    const auto apply = [pool = QPointer<PoolClient>(m_pool),
                        changed](const QHash<QString, QString> &found) {
        if (!pool)
            return;
        if (!found.isEmpty())
            pool->setSecrets(found);
        pool->applySettings(changed); // the endpoint (re)starts; the pool and its sessions stay
    };
    if (secrets.isEmpty() && changed.endpoint.tokenRef.startsWith(QLatin1String("keychain:")))
        tokenStore()->read(
            {changed.endpoint.tokenRef},
            [apply](const QHash<QString, QString> &found, const QStringList &) { apply(found); });
    else
        apply(secrets);
    statusBar()->showMessage(changed.endpoint.enabled
                                 ? tr("Serving the pool as an MCP server at %1 (see Clients).")
                                       .arg(changed.endpoint.listen)
                                 : tr("The pool is no longer served as an MCP server."),
                             8000);
    return true;
}

void MainWindow::showResources()
{
    m_pages->setCurrentWidget(m_resourceBrowser);
}

void MainWindow::showComposer()
{
    m_pages->setCurrentWidget(m_composer);
}

void MainWindow::selectServer(const QString &id)
{
    m_fleet->selectServer(id);
}

QString MainWindow::selectedServer() const
{
    return m_fleet->selectedServer();
}

void MainWindow::requestDetail(const QString &id)
{
    if (!id.isEmpty())
        m_pool->requestDetail(id);
}

void MainWindow::applySnapshot(const PoolSnapshot &s)
{
    ++m_snapshots;
    for (const ServerRow &row : s.servers) {
        const QString before = m_lastStatus.value(row.id);
        if (before != row.status && row.id == selectedServer() && m_detail)
            m_pool->requestDetail(row.id);
        m_lastStatus.insert(row.id, row.status);
    }
    m_notices->follow(s.servers); // notices only for states that last
    m_signIns->follow(s);
    m_fleet->applySnapshot(s);
    // Each server's share of the charts: one point a second at most.
    if (m_serverHistory.apply(s.servers, QDateTime::currentMSecsSinceEpoch()))
        showServerCharts(true);
    m_serverActions->update();
    showSelectedAuth();
}

void MainWindow::showSelectedAuth()
{
    if (!m_detail)
        return;
    const int row = serverModel()->rowOf(selectedServer());
    m_detail->showAuth(row >= 0 ? *serverModel()->row(row) : ServerRow(),
                       QDateTime::currentMSecsSinceEpoch());
}

void MainWindow::showServerCharts(bool onlyIfShown)
{
    const QString id = m_detail ? selectedServer() : QString();
    if (id.isEmpty())
        return; // no pane yet, or it was cleared with the selection
    // Once a second no chart is drawn that nobody sees (another tab, the pane closed).
    if (onlyIfShown && !m_detail->charts()->isVisible())
        return;
    m_detail->showSamples(m_serverHistory.samples(id));
}

void MainWindow::openProfile(const Profile &profile, const QString &path)
{
    m_document->open(profile, path);
    m_fleet->clear();
    m_notices->clear();
    m_serverHistory.clear();
    m_detail->charts()->clear();
    m_composer->setSavedRequests(profile.requests);
    m_signIns->reset();
    // Tokens and OAuth token sets from the keychain first, then the pool.
    m_secrets->startPool(profile);
}

bool MainWindow::replaceToken(const QString &id, const QString &token)
{
    return m_secrets->replaceToken(id, token);
}

bool MainWindow::addServerToPool(ProfileServer server, const QString &token,
                                 const QString &clientSecret)
{
    return m_serverActions->addServerToPool(std::move(server), token, clientSecret);
}

void MainWindow::signIn(const QString &id)
{
    m_signIns->signIn(id);
}

void MainWindow::signOut(const QString &id)
{
    m_signIns->signOut(id);
}

void MainWindow::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export CSV"), QStringLiteral("pool-stats.csv"), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        m_pool->exportCsv(path);
}

void MainWindow::updateTitle()
{
    const QString name
        = profilePath().isEmpty() ? tr("Untitled pool") : QFileInfo(profilePath()).fileName();
    setWindowTitle(tr("%1[*] — MCP Pool Monitor").arg(name));
    setWindowModified(isModified());
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    statusBar()->setVisible(settings.value(QStringLiteral("window/showStatusBar"), true).toBool());
    m_fleet->restoreLayout(settings);
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/showStatusBar"), !statusBar()->isHidden());
    m_fleet->saveLayout(&settings);
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!m_document->confirmDiscard()) {
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
}

} // namespace mcppm::ui
