// ServerDialog: the OAuth group round-trips a server's OAuth settings (and
// keeps those it does not show), a typed client secret is handed out for the
// keychain and never put into the server, and wrong OAuth input is explained.
// "Local command": program, arguments, environment (secrets by reference or
// typed for the keychain), directory and replicas round-trip through the
// dialog and the profile.

#include "dialogs/secretcelldelegate.h"
#include "dialogs/serverdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QGroupBox>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableWidget>
#include <QTest>

using namespace mcppm;
using namespace mcppm::ui;

class TestServerDialog : public QObject
{
    Q_OBJECT

    static QLineEdit *edit(QDialog &dialog, const QString &placeholderPart)
    {
        const auto edits = dialog.findChildren<QLineEdit *>();
        for (QLineEdit *e : edits) {
            if (e->placeholderText().contains(placeholderPart))
                return e;
        }
        return nullptr;
    }
    static QLineEdit *secretEdit(QDialog &dialog)
    {
        const auto edits = dialog.findChildren<QLineEdit *>();
        for (QLineEdit *e : edits) {
            if (e->accessibleName() == QLatin1String("Client secret"))
                return e;
        }
        return nullptr;
    }
    static bool okEnabled(QDialog &dialog)
    {
        return dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok)->isEnabled();
    }

