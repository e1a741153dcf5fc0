#include "protocolmodel.h"

#include "net/safetext.h"

#include <QDateTime>

namespace mcppm::ui {

ProtocolModel::ProtocolModel(int capacity, QObject *parent)
    : QAbstractListModel(parent)
    , m_capacity(qMax(1, capacity))
{ }

void ProtocolModel::append(const QList<TrafficRecord> &records, int dropped)
{
    QList<TrafficRecord> incoming = records;
    if (dropped > 0) {
        TrafficRecord note;
        note.timeMs = QDateTime::currentMSecsSinceEpoch();
        note.text = tr("%n message(s) not shown (too many at once)", nullptr, dropped);
        incoming.append(note);
    }
    if (incoming.isEmpty())
        return;
    if (incoming.size() > m_capacity)
        incoming = incoming.mid(incoming.size() - m_capacity);
    const int overflow = int(m_records.size() + incoming.size()) - m_capacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, overflow - 1);
        m_records.erase(m_records.begin(), m_records.begin() + overflow);
        endRemoveRows();
    }
    const int first = int(m_records.size());
    beginInsertRows({}, first, first + int(incoming.size()) - 1);
    for (const TrafficRecord &r : std::as_const(incoming))
        m_records.push_back(r);
    endInsertRows();
}

void ProtocolModel::clear()
{
    if (m_records.empty())
        return;
    beginResetModel();
    m_records.clear();
    endResetModel();
}

const TrafficRecord *ProtocolModel::record(int row) const
{
    return row >= 0 && row < int(m_records.size()) ? &m_records.at(size_t(row)) : nullptr;
}

int ProtocolModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_records.size());
}

QVariant ProtocolModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TrafficRecord &r = m_records.at(size_t(index.row()));
    switch (role) {
    case Qt::DisplayRole: {
        const QString time
            = QDateTime::fromMSecsSinceEpoch(r.timeMs).toString(QStringLiteral("HH:mm:ss.zzz"));
        if (r.serverId.isEmpty())
            return QString(time + QStringLiteral("  ") + SafeText::escape(r.text));
        const QString what = r.method.isEmpty() ? tr("answer") : SafeText::escape(r.method);
        return QStringLiteral("%1  %2 %3")
            .arg(time, r.outgoing ? QStringLiteral("→") : QStringLiteral("←"), what);
    }
    case Qt::ToolTipRole:
    case MessageRole:
        // The JSON as it came; JSON escapes C0 controls in strings, but C1 controls
        // and bidi overrides in a server's text could still reorder the view.
        return SafeText::escape(r.text, SafeText::Mode::MultiLine);
    case OutgoingRole:
        return r.outgoing;
    default:
        return {};
    }
}

} // namespace mcppm::ui
