// mcp-poolctl: the MCP Pool Monitor core on the command line.

#include "blockingcredentials.h"
#include "clientcommands.h"
#include "conformancecommand.h"
#include "logincommand.h"
#include "poolcommands.h"
#include "poolctloptions.h"
#include "safeoutputdevice.h"
#include "validatecommand.h"

#include "net/processhardening.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace mcppm::poolctl;

int main(int argc, char *argv[])
{
    mcppm::ProcessHardening::disableCoreDumps(); // tokens in memory: no core dumps
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mcp-poolctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MCPPM_VERSION));
    // Everything printed passes SafeText: no server string drives the terminal.
    SafeOutputDevice stdoutDevice(stdout);
    SafeOutputDevice stderrDevice(stderr);
    stdoutDevice.open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    stderrDevice.open(QIODevice::WriteOnly | QIODevice::Unbuffered);
    QTextStream out(&stdoutDevice);
    QTextStream err(&stderrDevice);

    PoolctlOptions options;
    QString error;
    QString help;
    QStringList arguments = QCoreApplication::arguments();
    ConformanceOptions conformance;
    if (arguments.contains(QLatin1String("conformance"))
        && !takeConformanceOptions(&arguments, &conformance, &error)) {
        err << "mcp-poolctl: " << error << "\n";
        return 2;
    }
    if (!parseCommandLine(arguments, &options, &error, &help)) {
        if (!help.isEmpty() && options.command.isEmpty())
            err << help << "\n";
        err << "mcp-poolctl: " << error << "\n";
        return 2;
    }
    if (!help.isEmpty()) {
        out << help;
        return 0;
    }
    for (const QString &warning : std::as_const(options.profileWarnings))
        err << "mcp-poolctl: " << options.profilePath << ": " << warning << "\n";
    if (options.command == QLatin1String("validate")) {
        QStringList args = options.arguments;
        if (options.json)
            args << QStringLiteral("--json");
        return runValidateCommand(args, out, err);
    }
    if (options.command == QLatin1String("conformance"))
        return runConformanceCommand(options.arguments, options.timeoutMs, conformance, out, err);
    // Tokens and OAuth client secrets: env: from the environment, keychain:
    // from the OS keychain (a clear error, within 10 s, when none answers).
    BlockingCredentials credentials;
    if (!resolveServers(&options, credentials, &error)) {
        for (const QString &line : error.split(QLatin1Char('\n')))
            err << "mcp-poolctl: " << line << "\n";
        return 2;
    }
    if (options.command == QLatin1String("login") || options.command == QLatin1String("logout"))
        return runLoginCommand(options, options.command == QLatin1String("logout"), credentials,
                               out, err);
    if (options.command == QLatin1String("servers") || options.command == QLatin1String("stats")
        || options.command == QLatin1String("bench") || options.command == QLatin1String("call")
        || options.command == QLatin1String("read")
        || options.command == QLatin1String("export-csv")
        || options.command == QLatin1String("serve")
        || PoolCommands::isCatalogCommand(options.command)) {
        PoolCommands pool(options, out, err);
        return pool.run();
    }
    ClientCommands commands(options, out, err);
    return commands.run();
}
