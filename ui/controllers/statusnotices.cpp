#include "statusnotices.h"

#include <QSet>
#include <QTimer>

namespace mcppm::ui {

StatusNotices::StatusNotices(QObject *parent)
    : QObject(parent)
{ }

void StatusNotices::setDelayMs(int ms)
{
    m_delayMs = qMax(0, ms);
}

bool StatusNotices::isDown(const QString &status)
{
    return status == QLatin1String("offline") || status == QLatin1String("dead")
        || status == QLatin1String("reconnecting") || status == QLatin1String("ejected");
}

void StatusNotices::follow(const QList<ServerRow> &rows)
{
    QSet<QString> present;
    for (const ServerRow &row : rows) {
        present.insert(row.id);
        const auto it = m_servers.find(row.id);
        if (it == m_servers.end()) { // first seen: its state now is where it starts
            m_servers.insert(row.id, {row.status, row.lastError, 0, false, false});
            continue;
        }
        Server &s = it.value();
        const QString before = std::exchange(s.status, row.status);
        s.lastError = row.lastError;
        if (before == row.status)
            continue;
        if (isDown(row.status) && !isDown(before)) {
            // A first connection that fails is not news; a server that was up is.
            if (before == QLatin1String("connecting") || s.announced)
                continue;
            s.pending = true;
            s.generation = m_nextGeneration++;
            const quint64 generation = s.generation;
            const QString id = row.id;
            QTimer::singleShot(m_delayMs, this,
                               [this, id, generation]() { announce(id, generation); });
        } else if (!isDown(row.status)) {
            s.pending = false; // back before the notice was due: nothing to say
            if (s.announced && row.status == QLatin1String("online")) {
                s.announced = false;
                Q_EMIT serverRecovered(row.id);
            }
        }
    }
    for (auto it = m_servers.begin(); it != m_servers.end();) {
        if (present.contains(it.key()))
            ++it;
        else
            it = m_servers.erase(it); // removed from the pool
    }
}

void StatusNotices::announce(const QString &id, quint64 generation)
{
    const auto it = m_servers.find(id);
    if (it == m_servers.end() || !it->pending || it->generation != generation
        || !isDown(it->status))
        return;
    it->pending = false;
    it->announced = true;
    Q_EMIT serverWentOffline(id, it->lastError);
}

void StatusNotices::clear()
{
    m_servers.clear();
}

} // namespace mcppm::ui
