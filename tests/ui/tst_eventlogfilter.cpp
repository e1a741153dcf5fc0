// The event log's filters: EventLogFilterModel by kind, server, least severity
// and text over an EventLogModel (both under QAbstractItemModelTester while
// rows arrive, leave and the filters change), and the Fleet page's filter bar
// driving it.

#include "controllers/poolclient.h"
#include "models/eventlogfiltermodel.h"
#include "models/eventlogmodel.h"
#include "pages/fleetpage.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QComboBox>
#include <QMenu>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolButton>

using namespace mcppm;
using namespace mcppm::ui;

using Kind = PoolEvent::Kind;
using Severity = PoolEvent::Severity;

namespace {
QList<PoolEvent> sample()
{
    return {
        {1000, Kind::Health, QStringLiteral("w1"), QStringLiteral("now online"), Severity::Info},
        {1001, Kind::Health, QStringLiteral("w2"), QStringLiteral("now offline: refused"),
         Severity::Error},
        {1002, Kind::Failover, QStringLiteral("w2"), QStringLiteral("task 3 moves on")},
        {1003, Kind::Failover, QStringLiteral("w2"),
         QStringLiteral("35 calls moved to other servers in the last 10 s"), std::nullopt, 35},
        {1004, Kind::Warning, QStringLiteral("w3"),
         QStringLiteral("tools differ from the pool's majority: missing add")},
        {1005, Kind::Info, {}, QStringLiteral("pool started with 3 servers")},
        {1006, Kind::TaskFailed, QStringLiteral("w1"), QStringLiteral("task 9: HTTP 500")},
        {1007, Kind::Info, QStringLiteral("w1"),
         QStringLiteral("task 10 cancelled by the operator")},
    };
}

QStringList texts(const QAbstractItemModel &model)
{
    QStringList out;
    for (int r = 0; r < model.rowCount(); ++r)
        out << model.index(r, EventLogModel::Text).data().toString();
    return out;
}
} // namespace

