#include "host/httplistener.h"

#include "host/httpexchange.h"

#include "net/httpsyntax.h"
#include "net/socketwrite.h"

#include <QNetworkProxy>
#include <QPointer>
#include <QSocketNotifier>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QVarLengthArray>

#include <cctype>
#include <cerrno>
#include <cstring>

#include <sys/socket.h>
#include <unistd.h>

namespace mcppm {

namespace {
// Qt's own read buffer per socket; what it holds beyond that waits in the kernel.
constexpr qint64 kReadBufferBytes = 64 * 1024;

// A header value as RFC 9110 allows it: visible ASCII, SP, HTAB, obs-text.
bool isFieldValue(const QByteArray &s)
{
    for (char ch : s) {
        const auto c = static_cast<unsigned char>(ch);
        if ((c < 0x20 && c != '\t') || c == 0x7f)
            return false;
    }
    return true;
}

QByteArrayView trimmedOws(QByteArrayView s)
{
    qsizetype begin = 0, end = s.size();
    while (begin < end && (s.at(begin) == ' ' || s.at(begin) == '\t'))
        ++begin;
    while (end > begin && (s.at(end - 1) == ' ' || s.at(end - 1) == '\t'))
        --end;
    return s.sliced(begin, end - begin);
}
} // namespace

QByteArray HttpRequest::header(const QByteArray &name) const
{
    for (const auto &h : headers) {
        if (h.first == name)
            return h.second;
    }
    return {};
}

struct HttpListener::Connection
{
    quint64 id = 0;
    QTcpSocket *socket = nullptr;
    QTimer *timer = nullptr;
    Phase phase = Phase::Head;
    QByteArray buffer; // bytes read but not yet parsed (a head, or the start of the next one)
    HttpRequest request;
    qint64 bodyLength = 0;
    bool closeAfter = false;
    bool headOnly = false;
    quint64 serial = 0; // the request being handled; a responder for another one is ignored
    bool chunked = false; // the streamed answer is chunked (HTTP/1.1) or ends with the connection
    std::function<void()> onClosed; // the handler's, while its answer is not complete
};

HttpListener::HttpListener(Handler handler, const HttpListenerLimits &limits, QObject *parent)
    : HttpListener(
        ExchangeHandler([handler = std::move(handler)](const HttpRequest &request,
                                                       const std::shared_ptr<HttpExchange> &ex) {
            handler(request, [ex](const HttpResponse &response) { ex->respond(response); });
        }),
        limits, parent)
{ }

HttpListener::HttpListener(ExchangeHandler handler, const HttpListenerLimits &limits,
                           QObject *parent)
    : QObject(parent)
    , m_handler(std::move(handler))
    , m_limits(limits)
    , m_server(new QTcpServer(this))
    , m_acceptRetry(new QTimer(this))
{
    const HttpListenerLimits defaults;
    auto positive = [](auto &value, auto fallback) {
        if (value <= 0)
            value = fallback;
    };
    positive(m_limits.maxHeaderBytes, defaults.maxHeaderBytes);
    positive(m_limits.maxHeaderCount, defaults.maxHeaderCount);
    positive(m_limits.maxBodyBytes, defaults.maxBodyBytes);
    positive(m_limits.headerTimeoutMs, defaults.headerTimeoutMs);
    positive(m_limits.bodyTimeoutMs, defaults.bodyTimeoutMs);
    positive(m_limits.idleTimeoutMs, defaults.idleTimeoutMs);
    positive(m_limits.maxConnections, defaults.maxConnections);
    positive(m_limits.acceptRetryMs, defaults.acceptRetryMs);
    positive(m_limits.lingerMs, defaults.lingerMs);
    positive(m_limits.maxStreamBacklogBytes, defaults.maxStreamBacklogBytes);
    m_acceptRetry->setSingleShot(true);
    m_acceptRetry->setInterval(m_limits.acceptRetryMs);
    connect(m_acceptRetry, &QTimer::timeout, this, &HttpListener::resumeAccepting);
}

HttpListener::~HttpListener()
{
    close();
}

bool HttpListener::listen(const QHostAddress &address, quint16 port, QString *error)
{
    if (!m_server->listen(address, port)) {
        if (error)
            *error = m_server->errorString();
        return false;
    }
    // QTcpServer only binds and listens. Qt 6.4 takes EMFILE from accept() for a
    // temporary error and retries at once, for ever (a busy loop, seen with strace:
    // thousands of accept4() = EMFILE a second). So the accepting is ours.
    m_server->pauseAccepting();
    m_acceptNotifier
        = new QSocketNotifier(m_server->socketDescriptor(), QSocketNotifier::Read, this);
    connect(m_acceptNotifier, &QSocketNotifier::activated, this, &HttpListener::acceptPending);
    m_stats.accepting = true;
    return true;
}

void HttpListener::close()
{
    delete m_acceptNotifier; // before the descriptor it watches goes
    m_acceptNotifier = nullptr;
    m_server->close();
    m_acceptRetry->stop();
    const QList<quint64> ids = m_connections.keys();
    for (quint64 id : ids)
        closeConnection(id, CloseReason::Normal);
}

bool HttpListener::isListening() const
{
    return m_server->isListening();
}

QHostAddress HttpListener::serverAddress() const
{
    return m_server->serverAddress();
}

quint16 HttpListener::serverPort() const
{
    return m_server->serverPort();
}

HttpListenerStats HttpListener::stats() const
{
    HttpListenerStats s = m_stats;
    s.openConnections = int(m_connections.size());
    return s;
}

HttpListener::Connection *HttpListener::find(quint64 id) const
{
    const auto it = m_connections.constFind(id);
    return it == m_connections.cend() ? nullptr : it->get();
}

void HttpListener::acceptPending()
{
    if (!m_acceptNotifier)
        return;
    const int listening = int(m_server->socketDescriptor());
    // Bounded per turn of the event loop, so a flood cannot starve the open connections.
    for (int i = 0; i < 64 && m_acceptNotifier && m_stats.accepting; ++i) {
        const int fd = ::accept4(listening, nullptr, nullptr, SOCK_CLOEXEC | SOCK_NONBLOCK);
        if (fd < 0) {
            const int error = errno;
            switch (error) {
            case EAGAIN:
#if EAGAIN != EWOULDBLOCK
            case EWOULDBLOCK:
#endif
                return; // nothing more waiting
            case EINTR:
            case ECONNABORTED:
            case EPROTO:
            case ENETDOWN:
            case ENOPROTOOPT:
            case EHOSTDOWN:
            case ENONET:
            case EHOSTUNREACH:
            case EOPNOTSUPP:
            case ENETUNREACH:
                continue; // that connection's trouble (accept(2)); try the next one
            default:
                // EMFILE, ENFILE, ENOBUFS, ENOMEM, ...: the socket stays readable,
                // so pause until a descriptor is free or the retry timer fires.
                onAcceptFailed(QString::fromLocal8Bit(std::strerror(error)));
                return;
            }
        }
        auto *socket = new QTcpSocket(this);
        if (!socket->setSocketDescriptor(fd)) {
            ::close(fd);
            delete socket;
            continue;
        }
        if (m_failuresInEpisode > 0) {
            const qint64 failures = m_failuresInEpisode;
            m_failuresInEpisode = 0;
            Q_EMIT acceptRecovered(failures);
        }
        takeConnection(socket);
    }
}

void HttpListener::takeConnection(QTcpSocket *socket)
{
    if (m_connections.size() >= m_limits.maxConnections) {
        refuse(socket);
        return;
    }
    ++m_stats.accepted;
    auto c = std::make_shared<Connection>();
    c->id = m_nextId++;
    c->socket = socket;
    c->request.peer = socket->peerAddress();
    c->request.peerText = c->request.peer.toString();
    socket->setParent(this);
    socket->setReadBufferSize(kReadBufferBytes);
    // Answers go out in pieces (a head, then events): without this, Nagle holds
    // a piece until the peer acknowledges the last, up to its 40 ms delayed ACK.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    socket->setProxy(QNetworkProxy::NoProxy); // accepted: no proxy; lets SocketWrite go direct
    c->timer = new QTimer(socket);
    c->timer->setSingleShot(true);
    const quint64 id = c->id;
    connect(c->timer, &QTimer::timeout, this, [this, id]() { onTimeout(id); });
    connect(socket, &QTcpSocket::readyRead, this, [this, id]() {
        if (Connection *conn = find(id))
            process(conn);
    });
    connect(socket, &QTcpSocket::bytesWritten, this, [this, id]() {
        if (Connection *conn = find(id))
            onBytesWritten(conn);
    });
    connect(socket, &QTcpSocket::disconnected, this,
            [this, id]() { closeConnection(id, CloseReason::Normal); });
    connect(socket, &QTcpSocket::errorOccurred, this,
            [this, id]() { closeConnection(id, CloseReason::Normal); });
    m_connections.insert(id, c);
    startTimer(c.get(), m_limits.headerTimeoutMs);
    if (socket->bytesAvailable() > 0)
        process(c.get());
}

void HttpListener::refuse(QTcpSocket *socket)
{
    ++m_stats.refused;
    socket->setParent(this);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    // Closed for sure after lingerMs even if the peer does not read (the timer dies with it).
    QTimer::singleShot(m_limits.lingerMs, socket, [socket]() {
        socket->abort();
        socket->deleteLater();
    });
    const QByteArray body = "too many connections; try again later\n";
    socket->write("HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
                  "Content-Length: "
                  + QByteArray::number(body.size())
                  + "\r\nRetry-After: 1\r\nConnection: close\r\n\r\n" + body);
    socket->disconnectFromHost();
}

void HttpListener::onAcceptFailed(const QString &error)
{
    ++m_stats.acceptErrors;
    m_acceptNotifier->setEnabled(false);
    m_stats.accepting = false;
    if (m_failuresInEpisode++ == 0)
        Q_EMIT acceptFailed(error);
    m_acceptRetry->start();
}

void HttpListener::resumeAccepting()
{
    if (m_stats.accepting || !m_acceptNotifier)
        return;
    m_stats.accepting = true;
    m_acceptNotifier->setEnabled(true);
}

void HttpListener::process(Connection *c)
{
    if (c->phase == Phase::Lingering) {
        c->socket->skip(c->socket->bytesAvailable()); // the peer's leftovers, discarded
        return;
    }
    if (c->phase == Phase::Head || c->phase == Phase::Idle) {
        // At most maxHeaderBytes + 4 buffered while looking for the end of the head.
        const qint64 room = qint64(m_limits.maxHeaderBytes) + 4 - c->buffer.size();
        if (room > 0 && c->socket->bytesAvailable() > 0)
            // As much as is there (read(room) would allocate room bytes every time).
            c->buffer += c->socket->read(qMin(room, c->socket->bytesAvailable()));
        while (c->buffer.startsWith("\r\n")) // RFC 9112 2.2: empty lines before a request
            c->buffer.remove(0, 2);
        if (c->buffer.isEmpty())
            return;
        if (c->phase == Phase::Idle) {
            c->phase = Phase::Head;
            startTimer(c, m_limits.headerTimeoutMs);
        }
        const qsizetype end = c->buffer.indexOf("\r\n\r\n");
        if (end < 0) {
            if (c->buffer.size() >= m_limits.maxHeaderBytes)
                reject(c, 431,
                       "request head larger than " + QByteArray::number(m_limits.maxHeaderBytes)
                           + " bytes");
            return;
        }
        if (end + 4 > m_limits.maxHeaderBytes) {
            reject(c, 431,
                   "request head larger than " + QByteArray::number(m_limits.maxHeaderBytes)
                       + " bytes");
            return;
        }
        const QByteArray head = c->buffer.left(end + 2); // every line ends with CRLF
        c->buffer.remove(0, end + 4);
        if (!parseHead(c, head))
            return;
        if (c->bodyLength == 0) {
            dispatch(c);
            return;
        }
        c->phase = Phase::Body;
        startTimer(c, m_limits.bodyTimeoutMs);
    }
    if (c->phase == Phase::Body) {
        qint64 need = c->bodyLength - c->request.body.size();
        if (!c->buffer.isEmpty()) {
            const qsizetype take = qsizetype(qMin<qint64>(need, c->buffer.size()));
            c->request.body += c->buffer.left(take);
            c->buffer.remove(0, take);
            need -= take;
        }
        if (need > 0 && c->socket->bytesAvailable() > 0) {
            c->request.body += c->socket->read(qMin(need, c->socket->bytesAvailable()));
            need = c->bodyLength - c->request.body.size();
        }
        if (need == 0)
            dispatch(c);
    }
    // Handling, Writing: nothing more is read until the answer is out.
}

bool HttpListener::parseHead(Connection *c, const QByteArray &head)
{
    HttpRequest &r = c->request;
    // Views into head: a request has a dozen lines, and only what is kept is copied.
    QVarLengthArray<QByteArrayView, 32> lines;
    for (qsizetype from = 0; from < head.size();) {
        const qsizetype eol = head.indexOf("\r\n", from);
        const QByteArrayView line(head.constData() + from, eol - from);
        if (line.contains('\r') || line.contains('\n')) {
            reject(c, 400, "bare CR or LF in the request head");
            return false;
        }
        lines.append(line);
        from = eol + 2;
    }
    const QByteArrayView requestLine = lines.value(0);
    const qsizetype sp1 = requestLine.indexOf(' ');
    const qsizetype sp2 = sp1 < 0 ? -1 : requestLine.indexOf(' ', sp1 + 1);
    if (sp2 < 0 || sp2 == sp1 + 1 || requestLine.indexOf(' ', sp2 + 1) >= 0) {
        reject(c, 400, "malformed request line (want METHOD SP /target SP HTTP/1.1)");
        return false;
    }
    r.method = requestLine.first(sp1).toByteArray();
    r.target = requestLine.sliced(sp1 + 1, sp2 - sp1 - 1).toByteArray();
    r.version = requestLine.sliced(sp2 + 1).toByteArray();
    if (!HttpSyntax::isToken(r.method)) {
        reject(c, 400, "malformed method");
        return false;
    }
    if (r.version != "HTTP/1.1" && r.version != "HTTP/1.0") {
        const bool httpLike = r.version.size() == 8 && r.version.startsWith("HTTP/")
            && r.version.at(6) == '.' && std::isdigit(static_cast<unsigned char>(r.version.at(5)))
            && std::isdigit(static_cast<unsigned char>(r.version.at(7)));
        if (httpLike)
            reject(c, 505, "only HTTP/1.1 and HTTP/1.0 are supported");
        else
            reject(c, 400, "malformed HTTP version");
        return false;
    }
    if (!r.target.startsWith('/')) {
        reject(c, 400, "the request target must be a path (origin-form, /...)");
        return false;
    }
    for (char ch : std::as_const(r.target)) {
        const auto u = static_cast<unsigned char>(ch);
        if (u <= 0x20 || u >= 0x7f) {
            reject(c, 400, "control, space or non-ASCII byte in the request target");
            return false;
        }
    }
    const qsizetype q = r.target.indexOf('?');
    r.path = q < 0 ? r.target : r.target.left(q);
    r.query = q < 0 ? QByteArray() : r.target.mid(q + 1);

    if (lines.size() - 1 > m_limits.maxHeaderCount) {
        reject(c, 431, "more than " + QByteArray::number(m_limits.maxHeaderCount) + " headers");
        return false;
    }
    int hosts = 0, lengths = 0;
    bool transferEncoding = false;
    QByteArray length;
    r.headers.reserve(lines.size() - 1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArrayView line = lines.at(i);
        if (line.startsWith(' ') || line.startsWith('\t')) {
            reject(c, 400, "obsolete header line folding");
            return false;
        }
        const qsizetype colon = line.indexOf(':');
        const QByteArray name
            = colon > 0 ? line.first(colon).toByteArray().toLower() : QByteArray();
        if (!HttpSyntax::isToken(name)) {
            reject(c, 400, "malformed header name (a token, then ':' with no space before it)");
            return false;
        }
        const QByteArray value = trimmedOws(line.sliced(colon + 1)).toByteArray();
        if (!isFieldValue(value)) {
            reject(c, 400, "control character in the value of header " + name);
            return false;
        }
        if (name == "host")
            ++hosts;
        else if (name == "content-length") {
            ++lengths;
            length = value;
        } else if (name == "transfer-encoding")
            transferEncoding = true;
        r.headers.append({name, value});
    }
    if (hosts > 1 || (hosts == 0 && r.version == "HTTP/1.1")) {
        reject(c, 400, "an HTTP/1.1 request needs exactly one Host header");
        return false;
    }
    if (transferEncoding) {
        if (lengths > 0)
            reject(c, 400, "both Transfer-Encoding and Content-Length");
        else
            reject(c, 501, "Transfer-Encoding in requests is not supported; send Content-Length");
        return false;
    }
    if (lengths > 1) {
        reject(c, 400, "more than one Content-Length header");
        return false;
    }
    c->bodyLength = 0;
    if (lengths == 1) {
        bool digits = !length.isEmpty() && length.size() <= 18;
        for (char ch : std::as_const(length))
            digits = digits && ch >= '0' && ch <= '9';
        if (!digits) {
            reject(c, 400, "Content-Length must be a decimal number of bytes");
            return false;
        }
        c->bodyLength = length.toLongLong();
        if (c->bodyLength > m_limits.maxBodyBytes) {
            reject(c, 413,
                   "request body larger than " + QByteArray::number(m_limits.maxBodyBytes)
                       + " bytes");
            return false;
        }
    } else if (r.method == "POST" || r.method == "PUT" || r.method == "PATCH") {
        reject(c, 411, "a request body needs a Content-Length");
        return false;
    }
    const QByteArray expect = r.header("expect").toLower();
    if (!expect.isEmpty()) {
        if (expect != "100-continue") {
            reject(c, 417, "only Expect: 100-continue is supported");
            return false;
        }
        if (c->bodyLength > 0 && r.version == "HTTP/1.1")
            c->socket->write("HTTP/1.1 100 Continue\r\n\r\n");
    }
    bool close = r.version == "HTTP/1.0";
    for (const auto &h : std::as_const(r.headers)) {
        if (h.first != "connection")
            continue;
        for (const QByteArray &token : h.second.split(','))
            close = close || trimmedOws(token).compare("close", Qt::CaseInsensitive) == 0;
    }
    c->closeAfter = close;
    c->headOnly = r.method == "HEAD";
    return true;
}

void HttpListener::dispatch(Connection *c)
{
    c->phase = Phase::Handling;
    c->timer->stop();
    ++m_stats.requests;
    const quint64 serial = ++c->serial;
    const quint64 id = c->id;
    const HttpRequest request = std::move(c->request);
    c->request = HttpRequest();
    c->request.peer = request.peer;
    c->request.peerText = request.peerText;
    // The handler may answer at once, later, or close the listener: c is not used after it.
    m_handler(request, std::make_shared<HttpExchange>(this, id, serial));
}

void HttpListener::respond(quint64 id, quint64 serial, const HttpResponse &response)
{
    Connection *c = find(id);
    if (!c || c->phase != Phase::Handling || c->serial != serial)
        return; // gone, or already answered
    c->onClosed = nullptr;
    writeResponse(c, response, c->headOnly);
}

bool HttpListener::startStream(quint64 id, quint64 serial, const HttpResponse &head)
{
    Connection *c = find(id);
    if (!c || c->phase != Phase::Handling || c->serial != serial)
        return false;
    // HTTP/1.0 has no chunked coding: the stream ends with the connection.
    c->chunked = !c->closeAfter;
    if (!c->chunked)
        c->closeAfter = true;
    c->phase = Phase::Streaming;
    SocketWrite::now(c->socket, responseHead(c, head, true));
    if (c->headOnly) {
        finishStream(id, serial);
        return true;
    }
    if (!head.body.isEmpty())
        return writeStream(id, serial, head.body);
    return true;
}

bool HttpListener::writeStream(quint64 id, quint64 serial, const QByteArray &piece)
{
    Connection *c = find(id);
    if (!c || c->phase != Phase::Streaming || c->serial != serial)
        return false;
    if (piece.isEmpty())
        return true; // an empty chunk would end the stream
    if (c->socket->bytesToWrite() + piece.size() > m_limits.maxStreamBacklogBytes) {
        closeConnection(id, CloseReason::TimedOut); // a peer that does not read
        return false;
    }
    const bool out = SocketWrite::now(
        c->socket,
        c->chunked ? QByteArray::number(piece.size(), 16) + "\r\n" + piece + "\r\n" : piece);
    if (!out && !c->timer->isActive())
        startTimer(c, m_limits.idleTimeoutMs); // stopped again once it drained
    return true;
}

void HttpListener::finishStream(quint64 id, quint64 serial)
{
    Connection *c = find(id);
    if (!c || c->phase != Phase::Streaming || c->serial != serial)
        return;
    c->onClosed = nullptr;
    c->phase = Phase::Writing;
    if (c->chunked && SocketWrite::now(c->socket, QByteArrayLiteral("0\r\n\r\n"))
        && !c->closeAfter) {
        becomeIdle(c, false);
        return;
    }
    startTimer(c, m_limits.idleTimeoutMs);
    if (c->socket->bytesToWrite() == 0)
        onBytesWritten(c);
}

bool HttpListener::isAnswering(quint64 id, quint64 serial) const
{
    const Connection *c = find(id);
    return c && c->serial == serial
        && (c->phase == Phase::Handling || c->phase == Phase::Streaming);
}

void HttpListener::setClosedHandler(quint64 id, quint64 serial, std::function<void()> handler)
{
    Connection *c = find(id);
    if (c && c->serial == serial && (c->phase == Phase::Handling || c->phase == Phase::Streaming))
        c->onClosed = std::move(handler);
}

void HttpListener::reject(Connection *c, int status, const QByteArray &message)
{
    ++m_stats.rejected;
    c->phase = Phase::Handling;
    c->timer->stop();
    HttpResponse response;
    response.status = status;
    response.body = message + '\n';
    response.close = true;
    writeResponse(c, response, false);
}

QByteArray HttpListener::reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 201:
        return "Created";
    case 202:
        return "Accepted";
    case 204:
        return "No Content";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 406:
        return "Not Acceptable";
    case 408:
        return "Request Timeout";
    case 409:
        return "Conflict";
    case 411:
        return "Length Required";
    case 413:
        return "Content Too Large";
    case 415:
        return "Unsupported Media Type";
    case 417:
        return "Expectation Failed";
    case 429:
        return "Too Many Requests";
    case 431:
        return "Request Header Fields Too Large";
    case 500:
        return "Internal Server Error";
    case 501:
        return "Not Implemented";
    case 502:
        return "Bad Gateway";
    case 503:
        return "Service Unavailable";
    case 504:
        return "Gateway Timeout";
    case 505:
        return "HTTP Version Not Supported";
    default:
        return "Unknown";
    }
}

