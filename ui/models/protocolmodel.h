#pragma once

#include "pool/poolsnapshot.h"

#include <QAbstractListModel>

#include <deque>

namespace mcppm::ui {

// The raw JSON-RPC messages of one watched server, newest last, bounded (the
// oldest leave first). Each row is "→ tools/call" or "← answer"; the full,
// masked JSON is the MessageRole.
class ProtocolModel final : public QAbstractListModel
{
    Q_OBJECT
public:
    enum Role { MessageRole = Qt::UserRole + 1, OutgoingRole };

    explicit ProtocolModel(int capacity = 500, QObject *parent = nullptr);

    void append(const QList<TrafficRecord> &records, int dropped = 0);
    void clear();
    const TrafficRecord *record(int row) const;
    int capacity() const { return m_capacity; }

    int rowCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

private:
    int m_capacity;
    std::deque<TrafficRecord> m_records;
};

} // namespace mcppm::ui
