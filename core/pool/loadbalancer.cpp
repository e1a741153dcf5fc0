#include "pool/loadbalancer.h"

#include <QStringList>

#include <limits>

namespace mcppm {

LoadBalancer::LoadBalancer(Strategy strategy, quint32 seed)
    : m_strategy(strategy)
    , m_random(seed ? QRandomGenerator(seed) : QRandomGenerator::securelySeeded())
{ }

void LoadBalancer::setStrategy(Strategy strategy)
{
    m_strategy = strategy;
    m_currentWeight.clear();
}

QString LoadBalancer::name(Strategy strategy)
{
    switch (strategy) {
    case Strategy::RoundRobin:
        return QStringLiteral("round-robin");
    case Strategy::LeastLoaded:
        return QStringLiteral("least-loaded");
    case Strategy::Priority:
        return QStringLiteral("priority");
    case Strategy::WeightedRoundRobin:
        return QStringLiteral("weighted");
    case Strategy::PowerOfTwoChoices:
        return QStringLiteral("p2c");
    }
    return {};
}

QStringList LoadBalancer::names()
{
    return {name(Strategy::RoundRobin), name(Strategy::LeastLoaded), name(Strategy::Priority),
            name(Strategy::WeightedRoundRobin), name(Strategy::PowerOfTwoChoices)};
}

bool LoadBalancer::fromName(const QString &text, Strategy *strategy)
{
    const QString n = text.trimmed().toLower().replace(QLatin1Char('_'), QLatin1Char('-'));
    for (Strategy s : {Strategy::RoundRobin, Strategy::LeastLoaded, Strategy::Priority,
                       Strategy::WeightedRoundRobin, Strategy::PowerOfTwoChoices}) {
        if (n == name(s)) {
            *strategy = s;
            return true;
        }
    }
    return false;
}

int LoadBalancer::select(const QList<ServerCandidate> &candidates)
{
    if (candidates.size() <= 1)
        return candidates.isEmpty() ? -1 : 0;
    // Narrow to the servers worth asking; the strategy picks among those.
    int least = std::numeric_limits<int>::max();
    bool anyFast = false;
    for (const ServerCandidate &c : candidates) {
        if (!c.slow) {
            anyFast = true;
            least = qMin(least, c.activeTasks);
        }
    }
    if (!anyFast) {
        for (const ServerCandidate &c : candidates)
            least = qMin(least, c.activeTasks);
    }
    const int ceiling = 2 * least + 2;
    QList<ServerCandidate> narrowed;
    QList<int> indexes;
    for (int i = 0; i < candidates.size(); ++i) {
        const ServerCandidate &c = candidates.at(i);
        if ((anyFast && c.slow) || c.activeTasks > ceiling)
            continue;
        narrowed.append(c);
        indexes.append(i);
    }
    if (narrowed.size() == candidates.size())
        return choose(candidates);
    const int chosen = choose(narrowed);
    return chosen < 0 ? -1 : indexes.at(chosen);
}

int LoadBalancer::choose(const QList<ServerCandidate> &candidates)
{
    if (candidates.isEmpty())
        return -1;
    QList<int> all;
    for (int i = 0; i < candidates.size(); ++i)
        all << i;
    switch (m_strategy) {
    case Strategy::RoundRobin:
        return roundRobin(candidates, all);
    case Strategy::LeastLoaded: {
        int least = candidates.first().activeTasks;
        for (const ServerCandidate &c : candidates)
            least = qMin(least, c.activeTasks);
        QList<int> tied;
        for (int i = 0; i < candidates.size(); ++i) {
            if (candidates.at(i).activeTasks == least)
                tied << i;
        }
        return roundRobin(candidates, tied); // rotate among equals: nobody starves
    }
    case Strategy::Priority: {
        int best = candidates.first().priority;
        for (const ServerCandidate &c : candidates)
            best = qMax(best, c.priority);
        int least = std::numeric_limits<int>::max();
        for (const ServerCandidate &c : candidates) {
            if (c.priority == best)
                least = qMin(least, c.activeTasks);
        }
        QList<int> tied;
        for (int i = 0; i < candidates.size(); ++i) {
            if (candidates.at(i).priority == best && candidates.at(i).activeTasks == least)
                tied << i;
        }
        return roundRobin(candidates, tied);
    }
    case Strategy::WeightedRoundRobin:
        return weighted(candidates);
    case Strategy::PowerOfTwoChoices:
        return powerOfTwo(candidates);
    }
    return -1;
}

int LoadBalancer::roundRobin(const QList<ServerCandidate> &candidates, const QList<int> &among)
{
    // The first of `among` (in list order) after the server picked last; the
    // list order is the pool's, so servers coming and going keep the rotation fair.
    int lastPosition = -1;
    for (int i = 0; i < candidates.size(); ++i) {
        if (candidates.at(i).id == m_lastId) {
            lastPosition = i;
            break;
        }
    }
    int chosen = among.first();
    if (lastPosition >= 0) {
        for (int index : among) {
            if (index > lastPosition) {
                chosen = index;
                break;
            }
        }
    } else if (!m_lastId.isEmpty()) {
        // The last server is gone: continue after where it would sort.
        for (int index : among) {
            if (candidates.at(index).id > m_lastId) {
                chosen = index;
                break;
            }
        }
    }
    m_lastId = candidates.at(chosen).id;
    return chosen;
}

int LoadBalancer::weighted(const QList<ServerCandidate> &candidates)
{
    // Smooth weighted round robin (as in nginx): spreads a 5:1:1 split as
    // a a b a c a a rather than a a a a a b c.
    qint64 total = 0;
    int best = -1;
    for (int i = 0; i < candidates.size(); ++i) {
        const qint64 weight = qMax(1, candidates.at(i).weight);
        total += weight;
        qint64 &current = m_currentWeight[candidates.at(i).id];
        current += weight;
        if (best < 0 || current > m_currentWeight.value(candidates.at(best).id))
            best = i;
    }
    m_currentWeight[candidates.at(best).id] -= total;
    return best;
}

int LoadBalancer::powerOfTwo(const QList<ServerCandidate> &candidates)
{
    if (candidates.size() == 1)
        return 0;
    const int a = int(m_random.bounded(quint32(candidates.size())));
    int b = int(m_random.bounded(quint32(candidates.size() - 1)));
    if (b >= a)
        ++b;
    // Expected wait: calls in flight (plus this one) times the smoothed latency.
    auto cost = [&](int i) {
        const ServerCandidate &c = candidates.at(i);
        const double latency = c.latencyEwmaMs > 0 ? c.latencyEwmaMs : 1.0;
        return double(c.activeTasks + 1) * latency;
    };
    return cost(a) <= cost(b) ? a : b;
}

} // namespace mcppm
