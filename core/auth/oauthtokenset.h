#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace mcppm {

// What an OAuthClient holds after signing in, for the keychain: the tokens,
// when the access token expires, what was granted, and the client identity
// they belong to (a dynamically registered client included, so a refresh
// after a restart uses the same client). Everything here but the
// timestamps and names is secret; toJson() is for the keychain only.
struct OAuthTokenSet
{
    QString accessToken; // secret
    QString refreshToken; // secret
    QStringList scopes; // granted (or requested, when the answer named none)
    QDateTime expiresAt; // UTC; invalid = unknown
    QString issuer; // the authorization server that issued them
    QString resource; // the resource indicator they were asked for

    // The client identity (registered, configured or CIMD).
    QString clientId;
    QString clientSecret; // secret; empty for public clients
    QString tokenEndpointAuthMethod;

    bool hasTokens() const { return !accessToken.isEmpty() || !refreshToken.isEmpty(); }
    bool operator==(const OAuthTokenSet &other) const = default;

    // {"version":1, "access_token": ..., ...}; fromJson() ignores unknown keys
    // and returns an empty set for another version.
    QJsonObject toJson() const;
    static OAuthTokenSet fromJson(const QJsonObject &o);
};

} // namespace mcppm
