#pragma once

#include "host/httplistener.h"

#include <QByteArray>
#include <QHostAddress>
#include <QStringList>

#include <optional>

namespace mcppm {

// Who may use the pool's MCP endpoint, checked before a request is read:
// - Host (DNS rebinding): without a bearer token only loopback names and
//   addresses (localhost, 127.0.0.1, [::1]) or allowedHosts; with a token any
//   Host unless allowedHosts narrows it.
// - Origin (browsers): absent, a loopback origin, or one of allowedOrigins ("*" = any).
// - Authorization: "Bearer <token>" when a token is set (compared in constant time).
// The token is never part of a refusal's text.
class EndpointGuard final
{
public:
    struct Options
    {
        QByteArray bearerToken; // empty: none required (loopback binds only)
        QStringList allowedHosts; // host names or addresses, with or without :port
        QStringList allowedOrigins; // e.g. "https://console.example.com"
    };

    explicit EndpointGuard(Options options = {});

    // The refusal to send, or nothing when the request may go on.
    std::optional<HttpResponse> check(const HttpRequest &request) const;

    bool requiresToken() const { return !m_options.bearerToken.isEmpty(); }
    // A loopback address (127.0.0.0/8, ::1) or the names that resolve there.
    static bool isLoopbackHost(const QString &host);
    // Binding there without a token would expose the pool: refused by McpEndpoint.
    static bool isLoopbackBind(const QHostAddress &address);
    static bool equalSecret(const QByteArray &a, const QByteArray &b);

private:
    bool hostAllowed(const QByteArray &host) const;
    bool originAllowed(const QByteArray &origin) const;

    Options m_options;
};

} // namespace mcppm
