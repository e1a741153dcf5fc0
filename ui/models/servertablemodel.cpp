#include "servertablemodel.h"

#include "net/safetext.h"

#include <QColor>
#include <QIcon>
#include <QPainter>
#include <QPixmap>
#include <QSet>

namespace mcppm::ui {

namespace {
QIcon statusIcon(const QString &status)
{
    static QHash<QString, QIcon> cache;
    auto it = cache.find(status);
    if (it != cache.end())
        return *it;
    QPixmap pixmap(12, 12);
    pixmap.fill(Qt::transparent);
    QPainter p(&pixmap);
    p.setRenderHint(QPainter::Antialiasing);
    p.setBrush(ServerTableModel::statusColor(status));
    p.setPen(QPen(QColor(0, 0, 0, 90), 1));
    // A different shape per family, so status never rests on colour alone.
    if (status == QLatin1String("online"))
        p.drawEllipse(QRectF(1, 1, 10, 10));
    else if (status == QLatin1String("degraded"))
        p.drawPolygon(QPolygonF({QPointF(6, 1), QPointF(11, 11), QPointF(1, 11)}));
    else if (status == QLatin1String("needs-sign-in")) // a diamond: waiting for a person
        p.drawPolygon(
            QPolygonF({QPointF(6, 0.5), QPointF(11.5, 6), QPointF(6, 11.5), QPointF(0.5, 6)}));
    else
        p.drawRect(QRectF(1.5, 1.5, 9, 9));
    p.end();
    return *cache.insert(status, QIcon(pixmap));
}

QString ms(double v)
{
    return v <= 0 ? QString() : QString::number(v, 'f', v < 10 ? 2 : 1);
}
} // namespace

ServerTableModel::ServerTableModel(QObject *parent)
    : QAbstractTableModel(parent)
{ }

QString ServerTableModel::protocolText(const QString &version, const QString &era)
{
    QString eraText;
    if (era == QLatin1String("modern"))
        eraText = tr("modern");
    else if (era == QLatin1String("legacy"))
        eraText = tr("legacy");
    else if (!era.isEmpty())
        eraText = SafeText::escape(era);
    const QString shown = SafeText::escape(version).left(40);
    if (shown.isEmpty())
        return eraText;
    return eraText.isEmpty() ? shown : tr("%1 (%2)").arg(shown, eraText);
}

QString ServerTableModel::statusText(const QString &status)
{
    if (status == QLatin1String("online"))
        return tr("Online");
    if (status == QLatin1String("degraded"))
        return tr("Degraded");
    if (status == QLatin1String("offline"))
        return tr("Offline");
    if (status == QLatin1String("reconnecting"))
        return tr("Reconnecting");
    if (status == QLatin1String("connecting"))
        return tr("Connecting");
    if (status == QLatin1String("dead"))
        return tr("Dead");
    if (status == QLatin1String("ejected"))
        return tr("Ejected");
    if (status == QLatin1String("disabled"))
        return tr("Disabled");
    if (status == QLatin1String("needs-sign-in"))
        return tr("Needs sign-in");
    return status;
}

QColor ServerTableModel::statusColor(const QString &status)
{
    if (status == QLatin1String("online"))
        return QColor(0x2e, 0x9d, 0x4f);
    if (status == QLatin1String("degraded"))
        return QColor(0xe0, 0x9a, 0x1a);
    if (status == QLatin1String("connecting") || status == QLatin1String("reconnecting"))
        return QColor(0x3b, 0x7d, 0xd8);
    if (status == QLatin1String("disabled"))
        return QColor(0x80, 0x80, 0x80);
    if (status == QLatin1String("ejected"))
        return QColor(0xd3, 0x6b, 0x1c); // between degraded and offline: out for a while

    if (status == QLatin1String("needs-sign-in"))
        return QColor(0x8e, 0x44, 0xad); // violet: not broken, waiting for a person
    return QColor(0xd0, 0x3b, 0x3b);
}

void ServerTableModel::apply(const QList<ServerRow> &rows)
{
    // Structure first: rows that left (from the bottom up), then new ones at the end.
    QSet<QString> incoming;
    for (const ServerRow &r : rows)
        incoming.insert(r.id);
    for (int i = int(m_rows.size()) - 1; i >= 0; --i) {
        if (!incoming.contains(m_rows.at(i).id)) {
            beginRemoveRows({}, i, i);
            m_rows.removeAt(i);
            endRemoveRows();
        }
    }
    QHash<QString, int> index;
    for (int i = 0; i < m_rows.size(); ++i)
        index.insert(m_rows.at(i).id, i);
    QList<ServerRow> added;
    for (const ServerRow &r : rows) {
        if (!index.contains(r.id))
            added.append(r);
    }
    if (!added.isEmpty()) {
        beginInsertRows({}, int(m_rows.size()), int(m_rows.size() + added.size() - 1));
        m_rows.append(added);
        endInsertRows();
        for (int i = int(m_rows.size() - added.size()); i < m_rows.size(); ++i)
            index.insert(m_rows.at(i).id, i);
    }
    // Then the values: one dataChanged per run of changed rows.
    QList<bool> changed(m_rows.size(), false);
    for (const ServerRow &r : rows) {
        const int i = index.value(r.id, -1);
        if (i >= 0 && !(m_rows.at(i) == r)) {
            m_rows[i] = r;
            changed[i] = true;
        }
    }
    for (int i = 0; i < changed.size();) {
        if (!changed.at(i)) {
            ++i;
            continue;
        }
        int j = i;
        while (j + 1 < changed.size() && changed.at(j + 1))
            ++j;
        Q_EMIT dataChanged(this->index(i, 0), this->index(j, ColumnCount - 1));
        i = j + 1;
    }
}

const ServerRow *ServerTableModel::row(int index) const
{
    return index >= 0 && index < m_rows.size() ? &m_rows.at(index) : nullptr;
}

int ServerTableModel::rowOf(const QString &id) const
{
    for (int i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).id == id)
            return i;
    }
    return -1;
}

int ServerTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int ServerTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant ServerTableModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ServerRow &r = m_rows.at(index.row());
    const int column = index.column();
    switch (role) {
    case ServerIdRole:
        return r.id;
    case StatusRole:
        return r.status;
    case Qt::DecorationRole:
        return column == Status ? QVariant(statusIcon(r.status)) : QVariant();
    case Qt::ToolTipRole:
        if (column == Status && r.status == QLatin1String("needs-sign-in"))
            return signInToolTip(r);
        // Server-supplied text is shown escaped: no control or bidi characters.
        if (column == Status && !r.statusReason.isEmpty()) {
            QString tip = SafeText::escape(r.statusReason, SafeText::Mode::MultiLine);
            if (!r.lastError.isEmpty())
                tip += QLatin1Char('\n')
                    + tr("Last error: %1")
                          .arg(SafeText::escape(r.lastError, SafeText::Mode::MultiLine));
            return tip;
        }
        if (column == Status && !r.lastError.isEmpty())
            return SafeText::escape(r.lastError, SafeText::Mode::MultiLine);
        if (column == Url)
            return SafeText::escape(r.url);
        if (column == Tools && !r.toolDrift.isEmpty())
            return tr("Tool drift: %1")
                .arg(SafeText::escape(r.toolDrift, SafeText::Mode::MultiLine));
        if (column == Limit)
            return limitToolTip(r);
        if (column >= Pid && r.local)
            return tr("Local process: %1").arg(processStateText(r.processState));
        return {};
    case Qt::TextAlignmentRole:
        if (column >= Active && column <= LastCheck)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        if (column == Tools || column == Priority || column == Weight || column == Limit
            || column >= Pid)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        switch (column) {
        case Active:
            return r.activeTasks;
        case Requests:
            return r.requests;
        case Errors:
            return r.errors;
        case ErrorRate:
            return r.errorRate;
        case P50:
            return r.p50Ms;
        case P95:
            return r.p95Ms;
        case LastCheck:
            return r.lastCheckAgeMs;
        case Tools:
            return r.tools;
        case Priority:
            return r.priority;
        case Weight:
            return r.weight;
        case Limit:
            return r.heldForMs > 0 ? 1e9 + double(r.heldForMs) : r.ratePerSecond;
        case Pid:
            return r.pid;
        case Cpu:
            return r.cpuPercent;
        case Memory:
            return r.rssBytes;
        case Restarts:
            return r.restarts;
        default:
            return data(index, Qt::DisplayRole);
        }
    case Qt::EditRole:
        if (column == Priority)
            return r.priority;
        if (column == Weight)
            return r.weight;
        return data(index, Qt::DisplayRole);
    case Qt::DisplayRole:
        switch (column) {
        case Id:
            return SafeText::escape(r.id);
        case Url:
            return SafeText::escape(r.url);
        case Status:
            if (!r.refusedCertificateSha256.isEmpty())
                return tr("Untrusted certificate");
            if (r.slow && r.status == QLatin1String("degraded"))
                return r.draining ? tr("Degraded, slow, draining") : tr("Degraded, slow");
            return r.draining ? tr("%1, draining").arg(statusText(r.status)) : statusText(r.status);
        case Active:
            return r.activeTasks;
        case Requests:
            return r.requests;
        case Errors:
            return r.errors;
        case ErrorRate:
            return r.requests ? QStringLiteral("%1 %").arg(r.errorRate * 100.0, 0, 'f', 1)
                              : QString();
        case P50:
            return ms(r.p50Ms);
        case P95:
            return ms(r.p95Ms);
        case LastCheck:
            return r.lastCheckAgeMs < 0 ? QString() : tr("%1 s ago").arg(r.lastCheckAgeMs / 1000);
        case Protocol:
            return protocolText(r.protocolVersion, r.era);
        case ServerName:
            return SafeText::escape(r.serverVersion.isEmpty()
                                        ? r.serverName
                                        : r.serverName + QLatin1Char(' ') + r.serverVersion);
        case Tools:
            return r.toolDrift.isEmpty() ? QString::number(r.tools)
                                         : QStringLiteral("≠ %1").arg(r.tools);
        case Priority:
            return r.priority;
        case Weight:
            return r.weight;
        case Limit:
            if (r.heldForMs > 0)
                return tr("held %1 s").arg(double(r.heldForMs) / 1000.0, 0, 'f', 1);
            if (r.ratePerSecond > 0)
                return r.rateBurst > 0 ? tr("%1/s, burst %2").arg(r.ratePerSecond).arg(r.rateBurst)
                                       : tr("%1/s").arg(r.ratePerSecond);
            return QString();
        case Pid:
            if (!r.local)
                return QString();
            return r.pid > 0 ? QString::number(r.pid) : processStateText(r.processState);
        case Cpu:
            return r.local && r.pid > 0 ? QStringLiteral("%1 %").arg(r.cpuPercent, 0, 'f', 1)
                                        : QString();
        case Memory:
            return r.local && r.pid > 0
                ? tr("%1 MiB").arg(double(r.rssBytes) / (1024.0 * 1024.0), 0, 'f', 1)
                : QString();
        case Restarts:
            return r.local ? QString::number(r.restarts) : QString();
        default:
            return {};
        }
    default:
        return {};
    }
}

