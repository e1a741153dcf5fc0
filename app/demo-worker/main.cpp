// mcp-demo-worker: a small, real MCP server for demos and tests.

#include "demoserver.h"
#include "stdiodemoserver.h"

#include "net/processhardening.h"
#include "net/version.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QHostAddress>
#include <QTextStream>

#include <cstdio>

using mcppm::demo::DemoServer;
using mcppm::demo::WorkerOptions;

int main(int argc, char *argv[])
{
    mcppm::ProcessHardening::disableCoreDumps(); // --oauth and --token-env hold secrets
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mcp-demo-worker"));
    QCoreApplication::setApplicationVersion(QString::fromLatin1(mcppm::kVersion));
    QTextStream err(stderr);

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "A small, real MCP server (Streamable HTTP at /mcp) with tools echo, add, sleep, progress "
        "and fail,\n"
        "the resource demo://state/current, the template demo://greeting/{name}, the prompt greet\n"
        "(with completions), and knobs to make it slow, flaky, hang or die. It speaks MCP\n"
        "2025-11-25, 2026-07-28 or both (--era), with the same tools in each: ask_name and\n"
        "list_roots ask the client (2025: a request on the call's stream; 2026: multi\n"
        "round-trip), toggle_tool adds or removes flip (list_changed).\n"
        "With --oauth it is also its own OAuth 2.1 authorization server (same origin):\n"
        "/mcp then needs a bearer token from it (metadata at /.well-known/..., dynamic\n"
        "registration at /register, /authorize approves at once, PKCE S256, /token).\n"
        "Listening on a loopback address, it refuses (403) requests whose Host or Origin\n"
        "header names another host (DNS rebinding)."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption port(QStringLiteral("port"),
                                  QStringLiteral("TCP port; 0 picks a free one."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Address to listen on."),
                                  QStringLiteral("ADDR"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption name(QStringLiteral("name"),
                                  QStringLiteral("Server name in serverInfo."),
                                  QStringLiteral("NAME"), QStringLiteral("demo-worker"));
    const QCommandLineOption latency(QStringLiteral("latency"),
                                     QStringLiteral("Delay before each tool call answer."),
                                     QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption errorRate(
        QStringLiteral("error-rate"),
        QStringLiteral("Share of tool calls answered with HTTP 500 (0..1)."), QStringLiteral("P"),
        QStringLiteral("0"));
    const QCommandLineOption seed(QStringLiteral("seed"),
                                  QStringLiteral("Seed for --error-rate (default: random)."),
                                  QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption dieAfter(
        QStringLiteral("die-after"),
        QStringLiteral("Exit (like a crash) after answering N tool calls."), QStringLiteral("N"));
    const QCommandLineOption hangAfter(
        QStringLiteral("hang-after"), QStringLiteral("Stop answering anything after N tool calls."),
        QStringLiteral("N"));
    const QCommandLineOption pageSize(QStringLiteral("page-size"),
                                      QStringLiteral("tools/list page size (0: one page)."),
                                      QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption tokenEnv(
        QStringLiteral("token-env"),
        QStringLiteral("Require \"Authorization: Bearer <token>\" with the token from this "
                       "environment variable (401 otherwise)."),
        QStringLiteral("VAR"));
    const QCommandLineOption withoutTool(
        QStringLiteral("without-tool"),
        QStringLiteral("Do not offer this tool (repeatable; to show tool drift in a pool)."),
        QStringLiteral("NAME"));
    const QCommandLineOption resourcePrefix(
        QStringLiteral("resource-prefix"),
        QStringLiteral("Also list and serve the resource PREFIX/info and the template "
                       "PREFIX/items/{id} (e.g. demo://w2: workers that differ in resources)."),
        QStringLiteral("PREFIX"));
    const QCommandLineOption extraPrompt(
        QStringLiteral("prompt"),
        QStringLiteral("Also list this prompt (no arguments; repeatable; workers that differ in "
                       "prompts)."),
        QStringLiteral("NAME"));
    const QCommandLineOption throttleRate(
        QStringLiteral("throttle-rate"),
        QStringLiteral("Share of tools/call requests answered 429 Too Many Requests (0..1)."),
        QStringLiteral("P"), QStringLiteral("0"));
    const QCommandLineOption throttleFirst(
        QStringLiteral("throttle-first"),
        QStringLiteral("Answer the first N tools/call requests 429 Too Many Requests."),
        QStringLiteral("N"), QStringLiteral("0"));
    const QCommandLineOption retryAfter(
        QStringLiteral("retry-after"),
        QStringLiteral("Retry-After seconds sent with those 429 answers."), QStringLiteral("S"),
        QStringLiteral("1"));
    const QCommandLineOption tlsCert(
        QStringLiteral("tls-cert"),
        QStringLiteral("Serve HTTPS with this certificate (PEM; a chain may follow it)."),
        QStringLiteral("FILE"));
    const QCommandLineOption tlsKey(QStringLiteral("tls-key"),
                                    QStringLiteral("The private key (PEM, EC or RSA, unencrypted) "
                                                   "of --tls-cert."),
                                    QStringLiteral("FILE"));
    const QCommandLineOption oauth(
        QStringLiteral("oauth"),
        QStringLiteral("OAuth 2.1 mode: /mcp needs \"Authorization: Bearer\" with a token this "
                       "worker issued (401 with resource_metadata otherwise); it serves the "
                       "protected-resource and authorization-server metadata, /register, "
                       "/authorize (approves at once: no login page) and /token itself."));
    const QCommandLineOption tokenLifetime(
        QStringLiteral("token-lifetime"),
        QStringLiteral("With --oauth: access token lifetime in seconds (default 3600, minimum "
                       "1); refresh tokens rotate on each use."),
        QStringLiteral("SECONDS"), QStringLiteral("3600"));
    const QCommandLineOption oauthClientSecretEnv(
        QStringLiteral("oauth-client-secret-env"),
        QStringLiteral("With --oauth: allow the client_credentials grant for client id "
                       "\"demo-client\" with the secret from this environment variable "
                       "(client_secret_basic or client_secret_post)."),
        QStringLiteral("VAR"));
    const QCommandLineOption era(
        QStringLiteral("era"),
        QStringLiteral("Which MCP wire to speak: legacy (2025-11-25: initialize, sessions, GET "
                       "stream, DELETE), modern (2026-07-28: stateless, server/discover, "
                       "per-request _meta and Mcp-* headers, MRTR, subscriptions/listen; GET and "
                       "DELETE get 405) or both on the same /mcp (a request with modern _meta "
                       "and no session is modern; initialize and session traffic are legacy)."),
        QStringLiteral("ERA"), QStringLiteral("both"));
    const QCommandLineOption listTtl(
        QStringLiteral("list-ttl-ms"),
        QStringLiteral("2026-07-28: ttlMs of list and server/discover results (cacheScope "
                       "public)."),
        QStringLiteral("MS"), QStringLiteral("60000"));
    const QCommandLineOption listChangeEvery(
        QStringLiteral("list-change-every"),
        QStringLiteral("2026-07-28: add or remove the tool `flip` this often, announced as "
                       "notifications/tools/list_changed on subscriptions/listen streams "
                       "(0: only the tool toggle_tool does)."),
        QStringLiteral("MS"), QStringLiteral("0"));
    const QCommandLineOption keepAlive(
        QStringLiteral("keepalive-ms"),
        QStringLiteral("2026-07-28: SSE comment this often on subscriptions/listen streams."),
        QStringLiteral("MS"), QStringLiteral("15000"));
    const QCommandLineOption stateTtl(
        QStringLiteral("request-state-ttl-ms"),
        QStringLiteral("2026-07-28: how long a multi round-trip requestState stays valid."),
        QStringLiteral("MS"), QStringLiteral("120000"));
    parser.addOptions({port, host, name, latency, errorRate, seed, dieAfter, hangAfter, pageSize,
                       tokenEnv, withoutTool, throttleRate, throttleFirst, retryAfter, tlsCert,
                       tlsKey, oauth, tokenLifetime, oauthClientSecretEnv});
    parser.addOptions({era, listTtl, listChangeEvery, keepAlive, stateTtl});
    parser.addOptions({resourcePrefix, extraPrompt});
    const QCommandLineOption stdio(
        QStringLiteral("stdio"),
        QStringLiteral("Serve MCP over stdin/stdout instead of HTTP (a local server, as MCP "
                       "clients start them): newline-delimited JSON-RPC, the log on stderr; "
                       "exits when stdin closes. Tools echo, add, sleep, progress, fail; "
                       "--era, --name, --latency, --die-after, --hang-after and --without-tool "
                       "apply, the HTTP-only knobs do not."));
    const QCommandLineOption stderrFlood(
        QStringLiteral("stderr-flood"),
        QStringLiteral("With --stdio: write this many KiB of log lines to stderr at start and "
                       "after each tool call (to test clients' bounds)."),
        QStringLiteral("KIB"), QStringLiteral("0"));
    const QCommandLineOption busy(
        QStringLiteral("busy-us"),
        QStringLiteral("With --stdio: burn this many microseconds of CPU per tool call on the "
                       "one thread (a CPU-bound server: calls are served one at a time)."),
        QStringLiteral("US"), QStringLiteral("0"));
    parser.addOptions({stdio, stderrFlood, busy});
    if (!parser.parse(QCoreApplication::arguments())) {
        err << "mcp-demo-worker: " << parser.errorText() << "\n";
        return 2;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty()) {
        err << "mcp-demo-worker: unexpected argument " << parser.positionalArguments().first()
            << " (see --help)\n";
        return 2;
    }

    auto number
        = [&](const QCommandLineOption &option, qlonglong min, qlonglong max, qlonglong *out) {
              bool ok = false;
              const qlonglong v = parser.value(option).toLongLong(&ok);
              if (!ok || v < min || v > max) {
                  err << "mcp-demo-worker: --" << option.names().first()
                      << " wants a whole number from " << min << " to " << max << "\n";
                  return false;
              }
              *out = v;
              return true;
          };
    WorkerOptions options;
    qlonglong value = 0;
    options.name = parser.value(name);
    const QString eraName = parser.value(era);
    if (eraName == QLatin1String("legacy")) {
        options.era = mcppm::demo::Era::Legacy;
    } else if (eraName == QLatin1String("modern")) {
        options.era = mcppm::demo::Era::Modern;
    } else if (eraName == QLatin1String("both")) {
        options.era = mcppm::demo::Era::Both;
    } else {
        err << "mcp-demo-worker: --era wants legacy, modern or both (not \"" << eraName << "\")\n";
        return 2;
    }
    if (!number(listTtl, 0, 86400000, &value))
        return 2;
    options.listTtlMs = int(value);
    if (!number(listChangeEvery, 0, 86400000, &value))
        return 2;
    options.listChangeEveryMs = int(value);
    if (!number(keepAlive, 10, 3600000, &value))
        return 2;
    options.keepAliveMs = int(value);
    if (!number(stateTtl, 1, 86400000, &value))
        return 2;
    options.requestStateTtlMs = int(value);
    if (!number(port, 0, 65535, &value))
        return 2;
    const quint16 listenPort = quint16(value);
    if (!number(latency, 0, 600000, &value))
        return 2;
    options.latencyMs = int(value);
    if (!number(pageSize, 0, 1000, &value))
        return 2;
    options.pageSize = int(value);
    if (!number(seed, 0, std::numeric_limits<qint32>::max(), &value))
        return 2;
    options.seed = quint64(value);
    if (parser.isSet(dieAfter)) {
        if (!number(dieAfter, 1, 1000000000, &value))
            return 2;
        options.dieAfter = int(value);
    }
    if (parser.isSet(hangAfter)) {
        if (!number(hangAfter, 0, 1000000000, &value))
            return 2;
        options.hangAfter = int(value);
    }
    bool ok = false;
    options.errorRate = parser.value(errorRate).toDouble(&ok);
    if (!ok || options.errorRate < 0 || options.errorRate > 1) {
        err << "mcp-demo-worker: --error-rate wants a number from 0 to 1\n";
        return 2;
    }
    options.throttleRate = parser.value(throttleRate).toDouble(&ok);
    if (!ok || options.throttleRate < 0 || options.throttleRate > 1) {
        err << "mcp-demo-worker: --throttle-rate wants a number from 0 to 1\n";
        return 2;
    }
    if (!number(throttleFirst, 0, 1000000000, &value))
        return 2;
    options.throttleFirst = int(value);
    if (!number(retryAfter, 0, 86400, &value))
        return 2;
    options.retryAfterSeconds = int(value);
    options.withoutTools = parser.values(withoutTool);
    options.resourcePrefix = parser.value(resourcePrefix);
    while (options.resourcePrefix.endsWith(QLatin1Char('/')))
        options.resourcePrefix.chop(1);
    options.extraPrompts = parser.values(extraPrompt);
    if (parser.isSet(tokenEnv)) {
        options.requiredToken = qgetenv(parser.value(tokenEnv).toLocal8Bit().constData());
        if (options.requiredToken.isEmpty()) {
            err << "mcp-demo-worker: --token-env: environment variable " << parser.value(tokenEnv)
                << " is not set\n";
            return 2;
        }
    }
    options.oauth = parser.isSet(oauth);
    if (!options.oauth && (parser.isSet(tokenLifetime) || parser.isSet(oauthClientSecretEnv))) {
        err << "mcp-demo-worker: --token-lifetime and --oauth-client-secret-env go with --oauth\n";
        return 2;
    }
    if (options.oauth && parser.isSet(tokenEnv)) {
        err << "mcp-demo-worker: --oauth and --token-env exclude each other\n";
        return 2;
    }
    if (!number(tokenLifetime, 1, 366LL * 24 * 3600, &value))
        return 2;
    options.tokenLifetimeSeconds = int(value);
    if (parser.isSet(oauthClientSecretEnv)) {
        options.oauthClientSecret
            = qgetenv(parser.value(oauthClientSecretEnv).toLocal8Bit().constData());
        if (options.oauthClientSecret.isEmpty()) {
            err << "mcp-demo-worker: --oauth-client-secret-env: environment variable "
                << parser.value(oauthClientSecretEnv) << " is not set\n";
            return 2;
        }
    }
    const QHostAddress address(parser.value(host));
    if (address.isNull()) {
        err << "mcp-demo-worker: --host \"" << parser.value(host) << "\" is not an IP address\n";
        return 2;
    }

    if (parser.isSet(stdio)) {
        if (!number(stderrFlood, 0, 1024 * 1024, &value))
            return 2;
        const int floodKiB = int(value);
        if (!number(busy, 0, 10000000, &value))
            return 2;
        mcppm::demo::StdioDemoServer server(options, floodKiB, int(value));
        server.start();
        return app.exec();
    }
    if (parser.isSet(stderrFlood) || parser.isSet(busy)) {
        err << "mcp-demo-worker: --stderr-flood and --busy-us go with --stdio\n";
        return 2;
    }

    DemoServer server(options);
    if (parser.isSet(tlsCert) != parser.isSet(tlsKey)) {
        err << "mcp-demo-worker: --tls-cert and --tls-key go together\n";
        return 2;
    }
    if (parser.isSet(tlsCert)) {
        QString why;
        if (!server.enableTls(parser.value(tlsCert), parser.value(tlsKey), &why)) {
            err << "mcp-demo-worker: " << why << "\n";
            return 2;
        }
    }
    const quint16 bound = server.listen(address, listenPort);
    if (!bound) {
        err << "mcp-demo-worker: cannot listen on " << address.toString() << ':' << listenPort
            << "\n";
        return 1;
    }
    const QString shownHost = address.protocol() == QAbstractSocket::IPv6Protocol
        ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
        : address.toString();
    std::printf("listening on %s://%s:%u/mcp\n", parser.isSet(tlsCert) ? "https" : "http",
                qPrintable(shownHost), unsigned(bound));
    std::fflush(stdout);
    return app.exec();
}
