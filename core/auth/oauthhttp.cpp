#include "auth/oauthhttp.h"

#include "mcp/httpsupport.h"
#include "net/http1client.h"

#include <QJsonDocument>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QSslConfiguration>

namespace mcppm {

namespace {
struct ReplyState
{
    QByteArray body;
    QList<QSslError> sslErrors;
    bool tooLarge = false;
};
} // namespace

QJsonObject OAuthHttp::Response::json() const
{
    const QJsonDocument doc = QJsonDocument::fromJson(body);
    return doc.isObject() ? doc.object() : QJsonObject();
}

OAuthHttp::OAuthHttp(QObject *parent)
    : QObject(parent)
{ }

OAuthHttp::~OAuthHttp()
{
    abortAll();
}

void OAuthHttp::setNetwork(Http1Client *network)
{
    m_network = network;
}

void OAuthHttp::setTrust(const QUrl &origin, const TlsTrust &trust)
{
    m_trustOrigin = origin;
    m_trust = trust;
}

int OAuthHttp::pendingCount() const
{
    int n = 0;
    for (const QPointer<QNetworkReply> &reply : m_pending)
        n += reply ? 1 : 0;
    return n;
}

QByteArray OAuthHttp::formEncode(const Form &form)
{
    QByteArray out;
    for (const auto &[name, value] : form) {
        if (!out.isEmpty())
            out += '&';
        out += QUrl::toPercentEncoding(name);
        out += '=';
        out += QUrl::toPercentEncoding(value);
    }
    return out;
}

QByteArray OAuthHttp::basicAuthorization(const QString &clientId, const QString &clientSecret)
{
    // RFC 6749 §2.3.1: both form-encoded before they are joined.
    const QByteArray pair
        = QUrl::toPercentEncoding(clientId) + ':' + QUrl::toPercentEncoding(clientSecret);
    return "Basic " + pair.toBase64();
}

QNetworkRequest OAuthHttp::makeRequest(const QUrl &url, const QByteArray &accept) const
{
    QNetworkRequest request(url);
    request.setRawHeader("Accept", accept);
    request.setHeader(QNetworkRequest::UserAgentHeader, m_userAgent);
    request.setTransferTimeout(m_timeoutMs);
    request.setMaximumRedirectsAllowed(5);
    if (!m_proxy.isEmpty())
        request.setAttribute(Http1Client::ProxyAttribute, m_proxy);
    if (!m_trustOrigin.isEmpty() && http::sameOrigin(url, m_trustOrigin)) {
        if (!m_trust.caCertificates.isEmpty())
            request.setSslConfiguration(m_trust.sslConfiguration());
        if (!m_trust.pinSha256.isEmpty())
            request.setAttribute(Http1Client::PinnedSha256Attribute, m_trust.pinSha256);
    }
    return request;
}

void OAuthHttp::get(const QUrl &url, Done done, bool manualRedirect)
{
    QNetworkRequest request = makeRequest(url, "application/json");
    if (manualRedirect) {
        request.setRawHeader("Accept", "text/html, */*");
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                             QNetworkRequest::ManualRedirectPolicy);
    }
    if (!m_network) {
        m_ownNetwork = std::make_unique<Http1Client>();
        m_network = m_ownNetwork.get();
    }
    watch(m_network->get(request), std::move(done));
}

void OAuthHttp::postForm(const QUrl &url, const Form &form, const QByteArray &authorization,
                         Done done, const Headers &headers)
{
    QNetworkRequest request = makeRequest(url, "application/json");
    request.setHeader(QNetworkRequest::ContentTypeHeader,
                      QByteArray("application/x-www-form-urlencoded"));
    // A token endpoint that redirects is answered as it is, never followed with the secrets.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!authorization.isEmpty())
        request.setRawHeader("Authorization", authorization);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    if (!m_network) {
        m_ownNetwork = std::make_unique<Http1Client>();
        m_network = m_ownNetwork.get();
    }
    watch(m_network->post(request, formEncode(form)), std::move(done));
}

void OAuthHttp::postJson(const QUrl &url, const QJsonObject &body, Done done)
{
    QNetworkRequest request = makeRequest(url, "application/json");
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArray("application/json"));
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    if (!m_network) {
        m_ownNetwork = std::make_unique<Http1Client>();
        m_network = m_ownNetwork.get();
    }
    watch(m_network->post(request, QJsonDocument(body).toJson(QJsonDocument::Compact)),
          std::move(done));
}

void OAuthHttp::watch(QNetworkReply *reply, Done done)
{
    m_pending.removeAll(nullptr);
    m_pending.append(reply);
    auto state = std::make_shared<ReplyState>();
    connect(reply, &QNetworkReply::sslErrors, this,
            [state](const QList<QSslError> &errors) { state->sslErrors = errors; });
    connect(reply, &QIODevice::readyRead, this, [reply, state]() {
        if (state->tooLarge) {
            reply->readAll();
            return;
        }
        state->body += reply->readAll();
        if (state->body.size() > kMaxBodyBytes) {
            state->tooLarge = true;
            state->body.clear();
            reply->abort();
        }
    });
    connect(reply, &QNetworkReply::finished, this, [this, reply, state, done]() {
        m_pending.removeAll(reply);
        reply->deleteLater();
        if (!state->tooLarge)
            state->body += reply->readAll();
        Response response;
        response.status = http::status(reply);
        response.location = reply->rawHeader("Location");
        response.dpopNonce = reply->rawHeader("DPoP-Nonce");
        response.contentType = http::mediaType(reply);
        if (state->tooLarge) {
            response.status = 0;
            response.error = McpError::make(McpError::Kind::TooLarge,
                                            QStringLiteral("the answer from %1 is over %2 bytes")
                                                .arg(http::displayUrl(reply->url()))
                                                .arg(kMaxBodyBytes));
        } else if (reply->error() != QNetworkReply::NoError || response.status == 0) {
            response.status = 0;
            response.error = http::replyError(reply, {}, state->sslErrors);
            if (reply->error() == QNetworkReply::TimeoutError)
                response.error.kind = McpError::Kind::Timeout;
        } else {
            response.body = state->body;
        }
        done(response);
    });
}

void OAuthHttp::abortAll()
{
    const QList<QPointer<QNetworkReply>> pending = std::exchange(m_pending, {});
    for (const QPointer<QNetworkReply> &reply : pending) {
        if (!reply)
            continue;
        reply->disconnect(this);
        reply->abort();
        reply->deleteLater();
    }
}

} // namespace mcppm
