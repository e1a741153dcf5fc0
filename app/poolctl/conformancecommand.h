#pragma once

#include <QStringList>
#include <QTextStream>
#include <QUrl>

namespace mcppm::poolctl {

// The OAuth inputs of `mcp-poolctl conformance`. The suite passes the
// secrets in MCP_CONFORMANCE_CONTEXT; these options are for the rest (and
// for trying the client against other servers).
struct ConformanceOptions
{
    QUrl clientMetadataUrl; // --client-metadata-url URL (CIMD client_id)
    QUrl redirectUri; // --redirect-uri URL (never contacted: headless)
    QString clientId; // --client-id ID
    QString clientSecret; // from --client-secret-env VAR; never printed
    QByteArray privateKey; // from --private-key FILE (PEM); never printed
    QString signingAlgorithm; // --signing-alg ES256|RS256
    int maxAuthAttempts = 3; // --max-auth-attempts N
    QString workloadTokenFile; // --workload-token-file FILE (a JWT; never printed)
    QString workloadTokenCommand; // --workload-token-command CMD (prints a JWT)
    bool any = false; // one of them was given
};

// Takes the conformance command's own options out of argv, so the general
// parser never sees them. False (with a message) for a bad one.
bool takeConformanceOptions(QStringList *argv, ConformanceOptions *options, QString *error);

// `mcp-poolctl conformance URL`: the client side of the MCP conformance
// suite. The scenario comes from MCP_CONFORMANCE_SCENARIO (auth/* ones sign
// in with OAuth, headless, with MCP_CONFORMANCE_CONTEXT's credentials); the
// suite appends the server URL as the last argument. Exits 0 when the
// scenario's client part ran to completion, 1 when it failed (an OAuth
// refusal included), 2 on a usage error.
int runConformanceCommand(const QStringList &arguments, int timeoutMs,
                          const ConformanceOptions &options, QTextStream &out, QTextStream &err);

} // namespace mcppm::poolctl
