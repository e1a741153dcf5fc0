#include "fleetpage.h"

#include "charts/poolcharts.h"
#include "models/endpointclientmodel.h"
#include "models/eventlogfiltermodel.h"
#include "models/eventlogmodel.h"
#include "models/servertablemodel.h"
#include "widgets/fulltextdelegate.h"
#include "widgets/protocolview.h"

#include "net/safetext.h"
#include "pool/loadbalancer.h"

#include <QAction>
#include <QComboBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QScrollBar>
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

namespace mcppm::ui {

FleetPage::FleetPage(PoolClient *pool, QWidget *parent)
    : QWidget(parent)
{
    setObjectName(QStringLiteral("fleetPage"));
    m_servers = new ServerTableModel(this);
    m_events = new EventLogModel(5000, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(buildSummary());
    m_splitter = new QSplitter(Qt::Vertical, this);
    m_splitter->setObjectName(QStringLiteral("mainSplitter"));
    QWidget *top = buildServers();
    // Charts, the event log and the protocol view.
    m_tabs = new QTabWidget(m_splitter);
    m_charts = new PoolCharts(m_tabs);
    m_tabs->addTab(m_charts, tr("&Charts"));
    m_tabs->addTab(buildEventLog(), tr("&Events"));
    m_protocol = new ProtocolView(pool, m_tabs);
    m_tabs->addTab(m_protocol, tr("Pr&otocol"));
    m_tabs->addTab(buildClients(), tr("Cl&ients"));
    m_tabs->setObjectName(QStringLiteral("fleetTabs"));
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_tabs);
    // The table keeps its four rows; the charts and logs take what is left.
    m_splitter->setChildrenCollapsible(false);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    m_splitter->setSizes({top->minimumSizeHint().height() + 40, 480});
    layout->addWidget(m_splitter, 1);
    m_defaultSplitter = m_splitter->saveState();
    m_defaultColumns = m_table->horizontalHeader()->saveState();
    for (int column : defaultHiddenColumns())
        m_table->setColumnHidden(column, true);
}

FleetPage::~FleetPage() = default;

QWidget *FleetPage::buildSummary()
{
    auto *bar = new QWidget(this);
    bar->setObjectName(QStringLiteral("summaryBar"));
    m_summaryBar = bar;
    auto *summary = new QHBoxLayout(bar);
    summary->setContentsMargins(0, 0, 0, 0);
    // In a narrow window the counts wrap onto a second line rather than run
    // into each other or into the strategy.
    m_serversLabel = new QLabel(bar);
    m_serversLabel->setObjectName(QStringLiteral("serverSummary"));
    m_serversLabel->setAccessibleName(tr("Server summary"));
    m_serversLabel->setWordWrap(true);
    m_queueLabel = new QLabel(bar);
    m_queueLabel->setObjectName(QStringLiteral("queueSummary"));
    m_queueLabel->setAccessibleName(tr("Queue summary"));
    m_queueLabel->setWordWrap(true);
    auto *strategyLabel = new QLabel(tr("S&trategy:"), bar);
    m_strategy = new QComboBox(bar);
    m_strategy->setAccessibleName(tr("Load-balancing strategy"));
    m_strategy->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    const QStringList names = LoadBalancer::names();
    const QStringList labels{tr("Round robin"), tr("Least loaded"), tr("Priority"),
                             tr("Weighted round robin"), tr("Power of two choices")};
    for (int i = 0; i < names.size(); ++i)
        m_strategy->addItem(i < labels.size() ? labels.at(i) : names.at(i), names.at(i));
    strategyLabel->setBuddy(m_strategy);
    connect(m_strategy, &QComboBox::activated, this,
            [this](int i) { Q_EMIT strategyChosen(m_strategy->itemData(i).toString()); });
    m_pause = new QToolButton(bar);
    m_pause->setText(tr("Pause intake"));
    m_pause->setCheckable(true);
    m_pause->setAccessibleName(tr("Pause intake"));
    m_pause->setToolTip(tr("While paused, queued calls wait; running calls finish."));
    connect(m_pause, &QToolButton::toggled, this, &FleetPage::pauseToggled);
    summary->addWidget(m_serversLabel, 2);
    summary->addSpacing(12);
    summary->addWidget(m_queueLabel, 3);
    summary->addSpacing(12);
    summary->addWidget(strategyLabel);
    summary->addWidget(m_strategy);
    summary->addWidget(m_pause);
    return bar;
}

QWidget *FleetPage::buildServers()
{
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
    QHeaderView *header = m_table->horizontalHeader();
    header->setStretchLastSection(true);
    header->setSectionsMovable(true);
    header->setMinimumSectionSize(40);
    // Right-click on the header: which columns show (kept in QSettings).
    header->setContextMenuPolicy(Qt::CustomContextMenu);
    connect(header, &QHeaderView::customContextMenuRequested, this, [this](const QPoint &at) {
        QMenu menu(this);
        fillColumnMenu(&menu);
        menu.exec(m_table->horizontalHeader()->viewport()->mapToGlobal(at));
    });
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->setTextElideMode(Qt::ElideMiddle); // URLs keep host and path ends
    FullTextDelegate::install(m_table);
    // Compact rows, and room for at least four of them however small the window.
    const int rowHeight = m_table->fontMetrics().height() + 8;
    m_table->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_table->setMinimumHeight(header->sizeHint().height() + 4 * rowHeight
                              + m_table->horizontalScrollBar()->sizeHint().height()
                              + 2 * m_table->frameWidth() + 2);
    // Each column as wide as its title (numbers are short), the URL wider.
    for (int c = 0; c < m_servers->columnCount(); ++c) {
        const QString title = m_servers->headerData(c, Qt::Horizontal).toString();
        m_table->setColumnWidth(c,
                                std::max(56, header->fontMetrics().horizontalAdvance(title) + 28));
    }
    m_table->setColumnWidth(ServerTableModel::Id, 110);
    m_table->setColumnWidth(ServerTableModel::Url, 210);
    m_table->setColumnWidth(ServerTableModel::Status, 110);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this,
            &FleetPage::selectionChanged);
    topLayout->addWidget(m_filter);
    topLayout->addWidget(m_table);
    return top;
}

