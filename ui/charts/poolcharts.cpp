#include "poolcharts.h"

#include "livechart.h"

#include <QComboBox>
#include <QDateTime>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>

#include <limits>

namespace mcppm::ui {

PoolCharts::PoolCharts(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *label = new QLabel(tr("Time win&dow:"), this);
    m_window = new QComboBox(this);
    m_window->setAccessibleName(tr("Chart time window"));
    m_window->addItem(tr("1 minute"), 60);
    m_window->addItem(tr("15 minutes"), 900);
    m_window->addItem(tr("1 hour"), 3600);
    label->setBuddy(m_window);
    connect(m_window, &QComboBox::currentIndexChanged, this,
            [this](int i) { setWindowSeconds(m_window->itemData(i).toInt()); });
    top->addWidget(label);
    top->addWidget(m_window);
    top->addStretch();
    layout->addLayout(top);
    auto *grid = new QGridLayout;
    m_queue = new LiveChart(tr("Queue"), {tr("pending"), tr("in progress")}, tr("tasks"), this);
    m_rates = new LiveChart(tr("Throughput"), {tr("answers/s"), tr("errors/s")}, tr("per second"),
                            this);
    m_latency = new LiveChart(tr("Latency"), {tr("p50"), tr("p95"), tr("p99")}, tr("ms"), this);
    for (LiveChart *chart : {m_queue, m_rates, m_latency})
        chart->setMinimumSize(200, 130);
    grid->addWidget(m_queue, 0, 0);
    grid->addWidget(m_rates, 0, 1);
    grid->addWidget(m_latency, 1, 0, 1, 2);
    layout->addLayout(grid, 1);
}

void PoolCharts::addSamples(const QList<PoolSample> &samples)
{
    if (samples.isEmpty())
        return;
    for (const PoolSample &s : samples)
        m_samples.push_back(s);
    while (m_samples.size() > size_t(kCapacity))
        m_samples.pop_front();
    redraw();
}

void PoolCharts::setWindowSeconds(int seconds)
{
    m_windowSeconds = seconds;
    const int i = m_window->findData(seconds);
    if (i >= 0 && m_window->currentIndex() != i)
        m_window->setCurrentIndex(i);
    redraw();
}

void PoolCharts::clear()
{
    m_samples.clear();
    redraw();
}

void PoolCharts::redraw()
{
    const qint64 end
        = m_samples.empty() ? QDateTime::currentMSecsSinceEpoch() : m_samples.back().tMs;
    const qint64 start = end - qint64(m_windowSeconds) * 1000;
    QList<QList<QPointF>> points(7);
    for (const PoolSample &s : m_samples) {
        if (s.tMs < start)
            continue;
        const double t = double(s.tMs);
        // A second without answers has no latency: a gap, not 0 ms.
        const double none = std::numeric_limits<double>::quiet_NaN();
        const bool answered = s.answeredPerS > 0;
        const double values[7] = {double(s.pending),
                                  double(s.running),
                                  s.answeredPerS,
                                  s.errorsPerS,
                                  answered ? s.p50Ms : none,
                                  answered ? s.p95Ms : none,
                                  answered ? s.p99Ms : none};
        for (int i = 0; i < 7; ++i)
            points[i].append(QPointF(t, values[i]));
    }
    m_queue->setPoints(points.mid(0, 2), start, end);
    m_rates->setPoints(points.mid(2, 2), start, end);
    m_latency->setPoints(points.mid(4, 3), start, end);
}

} // namespace mcppm::ui
