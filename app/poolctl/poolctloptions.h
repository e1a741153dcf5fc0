#pragma once

#include "auth/oauthsettings.h"
#include "mcp/customheaders.h"
#include "net/tlstrust.h"
#include "pool/loadbalancer.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace mcppm::poolctl {

struct ServerSpec
{
    QString id;
    QUrl url;
    QString token; // from token-env=VAR or --token-env; never printed
    bool ownToken = false; // token-env=VAR given in --server: a later --token-env keeps off
    int priority = 0;
    int weight = 1;
    int timeoutMs = -1; // -1: --timeout
    int maxConcurrent = 0;
    int ratePerSecond = 0; // rate=N: calls started per second at most
    int rateBurst = 0; // burst=N
    TlsTrust tls; // ca=FILE, pin=SHA256 (https only)
    bool enabled = true; // a profile's "enabled": false
    bool oauth = true; // a profile's "oauth": false turns it off
    OAuthSettings oauthSettings; // from the profile's "oauth"
    QString proxy; // "" (environment, then system), "none", or a proxy URL
    CustomHeaders::List headers; // the profile's "headers", then --header; never printed
};

// What the command line asked for.
struct PoolctlOptions
{
    QList<ServerSpec> servers;
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
    int watchSeconds = 0; // stats --watch
    QString benchTool; // bench --tool
    int calls = 0; // bench --calls
    int concurrency = 0; // bench --concurrency
    int priority = 0; // call/read/bench --priority (higher first)
    QString csvPath; // bench --csv FILE
    QString metricsListen; // serve --metrics-listen ADDRESS:PORT
    QString proxy; // --proxy URL|none: every server's proxy (over the profile's)
    CustomHeaders::List headers; // --header 'Name: value', for every server
};

// Parses argv. On error returns false with a message for stderr.
// Exits for --help and --version are reported through *exitNow.
bool parseCommandLine(const QStringList &argv, PoolctlOptions *options, QString *error,
                      QString *help);

} // namespace mcppm::poolctl
