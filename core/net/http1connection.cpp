#include "net/http1connection.h"

#include "net/httpsyntax.h"

#include "net/http1client.h"
#include "net/http1reply.h"
#include "net/socketwrite.h"
#include "net/tlstrust.h"

#include <QNetworkProxy>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

#include <algorithm>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#include <sys/types.h>
#endif

namespace mcppm {

namespace {
bool isHttps(const QUrl &url)
{
    return url.scheme() == QLatin1String("https");
}

QByteArray hostHeader(const QUrl &url)
{
    QByteArray host = url.host(QUrl::FullyEncoded).toLatin1();
    if (host.contains(':'))
        host = '[' + host + ']';
    const int defaultPort = isHttps(url) ? 443 : 80;
    if (url.port(defaultPort) != defaultPort)
        host += ':' + QByteArray::number(url.port());
    return host;
}
} // namespace

Http1Connection::Http1Connection(const QUrl &origin, const ProxySettings::Proxy &proxy,
                                 int connectTimeoutMs, QObject *parent)
    : QObject(parent)
    , m_origin(origin)
    , m_proxy(proxy)
    , m_connectTimeoutMs(connectTimeoutMs)
{ }

Http1Connection::~Http1Connection()
{
    detachReply();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void Http1Connection::start(Http1Reply *reply)
{
    Q_ASSERT(m_state == State::Idle || (m_state == State::Connecting && !m_socket));
    m_reply = reply;
    reply->onAbort = [this]() {
        // Mid-exchange: the connection cannot be reused.
        m_reply = nullptr;
        close();
    };
    m_parser.reset(reply->verb());
    m_gotBytes = false;
    if (m_socket && hasStrayInput()) {
        // Bytes (or the end) arrived while no request was out: they are no
        // answer to this one, and the stream cannot be trusted. Start afresh.
        dropSocket();
    }
    if (!m_socket) {
        connectSocket();
        return;
    }
    m_state = State::Busy;
    writeRequest();
}

void Http1Connection::connectSocket()
{
    m_state = State::Connecting;
    const bool proxied = !m_proxy.isDirect();
    const quint16 port = quint16(m_origin.port(isHttps(m_origin) ? 443 : 80));
    if (isHttps(m_origin)) {
        auto *ssl = new QSslSocket(this);
        m_socket = ssl;
        if (m_reply) {
            ssl->setSslConfiguration(m_reply->request().sslConfiguration());
            m_pinSha256
                = m_reply->request().attribute(Http1Client::PinnedSha256Attribute).toByteArray();
        }
        // Verified against the origin (also through a tunnel: SNI and name check).
        ssl->setPeerVerifyName(m_origin.host());
        connect(ssl, &QSslSocket::sslErrors, this, [this, ssl](const QList<QSslError> &errors) {
            // Never ignored, except what a matching pin vouches for.
            m_sslErrors = errors;
            if (m_pinSha256.isEmpty() || !checkPin(ssl->peerCertificate()))
                return;
            QList<QSslError> overruled;
            m_sslErrors.clear();
            for (const QSslError &e : errors)
                (TlsTrust::pinOverrules(e.error()) ? overruled : m_sslErrors).append(e);
            ssl->ignoreSslErrors(overruled); // the handshake still fails on what is left
        });
        connect(ssl, &QSslSocket::encrypted, this, [this, ssl]() {
            if (!m_pinSha256.isEmpty() && !checkPin(ssl->peerCertificate())) {
                fail(QNetworkReply::SslHandshakeFailedError, m_pinProblem);
                return;
            }
            m_connectTimer->stop();
            m_state = State::Busy;
            writeRequest();
        });
        ssl->setProxy(QNetworkProxy::NoProxy); // ours is spoken here, not by Qt
        if (proxied) {
            connect(ssl, &QAbstractSocket::connected, this, [this]() {
                m_proxyReached = true;
                writeConnect();
            });
            ssl->connectToHost(m_proxy.host, m_proxy.port);
        } else {
            ssl->connectToHostEncrypted(m_origin.host(), port);
        }
    } else {
        m_socket = new QTcpSocket(this);
        m_socket->setProxy(QNetworkProxy::NoProxy);
        connect(m_socket, &QAbstractSocket::connected, this, [this]() {
            m_proxyReached = true;
            m_connectTimer->stop();
            m_state = State::Busy;
            writeRequest();
        });
        if (proxied)
            m_socket->connectToHost(m_proxy.host, m_proxy.port);
        else
            m_socket->connectToHost(m_origin.host(), port);
    }
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QIODevice::readyRead, this, [this]() {
        if (m_tunnelWaiting)
            readTunnelAnswer();
        else
            onReadyRead();
    });
    connect(m_socket, &QAbstractSocket::errorOccurred, this, &Http1Connection::onSocketError);
    connect(m_socket, &QAbstractSocket::disconnected, this, &Http1Connection::onDisconnected);
    m_connectTimer = new QTimer(this);
    m_connectTimer->setSingleShot(true);
    connect(m_connectTimer, &QTimer::timeout, this, [this]() {
        if (!m_proxy.isDirect())
            fail(QNetworkReply::ProxyTimeoutError,
                 QStringLiteral("no connection through proxy %1 within %2 ms")
                     .arg(m_proxy.display())
                     .arg(m_connectTimeoutMs));
        else
            fail(QNetworkReply::TimeoutError,
                 QStringLiteral("no connection within %1 ms").arg(m_connectTimeoutMs));
    });
    m_connectTimer->start(m_connectTimeoutMs);
}

void Http1Connection::writeConnect()
{
    QByteArray authority = m_origin.host(QUrl::FullyEncoded).toLatin1();
    if (authority.contains(':'))
        authority = '[' + authority + ']';
    authority += ':' + QByteArray::number(m_origin.port(443));
    QByteArray head = "CONNECT " + authority + " HTTP/1.1\r\nHost: " + authority + "\r\n";
    if (const QByteArray credentials = m_proxy.authorization(); !credentials.isEmpty())
        head += "Proxy-Authorization: " + credentials + "\r\n";
    head += "\r\n";
    m_tunnelWaiting = true;
    m_tunnelIn.clear();
    m_socket->write(head);
    m_socket->flush();
}

void Http1Connection::readTunnelAnswer()
{
    m_tunnelIn += m_socket->readAll();
    qsizetype end = m_tunnelIn.indexOf("\r\n\r\n");
    qsizetype skip = 4;
    if (end < 0) {
        end = m_tunnelIn.indexOf("\n\n");
        skip = 2;
    }
    const QString proxy = m_proxy.display();
    if (end < 0) {
        if (m_tunnelIn.size() > kMaxHeadBytes)
            fail(QNetworkReply::UnknownProxyError,
                 QStringLiteral("proxy %1 answered CONNECT with a header over %2 bytes")
                     .arg(proxy)
                     .arg(kMaxHeadBytes));
        return;
    }
    const QByteArray status = m_tunnelIn.left(end).split('\n').first().trimmed();
    const bool extra = m_tunnelIn.size() > end + skip;
    m_tunnelIn.clear();
    m_tunnelWaiting = false;
    // "HTTP/1.1 200 Connection established"
    bool ok = status.startsWith("HTTP/1.") && status.size() >= 12 && status.at(8) == ' ';
    const int code = ok ? status.mid(9, 3).toInt(&ok) : 0;
    QByteArray reason = status.mid(13).left(80);
    for (char &c : reason) {
        if (uchar(c) < 0x20 || uchar(c) >= 0x7f)
            c = '?'; // the proxy's words reach terminals: no control characters
    }
    const QString what = QStringLiteral("%1 %2").arg(code).arg(QString::fromLatin1(reason));
    const QString target = QStringLiteral("%1:%2").arg(m_origin.host()).arg(m_origin.port(443));
    if (!ok || code < 100 || code > 599) {
        fail(QNetworkReply::UnknownProxyError,
             QStringLiteral("proxy %1 gave no HTTP answer to CONNECT").arg(proxy));
        return;
    }
    if (code == 407) {
        fail(QNetworkReply::ProxyAuthenticationRequiredError,
             m_proxy.hasCredentials()
                 ? QStringLiteral("proxy %1 refused the credentials in its proxy URL (%2)")
                       .arg(proxy, what)
                 : QStringLiteral("proxy %1 wants credentials (%2); give them in the proxy "
                                  "URL: http://user:password@host:port")
                       .arg(proxy, what));
        return;
    }
    if (code < 200 || code > 299) {
        fail(QNetworkReply::UnknownProxyError,
             QStringLiteral("proxy %1 refused the tunnel to %2: %3").arg(proxy, target, what));
        return;
    }
    if (extra) {
        fail(QNetworkReply::UnknownProxyError,
             QStringLiteral("proxy %1 sent bytes before the TLS handshake").arg(proxy));
        return;
    }
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket))
        ssl->startClientEncryption();
}

