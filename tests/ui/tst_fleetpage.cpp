// The Fleet page in a small window: the summary wraps instead of overlapping,
// the server table keeps room for four rows, the column chooser (kept in
// QSettings, one entry per model column), Reset Layout, English plurals
// ("1 server"), and a blob of a text type shown as text in Resources.

#include "controllers/poolclient.h"
#include "models/servertablemodel.h"
#include "pages/fleetpage.h"
#include "widgets/fulltextdelegate.h"
#include "widgets/resourcebrowser.h"

#include <QAction>
#include <QHeaderView>
#include <QHelpEvent>
#include <QLabel>
#include <QMenu>
#include <QSettings>
#include <QStandardItemModel>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QToolTip>
#include <QTranslator>

using namespace mcppm;
using namespace mcppm::ui;

namespace {
PoolSnapshot snapshot(int servers)
{
    PoolSnapshot s;
    for (int i = 0; i < servers; ++i) {
        ServerRow row;
        row.id = QStringLiteral("worker-%1").arg(i + 1);
        row.url = QStringLiteral("http://127.0.0.1:%1/mcp").arg(40000 + i);
        row.status = QStringLiteral("online");
        s.servers << row;
    }
    s.healthy = servers;
    s.strategy = QStringLiteral("power-of-two");
    s.completed = 123456;
    return s;
}
} // namespace

