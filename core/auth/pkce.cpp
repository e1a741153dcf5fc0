#include "auth/pkce.h"

#include <QCryptographicHash>
#include <QRandomGenerator>

namespace mcppm {

namespace {
constexpr auto kBase64Url = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;
}

QByteArray Pkce::randomToken()
{
    QByteArray bytes(32, Qt::Uninitialized);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(bytes.data()),
                                         reinterpret_cast<quint32 *>(bytes.data() + bytes.size()));
    return bytes.toBase64(kBase64Url);
}

QByteArray Pkce::challengeFor(const QByteArray &verifier)
{
    return QCryptographicHash::hash(verifier, QCryptographicHash::Sha256).toBase64(kBase64Url);
}

Pkce Pkce::generate()
{
    Pkce p;
    p.verifier = randomToken();
    p.challenge = challengeFor(p.verifier);
    return p;
}

} // namespace mcppm
