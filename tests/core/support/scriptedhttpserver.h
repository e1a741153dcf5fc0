#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrl>

#include <functional>

// A loopback HTTP/1.1 server whose every answer the test writes by hand, byte
// for byte: wrong content types, HTML 500s, SSE streams that stop early or
// never answer, oversize bodies. One request per connection is enough for
// what QNetworkAccessManager sends; keep-alive is honoured for sequential requests.
class ScriptedHttpServer final : public QObject
{
    Q_OBJECT
public:
    struct Request
    {
        QByteArray method;
        QByteArray path;
        QHash<QByteArray, QByteArray> headers; // lower-case names
        QByteArray body;
        qint64 receivedAtMs = 0; // QDateTime::currentMSecsSinceEpoch()
        QByteArray header(const char *name) const
        {
            return headers.value(QByteArray(name).toLower());
        }
    };
    // Answers one request. Write to `socket`; keep it to stream later.
    using Handler = std::function<void(const Request &request, QTcpSocket *socket)>;

    explicit ScriptedHttpServer(QObject *parent = nullptr);
    ~ScriptedHttpServer() override;

    bool listen(); // on 127.0.0.1, a free port
    QUrl url(const QString &path = QStringLiteral("/mcp")) const;
    void setHandler(Handler handler) { m_handler = std::move(handler); }
    QList<Request> requests;

    // Writes a complete response with Content-Length.
    static void respond(QTcpSocket *socket, int status, const QByteArray &contentType,
                        const QByteArray &body,
                        const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});
    // Starts a chunked text/event-stream response; send events with writeChunk, end with endChunks.
    static void startStream(QTcpSocket *socket,
                            const QList<QPair<QByteArray, QByteArray>> &extraHeaders = {});
    static void writeChunk(QTcpSocket *socket, const QByteArray &data);
    static void endChunks(QTcpSocket *socket);

Q_SIGNALS:
    void requestReceived();

private:
    void onReadyRead(QTcpSocket *socket);

    QTcpServer m_server;
    Handler m_handler;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};
