#pragma once

#include "profile/endpointsettings.h"

#include <QDialog>

class QCheckBox;
class QLabel;
class QLineEdit;

namespace mcppm::ui {

// Pool › Serve as MCP Server…: whether and where the pool serves as one MCP
// server, the bearer token clients must send (typed here it goes to the
// keychain; or a reference such as env:VAR), and the browser origins and
// Host names accepted beyond loopback. OK is refused while the settings
// would not start (bad address, a non-loopback address without a token).
class EndpointDialog final : public QDialog
{
    Q_OBJECT
public:
    EndpointDialog(const EndpointSettings &settings, QWidget *parent = nullptr);

    // What the dialog says; tokenRef is the keychain reference to use when a
    // token was typed (the caller stores token() there).
    EndpointSettings settings(const QString &keychainRef) const;
    QString token() const; // typed now; "" = keep the reference
    void accept() override;

private:
    QString problem() const; // why OK cannot be taken, or ""
    void updateHint();

    QCheckBox *m_enabled = nullptr;
    QLineEdit *m_listen = nullptr;
    QLineEdit *m_token = nullptr;
    QLineEdit *m_tokenRef = nullptr;
    QLineEdit *m_origins = nullptr;
    QLineEdit *m_hosts = nullptr;
    QLabel *m_hint = nullptr;
    QLabel *m_error = nullptr;
};

} // namespace mcppm::ui
