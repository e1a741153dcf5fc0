#include "net/tcpconnectcheck.h"

#include "net/timersource.h"

#include <QTcpSocket>

namespace mcppm {

TcpConnectCheck::TcpConnectCheck(TimerSource *timers, Done done)
    : m_socket(new QTcpSocket(this))
    , m_timers(timers)
    , m_done(std::move(done))
{ }

TcpConnectCheck::~TcpConnectCheck()
{
    if (m_timer)
        m_timers->cancel(m_timer);
}

void TcpConnectCheck::run(const QString &host, quint16 port, int timeoutMs, TimerSource *timers,
                          Done done)
{
    auto *check = new TcpConnectCheck(timers, std::move(done));
    connect(check->m_socket, &QTcpSocket::connected, check,
            [check]() { check->finish(Result::Reached, {}); });
    connect(check->m_socket, &QTcpSocket::errorOccurred, check,
            [check](QAbstractSocket::SocketError error) {
                // Refused, unreachable, unknown host: nobody is there. Anything
                // else (a resource shortage here) proves nothing either way.
                const bool absent = error == QAbstractSocket::ConnectionRefusedError
                    || error == QAbstractSocket::HostNotFoundError
                    || error == QAbstractSocket::NetworkError
                    || error == QAbstractSocket::RemoteHostClosedError;
                check->finish(absent ? Result::Refused : Result::TimedOut,
                              check->m_socket->errorString());
            });
    check->m_timer = timers->start(qMax(1, timeoutMs), [check]() {
        check->m_timer = 0;
        check->finish(Result::TimedOut, QStringLiteral("no answer to a TCP connect"));
    });
    check->m_socket->connectToHost(host, port);
}

void TcpConnectCheck::finish(Result result, const QString &message)
{
    if (!m_done)
        return;
    const Done done = std::move(m_done);
    m_done = nullptr;
    m_socket->disconnect(this);
    m_socket->abort();
    deleteLater();
    done(result, message);
}

} // namespace mcppm
