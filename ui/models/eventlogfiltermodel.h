#pragma once

#include "pool/poolsnapshot.h"

#include <QSortFilterProxyModel>

#include <bitset>

namespace mcppm::ui {

// The event log as filtered by its filter bar: by kind (any set of kinds), by
// server ("" = all; events without a server are the pool's own and shown only
// under "all"), by least severity, and by text (setFilterFixedString, any column,
// case-insensitive). Sits over an EventLogModel; keeps its order.
class EventLogFilterModel final : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit EventLogFilterModel(QObject *parent = nullptr);

    void setKindShown(PoolEvent::Kind kind, bool shown);
    bool isKindShown(PoolEvent::Kind kind) const;
    void showAllKinds();
    void setServer(const QString &serverId);
    QString server() const { return m_server; }
    void setMinimumSeverity(PoolEvent::Severity severity);
    PoolEvent::Severity minimumSeverity() const { return m_minimumSeverity; }
    // True when any filter hides something (for a "filtered" hint).
    bool isFiltering() const;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    std::bitset<PoolEvent::kKindCount> m_hiddenKinds;
    QString m_server;
    PoolEvent::Severity m_minimumSeverity = PoolEvent::Severity::Info;
};

} // namespace mcppm::ui
