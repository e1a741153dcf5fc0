#pragma once

#include "pool/poolsnapshot.h"

#include <QAbstractTableModel>

namespace mcppm::ui {

// The pool's servers, one row each, fed by snapshots from the core's thread.
// apply() changes only what changed: rows are inserted and removed one by
// one, and changed cells are reported as dataChanged over row ranges, so a
// view with 1 000 servers is never reset on a tick.
class ServerTableModel final : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column {
        Id,
        Url,
        Status,
        Active,
        Requests,
        Errors,
        ErrorRate,
        P50,
        P95,
        LastCheck,
        Protocol,
        ServerName,
        Tools,
        Priority,
        Weight,
        Limit, // client-side rate limit, or the pause a 429/503 asked for
        // Local (stdio) servers: their process; empty for URL servers.
        Pid,
        Cpu, // share of one core
        Memory, // resident set
        Restarts,
        ColumnCount
    };
    Q_ENUM(Column)
    enum Role {
        SortRole = Qt::UserRole + 1, // numbers as numbers
        ServerIdRole,
        StatusRole, // the status name ("online", ...)
    };

    explicit ServerTableModel(QObject *parent = nullptr);

    void apply(const QList<ServerRow> &rows);
    const ServerRow *row(int index) const;
    int rowOf(const QString &id) const;

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    bool setData(const QModelIndex &index, const QVariant &value, int role = Qt::EditRole) override;

    static QString statusText(const QString &status); // translated
    // A local server's process state (ProcessSupervisor::stateName()), translated.
    static QString processStateText(const QString &state);
    // "2026-07-28 (modern)", "2025-11-25 (legacy)"; the era alone before the
    // version is known; "" when neither is (escaped: the version is the server's).
    static QString protocolText(const QString &version, const QString &era);
    static QColor statusColor(const QString &status);
    static QString limitToolTip(const ServerRow &row);
    // Whether the server signs in with OAuth: it has an OAuth client that has
    // been used (the pool gives every server without a token one, in state
    // "needs-sign-in" until a 401 asks for it).
    static bool usesOAuth(const ServerRow &row);
    // For a server whose status is "needs-sign-in": how to sign in.
    static QString signInToolTip(const ServerRow &row);

Q_SIGNALS:
    // The operator edited priority or weight; the pool should take it.
    void serverEdited(const QString &id, int priority, int weight);

private:
    QList<ServerRow> m_rows;
};

} // namespace mcppm::ui
