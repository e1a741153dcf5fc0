#include "endpointclientmodel.h"

#include "net/safetext.h"

namespace mcppm::ui {

EndpointClientModel::EndpointClientModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

bool EndpointClientModel::same(const EndpointClientRow &a, const EndpointClientRow &b)
{
    return a.name == b.name && a.version == b.version && a.peer == b.peer
        && a.protocolVersion == b.protocolVersion && a.requests == b.requests
        && a.errors == b.errors && a.toolCalls == b.toolCalls && a.cancelled == b.cancelled
        && a.active == b.active && a.sessions == b.sessions && a.lastCall == b.lastCall
        && a.lastSeenAgoMs / 1000 == b.lastSeenAgoMs / 1000;
}

void EndpointClientModel::apply(const QList<EndpointClientRow> &rows)
{
    // Rows gone (names are unique and sorted in both lists).
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        const bool kept = std::any_of(rows.cbegin(), rows.cend(), [&](const EndpointClientRow &r) {
            return r.name == m_rows.at(i).name;
        });
        if (!kept) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    // Rows new, at their sorted place; changed cells in one range.
    int first = -1, last = -1;
    for (int i = 0; i < rows.size(); ++i) {
        if (i >= m_rows.size() || m_rows.at(i).name != rows.at(i).name) {
            beginInsertRows({}, i, i);
            m_rows.insert(i, rows.at(i));
            endInsertRows();
            continue;
        }
        if (!same(m_rows.at(i), rows.at(i))) {
            m_rows[i] = rows.at(i);
            first = first < 0 ? i : first;
            last = i;
        }
    }
    if (first >= 0)
        Q_EMIT dataChanged(index(first, 0), index(last, ColumnCount - 1));
}

int EndpointClientModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int EndpointClientModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EndpointClientModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= m_rows.size() || index.column() >= ColumnCount)
        return {};
    const EndpointClientRow &r = m_rows.at(index.row());
    if (role == SortRole) {
        switch (index.column()) {
        case Active:
            return r.active;
        case Requests:
            return r.requests;
        case Errors:
            return r.errors;
        case ToolCalls:
            return r.toolCalls;
        case Cancelled:
            return r.cancelled;
        case LastSeen:
            return r.lastSeenAgoMs;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::TextAlignmentRole && index.column() >= Active && index.column() <= Cancelled)
        return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
    if (role == Qt::ToolTipRole) {
        if (index.column() == Name)
            return tr("%1 %2, %n session(s) open", nullptr, r.sessions)
                .arg(SafeText::escape(r.name), SafeText::escape(r.version));
        if (index.column() == LastCall)
            return SafeText::escape(r.lastCall);
        return {};
    }
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Name:
        return r.version.isEmpty()
            ? SafeText::escape(r.name)
            : QStringLiteral("%1 %2").arg(SafeText::escape(r.name), SafeText::escape(r.version));
    case Protocol:
        return r.protocolVersion;
    case Peer:
        return r.peer;
    case Active:
        return r.active;
    case Requests:
        return r.requests;
    case Errors:
        return r.errors;
    case ToolCalls:
        return r.toolCalls;
    case Cancelled:
        return r.cancelled;
    case LastCall:
        return SafeText::escape(r.lastCall);
    case LastSeen:
        return r.lastSeenAgoMs < 0 ? QString() : tr("%1 s ago").arg(r.lastSeenAgoMs / 1000);
    default:
        return {};
    }
}

QVariant EndpointClientModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Name:
        return tr("Client");
    case Protocol:
        return tr("Protocol");
    case Peer:
        return tr("Address");
    case Active:
        return tr("Active");
    case Requests:
        return tr("Requests");
    case Errors:
        return tr("Errors");
    case ToolCalls:
        return tr("Tool calls");
    case Cancelled:
        return tr("Cancelled");
    case LastCall:
        return tr("Last request");
    case LastSeen:
        return tr("Last seen");
    default:
        return {};
    }
}

} // namespace mcppm::ui
