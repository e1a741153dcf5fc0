#include "mcp/httpsupport.h"

#include "jsonrpc/jsonrpcmessage.h"
#include "mcp/authhandler.h"
#include "net/http1client.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>
#include <QRegularExpression>
#include <QSslConfiguration>
#include <QStringList>

namespace mcppm::http {

namespace {
// An HTML error page as its words ("500 Internal Server Error injected by ..."),
// anything else as a short quoted excerpt.
QString bodyExcerpt(const QByteArray &body)
{
    const QByteArray head = body.left(4096);
    if (!head.trimmed().startsWith('<'))
        return JsonRpcMessage::excerpt(body);
    QString text = QString::fromUtf8(head);
    static const QRegularExpression skip(QStringLiteral("<(script|style|title)[^>]*>.*?</\\1>"),
                                         QRegularExpression::CaseInsensitiveOption
                                             | QRegularExpression::DotMatchesEverythingOption);
    static const QRegularExpression tags(QStringLiteral("<[^>]*>"));
    text.remove(skip);
    text.replace(tags, QStringLiteral(" "));
    text = text.simplified();
    return JsonRpcMessage::excerpt(text.toUtf8());
}
} // namespace

QByteArray mediaType(const QNetworkReply *reply)
{
    QByteArray type = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
    if (type.isEmpty())
        type = reply->rawHeader("Content-Type");
    const qsizetype semicolon = type.indexOf(';');
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

int status(const QNetworkReply *reply)
{
    return reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
}

QString displayUrl(const QUrl &url)
{
    return url.toDisplayString(QUrl::RemoveUserInfo | QUrl::RemoveQuery | QUrl::RemoveFragment);
}

bool sameOrigin(const QUrl &a, const QUrl &b)
{
    return a.scheme().compare(b.scheme(), Qt::CaseInsensitive) == 0
        && a.host().compare(b.host(), Qt::CaseInsensitive) == 0
        && a.port(a.scheme() == QLatin1String("https") ? 443 : 80)
        == b.port(b.scheme() == QLatin1String("https") ? 443 : 80);
}

int retryAfterMs(const QNetworkReply *reply)
{
    const QByteArray value = reply->rawHeader("Retry-After").trimmed();
    if (value.isEmpty())
        return -1;
    bool ok = false;
    const qlonglong seconds = value.toLongLong(&ok);
    if (ok)
        return seconds < 0 ? -1 : int(qMin<qlonglong>(seconds, 24 * 3600) * 1000);
    const QDateTime when = QDateTime::fromString(QString::fromLatin1(value), Qt::RFC2822Date);
    if (!when.isValid())
        return -1;
    return int(
        qBound<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(when), qint64(24) * 3600 * 1000));
}

QNetworkRequest makeRequest(const QUrl &url, const HttpTransportOptions &options,
                            const QByteArray &accept, const QByteArray &method)
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : options.headers) // first: what follows is ours
        request.setRawHeader(name, value);
    if (!options.proxy.isEmpty())
        request.setAttribute(Http1Client::ProxyAttribute, options.proxy);
    request.setRawHeader("Accept", accept);
    request.setHeader(QNetworkRequest::UserAgentHeader, options.userAgent);
    // Follow redirects to the same origin only (PROTOCOL.md).
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::SameOriginRedirectPolicy);
    request.setMaximumRedirectsAllowed(5);
    // Streams must not be cut by a transfer timeout; each request has its own timeout above.
    request.setTransferTimeout(0);
    request.setAttribute(QNetworkRequest::CacheLoadControlAttribute,
                         QNetworkRequest::AlwaysNetwork);
    if (options.auth) {
        for (const auto &[name, value] : options.auth->authorizationHeaders(method, url))
            request.setRawHeader(name, value);
    } else if (!options.authToken.isEmpty()) {
        request.setRawHeader("Authorization", "Bearer " + options.authToken.toUtf8());
    }
    if (!options.tls.caCertificates.isEmpty())
        request.setSslConfiguration(options.tls.sslConfiguration());
    if (!options.tls.pinSha256.isEmpty())
        request.setAttribute(Http1Client::PinnedSha256Attribute, options.tls.pinSha256);
    return request;
}

