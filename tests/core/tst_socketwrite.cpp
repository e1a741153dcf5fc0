// SocketWrite: a message goes straight to the kernel when nothing is queued before it,
// and whatever the kernel does not take, or anything written while bytes are queued,
// follows through Qt's buffer in order. Loopback only, in-process, bounded waits.

#include "net/socketwrite.h"

#include <QElapsedTimer>
#include <QNetworkProxy>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSslSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace mcppm;

class TestSocketWrite : public QObject
{
    Q_OBJECT

    struct Pair
    {
        QTcpServer server;
        QTcpSocket client;
        QTcpSocket *accepted = nullptr;
    };

    static std::unique_ptr<Pair> connectedPair()
    {
        auto p = std::make_unique<Pair>();
        if (!p->server.listen(QHostAddress::LocalHost, 0))
            return nullptr;
        p->client.setProxy(QNetworkProxy::NoProxy); // as Http1Connection's and the listener's
        p->client.connectToHost(QHostAddress::LocalHost, p->server.serverPort());
        if (!p->client.waitForConnected(5000) || !p->server.waitForNewConnection(5000))
            return nullptr;
        p->accepted = p->server.nextPendingConnection();
        return p;
    }

    // Reads from socket until it has `size` bytes or 10 s pass (the writer's queue drains
    // on this thread's event loop).
    static QByteArray readExactly(QTcpSocket &socket, qsizetype size)
    {
        QByteArray got;
        QElapsedTimer t;
        t.start();
        while (got.size() < size && t.elapsed() < 10000) {
            got += socket.readAll();
            if (got.size() < size)
                QTest::qWait(2);
        }
        return got;
    }

private Q_SLOTS:
    void smallMessageGoesOutAtOnce()
    {
        auto p = connectedPair();
        QVERIFY(p);
        QSignalSpy written(&p->client, &QTcpSocket::bytesWritten);
        QVERIFY(SocketWrite::now(&p->client, "POST /mcp HTTP/1.1\r\n\r\n"));
        QCOMPARE(p->client.bytesToWrite(), 0);
        // In the kernel already: the peer reads it without this side's loop turning.
        QVERIFY(p->accepted->waitForReadyRead(5000));
        QCOMPARE(p->accepted->readAll(), QByteArray("POST /mcp HTTP/1.1\r\n\r\n"));
        QCOMPARE(written.count(), 0);
        QVERIFY(SocketWrite::now(&p->client, QByteArray()));
    }

    void queuedBytesKeepTheirOrder()
    {
        auto p = connectedPair();
        QVERIFY(p);
        p->client.write("first;");
        QVERIFY(p->client.bytesToWrite() > 0);
        // Something is queued: this one queues behind it instead of overtaking it.
        QVERIFY(!SocketWrite::now(&p->client, "second;"));
        QVERIFY(!SocketWrite::now(&p->client, "third"));
        QCOMPARE(readExactly(*p->accepted, 18), QByteArray("first;second;third"));
        QTRY_COMPARE_WITH_TIMEOUT(p->client.bytesToWrite(), 0, 5000);
        QVERIFY(SocketWrite::now(&p->client, "!"));
        QCOMPARE(readExactly(*p->accepted, 1), QByteArray("!"));
    }

    void whatTheKernelRefusesFollowsInOrder()
    {
        auto p = connectedPair();
        QVERIFY(p);
        // More than loopback's socket buffers hold while the peer does not read: the
        // rest waits in Qt's buffer and follows once the peer reads.
        QByteArray big(32 * 1024 * 1024, '\0');
        for (qsizetype i = 0; i < big.size(); ++i)
            big[i] = char('a' + i % 23);
        QSignalSpy written(&p->client, &QTcpSocket::bytesWritten);
        QVERIFY(!SocketWrite::now(&p->client, big));
        const qint64 queued = p->client.bytesToWrite();
        QVERIFY2(queued > 0 && queued < big.size(), QByteArray::number(queued).constData());
        QVERIFY(!SocketWrite::now(&p->client, "tail"));
        const QByteArray got = readExactly(*p->accepted, big.size() + 4);
        QCOMPARE(got.size(), big.size() + 4);
        QVERIFY(got.startsWith(big.left(1024)));
        QVERIFY(got.left(big.size()) == big);
        QVERIFY(got.endsWith("tail"));
        QVERIFY(written.count() > 0); // the queued part is reported as Qt always did
    }

    void proxiedSocketTakesQtsPath()
    {
        auto p = connectedPair();
        QVERIFY(p);
        // Through a proxy Qt keeps a queue of its own: never bypassed; nor a socket that
        // may have one (DefaultProxy: the application's or the system's).
        p->client.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), 9));
        QVERIFY(!SocketWrite::now(&p->client, "via Qt"));
        QCOMPARE(readExactly(*p->accepted, 6), QByteArray("via Qt"));
        p->client.setProxy(QNetworkProxy::DefaultProxy);
        QVERIFY(!SocketWrite::now(&p->client, "via Qt"));
        QCOMPARE(readExactly(*p->accepted, 6), QByteArray("via Qt"));
        p->client.setProxy(QNetworkProxy::NoProxy);
        QVERIFY(SocketWrite::now(&p->client, "direct"));
        QCOMPARE(readExactly(*p->accepted, 6), QByteArray("direct"));
    }

    void notConnectedOrEncryptedTakesQtsPath()
    {
        QTcpSocket unconnected;
        QTest::ignoreMessage(QtWarningMsg,
                             QRegularExpression(QStringLiteral("QIODevice::write.*not open")));
        QVERIFY(!SocketWrite::now(&unconnected, "x"));

        // A TLS socket never has its plaintext written to the descriptor: before the
        // handshake (and without a peer speaking TLS) nothing of it may leave.
        QTcpServer server;
        QVERIFY(server.listen(QHostAddress::LocalHost, 0));
        QSslSocket tls;
        tls.connectToHostEncrypted(QStringLiteral("127.0.0.1"), server.serverPort());
        QVERIFY(server.waitForNewConnection(5000));
        QTcpSocket *peer = server.nextPendingConnection();
        QTRY_VERIFY_WITH_TIMEOUT(peer->bytesAvailable() > 0, 5000); // the ClientHello
        const QByteArray hello = peer->readAll();
        QVERIFY(!SocketWrite::now(&tls, "secret plaintext"));
        QTest::qWait(50);
        const QByteArray after = hello + peer->readAll();
        QVERIFY(!after.contains("secret plaintext"));
    }
};

QTEST_GUILESS_MAIN(TestSocketWrite)
#include "tst_socketwrite.moc"
