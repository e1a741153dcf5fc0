#pragma once

#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

// One run of the mcp-poolctl under test (MCPPM_POOLCTL): its exit code
// (-2 when it crashed, -1 when it did not finish in time and was killed) and
// what it wrote.
struct PoolctlRun
{
    int exitCode = -1;
    QString out;
    QString err;

    struct Options
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        int timeoutMs = 30000;
        bool closeStdin = false; // an empty pipe: nothing is asked interactively
        // Wait with this process's event loop turning (for servers the test itself
        // serves), not blocked in waitForFinished.
        bool turnEventLoop = false;
    };

    static PoolctlRun run(const QStringList &args, const Options &options);
    static PoolctlRun run(const QStringList &args,
                          const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                          int timeoutMs = 30000);
};