bool Http1Connection::failedAtProxy()
{
    if (m_proxy.isDirect() || m_state != State::Connecting)
        return false;
    const QString proxy = m_proxy.display();
    if (!m_proxyReached) {
        switch (m_socket->error()) {
        case QAbstractSocket::ConnectionRefusedError:
            fail(QNetworkReply::ProxyConnectionRefusedError,
                 QStringLiteral("proxy %1 refused the connection").arg(proxy));
            return true;
        case QAbstractSocket::HostNotFoundError:
            fail(QNetworkReply::ProxyNotFoundError,
                 QStringLiteral("proxy host %1 not found").arg(m_proxy.host));
            return true;
        default:
            fail(QNetworkReply::UnknownProxyError,
                 QStringLiteral("cannot reach proxy %1: %2").arg(proxy, m_socket->errorString()));
            return true;
        }
    }
    if (m_tunnelWaiting) {
        fail(QNetworkReply::ProxyConnectionClosedError,
             QStringLiteral("proxy %1 closed the connection before answering CONNECT").arg(proxy));
        return true;
    }
    return false; // the TLS handshake with the origin: its own errors
}

void Http1Connection::writeRequest()
{
    if (!m_reply) {
        // Aborted while connecting.
        m_state = State::Idle;
        m_idleSince.start();
        Q_EMIT becameIdle();
        return;
    }
    const QUrl url = m_reply->url();
    const QNetworkRequest request = m_reply->request();
    // Http1Client::send() refused it already if requestProblem() found anything: only it
    // starts exchanges, and a reply's request does not change.
    ++m_exchanges;
    QByteArray head;
    head.reserve(512 + m_reply->body().size());
    head += m_reply->verb();
    head += ' ';
    const bool absoluteForm = !m_proxy.isDirect() && !isHttps(url);
    if (absoluteForm) // to an http proxy: "POST http://host:port/mcp HTTP/1.1"
        head += "http://" + hostHeader(url);
    QByteArray target = url.path(QUrl::FullyEncoded).toLatin1();
    if (target.isEmpty())
        target = "/";
    if (url.hasQuery())
        target += '?' + url.query(QUrl::FullyEncoded).toLatin1();
    head += target;
    head += " HTTP/1.1\r\nHost: ";
    head += hostHeader(url);
    head += "\r\n";
    if (absoluteForm) {
        if (const QByteArray credentials = m_proxy.authorization(); !credentials.isEmpty())
            head += "Proxy-Authorization: " + credentials + "\r\n";
    }
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names) {
        const QByteArray lower = name.toLower();
        if (lower == "host" || lower == "content-length" || lower == "connection"
            || lower == "proxy-authorization")
            continue;
        head += name;
        head += ": ";
        head += request.rawHeader(name);
        head += "\r\n";
    }
    const QByteArray &body = m_reply->body();
    if (!body.isEmpty() || m_reply->verb() == "POST" || m_reply->verb() == "PUT") {
        head += "Content-Length: ";
        head += QByteArray::number(body.size());
        head += "\r\n";
    }
    head += "\r\n";
    head += body;
    if (!SocketWrite::now(m_socket, head))
        m_socket->flush(); // out now, not on the next turn of the event loop
}

