#pragma once

#include "profile/profile.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLayout;
class QLineEdit;
class QPlainTextEdit;
class QRadioButton;
class QSpinBox;
class QTableWidget;

namespace mcppm::ui {

// Add or edit one server: id, URL, priority, weight, timeout, concurrency,
// rate limit, TLS trust (CA file, pinned certificate), where its token
// lives (a reference like env:VAR, never the token itself) and its OAuth
// client (client id, secret by reference, grant, private key, client ID
// metadata document). Settings the dialog does not show are kept as they were.
// Or, as "Local command", a server run as local processes over stdio: the
// program, its arguments (one per line, taken as written: no shell quoting,
// empty lines skipped), environment variables (a "secret" one holds a
// reference like env:VAR or keychain:NAME, or a typed value the caller puts
// in the keychain: envSecrets()), the working directory and the replicas.
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
    // Secret environment variables typed in (name → value) for a local
    // command: the caller keeps each in the keychain and adds it to the
    // server's envRefs; server() leaves them out.
    QList<QPair<QString, QString>> envSecrets() const;
    // Empty when the fields make a usable server; otherwise what is wrong.
    QString problem() const;
    // Ids already in the pool: one of them is a problem (the dialog stays open,
    // with everything typed), and the id suggested from the URL avoids them.
    void setTakenIds(const QStringList &ids);
    // An id for a server at `url`: its host's name ("github" for
    // mcp.github.com, "localhost-3001" for a loopback port), made unique
    // against `taken` with "-2", "-3"...; "" for no usable URL.
    static QString suggestId(const QUrl &url, const QStringList &taken);

    // The arguments box: one argument per line, as written; empty lines skipped.
    static QStringList splitArguments(const QString &text);
    // Whether the dialog shows a local command (true) or a URL.
    bool isLocalCommand() const;
    void setLocalCommand(bool local);
    // One row of the environment table (for the caller's tests and setServer()).
    void addEnvironmentRow(const QString &name, const QString &value, bool secret);

private:
    void validate();
    void showMode();
    QString commandProblem() const;
    // The table's rows: name, value, secret.
    struct EnvRow
    {
        QString name;
        QString value;
        bool secret = false;
    };
    QList<EnvRow> envRows() const;
    void suggestFromUrl();

    QFormLayout *m_form = nullptr;
    QLineEdit *m_id = nullptr;
    QRadioButton *m_urlMode = nullptr;
    QRadioButton *m_commandMode = nullptr;
    QLineEdit *m_url = nullptr;
    QGroupBox *m_commandGroup = nullptr;
    QLineEdit *m_program = nullptr;
    QPlainTextEdit *m_args = nullptr;
    QTableWidget *m_env = nullptr;
    QLineEdit *m_cwd = nullptr;
    QSpinBox *m_replicas = nullptr;
    QSpinBox *m_priority = nullptr;
    QSpinBox *m_weight = nullptr;
    QSpinBox *m_timeout = nullptr;
    QSpinBox *m_maxConcurrent = nullptr;
    QSpinBox *m_rate = nullptr;
    QSpinBox *m_burst = nullptr;
    QComboBox *m_protocol = nullptr;
    QLineEdit *m_caFile = nullptr;
    QLayout *m_caRow = nullptr;
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
