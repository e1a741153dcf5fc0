// mcppm-tablebench: how smoothly the server table follows a large pool.
//
//   mcppm-tablebench [--servers N] [--ticks T] [--changed-percent P] [--seed S]
//
// Feeds ServerTableModel snapshots of N servers (default 1 000) where P % of
// the rows (default 10) change per tick, as PoolHost sends them (at most ten a
// second), and prints the milliseconds per applied snapshot (mean, p95, max):
//   1. the model alone;
//   2. with a QSortFilterProxyModel and a QTableView attached (offscreen,
//      1400×850, the main window's proxy settings), sorted by server id, then
//      sorted by requests (changed rows move); "apply" is apply() with the
//      proxy's work, "+ paint" adds the event-loop turn that repaints the view;
//   3. as 2 (sorted by id) with every row's "last check" age advancing each tick
//      too, as the live snapshots do (ServerRow::lastCheckAgeMs is in ms).
// Figures, not a test: nothing is asserted. Build type matters (use Release).

#include "models/servertablemodel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QHeaderView>
#include <QRandomGenerator>
#include <QSortFilterProxyModel>
#include <QTableView>
#include <QTextStream>

#include <algorithm>
#include <functional>
#include <numeric>
#include <vector>

using namespace mcppm;
using namespace mcppm::ui;

namespace {

struct Figures
{
    std::vector<double> ms;
    double mean() const
    {
        return ms.empty() ? 0 : std::accumulate(ms.begin(), ms.end(), 0.0) / double(ms.size());
    }
    double percentile(double p) const
    {
        if (ms.empty())
            return 0;
        std::vector<double> sorted = ms;
        std::sort(sorted.begin(), sorted.end());
        return sorted[std::min(sorted.size() - 1, size_t(p / 100.0 * double(sorted.size())))];
    }
    double max() const { return ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end()); }
};

QList<ServerRow> fleet(int servers)
{
    QList<ServerRow> rows;
    rows.reserve(servers);
    for (int i = 0; i < servers; ++i) {
        ServerRow r;
        r.id = QStringLiteral("server-%1").arg(i, 4, 10, QLatin1Char('0'));
        r.url = QStringLiteral("http://10.0.%1.%2:3000/mcp").arg(i / 250).arg(i % 250);
        r.status = QStringLiteral("online");
        r.protocolVersion = QStringLiteral("2025-06-18");
        r.serverName = QStringLiteral("demo-worker");
        r.serverVersion = QStringLiteral("1.0");
        r.tools = 5;
        r.weight = 1;
        r.requests = 1000 + i;
        r.p50Ms = 1.0;
        r.p95Ms = 4.0;
        r.lastCheckAgeMs = 1000;
        rows.append(r);
    }
    return rows;
}

// One tick: `changed` distinct rows get new counters and latencies.
void tick(QList<ServerRow> &rows, int changed, bool allAgesAdvance, QRandomGenerator &random)
{
    std::vector<int> order(size_t(rows.size()));
    std::iota(order.begin(), order.end(), 0);
    for (int k = 0; k < changed; ++k) { // a partial Fisher-Yates shuffle
        const int j = k + int(random.bounded(quint32(order.size() - size_t(k))));
        std::swap(order[size_t(k)], order[size_t(j)]);
        ServerRow &r = rows[order[size_t(k)]];
        r.requests += 1 + random.bounded(20);
        if (random.bounded(10) == 0)
            ++r.errors;
        r.errorRate = r.requests ? double(r.errors) / double(r.requests) : 0;
        r.activeTasks = int(random.bounded(4));
        r.p50Ms = 0.5 + random.generateDouble() * 2;
        r.p95Ms = r.p50Ms + random.generateDouble() * 10;
    }
    if (allAgesAdvance) {
        for (ServerRow &r : rows)
            r.lastCheckAgeMs = (r.lastCheckAgeMs + 100) % 30000;
    }
}

struct Result
{
    QString name;
    Figures apply;
    Figures paint; // apply + the repaint; empty without a view
};

