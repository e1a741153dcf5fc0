#pragma once

#include "net/tlstrust.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace mcppm {

// How one MCP server's OAuth client identifies itself and which grant it
// uses. Plain data (the caller persists it; the secrets in it belong in the
// keychain): clientSecret, privateKeyPem, idpIdToken and idpClientSecret
// are never logged or put in an error message.
struct OAuthSettings
{
    enum class Grant {
        // Decided after discovery from what is configured and what the
        // authorization server advertises (grant_types_supported):
        // cross-app access when an IdP is configured and the AS takes
        // jwt-bearer; workload identity when a workload token source is
        // configured and the AS takes jwt-bearer; client credentials when a client secret or key is
        // configured and the AS takes client_credentials (and, for a secret,
        // not authorization_code); the authorization code grant otherwise.
        Automatic,
        AuthorizationCode, // a user signs in (through an AuthorizationAgent)
        ClientCredentials, // machine to machine: client_secret_basic or private_key_jwt
        CrossAppAccess, // an IdP ID token exchanged for an ID-JAG, then a jwt-bearer grant
        WorkloadIdentity, // the workload's own JWT as a jwt-bearer grant (RFC 7523, SEP-1933)
    };

    Grant grant = Grant::Automatic;

    // DPoP (RFC 9449): sender-constrained tokens, bound to a key pair this
    // client makes (ES256) and keeps with the tokens; each request carries
    // a fresh proof, nonces from the authorization server and the MCP
    // server are honoured. Auto: when the authorization server advertises
    // ES256 in dpop_signing_alg_values_supported. Required: refuse to sign
    // in where it does not. Off: bearer tokens only.
    enum class Dpop { Auto, Off, Required };
    Dpop dpop = Dpop::Auto;

    // A pre-registered client; takes precedence over CIMD and registration.
    QString clientId;
    // The issuer the pre-registered client belongs to; when set, the client
    // ID is only presented there (another authorization server: an error,
    // never a silent reuse). Empty: whichever the server names.
    QString clientIdIssuer;
    QString clientSecret; // secret
    // "client_secret_basic", "client_secret_post", "none" or "private_key_jwt";
    // empty: what the registration answer says, else what the AS advertises.
    QString tokenEndpointAuthMethod;
    // Client ID metadata document (CIMD): an https URL used as the client_id
    // when the AS advertises client_id_metadata_document_supported.
    QUrl clientMetadataUrl;
    // For dynamic client registration (RFC 7591).
    QString clientName = QStringLiteral("MCP Pool Monitor");
    // Registered as application_type (OpenID Connect Dynamic Client
    // Registration, MCP SEP-837): "native" or "web"; empty: "native" for a
    // loopback or custom-scheme redirect URI, "web" for any other https one.
    QString applicationType;
    // Where the authorization server sends the browser back; empty: the
    // AuthorizationAgent's own (e.g. the loopback listener's) URI.
    QUrl redirectUri;

    // private_key_jwt (RFC 7523): a PEM private key (PKCS#8 or SEC1/PKCS#1)
    // and the JWS algorithm, "ES256" (P-256) or "RS256".
    QByteArray privateKeyPem; // secret
    QString signingAlgorithm = QStringLiteral("ES256");

    // Cross-app access (Identity Assertion JWT authorization grant): the
    // enterprise IdP's token endpoint, the user's ID token from it, and this
    // client's id (and secret, if it has one) at the IdP.
    QUrl idpTokenEndpoint;
    QString idpIdToken; // secret
    QString idpClientId;
    QString idpClientSecret; // secret

    // Workload identity federation: the JWT the workload's platform issues,
    // sent as the assertion of a jwt-bearer grant, with clientId (if any) as
    // the client. Read afresh for each token request from the file, or the
    // standard output of the command (run without a shell), or given here.
    QString workloadTokenFile;
    QString workloadTokenCommand;
    QString workloadToken; // secret; in memory only (tests, conformance)

    // Authorizations in a row whose fresh token the server still refuses
    // (401, or 403 insufficient_scope) before giving up; the first counts.
    int maxAuthorizationAttempts = 3;
    // A refused token younger than this continues the row above; an older
    // one (it worked for a while) starts a new row.
    int authorizationWindowMs = 60000;
    // When unauthorized() may start an interactive sign-in on its own. When
    // false it emits signInRequired() and fails instead; signIn() still works.
    bool interactiveOnDemand = true;
    // Refresh this long before the access token expires (at most half its lifetime).
    int refreshMarginMs = 60000;
    // Every discovery, registration and token request.
    int requestTimeoutMs = 10000;
    // Extra CAs / a pinned certificate for the MCP server's own origin
    // (protected-resource metadata); other origins use the system CAs.
    TlsTrust tls;
    // The server's proxy setting ("" = environment, then system; "none"; a proxy
    // URL), used for every OAuth request of this server.
    QString proxy;
};

} // namespace mcppm
