#include "livechart.h"

#include <QChart>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QResizeEvent>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace mcppm::ui {

LiveChart::LiveChart(const QString &title, const QStringList &names, const QString &unit,
                     QWidget *parent)
    : QChartView(parent)
{
    auto *chart = new QChart;
    chart->setTitle(unit.isEmpty() ? title : tr("%1 (%2)").arg(title, unit));
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setMargins(QMargins(4, 4, 4, 4));
    m_time = new QDateTimeAxis;
    m_time->setFormat(QStringLiteral("HH:mm:ss"));
    m_time->setTickCount(5);
    m_value = new QValueAxis;
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
        m_pieces.append(QList<QLineSeries *>());
        m_segments.append(1);
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
        // Split at the gaps (NaN): one series per piece, all in the line's colour.
        QList<QList<QPointF>> pieces(1);
        for (const QPointF &p : lines.value(i)) {
            if (std::isnan(p.y())) {
                if (!pieces.constLast().isEmpty())
                    pieces.append(QList<QPointF>());
                continue;
            }
            max = std::max(max, p.y());
            pieces.last().append(p);
        }
        if (pieces.size() > 1 && pieces.constLast().isEmpty())
            pieces.removeLast();
        for (int k = 0; k < pieces.size(); ++k) {
            QLineSeries *series = k == 0 ? m_lines.at(i) : segment(i, k);
            series->replace(pieces.at(k));
            series->setPointsVisible(pieces.at(k).size() == 1); // a lone point still shows
            series->setVisible(true);
        }
        for (int k = int(pieces.size()); k <= int(m_pieces.at(i).size()); ++k) {
            if (k > 0) {
                m_pieces[i][k - 1]->clear();
                m_pieces[i][k - 1]->setVisible(false);
            }
        }
        m_segments[i] = int(pieces.size());
    }
    m_startMs = startMs;
    m_endMs = endMs;
    m_time->setRange(QDateTime::fromMSecsSinceEpoch(startMs),
                     QDateTime::fromMSecsSinceEpoch(endMs));
    updateTimeAxis();
    m_max = max;
    updateValueAxis();
}

void LiveChart::updateValueAxis()
{
    if (height() >= 240) {
        m_value->setTickCount(5);
        m_value->setRange(0, m_max * 1.1);
        m_value->applyNiceNumbers(); // 0, 1, 2 ... rather than 0, 0.3, 0.6
        return;
    }
    // A short chart (a small window): three labels that fit, 0, half and a
    // round top (1, 2 or 5 times a power of ten), instead of five cut to "...".
    const double need = m_max * 1.05;
    const double power = std::pow(10.0, std::floor(std::log10(need)));
    double top = power;
    for (double step : {1.0, 2.0, 5.0, 10.0}) {
        top = step * power;
        if (top >= need)
            break;
    }
    m_value->setTickCount(3);
    m_value->setRange(0, top);
}

QLineSeries *LiveChart::segment(int line, int index)
{
    QList<QLineSeries *> &pieces = m_pieces[line];
    while (int(pieces.size()) < index) {
        auto *s = new QLineSeries;
        s->setUseOpenGL(false);
        chart()->addSeries(s);
        s->attachAxis(m_time);
        s->attachAxis(m_value);
        s->setPen(m_lines.at(line)->pen());
        for (QLegendMarker *marker : chart()->legend()->markers(s))
            marker->setVisible(false); // one legend entry per line
        pieces.append(s);
    }
    return pieces.at(index - 1);
}

int LiveChart::pointCount(int line) const
{
    if (line < 0 || line >= m_lines.size())
        return 0;
    int n = int(m_lines.at(line)->count());
    for (int k = 0; k + 1 < m_segments.at(line); ++k)
        n += int(m_pieces.at(line).at(k)->count());
    return n;
}

int LiveChart::segmentCount(int line) const
{
    return line >= 0 && line < m_segments.size() && pointCount(line) > 0 ? m_segments.at(line) : 0;
}

QString LiveChart::timeFormat() const
{
    return m_time->format();
}

QString LiveChart::title() const
{
    return chart()->title();
}

void LiveChart::updateTimeAxis()
{
    // Fewer labels when narrow; seconds only when the ticks are less than a
    // minute apart ("18:00 18:00 18:01" never).
    const int ticks = width() < 480 ? 3 : 5;
    m_time->setTickCount(ticks);
    const qint64 spacing = (m_endMs - m_startMs) / std::max(1, ticks - 1);
    m_time->setFormat(spacing > 0 && spacing < 60000 ? QStringLiteral("HH:mm:ss")
                                                     : QStringLiteral("HH:mm"));
}

void LiveChart::resizeEvent(QResizeEvent *event)
{
    updateTimeAxis();
    if ((event->oldSize().height() >= 240) != (event->size().height() >= 240))
        updateValueAxis();
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
    if (chart() && chart()->theme() != theme) {
        chart()->setTheme(theme);
        // The theme recolours every series: a line's pieces follow the line.
        for (int i = 0; i < m_lines.size(); ++i) {
            for (QLineSeries *piece : std::as_const(m_pieces.at(i)))
                piece->setPen(m_lines.at(i)->pen());
        }
    }
}

} // namespace mcppm::ui
