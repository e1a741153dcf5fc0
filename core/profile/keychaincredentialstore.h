#pragma once

#include "profile/credentialstore.h"

#include <QObject>

namespace mcppm {

// The OS keychain through QtKeychain (Secret Service or KWallet, over the
// D-Bus session), service "mcp-pool-monitor", the key being the whole
// reference ("keychain:NAME", "oauth:PROFILE/SERVER"): the entries the monitor
// and mcp-poolctl write are the same. Every call answers within timeoutMs:
// without a D-Bus session at once (Unavailable), a keychain that does not
// answer gives TimedOut. Nothing is ever written anywhere else.
class KeychainCredentialStore final
    : public QObject
    , public CredentialStore
{
    Q_OBJECT
public:
    explicit KeychainCredentialStore(QObject *parent = nullptr);
    ~KeychainCredentialStore() override;
    Q_DISABLE_COPY_MOVE(KeychainCredentialStore)

    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, const QString &value, Done done) override;
    void remove(const QString &key, Done done) override;

    void setTimeoutMs(int ms) { m_timeoutMs = ms; }
    int timeoutMs() const { return m_timeoutMs; }

    static QString service() { return QStringLiteral("mcp-pool-monitor"); }
    // Why no keychain can answer here (no D-Bus session), or "" if one may.
    static QString unavailableReason();

private:
    int m_timeoutMs = 10000;
};

} // namespace mcppm
