#include "watchtable.h"

#include "net/safetext.h"

#include <QJsonObject>

#include <algorithm>
#include <sys/ioctl.h>
#include <unistd.h>

namespace mcppm::poolctl {

namespace {
constexpr int kIdWidth = 16;
constexpr int kMaxIdChars = 32; // longer ids are cut with "…"
constexpr int kMaxErrorChars = 60;

int rank(const QString &status)
{
    if (status == QLatin1String("online"))
        return 4;
    if (status == QLatin1String("disabled"))
        return 3;
    if (status == QLatin1String("connecting"))
        return 2;
    if (status == QLatin1String("degraded"))
        return 1;
    return 0; // offline, reconnecting, dead, needs-sign-in and anything newer
}

QString cut(const QString &text, int max)
{
    return text.size() <= max ? text : text.left(max - 1) + QChar(0x2026);
}

// "w2" before "w10": runs of digits compare as numbers.
bool naturalLess(const QString &a, const QString &b)
{
    qsizetype i = 0, j = 0;
    while (i < a.size() && j < b.size()) {
        if (a.at(i).isDigit() && b.at(j).isDigit()) {
            qsizetype ie = i, je = j;
            while (ie < a.size() && a.at(ie).isDigit())
                ++ie;
            while (je < b.size() && b.at(je).isDigit())
                ++je;
            // Leading zeros aside, the longer run is the larger number.
            QStringView x = QStringView(a).mid(i, ie - i), y = QStringView(b).mid(j, je - j);
            while (x.size() > 1 && x.front() == QLatin1Char('0'))
                x = x.mid(1);
            while (y.size() > 1 && y.front() == QLatin1Char('0'))
                y = y.mid(1);
            if (x.size() != y.size())
                return x.size() < y.size();
            if (const int c = x.compare(y); c != 0)
                return c < 0;
            i = ie;
            j = je;
            continue;
        }
        if (a.at(i) != b.at(j))
            return a.at(i) < b.at(j);
        ++i;
        ++j;
    }
    if (a.size() - i != b.size() - j)
        return a.size() - i < b.size() - j;
    return a < b; // equal but for leading zeros: any fixed order
}

QString ms(const ServerRow &row, double value)
{
    return row.requests > 0 ? QString::number(value, 'f', 1) : QStringLiteral("-");
}
} // namespace

int WatchTable::linesFor(int fd)
{
    winsize size{};
    if (::isatty(fd) && ::ioctl(fd, TIOCGWINSZ, &size) == 0 && size.ws_row > 0)
        return qMax(kMinLines, int(size.ws_row) - 1);
    return kDefaultLines;
}

bool WatchTable::before(const ServerRow &a, const ServerRow &b)
{
    const int ra = rank(a.status), rb = rank(b.status);
    if (ra != rb)
        return ra < rb;
    if (a.activeTasks != b.activeTasks)
        return a.activeTasks > b.activeTasks;
    if (a.requests != b.requests)
        return a.requests > b.requests;
    return naturalLess(a.id, b.id);
}

QStringList WatchTable::render(const QString &time, const QJsonObject &poolStats,
                               QList<ServerRow> rows, int maxLines)
{
    maxLines = qMax(maxLines, kMinLines);
    const QJsonObject q = poolStats.value(QStringLiteral("queue")).toObject();
    QStringList lines;
    lines << QStringLiteral("%1  servers %2  healthy %3  degraded %4  offline %5  pending %6  in "
                            "progress %7  completed %8  failed %9  strategy %10")
                 .arg(time)
                 .arg(poolStats.value(QStringLiteral("servers")).toInt())
                 .arg(poolStats.value(QStringLiteral("healthy")).toInt())
                 .arg(poolStats.value(QStringLiteral("degraded")).toInt())
                 .arg(poolStats.value(QStringLiteral("offline")).toInt())
                 .arg(q.value(QStringLiteral("pending")).toInt())
                 .arg(q.value(QStringLiteral("inProgress")).toInt())
                 .arg(q.value(QStringLiteral("completed")).toInteger())
                 .arg(q.value(QStringLiteral("failed")).toInteger())
                 .arg(poolStats.value(QStringLiteral("strategy")).toString());
    lines << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8")
                 .arg(QStringLiteral("ID"), -kIdWidth)
                 .arg(QStringLiteral("STATUS"), -13)
                 .arg(QStringLiteral("IN-FLIGHT"), 9)
                 .arg(QStringLiteral("CALLS"), 9)
                 .arg(QStringLiteral("ERRORS"), 8)
                 .arg(QStringLiteral("P50 MS"), 8)
                 .arg(QStringLiteral("P95 MS"), 8)
                 .arg(QStringLiteral("LAST ERROR"));

    // Room for every server, or for all but the "… more" line.
    const int room = int(rows.size()) <= maxLines - 2 ? int(rows.size()) : maxLines - 3;
    std::partial_sort(rows.begin(), rows.begin() + room, rows.end(), &WatchTable::before);
    for (int i = 0; i < room; ++i) {
        const ServerRow &r = rows.at(i);
        const bool online = r.status == QLatin1String("online");
        lines << QStringLiteral("%1 %2 %3 %4 %5 %6 %7  %8")
                     .arg(SafeText::escape(cut(r.id, kMaxIdChars)), -kIdWidth)
                     .arg(SafeText::escape(r.status), -13)
                     .arg(r.activeTasks, 9)
                     .arg(r.requests, 9)
                     .arg(r.errors, 8)
                     .arg(ms(r, r.p50Ms), 8)
                     .arg(ms(r, r.p95Ms), 8)
                     .arg(online ? QString() : SafeText::escape(cut(r.lastError, kMaxErrorChars)))
                     .trimmed();
    }
    const int more = int(rows.size()) - room;
    if (more > 0) {
        int moreOnline = 0;
        for (int i = room; i < rows.size(); ++i)
            moreOnline += rows.at(i).status == QLatin1String("online") ? 1 : 0;
        lines << (moreOnline == more
                      ? QStringLiteral("%1 and %2 more online").arg(QChar(0x2026)).arg(more)
                      : QStringLiteral("%1 and %2 more (%3 online)")
                            .arg(QChar(0x2026))
                            .arg(more)
                            .arg(moreOnline));
    }
    return lines;
}

} // namespace mcppm::poolctl