QWidget *FleetPage::buildEventLog()
{
    auto *log = new QWidget(m_tabs);
    auto *logLayout = new QVBoxLayout(log);
    m_eventProxy = new EventLogFilterModel(this);
    m_eventProxy->setSourceModel(m_events);
    logLayout->addWidget(buildEventFilterBar(log));
    m_eventView = new QTableView(log);
    m_eventView->setObjectName(QStringLiteral("eventLog"));
    m_eventView->setAccessibleName(tr("Event log"));
    m_eventView->setModel(m_eventProxy);
    m_eventView->verticalHeader()->hide();
    m_eventView->horizontalHeader()->setStretchLastSection(true);
    m_eventView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_eventView->setWordWrap(false); // one line per event; the full text is the tooltip
    FullTextDelegate::install(m_eventView);
    m_eventView->verticalHeader()->setDefaultSectionSize(m_eventView->fontMetrics().height() + 6);
    m_eventView->setColumnWidth(EventLogModel::Time, 110);
    m_eventView->setColumnWidth(EventLogModel::Server, 120);
    logLayout->addWidget(m_eventView);
    connect(m_events, &EventLogModel::serversChanged, this, &FleetPage::updateEventServers);
    return log;
}

QWidget *FleetPage::buildEventFilterBar(QWidget *parent)
{
    // Text, kinds (a checkable menu), server and least severity.
    auto *bar = new QWidget(parent);
    auto *row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    m_eventFilter = new QLineEdit(bar);
    m_eventFilter->setPlaceholderText(tr("Filter events…"));
    m_eventFilter->setClearButtonEnabled(true);
    m_eventFilter->setAccessibleName(tr("Filter events"));
    connect(m_eventFilter, &QLineEdit::textChanged, m_eventProxy,
            &QSortFilterProxyModel::setFilterFixedString);

    m_eventKinds = new QToolButton(bar);
    m_eventKinds->setObjectName(QStringLiteral("eventKinds"));
    m_eventKinds->setText(tr("Kinds"));
    m_eventKinds->setAccessibleName(tr("Event kinds shown"));
    m_eventKinds->setToolTip(tr("Which kinds of events the log shows"));
    m_eventKinds->setPopupMode(QToolButton::InstantPopup);
    auto *kinds = new QMenu(m_eventKinds);
    for (int k = 0; k < PoolEvent::kKindCount; ++k) {
        const auto kind = PoolEvent::Kind(k);
        QAction *action = kinds->addAction(EventLogModel::kindText(kind));
        action->setCheckable(true);
        action->setChecked(true);
        action->setData(k);
        connect(action, &QAction::toggled, this, [this, kind](bool shown) {
            m_eventProxy->setKindShown(kind, shown);
            bool all = true;
            for (int i = 0; i < PoolEvent::kKindCount; ++i)
                all = all && m_eventProxy->isKindShown(PoolEvent::Kind(i));
            m_eventKinds->setText(all ? tr("Kinds") : tr("Kinds (filtered)"));
        });
    }
    kinds->addSeparator();
    connect(kinds->addAction(tr("Show all kinds")), &QAction::triggered, this, [kinds]() {
        for (QAction *a : kinds->actions()) {
            if (a->isCheckable())
                a->setChecked(true);
        }
    });
    m_eventKinds->setMenu(kinds);

    auto *serverLabel = new QLabel(tr("Server:"), bar);
    m_eventServer = new QComboBox(bar);
    m_eventServer->setObjectName(QStringLiteral("eventServer"));
    m_eventServer->setAccessibleName(tr("Events of server"));
    m_eventServer->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_eventServer->addItem(tr("All servers"), QString());
    serverLabel->setBuddy(m_eventServer);
    connect(m_eventServer, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_eventProxy->setServer(i < 0 ? QString() : m_eventServer->itemData(i).toString());
    });

    auto *severityLabel = new QLabel(tr("Severity:"), bar);
    m_eventSeverity = new QComboBox(bar);
    m_eventSeverity->setObjectName(QStringLiteral("eventSeverity"));
    m_eventSeverity->setAccessibleName(tr("Least severity shown"));
    m_eventSeverity->addItem(tr("All"), int(PoolEvent::Severity::Info));
    m_eventSeverity->addItem(tr("Warnings and errors"), int(PoolEvent::Severity::Warning));
    m_eventSeverity->addItem(tr("Errors only"), int(PoolEvent::Severity::Error));
    severityLabel->setBuddy(m_eventSeverity);
    connect(m_eventSeverity, &QComboBox::currentIndexChanged, this, [this](int i) {
        m_eventProxy->setMinimumSeverity(PoolEvent::Severity(m_eventSeverity->itemData(i).toInt()));
    });

    row->addWidget(m_eventFilter, 1);
    row->addWidget(m_eventKinds);
    row->addWidget(serverLabel);
    row->addWidget(m_eventServer);
    row->addWidget(severityLabel);
    row->addWidget(m_eventSeverity);
    return bar;
}

