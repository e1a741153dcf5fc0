#include "eventlogfiltermodel.h"

#include "eventlogmodel.h"

namespace mcppm::ui {

EventLogFilterModel::EventLogFilterModel(QObject *parent)
    : QSortFilterProxyModel(parent)
{
    setFilterCaseSensitivity(Qt::CaseInsensitive);
    setFilterKeyColumn(-1);
}

void EventLogFilterModel::setKindShown(PoolEvent::Kind kind, bool shown)
{
    const size_t bit = size_t(kind);
    if (bit >= m_hiddenKinds.size() || m_hiddenKinds.test(bit) == !shown)
        return;
    m_hiddenKinds.set(bit, !shown);
    invalidateFilter();
}

bool EventLogFilterModel::isKindShown(PoolEvent::Kind kind) const
{
    const size_t bit = size_t(kind);
    return bit >= m_hiddenKinds.size() || !m_hiddenKinds.test(bit);
}

void EventLogFilterModel::showAllKinds()
{
    if (m_hiddenKinds.none())
        return;
    m_hiddenKinds.reset();
    invalidateFilter();
}

void EventLogFilterModel::setServer(const QString &serverId)
{
    if (m_server == serverId)
        return;
    m_server = serverId;
    invalidateFilter();
}

void EventLogFilterModel::setMinimumSeverity(PoolEvent::Severity severity)
{
    if (m_minimumSeverity == severity)
        return;
    m_minimumSeverity = severity;
    invalidateFilter();
}

bool EventLogFilterModel::isFiltering() const
{
    return m_hiddenKinds.any() || !m_server.isEmpty()
        || m_minimumSeverity != PoolEvent::Severity::Info
        || !filterRegularExpression().pattern().isEmpty();
}

bool EventLogFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const
{
    const QModelIndex index = sourceModel()->index(sourceRow, 0, sourceParent);
    const int kind = index.data(EventLogModel::KindRole).toInt();
    if (kind >= 0 && size_t(kind) < m_hiddenKinds.size() && m_hiddenKinds.test(size_t(kind)))
        return false;
    if (index.data(EventLogModel::SeverityRole).toInt() < int(m_minimumSeverity))
        return false;
    if (!m_server.isEmpty() && index.data(EventLogModel::ServerIdRole).toString() != m_server)
        return false;
    return QSortFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
}

} // namespace mcppm::ui
