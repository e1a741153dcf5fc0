#pragma once

#include <QDeadlineTimer>
#include <QHash>
#include <QList>
#include <QNetworkRequest>
#include <QObject>
#include <QPointer>

#include "net/proxysettings.h"

#include <deque>
#include <optional>

class QNetworkReply;

namespace mcppm {

class Http1Connection;
class Http1Reply;

// A small HTTP/1.1 client for the MCP transports, in place of
// QNetworkAccessManager: persistent connections per origin (up to
// maxConnectionsPerOrigin at once, the rest wait in order; an origin reached
// through a proxy is pooled apart from the direct one), buffered reads,
// same-origin redirects only, a per-request transfer timeout, TLS errors
// reported and never ignored. A POST is never sent twice behind the caller's
// back: if a reused connection dies before the answer, the caller hears so
// (only GET and DELETE are resent once on a fresh connection).
class Http1Client final : public QObject
{
    Q_OBJECT
public:
    // A request attribute: the SHA-256 (32 bytes) the server's certificate
    // must have; such a certificate is accepted even when self-signed
    // (TlsTrust::pinOverrules), any other one is refused.
    static constexpr QNetworkRequest::Attribute PinnedSha256Attribute
        = QNetworkRequest::Attribute(QNetworkRequest::User + 1);
    // A request attribute (QString): this server's proxy override, "none" or a
    // proxy URL; absent or empty: the environment, then the system (ProxySettings).
    static constexpr QNetworkRequest::Attribute ProxyAttribute
        = QNetworkRequest::Attribute(QNetworkRequest::User + 2);
    // The reply's dynamic property naming the proxy it went through ("http://host:port",
    // never credentials); absent when it went direct.
    static constexpr const char *kProxyProperty = "mcppmProxy";

    explicit Http1Client(QObject *parent = nullptr);
    ~Http1Client() override;
    Q_DISABLE_COPY_MOVE(Http1Client)

    void setMaxConnectionsPerOrigin(int count) { m_maxPerOrigin = qMax(1, count); }
    void setConnectTimeoutMs(int ms) { m_connectTimeoutMs = ms; }
    void setMaxIdleMs(int ms) { m_maxIdleMs = ms; }

    QNetworkReply *get(const QNetworkRequest &request);
    QNetworkReply *post(const QNetworkRequest &request, const QByteArray &body);
    QNetworkReply *deleteResource(const QNetworkRequest &request);

    int connectionCount() const; // open or opening, all origins

Q_SIGNALS:
    // A server closed a kept-alive connection while nothing ran on it (its
    // own idle timeout, or it went away): worth a cheap look.
    void idleConnectionClosedByPeer(const QUrl &origin);

private:
    struct Origin
    {
        QList<Http1Connection *> connections;
        std::deque<QPointer<Http1Reply>> waiting;
        ProxySettings::Proxy proxy; // how this origin is reached
    };

    QNetworkReply *send(Http1Reply *reply);
    void dispatch(const QString &key);
    void onIdle(Http1Connection *connection, const QString &key);
    static QString originKey(const QUrl &url);

    // ProxySettings::proxyFor, remembered for a second per origin and setting.
    std::optional<ProxySettings::Proxy> proxyFor(const QUrl &url, const QString &override,
                                                 QString *why);
    struct ProxyChoice
    {
        ProxySettings::Proxy proxy;
        QDeadlineTimer expires;
    };
    QHash<QString, ProxyChoice> m_proxyChoices;
    QHash<QString, Origin> m_origins;
    int m_maxPerOrigin = 32;
    int m_connectTimeoutMs = 10000;
    // Longer than the pool's 30 s health interval, so a probe reuses the
    // connection the last one left (a new one costs about half as much again);
    // shorter than the usual server keep-alive limits of 60 s and more. A
    // server that closes sooner is noticed before reuse (Http1Connection
    // looks for its FIN) and reported (idleConnectionClosedByPeer).
    int m_maxIdleMs = 55000;
};

} // namespace mcppm
