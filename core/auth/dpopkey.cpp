#include "auth/dpopkey.h"

#include "auth/jwssigner.h"
#include "auth/opensslhandles.h"
#include "auth/pkce.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QJsonDocument>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace mcppm {

namespace {

// The public coordinates as a JWK; empty when the key is not P-256.
QJsonObject jwkOf(EVP_PKEY *key)
{
    if (EVP_PKEY_get_base_id(key) != EVP_PKEY_EC || EVP_PKEY_get_bits(key) != 256)
        return {};
    BIGNUM *x = nullptr;
    BIGNUM *y = nullptr;
    if (EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_X, &x) != 1
        || EVP_PKEY_get_bn_param(key, OSSL_PKEY_PARAM_EC_PUB_Y, &y) != 1) {
        BN_free(x);
        return {};
    }
    BigNumPtr xs(x);
    BigNumPtr ys(y);
    QByteArray xb(32, '\0');
    QByteArray yb(32, '\0');
    if (BN_bn2binpad(x, reinterpret_cast<unsigned char *>(xb.data()), 32) != 32
        || BN_bn2binpad(y, reinterpret_cast<unsigned char *>(yb.data()), 32) != 32)
        return {};
    return QJsonObject{{QStringLiteral("crv"), QStringLiteral("P-256")},
                       {QStringLiteral("kty"), QStringLiteral("EC")},
                       {QStringLiteral("x"), QString::fromLatin1(JwsSigner::base64Url(xb))},
                       {QStringLiteral("y"), QString::fromLatin1(JwsSigner::base64Url(yb))}};
}
} // namespace

DpopKey DpopKey::generate()
{
    PKeyPtr key(EVP_EC_gen("P-256"));
    if (!key)
        return {};
    BioPtr bio(BIO_new(BIO_s_mem()));
    if (!bio
        || PEM_write_bio_PrivateKey(bio.get(), key.get(), nullptr, nullptr, 0, nullptr, nullptr)
            != 1)
        return {};
    char *data = nullptr;
    const long n = BIO_get_mem_data(bio.get(), &data);
    DpopKey k;
    k.m_jwk = jwkOf(key.get());
    if (k.m_jwk.isEmpty())
        return {};
    k.m_pem = QByteArray(data, n);
    return k;
}

DpopKey DpopKey::fromPrivateKeyPem(const QByteArray &pem, QString *error)
{
    BioPtr bio(BIO_new_mem_buf(pem.constData(), int(pem.size())));
    PKeyPtr key(bio ? PEM_read_bio_PrivateKey(bio.get(), nullptr, refusePassphrase, nullptr)
                    : nullptr);
    const QJsonObject jwk = key ? jwkOf(key.get()) : QJsonObject();
    if (jwk.isEmpty()) {
        if (error)
            *error = QStringLiteral("the DPoP key is not an unencrypted P-256 private key");
        return {};
    }
    DpopKey k;
    k.m_pem = pem;
    k.m_jwk = jwk;
    return k;
}

QByteArray DpopKey::thumbprint() const
{
    if (isNull())
        return {};
    // RFC 7638 §3.2: the required members in lexicographic order, no whitespace.
    const QByteArray canonical = "{\"crv\":\"P-256\",\"kty\":\"EC\",\"x\":\""
        + m_jwk.value(QStringLiteral("x")).toString().toLatin1() + "\",\"y\":\""
        + m_jwk.value(QStringLiteral("y")).toString().toLatin1() + "\"}";
    return JwsSigner::base64Url(QCryptographicHash::hash(canonical, QCryptographicHash::Sha256));
}

QString DpopKey::htu(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveQuery | QUrl::RemoveFragment | QUrl::RemoveUserInfo)
        .toString(QUrl::FullyEncoded);
}

QByteArray DpopKey::proof(const QByteArray &method, const QUrl &url, const QString &accessToken,
                          const QByteArray &nonce, QString *error) const
{
    if (isNull()) {
        if (error)
            *error = QStringLiteral("no DPoP key");
        return {};
    }
    QJsonObject claims{
        {QStringLiteral("jti"), QString::fromLatin1(Pkce::randomToken())},
        {QStringLiteral("htm"), QString::fromLatin1(method)},
        {QStringLiteral("htu"), htu(url)},
        {QStringLiteral("iat"), QDateTime::currentSecsSinceEpoch()},
    };
    if (!accessToken.isEmpty())
        claims.insert(QStringLiteral("ath"),
                      QString::fromLatin1(JwsSigner::base64Url(QCryptographicHash::hash(
                          accessToken.toLatin1(), QCryptographicHash::Sha256))));
    if (!nonce.isEmpty())
        claims.insert(QStringLiteral("nonce"), QString::fromLatin1(nonce));
    const QJsonObject header{{QStringLiteral("typ"), QStringLiteral("dpop+jwt")},
                             {QStringLiteral("jwk"), m_jwk}};
    return JwsSigner::sign(header, claims, m_pem, QStringLiteral("ES256"), error);
}

} // namespace mcppm
