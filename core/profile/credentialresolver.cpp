#include "profile/credentialresolver.h"

#include <QSet>

#include <memory>

namespace mcppm {

void CredentialResolver::setStore(const QString &scheme, CredentialStore *store)
{
    if (store)
        m_stores.insert(scheme, store);
    else
        m_stores.remove(scheme);
}

void CredentialResolver::read(const QString &reference, CredentialStore::ReadDone done) const
{
    const QString scheme = CredentialStore::schemeOf(reference);
    CredentialStore *store = m_stores.value(scheme);
    if (scheme.isEmpty() || reference.size() <= scheme.size() + 1 || !store) {
        done({},
             {CredentialError::Kind::BadReference,
              scheme == QLatin1String("keychain")
                  ? QStringLiteral("no keychain is available here")
                  : QStringLiteral("only env:VARIABLE or keychain:NAME")});
        return;
    }
    store->read(reference, std::move(done));
}

void CredentialResolver::readAll(const QStringList &references, AllDone done) const
{
    struct State
    {
        QHash<QString, QString> values;
        QStringList errors;
        int pending = 1; // released after the loop: answers once, after every start
        AllDone done;
    };
    auto state = std::make_shared<State>();
    state->done = std::move(done);
    auto release = [state]() {
        if (--state->pending == 0)
            state->done(state->values, state->errors);
    };
    QSet<QString> seen;
    for (const QString &reference : references) {
        if (reference.isEmpty() || seen.contains(reference))
            continue;
        seen.insert(reference);
        ++state->pending;
        read(reference,
             [state, reference, release](const QString &value, const CredentialError &error) {
                 if (error.isError())
                     state->errors << describe(reference, error);
                 else
                     state->values.insert(reference, value);
                 release();
             });
    }
    release();
}

QString CredentialResolver::describe(const QString &reference, const CredentialError &error,
                                     const QString &what)
{
    return QStringLiteral("%1 %2: %3").arg(what, reference, error.message);
}

} // namespace mcppm
