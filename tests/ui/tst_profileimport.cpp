// File › Open and File › Import Servers… with mcpServers files (ProfileActions):
// a Claude / VS Code file opens as an unsaved profile (Save never writes over
// it), its literal bearer token goes to the secrets store and not into the
// profile, and Import adds servers to the open profile, renaming a clashing id.

#include "controllers/profiledocument.h"
#include "widgets/profileactions.h"

#include <QAction>
#include <QApplication>
#include <QFile>
#include <QJsonDocument>
#include <QMenu>
#include <QMessageBox>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QWidget>

using namespace mcppm;
using namespace mcppm::ui;

namespace {
// Plain literals: moc does not read raw strings.
const char kClaudeFile[]
    = "{\"mcpServers\": {"
      "\"github\": {\"type\": \"http\", \"url\": \"https://api.example.com/mcp\","
      "             \"headers\": {\"Authorization\": \"Bearer literal-token-9\"}},"
      "\"fs\": {\"command\": \"npx\", \"args\": [\"-y\", \"server-filesystem\"],"
      "         \"env\": {\"MODE\": \"ro\"}, \"autoApprove\": []}}}";

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}

QStringList idsOf(const Profile &p)
{
    QStringList ids;
    for (const ProfileServer &s : p.servers)
        ids << s.id;
    return ids;
}
} // namespace

