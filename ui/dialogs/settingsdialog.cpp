#include "settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QInputDialog>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QSettings>
#include <QSpinBox>
#include <QTabWidget>
#include <QVBoxLayout>

namespace mcppm::ui {

namespace {
QSpinBox *spin(int min, int max, int value, const QString &suffix, const QString &name,
               QWidget *parent)
{
    auto *box = new QSpinBox(parent);
    box->setRange(min, max);
    box->setValue(value);
    box->setSuffix(suffix);
    box->setAccessibleName(name);
    return box;
}
} // namespace

SettingsDialog::SettingsDialog(const Profile &profile, QWidget *parent)
    : QDialog(parent)
{
    setWindowTitle(tr("Settings"));
    setObjectName(QStringLiteral("SettingsDialog"));
    auto *layout = new QVBoxLayout(this);
    auto *tabs = new QTabWidget(this);
    layout->addWidget(tabs);
    auto *poolPage = new QWidget(tabs);
    auto *poolLayout = new QVBoxLayout(poolPage);
    auto *pool
        = new QGroupBox(tr("Pool (saved in the profile; applied without a restart)"), poolPage);
    auto *form = new QFormLayout(pool);
    m_interval = spin(1, 86400, qMax(1, profile.healthCheckIntervalMs / 1000), tr(" s"),
                      tr("Health check interval"), pool);
    m_degraded
        = spin(1, 1000, profile.degradedThreshold, tr(" failures"), tr("Degraded after"), pool);
    m_offline = spin(1, 1000, profile.offlineThreshold, tr(" failures"), tr("Offline after"), pool);
    m_retries = spin(0, 100, profile.maxRetries, QString(), tr("Retries per call"), pool);
    m_timeout = spin(0, 86400, profile.taskTimeoutMs / 1000, tr(" s"), tr("Call timeout"), pool);
    m_timeout->setSpecialValueText(tr("none"));
    m_concurrency
        = spin(1, 100000, profile.concurrentTasks, QString(), tr("Calls running at once"), pool);
    m_history = spin(0, 10000000, profile.historySize, tr(" tasks"), tr("History kept"), pool);
    m_history->setSingleStep(1000);
    m_perServer = spin(-1, 100000, profile.maxConcurrentPerServer, QString(),
                       tr("Calls at once per server"), pool);
    m_perServer->setSpecialValueText(tr("automatic"));
    m_perServer->setToolTip(tr("For servers without their own limit. Automatic: half of the "
                               "calls running at once (at least 4) while two or more servers "
                               "are in rotation, so one frozen server never holds every slot. "
                               "0: no limit."));
    form->addRow(tr("&Retries per call:"), m_retries);
    form->addRow(tr("Call t&imeout:"), m_timeout);
    form->addRow(tr("&Calls running at once:"), m_concurrency);
    form->addRow(tr("Calls at once per ser&ver:"), m_perServer);
    form->addRow(tr("Histor&y kept:"), m_history);
    poolLayout->addWidget(pool);
    poolLayout->addStretch(1);
    tabs->addTab(poolPage, tr("&Pool"));

    auto *healthPage = new QWidget(tabs);
    auto *healthForm = new QFormLayout(healthPage);
    healthForm->addRow(tr("Health check e&very:"), m_interval);
    healthForm->addRow(tr("&Degraded after:"), m_degraded);
    healthForm->addRow(tr("&Offline after:"), m_offline);
    m_interval->setParent(healthPage);
    m_degraded->setParent(healthPage);
    m_offline->setParent(healthPage);
    m_degraded->setSuffix(tr(" failed probes"));
    m_offline->setSuffix(tr(" failed probes"));
    addHealthFields(healthForm, profile.health);
    tabs->addTab(healthPage, tr("&Health"));

    auto *requestsPage = new QWidget(tabs);
    auto *requestsLayout = new QVBoxLayout(requestsPage);
    auto *servers
        = new QGroupBox(tr("Server requests and logs (saved in the profile)"), requestsPage);
    auto *serversForm = new QFormLayout(servers);
    m_sampling = new QCheckBox(tr("Answer &sampling requests (you write the reply)"), servers);
    m_sampling->setChecked(samplingEnabled(profile));
    m_sampling->setToolTip(tr("Off: sampling is not declared to servers. On: a server's request "
                              "for a model reply opens a dialog where you answer or decline."));
    m_logLevel = new QComboBox(servers);
    m_logLevel->setAccessibleName(tr("Server log level"));
    m_logLevel->addItem(tr("None"), QString());
    for (const char *level :
         {"debug", "info", "notice", "warning", "error", "critical", "alert", "emergency"})
        m_logLevel->addItem(QString::fromLatin1(level), QString::fromLatin1(level));
    int levelIndex = m_logLevel->findData(profile.logLevel);
    if (levelIndex < 0) { // a level this dialog does not list: shown and kept
        m_logLevel->addItem(profile.logLevel, profile.logLevel);
        levelIndex = m_logLevel->count() - 1;
    }
    m_logLevel->setCurrentIndex(levelIndex);
    m_roots = new QListWidget(servers);
    m_roots->setAccessibleName(tr("Root directories"));
    m_roots->setMaximumHeight(90);
    setRoots(profile.roots);
    auto *addRoot = new QPushButton(tr("&Add Directory…"), servers);
    auto *removeRoot = new QPushButton(tr("Re&move"), servers);
    connect(addRoot, &QPushButton::clicked, this, [this]() {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Root Directory"));
        if (!dir.isEmpty() && m_roots->findItems(dir, Qt::MatchExactly).isEmpty())
            m_roots->addItem(dir);
    });
    connect(removeRoot, &QPushButton::clicked, this, [this]() { delete m_roots->currentItem(); });
    auto *rootButtons = new QVBoxLayout;
    rootButtons->addWidget(addRoot);
    rootButtons->addWidget(removeRoot);
    rootButtons->addStretch(1);
    auto *rootRow = new QHBoxLayout;
    rootRow->addWidget(m_roots, 1);
    rootRow->addLayout(rootButtons);
    serversForm->addRow(m_sampling);
    serversForm->addRow(tr("Server log messages &from:"), m_logLevel);
    auto *rootsLabel = new QLabel(tr("Root director&ies offered:"), servers);
    rootsLabel->setBuddy(m_roots);
    rootsLabel->setToolTip(tr("Directories servers may work in (roots/list); none: roots are "
                              "not declared."));
    serversForm->addRow(rootsLabel, rootRow);
    requestsLayout->addWidget(servers);
    requestsLayout->addStretch(1);
    tabs->addTab(requestsPage, tr("Re&quests"));

    auto *monitorPage = new QWidget(tabs);
    auto *monitorLayout = new QVBoxLayout(monitorPage);
    auto *monitor = new QGroupBox(tr("This monitor"), monitorPage);
    auto *monitorForm = new QFormLayout(monitor);
    m_notify = new QCheckBox(tr("&Notify when a server goes offline or recovers"), monitor);
    m_notify->setChecked(notificationsSetting());
    m_language = new QComboBox(monitor);
    m_language->setAccessibleName(tr("Language"));
    m_language->addItem(tr("System language"), QString());
    m_language->addItem(QStringLiteral("English"), QStringLiteral("en"));
    m_language->addItem(QStringLiteral("Deutsch"), QStringLiteral("de"));
    m_language->setCurrentIndex(qMax(0, m_language->findData(languageSetting())));
    monitorForm->addRow(m_notify);
    monitorForm->addRow(tr("&Language (after a restart):"), m_language);
    monitorLayout->addWidget(monitor);
    monitorLayout->addStretch(1);
    tabs->addTab(monitorPage, tr("Moni&tor"));

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
    // Offline can never come before degraded.
    connect(m_degraded, &QSpinBox::valueChanged, m_offline,
            [this](int v) { m_offline->setMinimum(v); });
    m_offline->setMinimum(m_degraded->value());
}

Profile SettingsDialog::applyTo(Profile profile) const
{
    profile.healthCheckIntervalMs = m_interval->value() * 1000;
    profile.degradedThreshold = m_degraded->value();
    profile.offlineThreshold = m_offline->value();
    profile.maxRetries = m_retries->value();
    profile.taskTimeoutMs = m_timeout->value() * 1000;
    profile.concurrentTasks = m_concurrency->value();
    profile.historySize = m_history->value();
    profile.maxConcurrentPerServer = m_perServer->value();
    for (const HealthField &field : m_healthFields) {
        const double value = field.count ? double(field.count->value())
            : field.seconds              ? field.seconds->value() * 1000.0
                                         : field.factor->value();
        field.set(profile.health, value);
    }
    profile.logLevel = m_logLevel->currentData().toString();
    profile.roots = roots();
    if (m_sampling->isChecked())
        profile.extra.insert(QStringLiteral("sampling"), true);
    else
        profile.extra.remove(QStringLiteral("sampling"));
    return profile;
}

void SettingsDialog::addHealthFields(QFormLayout *form, const HealthMonitorOptions &h)
{
    QWidget *page = form->parentWidget();
    auto count = [&](const QString &label, const QString &name, int min, int max, int value,
                     const QString &suffix, const QString &tip, auto setter) {
        HealthField field;
        field.count = spin(min, max, value, suffix, name, page);
        field.count->setToolTip(tip);
        field.set = [setter](HealthMonitorOptions &o, double v) { setter(o, int(v)); };
        form->addRow(label, field.count);
        m_healthFields.append(field);
        return field.count;
    };
    auto seconds = [&](const QString &label, const QString &name, double minS, double maxS,
                       int valueMs, const QString &tip, auto setter) {
        HealthField field;
        field.seconds = new QDoubleSpinBox(page);
        field.seconds->setDecimals(1);
        field.seconds->setRange(minS, maxS);
        field.seconds->setValue(valueMs / 1000.0);
        field.seconds->setSuffix(tr(" s"));
        field.seconds->setAccessibleName(name);
        field.seconds->setToolTip(tip);
        // Only a changed box rewrites its value (an untouched one keeps the exact ms).
        field.set = [setter, valueMs](HealthMonitorOptions &o, double ms) {
            setter(o, qAbs(ms - valueMs) < 50 ? valueMs : int(ms));
        };
        form->addRow(label, field.seconds);
        m_healthFields.append(field);
    };
    count(tr("Forgiven &after:"), tr("Forgiven after"), 1, 1000, h.riseThreshold,
          tr(" good probes"), tr("Good probes in a row before failed ones are forgiven."),
          [](HealthMonitorOptions &o, int v) { o.riseThreshold = v; });
    seconds(tr("Probe a s&uspect server every:"), tr("Suspect probe interval"), 0, 86400,
            h.suspectIntervalMs,
            tr("After a failed probe or a lost connection, probe this often until it settles."),
            [](HealthMonitorOptions &o, int v) { o.suspectIntervalMs = v; });
    seconds(tr("Pro&be timeout:"), tr("Probe timeout"), 0.1, 600, h.probeTimeoutMs,
            tr("A probe that takes longer counts as failed."),
            [](HealthMonitorOptions &o, int v) { o.probeTimeoutMs = v; });
    seconds(tr("Reconnect: first &wait:"), tr("Reconnect delay"), 0.1, 86400, h.reconnectDelayMs,
            tr("Doubles with each attempt, up to the longest wait."),
            [](HealthMonitorOptions &o, int v) { o.reconnectDelayMs = v; });
    seconds(tr("Reconnect: lon&gest wait:"), tr("Longest reconnect delay"), 0.1, 86400,
            h.reconnectMaxDelayMs, tr("A restarted server is back within about this long."),
            [](HealthMonitorOptions &o, int v) { o.reconnectMaxDelayMs = v; });
    count(tr("Shown dead after:"), tr("Reconnect attempts"), 1, 1000000, h.reconnectAttempts,
          tr(" attempts"), tr("Failed reconnects before the server is shown dead."),
          [](HealthMonitorOptions &o, int v) { o.reconnectAttempts = v; });
    seconds(tr("Try dead servers every:"), tr("Dead retry interval"), 0, 86400,
            h.deadRetryIntervalMs, tr("0: a dead server waits for Reconnect."),
            [](HealthMonitorOptions &o, int v) { o.deadRetryIntervalMs = v; });
    seconds(tr("&Judge calls over the last:"), tr("Call window"), 1, 3600, h.outliers.windowMs,
            tr("Error rate and latency are judged over this sliding window."),
            [](HealthMonitorOptions &o, int v) { o.outliers.windowMs = v; });
    count(tr("Judge o&nly after:"), tr("Minimum calls"), 1, 1000000, h.outliers.minRequestVolume,
          tr(" calls"), tr("Fewer calls in the window prove nothing either way."),
          [](HealthMonitorOptions &o, int v) { o.outliers.minRequestVolume = v; });
    count(tr("Degraded at &error rate:"), tr("Degraded error rate"), 0, 100,
          h.outliers.degradedErrorPercent, tr(" %"),
          tr("Online again below half of this rate. 0: never."),
          [](HealthMonitorOptions &o, int v) { o.outliers.degradedErrorPercent = v; });
    count(tr("Ejected at error rate:"), tr("Ejection error rate"), 0, 100,
          h.outliers.ejectErrorPercent, tr(" %"), tr("0: never ejected."),
          [](HealthMonitorOptions &o, int v) { o.outliers.ejectErrorPercent = v; });
    seconds(tr("First ejection lasts:"), tr("Base ejection time"), 0.1, 86400, h.baseEjectionMs,
            tr("Doubles with each further ejection."),
            [](HealthMonitorOptions &o, int v) { o.baseEjectionMs = v; });
    seconds(tr("Longest ejection:"), tr("Longest ejection time"), 0.1, 86400, h.maxEjectionMs,
            tr("Also how long a server must behave before its ejections are forgotten."),
            [](HealthMonitorOptions &o, int v) { o.maxEjectionMs = v; });
    count(tr("Eject after failing in a row:"), tr("Failures in a row"), 0, 1000000,
          h.consecutiveFailuresToEject, tr(" calls"),
          tr("Timeouts and 5xx answers in a row, without a success between. 0: never."),
          [](HealthMonitorOptions &o, int v) { o.consecutiveFailuresToEject = v; });
    count(tr("Eject at most:"), tr("Most ejected"), 0, 100, h.maxEjectionPercent,
          tr(" % of the servers"), tr("Never the last server in rotation."),
          [](HealthMonitorOptions &o, int v) { o.maxEjectionPercent = v; });
    HealthField slow;
    slow.factor = new QDoubleSpinBox(page);
    slow.factor->setDecimals(1);
    slow.factor->setRange(0, 1000);
    slow.factor->setValue(h.outliers.slowFactor);
    slow.factor->setSuffix(tr(" × the others"));
    slow.factor->setSpecialValueText(tr("never"));
    slow.factor->setAccessibleName(tr("Slow factor"));
    slow.factor->setToolTip(tr("Slow: mean latency above this multiple of the other servers' "
                               "median. Slow servers are passed over while others can serve."));
    const double slowValue = h.outliers.slowFactor;
    slow.set = [slowValue](HealthMonitorOptions &o, double v) {
        o.outliers.slowFactor = qAbs(v - slowValue) < 0.05 ? slowValue : (v < 1 ? 0 : v);
    };
    form->addRow(tr("&Slow at:"), slow.factor);
    m_healthFields.append(slow);
    count(tr("Slow only if at least:"), tr("Slow minimum"), 0, 3600000, h.outliers.slowMinMs,
          tr(" ms slower"), tr("Small latencies never make a server slow."),
          [](HealthMonitorOptions &o, int v) { o.outliers.slowMinMs = v; });
}

bool SettingsDialog::samplingEnabled(const Profile &profile)
{
    return profile.extra.value(QStringLiteral("sampling")).toBool();
}

QStringList SettingsDialog::roots() const
{
    QStringList list;
    for (int i = 0; i < m_roots->count(); ++i)
        list << m_roots->item(i)->text();
    return list;
}

void SettingsDialog::setRoots(const QStringList &roots)
{
    m_roots->clear();
    m_roots->addItems(roots);
}

bool SettingsDialog::notificationsEnabled() const
{
    return m_notify->isChecked();
}

QString SettingsDialog::language() const
{
    return m_language->currentData().toString();
}

bool SettingsDialog::notificationsSetting()
{
    return QSettings().value(QStringLiteral("monitor/notifications"), true).toBool();
}

QString SettingsDialog::languageSetting()
{
    return QSettings().value(QStringLiteral("monitor/language")).toString();
}

void SettingsDialog::saveMonitorSettings() const
{
    QSettings settings;
    settings.setValue(QStringLiteral("monitor/notifications"), notificationsEnabled());
    settings.setValue(QStringLiteral("monitor/language"), language());
}

} // namespace mcppm::ui
