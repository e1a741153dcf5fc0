#include "poolctloptions.h"

#include "blockingcredentials.h"

#include "net/proxysettings.h"
#include "net/safetext.h"
#include "profile/mcpserversfile.h"
#include "profile/profile.h"

#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QJsonDocument>
#include <QProcess>
#include <QProcessEnvironment>

#include <cstdlib>

#if defined(MCPPM_WITH_MIMALLOC)
#include <mimalloc.h>
#endif

namespace mcppm::poolctl {

namespace {
// Which allocator malloc() really is in this process: mimalloc when it is linked and won
// the symbol lookup (CMakeLists.txt), glibc's otherwise.
QString allocatorName()
{
#if defined(MCPPM_WITH_MIMALLOC)
    void *probe = std::calloc(1, 16); // initialised: the check reads the pointer only
    const bool ours = mi_is_in_heap_region(probe);
    std::free(probe);
    if (ours) {
        const int v = mi_version();
        return QStringLiteral("mimalloc %1.%2.%3").arg(v / 100).arg(v / 10 % 10).arg(v % 10);
    }
#endif
    return QStringLiteral("system malloc");
}

QString usageText()
{
    return QStringLiteral(
        "Usage: mcp-poolctl [options] COMMAND [ARGS]\n"
        "\n"
        "Talks to MCP servers over Streamable HTTP (or legacy HTTP+SSE).\n"
        "\n"
        "Commands:\n"
        "  tools                       list the tools of every --server\n"
        "  call TOOL [--args JSON] [--priority N] [--timeout MS]\n"
        "                              call a tool through the pool (balanced, or --on ID)\n"
        "  read URI                    read a resource through the pool (balanced, or --on ID)\n"
        "  resources                   list the resources of every server that has them\n"
        "  templates                   list the resource templates of every server that has them\n"
        "  prompts                     list the prompts of every server that has them\n"
        "  prompt NAME [--args JSON]   get a prompt (prompts/get) and print its messages\n"
        "  complete (--prompt NAME | --resource URI) ARG VALUE [--context JSON]\n"
        "                              completion values for argument ARG starting from VALUE\n"
        "                              (--context: arguments already given, a JSON object)\n"
        "                              resources/templates/prompts ask every server (or --on ID);\n"
        "                              prompt and complete ask --on ID, else the first server\n"
        "                              that lists that prompt (or resource/template), else the "
        "first\n"
        "                              that offers prompts (completions for complete)\n"
        "  ping                        ping every --server and print the round trip\n"
        "  servers                     the --server list as a pool: status, era (modern "
        "2026-07-28,\n"
        "                              legacy 2025), protocol version, tools, last error\n"
        "  stats [--watch SECONDS]     pool statistics (the reference's getStats shape with "
        "--json)\n"
        "  export-csv FILE [--watch SECONDS]\n"
        "                              statistics as CSV (FILE, FILE-series.csv, "
        "FILE-history.csv)\n"
        "  bench --tool T --calls N --concurrency C [--args JSON] [--csv FILE]\n"
        "                              load test through the pool (figures; --json for machines)\n"
        "  serve [--metrics-listen ADDRESS:PORT]\n"
        "                              run the pool headless and serve Prometheus /metrics\n"
        "                              (default 127.0.0.1:9464; Ctrl-C ends)\n"
        "        [--mcp-listen ADDRESS:PORT]\n"
        "                              also serve the pool as one MCP server at\n"
        "                              http://ADDRESS:PORT/mcp (both protocol eras; /metrics\n"
        "                              on the same port unless --metrics-listen is given)\n"
        "        [--mcp-token-file FILE] bearer token clients must send (else env\n"
        "                              MCPPM_MCP_TOKEN); required for a non-loopback address\n"
        "        [--mcp-allow-origin ORIGIN] [--mcp-allow-host HOST[:PORT]]\n"
        "                              browser origins and Host names accepted beyond loopback\n"
        "        [--max-connections N] [--header-timeout MS] [--idle-timeout MS]\n"
        "                              listener limits (defaults 256, 10000, 30000)\n"
        "  login ID                    OAuth sign-in for server ID (browser + loopback listener;\n"
        "                              the URL is printed); tokens go to the OS keychain, where\n"
        "                              the pool commands and the monitor find them\n"
        "  logout ID                   forget server ID's OAuth tokens\n"
        "  validate SCHEMA INSTANCE    check a JSON file against a JSON Schema file\n"
        "  conformance URL             client for the MCP conformance suite\n"
        "                              (reads MCP_CONFORMANCE_SCENARIO / MCP_CONFORMANCE_CONTEXT)\n"
        "\n"
        "Options:\n"
        "  --server "
        "ID=URL[,priority=N][,weight=N][,token-env=VAR][,timeout=MS][,max-concurrent=N]\n"
        "           [,rate=N][,burst=N]  (rate: calls started per second at most)\n"
        "           [,ca=FILE][,pin=SHA256]  (https: trust the CAs in a PEM file, or exactly\n"
        "           the certificate with this SHA-256 fingerprint, e.g. a self-signed one)\n"
        "           [,protocol=auto|modern|legacy]  (MCP era: auto tries 2026-07-28 and falls\n"
        "           back to 2025-11-25; modern or legacy pins one)\n"
        "           [,dpop=auto|off|required]  (OAuth: DPoP-bound tokens, RFC 9449)\n"
        "           [,workload-token-file=FILE|,workload-token-command=CMD]  (OAuth: the\n"
        "           workload identity grant, RFC 7523, with the JWT read for each token)\n"
        "                              an MCP server (repeatable), e.g. "
        "w1=http://127.0.0.1:3001/mcp\n"
        "  --server ID=stdio:COMMAND [ARGS...]\n"
        "                              a local MCP server the pool starts and supervises\n"
        "                              (stdio; quote the whole value), e.g.\n"
        "                              'w=stdio:mcp-demo-worker --stdio'; env, envRefs and cwd\n"
        "                              come from a profile (\"command\" entries)\n"
        "  --replicas N                run the --server ID=stdio:... just before it as N\n"
        "                              processes, pool workers ID#1..ID#N (default 1)\n"
        "  --strategy NAME             round-robin (default), least-loaded, priority, weighted, "
        "p2c\n"
        "  --profile FILE              servers, strategy and health settings from a profile\n"
        "                              (JSON, version 1), or the servers of an mcpServers file\n"
        "                              (claude_desktop_config.json, .mcp.json, VS Code mcp.json);\n"
        "                              --server adds to them, --strategy overrides\n"
        "  --token-env VAR             bearer token from environment variable VAR, for the\n"
        "                              servers given before it (or all, if none was)\n"
        "  --proxy URL|none            HTTP proxy for every server, http://[user:pass@]host:port\n"
        "                              (https:// servers through CONNECT), or none; default:\n"
        "                              the profile's \"proxy\", else http_proxy/https_proxy/\n"
        "                              all_proxy/no_proxy (either case), else the system's\n"
        "  --header 'Name: value'      an extra HTTP header on every request to every server\n"
        "                              (repeatable; the value is never printed)\n"
        "  --args JSON                 tool arguments as a JSON object (default {})\n"
        "  --on ID                     pin call/read/prompt/complete (and the lists) to this "
        "server\n"
        "  --log-level LEVEL           server log messages at LEVEL and above on stderr as\n"
        "                              \"[server] level logger: text\" (debug, info, notice,\n"
        "                              warning, error, critical, alert, emergency; default: the\n"
        "                              profile's \"logLevel\", else none)\n"
        "  --elicit decline|defaults|FILE\n"
        "                              answer servers' elicitation requests without asking:\n"
        "                              decline, accept with the schema's defaults, or accept\n"
        "                              with the JSON object in FILE (defaults fill the rest)\n"
        "  --sampling decline|FILE     answer sampling requests: decline, or reply with the\n"
        "                              text in FILE\n"
        "  --roots DIR                 a directory offered to servers that ask for roots\n"
        "                              (repeatable; default: the profile's \"roots\")\n"
        "                              Without --elicit/--sampling, requests are asked on the\n"
        "                              terminal when stdin is one; otherwise elicitation and\n"
        "                              sampling are not declared to servers at all\n"
        "  --priority N                queue priority of call/read/bench (higher first, default "
        "0)\n"
        "  --timeout MS                request timeout; for call/read the whole call, retries\n"
        "                              included (default 10000)\n"
        "  --transport auto|http|sse   transport (default auto: Streamable HTTP, legacy SSE on "
        "400/404/405)\n"
        "  --json                      print JSON instead of text\n"
        "  -h, --help                  show this help\n"
        "  --version                   show the version\n"
        "\n"
        "Exit codes: 0 success, 1 the call failed or the tool returned isError,\n"
        "2 usage error, 3 no server could be reached.\n");
}
} // namespace

const QStringList &logLevels()
{
    static const QStringList levels{QStringLiteral("debug"),  QStringLiteral("info"),
                                    QStringLiteral("notice"), QStringLiteral("warning"),
                                    QStringLiteral("error"),  QStringLiteral("critical"),
                                    QStringLiteral("alert"),  QStringLiteral("emergency")};
    return levels;
}

bool parseCommandLine(const QStringList &argv, PoolctlOptions *options, QString *error,
                      QString *help)
{
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    int firstWithoutToken = 0;
    auto needValue = [&](int &i, const QString &name, QString *value) {
        if (i + 1 >= argv.size()) {
            *error = QStringLiteral("option %1 needs a value").arg(name);
            return false;
        }
        *value = argv.at(++i);
        return true;
    };
    bool strategyGiven = false;
    for (int i = 1; i < argv.size(); ++i) {
        const QString arg = argv.at(i);
        QString value;
        if (arg == QLatin1String("-h") || arg == QLatin1String("--help")) {
            *help = usageText();
            return true;
        }
        if (arg == QLatin1String("--version")) {
            *help = QStringLiteral("mcp-poolctl %1\nallocator: %2\n")
                        .arg(QCoreApplication::applicationVersion(), allocatorName());
            return true;
        }
        if (arg == QLatin1String("--json")) {
            options->json = true;
        } else if (arg == QLatin1String("--server")) {
            if (!needValue(i, arg, &value))
                return false;
            const qsizetype eq = value.indexOf(QLatin1Char('='));
            if (eq <= 0) {
                *error = QStringLiteral("--server wants ID=URL, got \"%1\"").arg(value);
                return false;
            }
            ServerSource source;
            ProfileServer &spec = source.server;
            spec.id = value.left(eq);
            QString why;
            if (!SafeText::checkServerId(spec.id, &why)) {
                *error = QStringLiteral("--server: ") + why;
                return false;
            }
            if (value.mid(eq + 1).startsWith(QLatin1String("stdio:"))) {
                // A local server: the rest is its command line (shell-like quoting).
                const QStringList words = QProcess::splitCommand(value.mid(eq + 7));
                if (words.isEmpty() || words.first().isEmpty()) {
                    *error = QStringLiteral("--server %1: stdio: needs a command, e.g. "
                                            "%1=\"stdio:node server.js\"")
                                 .arg(spec.id);
                    return false;
                }
                spec.command.program = words.first();
                spec.command.args = words.mid(1);
                for (const ServerSource &other : std::as_const(options->sources)) {
                    if (other.server.id == spec.id) {
                        *error = QStringLiteral("--server %1 is given twice").arg(spec.id);
                        return false;
                    }
                }
                options->sources.append(source);
                continue;
            }
            QStringList parts = value.mid(eq + 1).split(QLatin1Char(','));
            spec.url = QUrl(parts.takeFirst(), QUrl::StrictMode);
            for (const QString &part : std::as_const(parts)) {
                const QString key = part.section(QLatin1Char('='), 0, 0);
                const QString text = part.section(QLatin1Char('='), 1);
                bool ok = false;
                const int number = text.toInt(&ok);
                if (key == QLatin1String("priority") && ok) {
                    spec.priority = number;
                } else if (key == QLatin1String("weight") && ok && number > 0) {
                    spec.weight = number;
                } else if (key == QLatin1String("timeout") && ok && number > 0) {
                    spec.timeoutMs = number;
                    source.timeoutGiven = true;
                } else if (key == QLatin1String("max-concurrent") && ok && number >= 0) {
                    spec.maxConcurrent = number;
                } else if (key == QLatin1String("rate") && ok && number >= 0) {
                    spec.ratePerSecond = number;
                } else if (key == QLatin1String("burst") && ok && number >= 0) {
                    spec.rateBurst = number;
                } else if (key == QLatin1String("ca") && !text.isEmpty()) {
                    spec.caFile = text;
                } else if (key == QLatin1String("pin") && !text.isEmpty()) {
                    spec.pinSha256 = text;
                } else if (key == QLatin1String("protocol")
                           && (text == QLatin1String("auto") || text == QLatin1String("modern")
                               || text == QLatin1String("legacy"))) {
                    spec.protocol = text;
                } else if (key == QLatin1String("dpop")
                           && (text == QLatin1String("auto") || text == QLatin1String("off")
                               || text == QLatin1String("required"))) {
                    spec.oauth.dpop = text == QLatin1String("auto") ? QString() : text;
                } else if (key == QLatin1String("workload-token-file") && !text.isEmpty()) {
                    spec.oauth.workloadTokenFile = text;
                    spec.oauth.grant = QStringLiteral("workload_identity");
                } else if (key == QLatin1String("workload-token-command") && !text.isEmpty()) {
                    spec.oauth.workloadTokenCommand = text;
                    spec.oauth.grant = QStringLiteral("workload_identity");
                } else if (key == QLatin1String("token-env") && !text.isEmpty()) {
                    if (!env.contains(text)) {
                        *error = QStringLiteral("--server %1: environment variable %2 is not set")
                                     .arg(spec.id, text);
                        return false;
                    }
                    spec.tokenRef = QStringLiteral("env:") + text;
                    source.ownToken = true;
                } else {
                    *error = QStringLiteral("--server %1: unknown or bad setting \"%2\" "
                                            "(priority=N, weight=N>0, token-env=VAR, timeout=MS, "
                                            "max-concurrent=N, rate=N, burst=N, ca=FILE, "
                                            "pin=SHA256, protocol=auto|modern|legacy, "
                                            "dpop=auto|off|required, workload-token-file=FILE, "
                                            "workload-token-command=CMD)")
                                 .arg(spec.id, SafeText::escape(part));
                    return false;
                }
            }
            if (!spec.oauth.workloadTokenFile.isEmpty()
                && !spec.oauth.workloadTokenCommand.isEmpty()) {
                *error = QStringLiteral("--server %1: workload-token-file or "
                                        "workload-token-command, not both")
                             .arg(spec.id);
                return false;
            }
            if (!spec.url.isValid()
                || (spec.url.scheme() != QLatin1String("http")
                    && spec.url.scheme() != QLatin1String("https"))) {
                *error = QStringLiteral("--server %1: \"%2\" is not an http:// or https:// URL")
                             .arg(spec.id,
                                  SafeText::escape(spec.url.toDisplayString(QUrl::RemoveUserInfo)));
                return false;
            }
            if (!spec.caFile.isEmpty() || !spec.pinSha256.isEmpty()) {
                if (spec.url.scheme() != QLatin1String("https")) {
                    *error = QStringLiteral("--server %1: ca= and pin= need an https:// URL")
                                 .arg(spec.id);
                    return false;
                }
                if (!TlsTrust::make(spec.caFile, spec.pinSha256, &why)) {
                    *error = QStringLiteral("--server %1: %2").arg(spec.id, why);
                    return false;
                }
            }
            for (const ServerSource &other : std::as_const(options->sources)) {
                if (other.server.id == spec.id) {
                    *error = QStringLiteral("--server %1 is given twice").arg(spec.id);
                    return false;
                }
            }
            options->sources.append(source);
        } else if (arg == QLatin1String("--replicas")) {
            if (!needValue(i, arg, &value))
                return false;
            bool ok = false;
            const int replicas = value.toInt(&ok);
            if (options->sources.isEmpty() || !options->sources.last().server.command.isSet()) {
                *error = QStringLiteral("--replicas goes after a --server ID=stdio:COMMAND");
                return false;
            }
            if (!ok || replicas < 1 || replicas > LocalCommand::kMaxReplicas) {
                *error = QStringLiteral("--replicas wants a whole number from 1 to %1")
                             .arg(LocalCommand::kMaxReplicas);
                return false;
            }
            options->sources.last().server.command.replicas = replicas;
        } else if (arg == QLatin1String("--token-env")) {
            if (!needValue(i, arg, &value))
                return false;
            if (!env.contains(value)) {
                *error
                    = QStringLiteral("--token-env: environment variable %1 is not set").arg(value);
                return false;
            }
            const QString tokenRef = QStringLiteral("env:") + value;
            if (options->sources.size() == firstWithoutToken) {
                // Before any server: the token applies to all of them (marked by a placeholder).
                ServerSource placeholder;
                placeholder.server.tokenRef = tokenRef;
                options->sources.append(placeholder);
            }
            for (int s = firstWithoutToken; s < options->sources.size(); ++s) {
                if (!options->sources[s].ownToken)
                    options->sources[s].server.tokenRef = tokenRef;
            }
            firstWithoutToken = int(options->sources.size());
        } else if (arg == QLatin1String("--proxy")) {
            if (!needValue(i, arg, &options->proxy))
                return false;
            QString why;
            if (options->proxy.isEmpty() || !ProxySettings::isValidOverride(options->proxy, &why)) {
                *error = QStringLiteral("--proxy wants none or http://[user:password@]host:port%1")
                             .arg(why.isEmpty() ? QString()
                                                : QStringLiteral(" (") + why + QLatin1Char(')'));
                return false;
            }
        } else if (arg == QLatin1String("--header")) {
            if (!needValue(i, arg, &value))
                return false;
            std::pair<QByteArray, QByteArray> header;
            QString why;
            if (!CustomHeaders::parseLine(value, false, &header, &why)) {
                *error = QStringLiteral("--header: %1").arg(why);
                return false;
            }
            options->headers.append(header);
        } else if (arg == QLatin1String("--strategy")) {
            if (!needValue(i, arg, &value))
                return false;
            strategyGiven = true;
            if (!LoadBalancer::fromName(value, &options->strategy)) {
                *error = QStringLiteral("--strategy must be one of %1")
                             .arg(LoadBalancer::names().join(QStringLiteral(", ")));
                return false;
            }
        } else if (arg == QLatin1String("--profile")) {
            if (!needValue(i, arg, &options->profilePath))
                return false;
        } else if (arg == QLatin1String("--tool")) {
            if (!needValue(i, arg, &options->benchTool))
                return false;
        } else if (arg == QLatin1String("--calls") || arg == QLatin1String("--concurrency")
                   || arg == QLatin1String("--watch")) {
            if (!needValue(i, arg, &value))
                return false;
            bool ok = false;
            const int number = value.toInt(&ok);
            if (!ok || number <= 0 || number > 100000000) {
                *error = QStringLiteral("%1 wants a positive whole number").arg(arg);
                return false;
            }
            int &target = arg == QLatin1String("--calls") ? options->calls
                : arg == QLatin1String("--concurrency")   ? options->concurrency
                                                          : options->watchSeconds;
            target = number;
        } else if (arg == QLatin1String("--priority")) {
            if (!needValue(i, arg, &value))
                return false;
            bool ok = false;
            options->priority = value.toInt(&ok);
            if (!ok) {
                *error = QStringLiteral("--priority wants a whole number");
                return false;
            }
        } else if (arg == QLatin1String("--metrics-listen")) {
            if (!needValue(i, arg, &options->metricsListen))
                return false;
        } else if (arg == QLatin1String("--mcp-listen")) {
            if (!needValue(i, arg, &options->mcpListen))
                return false;
        } else if (arg == QLatin1String("--mcp-token-file")) {
            if (!needValue(i, arg, &options->mcpTokenFile))
                return false;
        } else if (arg == QLatin1String("--mcp-allow-origin")
                   || arg == QLatin1String("--mcp-allow-host")) {
            if (!needValue(i, arg, &value))
                return false;
            (arg == QLatin1String("--mcp-allow-origin") ? options->mcpAllowOrigins
                                                        : options->mcpAllowHosts)
                .append(value);
        } else if (arg == QLatin1String("--max-connections")
                   || arg == QLatin1String("--header-timeout")
                   || arg == QLatin1String("--idle-timeout")) {
            if (!needValue(i, arg, &value))
                return false;
            bool ok = false;
            const int number = value.toInt(&ok);
            if (!ok || number <= 0 || number > 86400000) {
                *error = QStringLiteral("%1 wants a positive whole number").arg(arg);
                return false;
            }
            int &target = arg == QLatin1String("--max-connections") ? options->maxConnections
                : arg == QLatin1String("--header-timeout")          ? options->headerTimeoutMs
                                                                    : options->idleTimeoutMs;
            target = number;
        } else if (arg == QLatin1String("--csv")) {
            if (!needValue(i, arg, &options->csvPath))
                return false;
        } else if (arg == QLatin1String("--args")) {
            if (!needValue(i, arg, &options->argsJson))
                return false;
        } else if (arg == QLatin1String("--on")) {
            if (!needValue(i, arg, &options->on))
                return false;
        } else if (arg == QLatin1String("--transport")) {
            if (!needValue(i, arg, &options->transport))
                return false;
            if (options->transport != QLatin1String("auto")
                && options->transport != QLatin1String("http")
                && options->transport != QLatin1String("sse")) {
                *error = QStringLiteral("--transport must be auto, http or sse");
                return false;
            }
        } else if (arg == QLatin1String("--log-level")) {
            if (!needValue(i, arg, &options->logLevel))
                return false;
            if (!logLevels().contains(options->logLevel)) {
                *error = QStringLiteral("--log-level must be one of %1")
                             .arg(logLevels().join(QStringLiteral(", ")));
                return false;
            }
        } else if (arg == QLatin1String("--elicit")) {
            if (!needValue(i, arg, &options->elicit))
                return false;
            if (options->elicit != QLatin1String("decline")
                && options->elicit != QLatin1String("defaults")) {
                QFile file(options->elicit);
                if (!file.open(QIODevice::ReadOnly)) {
                    *error = QStringLiteral("--elicit wants decline, defaults or a JSON file: "
                                            "cannot read %1 (%2)")
                                 .arg(SafeText::escape(options->elicit), file.errorString());
                    return false;
                }
                QJsonParseError pe;
                const QJsonDocument doc = QJsonDocument::fromJson(file.read(1024 * 1024), &pe);
                if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
                    *error = QStringLiteral("--elicit %1: not a JSON object%2")
                                 .arg(SafeText::escape(options->elicit),
                                      pe.error != QJsonParseError::NoError
                                          ? QStringLiteral(" (%1 at offset %2)")
                                                .arg(pe.errorString())
                                                .arg(pe.offset)
                                          : QString());
                    return false;
                }
                options->elicitContent = doc.object();
            }
        } else if (arg == QLatin1String("--sampling")) {
            if (!needValue(i, arg, &options->sampling))
                return false;
            if (options->sampling != QLatin1String("decline")) {
                QFile file(options->sampling);
                if (!file.open(QIODevice::ReadOnly)) {
                    *error = QStringLiteral("--sampling wants decline or a text file: cannot read "
                                            "%1 (%2)")
                                 .arg(SafeText::escape(options->sampling), file.errorString());
                    return false;
                }
                options->samplingText = QString::fromUtf8(file.read(1024 * 1024)).trimmed();
            }
        } else if (arg == QLatin1String("--roots")) {
            if (!needValue(i, arg, &value))
                return false;
            const QFileInfo dir(value);
            if (!value.startsWith(QLatin1String("file://")) && !dir.isDir()) {
                *error
                    = QStringLiteral("--roots %1: no such directory").arg(SafeText::escape(value));
                return false;
            }
            options->roots.append(
                value.startsWith(QLatin1String("file://")) ? value : dir.absoluteFilePath());
        } else if (arg == QLatin1String("--prompt")) {
            if (!needValue(i, arg, &options->completePrompt))
                return false;
        } else if (arg == QLatin1String("--resource")) {
            if (!needValue(i, arg, &options->completeResource))
                return false;
        } else if (arg == QLatin1String("--context")) {
            if (!needValue(i, arg, &options->contextJson))
                return false;
        } else if (arg == QLatin1String("--timeout")) {
            if (!needValue(i, arg, &value))
                return false;
            bool ok = false;
            options->timeoutMs = value.toInt(&ok);
            if (!ok || options->timeoutMs <= 0) {
                *error = QStringLiteral("--timeout wants a positive number of milliseconds");
                return false;
            }
        } else if (arg.startsWith(QLatin1String("--"))) {
            *error = QStringLiteral("unknown option %1 (see --help)").arg(arg);
            return false;
        } else if (options->command.isEmpty()) {
            options->command = arg;
        } else {
            options->arguments.append(arg);
        }
    }
    // A token given before any --server applies to all: resolve the placeholder.
    QString globalTokenRef;
    QList<ServerSource> sources;
    for (const ServerSource &source : std::as_const(options->sources)) {
        if (source.server.id.isEmpty()) {
            globalTokenRef = source.server.tokenRef;
            continue;
        }
        sources.append(source);
        ServerSource &added = sources.last();
        if (!added.ownToken && added.server.tokenRef.isEmpty())
            added.server.tokenRef = globalTokenRef;
        if (!added.timeoutGiven)
            added.server.timeoutMs = options->timeoutMs;
    }
    options->sources = sources;
    if (!options->profilePath.isEmpty()) {
        QString why;
        std::optional<Profile> profile;
        if (McpServersFile::isMcpServersFile(options->profilePath)) {
            if (const auto read = McpServersFile::load(options->profilePath, &why)) {
                profile = read->profile;
                options->profileWarnings = read->warnings;
                options->profileSecrets = read->secrets;
            }
        } else {
            profile = Profile::load(options->profilePath, &why);
        }
        if (!profile) {
            *error = SafeText::escape(why);
            return false;
        }
        QList<ServerSource> fromProfile;
        for (const ProfileServer &s : profile->servers) {
            for (const ServerSource &other : std::as_const(options->sources)) {
                if (other.server.id == s.id) {
                    *error = QStringLiteral("--server %1 is also in the profile").arg(s.id);
                    return false;
                }
            }
            ServerSource source;
            source.server = s;
            source.server.proxy = profile->proxyFor(s); // the profile's "proxy" when it has none
            source.directory = profile->directory;
            source.timeoutGiven = true;
            fromProfile.append(source);
        }
        options->sources = fromProfile + options->sources;
        options->profileName = profile->name;
        if (options->roots.isEmpty())
            options->roots = profile->roots;
        if (options->logLevel.isEmpty())
            options->logLevel = profile->logLevel;
        if (!strategyGiven)
            LoadBalancer::fromName(profile->strategy, &options->strategy);
        options->profilePool = profile->poolOptions(); // health thresholds, limits
        options->profileEndpoint = profile->endpoint;
    }
    // --proxy and --header apply to every server; a --header replaces the profile's of that name.
    for (ServerSource &source : options->sources) {
        ProfileServer &server = source.server;
        if (server.id.isEmpty())
            continue; // the --token-env placeholder
        if (!options->proxy.isEmpty())
            server.proxy = options->proxy;
        for (const auto &header : std::as_const(options->headers)) {
            for (qsizetype h = server.headers.size() - 1; h >= 0; --h) {
                if (server.headers.at(h).first.compare(header.first, Qt::CaseInsensitive) == 0)
                    server.headers.removeAt(h);
            }
            server.headers.append(header);
        }
        for (const auto &[name, value] : std::as_const(server.headers)) {
            QString why;
            if (!CustomHeaders::check(QString::fromLatin1(name), QString::fromUtf8(value),
                                      !server.tokenRef.isEmpty(), &why)) {
                *error = QStringLiteral("server %1: %2").arg(server.id, why);
                return false;
            }
        }
    }
    if (options->command.isEmpty()) {
        *help = usageText();
        *error = QStringLiteral("no command given");
        return false;
    }
    return true;
}

