#pragma once

#include "profile/profile.h"

#include <QHash>
#include <QObject>
#include <QPointer>

#include <functional>

class QMenu;
class QWidget;

namespace mcppm::ui {

class ProfileDocument;

// The profile part of the File menu (New Profile, Open Profile…, Open Recent,
// Import Servers…, Save Profile, Save Profile As…) over the ProfileDocument:
// the file dialogs, the unsaved-changes question, the recent list as a menu,
// and a message box when a file cannot be read or written. Opening hands the
// profile to the window's open function (which restarts the pool).
// An mcpServers file (claude_desktop_config.json, .mcp.json, VS Code mcp.json;
// McpServersFile) opens as it is, as an unsaved profile: Save asks where to
// write our format and never writes over that file. Its literal bearer tokens
// go to the store-secrets function (the keychain), what it could not take to a
// message. Import adds the servers of such a file, or of a profile, to the open
// one; an id already there gets a suffix ("github" → "github-2").
class ProfileActions final : public QObject
{
    Q_OBJECT
public:
    using OpenFunction = std::function<void(const Profile &profile, const QString &path)>;
    // Adds one server to the open pool and profile, its bearer token (if
    // any) to the keychain; false if it was not added.
    using AddServerFunction
        = std::function<bool(const ProfileServer &server, const QString &token)>;
    // Keeps secrets (reference → value) in the keychain, or memory without one.
    using StoreSecretsFunction = std::function<void(const QHash<QString, QString> &secrets)>;

    ProfileActions(ProfileDocument *document, QWidget *window, OpenFunction open);
    ~ProfileActions() override;
    Q_DISABLE_COPY_MOVE(ProfileActions)

    void setAddServerFunction(AddServerFunction add) { m_addServer = std::move(add); }
    void setStoreSecretsFunction(StoreSecretsFunction store) { m_storeSecrets = std::move(store); }

    void fillMenu(QMenu *file);
    QMenu *recentMenu() const { return m_recentMenu; }

    bool loadFile(const QString &path); // false (with a message box) on error
    bool newProfile(); // after asking about unsaved changes
    bool openRecent(const QString &path); // a file that is gone leaves the list
    bool save(bool askPath); // asks for a path when there is none (or askPath)
    bool saveTo(const QString &path);
    // File › Import Servers…: the servers of a profile or an mcpServers file
    // added to the open profile. The number added; -1 (with a message box) on error.
    int importFile(const QString &path);

Q_SIGNALS:
    void statusMessage(const QString &text, int timeoutMs);

private:
    void openDialog();
    void importDialog();
    void fillRecentMenu();
    // A message (not modal) listing what an mcpServers file gave warnings for.
    void showWarnings(const QString &title, const QString &text, const QStringList &warnings);

    ProfileDocument *m_document;
    QPointer<QWidget> m_window; // parent of the dialogs
    OpenFunction m_open;
    AddServerFunction m_addServer;
    StoreSecretsFunction m_storeSecrets;
    QMenu *m_recentMenu = nullptr;
};

} // namespace mcppm::ui
