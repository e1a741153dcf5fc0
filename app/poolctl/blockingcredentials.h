#pragma once

#include "profile/credentialresolver.h"
#include "profile/envcredentialstore.h"
#include "profile/filecredentialstore.h"
#include "profile/keychaincredentialstore.h"

#include <QHash>
#include <QString>
#include <QStringList>

namespace mcppm::poolctl {

// The core's credential stores (environment, OS keychain) for a command-line
// program that waits for the answer: every call returns within the keychain's
// timeout. Where no keychain answers, calls fail with a message saying so
// (nothing is ever written to a file instead).
class BlockingCredentials final
{
public:
    explicit BlockingCredentials(int keychainTimeoutMs = 10000);
    Q_DISABLE_COPY_MOVE(BlockingCredentials)

    // env: and keychain: references: the values read, and for each one that
    // could not be, "token reference REF: why".
    QHash<QString, QString> readAll(const QStringList &references, QHash<QString, QString> *errors);
    // The keychain entry `key` (e.g. an OAuth token set, "oauth:PROFILE/SERVER").
    bool read(const QString &key, QString *value, QString *error);
    bool write(const QString &key, const QString &value, QString *error);
    bool remove(const QString &key, QString *error);

private:
    void wait(const std::function<void(std::function<void()> finished)> &start);

    EnvCredentialStore m_env;
    FileCredentialStore m_file;
    KeychainCredentialStore m_keychain;
    CredentialResolver m_resolver;
};

} // namespace mcppm::poolctl
