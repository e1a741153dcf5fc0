#pragma once

#include "pool/poolsnapshot.h"

#include <QDialog>

class QPushButton;

namespace mcppm::ui {

// "Trust this certificate": a server was stopped because its certificate is
// not trusted (self-signed, unknown CA, other name). Shows what was refused
// and the certificate's SHA-256 fingerprint to compare out of band; accepting
// pins exactly that certificate for this server (ProfileServer::pinSha256).
class TrustCertificateDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit TrustCertificateDialog(const ServerRow &server, QWidget *parent = nullptr);

    // The fingerprint to pin when accepted ("AB:CD:…").
    QString fingerprint() const { return m_fingerprint; }

private:
    QString m_fingerprint;
    QPushButton *m_trust = nullptr;
};

} // namespace mcppm::ui
