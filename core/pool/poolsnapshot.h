#pragma once

#include "stats/timeseries.h"

#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <optional>

namespace mcppm {

// One server as the UI shows it: plain values, copied out of the core's thread.
struct ServerRow
{
    QString id;
    QString url;
    QString status; // serverStatusName() (online, degraded, offline, …) or "disabled"
    QString lastError;
    // Why it has its status, in words ("error rate 34% over the last 52
    // calls", "ejected for 60 s: …", "2 probes failed"); "" when nothing to say.
    QString statusReason;
    bool slow = false; // a latency outlier: strategies pass it over
    qint64 windowRequests = 0; // calls in the health window
    double windowErrorPercent = 0; // their error rate
    int statusChanges = 0; // transitions since it was added
    QString protocolVersion;
    QString era; // "modern" (2026-07-28), "legacy" (2025 and earlier), "" before connecting
    QString serverName;
    QString serverVersion;
    int activeTasks = 0;
    int tools = 0;
    int priority = 0;
    int weight = 1;
    qint64 requests = 0;
    qint64 errors = 0;
    double errorRate = 0; // 0..1
    double p50Ms = 0; // of every answered call since the start
    double p95Ms = 0;
    double recentP50Ms = -1; // of the calls answered in the last 10 s; -1 = none
    double recentP95Ms = -1;
    qint64 lastCheckAgeMs = -1; // since the last health check; -1 = none yet
    QString toolsHash; // first 8 hex digits of the tool set's fingerprint
    QString toolDrift; // how its tools differ from the pool's majority; "" = same
    // Stopped for a certificate it was not trusted with: that certificate, for
    // "trust this certificate" (SHA-256 "AB:CD:…", subject/issuer/validity).
    QString refusedCertificateSha256;
    QString refusedCertificate;
    bool tlsPinned = false;
    bool draining = false; // no new work (operator); status "disabled" when disabled
    // Local (stdio) servers: their process; pid 0 when none runs.
    bool local = false;
    qint64 pid = 0;
    double cpuPercent = 0; // of one core, over the last second
    qint64 rssBytes = 0;
    int restarts = 0;
    QString processState; // ProcessSupervisor::stateName(); "" when not local
    // OAuth (no token values): OAuthClient::stateName() or "" without OAuth;
    // status is "needs-sign-in" while refused for want of a sign-in.
    QString authState;
    QString authIssuer;
    QStringList authScopes;
    qint64 authExpiresAtMs = 0; // 0 = unknown
    double ratePerSecond = 0; // client-side limit; 0 = none
    int rateBurst = 0;
    qint64 heldForMs = 0; // it asked for a pause (429/503 Retry-After): this much is left

    bool operator==(const ServerRow &other) const = default;
};

// Something an operator wants in the event log.
struct PoolEvent
{
    // ServerLog: a server's own notifications/message; Warning: something to
    // look at that is not a failure (a tool refused for its annotations).
    enum class Kind { Health, TaskFailed, Retry, Failover, Info, Error, Warning, ServerLog };
    static constexpr int kKindCount = int(Kind::ServerLog) + 1;
    // How much it asks of the operator: Info (nothing), Warning (look at it),
    // Error (something failed). By kind unless set for the one event.
    enum class Severity { Info, Warning, Error };

    PoolEvent() = default;
    PoolEvent(qint64 atMs, Kind what, const QString &server, const QString &message,
              std::optional<Severity> severity = std::nullopt, int events = 0)
        : timeMs(atMs)
        , kind(what)
        , serverId(server)
        , text(message)
        , explicitSeverity(severity)
        , count(events)
    { }

    qint64 timeMs = 0; // wall clock, ms since the epoch
    Kind kind = Kind::Info;
    QString serverId;
    QString text;
    std::optional<Severity> explicitSeverity; // unset: defaultSeverity(kind)
    // A summary of coalesced events (a burst): how many it stands for; 0 = one event.
    int count = 0;

    Severity severity() const { return explicitSeverity.value_or(defaultSeverity(kind)); }

    static Severity defaultSeverity(Kind kind);
    static QString kindName(Kind kind);
    static QString severityName(Severity severity); // "info", "warning", "error"
};

// One JSON-RPC message on the wire of a watched server, secrets masked.
struct TrafficRecord
{
    qint64 timeMs = 0; // wall clock
    QString serverId;
    bool outgoing = false;
    QString method; // method of a request/notification; "" for answers
    QString text; // indented JSON, masked, cut when very long
};

// The pool as the UI sees it, sent at most ~10 times a second from the core's
// thread: every server's row, the summary, and what happened since the last one.
// A client of the pool's MCP endpoint, as the GUI shows it.
struct EndpointClientRow
{
    QString name;
    QString version;
    QString peer;
    QString protocolVersion;
    qint64 requests = 0;
    qint64 errors = 0;
    qint64 toolCalls = 0;
    qint64 cancelled = 0;
    int active = 0;
    int sessions = 0;
    qint64 lastSeenAgoMs = -1;
    QString lastCall;
};

// The pool's MCP endpoint: where it serves (empty when it does not) and who uses it.
struct EndpointStatus
{
    QString url; // "" = not serving
    QString error; // why it is not serving, when it should
    int sessions = 0;
    int streams = 0;
    qint64 refused = 0;
    QList<EndpointClientRow> clients;
};

struct PoolSnapshot
{
    QList<ServerRow> servers;
    int healthy = 0;
    int degraded = 0;
    int offline = 0;
    int pending = 0;
    int running = 0;
    qint64 completed = 0;
    qint64 failed = 0; // failed or timed out
    qint64 cancelled = 0; // by the operator or the caller (not failures)
    QString strategy;
    bool paused = false;
    QList<PoolSample> newSamples; // taken since the previous snapshot
    QList<PoolEvent> events; // since the previous snapshot (at most 200)
    int droppedEvents = 0; // beyond those 200
    EndpointStatus endpoint;
};

} // namespace mcppm

Q_DECLARE_METATYPE(mcppm::PoolSnapshot)
Q_DECLARE_METATYPE(mcppm::PoolEvent)
Q_DECLARE_METATYPE(mcppm::TrafficRecord)
