#include "profile/namedrequest.h"

#include "profile/jsonfields.h"

#include <QStringList>

#include <cmath>

namespace mcppm {

namespace {
const QStringList kKeys{QStringLiteral("name"),      QStringLiteral("tool"),
                        QStringLiteral("arguments"), QStringLiteral("target"),
                        QStringLiteral("priority"),  QStringLiteral("timeoutMs")};

bool readWhole(const QJsonObject &o, const QString &key, int min, int max, int *out, QString *error)
{
    return JsonFields::readWhole(o, key, min, max, out, QString(), error);
}

bool readText(const QJsonObject &o, const QString &key, QString *out, QString *error)
{
    const QJsonValue v = o.value(key);
    if (!v.isString() || v.toString().trimmed().isEmpty()) {
        *error = v.isUndefined() ? QStringLiteral("\"%1\" is missing").arg(key)
                                 : QStringLiteral("\"%1\" must be a non-empty string").arg(key);
        return false;
    }
    *out = v.toString();
    return true;
}
} // namespace

std::optional<NamedRequest> NamedRequest::fromJson(const QJsonValue &value, QString *error)
{
    QString why;
    auto fail = [&](const QString &text) -> std::optional<NamedRequest> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    if (!value.isObject())
        return fail(QStringLiteral("must be an object"));
    const QJsonObject o = value.toObject();
    NamedRequest r;
    if (!readText(o, QStringLiteral("name"), &r.name, &why)
        || !readText(o, QStringLiteral("tool"), &r.tool, &why))
        return fail(why);
    const QJsonValue arguments = o.value(QStringLiteral("arguments"));
    if (!arguments.isUndefined() && !arguments.isObject())
        return fail(QStringLiteral("\"arguments\" must be an object"));
    r.arguments = arguments.toObject();
    if (o.contains(QStringLiteral("target"))) {
        r.target = o.value(QStringLiteral("target")).toString();
        if (!isValidTarget(r.target))
            return fail(QStringLiteral(
                "\"target\" must be \"pool\", \"all\" or \"server:\" followed by a server id"));
    }
    if (!readWhole(o, QStringLiteral("priority"), kMinPriority, kMaxPriority, &r.priority, &why)
        || !readWhole(o, QStringLiteral("timeoutMs"), 1, kMaxTimeoutMs, &r.timeoutMs, &why))
        return fail(why);
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!kKeys.contains(it.key()))
            r.extra.insert(it.key(), it.value());
    }
    return r;
}

QJsonObject NamedRequest::toJson() const
{
    QJsonObject o = extra;
    o.insert(QStringLiteral("name"), name);
    o.insert(QStringLiteral("tool"), tool);
    o.insert(QStringLiteral("arguments"), arguments);
    o.insert(QStringLiteral("target"), target);
    o.insert(QStringLiteral("priority"), priority);
    o.insert(QStringLiteral("timeoutMs"), timeoutMs);
    return o;
}

bool NamedRequest::isValidTarget(const QString &target)
{
    return target == QLatin1String("pool") || target == QLatin1String("all")
        || (target.startsWith(QLatin1String("server:")) && target.size() > 7);
}

} // namespace mcppm
