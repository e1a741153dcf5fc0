#include "serverdialog.h"

#include "secretcelldelegate.h"

#include "net/safetext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QRegularExpression>
#include <QSpinBox>
#include <QTableWidget>

#include <algorithm>

namespace mcppm::ui {

namespace {
enum EnvColumn { EnvName, EnvValue, EnvSecret };

bool isVariableName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return re.match(name).hasMatch();
}
} // namespace

ServerDialog::ServerDialog(QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Server"));
    auto *form = new QFormLayout(this);
    m_form = form;
    m_id = new QLineEdit(this);
    m_id->setPlaceholderText(tr("e.g. worker-1"));
    m_urlMode = new QRadioButton(tr("U&RL (HTTP)"), this);
    m_urlMode->setObjectName(QStringLiteral("urlMode"));
    m_urlMode->setChecked(true);
    m_commandMode = new QRadioButton(tr("&Local command (stdio)"), this);
    m_commandMode->setObjectName(QStringLiteral("commandMode"));
    m_commandMode->setToolTip(tr("Run the server here as local processes that speak MCP on "
                                 "their standard input and output; each replica is one worker "
                                 "of the pool."));
    auto *modeRow = new QHBoxLayout;
    modeRow->addWidget(m_urlMode);
    modeRow->addWidget(m_commandMode);
    modeRow->addStretch(1);
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
    m_protocol = new QComboBox(this);
    m_protocol->setAccessibleName(tr("Protocol"));
    m_protocol->addItem(tr("Automatic (2026-07-28 first, then 2025)"), QStringLiteral("auto"));
    m_protocol->addItem(tr("2026-07-28 only"), QStringLiteral("modern"));
    m_protocol->addItem(tr("2025 and earlier only"), QStringLiteral("legacy"));
    m_protocol->setToolTip(tr("Which MCP era to speak: automatic asks server/discover and falls "
                              "back to initialize for servers of 2025 and earlier."));
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
    m_caRow = caRow;
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

    // OAuth: for servers that sign users in (no static token).
    m_oauth = new QCheckBox(tr("Use OAut&h when the server asks"), this);
    m_oauth->setChecked(true);
    m_oauth->setToolTip(tr("A server without a token that answers 401 is signed in to with OAuth "
                           "2.1 (discovery, registration, sign-in in the browser). Off: a 401 is "
                           "an error."));
    m_oauthGroup = new QGroupBox(tr("OAuth client"), this);
    auto *oauthForm = new QFormLayout(m_oauthGroup);
    m_clientId = new QLineEdit(m_oauthGroup);
    m_clientId->setPlaceholderText(tr("pre-registered client id (optional)"));
    m_clientSecretRef = new QLineEdit(m_oauthGroup);
    m_clientSecretRef->setPlaceholderText(tr("env:VARIABLE or keychain:NAME (optional)"));
    m_clientSecret = new QLineEdit(m_oauthGroup);
    m_clientSecret->setEchoMode(QLineEdit::Password);
    m_clientSecret->setAccessibleName(tr("Client secret"));
    m_clientSecret->setPlaceholderText(
        tr("or type the secret: it goes to the OS keychain, never to the profile"));
    m_grant = new QComboBox(m_oauthGroup);
    m_grant->setAccessibleName(tr("Grant"));
    m_grant->addItem(tr("Automatic"), QString());
    m_grant->addItem(tr("Authorization code (a person signs in)"),
                     QStringLiteral("authorization_code"));
    m_grant->addItem(tr("Client credentials (unattended)"), QStringLiteral("client_credentials"));
    m_grant->addItem(tr("Workload identity (the workload's own JWT)"),
                     QStringLiteral("workload_identity"));
    m_grant->setToolTip(tr("Automatic: client credentials when a client secret or key is set and "
                           "the server offers them, otherwise a sign-in in the browser."));
    m_privateKey = new QLineEdit(m_oauthGroup);
    m_privateKey->setPlaceholderText(tr("PEM private key for private_key_jwt (optional)"));
    auto *browseKey = new QPushButton(tr("Brow&se…"), m_oauthGroup);
    connect(browseKey, &QPushButton::clicked, this, [this]() {
        const QString file
            = QFileDialog::getOpenFileName(this, tr("Private Key"), m_privateKey->text(),
                                           tr("PEM private keys (*.pem *.key);;All files (*)"));
        if (!file.isEmpty())
            m_privateKey->setText(file);
    });
    auto *keyRow = new QHBoxLayout;
    keyRow->addWidget(m_privateKey, 1);
    keyRow->addWidget(browseKey);
    m_clientMetadataUrl = new QLineEdit(m_oauthGroup);
    m_clientMetadataUrl->setPlaceholderText(
        tr("https URL of a client ID metadata document (optional)"));
    oauthForm->addRow(tr("C&lient id:"), m_clientId);
    oauthForm->addRow(tr("Client secret re&ference:"), m_clientSecretRef);
    oauthForm->addRow(tr("Client secr&et:"), m_clientSecret);
    oauthForm->addRow(tr("&Grant:"), m_grant);
    // A label before a layout has no buddy of its own: without one its & would show.
    auto *keyLabel = new QLabel(tr("Private ke&y file:"), m_oauthGroup);
    keyLabel->setBuddy(m_privateKey);
    oauthForm->addRow(keyLabel, keyRow);
    oauthForm->addRow(tr("Client &metadata URL:"), m_clientMetadataUrl);
    m_clientIdIssuer = new QLineEdit(m_oauthGroup);
    m_clientIdIssuer->setObjectName(QStringLiteral("clientIdIssuer"));
    m_clientIdIssuer->setPlaceholderText(tr("the authorization server the client id is for "
                                            "(optional)"));
    m_clientIdIssuer->setToolTip(tr("With an issuer set, the client id is only ever presented "
                                    "to that authorization server."));
    oauthForm->addRow(tr("Client id issuer:"), m_clientIdIssuer);
    m_dpop = new QComboBox(m_oauthGroup);
    m_dpop->setObjectName(QStringLiteral("dpop"));
    m_dpop->setAccessibleName(tr("DPoP"));
    m_dpop->addItem(tr("Automatic (when the server offers it)"), QString());
    m_dpop->addItem(tr("Off"), QStringLiteral("off"));
    m_dpop->addItem(tr("Required"), QStringLiteral("required"));
    m_dpop->setToolTip(tr("DPoP (RFC 9449) binds tokens to a key of this pool: a stolen token "
                          "is useless elsewhere. The key is kept with the tokens."));
    oauthForm->addRow(tr("&DPoP:"), m_dpop);
    m_workloadFile = new QLineEdit(m_oauthGroup);
    m_workloadFile->setObjectName(QStringLiteral("workloadTokenFile"));
    m_workloadFile->setPlaceholderText(tr("file holding the workload's JWT, read for each token"));
    oauthForm->addRow(tr("Workload token file (&JWT):"), m_workloadFile);
    m_workloadCommand = new QLineEdit(m_oauthGroup);
    m_workloadCommand->setObjectName(QStringLiteral("workloadTokenCommand"));
    m_workloadCommand->setPlaceholderText(tr("or a command that prints it (run without a shell)"));
    oauthForm->addRow(tr("Workload token comma&nd:"), m_workloadCommand);
    for (QLineEdit *edit : {m_workloadFile, m_workloadCommand})
        connect(edit, &QLineEdit::textChanged, this, &ServerDialog::validate);
    connect(m_oauth, &QCheckBox::toggled, m_oauthGroup, &QWidget::setEnabled);
    connect(m_oauth, &QCheckBox::toggled, this, &ServerDialog::validate);
    connect(m_grant, &QComboBox::currentIndexChanged, this, &ServerDialog::validate);

    // Local command: program, arguments, environment, directory, replicas.
    m_commandGroup = new QGroupBox(tr("Local command"), this);
    auto *commandForm = new QFormLayout(m_commandGroup);
    m_program = new QLineEdit(m_commandGroup);
    m_program->setObjectName(QStringLiteral("command"));
    m_program->setPlaceholderText(tr("program name or path, e.g. npx"));
    m_args = new QPlainTextEdit(m_commandGroup);
    m_args->setObjectName(QStringLiteral("arguments"));
    m_args->setPlaceholderText(tr("one argument per line, as written (no shell quoting)"));
    m_args->setTabChangesFocus(true);
    m_args->setLineWrapMode(QPlainTextEdit::NoWrap); // a line is an argument
    m_args->setFixedHeight(m_args->fontMetrics().lineSpacing() * 4 + 12);
    m_env = new QTableWidget(0, 3, m_commandGroup);
    m_env->setObjectName(QStringLiteral("environment"));
    m_env->setHorizontalHeaderLabels({tr("Name"), tr("Value"), tr("Secret")});
    m_env->horizontalHeader()->setSectionResizeMode(EnvName, QHeaderView::ResizeToContents);
    m_env->horizontalHeader()->setSectionResizeMode(EnvValue, QHeaderView::Stretch);
    m_env->horizontalHeader()->setSectionResizeMode(EnvSecret, QHeaderView::ResizeToContents);
    m_env->setWordWrap(false);
    m_env->setMinimumWidth(m_env->fontMetrics().averageCharWidth() * 60);
    m_env->verticalHeader()->setVisible(false);
    m_env->verticalHeader()->setDefaultSectionSize(m_env->fontMetrics().height() + 8);
    m_env->setToolTip(tr("A secret variable holds a reference (env:VARIABLE, keychain:NAME) or a "
                         "value you type, which goes to the OS keychain, never to the profile."));
    m_env->setFixedHeight(m_env->fontMetrics().lineSpacing() * 7);
    auto *addVariable = new QPushButton(tr("Add &Variable"), m_commandGroup);
    auto *removeVariable = new QPushButton(tr("Remo&ve Variable"), m_commandGroup);
    connect(addVariable, &QPushButton::clicked, this, [this]() {
        addEnvironmentRow(QString(), QString(), false);
        m_env->setCurrentCell(m_env->rowCount() - 1, EnvName);
        m_env->editItem(m_env->item(m_env->rowCount() - 1, EnvName));
    });
    connect(removeVariable, &QPushButton::clicked, this, [this]() {
        if (m_env->currentRow() >= 0)
            m_env->removeRow(m_env->currentRow());
        validate();
    });
    // Typed secret values show as dots and are edited in a password field.
    m_env->setItemDelegateForColumn(EnvValue, new SecretCellDelegate(EnvSecret, m_env));
    connect(m_env, &QTableWidget::itemChanged, this, [this]() {
        m_env->viewport()->update(); // a row's Secret box changes how its value shows
        validate();
    });
    auto *envButtons = new QHBoxLayout;
    envButtons->addWidget(addVariable);
    envButtons->addWidget(removeVariable);
    envButtons->addStretch(1);
    m_cwd = new QLineEdit(m_commandGroup);
    m_cwd->setObjectName(QStringLiteral("cwd"));
    m_cwd->setPlaceholderText(tr("working directory (optional; relative to the profile)"));
    m_replicas = new QSpinBox(m_commandGroup);
    m_replicas->setObjectName(QStringLiteral("replicas"));
    m_replicas->setRange(1, LocalCommand::kMaxReplicas);
    m_replicas->setToolTip(tr("How many processes run this command: each one is a worker."));
    commandForm->addRow(tr("Co&mmand:"), m_program);
    commandForm->addRow(tr("&Arguments:"), m_args);
    commandForm->addRow(tr("&Environment:"), m_env);
    commandForm->addRow(QString(), envButtons);
    commandForm->addRow(tr("&Working directory:"), m_cwd);
    commandForm->addRow(tr("Re&plicas:"), m_replicas);
    for (QLineEdit *edit : {m_program, m_cwd})
        connect(edit, &QLineEdit::textChanged, this, &ServerDialog::validate);
    connect(m_args, &QPlainTextEdit::textChanged, this, &ServerDialog::validate);
    connect(m_commandMode, &QRadioButton::toggled, this, [this]() {
        showMode();
        validate();
    });
    m_problem = new QLabel(this);
    m_problem->setWordWrap(true);
    m_problem->setStyleSheet(QStringLiteral("color: #c0392b"));
    form->addRow(tr("&Id:"), m_id);
    form->addRow(tr("Runs as:"), modeRow);
    form->addRow(tr("&URL:"), m_url);
    form->addRow(m_commandGroup);
    form->addRow(tr("&Priority:"), m_priority);
    form->addRow(tr("&Weight:"), m_weight);
    form->addRow(tr("&Timeout:"), m_timeout);
    form->addRow(tr("&Calls at once:"), m_maxConcurrent);
    form->addRow(tr("&Rate limit:"), m_rate);
    form->addRow(tr("B&urst:"), m_burst);
    form->addRow(tr("Protocol (&version):"), m_protocol);
    auto *caLabel = new QLabel(tr("C&A file:"), this);
    caLabel->setBuddy(m_caFile);
    form->addRow(caLabel, caRow);
    form->addRow(tr("Pinned &certificate:"), m_pin);
    form->addRow(tr("T&oken reference:"), m_tokenRef);
    form->addRow(tr("Bearer to&ken:"), m_token);
    form->addRow(m_oauth);
    form->addRow(m_oauthGroup);
    form->addRow(m_problem);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    form->addRow(m_buttons);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    for (QLineEdit *edit : {m_id, m_url, m_tokenRef, m_token, m_caFile, m_pin, m_clientId,
                            m_clientSecretRef, m_clientSecret, m_privateKey, m_clientMetadataUrl})
        connect(edit, &QLineEdit::textChanged, this, &ServerDialog::validate);
    connect(m_url, &QLineEdit::textChanged, this, &ServerDialog::suggestFromUrl);
    showMode();
    validate();
}

