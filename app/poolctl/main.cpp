// mcp-poolctl: the MCP Pool Monitor core on the command line.

#include "clientcommands.h"
#include "conformancecommand.h"
#include "logincommand.h"
#include "poolcommands.h"
#include "poolctloptions.h"
#include "validatecommand.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

using namespace mcppm::poolctl;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("mcp-poolctl"));
    QCoreApplication::setApplicationVersion(QStringLiteral(MCPPM_VERSION));
    QTextStream out(stdout);
    QTextStream err(stderr);

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
    if (options.command == QLatin1String("validate")) {
        QStringList args = options.arguments;
        if (options.json)
            args << QStringLiteral("--json");
        return runValidateCommand(args, out, err);
    }
    if (options.command == QLatin1String("login") || options.command == QLatin1String("logout"))
        return runLoginCommand(options, options.command == QLatin1String("logout"), out, err);
    if (options.command == QLatin1String("conformance"))
        return runConformanceCommand(options.arguments, options.timeoutMs, conformance, out, err);
    if (options.command == QLatin1String("servers") || options.command == QLatin1String("stats")
        || options.command == QLatin1String("bench") || options.command == QLatin1String("call")
        || options.command == QLatin1String("read")
        || options.command == QLatin1String("export-csv")
        || options.command == QLatin1String("serve")) {
        PoolCommands pool(options, out, err);
        return pool.run();
    }
    ClientCommands commands(options, out, err);
    return commands.run();
}
