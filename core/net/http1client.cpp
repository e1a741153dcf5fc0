#include "net/http1client.h"

#include "net/http1connection.h"
#include "net/http1reply.h"

#include <QDeadlineTimer>
#include <QTimer>

namespace mcppm {

Http1Client::Http1Client(QObject *parent)
    : QObject(parent)
{ }

Http1Client::~Http1Client()
{
    for (Origin &origin : m_origins) {
        for (Http1Connection *c : std::as_const(origin.connections)) {
            c->disconnect(this);
            delete c;
        }
    }
}

QString Http1Client::originKey(const QUrl &url)
{
    const bool https = url.scheme() == QLatin1String("https");
    return url.scheme() + QStringLiteral("://") + url.host().toLower() + QLatin1Char(':')
        + QString::number(url.port(https ? 443 : 80));
}

int Http1Client::connectionCount() const
{
    int n = 0;
    for (const Origin &origin : m_origins)
        n += int(origin.connections.size());
    return n;
}

QNetworkReply *Http1Client::get(const QNetworkRequest &request)
{
    return send(new Http1Reply(QNetworkAccessManager::GetOperation, request, "GET", {}, this));
}

QNetworkReply *Http1Client::post(const QNetworkRequest &request, const QByteArray &body)
{
    return send(new Http1Reply(QNetworkAccessManager::PostOperation, request, "POST", body, this));
}

QNetworkReply *Http1Client::deleteResource(const QNetworkRequest &request)
{
    return send(
        new Http1Reply(QNetworkAccessManager::DeleteOperation, request, "DELETE", {}, this));
}

QNetworkReply *Http1Client::send(Http1Reply *reply)
{
    const QUrl url = reply->url();
    if (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) {
        QTimer::singleShot(0, reply, [reply]() {
            reply->deliverError(QNetworkReply::ProtocolUnknownError,
                                QStringLiteral("unsupported URL scheme"));
        });
        return reply;
    }
    if (const QString problem
        = Http1Connection::requestProblem(reply->verb(), url, reply->request());
        !problem.isEmpty()) {
        // Refused before any connection is made: nothing reaches the server.
        QTimer::singleShot(0, reply, [reply, problem]() {
            reply->deliverError(QNetworkReply::ProtocolInvalidOperationError, problem);
        });
        return reply;
    }
    if (const int timeout = reply->request().transferTimeout(); timeout > 0) {
        QTimer::singleShot(timeout, reply, [reply, timeout]() {
            if (reply->isDone())
                return;
            if (auto hook = std::exchange(reply->onAbort, nullptr))
                hook();
            reply->deliverError(QNetworkReply::TimeoutError,
                                QStringLiteral("no answer within %1 ms").arg(timeout));
        });
    }
    QString why;
    const std::optional<ProxySettings::Proxy> proxy
        = proxyFor(url, reply->request().attribute(ProxyAttribute).toString(), &why);
    if (!proxy) {
        QTimer::singleShot(0, reply, [reply, why]() {
            reply->deliverError(QNetworkReply::UnknownProxyError, why);
        });
        return reply;
    }
    QString key = originKey(url);
    if (!proxy->isDirect()) {
        key += QStringLiteral(" via ") + proxy->poolKey();
        reply->setProperty(kProxyProperty, proxy->display());
    }
    Origin &origin = m_origins[key];
    origin.proxy = *proxy;
    origin.waiting.push_back(reply);
    dispatch(key);
    return reply;
}

std::optional<ProxySettings::Proxy> Http1Client::proxyFor(const QUrl &url, const QString &override,
                                                          QString *why)
{
    // The environment is read (getenv scans it whole, several names) at most once a
    // second per origin and setting, not on every request: a busy pool sends
    // thousands a second. A changed environment counts from the next second on.
    const QString key = originKey(url) + QLatin1Char('|') + override;
    const auto it = m_proxyChoices.constFind(key);
    if (it != m_proxyChoices.cend() && !it->expires.hasExpired())
        return it->proxy;
    std::optional<ProxySettings::Proxy> proxy = ProxySettings::proxyFor(url, override, why);
    if (proxy) {
        if (m_proxyChoices.size() > 1000)
            m_proxyChoices.clear();
        m_proxyChoices.insert(key, {*proxy, QDeadlineTimer(1000)});
    }
    return proxy;
}

void Http1Client::dispatch(const QString &key)
{
    auto it = m_origins.find(key);
    if (it == m_origins.end())
        return;
    Origin &origin = it.value();
    while (!origin.waiting.empty()) {
        QPointer<Http1Reply> reply = origin.waiting.front();
        if (!reply || reply->isDone()) {
            origin.waiting.pop_front();
            continue;
        }
        // The most recently used idle connection that is fresh enough.
        Http1Connection *chosen = nullptr;
        for (qsizetype i = origin.connections.size() - 1; i >= 0; --i) {
            Http1Connection *c = origin.connections.at(i);
            if (!c->isIdle())
                continue;
            if (c->idleMs() > m_maxIdleMs) {
                c->close(); // the server may be about to drop it; do not race it
                continue;
            }
            chosen = c;
            break;
        }
        if (!chosen) {
            if (origin.connections.size() >= m_maxPerOrigin)
                return; // wait for one to become idle
            chosen = new Http1Connection(reply->url(), origin.proxy, m_connectTimeoutMs, this);
            origin.connections.append(chosen);
            connect(chosen, &Http1Connection::becameIdle, this,
                    [this, chosen, key]() { onIdle(chosen, key); });
            const QUrl originUrl = reply->url().adjusted(
                QUrl::RemovePath | QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo);
            connect(chosen, &Http1Connection::closed, this, [this, chosen, key, originUrl]() {
                if (chosen->closedByPeerWhileIdle())
                    Q_EMIT idleConnectionClosedByPeer(originUrl);
                auto o = m_origins.find(key);
                if (o != m_origins.end())
                    o->connections.removeOne(chosen);
                chosen->deleteLater();
                dispatch(key); // room for a waiting one
            });
            // Resends and (same-origin) redirects stay with this origin and proxy.
            connect(chosen, &Http1Connection::retryWanted, this, [this, key](Http1Reply *again) {
                m_origins[key].waiting.push_front(again);
                QTimer::singleShot(0, this, [this, key]() { dispatch(key); });
            });
        } else {
            origin.connections.removeOne(chosen); // most recently used goes last
            origin.connections.append(chosen);
        }
        origin.waiting.pop_front();
        chosen->start(reply);
    }
}

void Http1Client::onIdle(Http1Connection *, const QString &key)
{
    dispatch(key);
}

} // namespace mcppm
