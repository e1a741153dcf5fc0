#include "net/socketwrite.h"

#include <QNetworkProxy>
#include <QSslSocket>
#include <QTcpSocket>

#include <cerrno>

#if defined(Q_OS_UNIX)
#include <sys/socket.h>
#endif

namespace mcppm {

bool SocketWrite::now(QAbstractSocket *socket, const QByteArray &data)
{
    if (data.isEmpty())
        return true;
#if defined(Q_OS_UNIX) && defined(MSG_NOSIGNAL)
    const auto *ssl = qobject_cast<const QSslSocket *>(socket);
    const bool plain = !ssl || ssl->mode() == QSslSocket::UnencryptedMode;
    // Through a SOCKS or HTTP proxy Qt's engine keeps its own queue, which bytesToWrite()
    // does not show: only sockets marked NoProxy go straight (Http1Connection's and the
    // listener's accepted ones are). Not QNetworkProxy::applicationProxy(): it asks the
    // system's proxy configuration every time.
    const bool direct = socket->proxy().type() == QNetworkProxy::NoProxy;
    const qintptr fd = socket->socketDescriptor();
    if (plain && direct && fd >= 0 && socket->socketType() == QAbstractSocket::TcpSocket
        && socket->state() == QAbstractSocket::ConnectedState && socket->bytesToWrite() == 0) {
        ssize_t sent = -1;
        do {
            sent = ::send(int(fd), data.constData(), size_t(data.size()),
                          MSG_NOSIGNAL | MSG_DONTWAIT);
        } while (sent < 0 && errno == EINTR);
        if (sent == data.size())
            return true;
        if (sent > 0) {
            socket->write(data.constData() + sent, data.size() - sent);
            return false;
        }
        // EAGAIN, or an error Qt reports itself when it writes.
    }
#endif
    socket->write(data);
    return false;
}

} // namespace mcppm
