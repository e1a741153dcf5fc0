#include "keychainstore.h"

#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace mcppm::poolctl {

namespace {
const QString kService = QStringLiteral("mcp-pool-monitor"); // as ui/widgets/tokenstore.h

// Runs a job to its end (or 10 s); false with a message on failure.
bool finish(QKeychain::Job *job, QString *error)
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        *error = QStringLiteral("no keychain is available (no D-Bus session for the Secret "
                                "Service or KWallet)");
        return false;
    }
    QEventLoop loop;
    bool done = false;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&]() {
        done = true;
        loop.quit();
    });
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    job->start();
    if (!done)
        loop.exec();
    if (!done) {
        *error = QStringLiteral("the keychain did not answer within 10 s");
        return false;
    }
    switch (job->error()) {
    case QKeychain::NoError:
        return true;
    case QKeychain::EntryNotFound:
        *error = QStringLiteral("not in the keychain");
        return false;
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        *error = QStringLiteral("no keychain is available (Secret Service or KWallet)");
        return false;
    default:
        *error = QStringLiteral("keychain: %1").arg(job->errorString());
        return false;
    }
}
} // namespace

bool KeychainStore::read(const QString &key, QString *value, QString *error)
{
    QKeychain::ReadPasswordJob job(kService);
    job.setAutoDelete(false);
    job.setKey(key);
    if (!finish(&job, error))
        return false;
    *value = job.textData();
    return true;
}

bool KeychainStore::write(const QString &key, const QString &value, QString *error)
{
    QKeychain::WritePasswordJob job(kService);
    job.setAutoDelete(false);
    job.setKey(key);
    job.setTextData(value);
    return finish(&job, error);
}

bool KeychainStore::remove(const QString &key, QString *error)
{
    QKeychain::DeletePasswordJob job(kService);
    job.setAutoDelete(false);
    job.setKey(key);
    return finish(&job, error);
}

QString KeychainStore::oauthKey(const QString &profileName, const QString &serverId)
{
    return QStringLiteral("oauth:%1/%2")
        .arg(profileName.isEmpty() ? QStringLiteral("default") : profileName, serverId);
}

} // namespace mcppm::poolctl
