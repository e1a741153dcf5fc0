#include "mainwindow.h"

#include "charts/poolcharts.h"
#include "charts/servercharts.h"
#include "dialogs/serverdialog.h"
#include "dialogs/settingsdialog.h"
#include "dialogs/signinnotice.h"
#include "dialogs/trustcertificatedialog.h"
#include "models/eventlogmodel.h"
#include "models/servertablemodel.h"
#include "widgets/composer.h"
#include "widgets/protocolview.h"
#include "widgets/recentprofiles.h"
#include "widgets/resourcebrowser.h"
#include "widgets/serverdetailpane.h"
#include "widgets/tokenstore.h"

#include "pool/loadbalancer.h"
#include "host/poolhost.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QComboBox>
#include <QDateTime>
#include <QDesktopServices>
#include <QDir>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QStatusBar>
#include <QSystemTrayIcon>
#include <QTabWidget>
#include <QTableView>
#include <QTimer>
#include <QToolBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace mcppm::ui {

MainWindow::MainWindow(PoolHost *host, QWidget *parent)
    : QMainWindow(parent)
    , m_host(host)
{
    setObjectName(QStringLiteral("MainWindow"));
    m_servers = new ServerTableModel(this);
    m_tokens = new TokenStore(this);
    m_events = new EventLogModel(5000, this);
    buildActions();
    buildCentral();
    connect(host, &PoolHost::snapshotReady, this, &MainWindow::applySnapshot);
    connect(host, &PoolHost::exportFinished, this, [this](bool ok, const QString &message) {
        if (ok)
            statusBar()->showMessage(tr("Exported: %1").arg(message), 8000);
        else
            QMessageBox::warning(this, tr("Export CSV"), message);
    });
    connect(m_servers, &ServerTableModel::serverEdited, this,
            [this](const QString &id, int priority, int weight) {
                QMetaObject::invokeMethod(m_host, [host = m_host, id, priority, weight]() {
                    host->updateServer(id, priority, weight);
                });
                for (ProfileServer &s : m_profile.servers) {
                    if (s.id == id) {
                        s.priority = priority;
                        s.weight = weight;
                    }
                }
                setModified(true);
            });
    // Named requests live in the profile: saving one is an unsaved change.
    connect(m_composer, &Composer::savedRequestsChanged, this, [this]() {
        m_profile.requests = m_composer->savedRequests();
        setModified(true);
    });
    // The detail pane, docked on the right; refreshed on selection and every 5 s.
    auto *dock = new QDockWidget(tr("Server Details"), this);
    dock->setObjectName(QStringLiteral("serverDetailDock"));
    m_detail = new ServerDetailPane(dock);
    m_detail->setMinimumWidth(360);
    dock->setWidget(m_detail);
    addDockWidget(Qt::RightDockWidgetArea, dock);
    auto request = [this](const QString &id) {
        if (!id.isEmpty())
            QMetaObject::invokeMethod(m_host, [h = m_host, id]() { h->requestDetail(id); });
    };
    connect(m_detail, &ServerDetailPane::refreshRequested, this, request);
    connect(m_detail, &ServerDetailPane::signInRequested, this, &MainWindow::signIn);
    connect(m_detail, &ServerDetailPane::signOutRequested, this, &MainWindow::signOut);
    connect(host, &PoolHost::signInUrlReady, this, &MainWindow::showSignInPage);
    connect(host, &PoolHost::oauthTokensChanged, this, &MainWindow::keepOAuthTokens);
    connect(host, &PoolHost::detailReady, this, [this](const ServerDetail &detail) {
        if (detail.id == selectedServer())
            m_detail->showDetail(detail);
    });
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            [this, request]() {
                const QString id = selectedServer();
                if (id.isEmpty())
                    m_detail->clear();
                request(id);
                showSelectedAuth();
                showServerCharts(false);
                updateServerActions();
            });
    m_detailTimer = new QTimer(this);
    connect(m_detailTimer, &QTimer::timeout, this, [this, request, dock]() {
        if (dock->isVisible())
            request(selectedServer());
    });
    m_detailTimer->start(5000);
    auto *view = new QMenu(tr("&View"), this);
    menuBar()->insertMenu(menuBar()->actions().last(), view); // before Help
    view->addAction(dock->toggleViewAction());
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
    connect(this, &MainWindow::serverWentOffline, this,
            [this](const QString &id, const QString &error) {
                if (m_tray && SettingsDialog::notificationsSetting())
                    m_tray->showMessage(tr("%1 is offline").arg(id), error,
                                        QSystemTrayIcon::Warning);
                statusBar()->showMessage(tr("%1 is offline").arg(id), 10000);
            });
    connect(this, &MainWindow::serverRecovered, this, [this](const QString &id) {
        if (m_tray && SettingsDialog::notificationsSetting())
            m_tray->showMessage(tr("%1 is back").arg(id), tr("The server answers again."),
                                QSystemTrayIcon::Information);
        statusBar()->showMessage(tr("%1 is back online").arg(id), 10000);
    });
    connect(this, &MainWindow::serverSignedIn, this, [this, request](const QString &id) {
        if (SignInNotice *notice = m_signInNotices.take(id))
            notice->close();
        if (id == selectedServer())
            request(id); // the details from before the sign-in are stale
        if (m_tray && SettingsDialog::notificationsSetting())
            m_tray->showMessage(tr("Signed in to %1").arg(id),
                                tr("The server accepts the monitor's calls."),
                                QSystemTrayIcon::Information);
        statusBar()->showMessage(tr("Signed in to %1.").arg(id), 10000);
    });
    connect(this, &MainWindow::serverSignInFailed, this, [this](const QString &id) {
        if (SignInNotice *notice = m_signInNotices.take(id))
            notice->close(); // its link leads nowhere now
        if (m_tray && SettingsDialog::notificationsSetting())
            m_tray->showMessage(tr("Sign-in to %1 failed").arg(id), tr("The event log says why."),
                                QSystemTrayIcon::Warning);
        statusBar()->showMessage(
            tr("Sign-in to %1 did not complete; the event log says why.").arg(id), 10000);
    });
    m_tokenNotice = new QLabel(this);
    m_tokenNotice->setAccessibleName(tr("Token storage"));
    m_tokenNotice->hide();
    statusBar()->addPermanentWidget(m_tokenNotice);
    connect(m_tokens, &TokenStore::fellBackToMemory, this, [this](const QString &why) {
        m_tokenNotice->setText(tr("Tokens: in memory only (no keychain)"));
        m_tokenNotice->setToolTip(tr("The OS keychain could not be used (%1). Tokens you type "
                                     "are kept only while the monitor runs; they are never "
                                     "written to the profile or anywhere else.")
                                      .arg(why));
        m_tokenNotice->show();
    });
    restoreLayout();
    updateTitle();
}

