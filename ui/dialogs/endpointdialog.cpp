#include "endpointdialog.h"

#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QVBoxLayout>

namespace mcppm::ui {

namespace {
QStringList splitList(const QString &text)
{
    QStringList out;
    for (const QString &part : text.split(QLatin1Char(','), Qt::SkipEmptyParts)) {
        if (!part.trimmed().isEmpty())
            out << part.trimmed();
    }
    return out;
}
} // namespace

EndpointDialog::EndpointDialog(const EndpointSettings &settings, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Serve as MCP Server"));
    setObjectName(QStringLiteral("endpointDialog"));
    setMinimumWidth(fontMetrics().averageCharWidth() * 70); // room for the placeholders
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("Any MCP client (either protocol era) can call this pool's "
                                "servers through one address: calls are queued, balanced and "
                                "moved to another server when one fails."),
                             this);
    intro->setWordWrap(true);
    layout->addWidget(intro);
    m_enabled = new QCheckBox(tr("&Serve this pool as one MCP server"), this);
    m_enabled->setChecked(settings.enabled);
    layout->addWidget(m_enabled);
    auto *form = new QFormLayout;
    m_listen = new QLineEdit(settings.listen, this);
    m_listen->setObjectName(QStringLiteral("endpointListen"));
    m_listen->setToolTip(tr("ADDRESS:PORT. 127.0.0.1 is reachable from this machine only; "
                            "0.0.0.0 from the network (a bearer token is required then)."));
    form->addRow(tr("&Listen on:"), m_listen);
    m_token = new QLineEdit(this);
    m_token->setObjectName(QStringLiteral("endpointToken"));
    m_token->setEchoMode(QLineEdit::Password);
    m_token->setPlaceholderText(
        settings.tokenRef.isEmpty() ? tr("none") : tr("kept (%1)").arg(settings.tokenRef));
    m_token->setToolTip(tr("The bearer token clients must send. Typed here, it is stored in "
                           "the keychain; the profile keeps only a reference."));
    form->addRow(tr("Bearer &token:"), m_token);
    m_tokenRef = new QLineEdit(settings.tokenRef, this);
    m_tokenRef->setObjectName(QStringLiteral("endpointTokenRef"));
    m_tokenRef->setPlaceholderText(tr("env:VARIABLE or keychain:NAME"));
    form->addRow(tr("Token &reference:"), m_tokenRef);
    m_origins = new QLineEdit(settings.allowedOrigins.join(QStringLiteral(", ")), this);
    m_origins->setPlaceholderText(tr("loopback origins only"));
    m_origins->setToolTip(tr("Browser origins allowed beyond http://localhost, comma separated "
                             "(e.g. https://console.example.com)."));
    form->addRow(tr("Allowed &origins:"), m_origins);
    m_hosts = new QLineEdit(settings.allowedHosts.join(QStringLiteral(", ")), this);
    m_hosts->setPlaceholderText(tr("any with a token, loopback names without"));
    m_hosts->setToolTip(tr("Host header values accepted (DNS rebinding protection), comma "
                           "separated."));
    form->addRow(tr("Allowed &hosts:"), m_hosts);
    layout->addLayout(form);
    m_hint = new QLabel(this);
    m_hint->setWordWrap(true);
    m_hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_hint);
    m_error = new QLabel(this);
    m_error->setObjectName(QStringLiteral("endpointError"));
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #d03b3b"));
    layout->addWidget(m_error);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    for (QLineEdit *edit : {m_listen, m_token, m_tokenRef})
        connect(edit, &QLineEdit::textChanged, this, &EndpointDialog::updateHint);
    connect(m_enabled, &QCheckBox::toggled, this, &EndpointDialog::updateHint);
    updateHint();
}

QString EndpointDialog::token() const
{
    return m_token->text().trimmed();
}

EndpointSettings EndpointDialog::settings(const QString &keychainRef) const
{
    EndpointSettings s;
    s.enabled = m_enabled->isChecked();
    s.listen = m_listen->text().trimmed();
    s.tokenRef = token().isEmpty() ? m_tokenRef->text().trimmed() : keychainRef;
    s.allowedOrigins = splitList(m_origins->text());
    s.allowedHosts = splitList(m_hosts->text());
    return s;
}

QString EndpointDialog::problem() const
{
    QHostAddress address;
    quint16 port = 0;
    if (!EndpointSettings::parseListen(m_listen->text().trimmed(), &address, &port))
        return tr("The address must be ADDRESS:PORT, e.g. 127.0.0.1:8765.");
    const QString ref = m_tokenRef->text().trimmed();
    if (!ref.isEmpty() && !ref.startsWith(QLatin1String("env:"))
        && !ref.startsWith(QLatin1String("keychain:")))
        return tr("A token reference starts with env: or keychain:.");
    if (m_enabled->isChecked() && !address.isLoopback() && token().isEmpty() && ref.isEmpty())
        return tr("%1 is reachable from other machines: set a bearer token.")
            .arg(address.toString());
    return {};
}

void EndpointDialog::updateHint()
{
    QHostAddress address;
    quint16 port = 0;
    if (EndpointSettings::parseListen(m_listen->text().trimmed(), &address, &port)) {
        const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
            ? QStringLiteral("[%1]").arg(address.toString())
            : address.toString();
        m_hint->setText(tr("Clients connect to http://%1:%2/mcp%3")
                            .arg(host)
                            .arg(port == 0 ? tr("(a free port)") : QString::number(port))
                            .arg(address.isLoopback() ? tr(" (this machine only).")
                                                      : tr(" with the bearer token.")));
    } else {
        m_hint->clear();
    }
    m_error->setText(problem());
}

void EndpointDialog::accept()
{
    if (!problem().isEmpty()) {
        m_error->setText(problem());
        return;
    }
    QDialog::accept();
}

} // namespace mcppm::ui
