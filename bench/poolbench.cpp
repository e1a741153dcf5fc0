// mcppm-poolbench: figures for the pool that a test cannot check.
//
//   mcppm-poolbench idle --servers N --seconds S [--health-interval MS]
//                        [--sample-interval MS] URL...
//       N server entries spread over the given MCP servers (each entry is its
//       own session), all connected; then the process idles for S seconds with
//       the default health interval (30 s) and the once-a-second sampling
//       (or the given ones; 0 = none, to see what each costs). Prints the CPU
//       used while idle as a share of one core, also per 1 000 servers, how
//       many requests (health pings) were sent meanwhile, and RSS (also per server).
//   mcppm-poolbench queue --tasks N [--concurrency C]
//       Enqueues N tasks into a WorkQueue and drains them through a dispatcher
//       that answers on the next event-loop turn. Prints µs per task for
//       enqueue and drain, so runs with different N show the cost per task.

#include "pool/serverpool.h"
#include "pool/workqueue.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <sys/resource.h>

using namespace mcppm;

namespace {
double cpuMs()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
        + double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

double rssMb()
{
    QFile f(QStringLiteral("/proc/self/statm"));
    if (!f.open(QIODevice::ReadOnly))
        return 0;
    const QList<QByteArray> fields = f.readAll().split(' ');
    return fields.size() > 1 ? fields.at(1).toDouble() * 4096.0 / (1024.0 * 1024.0) : 0;
}

void wait(int ms)
{
    QEventLoop loop;
    QTimer::singleShot(ms, &loop, &QEventLoop::quit);
    loop.exec();
}

struct IdleOptions
{
    int servers = 0;
    int seconds = 0;
    int healthIntervalMs = ServerPoolOptions().healthCheckIntervalMs;
    int sampleIntervalMs = ServerPoolOptions().sampleIntervalMs;
};

int idle(const IdleOptions &o, const QStringList &urls, QTextStream &out, QTextStream &err)
{
    const int servers = o.servers;
    const int seconds = o.seconds;
    if (servers <= 0 || seconds <= 0 || urls.isEmpty() || o.healthIntervalMs < 0
        || o.sampleIntervalMs < 0) {
        err << "idle wants --servers N --seconds S and at least one URL\n";
        return 2;
    }
    const double rssBefore = rssMb();
    ServerPoolOptions options; // defaults: 30 s health interval, 1 s samples
    // 0 = no health pings: an interval longer than the run.
    options.healthCheckIntervalMs = o.healthIntervalMs > 0 ? o.healthIntervalMs : 24 * 3600 * 1000;
    options.sampleIntervalMs = o.sampleIntervalMs;
    ServerPool pool(options);
    pool.initialize();
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < servers; ++i) {
        QString why;
        if (!pool.addServer(QStringLiteral("s%1").arg(i), QUrl(urls.at(i % urls.size())), {}, {},
                            &why)) {
            err << why << "\n";
            return 2;
        }
    }
    // Until every entry is in rotation with its tools (bounded).
    int ready = 0;
    while (clock.elapsed() < 120000) {
        ready = 0;
        for (const QString &id : pool.serverIds())
            ready += isInRotation(pool.healthMonitor()->status(id))
                    && !pool.client(id)->tools().isEmpty()
                ? 1
                : 0;
        if (ready == servers)
            break;
        wait(100);
    }
    const double connectSeconds = double(clock.elapsed()) / 1000.0;
    wait(2000); // let the connection burst settle
    auto requestsSent = [&pool]() { // while idle: the health pings
        qint64 n = 0;
        for (const QString &id : pool.serverIds())
            n += pool.client(id)->stats().requestsSent;
        return n;
    };
    const qint64 requestsBefore = requestsSent();
    const double cpuBefore = cpuMs();
    QElapsedTimer idleClock;
    idleClock.start();
    wait(seconds * 1000);
    const double cpu = cpuMs() - cpuBefore;
    const double wall = double(idleClock.elapsed());
    const double percent = 100.0 * cpu / wall;
    const double rss = rssMb();
    QJsonObject r;
    r.insert(QStringLiteral("servers"), servers);
    r.insert(QStringLiteral("ready"), ready);
    r.insert(QStringLiteral("connect_s"), connectSeconds);
    r.insert(QStringLiteral("health_interval_ms"), o.healthIntervalMs);
    r.insert(QStringLiteral("sample_interval_ms"), o.sampleIntervalMs);
    r.insert(QStringLiteral("idle_s"), wall / 1000.0);
    r.insert(QStringLiteral("idle_cpu_percent_of_one_core"), percent);
    r.insert(QStringLiteral("idle_cpu_percent_per_1000_servers"), percent * 1000.0 / servers);
    r.insert(QStringLiteral("requests_while_idle"), double(requestsSent() - requestsBefore));
    r.insert(QStringLiteral("rss_mb"), rss);
    r.insert(QStringLiteral("rss_kb_per_server"), (rss - rssBefore) * 1024.0 / servers);
    out << QJsonDocument(r).toJson(QJsonDocument::Compact) << "\n";
    out.flush();
    // End the sessions politely before exiting.
    QEventLoop loop;
    QObject::connect(&pool, &ServerPool::shutdownFinished, &loop, &QEventLoop::quit);
    pool.shutdown();
    QTimer::singleShot(5000, &loop, &QEventLoop::quit);
    loop.exec();
    wait(500);
    return ready == servers ? 0 : 1;
}

