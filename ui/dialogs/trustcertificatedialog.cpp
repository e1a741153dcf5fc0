#include "trustcertificatedialog.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QFontDatabase>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace mcppm::ui {

TrustCertificateDialog::TrustCertificateDialog(const ServerRow &server, QWidget *parent)
    : QDialog(parent)
    , m_fingerprint(server.refusedCertificateSha256)
{
    setWindowTitle(tr("Trust Certificate of %1").arg(server.id));
    auto *layout = new QVBoxLayout(this);

    auto *intro
        = new QLabel(tr("<p><b>%1</b> (%2) was stopped: its certificate is not trusted.</p>")
                         .arg(server.id.toHtmlEscaped(), server.url.toHtmlEscaped()),
                     this);
    intro->setWordWrap(true);
    layout->addWidget(intro);

    // The error without its certificate part, which follows below.
    auto *problem
        = new QLabel(server.lastError.section(QStringLiteral(" (certificate "), 0, 0), this);
    problem->setWordWrap(true);
    problem->setTextInteractionFlags(Qt::TextSelectableByMouse);
    problem->setAccessibleName(tr("Why the certificate was refused"));
    layout->addWidget(problem);

    auto *certificate = new QLabel(tr("Certificate: %1").arg(server.refusedCertificate), this);
    certificate->setWordWrap(true);
    certificate->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(certificate);

    layout->addWidget(new QLabel(tr("SHA-256 fingerprint:"), this));
    auto *fingerprint = new QLabel(m_fingerprint, this);
    fingerprint->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    fingerprint->setWordWrap(true);
    fingerprint->setTextInteractionFlags(Qt::TextSelectableByMouse);
    fingerprint->setAccessibleName(tr("SHA-256 fingerprint"));
    layout->addWidget(fingerprint);

    auto *advice = new QLabel(
        tr("Compare it with the fingerprint the server's operator gives you (for example "
           "<tt>openssl x509 -noout -fingerprint -sha256 -in cert.pem</tt>). If you trust it, "
           "this server accepts exactly this certificate from now on, even when self-signed "
           "or issued for another name; any other certificate is refused, and an expired one "
           "still is. The pin is saved with the profile."),
        this);
    advice->setWordWrap(true);
    layout->addWidget(advice);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_trust = buttons->addButton(tr("&Trust This Certificate"), QDialogButtonBox::AcceptRole);
    m_trust->setEnabled(!m_fingerprint.isEmpty());
    QPushButton *copy = buttons->addButton(tr("&Copy Fingerprint"), QDialogButtonBox::ActionRole);
    connect(copy, &QPushButton::clicked, this,
            [this]() { QApplication::clipboard()->setText(m_fingerprint); });
    buttons->button(QDialogButtonBox::Cancel)->setDefault(true); // trusting is never the default
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(560, sizeHint().height());
}

} // namespace mcppm::ui
