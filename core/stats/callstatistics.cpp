#include "stats/callstatistics.h"

#include <cmath>

namespace mcppm {

CallStatistics CallStatistics::withRateWindow(int seconds)
{
    CallStatistics s;
    s.answered = RateWindow(seconds);
    s.failed = RateWindow(seconds);
    return s;
}

void CallStatistics::attemptStarted()
{
    ++requests;
    ++inFlight;
}

void CallStatistics::attemptFinished(qint64 nowMs, qint64 latencyUs, McpError::Kind error,
                                     bool toolError)
{
    inFlight = qMax(0, inFlight - 1);
    if (error == McpError::Kind::None) {
        ++succeeded;
        if (toolError)
            ++toolErrors;
        if (latencyUs >= 0) {
            latency.record(latencyUs);
            recent.record(nowMs, latencyUs);
        }
        answered.add(nowMs);
        return;
    }
    if (error == McpError::Kind::Cancelled) {
        ++cancelled; // not a failure of the server: neither an error nor in the error rate
        return;
    }
    ++errorsByKind[size_t(error)];
    ++errors;
    failed.add(nowMs);
}

void CallStatistics::merge(const CallStatistics &other)
{
    requests += other.requests;
    succeeded += other.succeeded;
    toolErrors += other.toolErrors;
    errors += other.errors;
    cancelled += other.cancelled;
    for (size_t i = 0; i < errorsByKind.size(); ++i)
        errorsByKind[i] += other.errorsByKind[i];
    inFlight += other.inFlight;
    latency.merge(other.latency);
}

double CallStatistics::errorRate() const
{
    const qint64 finished = succeeded + errors;
    return finished ? double(errors) / double(finished) : 0.0;
}

QJsonObject CallStatistics::toJson(qint64 nowMs) const
{
    auto round2 = [](double v) { return std::round(v * 100.0) / 100.0; };
    QJsonObject kinds;
    for (int i = 1; i < kKindCount; ++i) {
        if (errorsByKind[size_t(i)])
            kinds.insert(McpError::kindName(McpError::Kind(i)), errorsByKind[size_t(i)]);
    }
    QJsonObject o;
    o.insert(QStringLiteral("requests"), requests);
    o.insert(QStringLiteral("succeeded"), succeeded);
    o.insert(QStringLiteral("toolErrors"), toolErrors);
    o.insert(QStringLiteral("errors"), errors);
    o.insert(QStringLiteral("cancelled"), cancelled);
    o.insert(QStringLiteral("errorRate"), std::round(errorRate() * 10000.0) / 10000.0);
    o.insert(QStringLiteral("inFlight"), inFlight);
    o.insert(QStringLiteral("errorsByKind"), kinds);
    o.insert(QStringLiteral("latency"), latency.toJson());
    o.insert(QStringLiteral("answeredPerS"), round2(answered.perSecond(nowMs)));
    o.insert(QStringLiteral("errorsPerS"), round2(failed.perSecond(nowMs)));
    return o;
}

} // namespace mcppm
