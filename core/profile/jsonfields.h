#pragma once

#include <QJsonObject>
#include <QString>

namespace mcppm {

// Reading checked values out of the profile's JSON objects.
class JsonFields final
{
public:
    // A whole number from min to max under key, if present (absent: true,
    // *out untouched). False with "<where>"key" must be a whole number from
    // min to max" otherwise; ranges are checked before any conversion.
    static bool readWhole(const QJsonObject &o, const QString &key, int min, int max, int *out,
                          const QString &where, QString *error);
};

} // namespace mcppm