bool ServerDialog::isLocalCommand() const
{
    return m_commandMode->isChecked();
}

void ServerDialog::setLocalCommand(bool local)
{
    (local ? m_commandMode : m_urlMode)->setChecked(true);
    showMode();
    validate();
}

void ServerDialog::showMode()
{
    // HTTP-only settings are hidden for a local command (and kept as they were).
    const bool local = isLocalCommand();
    m_form->setRowVisible(m_url, !local);
    m_form->setRowVisible(m_commandGroup, local);
    for (QWidget *w :
         std::initializer_list<QWidget *>{m_pin, m_tokenRef, m_token, m_oauth, m_oauthGroup})
        m_form->setRowVisible(w, !local);
    m_form->setRowVisible(m_caRow, !local);
}

void ServerDialog::addEnvironmentRow(const QString &name, const QString &value, bool secret)
{
    const QSignalBlocker block(m_env);
    const int row = m_env->rowCount();
    m_env->insertRow(row);
    m_env->setItem(row, EnvName, new QTableWidgetItem(name));
    m_env->setItem(row, EnvValue, new QTableWidgetItem(value));
    auto *secretItem = new QTableWidgetItem;
    secretItem->setFlags(Qt::ItemIsUserCheckable | Qt::ItemIsEnabled | Qt::ItemIsSelectable);
    secretItem->setCheckState(secret ? Qt::Checked : Qt::Unchecked);
    m_env->setItem(row, EnvSecret, secretItem);
    validate();
}

