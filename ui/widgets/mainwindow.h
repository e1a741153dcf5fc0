#pragma once

#include "models/serverhistory.h"
#include "pool/poolsnapshot.h"
#include "profile/profile.h"

#include <QHash>
#include <QMainWindow>

class QDockWidget;
class QLabel;
class QMenu;
class QSystemTrayIcon;
class QTabWidget;
class QTimer;
class QToolBar;

namespace mcppm {
class PoolHost;
}

namespace mcppm::ui {

class EventLogModel;
class Composer;
class FleetPage;
class PoolCharts;
class PoolClient;
class ProfileActions;
class ProfileDocument;
class ProtocolView;
class InputRequestController;
class PromptsPage;
class ResourceBrowser;
class SecretsController;
class ServerActions;
class ServerDetailPane;
class ServerTableModel;
class SignInController;
class SignInNotice;
class StatusNotices;
class TokenStore;

// The monitor's main window: menus, toolbar, the server-detail dock, the tray
// and the wiring between them. The pages (Fleet, Call a Tool, Resources) show
// the pool; the controllers keep the profile document, its secrets and the
// sign-ins; every command goes to the pool thread through one PoolClient.
// Nothing here touches the network.
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
    QString profilePath() const;
    QStringList recentProfiles() const; // newest first
    QMenu *recentMenu() const;
    const ServerHistory &serverHistory() const { return m_serverHistory; }

    PoolClient *poolClient() const { return m_pool; }
    ProfileDocument *document() const { return m_document; }
    FleetPage *fleetPage() const { return m_fleet; }
    ServerTableModel *serverModel() const;
    EventLogModel *eventModel() const;
    PoolCharts *charts() const;
    QTabWidget *tabs() const;
    ServerDetailPane *detailPane() const { return m_detail; }
    Composer *composer() const { return m_composer; }
    ProtocolView *protocolView() const;
    ResourceBrowser *resourceBrowser() const { return m_resourceBrowser; }
    PromptsPage *promptsPage() const { return m_prompts; }
    InputRequestController *inputRequests() const { return m_inputRequests; }
    TokenStore *tokenStore() const;
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
    const Profile &profile() const;
    bool isModified() const;
    int snapshotsApplied() const { return m_snapshots; }
    // Decides when a server's going and coming is worth a notice (tray,
    // status bar): only for states that last (StatusNotices::setDelayMs).
    StatusNotices *statusNotices() const { return m_notices; }

    // Opens the settings dialog; true if the pool settings changed (pool restarted).
    bool editSettings();
    // Pool › Serve as MCP Server…: the endpoint's settings (kept in the profile).
    bool serveAsMcpServer();
    // View › Reset Layout: panes, toolbar, splitters and columns as on a first start.
    void resetLayout();

public Q_SLOTS:
    void applySnapshot(const mcppm::PoolSnapshot &snapshot);

Q_SIGNALS:
    // From the snapshots: a server has been out of service for a while
    // (StatusNotices), or came back after that was announced.
    void serverWentOffline(const QString &id, const QString &error);
    void serverRecovered(const QString &id);
    // From the snapshots: an OAuth sign-in finished, or ended without tokens.
    void serverSignedIn(const QString &id);
    void serverSignInFailed(const QString &id);

protected:
    void closeEvent(QCloseEvent *event) override;

private:
    void buildActions();
    void buildPages();
    void buildDetailDock();
    void buildNotifications();
    void buildViewMenu(QDockWidget *dock);
    void restoreLayout();
    void saveLayout();
    void stepPage(int step); // the next (1) or previous (-1) main tab, round the ends
    QString selectedServer() const;
    void requestDetail(const QString &id);
    void showSelectedAuth();
    void showServerCharts(bool onlyIfShown);
    void exportCsv();
    void notify(const QString &title, const QString &text, bool warning);
    void updateTitle();

    PoolClient *m_pool = nullptr;
    ProfileDocument *m_document = nullptr;
    SecretsController *m_secrets = nullptr;
    SignInController *m_signIns = nullptr;
    StatusNotices *m_notices = nullptr;
    ServerActions *m_serverActions = nullptr;
    ProfileActions *m_profileActions = nullptr;
    int m_snapshots = 0;

    QTabWidget *m_pages = nullptr;
    FleetPage *m_fleet = nullptr;
    Composer *m_composer = nullptr;
    ResourceBrowser *m_resourceBrowser = nullptr;
    PromptsPage *m_prompts = nullptr;
    InputRequestController *m_inputRequests = nullptr;
    ServerDetailPane *m_detail = nullptr;
    QLabel *m_tokenNotice = nullptr;
    QSystemTrayIcon *m_tray = nullptr;
    QHash<QString, QString> m_lastStatus;
    ServerHistory m_serverHistory;
    QTimer *m_detailTimer = nullptr;
    QToolBar *m_toolBar = nullptr;
    QByteArray m_defaultState; // the dock and toolbar as built
};

} // namespace mcppm::ui
