// What servers ask of the operator, without a pool: the elicitation dialog
// (form mode: accept with the form's content, decline, cancel, accept held
// back while the form is invalid; URL mode: the URL shown escaped, "Open in
// Browser" only for http(s)), the sampling dialog (conversation, system
// prompt, max tokens, Send/Decline), the controller that opens them for a
// PoolClient and answers exactly once (or not at all when the host withdrew
// the request), the settings for sampling, roots and log level, the server
// dialog's protocol choice, and the Protocol column's text.
//
// With MCPPM_SCREENSHOT_DIR set, the dialogs are saved there as PNGs.

#include "controllers/inputrequestcontroller.h"
#include "controllers/poolclient.h"
#include "dialogs/elicitationdialog.h"
#include "dialogs/samplingdialog.h"
#include "dialogs/serverdialog.h"
#include "dialogs/settingsdialog.h"
#include "models/servertablemodel.h"
#include "widgets/resourcebrowser.h"
#include "widgets/schemaform.h"
#include "widgets/serverdetailpane.h"

#include <QComboBox>
#include <QDir>
#include <QJsonArray>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace mcppm;
using namespace mcppm::ui;

namespace {

QJsonObject confirmSchema()
{
    return {{QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("properties"),
             QJsonObject{{QStringLiteral("confirm"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("boolean")},
                                      {QStringLiteral("title"), QStringLiteral("Confirm")},
                                      {QStringLiteral("default"), false}}},
                         {QStringLiteral("note"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                      {QStringLiteral("title"), QStringLiteral("Note")},
                                      {QStringLiteral("minLength"), 2}}}}},
            {QStringLiteral("required"), QJsonArray{QStringLiteral("confirm")}}};
}

QJsonObject formRequest()
{
    // A right-to-left override in the message: shown escaped, never acted on.
    return {{QStringLiteral("message"), QStringLiteral("Really deploy \u202Eto production?")},
            {QStringLiteral("requestedSchema"), confirmSchema()}};
}

QJsonObject samplingRequest()
{
    return {
        {QStringLiteral("messages"),
         QJsonArray{
             QJsonObject{{QStringLiteral("role"), QStringLiteral("user")},
                         {QStringLiteral("content"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                      {QStringLiteral("text"), QStringLiteral("What is 2 + 2?")}}}},
             QJsonObject{
                 {QStringLiteral("role"), QStringLiteral("assistant")},
                 {QStringLiteral("content"),
                  QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("image")},
                                         {QStringLiteral("mimeType"), QStringLiteral("image/png")},
                                         {QStringLiteral("data"), QStringLiteral("AAAA")}}}}}}},
        {QStringLiteral("systemPrompt"), QStringLiteral("Answer in one word.")},
        {QStringLiteral("maxTokens"), 64}};
}

void screenshot(QWidget *widget, const QString &name)
{
    const QString dir = qEnvironmentVariable("MCPPM_SCREENSHOT_DIR");
    if (dir.isEmpty())
        return;
    QDir().mkpath(dir);
    widget->show();
    QCoreApplication::processEvents();
    QVERIFY(widget->grab().save(dir + QLatin1Char('/') + name + QStringLiteral(".png")));
}

QString labelText(QWidget *parent, const QString &objectName)
{
    const QLabel *label = parent->findChild<QLabel *>(objectName);
    return label ? label->text() : QString();
}

} // namespace

