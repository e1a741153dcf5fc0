// The Prompts page and the servers' questions against a real pool: a
// PoolHost on its own thread with the TS SDK v2 fixture
// (tests/conformance/sdk2-server.mjs, dual mode, spoken in 2026-07-28):
// its prompt "greet" listed (PromptListModel under QAbstractItemModelTester),
// the argument form, completion as you type (completion/complete, debounced)
// and Run showing the messages; and confirm_action's elicitation (MRTR)
// reaching an ElicitationDialog through the InputRequestController, the
// operator's answer going back to the server, a decline too.
//
// With MCPPM_SCREENSHOT_DIR set, the page is saved there at 1024x700.

#include "poolhostthread.h"
#include "sdk2serverprocess.h"

#include "controllers/inputrequestcontroller.h"
#include "controllers/poolclient.h"
#include "dialogs/elicitationdialog.h"
#include "models/promptlistmodel.h"
#include "pages/promptspage.h"
#include "widgets/schemaform.h"

#include <QAbstractItemModelTester>
#include <QCompleter>
#include <QDir>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QLineEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace mcppm;
using namespace mcppm::ui;

namespace {

PoolHost::Options fastOptions()
{
    PoolHost::Options o;
    o.snapshotIntervalMs = 50;
    o.healthCheckIntervalMs = 500;
    return o;
}

QString firstText(const QJsonObject &result)
{
    return result.value(QStringLiteral("content"))
        .toArray()
        .first()
        .toObject()
        .value(QStringLiteral("text"))
        .toString();
}

} // namespace

class TestPromptsPage : public QObject
{
    Q_OBJECT

