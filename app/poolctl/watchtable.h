#pragma once

#include "pool/poolsnapshot.h"

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace mcppm::poolctl {

// What `stats` prints for people, once or on every `stats --watch` tick: a
// summary line of the pool, a header, then one line per server (id, status,
// calls in flight, calls, errors, p50/p95). Servers that need a look (not
// online) come first, then the busiest; when they do not all fit in
// maxLines, the last line says how many more there are ("… and 990 more
// online"). Nothing a server sent can drive the terminal.
class WatchTable final
{
public:
    static constexpr int kDefaultLines = 30; // when stdout is not a terminal
    static constexpr int kMinLines = 4; // summary, header, one server, "… more"

    // Lines a tick may take on the terminal behind fd (its height less one,
    // so the previous tick's last line stays in view), else kDefaultLines.
    static int linesFor(int fd);

    // poolStats is ServerPool::stats(), rows ServerPool::serverRows(); time
    // starts the summary line. At most max(maxLines, kMinLines) lines.
    static QStringList render(const QString &time, const QJsonObject &poolStats,
                              QList<ServerRow> rows, int maxLines);

    // The order of the rows: not online first (offline and worse, then
    // degraded, connecting, disabled), then by calls in flight, then by calls
    // sent (both most first), then by id (w2 before w10).
    static bool before(const ServerRow &a, const ServerRow &b);
};

} // namespace mcppm::poolctl