bool MainWindow::editSettings()
{
    SettingsDialog dialog(m_profile, this);
    if (dialog.exec() != QDialog::Accepted)
        return false;
    dialog.saveMonitorSettings();
    const Profile changed = dialog.applyTo(m_profile);
    if (changed.toJson() == m_profile.toJson())
        return false;
    m_profile = changed;
    QMetaObject::invokeMethod(m_host, [h = m_host, changed]() { h->start(changed); });
    setModified(true);
    statusBar()->showMessage(tr("Settings applied; the pool restarted."), 5000);
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
    const int row = m_servers->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_servers->index(row, 0));
    m_table->selectionModel()->select(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

MainWindow::~MainWindow() = default;

void MainWindow::buildActions()
{
    QMenu *file = menuBar()->addMenu(tr("&File"));
    QAction *newAction = file->addAction(tr("&New Profile"), this, [this]() { newProfile(); });
    newAction->setShortcut(QKeySequence(tr("Ctrl+Shift+N"))); // Ctrl+N adds a server
    newAction->setStatusTip(tr("Start an empty pool"));
    QAction *open = file->addAction(tr("&Open Profile…"), this, &MainWindow::openProfileDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &MainWindow::fillRecentMenu);
    fillRecentMenu();
    QAction *save = file->addAction(tr("&Save Profile"), this, [this]() { saveProfile(false); });
    save->setShortcut(QKeySequence::Save);
    QAction *saveAs
        = file->addAction(tr("Save Profile &As…"), this, [this]() { saveProfile(true); });
    saveAs->setShortcut(QKeySequence::SaveAs);
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
    m_addAction = serverMenu->addAction(tr("&Add…"), this, &MainWindow::addServer);
    m_addAction->setShortcut(QKeySequence(tr("Ctrl+N")));
    m_removeAction = serverMenu->addAction(tr("&Remove"), this, &MainWindow::removeServer);
    m_removeAction->setShortcut(QKeySequence::Delete);
    m_editAction = serverMenu->addAction(tr("&Edit…"), this, &MainWindow::editServer);
    m_editAction->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    m_drainAction = serverMenu->addAction(tr("&Drain"));
    m_drainAction->setCheckable(true);
    m_drainAction->setToolTip(tr("No new work for this server; running calls finish"));
    connect(m_drainAction, &QAction::toggled, this, [this](bool drained) {
        const QString id = selectedServer();
        if (!id.isEmpty())
            QMetaObject::invokeMethod(
                m_host, [h = m_host, id, drained]() { h->setServerDrained(id, drained); });
    });
    m_disableAction = serverMenu->addAction(tr("Di&sable"));
    m_disableAction->setCheckable(true);
    m_disableAction->setToolTip(
        tr("No new work, no health checks; the session closes once running calls end"));
    connect(m_disableAction, &QAction::toggled, this, [this](bool disabled) {
        const QString id = selectedServer();
        if (id.isEmpty())
            return;
        for (ProfileServer &s : m_profile.servers) {
            if (s.id == id && s.enabled == disabled) {
                s.enabled = !disabled; // kept in the profile
                setModified(true);
            }
        }
        QMetaObject::invokeMethod(
            m_host, [h = m_host, id, disabled]() { h->setServerEnabled(id, !disabled); });
    });
    m_trustAction
        = serverMenu->addAction(tr("Tr&ust Certificate…"), this, &MainWindow::trustCertificate);
    m_reconnectAction = serverMenu->addAction(tr("Re&connect Now"), this, [this]() {
        const QString id = selectedServer();
        if (!id.isEmpty())
            QMetaObject::invokeMethod(m_host, [h = m_host, id]() { h->reconnectServer(id); });
    });
    m_pingAction = serverMenu->addAction(tr("&Ping"), this, [this]() {
        const QString id = selectedServer();
        if (!id.isEmpty())
            QMetaObject::invokeMethod(m_host, [h = m_host, id]() { h->pingServer(id); });
    });
    m_pingAction->setShortcut(QKeySequence(tr("Ctrl+P")));
    m_tokenAction = serverMenu->addAction(tr("Change &Token…"), this, [this]() {
        const QString id = selectedServer();
        if (id.isEmpty())
            return;
        bool ok = false;
        const QString token = QInputDialog::getText(
            this, tr("Change Token"),
            tr("New bearer token for %1 (calls running now finish with the old one):").arg(id),
            QLineEdit::Password, QString(), &ok);
        if (ok && !token.isEmpty())
            replaceToken(id, token);
    });
    serverMenu->addSeparator();
    m_signInAction = serverMenu->addAction(tr("Sign &In"), this, [this]() {
        const QString id = selectedServer();
        if (!id.isEmpty())
            signIn(id);
    });
    m_signInAction->setStatusTip(tr("Sign in to the server with OAuth: its sign-in page opens "
                                    "in your browser"));
    m_signOutAction = serverMenu->addAction(tr("Sign &Out"), this, [this]() {
        const QString id = selectedServer();
        if (!id.isEmpty())
            signOut(id);
    });
    m_signOutAction->setStatusTip(tr("Forget the server's OAuth tokens; it needs a sign-in again"));

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&About MCP Pool Monitor"), this, [this]() {
        QMessageBox::about(this, tr("About MCP Pool Monitor"),
                           tr("<b>MCP Pool Monitor</b> %1<br>Watches and load-balances a fleet "
                              "of MCP servers.")
                               .arg(QApplication::applicationVersion()));
    });

    QToolBar *bar = addToolBar(tr("Servers"));
    bar->setObjectName(QStringLiteral("serverToolBar"));
    bar->addAction(m_addAction);
    bar->addAction(m_removeAction);
    bar->addAction(m_reconnectAction);
    bar->addAction(m_pingAction);
    bar->addSeparator();
    bar->addAction(exportAction);
}

