#include "signinnotice.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace mcppm::ui {

SignInNotice::SignInNotice(const QString &serverId, const QUrl &url, QWidget *parent)
    : QDialog(parent)
    , m_serverId(serverId)
{
    setObjectName(QStringLiteral("signInNotice"));
    setModal(false);
    setWindowTitle(tr("Sign In to %1").arg(serverId));
    setMinimumWidth(460);
    auto *layout = new QVBoxLayout(this);
    auto *text = new QLabel(
        tr("The sign-in page for <b>%1</b> should have opened in your browser. Sign in there; "
           "the browser then returns to the monitor and the server connects. If no browser "
           "opened, use this link:")
            .arg(serverId.toHtmlEscaped()),
        this);
    text->setWordWrap(true);
    text->setTextFormat(Qt::RichText);
    m_link = new QLabel(this);
    m_link->setObjectName(QStringLiteral("signInLink"));
    m_link->setTextFormat(Qt::RichText);
    m_link->setOpenExternalLinks(true); // through QDesktopServices
    m_link->setTextInteractionFlags(Qt::TextBrowserInteraction);
    m_link->setWordWrap(true);
    m_link->setAccessibleName(tr("Sign-in page"));
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy Link"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this, [this]() {
        QGuiApplication::clipboard()->setText(m_url.toString(QUrl::FullyEncoded));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::close);
    layout->addWidget(text);
    layout->addWidget(m_link);
    layout->addWidget(buttons);
    setUrl(url);
}

void SignInNotice::setUrl(const QUrl &url)
{
    m_url = url;
    // The page's address without its long query as the text, the whole URL as the target.
    const QString shown = url.toDisplayString(QUrl::RemoveQuery | QUrl::RemoveUserInfo);
    m_link->setText(QStringLiteral("<a href=\"%1\">%2</a>")
                        .arg(url.toString(QUrl::FullyEncoded).toHtmlEscaped(),
                             tr("Open the sign-in page (%1)").arg(shown.toHtmlEscaped())));
    m_link->setToolTip(url.toDisplayString(QUrl::RemoveUserInfo));
}

} // namespace mcppm::ui
