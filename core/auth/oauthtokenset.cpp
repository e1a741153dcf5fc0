#include "auth/oauthtokenset.h"

#include <QJsonArray>

namespace mcppm {

QJsonObject OAuthTokenSet::toJson() const
{
    QJsonObject o;
    o.insert(QStringLiteral("version"), 1);
    auto put = [&o](const char *key, const QString &value) {
        if (!value.isEmpty())
            o.insert(QLatin1String(key), value);
    };
    put("access_token", accessToken);
    put("refresh_token", refreshToken);
    if (!scopes.isEmpty())
        o.insert(QStringLiteral("scopes"), QJsonArray::fromStringList(scopes));
    if (expiresAt.isValid())
        o.insert(QStringLiteral("expires_at"), expiresAt.toUTC().toString(Qt::ISODateWithMs));
    put("issuer", issuer);
    put("resource", resource);
    put("token_type", tokenType);
    put("dpop_key", QString::fromLatin1(dpopKeyPem));
    put("client_id", clientId);
    put("client_secret", clientSecret);
    put("token_endpoint_auth_method", tokenEndpointAuthMethod);
    QJsonArray clients;
    for (const ClientRegistration &r : registrations) {
        QJsonObject c{{QStringLiteral("issuer"), r.issuer},
                      {QStringLiteral("client_id"), r.clientId}};
        if (!r.clientSecret.isEmpty())
            c.insert(QStringLiteral("client_secret"), r.clientSecret);
        if (!r.tokenEndpointAuthMethod.isEmpty())
            c.insert(QStringLiteral("token_endpoint_auth_method"), r.tokenEndpointAuthMethod);
        clients.append(c);
    }
    if (!clients.isEmpty())
        o.insert(QStringLiteral("clients"), clients);
    return o;
}

const OAuthTokenSet::ClientRegistration *
OAuthTokenSet::registrationFor(const QString &issuerId) const
{
    if (issuerId.isEmpty())
        return nullptr;
    for (const ClientRegistration &r : registrations) {
        if (r.issuer == issuerId)
            return &r;
    }
    return nullptr;
}

void OAuthTokenSet::keepRegistration(const ClientRegistration &registration)
{
    if (registration.issuer.isEmpty() || registration.clientId.isEmpty())
        return;
    for (ClientRegistration &r : registrations) {
        if (r.issuer == registration.issuer) {
            r = registration;
            return;
        }
    }
    registrations.append(registration);
}

OAuthTokenSet OAuthTokenSet::fromJson(const QJsonObject &o)
{
    OAuthTokenSet t;
    if (o.value(QStringLiteral("version")).toInt() != 1)
        return t;
    t.accessToken = o.value(QStringLiteral("access_token")).toString();
    t.refreshToken = o.value(QStringLiteral("refresh_token")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("scopes")).toArray())
        t.scopes << v.toString();
    t.expiresAt = QDateTime::fromString(o.value(QStringLiteral("expires_at")).toString(),
                                        Qt::ISODateWithMs);
    t.issuer = o.value(QStringLiteral("issuer")).toString();
    t.resource = o.value(QStringLiteral("resource")).toString();
    t.tokenType = o.value(QStringLiteral("token_type")).toString();
    t.dpopKeyPem = o.value(QStringLiteral("dpop_key")).toString().toLatin1();
    t.clientId = o.value(QStringLiteral("client_id")).toString();
    t.clientSecret = o.value(QStringLiteral("client_secret")).toString();
    t.tokenEndpointAuthMethod = o.value(QStringLiteral("token_endpoint_auth_method")).toString();
    for (const QJsonValue &v : o.value(QStringLiteral("clients")).toArray()) {
        const QJsonObject c = v.toObject();
        t.keepRegistration({c.value(QStringLiteral("issuer")).toString(),
                            c.value(QStringLiteral("client_id")).toString(),
                            c.value(QStringLiteral("client_secret")).toString(),
                            c.value(QStringLiteral("token_endpoint_auth_method")).toString()});
    }
    if (!t.registrationFor(t.issuer))
        t.keepRegistration({t.issuer, t.clientId, t.clientSecret, t.tokenEndpointAuthMethod});
    return t;
}

} // namespace mcppm
