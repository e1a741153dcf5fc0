#pragma once

#include "pool/healthmonitor.h"

#include <QJsonObject>
#include <QString>

namespace mcppm {

// The profile's "health" object: every threshold of the health model beyond
// the top-level healthCheckIntervalMs, degradedThreshold and
// offlineThreshold. Only values that differ from the defaults are written;
// unknown keys are refused with a message naming them.
class HealthSettings final
{
public:
    // Reads "health" into options (keys it lacks keep their values). False
    // with a message naming the key when a value is out of range.
    static bool read(const QJsonObject &health, HealthMonitorOptions *options, QString *error);
    static QJsonObject write(const HealthMonitorOptions &options);
    static QStringList keys();
};

} // namespace mcppm
