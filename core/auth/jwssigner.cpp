#include "auth/jwssigner.h"

#include "auth/opensslhandles.h"

#include <QJsonDocument>

#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/ec.h>
#include <openssl/ecdsa.h>
#include <openssl/evp.h>
#include <openssl/pem.h>

namespace mcppm {

QByteArray JwsSigner::base64Url(const QByteArray &data)
{
    return data.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

bool JwsSigner::supports(const QString &algorithm)
{
    return algorithm == QLatin1String("ES256") || algorithm == QLatin1String("RS256");
}

QByteArray JwsSigner::sign(QJsonObject header, const QJsonObject &claims,
                           const QByteArray &privateKeyPem, const QString &algorithm,
                           QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return QByteArray();
    };
    if (!supports(algorithm))
        return fail(QStringLiteral("signing algorithm \"%1\" is not supported (ES256, RS256)")
                        .arg(algorithm.left(20)));
    BioPtr bio(BIO_new_mem_buf(privateKeyPem.constData(), int(privateKeyPem.size())));
    if (!bio)
        return fail(QStringLiteral("out of memory"));
    PKeyPtr key(PEM_read_bio_PrivateKey(bio.get(), nullptr, refusePassphrase, nullptr));
    if (!key)
        return fail(QStringLiteral("the private key is not an unencrypted PEM private key"));
    const bool ec = algorithm == QLatin1String("ES256");
    const int type = EVP_PKEY_get_base_id(key.get());
    if (ec && (type != EVP_PKEY_EC || EVP_PKEY_get_bits(key.get()) != 256))
        return fail(QStringLiteral("ES256 needs a P-256 EC private key"));
    if (!ec && (type != EVP_PKEY_RSA || EVP_PKEY_get_bits(key.get()) < 2048))
        return fail(QStringLiteral("RS256 needs an RSA private key of 2048 bits or more"));

    header.insert(QStringLiteral("alg"), algorithm);
    const QByteArray input = base64Url(QJsonDocument(header).toJson(QJsonDocument::Compact)) + '.'
        + base64Url(QJsonDocument(claims).toJson(QJsonDocument::Compact));

    MdCtxPtr ctx(EVP_MD_CTX_new());
    size_t length = 0;
    if (!ctx || EVP_DigestSignInit(ctx.get(), nullptr, EVP_sha256(), nullptr, key.get()) != 1
        || EVP_DigestSign(ctx.get(), nullptr, &length,
                          reinterpret_cast<const unsigned char *>(input.constData()),
                          size_t(input.size()))
            != 1)
        return fail(QStringLiteral("signing failed"));
    QByteArray signature(qsizetype(length), Qt::Uninitialized);
    if (EVP_DigestSign(ctx.get(), reinterpret_cast<unsigned char *>(signature.data()), &length,
                       reinterpret_cast<const unsigned char *>(input.constData()),
                       size_t(input.size()))
        != 1)
        return fail(QStringLiteral("signing failed"));
    signature.truncate(qsizetype(length));
    if (ec) {
        // OpenSSL gives DER (SEQUENCE of two INTEGERs); JOSE wants r and s, 32 bytes each.
        const unsigned char *p = reinterpret_cast<const unsigned char *>(signature.constData());
        EcdsaSigPtr sig(d2i_ECDSA_SIG(nullptr, &p, long(signature.size())));
        if (!sig)
            return fail(QStringLiteral("signing failed (no ECDSA signature)"));
        const BIGNUM *r = nullptr;
        const BIGNUM *s = nullptr;
        ECDSA_SIG_get0(sig.get(), &r, &s);
        QByteArray raw(64, '\0');
        if (BN_bn2binpad(r, reinterpret_cast<unsigned char *>(raw.data()), 32) != 32
            || BN_bn2binpad(s, reinterpret_cast<unsigned char *>(raw.data()) + 32, 32) != 32)
            return fail(QStringLiteral("signing failed (bad ECDSA signature size)"));
        signature = raw;
    }
    return input + '.' + base64Url(signature);
}

} // namespace mcppm
