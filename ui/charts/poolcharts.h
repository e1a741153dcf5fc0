#pragma once

#include "stats/timeseries.h"

#include <QWidget>

#include <deque>

class QComboBox;

namespace mcppm::ui {

class LiveChart;

// Three live charts over the pool's once-a-second samples: queue depth
// (pending / in progress), answers and errors per second, latency p50/p95/p99.
// The samples sit in a ring (one hour), so memory is fixed however long it
// runs; each update replaces each series' points in one call.
class PoolCharts final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kCapacity = 3600;

    explicit PoolCharts(QWidget *parent = nullptr);

    void addSamples(const QList<PoolSample> &samples);
    void setWindowSeconds(int seconds); // 60, 900 or 3600
    int windowSeconds() const { return m_windowSeconds; }
    int sampleCount() const { return int(m_samples.size()); }
    void clear();

private:
    void redraw();

    std::deque<PoolSample> m_samples;
    int m_windowSeconds = 60;
    QComboBox *m_window = nullptr;
    LiveChart *m_queue = nullptr;
    LiveChart *m_rates = nullptr;
    LiveChart *m_latency = nullptr;
};

} // namespace mcppm::ui
