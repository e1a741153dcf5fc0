#include "pool/outlierdetector.h"

#include <algorithm>

namespace mcppm {

namespace {
constexpr qint64 kBucketMs = 1000;
}

OutlierDetector::OutlierDetector(const OutlierOptions &options)
    : m_options(options)
{ }

void OutlierDetector::setOptions(const OutlierOptions &options)
{
    const bool resize = options.windowMs != m_options.windowMs;
    m_options = options;
    if (resize) {
        m_windows.clear(); // buckets of another size say nothing reliable
        m_verdicts.clear();
    }
}

int OutlierDetector::bucketCount() const
{
    return int(
        qBound(qint64(1), (qint64(m_options.windowMs) + kBucketMs - 1) / kBucketMs, qint64(3600)));
}

void OutlierDetector::record(const QString &id, qint64 nowMs, bool failed, double latencyMs)
{
    Window &window = m_windows[id];
    if (window.buckets.empty())
        window.buckets.resize(size_t(bucketCount()));
    const qint64 second = nowMs / kBucketMs;
    Bucket &bucket = window.buckets[size_t(second % qint64(window.buckets.size()))];
    if (bucket.second != second)
        bucket = Bucket{second};
    ++bucket.requests;
    if (failed) {
        ++bucket.failures;
    } else {
        ++bucket.successes;
        bucket.latencySumMs += qMax(0.0, latencyMs);
    }
}

void OutlierDetector::forget(const QString &id)
{
    m_windows.remove(id);
    m_verdicts.remove(id);
}

OutlierDetector::Totals OutlierDetector::totals(const Window &window, qint64 nowMs) const
{
    Totals t;
    const qint64 second = nowMs / kBucketMs;
    const qint64 oldest = second - qint64(window.buckets.size()) + 1;
    for (const Bucket &b : window.buckets) {
        if (b.second < oldest || b.second > second)
            continue;
        t.requests += b.requests;
        t.failures += b.failures;
        t.successes += b.successes;
        t.latencySumMs += b.latencySumMs;
    }
    return t;
}

void OutlierDetector::evaluate(qint64 nowMs)
{
    QHash<QString, Totals> all;
    for (auto it = m_windows.begin(); it != m_windows.end();) {
        const Totals t = totals(it.value(), nowMs);
        if (t.requests == 0) {
            m_verdicts.remove(it.key()); // nothing left to judge by: no verdict either way
            it = m_windows.erase(it);
            continue;
        }
        all.insert(it.key(), t);
        ++it;
    }
    const qint64 volume = qMax(1, m_options.minRequestVolume);
    // Servers with enough successful calls take part in the latency comparison.
    QHash<QString, double> means;
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        if (it->successes >= volume)
            means.insert(it.key(), it->latencySumMs / double(it->successes));
    }
    for (auto it = all.cbegin(); it != all.cend(); ++it) {
        Window &window = m_windows[it.key()];
        const Totals &t = it.value();
        Verdict v;
        v.requests = t.requests;
        v.failures = t.failures;
        v.errorPercent = 100.0 * double(t.failures) / double(t.requests);
        v.meanLatencyMs = t.successes > 0 ? t.latencySumMs / double(t.successes) : 0;
        v.enoughVolume = t.requests >= volume;
        if (v.enoughVolume) {
            const double degraded = m_options.degradedErrorPercent;
            if (degraded > 0 && v.errorPercent >= degraded)
                window.erroring = true;
            else if (degraded <= 0 || v.errorPercent < degraded / 2.0)
                window.erroring = false;
            v.eject = m_options.ejectErrorPercent > 0
                && v.errorPercent >= double(m_options.ejectErrorPercent);
        }
        if (means.contains(it.key()) && m_options.slowFactor > 0) {
            std::vector<double> others;
            for (auto m = means.cbegin(); m != means.cend(); ++m) {
                if (m.key() != it.key())
                    others.push_back(m.value());
            }
            if (!others.empty()) {
                const size_t mid = others.size() / 2;
                std::nth_element(others.begin(), others.begin() + qsizetype(mid), others.end());
                double median = others[mid];
                if (others.size() % 2 == 0) {
                    const double lower
                        = *std::max_element(others.begin(), others.begin() + qsizetype(mid));
                    median = (median + lower) / 2.0;
                }
                v.othersMedianMs = median;
                const double mean = means.value(it.key());
                const double factor = m_options.slowFactor;
                if (mean > factor * median && mean - median >= m_options.slowMinMs)
                    window.slow = true;
                else if (mean < 0.75 * factor * median || mean - median < m_options.slowMinMs / 2.0)
                    window.slow = false;
            } else {
                window.slow = false; // nobody to compare with
            }
        }
        v.erroring = window.erroring;
        v.slow = window.slow;
        m_verdicts.insert(it.key(), v);
    }
}

} // namespace mcppm
