#pragma once

#include <QHash>
#include <QList>
#include <QRandomGenerator>
#include <QString>

namespace mcppm {

// What a strategy knows of a server that may take the next call. The pool
// passes only candidates that are healthy, offer the tool and have room.
struct ServerCandidate
{
    QString id;
    int activeTasks = 0;
    int priority = 0; // higher is preferred (Priority strategy)
    int weight = 1; // share of calls (WeightedRoundRobin), at least 1
    double latencyEwmaMs = 0; // smoothed latency (PowerOfTwoChoices); 0 = unknown
    bool slow = false; // a latency outlier (HealthMonitor): chosen only when nothing else is left
};

// Chooses a server for each call. The reference design's round robin, least
// loaded and priority (ties by least loaded), plus smooth weighted round robin
// and power-of-two-choices on in-flight count × latency. Switchable at run time.
// Every strategy is in-flight aware: slow servers are passed over while others
// can take the call, and so is a server with far more calls running than the
// least busy one (more than twice its count plus two): a frozen server stops
// getting work after a few calls instead of collecting every slot.
class LoadBalancer final
{
public:
    enum class Strategy {
        RoundRobin,
        LeastLoaded,
        Priority,
        WeightedRoundRobin,
        PowerOfTwoChoices
    };

    explicit LoadBalancer(Strategy strategy = Strategy::RoundRobin, quint32 seed = 0);

    Strategy strategy() const { return m_strategy; }
    void setStrategy(Strategy strategy);

    // Index into candidates, or -1 when there is none.
    int select(const QList<ServerCandidate> &candidates);

    // "round-robin", "least-loaded", "priority", "weighted", "p2c".
    static QString name(Strategy strategy);
    static bool fromName(const QString &name, Strategy *strategy);
    static QStringList names();

private:
    int choose(const QList<ServerCandidate> &candidates);
    int roundRobin(const QList<ServerCandidate> &candidates, const QList<int> &among);
    int weighted(const QList<ServerCandidate> &candidates);
    int powerOfTwo(const QList<ServerCandidate> &candidates);

    Strategy m_strategy;
    QRandomGenerator m_random;
    QString m_lastId; // round robin: the server picked last
    QHash<QString, qint64> m_currentWeight; // smooth weighted round robin state
};

} // namespace mcppm
