#pragma once

#include "models/serverhistory.h"
#include "pool/poolsnapshot.h"
#include "profile/profile.h"

#include <QHash>
#include <QMainWindow>
#include <QPointer>

class QAction;
class QComboBox;
class QLabel;
class QLineEdit;
class QMenu;
class QSortFilterProxyModel;
class QSplitter;
class QTabWidget;
class QTableView;
class QSystemTrayIcon;
class QTimer;
class QToolButton;

namespace mcppm {
class PoolHost;
}

namespace mcppm::ui {

class EventLogModel;
class Composer;
class PoolCharts;
class ProtocolView;
class ResourceBrowser;
class ServerDetailPane;
class ServerTableModel;
class SignInNotice;
class TokenStore;

// The monitor's main window: a summary bar, the server table, charts and the
// event log, fed by snapshots from a PoolHost living in another thread. All
// commands go to the host as queued calls; nothing here touches the network.
class MainWindow final : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(PoolHost *host, QWidget *parent = nullptr);
    ~MainWindow() override;

    // Starts (or restarts) the pool on this profile; path may be empty (unsaved).
    void openProfile(const Profile &profile, const QString &path);
    bool loadProfileFile(const QString &path); // false (with a message box) on error
    // File › New Profile: an empty pool, after asking about unsaved changes.
    bool newProfile();
    // File › Open Recent: after asking about unsaved changes; a file that is gone
    // leaves the list, with a message box saying so.
    bool openRecentProfile(const QString &path);
    // Writes the profile there (atomically) and makes it the current file.
    bool saveProfileTo(const QString &path);
    QString profilePath() const { return m_profilePath; }
    QStringList recentProfiles() const; // newest first
    QMenu *recentMenu() const { return m_recentMenu; }
    const ServerHistory &serverHistory() const { return m_serverHistory; }

    ServerTableModel *serverModel() const { return m_servers; }
    EventLogModel *eventModel() const { return m_events; }
    PoolCharts *charts() const { return m_charts; }
    QTabWidget *tabs() const { return m_tabs; }
    ServerDetailPane *detailPane() const { return m_detail; }
    Composer *composer() const { return m_composer; }
    ProtocolView *protocolView() const { return m_protocol; }
    ResourceBrowser *resourceBrowser() const { return m_resourceBrowser; }
    TokenStore *tokenStore() const { return m_tokens; }
    // Adds a server to the pool and the profile; a token goes to the keychain
    // (or memory) under "keychain:<profile>/<id>" and only the reference is kept;
    // an OAuth client secret likewise under "keychain:<profile>/<id>/client-secret".
    bool addServerToPool(ProfileServer server, const QString &token,
                         const QString &clientSecret = {});
    // A new bearer token for a server, without restarting the pool (kept in the
    // keychain under the server's keychain: reference).
    bool replaceToken(const QString &id, const QString &token);
    void showResources();
    void showComposer();
    void selectServer(const QString &id);
    // OAuth: asks the pool to sign in to the server (its sign-in page opens in
    // the browser) or to forget its tokens.
    void signIn(const QString &id);
    void signOut(const QString &id);
    // Where a server's OAuth token set is kept in the TokenStore:
    // "oauth:<profile name or default>/<id>". Never in the profile file.
    QString oauthTokenKey(const QString &id) const;
    // The open notice of a sign-in waiting for the browser, if any.
    SignInNotice *signInNotice(const QString &id) const;
    const Profile &profile() const { return m_profile; }
    bool isModified() const { return m_modified; }
    int snapshotsApplied() const { return m_snapshots; }

    // Opens the settings dialog; true if the pool settings changed (pool restarted).
    bool editSettings();

public Q_SLOTS:
    void applySnapshot(const mcppm::PoolSnapshot &snapshot);

Q_SIGNALS:
    // From the snapshots: a server left service, or came back to it.
    void serverWentOffline(const QString &id, const QString &error);
    void serverRecovered(const QString &id);
    // From the snapshots: an OAuth sign-in finished, or ended without tokens.
    void serverSignedIn(const QString &id);
    void serverSignInFailed(const QString &id);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildCentral();
    void restoreLayout();
    void saveLayout();
    QString selectedServer() const;
    void addServer();
    void removeServer();
    void editServer();
    void trustCertificate();
    void showSignInPage(const QString &id, const QUrl &url);
    void keepOAuthTokens(const QString &id, const QJsonObject &tokens);
    QString profileKeyName() const;
    // Keeps a typed client secret under the server's keychain reference
    // (given or made up) and returns that reference.
    QString storeClientSecret(ProfileServer *server, const QString &secret);
    void showSelectedAuth();
    void followSignIns(const PoolSnapshot &snapshot);
    void updateServerActions();
    void openProfileDialog();
    bool saveProfile(bool askPath);
    void rememberProfile(const QString &path);
    void fillRecentMenu();
    void showServerCharts(bool onlyIfShown);
    void exportCsv();
    void setModified(bool modified);
    bool confirmDiscard();
    void updateTitle();

    QPointer<PoolHost> m_host;
    Profile m_profile;
    QString m_profilePath;
    bool m_modified = false;
    int m_snapshots = 0;

    ServerTableModel *m_servers = nullptr;
    QSortFilterProxyModel *m_proxy = nullptr;
    EventLogModel *m_events = nullptr;
    QSortFilterProxyModel *m_eventProxy = nullptr;
    QTableView *m_table = nullptr;
    QTableView *m_eventView = nullptr;
    QLineEdit *m_filter = nullptr;
    QLineEdit *m_eventFilter = nullptr;
    QSplitter *m_splitter = nullptr;
    QTabWidget *m_tabs = nullptr;
    PoolCharts *m_charts = nullptr;
    QComboBox *m_strategy = nullptr;
    QToolButton *m_pause = nullptr;
    QLabel *m_serversLabel = nullptr;
    QLabel *m_queueLabel = nullptr;
    ServerDetailPane *m_detail = nullptr;
    Composer *m_composer = nullptr;
    ProtocolView *m_protocol = nullptr;
    ResourceBrowser *m_resourceBrowser = nullptr;
    TokenStore *m_tokens = nullptr;
    QLabel *m_tokenNotice = nullptr;
    QTabWidget *m_pages = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QHash<QString, QString> m_lastStatus;
    struct PendingSignIn
    {
        qint64 sinceMs = 0; // wall clock of the request: older pool events are not about it
        bool seenAuthorizing = false;
    };
    QHash<QString, PendingSignIn> m_signingIn; // sign-ins asked for here
    QHash<QString, QPointer<SignInNotice>> m_signInNotices;
    ServerHistory m_serverHistory;
    QMenu *m_recentMenu = nullptr;
    QTimer *m_detailTimer = nullptr;

    QAction *m_addAction = nullptr;
    QAction *m_removeAction = nullptr;
    QAction *m_reconnectAction = nullptr;
    QAction *m_pingAction = nullptr;
    QAction *m_tokenAction = nullptr;
    QAction *m_editAction = nullptr;
    QAction *m_drainAction = nullptr;
    QAction *m_disableAction = nullptr;
    QAction *m_trustAction = nullptr;
    QAction *m_signInAction = nullptr;
    QAction *m_signOutAction = nullptr;
};

} // namespace mcppm::ui
