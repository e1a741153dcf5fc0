#include "elicitationdialog.h"

#include "widgets/schemaform.h"

#include "net/safetext.h"

#include <QDesktopServices>
#include <QHBoxLayout>
#include <QJsonDocument>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace mcppm::ui {

namespace {
QLabel *plainLabel(const QString &text, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setTextFormat(Qt::PlainText);
    label->setWordWrap(true);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setText(text);
    return label;
}
} // namespace

ElicitationDialog::ElicitationDialog(const QString &serverId, const QJsonObject &params,
                                     QWidget *parent)
    : QDialog(parent)
    , m_opener([](const QUrl &url) { return QDesktopServices::openUrl(url); })
{
    setObjectName(QStringLiteral("ElicitationDialog"));
    setWindowTitle(tr("Server Asks for Input"));
    m_urlMode = params.value(QStringLiteral("mode")).toString() == QLatin1String("url");
    auto *layout = new QVBoxLayout(this);
    auto *who = plainLabel(tr("Server %1 asks:").arg(SafeText::escape(serverId)), this);
    QFont bold = who->font();
    bold.setBold(true);
    who->setFont(bold);
    layout->addWidget(who);
    QLabel *message
        = plainLabel(SafeText::escape(params.value(QStringLiteral("message")).toString(),
                                      SafeText::Mode::MultiLine)
                         .left(4000),
                     this);
    message->setObjectName(QStringLiteral("message"));
    layout->addWidget(message);

    // Accept, Decline, Cancel in this order whatever the platform's button box
    // layout: the three answers the spec gives, not a confirm/abort pair.
    auto *buttons = new QHBoxLayout;
    buttons->addStretch(1);
    m_accept = new QPushButton(tr("&Accept"), this);
    m_decline = new QPushButton(tr("&Decline"), this);
    buttons->addWidget(m_accept);
    buttons->addWidget(m_decline);
    if (m_urlMode) {
        m_url = QUrl(params.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
        const bool web = m_url.isValid()
            && (m_url.scheme() == QLatin1String("https") || m_url.scheme() == QLatin1String("http"))
            && !m_url.host().isEmpty();
        QLabel *url = plainLabel(
            SafeText::escape(params.value(QStringLiteral("url")).toString()).left(2000), this);
        url->setObjectName(QStringLiteral("url"));
        url->setStyleSheet(QStringLiteral("font-family: monospace"));
        layout->addWidget(url);
        if (web && !m_url.host().isEmpty())
            layout->addWidget(plainLabel(tr("The page is on %1. Check the address before you "
                                            "open it; nothing reaches the server until you "
                                            "accept.")
                                             .arg(SafeText::escape(m_url.host())),
                                         this));
        else
            layout->addWidget(plainLabel(tr("This is not an http(s) address; it cannot be "
                                            "opened."),
                                         this));
        m_open = new QPushButton(tr("&Open in Browser"), this);
        m_open->setEnabled(web);
        connect(m_open, &QPushButton::clicked, this, [this]() {
            if (m_opener)
                m_opener(m_url);
        });
        auto *row = new QHBoxLayout;
        row->addWidget(m_open);
        row->addStretch(1);
        layout->addLayout(row);
        layout->addStretch(1);
    } else {
        m_cancel = new QPushButton(tr("&Cancel"), this);
        m_cancel->setToolTip(tr("Dismiss without an answer either way"));
        buttons->addWidget(m_cancel);
        m_form = new SchemaForm(this);
        m_form->setSchema(params.value(QStringLiteral("requestedSchema")).toObject());
        layout->addWidget(m_form, 1);
        m_problem = plainLabel(QString(), this);
        m_problem->setStyleSheet(QStringLiteral("color: #c0392b"));
        layout->addWidget(m_problem);
        connect(m_form, &SchemaForm::valueChanged, this, &ElicitationDialog::updateAccept);
        connect(m_cancel, &QPushButton::clicked, this,
                [this]() { finishWith(QStringLiteral("cancel")); });
    }
    layout->addLayout(buttons);
    connect(m_accept, &QPushButton::clicked, this,
            [this]() { finishWith(QStringLiteral("accept")); });
    connect(m_decline, &QPushButton::clicked, this,
            [this]() { finishWith(QStringLiteral("decline")); });
    m_accept->setDefault(true);
    updateAccept();
    resize(560, m_urlMode ? 220 : 420);
}

void ElicitationDialog::updateAccept()
{
    if (!m_form)
        return;
    const QStringList problems = m_form->validationErrors();
    m_accept->setEnabled(problems.isEmpty());
    m_problem->setText(problems.isEmpty() ? QString() : problems.first());
}

void ElicitationDialog::finishWith(const QString &action)
{
    m_action = action;
    if (action == QLatin1String("accept") && m_form)
        m_content = m_form->value();
    if (action == QLatin1String("accept"))
        accept();
    else
        reject();
}

QJsonObject ElicitationDialog::result() const
{
    QJsonObject result{{QStringLiteral("action"), m_action}};
    if (m_action == QLatin1String("accept") && !m_urlMode)
        result.insert(QStringLiteral("content"), m_content);
    return result;
}

} // namespace mcppm::ui