QString Http1Connection::requestProblem(const QByteArray &verb, const QUrl &url,
                                        const QNetworkRequest &request)
{
    auto breaksLine = [](const QByteArray &text) {
        return text.contains('\r') || text.contains('\n') || text.contains('\0');
    };
    if (!HttpSyntax::isToken(verb))
        return QStringLiteral("request not sent: the method %1 is not a token")
            .arg(Http1ResponseParser::quote(verb));
    const QByteArray target = url.path(QUrl::FullyEncoded).toLatin1() + '?'
        + url.query(QUrl::FullyEncoded).toLatin1() + url.host(QUrl::FullyEncoded).toLatin1();
    for (char c : target) {
        if (static_cast<unsigned char>(c) <= 0x20 || c == 0x7f)
            return QStringLiteral("request not sent: the URL holds a control character or space");
    }
    const QList<QByteArray> names = request.rawHeaderList();
    for (const QByteArray &name : names) {
        if (!HttpSyntax::isToken(name))
            return QStringLiteral("request not sent: the header name %1 is not a token")
                .arg(Http1ResponseParser::quote(name));
        if (breaksLine(request.rawHeader(name)))
            return QStringLiteral("request not sent: the value of header %1 holds a CR, LF or NUL")
                .arg(Http1ResponseParser::quote(name));
    }
    return {};
}

bool Http1Connection::hasStrayInput() const
{
    if (m_socket->bytesAvailable() > 0 || m_socket->state() != QAbstractSocket::ConnectedState)
        return true;
#ifdef Q_OS_UNIX
    // What the kernel holds but Qt has not read yet (its notifier fires on the
    // next turn of the event loop, after this request would have gone out).
    const qintptr fd = m_socket->socketDescriptor();
    if (fd >= 0) {
        char byte = 0;
        const ssize_t n = ::recv(int(fd), &byte, 1, MSG_PEEK | MSG_DONTWAIT);
        if (n >= 0)
            return true; // a byte, or 0: the peer closed
    }
#endif
    return false;
}