QByteArray HttpListener::responseHead(Connection *c, const HttpResponse &response,
                                      bool streamed) const
{
    const int status = response.status >= 200 && response.status <= 999 ? response.status : 500;
    QByteArray out = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    const bool noBody = status == 204 || status == 304;
    if (!noBody) {
        if (!response.contentType.isEmpty() && isFieldValue(response.contentType))
            out += "Content-Type: " + response.contentType + "\r\n";
        if (!streamed)
            out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
        else if (c->chunked)
            out += "Transfer-Encoding: chunked\r\n";
    }
    for (const auto &h : response.headers) {
        const QByteArray name = h.first.toLower();
        // Framing is the listener's; a name or value that could split the head is dropped.
        if (!HttpSyntax::isToken(h.first) || !isFieldValue(h.second) || name == "content-length"
            || name == "transfer-encoding" || name == "connection" || name == "content-type")
            continue;
        out += h.first + ": " + h.second + "\r\n";
    }
    if (c->closeAfter)
        out += "Connection: close\r\n";
    out += "\r\n";
    return out;
}

void HttpListener::writeResponse(Connection *c, const HttpResponse &response, bool headOnly)
{
    c->closeAfter = c->closeAfter || response.close;
    QByteArray out = responseHead(c, response, false);
    const bool noBody = response.status == 204 || response.status == 304;
    if (!headOnly && !noBody)
        out += response.body;
    c->phase = Phase::Writing;
    if (!c->closeAfter && SocketWrite::now(c->socket, out)) {
        becomeIdle(c, false); // all of it is out: no bytesWritten follows
        return;
    }
    if (c->closeAfter)
        c->socket->write(out);
    startTimer(c, m_limits.idleTimeoutMs); // a peer that does not read its answer
}

