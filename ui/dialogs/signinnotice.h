#pragma once

#include <QDialog>
#include <QUrl>

class QLabel;

namespace mcppm::ui {

// A non-modal notice while a server's OAuth sign-in waits for the browser:
// the sign-in page as a link (in case no browser opened), a way to copy it,
// and what happens next. The window closes it once the server is signed in.
class SignInNotice final : public QDialog
{
    Q_OBJECT
public:
    SignInNotice(const QString &serverId, const QUrl &url, QWidget *parent = nullptr);

    // A newer sign-in page for the same server (Sign In was chosen again).
    void setUrl(const QUrl &url);
    QUrl url() const { return m_url; }
    QString serverId() const { return m_serverId; }
    QLabel *linkLabel() const { return m_link; }

private:
    QString m_serverId;
    QUrl m_url;
    QLabel *m_link = nullptr;
};

} // namespace mcppm::ui