McpError replyError(const QNetworkReply *reply, const QByteArray &body,
                    const QList<QSslError> &sslErrors)
{
    const int code = status(reply);
    const QString where = displayUrl(reply->url());
    // Through a proxy, an answer or a failure may be the proxy's: say which one was used.
    const QString proxy = reply->property(Http1Client::kProxyProperty).toString();
    const QString via = proxy.isEmpty() ? QString() : QStringLiteral(" through proxy ") + proxy;
    if (!sslErrors.isEmpty() || reply->error() == QNetworkReply::SslHandshakeFailedError) {
        QStringList problems;
        for (const QSslError &e : sslErrors)
            problems << e.errorString();
        if (problems.isEmpty())
            problems << reply->errorString();
        const QSslCertificate peer = reply->sslConfiguration().peerCertificate();
        QString text = QStringLiteral("TLS error with %1: %2")
                           .arg(where, problems.join(QStringLiteral("; ")));
        McpError tls;
        if (!peer.isNull()) {
            tls.certificateSha256 = TlsTrust::formatFingerprint(TlsTrust::fingerprintOf(peer));
            tls.certificateSummary = TlsTrust::describe(peer);
            text += QStringLiteral(" (certificate %1, SHA-256 %2)")
                        .arg(tls.certificateSummary, tls.certificateSha256);
        }
        tls.kind = McpError::Kind::Tls;
        tls.message = text;
        tls.notDelivered = true;
        return tls;
    }
    if (code == 407) {
        // Only a proxy says 407 (RFC 9110 15.5.8): name it, never its credentials.
        McpError e = McpError::make(
            McpError::Kind::Transport,
            QStringLiteral("proxy %1 wants credentials (HTTP 407) for %2; give them in the proxy "
                           "URL: http://user:password@host:port")
                .arg(proxy.isEmpty() ? QStringLiteral("(unknown)") : proxy, where),
            code);
        e.httpStatus = code;
        e.notDelivered = true;
        return e;
    }
    if (code >= 400 || (code > 0 && code < 200)) {
        McpError e;
        e.httpStatus = code;
        e.retryAfterMs = (code == 429 || code == 503) ? retryAfterMs(reply) : -1;
        e.notDelivered = code == 429 || code == 503;
        const QString reason
            = reply->attribute(QNetworkRequest::HttpReasonPhraseAttribute).toString();
        // A JSON-RPC error body says more than the status line.
        QString rpcText;
        const QList<JsonRpcMessage> messages = JsonRpcMessage::parse(body);
        if (messages.size() == 1 && messages.first().type == JsonRpcMessage::Type::Error) {
            rpcText = messages.first().errorMessage;
            e.rpcCode = messages.first().errorCode;
            e.data = messages.first().errorData;
        }
        e.kind = McpError::Kind::Http;
        QString text = QStringLiteral("HTTP %1 %2 from %3%4").arg(code).arg(reason, where, via);
        if (!rpcText.isEmpty())
            text += QStringLiteral(": ") + rpcText;
        else if (!body.trimmed().isEmpty())
            text += QStringLiteral(": ") + bodyExcerpt(body);
        e.message = text;
        return e;
    }
    QString what;
    switch (reply->error()) {
    case QNetworkReply::ConnectionRefusedError:
        what = QStringLiteral("connection refused");
        break;
    case QNetworkReply::RemoteHostClosedError:
        what = QStringLiteral("connection closed by the server");
        break;
    case QNetworkReply::HostNotFoundError:
        what = QStringLiteral("host not found");
        break;
    case QNetworkReply::TimeoutError:
        what = QStringLiteral("connection timed out");
        break;
    case QNetworkReply::TooManyRedirectsError:
        what = QStringLiteral("too many redirects");
        break;
    case QNetworkReply::InsecureRedirectError:
        what = QStringLiteral("redirect to another origin refused");
        break;
    case QNetworkReply::ProtocolUnknownError:
        what = QStringLiteral("unsupported URL scheme");
        break;
    default:
        what = reply->errorString();
        break;
    }
    McpError e = McpError::make(
        McpError::Kind::Transport,
        QStringLiteral("%1 (%2%3)").arg(what, where, what.contains(proxy) ? QString() : via), code);
    e.notDelivered = reply->error() == QNetworkReply::ConnectionRefusedError
        || reply->error() == QNetworkReply::HostNotFoundError
        || reply->error() == QNetworkReply::ProxyConnectionRefusedError
        || reply->error() == QNetworkReply::ProxyNotFoundError
        || reply->error() == QNetworkReply::ProxyAuthenticationRequiredError
        || reply->error() == QNetworkReply::UnknownProxyError;
    return e;
}

} // namespace mcppm::http
