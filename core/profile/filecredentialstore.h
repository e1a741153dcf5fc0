#pragma once

#include "profile/credentialstore.h"

namespace mcppm {

// "file:/ABSOLUTE/PATH": the file's content, read when asked, with the
// trailing line break and spaces removed (a mounted secret, e.g. a
// Kubernetes or Docker secret). At most kMaxBytes; an empty file is an
// error. Read-only here: write and remove answer ReadOnly.
class FileCredentialStore final : public CredentialStore
{
public:
    static constexpr qint64 kMaxBytes = 64 * 1024;

    void read(const QString &key, ReadDone done) override;
    void write(const QString &key, const QString &value, Done done) override;
    void remove(const QString &key, Done done) override;

    // The same, synchronously.
    static QString readNow(const QString &reference, CredentialError *error);
    // "file:" followed by an absolute path.
    static bool isReference(const QString &reference);
};

} // namespace mcppm
