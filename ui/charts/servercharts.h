#pragma once

#include "models/serverhistory.h"

#include <QWidget>

class QComboBox;

namespace mcppm::ui {

class LiveChart;

// One server's share of the charts, for the detail pane: its requests and
// errors per second and its p50/p95 latency over the last minute, 5 or 15
// minutes, drawn from the ServerHistory points of that server.
class ServerCharts final : public QWidget
{
    Q_OBJECT
public:
    explicit ServerCharts(QWidget *parent = nullptr);

    void setSamples(const QList<ServerHistory::Sample> &samples);
    void setWindowSeconds(int seconds); // 60, 300 or 900
    int windowSeconds() const { return m_windowSeconds; }
    int shownPointCount() const; // points on the throughput chart's first line
    void clear();

private:
    void redraw();

    QList<ServerHistory::Sample> m_samples;
    int m_windowSeconds = 300;
    QComboBox *m_window = nullptr;
    LiveChart *m_rates = nullptr;
    LiveChart *m_latency = nullptr;
};

} // namespace mcppm::ui
