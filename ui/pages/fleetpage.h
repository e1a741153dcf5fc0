#pragma once

#include "pool/poolsnapshot.h"

#include <QList>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QSettings;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;
class QToolButton;

namespace mcppm::ui {

class EndpointClientModel;

class EventLogFilterModel;
class EventLogModel;
class PoolCharts;
class PoolClient;
class ProtocolView;
class ServerTableModel;

// The Fleet page: the summary bar (servers, queue, strategy, pause), the
// filtered server table, and below it the pool charts, the event log and the
// protocol view. Shows snapshots; the window decides what a choice here does.
class FleetPage final : public QWidget
{
    Q_OBJECT
public:
    explicit FleetPage(PoolClient *pool, QWidget *parent = nullptr);
    ~FleetPage() override;
    Q_DISABLE_COPY_MOVE(FleetPage)

    void applySnapshot(const PoolSnapshot &snapshot);
    void clear(); // a new profile: no events, no chart history
    // The server table's context menu.
    void setServerActions(const QList<QAction *> &actions);

    QString selectedServer() const;
    void selectServer(const QString &id);

    ServerTableModel *serverModel() const { return m_servers; }
    EventLogModel *eventModel() const { return m_events; }
    EventLogFilterModel *eventFilter() const { return m_eventProxy; }
    QTableView *eventView() const { return m_eventView; }
    PoolCharts *charts() const { return m_charts; }
    QTabWidget *tabs() const { return m_tabs; }
    ProtocolView *protocolView() const { return m_protocol; }
    QTableView *serverTable() const { return m_table; }

    void restoreLayout(const QSettings &settings);
    void saveLayout(QSettings *settings) const;
    // View › Reset Layout: the splitter, the columns (order, widths, the default
    // set shown) and both panes as on a first start.
    void resetLayout();

    // The panes View shows and hides: the summary bar above the table, and the
    // charts / events / protocol / clients tabs below it.
    QWidget *summaryBar() const { return m_summaryBar; }
    QWidget *lowerPane() const;
    // The column chooser (the table header's context menu and View › Server
    // Columns): one checkable action per column of the model, whatever it
    // holds; the server id column always shows. Kept in QSettings at once.
    void fillColumnMenu(QMenu *menu);
    bool isColumnShown(int column) const;
    void setColumnShown(int column, bool shown);
    void showProcessColumnsOnce(const QList<ServerRow> &rows);
    // Columns hidden on a first start (and after Reset Layout).
    static QList<int> defaultHiddenColumns();

Q_SIGNALS:
    void selectionChanged();
    // The user chose a load-balancing strategy, or paused / resumed intake.
    void strategyChosen(const QString &name);
    void pauseToggled(bool paused);

private:
    QWidget *buildSummary();
    QWidget *buildServers();
    QWidget *buildEventLog();
    QWidget *buildClients();
    QWidget *buildEventFilterBar(QWidget *parent);
    void updateEventServers();
    void saveHiddenColumns() const;

    ServerTableModel *m_servers = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    EventLogModel *m_events = nullptr;
    EventLogFilterModel *m_eventProxy = nullptr;
    QTableView *m_table = nullptr;
    QTableView *m_eventView = nullptr;
    QLineEdit *m_filter = nullptr;
    QLineEdit *m_eventFilter = nullptr;
    QToolButton *m_eventKinds = nullptr;
    QComboBox *m_eventServer = nullptr;
    QComboBox *m_eventSeverity = nullptr;
    QSplitter *m_splitter = nullptr;
    QTabWidget *m_tabs = nullptr;
    PoolCharts *m_charts = nullptr;
    ProtocolView *m_protocol = nullptr;
    QComboBox *m_strategy = nullptr;
    QToolButton *m_pause = nullptr;
    QLabel *m_serversLabel = nullptr;
    QLabel *m_queueLabel = nullptr;
    EndpointClientModel *m_clients = nullptr;
    QLabel *m_endpointLabel = nullptr;
    QWidget *m_summaryBar = nullptr;
    QByteArray m_defaultSplitter; // as built, for Reset Layout
    QByteArray m_defaultColumns;
};

} // namespace mcppm::ui
