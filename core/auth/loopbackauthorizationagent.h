#pragma once

#include "auth/authorizationagent.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QTcpServer>

#include <functional>

class QTcpSocket;
class QTimer;

namespace mcppm {

// Authorization in the user's browser (RFC 8252 §7.3): listens on
// 127.0.0.1 (a free port unless one is set), has the app open the
// authorization URL (core does not use QtGui: the app passes
// QDesktopServices::openUrl or the like), and waits for the browser to come
// back to http://127.0.0.1:PORT/callback. Only a request carrying the
// expected state ends the wait; it gets a small "you can close this window"
// page. Anything else gets 400/404 and the wait goes on until the timeout.
class LoopbackAuthorizationAgent final
    : public QObject
    , public AuthorizationAgent
{
    Q_OBJECT
public:
    // Opens url in a browser; false if that failed.
    using OpenUrl = std::function<bool(const QUrl &url)>;

    explicit LoopbackAuthorizationAgent(OpenUrl openUrl, QObject *parent = nullptr);
    ~LoopbackAuthorizationAgent() override;
    Q_DISABLE_COPY_MOVE(LoopbackAuthorizationAgent)

    void setPort(quint16 port) { m_port = port; } // 0: any free port
    void setTimeoutMs(int ms) { m_timeoutMs = ms; } // default 5 minutes
    void setCallbackPath(const QString &path) { m_path = path; }
    quint16 port() const { return m_server.isListening() ? m_server.serverPort() : 0; }
    bool isWaiting() const { return bool(m_done); }

    // Starts listening (if not yet) and gives http://127.0.0.1:PORT/callback.
    QUrl redirectUri() override;
    void authorize(const QUrl &authorizeUrl, const QUrl &redirectUri, Done done) override;
    void cancel() override;

Q_SIGNALS:
    // The browser should now show this page; a UI can offer it as a link too.
    void waitingForBrowser(const QUrl &authorizeUrl);

private:
    void onReadable(QTcpSocket *socket);
    void answer(QTcpSocket *socket, int status, const QString &title, const QString &text);
    void finish(const QUrl &redirectedTo, const McpError &error);
    void stopListening();

    OpenUrl m_openUrl;
    QTcpServer m_server;
    QTimer *m_timer;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    Done m_done;
    QByteArray m_expectedState;
    QString m_path = QStringLiteral("/callback");
    quint16 m_port = 0;
    quint16 m_lastPort = 0;
    int m_timeoutMs = 5 * 60 * 1000;
};

} // namespace mcppm
