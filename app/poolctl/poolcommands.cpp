#include "poolcommands.h"

#include "blockingcredentials.h"
#include "catalogcommands.h"
#include "inputanswerer.h"

#include "output.h"
#include "watchtable.h"

#include "host/httpexchange.h"
#include "host/httplistener.h"
#include "host/mcpendpoint.h"
#include "net/safetext.h"

#include "host/prometheusexporter.h"
#include "pool/poolcsv.h"

#include "pool/serverpool.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QFutureWatcher>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <sys/resource.h>
#include <unistd.h>

namespace mcppm::poolctl {

namespace {
constexpr int kOneShotHealthIntervalMs = 5000;

void printJson(QTextStream &out, const QJsonValue &value)
{
    Output::printJson(out, value);
}

double cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

double maxRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

bool parseArgs(const QString &json, QJsonObject *object, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("--args must be a JSON object")
            + (pe.error != QJsonParseError::NoError
                   ? QStringLiteral(" (%1 at offset %2)").arg(pe.errorString()).arg(pe.offset)
                   : QString());
        return false;
    }
    *object = doc.object();
    return true;
}
} // namespace

bool PoolCommands::isCatalogCommand(const QString &command)
{
    return command == QLatin1String("resources") || command == QLatin1String("templates")
        || command == QLatin1String("prompts") || command == QLatin1String("prompt")
        || command == QLatin1String("complete");
}

int PoolCommands::catalog()
{
    QString why;
    if (!CatalogCommands::checkUsage(m_options, &why)) {
        m_err << "mcp-poolctl: " << why << "\n";
        return 2;
    }
    if (const int status = openPoolOnce())
        return status;
    CatalogCommands commands(m_options, m_pool, m_out, m_err);
    return commands.run();
}

PoolCommands::PoolCommands(const PoolctlOptions &options, QTextStream &out, QTextStream &err)
    : m_options(options)
    , m_out(out)
    , m_err(err)
{ }

PoolCommands::~PoolCommands()
{
    shutDown();
}

bool PoolCommands::buildPool(int concurrency, const std::function<void()> &beforeServers)
{
    ServerPoolOptions options;
    if (m_options.profilePool) {
        options = *m_options.profilePool; // the profile's health model and limits
    } else {
        // One-shot commands check often (they live for seconds); the long-running
        // serve and stats --watch keep the pool's default interval: at 5 s, 1 000
        // idle servers cost ~4% of a core in pings alone.
        const bool longRunning = m_options.command == QLatin1String("serve")
            || (m_options.command == QLatin1String("stats") && m_options.watchSeconds > 0);
        options.healthCheckIntervalMs
            = longRunning ? ServerPoolOptions().healthCheckIntervalMs : kOneShotHealthIntervalMs;
        options.health.reconnectDelayMs = 500;
    }
    options.strategy = m_options.strategy;
    options.queue.concurrentTasks = qMax(1, concurrency);
    options.queue.taskTimeoutMs = qMax(m_options.timeoutMs * 4, 30000);
    // The once-a-second series is read only by the CSV exports (export-csv,
    // bench --csv); serve (/metrics) and stats never read it, and each sample
    // wakes the event loop, which then polls every socket (with 1 000 idle
    // servers about 0.35% of a core).
    if (m_options.command == QLatin1String("serve") || m_options.command == QLatin1String("stats"))
        options.sampleIntervalMs = 0;
    options.logLevel = m_options.logLevel;
    m_pool = new ServerPool(options);
    // What servers may ask is declared before they connect (2025 servers offer
    // tools such as elicitation triggers only to clients that declared it).
    m_answerer
        = std::make_unique<InputAnswerer>(m_options, m_err, InputAnswerer::stdinIsTerminal());
    m_pool->setRoots(m_options.roots);
    m_pool->setInputHandler(
        m_answerer->features(),
        [this](const QString &serverId, const QString &method, const QJsonObject &params,
               InputResponder respond) { m_answerer->answer(serverId, method, params, respond); });
    m_pool->setLogLevel(m_options.logLevel);
    QObject::connect(
        m_pool, &ServerPool::serverLogMessage, m_pool,
        [this](const QString &id, const QString &level, const QString &logger,
               const QJsonValue &data) {
            // Only what --log-level (or the profile) asked for, whatever
            // a server sends on its own.
            if (m_options.logLevel.isEmpty()
                || logLevels().indexOf(level) < logLevels().indexOf(m_options.logLevel))
                return;
            m_err << "[" << id << "] " << SafeText::escape(level);
            if (!logger.isEmpty())
                m_err << ' ' << SafeText::escape(logger);
            m_err << ": "
                  << SafeText::escape(data.isString() ? data.toString() : Output::compact(data))
                  << "\n";
            m_err.flush();
        });
    QObject::connect(m_pool, &ServerPool::toolRefused, m_pool,
                     [this](const QString &id, const QString &tool, const QString &reason) {
                         m_err << "mcp-poolctl: " << id << ": tool " << SafeText::escape(tool)
                               << " left out: " << SafeText::escape(reason) << "\n";
                         m_err.flush();
                     });
    // Local servers: crashes, restarts and giving up are worth a line on stderr.
    QObject::connect(m_pool, &ServerPool::serverProcessEvent, m_pool,
                     [this](const QString &id, const QString &text) {
                         if (m_pool->isShuttingDown()
                             || text.startsWith(QLatin1String("process started")))
                             return;
                         m_err << "mcp-poolctl: " << id << ": " << text << "\n";
                         m_err.flush();
                     });
    m_pool->initialize();
    if (beforeServers)
        beforeServers();
    BlockingCredentials credentials;
    for (const ServerSpec &spec : std::as_const(m_options.servers)) {
        ServerOptions server = spec.options; // PoolServerConfig::fromProfile() made them
        if (m_options.transport == QLatin1String("http"))
            server.transport = McpClientOptions::TransportMode::StreamableHttp;
        else if (m_options.transport == QLatin1String("sse"))
            server.transport = McpClientOptions::TransportMode::LegacySse;
        QString why;
        if (server.oauth && spec.token.isEmpty()) {
            // Tokens from an earlier `login` (or the monitor), before it connects.
            QString kept;
            if (credentials.read(CredentialStore::oauthKey(m_options.profileName, spec.id), &kept,
                                 &why))
                server.oauthTokens
                    = OAuthTokenSet::fromJson(QJsonDocument::fromJson(kept.toUtf8()).object());
        }
        if (!m_pool->addServer(spec.id, spec.url, spec.token, server, &why)) {
            m_err << "mcp-poolctl: " << why << "\n";
            return false;
        }
        if (OAuthClient *oauth = m_pool->oauthClient(spec.id)) {
            const QString key = CredentialStore::oauthKey(m_options.profileName, spec.id);
            // Queued: the keychain's own event loop must not run inside a token flow.
            QObject::connect(
                oauth, &OAuthClient::tokenSetChanged, oauth,
                [oauth, key]() {
                    QString
                        ignored; // rotated tokens kept; without a keychain they live for this run
                    const OAuthTokenSet tokens = oauth->tokenSet();
                    if (tokens.hasTokens())
                        BlockingCredentials().write(
                            key,
                            QString::fromUtf8(
                                QJsonDocument(tokens.toJson()).toJson(QJsonDocument::Compact)),
                            &ignored);
                },
                Qt::QueuedConnection);
            QObject::connect(oauth, &OAuthClient::signInRequired, oauth, [this, id = spec.id]() {
                m_err << "mcp-poolctl: " << id << " needs sign-in: run mcp-poolctl login " << id
                      << " (with the same --profile/--server)\n";
                m_err.flush();
            });
        }
    }
    return true;
}

