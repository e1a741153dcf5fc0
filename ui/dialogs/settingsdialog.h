#pragma once

#include "profile/profile.h"

#include <QDialog>

#include <functional>

class QCheckBox;
class QDoubleSpinBox;
class QFormLayout;
class QComboBox;
class QListWidget;
class QSpinBox;

namespace mcppm::ui {

// Pool settings that live in the profile (health interval and thresholds,
// retries, timeouts, concurrency, history) and the monitor's own (tray
// notifications, language). Pool settings apply to the running pool in place
// (PoolClient::applySettings): sessions and statistics are kept.
class SettingsDialog final : public QDialog
{
    Q_OBJECT
public:
    explicit SettingsDialog(const Profile &profile, QWidget *parent = nullptr);

    // The profile with the dialog's values (servers and unknown keys untouched).
    Profile applyTo(Profile profile) const;
    bool notificationsEnabled() const;
    QString language() const; // "" = the system's, "en", "de"

    static bool notificationsSetting(); // from QSettings
    static QString languageSetting();
    void saveMonitorSettings() const;
    // The profile's "sampling" (extra key; false when absent): whether the
    // monitor declares sampling and asks the operator to answer it.
    static bool samplingEnabled(const Profile &profile);
    QStringList roots() const;
    void setRoots(const QStringList &roots);

private:
    QSpinBox *m_interval = nullptr;
    QSpinBox *m_degraded = nullptr;
    QSpinBox *m_offline = nullptr;
    QSpinBox *m_retries = nullptr;
    QSpinBox *m_timeout = nullptr;
    QSpinBox *m_concurrency = nullptr;
    QSpinBox *m_history = nullptr;
    QCheckBox *m_notify = nullptr;
    QComboBox *m_language = nullptr;
    QCheckBox *m_sampling = nullptr;
    QComboBox *m_logLevel = nullptr;
    QListWidget *m_roots = nullptr;
    QSpinBox *m_perServer = nullptr;
    // The "health" thresholds: each field's box and how it maps to the options.
    struct HealthField
    {
        QSpinBox *count = nullptr; // whole numbers (or percent)
        QDoubleSpinBox *seconds = nullptr; // milliseconds shown as seconds
        QDoubleSpinBox *factor = nullptr;
        std::function<void(HealthMonitorOptions &, double)> set;
    };
    QList<HealthField> m_healthFields;
    void addHealthFields(QFormLayout *form, const HealthMonitorOptions &health);
};

} // namespace mcppm::ui
