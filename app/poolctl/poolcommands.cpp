#include "poolcommands.h"

#include "pool/serverpool.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSocketNotifier>
#include <QTimer>

#include <algorithm>
#include <csignal>
#include <sys/resource.h>

namespace mcppm::poolctl {

namespace {
void printJson(QTextStream &out, const QJsonValue &value)
{
    const QJsonDocument doc
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    out.flush();
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

double percentile(QList<double> sorted, double p)
{
    if (sorted.isEmpty())
        return 0;
    const qsizetype index = qMin(sorted.size() - 1, qsizetype(p / 100.0 * double(sorted.size())));
    return sorted.at(index);
}
} // namespace

PoolCommands::PoolCommands(const PoolctlOptions &options, QTextStream &out, QTextStream &err)
    : m_options(options)
    , m_out(out)
    , m_err(err)
{ }

PoolCommands::~PoolCommands()
{
    shutDown();
}

bool PoolCommands::buildPool(int concurrency)
{
    ServerPoolOptions options;
    options.strategy = m_options.strategy;
    options.queue.concurrentTasks = qMax(1, concurrency);
    options.queue.taskTimeoutMs = qMax(m_options.timeoutMs * 4, 30000);
    options.healthCheckIntervalMs = 5000;
    options.health.reconnectDelayMs = 500;
    m_pool = new ServerPool(options);
    m_pool->initialize();
    for (const ServerSpec &spec : std::as_const(m_options.servers)) {
        ServerOptions server;
        server.timeoutMs = spec.timeoutMs > 0 ? spec.timeoutMs : m_options.timeoutMs;
        server.maxConcurrent = spec.maxConcurrent;
        server.priority = spec.priority;
        server.weight = spec.weight;
        QString why;
        if (!m_pool->addServer(spec.id, spec.url, spec.token, server, &why)) {
            m_err << "mcp-poolctl: " << why << "\n";
            return false;
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
    delete m_pool;
    m_pool = nullptr;
}

int PoolCommands::run()
{
    if (m_options.servers.isEmpty()) {
        m_err << "mcp-poolctl: " << m_options.command << " needs at least one --server ID=URL\n";
        return 2;
    }
    if (m_options.command == QLatin1String("servers"))
        return servers();
    if (m_options.command == QLatin1String("stats"))
        return stats();
    if (m_options.command == QLatin1String("bench"))
        return bench();
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
        m_out << QStringLiteral("%1 %2 %3 %4 %5  %6\n")
                     .arg(QStringLiteral("ID"), -12)
                     .arg(QStringLiteral("STATUS"), -12)
                     .arg(QStringLiteral("TOOLS"), 5)
                     .arg(QStringLiteral("PRIO"), 4)
                     .arg(QStringLiteral("WEIGHT"), 6)
                     .arg(QStringLiteral("URL / LAST ERROR"));
        for (const QJsonValue &v : list) {
            const QJsonObject s = v.toObject();
            m_out << QStringLiteral("%1 %2 %3 %4 %5  %6\n")
                         .arg(s.value(QStringLiteral("id")).toString(), -12)
                         .arg(s.value(QStringLiteral("status")).toString(), -12)
                         .arg(s.value(QStringLiteral("tools")).toInt(), 5)
                         .arg(s.value(QStringLiteral("priority")).toInt(), 4)
                         .arg(s.value(QStringLiteral("weight")).toInt(), 6)
                         .arg(s.contains(QStringLiteral("lastError"))
                                  ? s.value(QStringLiteral("lastError")).toString()
                                  : s.value(QStringLiteral("url")).toString());
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
    auto printOnce = [this]() {
        if (m_options.json) {
            QJsonObject o = m_pool->stats();
            o.insert(QStringLiteral("serverList"), m_pool->servers());
            printJson(m_out, o);
            return;
        }
        const QJsonObject s = m_pool->stats();
        const QJsonObject q = s.value(QStringLiteral("queue")).toObject();
        m_out << QDateTime::currentDateTime().toString(Qt::ISODate) << "  servers "
              << s.value(QStringLiteral("servers")).toInt() << "  healthy "
              << s.value(QStringLiteral("healthy")).toInt() << "  degraded "
              << s.value(QStringLiteral("degraded")).toInt() << "  offline "
              << s.value(QStringLiteral("offline")).toInt() << "  pending "
              << q.value(QStringLiteral("pending")).toInt() << "  in progress "
              << q.value(QStringLiteral("inProgress")).toInt() << "  completed "
              << q.value(QStringLiteral("completed")).toInteger() << "  strategy "
              << s.value(QStringLiteral("strategy")).toString() << "\n";
        m_out.flush();
    };
    printOnce();
    if (m_options.watchSeconds <= 0)
        return 0;
    // --watch: print every N seconds until interrupted (Ctrl-C ends cleanly).
    QEventLoop loop;
    QTimer timer;
    QObject::connect(&timer, &QTimer::timeout, &loop, printOnce);
    timer.start(m_options.watchSeconds * 1000);
    static int pipeFds[2] = {-1, -1};
    if (::pipe(pipeFds) == 0) {
        auto *notifier = new QSocketNotifier(pipeFds[0], QSocketNotifier::Read, &timer);
        QObject::connect(notifier, &QSocketNotifier::activated, &loop, &QEventLoop::quit);
        std::signal(SIGINT,
                    [](int) { [[maybe_unused]] const auto n = ::write(pipeFds[1], "x", 1); });
        std::signal(SIGTERM,
                    [](int) { [[maybe_unused]] const auto n = ::write(pipeFds[1], "x", 1); });
    }
    loop.exec();
    return 0;
}

int PoolCommands::bench()
{
    if (m_options.calls <= 0 || m_options.concurrency <= 0 || m_options.benchTool.isEmpty()) {
        m_err
            << "mcp-poolctl: bench wants --tool NAME, --calls N (> 0) and --concurrency C (> 0)\n";
        return 2;
    }
    QJsonParseError pe;
    const QJsonDocument args = QJsonDocument::fromJson(m_options.argsJson.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !args.isObject()) {
        m_err << "mcp-poolctl: --args must be a JSON object\n";
        return 2;
    }
    if (!buildPool(m_options.concurrency))
        return 2;
    m_pool->queue()->setPaused(true); // start the clock with every server ready
    waitForServers(m_options.timeoutMs + 1000);
    const QJsonObject arguments = args.object();
    QHash<TaskId, bool> outstanding;
    QList<double> latencies;
    latencies.reserve(m_options.calls);
    qint64 completed = 0, failed = 0, cancelled = 0, toolErrors = 0;
    QHash<QString, int> errorKinds;
    QEventLoop loop;
    auto finished = [&](TaskId id) {
        if (!outstanding.remove(id))
            return;
        if (const auto task = m_pool->queue()->task(id))
            latencies << double(task->finishedMs - task->startedMs);
        if (outstanding.isEmpty())
            loop.quit();
    };
    QObject::connect(m_pool, &ServerPool::taskCompleted, &loop,
                     [&](TaskId id, const QJsonObject &result) {
                         ++completed;
                         toolErrors += result.value(QStringLiteral("isError")).toBool() ? 1 : 0;
                         finished(id);
                     });
    QObject::connect(m_pool, &ServerPool::taskFailed, &loop, [&](TaskId id, const McpError &e) {
        if (e.kind == McpError::Kind::Cancelled)
            ++cancelled;
        else
            ++failed;
        ++errorKinds[McpError::kindName(e.kind)];
        finished(id);
    });
    for (int i = 0; i < m_options.calls; ++i)
        outstanding.insert(m_pool->callTool(m_options.benchTool, arguments), true);
    QTimer progress;
    QElapsedTimer clock;
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
    m_pool->queue()->setPaused(false);
    if (!outstanding.isEmpty())
        loop.exec();
    const double seconds = double(clock.nsecsElapsed()) / 1e9;
    const double cpu = cpuMs() - cpuBefore;
    progress.stop();
    const WorkQueueStats q = m_pool->queue()->stats();
    std::sort(latencies.begin(), latencies.end());

    QJsonObject latency;
    latency.insert(QStringLiteral("p50"), percentile(latencies, 50));
    latency.insert(QStringLiteral("p95"), percentile(latencies, 95));
    latency.insert(QStringLiteral("p99"), percentile(latencies, 99));
    latency.insert(QStringLiteral("max"), latencies.isEmpty() ? 0 : latencies.last());
    QJsonObject kinds;
    for (auto it = errorKinds.cbegin(); it != errorKinds.cend(); ++it)
        kinds.insert(it.key(), it.value());
    QJsonObject r;
    r.insert(QStringLiteral("tool"), m_options.benchTool);
    r.insert(QStringLiteral("calls"), m_options.calls);
    r.insert(QStringLiteral("concurrency"), m_options.concurrency);
    r.insert(QStringLiteral("strategy"), LoadBalancer::name(m_options.strategy));
    r.insert(QStringLiteral("completed"), completed);
    r.insert(QStringLiteral("tool_errors"), toolErrors);
    r.insert(QStringLiteral("failed"), failed);
    r.insert(QStringLiteral("cancelled"), cancelled);
    r.insert(QStringLiteral("lost"), qint64(outstanding.size()));
    r.insert(QStringLiteral("errors_by_kind"), kinds);
    r.insert(QStringLiteral("seconds"), seconds);
    r.insert(QStringLiteral("calls_per_s"), seconds > 0 ? double(completed) / seconds : 0);
    r.insert(QStringLiteral("latency_ms"), latency);
    r.insert(QStringLiteral("cpu_ms_per_call"),
             m_options.calls ? cpu / double(m_options.calls) : 0);
    r.insert(QStringLiteral("max_rss_mb"), maxRssMb());
    r.insert(QStringLiteral("failovers"), q.retries + q.requeues);
    if (m_options.json) {
        printJson(m_out, r);
    } else {
        m_out << QStringLiteral("calls %1  completed %2  failed %3  cancelled %4  lost %5\n")
                     .arg(m_options.calls)
                     .arg(completed)
                     .arg(failed)
                     .arg(cancelled)
                     .arg(outstanding.size());
        m_out << QStringLiteral("%1 s  %2 calls/s  latency ms p50 %3  p95 %4  p99 %5  max %6\n")
                     .arg(seconds, 0, 'f', 2)
                     .arg(r.value(QStringLiteral("calls_per_s")).toDouble(), 0, 'f', 0)
                     .arg(latency.value(QStringLiteral("p50")).toDouble())
                     .arg(latency.value(QStringLiteral("p95")).toDouble())
                     .arg(latency.value(QStringLiteral("p99")).toDouble())
                     .arg(latency.value(QStringLiteral("max")).toDouble());
        m_out << QStringLiteral("cpu %1 ms/call  max rss %2 MB  failovers %3\n")
                     .arg(r.value(QStringLiteral("cpu_ms_per_call")).toDouble(), 0, 'f', 3)
                     .arg(maxRssMb(), 0, 'f', 1)
                     .arg(q.retries + q.requeues);
    }
    m_out.flush();
    return (outstanding.isEmpty() && failed == 0 && cancelled == 0) ? 0 : 1;
}

} // namespace mcppm::poolctl