void PoolCommands::waitForServers(int timeoutMs)
{
    // Until every server is connected with its tool list, or has failed once.
    QEventLoop loop;
    QTimer tick;
    QObject::connect(&tick, &QTimer::timeout, &loop, [this, &loop]() {
        for (const QString &id : m_pool->serverIds()) {
            const ServerStatus status = m_pool->healthMonitor()->status(id);
            if (status == ServerStatus::Connecting)
                return;
            if (isInRotation(status) && m_pool->client(id)->serverInfo().hasTools()
                && m_pool->client(id)->tools().isEmpty())
                return;
        }
        loop.quit();
    });
    tick.start(10);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
}

void PoolCommands::shutDown()
{
    if (!m_pool)
        return;
    QEventLoop loop;
    QObject::connect(m_pool, &ServerPool::shutdownFinished, &loop, &QEventLoop::quit);
    m_pool->shutdown();
    QTimer::singleShot(3000, &loop, &QEventLoop::quit);
    loop.exec();
    QTimer::singleShot(300, &loop, &QEventLoop::quit); // let the DELETEs go out
    loop.exec();
    // Local servers were told to stop (stdin closed, then SIGTERM): give them
    // the grace periods before deleting the pool kills what is left.
    auto localRunning = [this]() {
        for (const QString &id : m_pool->serverIds()) {
            const ProcessSupervisor *process = m_pool->process(id);
            if (process && process->pid() > 0)
                return true;
        }
        return false;
    };
    QElapsedTimer waited;
    waited.start();
    while (localRunning() && waited.elapsed() < 4500) {
        QTimer::singleShot(20, &loop, &QEventLoop::quit);
        loop.exec();
    }
    delete m_pool;
    m_pool = nullptr;
}

int PoolCommands::run()
{
    if (m_options.servers.isEmpty()) {
        m_err << "mcp-poolctl: " << m_options.command
              << " needs at least one --server ID=URL (or ID=stdio:COMMAND)\n";
        return 2;
    }
    if (m_options.command == QLatin1String("servers"))
        return servers();
    if (m_options.command == QLatin1String("stats"))
        return stats();
    if (m_options.command == QLatin1String("bench"))
        return bench();
    if (m_options.command == QLatin1String("call") || m_options.command == QLatin1String("read"))
        return callOrRead();
    if (m_options.command == QLatin1String("export-csv"))
        return exportCsv();
    if (m_options.command == QLatin1String("serve"))
        return serve();
    if (isCatalogCommand(m_options.command))
        return catalog();
    m_err << "mcp-poolctl: unknown command \"" << m_options.command << "\"\n";
    return 2;
}

