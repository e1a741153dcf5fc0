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
// server's charts: a time axis (HH:mm:ss), a value axis from 0 with nice
// numbers, one line per name, and the chart theme following the palette
// (dark charts on a dark palette). setPoints() replaces each line's points in
// one call, so a redraw is one bulk update per series.
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

protected:
    void changeEvent(QEvent *event) override;
    // Fewer, shorter time labels when narrow (the detail pane), so none is cut.
    void resizeEvent(QResizeEvent *event) override;

private:
    void applyTheme();

    QDateTimeAxis *m_time = nullptr;
    QValueAxis *m_value = nullptr;
    QList<QLineSeries *> m_lines;
};

} // namespace mcppm::ui
