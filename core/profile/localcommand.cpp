#include "profile/localcommand.h"

#include "profile/jsonfields.h"
#include "profile/profile.h"

#include <QJsonArray>
#include <QRegularExpression>

namespace mcppm {

namespace {

bool isVariableName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return re.match(name).hasMatch();
}

bool readEnv(const QJsonObject &o, const QString &key, bool references,
             QList<QPair<QString, QString>> *out, const QString &where, QString *error)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isObject()) {
        *error = where + QStringLiteral("\"%1\" must be an object of \"NAME\": \"value\"").arg(key);
        return false;
    }
    const QJsonObject vars = v.toObject();
    for (auto it = vars.begin(); it != vars.end(); ++it) {
        if (!isVariableName(it.key())) {
            *error = where
                + QStringLiteral("\"%1\": \"%2\" is not a variable name (letters, digits, _)")
                      .arg(key, it.key().left(64));
            return false;
        }
        if (!it.value().isString()) {
            *error = where
                + QStringLiteral("\"%1\": the value of %2 must be a string").arg(key, it.key());
            return false;
        }
        const QString value = it.value().toString();
        if (references && !Profile::isTokenReference(value)) {
            *error = where
                + QStringLiteral("\"%1\": %2 must be a reference like \"env:VARIABLE\", "
                                 "\"keychain:NAME\" or \"file:/PATH\"")
                      .arg(key, it.key());
            return false;
        }
        if (value.contains(QChar(0))) {
            *error = where
                + QStringLiteral("\"%1\": the value of %2 contains a NUL character")
                      .arg(key, it.key());
            return false;
        }
        out->append({it.key(), value});
    }
    return true;
}

} // namespace

const QStringList &LocalCommand::keys()
{
    static const QStringList k{QStringLiteral("command"),
                               QStringLiteral("args"),
                               QStringLiteral("env"),
                               QStringLiteral("envRefs"),
                               QStringLiteral("cwd"),
                               QStringLiteral("replicas"),
                               QStringLiteral("maxRestartsPerMinute"),
                               QStringLiteral("restartDelayMs"),
                               QStringLiteral("restartMaxDelayMs")};
    return k;
}

std::optional<LocalCommand> LocalCommand::fromJson(const QJsonObject &o, const QString &where,
                                                   QString *error)
{
    LocalCommand c;
    const QJsonValue command = o.value(QStringLiteral("command"));
    if (command.isUndefined()) {
        for (const QString &key : keys()) {
            if (o.contains(key)) {
                *error = where + QStringLiteral("\"%1\" needs \"command\"").arg(key);
                return std::nullopt;
            }
        }
        return c;
    }
    if (!command.isString() || command.toString().trimmed().isEmpty()) {
        *error = where + QStringLiteral("\"command\" must be a program name or path");
        return std::nullopt;
    }
    c.program = command.toString();
    if (c.program.contains(QChar(0))) {
        *error = where + QStringLiteral("\"command\" contains a NUL character");
        return std::nullopt;
    }
    const QJsonValue args = o.value(QStringLiteral("args"));
    if (!args.isUndefined() && !args.isNull()) {
        if (!args.isArray()) {
            *error = where + QStringLiteral("\"args\" must be an array of strings");
            return std::nullopt;
        }
        for (const QJsonValue &a : args.toArray()) {
            if (!a.isString() || a.toString().contains(QChar(0))) {
                *error = where + QStringLiteral("\"args\" must be an array of strings");
                return std::nullopt;
            }
            c.args.append(a.toString());
        }
    }
    if (!readEnv(o, QStringLiteral("env"), false, &c.env, where, error)
        || !readEnv(o, QStringLiteral("envRefs"), true, &c.envRefs, where, error))
        return std::nullopt;
    for (const auto &[name, value] : c.envRefs) {
        Q_UNUSED(value)
        for (const auto &plain : c.env) {
            if (plain.first == name) {
                *error = where + QStringLiteral("%1 is in both \"env\" and \"envRefs\"").arg(name);
                return std::nullopt;
            }
        }
    }
    const QJsonValue cwd = o.value(QStringLiteral("cwd"));
    if (!cwd.isUndefined() && !cwd.isNull()) {
        if (!cwd.isString()) {
            *error = where + QStringLiteral("\"cwd\" must be a directory path");
            return std::nullopt;
        }
        c.cwd = cwd.toString();
    }
    if (!JsonFields::readWhole(o, QStringLiteral("replicas"), 1, kMaxReplicas, &c.replicas, where,
                               error)
        || !JsonFields::readWhole(o, QStringLiteral("maxRestartsPerMinute"), 1, 1000,
                                  &c.maxRestartsPerMinute, where, error)
        || !JsonFields::readWhole(o, QStringLiteral("restartDelayMs"), 10, 600000,
                                  &c.restartDelayMs, where, error)
        || !JsonFields::readWhole(o, QStringLiteral("restartMaxDelayMs"), 10, 3600000,
                                  &c.restartMaxDelayMs, where, error))
        return std::nullopt;
    if (c.restartMaxDelayMs < c.restartDelayMs) {
        *error
            = where + QStringLiteral("\"restartMaxDelayMs\" must not be below \"restartDelayMs\"");
        return std::nullopt;
    }
    return c;
}

void LocalCommand::writeTo(QJsonObject *entry) const
{
    if (!isSet())
        return;
    entry->insert(QStringLiteral("command"), program);
    if (!args.isEmpty())
        entry->insert(QStringLiteral("args"), QJsonArray::fromStringList(args));
    auto put = [entry](const char *key, const QList<QPair<QString, QString>> &vars) {
        if (vars.isEmpty())
            return;
        QJsonObject o;
        for (const auto &[name, value] : vars)
            o.insert(name, value);
        entry->insert(QLatin1String(key), o);
    };
    put("env", env);
    put("envRefs", envRefs);
    if (!cwd.isEmpty())
        entry->insert(QStringLiteral("cwd"), cwd);
    if (replicas != 1)
        entry->insert(QStringLiteral("replicas"), replicas);
    const LocalCommand defaults;
    if (maxRestartsPerMinute != defaults.maxRestartsPerMinute)
        entry->insert(QStringLiteral("maxRestartsPerMinute"), maxRestartsPerMinute);
    if (restartDelayMs != defaults.restartDelayMs)
        entry->insert(QStringLiteral("restartDelayMs"), restartDelayMs);
    if (restartMaxDelayMs != defaults.restartMaxDelayMs)
        entry->insert(QStringLiteral("restartMaxDelayMs"), restartMaxDelayMs);
}

} // namespace mcppm
