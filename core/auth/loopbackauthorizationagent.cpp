#include "auth/loopbackauthorizationagent.h"

#include <QTcpSocket>
#include <QTimer>
#include <QUrlQuery>

namespace mcppm {

namespace {
constexpr qsizetype kMaxRequestBytes = 16 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 400:
        return "Bad Request";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    default:
        return "Error";
    }
}
} // namespace

LoopbackAuthorizationAgent::LoopbackAuthorizationAgent(OpenUrl openUrl, QObject *parent)
    : QObject(parent)
    , m_openUrl(std::move(openUrl))
    , m_timer(new QTimer(this))
{
    m_timer->setSingleShot(true);
    connect(m_timer, &QTimer::timeout, this, [this]() {
        finish({},
               McpError::make(McpError::Kind::Timeout,
                              QStringLiteral("OAuth authorization: the browser did not come "
                                             "back within %1 s")
                                  .arg(m_timeoutMs / 1000)));
    });
    connect(&m_server, &QTcpServer::newConnection, this, [this]() {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            socket->setParent(this);
            connect(socket, &QTcpSocket::readyRead, this, [this, socket]() { onReadable(socket); });
            connect(socket, &QTcpSocket::disconnected, this, [this, socket]() {
                m_buffers.remove(socket);
                socket->deleteLater();
            });
        }
    });
}

LoopbackAuthorizationAgent::~LoopbackAuthorizationAgent()
{
    m_done = nullptr;
    stopListening();
}

QUrl LoopbackAuthorizationAgent::redirectUri()
{
    if (!m_server.isListening()) {
        // The same port as last time if it is free: registrations keep working.
        const quint16 wanted = m_port ? m_port : m_lastPort;
        if (!m_server.listen(QHostAddress::LocalHost, wanted) && !m_port)
            m_server.listen(QHostAddress::LocalHost, 0);
        if (!m_server.isListening())
            return {};
        m_lastPort = m_server.serverPort();
    }
    QUrl uri;
    uri.setScheme(QStringLiteral("http"));
    uri.setHost(QStringLiteral("127.0.0.1"));
    uri.setPort(m_server.serverPort());
    uri.setPath(m_path);
    return uri;
}

void LoopbackAuthorizationAgent::authorize(const QUrl &authorizeUrl, const QUrl &redirectUri,
                                           Done done)
{
    if (m_done) {
        done({},
             McpError::make(McpError::Kind::Cancelled,
                            QStringLiteral("OAuth authorization: another sign-in is "
                                           "already waiting for the browser")));
        return;
    }
    const QUrl own = this->redirectUri();
    if (!own.isValid() || redirectUri.port() != own.port() || redirectUri.host() != own.host()) {
        done({},
             McpError::make(McpError::Kind::Transport,
                            QStringLiteral("OAuth authorization: cannot listen for the "
                                           "browser at %1")
                                .arg(redirectUri.toDisplayString(QUrl::RemoveQuery))));
        return;
    }
    m_expectedState = QUrlQuery(authorizeUrl)
                          .queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded)
                          .toUtf8();
    m_done = std::move(done);
    m_timer->start(m_timeoutMs);
    Q_EMIT waitingForBrowser(authorizeUrl);
    if (!m_openUrl || !m_openUrl(authorizeUrl))
        finish({},
               McpError::make(McpError::Kind::Transport,
                              QStringLiteral("OAuth authorization: could not open a web "
                                             "browser")));
}

void LoopbackAuthorizationAgent::cancel()
{
    m_done = nullptr;
    m_timer->stop();
    stopListening();
}

void LoopbackAuthorizationAgent::stopListening()
{
    m_server.close();
    const auto sockets = findChildren<QTcpSocket *>();
    for (QTcpSocket *socket : sockets) {
        socket->disconnect(this);
        socket->abort();
        socket->deleteLater();
    }
    m_buffers.clear();
}

void LoopbackAuthorizationAgent::finish(const QUrl &redirectedTo, const McpError &error)
{
    m_timer->stop();
    Done done = std::exchange(m_done, nullptr);
    // Let the answer page reach the browser before the listener goes.
    QTimer::singleShot(200, this, [this]() {
        if (!m_done)
            m_server.close();
    });
    if (done)
        done(redirectedTo, error);
}

void LoopbackAuthorizationAgent::answer(QTcpSocket *socket, int status, const QString &title,
                                        const QString &text)
{
    const QByteArray body
        = QStringLiteral("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>%1</title>"
                         "</head><body style=\"font-family:sans-serif;margin:3em\"><h1>%1</h1>"
                         "<p>%2</p></body></html>")
              .arg(title.toHtmlEscaped(), text.toHtmlEscaped())
              .toUtf8();
    QByteArray head = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status)
        + "\r\nContent-Type: text/html; charset=utf-8\r\nCache-Control: no-store\r\n"
          "Connection: close\r\nContent-Length: "
        + QByteArray::number(body.size()) + "\r\n\r\n";
    socket->write(head + body);
    socket->flush();
    socket->disconnectFromHost();
}

void LoopbackAuthorizationAgent::onReadable(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    if (buffer.size() > kMaxRequestBytes) {
        m_buffers.remove(socket);
        socket->abort();
        return;
    }
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    const QByteArray requestLine = buffer.left(buffer.indexOf("\r\n"));
    m_buffers.remove(socket);
    const QList<QByteArray> parts = requestLine.split(' ');
    if (parts.size() != 3 || !parts.at(2).startsWith("HTTP/1.")) {
        answer(socket, 400, QStringLiteral("Bad request"),
               QStringLiteral("This is not a request this page understands."));
        return;
    }
    if (parts.at(0) != "GET") {
        answer(socket, 405, QStringLiteral("Not allowed"),
               QStringLiteral("Only GET is answered here."));
        return;
    }
    const QUrl target = QUrl::fromEncoded(parts.at(1));
    if (target.path() != m_path) {
        answer(socket, 404, QStringLiteral("Not found"), QStringLiteral("Nothing here."));
        return;
    }
    const QUrlQuery query(target);
    const QByteArray state
        = query.queryItemValue(QStringLiteral("state"), QUrl::FullyDecoded).toUtf8();
    if (!m_done || m_expectedState.isEmpty() || state != m_expectedState) {
        answer(socket, 400, QStringLiteral("Sign-in not recognised"),
               QStringLiteral(
                   "MCP Pool Monitor is not waiting for this sign-in. Start the sign-in again "
                   "from the application."));
        return;
    }
    QUrl redirectedTo = redirectUri();
    redirectedTo.setQuery(target.query(QUrl::FullyEncoded), QUrl::StrictMode);
    if (query.hasQueryItem(QStringLiteral("error")))
        answer(
            socket, 200, QStringLiteral("Sign-in failed"),
            QStringLiteral("The authorization server said: %1. You can close this window.")
                .arg(query.queryItemValue(QStringLiteral("error"), QUrl::FullyDecoded).left(100)));
    else
        answer(socket, 200, QStringLiteral("Signed in"),
               QStringLiteral("MCP Pool Monitor is signed in. You can close this window."));
    finish(redirectedTo, {});
}

} // namespace mcppm