class TestEventLogFilter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void severityAndRoles()
    {
        EventLogModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy servers(&model, &EventLogModel::serversChanged);
        model.append(sample());
        QCOMPARE(servers.size(), 1); // once per batch that names a new server
        QCOMPARE(model.servers(),
                 (QStringList{QStringLiteral("w1"), QStringLiteral("w2"), QStringLiteral("w3")}));
        auto severityOf = [&](int row) {
            return Severity(model.index(row, 0).data(EventLogModel::SeverityRole).toInt());
        };
        QCOMPARE(severityOf(0), Severity::Info); // health, set explicitly
        QCOMPARE(severityOf(1), Severity::Error);
        QCOMPARE(severityOf(2), Severity::Warning); // failover: by kind
        QCOMPARE(severityOf(4), Severity::Warning); // drift is a warning
        QCOMPARE(severityOf(6), Severity::Error);
        QCOMPARE(severityOf(7), Severity::Info); // a cancel
        QCOMPARE(model.index(3, 0).data(EventLogModel::CountRole).toInt(), 35);
        QVERIFY(model.index(3, EventLogModel::Text).data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(!model.index(1, EventLogModel::Kind).data(Qt::ForegroundRole).isNull());
        QVERIFY(model.index(0, EventLogModel::Kind).data(Qt::ForegroundRole).isNull());
        model.append({{2000, Kind::Retry, QStringLiteral("w1"), QStringLiteral("again")}});
        QCOMPARE(servers.size(), 1); // no new server
        model.clear();
        QCOMPARE(servers.size(), 2);
        QVERIFY(model.servers().isEmpty());
    }

    void filtersByKindServerSeverityAndText()
    {
        EventLogModel model(6); // small: rows leave at the front while filtered
        EventLogFilterModel filter;
        filter.setSourceModel(&model);
        QAbstractItemModelTester tester(&filter,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.append(sample()); // 8 into 6: the first two left already
        QCOMPARE(filter.rowCount(), 6);
        QVERIFY(!filter.isFiltering());

        filter.setKindShown(Kind::Failover, false);
        QVERIFY(filter.isFiltering());
        QVERIFY(!filter.isKindShown(Kind::Failover));
        QCOMPARE(filter.rowCount(), 4);
        filter.setServer(QStringLiteral("w1"));
        QCOMPARE(texts(filter),
                 (QStringList{QStringLiteral("task 9: HTTP 500"),
                              QStringLiteral("task 10 cancelled by the operator")}));
        filter.setMinimumSeverity(Severity::Warning);
        QCOMPARE(texts(filter), QStringList{QStringLiteral("task 9: HTTP 500")});
        filter.setServer({});
        filter.showAllKinds();
        // Warnings and errors, every server: the failovers, the summary, drift, the failure.
        QCOMPARE(filter.rowCount(), 4);
        filter.setMinimumSeverity(Severity::Error);
        QCOMPARE(texts(filter), QStringList{QStringLiteral("task 9: HTTP 500")});
        filter.setMinimumSeverity(Severity::Info);
        filter.setFilterFixedString(QStringLiteral("MOVED")); // any column, any case
        QCOMPARE(filter.rowCount(), 1);
        filter.setFilterFixedString({});

        // New rows pass the filter as they come; old ones leave.
        filter.setServer(QStringLiteral("w9"));
        QCOMPARE(filter.rowCount(), 0);
        model.append({{3000, Kind::Health, QStringLiteral("w9"), QStringLiteral("now degraded")},
                      {3001, Kind::Health, QStringLiteral("w1"), QStringLiteral("now online")}});
        QCOMPARE(texts(filter), QStringList{QStringLiteral("now degraded")});
        // Events of the pool itself (no server) only under "all servers".
        filter.setServer({});
        filter.setFilterFixedString(QStringLiteral("pool started"));
        QCOMPARE(filter.rowCount(), 1);
        filter.setServer(QStringLiteral("w1"));
        QCOMPARE(filter.rowCount(), 0);
        // The oldest rows left (capacity 6): the first failovers are gone.
        filter.setServer({});
        filter.setFilterFixedString(QStringLiteral("moves on"));
        QCOMPARE(filter.rowCount(), 0);
        model.clear();
        QCOMPARE(filter.rowCount(), 0);
    }

    void filterBarOnTheFleetPage()
    {
        PoolClient pool; // detached: nothing is sent anywhere
        FleetPage page(&pool);
        PoolSnapshot s;
        s.events = sample();
        s.failed = 2;
        s.cancelled = 1;
        page.applySnapshot(s);
        EventLogFilterModel *filter = page.eventFilter();
        QCOMPARE(filter->rowCount(), 8);
        auto *server = page.findChild<QComboBox *>(QStringLiteral("eventServer"));
        auto *severity = page.findChild<QComboBox *>(QStringLiteral("eventSeverity"));
        auto *kinds = page.findChild<QToolButton *>(QStringLiteral("eventKinds"));
        QVERIFY(server && severity && kinds && kinds->menu());
        QCOMPARE(server->count(), 4); // all + w1, w2, w3
        server->setCurrentIndex(server->findData(QStringLiteral("w2")));
        QCOMPARE(filter->rowCount(), 3);
        severity->setCurrentIndex(severity->findData(int(Severity::Error)));
        QCOMPARE(texts(*filter), QStringList{QStringLiteral("now offline: refused")});
        severity->setCurrentIndex(0);
        for (QAction *a : kinds->menu()->actions()) {
            if (a->isCheckable() && a->data().toInt() == int(Kind::Failover))
                a->setChecked(false);
        }
        QCOMPARE(texts(*filter), QStringList{QStringLiteral("now offline: refused")});
        // A server new to the log joins the list; the choice stays.
        s.events = {{5000, Kind::Health, QStringLiteral("w0"), QStringLiteral("now online")}};
        page.applySnapshot(s);
        QCOMPARE(server->count(), 5);
        QCOMPARE(server->currentData().toString(), QStringLiteral("w2"));
        page.clear(); // a new profile: the list starts again
        QCOMPARE(server->count(), 1);
        QCOMPARE(filter->server(), QString());
    }
};

QTEST_MAIN(TestEventLogFilter)
#include "tst_eventlogfilter.moc"
