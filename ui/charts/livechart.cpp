#include "livechart.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLineSeries>
#include <QValueAxis>

#include <algorithm>

namespace mcppm::ui {

LiveChart::LiveChart(const QString &title, const QStringList &names, const QString &unit,
                     QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setTitle(title);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_time = new QDateTimeAxis;
    m_time->setFormat(QStringLiteral("HH:mm:ss"));
    m_time->setTickCount(5);
    m_value = new QValueAxis;
    m_value->setTitleText(unit);
    m_value->setLabelFormat(QStringLiteral("%.4g"));
    m_value->setTickCount(5);
    chart->addAxis(m_time, Qt::AlignBottom);
    chart->addAxis(m_value, Qt::AlignLeft);
    for (const QString &name : names) {
        auto *s = new QLineSeries;
        s->setName(name);
        s->setUseOpenGL(false);
        chart->addSeries(s);
        s->attachAxis(m_time);
        s->attachAxis(m_value);
        m_lines.append(s);
    }
    // The view owns the new chart but lets go of the default one it made:
    // that one is ours to delete.
    QChart *made = this->chart();
    setChart(chart);
    delete made;
    setRenderHint(QPainter::Antialiasing);
    setAccessibleName(title);
    applyTheme();
}

void LiveChart::setPoints(const QList<QList<QPointF>> &lines, qint64 startMs, qint64 endMs)
{
    double max = 1;
    for (int i = 0; i < m_lines.size(); ++i) {
        const QList<QPointF> points = lines.value(i);
        for (const QPointF &p : points)
            max = std::max(max, p.y());
        m_lines.at(i)->replace(points);
    }
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(startMs),
                     QDateTime::fromMSecsSinceEpoch(endMs));
    m_value->setRange(0, max * 1.1);
    m_value->applyNiceNumbers(); // 0, 1, 2 ... rather than 0, 0.3, 0.6
}

void LiveChart::resizeEvent(QResizeEvent *event)
{
    const bool narrow = width() < 480;
    m_time->setTickCount(narrow ? 3 : 5);
    m_time->setFormat(narrow ? QStringLiteral("HH:mm") : QStringLiteral("HH:mm:ss"));
    QChartView::resizeEvent(event);
}

void LiveChart::changeEvent(QEvent *event)
{
    QChartView::changeEvent(event);
    if (event->type() == QEvent::PaletteChange)
        applyTheme();
}

void LiveChart::applyTheme()
{
    // Dark charts on a dark palette, light ones on a light palette.
    const bool dark = palette().color(QPalette::Window).lightness() < 128;
    const QChart::ChartTheme theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (chart() && chart()->theme() != theme)
        chart()->setTheme(theme);
}

} // namespace mcppm::ui
