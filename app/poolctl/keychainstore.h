#pragma once

#include <QString>

namespace mcppm::poolctl {

// The OS keychain (QtKeychain: Secret Service, KWallet) for mcp-poolctl,
// synchronously, under the service the monitor uses, so both see the same
// OAuth tokens. Where no keychain answers, every call fails with a message
// saying so (nothing is ever written to a file instead).
class KeychainStore final
{
public:
    static bool read(const QString &key, QString *value, QString *error);
    static bool write(const QString &key, const QString &value, QString *error);
    static bool remove(const QString &key, QString *error);
    // "oauth:PROFILE/SERVER" (PROFILE "default" when the profile has no name):
    // where a server's OAuth token set is kept.
    static QString oauthKey(const QString &profileName, const QString &serverId);
};

} // namespace mcppm::poolctl
