#include "profile/jsonfields.h"

#include <QJsonValue>

#include <cmath>

namespace mcppm {

bool JsonFields::readWhole(const QJsonObject &o, const QString &key, int min, int max, int *out,
                           const QString &where, QString *error)
{
    if (!o.contains(key))
        return true;
    const QJsonValue v = o.value(key);
    const double d = v.toDouble(-1e300);
    // Range first: converting an out-of-range double to an integer is undefined.
    if (!v.isDouble() || !(d >= min && d <= max) || d != std::trunc(d)) {
        *error = QStringLiteral("%1\"%2\" must be a whole number from %3 to %4")
                     .arg(where, key)
                     .arg(min)
                     .arg(max);
        return false;
    }
    *out = int(d);
    return true;
}

} // namespace mcppm
