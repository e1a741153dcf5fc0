#pragma once

#include "pool/poolsnapshot.h"

#include <QAbstractTableModel>

namespace mcppm::ui {

// The clients of the pool's MCP endpoint, one row each (by clientInfo name),
// fed by snapshots. apply() inserts and removes rows one by one and reports
// changed cells as one dataChanged over the rows that changed.
class EndpointClientModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Name,
        Protocol,
        Peer,
        Active,
        Requests,
        Errors,
        ToolCalls,
        Cancelled,
        LastCall,
        LastSeen,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role { SortRole = Qt::UserRole + 1 };

    explicit EndpointClientModel(QObject *parent = nullptr);

    void apply(const QList<EndpointClientRow> &rows);
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    static bool same(const EndpointClientRow &a, const EndpointClientRow &b);
    QList<EndpointClientRow> m_rows; // sorted by name, as the endpoint reports them
};

} // namespace mcppm::ui
