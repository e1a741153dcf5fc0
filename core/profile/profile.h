#pragma once

#include "auth/oauthsettings.h"
#include "mcp/customheaders.h"
#include "net/tlstrust.h"
#include "pool/serverpool.h"
#include "profile/endpointsettings.h"
#include "profile/localcommand.h"
#include "profile/namedrequest.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUrl>

#include <optional>

namespace mcppm {

// How a server's OAuth client is set up ("oauth" in a server entry): nothing
// for a server that signs users in by itself (discovery, registration);
// a pre-registered client, or client credentials for unattended pools.
// Secrets only by reference, like tokens.
struct ProfileOAuth
{
    bool enabled = true; // "oauth": false: a 401 is an error, no sign-in
    QString clientId;
    QString clientSecretRef; // env:VARIABLE or keychain:NAME
    // "" (automatic), "authorization_code", "client_credentials",
    // "workload_identity" (the workload's JWT as a jwt-bearer grant)
    QString grant;
    QString privateKeyFile; // PEM for private_key_jwt; relative to the profile
    QString signingAlgorithm; // "ES256" (default) or "RS256"
    QString clientMetadataUrl; // https URL of a client ID metadata document
    QString tokenEndpointAuthMethod; // override of what the server advertises
    QString clientIdIssuer; // the issuer clientId belongs to; "" = any
    QString applicationType; // "native" or "web" for registration; "" = from the redirect
    QString dpop; // "auto" (""), "off", "required" (RFC 9449 sender-constrained tokens)
    // Workload identity federation: the JWT from a file (relative to the
    // profile) or a command's output (no shell); read for every token request.
    QString workloadTokenFile;
    QString workloadTokenCommand;

    bool isDefault() const { return *this == ProfileOAuth(); }
    bool operator==(const ProfileOAuth &other) const = default;
};

// One server entry of a profile. Tokens are never stored: only a reference
// to where the token lives ("env:VARIABLE", or "keychain:NAME" for the OS
// keychain, which the GUI reads).
struct ProfileServer
{
    QString id;
    QUrl url; // empty when command is set
    // "command" etc.: local processes speaking MCP over stdio (LocalCommand).
    LocalCommand command;
    int priority = 0;
    int weight = 1;
    int timeoutMs = 10000;
    int maxConcurrent = 0;
    int ratePerSecond = 0; // calls started per second at most; 0 = no limit
    int rateBurst = 0; // 0 = the rate
    QString tokenRef;
    // https: extra CA certificates (PEM file; a relative path is taken from
    // the profile's directory) and/or the server certificate's SHA-256
    // fingerprint ("AB:CD:…"); see TlsTrust.
    QString caFile;
    QString pinSha256;
    bool enabled = true; // false: listed, but no work, no health checks, not connected
    ProfileOAuth oauth;
    // "proxy": "none" or a proxy URL; "" = the profile's "proxy", else the
    // environment, else the system (ProxySettings).
    QString proxy;
    CustomHeaders::List headers; // "headers": {"Name": "value"}, checked, sent on every request
    // "protocol": "auto" (2026-07-28 first, then 2025 initialize), "modern" or "legacy".
    QString protocol = QStringLiteral("auto");
    QJsonObject extra; // keys this version does not know, kept as they were
};

// A pool described in a JSON file, shared by mcp-poolctl and the GUI:
// versioned, written atomically, unknown keys preserved, no secrets.
struct Profile
{
    static constexpr int kVersion = 1;

    QString name;
    QList<ProfileServer> servers;
    QString strategy = QStringLiteral("round-robin");
    int healthCheckIntervalMs = 30000;
    int maxRetries = 3;
    int concurrentTasks = 20;
    int taskTimeoutMs = 60000;
    int degradedThreshold = 2; // consecutive failed checks
    int offlineThreshold = 5;
    int historySize = 10000; // finished tasks kept
    // "maxConcurrentPerServer": calls at once on a server without its own
    // maxConcurrent; -1 = auto (see ServerPoolOptions), 0 = no limit.
    int maxConcurrentPerServer = -1;
    // "health": the rest of the health model's thresholds (HealthSettings);
    // its checkIntervalMs, degradedThreshold and offlineThreshold come from
    // the top-level keys above.
    HealthMonitorOptions health;
    // "mcpEndpoint": the pool served as one MCP server (EndpointSettings).
    EndpointSettings endpoint;
    QList<NamedRequest> requests; // saved tool calls, names unique
    QString proxy; // "proxy" for every server without its own; "" = environment, then system
    // "roots": directories (file:// URIs or absolute paths) offered to servers
    // that ask (roots/list); none = the capability is not declared.
    QStringList roots;
    // "logLevel": server log messages at this level and above reach the event
    // log ("debug" … "emergency"); "" = none asked for.
    QString logLevel;
    QJsonObject extra; // unknown top-level keys
    QString directory; // where it was loaded from (not saved): relative caFile paths start here

    // The proxy setting a server's requests use: its own, else the profile's.
    QString proxyFor(const ProfileServer &server) const
    {
        return server.proxy.isEmpty() ? proxy : server.proxy;
    }

    // The pool's options as this profile sets them (strategy, retries, queue,
    // every health threshold). The caller adds clocks and sampling.
    ServerPoolOptions poolOptions() const;

    static std::optional<Profile> fromJson(const QJsonObject &object, QString *error);
    QJsonObject toJson() const;
    static std::optional<Profile> load(const QString &path, QString *error);
    // Atomic (QSaveFile): a crash never leaves half a profile behind.
    bool save(const QString &path, QString *error) const;

    // "env:VAR" → the variable's value. False with a message (naming the
    // reference, never a value) when it cannot be resolved.
    static bool resolveToken(const QString &reference, QString *token, QString *error);
    // "env:VARIABLE" or "keychain:NAME" (the GUI keeps those tokens in the OS keychain).
    static bool isTokenReference(const QString &reference);
    // The server's caFile (a relative path starts at directory) and pin,
    // loaded; nothing, with a message naming the server, when unusable.
    static std::optional<TlsTrust> trustFor(const ProfileServer &server, const QString &directory,
                                            QString *error);
    // The server's OAuth settings with its secret and key loaded: env:
    // references from the environment, keychain: ones from `keychain`
    // (reference → secret; the GUI reads them from the OS keychain).
    static std::optional<OAuthSettings> oauthFor(const ProfileServer &server,
                                                 const QString &directory,
                                                 const QHash<QString, QString> &keychain,
                                                 QString *error);
};

} // namespace mcppm

Q_DECLARE_METATYPE(mcppm::Profile)
Q_DECLARE_METATYPE(mcppm::ProfileServer)
