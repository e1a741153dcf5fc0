#include "tokenstore.h"

#include <memory>

namespace mcppm::ui {

namespace {
// The keychain could not be used at all (as opposed to: no such entry).
bool isBackendProblem(const CredentialError &error)
{
    return error.kind == CredentialError::Kind::Unavailable
        || error.kind == CredentialError::Kind::TimedOut
        || error.kind == CredentialError::Kind::Failed;
}
} // namespace

TokenStore::TokenStore(QObject *parent)
    : QObject(parent)
    , m_keychain(new KeychainCredentialStore(this))
{
    m_keychain->setTimeoutMs(4000);
}

void TokenStore::fallBack(const QString &why)
{
    if (m_memoryOnly)
        return;
    m_memoryOnly = true;
    Q_EMIT fellBackToMemory(why);
}

void TokenStore::read(const QStringList &references, ReadDone done)
{
    struct State
    {
        QHash<QString, QString> tokens;
        QStringList missing;
        int pending = 0;
        ReadDone done;
    };
    auto state = std::make_shared<State>();
    state->done = std::move(done);
    for (const QString &ref : references) {
        if (m_memory.contains(ref))
            state->tokens.insert(ref, m_memory.value(ref));
    }
    const bool useKeychain = m_keychainEnabled && !m_memoryOnly;
    QStringList toRead;
    for (const QString &ref : references) {
        if (state->tokens.contains(ref) || toRead.contains(ref))
            continue;
        if (!useKeychain)
            state->missing << ref;
        else
            toRead << ref;
    }
    state->pending = int(toRead.size()) + 1; // released below: answers once, after every start
    auto release = [state]() {
        if (--state->pending == 0)
            state->done(state->tokens, state->missing);
    };
    for (const QString &ref : std::as_const(toRead)) {
        m_keychain->read(
            ref, [this, state, ref, release](const QString &token, const CredentialError &error) {
                if (isBackendProblem(error))
                    fallBack(error.message);
                if (token.isEmpty()) {
                    state->missing << ref;
                } else {
                    state->tokens.insert(ref, token);
                    m_memory.write(ref, token, [](const CredentialError &) {});
                }
                release();
            });
    }
    release();
}

void TokenStore::write(const QString &reference, const QString &token, WriteDone done)
{
    // This run has it whatever the keychain says.
    m_memory.write(reference, token, [](const CredentialError &) {});
    if (!m_keychainEnabled || m_memoryOnly) {
        done(false, tr("no keychain: kept in memory for this run only"));
        return;
    }
    m_keychain->write(reference, token, [this, done](const CredentialError &error) {
        if (error.isError())
            fallBack(error.message);
        done(!error.isError(), error.message);
    });
}

void TokenStore::remove(const QString &reference)
{
    m_memory.remove(reference, [](const CredentialError &) {});
    if (!m_keychainEnabled || m_memoryOnly)
        return;
    m_keychain->remove(reference, [](const CredentialError &) {});
}

} // namespace mcppm::ui