Result run(const QString &name, int servers, int ticks, int changed, bool allAgesAdvance,
           quint32 seed, int sortColumn, Qt::SortOrder sortOrder, bool withView)
{
    QRandomGenerator random(seed);
    ServerTableModel model;
    QList<ServerRow> rows = fleet(servers);
    model.apply(rows);
    QSortFilterProxyModel proxy;
    QTableView view;
    if (withView) {
        // As MainWindow sets them up.
        proxy.setSourceModel(&model);
        proxy.setSortRole(ServerTableModel::SortRole);
        proxy.setFilterCaseSensitivity(Qt::CaseInsensitive);
        proxy.setFilterKeyColumn(-1);
        view.setModel(&proxy);
        view.setSortingEnabled(true);
        view.sortByColumn(sortColumn, sortOrder);
        view.setSelectionBehavior(QAbstractItemView::SelectRows);
        view.setAlternatingRowColors(true);
        view.verticalHeader()->hide();
        view.horizontalHeader()->setStretchLastSection(true);
        view.resize(1400, 850);
        view.show();
        QApplication::processEvents();
    }
    Result result{name, {}, {}};
    result.apply.ms.reserve(size_t(ticks));
    QElapsedTimer clock;
    for (int t = 0; t < ticks; ++t) {
        tick(rows, changed, allAgesAdvance, random);
        clock.start();
        model.apply(rows);
        const double applied = double(clock.nsecsElapsed()) / 1e6;
        result.apply.ms.push_back(applied);
        if (withView) {
            QApplication::processEvents(); // the repaint of the visible rows
            result.paint.ms.push_back(double(clock.nsecsElapsed()) / 1e6);
        }
    }
    return result;
}

} // namespace

int main(int argc, char *argv[])
{
    // Offscreen unless told otherwise: the view paints into memory.
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Milliseconds per snapshot applied to the server table."));
    parser.addHelpOption();
    const QCommandLineOption serversOption(QStringLiteral("servers"),
                                           QStringLiteral("Servers (default 1000)."),
                                           QStringLiteral("N"), QStringLiteral("1000"));
    const QCommandLineOption ticksOption(QStringLiteral("ticks"),
                                         QStringLiteral("Snapshots per scenario (default 300)."),
                                         QStringLiteral("T"), QStringLiteral("300"));
    const QCommandLineOption changedOption(
        QStringLiteral("changed-percent"),
        QStringLiteral("Rows changed per snapshot, percent (default 10)."), QStringLiteral("P"),
        QStringLiteral("10"));
    const QCommandLineOption seedOption(QStringLiteral("seed"),
                                        QStringLiteral("Random seed (default 1)."),
                                        QStringLiteral("S"), QStringLiteral("1"));
    parser.addOptions({serversOption, ticksOption, changedOption, seedOption});
    parser.process(app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    bool ok1 = false, ok2 = false, ok3 = false, ok4 = false;
    const int servers = parser.value(serversOption).toInt(&ok1);
    const int ticks = parser.value(ticksOption).toInt(&ok2);
    const int percent = parser.value(changedOption).toInt(&ok3);
    const quint32 seed = parser.value(seedOption).toUInt(&ok4);
    if (!ok1 || !ok2 || !ok3 || !ok4 || servers < 1 || ticks < 1 || percent < 0 || percent > 100) {
        err << "--servers and --ticks want positive numbers, --changed-percent 0 to 100\n";
        return 2;
    }
    const int changed = int(qint64(servers) * percent / 100);

#ifdef NDEBUG
    const char *build = "release";
#else
    const char *build = "debug";
#endif
    out << "mcppm-tablebench: " << servers << " servers, " << changed
        << " rows changed per snapshot, " << ticks << " snapshots per scenario (" << build
        << " build, platform " << QApplication::platformName() << ")\n\n";
    const QList<Result> results{
        run(QStringLiteral("model alone"), servers, ticks, changed, false, seed,
            ServerTableModel::Id, Qt::AscendingOrder, false),
        run(QStringLiteral("+ proxy + view, sorted by id"), servers, ticks, changed, false, seed,
            ServerTableModel::Id, Qt::AscendingOrder, true),
        run(QStringLiteral("+ proxy + view, sorted by requests"), servers, ticks, changed, false,
            seed, ServerTableModel::Requests, Qt::DescendingOrder, true),
        run(QStringLiteral("+ proxy + view, by id, all ages tick"), servers, ticks, changed, true,
            seed, ServerTableModel::Id, Qt::AscendingOrder, true),
    };
    auto cell = [](double v) { return QStringLiteral("%1").arg(v, 9, 'f', 3); };
    out << QStringLiteral("%1").arg(QStringLiteral("scenario"), -40)
        << "  apply ms: mean       p95       max  | + paint ms: mean       p95       max\n";
    for (const Result &r : results) {
        out << QStringLiteral("%1").arg(r.name, -40) << "          " << cell(r.apply.mean()) << ' '
            << cell(r.apply.percentile(95)) << ' ' << cell(r.apply.max());
        if (!r.paint.ms.empty())
            out << "  |           " << cell(r.paint.mean()) << ' ' << cell(r.paint.percentile(95))
                << ' ' << cell(r.paint.max());
        out << '\n';
    }
    return 0;
}
