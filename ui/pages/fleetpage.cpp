#include "fleetpage.h"

#include "charts/poolcharts.h"
#include "models/endpointclientmodel.h"
#include "models/eventlogfiltermodel.h"
#include "models/eventlogmodel.h"
#include "models/servertablemodel.h"
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
#include <QSettings>
#include <QSortFilterProxyModel>
#include <QSplitter>
#include <QTabWidget>
#include <QTableView>
#include <QToolButton>
#include <QVBoxLayout>

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
    m_splitter->addWidget(top);
    m_splitter->addWidget(m_tabs);
    m_splitter->setStretchFactor(0, 2);
    m_splitter->setStretchFactor(1, 3);
    layout->addWidget(m_splitter, 1);
}

FleetPage::~FleetPage() = default;

QWidget *FleetPage::buildSummary()
{
    auto *bar = new QWidget(this);
    auto *summary = new QHBoxLayout(bar);
    summary->setContentsMargins(0, 0, 0, 0);
    m_serversLabel = new QLabel(bar);
    m_serversLabel->setAccessibleName(tr("Server summary"));
    m_queueLabel = new QLabel(bar);
    m_queueLabel->setAccessibleName(tr("Queue summary"));
    auto *strategyLabel = new QLabel(tr("S&trategy:"), bar);
    m_strategy = new QComboBox(bar);
    m_strategy->setAccessibleName(tr("Load-balancing strategy"));
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
    summary->addWidget(m_serversLabel);
    summary->addSpacing(24);
    summary->addWidget(m_queueLabel);
    summary->addStretch();
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
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setSectionsMovable(true);
    m_table->setContextMenuPolicy(Qt::ActionsContextMenu);
    m_table->setColumnWidth(ServerTableModel::Url, 230);
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
    QStringList ids;
    for (const ServerRow &row : s.servers)
        ids << row.id;
    m_protocol->setServers(ids);
    m_events->append(s.events, s.droppedEvents);
    if (!s.events.isEmpty())
        m_eventView->scrollToBottom();
    m_charts->addSamples(s.newSamples);
    m_serversLabel->setText(
        tr("<b>%1</b> servers · <span style='color:#2e9d4f'>%2 healthy</span> · "
           "<span style='color:#c77c00'>%3 degraded</span> · "
           "<span style='color:#d03b3b'>%4 offline</span>")
            .arg(s.servers.size())
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

void FleetPage::restoreLayout(const QSettings &settings)
{
    m_splitter->restoreState(settings.value(QStringLiteral("window/splitter")).toByteArray());
    m_table->horizontalHeader()->restoreState(
        settings.value(QStringLiteral("window/serverColumns")).toByteArray());
}

void FleetPage::saveLayout(QSettings *settings) const
{
    settings->setValue(QStringLiteral("window/splitter"), m_splitter->saveState());
    settings->setValue(QStringLiteral("window/serverColumns"),
                       m_table->horizontalHeader()->saveState());
}

} // namespace mcppm::ui
