#pragma once

#include "profile/profile.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace mcppm::ui {

// Add or edit one server: id, URL, priority, weight, timeout, concurrency,
// rate limit, TLS trust (CA file, pinned certificate), where its token
// lives (a reference like env:VAR, never the token itself) and its OAuth
// client (client id, secret by reference, grant, private key, client ID
// metadata document). Settings the dialog does not show are kept as they were.
class ServerDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit ServerDialog(QWidget *parent = nullptr);

    void setServer(const ProfileServer &server);
    ProfileServer server() const;
    // A token typed in (kept in the keychain by the caller, never in the profile).
    QString token() const;
    // An OAuth client secret typed in (likewise kept in the keychain by the
    // caller, which sets the server's clientSecretRef to its reference).
    QString clientSecret() const;
    // Empty when the fields make a usable server; otherwise what is wrong.
    QString problem() const;
    // Ids already in the pool: one of them is a problem (the dialog stays open,
    // with everything typed), and the id suggested from the URL avoids them.
    void setTakenIds(const QStringList &ids);
    // An id for a server at `url`: its host's name ("github" for
    // mcp.github.com, "localhost-3001" for a loopback port), made unique
    // against `taken` with "-2", "-3"...; "" for no usable URL.
    static QString suggestId(const QUrl &url, const QStringList &taken);

private:
    void validate();
    void suggestFromUrl();

    QLineEdit *m_id = nullptr;
    QLineEdit *m_url = nullptr;
    QSpinBox *m_priority = nullptr;
    QSpinBox *m_weight = nullptr;
    QSpinBox *m_timeout = nullptr;
    QSpinBox *m_maxConcurrent = nullptr;
    QSpinBox *m_rate = nullptr;
    QSpinBox *m_burst = nullptr;
    QComboBox *m_protocol = nullptr;
    QLineEdit *m_caFile = nullptr;
    QLineEdit *m_pin = nullptr;
    ProfileServer m_base; // what setServer() gave: unknown keys survive an edit
    QLineEdit *m_tokenRef = nullptr;
    QLineEdit *m_token = nullptr;
    QCheckBox *m_oauth = nullptr;
    QGroupBox *m_oauthGroup = nullptr;
    QLineEdit *m_clientId = nullptr;
    QLineEdit *m_clientSecretRef = nullptr;
    QLineEdit *m_clientSecret = nullptr;
    QComboBox *m_grant = nullptr;
    QLineEdit *m_privateKey = nullptr;
    QLineEdit *m_clientMetadataUrl = nullptr;
    QLineEdit *m_clientIdIssuer = nullptr;
    QComboBox *m_dpop = nullptr;
    QLineEdit *m_workloadFile = nullptr;
    QLineEdit *m_workloadCommand = nullptr;
    QLabel *m_problem = nullptr;
    QDialogButtonBox *m_buttons = nullptr;
    QStringList m_taken;
    QString m_suggested; // the id field holds this until the operator types one
};

} // namespace mcppm::ui
