#pragma once

#include "jsonrpc/mcperror.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QUrl>

#include <functional>
#include <utility>

namespace mcppm {

// What an HTTP transport asks when a server refuses a request for want of
// authorization (401, or 403 with error="insufficient_scope"): the OAuth
// client behind it signs in, refreshes or steps up, and answers with a new
// bearer token (the request is then sent again; the server did not act on
// it) or an error (the request fails with it). Implementations coalesce:
// many refused requests, one authorization.
class AuthHandler
{
public:
    using Done = std::function<void(const QString &token, const McpError &error)>;
    using Headers = QList<std::pair<QByteArray, QByteArray>>;

    virtual ~AuthHandler() = default;
    // The token to send now; empty = none yet.
    virtual QString currentToken() const = 0;
    // The headers that present it on one request (method, URL): by default
    // "Authorization: Bearer <token>"; a sender-constrained token (DPoP,
    // RFC 9449) has its own scheme and a fresh proof per request.
    virtual Headers authorizationHeaders(const QByteArray &method, const QUrl &url) const
    {
        Q_UNUSED(method)
        Q_UNUSED(url)
        const QString token = currentToken();
        if (token.isEmpty())
            return {};
        return {{QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8()}};
    }
    // A response (any status) carried DPoP-Nonce (RFC 9449 §9): proofs for
    // this server use it from now on.
    virtual void dpopNonceReceived(const QByteArray &nonce) { Q_UNUSED(nonce) }
    // status: 401 or 403; challenge: the WWW-Authenticate header (may be empty);
    // rejectedToken: the token that request carried (so a stale refusal after
    // a refresh is answered with the newer token at once).
    virtual void unauthorized(int status, const QByteArray &challenge, const QString &rejectedToken,
                              Done done)
        = 0;
};

} // namespace mcppm