int PoolCommands::servers()
{
    if (!buildPool(1))
        return 2;
    waitForServers(m_options.timeoutMs + 1000);
    const QJsonArray list = m_pool->servers();
    if (m_options.json) {
        printJson(m_out, list);
    } else {
        m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8\n")
                     .arg(QStringLiteral("ID"), -12)
                     .arg(QStringLiteral("STATUS"), -12)
                     .arg(QStringLiteral("ERA"), -7)
                     .arg(QStringLiteral("PROTOCOL"), -10)
                     .arg(QStringLiteral("TOOLS"), 5)
                     .arg(QStringLiteral("PRIO"), 4)
                     .arg(QStringLiteral("WEIGHT"), 6)
                     .arg(QStringLiteral("URL / LAST ERROR"));
        for (const QJsonValue &v : list) {
            const QJsonObject s = v.toObject();
            const QString era = s.value(QStringLiteral("era")).toString();
            const QString version = s.value(QStringLiteral("protocolVersion")).toString();
            m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8\n")
                         .arg(s.value(QStringLiteral("id")).toString(), -12)
                         .arg(s.value(QStringLiteral("status")).toString(), -12)
                         .arg(era.isEmpty() ? QStringLiteral("-") : era, -7)
                         .arg(version.isEmpty() ? QStringLiteral("-") : SafeText::escape(version),
                              -10)
                         .arg(s.value(QStringLiteral("tools")).toInt(), 5)
                         .arg(s.value(QStringLiteral("priority")).toInt(), 4)
                         .arg(s.value(QStringLiteral("weight")).toInt(), 6)
                         .arg(SafeText::escape(s.contains(QStringLiteral("lastError"))
                                                   ? s.value(QStringLiteral("lastError")).toString()
                                                   : s.value(QStringLiteral("url")).toString()));
        }
        for (const QJsonValue &v : list) {
            const QJsonObject process = v.toObject().value(QStringLiteral("process")).toObject();
            if (process.isEmpty())
                continue;
            m_out << "process: " << v.toObject().value(QStringLiteral("id")).toString() << " "
                  << process.value(QStringLiteral("state")).toString() << ", pid "
                  << process.value(QStringLiteral("pid")).toInteger() << ", cpu "
                  << process.value(QStringLiteral("cpuPercent")).toDouble() << "%, rss "
                  << QString::number(process.value(QStringLiteral("rssBytes")).toDouble()
                                         / (1024.0 * 1024.0),
                                     'f', 1)
                  << " MiB, restarts " << process.value(QStringLiteral("restarts")).toInt() << ": "
                  << process.value(QStringLiteral("command")).toString() << "\n";
        }
        for (const QJsonValue &v : list) {
            const QString drift = v.toObject().value(QStringLiteral("toolDrift")).toString();
            if (!drift.isEmpty())
                m_out << "tool drift: " << v.toObject().value(QStringLiteral("id")).toString()
                      << " differs from the pool (" << SafeText::escape(drift) << ")\n";
        }
        for (const QJsonValue &v : list) {
            const QJsonObject s = v.toObject();
            const QString id = s.value(QStringLiteral("id")).toString();
            const QJsonObject rate = s.value(QStringLiteral("rateLimit")).toObject();
            if (!rate.isEmpty())
                m_out << "rate limit: " << id << " at most "
                      << rate.value(QStringLiteral("perSecond")).toDouble() << " calls/s, burst "
                      << rate.value(QStringLiteral("burst")).toDouble() << "\n";
            if (s.contains(QStringLiteral("heldForMs")))
                m_out << "held: " << id << " asked for a pause (Retry-After), "
                      << QString::number(s.value(QStringLiteral("heldForMs")).toDouble() / 1000.0,
                                         'f', 1)
                      << " s left\n";
            const QString refused = s.value(QStringLiteral("tls"))
                                        .toObject()
                                        .value(QStringLiteral("refusedCertificateSha256"))
                                        .toString();
            if (!refused.isEmpty())
                m_out << "certificate: " << id
                      << " was stopped; if you trust that certificate, pin it: --server " << id
                      << "=" << s.value(QStringLiteral("url")).toString() << ",pin=" << refused
                      << "\n";
        }
    }
    m_out.flush();
    int healthy = 0;
    for (const QJsonValue &v : list)
        healthy
            += (v.toObject().value(QStringLiteral("status")).toString() == QLatin1String("online"))
            ? 1
            : 0;
    return healthy == 0 ? 3 : (healthy < list.size() ? 1 : 0);
}

int PoolCommands::stats()
{
    if (!buildPool(1))
        return 2;
    waitForServers(m_options.timeoutMs + 1000);
    const bool watching = m_options.watchSeconds > 0;
    auto printOnce = [this, watching]() {
        if (m_options.json) {
            QJsonObject o = m_pool->stats();
            o.insert(QStringLiteral("serverList"), m_pool->servers());
            o.insert(QStringLiteral("toolStats"), m_pool->toolStats());
            if (!watching) {
                printJson(m_out, o);
                return;
            }
            // One object per line per tick (JSON Lines), for a program to read.
            o.insert(QStringLiteral("time"), QDateTime::currentDateTime().toString(Qt::ISODate));
            m_out << Output::jsonSafe(Output::compact(o)) << "\n";
            m_out.flush();
            return;
        }
        // For people: the pool in one line, then the servers that matter,
        // bounded (plain rows: no JSON of every server on each tick).
        const QStringList lines
            = WatchTable::render(QDateTime::currentDateTime().toString(Qt::ISODate),
                                 m_pool->stats(), m_pool->serverRows(),
                                 WatchTable::linesFor(STDOUT_FILENO)); // the terminal may resize
        for (const QString &line : lines)
            m_out << line << "\n";
        m_out.flush();
    };
    printOnce();
    if (!watching)
        return 0;
    // --watch: print every N seconds until interrupted (Ctrl-C ends cleanly).
    QEventLoop loop;
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, &loop, printOnce);
    timer.start(m_options.watchSeconds * 1000);
    quitOnInterrupt(loop, &timer);
    loop.exec();
    return 0;
}

void PoolCommands::quitOnInterrupt(QEventLoop &loop, QObject *owner)
{
    // Ctrl-C / SIGTERM end the loop cleanly (a self-pipe: signal-safe).
    static int pipeFds[2] = {-1, -1};
    if (pipeFds[0] < 0 && ::pipe(pipeFds) != 0)
        return;
    auto *notifier = new QSocketNotifier(pipeFds[0], QSocketNotifier::Read, owner);
    QObject::connect(notifier, &QSocketNotifier::activated, &loop, &QEventLoop::quit);
    std::signal(SIGINT, [](int) { [[maybe_unused]] const auto n = ::write(pipeFds[1], "x", 1); });
    std::signal(SIGTERM, [](int) { [[maybe_unused]] const auto n = ::write(pipeFds[1], "x", 1); });
}