bool resolveServers(PoolctlOptions *options, BlockingCredentials &credentials, QString *error)
{
    QStringList references;
    for (const ServerSource &source : std::as_const(options->sources)) {
        for (const QString &reference : PoolServerConfig::secretReferences(source.server)) {
            if (!options->profileSecrets.contains(reference)) // an mcpServers file's token
                references << reference;
        }
    }
    QHash<QString, QString> failed;
    QHash<QString, QString> secrets = credentials.readAll(references, &failed);
    secrets.insert(options->profileSecrets);
    QStringList problems;
    options->servers.clear();
    for (const ServerSource &source : std::as_const(options->sources)) {
        QString why;
        const QStringList needed = PoolServerConfig::secretReferences(source.server);
        bool missing = false;
        for (const QString &reference : needed) {
            if (failed.contains(reference)) {
                problems << QStringLiteral("server %1: %2")
                                .arg(source.server.id, failed.value(reference));
                missing = true;
            }
        }
        if (missing)
            continue;
        const std::optional<PoolServerConfig> config
            = PoolServerConfig::fromProfile(source.server, source.directory, secrets, &why);
        if (!config) {
            problems << why;
            continue;
        }
        options->servers.append(config->workers()); // replicas of a local server: ID#1 …
    }
    if (!problems.isEmpty()) {
        *error = SafeText::escape(problems.join(QLatin1Char('\n')), SafeText::Mode::MultiLine);
        return false;
    }
    return true;
}

} // namespace mcppm::poolctl