void MainWindow::buildCentral()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);

    // Summary bar.
    auto *summary = new QHBoxLayout;
    m_serversLabel = new QLabel(central);
    m_serversLabel->setAccessibleName(tr("Server summary"));
    m_queueLabel = new QLabel(central);
    m_queueLabel->setAccessibleName(tr("Queue summary"));
    auto *strategyLabel = new QLabel(tr("S&trategy:"), central);
    m_strategy = new QComboBox(central);
    m_strategy->setAccessibleName(tr("Load-balancing strategy"));
    const QStringList names = LoadBalancer::names();
    const QStringList labels{tr("Round robin"), tr("Least loaded"), tr("Priority"),
                             tr("Weighted round robin"), tr("Power of two choices")};
    for (int i = 0; i < names.size(); ++i)
        m_strategy->addItem(i < labels.size() ? labels.at(i) : names.at(i), names.at(i));
    strategyLabel->setBuddy(m_strategy);
    connect(m_strategy, &QComboBox::activated, this, [this](int i) {
        const QString name = m_strategy->itemData(i).toString();
        QMetaObject::invokeMethod(m_host, [h = m_host, name]() { h->setStrategy(name); });
        m_profile.strategy = name;
        setModified(true);
    });
    m_pause = new QToolButton(central);
    m_pause->setText(tr("Pause intake"));
    m_pause->setCheckable(true);
    m_pause->setAccessibleName(tr("Pause intake"));
    m_pause->setToolTip(tr("While paused, queued calls wait; running calls finish."));
    connect(m_pause, &QToolButton::toggled, this, [this](bool paused) {
        QMetaObject::invokeMethod(m_host, [h = m_host, paused]() { h->setPaused(paused); });
    });
    summary->addWidget(m_serversLabel);
    summary->addSpacing(24);
    summary->addWidget(m_queueLabel);
    summary->addStretch();
    summary->addWidget(strategyLabel);
    summary->addWidget(m_strategy);
    summary->addWidget(m_pause);
    layout->addLayout(summary);

    m_splitter = new QSplitter(Qt::Vertical, central);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));

    // Servers: filter + table.
    auto *top = new QWidget(m_splitter);
    auto *topLayout = new QVBoxLayout(top);
    topLayout->setContentsMargins(0, 0, 0, 0);
    m_filter = new QLineEdit(top);
    m_filter->setPlaceholderText(tr("Filter servers (id, URL, status)…"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setAccessibleName(tr("Filter servers"));
    m_proxy = new QSortFilterProxyModel(this);
    m_proxy->setSourceModel(m_servers);
    m_proxy->setSortRole(ServerTableModel::SortRole);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);
    connect(m_filter, &QLineEdit::textChanged, m_proxy,
            &QSortFilterProxyModel::setFilterFixedString);
    m_table = new QTableView(top);
    m_table->setObjectName(QStringLiteral("serverTable"));
    m_table->setAccessibleName(tr("Servers"));
    m_table->setModel(m_proxy);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(ServerTableModel::Id, Qt::AscendingOrder);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setAlternatingRowColors(true);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    auto *separator = new QAction(m_table);
    separator->setSeparator(true);
    auto *authSeparator = new QAction(m_table);
    authSeparator->setSeparator(true);
    m_table->addActions({m_editAction, m_reconnectAction, m_pingAction, m_drainAction,
                         m_disableAction, m_trustAction, authSeparator, m_signInAction,
                         m_signOutAction, separator, m_removeAction});
    m_table->setColumnWidth(ServerTableModel::Url, 230);
    topLayout->addWidget(m_filter);
    topLayout->addWidget(m_table);

    // Charts and the event log.
    m_tabs = new QTabWidget(m_splitter);
    m_charts = new PoolCharts(m_tabs);
    m_tabs->addTab(m_charts, tr("&Charts"));
    auto *log = new QWidget(m_tabs);
    auto *logLayout = new QVBoxLayout(log);
    m_eventFilter = new QLineEdit(log);
    m_eventFilter->setPlaceholderText(tr("Filter events…"));
    m_eventFilter->setClearButtonEnabled(true);
    m_eventFilter->setAccessibleName(tr("Filter events"));
    m_eventProxy = new QSortFilterProxyModel(this);
    m_eventProxy->setSourceModel(m_events);
    m_eventProxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_eventProxy->setFilterKeyColumn(-1);
    connect(m_eventFilter, &QLineEdit::textChanged, m_eventProxy,
            &QSortFilterProxyModel::setFilterFixedString);
    m_eventView = new QTableView(log);
    m_eventView->setObjectName(QStringLiteral("eventLog"));
    m_eventView->setAccessibleName(tr("Event log"));
    m_eventView->setModel(m_eventProxy);
    m_eventView->verticalHeader()->hide();
    m_eventView->horizontalHeader()->setStretchLastSection(true);
    m_eventView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventView->setWordWrap(false); // one line per event; the full text is the tooltip
    m_eventView->verticalHeader()->setDefaultSectionSize(m_eventView->fontMetrics().height() + 6);
    m_eventView->setColumnWidth(EventLogModel::Time, 110);
    m_eventView->setColumnWidth(EventLogModel::Server, 120);
    logLayout->addWidget(m_eventFilter);
    logLayout->addWidget(m_eventView);
    m_tabs->addTab(log, tr("&Events"));
    m_protocol = new ProtocolView(m_host, m_tabs);
    m_tabs->addTab(m_protocol, tr("Pr&otocol"));
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    layout->addWidget(m_splitter, 1);
    // Two pages: the fleet, and the tool-call composer.
    m_pages = new QTabWidget(this);
    m_pages->setObjectName(QStringLiteral("pages"));
    m_pages->setDocumentMode(true);
    m_pages->addTab(central, tr("&Fleet"));
    m_composer = new Composer(m_host, m_pages);
    m_pages->addTab(m_composer, tr("C&all a Tool"));
    m_resourceBrowser = new ResourceBrowser(m_host, m_pages);
    m_pages->addTab(m_resourceBrowser, tr("&Resources"));
    connect(m_pages, &QTabWidget::currentChanged, this, [this](int index) {
        if (m_pages->widget(index) == m_composer)
            m_composer->refreshCatalog();
        if (m_pages->widget(index) == m_resourceBrowser)
            m_resourceBrowser->refresh();
    });
    setCentralWidget(m_pages);
    resize(1400, 850);
    applySnapshot({});
}

