#include "profile/memorycredentialstore.h"

namespace mcppm {

void MemoryCredentialStore::read(const QString &key, ReadDone done)
{
    const auto it = m_values.constFind(key);
    if (it == m_values.cend()) {
        done({}, {CredentialError::Kind::NotFound, QStringLiteral("not stored (memory)")});
        return;
    }
    done(*it, CredentialError::none());
}

void MemoryCredentialStore::write(const QString &key, const QString &value, Done done)
{
    m_values.insert(key, value);
    done(CredentialError::none());
}

void MemoryCredentialStore::remove(const QString &key, Done done)
{
    m_values.remove(key);
    done(CredentialError::none());
}

} // namespace mcppm
