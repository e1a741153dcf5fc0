#include "servercharts.h"

#include "livechart.h"

#include <QComboBox>
#include <QDateTime>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>

#include <limits>

namespace mcppm::ui {

ServerCharts::ServerCharts(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *label = new QLabel(tr("Time window:"), this);
    m_window = new QComboBox(this);
    m_window->setAccessibleName(tr("Server chart time window"));
    m_window->addItem(tr("1 minute"), 60);
    m_window->addItem(tr("5 minutes"), 300);
    m_window->addItem(tr("15 minutes"), 900);
    m_window->setCurrentIndex(1);
    label->setBuddy(m_window);
    connect(m_window, &QComboBox::currentIndexChanged, this,
            [this](int i) { setWindowSeconds(m_window->itemData(i).toInt()); });
    top->addWidget(label);
    top->addWidget(m_window);
    top->addStretch();
    layout->addLayout(top);
    m_rates = new LiveChart(tr("Throughput"), {tr("requests/s"), tr("errors/s")}, tr("per second"),
                            this);
    // The pool reports a server's p50/p95 over all its calls so far (not per
    // second): the title says so. Seconds without calls are gaps.
    m_latency = new LiveChart(tr("Latency, calls of the last 10 s"), {tr("p50"), tr("p95")},
                              tr("ms"), this);
    m_rates->setAccessibleName(tr("Server throughput"));
    m_latency->setAccessibleName(tr("Server latency"));
    for (LiveChart *chart : {m_rates, m_latency}) {
        chart->setMinimumSize(220, 150);
        layout->addWidget(chart, 1);
    }
    redraw();
}

void ServerCharts::setSamples(const QList<ServerHistory::Sample> &samples)
{
    m_samples = samples;
    redraw();
}

void ServerCharts::setWindowSeconds(int seconds)
{
    m_windowSeconds = seconds;
    const int i = m_window->findData(seconds);
    if (i >= 0 && m_window->currentIndex() != i)
        m_window->setCurrentIndex(i);
    redraw();
}

int ServerCharts::shownPointCount() const
{
    return int(m_rates->line(0)->count());
}

void ServerCharts::clear()
{
    m_samples.clear();
    redraw();
}

void ServerCharts::redraw()
{
    const qint64 end
        = m_samples.isEmpty() ? QDateTime::currentMSecsSinceEpoch() : m_samples.constLast().timeMs;
    const qint64 start = end - qint64(m_windowSeconds) * 1000;
    QList<QList<QPointF>> points(4);
    for (const ServerHistory::Sample &s : std::as_const(m_samples)) {
        if (s.timeMs < start)
            continue;
        const double t = double(s.timeMs);
        points[0].append(QPointF(t, s.requestsPerS));
        points[1].append(QPointF(t, s.errorsPerS));
        const double none = std::numeric_limits<double>::quiet_NaN();
        // The last 10 s of calls; none (a gap) when there were none.
        const bool called = s.p50Ms >= 0;
        points[2].append(QPointF(t, called ? s.p50Ms : none));
        points[3].append(QPointF(t, called ? s.p95Ms : none));
    }
    m_rates->setPoints(points.mid(0, 2), start, end);
    m_latency->setPoints(points.mid(2, 2), start, end);
}

} // namespace mcppm::ui
