#include "settingsdialog.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
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
    return profile;
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
