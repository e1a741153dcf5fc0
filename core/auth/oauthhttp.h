#pragma once

#include "jsonrpc/mcperror.h"
#include "net/tlstrust.h"
#include "net/version.h"

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

#include <functional>
#include <memory>
#include <utility>

class QNetworkReply;
class QNetworkRequest;

namespace mcppm {

class Http1Client;

// The HTTP requests of an OAuth client (metadata GETs, the headless
// /authorize GET, registration and token POSTs) over our Http1Client: a
// transfer timeout on each, bodies capped, POSTs never redirected, a GET
// that asks for it gets its redirect back instead of following it.
class OAuthHttp final : public QObject
{
    Q_OBJECT
public:
    struct Response
    {
        int status = 0; // 0 when no HTTP answer came (see error)
        QByteArray body;
        QByteArray location; // the Location header, raw
        QByteArray contentType; // media type, lower case, no parameters
        QByteArray dpopNonce; // the DPoP-Nonce header (RFC 9449 §8), raw
        McpError error; // network, TLS or timeout failure; none for any HTTP answer
        // The body as a JSON object; empty when it is not one.
        QJsonObject json() const;
    };
    using Done = std::function<void(const Response &response)>;
    using Form = QList<std::pair<QString, QString>>;
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    static constexpr qint64 kMaxBodyBytes = 1024 * 1024;

    explicit OAuthHttp(QObject *parent = nullptr);
    ~OAuthHttp() override;
    Q_DISABLE_COPY_MOVE(OAuthHttp)

    // Not owned; without one the helper makes its own.
    void setNetwork(Http1Client *network);
    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    void setUserAgent(const QString &userAgent) { m_userAgent = userAgent; }
    // TLS trust for requests to one origin (the MCP server's).
    void setTrust(const QUrl &origin, const TlsTrust &trust);
    void setProxy(const QString &proxy) { m_proxy = proxy; } // see Http1Client::ProxyAttribute

    // done is called once, on the event loop, unless abortAll() comes first.
    void get(const QUrl &url, Done done, bool manualRedirect = false);
    // application/x-www-form-urlencoded; authorization: a whole header value or
    // empty; headers: more (a DPoP proof).
    void postForm(const QUrl &url, const Form &form, const QByteArray &authorization, Done done,
                  const Headers &headers = {});
    void postJson(const QUrl &url, const QJsonObject &body, Done done);
    void abortAll();
    int pendingCount() const;

    // Every name and value percent-encoded (RFC 3986 unreserved kept).
    static QByteArray formEncode(const Form &form);
    // "Basic base64(urlencode(id):urlencode(secret))" (RFC 6749 §2.3.1).
    static QByteArray basicAuthorization(const QString &clientId, const QString &clientSecret);

private:
    QNetworkRequest makeRequest(const QUrl &url, const QByteArray &accept) const;
    void watch(QNetworkReply *reply, Done done);

    std::unique_ptr<Http1Client> m_ownNetwork;
    Http1Client *m_network = nullptr;
    int m_timeoutMs = 10000;
    QString m_userAgent = QString::fromLatin1(kUserAgent);
    QUrl m_trustOrigin;
    TlsTrust m_trust;
    QString m_proxy;
    QList<QPointer<QNetworkReply>> m_pending;
};

} // namespace mcppm
