#include "stats/ratewindow.h"

namespace mcppm {

RateWindow::RateWindow(int seconds)
    : m_counts(size_t(qMax(1, seconds)), 0)
    , m_secondOf(size_t(qMax(1, seconds)), -1)
{ }

void RateWindow::add(qint64 nowMs, qint64 count)
{
    if (m_firstMs < 0)
        m_firstMs = nowMs;
    const qint64 second = nowMs / 1000;
    const size_t slot = size_t(second % qint64(m_counts.size()));
    if (m_secondOf[slot] != second) {
        m_secondOf[slot] = second;
        m_counts[slot] = 0;
    }
    m_counts[slot] += count;
}

double RateWindow::perSecond(qint64 nowMs) const
{
    if (m_firstMs < 0)
        return 0;
    const qint64 now = nowMs / 1000;
    const qint64 window = qint64(m_counts.size());
    qint64 total = 0;
    for (size_t i = 0; i < m_counts.size(); ++i) {
        if (m_secondOf[i] > now - window && m_secondOf[i] <= now)
            total += m_counts[i];
    }
    // The window covers the full earlier seconds and the part of this one gone by,
    // but never more than the time since counting began.
    double span = double(window - 1) + double(nowMs % 1000) / 1000.0;
    span = qMin(span, double(nowMs - (m_firstMs / 1000) * 1000) / 1000.0);
    return total / qMax(span, 1.0);
}

} // namespace mcppm