QList<ServerDialog::EnvRow> ServerDialog::envRows() const
{
    QList<EnvRow> rows;
    for (int r = 0; r < m_env->rowCount(); ++r) {
        const QTableWidgetItem *name = m_env->item(r, EnvName);
        const QTableWidgetItem *value = m_env->item(r, EnvValue);
        const QTableWidgetItem *secret = m_env->item(r, EnvSecret);
        EnvRow row{name ? name->text().trimmed() : QString(), value ? value->text() : QString(),
                   secret && secret->checkState() == Qt::Checked};
        if (row.name.isEmpty() && row.value.isEmpty())
            continue; // a row added and left empty
        rows.append(row);
    }
    return rows;
}

QStringList ServerDialog::splitArguments(const QString &text)
{
    QStringList args;
    for (const QString &line : text.split(QLatin1Char('\n'))) {
        QString arg = line;
        if (arg.endsWith(QLatin1Char('\r')))
            arg.chop(1);
        if (!arg.isEmpty())
            args << arg;
    }
    return args;
}

QList<QPair<QString, QString>> ServerDialog::envSecrets() const
{
    QList<QPair<QString, QString>> secrets;
    if (!isLocalCommand())
        return secrets;
    for (const EnvRow &row : envRows()) {
        if (row.secret && !Profile::isTokenReference(row.value.trimmed()))
            secrets.append({row.name, row.value});
    }
    return secrets;
}