private Q_SLOTS:
    void suggestsAnIdFromTheUrl_data()
    {
        QTest::addColumn<QString>("url");
        QTest::addColumn<QStringList>("taken");
        QTest::addColumn<QString>("id");
        QTest::newRow("domain") << QStringLiteral("https://mcp.github.com/mcp") << QStringList()
                                << QStringLiteral("github");
        QTest::newRow("www") << QStringLiteral("https://www.example.org/") << QStringList()
                             << QStringLiteral("example");
        QTest::newRow("loopback") << QStringLiteral("http://127.0.0.1:3001/mcp") << QStringList()
                                  << QStringLiteral("localhost-3001");
        QTest::newRow("localhost") << QStringLiteral("http://localhost:8080/mcp") << QStringList()
                                   << QStringLiteral("localhost-8080");
        QTest::newRow("taken") << QStringLiteral("http://127.0.0.1:3001/mcp")
                               << QStringList{QStringLiteral("localhost-3001"),
                                              QStringLiteral("localhost-3001-2")}
                               << QStringLiteral("localhost-3001-3");
        QTest::newRow("address") << QStringLiteral("http://10.0.0.7:80/") << QStringList()
                                 << QStringLiteral("10.0.0.7-80");
        QTest::newRow("no url") << QStringLiteral("not a url") << QStringList() << QString();
    }
    void suggestsAnIdFromTheUrl()
    {
        QFETCH(QString, url);
        QFETCH(QStringList, taken);
        QFETCH(QString, id);
        QCOMPARE(ServerDialog::suggestId(QUrl(url, QUrl::StrictMode), taken), id);
    }

    void idFollowsTheUrlUntilTyped()
    {
        ServerDialog dialog;
        QLineEdit *id = edit(dialog, QStringLiteral("worker-1"));
        QLineEdit *url = edit(dialog, QStringLiteral("3001/mcp"));
        QVERIFY(id && url);
        url->setText(QStringLiteral("http://127.0.0.1:4000/mcp"));
        QCOMPARE(id->text(), QStringLiteral("localhost-4000"));
        url->setText(QStringLiteral("https://mcp.example.com/mcp"));
        QCOMPARE(id->text(), QStringLiteral("example")); // still the suggestion: follows
        id->setText(QStringLiteral("mine"));
        url->setText(QStringLiteral("https://other.net/mcp"));
        QCOMPARE(id->text(), QStringLiteral("mine")); // typed: kept
    }

    void takenIdKeepsTheDialogOpen()
    {
        // A duplicate id is a problem the dialog shows; OK is off, nothing typed is lost.
        ServerDialog dialog;
        dialog.setTakenIds({QStringLiteral("worker-1")});
        QLineEdit *id = edit(dialog, QStringLiteral("worker-1"));
        QLineEdit *url = edit(dialog, QStringLiteral("3001/mcp"));
        url->setText(QStringLiteral("http://127.0.0.1:4000/mcp"));
        id->setText(QStringLiteral("worker-1"));
        QVERIFY(!okEnabled(dialog));
        QVERIFY(dialog.problem().contains(QStringLiteral("already in the pool")));
        QCOMPARE(url->text(), QStringLiteral("http://127.0.0.1:4000/mcp"));
        id->setText(QStringLiteral("worker-2"));
        QVERIFY(okEnabled(dialog));
        QCOMPARE(dialog.server().id, QStringLiteral("worker-2"));
    }

    void refusesUnprintableIds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("ok");
        QTest::newRow("plain") << QStringLiteral("eu-west_1.api") << true;
        QTest::newRow("escape") << QStringLiteral("w\x1b]0;x\x07") << false;
        QTest::newRow("bidi") << (QStringLiteral("w") + QChar(0x202e) + QStringLiteral("1"))
                              << false;
        QTest::newRow("too long") << QString(65, QLatin1Char('w')) << false;
        QTest::newRow("comma") << QStringLiteral("a,b") << false;
    }
    void refusesUnprintableIds()
    {
        QFETCH(QString, id);
        QFETCH(bool, ok);
        ProfileServer server;
        server.id = id;
        server.url = QUrl(QStringLiteral("http://127.0.0.1:1/mcp"));
        ServerDialog dialog;
        dialog.setServer(server);
        QCOMPARE(dialog.problem().isEmpty(), ok);
        if (!ok) {
            QVERIFY2(dialog.problem().contains(QStringLiteral("id")), qPrintable(dialog.problem()));
            QVERIFY(!dialog.problem().contains(QChar(0x1b)));
            QVERIFY(!dialog.problem().contains(QChar(0x202e)));
        }
    }

    void keepsOAuthSettings()
    {
        ProfileServer server;
        server.id = QStringLiteral("secured");
        server.url = QUrl(QStringLiteral("https://mcp.example/mcp"));
        server.oauth.clientId = QStringLiteral("monitor");
        server.oauth.clientSecretRef = QStringLiteral("env:MONITOR_SECRET");
        server.oauth.grant = QStringLiteral("client_credentials");
        server.oauth.signingAlgorithm = QStringLiteral("RS256"); // not shown: kept
        server.oauth.tokenEndpointAuthMethod = QStringLiteral("client_secret_post"); // kept
        ServerDialog dialog;
        dialog.setServer(server);
        QVERIFY(dialog.problem().isEmpty());
        const ProfileServer back = dialog.server();
        QCOMPARE(back.oauth, server.oauth);
        QVERIFY(dialog.clientSecret().isEmpty());
        if (const QString dir = qEnvironmentVariable("MCPPM_SCREENSHOT_DIR"); !dir.isEmpty()) {
            dialog.show();
            QDir().mkpath(dir);
            QVERIFY(dialog.grab().save(QDir(dir).filePath(QStringLiteral("server-dialog.png"))));
        }

        // Off: kept as it was, with enabled false.
        dialog.findChild<QCheckBox *>()->setChecked(false);
        QVERIFY(!dialog.findChild<QGroupBox *>()->isEnabled());
        QVERIFY(!dialog.server().oauth.enabled);
        QCOMPARE(dialog.server().oauth.clientId, QStringLiteral("monitor"));
        dialog.findChild<QCheckBox *>()->setChecked(true);

        // A new server: OAuth on, automatic grant, nothing else.
        ServerDialog fresh;
        edit(fresh, QStringLiteral("worker-1"))->setText(QStringLiteral("w"));
        edit(fresh, QStringLiteral("127.0.0.1"))->setText(QStringLiteral("http://127.0.0.1:1/mcp"));
        QVERIFY(fresh.problem().isEmpty());
        QVERIFY(fresh.server().oauth.isDefault());
    }

    // 2026-07-28 authorization: DPoP, workload identity and the issuer a
    // client id belongs to are kept and edited, and refused when incomplete.
    void keepsDpopAndWorkloadIdentity()
    {
        ProfileServer server;
        server.id = QStringLiteral("wif");
        server.url = QUrl(QStringLiteral("https://mcp.example/mcp"));
        server.oauth.grant = QStringLiteral("workload_identity");
        server.oauth.workloadTokenFile = QStringLiteral("/var/run/secrets/token");
        server.oauth.dpop = QStringLiteral("required");
        server.oauth.clientIdIssuer = QStringLiteral("https://as.example");
        ServerDialog dialog;
        dialog.setServer(server);
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        QCOMPARE(dialog.server().oauth, server.oauth);
        auto *file = dialog.findChild<QLineEdit *>(QStringLiteral("workloadTokenFile"));
        auto *command = dialog.findChild<QLineEdit *>(QStringLiteral("workloadTokenCommand"));
        auto *dpop = dialog.findChild<QComboBox *>(QStringLiteral("dpop"));
        QVERIFY(file && command && dpop);
        command->setText(QStringLiteral("/usr/bin/print-token"));
        QVERIFY(dialog.problem().contains(QStringLiteral("not both")));
        file->clear();
        QVERIFY(dialog.problem().isEmpty());
        command->clear();
        QVERIFY(dialog.problem().contains(QStringLiteral("token file or a token command")));
        command->setText(QStringLiteral("/usr/bin/print-token"));
        dpop->setCurrentIndex(dpop->findData(QStringLiteral("off")));
        const ProfileServer back = dialog.server();
        QCOMPARE(back.oauth.dpop, QStringLiteral("off"));
        QCOMPARE(back.oauth.workloadTokenCommand, QStringLiteral("/usr/bin/print-token"));
        // What the dialog makes, the profile reads back the same.
        Profile profile;
        profile.servers = {back};
        QString why;
        const auto again = Profile::fromJson(profile.toJson(), &why);
        QVERIFY2(again, qPrintable(why));
        QCOMPARE(again->servers.first().oauth, back.oauth);
    }

    void typedSecretStaysOutOfTheServer()
    {
        ServerDialog dialog;
        edit(dialog, QStringLiteral("worker-1"))->setText(QStringLiteral("w"));
        edit(dialog, QStringLiteral("127.0.0.1"))
            ->setText(QStringLiteral("http://127.0.0.1:1/mcp"));
        edit(dialog, QStringLiteral("client id"))->setText(QStringLiteral("monitor"));
        secretEdit(dialog)->setText(QStringLiteral("s3cret-value"));
        QVERIFY(dialog.problem().isEmpty());
        QCOMPARE(dialog.clientSecret(), QStringLiteral("s3cret-value"));
        const ProfileServer s = dialog.server();
        QVERIFY(s.oauth.clientSecretRef.isEmpty()); // the caller stores it, then sets the reference
        QVERIFY(!s.oauth.clientSecretRef.contains(QStringLiteral("s3cret")));
        QVERIFY(!s.oauth.clientId.contains(QStringLiteral("s3cret")));
    }

    void explainsWrongOAuthInput_data()
    {
        QTest::addColumn<QString>("clientId");
        QTest::addColumn<QString>("secretRef");
        QTest::addColumn<QString>("secret");
        QTest::addColumn<int>("grant");
        QTest::addColumn<QString>("keyFile");
        QTest::addColumn<QString>("metadataUrl");
        QTest::addColumn<QString>("problem"); // part of the message; "" = fine

        QTest::newRow("plain") << ""
                               << ""
                               << "" << 0 << ""
                               << ""
                               << "";
        QTest::newRow("secret in the reference") << "c"
                                                 << "hunter2"
                                                 << "" << 0 << ""
                                                 << ""
                                                 << "env:VARIABLE or keychain:NAME";
        QTest::newRow("env reference and typed secret") << "c"
                                                        << "env:X"
                                                        << "typed" << 0 << ""
                                                        << ""
                                                        << "not both";
        QTest::newRow("keychain reference and typed secret") << "c"
                                                             << "keychain:x"
                                                             << "typed" << 0 << ""
                                                             << ""
                                                             << "";
        QTest::newRow("secret without client id") << ""
                                                  << "env:X"
                                                  << "" << 0 << ""
                                                  << ""
                                                  << "enter the client id";
        QTest::newRow("client credentials without a secret")
            << "c"
            << ""
            << "" << 2 << ""
            << ""
            << "need a client secret or a private key";
        QTest::newRow("client credentials with a secret") << "c"
                                                          << "env:X"
                                                          << "" << 2 << ""
                                                          << ""
                                                          << "";
        QTest::newRow("unreadable key") << "c"
                                        << ""
                                        << "" << 2 << "/nonexistent/key.pem"
                                        << ""
                                        << "cannot be read";
        QTest::newRow("metadata over http") << ""
                                            << ""
                                            << "" << 0 << ""
                                            << "http://client.example/meta.json"
                                            << "https://";
        QTest::newRow("metadata without a path") << ""
                                                 << ""
                                                 << "" << 0 << ""
                                                 << "https://client.example"
                                                 << "https://";
        QTest::newRow("metadata") << ""
                                  << ""
                                  << "" << 0 << ""
                                  << "https://client.example/meta.json"
                                  << "";
    }

    void explainsWrongOAuthInput()
    {
        QFETCH(QString, clientId);
        QFETCH(QString, secretRef);
        QFETCH(QString, secret);
        QFETCH(int, grant);
        QFETCH(QString, keyFile);
        QFETCH(QString, metadataUrl);
        QFETCH(QString, problem);
        ServerDialog dialog;
        edit(dialog, QStringLiteral("worker-1"))->setText(QStringLiteral("w"));
        edit(dialog, QStringLiteral("127.0.0.1"))
            ->setText(QStringLiteral("http://127.0.0.1:1/mcp"));
        edit(dialog, QStringLiteral("client id"))->setText(clientId);
        const auto refs = dialog.findChildren<QLineEdit *>();
        for (QLineEdit *e : refs) {
            if (e->placeholderText().contains(QStringLiteral("env:VARIABLE"))
                && e->parentWidget() == dialog.findChild<QGroupBox *>())
                e->setText(secretRef);
        }
        secretEdit(dialog)->setText(secret);
        for (QComboBox *box : dialog.findChildren<QComboBox *>()) {
            if (box->accessibleName() == QLatin1String("Grant"))
                box->setCurrentIndex(grant);
        }
        edit(dialog, QStringLiteral("private_key_jwt"))->setText(keyFile);
        edit(dialog, QStringLiteral("metadata document"))->setText(metadataUrl);
        if (problem.isEmpty()) {
            QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
            QVERIFY(okEnabled(dialog));
        } else {
            QVERIFY2(dialog.problem().contains(problem), qPrintable(dialog.problem()));
            QVERIFY(!okEnabled(dialog));
            QVERIFY(!dialog.problem().contains(QStringLiteral("typed"))); // no secret echoed
        }
        // With OAuth off, its fields are not checked.
        dialog.findChild<QCheckBox *>()->setChecked(false);
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
    }

    void localCommandRoundTrip()
    {
        ProfileServer server;
        server.id = QStringLiteral("files");
        server.priority = 4;
        LocalCommand &c = server.command;
        c.program = QStringLiteral("npx");
        c.args = {QStringLiteral("-y"), QStringLiteral("@modelcontextprotocol/server-filesystem"),
                  QStringLiteral("/srv/my files")}; // a space stays inside its argument
        c.env = {{QStringLiteral("A_MODE"), QStringLiteral("fast")},
                 {QStringLiteral("LOG_LEVEL"), QStringLiteral("info")}};
        c.envRefs
            = {{QStringLiteral("API_KEY"), QStringLiteral("keychain:fleet/files/env/API_KEY")},
               {QStringLiteral("GH"), QStringLiteral("env:GH_TOKEN")}};
        c.cwd = QStringLiteral("work");
        c.replicas = 3;
        ServerDialog dialog;
        dialog.setServer(server);
        QVERIFY(dialog.isLocalCommand());
        QVERIFY(dialog.findChild<QRadioButton *>(QStringLiteral("commandMode"))->isChecked());
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        QCOMPARE(dialog.findChild<QTableWidget *>(QStringLiteral("environment"))->rowCount(), 4);
        QCOMPARE(dialog.findChild<QSpinBox *>(QStringLiteral("replicas"))->value(), 3);
        const ProfileServer back = dialog.server();
        QCOMPARE(back.command, server.command);
        QVERIFY(back.url.isEmpty());
        QCOMPARE(back.priority, 4);
        QVERIFY(dialog.envSecrets().isEmpty()); // references only: nothing to store
        if (const QString dir = qEnvironmentVariable("MCPPM_SCREENSHOT_DIR"); !dir.isEmpty()) {
            dialog.show();
            QDir().mkpath(dir);
            QVERIFY(dialog.grab().save(
                QDir(dir).filePath(QStringLiteral("server-dialog-command.png"))));
        }

        // Through the profile and back.
        Profile profile;
        profile.servers << back;
        QString error;
        const auto loaded = Profile::fromJson(profile.toJson(), &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->servers.first().command, server.command);
        ServerDialog again;
        again.setServer(loaded->servers.first());
        QCOMPARE(again.server().command, server.command);

        // Switched to URL: the command is gone, the URL is what counts.
        dialog.setLocalCommand(false);
        edit(dialog, QStringLiteral("127.0.0.1"))
            ->setText(QStringLiteral("http://127.0.0.1:1/mcp"));
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        QVERIFY(!dialog.server().command.isSet());
        QCOMPARE(dialog.server().url, QUrl(QStringLiteral("http://127.0.0.1:1/mcp")));
    }

    void modeShowsItsFields()
    {
        ServerDialog dialog;
        dialog.show();
        QLineEdit *url = edit(dialog, QStringLiteral("127.0.0.1"));
        QWidget *command = dialog.findChild<QLineEdit *>(QStringLiteral("command"));
        QVERIFY(url->isVisible());
        QVERIFY(!command->isVisible());
        dialog.findChild<QRadioButton *>(QStringLiteral("commandMode"))->click();
        QVERIFY(!url->isVisible());
        QVERIFY(command->isVisible());
        QVERIFY(!edit(dialog, QStringLiteral("PEM file of a private CA"))->isVisible());
    }

    void typedEnvironmentSecretStaysOutOfTheServer()
    {
        ServerDialog dialog;
        edit(dialog, QStringLiteral("worker-1"))->setText(QStringLiteral("local"));
        dialog.setLocalCommand(true);
        QVERIFY(dialog.problem().contains(QStringLiteral("program")));
        dialog.findChild<QLineEdit *>(QStringLiteral("command"))->setText(QStringLiteral("node"));
        dialog.findChild<QPlainTextEdit *>(QStringLiteral("arguments"))
            ->setPlainText(QStringLiteral("server.js\r\n--name=a b\n\n--flag\n"));
        dialog.addEnvironmentRow(QStringLiteral("PLAIN"), QStringLiteral("1"), false);
        dialog.addEnvironmentRow(QStringLiteral("KEY"), QStringLiteral("s3cret-typed"), true);
        dialog.addEnvironmentRow(QStringLiteral("REF"), QStringLiteral("env:X"), true);
        QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
        const ProfileServer s = dialog.server();
        QCOMPARE(s.command.args,
                 (QStringList{QStringLiteral("server.js"), QStringLiteral("--name=a b"),
                              QStringLiteral("--flag")}));
        QCOMPARE(s.command.env,
                 (QList<QPair<QString, QString>>{{QStringLiteral("PLAIN"), QStringLiteral("1")}}));
        QCOMPARE(
            s.command.envRefs,
            (QList<QPair<QString, QString>>{{QStringLiteral("REF"), QStringLiteral("env:X")}}));
        QCOMPARE(dialog.envSecrets(),
                 (QList<QPair<QString, QString>>{
                     {QStringLiteral("KEY"), QStringLiteral("s3cret-typed")}}));
        Profile profile;
        profile.servers << s;
        QVERIFY(!QJsonDocument(profile.toJson()).toJson().contains("s3cret-typed"));

        // On screen the typed secret is masked and edited as a password; a
        // reference and a plain value are shown as they are.
        auto *table = dialog.findChild<QTableWidget *>(QStringLiteral("environment"));
        auto *delegate = qobject_cast<SecretCellDelegate *>(table->itemDelegateForColumn(1));
        QVERIFY(delegate);
        const QAbstractItemModel *model = table->model();
        QVERIFY(!delegate->isMasked(model->index(0, 1))); // PLAIN
        QVERIFY(delegate->isMasked(model->index(1, 1))); // KEY, typed
        QVERIFY(!delegate->isMasked(model->index(2, 1))); // REF, env:X
        std::unique_ptr<QWidget> editor(
            delegate->createEditor(table->viewport(), QStyleOptionViewItem(), model->index(1, 1)));
        auto *line = qobject_cast<QLineEdit *>(editor.get());
        QVERIFY(line);
        QCOMPARE(line->echoMode(), QLineEdit::Password);
        editor.reset(
            delegate->createEditor(table->viewport(), QStyleOptionViewItem(), model->index(0, 1)));
        QCOMPARE(qobject_cast<QLineEdit *>(editor.get())->echoMode(), QLineEdit::Normal);
    }

    void explainsWrongCommandInput_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("secret");
        QTest::addColumn<QString>("problem");
        QTest::newRow("bad name") << QStringLiteral("A-B") << QStringLiteral("1") << false
                                  << QStringLiteral("\"A-B\" needs a name");
        QTest::newRow("starts with digit") << QStringLiteral("1A") << QStringLiteral("1") << false
                                           << QStringLiteral("needs a name");
        QTest::newRow("twice") << QStringLiteral("LOG") << QStringLiteral("2") << false
                               << QStringLiteral("LOG is set twice");
        QTest::newRow("empty secret") << QStringLiteral("KEY") << QString() << true
                                      << QStringLiteral("KEY needs a reference");
        QTest::newRow("fine") << QStringLiteral("OTHER") << QStringLiteral("x") << true
                              << QString();
    }
    void explainsWrongCommandInput()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(bool, secret);
        QFETCH(QString, problem);
        ServerDialog dialog;
        edit(dialog, QStringLiteral("worker-1"))->setText(QStringLiteral("local"));
        dialog.setLocalCommand(true);
        dialog.findChild<QLineEdit *>(QStringLiteral("command"))->setText(QStringLiteral("node"));
        dialog.addEnvironmentRow(QStringLiteral("LOG"), QStringLiteral("1"), false);
        dialog.addEnvironmentRow(name, value, secret);
        if (problem.isEmpty()) {
            QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem()));
            QVERIFY(okEnabled(dialog));
        } else {
            QVERIFY2(dialog.problem().contains(problem), qPrintable(dialog.problem()));
            QVERIFY(!okEnabled(dialog));
        }
    }
};

QTEST_MAIN(TestServerDialog)
#include "tst_serverdialog.moc"
