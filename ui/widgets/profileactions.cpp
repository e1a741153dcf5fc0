#include "profileactions.h"

#include "net/safetext.h"
#include "profile/mcpserversfile.h"

#include "controllers/profiledocument.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

namespace mcppm::ui {

ProfileActions::ProfileActions(ProfileDocument *document, QWidget *window, OpenFunction open)
    : QObject(window)
    , m_document(document)
    , m_window(window)
    , m_open(std::move(open))
{
    m_document->setUnsavedQuestion([this]() {
        const auto answer
            = QMessageBox::question(m_window, tr("Unsaved Changes"),
                                    tr("The pool has changes that are not saved. Save them?"),
                                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
        if (answer == QMessageBox::Save)
            return ProfileDocument::UnsavedAnswer::Save;
        return answer == QMessageBox::Discard ? ProfileDocument::UnsavedAnswer::Discard
                                              : ProfileDocument::UnsavedAnswer::Cancel;
    });
    m_document->setSaveAction([this]() { return save(false); });
    connect(m_document, &ProfileDocument::recentChanged, this, [this](bool hasRecent) {
        if (m_recentMenu)
            m_recentMenu->setEnabled(hasRecent);
    });
}

ProfileActions::~ProfileActions() = default;

void ProfileActions::fillMenu(QMenu *file)
{
    QAction *newAction = file->addAction(tr("&New Profile"), this, [this]() { newProfile(); });
    newAction->setShortcut(QKeySequence(tr("Ctrl+Shift+N"))); // Ctrl+N adds a server
    newAction->setStatusTip(tr("Start an empty pool"));
    QAction *open = file->addAction(tr("&Open Profile…"), this, &ProfileActions::openDialog);
    open->setShortcut(QKeySequence::Open);
    open->setStatusTip(tr("Open a pool profile, or the servers of claude_desktop_config.json, "
                          ".mcp.json or VS Code's mcp.json"));
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &ProfileActions::fillRecentMenu);
    fillRecentMenu();
    QAction *import = file->addAction(tr("&Import Servers…"), this, &ProfileActions::importDialog);
    import->setObjectName(QStringLiteral("importServers"));
    import->setStatusTip(tr("Add the servers of another profile or of an mcpServers file "
                            "(Claude, VS Code) to this pool"));
    QAction *saveAction = file->addAction(tr("&Save Profile"), this, [this]() { save(false); });
    saveAction->setShortcut(QKeySequence::Save);
    QAction *saveAs = file->addAction(tr("Save Profile &As…"), this, [this]() { save(true); });
    saveAs->setShortcut(QKeySequence::SaveAs);
}

bool ProfileActions::loadFile(const QString &path)
{
    QString why;
    if (McpServersFile::isMcpServersFile(path)) {
        const auto read = McpServersFile::load(path, &why);
        if (!read) {
            QMessageBox::warning(m_window, tr("Open Profile"),
                                 SafeText::escape(why, SafeText::Mode::MultiLine));
            return false;
        }
        if (m_storeSecrets && !read->secrets.isEmpty())
            m_storeSecrets(read->secrets); // before the pool reads them
        // Unsaved: Save asks where to write a pool profile; their file stays as it is.
        m_open(read->profile, QString());
        m_document->remember(path);
        const QString name = QFileInfo(path).fileName();
        Q_EMIT statusMessage(tr("Read %n server(s) from %1; Save writes them as a pool profile "
                                "(it asks where).",
                                nullptr, int(read->profile.servers.size()))
                                 .arg(name),
                             10000);
        showWarnings(tr("Open Profile"),
                     tr("Some settings of %1 were not taken as they are.").arg(name),
                     read->warnings);
        return true;
    }
    const auto profile = ProfileDocument::read(path, &why);
    if (!profile) {
        QMessageBox::warning(m_window, tr("Open Profile"),
                             SafeText::escape(why, SafeText::Mode::MultiLine));
        return false;
    }
    m_open(*profile, path);
    m_document->remember(path);
    return true;
}

bool ProfileActions::newProfile()
{
    if (!m_document->confirmDiscard())
        return false;
    m_open(Profile{}, {});
    Q_EMIT statusMessage(tr("New, empty pool: add servers, then save the profile."), 5000);
    return true;
}

bool ProfileActions::openRecent(const QString &path)
{
    if (!QFileInfo(path).isFile()) {
        m_document->forget(path);
        QMessageBox::warning(m_window, tr("Open Recent Profile"),
                             tr("The profile %1 no longer exists. It was removed from the "
                                "list of recent profiles.")
                                 .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    if (!m_document->confirmDiscard())
        return false;
    return loadFile(path);
}

void ProfileActions::fillRecentMenu()
{
    // Rebuilt as it opens (never from one of its own actions, which clear() would delete).
    m_recentMenu->clear();
    const QStringList paths = ProfileDocument::recentProfiles();
    for (int i = 0; i < paths.size(); ++i) {
        const QString &path = paths.at(i);
        // "&1 fleet.json" … "&8 …": a key for each, the full path in the tip.
        QAction *action
            = m_recentMenu->addAction(tr("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()), this,
                                      [this, path]() { openRecent(path); });
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        action->setData(path);
    }
    m_recentMenu->setToolTipsVisible(true);
    if (!paths.isEmpty())
        m_recentMenu->addSeparator();
    QAction *clear
        = m_recentMenu->addAction(tr("&Clear Menu"), m_document, &ProfileDocument::clearRecent);
    clear->setEnabled(!paths.isEmpty());
    m_recentMenu->setEnabled(!paths.isEmpty());
}

int ProfileActions::importFile(const QString &path)
{
    QString why;
    std::optional<Profile> from;
    QHash<QString, QString> secrets;
    QStringList warnings;
    if (McpServersFile::isMcpServersFile(path)) {
        if (auto read = McpServersFile::load(path, &why)) {
            from = read->profile;
            secrets = read->secrets;
            warnings = read->warnings;
        }
    } else {
        from = ProfileDocument::read(path, &why);
    }
    if (!from) {
        QMessageBox::warning(m_window, tr("Import Servers"),
                             SafeText::escape(why, SafeText::Mode::MultiLine));
        return -1;
    }
    QStringList taken;
    for (const ProfileServer &s : m_document->profile().servers)
        taken << s.id;
    QStringList renamed;
    const QList<ProfileServer> servers
        = McpServersFile::withFreeIds(from->servers, taken, &renamed);
    int added = 0;
    for (ProfileServer server : servers) {
        // A token that came from the file goes to the keychain under this profile's name.
        QString token;
        if (secrets.contains(server.tokenRef)) {
            token = secrets.value(server.tokenRef);
            server.tokenRef.clear();
        }
        if (m_addServer && m_addServer(server, token))
            ++added;
    }
    const QString name = QFileInfo(path).fileName();
    Q_EMIT statusMessage(tr("Imported %n server(s) from %1.", nullptr, added).arg(name), 10000);
    for (const QString &change : std::as_const(renamed))
        warnings << tr("The id was already in the pool: %1").arg(change);
    showWarnings(tr("Import Servers"),
                 tr("Imported %n server(s) from %1.", nullptr, added).arg(name), warnings);
    return added;
}

void ProfileActions::showWarnings(const QString &title, const QString &text,
                                  const QStringList &warnings)
{
    if (warnings.isEmpty())
        return;
    auto *box = new QMessageBox(QMessageBox::Information, title, text, QMessageBox::Ok, m_window);
    box->setObjectName(QStringLiteral("fileWarnings"));
    box->setInformativeText(
        SafeText::escape(warnings.join(QLatin1Char('\n')), SafeText::Mode::MultiLine));
    box->setAttribute(Qt::WA_DeleteOnClose);
    box->setModal(false);
    box->show(); // not modal: the pool starts meanwhile
}

void ProfileActions::importDialog()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Import Servers"), QFileInfo(m_document->path()).absolutePath(),
        tr("Profiles and MCP server lists (*.json);;All files (*)"));
    if (!path.isEmpty())
        importFile(path);
}

void ProfileActions::openDialog()
{
    if (!m_document->confirmDiscard())
        return;
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Profile"),
                                                      QFileInfo(m_document->path()).absolutePath(),
                                                      tr("Profiles and MCP server lists (*.json);;"
                                                         "All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

bool ProfileActions::save(bool askPath)
{
    QString path = m_document->path();
    if (askPath || path.isEmpty()) {
        path = QFileDialog::getSaveFileName(m_window, tr("Save Profile"),
                                            path.isEmpty() ? QStringLiteral("fleet.json") : path,
                                            tr("Pool profiles (*.json)"));
        if (path.isEmpty())
            return false;
    }
    return saveTo(path);
}

bool ProfileActions::saveTo(const QString &path)
{
    QString why;
    if (!m_document->saveTo(path, &why)) {
        QMessageBox::warning(m_window, tr("Save Profile"), why);
        return false;
    }
    Q_EMIT statusMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

} // namespace mcppm::ui