void FleetPage::updateEventServers()
{
    // The servers the events name; the choice stays while its server is listed.
    const QString chosen = m_eventServer->currentData().toString();
    const QStringList servers = m_events->servers();
    const QSignalBlocker block(m_eventServer);
    while (m_eventServer->count() > 1)
        m_eventServer->removeItem(1);
    for (const QString &id : servers)
        m_eventServer->addItem(SafeText::escape(id), id);
    const int at = m_eventServer->findData(chosen);
    m_eventServer->setCurrentIndex(at < 0 ? 0 : at);
    if (at < 0)
        m_eventProxy->setServer({});
}

void FleetPage::setServerActions(const QList<QAction *> &actions)
{
    m_table->addActions(actions);
}

void FleetPage::clear()
{
    m_events->clear();
    m_charts->clear();
}

QWidget *FleetPage::buildClients()
{
    // Who uses the pool through its MCP endpoint (Pool › Serve as MCP Server…).
    auto *page = new QWidget(this);
    page->setObjectName(QStringLiteral("clientsPage"));
    auto *layout = new QVBoxLayout(page);
    m_endpointLabel = new QLabel(page);
    m_endpointLabel->setObjectName(QStringLiteral("endpointStatus"));
    m_endpointLabel->setWordWrap(true);
    m_endpointLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_endpointLabel->setText(tr("Not serving. Pool › Serve as MCP Server… lets any MCP client "
                                "call the fleet through this pool."));
    layout->addWidget(m_endpointLabel);
    m_clients = new EndpointClientModel(this);
    auto *proxy = new QSortFilterProxyModel(this);
    proxy->setSourceModel(m_clients);
    proxy->setSortRole(EndpointClientModel::SortRole);
    auto *view = new QTableView(page);
    view->setObjectName(QStringLiteral("clientTable"));
    view->setAccessibleName(tr("MCP clients of the pool"));
    view->setModel(proxy);
    view->setSortingEnabled(true);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->verticalHeader()->hide();
    view->horizontalHeader()->setStretchLastSection(true);
    view->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    layout->addWidget(view, 1);
    return page;
}

