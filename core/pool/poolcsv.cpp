#include "pool/poolcsv.h"

#include "pool/serverpool.h"

namespace mcppm {

namespace {
QString ms(qint64 us)
{
    return QString::number(double(us) / 1000.0, 'f', 3);
}

QStringList statsHeader()
{
    QStringList h{QStringLiteral("scope"),       QStringLiteral("id"),
                  QStringLiteral("url"),         QStringLiteral("status"),
                  QStringLiteral("requests"),    QStringLiteral("succeeded"),
                  QStringLiteral("tool_errors"), QStringLiteral("errors"),
                  QStringLiteral("cancelled"),   QStringLiteral("error_rate"),
                  QStringLiteral("in_flight"),   QStringLiteral("latency_count"),
                  QStringLiteral("p50_ms"),      QStringLiteral("p95_ms"),
                  QStringLiteral("p99_ms"),      QStringLiteral("max_ms"),
                  QStringLiteral("mean_ms"),     QStringLiteral("answered_per_s"),
                  QStringLiteral("errors_per_s")};
    for (int k = 1; k < CallStatistics::kKindCount; ++k) {
        if (McpError::Kind(k) != McpError::Kind::Cancelled) // its own column: no error
            h << QStringLiteral("errors_") + McpError::kindName(McpError::Kind(k));
    }
    return h;
}

QStringList statsRow(const QString &scope, const QString &id, const QString &url,
                     const QString &status, const CallStatistics &c, qint64 nowMs)
{
    QStringList row{scope,
                    id,
                    url,
                    status,
                    QString::number(c.requests),
                    QString::number(c.succeeded),
                    QString::number(c.toolErrors),
                    QString::number(c.errors),
                    QString::number(c.cancelled),
                    QString::number(c.errorRate(), 'f', 4),
                    QString::number(c.inFlight),
                    QString::number(c.latency.count()),
                    ms(c.latency.percentileUs(50)),
                    ms(c.latency.percentileUs(95)),
                    ms(c.latency.percentileUs(99)),
                    ms(c.latency.maxUs()),
                    ms(qint64(c.latency.meanUs())),
                    QString::number(c.answered.perSecond(nowMs), 'f', 2),
                    QString::number(c.failed.perSecond(nowMs), 'f', 2)};
    for (int k = 1; k < CallStatistics::kKindCount; ++k) {
        if (McpError::Kind(k) != McpError::Kind::Cancelled)
            row << QString::number(c.errorsOf(McpError::Kind(k)));
    }
    return row;
}
} // namespace

CsvTable PoolCsv::stats(const ServerPool &pool)
{
    const qint64 now = pool.nowMs();
    const PoolStatistics &s = pool.statistics();
    CsvTable table(statsHeader());
    table.addRow(statsRow(QStringLiteral("pool"), QString(), QString(), QString(), s.total(), now));
    const CallStatistics none;
    for (const QJsonValue &v : pool.servers()) {
        const QJsonObject server = v.toObject();
        const QString id = server.value(QStringLiteral("id")).toString();
        const CallStatistics *c = s.server(id);
        table.addRow(
            statsRow(QStringLiteral("server"), id, server.value(QStringLiteral("url")).toString(),
                     server.value(QStringLiteral("status")).toString(), c ? *c : none, now));
    }
    for (const QString &key : s.toolKeys())
        table.addRow(
            statsRow(QStringLiteral("tool"), key, QString(), QString(), *s.tool(key), now));
    return table;
}

CsvTable PoolCsv::series(const ServerPool &pool, qint64 sinceMs)
{
    CsvTable table(PoolSample::csvHeader());
    for (const PoolSample &sample : pool.statistics().series().since(sinceMs))
        table.addRow(sample.csvFields());
    return table;
}

CsvTable PoolCsv::history(const ServerPool &pool)
{
    CsvTable table({QStringLiteral("task"), QStringLiteral("type"), QStringLiteral("target"),
                    QStringLiteral("priority"), QStringLiteral("status"),
                    QStringLiteral("attempts"), QStringLiteral("server"),
                    QStringLiteral("queued_ms"), QStringLiteral("run_ms"),
                    QStringLiteral("error_kind"), QStringLiteral("error")});
    for (const Task &t : pool.queue()->history()) {
        const bool tool = t.type == Task::Type::ToolCall;
        const qint64 queued
            = t.attempts > 0 ? t.startedMs - t.enqueuedMs : t.finishedMs - t.enqueuedMs;
        const qint64 run = t.attempts > 0 ? t.finishedMs - t.startedMs : 0;
        table.addRow(
            {QString::number(t.id), Task::typeName(t.type),
             t.payload.value(tool ? QStringLiteral("name") : QStringLiteral("uri")).toString(),
             QString::number(t.priority), taskStatusName(t.status), QString::number(t.attempts),
             t.serverId, QString::number(queued), QString::number(run),
             t.error.isError() ? McpError::kindName(t.error.kind) : QString(), t.error.message});
    }
    return table;
}

bool PoolCsv::save(const ServerPool &pool, const QString &path, QStringList *written,
                   QString *error)
{
    QString base = path;
    if (base.endsWith(QLatin1String(".csv"), Qt::CaseInsensitive))
        base.chop(4);
    const QList<std::pair<QString, CsvTable>> tables{
        {path, stats(pool)},
        {base + QStringLiteral("-series.csv"), series(pool)},
        {base + QStringLiteral("-history.csv"), history(pool)}};
    for (const auto &[file, table] : tables) {
        if (!table.save(file, error))
            return false;
        written->append(QStringLiteral("%1 (%2 rows)").arg(file).arg(table.rowCount()));
    }
    return true;
}

} // namespace mcppm
