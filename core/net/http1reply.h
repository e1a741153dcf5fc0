#pragma once

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSslConfiguration>

#include <functional>

namespace mcppm {

// A QNetworkReply filled by our own HTTP/1.1 client (Http1Client), so the
// transports see the familiar interface: metaDataChanged() once the head is in,
// readyRead() per body piece, finished() once, errors as NetworkError codes.
class Http1Reply final : public QNetworkReply
{
    Q_OBJECT
public:
    Http1Reply(QNetworkAccessManager::Operation operation, const QNetworkRequest &request,
               const QByteArray &verb, const QByteArray &body, QObject *parent = nullptr);
    ~Http1Reply() override;

    void abort() override;
    qint64 bytesAvailable() const override;
    bool isSequential() const override { return true; }

    // ---- for the client and its connections ----
    const QByteArray &verb() const { return m_verb; }
    const QByteArray &body() const { return m_body; }
    int redirects() const { return m_redirects; }
    bool wasResent() const { return m_resent; }
    void markResent() { m_resent = true; }
    // Follow a redirect: same reply, new URL (and for 301/302/303 on POST: GET, no body).
    void redirectTo(const QUrl &url, bool keepMethod);
    void deliverHead(int status, const QByteArray &reason,
                     const QList<std::pair<QByteArray, QByteArray>> &headers);
    void deliverBody(const QByteArray &data);
    void deliverEnd();
    void deliverError(NetworkError code, const QString &text);
    void deliverSslErrors(const QList<QSslError> &errors);
    // The TLS session (peer certificate) of the connection that carried it.
    void setPeerSsl(const QSslConfiguration &ssl) { m_peerSsl = ssl; }
    bool isDone() const { return m_done; }
    // Called (once) when the caller aborts, so the connection drops the exchange.
    std::function<void()> onAbort;

protected:
    qint64 readData(char *data, qint64 maxSize) override;
    void sslConfigurationImplementation(QSslConfiguration &configuration) const override
    {
        configuration = m_peerSsl;
    }

private:
    QByteArray m_verb;
    QByteArray m_body;
    QByteArray m_buffer;
    QSslConfiguration m_peerSsl;
    qsizetype m_readPos = 0;
    int m_redirects = 0;
    bool m_done = false;
    bool m_resent = false;
};

} // namespace mcppm
