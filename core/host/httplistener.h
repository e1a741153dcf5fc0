#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QString>

#include <functional>
#include <memory>
#include <utility>

class QSocketNotifier;
class QTcpServer;
class QTcpSocket;
class QTimer;

namespace mcppm {

class HttpExchange;

// One request as the listener parsed it (RFC 9112, strict).
struct HttpRequest
{
    QByteArray method; // GET, HEAD, POST, ... (case-sensitive, as sent)
    QByteArray target; // origin-form as sent: /path?query
    QByteArray path; // target up to '?'
    QByteArray query; // after '?', without it
    QByteArray version; // "HTTP/1.1" or "HTTP/1.0"
    QList<std::pair<QByteArray, QByteArray>> headers; // names lower-cased, values trimmed
    QByteArray body; // Content-Length bytes (empty without one)
    QHostAddress peer;
    QString peerText; // peer.toString(), made once per connection
    // The first value of a header (name lower case), or an empty array.
    QByteArray header(const QByteArray &name) const;
};

struct HttpResponse
{
    int status = 200;
    QByteArray contentType = "text/plain; charset=utf-8";
    QByteArray body;
    // Further headers. A name or value with CR, LF or NUL is dropped, not sent.
    QList<std::pair<QByteArray, QByteArray>> headers;
    bool close = false; // Connection: close after this response
};

// Limits of an HttpListener. The defaults suit a /metrics endpoint or a small
// JSON-RPC endpoint; every value must be > 0.
struct HttpListenerLimits
{
    int maxHeaderBytes = 16 * 1024; // request line + headers; beyond: 431 and close
    int maxHeaderCount = 100; // beyond: 431 and close
    qint64 maxBodyBytes = 1024 * 1024; // Content-Length beyond: 413 and close
    int headerTimeoutMs = 10000; // the whole head must arrive in this time, else close
    int bodyTimeoutMs = 30000; // the whole body must arrive in this time, else close
    int idleTimeoutMs = 30000; // keep-alive: no new request in this time; also a stalled write
    int maxConnections = 256; // beyond: accepted, answered 503 and closed at once
    int acceptRetryMs = 1000; // after accept() failed (e.g. out of descriptors): retry after this
    int lingerMs = 1000; // after a closing response: wait for the peer's FIN at most this long
    // A streamed answer whose peer does not read: beyond this many unsent bytes the
    // connection is closed (a slow consumer never grows our memory without bound).
    qint64 maxStreamBacklogBytes = 4 * 1024 * 1024;
};

// Counters about the listener itself (for /metrics).
struct HttpListenerStats
{
    int openConnections = 0;
    qint64 accepted = 0; // connections taken under the cap
    qint64 refused = 0; // connections over the cap (503 and closed)
    qint64 timedOut = 0; // closed because head, body or a response write took too long
    qint64 idleClosed = 0; // keep-alive connections closed after the idle timeout
    qint64 requests = 0; // requests handed to the handler
    qint64 rejected = 0; // requests refused by the listener (400, 411, 413, 417, 431, 501, 505)
    qint64 acceptErrors = 0; // accept() failures (e.g. EMFILE)
    bool accepting = true; // false while accepting is paused after accept() failed
};

// A small HTTP/1.1 server on QTcpServer (Qt Core + Network only) that holds up
// against slow or hostile clients: strict request parsing (one Content-Length,
// digits only; no Transfer-Encoding: 501; POST without a length: 411), bounded
// heads and bodies, a header, body and idle timeout per connection, a
// connection cap, and no busy loop when accept() fails (accepting pauses and
// resumes on a timer or when a connection closes; reported once per episode).
// Linux/POSIX: it accepts with accept4() itself (Qt 6.4's QTcpServer spins on EMFILE).
// Keep-alive, requests on one connection answered in order (one at a time).
//
// The handler gets each request and a responder; it may answer at once or
// later (the responder does nothing once the connection is gone, and only
// its first call counts). The connection reads nothing more until answered.
// An ExchangeHandler gets an HttpExchange instead, which can also stream the
// answer (chunked) and hears when the peer hangs up before the answer is done;
// a stream that stops draining for idleTimeoutMs is closed.
class HttpListener final : public QObject
{
    Q_OBJECT
public:
    using Responder = std::function<void(const HttpResponse &)>;
    using Handler = std::function<void(const HttpRequest &, const Responder &)>;
    using ExchangeHandler
        = std::function<void(const HttpRequest &, const std::shared_ptr<HttpExchange> &)>;

    explicit HttpListener(Handler handler, const HttpListenerLimits &limits = {},
                          QObject *parent = nullptr);
    explicit HttpListener(ExchangeHandler handler, const HttpListenerLimits &limits = {},
                          QObject *parent = nullptr);
    ~HttpListener() override;
    Q_DISABLE_COPY_MOVE(HttpListener)

    bool listen(const QHostAddress &address, quint16 port, QString *error = nullptr);
    void close(); // stops listening and closes every connection
    bool isListening() const;
    QHostAddress serverAddress() const;
    quint16 serverPort() const;

    const HttpListenerLimits &limits() const { return m_limits; }
    HttpListenerStats stats() const;

    static QByteArray reasonPhrase(int status);

Q_SIGNALS:
    // accept() failed (the first failure of an episode; accepting pauses).
    void acceptFailed(const QString &error);
    // A connection was accepted again after failures (how many accept() calls failed).
    void acceptRecovered(qint64 failures);

private:
    friend class HttpExchange;
    struct Connection;
    enum class Phase { Head, Body, Handling, Streaming, Writing, Idle, Lingering };
    enum class CloseReason { Normal, TimedOut, Idle };

    void acceptPending();
    void takeConnection(QTcpSocket *socket);
    void onAcceptFailed(const QString &error);
    void resumeAccepting();
    void refuse(QTcpSocket *socket);
    Connection *find(quint64 id) const; // null once closed
    void process(Connection *c);
    bool parseHead(Connection *c, const QByteArray &head);
    void dispatch(Connection *c);
    void respond(quint64 id, quint64 serial, const HttpResponse &response);
    // HttpExchange's side: a streamed answer and the closed handler.
    bool startStream(quint64 id, quint64 serial, const HttpResponse &head);
    bool writeStream(quint64 id, quint64 serial, const QByteArray &piece);
    void finishStream(quint64 id, quint64 serial);
    bool isAnswering(quint64 id, quint64 serial) const;
    void setClosedHandler(quint64 id, quint64 serial, std::function<void()> handler);
    QByteArray responseHead(Connection *c, const HttpResponse &response, bool streamed) const;
    void reject(Connection *c, int status, const QByteArray &message);
    void writeResponse(Connection *c, const HttpResponse &response, bool headOnly);
    void onBytesWritten(Connection *c);
    void becomeIdle(Connection *c, bool readNow);
    void startTimer(Connection *c, int ms);
    void onTimeout(quint64 id);
    void linger(Connection *c);
    void closeConnection(quint64 id, CloseReason reason);

    ExchangeHandler m_handler;
    HttpListenerLimits m_limits;
    QTcpServer *m_server = nullptr; // binds and listens; accepting is ours (m_acceptNotifier)
    QSocketNotifier *m_acceptNotifier = nullptr;
    QTimer *m_acceptRetry = nullptr;
    QHash<quint64, std::shared_ptr<Connection>> m_connections;
    quint64 m_nextId = 1;
    HttpListenerStats m_stats;
    qint64 m_failuresInEpisode = 0;
};

} // namespace mcppm
