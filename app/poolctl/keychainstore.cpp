#include "keychainstore.h"

#include <QEventLoop>
#include <QTimer>

#include <qt6keychain/keychain.h>

namespace mcppm::poolctl {

namespace {
const QString kService = QStringLiteral("mcp-pool-monitor"); // as ui/widgets/tokenstore.h

// Runs a job (on the heap: it deletes itself, also when it answers after we
// stopped waiting) to its end or 10 s; false with a message on failure.
bool finish(QKeychain::Job *job, QString *error, QString *text = nullptr)
{
    if (qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS")) {
        delete job;
        *error = QStringLiteral("no keychain is available (no D-Bus session for the Secret "
                                "Service or KWallet)");
        return false;
    }
    job->setAutoDelete(true);
    QEventLoop loop;
    bool done = false;
    QKeychain::Error code = QKeychain::NoError;
    QString message;
    QObject::connect(job, &QKeychain::Job::finished, &loop, [&](QKeychain::Job *finished) {
        done = true;
        code = finished->error();
        message = finished->errorString();
        if (text)
            if (auto *read = qobject_cast<QKeychain::ReadPasswordJob *>(finished))
                *text = read->textData();
        loop.quit();
    });
    QTimer::singleShot(10000, &loop, &QEventLoop::quit);
    job->start();
    if (!done)
        loop.exec();
    if (!done) {
        *error = QStringLiteral("the keychain did not answer within 10 s (is it locked?)");
        return false;
    }
    switch (code) {
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
        *error = QStringLiteral("keychain: %1").arg(message);
        return false;
    }
}
} // namespace

bool KeychainStore::read(const QString &key, QString *value, QString *error)
{
    auto *job = new QKeychain::ReadPasswordJob(kService);
    job->setKey(key);
    return finish(job, error, value);
}

bool KeychainStore::write(const QString &key, const QString &value, QString *error)
{
    auto *job = new QKeychain::WritePasswordJob(kService);
    job->setKey(key);
    job->setTextData(value);
    return finish(job, error);
}

bool KeychainStore::remove(const QString &key, QString *error)
{
    auto *job = new QKeychain::DeletePasswordJob(kService);
    job->setKey(key);
    return finish(job, error);
}

QString KeychainStore::oauthKey(const QString &profileName, const QString &serverId)
{
    return QStringLiteral("oauth:%1/%2")
        .arg(profileName.isEmpty() ? QStringLiteral("default") : profileName, serverId);
}

} // namespace mcppm::poolctl