class TestInputDialogs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        qRegisterMetaType<QDialog *>();
    }

    void elicitationFormAcceptsWithContent()
    {
        ElicitationDialog dialog(QStringLiteral("worker-1"), formRequest());
        QVERIFY(!dialog.isUrlMode());
        QVERIFY(dialog.form()->isFormMode());
        const QString message = labelText(&dialog, QStringLiteral("message"));
        QVERIFY2(message.contains(QStringLiteral("Really deploy")), qPrintable(message));
        QVERIFY(!message.contains(QChar(0x202E))); // escaped
        dialog.form()->setValue({{QStringLiteral("confirm"), true},
                                 {QStringLiteral("note"), QStringLiteral("go ahead")}});
        QVERIFY(dialog.acceptButton()->isEnabled());
        screenshot(&dialog, QStringLiteral("elicitation-form"));
        QTest::mouseClick(dialog.acceptButton(), Qt::LeftButton);
        QCOMPARE(dialog.QDialog::result(), int(QDialog::Accepted));
        const QJsonObject expected{
            {QStringLiteral("action"), QStringLiteral("accept")},
            {QStringLiteral("content"),
             QJsonObject{{QStringLiteral("confirm"), true},
                         {QStringLiteral("note"), QStringLiteral("go ahead")}}}};
        QCOMPARE(dialog.result(), expected);
    }

    void elicitationFormHoldsBackInvalidContent()
    {
        ElicitationDialog dialog(QStringLiteral("worker-1"), formRequest());
        dialog.form()->setValue(
            {{QStringLiteral("confirm"), true}, {QStringLiteral("note"), QStringLiteral("x")}});
        QVERIFY(!dialog.acceptButton()->isEnabled()); // minLength 2
        dialog.form()->setValue(
            {{QStringLiteral("confirm"), true}, {QStringLiteral("note"), QStringLiteral("xy")}});
        QVERIFY(dialog.acceptButton()->isEnabled());
    }

    void elicitationDeclineAndCancel_data()
    {
        QTest::addColumn<QString>("button");
        QTest::addColumn<QString>("action");
        QTest::newRow("decline") << QStringLiteral("decline") << QStringLiteral("decline");
        QTest::newRow("cancel") << QStringLiteral("cancel") << QStringLiteral("cancel");
        QTest::newRow("escape") << QStringLiteral("escape") << QStringLiteral("cancel");
    }
    void elicitationDeclineAndCancel()
    {
        QFETCH(QString, button);
        QFETCH(QString, action);
        ElicitationDialog dialog(QStringLiteral("worker-1"), formRequest());
        dialog.form()->setValue({{QStringLiteral("confirm"), true}});
        dialog.show();
        if (button == QLatin1String("decline"))
            QTest::mouseClick(dialog.declineButton(), Qt::LeftButton);
        else if (button == QLatin1String("cancel"))
            QTest::mouseClick(dialog.cancelButton(), Qt::LeftButton);
        else
            QTest::keyClick(&dialog, Qt::Key_Escape);
        QCOMPARE(dialog.QDialog::result(), int(QDialog::Rejected));
        // Nothing the operator typed leaves with a decline or a cancel.
        QCOMPARE(dialog.result(), QJsonObject({{QStringLiteral("action"), action}}));
    }

    void elicitationUrlMode()
    {
        const QJsonObject params{
            {QStringLiteral("mode"), QStringLiteral("url")},
            {QStringLiteral("elicitationId"), QStringLiteral("e-1")},
            {QStringLiteral("message"), QStringLiteral("Link your account")},
            {QStringLiteral("url"), QStringLiteral("https://auth.example.com/link?state=abc")}};
        ElicitationDialog dialog(QStringLiteral("worker-1"), params);
        QVERIFY(dialog.isUrlMode());
        QVERIFY(!dialog.form());
        QVERIFY(!dialog.cancelButton());
        QCOMPARE(labelText(&dialog, QStringLiteral("url")),
                 QStringLiteral("https://auth.example.com/link?state=abc"));
        QList<QUrl> opened;
        dialog.setUrlOpener([&opened](const QUrl &url) {
            opened.append(url);
            return true;
        });
        QVERIFY(dialog.openButton()->isEnabled());
        screenshot(&dialog, QStringLiteral("elicitation-url"));
        QTest::mouseClick(dialog.openButton(), Qt::LeftButton);
        QCOMPARE(opened,
                 QList<QUrl>{QUrl(QStringLiteral("https://auth.example.com/link?state=abc"))});
        QTest::mouseClick(dialog.acceptButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(),
                 QJsonObject({{QStringLiteral("action"), QStringLiteral("accept")}}));
    }

    void elicitationUrlModeRefusesOtherSchemes()
    {
        const QJsonObject params{{QStringLiteral("mode"), QStringLiteral("url")},
                                 {QStringLiteral("message"), QStringLiteral("Click")},
                                 {QStringLiteral("url"), QStringLiteral("javascript:alert(1)")}};
        ElicitationDialog dialog(QStringLiteral("worker-1"), params);
        QVERIFY(!dialog.openButton()->isEnabled());
        QTest::mouseClick(dialog.declineButton(), Qt::LeftButton);
        QCOMPARE(dialog.result(),
                 QJsonObject({{QStringLiteral("action"), QStringLiteral("decline")}}));
    }

    void samplingDialogSendsTheReply()
    {
        SamplingDialog dialog(QStringLiteral("worker-2"), samplingRequest());
        QCOMPARE(dialog.systemPrompt(), QStringLiteral("Answer in one word."));
        QCOMPARE(dialog.maxTokens(), 64);
        QVERIFY2(dialog.conversationText().contains(QStringLiteral("user: What is 2 + 2?")),
                 qPrintable(dialog.conversationText()));
        QVERIFY(dialog.conversationText().contains(QStringLiteral("[image, image/png]")));
        QCOMPARE(labelText(&dialog, QStringLiteral("maxTokens")), QStringLiteral("64"));
        QVERIFY(!dialog.sendButton()->isEnabled()); // nothing to send yet
        dialog.setReply(QStringLiteral("Four."));
        QVERIFY(dialog.sendButton()->isEnabled());
        screenshot(&dialog, QStringLiteral("sampling"));
        QTest::mouseClick(dialog.sendButton(), Qt::LeftButton);
        QCOMPARE(dialog.QDialog::result(), int(QDialog::Accepted));
        const QJsonObject result = dialog.result();
        QCOMPARE(result.value(QStringLiteral("role")).toString(), QStringLiteral("assistant"));
        QCOMPARE(result.value(QStringLiteral("content")).toObject(),
                 QJsonObject({{QStringLiteral("type"), QStringLiteral("text")},
                              {QStringLiteral("text"), QStringLiteral("Four.")}}));
        QVERIFY(!result.value(QStringLiteral("model")).toString().isEmpty());
    }

    void controllerAnswersOnce()
    {
        PoolClient pool; // detached: the answers are watched, nothing runs
        QWidget parent;
        InputRequestController controller(&pool, &parent);
        QSignalSpy answers(&pool, &PoolClient::inputAnswered);
        QSignalSpy shown(&controller, &InputRequestController::dialogShown);

        // Elicitation, accepted.
        Q_EMIT pool.inputRequested(7, QStringLiteral("w1"), QStringLiteral("elicitation/create"),
                                   formRequest());
        QCOMPARE(shown.size(), 1);
        auto *elicitation = qobject_cast<ElicitationDialog *>(controller.dialogFor(7));
        QVERIFY(elicitation);
        QVERIFY(elicitation->isVisible());
        elicitation->form()->setValue({{QStringLiteral("confirm"), true}});
        QTest::mouseClick(elicitation->acceptButton(), Qt::LeftButton);
        QCOMPARE(answers.size(), 1);
        QCOMPARE(answers.at(0).at(0).toULongLong(), 7ULL);
        QCOMPARE(answers.at(0).at(1).toJsonObject(),
                 QJsonObject({{QStringLiteral("action"), QStringLiteral("accept")},
                              {QStringLiteral("content"),
                               QJsonObject{{QStringLiteral("confirm"), true}}}}));
        QVERIFY(answers.at(0).at(2).toString().isEmpty());
        QCOMPARE(controller.openCount(), 0);

        // Sampling, declined: an error goes back, not a result.
        Q_EMIT pool.inputRequested(8, QStringLiteral("w1"),
                                   QStringLiteral("sampling/createMessage"), samplingRequest());
        auto *sampling = qobject_cast<SamplingDialog *>(controller.dialogFor(8));
        QVERIFY(sampling);
        QTest::mouseClick(sampling->declineButton(), Qt::LeftButton);
        QCOMPARE(answers.size(), 2);
        QCOMPARE(answers.at(1).at(0).toULongLong(), 8ULL);
        QVERIFY(answers.at(1).at(1).toJsonObject().isEmpty());
        QVERIFY(!answers.at(1).at(2).toString().isEmpty());

        // Something the monitor does not answer: refused at once, no dialog.
        Q_EMIT pool.inputRequested(9, QStringLiteral("w1"), QStringLiteral("roots/list"), {});
        QCOMPARE(answers.size(), 3);
        QVERIFY(answers.at(2).at(2).toString().contains(QStringLiteral("roots/list")));
        QCOMPARE(shown.size(), 2);

        // Withdrawn by the host (shutdown): the dialog closes, no answer from here.
        Q_EMIT pool.inputRequested(10, QStringLiteral("w2"), QStringLiteral("elicitation/create"),
                                   formRequest());
        QPointer<QDialog> open = controller.dialogFor(10);
        QVERIFY(open);
        Q_EMIT pool.inputWithdrawn(10, QStringLiteral("the monitor is closing"));
        QTRY_VERIFY(!open); // closed and deleted
        QCOMPARE(answers.size(), 3);
        QCOMPARE(controller.openCount(), 0);
    }

    void settingsKeepSamplingRootsAndLogLevel()
    {
        Profile profile;
        profile.extra.insert(QStringLiteral("sampling"), true);
        profile.roots = {QStringLiteral("/srv/data")};
        profile.logLevel = QStringLiteral("warning");
        SettingsDialog dialog(profile);
        QVERIFY(SettingsDialog::samplingEnabled(profile));
        QCOMPARE(dialog.roots(), QStringList{QStringLiteral("/srv/data")});
        screenshot(&dialog, QStringLiteral("settings-server-requests"));
        Profile same = dialog.applyTo(Profile{});
        QCOMPARE(same.extra.value(QStringLiteral("sampling")).toBool(), true);
        QCOMPARE(same.roots, profile.roots);
        QCOMPARE(same.logLevel, QStringLiteral("warning"));

        // Off by default; roots and level edited.
        SettingsDialog fresh(Profile{});
        QVERIFY(!SettingsDialog::samplingEnabled(Profile{}));
        fresh.setRoots({QStringLiteral("/a"), QStringLiteral("file:///b")});
        QComboBox *logLevel = nullptr;
        for (QComboBox *box : fresh.findChildren<QComboBox *>()) {
            if (box->accessibleName() == QLatin1String("Server log level"))
                logLevel = box;
        }
        QVERIFY(logLevel);
        logLevel->setCurrentIndex(logLevel->findData(QStringLiteral("debug")));
        const Profile edited = fresh.applyTo(Profile{});
        QVERIFY(!edited.extra.contains(QStringLiteral("sampling")));
        QCOMPARE(edited.roots, (QStringList{QStringLiteral("/a"), QStringLiteral("file:///b")}));
        QCOMPARE(edited.logLevel, QStringLiteral("debug"));
    }

    void serverDialogKeepsTheProtocol()
    {
        ProfileServer server;
        server.id = QStringLiteral("w1");
        server.url = QUrl(QStringLiteral("http://127.0.0.1:3001/mcp"));
        server.protocol = QStringLiteral("legacy");
        ServerDialog dialog;
        dialog.setServer(server);
        QCOMPARE(dialog.server().protocol, QStringLiteral("legacy"));
        QComboBox *protocol = nullptr;
        for (QComboBox *box : dialog.findChildren<QComboBox *>()) {
            if (box->accessibleName() == QLatin1String("Protocol"))
                protocol = box;
        }
        QVERIFY(protocol);
        QCOMPARE(protocol->count(), 3);
        protocol->setCurrentIndex(protocol->findData(QStringLiteral("modern")));
        QCOMPARE(dialog.server().protocol, QStringLiteral("modern"));
        screenshot(&dialog, QStringLiteral("server-dialog-protocol"));
    }

    void protocolColumnShowsTheEra()
    {
        QCOMPARE(
            ServerTableModel::protocolText(QStringLiteral("2026-07-28"), QStringLiteral("modern")),
            QStringLiteral("2026-07-28 (modern)"));
        QCOMPARE(
            ServerTableModel::protocolText(QStringLiteral("2025-11-25"), QStringLiteral("legacy")),
            QStringLiteral("2025-11-25 (legacy)"));
        QCOMPARE(ServerTableModel::protocolText({}, {}), QString());
        ServerTableModel model;
        ServerRow row;
        row.id = QStringLiteral("w1");
        row.protocolVersion = QStringLiteral("2026-07-28");
        row.era = QStringLiteral("modern");
        model.apply({row});
        QCOMPARE(model.index(0, ServerTableModel::Protocol).data().toString(),
                 QStringLiteral("2026-07-28 (modern)"));
        // The detail pane says it too.
        ServerDetailPane pane;
        ServerDetail detail;
        detail.id = QStringLiteral("w1");
        detail.protocolVersion = QStringLiteral("2025-11-25");
        pane.showDetail(detail, QStringLiteral("legacy"));
        bool shown = false;
        for (const QLabel *label : pane.findChildren<QLabel *>())
            shown = shown || label->text().contains(QStringLiteral("protocol 2025-11-25 (legacy)"));
        QVERIFY(shown);
    }

    void subscribeToggleAsksThePool()
    {
        PoolClient pool;
        ResourceBrowser browser(&pool);
        QSignalSpy requests(&pool, &PoolClient::resourceSubscriptionRequested);
        QSignalSpy reads(&pool, &PoolClient::readResourceRequested);
        CatalogResource readme;
        readme.resource.uri = QStringLiteral("fixture://readme");
        readme.servers = {QStringLiteral("a"), QStringLiteral("b")};
        browser.setResources({readme}, {});
        QVERIFY(browser.selectResource(QStringLiteral("fixture://readme")));
        QVERIFY(browser.subscribeButton()->isEnabled());
        QTest::mouseClick(browser.subscribeButton(), Qt::LeftButton);
        QVERIFY(browser.isSubscribed(QStringLiteral("fixture://readme")));
        QCOMPARE(requests.size(), 2); // both servers listing it
        QCOMPARE(requests.at(0).at(2).toBool(), true);
        // Shown and updated: read again; an update of another URI is not.
        browser.read();
        QCOMPARE(reads.size(), 1);
        Q_EMIT pool.callFinished(
            reads.at(0).at(0).toULongLong(),
            {{QStringLiteral("contents"),
              QJsonArray{QJsonObject{{QStringLiteral("text"), QStringLiteral("v1")}}}}},
            QStringLiteral("a"), {}, {});
        Q_EMIT pool.resourceUpdated(QStringLiteral("a"), QStringLiteral("fixture://other"));
        QCOMPARE(reads.size(), 1);
        Q_EMIT pool.resourceUpdated(QStringLiteral("a"), QStringLiteral("fixture://readme"));
        QCOMPARE(reads.size(), 2);
        QTest::mouseClick(browser.subscribeButton(), Qt::LeftButton);
        QVERIFY(!browser.isSubscribed(QStringLiteral("fixture://readme")));
        QCOMPARE(requests.size(), 4);
        QCOMPARE(requests.at(3).at(2).toBool(), false);
    }
};

QTEST_MAIN(TestInputDialogs)
#include "tst_inputdialogs.moc"