    std::unique_ptr<Sdk2ServerProcess> m_server;
    std::unique_ptr<PoolHostThread> m_pool;
    PoolClient *m_client = nullptr;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<QDialog *>();
        if (!Sdk2ServerProcess::peersInstalled())
            QSKIP("the pinned npm peers are not installed (npm ci in tests/conformance)");
        m_server = std::make_unique<Sdk2ServerProcess>(QStringLiteral("dual"));
        QVERIFY2(m_server->start(), qPrintable(m_server->errorString()));
        m_pool = std::make_unique<PoolHostThread>(fastOptions());
        m_client = new PoolClient(m_pool->host, this);
        Profile profile;
        ProfileServer s;
        s.id = QStringLiteral("sdk2");
        s.url = m_server->url();
        s.oauth.enabled = false;
        profile.servers = {s};
        m_client->setInteractiveInput(true);
        m_client->start(profile);
        bool online = false;
        QString era;
        connect(m_client, &PoolClient::snapshotReady, this, [&](const PoolSnapshot &snapshot) {
            for (const ServerRow &row : snapshot.servers) {
                if (row.id == QLatin1String("sdk2") && row.status == QLatin1String("online")) {
                    online = true;
                    era = row.era;
                }
            }
        });
        QTRY_VERIFY_WITH_TIMEOUT(online, 15000);
        m_client->disconnect(this);
        QCOMPARE(era, QStringLiteral("modern")); // auto picks 2026-07-28 on a dual server
    }

    void cleanupTestCase()
    {
        if (m_pool)
            QVERIFY(m_pool->stop());
        m_pool.reset();
        m_server.reset();
    }

    void listCompleteAndRun()
    {
        PromptsPage page(m_client);
        QAbstractItemModelTester tester(page.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        page.setCompletionDelay(20);
        page.resize(1024, 700);
        page.show();
        QSignalSpy listed(&page, &PromptsPage::promptsListed);
        page.refresh();
        QTRY_COMPARE_WITH_TIMEOUT(listed.size(), 1, 10000);
        QCOMPARE(listed.at(0).at(0).toInt(), 1);
        const QModelIndex greet = page.model()->index(0);
        QCOMPARE(greet.data(PromptListModel::NameRole).toString(), QStringLiteral("greet"));
        QCOMPARE(greet.data(PromptListModel::ServersRole).toStringList(),
                 QStringList{QStringLiteral("sdk2")});
        QCOMPARE(greet.data(PromptListModel::ArgumentCountRole).toInt(), 1);

        QVERIFY(page.selectPrompt(QStringLiteral("greet")));
        QCOMPARE(page.argumentNames(), QStringList{QStringLiteral("name")});
        QLineEdit *name = page.argumentEditor(QStringLiteral("name"));
        QVERIFY(name);

        // Typing asks the server (once, after the pause) and offers its answers.
        QSignalSpy completed(&page, &PromptsPage::completionsShown);
        name->setFocus();
        QTest::keyClicks(name, QStringLiteral("a"));
        QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 1, 10000);
        QCOMPARE(completed.at(0).at(1).toStringList(), QStringList{QStringLiteral("alice")});
        QCOMPARE(page.completions(QStringLiteral("name")), QStringList{QStringLiteral("alice")});
        QTest::keyClicks(name, QStringLiteral("x")); // "ax": nothing matches
        QTRY_COMPARE_WITH_TIMEOUT(completed.size(), 2, 10000);
        QVERIFY(completed.at(1).at(1).toStringList().isEmpty());

        // Run: prompts/get with the form's arguments, the messages shown.
        name->setText(QStringLiteral("carol"));
        QSignalSpy ran(&page, &PromptsPage::runFinished);
        page.run();
        QTRY_COMPARE_WITH_TIMEOUT(ran.size(), 1, 10000);
        QVERIFY2(ran.at(0).at(0).toBool(), qPrintable(page.status()));
        QVERIFY2(page.shownText().contains(QStringLiteral("user: Please greet carol.")),
                 qPrintable(page.shownText()));
        const QString dir = qEnvironmentVariable("MCPPM_SCREENSHOT_DIR");
        if (!dir.isEmpty()) {
            QDir().mkpath(dir);
            QVERIFY(page.grab().save(dir + QStringLiteral("/prompts-page.png")));
        }

        // A required argument left empty is not sent.
        name->clear();
        page.run();
        QVERIFY(page.status().contains(QStringLiteral("name")));
        QCOMPARE(ran.size(), 1);
    }

    void elicitationAnsweredInTheDialog_data()
    {
        QTest::addColumn<bool>("accept");
        QTest::addColumn<QString>("expected");
        QTest::newRow("accept") << true << QStringLiteral("Confirmed: deploy");
        QTest::newRow("decline") << false << QStringLiteral("Declined: deploy");
    }
    void elicitationAnsweredInTheDialog()
    {
        QFETCH(bool, accept);
        QFETCH(QString, expected);
        QWidget window;
        InputRequestController controller(m_client, &window);
        QSignalSpy shown(&controller, &InputRequestController::dialogShown);
        QJsonObject result;
        QString errorText;
        bool finished = false;
        const quint64 request = accept ? 501 : 502;
        connect(m_client, &PoolClient::callFinished, &controller,
                [&](quint64 id, const QJsonObject &r, const QString &, const QString &,
                    const QString &error) {
                    if (id != request)
                        return;
                    finished = true;
                    result = r;
                    errorText = error;
                });
        m_client->callTool(request, QStringLiteral("confirm_action"),
                           {{QStringLiteral("action"), QStringLiteral("deploy")}}, 0, 15000, {});
        QTRY_COMPARE_WITH_TIMEOUT(shown.size(), 1, 10000);
        auto *dialog = qobject_cast<ElicitationDialog *>(shown.at(0).at(1).value<QDialog *>());
        QVERIFY(dialog);
        QVERIFY(dialog->form()->isFormMode());
        QCOMPARE(dialog->form()->fieldCount(), 1);
        QVERIFY(!finished); // waits for the operator
        if (accept) {
            dialog->form()->setValue({{QStringLiteral("confirm"), true}});
            QTest::mouseClick(dialog->acceptButton(), Qt::LeftButton);
            QTRY_VERIFY_WITH_TIMEOUT(finished, 10000);
            QVERIFY2(errorText.isEmpty(), qPrintable(errorText));
            QCOMPARE(firstText(result), expected);
            QCOMPARE(shown.size(), 1);
            return;
        }
        // The fixture asks again after a decline (no accepted content); every
        // new question is declined too, until the client's bounded rounds
        // (maxInputRounds) end the call with an error. Each decline reached the
        // server: it is what makes it ask again.
        int declined = 0;
        QTest::mouseClick(dialog->declineButton(), Qt::LeftButton);
        ++declined;
        QElapsedTimer clock;
        clock.start();
        while (!finished && clock.elapsed() < 20000) {
            QCoreApplication::processEvents(QEventLoop::AllEvents, 50);
            if (shown.size() > declined) {
                auto *next = qobject_cast<ElicitationDialog *>(
                    shown.at(declined).at(1).value<QDialog *>());
                QVERIFY(next);
                QTest::mouseClick(next->declineButton(), Qt::LeftButton);
                ++declined;
            }
        }
        QVERIFY(finished);
        QVERIFY(declined > 1);
        QVERIFY2(firstText(result) == expected || !errorText.isEmpty(),
                 qPrintable(firstText(result)));
        QCOMPARE(controller.openCount(), 0);
    }
};

QTEST_MAIN(TestPromptsPage)
#include "tst_promptspage.moc"