int queue(int tasks, int concurrency, QTextStream &out)
{
    WorkQueueOptions o;
    o.concurrentTasks = concurrency;
    o.taskTimeoutMs = 0;
    WorkQueue q(o);
    q.setPaused(true);
    q.setDispatcher([](const Task &, WorkQueue::Done done) -> std::optional<WorkQueue::Abort> {
        QTimer::singleShot(0, [done]() { done(TaskOutcome::success({})); });
        return WorkQueue::Abort([] {});
    });
    const QJsonObject payload{{QStringLiteral("name"), QStringLiteral("echo")}};
    QElapsedTimer clock;
    clock.start();
    for (int i = 0; i < tasks; ++i)
        q.enqueue(Task::Type::ToolCall, payload, i % 4);
    const double enqueueNs = double(clock.nsecsElapsed());
    const double rssQueued = rssMb();
    QEventLoop loop;
    QObject::connect(&q, &WorkQueue::drained, &loop, &QEventLoop::quit);
    clock.restart();
    q.setPaused(false);
    loop.exec();
    const double drainNs = double(clock.nsecsElapsed());
    const WorkQueueStats s = q.stats();
    QJsonObject r;
    r.insert(QStringLiteral("tasks"), tasks);
    r.insert(QStringLiteral("completed"), s.completed);
    r.insert(QStringLiteral("enqueue_us_per_task"), enqueueNs / 1000.0 / tasks);
    r.insert(QStringLiteral("drain_us_per_task"), drainNs / 1000.0 / tasks);
    r.insert(QStringLiteral("drain_s"), drainNs / 1e9);
    r.insert(QStringLiteral("rss_mb_all_queued"), rssQueued);
    r.insert(QStringLiteral("history_kept"), s.history);
    out << QJsonDocument(r).toJson(QJsonDocument::Compact) << "\n";
    out.flush();
    return s.completed == tasks ? 0 : 1;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);
    QStringList args = QCoreApplication::arguments().mid(1);
    if (args.isEmpty()) {
        err << "usage: mcppm-poolbench idle --servers N --seconds S [--health-interval MS] "
               "[--sample-interval MS] URL... | queue --tasks N [--concurrency C]\n";
        return 2;
    }
    const QString mode = args.takeFirst();
    IdleOptions idleOptions;
    int tasks = 0, concurrency = 20;
    QStringList urls;
    for (int i = 0; i < args.size(); ++i) {
        const QString a = args.at(i);
        auto number = [&]() { return i + 1 < args.size() ? args.at(++i).toInt() : 0; };
        if (a == QLatin1String("--servers"))
            idleOptions.servers = number();
        else if (a == QLatin1String("--seconds"))
            idleOptions.seconds = number();
        else if (a == QLatin1String("--health-interval"))
            idleOptions.healthIntervalMs = number();
        else if (a == QLatin1String("--sample-interval"))
            idleOptions.sampleIntervalMs = number();
        else if (a == QLatin1String("--tasks"))
            tasks = number();
        else if (a == QLatin1String("--concurrency"))
            concurrency = number();
        else
            urls << a;
    }
    if (mode == QLatin1String("idle"))
        return idle(idleOptions, urls, out, err);
    if (mode == QLatin1String("queue") && tasks > 0 && concurrency > 0)
        return queue(tasks, concurrency, out);
    err << "unknown mode or missing --tasks\n";
    return 2;
}
