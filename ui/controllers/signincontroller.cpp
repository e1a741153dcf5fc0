#include "signincontroller.h"

#include "controllers/poolclient.h"
#include "dialogs/signinnotice.h"

#include <QDateTime>
#include <QDesktopServices>

namespace mcppm::ui {

SignInController::SignInController(PoolClient *pool, QWidget *noticeParent, QObject *parent)
    : QObject(parent)
    , m_pool(pool)
    , m_noticeParent(noticeParent)
{
    connect(pool, &PoolClient::signInUrlReady, this, &SignInController::showSignInPage);
    // A notice's link leads nowhere once the sign-in ended.
    connect(this, &SignInController::signedIn, this, &SignInController::closeNotice);
    connect(this, &SignInController::signInFailed, this, &SignInController::closeNotice);
}

SignInController::~SignInController() = default;

SignInNotice *SignInController::notice(const QString &id) const
{
    return m_notices.value(id);
}

void SignInController::signIn(const QString &id)
{
    m_signingIn.insert(id, {QDateTime::currentMSecsSinceEpoch(), false});
    if (m_pool)
        m_pool->signIn(id);
    Q_EMIT statusMessage(tr("%1: starting the sign-in…").arg(id), 5000);
}

void SignInController::signOut(const QString &id)
{
    m_signingIn.remove(id);
    closeNotice(id);
    if (m_pool)
        m_pool->signOut(id);
    Q_EMIT statusMessage(tr("%1: signed out; its tokens are forgotten.").arg(id), 5000);
}

void SignInController::closeNotice(const QString &id)
{
    if (SignInNotice *notice = m_notices.take(id))
        notice->close();
}

void SignInController::reset()
{
    m_signingIn.clear();
    for (const QPointer<SignInNotice> &notice : std::as_const(m_notices)) {
        if (notice)
            notice->close();
    }
    m_notices.clear();
}

void SignInController::showSignInPage(const QString &id, const QUrl &url)
{
    PendingSignIn &pending = m_signingIn[id];
    if (pending.sinceMs == 0)
        pending.sinceMs = QDateTime::currentMSecsSinceEpoch();
    pending.seenAuthorizing = true; // the sign-in waits for the browser
    const bool opened = QDesktopServices::openUrl(url);
    Q_EMIT statusMessage(
        opened ? tr("%1: sign in in the browser window that opened.").arg(id)
               : tr("%1: no browser opened; use the link in the sign-in notice.").arg(id),
        15000);
    // A non-modal notice with the link, in case the browser did not open.
    QPointer<SignInNotice> &notice = m_notices[id];
    if (notice) {
        notice->setUrl(url);
    } else {
        notice = new SignInNotice(id, url, m_noticeParent);
        notice->setAttribute(Qt::WA_DeleteOnClose);
    }
    notice->show();
    notice->raise();
}

void SignInController::follow(const PoolSnapshot &s)
{
    // A quick sign-in may never be seen authorizing between two snapshots.
    for (const PoolEvent &e : s.events) {
        const auto pending = m_signingIn.constFind(e.serverId);
        if (e.kind == PoolEvent::Kind::Error && pending != m_signingIn.cend()
            && e.timeMs >= pending->sinceMs && e.text.startsWith(QLatin1String("sign-in failed"))) {
            m_signingIn.remove(e.serverId);
            Q_EMIT signInFailed(e.serverId);
        }
    }
    for (const ServerRow &row : s.servers) {
        const auto it = m_signingIn.find(row.id);
        if (it == m_signingIn.end())
            continue;
        if (row.authState == QLatin1String("signed-in")) {
            m_signingIn.erase(it);
            Q_EMIT signedIn(row.id);
        } else if (row.authState == QLatin1String("authorizing")) {
            it->seenAuthorizing = true;
        } else if (row.authState.isEmpty()
                   || (it->seenAuthorizing && row.authState == QLatin1String("needs-sign-in"))) {
            m_signingIn.erase(it);
            Q_EMIT signInFailed(row.id);
        }
    }
}

} // namespace mcppm::ui