void MainWindow::applySnapshot(const PoolSnapshot &s)
{
    ++m_snapshots;
    auto down = [](const QString &status) {
        return status == QLatin1String("offline") || status == QLatin1String("dead")
            || status == QLatin1String("reconnecting");
    };
    for (const ServerRow &row : s.servers) {
        const QString before = m_lastStatus.value(row.id);
        if (before != row.status && row.id == selectedServer() && m_detail)
            QMetaObject::invokeMethod(m_host,
                                      [h = m_host, id = row.id]() { h->requestDetail(id); });
        if (!before.isEmpty() && before != row.status) {
            if (down(row.status) && !down(before) && before != QLatin1String("connecting"))
                Q_EMIT serverWentOffline(row.id, row.lastError);
            else if (row.status == QLatin1String("online") && down(before))
                Q_EMIT serverRecovered(row.id);
        }
        m_lastStatus.insert(row.id, row.status);
    }
    followSignIns(s);
    m_servers->apply(s.servers);
    QStringList ids;
    for (const ServerRow &row : s.servers)
        ids << row.id;
    m_protocol->setServers(ids);
    m_events->append(s.events, s.droppedEvents);
    if (!s.events.isEmpty())
        m_eventView->scrollToBottom();
    m_charts->addSamples(s.newSamples);
    // Each server's share of the charts: one point a second at most.
    if (m_serverHistory.apply(s.servers, QDateTime::currentMSecsSinceEpoch()))
        showServerCharts(true);
    m_serversLabel->setText(
        tr("<b>%1</b> servers · <span style='color:#2e9d4f'>%2 healthy</span> · "
           "<span style='color:#c77c00'>%3 degraded</span> · "
           "<span style='color:#d03b3b'>%4 offline</span>")
            .arg(s.servers.size())
            .arg(s.healthy)
            .arg(s.degraded)
            .arg(s.offline));
    m_queueLabel->setText(
        tr("Queue: <b>%1</b> pending · <b>%2</b> in progress · %3 completed · %4 failed")
            .arg(s.pending)
            .arg(s.running)
            .arg(s.completed)
            .arg(s.failed));
    if (!s.strategy.isEmpty()) {
        const int i = m_strategy->findData(s.strategy);
        if (i >= 0 && i != m_strategy->currentIndex())
            m_strategy->setCurrentIndex(i);
    }
    if (m_pause->isChecked() != s.paused && !s.strategy.isEmpty()) {
        const QSignalBlocker block(m_pause);
        m_pause->setChecked(s.paused);
    }
    updateServerActions();
    showSelectedAuth();
}

