#include "poolcharts.h"

#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace mcppm::ui {

PoolCharts::PoolCharts(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *top = new QHBoxLayout;
    auto *label = new QLabel(tr("&Time window:"), this);
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
    m_queue = makeChart(tr("Queue"), {tr("pending"), tr("in progress")}, tr("tasks"));
    m_rates = makeChart(tr("Throughput"), {tr("answers/s"), tr("errors/s")}, tr("per second"));
    m_latency = makeChart(tr("Latency"), {tr("p50"), tr("p95"), tr("p99")}, tr("ms"));
    grid->addWidget(m_queue.view, 0, 0);
    grid->addWidget(m_rates.view, 0, 1);
    grid->addWidget(m_latency.view, 1, 0, 1, 2);
    layout->addLayout(grid, 1);
    applyTheme();
}

PoolCharts::Chart PoolCharts::makeChart(const QString &title, const QStringList &names,
                                        const QString &unit)
{
    Chart c;
    c.chart = new QChart;
    c.chart->setTitle(title);
    c.chart->legend()->setAlignment(Qt::AlignBottom);
    c.chart->setMargins(QMargins(4, 4, 4, 4));
    c.time = new QDateTimeAxis;
    c.time->setFormat(QStringLiteral("HH:mm:ss"));
    c.time->setTickCount(5);
    c.value = new QValueAxis;
    c.value->setTitleText(unit);
    c.value->setLabelFormat(QStringLiteral("%.4g"));
    c.value->setTickCount(5);
    c.chart->addAxis(c.time, Qt::AlignBottom);
    c.chart->addAxis(c.value, Qt::AlignLeft);
    for (const QString &name : names) {
        auto *s = new QLineSeries;
        s->setName(name);
        s->setUseOpenGL(false);
        c.chart->addSeries(s);
        s->attachAxis(c.time);
        s->attachAxis(c.value);
        c.series.append(s);
    }
    c.view = new QChartView(c.chart, this);
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumSize(260, 180);
    c.view->setAccessibleName(title);
    return c;
}

void PoolCharts::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void PoolCharts::applyTheme()
{
    // Dark charts on a dark palette, light ones on a light palette.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    for (Chart *c : {&m_queue, &m_rates, &m_latency}) {
        if (!c->chart)
            continue;
        const QChart::ChartTheme theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
        if (c->chart->theme() != theme)
            c->chart->setTheme(theme);
    }
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
    QList<QPointF> points[7];
    double max[3] = {1, 1, 1};
    for (const PoolSample &s : m_samples) {
        if (s.tMs < start)
            continue;
        const double t = double(s.tMs);
        const double values[7]
            = {double(s.pending), double(s.running), s.answeredPerS, s.errorsPerS,
               s.p50Ms,           s.p95Ms,           s.p99Ms};
        for (int i = 0; i < 7; ++i)
            points[i].append(QPointF(t, values[i]));
        max[0] = std::max({max[0], values[0], values[1]});
        max[1] = std::max({max[1], values[2], values[3]});
        max[2] = std::max({max[2], values[4], values[5], values[6]});
    }
    const Chart *charts[3] = {&m_queue, &m_rates, &m_latency};
    int p = 0;
    for (int c = 0; c < 3; ++c) {
        for (QLineSeries *s : charts[c]->series)
            s->replace(points[p++]);
        charts[c]->time->setRange(QDateTime::fromMSecsSinceEpoch(start),
                                  QDateTime::fromMSecsSinceEpoch(end));
        charts[c]->value->setRange(0, max[c] * 1.1);
        charts[c]->value->applyNiceNumbers(); // 0, 1, 2 ... rather than 0, 0.3, 0.6
    }
}

} // namespace mcppm::ui