void FleetPage::applySnapshot(const PoolSnapshot &s)
{
    m_clients->apply(s.endpoint.clients);
    if (!s.endpoint.url.isEmpty())
        m_endpointLabel->setText(
            tr("Serving MCP at <b>%1</b> · %n session(s)", nullptr, s.endpoint.sessions)
                .arg(s.endpoint.url.toHtmlEscaped())
            + tr(" · %n stream(s) · %1 refused", nullptr, s.endpoint.streams)
                  .arg(s.endpoint.refused));
    else if (!s.endpoint.error.isEmpty())
        m_endpointLabel->setText(
            tr("<span style='color:#d03b3b'>%1</span>").arg(s.endpoint.error.toHtmlEscaped()));
    else
        m_endpointLabel->setText(tr("Not serving. Pool › Serve as MCP Server… lets any MCP "
                                    "client call the fleet through this pool."));
    m_servers->apply(s.servers);
    showProcessColumnsOnce(s.servers);
    QStringList ids;
    for (const ServerRow &row : s.servers)
        ids << row.id;
    m_protocol->setServers(ids);
    m_events->append(s.events, s.droppedEvents);
    if (!s.events.isEmpty())
        m_eventView->scrollToBottom();
    m_charts->addSamples(s.newSamples);
    m_serversLabel->setText(
        tr("<b>%n</b> server(s) · <span style='color:#2e9d4f'>%1 healthy</span> · "
           "<span style='color:#c77c00'>%2 degraded</span> · "
           "<span style='color:#d03b3b'>%3 offline</span>",
           nullptr, int(s.servers.size()))
            .arg(s.healthy)
            .arg(s.degraded)
            .arg(s.offline));
    m_queueLabel->setText(
        tr("Queue: <b>%1</b> pending · <b>%2</b> in progress · %3 completed · %4 failed · "
           "%5 cancelled")
            .arg(s.pending)
            .arg(s.running)
            .arg(s.completed)
            .arg(s.failed)
            .arg(s.cancelled));
    if (!s.strategy.isEmpty()) {
        const int i = m_strategy->findData(s.strategy);
        if (i >= 0 && i != m_strategy->currentIndex())
            m_strategy->setCurrentIndex(i);
    }
    if (m_pause->isChecked() != s.paused && !s.strategy.isEmpty()) {
        const QSignalBlocker block(m_pause);
        m_pause->setChecked(s.paused);
    }
}

QString FleetPage::selectedServer() const
{
    const QModelIndexList rows
        = m_table->selectionModel() ? m_table->selectionModel()->selectedRows() : QModelIndexList();
    if (rows.isEmpty())
        return {};
    return rows.first().data(ServerTableModel::ServerIdRole).toString();
}

