#pragma once

#include "poolctloptions.h"

#include <QTextStream>

namespace mcppm {
class McpClient;
class ServerPool;
} // namespace mcppm

namespace mcppm::poolctl {

// resources / templates / prompts / prompt / complete against a connected
// pool: the lists ask every server that offers them (or --on ID); prompt and
// complete ask --on ID, else the first server with the capability.
class CatalogCommands final
{
public:
    CatalogCommands(const PoolctlOptions &options, ServerPool *pool, QTextStream &out,
                    QTextStream &err);
    Q_DISABLE_COPY_MOVE(CatalogCommands)

    // Usage errors (exit 2) found before any server is asked.
    static bool checkUsage(const PoolctlOptions &options, QString *error);
    int run();

private:
    int list();
    int prompt();
    int complete();
    // --on ID or the servers in rotation, in pool order.
    QList<McpClient *> candidates() const;
    // The first candidate offering `capability` that lists the prompt (or
    // resource/template) asked for, else the first offering `capability`;
    // null (with a message) if none.
    McpClient *pick(const QString &capability);
    bool lists(McpClient *client) const;

    const PoolctlOptions &m_options;
    ServerPool *m_pool;
    QTextStream &m_out;
    QTextStream &m_err;
};

} // namespace mcppm::poolctl
