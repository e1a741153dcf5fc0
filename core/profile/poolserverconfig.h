#pragma once

#include "pool/serverpool.h"
#include "profile/profile.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <QUrl>

#include <optional>

namespace mcppm {

// One server as ServerPool::addServer takes it. Made from a profile server
// (or an mcp-poolctl --server, which is parsed into a ProfileServer) by
// fromProfile(): the one place where profile settings become pool options,
// for the monitor (PoolHost) and mcp-poolctl alike.
struct PoolServerConfig
{
    QString id;
    QUrl url;
    QString token; // the bearer token, resolved; never printed
    ServerOptions options; // local servers: options.stdio holds the command
    int replicas = 1; // local servers: processes (pool workers) to run

    // The pool workers of this server: itself, or for a local server with
    // replicas N > 1, N copies with ids "ID#1" … "ID#N" (one process each).
    QList<PoolServerConfig> workers() const;

    // secrets: reference -> value, as a CredentialResolver read them
    // (secretReferences() says which to read). An "env:" reference not in
    // secrets is read from the environment here. A reference with no value
    // is an error naming it (never a value); with `warnings` given, a missing
    // keychain: token is only a warning there and the server is added
    // without one (the monitor: the user can still enter it).
    static std::optional<PoolServerConfig> fromProfile(const ProfileServer &server,
                                                       const QString &directory,
                                                       const QHash<QString, QString> &secrets,
                                                       QString *error,
                                                       QStringList *warnings = nullptr);
    // The references fromProfile() needs: tokenRef, the OAuth clientSecretRef
    // and a local command's envRefs.
    static QStringList secretReferences(const ProfileServer &server);
};

} // namespace mcppm
