#pragma once

#include "pool/poolsnapshot.h"

#include <QAbstractTableModel>

#include <deque>

namespace mcppm::ui {

// The event log: health changes, failed tasks, retries, failovers. Bounded
// (the oldest rows leave first), appended in batches from snapshots.
class EventLogModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { Time, Kind, Server, Text, ColumnCount };
    Q_ENUM(Column)
    enum Role {
        KindRole = Qt::UserRole + 1, // int(PoolEvent::Kind)
        SeverityRole, // int(PoolEvent::Severity)
        ServerIdRole, // the server id as sent (not escaped)
        CountRole, // events a summary stands for; 0 = one event
    };

    explicit EventLogModel(int capacity = 5000, QObject *parent = nullptr);

    void append(const QList<PoolEvent> &events, int dropped = 0);
    void clear();
    const PoolEvent *eventAt(int row) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // The servers named by the events seen since the last clear(), sorted.
    QStringList servers() const;

    static QString kindText(PoolEvent::Kind kind); // translated
    static QString severityText(PoolEvent::Severity severity); // translated

Q_SIGNALS:
    // A server id not named by any earlier event: the filter's server list grows.
    void serversChanged();

private:
    int m_capacity;
    std::deque<PoolEvent> m_events;
    QStringList m_servers; // sorted, unique
};

} // namespace mcppm::ui