void ServerDialog::setTakenIds(const QStringList &ids)
{
    m_taken = ids;
    validate();
}

QString ServerDialog::suggestId(const QUrl &url, const QStringList &taken)
{
    const QString host = url.host().toLower();
    if (!url.isValid() || host.isEmpty())
        return {};
    QString base;
    const bool loopback = host == QLatin1String("localhost")
        || host.startsWith(QLatin1String("127.")) || host == QLatin1String("::1");
    // An IPv6 address, or a dotted one of digits only.
    const bool address = host.contains(QLatin1Char(':'))
        || std::all_of(host.cbegin(), host.cend(),
                       [](QChar c) { return c.isDigit() || c == QLatin1Char('.'); });
    if (loopback || address) {
        base = loopback ? QStringLiteral("localhost")
                        : QString(host).replace(QLatin1Char(':'), QLatin1Char('-'));
        if (url.port() > 0)
            base += QLatin1Char('-') + QString::number(url.port());
    } else {
        // The name before the top-level domain, past "www", "mcp", "api".
        QStringList labels = host.split(QLatin1Char('.'), Qt::SkipEmptyParts);
        if (labels.size() > 1)
            labels.removeLast();
        base = labels.constLast();
        if (url.port() > 0 && labels.size() == 1 && host.indexOf(QLatin1Char('.')) < 0)
            base += QLatin1Char('-') + QString::number(url.port());
    }
    base = base.left(SafeText::kMaxServerIdLength - 4);
    if (QString why; !SafeText::checkServerId(base, &why))
        base = QStringLiteral("server");
    QString id = base;
    for (int n = 2; taken.contains(id); ++n)
        id = base + QLatin1Char('-') + QString::number(n);
    return id;
}

