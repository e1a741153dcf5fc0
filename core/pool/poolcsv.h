#pragma once

#include "stats/csvtable.h"

namespace mcppm {

class ServerPool;

// The pool's statistics as CSV tables, the same for mcp-poolctl export-csv and
// the GUI's export.
class PoolCsv final
{
public:
    // One row per server (scope "server") and per tool (scope "tool", resource
    // reads as "resources/read"), plus one "pool" row with the totals.
    static CsvTable stats(const ServerPool &pool);
    // The once-a-second samples taken at or after sinceMs (ms since the epoch).
    static CsvTable series(const ServerPool &pool, qint64 sinceMs = 0);
    // The finished tasks still in the history, oldest first.
    static CsvTable history(const ServerPool &pool);
    // Writes all three: PATH (stats), PATH-series.csv and PATH-history.csv
    // (".csv" taken off PATH first). Each file written goes to *written as
    // "FILE (N rows)"; false with *error at the first that fails.
    static bool save(const ServerPool &pool, const QString &path, QStringList *written,
                     QString *error);
};

} // namespace mcppm
