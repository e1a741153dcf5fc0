#pragma once

#include "mcp/customheaders.h"
#include "pool/loadbalancer.h"
#include "profile/endpointsettings.h"
#include "profile/poolserverconfig.h"
#include "profile/profile.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace mcppm::poolctl {

// A server as the command line or the profile gave it, before its secrets
// are read: --server ID=URL,... is parsed into a ProfileServer (token-env=VAR
// becomes tokenRef "env:VAR", ca= caFile, pin= pinSha256), so the profile's
// and the command line's servers become pool options through the one
// mapping, PoolServerConfig::fromProfile().
struct ServerSource
{
    ProfileServer server;
    QString directory; // the profile's (relative caFile paths start there); "" for --server
    bool ownToken = false; // token-env=VAR given in --server: a later --token-env keeps off
    bool timeoutGiven = false; // --server timeout=MS or the profile's; else --timeout
};

// A server ready for the pool: its token and OAuth secret read.
using ServerSpec = PoolServerConfig;

// What the command line asked for.
struct PoolctlOptions
{
    QList<ServerSource> sources; // what parseCommandLine() read
    QList<ServerSpec> servers; // what resolveServers() made of them
    QString command;
    QStringList arguments; // positional arguments after the command
    QString argsJson = QStringLiteral("{}");
    bool json = false;
    int timeoutMs = 10000;
    QString on; // --on ID: the server to use for call/read
    QString transport = QStringLiteral("auto");
    LoadBalancer::Strategy strategy = LoadBalancer::Strategy::RoundRobin;
    QString profilePath; // --profile FILE: servers and strategy from a profile
    QString profileName; // its "name" (where OAuth tokens are kept in the keychain)
    // An mcpServers file given as --profile (McpServersFile): what it could not
    // take as it is, and its literal bearer tokens (memory only, this run).
    QStringList profileWarnings;
    QHash<QString, QString> profileSecrets;
    // Its pool settings (health thresholds, intervals, limits); none without --profile.
    std::optional<ServerPoolOptions> profilePool;
    int watchSeconds = 0; // stats --watch
    QString benchTool; // bench --tool
    int calls = 0; // bench --calls
    int concurrency = 0; // bench --concurrency
    int priority = 0; // call/read/bench --priority (higher first)
    QString csvPath; // bench --csv FILE
    QString metricsListen; // serve --metrics-listen ADDRESS:PORT
    QString mcpListen; // serve --mcp-listen ADDRESS:PORT (the pool as one MCP server)
    QString mcpTokenFile; // serve --mcp-token-file FILE (else env MCPPM_MCP_TOKEN)
    QStringList mcpAllowOrigins; // serve --mcp-allow-origin ORIGIN (repeatable)
    QStringList mcpAllowHosts; // serve --mcp-allow-host HOST[:PORT] (repeatable)
    // The profile's "mcpEndpoint" (serve uses it when enabled and no --mcp-listen is given).
    EndpointSettings profileEndpoint;
    int maxConnections = 0; // serve --max-connections N (0: the listener's default, 256)
    int headerTimeoutMs = 0; // serve --header-timeout MS (0: default, 10000)
    int idleTimeoutMs = 0; // serve --idle-timeout MS (0: default, 30000)
    QString proxy; // --proxy URL|none: every server's proxy (over the profile's)
    CustomHeaders::List headers; // --header 'Name: value', for every server
    QString logLevel; // --log-level LEVEL (else the profile's "logLevel"; "" = none)
    // --elicit decline|defaults|FILE: how elicitation is answered without a
    // terminal ("" = ask on the terminal, or not declared without one).
    QString elicit;
    QJsonObject elicitContent; // --elicit FILE: the content accepted with
    QString sampling; // --sampling decline|FILE ("" = ask on the terminal, or not declared)
    QString samplingText; // --sampling FILE: the reply text
    QStringList roots; // --roots DIR (repeatable; else the profile's "roots")
    QString completePrompt; // complete --prompt NAME
    QString completeResource; // complete --resource URI
    QString contextJson; // complete --context JSON
};

// The MCP log levels, least severe first (--log-level).
const QStringList &logLevels();

// Parses argv. On error returns false with a message for stderr.
// Exits for --help and --version are reported through *exitNow.
bool parseCommandLine(const QStringList &argv, PoolctlOptions *options, QString *error,
                      QString *help);

class BlockingCredentials;
// Reads the sources' secrets (env: from the environment, keychain: from the OS
// keychain, bounded) and fills options->servers. False with one line per
// server that cannot be used (e.g. "server w1: token reference keychain:w1:
// no keychain is available (...)").
bool resolveServers(PoolctlOptions *options, BlockingCredentials &credentials, QString *error);

} // namespace mcppm::poolctl