void ServerDialog::suggestFromUrl()
{
    // Only while the id is empty or still the last suggestion: a typed id stays.
    const QString id = m_id->text().trimmed();
    if (!id.isEmpty() && id != m_suggested)
        return;
    m_suggested = suggestId(QUrl(m_url->text().trimmed(), QUrl::StrictMode), m_taken);
    m_id->setText(m_suggested);
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
    const LocalCommand &c = server.command;
    m_program->setText(c.program);
    m_args->setPlainText(c.args.join(QLatin1Char('\n')));
    m_env->setRowCount(0);
    for (const auto &[name, value] : c.env)
        addEnvironmentRow(name, value, false);
    for (const auto &[name, reference] : c.envRefs)
        addEnvironmentRow(name, reference, true);
    m_cwd->setText(c.cwd);
    m_replicas->setValue(c.replicas);
    setLocalCommand(c.isSet());
    m_priority->setValue(server.priority);
    m_weight->setValue(server.weight);
    m_timeout->setValue(server.timeoutMs);
    m_maxConcurrent->setValue(server.maxConcurrent);
    m_tokenRef->setText(server.tokenRef);
    int protocol = m_protocol->findData(server.protocol);
    if (protocol < 0) { // a value this dialog does not offer: shown and kept as it is
        m_protocol->addItem(server.protocol, server.protocol);
        protocol = m_protocol->count() - 1;
    }
    m_protocol->setCurrentIndex(protocol);
    const ProfileOAuth &oauth = server.oauth;
    m_oauth->setChecked(oauth.enabled);
    m_oauthGroup->setEnabled(oauth.enabled);
    m_clientId->setText(oauth.clientId);
    m_clientSecretRef->setText(oauth.clientSecretRef);
    int grant = m_grant->findData(oauth.grant);
    if (grant < 0) { // a grant this dialog does not offer: shown and kept as it is
        m_grant->addItem(oauth.grant, oauth.grant);
        grant = m_grant->count() - 1;
    }
    m_grant->setCurrentIndex(grant);
    m_privateKey->setText(oauth.privateKeyFile);
    m_clientMetadataUrl->setText(oauth.clientMetadataUrl);
    m_clientIdIssuer->setText(oauth.clientIdIssuer);
    int dpop = m_dpop->findData(oauth.dpop == QLatin1String("auto") ? QString() : oauth.dpop);
    m_dpop->setCurrentIndex(dpop < 0 ? 0 : dpop);
    m_workloadFile->setText(oauth.workloadTokenFile);
    m_workloadCommand->setText(oauth.workloadTokenCommand);
    validate();
}

