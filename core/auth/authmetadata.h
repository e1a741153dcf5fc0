#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace mcppm {

// OAuth protected-resource metadata (RFC 9728) of an MCP server.
struct ProtectedResourceMetadata
{
    QString resource;
    QStringList authorizationServers;
    QStringList scopesSupported;

    // Nothing (with a message) when it is not usable metadata.
    static std::optional<ProtectedResourceMetadata> fromJson(const QJsonObject &o, QString *error);
};

// OAuth authorization-server metadata (RFC 8414 / OpenID discovery).
struct AuthorizationServerMetadata
{
    QString issuer;
    QUrl authorizationEndpoint;
    QUrl tokenEndpoint;
    QUrl registrationEndpoint;
    QStringList scopesSupported;
    QStringList grantTypesSupported;
    QStringList tokenEndpointAuthMethods; // empty = client_secret_basic (RFC 8414 default)
    QStringList codeChallengeMethods;
    bool clientIdMetadataDocumentSupported = false;
    // RFC 9207: every authorization response carries "iss" (missing = refused).
    bool authorizationResponseIssParameterSupported = false;
    QStringList dpopSigningAlgValues; // RFC 9449 §5.1; empty: no DPoP

    static std::optional<AuthorizationServerMetadata> fromJson(const QJsonObject &o,
                                                               QString *error);
    // The 2025-03-26 fallback for servers without metadata: /authorize,
    // /token and /register at the root of the server's origin.
    static AuthorizationServerMetadata defaultsFor(const QUrl &serverUrl);
};

// Where to look, in the order the MCP authorization spec gives.
namespace authurls {

// The resource_metadata URL of the challenge (if any), then the path-based
// well-known URL, then the root one.
QList<QUrl> protectedResourceCandidates(const QUrl &serverUrl, const QString &fromChallenge);
// For an issuer with a path: oauth-authorization-server/{path},
// openid-configuration/{path}, {path}/.well-known/openid-configuration;
// without: oauth-authorization-server, openid-configuration.
QList<QUrl> authorizationServerCandidates(const QUrl &issuer);
// The server URL as an OAuth resource indicator (RFC 8707): lower-case
// scheme and host, no fragment, no query, no trailing slash on the path.
QString canonicalResource(const QUrl &serverUrl);
// May this server use metadata for `resource`? Same origin, and the
// server's path within the resource's path.
bool resourceCovers(const QString &resource, const QUrl &serverUrl);
// The origin of a URL ("https://host:port").
QUrl origin(const QUrl &url);

} // namespace authurls
} // namespace mcppm
