// ServerTableModel: rows follow snapshots with inserts, removals and ranged
// dataChanged only (never a reset), edits go out as serverEdited, and the
// model passes QAbstractItemModelTester throughout.

#include "models/eventlogmodel.h"
#include "models/protocolmodel.h"
#include "models/servertablemodel.h"

#include <QAbstractItemModelTester>
#include <QIcon>
#include <QImage>
#include <QPixmap>
#include <QSet>
#include <QSignalSpy>
#include <QSortFilterProxyModel>
#include <QTest>

using namespace mcppm;
using namespace mcppm::ui;

namespace {
ServerRow row(const QString &id, const QString &status = QStringLiteral("online"))
{
    ServerRow r;
    r.id = id;
    r.url = QStringLiteral("http://127.0.0.1:1/%1").arg(id);
    r.status = status;
    return r;
}
} // namespace

class TestServerTableModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void processColumns()
    {
        ServerTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        ServerRow local = row(QStringLiteral("local#1"));
        local.url = QStringLiteral("stdio:mcp-demo-worker");
        local.local = true;
        local.pid = 4242;
        local.cpuPercent = 12.345;
        local.rssBytes = 3 * 1024 * 1024 / 2;
        local.restarts = 2;
        local.processState = QStringLiteral("running");
        ServerRow gaveUp = local;
        gaveUp.id = QStringLiteral("local#2");
        gaveUp.pid = 0;
        gaveUp.processState = QStringLiteral("gave-up");
        model.apply({local, gaveUp, row(QStringLiteral("web"))});
        auto text = [&model](int r, int c) { return model.data(model.index(r, c)).toString(); };
        QCOMPARE(model.headerData(ServerTableModel::Pid, Qt::Horizontal).toString(),
                 QStringLiteral("PID"));
        QCOMPARE(text(0, ServerTableModel::Pid), QStringLiteral("4242"));
        QCOMPARE(text(0, ServerTableModel::Cpu), QStringLiteral("12.3 %"));
        QCOMPARE(text(0, ServerTableModel::Memory), QStringLiteral("1.5 MiB"));
        QCOMPARE(text(0, ServerTableModel::Restarts), QStringLiteral("2"));
        QCOMPARE(text(1, ServerTableModel::Pid), QStringLiteral("gave up"));
        QCOMPARE(text(1, ServerTableModel::Cpu), QString());
        for (int c = ServerTableModel::Pid; c <= ServerTableModel::Restarts; ++c)
            QCOMPARE(text(2, c), QString()); // a URL server has no process
        QCOMPARE(model.data(model.index(0, ServerTableModel::Memory), ServerTableModel::SortRole)
                     .toLongLong(),
                 local.rssBytes);
        // A new reading changes the row.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        local.cpuPercent = 50;
        model.apply({local, gaveUp, row(QStringLiteral("web"))});
        QCOMPARE(changed.size(), 1);
    }

    void followsSnapshotsWithoutResets()
    {
        ServerTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);

        QList<ServerRow> rows{row(QStringLiteral("a")), row(QStringLiteral("b")),
                              row(QStringLiteral("c")), row(QStringLiteral("d"))};
        model.apply(rows);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.columnCount(), int(ServerTableModel::ColumnCount));

        // Nothing changed: no signal at all.
        model.apply(rows);
        QCOMPARE(changed.size(), 0);

        // Rows 1 and 2 change (one range), row 0 stays.
        rows[1].requests = 5;
        rows[2].status = QStringLiteral("offline");
        model.apply(rows);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), 2);
        // Rows 0 and 3 change: two separate ranges.
        changed.clear();
        rows[0].activeTasks = 2;
        rows[3].p50Ms = 1.5;
        model.apply(rows);
        QCOMPARE(changed.size(), 2);

        // b leaves, e arrives.
        rows.removeAt(1);
        rows.append(row(QStringLiteral("e"), QStringLiteral("connecting")));
        model.apply(rows);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 2);
        QCOMPARE(model.rowOf(QStringLiteral("b")), -1);
        QCOMPARE(model.rowOf(QStringLiteral("e")), 3);
        model.apply({});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(reset.size(), 0);
    }

    void thousandRowsTickTouchesOnlyChangedRows()
    {
        // 1 000 servers, 100 of them change in a tick: dataChanged covers exactly
        // those rows, and nothing structural or layout-wide is emitted.
        ServerTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<ServerRow> rows;
        for (int i = 0; i < 1000; ++i)
            rows.append(row(QStringLiteral("s%1").arg(i, 4, 10, QLatin1Char('0'))));
        model.apply(rows);
        QCOMPARE(model.rowCount(), 1000);

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy layout(&model, &QAbstractItemModel::layoutChanged);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSet<int> expected;
        for (int i = 3; i < 1000; i += 10) { // every tenth row: 100 separate rows
            rows[i].requests += 1;
            rows[i].p50Ms = 2.5;
            expected.insert(i);
        }
        QCOMPARE(expected.size(), 100);
        model.apply(rows);
        QSet<int> touched;
        for (const QList<QVariant> &args : std::as_const(changed)) {
            const QModelIndex from = args.at(0).toModelIndex();
            const QModelIndex to = args.at(1).toModelIndex();
            for (int r = from.row(); r <= to.row(); ++r)
                touched.insert(r);
        }
        QCOMPARE(touched, expected);
        QCOMPARE(changed.size(), 100); // no two of them adjacent: one range each
        QCOMPARE(reset.size(), 0);
        QCOMPARE(layout.size(), 0);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 0);

        // 100 adjacent rows change: one range.
        changed.clear();
        for (int i = 500; i < 600; ++i)
            rows[i].activeTasks += 1;
        model.apply(rows);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 500);
        QCOMPARE(changed.first().at(1).toModelIndex().row(), 599);
        QCOMPARE(reset.size() + layout.size(), 0);
    }

    void displaysStatusWithIconAndText()
    {
        ServerTableModel model;
        ServerRow r = row(QStringLiteral("w1"), QStringLiteral("degraded"));
        r.lastError = QStringLiteral("HTTP 500 from http://127.0.0.1:1/w1");
        r.requests = 200;
        r.errors = 10;
        r.errorRate = 0.05;
        r.p50Ms = 1.234;
        r.p95Ms = 12.5;
        r.lastCheckAgeMs = 4200;
        model.apply({r});
        auto cell = [&](int column, int role = Qt::DisplayRole) {
            return model.data(model.index(0, column), role);
        };
        QCOMPARE(cell(ServerTableModel::Status).toString(), QStringLiteral("Degraded"));
        QVERIFY(!cell(ServerTableModel::Status, Qt::DecorationRole).value<QIcon>().isNull());
        QCOMPARE(cell(ServerTableModel::Status, Qt::ToolTipRole).toString(), r.lastError);
        QCOMPARE(cell(ServerTableModel::ErrorRate).toString(), QStringLiteral("5.0 %"));
        QCOMPARE(cell(ServerTableModel::P50).toString(), QStringLiteral("1.23"));
        QCOMPARE(cell(ServerTableModel::P95).toString(), QStringLiteral("12.5"));
        QCOMPARE(cell(ServerTableModel::LastCheck).toString(), QStringLiteral("4 s ago"));
        QCOMPARE(cell(ServerTableModel::P95, ServerTableModel::SortRole).toDouble(), 12.5);
        QCOMPARE(cell(ServerTableModel::Id, ServerTableModel::StatusRole).toString(),
                 QStringLiteral("degraded"));
        QVERIFY(ServerTableModel::statusColor(QStringLiteral("online"))
                != ServerTableModel::statusColor(QStringLiteral("offline")));
    }

    void showsServerTextEscaped()
    {
        // A hostile server's strings never reach a view with control characters.
        ServerTableModel model;
        ServerRow r = row(QStringLiteral("w1"), QStringLiteral("degraded"));
        r.serverName = QStringLiteral("evil\x1b]0;pwned\x07");
        r.serverVersion = QStringLiteral("1\x1b[2J");
        r.protocolVersion = QStringLiteral("2025") + QChar(0x202e);
        r.lastError = QStringLiteral("HTTP 500 Broken\x1b[2J\nsecond line");
        model.apply({r});
        auto cell = [&](int column, int role = Qt::DisplayRole) {
            return model.data(model.index(0, column), role).toString();
        };
        QCOMPARE(cell(ServerTableModel::ServerName),
                 QStringLiteral("evil\\x1b]0;pwned\\x07 1\\x1b[2J"));
        QCOMPARE(cell(ServerTableModel::Protocol), QStringLiteral("2025\\u{202e}"));
        QCOMPARE(cell(ServerTableModel::Status, Qt::ToolTipRole),
                 QStringLiteral("HTTP 500 Broken\\x1b[2J\nsecond line")); // newlines kept
        EventLogModel log(10);
        log.append({{1000, PoolEvent::Kind::Error, QStringLiteral("w1"),
                     QStringLiteral("reason \x1b]0;t\x07\nmore")}});
        QCOMPARE(log.data(log.index(0, EventLogModel::Text)).toString(),
                 QStringLiteral("reason \\x1b]0;t\\x07\\x0amore"));
        QCOMPARE(log.data(log.index(0, EventLogModel::Text), Qt::ToolTipRole).toString(),
                 QStringLiteral("reason \\x1b]0;t\\x07\nmore"));
    }

    void showsNeedsSignIn()
    {
        // A server waiting for an OAuth sign-in: its own text, colour and icon
        // shape (not colour alone), and a tooltip saying how to sign in.
        ServerTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        ServerRow r = row(QStringLiteral("secured"), QStringLiteral("needs-sign-in"));
        r.authState = QStringLiteral("needs-sign-in");
        r.lastError = QStringLiteral("sign-in required");
        model.apply({r, row(QStringLiteral("down"), QStringLiteral("offline"))});
        auto cell = [&](int rowIndex, int role) {
            return model.data(model.index(rowIndex, ServerTableModel::Status), role);
        };
        QCOMPARE(cell(0, Qt::DisplayRole).toString(), QStringLiteral("Needs sign-in"));
        QCOMPARE(ServerTableModel::statusText(QStringLiteral("needs-sign-in")),
                 QStringLiteral("Needs sign-in"));
        const QString tip = cell(0, Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QStringLiteral("Sign In")), qPrintable(tip));
        QVERIFY(tip.contains(r.lastError));
        const QColor colour = ServerTableModel::statusColor(QStringLiteral("needs-sign-in"));
        for (const char *other : {"online", "degraded", "offline", "connecting", "disabled"})
            QVERIFY(colour != ServerTableModel::statusColor(QString::fromLatin1(other)));
        // Another shape than an offline server's: the icons' alpha masks differ.
        auto mask = [&](int rowIndex) {
            return cell(rowIndex, Qt::DecorationRole)
                .value<QIcon>()
                .pixmap(12, 12)
                .toImage()
                .convertToFormat(QImage::Format_Alpha8);
        };
        QVERIFY(!mask(0).isNull());
        QVERIFY(mask(0) != mask(1));
        QCOMPARE(cell(0, ServerTableModel::StatusRole).toString(), QStringLiteral("needs-sign-in"));
        // Signing in with OAuth: asked for (this one), or an OAuth client never used.
        QVERIFY(ServerTableModel::usesOAuth(r));
        ServerRow plain = row(QStringLiteral("plain"));
        QVERIFY(!ServerTableModel::usesOAuth(plain));
        plain.authState = QStringLiteral("needs-sign-in");
        QVERIFY(!ServerTableModel::usesOAuth(plain));
        plain.authState = QStringLiteral("signed-in");
        QVERIFY(ServerTableModel::usesOAuth(plain));
        // Draining too: the status text keeps saying what is missing.
        r.draining = true;
        model.apply({r});
        QCOMPARE(cell(0, Qt::DisplayRole).toString(), QStringLiteral("Needs sign-in, draining"));
    }

    void sortsNumbersAsNumbers()
    {
        ServerTableModel model;
        QList<ServerRow> rows;
        for (int i : {9, 10, 100, 2}) {
            ServerRow r = row(QStringLiteral("s%1").arg(i));
            r.requests = i;
            rows << r;
        }
        model.apply(rows);
        QSortFilterProxyModel proxy;
        QAbstractItemModelTester tester(&proxy,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.setSortRole(ServerTableModel::SortRole);
        proxy.sort(ServerTableModel::Requests);
        QStringList order;
        for (int i = 0; i < proxy.rowCount(); ++i)
            order << proxy.index(i, ServerTableModel::Requests).data().toString();
        QCOMPARE(order,
                 (QStringList{QStringLiteral("2"), QStringLiteral("9"), QStringLiteral("10"),
                              QStringLiteral("100")}));
    }

    void editsPriorityAndWeight()
    {
        ServerTableModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.apply({row(QStringLiteral("w1"))});
        QSignalSpy edited(&model, &ServerTableModel::serverEdited);
        QVERIFY(model.flags(model.index(0, ServerTableModel::Priority)) & Qt::ItemIsEditable);
        QVERIFY(!(model.flags(model.index(0, ServerTableModel::Url)) & Qt::ItemIsEditable));
        QVERIFY(model.setData(model.index(0, ServerTableModel::Priority), 7));
        QVERIFY(model.setData(model.index(0, ServerTableModel::Weight), 3));
        QVERIFY(!model.setData(model.index(0, ServerTableModel::Weight), 0)); // weight >= 1
        QVERIFY(!model.setData(model.index(0, ServerTableModel::Url), QStringLiteral("x")));
        QCOMPARE(edited.size(), 2);
        QCOMPARE(edited.last().at(0).toString(), QStringLiteral("w1"));
        QCOMPARE(edited.last().at(1).toInt(), 7);
        QCOMPARE(edited.last().at(2).toInt(), 3);
    }

    void protocolLogIsBounded()
    {
        ProtocolModel model(5);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<TrafficRecord> records;
        for (int i = 0; i < 4; ++i)
            records.append({1000 + i, QStringLiteral("w1"), i % 2 == 0,
                            i % 2 == 0 ? QStringLiteral("tools/call") : QString(),
                            QStringLiteral("{\"n\": %1}").arg(i)});
        model.append(records);
        QCOMPARE(model.rowCount(), 4);
        QVERIFY(model.index(0).data().toString().contains(QStringLiteral("→ tools/call")));
        QVERIFY(model.index(1).data().toString().contains(QStringLiteral("← answer")));
        model.append(records, 2); // 4 + 4 + a note > 5
        QCOMPARE(model.rowCount(), 5);
        QVERIFY(model.record(4)->text.contains(QStringLiteral("2 message")));
        QCOMPARE(model.index(3).data(ProtocolModel::MessageRole).toString(),
                 QStringLiteral("{\"n\": 3}"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        // A hostile server's method name and message text: no C1 control or bidi
        // override reaches the view (JSON itself already escapes C0 controls).
        model.append({{2000, QStringLiteral("w1"), false, QStringLiteral("evil\x1b]0;title\x07"),
                       QStringLiteral("{\"a\": \"x\u009b2J\u202Ey\"}\n  next")}});
        const QString shown = model.index(0).data().toString();
        const QString message = model.index(0).data(ProtocolModel::MessageRole).toString();
        for (const QString &text : {shown, message}) {
            QVERIFY2(!text.contains(QChar(0x1b)) && !text.contains(QChar(0x9b))
                         && !text.contains(QChar(0x202e)) && !text.contains(QChar(0x07)),
                     qPrintable(text));
        }
        QVERIFY(shown.contains(QStringLiteral("evil\\x1b]0;title\\x07")));
        QVERIFY(message.contains(QStringLiteral("\n  next"))); // line breaks kept
    }

    void eventLogIsBounded()
    {
        EventLogModel model(10);
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QList<PoolEvent> events;
        for (int i = 0; i < 7; ++i)
            events.append({1000 + i, PoolEvent::Kind::Health, QStringLiteral("w1"),
                           QStringLiteral("e%1").arg(i)});
        model.append(events);
        QCOMPARE(model.rowCount(), 7);
        model.append(events); // 14 > 10: the oldest leave
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.eventAt(0)->text, QStringLiteral("e4"));
        model.append({}, 3); // dropped events are summarised in one row
        QCOMPARE(model.rowCount(), 10);
        QVERIFY(model.eventAt(9)->text.contains(QStringLiteral("3 more")));
        QCOMPARE(model.data(model.index(0, EventLogModel::Kind)).toString(),
                 QStringLiteral("Health"));
        QList<PoolEvent> many;
        for (int i = 0; i < 25; ++i)
            many.append({2000 + i, PoolEvent::Kind::Retry, {}, QStringLiteral("m%1").arg(i)});
        model.append(many); // more than the capacity at once
        QCOMPARE(model.rowCount(), 10);
        QCOMPARE(model.eventAt(9)->text, QStringLiteral("m24"));
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestServerTableModel)
#include "tst_servertablemodel.moc"
