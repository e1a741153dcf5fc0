#pragma once

#include <QByteArray>
#include <QElapsedTimer>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

class QHttpServerRequest;

namespace mcppm::demo {

// The demo worker's OAuth 2.1 side (--oauth): a tiny authorization server on
// the MCP server's own origin, and the resource server's check of bearer
// tokens. It is a demo: /authorize approves at once (no login page), and
// everything lives in memory until the worker exits.
//   /.well-known/oauth-protected-resource[/mcp]  RFC 9728 metadata
//   /.well-known/oauth-authorization-server      RFC 8414 metadata
//   /register   RFC 7591 dynamic registration (public or confidential clients)
//   /authorize  authorization code + PKCE S256 + state; answers 302 with code,
//               state and iss (RFC 9207); redirect URIs must be registered,
//               loopback ones (RFC 8252) with any port; a public client that
//               registered none may use any loopback http URI
//   /token      authorization_code, refresh_token (rotated: the old one stops
//               working), client_credentials (client "demo-client" with the
//               secret of --oauth-client-secret-env only)
// Tokens are 256 random bits from the system CSPRNG, base64url; nothing here
// ever logs or echoes a token, code, verifier or secret.
class DemoAuthServer final
{
public:
    struct Options
    {
        int tokenLifetimeSeconds = 3600; // of access tokens
        // The secret of the pre-registered confidential client "demo-client"
        // (client_credentials); empty: there is no such client.
        QByteArray clientSecret;
    };
    // An HTTP answer for the caller to write.
    struct Reply
    {
        int status = 200;
        QByteArray contentType;
        QByteArray body;
        QList<QPair<QByteArray, QByteArray>> headers;
    };
    // Whether an MCP request may go on; if not, the 401/403 to answer.
    struct Access
    {
        bool granted = false;
        int status = 401;
        QByteArray challenge; // the WWW-Authenticate value
        QString message; // why, for the error body (never a token)
    };

    static constexpr const char *kStaticClientId = "demo-client";

    explicit DemoAuthServer(const Options &options);
    ~DemoAuthServer();
    Q_DISABLE_COPY_MOVE(DemoAuthServer)

    // Where the worker listens, once it does: the origin of every URL in the
    // metadata. A wildcard address takes the host from each request's Host.
    void setEndpoint(bool https, const QHostAddress &address, quint16 port);
    // The paths handle() answers (the worker routes them here).
    static QStringList paths();
    Reply handle(const QHttpServerRequest &request);
    // The bearer token check of an MCP request (POST/GET/DELETE /mcp).
    Access checkAccess(const QHttpServerRequest &request);

private:
    struct Client
    {
        QString id;
        QByteArray secret; // empty for a public client
        QString authMethod; // token_endpoint_auth_method
        QStringList redirectUris;
        QStringList grantTypes;
    };
    struct Code
    {
        QString clientId;
        QString redirectUri;
        bool redirectUriGiven = false; // in the authorization request
        QByteArray challenge;
        QStringList scopes;
        qint64 expiresAtMs = 0;
    };
    struct Grant // an access or refresh token
    {
        QString clientId;
        QStringList scopes;
        qint64 expiresAtMs = 0;
    };
    using Params = QHash<QString, QString>;

    QString originOf(const QHttpServerRequest &request) const;
    Reply protectedResourceMetadata(const QString &origin) const;
    Reply authorizationServerMetadata(const QString &origin) const;
    Reply registerClient(const QHttpServerRequest &request);
    Reply authorize(const QHttpServerRequest &request, const QString &origin);
    Reply token(const QHttpServerRequest &request, const QString &origin);
    Reply authorizationCodeGrant(const Client &client, const Params &params);
    Reply refreshTokenGrant(const Client &client, const Params &params);
    Reply clientCredentialsGrant(const Client &client, const Params &params);
    // The authenticated client of a token request, or the error to answer.
    const Client *authenticateClient(const QHttpServerRequest &request, const Params &params,
                                     Reply *refusal) const;
    bool redirectUriAllowed(const Client &client, const QString &uri) const;
    Reply issueTokens(const QString &clientId, const QStringList &scopes,
                      const QStringList &refreshScopes, bool withRefreshToken);
    void purgeExpired();
    qint64 nowMs() const { return m_clock.elapsed(); }

    Options m_options;
    QElapsedTimer m_clock;
    qint64 m_lastPurgeMs = 0;
    QString m_scheme = QStringLiteral("http");
    QString m_origin; // empty: from the Host header (wildcard address)
    quint16 m_port = 0;
    Client m_staticClient; // "demo-client", when it has a secret
    QHash<QString, Client> m_clients;
    QHash<QByteArray, Code> m_codes;
    QHash<QByteArray, Grant> m_accessTokens;
    QHash<QByteArray, Grant> m_refreshTokens;
};

} // namespace mcppm::demo
