#include "host/prometheusexporter.h"

#include "host/mcpendpoint.h"

#include "host/httplistener.h"

#include "pool/serverpool.h"

namespace mcppm {

namespace {
// Bucket bounds for request durations, in seconds.
constexpr double kBuckets[]
    = {0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

QString number(double v)
{
    return QString::number(v, 'g', 12);
}

class Writer
{
public:
    void family(const char *name, const char *type, const char *help)
    {
        m_out += QStringLiteral("# HELP %1 %2\n# TYPE %1 %3\n")
                     .arg(QLatin1String(name), QLatin1String(help), QLatin1String(type));
    }
    void sample(const QString &name, const QList<std::pair<QString, QString>> &labels, double v)
    {
        m_out += name;
        if (!labels.isEmpty()) {
            m_out += QLatin1Char('{');
            for (qsizetype i = 0; i < labels.size(); ++i) {
                if (i)
                    m_out += QLatin1Char(',');
                m_out += labels.at(i).first + QStringLiteral("=\"")
                    + PrometheusExporter::escapeLabel(labels.at(i).second) + QLatin1Char('"');
            }
            m_out += QLatin1Char('}');
        }
        m_out += QLatin1Char(' ') + number(v) + QLatin1Char('\n');
    }
    void histogram(const QString &name, const QString &labelName, const QString &labelValue,
                   const LatencyHistogram &h)
    {
        for (double bound : kBuckets)
            sample(name + QStringLiteral("_bucket"),
                   {{labelName, labelValue}, {QStringLiteral("le"), number(bound)}},
                   double(h.countAtOrBelow(qint64(bound * 1e6))));
        sample(name + QStringLiteral("_bucket"),
               {{labelName, labelValue}, {QStringLiteral("le"), QStringLiteral("+Inf")}},
               double(h.count()));
        sample(name + QStringLiteral("_sum"), {{labelName, labelValue}}, double(h.sumUs()) / 1e6);
        sample(name + QStringLiteral("_count"), {{labelName, labelValue}}, double(h.count()));
    }
    QByteArray bytes() const { return m_out.toUtf8(); }

private:
    QString m_out;
};
} // namespace

QString PrometheusExporter::escapeLabel(const QString &value)
{
    QString v = value;
    v.replace(QLatin1Char('\\'), QStringLiteral("\\\\"));
    v.replace(QLatin1Char('"'), QStringLiteral("\\\""));
    v.replace(QLatin1Char('\n'), QStringLiteral("\\n"));
    return v;
}

QByteArray PrometheusExporter::render(const ServerPool &pool)
{
    Writer w;
    const QList<ServerRow> rows = pool.serverRows();
    const PoolStatistics &stats = pool.statistics();
    static const QStringList statuses{QStringLiteral("connecting"),   QStringLiteral("online"),
                                      QStringLiteral("degraded"),     QStringLiteral("offline"),
                                      QStringLiteral("reconnecting"), QStringLiteral("dead"),
                                      QStringLiteral("ejected"),      QStringLiteral("disabled")};

    w.family("mcppm_server_status", "gauge", "1 for the server's current health status.");
    for (const ServerRow &r : rows) {
        for (const QString &status : statuses)
            w.sample(QStringLiteral("mcppm_server_status"),
                     {{QStringLiteral("server"), r.id}, {QStringLiteral("status"), status}},
                     r.status == status ? 1 : 0);
    }
    w.family("mcppm_server_protocol_info", "gauge",
             "1 per connected server, labelled with the MCP era and protocol version it speaks.");
    for (const ServerRow &r : rows) {
        if (r.era.isEmpty())
            continue;
        w.sample(QStringLiteral("mcppm_server_protocol_info"),
                 {{QStringLiteral("server"), r.id},
                  {QStringLiteral("era"), r.era},
                  {QStringLiteral("protocol_version"), r.protocolVersion}},
                 1);
    }
    w.family("mcppm_server_draining", "gauge",
             "1 while the operator drains the server (no new work; running calls finish).");
    for (const ServerRow &r : rows)
        w.sample(QStringLiteral("mcppm_server_draining"), {{QStringLiteral("server"), r.id}},
                 r.draining ? 1 : 0);
    w.family("mcppm_server_held_seconds", "gauge",
             "Seconds left of the pause the server asked for with 429/503 Retry-After.");
    for (const ServerRow &r : rows)
        w.sample(QStringLiteral("mcppm_server_held_seconds"), {{QStringLiteral("server"), r.id}},
                 double(r.heldForMs) / 1000.0);
    w.family("mcppm_server_rate_limit_per_second", "gauge",
             "Client-side limit of calls started per second on the server (0 = none).");
    for (const ServerRow &r : rows)
        w.sample(QStringLiteral("mcppm_server_rate_limit_per_second"),
                 {{QStringLiteral("server"), r.id}}, r.ratePerSecond);
    // Local (stdio) servers: their processes.
    QList<ServerRow> local;
    for (const ServerRow &r : rows) {
        if (r.local)
            local.append(r);
    }
    if (!local.isEmpty()) {
        w.family("mcppm_server_process_up", "gauge",
                 "1 while a local server's process runs, else 0 (starting, exited, gave up).");
        for (const ServerRow &r : std::as_const(local))
            w.sample(QStringLiteral("mcppm_server_process_up"),
                     {{QStringLiteral("server"), r.id}, {QStringLiteral("state"), r.processState}},
                     r.processState == QLatin1String("running") ? 1 : 0);
        w.family("mcppm_server_process_cpu_ratio", "gauge",
                 "CPU a local server's process used over the last second, as a share of one core.");
        for (const ServerRow &r : std::as_const(local))
            w.sample(QStringLiteral("mcppm_server_process_cpu_ratio"),
                     {{QStringLiteral("server"), r.id}}, r.cpuPercent / 100.0);
        w.family("mcppm_server_process_resident_memory_bytes", "gauge",
                 "Resident memory of a local server's process.");
        for (const ServerRow &r : std::as_const(local))
            w.sample(QStringLiteral("mcppm_server_process_resident_memory_bytes"),
                     {{QStringLiteral("server"), r.id}}, double(r.rssBytes));
        w.family("mcppm_server_process_restarts_total", "counter",
                 "Times a local server's process was started again after it ended.");
        for (const ServerRow &r : std::as_const(local))
            w.sample(QStringLiteral("mcppm_server_process_restarts_total"),
                     {{QStringLiteral("server"), r.id}}, r.restarts);
    }
    w.family("mcppm_server_in_flight", "gauge", "Calls running on the server now.");
    for (const ServerRow &r : rows)
        w.sample(QStringLiteral("mcppm_server_in_flight"), {{QStringLiteral("server"), r.id}},
                 r.activeTasks);
    w.family("mcppm_server_requests_total", "counter", "Call attempts sent to the server.");
    for (const ServerRow &r : rows)
        w.sample(QStringLiteral("mcppm_server_requests_total"), {{QStringLiteral("server"), r.id}},
                 double(r.requests));
    w.family("mcppm_server_errors_total", "counter",
             "Call attempts on the server that ended in an error, by kind.");
    for (const ServerRow &r : rows) {
        const CallStatistics *c = stats.server(r.id);
        for (int k = 1; k < CallStatistics::kKindCount; ++k) {
            if (McpError::Kind(k) == McpError::Kind::Cancelled)
                continue; // not an error: mcppm_server_calls_total{outcome="cancelled"}
            w.sample(QStringLiteral("mcppm_server_errors_total"),
                     {{QStringLiteral("server"), r.id},
                      {QStringLiteral("kind"), McpError::kindName(McpError::Kind(k))}},
                     c ? double(c->errorsOf(McpError::Kind(k))) : 0);
        }
    }
    w.family("mcppm_server_calls_total", "counter",
             "Finished call attempts on the server by outcome: answered (isError results "
             "included), error, or cancelled (by the operator or the caller; not an error).");
    for (const ServerRow &r : rows) {
        const CallStatistics *c = stats.server(r.id);
        const std::pair<const char *, qint64> outcomes[] = {{"answered", c ? c->succeeded : 0},
                                                            {"error", c ? c->errors : 0},
                                                            {"cancelled", c ? c->cancelled : 0}};
        for (const auto &[outcome, n] : outcomes)
            w.sample(QStringLiteral("mcppm_server_calls_total"),
                     {{QStringLiteral("server"), r.id},
                      {QStringLiteral("outcome"), QLatin1String(outcome)}},
                     double(n));
    }
    w.family("mcppm_server_tool_errors_total", "counter",
             "Answers from the server with isError (tool-level errors).");
    for (const ServerRow &r : rows) {
        const CallStatistics *c = stats.server(r.id);
        w.sample(QStringLiteral("mcppm_server_tool_errors_total"),
                 {{QStringLiteral("server"), r.id}}, c ? double(c->toolErrors) : 0);
    }
    w.family("mcppm_server_request_duration_seconds", "histogram",
             "Time from sending a call to its answer, per server.");
    for (const ServerRow &r : rows) {
        const CallStatistics *c = stats.server(r.id);
        w.histogram(QStringLiteral("mcppm_server_request_duration_seconds"),
                    QStringLiteral("server"), r.id, c ? c->latency : LatencyHistogram());
    }

    const QStringList tools = stats.toolKeys();
    w.family("mcppm_tool_requests_total", "counter", "Call attempts per tool.");
    for (const QString &t : tools)
        w.sample(QStringLiteral("mcppm_tool_requests_total"), {{QStringLiteral("tool"), t}},
                 double(stats.tool(t)->requests));
    w.family("mcppm_tool_errors_total", "counter", "Failed call attempts per tool, by kind.");
    for (const QString &t : tools) {
        for (int k = 1; k < CallStatistics::kKindCount; ++k) {
            const qint64 n = stats.tool(t)->errorsOf(McpError::Kind(k));
            if (n)
                w.sample(QStringLiteral("mcppm_tool_errors_total"),
                         {{QStringLiteral("tool"), t},
                          {QStringLiteral("kind"), McpError::kindName(McpError::Kind(k))}},
                         double(n));
        }
    }
    w.family("mcppm_tool_calls_total", "counter",
             "Finished call attempts per tool by outcome: answered, error or cancelled.");
    for (const QString &t : tools) {
        const CallStatistics *c = stats.tool(t);
        const std::pair<const char *, qint64> outcomes[]
            = {{"answered", c->succeeded}, {"error", c->errors}, {"cancelled", c->cancelled}};
        for (const auto &[outcome, n] : outcomes)
            w.sample(
                QStringLiteral("mcppm_tool_calls_total"),
                {{QStringLiteral("tool"), t}, {QStringLiteral("outcome"), QLatin1String(outcome)}},
                double(n));
    }
    w.family("mcppm_tool_request_duration_seconds", "histogram",
             "Time from sending a call to its answer, per tool.");
    for (const QString &t : tools)
        w.histogram(QStringLiteral("mcppm_tool_request_duration_seconds"), QStringLiteral("tool"),
                    t, stats.tool(t)->latency);

    const WorkQueueStats q = pool.queue()->stats();
    w.family("mcppm_queue_pending_tasks", "gauge", "Tasks waiting to start (retries included).");
    w.sample(QStringLiteral("mcppm_queue_pending_tasks"), {}, q.pending);
    w.family("mcppm_queue_running_tasks", "gauge", "Tasks running now.");
    w.sample(QStringLiteral("mcppm_queue_running_tasks"), {}, q.running);
    w.family("mcppm_tasks_finished_total", "counter", "Tasks that reached a terminal state.");
    w.sample(QStringLiteral("mcppm_tasks_finished_total"),
             {{QStringLiteral("outcome"), QStringLiteral("completed")}}, double(q.completed));
    w.sample(QStringLiteral("mcppm_tasks_finished_total"),
             {{QStringLiteral("outcome"), QStringLiteral("failed")}}, double(q.failed));
    w.sample(QStringLiteral("mcppm_tasks_finished_total"),
             {{QStringLiteral("outcome"), QStringLiteral("cancelled")}}, double(q.cancelled));
    w.sample(QStringLiteral("mcppm_tasks_finished_total"),
             {{QStringLiteral("outcome"), QStringLiteral("timed_out")}}, double(q.timedOut));
    w.family("mcppm_task_retries_total", "counter", "Further attempts of failed tasks.");
    w.sample(QStringLiteral("mcppm_task_retries_total"), {}, double(q.retries));
    w.family("mcppm_task_failovers_total", "counter",
             "Attempts moved to another server (handed back, or retried elsewhere at once).");
    w.sample(QStringLiteral("mcppm_task_failovers_total"), {}, double(q.requeues + q.failovers));
    return w.bytes();
}

QByteArray PrometheusExporter::render(const ServerPool &pool, const HttpListenerStats &listener)
{
    return render(pool) + renderListener(listener);
}

QByteArray PrometheusExporter::renderListener(const HttpListenerStats &l)
{
    Writer w;
    w.family("mcppm_listener_connections_open", "gauge",
             "Connections the metrics listener holds open now.");
    w.sample(QStringLiteral("mcppm_listener_connections_open"), {}, l.openConnections);
    w.family("mcppm_listener_accepting", "gauge",
             "0 while accepting is paused because accept() failed (e.g. out of descriptors).");
    w.sample(QStringLiteral("mcppm_listener_accepting"), {}, l.accepting ? 1 : 0);
    w.family("mcppm_listener_connections_accepted_total", "counter",
             "Connections accepted under the connection cap.");
    w.sample(QStringLiteral("mcppm_listener_connections_accepted_total"), {}, double(l.accepted));
    w.family("mcppm_listener_connections_refused_total", "counter",
             "Connections over the connection cap (answered 503 and closed).");
    w.sample(QStringLiteral("mcppm_listener_connections_refused_total"), {}, double(l.refused));
    w.family("mcppm_listener_connections_timed_out_total", "counter",
             "Connections closed because a request head or body, or a response write, took "
             "too long.");
    w.sample(QStringLiteral("mcppm_listener_connections_timed_out_total"), {}, double(l.timedOut));
    w.family("mcppm_listener_connections_idle_closed_total", "counter",
             "Keep-alive connections closed after the idle timeout.");
    w.sample(QStringLiteral("mcppm_listener_connections_idle_closed_total"), {},
             double(l.idleClosed));
    w.family("mcppm_listener_requests_total", "counter", "Requests answered by the handler.");
    w.sample(QStringLiteral("mcppm_listener_requests_total"), {}, double(l.requests));
    w.family("mcppm_listener_requests_rejected_total", "counter",
             "Requests the listener refused (malformed, too large, unsupported framing).");
    w.sample(QStringLiteral("mcppm_listener_requests_rejected_total"), {}, double(l.rejected));
    w.family("mcppm_listener_accept_errors_total", "counter",
             "accept() failures (e.g. EMFILE: out of file descriptors).");
    w.sample(QStringLiteral("mcppm_listener_accept_errors_total"), {}, double(l.acceptErrors));
    return w.bytes();
}

QByteArray PrometheusExporter::renderEndpoint(const EndpointStats &e)
{
    Writer w;
    const QString client = QStringLiteral("client");
    w.family("mcppm_endpoint_client_requests_total", "counter",
             "Requests a downstream client sent to the pool's MCP endpoint (by clientInfo name).");
    for (const EndpointClientStats &c : e.clients)
        w.sample(QStringLiteral("mcppm_endpoint_client_requests_total"), {{client, c.name}},
                 double(c.requests));
    w.family("mcppm_endpoint_client_errors_total", "counter",
             "Requests of a downstream client answered with an error.");
    for (const EndpointClientStats &c : e.clients)
        w.sample(QStringLiteral("mcppm_endpoint_client_errors_total"), {{client, c.name}},
                 double(c.errors));
    w.family("mcppm_endpoint_client_tool_calls_total", "counter",
             "tools/call requests of a downstream client.");
    for (const EndpointClientStats &c : e.clients)
        w.sample(QStringLiteral("mcppm_endpoint_client_tool_calls_total"), {{client, c.name}},
                 double(c.toolCalls));
    w.family("mcppm_endpoint_client_cancelled_total", "counter",
             "Calls a downstream client cancelled or hung up on.");
    for (const EndpointClientStats &c : e.clients)
        w.sample(QStringLiteral("mcppm_endpoint_client_cancelled_total"), {{client, c.name}},
                 double(c.cancelled));
    w.family("mcppm_endpoint_client_active_requests", "gauge",
             "Requests of a downstream client being answered now.");
    for (const EndpointClientStats &c : e.clients)
        w.sample(QStringLiteral("mcppm_endpoint_client_active_requests"), {{client, c.name}},
                 c.active);
    const QString method = QStringLiteral("method");
    w.family("mcppm_endpoint_requests_total", "counter",
             "Requests the pool's MCP endpoint served, by JSON-RPC method.");
    for (const EndpointMethodStats &m : e.methods)
        w.sample(QStringLiteral("mcppm_endpoint_requests_total"), {{method, m.method}},
                 double(m.requests));
    w.family("mcppm_endpoint_request_errors_total", "counter",
             "Requests the pool's MCP endpoint answered with an error, by JSON-RPC method.");
    for (const EndpointMethodStats &m : e.methods)
        w.sample(QStringLiteral("mcppm_endpoint_request_errors_total"), {{method, m.method}},
                 double(m.errors));
    w.family("mcppm_endpoint_sessions", "gauge", "2025-era sessions open on the endpoint.");
    w.sample(QStringLiteral("mcppm_endpoint_sessions"), {}, e.sessions);
    w.family("mcppm_endpoint_streams", "gauge",
             "Notification streams open (2025 GET streams and 2026 subscriptions/listen).");
    w.sample(QStringLiteral("mcppm_endpoint_streams"), {}, e.streams);
    w.family("mcppm_endpoint_tasks", "gauge",
             "Task handles the endpoint holds for its clients, by state (running or ended).");
    w.sample(QStringLiteral("mcppm_endpoint_tasks"),
             {{QStringLiteral("state"), QStringLiteral("running")}}, e.tasksRunning);
    w.sample(QStringLiteral("mcppm_endpoint_tasks"),
             {{QStringLiteral("state"), QStringLiteral("ended")}}, e.tasksEnded);
    w.family("mcppm_endpoint_refused_total", "counter",
             "Requests turned away before reading: Host, Origin or bearer token not accepted.");
    w.sample(QStringLiteral("mcppm_endpoint_refused_total"), {}, double(e.refused));
    w.family("mcppm_endpoint_malformed_total", "counter",
             "Requests refused as malformed: not JSON, a batch, not JSON-RPC, wrong content "
             "type or protocol headers.");
    w.sample(QStringLiteral("mcppm_endpoint_malformed_total"), {}, double(e.malformed));
    w.family("mcppm_endpoint_connections_open", "gauge",
             "Connections the endpoint's listener holds open now.");
    w.sample(QStringLiteral("mcppm_endpoint_connections_open"), {}, e.listener.openConnections);
    w.family("mcppm_endpoint_connections_refused_total", "counter",
             "Endpoint connections over the connection cap (answered 503 and closed).");
    w.sample(QStringLiteral("mcppm_endpoint_connections_refused_total"), {},
             double(e.listener.refused));
    w.family("mcppm_endpoint_connections_timed_out_total", "counter",
             "Endpoint connections closed because a head, body or write took too long.");
    w.sample(QStringLiteral("mcppm_endpoint_connections_timed_out_total"), {},
             double(e.listener.timedOut));
    return w.bytes();
}

} // namespace mcppm