QString ServerDialog::clientSecret() const
{
    return m_oauth->isChecked() ? m_clientSecret->text() : QString();
}

QString ServerDialog::token() const
{
    return m_token->text();
}

ProfileServer ServerDialog::server() const
{
    ProfileServer s = m_base;
    s.id = m_id->text().trimmed();
    if (isLocalCommand()) {
        // No URL and none of its HTTP settings: a local command has neither.
        s.url = QUrl();
        LocalCommand c;
        c.program = m_program->text().trimmed();
        c.args = splitArguments(m_args->toPlainText());
        for (const EnvRow &row : envRows()) {
            if (!row.secret)
                c.env.append({row.name, row.value});
            else if (Profile::isTokenReference(row.value.trimmed()))
                c.envRefs.append({row.name, row.value.trimmed()});
        }
        auto byName = [](const QPair<QString, QString> &a, const QPair<QString, QString> &b) {
            return a.first < b.first;
        };
        std::sort(c.env.begin(), c.env.end(), byName); // as the profile reads them back
        std::sort(c.envRefs.begin(), c.envRefs.end(), byName);
        c.cwd = m_cwd->text().trimmed();
        c.replicas = m_replicas->value();
        s.command = c;
        s.priority = m_priority->value();
        s.weight = m_weight->value();
        s.timeoutMs = m_timeout->value();
        s.maxConcurrent = m_maxConcurrent->value();
        s.protocol = m_protocol->currentData().toString();
        s.ratePerSecond = m_rate->value();
        s.rateBurst = m_rate->value() > 0 ? m_burst->value() : 0;
        s.caFile.clear();
        s.pinSha256.clear();
        s.tokenRef.clear();
        s.headers.clear();
        s.proxy.clear();
        return s;
    }
    s.command = LocalCommand();
    s.url = QUrl(m_url->text().trimmed(), QUrl::StrictMode);
    s.priority = m_priority->value();
    s.weight = m_weight->value();
    s.timeoutMs = m_timeout->value();
    s.maxConcurrent = m_maxConcurrent->value();
    s.tokenRef = m_tokenRef->text().trimmed();
    s.protocol = m_protocol->currentData().toString();
    s.ratePerSecond = m_rate->value();
    s.rateBurst = m_rate->value() > 0 ? m_burst->value() : 0;
    s.caFile = m_caFile->text().trimmed();
    s.pinSha256 = m_pin->text().trimmed();
    if (const QByteArray pin = TlsTrust::parseFingerprint(s.pinSha256, nullptr); !pin.isEmpty())
        s.pinSha256 = TlsTrust::formatFingerprint(pin); // one spelling in profiles
    // OAuth: what is shown; the signing algorithm and token endpoint auth method stay.
    s.oauth.enabled = m_oauth->isChecked();
    s.oauth.clientId = m_clientId->text().trimmed();
    s.oauth.clientSecretRef = m_clientSecretRef->text().trimmed();
    s.oauth.grant = m_grant->currentData().toString();
    s.oauth.privateKeyFile = m_privateKey->text().trimmed();
    s.oauth.clientMetadataUrl = m_clientMetadataUrl->text().trimmed();
    s.oauth.clientIdIssuer = m_clientIdIssuer->text().trimmed();
    s.oauth.dpop = m_dpop->currentData().toString();
    s.oauth.workloadTokenFile = m_workloadFile->text().trimmed();
    s.oauth.workloadTokenCommand = m_workloadCommand->text().trimmed();
    return s;
}

