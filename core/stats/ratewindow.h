#pragma once

#include <QtGlobal>

#include <vector>

namespace mcppm {

// Events per second over a sliding window of whole seconds (10 by default):
// one counter per second in a ring, so memory is fixed and old seconds fall out.
class RateWindow
{
public:
    explicit RateWindow(int seconds = 10);

    void add(qint64 nowMs, qint64 count = 1);
    // Events in the window ending at nowMs, divided by the time it covers
    // (shorter while the window has not been running for its full length).
    double perSecond(qint64 nowMs) const;
    int seconds() const { return int(m_counts.size()); }

private:
    std::vector<qint64> m_counts;
    std::vector<qint64> m_secondOf; // which second each slot holds
    qint64 m_firstMs = -1; // when the first event was counted
};

} // namespace mcppm
