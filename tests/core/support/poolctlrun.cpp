#include "poolctlrun.h"

#include <QProcess>
#include <QTest>

PoolctlRun PoolctlRun::run(const QStringList &args, const Options &options)
{
    QProcess p;
    p.setProcessEnvironment(options.env);
    p.start(QStringLiteral(MCPPM_POOLCTL), args);
    if (options.closeStdin)
        p.closeWriteChannel();
    PoolctlRun r;
    const bool finished = options.turnEventLoop ? p.waitForStarted(10000)
            && QTest::qWaitFor([&p]() { return p.state() == QProcess::NotRunning; },
                               options.timeoutMs)
                                                : p.waitForFinished(options.timeoutMs);
    if (!finished) {
        p.kill();
        p.waitForFinished();
        r.err = QStringLiteral("mcp-poolctl did not finish");
        return r;
    }
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err = QString::fromUtf8(p.readAllStandardError());
    return r;
}

PoolctlRun PoolctlRun::run(const QStringList &args, const QProcessEnvironment &env, int timeoutMs)
{
    Options options;
    options.env = env;
    options.timeoutMs = timeoutMs;
    return run(args, options);
}