namespace {
// The endpoint's bearer token: the file's content (trimmed) or MCPPM_MCP_TOKEN.
bool readEndpointToken(const QString &file, QByteArray *token, QString *error)
{
    if (file.isEmpty()) {
        *token = qgetenv("MCPPM_MCP_TOKEN").trimmed();
        return true;
    }
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read --mcp-token-file %1: %2").arg(file, f.errorString());
        return false;
    }
    *token = f.read(4096).trimmed();
    if (token->isEmpty() || token->contains('\n') || token->contains('\r')) {
        *error = QStringLiteral("--mcp-token-file %1 must hold one token on one line").arg(file);
        return false;
    }
    return true;
}
} // namespace

int PoolCommands::serve()
{
    // The profile's "mcpEndpoint" when enabled; the command line wins.
    const EndpointSettings fromProfile = m_options.profileEndpoint;
    if (m_options.mcpListen.isEmpty() && fromProfile.enabled)
        m_options.mcpListen = fromProfile.listen;
    if (m_options.mcpAllowOrigins.isEmpty())
        m_options.mcpAllowOrigins = fromProfile.allowedOrigins;
    if (m_options.mcpAllowHosts.isEmpty())
        m_options.mcpAllowHosts = fromProfile.allowedHosts;
    const bool mcp = !m_options.mcpListen.isEmpty();
    QHostAddress mcpAddress;
    quint16 mcpPort = 0;
    if (mcp && !EndpointSettings::parseListen(m_options.mcpListen, &mcpAddress, &mcpPort)) {
        m_err << "mcp-poolctl: --mcp-listen wants ADDRESS:PORT, e.g. 127.0.0.1:8765\n";
        return 2;
    }
    // --metrics-listen HOST:PORT (default 127.0.0.1:9464; port 0 picks a free one);
    // with --mcp-listen and no --metrics-listen, /metrics is on the MCP port.
    const bool ownMetrics = !mcp || !m_options.metricsListen.isEmpty();
    const QString listen = m_options.metricsListen.isEmpty() ? QStringLiteral("127.0.0.1:9464")
                                                             : m_options.metricsListen;
    QHostAddress address;
    quint16 port = 0;
    if (ownMetrics && !EndpointSettings::parseListen(listen, &address, &port)) {
        m_err << "mcp-poolctl: --metrics-listen wants ADDRESS:PORT, e.g. 127.0.0.1:9464\n";
        return 2;
    }
    McpEndpointOptions endpointOptions;
    if (mcp) {
        QString why;
        if (!readEndpointToken(m_options.mcpTokenFile, &endpointOptions.access.bearerToken, &why)) {
            m_err << "mcp-poolctl: " << why << "\n";
            return 2;
        }
        if (endpointOptions.access.bearerToken.isEmpty() && m_options.mcpTokenFile.isEmpty()
            && !fromProfile.tokenRef.isEmpty()) {
            QHash<QString, QString> errors;
            const QHash<QString, QString> found
                = BlockingCredentials().readAll({fromProfile.tokenRef}, &errors);
            if (!found.contains(fromProfile.tokenRef)) {
                m_err << "mcp-poolctl: the endpoint's bearer token: "
                      << errors.value(fromProfile.tokenRef) << "\n";
                return 2;
            }
            endpointOptions.access.bearerToken = found.value(fromProfile.tokenRef).toUtf8();
        }
        endpointOptions.access.allowedOrigins = m_options.mcpAllowOrigins;
        endpointOptions.access.allowedHosts = m_options.mcpAllowHosts;
        if (!EndpointGuard::isLoopbackBind(mcpAddress)
            && endpointOptions.access.bearerToken.isEmpty()) {
            m_err << "mcp-poolctl: --mcp-listen " << m_options.mcpListen
                  << " is not a loopback address: give a bearer token (--mcp-token-file FILE "
                     "or MCPPM_MCP_TOKEN) that clients must send\n";
            return 2;
        }
    }
    HttpListenerLimits limits;
    if (m_options.maxConnections > 0)
        limits.maxConnections = m_options.maxConnections;
    if (m_options.headerTimeoutMs > 0)
        limits.headerTimeoutMs = m_options.headerTimeoutMs;
    if (m_options.idleTimeoutMs > 0)
        limits.idleTimeoutMs = m_options.idleTimeoutMs;
    std::unique_ptr<McpEndpoint> endpoint;
    HttpListener *listener = nullptr;
    const auto metrics = [this, &listener, &endpoint](const HttpRequest &request) {
        HttpResponse response;
        response.contentType = "text/html; charset=utf-8";
        if (request.method != "GET" && request.method != "HEAD") {
            response.status = 405;
            response.contentType = "text/plain";
            response.headers.emplaceBack("Allow", "GET, HEAD");
            response.body = "GET /metrics\n";
        } else if (request.path == "/metrics") {
            response.contentType = PrometheusExporter::contentType();
            response.body = listener ? PrometheusExporter::render(*m_pool, listener->stats())
                                     : PrometheusExporter::render(*m_pool);
            if (endpoint)
                response.body += PrometheusExporter::renderEndpoint(endpoint->stats());
        } else if (request.path == "/") {
            response.body = "<html><body><a href=\"/metrics\">/metrics</a></body></html>\n";
        } else {
            response.status = 404;
            response.contentType = "text/plain";
            response.body = "not found; try /metrics\n";
        }
        return response;
    };
    endpointOptions.limits = limits;
    endpointOptions.limits.maxBodyBytes = 4 * 1024 * 1024;
    // The endpoint before the servers: they learn at connect what it relays.
    if (!buildPool(m_options.concurrency > 0 ? m_options.concurrency : 20, [&]() {
            if (mcp)
                endpoint = std::make_unique<McpEndpoint>(m_pool, endpointOptions);
        }))
        return 2;
    if (mcp) {
        if (!ownMetrics)
            endpoint->setFallbackHandler(
                [metrics](const HttpRequest &request, const std::shared_ptr<HttpExchange> &ex) {
                    ex->respond(metrics(request));
                });
        QString why;
        if (!endpoint->listen(mcpAddress, mcpPort, &why)) {
            m_err << "mcp-poolctl: cannot listen on " << m_options.mcpListen << ": " << why << "\n";
            return 1;
        }
        QObject::connect(endpoint.get(), &McpEndpoint::clientSeen, endpoint.get(),
                         [this](const QString &client, const QString &peer) {
                             m_err << "mcp-poolctl: MCP client \"" << client << "\" from " << peer
                                   << "\n";
                             m_err.flush();
                         });
        QObject::connect(endpoint.get(), &McpEndpoint::requestFailed, endpoint.get(),
                         [this](const QString &client, const QString &method, const QString &target,
                                const McpError &error) {
                             m_err << "mcp-poolctl: " << method << ' '
                                   << SafeText::escape(target.left(80)) << " of client \"" << client
                                   << "\" failed: " << error.toString() << "\n";
                             m_err.flush();
                         });
    }
    limits.maxBodyBytes = 64 * 1024; // /metrics takes no body
    std::unique_ptr<HttpListener> server;
    if (ownMetrics) {
        server = std::make_unique<HttpListener>(
            HttpListener::Handler(
                [metrics](const HttpRequest &request, const HttpListener::Responder &respond) {
                    respond(metrics(request));
                }),
            limits);
        listener = server.get();
        QString why;
        if (!server->listen(address, port, &why)) {
            m_err << "mcp-poolctl: cannot listen on " << listen << ": " << why << "\n";
            return 1;
        }
        // Once per episode, not per failed accept().
        QObject::connect(server.get(), &HttpListener::acceptFailed, server.get(),
                         [this, retryMs = limits.acceptRetryMs](const QString &error) {
                             m_err << "mcp-poolctl: cannot accept connections (" << error
                                   << "); paused, retrying every " << retryMs
                                   << " ms or when a connection closes\n";
                             m_err.flush();
                         });
        QObject::connect(server.get(), &HttpListener::acceptRecovered, server.get(),
                         [this](qint64 failures) {
                             m_err << "mcp-poolctl: accepting connections again (" << failures
                                   << " failed accept() calls)\n";
                             m_err.flush();
                         });
        m_out << "serving metrics on http://" << address.toString() << ':' << server->serverPort()
              << "/metrics (Ctrl-C ends)\n";
    }
    if (endpoint) {
        m_out << "serving MCP on " << endpoint->url() << " (Ctrl-C ends)\n";
        if (!ownMetrics)
            m_out << "serving metrics on " << endpoint->url().chopped(4) << "/metrics\n";
    }
    m_out.flush();
    QEventLoop loop;
    QObject guard;
    quitOnInterrupt(loop, &guard);
    loop.exec();
    m_err << "mcp-poolctl: stopping\n";
    if (endpoint)
        endpoint->close();
    return 0;
}