void HttpListener::onBytesWritten(Connection *c)
{
    if (c->phase == Phase::Streaming) {
        // Draining: a stall is measured from the last progress.
        if (c->socket->bytesToWrite() > 0)
            startTimer(c, m_limits.idleTimeoutMs);
        else
            c->timer->stop();
        return;
    }
    if (c->phase != Phase::Writing || c->socket->bytesToWrite() > 0)
        return;
    if (c->closeAfter) {
        linger(c);
        return;
    }
    becomeIdle(c, true);
}

void HttpListener::becomeIdle(Connection *c, bool readNow)
{
    c->phase = Phase::Idle;
    c->bodyLength = 0;
    startTimer(c, m_limits.idleTimeoutMs);
    // A request that came in while this one was answered. Not from inside the handler
    // that wrote the answer (readNow false): it is read on the next turn of the loop.
    if (readNow) {
        process(c);
    } else if (c->socket->bytesAvailable() > 0 || !c->buffer.isEmpty()) {
        const quint64 id = c->id;
        QTimer::singleShot(0, this, [this, id]() {
            if (Connection *conn = find(id); conn && conn->phase == Phase::Idle)
                process(conn);
        });
    }
}

void HttpListener::linger(Connection *c)
{
    // Closing at once with unread input would send RST, and the peer could lose
    // the answer; send FIN, discard what still comes, close on its FIN or after lingerMs.
    c->phase = Phase::Lingering;
    c->buffer.clear();
    c->request = HttpRequest();
    ::shutdown(int(c->socket->socketDescriptor()), SHUT_WR);
    startTimer(c, m_limits.lingerMs);
    process(c);
}

