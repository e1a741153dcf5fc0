#pragma once

#include <QString>
#include <QUrl>

namespace mcppm {

// The redirect an authorization server sends the browser back with (RFC 6749
// §4.1.2), read from the URL the AuthorizationAgent caught: the code (or the
// error), the state, and the issuer (RFC 9207). Values are form-decoded once
// and otherwise kept exactly as sent.
struct AuthorizationResponse
{
    QString code; // secret
    QString state;
    QString error;
    QString errorDescription;
    QString iss;
    bool hasIss = false; // "iss" present (even empty)

    static AuthorizationResponse fromRedirect(const QUrl &to);

    // RFC 9207 §2.4, MCP 2026-07-28: the response's "iss" against the issuer
    // recorded from the authorization-server metadata, compared as plain
    // strings (no case folding, default-port, trailing-slash or
    // percent-encoding normalisation). When the metadata advertised
    // authorization_response_iss_parameter_supported, a missing "iss" is
    // refused; a present one is compared whether advertised or not. Without
    // a recorded issuer (no metadata: the 2025-03-26 default endpoints)
    // there is nothing to compare with and any "iss" is accepted.
    // Returns "" when acceptable, else why not (for an error message; the
    // values in it are cut to 200 characters).
    static QString checkIssuer(const AuthorizationResponse &response, const QString &recordedIssuer,
                               bool issRequired);
};

} // namespace mcppm
