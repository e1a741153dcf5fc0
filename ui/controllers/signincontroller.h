#pragma once

#include "pool/poolsnapshot.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QUrl>

class QWidget;

namespace mcppm::ui {

class PoolClient;
class SignInNotice;

// OAuth sign-in and sign-out as the user asked for them: asks the pool, opens
// the sign-in page the pool names in the browser with a non-modal notice
// carrying the link (the "URL notice", parented to the given window), and
// follows the snapshots to say when a sign-in it asked for ended, either way.
class SignInController final : public QObject
{
    Q_OBJECT
public:
    SignInController(PoolClient *pool, QWidget *noticeParent, QObject *parent = nullptr);
    ~SignInController() override;
    Q_DISABLE_COPY_MOVE(SignInController)

    void signIn(const QString &id);
    void signOut(const QString &id);
    // A new profile: no sign-in is pending any longer, the notices close.
    void reset();
    // Sign-ins asked for here: ended signed in, or failed (the pool's "sign-in
    // failed" event, or back at needs-sign-in after it was seen authorizing).
    void follow(const PoolSnapshot &snapshot);
    // The open notice of a sign-in waiting for the browser, if any.
    SignInNotice *notice(const QString &id) const;

Q_SIGNALS:
    void signedIn(const QString &id);
    void signInFailed(const QString &id);
    // What the user should know now, for the status bar.
    void statusMessage(const QString &text, int timeoutMs);

private:
    void showSignInPage(const QString &id, const QUrl &url);
    void closeNotice(const QString &id);

    QPointer<PoolClient> m_pool;
    QPointer<QWidget> m_noticeParent;
    struct PendingSignIn
    {
        qint64 sinceMs = 0; // wall clock of the request: older pool events are not about it
        bool seenAuthorizing = false;
    };
    QHash<QString, PendingSignIn> m_signingIn; // sign-ins asked for here
    QHash<QString, QPointer<SignInNotice>> m_notices;
};

} // namespace mcppm::ui
