#pragma once

#include "jsonrpc/mcperror.h"

#include <QUrl>

#include <functional>

namespace mcppm {

// Gets the user's consent: takes the authorization URL (RFC 6749 §4.1.1)
// to the authorization server, and hands back the URL the server redirected
// to (the redirect URI with code and state, or error). The OAuth client
// checks state and reads code itself. One authorization at a time.
class AuthorizationAgent
{
public:
    using Done = std::function<void(const QUrl &redirectedTo, const McpError &error)>;

    virtual ~AuthorizationAgent() = default;
    // The redirect URI this agent can receive (a loopback listener starts
    // listening here); used when OAuthSettings::redirectUri is empty.
    virtual QUrl redirectUri() = 0;
    // Calls done exactly once, unless cancel() comes first.
    virtual void authorize(const QUrl &authorizeUrl, const QUrl &redirectUri, Done done) = 0;
    // Gives up the running authorization; its done is not called.
    virtual void cancel() = 0;
};

} // namespace mcppm
