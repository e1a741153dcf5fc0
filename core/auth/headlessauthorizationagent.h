#pragma once

#include "auth/authorizationagent.h"

#include <QObject>

namespace mcppm {

class Http1Client;
class OAuthHttp;

// Authorization without a browser, for the conformance suite and tests: a
// plain GET of the authorization URL, whose answer must be a redirect (an
// authorization server that decides at once, as test servers do). The
// redirect is read from Location and never followed. A server that shows a
// login page (any non-3xx answer) fails the authorization.
class HeadlessAuthorizationAgent final
    : public QObject
    , public AuthorizationAgent
{
    Q_OBJECT
public:
    explicit HeadlessAuthorizationAgent(QObject *parent = nullptr);
    ~HeadlessAuthorizationAgent() override;
    Q_DISABLE_COPY_MOVE(HeadlessAuthorizationAgent)

    // Never contacted; it only has to be an absolute URL.
    void setRedirectUri(const QUrl &uri) { m_redirectUri = uri; }
    void setNetwork(Http1Client *network); // not owned
    void setTimeoutMs(int ms);
    int authorizationCount() const { return m_count; }

    QUrl redirectUri() override { return m_redirectUri; }
    void authorize(const QUrl &authorizeUrl, const QUrl &redirectUri, Done done) override;
    void cancel() override;

private:
    OAuthHttp *m_http;
    QUrl m_redirectUri{QStringLiteral("http://127.0.0.1:8976/callback")};
    int m_count = 0;
};

} // namespace mcppm