bool PoolCommands::anyInRotation() const
{
    for (const QString &id : m_pool->serverIds()) {
        if (isInRotation(m_pool->healthMonitor()->status(id)))
            return true;
    }
    return false;
}

int PoolCommands::callOrRead()
{
    const bool isCall = m_options.command == QLatin1String("call");
    if (m_options.arguments.size() != 1) {
        m_err << (isCall ? "mcp-poolctl: call wants exactly one TOOL name (arguments go in --args "
                           "JSON)\n"
                         : "mcp-poolctl: read wants exactly one resource URI\n");
        return 2;
    }
    QJsonObject arguments;
    QString why;
    if (isCall && !parseArgs(m_options.argsJson, &arguments, &why)) {
        m_err << "mcp-poolctl: " << why << "\n";
        return 2;
    }
    if (const int status = openPoolOnce())
        return status;
    PoolCallOptions call;
    call.priority = m_options.priority;
    call.timeoutMs = m_options.timeoutMs;
    call.server = m_options.on;
    const QString target = m_options.arguments.first();
    const TaskId id
        = isCall ? m_pool->callTool(target, arguments, call) : m_pool->readResource(target, call);
    QObject::connect(m_pool, &ServerPool::taskProgressed, m_pool,
                     [this, id](TaskId task, double progress, double total, const QString &text) {
                         if (task != id)
                             return;
                         m_err << "progress " << progress;
                         if (total > 0)
                             m_err << '/' << total;
                         if (!text.isEmpty())
                             m_err << ' ' << SafeText::escape(text);
                         m_err << "\n";
                         m_err.flush();
                     });
    QFutureWatcher<Task> watcher;
    QEventLoop loop;
    QObject::connect(&watcher, &QFutureWatcherBase::finished, &loop, &QEventLoop::quit);
    watcher.setFuture(m_pool->whenFinished(id));
    if (!watcher.isFinished())
        loop.exec(); // bounded: the task has a deadline (--timeout)
    const Task task = watcher.result();
    const bool failed = task.status != TaskStatus::Completed;
    ToolResult result;
    McpClient *client = m_pool->client(task.serverId);
    if (isCall && !failed)
        result = client ? client->interpretToolResult(target, task.result)
                        : ToolResult::fromJson(task.result);
    const qint64 latencyMs = task.finishedMs - task.startedMs;
    if (m_options.json) {
        QJsonObject root;
        root.insert(QStringLiteral("task"), qint64(task.id));
        root.insert(QStringLiteral("server"), task.serverId);
        root.insert(isCall ? QStringLiteral("tool") : QStringLiteral("uri"), target);
        root.insert(QStringLiteral("status"), taskStatusName(task.status));
        root.insert(QStringLiteral("attempts"), task.attempts);
        root.insert(QStringLiteral("latencyMs"), latencyMs);
        if (failed) {
            root.insert(QStringLiteral("error"), Output::errorJson(task.error));
        } else {
            root.insert(QStringLiteral("result"), task.result);
            if (result.schemaChecked)
                root.insert(QStringLiteral("outputSchemaValid"), result.schemaViolations.isEmpty());
            if (!result.schemaViolations.isEmpty())
                root.insert(QStringLiteral("outputSchemaErrors"),
                            QJsonArray::fromStringList(result.schemaViolations));
        }
        printJson(m_out, root);
    } else if (failed) {
        m_err << "mcp-poolctl: " << target << " failed: " << SafeText::escape(task.error.toString())
              << "\n";
    } else if (isCall) {
        m_err << "[" << task.serverId << ", " << latencyMs << " ms"
              << (task.attempts > 1 ? QStringLiteral(", %1 attempts").arg(task.attempts)
                                    : QString())
              << (result.isError ? ", tool reported an error" : "") << "]\n";
        m_err.flush();
        Output::printToolResult(m_out, m_err, result);
    } else {
        Output::printResourceContents(m_out, task.result);
    }
    m_out.flush();
    m_err.flush();
    if (failed && task.error.kind == McpError::Kind::NoHealthyServers && !anyInRotation())
        return 3;
    return (failed || result.isError || !result.schemaViolations.isEmpty()) ? 1 : 0;
}

