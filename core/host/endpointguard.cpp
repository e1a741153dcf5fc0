#include "host/endpointguard.h"

#include <QUrl>

namespace mcppm {

namespace {
// "host", "host:port", "[v6]", "[v6]:port" → the host part, lower case, without brackets.
QString hostPart(const QString &hostAndPort)
{
    QString h = hostAndPort.trimmed().toLower();
    if (h.startsWith(QLatin1Char('['))) {
        const qsizetype close = h.indexOf(QLatin1Char(']'));
        return close > 0 ? h.mid(1, close - 1) : QString();
    }
    const qsizetype colon = h.lastIndexOf(QLatin1Char(':'));
    if (colon >= 0 && h.indexOf(QLatin1Char(':')) == colon)
        h.truncate(colon);
    return h;
}

// The port of "host:port" or "[v6]:port"; empty without one.
QString portPart(const QString &hostAndPort)
{
    const QString h = hostAndPort.trimmed();
    const qsizetype colon = h.lastIndexOf(QLatin1Char(':'));
    if (colon < 0)
        return {};
    if (h.startsWith(QLatin1Char('[')))
        return h.at(colon - 1) == QLatin1Char(']') ? h.mid(colon + 1) : QString();
    return h.indexOf(QLatin1Char(':')) == colon ? h.mid(colon + 1) : QString();
}

HttpResponse refusal(int status, const QByteArray &message)
{
    HttpResponse r;
    r.status = status;
    r.contentType = "application/json";
    // A JSON-RPC error without an id: the request was not read.
    r.body
        = R"({"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":")" + message + R"("}})";
    return r;
}
} // namespace

EndpointGuard::EndpointGuard(Options options)
    : m_options(std::move(options))
{ }

bool EndpointGuard::isLoopbackHost(const QString &host)
{
    const QString h = hostPart(host);
    if (h == QLatin1String("localhost") || h.endsWith(QLatin1String(".localhost")))
        return true;
    const QHostAddress address(h);
    return !address.isNull() && address.isLoopback();
}

bool EndpointGuard::isLoopbackBind(const QHostAddress &address)
{
    return address.isLoopback();
}

bool EndpointGuard::equalSecret(const QByteArray &a, const QByteArray &b)
{
    // Constant time in the content; the length difference still shows.
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    const qsizetype n = qMin(a.size(), b.size());
    for (qsizetype i = 0; i < n; ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0 && !a.isEmpty();
}

bool EndpointGuard::hostAllowed(const QByteArray &host) const
{
    const QString h = QString::fromLatin1(host);
    if (!m_options.allowedHosts.isEmpty()) {
        for (const QString &allowed : m_options.allowedHosts) {
            const QString port = portPart(allowed);
            if (hostPart(h) == hostPart(allowed) && (port.isEmpty() || port == portPart(h)))
                return true;
        }
        return isLoopbackHost(h);
    }
    return requiresToken() || isLoopbackHost(h);
}

bool EndpointGuard::originAllowed(const QByteArray &origin) const
{
    const QString o = QString::fromLatin1(origin).trimmed();
    for (const QString &allowed : m_options.allowedOrigins) {
        if (allowed == QLatin1String("*") || o.compare(allowed, Qt::CaseInsensitive) == 0)
            return true;
    }
    const QUrl url(o);
    return url.isValid()
        && (url.scheme() == QLatin1String("http") || url.scheme() == QLatin1String("https"))
        && isLoopbackHost(url.host());
}

std::optional<HttpResponse> EndpointGuard::check(const HttpRequest &request) const
{
    if (!hostAllowed(request.header("host")))
        return refusal(403,
                       "Forbidden: Host not allowed (DNS rebinding protection; "
                       "see --mcp-allow-host)");
    const QByteArray origin = request.header("origin");
    if (!origin.isEmpty() && !originAllowed(origin))
        return refusal(403, "Forbidden: Origin not allowed (see --mcp-allow-origin)");
    if (requiresToken()) {
        const QByteArray auth = request.header("authorization");
        const bool bearer = auth.size() > 7 && auth.left(7).toLower() == "bearer ";
        if (!bearer || !equalSecret(auth.mid(7).trimmed(), m_options.bearerToken)) {
            HttpResponse r = refusal(401, "Unauthorized: a valid bearer token is required");
            r.headers.emplaceBack("WWW-Authenticate", R"(Bearer realm="mcp-pool-monitor")");
            return r;
        }
    }
    return std::nullopt;
}

} // namespace mcppm
