#pragma once

#include <QList>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace mcppm::poolctl {

struct ServerSpec
{
    QString id;
    QUrl url;
    QString token; // from --token-env; never printed
};

// What the command line asked for.
struct PoolctlOptions
{
    QList<ServerSpec> servers;
    QString command;
    QStringList arguments; // positional arguments after the command
    QString argsJson = QStringLiteral("{}");
    bool json = false;
    int timeoutMs = 10000;
    QString on; // --on ID: the server to use for call/read
    QString transport = QStringLiteral("auto");
};

// Parses argv. On error returns false with a message for stderr.
// Exits for --help and --version are reported through *exitNow.
bool parseCommandLine(const QStringList &argv, PoolctlOptions *options, QString *error,
                      QString *help);

} // namespace mcppm::poolctl
