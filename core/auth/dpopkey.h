#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>
#include <QUrl>

namespace mcppm {

// The key pair that DPoP-bound tokens are bound to (RFC 9449), ES256
// (ECDSA P-256): made once per client registration and kept with the
// tokens it binds (in the keychain, as PKCS#8 PEM), since a bound token is
// useless without it. Each proof is a fresh JWS: a new jti, the request's
// method and URI (no query, no fragment), iat, the hash of the access token
// when one is presented (ath), and the server's nonce when it gave one.
// The private half never leaves this class except through privateKeyPem()
// for the keychain; no error message carries it.
class DpopKey final
{
public:
    DpopKey() = default; // null: no key

    static DpopKey generate();
    // Null (with *error) when the PEM is not an unencrypted P-256 private key.
    static DpopKey fromPrivateKeyPem(const QByteArray &pem, QString *error);

    bool isNull() const { return m_pem.isEmpty(); }
    QByteArray privateKeyPem() const { return m_pem; } // secret
    // The public JWK {"crv","kty","x","y"} and its RFC 7638 SHA-256 thumbprint (base64url).
    QJsonObject publicJwk() const { return m_jwk; }
    QByteArray thumbprint() const;

    // A compact DPoP proof JWT; empty on failure (with *error).
    QByteArray proof(const QByteArray &method, const QUrl &url, const QString &accessToken,
                     const QByteArray &nonce, QString *error) const;
    // htu: scheme, host, port and path of the URL, without query and fragment.
    static QString htu(const QUrl &url);

private:
    QByteArray m_pem;
    QJsonObject m_jwk;
};

} // namespace mcppm