void MainWindow::followSignIns(const PoolSnapshot &s)
{
    // A sign-in asked for here ends signed in, or with the pool's "sign-in
    // failed" event, or back at needs-sign-in after it was seen authorizing
    // (a quick one may never be seen authorizing between two snapshots).
    for (const PoolEvent &e : s.events) {
        const auto pending = m_signingIn.constFind(e.serverId);
        if (e.kind == PoolEvent::Kind::Error && pending != m_signingIn.cend()
            && e.timeMs >= pending->sinceMs && e.text.startsWith(QLatin1String("sign-in failed"))) {
            m_signingIn.remove(e.serverId);
            Q_EMIT serverSignInFailed(e.serverId);
        }
    }
    for (const ServerRow &row : s.servers) {
        const auto it = m_signingIn.find(row.id);
        if (it == m_signingIn.end())
            continue;
        if (row.authState == QLatin1String("signed-in")) {
            m_signingIn.erase(it);
            Q_EMIT serverSignedIn(row.id);
        } else if (row.authState == QLatin1String("authorizing")) {
            it->seenAuthorizing = true;
        } else if (row.authState.isEmpty()
                   || (it->seenAuthorizing && row.authState == QLatin1String("needs-sign-in"))) {
            m_signingIn.erase(it);
            Q_EMIT serverSignInFailed(row.id);
        }
    }
}

void MainWindow::showSelectedAuth()
{
    if (!m_detail)
        return;
    const int row = m_servers->rowOf(selectedServer());
    m_detail->showAuth(row >= 0 ? *m_servers->row(row) : ServerRow(),
                       QDateTime::currentMSecsSinceEpoch());
}

