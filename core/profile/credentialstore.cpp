#include "profile/credentialstore.h"

namespace mcppm {

CredentialStore::~CredentialStore() = default;

QString CredentialStore::oauthKey(const QString &profileName, const QString &serverId)
{
    return QStringLiteral("oauth:%1/%2")
        .arg(profileName.isEmpty() ? QStringLiteral("default") : profileName, serverId);
}

QString CredentialStore::schemeOf(const QString &reference)
{
    const qsizetype colon = reference.indexOf(QLatin1Char(':'));
    return colon > 0 ? reference.left(colon) : QString();
}

} // namespace mcppm
