#include "tokenstore.h"

#include <qt6keychain/keychain.h>

#include <QPointer>
#include <QTimer>

#include <memory>

namespace mcppm::ui {

TokenStore::TokenStore(QObject *parent)
    : QObject(parent)
{ }

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
    for (const QString &ref : references) {
        if (state->tokens.contains(ref))
            continue;
        if (!useKeychain) {
            state->missing << ref;
            continue;
        }
        ++state->pending;
        auto *job = new QKeychain::ReadPasswordJob(service(), this);
        job->setAutoDelete(true);
        job->setKey(ref);
        auto finished = std::make_shared<bool>(false);
        auto finish = [this, state, ref, finished](const QString &token, const QString &error,
                                                   bool backendProblem) {
            if (*finished)
                return;
            *finished = true;
            if (backendProblem)
                fallBack(error);
            if (token.isEmpty())
                state->missing << ref;
            else
                state->tokens.insert(ref, token);
            if (--state->pending == 0)
                state->done(state->tokens, state->missing);
        };
        connect(job, &QKeychain::Job::finished, this, [this, job, finish, ref]() {
            const bool backend = job->error() == QKeychain::NoBackendAvailable
                || job->error() == QKeychain::NotImplemented
                || job->error() == QKeychain::OtherError;
            const QString token = job->error() == QKeychain::NoError ? job->textData() : QString();
            if (!token.isEmpty())
                m_memory.insert(ref, token);
            finish(token, job->errorString(), backend);
        });
        QTimer::singleShot(m_timeoutMs, this,
                           [finish]() { finish({}, tr("the keychain did not answer"), true); });
        job->start();
    }
    if (state->pending == 0)
        state->done(state->tokens, state->missing);
}

void TokenStore::write(const QString &reference, const QString &token, WriteDone done)
{
    m_memory.insert(reference, token); // this run has it whatever the keychain says
    if (!m_keychainEnabled || m_memoryOnly) {
        done(false, tr("no keychain: kept in memory for this run only"));
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(service(), this);
    job->setAutoDelete(true);
    job->setKey(reference);
    job->setTextData(token);
    auto finished = std::make_shared<bool>(false);
    auto finish = [this, finished, done](bool ok, const QString &error) {
        if (*finished)
            return;
        *finished = true;
        if (!ok)
            fallBack(error);
        done(ok, error);
    };
    connect(job, &QKeychain::Job::finished, this,
            [job, finish]() { finish(job->error() == QKeychain::NoError, job->errorString()); });
    QTimer::singleShot(m_timeoutMs, this,
                       [finish]() { finish(false, tr("the keychain did not answer")); });
    job->start();
}

void TokenStore::remove(const QString &reference)
{
    m_memory.remove(reference);
    if (!m_keychainEnabled || m_memoryOnly)
        return;
    auto *job = new QKeychain::DeletePasswordJob(service(), this);
    job->setAutoDelete(true);
    job->setKey(reference);
    job->start();
}

} // namespace mcppm::ui