class TestFleetPage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("mcppm-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_fleetpage"));
    }
    void init() { QSettings().clear(); }

    void pluralsInEnglish()
    {
        QTranslator english;
        QVERIFY(english.load(QStringLiteral(":/i18n/mcp-pool-monitor_en.qm")));
        QCoreApplication::installTranslator(&english);
        PoolClient pool;
        FleetPage page(&pool);
        auto *label = page.findChild<QLabel *>(QStringLiteral("serverSummary"));
        page.applySnapshot(snapshot(1));
        const QString one = label->text();
        page.applySnapshot(snapshot(2));
        const QString two = label->text();
        QCoreApplication::removeTranslator(&english);
        QVERIFY2(one.startsWith(QStringLiteral("<b>1</b> server ·")), qPrintable(one));
        QVERIFY2(two.startsWith(QStringLiteral("<b>2</b> servers ·")), qPrintable(two));
    }

    void smallWindowKeepsFourRowsAndWraps()
    {
        PoolClient pool;
        FleetPage page(&pool);
        page.applySnapshot(snapshot(4));
        page.resize(640, 460); // the Fleet page of a 1024×700 window with the details docked
        page.show();
        QVERIFY(QTest::qWaitForWindowExposed(&page));
        QTableView *table = page.serverTable();
        const int rowHeight = table->verticalHeader()->defaultSectionSize();
        QVERIFY2(
            table->viewport()->height() >= 4 * rowHeight,
            qPrintable(
                QStringLiteral("%1 < 4 × %2").arg(table->viewport()->height()).arg(rowHeight)));
        // The summary's parts side by side without overlapping, each wholly inside.
        auto *servers = page.findChild<QLabel *>(QStringLiteral("serverSummary"));
        auto *queue = page.findChild<QLabel *>(QStringLiteral("queueSummary"));
        QWidget *bar = page.summaryBar();
        QVERIFY(!servers->geometry().intersects(queue->geometry()));
        QVERIFY(bar->rect().contains(servers->geometry()));
        QVERIFY(bar->rect().contains(queue->geometry()));
        for (QWidget *w : bar->findChildren<QWidget *>()) {
            if (w == servers || w == queue || !w->isVisible() || w->parentWidget() != bar)
                continue;
            QVERIFY2(!w->geometry().intersects(servers->geometry())
                         && !w->geometry().intersects(queue->geometry()),
                     w->metaObject()->className());
            QVERIFY(w->width() >= w->minimumSizeHint().width()); // the strategy not cut
        }
        // Text that does not fit wraps: the queue summary needs more than one line.
        QVERIFY(queue->height() > queue->fontMetrics().height() * 3 / 2);
    }

    void columnChooser()
    {
        PoolClient pool;
        ServerTableModel model;
        {
            FleetPage page(&pool);
            QMenu menu;
            page.fillColumnMenu(&menu);
            QList<QAction *> columns;
            for (QAction *a : menu.actions()) {
                if (a->isCheckable())
                    columns << a;
            }
            // One per column of the model, whatever it holds, titled as its header.
            QCOMPARE(columns.size(), page.serverModel()->columnCount());
            for (QAction *a : columns)
                QCOMPARE(
                    a->text(),
                    page.serverModel()->headerData(a->data().toInt(), Qt::Horizontal).toString());
            QVERIFY(!columns.at(ServerTableModel::Id)->isEnabled()); // always shown
            // A few shown on demand only.
            for (int c : FleetPage::defaultHiddenColumns())
                QVERIFY(!columns.at(c)->isChecked());
            QVERIFY(columns.at(ServerTableModel::P95)->isChecked());
            columns.at(ServerTableModel::P95)->toggle();
            QVERIFY(!page.isColumnShown(ServerTableModel::P95));
            columns.at(ServerTableModel::Weight)->toggle();
            QVERIFY(page.isColumnShown(ServerTableModel::Weight));
            page.setColumnShown(ServerTableModel::Id, false);
            QVERIFY(page.isColumnShown(ServerTableModel::Id));
        }
        // Kept in QSettings at once: a new page (the next start) shows the same.
        {
            FleetPage page(&pool);
            page.restoreLayout(QSettings());
            QVERIFY(!page.isColumnShown(ServerTableModel::P95));
            QVERIFY(page.isColumnShown(ServerTableModel::Weight));
            // Reset Layout: the first start's columns and panes.
            page.summaryBar()->hide();
            page.lowerPane()->hide();
            page.resetLayout();
            QVERIFY(page.isColumnShown(ServerTableModel::P95));
            QVERIFY(!page.isColumnShown(ServerTableModel::Weight));
            QVERIFY(!page.summaryBar()->isHidden());
            QVERIFY(!page.lowerPane()->isHidden());
        }
    }

    // PID, CPU, Memory and Restarts appear once a local server is in the pool
    // (only once: after that, what the user chose stays).
    void processColumnsFollowLocalServers()
    {
        PoolClient pool;
        FleetPage page(&pool);
        const QList<int> process{ServerTableModel::Pid, ServerTableModel::Cpu,
                                 ServerTableModel::Memory, ServerTableModel::Restarts};
        page.applySnapshot(snapshot(2));
        for (int c : process)
            QVERIFY(!page.isColumnShown(c));
        PoolSnapshot local = snapshot(2);
        local.servers[1].id = QStringLiteral("fs#1");
        local.servers[1].local = true;
        local.servers[1].pid = 4242;
        page.applySnapshot(local);
        for (int c : process)
            QVERIFY(page.isColumnShown(c));
        page.setColumnShown(ServerTableModel::Pid, false);
        page.applySnapshot(local);
        QVERIFY(!page.isColumnShown(ServerTableModel::Pid));
        FleetPage again(&pool); // the next start: the user's choice, not the automatic one
        again.restoreLayout(QSettings());
        again.applySnapshot(local);
        QVERIFY(!again.isColumnShown(ServerTableModel::Pid));
        QVERIFY(again.isColumnShown(ServerTableModel::Cpu));
    }

    void cutCellsShowTheirWholeText()
    {
        QStandardItemModel model(1, 2);
        const QString uri = QStringLiteral("demo://state/a-rather-long-resource-uri/with/parts");
        model.setItem(0, 0, new QStandardItem(uri));
        auto *tipped = new QStandardItem(QStringLiteral("short"));
        tipped->setToolTip(QStringLiteral("the model's own"));
        model.setItem(0, 1, tipped);
        QTableView view;
        view.setModel(&model);
        FullTextDelegate *delegate = FullTextDelegate::install(&view);
        view.setColumnWidth(0, 60);
        view.resize(400, 200);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const QModelIndex cell = model.index(0, 0);
        QStyleOptionViewItem option;
        option.initFrom(&view);
        option.rect = view.visualRect(cell);
        QVERIFY(delegate->isElided(option, cell));
        QHelpEvent help(QEvent::ToolTip, option.rect.center(),
                        view.viewport()->mapToGlobal(option.rect.center()));
        QVERIFY(delegate->helpEvent(&help, &view, option, cell));
        QCOMPARE(QToolTip::text(), uri);
        QToolTip::hideText();
        // Wide enough: no tooltip of ours.
        view.setColumnWidth(0, 380);
        option.rect = view.visualRect(cell);
        QVERIFY(!delegate->isElided(option, cell));
        QVERIFY(!delegate->helpEvent(&help, &view, option, cell));
    }

    void textBlobIsText_data()
    {
        QTest::addColumn<QString>("mimeType");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("shown");
        QTest::newRow("text/plain") << QStringLiteral("text/plain") << QByteArray("hello\nworld")
                                    << QStringLiteral("hello\nworld");
        QTest::newRow("charset") << QStringLiteral("text/plain; charset=utf-8")
                                 << QByteArray("grüße") << QStringLiteral("grüße");
        QTest::newRow("json") << QStringLiteral("application/json") << QByteArray("{\"a\":1}")
                              << QStringLiteral("{\n    \"a\": 1\n}\n");
        QTest::newRow("not utf-8") << QStringLiteral("text/plain") << QByteArray("\xff\xfe", 2)
                                   << QStringLiteral("[binary: 2 bytes of text/plain — use Save "
                                                     "Contents]");
        QTest::newRow("png") << QStringLiteral("image/png") << QByteArray("\x89PNG")
                             << QStringLiteral(
                                    "[binary: 4 bytes of image/png — use Save Contents]");
    }
    void textBlobIsText()
    {
        QFETCH(QString, mimeType);
        QFETCH(QByteArray, bytes);
        QFETCH(QString, shown);
        const QJsonObject content{{QStringLiteral("uri"), QStringLiteral("demo://x")},
                                  {QStringLiteral("mimeType"), mimeType},
                                  {QStringLiteral("blob"), QString::fromLatin1(bytes.toBase64())}};
        QCOMPARE(ResourceBrowser::contentsText(content), shown);
    }
};

QTEST_MAIN(TestFleetPage)
#include "tst_fleetpage.moc"
