#pragma once

#include "profile/credentialstore.h"

#include <QHash>
#include <QStringList>

namespace mcppm {

// Reads a secret by its reference, from the store of the reference's scheme:
// "env:VARIABLE" from the environment, "keychain:NAME" from the OS keychain
// (or whatever store was set for a scheme, e.g. memory in tests). The one
// way the monitor and mcp-poolctl turn a profile's tokenRef and
// clientSecretRef into secrets.
class CredentialResolver final
{
public:
    using AllDone
        = std::function<void(const QHash<QString, QString> &values, const QStringList &errors)>;

    // The store (not owned; it must outlive the resolver's calls) for a scheme.
    void setStore(const QString &scheme, CredentialStore *store);
    CredentialStore *store(const QString &scheme) const { return m_stores.value(scheme); }

    void read(const QString &reference, CredentialStore::ReadDone done) const;
    // Every reference (duplicates and "" skipped): values of those read,
    // and one message per reference that could not be, e.g. "token reference
    // keychain:w1: no keychain is available (...)". Answers exactly once.
    void readAll(const QStringList &references, AllDone done) const;

    // "token reference REF: why" (what = "token reference" unless told).
    static QString describe(const QString &reference, const CredentialError &error,
                            const QString &what = QStringLiteral("token reference"));

private:
    QHash<QString, CredentialStore *> m_stores;
};

} // namespace mcppm
