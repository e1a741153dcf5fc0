// The pool's MCP endpoint in the monitor: the Clients model (under
// QAbstractItemModelTester while clients come, change and go), the Serve as
// MCP Server dialog (what it accepts and refuses) and the Fleet page's
// Clients tab following snapshots.

#include "controllers/poolclient.h"
#include "dialogs/endpointdialog.h"
#include "models/endpointclientmodel.h"
#include "pages/fleetpage.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableView>
#include <QTest>

using namespace mcppm;
using namespace mcppm::ui;

namespace {
EndpointClientRow client(const QString &name, qint64 requests, int active = 0)
{
    EndpointClientRow r;
    r.name = name;
    r.version = QStringLiteral("1.0");
    r.peer = QStringLiteral("127.0.0.1");
    r.protocolVersion = QStringLiteral("2026-07-28");
    r.requests = requests;
    r.active = active;
    r.lastSeenAgoMs = 1500;
    r.lastCall = QStringLiteral("tools/call echo");
    return r;
}
} // namespace

class TestEndpointUi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientModelFollowsSnapshots()
    {
        EndpointClientModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.apply({client(QStringLiteral("alpha"), 1), client(QStringLiteral("gamma"), 2)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(inserted.size(), 2);
        // One new in the middle, one changed: an insert and one dataChanged.
        model.apply({client(QStringLiteral("alpha"), 1), client(QStringLiteral("beta"), 5),
                     client(QStringLiteral("gamma"), 7, 1)});
        QCOMPARE(inserted.size(), 3);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(model.index(1, EndpointClientModel::Name).data().toString(),
                 QStringLiteral("beta 1.0"));
        QCOMPARE(model.index(2, EndpointClientModel::Requests).data().toLongLong(), 7);
        QCOMPARE(model.index(2, EndpointClientModel::Active).data().toInt(), 1);
        QCOMPARE(model.index(2, EndpointClientModel::LastSeen).data().toString(),
                 QStringLiteral("1 s ago"));
        // Nothing changed: no signal at all.
        changed.clear();
        model.apply({client(QStringLiteral("alpha"), 1), client(QStringLiteral("beta"), 5),
                     client(QStringLiteral("gamma"), 7, 1)});
        QCOMPARE(changed.size(), 0);
        // One gone.
        model.apply({client(QStringLiteral("alpha"), 1), client(QStringLiteral("gamma"), 7)});
        QCOMPARE(removed.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(reset.size(), 0);
        // A client's own name is shown escaped (no control characters reach the view).
        model.apply({client(QStringLiteral("evil\x1b[31m"), 1)});
        QVERIFY(!model.index(0, EndpointClientModel::Name).data().toString().contains(QChar(0x1b)));
    }

    void dialogRefusesWhatWouldNotStart()
    {
        EndpointSettings start;
        EndpointDialog dialog(start);
        auto *enabled = dialog.findChild<QCheckBox *>();
        auto *listen = dialog.findChild<QLineEdit *>(QStringLiteral("endpointListen"));
        auto *token = dialog.findChild<QLineEdit *>(QStringLiteral("endpointToken"));
        auto *ref = dialog.findChild<QLineEdit *>(QStringLiteral("endpointTokenRef"));
        auto *error = dialog.findChild<QLabel *>(QStringLiteral("endpointError"));
        QVERIFY(enabled && listen && token && ref && error);
        enabled->setChecked(true);
        listen->setText(QStringLiteral("localhost:80"));
        dialog.accept();
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY(error->text().contains(QStringLiteral("ADDRESS:PORT")));
        listen->setText(QStringLiteral("0.0.0.0:8765"));
        dialog.accept();
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY(error->text().contains(QStringLiteral("bearer token")));
        ref->setText(QStringLiteral("plain-token"));
        dialog.accept();
        QVERIFY(dialog.result() != QDialog::Accepted);
        QVERIFY(error->text().contains(QStringLiteral("env:")));
        ref->clear();
        token->setText(QStringLiteral("typed-secret"));
        dialog.accept();
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        const EndpointSettings s = dialog.settings(QStringLiteral("keychain:p/mcp-endpoint"));
        QVERIFY(s.enabled);
        QCOMPARE(s.listen, QStringLiteral("0.0.0.0:8765"));
        QCOMPARE(s.tokenRef, QStringLiteral("keychain:p/mcp-endpoint")); // never the token
        QCOMPARE(dialog.token(), QStringLiteral("typed-secret"));
        QVERIFY(!s.toJson().contains(QStringLiteral("typed-secret")));
    }

    void clientsTabShowsTheEndpoint()
    {
        PoolClient pool;
        FleetPage page(&pool);
        auto *status = page.findChild<QLabel *>(QStringLiteral("endpointStatus"));
        auto *table = page.findChild<QTableView *>(QStringLiteral("clientTable"));
        QVERIFY(status && table);
        QVERIFY(status->text().contains(QStringLiteral("Not serving")));
        PoolSnapshot s;
        s.endpoint.url = QStringLiteral("http://127.0.0.1:8765/mcp");
        s.endpoint.sessions = 1;
        s.endpoint.clients = {client(QStringLiteral("claude-code"), 12)};
        page.applySnapshot(s);
        QVERIFY(status->text().contains(QStringLiteral("http://127.0.0.1:8765/mcp")));
        QCOMPARE(table->model()->rowCount(), 1);
        s.endpoint = {};
        s.endpoint.error = QStringLiteral("cannot serve MCP at 0.0.0.0:1: in use");
        page.applySnapshot(s);
        QVERIFY(status->text().contains(QStringLiteral("in use")));
        QCOMPARE(table->model()->rowCount(), 0);
    }
};

QTEST_MAIN(TestEndpointUi)
#include "tst_endpointui.moc"
