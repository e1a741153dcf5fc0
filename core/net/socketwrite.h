#pragma once

#include <QByteArray>

class QAbstractSocket;

namespace mcppm {

// Writes to a plain TCP socket straight to the kernel when nothing is queued before it.
//
// QAbstractSocket::write() only queues: it enables the socket's write notifier, and the
// bytes leave on the next turn of the event loop, after which the notifier is disabled
// again. With the glib event dispatcher each enable and disable wakes the loop (an
// eventfd write) and costs a poll turn, so a small HTTP message costs about four system
// calls besides its own write. Here a message the kernel takes whole is one send().
//
// Whatever the kernel does not take at once, and any error, goes through
// socket->write() as before: Qt still reports errors and emits bytesWritten for that
// part. Encrypted sockets, and any whose proxy() is not NoProxy, always take Qt's path.
class SocketWrite final
{
public:
    // True if all of data was written now: no bytesWritten signal follows for it.
    static bool now(QAbstractSocket *socket, const QByteArray &data);
};

} // namespace mcppm