void MainWindow::updateServerActions()
{
    const QString id = selectedServer();
    const int row = m_servers->rowOf(id);
    const ServerRow *r = row >= 0 ? m_servers->row(row) : nullptr;
    for (QAction *a : {m_removeAction, m_reconnectAction, m_pingAction, m_tokenAction, m_editAction,
                       m_drainAction, m_disableAction})
        a->setEnabled(r != nullptr);
    const QSignalBlocker drainBlock(m_drainAction);
    const QSignalBlocker disableBlock(m_disableAction);
    m_drainAction->setChecked(r && r->draining);
    m_disableAction->setChecked(r && r->status == QLatin1String("disabled"));
    m_drainAction->setEnabled(r && r->status != QLatin1String("disabled"));
    m_trustAction->setEnabled(r && !r->refusedCertificateSha256.isEmpty());
    // OAuth: Sign In until signed in, then Sign Out; neither without OAuth.
    const bool oauth = r && ServerTableModel::usesOAuth(*r);
    const bool signedIn = oauth
        && (r->authState == QLatin1String("signed-in")
            || r->authState == QLatin1String("refreshing"));
    m_signInAction->setEnabled(oauth && !signedIn);
    m_signOutAction->setEnabled(signedIn);
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

QString MainWindow::selectedServer() const
{
    const QModelIndexList rows
        = m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList();
    if (rows.isEmpty())
        return {};
    return rows.first().data(ServerTableModel::ServerIdRole).toString();
}

void MainWindow::openProfile(const Profile &profile, const QString &path)
{
    m_profile = profile;
    m_profilePath = path;
    m_events->clear();
    m_charts->clear();
    m_serverHistory.clear();
    m_detail->charts()->clear();
    m_composer->setSavedRequests(profile.requests);
    m_signingIn.clear();
    for (const QPointer<SignInNotice> &notice : std::as_const(m_signInNotices)) {
        if (notice)
            notice->close();
    }
    m_signInNotices.clear();
    QStringList refs;
    QHash<QString, QString> oauthKeys; // store key -> server id
    for (const ProfileServer &s : profile.servers) {
        if (s.tokenRef.startsWith(QLatin1String("keychain:")))
            refs << s.tokenRef;
        if (!s.oauth.enabled)
            continue;
        if (s.oauth.clientSecretRef.startsWith(QLatin1String("keychain:")))
            refs << s.oauth.clientSecretRef;
        const QString key = oauthTokenKey(s.id);
        oauthKeys.insert(key, s.id);
        refs << key;
    }
    refs.removeDuplicates();
    // Tokens and OAuth token sets from the keychain first (in memory in the
    // pool's thread), then the pool.
    QPointer<PoolHost> host = m_host;
    m_tokens->read(
        refs,
        [host, profile, oauthKeys](const QHash<QString, QString> &found, const QStringList &) {
            if (!host)
                return;
            QHash<QString, QString> secrets;
            QHash<QString, QJsonObject> oauthTokens;
            for (auto it = oauthKeys.cbegin(); it != oauthKeys.cend(); ++it)
                oauthTokens.insert(it.value(), {}); // none kept: no tokens of an earlier pool
            for (auto it = found.cbegin(); it != found.cend(); ++it) {
                if (oauthKeys.contains(it.key())) {
                    const QJsonDocument set = QJsonDocument::fromJson(it.value().toUtf8());
                    if (set.isObject())
                        oauthTokens.insert(oauthKeys.value(it.key()), set.object());
                } else {
                    secrets.insert(it.key(), it.value());
                }
            }
            QMetaObject::invokeMethod(host, [host, secrets, oauthTokens, profile]() {
                host->setSecrets(secrets);
                host->setOAuthTokens(oauthTokens);
                host->start(profile);
            });
        });
    setModified(false);
}

bool MainWindow::loadProfileFile(const QString &path)
{
    QString why;
    const auto profile = Profile::load(path, &why);
    if (!profile) {
        QMessageBox::warning(this, tr("Open Profile"), why);
        return false;
    }
    openProfile(*profile, path);
    QSettings().setValue(QStringLiteral("lastProfile"), path);
    rememberProfile(path);
    return true;
}

bool MainWindow::newProfile()
{
    if (!confirmDiscard())
        return false;
    openProfile(Profile{}, {});
    statusBar()->showMessage(tr("New, empty pool: add servers, then save the profile."), 5000);
    return true;
}

bool MainWindow::openRecentProfile(const QString &path)
{
    if (!QFileInfo(path).isFile()) {
        QSettings settings;
        RecentProfiles recent(&settings);
        recent.remove(path);
        m_recentMenu->setEnabled(!recent.paths().isEmpty());
        QMessageBox::warning(this, tr("Open Recent Profile"),
                             tr("The profile %1 no longer exists. It was removed from the "
                                "list of recent profiles.")
                                 .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    if (!confirmDiscard())
        return false;
    return loadProfileFile(path);
}

QStringList MainWindow::recentProfiles() const
{
    QSettings settings;
    return RecentProfiles(&settings).paths();
}

void MainWindow::rememberProfile(const QString &path)
{
    QSettings settings;
    RecentProfiles(&settings).add(path);
    m_recentMenu->setEnabled(true);
}

void MainWindow::fillRecentMenu()
{
    // Rebuilt as it opens (never from one of its own actions, which clear() would delete).
    m_recentMenu->clear();
    const QStringList paths = recentProfiles();
    for (int i = 0; i < paths.size(); ++i) {
        const QString &path = paths.at(i);
        // "&1 fleet.json" … "&8 …": a key for each, the full path in the tip.
        QAction *action
            = m_recentMenu->addAction(tr("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()), this,
                                      [this, path]() { openRecentProfile(path); });
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        action->setData(path);
    }
    m_recentMenu->setToolTipsVisible(true);
    if (!paths.isEmpty())
        m_recentMenu->addSeparator();
    QAction *clear = m_recentMenu->addAction(tr("&Clear Menu"), this, [this]() {
        QSettings settings;
        RecentProfiles(&settings).clear();
        m_recentMenu->setEnabled(false);
    });
    clear->setEnabled(!paths.isEmpty());
    m_recentMenu->setEnabled(!paths.isEmpty());
}

void MainWindow::openProfileDialog()
{
    if (!confirmDiscard())
        return;
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Profile"),
                                                      QFileInfo(m_profilePath).absolutePath(),
                                                      tr("Pool profiles (*.json);;All files (*)"));
    if (!path.isEmpty())
        loadProfileFile(path);
}

bool MainWindow::saveProfile(bool askPath)
{
    QString path = m_profilePath;
    if (askPath || path.isEmpty()) {
        path = QFileDialog::getSaveFileName(this, tr("Save Profile"),
                                            path.isEmpty() ? QStringLiteral("fleet.json") : path,
                                            tr("Pool profiles (*.json)"));
        if (path.isEmpty())
            return false;
    }
    return saveProfileTo(path);
}

bool MainWindow::saveProfileTo(const QString &path)
{
    QString why;
    if (!m_profile.save(path, &why)) {
        QMessageBox::warning(this, tr("Save Profile"), why);
        return false;
    }
    m_profilePath = path;
    QSettings().setValue(QStringLiteral("lastProfile"), path);
    rememberProfile(path);
    setModified(false);
    statusBar()->showMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

void MainWindow::addServer()
{
    ServerDialog dialog(this);
    dialog.setWindowTitle(tr("Add Server"));
    if (dialog.exec() != QDialog::Accepted)
        return;
    addServerToPool(dialog.server(), dialog.token(), dialog.clientSecret());
}

bool MainWindow::replaceToken(const QString &id, const QString &token)
{
    for (ProfileServer &s : m_profile.servers) {
        if (s.id != id)
            continue;
        const QString profileName
            = m_profile.name.isEmpty() ? QStringLiteral("default") : m_profile.name;
        const QString ref = s.tokenRef.startsWith(QLatin1String("keychain:"))
            ? s.tokenRef
            : QStringLiteral("keychain:%1/%2").arg(profileName, id);
        if (ref != s.tokenRef) {
            s.tokenRef = ref;
            setModified(true);
        }
        m_tokens->write(ref, token, [this](bool inKeychain, const QString &) {
            statusBar()->showMessage(inKeychain ? tr("Token saved in the keychain.")
                                                : tr("Token kept in memory for this run."),
                                     5000);
        });
        const QHash<QString, QString> secrets{{ref, token}};
        QMetaObject::invokeMethod(m_host, [h = m_host, id, token, secrets]() {
            h->setSecrets(secrets);
            h->setServerToken(id, token);
        });
        return true;
    }
    return false;
}

bool MainWindow::addServerToPool(ProfileServer server, const QString &token,
                                 const QString &clientSecret)
{
    for (const ProfileServer &s : std::as_const(m_profile.servers)) {
        if (s.id == server.id) {
            QMessageBox::warning(
                this, tr("Add Server"),
                tr("A server with the id %1 is already in the pool.").arg(server.id));
            return false;
        }
    }
    QHash<QString, QString> secrets;
    if (!token.isEmpty()) {
        const QString profileName
            = m_profile.name.isEmpty() ? QStringLiteral("default") : m_profile.name;
        server.tokenRef = QStringLiteral("keychain:%1/%2").arg(profileName, server.id);
        secrets.insert(server.tokenRef, token);
        m_tokens->write(server.tokenRef, token, [this](bool inKeychain, const QString &) {
            statusBar()->showMessage(inKeychain ? tr("Token saved in the keychain.")
                                                : tr("Token kept in memory for this run."),
                                     5000);
        });
    }
    if (!clientSecret.isEmpty())
        secrets.insert(storeClientSecret(&server, clientSecret), clientSecret);
    m_profile.servers.append(server);
    QMetaObject::invokeMethod(m_host, [h = m_host, server, secrets]() {
        h->setSecrets(secrets);
        h->addServer(server);
    });
    setModified(true);
    return true;
}

void MainWindow::removeServer()
{
    const QString id = selectedServer();
    if (id.isEmpty())
        return;
    if (QMessageBox::question(this, tr("Remove Server"),
                              tr("Remove %1 from the pool? Its queued and running calls move "
                                 "to other servers.")
                                  .arg(id))
        != QMessageBox::Yes)
        return;
    m_profile.servers.removeIf([&id](const ProfileServer &s) { return s.id == id; });
    QMetaObject::invokeMethod(m_host, [h = m_host, id]() { h->removeServer(id); });
    setModified(true);
}

void MainWindow::editServer()
{
    const QString id = selectedServer();
    const auto it = std::find_if(m_profile.servers.begin(), m_profile.servers.end(),
                                 [&id](const ProfileServer &s) { return s.id == id; });
    if (id.isEmpty() || it == m_profile.servers.end())
        return;
    const ProfileServer before = *it;
    ServerDialog dialog(this);
    dialog.setWindowTitle(tr("Edit Server %1").arg(id));
    dialog.setServer(before);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ProfileServer after = dialog.server();
    for (const ProfileServer &s : std::as_const(m_profile.servers)) {
        if (s.id == after.id && after.id != before.id) {
            QMessageBox::warning(
                this, tr("Edit Server"),
                tr("A server with the id %1 is already in the pool.").arg(after.id));
            return;
        }
    }
    const QString clientSecret = dialog.clientSecret();
    QHash<QString, QString> secrets;
    if (!clientSecret.isEmpty())
        secrets.insert(storeClientSecret(&after, clientSecret), clientSecret);
    *it = after;
    if (before.oauth != after.oauth || !secrets.isEmpty()) {
        // New OAuth settings (or client secret) take a new OAuth client: the
        // server is added again under them (its kept token set stays).
        QMetaObject::invokeMethod(m_host, [h = m_host, before, after, secrets]() {
            h->setSecrets(secrets);
            h->removeServer(before.id);
            h->addServer(after);
        });
    } else {
        QMetaObject::invokeMethod(m_host,
                                  [h = m_host, before, after]() { h->editServer(before, after); });
    }
    if (!dialog.token().isEmpty())
        replaceToken(after.id, dialog.token());
    setModified(true);
}

QString MainWindow::profileKeyName() const
{
    return m_profile.name.isEmpty() ? QStringLiteral("default") : m_profile.name;
}

QString MainWindow::oauthTokenKey(const QString &id) const
{
    return QStringLiteral("oauth:%1/%2").arg(profileKeyName(), id);
}

QString MainWindow::storeClientSecret(ProfileServer *server, const QString &secret)
{
    if (!server->oauth.clientSecretRef.startsWith(QLatin1String("keychain:")))
        server->oauth.clientSecretRef
            = QStringLiteral("keychain:%1/%2/client-secret").arg(profileKeyName(), server->id);
    m_tokens->write(
        server->oauth.clientSecretRef, secret, [this](bool inKeychain, const QString &) {
            statusBar()->showMessage(inKeychain ? tr("Client secret saved in the keychain.")
                                                : tr("Client secret kept in memory for this run."),
                                     5000);
        });
    return server->oauth.clientSecretRef;
}

void MainWindow::signIn(const QString &id)
{
    m_signingIn.insert(id, {QDateTime::currentMSecsSinceEpoch(), false});
    QMetaObject::invokeMethod(m_host, [h = m_host, id]() { h->signIn(id); });
    statusBar()->showMessage(tr("%1: starting the sign-in…").arg(id), 5000);
}

void MainWindow::signOut(const QString &id)
{
    m_signingIn.remove(id);
    if (SignInNotice *notice = m_signInNotices.take(id))
        notice->close();
    QMetaObject::invokeMethod(m_host, [h = m_host, id]() { h->signOut(id); });
    statusBar()->showMessage(tr("%1: signed out; its tokens are forgotten.").arg(id), 5000);
}

SignInNotice *MainWindow::signInNotice(const QString &id) const
{
    return m_signInNotices.value(id);
}

void MainWindow::showSignInPage(const QString &id, const QUrl &url)
{
    PendingSignIn &pending = m_signingIn[id];
    if (pending.sinceMs == 0)
        pending.sinceMs = QDateTime::currentMSecsSinceEpoch();
    pending.seenAuthorizing = true; // the sign-in waits for the browser
    const bool opened = QDesktopServices::openUrl(url);
    statusBar()->showMessage(
        opened ? tr("%1: sign in in the browser window that opened.").arg(id)
               : tr("%1: no browser opened; use the link in the sign-in notice.").arg(id),
        15000);
    // A non-modal notice with the link, in case the browser did not open.
    QPointer<SignInNotice> &notice = m_signInNotices[id];
    if (notice) {
        notice->setUrl(url);
    } else {
        notice = new SignInNotice(id, url, this);
        notice->setAttribute(Qt::WA_DeleteOnClose);
    }
    notice->show();
    notice->raise();
}

void MainWindow::keepOAuthTokens(const QString &id, const QJsonObject &tokens)
{
    // The token set goes to the keychain (or memory) only: never the profile, a log or a message.
    const QString key = oauthTokenKey(id);
    if (tokens.isEmpty()) {
        m_tokens->remove(key);
        return;
    }
    m_tokens->write(key, QString::fromUtf8(QJsonDocument(tokens).toJson(QJsonDocument::Compact)),
                    [](bool, const QString &) {});
}

void MainWindow::trustCertificate()
{
    const QString id = selectedServer();
    const int row = m_servers->rowOf(id);
    const ServerRow *r = row >= 0 ? m_servers->row(row) : nullptr;
    const auto it = std::find_if(m_profile.servers.begin(), m_profile.servers.end(),
                                 [&id](const ProfileServer &s) { return s.id == id; });
    if (!r || r->refusedCertificateSha256.isEmpty() || it == m_profile.servers.end())
        return;
    TrustCertificateDialog dialog(*r, this);
    if (dialog.exec() != QDialog::Accepted || dialog.fingerprint().isEmpty())
        return;
    const ProfileServer before = *it;
    it->pinSha256 = dialog.fingerprint();
    const ProfileServer after = *it;
    QMetaObject::invokeMethod(m_host,
                              [h = m_host, before, after]() { h->editServer(before, after); });
    setModified(true);
    statusBar()->showMessage(tr("%1: certificate pinned; connecting again").arg(id), 5000);
}

void MainWindow::exportCsv()
{
    const QString path = QFileDialog::getSaveFileName(
        this, tr("Export CSV"), QStringLiteral("pool-stats.csv"), tr("CSV files (*.csv)"));
    if (!path.isEmpty())
        QMetaObject::invokeMethod(m_host, [h = m_host, path]() { h->exportCsv(path); });
}

void MainWindow::setModified(bool modified)
{
    m_modified = modified;
    updateTitle();
}

void MainWindow::updateTitle()
{
    const QString name
        = m_profilePath.isEmpty() ? tr("Untitled pool") : QFileInfo(m_profilePath).fileName();
    setWindowTitle(tr("%1[*] — MCP Pool Monitor").arg(name));
    setWindowModified(m_modified);
}

bool MainWindow::confirmDiscard()
{
    if (!m_modified)
        return true;
    const auto answer = QMessageBox::question(
        this, tr("Unsaved Changes"), tr("The pool has changes that are not saved. Save them?"),
        QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
    if (answer == QMessageBox::Save)
        return saveProfile(false);
    return answer == QMessageBox::Discard;
}

void MainWindow::restoreLayout()
{
    QSettings settings;
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_table->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("window/serverColumns")).toByteArray());
}

void MainWindow::saveLayout()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    settings.setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings.setValue(QStringLiteral("window/serverColumns"),
                      m_table->horizontalHeader()->saveState());
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    if (!confirmDiscard()) {
        event->ignore();
        return;
    }
    saveLayout();
    event->accept();
}

} // namespace mcppm::ui
