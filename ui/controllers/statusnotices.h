#pragma once

#include "pool/poolsnapshot.h"

#include <QHash>
#include <QObject>

namespace mcppm::ui {

// Notices (tray, status bar) only for states that last: a server that went
// out of service (offline, reconnecting, dead) is announced once it has stayed
// so for delayMs; back in service before that, nothing is said, and "back
// online" is said only for a server whose going was announced. Fed with each
// snapshot's rows; its timers run on the GUI thread.
class StatusNotices final : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultDelayMs = 10000;

    explicit StatusNotices(QObject *parent = nullptr);
    Q_DISABLE_COPY_MOVE(StatusNotices)

    void setDelayMs(int ms); // for states seen from now on
    int delayMs() const { return m_delayMs; }
    void follow(const QList<ServerRow> &rows);
    void clear(); // a new pool: nothing pending, nothing announced

    static bool isDown(const QString &status);

Q_SIGNALS:
    // The server has been out of service for delayMs (error: its last one).
    void serverWentOffline(const QString &id, const QString &error);
    // A server announced as offline is online again.
    void serverRecovered(const QString &id);

private:
    struct Server
    {
        QString status;
        QString lastError;
        quint64 generation = 0; // a pending notice is for this one only
        bool pending = false;
        bool announced = false;
    };
    void announce(const QString &id, quint64 generation);

    int m_delayMs = kDefaultDelayMs;
    QHash<QString, Server> m_servers;
    quint64 m_nextGeneration = 1;
};

} // namespace mcppm::ui
