#pragma once

#include "profile/keychaincredentialstore.h"
#include "profile/memorycredentialstore.h"

#include <QHash>
#include <QObject>
#include <QStringList>

#include <functional>

namespace mcppm::ui {

// Where the monitor keeps server tokens: the OS keychain (the core's
// KeychainCredentialStore, service "mcp-pool-monitor"), one entry per
// "keychain:NAME" reference, the same entries mcp-poolctl reads. When no
// keychain answers (none installed, no session bus, or no answer within a few
// seconds), tokens live in memory only for this run and memoryOnly() says so;
// they are never written anywhere else.
class TokenStore final : public QObject
{
    Q_OBJECT
public:
    using ReadDone
        = std::function<void(const QHash<QString, QString> &tokens, const QStringList &missing)>;
    using WriteDone = std::function<void(bool inKeychain, const QString &error)>;

    explicit TokenStore(QObject *parent = nullptr);

    void read(const QStringList &references, ReadDone done);
    void write(const QString &reference, const QString &token, WriteDone done);
    void remove(const QString &reference);
    bool memoryOnly() const { return m_memoryOnly; }
    void setKeychainEnabled(bool enabled) { m_keychainEnabled = enabled; } // tests

    static QString service() { return KeychainCredentialStore::service(); }

Q_SIGNALS:
    // The keychain could not be used; tokens stay in memory for this run.
    void fellBackToMemory(const QString &why);

private:
    void fallBack(const QString &why);

    // A thin adapter: the core's credential stores do the work.
    MemoryCredentialStore m_memory;
    KeychainCredentialStore *m_keychain = nullptr;
    bool m_memoryOnly = false;
    bool m_keychainEnabled = true;
};

} // namespace mcppm::ui