void Http1Connection::dropSocket()
{
    if (m_connectTimer) {
        m_connectTimer->stop();
        m_connectTimer->deleteLater();
        m_connectTimer = nullptr;
    }
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
    m_sslErrors.clear();
    m_pinProblem.clear();
    m_exchanges = 0; // a fresh connection: nothing to resend on behalf of a stale one
}

void Http1Connection::onReadyRead()
{
    // What is there, in one allocation (readAll grows its buffer step by step).
    const QByteArray data = m_socket->read(m_socket->bytesAvailable());
    if (!m_reply) {
        // Bytes nobody asked for (or for an aborted exchange): not reusable.
        if (!data.isEmpty() && m_state != State::Closed)
            close();
        return;
    }
    m_gotBytes = m_gotBytes || !data.isEmpty();
    m_parser.feed(data);
    readAnswer();
}

void Http1Connection::readAnswer()
{
    while (m_reply) {
        Http1ResponseParser::Event e = m_parser.next();
        switch (e.kind) {
        case Http1ResponseParser::Event::Kind::NeedMore:
            return;
        case Http1ResponseParser::Event::Kind::Head:
            if (!handleHead(e))
                return;
            break;
        case Http1ResponseParser::Event::Kind::Body:
            m_reply->deliverBody(e.data);
            break;
        case Http1ResponseParser::Event::Kind::End:
            finishExchange();
            return;
        case Http1ResponseParser::Event::Kind::Error:
            fail(QNetworkReply::ProtocolFailure,
                 QStringLiteral("refused the answer from %1: %2")
                     .arg(m_origin.host(QUrl::FullyEncoded), e.error));
            return;
        }
    }
}

bool Http1Connection::handleHead(const Http1ResponseParser::Event &head)
{
    const int code = head.status;
    const QByteArray location = m_parser.location();
    // Redirects: the client decides (same origin only); the body is dropped.
    // With ManualRedirectPolicy the caller gets the 3xx and its Location as is.
    // (Set explicitly: an unset attribute reads as 0, which is ManualRedirectPolicy.)
    const QVariant policy = m_reply->request().attribute(QNetworkRequest::RedirectPolicyAttribute);
    const bool manual = policy.isValid() && policy.toInt() == QNetworkRequest::ManualRedirectPolicy;
    if ((code == 301 || code == 302 || code == 303 || code == 307 || code == 308)
        && !location.isEmpty() && !manual) {
        const QUrl target = m_reply->url().resolved(QUrl::fromEncoded(location));
        const bool sameOrigin = target.scheme() == m_reply->url().scheme()
            && target.host().compare(m_reply->url().host(), Qt::CaseInsensitive) == 0
            && target.port(isHttps(target) ? 443 : 80)
                == m_reply->url().port(isHttps(m_reply->url()) ? 443 : 80);
        const int max = m_reply->request().maximumRedirectsAllowed();
        if (!sameOrigin) {
            fail(QNetworkReply::InsecureRedirectError,
                 QStringLiteral("redirect to another origin refused"));
            return false;
        }
        if (m_reply->redirects() >= max) {
            fail(QNetworkReply::TooManyRedirectsError, QStringLiteral("too many redirects"));
            return false;
        }
        Http1Reply *reply = m_reply;
        reply->onAbort = nullptr;
        reply->redirectTo(target, code == 307 || code == 308);
        m_reply = nullptr;
        // Drop the redirect's body if it is all here already (the connection
        // stays); a body still on its way is not worth waiting for.
        for (;;) {
            const Http1ResponseParser::Event e = m_parser.next();
            if (e.kind == Http1ResponseParser::Event::Kind::Body)
                continue;
            if (e.kind == Http1ResponseParser::Event::Kind::End)
                finishExchange();
            else
                close();
            break;
        }
        Q_EMIT retryWanted(reply);
        return false;
    }
    m_reply->deliverHead(code, head.reason, head.headers);
    return m_reply != nullptr; // the caller may have aborted in its slot
}

void Http1Connection::finishExchange()
{
    Http1Reply *reply = m_reply;
    detachReply();
    // Bytes beyond what the framing said: the stream cannot be trusted for the next answer.
    const bool reusable
        = m_parser.keepAlive() && !m_parser.hasUnreadBytes() && m_state != State::Closed;
    if (reusable) {
        m_state = State::Idle;
        m_idleSince.start();
    } else {
        close();
    }
    if (reply)
        reply->deliverEnd();
    if (reusable && m_state == State::Idle)
        Q_EMIT becameIdle();
}

