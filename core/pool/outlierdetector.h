#pragma once

#include <QHash>
#include <QList>
#include <QString>

#include <vector>

namespace mcppm {

// What the call outcomes of the last windowMs say about a server, learned
// from Envoy's outlier detection: no verdict below minRequestVolume calls; a
// sustained error rate degrades (and leaves with hysteresis, at half the
// rate); a higher one ejects; a mean latency far above the other servers'
// marks the server slow.
struct OutlierOptions
{
    int windowMs = 30000; // sliding window of call outcomes
    int minRequestVolume = 20; // calls in the window before any verdict
    int degradedErrorPercent = 20; // at or above: degraded; below half of it: not any more
    int ejectErrorPercent = 50; // at or above: ejected (0 = never)
    double slowFactor = 3.0; // mean latency above this × the others' median …
    int slowMinMs = 100; // … and at least this many ms above it: slow (0 factor = never)

    bool operator==(const OutlierOptions &other) const = default;
};

// Sliding-window call statistics per server, in one-second buckets, and the
// verdicts drawn from them. Pure bookkeeping on a clock the caller passes:
// the health monitor decides what a verdict does.
class OutlierDetector final
{
public:
    struct Verdict
    {
        qint64 requests = 0; // in the window
        qint64 failures = 0;
        double errorPercent = 0;
        double meanLatencyMs = 0; // of the window's successful calls
        double othersMedianMs = 0; // median of the other servers' means (0 = none)
        bool enoughVolume = false;
        bool erroring = false; // degraded by its error rate (with hysteresis)
        bool eject = false; // the error rate calls for ejection
        bool slow = false; // latency outlier (with hysteresis)
    };

    explicit OutlierDetector(const OutlierOptions &options = {});

    const OutlierOptions &options() const { return m_options; }
    void
    setOptions(const OutlierOptions &options); // keeps the windows when their size is unchanged

    void record(const QString &id, qint64 nowMs, bool failed, double latencyMs);
    void forget(const QString &id); // its window and verdict (removal, ejection over)
    // Re-evaluates every server with calls in the window; the verdicts stay
    // until the next evaluate(). Servers whose window emptied are dropped.
    void evaluate(qint64 nowMs);
    Verdict verdict(const QString &id) const { return m_verdicts.value(id); }
    bool hasActivity() const { return !m_windows.isEmpty(); }
    QStringList servers() const { return m_windows.keys(); }

private:
    struct Bucket
    {
        qint64 second = -1;
        qint32 requests = 0;
        qint32 failures = 0;
        qint32 successes = 0;
        double latencySumMs = 0;
    };
    struct Window
    {
        std::vector<Bucket> buckets;
        bool erroring = false;
        bool slow = false;
    };
    struct Totals
    {
        qint64 requests = 0;
        qint64 failures = 0;
        qint64 successes = 0;
        double latencySumMs = 0;
    };
    int bucketCount() const;
    Totals totals(const Window &window, qint64 nowMs) const;

    OutlierOptions m_options;
    QHash<QString, Window> m_windows;
    QHash<QString, Verdict> m_verdicts;
};

} // namespace mcppm
