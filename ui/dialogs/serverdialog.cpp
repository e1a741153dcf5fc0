#include "serverdialog.h"

#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>

namespace mcppm::ui {

ServerDialog::ServerDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Server"));
    auto *form = new QFormLayout(this);
    m_id = new QLineEdit(this);
    m_id->setPlaceholderText(tr("e.g. worker-1"));
    m_url = new QLineEdit(this);
    m_url->setPlaceholderText(QStringLiteral("http://127.0.0.1:3001/mcp"));
    m_priority = new QSpinBox(this);
    m_priority->setRange(-1000, 1000);
    m_weight = new QSpinBox(this);
    m_weight->setRange(1, 1000);
    m_timeout = new QSpinBox(this);
    m_timeout->setRange(100, 600000);
    m_timeout->setSingleStep(1000);
    m_timeout->setSuffix(tr(" ms"));
    m_timeout->setValue(10000);
    m_maxConcurrent = new QSpinBox(this);
    m_maxConcurrent->setRange(0, 10000);
    m_maxConcurrent->setSpecialValueText(tr("no limit"));
    m_rate = new QSpinBox(this);
    m_rate->setRange(0, 1000000);
    m_rate->setSuffix(tr(" calls/s"));
    m_rate->setSpecialValueText(tr("no limit"));
    m_rate->setToolTip(tr("Client-side rate limit: the queue holds work rather than start more "
                          "calls per second on this server."));
    m_burst = new QSpinBox(this);
    m_burst->setRange(0, 1000000);
    m_burst->setSpecialValueText(tr("same as the rate"));
    m_caFile = new QLineEdit(this);
    m_caFile->setPlaceholderText(tr("PEM file of a private CA (https, optional)"));
    auto *browse = new QPushButton(tr("&Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this]() {
        const QString file = QFileDialog::getOpenFileName(
            this, tr("CA Certificates"), m_caFile->text(),
            tr("PEM certificates (*.pem *.crt *.cer);;All files (*)"));
        if (!file.isEmpty())
            m_caFile->setText(file);
    });
    auto *caRow = new QHBoxLayout;
    caRow->addWidget(m_caFile, 1);
    caRow->addWidget(browse);
    m_pin = new QLineEdit(this);
    m_pin->setPlaceholderText(tr("SHA-256 fingerprint AB:CD:… (https, optional)"));
    m_pin->setToolTip(tr("Trust exactly the certificate with this fingerprint, e.g. a "
                         "self-signed one; any other certificate is refused."));
    m_tokenRef = new QLineEdit(this);
    m_tokenRef->setPlaceholderText(tr("env:VARIABLE or keychain:NAME (optional)"));
    m_token = new QLineEdit(this);
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setAccessibleName(tr("Bearer token"));
    m_token->setPlaceholderText(
        tr("or type the token: it goes to the OS keychain, never to the profile"));
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b"));
    form->addRow(tr("&Id:"), m_id);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(tr("&Priority:"), m_priority);
    form->addRow(tr("&Weight:"), m_weight);
    form->addRow(tr("&Timeout:"), m_timeout);
    form->addRow(tr("&Calls at once:"), m_maxConcurrent);
    form->addRow(tr("&Rate limit:"), m_rate);
    form->addRow(tr("B&urst:"), m_burst);
    form->addRow(tr("C&A file:"), caRow);
    form->addRow(tr("Pinned &certificate:"), m_pin);
    form->addRow(tr("T&oken reference:"), m_tokenRef);
    form->addRow(tr("Bearer to&ken:"), m_token);
    form->addRow(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_id, m_url, m_tokenRef, m_token, m_caFile, m_pin})
        connect(edit, &QLineEdit::textChanged, this, &ServerDialog::validate);
    validate();
}

void ServerDialog::setServer(const ProfileServer &server)
{
    m_base = server;
    m_rate->setValue(server.ratePerSecond);
    m_burst->setValue(server.rateBurst);
    m_caFile->setText(server.caFile);
    m_pin->setText(server.pinSha256);
    m_id->setText(server.id);
    m_url->setText(server.url.toString());
    m_priority->setValue(server.priority);
    m_weight->setValue(server.weight);
    m_timeout->setValue(server.timeoutMs);
    m_maxConcurrent->setValue(server.maxConcurrent);
    m_tokenRef->setText(server.tokenRef);
    validate();
}

QString ServerDialog::token() const
{
    return m_token->text();
}

ProfileServer ServerDialog::server() const
{
    ProfileServer s = m_base;
    s.id = m_id->text().trimmed();
    s.url = QUrl(m_url->text().trimmed(), QUrl::StrictMode);
    s.priority = m_priority->value();
    s.weight = m_weight->value();
    s.timeoutMs = m_timeout->value();
    s.maxConcurrent = m_maxConcurrent->value();
    s.tokenRef = m_tokenRef->text().trimmed();
    s.ratePerSecond = m_rate->value();
    s.rateBurst = m_rate->value() > 0 ? m_burst->value() : 0;
    s.caFile = m_caFile->text().trimmed();
    s.pinSha256 = m_pin->text().trimmed();
    if (const QByteArray pin = TlsTrust::parseFingerprint(s.pinSha256, nullptr); !pin.isEmpty())
        s.pinSha256 = TlsTrust::formatFingerprint(pin); // one spelling in profiles
    return s;
}

QString ServerDialog::problem() const
{
    const ProfileServer s = server();
    if (s.id.isEmpty())
        return tr("The server needs an id.");
    if (!s.url.isValid()
        || (s.url.scheme() != QLatin1String("http") && s.url.scheme() != QLatin1String("https"))
        || s.url.host().isEmpty())
        return tr("The URL must be http:// or https:// with a host.");
    if (!s.tokenRef.isEmpty() && !Profile::isTokenReference(s.tokenRef))
        return tr("A token reference looks like env:VARIABLE or keychain:NAME; tokens "
                  "themselves are never stored in the profile.");
    if (!m_token->text().isEmpty() && s.tokenRef.startsWith(QLatin1String("env:")))
        return tr("Either a token reference to an environment variable or a token, not both.");
    if ((!s.caFile.isEmpty() || !s.pinSha256.isEmpty()) && s.url.scheme() != QLatin1String("https"))
        return tr("A CA file or a pinned certificate needs an https:// URL.");
    if (!s.pinSha256.isEmpty() && TlsTrust::parseFingerprint(s.pinSha256, nullptr).isEmpty())
        return tr("A pinned certificate is its SHA-256 fingerprint: 64 hex digits, colons "
                  "allowed.");
    if (!s.caFile.isEmpty() && QFileInfo(s.caFile).isAbsolute()
        && !QFileInfo(s.caFile).isReadable())
        return tr("The CA file %1 cannot be read.").arg(s.caFile);
    return {};
}

void ServerDialog::validate()
{
    const QString why = problem();
    m_problem->setText(why);
    m_problem->setVisible(!why.isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(why.isEmpty());
}

} // namespace mcppm::ui
