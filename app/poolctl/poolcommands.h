#pragma once

#include <functional>

#include "poolctloptions.h"

#include <QTextStream>

#include <memory>

class QEventLoop;
class QObject;

namespace mcppm {
class ServerPool;
}

namespace mcppm::poolctl {

class InputAnswerer;

// servers / stats / call / read / export-csv / bench / serve and the catalog
// commands: the --server list as one balanced pool.
class PoolCommands final
{
public:
    PoolCommands(const PoolctlOptions &options, QTextStream &out, QTextStream &err);
    ~PoolCommands();
    Q_DISABLE_COPY_MOVE(PoolCommands)

    int run();
    static bool isCatalogCommand(const QString &command);

private:
    // beforeServers runs once the pool exists, before any server is added
    // (what it declares, e.g. input the pool relays, reaches every server).
    bool buildPool(int concurrency, const std::function<void()> &beforeServers = {});
    int openPoolOnce(); // --on checked, pool built and reached: 0, or the exit code
    void waitForServers(int timeoutMs);
    int servers();
    int stats();
    int bench();
    int callOrRead();
    int exportCsv();
    int serve();
    int catalog(); // resources, templates, prompts, prompt, complete
    static void quitOnInterrupt(QEventLoop &loop, QObject *owner);
    bool writeCsv(const QString &path);
    bool anyInRotation() const;
    void shutDown();

    PoolctlOptions m_options;
    QTextStream &m_out;
    QTextStream &m_err;
    ServerPool *m_pool = nullptr;
    std::unique_ptr<InputAnswerer> m_answerer;
};

} // namespace mcppm::poolctl
