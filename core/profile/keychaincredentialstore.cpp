#include "profile/keychaincredentialstore.h"

#include <QFileInfo>
#include <QTimer>

#include <qt6keychain/keychain.h>

#include <memory>

namespace mcppm {

namespace {
CredentialError errorOf(const QKeychain::Job *job)
{
    switch (job->error()) {
    case QKeychain::NoError:
        return CredentialError::none();
    case QKeychain::EntryNotFound:
        return {CredentialError::Kind::NotFound, QStringLiteral("not in the keychain")};
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return {CredentialError::Kind::Unavailable,
                QStringLiteral("no keychain is available (no Secret Service or KWallet answers "
                               "on the D-Bus session)")};
    case QKeychain::AccessDeniedByUser:
    case QKeychain::AccessDenied:
        return {CredentialError::Kind::Failed,
                QStringLiteral("the keychain refused access (%1)").arg(job->errorString())};
    default:
        return {CredentialError::Kind::Failed,
                QStringLiteral("keychain error: %1").arg(job->errorString())};
    }
}

// Starts a job (it deletes itself, also if it answers after we gave up) and
// calls finish exactly once: with its answer, or TimedOut after timeoutMs.
void run(QObject *context, QKeychain::Job *job, int timeoutMs,
         std::function<void(QKeychain::Job *, const CredentialError &)> finish)
{
    job->setAutoDelete(true);
    auto answered = std::make_shared<bool>(false);
    QObject::connect(job, &QKeychain::Job::finished, context,
                     [answered, finish](QKeychain::Job *done) {
                         if (*answered)
                             return;
                         *answered = true;
                         finish(done, errorOf(done));
                     });
    QTimer::singleShot(timeoutMs, context, [answered, finish, timeoutMs]() {
        if (*answered)
            return;
        *answered = true;
        finish(nullptr,
               {CredentialError::Kind::TimedOut,
                QStringLiteral("the keychain did not answer within %1 s (is it locked?)")
                    .arg(timeoutMs / 1000.0, 0, 'g', 3)});
    });
    job->start();
}
} // namespace

KeychainCredentialStore::KeychainCredentialStore(QObject *parent)
    : QObject(parent)
{ }

KeychainCredentialStore::~KeychainCredentialStore() = default;

QString KeychainCredentialStore::unavailableReason()
{
    const QString address = qEnvironmentVariable("DBUS_SESSION_BUS_ADDRESS");
    if (address.isEmpty())
        return QStringLiteral("no keychain is available (no D-Bus session for the Secret "
                              "Service or KWallet)");
    // Only unix:path= sockets that are not there: no session bus to ask.
    bool anyReachable = false;
    for (const QString &entry : address.split(QLatin1Char(';'), Qt::SkipEmptyParts)) {
        if (!entry.startsWith(QLatin1String("unix:"))) {
            anyReachable = true;
            break;
        }
        QString path;
        for (const QString &pair : entry.mid(5).split(QLatin1Char(','))) {
            if (pair.startsWith(QLatin1String("path=")))
                path = pair.mid(5);
        }
        if (path.isEmpty() || QFileInfo::exists(path)) {
            anyReachable = true;
            break;
        }
    }
    if (!anyReachable)
        return QStringLiteral("no keychain is available (no D-Bus session at "
                              "DBUS_SESSION_BUS_ADDRESS for the Secret Service or KWallet)");
    return {};
}

void KeychainCredentialStore::read(const QString &key, ReadDone done)
{
    if (const QString why = unavailableReason(); !why.isEmpty()) {
        done({}, {CredentialError::Kind::Unavailable, why});
        return;
    }
    auto *job = new QKeychain::ReadPasswordJob(service(), this);
    job->setKey(key);
    run(this, job, m_timeoutMs, [done](QKeychain::Job *finished, const CredentialError &error) {
        const auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished);
        done(read && !error.isError() ? read->textData() : QString(), error);
    });
}

void KeychainCredentialStore::write(const QString &key, const QString &value, Done done)
{
    if (const QString why = unavailableReason(); !why.isEmpty()) {
        done({CredentialError::Kind::Unavailable, why});
        return;
    }
    auto *job = new QKeychain::WritePasswordJob(service(), this);
    job->setKey(key);
    job->setTextData(value);
    run(this, job, m_timeoutMs,
        [done](QKeychain::Job *, const CredentialError &error) { done(error); });
}

void KeychainCredentialStore::remove(const QString &key, Done done)
{
    if (const QString why = unavailableReason(); !why.isEmpty()) {
        done({CredentialError::Kind::Unavailable, why});
        return;
    }
    auto *job = new QKeychain::DeletePasswordJob(service(), this);
    job->setKey(key);
    run(this, job, m_timeoutMs,
        [done](QKeychain::Job *, const CredentialError &error) { done(error); });
}

} // namespace mcppm
