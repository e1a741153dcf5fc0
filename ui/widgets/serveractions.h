#pragma once

#include "profile/profile.h"

#include <QList>
#include <QObject>
#include <QPointer>

class QAction;
class QMenu;
class QWidget;

namespace mcppm::ui {

class FleetPage;
class PoolClient;
class ProfileDocument;
class SecretsController;
class SignInController;

// The Server menu: its actions (Add…, Remove, Edit…, Drain, Disable, Trust
// Certificate…, Reconnect Now, Ping, Change Token…, Sign In, Sign Out), kept
// enabled and checked for the server selected on the Fleet page, and what
// they do: the dialogs, then the change in the profile document, its secrets
// and the pool.
class ServerActions final : public QObject
{
    Q_OBJECT
public:
    ServerActions(PoolClient *pool, ProfileDocument *document, SecretsController *secrets,
                  SignInController *signIns, FleetPage *fleet, QWidget *window);
    ~ServerActions() override;
    Q_DISABLE_COPY_MOVE(ServerActions)

    void fillMenu(QMenu *menu);
    QList<QAction *> tableActions() const; // the server table's context menu
    QList<QAction *> toolBarActions() const;
    // Enables and checks the actions for the selected server.
    void update();

    // Adds a server to the pool and the profile, its token and client secret to the store.
    bool addServerToPool(ProfileServer server, const QString &token, const QString &clientSecret);

Q_SIGNALS:
    void statusMessage(const QString &text, int timeoutMs);

private:
    QString selected() const;
    void addServer();
    void removeServer();
    void editServer();
    void trustCertificate();
    void changeToken();

    PoolClient *m_pool;
    ProfileDocument *m_document;
    SecretsController *m_secrets;
    SignInController *m_signIns;
    FleetPage *m_fleet;
    QPointer<QWidget> m_window; // parent of the dialogs

    QAction *m_add = nullptr;
    QAction *m_remove = nullptr;
    QAction *m_edit = nullptr;
    QAction *m_drain = nullptr;
    QAction *m_disable = nullptr;
    QAction *m_trust = nullptr;
    QAction *m_reconnect = nullptr;
    QAction *m_restartProcess = nullptr; // local (stdio) servers
    QAction *m_ping = nullptr;
    QAction *m_token = nullptr;
    QAction *m_signIn = nullptr;
    QAction *m_signOut = nullptr;
    QAction *m_separator = nullptr;
    QAction *m_authSeparator = nullptr;
};

} // namespace mcppm::ui
