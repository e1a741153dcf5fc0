#pragma once

#include "net/http1responseparser.h"

#include <QByteArray>
#include <QElapsedTimer>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QSslCertificate>
#include <QSslError>
#include <QUrl>

#include "net/proxysettings.h"

class QAbstractSocket;
class QNetworkRequest;
class QTimer;

namespace mcppm {

class Http1Reply;

// One persistent HTTP/1.1 connection (plain TCP or TLS) to one origin, running
// one exchange at a time. Reads are buffered (whole socket reads, never byte by
// byte) and parsed strictly by Http1ResponseParser; an answer it refuses fails
// the exchange and closes the connection. A connection is reused only when the
// answer ended exactly where its framing says and no byte arrived while idle.
// A certificate problem fails the exchange; it is never ignored.
// Through an HTTP proxy: http:// requests go to the proxy in absolute form;
// https:// ones through a CONNECT tunnel, TLS (and its trust) with the origin.
class Http1Connection final : public QObject
{
    Q_OBJECT
public:
    static constexpr qsizetype kMaxHeadBytes = Http1ResponseParser::kMaxHeadBytes;

    // Why this request cannot go on the wire (a method or header name that is
    // not a token, CR, LF or NUL in a header value or the target), or empty.
    // Names the header, never its value (it may be a secret).
    static QString requestProblem(const QByteArray &verb, const QUrl &url,
                                  const QNetworkRequest &request);

    Http1Connection(const QUrl &origin, const ProxySettings::Proxy &proxy, int connectTimeoutMs,
                    QObject *parent = nullptr);
    ~Http1Connection() override;
    Q_DISABLE_COPY_MOVE(Http1Connection)

    // Sends the reply's request; the connection must be idle.
    void start(Http1Reply *reply);
    bool isIdle() const { return m_state == State::Idle; }
    bool isClosed() const { return m_state == State::Closed; }
    bool wasUsed() const { return m_exchanges > 0; }
    qint64 idleMs() const { return m_idleSince.isValid() ? m_idleSince.elapsed() : 0; }
    // The server closed it while it was idle (kept alive, nothing running):
    // a timeout of its own, or the process went away.
    bool closedByPeerWhileIdle() const { return m_closedByPeerWhileIdle; }
    void close();

Q_SIGNALS:
    // The exchange ended and the connection can take the next one.
    void becameIdle();
    // The connection is gone (closed by either side, or failed).
    void closed();
    // A reused connection closed before any answer to a GET/DELETE: the
    // client may send it again on a fresh connection.
    void retryWanted(mcppm::Http1Reply *reply);

private:
    enum class State { Connecting, Idle, Busy, Closed };

    void connectSocket();
    void writeRequest();
    void writeConnect(); // CONNECT to the proxy, for an https origin
    void readTunnelAnswer();
    bool failedAtProxy(); // a socket error or close before the proxy let us through
    void onReadyRead();
    void onSocketError();
    void onDisconnected();
    void readAnswer();
    bool handleHead(const Http1ResponseParser::Event &head); // false: stop reading
    bool hasStrayInput() const;
    void dropSocket();
    void finishExchange();
    void fail(int networkError, const QString &text);
    bool checkPin(const QSslCertificate &certificate);
    void detachReply();

    QUrl m_origin;
    ProxySettings::Proxy m_proxy; // direct when isDirect()
    int m_connectTimeoutMs;
    QAbstractSocket *m_socket = nullptr;
    QTimer *m_connectTimer = nullptr;
    State m_state = State::Connecting;
    QPointer<Http1Reply> m_reply;
    Http1ResponseParser m_parser;
    QList<QSslError> m_sslErrors;
    QByteArray m_pinSha256; // the certificate this origin must present, if pinned
    QString m_pinProblem; // why the pin refused the certificate
    bool m_proxyReached = false; // TCP connection to the proxy made
    bool m_tunnelWaiting = false; // CONNECT sent, its answer not complete yet
    QByteArray m_tunnelIn;
    bool m_gotBytes = false; // any byte of an answer to the current request
    int m_exchanges = 0;
    bool m_closedByPeerWhileIdle = false;
    QElapsedTimer m_idleSince;
};

} // namespace mcppm
