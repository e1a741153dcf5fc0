#include "auth/headlessauthorizationagent.h"

#include "auth/oauthhttp.h"

#include "mcp/httpsupport.h"

namespace mcppm {

HeadlessAuthorizationAgent::HeadlessAuthorizationAgent(QObject *parent)
    : QObject(parent)
    , m_http(new OAuthHttp(this))
{ }

HeadlessAuthorizationAgent::~HeadlessAuthorizationAgent() = default;

void HeadlessAuthorizationAgent::setNetwork(Http1Client *network)
{
    m_http->setNetwork(network);
}

void HeadlessAuthorizationAgent::setTimeoutMs(int ms)
{
    m_http->setTimeoutMs(ms);
}

void HeadlessAuthorizationAgent::authorize(const QUrl &authorizeUrl, const QUrl &, Done done)
{
    ++m_count;
    const QString where = http::displayUrl(authorizeUrl);
    m_http->get(
        authorizeUrl,
        [authorizeUrl, where, done](const OAuthHttp::Response &r) {
            if (r.status == 0) {
                McpError e = r.error;
                e.message = QStringLiteral("OAuth authorization: %1").arg(r.error.message);
                done({}, e);
                return;
            }
            if (r.status >= 300 && r.status < 400 && !r.location.isEmpty()) {
                done(authorizeUrl.resolved(QUrl::fromEncoded(r.location)), {});
                return;
            }
            QString detail;
            const QJsonObject json = r.json();
            if (json.contains(QStringLiteral("error")))
                detail = QStringLiteral(": %1").arg(
                    json.value(QStringLiteral("error")).toString().left(100));
            done({},
                 McpError::make(McpError::Kind::Http,
                                QStringLiteral("OAuth authorization: %1 answered HTTP %2%3 instead "
                                               "of redirecting back; it wants a person to sign "
                                               "in, which the headless client cannot do")
                                    .arg(where)
                                    .arg(r.status)
                                    .arg(detail),
                                r.status));
        },
        true);
}

void HeadlessAuthorizationAgent::cancel()
{
    m_http->abortAll();
}

} // namespace mcppm
