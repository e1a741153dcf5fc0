#pragma once

#include <QChartView>
#include <QList>
#include <QPointF>

class QDateTimeAxis;
class QResizeEvent;
class QLineSeries;
class QValueAxis;

namespace mcppm::ui {

// One live line chart over wall-clock time, shared by the pool's charts and a
// server's charts: a time axis (HH:mm:ss, or HH:mm when the ticks are a
// minute or more apart, so no label repeats), a value axis from 0 with nice
// numbers, one line per name, the unit in the chart's title (never cut like a
// vertical axis title), and the chart theme following the palette (dark
// charts on a dark palette). setPoints() replaces each line's points in one
// call, so a redraw is one bulk update per series. A NaN value is a gap: the
// line stops there (an idle second has no latency, not 0 ms).
class LiveChart final : public QChartView
{
    Q_OBJECT
public:
    LiveChart(const QString &title, const QStringList &names, const QString &unit,
              QWidget *parent = nullptr);

    // One list per line, in the order of the names; x is ms since the epoch.
    void setPoints(const QList<QList<QPointF>> &lines, qint64 startMs, qint64 endMs);
    int lineCount() const { return int(m_lines.size()); }
    QLineSeries *line(int index) const { return m_lines.value(index); }
    // Points drawn for a line (all its pieces), and in how many pieces (gaps + 1).
    int pointCount(int line) const;
    int segmentCount(int line) const;
    QString timeFormat() const; // of the time axis now
    QString title() const;

protected:
    void changeEvent(QEvent *event) override;
    // Fewer, shorter time labels when narrow (the detail pane), so none is cut.
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyTheme();
    void updateTimeAxis();
    void updateValueAxis(); // nice numbers; three ticks on a short chart
    QLineSeries *segment(int line, int index); // piece `index` (> 0) of a line, made on demand

    QDateTimeAxis *m_time = nullptr;
    QValueAxis *m_value = nullptr;
    QList<QLineSeries *> m_lines;
    QList<QList<QLineSeries *>> m_pieces; // a line's pieces after the first, reused
    QList<int> m_segments; // pieces in use per line
    qint64 m_startMs = 0;
    qint64 m_endMs = 0;
    double m_max = 1; // the largest value shown
};

} // namespace mcppm::ui
