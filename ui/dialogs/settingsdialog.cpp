#include "settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
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
    auto *pool = new QGroupBox(tr("Pool (saved in the profile; applying restarts the pool)"), this);
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
    form->addRow(tr("&Health check every:"), m_interval);
    form->addRow(tr("&Degraded after:"), m_degraded);
    form->addRow(tr("&Offline after:"), m_offline);
    form->addRow(tr("&Retries per call:"), m_retries);
    form->addRow(tr("Call &timeout:"), m_timeout);
    form->addRow(tr("&Calls running at once:"), m_concurrency);
    form->addRow(tr("&History kept:"), m_history);
    layout->addWidget(pool);

    auto *servers = new QGroupBox(tr("Server requests and logs (saved in the profile)"), this);
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
    layout->addWidget(servers);

    auto *monitor = new QGroupBox(tr("This monitor"), this);
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
    layout->addWidget(monitor);

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
    profile.logLevel = m_logLevel->currentData().toString();
    profile.roots = roots();
    if (m_sampling->isChecked())
        profile.extra.insert(QStringLiteral("sampling"), true);
    else
        profile.extra.remove(QStringLiteral("sampling"));
    return profile;
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
