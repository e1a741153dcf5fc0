#pragma once

#include "stats/latencyhistogram.h"
#include "stats/ratewindow.h"
#include "stats/recentlatencies.h"

#include "jsonrpc/mcperror.h"

#include <QJsonObject>

#include <array>

namespace mcppm {

// What happened to the calls of one server or one tool: attempts sent, their
// answers and errors by kind, what is in flight, a latency histogram and
// sliding-window rates. Attempts are counted (a retried task counts twice).
struct CallStatistics
{
    static constexpr int kKindCount = int(McpError::Kind::NoHealthyServers) + 1;

    qint64 requests = 0; // attempts sent
    qint64 succeeded = 0; // attempts answered with a result (isError results included)
    qint64 toolErrors = 0; // of those, results with isError
    qint64 errors = 0; // attempts that ended in an error, cancellations not included
    qint64 cancelled = 0; // attempts cancelled (by the operator, the caller or shutdown)
    std::array<qint64, kKindCount> errorsByKind{}; // errors only: cancelled stays 0
    int inFlight = 0;
    LatencyHistogram latency; // of answered attempts
    RecentLatencies recent; // of the answered attempts of the last 10 s
    RateWindow answered; // answered attempts per second
    RateWindow failed; // errors per second

    static CallStatistics withRateWindow(int seconds);

    void attemptStarted();
    void attemptFinished(qint64 nowMs, qint64 latencyUs, McpError::Kind error, bool toolError);
    void merge(const CallStatistics &other); // counters and histogram (not the rates)

    double errorRate() const; // errors / (answered + errors), 0..1; cancellations left out
    qint64 errorsOf(McpError::Kind kind) const { return errorsByKind[size_t(kind)]; }

    // {requests, succeeded, toolErrors, errors, cancelled, errorRate, inFlight,
    //  errorsByKind{timeout: n, ...} (kinds seen only), latency{count, p50Ms, ...},
    //  answeredPerS, errorsPerS}
    QJsonObject toJson(qint64 nowMs) const;
};

} // namespace mcppm
