#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>

namespace mcppm {

// What an OAuthClient holds after signing in, for the keychain: the tokens,
// when the access token expires, what was granted, and the client identity
// they belong to (a dynamically registered client included, so a refresh
// after a restart uses the same client). Everything here but the
// timestamps and names is secret; toJson() is for the keychain only.
//
// Client registrations are kept per authorization server, keyed by its
// issuer identifier (exact string): a client ID (and secret) is only ever
// presented to the issuer it was registered with or published for; a server
// that moves to another authorization server gets a new registration there,
// and one that moves back finds its old one (MCP 2026-07-28, SEP-2352).
struct OAuthTokenSet
{
    struct ClientRegistration
    {
        QString issuer;
        QString clientId;
        QString clientSecret; // secret; empty for public clients
        QString tokenEndpointAuthMethod;
        bool operator==(const ClientRegistration &other) const = default;
    };

    QString accessToken; // secret
    QString refreshToken; // secret
    QStringList scopes; // granted (or requested, when the answer named none)
    QDateTime expiresAt; // UTC; invalid = unknown
    QString issuer; // the authorization server that issued them
    QString resource; // the resource indicator they were asked for
    QString tokenType; // "Bearer" or "DPoP" (bound to dpopKeyPem); empty = Bearer
    QByteArray dpopKeyPem; // secret: the DPoP key pair (PKCS#8 PEM) the tokens are bound to

    // The client identity in use (registered, configured or CIMD), with the
    // authorization server `issuer`.
    QString clientId;
    QString clientSecret; // secret; empty for public clients
    QString tokenEndpointAuthMethod;
    // Every registration this server's client holds, one per issuer.
    QList<ClientRegistration> registrations;

    // The registration kept for exactly this issuer; nullptr if none.
    const ClientRegistration *registrationFor(const QString &issuer) const;
    // Adds it, or replaces the one of the same issuer.
    void keepRegistration(const ClientRegistration &registration);

    bool hasTokens() const { return !accessToken.isEmpty() || !refreshToken.isEmpty(); }
    bool operator==(const OAuthTokenSet &other) const = default;

    // {"version":1, "access_token": ..., "clients": [{"issuer": ...,
    // "client_id": ...}], ...}; fromJson() ignores unknown keys, files a
    // flat client_id under the flat issuer (sets written before "clients"),
    // and returns an empty set for another version.
    QJsonObject toJson() const;
    static OAuthTokenSet fromJson(const QJsonObject &o);
};

} // namespace mcppm
