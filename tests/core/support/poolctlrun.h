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

    static PoolctlRun run(const QStringList &args,
                          const QProcessEnvironment &env = QProcessEnvironment::systemEnvironment(),
                          int timeoutMs = 30000);
};
