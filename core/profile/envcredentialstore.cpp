#include "profile/envcredentialstore.h"

#include <QProcessEnvironment>

namespace mcppm {

QString EnvCredentialStore::readNow(const QString &reference, CredentialError *error)
{
    *error = CredentialError::none();
    if (!reference.startsWith(QLatin1String("env:")) || reference.size() <= 4) {
        *error = {CredentialError::Kind::BadReference, QStringLiteral("not env:VARIABLE")};
        return {};
    }
    const QString variable = reference.mid(4);
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    if (!env.contains(variable)) {
        *error = {CredentialError::Kind::NotFound,
                  QStringLiteral("the environment variable is not set")};
        return {};
    }
    return env.value(variable);
}

void EnvCredentialStore::read(const QString &key, ReadDone done)
{
    CredentialError error;
    const QString value = readNow(key, &error);
    done(value, error);
}

void EnvCredentialStore::write(const QString &, const QString &, Done done)
{
    done({CredentialError::Kind::ReadOnly,
          QStringLiteral("environment variables are read-only here")});
}

void EnvCredentialStore::remove(const QString &, Done done)
{
    done({CredentialError::Kind::ReadOnly,
          QStringLiteral("environment variables are read-only here")});
}

} // namespace mcppm
