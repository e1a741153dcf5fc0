#pragma once

#include "profile/profile.h"

#include <QHash>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <optional>

namespace mcppm {

// The server lists other MCP clients keep, read as a Profile:
//   Claude Desktop's claude_desktop_config.json and Claude Code's .mcp.json:
//     {"mcpServers": {"name": {"command", "args", "env"} | {"type", "url", "headers"}}}
//     variables ${VAR} and ${VAR:-default}, as Claude Code expands them
//   VS Code's mcp.json:
//     {"servers": {"name": {"type", "command", "args", "env", "envFile", "url",
//                           "headers"}}, "inputs": [...]}
//     variables ${env:VAR}, ${input:ID}, ${workspaceFolder}, ${userHome}
// Names become server ids (characters SafeText::checkServerId refuses become
// "-", clashes get "-2", "-3", ...). Secrets are not copied into the profile:
//   - an env value that is exactly one variable becomes an envRefs
//     "env:VAR" (read when the process starts); literal values stay in "env"
//     (they were literal in the user's file); text around a variable is
//     expanded now, with a warning;
//   - "Authorization: Bearer ${VAR}" becomes tokenRef "env:VAR"; a literal
//     bearer token becomes tokenRef "keychain:<profile name>/<id>" and the
//     token is handed back in Result::secrets (memory only: the monitor puts
//     it in the keychain, mcp-poolctl keeps it for the run); any other
//     Authorization header and any other header holding a variable is left
//     out, with a warning;
//   - ${input:ID} (VS Code asks the user) cannot be answered here: in env or
//     headers that value is left out with a warning naming the input; in
//     command, args, cwd or url it is an error.
// Keys this version does not read are listed in warnings, never an error.
// Bad JSON and wrong shapes are errors naming the entry.
class McpServersFile final
{
public:
    enum class Format { McpServers, VsCode };
    // The variables ${VAR} / ${env:VAR} read (the process's, or a test's).
    using Environment = QProcessEnvironment;

    struct Result
    {
        Profile profile;
        Format format = Format::McpServers;
        QHash<QString, QString> secrets; // tokenRef "keychain:…" → bearer token from the file
        QStringList warnings;
    };

    // True for an object that is one of these files and not our profile (no "version").
    static bool recognises(const QJsonObject &object);
    // `path` is the file's (the profile's directory and name, ${workspaceFolder}).
    static std::optional<Result> fromJson(const QJsonObject &object, const QString &path,
                                          const Environment &environment, QString *error);
    static std::optional<Result> load(const QString &path, QString *error,
                                      const Environment &environment
                                      = Environment::systemEnvironment());
    // Whether the file at path is one of these (readable JSON that recognises() takes).
    static bool isMcpServersFile(const QString &path);

    // A server id made of a name: refused characters become "-", at most
    // SafeText::kMaxServerIdLength characters, "server" when nothing is left.
    static QString idFromName(const QString &name);
    // `id`, or `id-2`, `id-3`, ... : the first not in taken.
    static QString freeId(const QString &id, const QStringList &taken);
    // Servers to add to a profile that has `taken` ids: clashing ids get a
    // suffix (freeId); *renamed lists "old → new" for each one changed.
    static QList<ProfileServer> withFreeIds(QList<ProfileServer> servers, QStringList taken,
                                            QStringList *renamed);
    // File › Import: every server of `from` added to `into` (withFreeIds);
    // the rest of `into` stays. Returns the renames.
    static QStringList merge(Profile *into, const Profile &from);
};

} // namespace mcppm
