#pragma once

#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QString>
#include <QStringList>

#include <optional>

namespace mcppm {

// A server run as local processes speaking MCP over stdio: the "command"
// side of a profile server entry (instead of "url"):
//   "command": "node", "args": ["server.js"], "cwd": "/srv/x",
//   "env": {"LOG_LEVEL": "info"},                     plain values, stored as given
//   "envRefs": {"API_KEY": "keychain:x-api-key"},    secrets, by reference only
//   "replicas": 3                                      processes = pool workers
// The child gets exactly the configured environment on top of a minimal
// inherited one (what the process layer documents); secrets are resolved
// through the credential store and never printed.
struct LocalCommand
{
    static constexpr int kMaxReplicas = 64;

    QString program; // "command"; empty = not a local server
    QStringList args;
    QList<QPair<QString, QString>> env; // name → value (sorted by name, as JSON objects are)
    QList<QPair<QString, QString>> envRefs; // name → "env:VAR" / "keychain:NAME"
    QString cwd; // relative paths start at the profile's directory
    int replicas = 1;
    // Supervision: more restarts than this within a minute and the worker is
    // given up; the delay before a restart after a crash doubles from
    // restartDelayMs up to restartMaxDelayMs.
    int maxRestartsPerMinute = 5;
    int restartDelayMs = 500;
    int restartMaxDelayMs = 30000;

    bool isSet() const { return !program.isEmpty(); }
    bool operator==(const LocalCommand &other) const = default;

    // Reads the command keys of a server entry `o` (absent "command": an
    // unset LocalCommand). A clear error naming the key otherwise.
    static std::optional<LocalCommand> fromJson(const QJsonObject &o, const QString &where,
                                                QString *error);
    // Writes the command keys into a server entry.
    void writeTo(QJsonObject *entry) const;
    // The keys fromJson() reads.
    static const QStringList &keys();
};

} // namespace mcppm
