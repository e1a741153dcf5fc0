#pragma once

#include <QByteArray>

namespace mcppm {

// Proof Key for Code Exchange (RFC 7636), S256 only: a fresh random verifier
// of 43 unreserved characters (32 bytes from the system's CSPRNG, base64url)
// and its challenge BASE64URL(SHA256(verifier)), no padding.
struct Pkce
{
    QByteArray verifier;
    QByteArray challenge;
    static constexpr const char *method = "S256";

    static Pkce generate();
    static QByteArray challengeFor(const QByteArray &verifier);
    // 32 random bytes, base64url without padding: for state and jti values.
    static QByteArray randomToken();
};

} // namespace mcppm
