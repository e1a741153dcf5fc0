#include "profile/endpointsettings.h"

#include "profile/profile.h"

#include <QJsonArray>

namespace mcppm {

namespace {
const QStringList kKeys{QStringLiteral("enabled"), QStringLiteral("listen"),
                        QStringLiteral("tokenRef"), QStringLiteral("allowedOrigins"),
                        QStringLiteral("allowedHosts")};

bool readList(const QJsonObject &o, const QString &key, QStringList *out, QString *error)
{
    const QJsonValue v = o.value(key);
    if (v.isUndefined())
        return true;
    if (!v.isArray()) {
        *error = QStringLiteral("\"mcpEndpoint\".\"%1\" must be an array of strings").arg(key);
        return false;
    }
    for (const QJsonValue &item : v.toArray()) {
        if (!item.isString() || item.toString().trimmed().isEmpty()) {
            *error = QStringLiteral("\"mcpEndpoint\".\"%1\" must be an array of strings").arg(key);
            return false;
        }
        out->append(item.toString().trimmed());
    }
    return true;
}
} // namespace

bool EndpointSettings::parseListen(const QString &text, QHostAddress *address, quint16 *port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    bool ok = false;
    const int p = colon > 0 ? text.mid(colon + 1).toInt(&ok) : -1;
    *address = QHostAddress(text.left(colon).remove(QLatin1Char('[')).remove(QLatin1Char(']')));
    if (!ok || p < 0 || p > 65535 || address->isNull())
        return false;
    *port = quint16(p);
    return true;
}

std::optional<EndpointSettings> EndpointSettings::fromJson(const QJsonObject &o, QString *error)
{
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!kKeys.contains(it.key())) {
            *error = QStringLiteral("\"mcpEndpoint\" has an unknown key \"%1\" (known: %2)")
                         .arg(it.key().left(60), kKeys.join(QLatin1String(", ")));
            return std::nullopt;
        }
    }
    EndpointSettings s;
    const QJsonValue enabled = o.value(QStringLiteral("enabled"));
    if (!enabled.isUndefined() && !enabled.isBool()) {
        *error = QStringLiteral("\"mcpEndpoint\".\"enabled\" must be true or false");
        return std::nullopt;
    }
    s.enabled = enabled.toBool(false);
    const QJsonValue listen = o.value(QStringLiteral("listen"));
    if (!listen.isUndefined()) {
        QHostAddress address;
        quint16 port = 0;
        if (!listen.isString() || !parseListen(listen.toString(), &address, &port)) {
            *error = QStringLiteral("\"mcpEndpoint\".\"listen\" wants \"ADDRESS:PORT\", e.g. "
                                    "\"127.0.0.1:8765\"");
            return std::nullopt;
        }
        s.listen = listen.toString();
    }
    const QJsonValue token = o.value(QStringLiteral("tokenRef"));
    if (!token.isUndefined()
        && (!token.isString()
            || (!token.toString().isEmpty() && !Profile::isTokenReference(token.toString())))) {
        *error = QStringLiteral("\"mcpEndpoint\".\"tokenRef\" must be a reference such as "
                                "\"env:VAR\", \"keychain:NAME\" or \"file:/PATH\"");
        return std::nullopt;
    }
    s.tokenRef = token.toString();
    if (!readList(o, QStringLiteral("allowedOrigins"), &s.allowedOrigins, error)
        || !readList(o, QStringLiteral("allowedHosts"), &s.allowedHosts, error))
        return std::nullopt;
    QHostAddress address;
    quint16 port = 0;
    parseListen(s.listen, &address, &port);
    if (!address.isLoopback() && s.tokenRef.isEmpty()) {
        *error = QStringLiteral("\"mcpEndpoint\".\"listen\" %1 is not a loopback address: it "
                                "needs a \"tokenRef\" (the bearer token clients send)")
                     .arg(s.listen);
        return std::nullopt;
    }
    return s;
}

QJsonObject EndpointSettings::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("enabled"), enabled);
    o.insert(QStringLiteral("listen"), listen);
    if (!tokenRef.isEmpty())
        o.insert(QStringLiteral("tokenRef"), tokenRef);
    if (!allowedOrigins.isEmpty())
        o.insert(QStringLiteral("allowedOrigins"), QJsonArray::fromStringList(allowedOrigins));
    if (!allowedHosts.isEmpty())
        o.insert(QStringLiteral("allowedHosts"), QJsonArray::fromStringList(allowedHosts));
    return o;
}

} // namespace mcppm
