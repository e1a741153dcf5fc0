#include "eventlogmodel.h"

#include "net/safetext.h"

#include <QColor>
#include <QDateTime>
#include <QFont>

#include <algorithm>

namespace mcppm::ui {

EventLogModel::EventLogModel(int capacity, QObject *parent)
    : QAbstractTableModel(parent)
    , m_capacity(qMax(1, capacity))
{ }

QString EventLogModel::kindText(PoolEvent::Kind kind)
{
    switch (kind) {
    case PoolEvent::Kind::Health:
        return tr("Health");
    case PoolEvent::Kind::TaskFailed:
        return tr("Task failed");
    case PoolEvent::Kind::Retry:
        return tr("Retry");
    case PoolEvent::Kind::Failover:
        return tr("Failover");
    case PoolEvent::Kind::Info:
        return tr("Info");
    case PoolEvent::Kind::Error:
        return tr("Error");
    case PoolEvent::Kind::Warning:
        return tr("Warning");
    case PoolEvent::Kind::ServerLog:
        return tr("Server log");
    }
    return {};
}

QString EventLogModel::severityText(PoolEvent::Severity severity)
{
    switch (severity) {
    case PoolEvent::Severity::Info:
        return tr("Info");
    case PoolEvent::Severity::Warning:
        return tr("Warning");
    case PoolEvent::Severity::Error:
        return tr("Error");
    }
    return {};
}

QStringList EventLogModel::servers() const
{
    return m_servers;
}

void EventLogModel::append(const QList<PoolEvent> &events, int dropped)
{
    QList<PoolEvent> incoming = events;
    if (dropped > 0)
        incoming.append({QDateTime::currentMSecsSinceEpoch(), PoolEvent::Kind::Info, QString(),
                         tr("%n more event(s) not shown (too many at once)", nullptr, dropped)});
    if (incoming.isEmpty())
        return;
    if (incoming.size() > m_capacity)
        incoming = incoming.mid(incoming.size() - m_capacity);
    const int overflow = int(m_events.size() + incoming.size()) - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        m_events.erase(m_events.begin(), m_events.begin() + overflow);
        endRemoveRows();
    }
    const int first = int(m_events.size());
    beginInsertRows({}, first, first + int(incoming.size()) - 1);
    bool newServer = false;
    for (const PoolEvent &e : std::as_const(incoming)) {
        m_events.push_back(e);
        if (e.serverId.isEmpty())
            continue;
        const auto at = std::lower_bound(m_servers.begin(), m_servers.end(), e.serverId);
        if (at == m_servers.end() || *at != e.serverId) {
            m_servers.insert(at, e.serverId);
            newServer = true;
        }
    }
    endInsertRows();
    if (newServer)
        Q_EMIT serversChanged();
}

void EventLogModel::clear()
{
    if (m_events.empty())
        return;
    beginResetModel();
    m_events.clear();
    m_servers.clear();
    endResetModel();
    Q_EMIT serversChanged();
}

const PoolEvent *EventLogModel::eventAt(int row) const
{
    return row >= 0 && row < int(m_events.size()) ? &m_events.at(size_t(row)) : nullptr;
}

int EventLogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_events.size());
}

int EventLogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant EventLogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const PoolEvent &e = m_events.at(size_t(index.row()));
    // Server-supplied text is shown escaped: no control or bidi characters.
    switch (role) {
    case KindRole:
        return int(e.kind);
    case SeverityRole:
        return int(e.severity());
    case ServerIdRole:
        return e.serverId;
    case CountRole:
        return e.count;
    case Qt::ToolTipRole:
        if (index.column() == Text)
            return SafeText::escape(e.text, SafeText::Mode::MultiLine);
        if (index.column() == Kind)
            return tr("Severity: %1").arg(severityText(e.severity()));
        return {};
    case Qt::ForegroundRole:
        // Errors red, warnings amber; info in the palette's text colour.
        if (index.column() != Kind && index.column() != Text)
            return {};
        if (e.severity() == PoolEvent::Severity::Error)
            return QColor(0xc6, 0x28, 0x28);
        if (e.severity() == PoolEvent::Severity::Warning)
            return QColor(0xb2, 0x6a, 0x00);
        return {};
    case Qt::FontRole:
        if (e.count > 0) { // a summary of a burst stands out
            QFont bold;
            bold.setBold(true);
            return bold;
        }
        return {};
    case Qt::DisplayRole:
        break;
    default:
        return {};
    }
    switch (index.column()) {
    case Time:
        return QDateTime::fromMSecsSinceEpoch(e.timeMs).toString(QStringLiteral("HH:mm:ss.zzz"));
    case Kind:
        return kindText(e.kind);
    case Server:
        return SafeText::escape(e.serverId);
    case Text:
        return SafeText::escape(e.text);
    default:
        return {};
    }
}

QVariant EventLogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Time:
        return tr("Time");
    case Kind:
        return tr("Event");
    case Server:
        return tr("Server");
    case Text:
        return tr("What happened");
    default:
        return {};
    }
}

} // namespace mcppm::ui