bool ServerTableModel::usesOAuth(const ServerRow &r)
{
    return !r.authState.isEmpty()
        && (r.authState != QLatin1String("needs-sign-in")
            || r.status == QLatin1String("needs-sign-in") || !r.authIssuer.isEmpty()
            || r.authExpiresAtMs > 0);
}

QString ServerTableModel::signInToolTip(const ServerRow &r)
{
    QString text = tr("The server wants an OAuth sign-in before it takes calls. Select it and "
                      "choose Server › Sign In (or Sign In on the Sign-in tab of the server "
                      "details): the sign-in page opens in your browser.");
    if (!r.lastError.isEmpty())
        text += QLatin1Char('\n') + r.lastError;
    return text;
}

QString ServerTableModel::processStateText(const QString &state)
{
    if (state == QLatin1String("running"))
        return tr("running");
    if (state == QLatin1String("starting"))
        return tr("starting");
    if (state == QLatin1String("exited"))
        return tr("exited");
    if (state == QLatin1String("gave-up"))
        return tr("gave up");
    if (state == QLatin1String("stopped"))
        return tr("stopped");
    return tr("not started");
}

QString ServerTableModel::limitToolTip(const ServerRow &r)
{
    QStringList lines;
    if (r.heldForMs > 0)
        lines << tr("The server answered 429/503 with Retry-After: no new work goes to it for "
                    "another %1 s.")
                     .arg(double(r.heldForMs) / 1000.0, 0, 'f', 1);
    if (r.ratePerSecond > 0)
        lines << tr("Client-side limit: at most %1 calls started per second (burst %2); the "
                    "queue holds work rather than exceed it.")
                     .arg(r.ratePerSecond)
                     .arg(r.rateBurst > 0 ? r.rateBurst : qMax(1, int(r.ratePerSecond)));
    return lines.join(QLatin1Char('\n'));
}

QVariant ServerTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Id:
        return tr("Server");
    case Url:
        return tr("URL");
    case Status:
        return tr("Status");
    case Active:
        return tr("Active");
    case Requests:
        return tr("Requests");
    case Errors:
        return tr("Errors");
    case ErrorRate:
        return tr("Error rate");
    case P50:
        return tr("p50 ms");
    case P95:
        return tr("p95 ms");
    case LastCheck:
        return tr("Last check");
    case Protocol:
        return tr("Protocol");
    case ServerName:
        return tr("Server software");
    case Tools:
        return tr("Tools");
    case Priority:
        return tr("Priority");
    case Weight:
        return tr("Weight");
    case Limit:
        return tr("Limit");
    case Pid:
        return tr("PID");
    case Cpu:
        return tr("CPU");
    case Memory:
        return tr("Memory");
    case Restarts:
        return tr("Restarts");
    default:
        return {};
    }
}

Qt::ItemFlags ServerTableModel::flags(const QModelIndex &index) const
{
    Qt::ItemFlags f = QAbstractTableModel::flags(index);
    if (index.isValid() && (index.column() == Priority || index.column() == Weight))
        f |= Qt::ItemIsEditable;
    return f;
}

bool ServerTableModel::setData(const QModelIndex &index, const QVariant &value, int role)
{
    if (role != Qt::EditRole || !checkIndex(index, CheckIndexOption::IndexIsValid)
        || (index.column() != Priority && index.column() != Weight))
        return false;
    bool ok = false;
    const int v = value.toInt(&ok);
    if (!ok || (index.column() == Weight && v < 1))
        return false;
    ServerRow &r = m_rows[index.row()];
    if (index.column() == Priority)
        r.priority = v;
    else
        r.weight = v;
    Q_EMIT dataChanged(index, index);
    Q_EMIT serverEdited(r.id, r.priority, r.weight);
    return true;
}

} // namespace mcppm::ui
