#include "serveractions.h"

#include "controllers/poolclient.h"
#include "controllers/profiledocument.h"
#include "controllers/secretscontroller.h"
#include "controllers/signincontroller.h"
#include "dialogs/serverdialog.h"
#include "dialogs/trustcertificatedialog.h"
#include "models/servertablemodel.h"
#include "pages/fleetpage.h"

#include <QAction>
#include <QInputDialog>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>

namespace mcppm::ui {

namespace {
// A local command's secret environment values typed in the dialog: each goes
// to the keychain (memory without one) under "keychain:<profile>/<id>/env/<NAME>",
// and the server gets that reference in its envRefs. The values for the pool.
QHash<QString, QString> storeEnvironmentSecrets(ProfileServer *server,
                                                const QList<QPair<QString, QString>> &typed,
                                                const QString &profileKey,
                                                SecretsController *secrets)
{
    QHash<QString, QString> stored;
    for (const auto &[name, value] : typed) {
        const QString ref
            = QStringLiteral("keychain:%1/%2/env/%3").arg(profileKey, server->id, name);
        server->command.envRefs.removeIf(
            [&name](const QPair<QString, QString> &r) { return r.first == name; });
        server->command.envRefs.append({name, ref});
        secrets->writeToken(ref, value);
        stored.insert(ref, value);
    }
    std::sort(server->command.envRefs.begin(), server->command.envRefs.end(),
              [](const auto &a, const auto &b) { return a.first < b.first; });
    return stored;
}
} // namespace

ServerActions::ServerActions(PoolClient *pool, ProfileDocument *document,
                             SecretsController *secrets, SignInController *signIns,
                             FleetPage *fleet, QWidget *window)
    : QObject(window)
    , m_pool(pool)
    , m_document(document)
    , m_secrets(secrets)
    , m_signIns(signIns)
    , m_fleet(fleet)
    , m_window(window)
{
    // Commands on the selected server.
    auto onSelected = [this](auto command) {
        return [this, command]() {
            if (const QString id = selected(); !id.isEmpty())
                command(id);
        };
    };
    m_add = new QAction(tr("&Add…"), this);
    m_add->setShortcut(QKeySequence(tr("Ctrl+N")));
    connect(m_add, &QAction::triggered, this, &ServerActions::addServer);
    m_remove = new QAction(tr("&Remove"), this);
    m_remove->setShortcut(QKeySequence::Delete);
    connect(m_remove, &QAction::triggered, this, &ServerActions::removeServer);
    m_edit = new QAction(tr("&Edit…"), this);
    m_edit->setShortcut(QKeySequence(tr("Ctrl+Shift+E")));
    connect(m_edit, &QAction::triggered, this, &ServerActions::editServer);
    m_drain = new QAction(tr("&Drain"), this);
    m_drain->setCheckable(true);
    m_drain->setToolTip(tr("No new work for this server; running calls finish"));
    connect(m_drain, &QAction::toggled, this, [this](bool drained) {
        if (const QString id = selected(); !id.isEmpty())
            m_pool->setServerDrained(id, drained);
    });
    m_disable = new QAction(tr("Di&sable"), this);
    m_disable->setCheckable(true);
    m_disable->setToolTip(
        tr("No new work, no health checks; the session closes once running calls end"));
    connect(m_disable, &QAction::toggled, this, [this](bool disabled) {
        const QString id = selected();
        if (id.isEmpty())
            return;
        m_document->setServerEnabled(id, !disabled); // kept in the profile
        m_pool->setServerEnabled(id, !disabled);
    });
    m_trust = new QAction(tr("Tr&ust Certificate…"), this);
    connect(m_trust, &QAction::triggered, this, &ServerActions::trustCertificate);
    m_reconnect = new QAction(tr("Re&connect Now"), this);
    connect(m_reconnect, &QAction::triggered, this,
            onSelected([this](const QString &id) { m_pool->reconnectServer(id); }));
    m_restartProcess = new QAction(tr("Restart Process"), this);
    m_restartProcess->setStatusTip(
        tr("Stop the local server's process and start it again (also after it gave up)"));
    connect(m_restartProcess, &QAction::triggered, this,
            onSelected([this](const QString &id) { m_pool->restartProcess(id); }));
    m_ping = new QAction(tr("&Ping"), this);
    m_ping->setShortcut(QKeySequence(tr("Ctrl+P")));
    connect(m_ping, &QAction::triggered, this,
            onSelected([this](const QString &id) { m_pool->pingServer(id); }));
    m_token = new QAction(tr("Change &Token…"), this);
    connect(m_token, &QAction::triggered, this, &ServerActions::changeToken);
    m_signIn = new QAction(tr("Sign &In"), this);
    m_signIn->setStatusTip(tr("Sign in to the server with OAuth: its sign-in page opens "
                              "in your browser"));
    connect(m_signIn, &QAction::triggered, this,
            onSelected([this](const QString &id) { m_signIns->signIn(id); }));
    m_signOut = new QAction(tr("Sign &Out"), this);
    m_signOut->setStatusTip(tr("Forget the server's OAuth tokens; it needs a sign-in again"));
    connect(m_signOut, &QAction::triggered, this,
            onSelected([this](const QString &id) { m_signIns->signOut(id); }));
    m_separator = new QAction(this);
    m_separator->setSeparator(true);
    m_authSeparator = new QAction(this);
    m_authSeparator->setSeparator(true);
}

ServerActions::~ServerActions() = default;

void ServerActions::fillMenu(QMenu *menu)
{
    menu->addActions({m_add, m_remove, m_edit, m_drain, m_disable, m_trust, m_reconnect,
                      m_restartProcess, m_ping, m_token});
    menu->addSeparator();
    menu->addActions({m_signIn, m_signOut});
}

QList<QAction *> ServerActions::tableActions() const
{
    return {m_edit,  m_reconnect,     m_restartProcess, m_ping,    m_drain,     m_disable,
            m_trust, m_authSeparator, m_signIn,         m_signOut, m_separator, m_remove};
}

QList<QAction *> ServerActions::toolBarActions() const
{
    return {m_add, m_remove, m_reconnect, m_ping};
}

QString ServerActions::selected() const
{
    return m_fleet->selectedServer();
}

void ServerActions::update()
{
    const ServerTableModel *model = m_fleet->serverModel();
    const int row = model->rowOf(selected());
    const ServerRow *r = row >= 0 ? model->row(row) : nullptr;
    for (QAction *a : {m_remove, m_reconnect, m_ping, m_token, m_edit, m_drain, m_disable})
        a->setEnabled(r != nullptr);
    const QSignalBlocker drainBlock(m_drain);
    const QSignalBlocker disableBlock(m_disable);
    m_drain->setChecked(r && r->draining);
    m_disable->setChecked(r && r->status == QLatin1String("disabled"));
    m_drain->setEnabled(r && r->status != QLatin1String("disabled"));
    m_trust->setEnabled(r && !r->refusedCertificateSha256.isEmpty());
    m_restartProcess->setEnabled(r && r->local);
    // OAuth: Sign In until signed in, then Sign Out; neither without OAuth.
    const bool oauth = r && ServerTableModel::usesOAuth(*r);
    const bool signedIn = oauth
        && (r->authState == QLatin1String("signed-in")
            || r->authState == QLatin1String("refreshing"));
    m_signIn->setEnabled(oauth && !signedIn);
    m_signOut->setEnabled(signedIn);
}

void ServerActions::addServer()
{
    ServerDialog dialog(m_window);
    dialog.setWindowTitle(tr("Add Server"));
    // An id already in the pool keeps the dialog open with everything typed.
    QStringList ids;
    for (const ProfileServer &s : m_document->profile().servers)
        ids << s.id;
    dialog.setTakenIds(ids);
    while (dialog.exec() == QDialog::Accepted) {
        ProfileServer server = dialog.server();
        if (!m_document->hasServer(server.id) && !dialog.envSecrets().isEmpty())
            m_pool->setSecrets(storeEnvironmentSecrets(&server, dialog.envSecrets(),
                                                       m_document->keyName(), m_secrets));
        if (addServerToPool(server, dialog.token(), dialog.clientSecret()))
            return;
    }
}

bool ServerActions::addServerToPool(ProfileServer server, const QString &token,
                                    const QString &clientSecret)
{
    if (m_document->hasServer(server.id)) {
        QMessageBox::warning(m_window, tr("Add Server"),
                             tr("A server with the id %1 is already in the pool.").arg(server.id));
        return false;
    }
    const QHash<QString, QString> secrets
        = m_secrets->storeServerSecrets(&server, token, clientSecret);
    m_document->addServer(server);
    m_pool->setSecrets(secrets);
    m_pool->addServer(server);
    return true;
}

void ServerActions::removeServer()
{
    const QString id = selected();
    if (id.isEmpty())
        return;
    if (QMessageBox::question(m_window, tr("Remove Server"),
                              tr("Remove %1 from the pool? Its queued and running calls move "
                                 "to other servers.")
                                  .arg(id))
        != QMessageBox::Yes)
        return;
    m_document->removeServer(id);
    m_pool->removeServer(id);
}

void ServerActions::editServer()
{
    const QString id = selected();
    const ProfileServer *current = id.isEmpty() ? nullptr : m_document->server(id);
    if (!current)
        return;
    const ProfileServer before = *current;
    ServerDialog dialog(m_window);
    dialog.setWindowTitle(tr("Edit Server %1").arg(id));
    dialog.setServer(before);
    if (dialog.exec() != QDialog::Accepted)
        return;
    ProfileServer after = dialog.server();
    if (after.id != before.id && m_document->hasServer(after.id)) {
        QMessageBox::warning(m_window, tr("Edit Server"),
                             tr("A server with the id %1 is already in the pool.").arg(after.id));
        return;
    }
    const QString clientSecret = dialog.clientSecret();
    QHash<QString, QString> secrets
        = storeEnvironmentSecrets(&after, dialog.envSecrets(), m_document->keyName(), m_secrets);
    if (!clientSecret.isEmpty())
        secrets.insert(m_secrets->storeClientSecret(&after, clientSecret), clientSecret);
    if (ProfileServer *s = m_document->server(before.id))
        *s = after;
    if (before.oauth != after.oauth || !secrets.isEmpty()) {
        // New OAuth settings (or client secret) take a new OAuth client: the
        // server is added again under them (its kept token set stays).
        m_pool->setSecrets(secrets);
        m_pool->removeServer(before.id);
        m_pool->addServer(after);
    } else {
        m_pool->editServer(before, after);
    }
    if (!dialog.token().isEmpty())
        m_secrets->replaceToken(after.id, dialog.token());
    m_document->setModified(true);
}

void ServerActions::changeToken()
{
    const QString id = selected();
    if (id.isEmpty())
        return;
    bool ok = false;
    const QString token = QInputDialog::getText(
        m_window, tr("Change Token"),
        tr("New bearer token for %1 (calls running now finish with the old one):").arg(id),
        QLineEdit::Password, QString(), &ok);
    if (ok && !token.isEmpty())
        m_secrets->replaceToken(id, token);
}

void ServerActions::trustCertificate()
{
    const QString id = selected();
    const ServerTableModel *model = m_fleet->serverModel();
    const int row = model->rowOf(id);
    const ServerRow *r = row >= 0 ? model->row(row) : nullptr;
    if (!r || r->refusedCertificateSha256.isEmpty() || !m_document->hasServer(id))
        return;
    TrustCertificateDialog dialog(*r, m_window);
    if (dialog.exec() != QDialog::Accepted || dialog.fingerprint().isEmpty())
        return;
    ProfileServer *server = m_document->server(id); // looked up again after the dialog
    if (!server)
        return;
    const ProfileServer before = *server;
    server->pinSha256 = dialog.fingerprint();
    m_pool->editServer(before, *server);
    m_document->setModified(true);
    Q_EMIT statusMessage(tr("%1: certificate pinned; connecting again").arg(id), 5000);
}

} // namespace mcppm::ui