class TestProfileImport : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QApplication::setOrganizationName(QStringLiteral("mcppm-tests"));
        QApplication::setApplicationName(QStringLiteral("tst_profileimport"));
        QVERIFY(m_dir.isValid());
    }

    void cleanup()
    {
        // The warnings box is not modal: close what a test left open.
        for (QWidget *w : QApplication::topLevelWidgets()) {
            if (qobject_cast<QMessageBox *>(w))
                w->close();
        }
    }

    void menuOffersImport()
    {
        QWidget window;
        ProfileDocument document;
        ProfileActions actions(&document, &window, [](const Profile &, const QString &) {});
        QMenu menu;
        actions.fillMenu(&menu);
        const QAction *import = menu.findChild<QAction *>(QStringLiteral("importServers"));
        QVERIFY(import);
        QVERIFY(import->text().contains(QStringLiteral("Import")));
    }

    void openReadsTheFileAsItIs()
    {
        const QString path = m_dir.filePath(QStringLiteral("claude_desktop_config.json"));
        QVERIFY(writeFile(path, kClaudeFile));
        QWidget window;
        ProfileDocument document;
        QHash<QString, QString> stored;
        ProfileActions actions(
            &document, &window,
            [&document](const Profile &p, const QString &where) { document.open(p, where); });
        actions.setStoreSecretsFunction(
            [&stored](const QHash<QString, QString> &secrets) { stored.insert(secrets); });
        QVERIFY(actions.loadFile(path));
        QCOMPARE(idsOf(document.profile()),
                 (QStringList{QStringLiteral("fs"), QStringLiteral("github")}));
        // Not our format: the document has no file, so Save asks where (never over theirs).
        QVERIFY(document.path().isEmpty());
        QCOMPARE(document.profile().name, QStringLiteral("claude_desktop_config"));
        // The literal token: to the secrets store under the server's reference, not the profile.
        const ProfileServer *github = nullptr;
        for (const ProfileServer &s : document.profile().servers) {
            if (s.id == QLatin1String("github"))
                github = &s;
        }
        QVERIFY(github);
        QCOMPARE(github->tokenRef, QStringLiteral("keychain:claude_desktop_config/github"));
        QCOMPARE(stored.value(github->tokenRef), QStringLiteral("literal-token-9"));
        QVERIFY(!QJsonDocument(document.profile().toJson()).toJson().contains("literal-token-9"));
        // What it could not take ("autoApprove") is shown, not modal.
        bool shown = false;
        for (QWidget *w : QApplication::topLevelWidgets()) {
            auto *box = qobject_cast<QMessageBox *>(w);
            if (box && box->objectName() == QLatin1String("fileWarnings")) {
                shown = box->informativeText().contains(QStringLiteral("autoApprove"))
                    && !box->isModal();
            }
        }
        QVERIFY(shown);

        // Saved where the user says: our format, their file unchanged.
        QFile original(path);
        QVERIFY(original.open(QIODevice::ReadOnly));
        const QByteArray before = original.readAll();
        const QString ours = m_dir.filePath(QStringLiteral("fleet.json"));
        QVERIFY(actions.saveTo(ours));
        QCOMPARE(document.path(), ours);
        const auto again = Profile::load(ours, nullptr);
        QVERIFY(again);
        QCOMPARE(idsOf(*again), idsOf(document.profile()));
        QFile after(path);
        QVERIFY(after.open(QIODevice::ReadOnly));
        QCOMPARE(after.readAll(), before);
    }

    void importMergesWithClashingId()
    {
        const QString path = m_dir.filePath(QStringLiteral(".mcp.json"));
        QVERIFY(writeFile(path, kClaudeFile));
        QWidget window;
        ProfileDocument document;
        Profile open;
        open.name = QStringLiteral("fleet");
        ProfileServer existing;
        existing.id = QStringLiteral("github");
        existing.url = QUrl(QStringLiteral("http://127.0.0.1:3001/mcp"));
        open.servers << existing;
        document.open(open, m_dir.filePath(QStringLiteral("fleet.json")));
        QList<QPair<ProfileServer, QString>> added;
        ProfileActions actions(&document, &window, [](const Profile &, const QString &) {
            QFAIL("import does not open another profile");
        });
        actions.setAddServerFunction(
            [&added, &document](const ProfileServer &s, const QString &token) {
                added.append({s, token});
                document.addServer(s);
                return true;
            });
        QCOMPARE(actions.importFile(path), 2);
        QCOMPARE(added.size(), 2);
        // "github" was there: the imported one is github-2; fs keeps its name.
        QCOMPARE(idsOf(document.profile()),
                 (QStringList{QStringLiteral("github"), QStringLiteral("fs"),
                              QStringLiteral("github-2")}));
        QCOMPARE(document.profile().name, QStringLiteral("fleet"));
        QCOMPARE(document.path(), m_dir.filePath(QStringLiteral("fleet.json")));
        QVERIFY(document.isModified());
        const ProfileServer &imported = added.at(1).first;
        QCOMPARE(imported.id, QStringLiteral("github-2"));
        // Its token is handed over to be stored under this profile's name, not referred to.
        QCOMPARE(added.at(1).second, QStringLiteral("literal-token-9"));
        QVERIFY(imported.tokenRef.isEmpty());
        QVERIFY(added.at(0).first.command.isSet());
        QVERIFY(added.at(0).second.isEmpty());
        // The rename is said.
        bool said = false;
        for (QWidget *w : QApplication::topLevelWidgets()) {
            auto *box = qobject_cast<QMessageBox *>(w);
            if (box && box->informativeText().contains(QStringLiteral("github → github-2")))
                said = true;
        }
        QVERIFY(said);
    }

    void importOfABadFileSaysWhy()
    {
        const QString path = m_dir.filePath(QStringLiteral("broken.json"));
        QVERIFY(writeFile(path, "{\"mcpServers\": {\"a\": {\"command\": 5}}}"));
        QWidget window;
        ProfileDocument document;
        ProfileActions actions(&document, &window, [](const Profile &, const QString &) {});
        int calls = 0;
        actions.setAddServerFunction([&calls](const ProfileServer &, const QString &) {
            ++calls;
            return true;
        });
        QString message;
        QTimer::singleShot(0, this, [&message]() {
            if (auto *box = qobject_cast<QMessageBox *>(QApplication::activeModalWidget())) {
                message = box->text();
                box->accept();
            }
        });
        QCOMPARE(actions.importFile(path), -1);
        QCOMPARE(calls, 0);
        QVERIFY2(message.contains(QStringLiteral("mcpServers \"a\"")), qPrintable(message));
    }
};

QTEST_MAIN(TestProfileImport)
#include "tst_profileimport.moc"
