#pragma once

#include "profile/credentialstore.h"

#include <QHash>

namespace mcppm {

// Secrets in this process's memory only: for tests, and for a run where no
// keychain answers. Nothing is ever written anywhere.
class MemoryCredentialStore final : public CredentialStore
{
public:
    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, const QString &value, Done done) override;
    void remove(const QString &key, Done done) override;

    bool contains(const QString &key) const { return m_values.contains(key); }
    QString value(const QString &key) const { return m_values.value(key); }

private:
    QHash<QString, QString> m_values;
};

} // namespace mcppm