QString ServerDialog::problem() const
{
    const ProfileServer s = server();
    if (s.id.isEmpty())
        return tr("The server needs an id.");
    if (m_taken.contains(s.id))
        return tr("A server with the id %1 is already in the pool.").arg(s.id);
    if (QString why; !SafeText::checkServerId(s.id, &why))
        return tr("The id may hold letters, digits, spaces inside and %1, at most %2 "
                  "characters (%3).")
            .arg(SafeText::serverIdPunctuation())
            .arg(SafeText::kMaxServerIdLength)
            .arg(why);
    if (isLocalCommand())
        return commandProblem();
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
    if (!s.oauth.enabled)
        return {};
    const ProfileOAuth &o = s.oauth;
    const bool secretTyped = !m_clientSecret->text().isEmpty();
    if (!o.clientSecretRef.isEmpty() && !Profile::isTokenReference(o.clientSecretRef))
        return tr("A client secret reference looks like env:VARIABLE or keychain:NAME; secrets "
                  "themselves are never stored in the profile.");
    if (secretTyped && o.clientSecretRef.startsWith(QLatin1String("env:")))
        return tr("Either a client secret reference to an environment variable or a client "
                  "secret, not both.");
    const bool hasSecret = secretTyped || !o.clientSecretRef.isEmpty();
    if ((hasSecret || !o.privateKeyFile.isEmpty()) && o.clientId.isEmpty())
        return tr("A client secret or private key belongs to a client id: enter the client id "
                  "too.");
    if (o.grant == QLatin1String("client_credentials") && !hasSecret && o.privateKeyFile.isEmpty())
        return tr("Client credentials need a client secret or a private key file.");
    const bool workload = !o.workloadTokenFile.isEmpty() || !o.workloadTokenCommand.isEmpty();
    if (o.grant == QLatin1String("workload_identity") && !workload)
        return tr("Workload identity needs a token file or a token command.");
    if (!o.workloadTokenFile.isEmpty() && !o.workloadTokenCommand.isEmpty())
        return tr("Either a workload token file or a workload token command, not both.");
    if (!o.privateKeyFile.isEmpty() && QFileInfo(o.privateKeyFile).isAbsolute()
        && !QFileInfo(o.privateKeyFile).isReadable())
        return tr("The private key file %1 cannot be read.").arg(o.privateKeyFile);
    if (!o.clientMetadataUrl.isEmpty()) {
        const QUrl url(o.clientMetadataUrl, QUrl::StrictMode);
        if (!url.isValid() || url.scheme() != QLatin1String("https") || url.host().isEmpty()
            || url.path().isEmpty() || url.path() == QLatin1String("/"))
            return tr("A client metadata URL is an https:// URL with a path (the client ID "
                      "metadata document).");
    }
    return {};
}

QString ServerDialog::commandProblem() const
{
    if (m_program->text().trimmed().isEmpty())
        return tr("A local command needs the program to run.");
    QStringList names;
    for (const EnvRow &row : envRows()) {
        if (!isVariableName(row.name))
            return tr("The environment variable \"%1\" needs a name of letters, digits and _, "
                      "not starting with a digit.")
                .arg(SafeText::escape(row.name.left(64)));
        if (names.contains(row.name))
            return tr("The environment variable %1 is set twice.").arg(row.name);
        names << row.name;
        if (row.secret && row.value.trimmed().isEmpty())
            return tr("The secret variable %1 needs a reference (env:VARIABLE, keychain:NAME) "
                      "or a value.")
                .arg(row.name);
        if (row.value.contains(QChar(0)))
            return tr("The value of %1 holds a NUL character.").arg(row.name);
    }
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