void FleetPage::selectServer(const QString &id)
{
    const int row = m_servers->rowOf(id);
    if (row < 0)
        return;
    const QModelIndex index = m_proxy->mapFromSource(m_servers->index(row, 0));
    m_table->selectionModel()->select(
        index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
}

QWidget *FleetPage::lowerPane() const
{
    return m_tabs;
}

QList<int> FleetPage::defaultHiddenColumns()
{
    // Shown on demand: the table fits a 1400-pixel window without scrolling.
    // The process columns appear by themselves once a local server is in the pool.
    return {ServerTableModel::LastCheck, ServerTableModel::Protocol, ServerTableModel::Priority,
            ServerTableModel::Weight,    ServerTableModel::Limit,    ServerTableModel::Pid,
            ServerTableModel::Cpu,       ServerTableModel::Memory,   ServerTableModel::Restarts};
}

void FleetPage::showProcessColumnsOnce(const QList<ServerRow> &rows)
{
    // Once per user: after that the column chooser decides (kept in QSettings).
    const QString decided = QStringLiteral("window/processColumnsShown");
    if (QSettings().value(decided).toBool()
        || std::none_of(rows.cbegin(), rows.cend(), [](const ServerRow &r) { return r.local; }))
        return;
    QSettings().setValue(decided, true);
    for (int c : {ServerTableModel::Pid, ServerTableModel::Cpu, ServerTableModel::Memory,
                  ServerTableModel::Restarts})
        setColumnShown(c, true);
}

void FleetPage::restoreLayout(const QSettings &settings)
{
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_table->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("window/serverColumns")).toByteArray());
    // The chosen columns by index: they stay right when a later version adds columns
    // (the header's own state is then ignored).
    if (settings.contains(QStringLiteral("window/hiddenServerColumns"))) {
        const QVariantList hidden
            = settings.value(QStringLiteral("window/hiddenServerColumns")).toList();
        for (int c = 0; c < m_servers->columnCount(); ++c)
            m_table->setColumnHidden(c, c != ServerTableModel::Id && hidden.contains(c));
    }
    m_summaryBar->setVisible(settings.value(QStringLiteral("window/showSummary"), true).toBool());
    m_tabs->setVisible(settings.value(QStringLiteral("window/showLowerPane"), true).toBool());
}

void FleetPage::saveLayout(QSettings *settings) const
{
    settings->setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings->setValue(QStringLiteral("window/serverColumns"),
                       m_table->horizontalHeader()->saveState());
    saveHiddenColumns();
    settings->setValue(QStringLiteral("window/showSummary"), !m_summaryBar->isHidden());
    settings->setValue(QStringLiteral("window/showLowerPane"), !m_tabs->isHidden());
}

void FleetPage::resetLayout()
{
    m_splitter->restoreState(m_defaultSplitter);
    m_table->horizontalHeader()->restoreState(m_defaultColumns);
    for (int c = 0; c < m_servers->columnCount(); ++c)
        m_table->setColumnHidden(c, defaultHiddenColumns().contains(c));
    saveHiddenColumns();
    m_summaryBar->show();
    m_tabs->show();
}

void FleetPage::fillColumnMenu(QMenu *menu)
{
    for (int c = 0; c < m_servers->columnCount(); ++c) {
        QAction *action = menu->addAction(m_servers->headerData(c, Qt::Horizontal).toString());
        action->setCheckable(true);
        action->setChecked(isColumnShown(c));
        action->setEnabled(c != ServerTableModel::Id); // which server a row is: always shown
        action->setData(c);
        connect(action, &QAction::toggled, this, [this, c](bool on) { setColumnShown(c, on); });
    }
    menu->addSeparator();
    connect(menu->addAction(tr("Show All Columns")), &QAction::triggered, this, [this]() {
        for (int c = 0; c < m_servers->columnCount(); ++c)
            setColumnShown(c, true);
    });
}

bool FleetPage::isColumnShown(int column) const
{
    return !m_table->isColumnHidden(column);
}

void FleetPage::setColumnShown(int column, bool shown)
{
    if (column < 0 || column >= m_servers->columnCount()
        || (column == ServerTableModel::Id && !shown))
        return;
    m_table->setColumnHidden(column, !shown);
    if (shown && m_table->columnWidth(column) < 40)
        m_table->setColumnWidth(column, 80);
    saveHiddenColumns();
}

void FleetPage::saveHiddenColumns() const
{
    QVariantList hidden;
    for (int c = 0; c < m_servers->columnCount(); ++c) {
        if (m_table->isColumnHidden(c))
            hidden << c;
    }
    QSettings().setValue(QStringLiteral("window/hiddenServerColumns"), hidden);
}

} // namespace mcppm::ui