void HttpListener::startTimer(Connection *c, int ms)
{
    c->timer->start(ms);
}

void HttpListener::onTimeout(quint64 id)
{
    Connection *c = find(id);
    if (!c)
        return;
    switch (c->phase) {
    case Phase::Head:
    case Phase::Body:
    case Phase::Streaming:
    case Phase::Writing:
        closeConnection(id, CloseReason::TimedOut);
        break;
    case Phase::Idle:
        closeConnection(id, CloseReason::Idle);
        break;
    case Phase::Lingering:
        closeConnection(id, CloseReason::Normal);
        break;
    case Phase::Handling:
        break;
    }
}

void HttpListener::closeConnection(quint64 id, CloseReason reason)
{
    const auto it = m_connections.find(id);
    if (it == m_connections.end())
        return;
    const std::shared_ptr<Connection> c = *it;
    m_connections.erase(it);
    if (reason == CloseReason::TimedOut)
        ++m_stats.timedOut;
    else if (reason == CloseReason::Idle)
        ++m_stats.idleClosed;
    c->timer->stop();
    QObject::disconnect(c->timer, nullptr, this, nullptr);
    QObject::disconnect(c->socket, nullptr, this, nullptr);
    c->socket->abort();
    c->socket->deleteLater(); // its timer with it
    if (!m_stats.accepting)
        resumeAccepting(); // a descriptor is free again
    if (c->onClosed) {
        const std::function<void()> closed = std::move(c->onClosed);
        c->onClosed = nullptr;
        closed(); // last: it may call back into the listener
    }
}

} // namespace mcppm
