#pragma once

#include "profile/credentialstore.h"

namespace mcppm {

// "env:VARIABLE": the variable's value, read when asked. Read-only: write and
// remove answer ReadOnly.
class EnvCredentialStore final : public CredentialStore
{
public:
    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, const QString &value, Done done) override;
    void remove(const QString &key, Done done) override;

    // The same, synchronously (the environment always answers at once).
    static QString readNow(const QString &reference, CredentialError *error);
};

} // namespace mcppm