bool PoolCommands::writeCsv(const QString &path)
{
    QStringList written;
    QString why;
    const bool ok = PoolCsv::save(*m_pool, path, &written, &why);
    for (const QString &file : std::as_const(written))
        m_err << "wrote " << file << "\n";
    if (!ok)
        m_err << "mcp-poolctl: " << why << "\n";
    m_err.flush();
    return ok;
}

int PoolCommands::exportCsv()
{
    if (m_options.arguments.size() != 1) {
        m_err << "mcp-poolctl: export-csv wants one FILE\n";
        return 2;
    }
    if (!buildPool(1))
        return 2;
    waitForServers(m_options.timeoutMs + 1000);
    if (m_options.watchSeconds > 0) {
        // Let the pool run (health checks, samples) for a while first.
        QEventLoop loop;
        QTimer::singleShot(m_options.watchSeconds * 1000, &loop, &QEventLoop::quit);
        loop.exec();
    }
    return writeCsv(m_options.arguments.first()) ? 0 : 1;
}

int PoolCommands::bench()
{
    if (m_options.calls <= 0 || m_options.concurrency <= 0 || m_options.benchTool.isEmpty()) {
        m_err
            << "mcp-poolctl: bench wants --tool NAME, --calls N (> 0) and --concurrency C (> 0)\n";
        return 2;
    }
    QJsonObject arguments;
    QString why;
    if (!parseArgs(m_options.argsJson, &arguments, &why)) {
        m_err << "mcp-poolctl: " << why << "\n";
        return 2;
    }
    if (!buildPool(m_options.concurrency))
        return 2;
    m_pool->queue()->setPaused(true); // start the clock with every server ready
    waitForServers(m_options.timeoutMs + 1000);
    m_pool->resetStatistics();
    // Per server, what the run changed: failovers away and status transitions.
    QHash<QString, qint64> awayBefore;
    QHash<QString, int> changesBefore;
    for (const QJsonValue &v : m_pool->servers()) {
        const QString id = v[QStringLiteral("id")].toString();
        awayBefore.insert(id,
                          v[QStringLiteral("stats")][QStringLiteral("failoversAway")].toInteger());
        changesBefore.insert(id, m_pool->healthMonitor()->health(id).statusChanges);
    }

    // A closed loop: a bounded window of calls is queued at any time, refilled
    // as calls end, so memory does not grow with --calls.
    const int window = qMax(4 * m_options.concurrency, 256);
    qint64 issued = 0, completed = 0, failed = 0, cancelled = 0, toolErrors = 0;
    QHash<QString, int> errorKinds;
    // Each task's enqueue time (ns on `clock`): task latency runs from there to
    // its terminal state, queue wait, failed and retried attempts included.
    QHash<TaskId, qint64> outstanding;
    LatencyHistogram taskLatency;
    QElapsedTimer clock;
    QEventLoop loop;
    PoolCallOptions call;
    call.priority = m_options.priority;
    auto refill = [&]() {
        while (issued < m_options.calls && outstanding.size() < window) {
            const qint64 enqueuedNs = clock.nsecsElapsed();
            outstanding.insert(m_pool->callTool(m_options.benchTool, arguments, call), enqueuedNs);
            ++issued;
        }
    };
    auto finished = [&](TaskId id) {
        const auto it = outstanding.constFind(id);
        if (it == outstanding.cend())
            return;
        taskLatency.record((clock.nsecsElapsed() - it.value()) / 1000);
        outstanding.erase(it);
        refill();
        if (outstanding.isEmpty())
            loop.quit();
    };
    QObject::connect(m_pool, &ServerPool::taskCompleted, &loop,
                     [&](TaskId id, const QJsonObject &result) {
                         if (!outstanding.contains(id))
                             return;
                         ++completed;
                         toolErrors += result.value(QStringLiteral("isError")).toBool() ? 1 : 0;
                         finished(id);
                     });
    QObject::connect(m_pool, &ServerPool::taskFailed, &loop, [&](TaskId id, const McpError &e) {
        if (!outstanding.contains(id))
            return;
        if (e.kind == McpError::Kind::Cancelled)
            ++cancelled;
        else
            ++failed;
        ++errorKinds[McpError::kindName(e.kind)];
        finished(id);
    });
    QTimer progress;
    QObject::connect(&progress, &QTimer::timeout, &loop, [&]() {
        m_err << "bench: " << (completed + failed + cancelled) << "/" << m_options.calls
              << " done, " << qRound(double(completed) * 1000.0 / qMax<qint64>(1, clock.elapsed()))
              << " calls/s\n";
        m_err.flush();
    });
    progress.start(1000);
    // Bounded: every task has a deadline, so the run ends; this is a last guard.
    QTimer::singleShot(qMax(60000, m_options.calls * 100), &loop, &QEventLoop::quit);
    const double cpuBefore = cpuMs();
    clock.start();
    refill();
    m_pool->queue()->setPaused(false);
    if (!outstanding.isEmpty())
        loop.exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const double cpu = cpuMs() - cpuBefore;
    progress.stop();
    const WorkQueueStats q = m_pool->queue()->stats();
    const qint64 lost = m_options.calls - (completed + failed + cancelled);

    // The main figure: each task from enqueue to its end (completed, failed or
    // cancelled), whatever its attempts did. Apart: each answered attempt, from
    // sending to the answer (attempts that failed or timed out are not in it).
    auto ms = [](qint64 us) { return double(us) / 1000.0; };
    auto figures = [&ms](const LatencyHistogram &h) {
        QJsonObject o;
        o.insert(QStringLiteral("p50"), ms(h.percentileUs(50)));
        o.insert(QStringLiteral("p95"), ms(h.percentileUs(95)));
        o.insert(QStringLiteral("p99"), ms(h.percentileUs(99)));
        o.insert(QStringLiteral("max"), ms(h.maxUs()));
        o.insert(QStringLiteral("mean"), h.meanUs() / 1000.0);
        o.insert(QStringLiteral("count"), h.count());
        return o;
    };
    const CallStatistics &attempts = m_pool->statistics().total();
    const QJsonObject latency = figures(taskLatency);
    const QJsonObject attemptLatency = figures(attempts.latency);
    QJsonObject kinds;
    for (auto it = errorKinds.cbegin(); it != errorKinds.cend(); ++it)
        kinds.insert(it.key(), it.value());
    // Per server: attempts it got, their errors, failed attempts that moved on
    // to another server at once, its status at the end and how often it
    // changed during the run, and the latency of its answered attempts.
    QJsonArray perServer;
    for (const QJsonValue &v : m_pool->servers()) {
        const QString id = v[QStringLiteral("id")].toString();
        const CallStatistics none;
        const CallStatistics *c = m_pool->statistics().server(id);
        if (!c)
            c = &none;
        // Every transition during the run (the monitor counts them all; its
        // history keeps only the last 50).
        const int changes
            = m_pool->healthMonitor()->health(id).statusChanges - changesBefore.value(id);
        const QJsonObject l = figures(c->latency);
        QJsonObject o;
        o.insert(QStringLiteral("id"), id);
        o.insert(QStringLiteral("calls"), c->requests);
        o.insert(QStringLiteral("errors"), c->errors);
        o.insert(QStringLiteral("failovers_away"),
                 v[QStringLiteral("stats")][QStringLiteral("failoversAway")].toInteger()
                     - awayBefore.value(id));
        o.insert(QStringLiteral("final_status"), v[QStringLiteral("status")].toString());
        o.insert(QStringLiteral("status_changes"), changes);
        o.insert(QStringLiteral("latency_ms"),
                 QJsonObject{{QStringLiteral("p50"), l[QStringLiteral("p50")]},
                             {QStringLiteral("p95"), l[QStringLiteral("p95")]},
                             {QStringLiteral("p99"), l[QStringLiteral("p99")]}});
        perServer.append(o);
    }
    QJsonObject r;
    r.insert(QStringLiteral("tool"), m_options.benchTool);
    r.insert(QStringLiteral("calls"), m_options.calls);
    r.insert(QStringLiteral("concurrency"), m_options.concurrency);
    r.insert(QStringLiteral("server_count"), int(m_options.servers.size()));
    r.insert(QStringLiteral("servers"), perServer);
    r.insert(QStringLiteral("strategy"), LoadBalancer::name(m_options.strategy));
    r.insert(QStringLiteral("completed"), completed);
    r.insert(QStringLiteral("tool_errors"), toolErrors);
    r.insert(QStringLiteral("failed"), failed);
    r.insert(QStringLiteral("cancelled"), cancelled);
    r.insert(QStringLiteral("lost"), lost);
    r.insert(QStringLiteral("errors_by_kind"), kinds);
    r.insert(QStringLiteral("seconds"), seconds);
    r.insert(QStringLiteral("calls_per_s"), seconds > 0 ? double(completed) / seconds : 0);
    r.insert(QStringLiteral("task_latency_ms"), latency);
    r.insert(QStringLiteral("latency_ms"), latency); // the same; older scripts read this name
    r.insert(QStringLiteral("attempt_latency_ms"), attemptLatency);
    r.insert(QStringLiteral("attempts"), attempts.requests);
    r.insert(QStringLiteral("failed_attempts"), attempts.errors);
    r.insert(QStringLiteral("cpu_ms_per_call"),
             m_options.calls ? cpu / double(m_options.calls) : 0);
    r.insert(QStringLiteral("max_rss_mb"), maxRssMb());
    // Attempts moved to another server: handed back before reaching it, or
    // retried elsewhere at once after a failure.
    r.insert(QStringLiteral("failovers"), q.requeues + q.failovers);
    r.insert(QStringLiteral("retries"), q.retries);
    if (m_options.json) {
        printJson(m_out, r);
    } else {
        m_out << QStringLiteral("calls %1  completed %2  failed %3  cancelled %4  lost %5\n")
                     .arg(m_options.calls)
                     .arg(completed)
                     .arg(failed)
                     .arg(cancelled)
                     .arg(lost);
        auto line = [this](const QString &label, const QJsonObject &l) {
            m_out << QStringLiteral("%1 p50 %2  p95 %3  p99 %4  max %5\n")
                         .arg(label)
                         .arg(l.value(QStringLiteral("p50")).toDouble(), 0, 'f', 2)
                         .arg(l.value(QStringLiteral("p95")).toDouble(), 0, 'f', 2)
                         .arg(l.value(QStringLiteral("p99")).toDouble(), 0, 'f', 2)
                         .arg(l.value(QStringLiteral("max")).toDouble(), 0, 'f', 2);
        };
        m_out << QStringLiteral("%1 s  %2 calls/s\n")
                     .arg(seconds, 0, 'f', 2)
                     .arg(r.value(QStringLiteral("calls_per_s")).toDouble(), 0, 'f', 0);
        line(QStringLiteral("task latency ms (enqueue to end, queue wait and retries included)"),
             latency);
        line(QStringLiteral("attempt latency ms (answered attempts, %1 of %2, send to answer)")
                 .arg(attemptLatency.value(QStringLiteral("count")).toInteger())
                 .arg(attempts.requests),
             attemptLatency);
        m_out << QStringLiteral("cpu %1 ms/call  max rss %2 MB  failovers %3  retries %4\n")
                     .arg(r.value(QStringLiteral("cpu_ms_per_call")).toDouble(), 0, 'f', 3)
                     .arg(maxRssMb(), 0, 'f', 1)
                     .arg(q.requeues + q.failovers)
                     .arg(q.retries);
        m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                     .arg(QStringLiteral("SERVER"), -16)
                     .arg(QStringLiteral("STATUS"), -13)
                     .arg(QStringLiteral("CALLS"), 8)
                     .arg(QStringLiteral("ERRORS"), 7)
                     .arg(QStringLiteral("AWAY"), 6)
                     .arg(QStringLiteral("CHANGES"), 7)
                     .arg(QStringLiteral("P50 MS"), 8)
                     .arg(QStringLiteral("P95 MS"), 8)
                     .arg(QStringLiteral("P99 MS"), 8);
        for (const QJsonValue &v : std::as_const(perServer)) {
            const QJsonObject l = v[QStringLiteral("latency_ms")].toObject();
            m_out << QStringLiteral("%1 %2 %3 %4 %5 %6 %7 %8 %9\n")
                         .arg(SafeText::escape(v[QStringLiteral("id")].toString()), -16)
                         .arg(v[QStringLiteral("final_status")].toString(), -13)
                         .arg(v[QStringLiteral("calls")].toInteger(), 8)
                         .arg(v[QStringLiteral("errors")].toInteger(), 7)
                         .arg(v[QStringLiteral("failovers_away")].toInteger(), 6)
                         .arg(v[QStringLiteral("status_changes")].toInt(), 7)
                         .arg(l[QStringLiteral("p50")].toDouble(), 8, 'f', 2)
                         .arg(l[QStringLiteral("p95")].toDouble(), 8, 'f', 2)
                         .arg(l[QStringLiteral("p99")].toDouble(), 8, 'f', 2);
        }
        m_out << "(AWAY: failed attempts that moved to another server; CHANGES: status changes "
                 "during the run)\n";
    }
    m_out.flush();
    if (!m_options.csvPath.isEmpty() && !writeCsv(m_options.csvPath))
        return 1;
    return (lost == 0 && failed == 0 && cancelled == 0) ? 0 : 1;
}

// For one-shot commands: --on must name a --server; builds the pool and
// waits for it. 0 when some server is in rotation, else the exit code.
int PoolCommands::openPoolOnce()
{
    if (!m_options.on.isEmpty() && !m_pool) {
        bool known = false;
        for (const ServerSpec &spec : std::as_const(m_options.servers))
            known = known || spec.id == m_options.on;
        if (!known) {
            m_err << "mcp-poolctl: --on " << m_options.on << ": no such --server\n";
            return 2;
        }
    }
    if (!buildPool(1))
        return 2;
    waitForServers(m_options.timeoutMs + 1000);
    if (!anyInRotation()) {
        for (const QJsonValue &v : m_pool->servers()) {
            const QJsonObject s = v.toObject();
            m_err << "mcp-poolctl: " << s.value(QStringLiteral("id")).toString() << ": "
                  << SafeText::escape(s.value(QStringLiteral("lastError"))
                                          .toString(QStringLiteral("not reachable")))
                  << "\n";
        }
        m_err << "mcp-poolctl: no server could be reached\n";
        return 3;
    }
    return 0;
}

} // namespace mcppm::poolctl