void Http1Connection::detachReply()
{
    if (m_reply)
        m_reply->onAbort = nullptr;
    m_reply = nullptr;
}

bool Http1Connection::checkPin(const QSslCertificate &certificate)
{
    const QByteArray presented = TlsTrust::fingerprintOf(certificate);
    if (presented == m_pinSha256) {
        m_pinProblem.clear();
        return true;
    }
    m_pinProblem = QStringLiteral("the certificate's SHA-256 fingerprint is not the pinned %1")
                       .arg(TlsTrust::formatFingerprint(m_pinSha256));
    return false;
}

void Http1Connection::fail(int networkError, const QString &text)
{
    Http1Reply *reply = m_reply;
    detachReply();
    QList<QSslError> sslErrors = m_sslErrors;
    QString why = text;
    if (!m_pinProblem.isEmpty()) {
        // A pin that does not match says it all; the chain's verdict is beside the point.
        sslErrors.clear();
        why = m_pinProblem;
        networkError = QNetworkReply::SslHandshakeFailedError;
    }
    if (reply) {
        if (auto *ssl = qobject_cast<QSslSocket *>(m_socket))
            reply->setPeerSsl(ssl->sslConfiguration());
    }
    close();
    if (!reply)
        return;
    if (!sslErrors.isEmpty())
        reply->deliverSslErrors(sslErrors);
    reply->deliverError(QNetworkReply::NetworkError(networkError), why);
}

void Http1Connection::onSocketError()
{
    if (failedAtProxy())
        return;
    const QAbstractSocket::SocketError error = m_socket->error();
    if (error == QAbstractSocket::RemoteHostClosedError) {
        onDisconnected();
        return;
    }
    if (m_reply && !m_gotBytes && m_exchanges > 1 && m_reply->verb() != "POST"
        && !m_reply->wasResent() && error != QAbstractSocket::SslHandshakeFailedError) {
        Http1Reply *reply = m_reply;
        reply->markResent(); // once only, even if the next connection is stale too
        detachReply();
        close();
        Q_EMIT retryWanted(reply);
        return;
    }
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        fail(QNetworkReply::ConnectionRefusedError, m_socket->errorString());
        break;
    case QAbstractSocket::HostNotFoundError:
        fail(QNetworkReply::HostNotFoundError, m_socket->errorString());
        break;
    case QAbstractSocket::SocketTimeoutError:
        fail(QNetworkReply::TimeoutError, m_socket->errorString());
        break;
    case QAbstractSocket::SslHandshakeFailedError:
        fail(QNetworkReply::SslHandshakeFailedError, m_socket->errorString());
        break;
    default:
        fail(QNetworkReply::UnknownNetworkError, m_socket->errorString());
        break;
    }
}

void Http1Connection::onDisconnected()
{
    if (m_state == State::Closed || failedAtProxy())
        return;
    if (m_socket && m_socket->bytesAvailable() > 0)
        onReadyRead();
    if (m_reply && m_parser.headDone()
        && m_parser.framing() == Http1ResponseParser::Framing::UntilClose) {
        finishExchange(); // the end of the connection is the end of the body
        return;
    }
    if (m_reply && !m_gotBytes && m_exchanges > 1 && m_reply->verb() != "POST"
        && !m_reply->wasResent()) {
        // A kept-alive connection the server had closed: send it again, once.
        Http1Reply *reply = m_reply;
        reply->markResent(); // once only, even if the next connection is stale too
        detachReply();
        close();
        Q_EMIT retryWanted(reply);
        return;
    }
    if (m_reply)
        fail(QNetworkReply::RemoteHostClosedError,
             m_gotBytes ? QStringLiteral("connection closed in the middle of the answer")
                        : QStringLiteral("connection closed before an answer"));
    else {
        m_closedByPeerWhileIdle = m_state == State::Idle;
        close();
    }
}

void Http1Connection::close()
{
    if (m_state == State::Closed)
        return;
    m_state = State::Closed;
    if (m_connectTimer)
        m_connectTimer->stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
    Http1Reply *reply = m_reply;
    detachReply();
    if (reply && !reply->isDone())
        reply->deliverError(QNetworkReply::RemoteHostClosedError,
                            QStringLiteral("connection closed"));
    // Let the client forget us after the current call stack unwinds.
    QTimer::singleShot(0, this, [this]() { Q_EMIT closed(); });
}

} // namespace mcppm
