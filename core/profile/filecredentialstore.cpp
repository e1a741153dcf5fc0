#include "profile/filecredentialstore.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace mcppm {

bool FileCredentialStore::isReference(const QString &reference)
{
    return reference.startsWith(QLatin1String("file:")) && QDir::isAbsolutePath(reference.mid(5));
}

QString FileCredentialStore::readNow(const QString &reference, CredentialError *error)
{
    *error = CredentialError::none();
    if (!isReference(reference)) {
        *error = {CredentialError::Kind::BadReference,
                  QStringLiteral("not file: followed by an absolute path")};
        return {};
    }
    const QString path = reference.mid(5);
    const QFileInfo info(path);
    if (!info.exists()) {
        *error = {CredentialError::Kind::NotFound, QStringLiteral("the file does not exist")};
        return {};
    }
    if (!info.isFile()) {
        *error = {CredentialError::Kind::Failed, QStringLiteral("not a regular file")};
        return {};
    }
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = {CredentialError::Kind::Failed,
                  QStringLiteral("cannot be read (%1)").arg(file.errorString())};
        return {};
    }
    const QByteArray bytes = file.read(kMaxBytes + 1);
    if (bytes.size() > kMaxBytes) {
        *error = {CredentialError::Kind::Failed,
                  QStringLiteral("larger than %1 KiB").arg(kMaxBytes / 1024)};
        return {};
    }
    const QString value = QString::fromUtf8(bytes).trimmed();
    if (value.isEmpty()) {
        *error = {CredentialError::Kind::NotFound, QStringLiteral("the file is empty")};
        return {};
    }
    return value;
}

void FileCredentialStore::read(const QString &key, ReadDone done)
{
    CredentialError error;
    const QString value = readNow(key, &error);
    done(value, error);
}

void FileCredentialStore::write(const QString &, const QString &, Done done)
{
    done({CredentialError::Kind::ReadOnly, QStringLiteral("secret files are read-only here")});
}

void FileCredentialStore::remove(const QString &, Done done)
{
    done({CredentialError::Kind::ReadOnly, QStringLiteral("secret files are read-only here")});
}

} // namespace mcppm
