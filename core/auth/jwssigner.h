#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace mcppm {

// Compact JSON Web Signatures (RFC 7515) for client assertions
// (private_key_jwt, RFC 7523): ES256 (ECDSA P-256 + SHA-256, the signature
// as JOSE wants it: raw r‖s, 64 bytes, not DER) and RS256. Uses OpenSSL's
// libcrypto; Qt has no signing API.
class JwsSigner final
{
public:
    // header gets "alg" set to algorithm. Empty on failure, with a message
    // in *error that names the problem, never the key.
    static QByteArray sign(QJsonObject header, const QJsonObject &claims,
                           const QByteArray &privateKeyPem, const QString &algorithm,
                           QString *error);
    static bool supports(const QString &algorithm);
    static QByteArray base64Url(const QByteArray &data);
};

} // namespace mcppm
