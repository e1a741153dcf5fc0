#pragma once

#include <QObject>
#include <QString>

#include <functional>

class QTcpSocket;

namespace mcppm {

class TimerSource;

// One TCP connect to see whether a host answers at all: nothing is sent, the
// connection is dropped as soon as it stands. Cheap enough to run whenever a
// server's idle connection closes; never a substitute for a real probe.
class TcpConnectCheck final : public QObject
{
    Q_OBJECT
public:
    enum class Result { Reached, Refused, TimedOut };
    using Done = std::function<void(Result result, const QString &message)>;

    // Reports once, on the caller's thread, then deletes itself.
    static void run(const QString &host, quint16 port, int timeoutMs, TimerSource *timers,
                    Done done);

private:
    TcpConnectCheck(TimerSource *timers, Done done);
    ~TcpConnectCheck() override;
    void finish(Result result, const QString &message);

    QTcpSocket *m_socket = nullptr;
    TimerSource *m_timers = nullptr;
    int m_timer = 0;
    Done m_done;
};

} // namespace mcppm
