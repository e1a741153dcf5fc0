#include "profile/healthsettings.h"

#include "profile/jsonfields.h"

#include <QJsonValue>

#include <cmath>

namespace mcppm {

namespace {

struct IntKey
{
    const char *name;
    int min;
    int max;
    int HealthMonitorOptions::*field;
};
struct OutlierKey
{
    const char *name;
    int min;
    int max;
    int OutlierOptions::*field;
};

constexpr int kDay = 86400000;
const IntKey kIntKeys[] = {
    {"riseThreshold", 1, 1000, &HealthMonitorOptions::riseThreshold},
    {"suspectIntervalMs", 0, kDay, &HealthMonitorOptions::suspectIntervalMs},
    {"probeTimeoutMs", 100, 600000, &HealthMonitorOptions::probeTimeoutMs},
    {"reconnectAttempts", 1, 1000000, &HealthMonitorOptions::reconnectAttempts},
    {"reconnectDelayMs", 10, kDay, &HealthMonitorOptions::reconnectDelayMs},
    {"reconnectMaxDelayMs", 10, kDay, &HealthMonitorOptions::reconnectMaxDelayMs},
    {"deadRetryIntervalMs", 0, kDay, &HealthMonitorOptions::deadRetryIntervalMs},
    {"evaluationIntervalMs", 100, 600000, &HealthMonitorOptions::evaluationIntervalMs},
    {"baseEjectionMs", 100, kDay, &HealthMonitorOptions::baseEjectionMs},
    {"maxEjectionMs", 100, kDay, &HealthMonitorOptions::maxEjectionMs},
    {"maxEjectionPercent", 0, 100, &HealthMonitorOptions::maxEjectionPercent},
    {"consecutiveFailuresToEject", 0, 1000000, &HealthMonitorOptions::consecutiveFailuresToEject},
};
const OutlierKey kOutlierKeys[] = {
    {"windowMs", 1000, 3600000, &OutlierOptions::windowMs},
    {"minRequestVolume", 1, 1000000, &OutlierOptions::minRequestVolume},
    {"degradedErrorPercent", 0, 100, &OutlierOptions::degradedErrorPercent},
    {"ejectErrorPercent", 0, 100, &OutlierOptions::ejectErrorPercent},
    {"slowMinMs", 0, 3600000, &OutlierOptions::slowMinMs},
};
constexpr const char *kSlowFactor = "slowFactor";

bool readWhole(const QJsonObject &o, const QString &key, int min, int max, int *out, QString *error)
{
    return JsonFields::readWhole(o, key, min, max, out, QStringLiteral("\"health\": "), error);
}

} // namespace

QStringList HealthSettings::keys()
{
    QStringList out;
    for (const IntKey &k : kIntKeys)
        out << QString::fromLatin1(k.name);
    for (const OutlierKey &k : kOutlierKeys)
        out << QString::fromLatin1(k.name);
    out << QString::fromLatin1(kSlowFactor);
    return out;
}

bool HealthSettings::read(const QJsonObject &health, HealthMonitorOptions *options, QString *error)
{
    const QStringList known = keys();
    for (auto it = health.begin(); it != health.end(); ++it) {
        if (!known.contains(it.key())) {
            *error = QStringLiteral("\"health\": unknown key \"%1\" (known: %2)")
                         .arg(it.key().left(100), known.join(QStringLiteral(", ")));
            return false;
        }
    }
    HealthMonitorOptions o = *options;
    for (const IntKey &k : kIntKeys) {
        if (!readWhole(health, QString::fromLatin1(k.name), k.min, k.max, &(o.*k.field), error))
            return false;
    }
    for (const OutlierKey &k : kOutlierKeys) {
        if (!readWhole(health, QString::fromLatin1(k.name), k.min, k.max, &(o.outliers.*k.field),
                       error))
            return false;
    }
    const QString slow = QString::fromLatin1(kSlowFactor);
    if (health.contains(slow)) {
        const QJsonValue v = health.value(slow);
        const double d = v.toDouble(-1);
        if (!v.isDouble() || !(d == 0 || (d >= 1 && d <= 1000))) {
            *error = QStringLiteral("\"health\": \"slowFactor\" must be 0 (off) or a number "
                                    "from 1 to 1000");
            return false;
        }
        o.outliers.slowFactor = d;
    }
    if (o.reconnectMaxDelayMs < o.reconnectDelayMs) {
        *error = QStringLiteral("\"health\": \"reconnectMaxDelayMs\" must not be below "
                                "\"reconnectDelayMs\"");
        return false;
    }
    if (o.maxEjectionMs < o.baseEjectionMs) {
        *error
            = QStringLiteral("\"health\": \"maxEjectionMs\" must not be below \"baseEjectionMs\"");
        return false;
    }
    if (o.outliers.ejectErrorPercent > 0
        && o.outliers.ejectErrorPercent < o.outliers.degradedErrorPercent) {
        *error = QStringLiteral("\"health\": \"ejectErrorPercent\" must not be below "
                                "\"degradedErrorPercent\" (0 turns ejection off)");
        return false;
    }
    *options = o;
    return true;
}

QJsonObject HealthSettings::write(const HealthMonitorOptions &options)
{
    const HealthMonitorOptions defaults;
    QJsonObject o;
    for (const IntKey &k : kIntKeys) {
        if (options.*k.field != defaults.*k.field)
            o.insert(QString::fromLatin1(k.name), options.*k.field);
    }
    for (const OutlierKey &k : kOutlierKeys) {
        if (options.outliers.*k.field != defaults.outliers.*k.field)
            o.insert(QString::fromLatin1(k.name), options.outliers.*k.field);
    }
    if (options.outliers.slowFactor != defaults.outliers.slowFactor)
        o.insert(QString::fromLatin1(kSlowFactor), options.outliers.slowFactor);
    return o;
}

} // namespace mcppm
