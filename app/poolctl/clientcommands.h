#pragma once

#include "poolctloptions.h"

#include <QList>
#include <QTextStream>

#include <memory>

namespace mcppm {
class McpClient;
class McpReply;
} // namespace mcppm

namespace mcppm::poolctl {

class InputAnswerer;

// tools / ping against each server named with --server, one by one.
class ClientCommands final
{
public:
    ClientCommands(const PoolctlOptions &options, QTextStream &out, QTextStream &err);
    ~ClientCommands();
    Q_DISABLE_COPY_MOVE(ClientCommands)

    int run();

    // Waits (running the event loop) until the reply finished.
    static void await(McpReply *reply);

private:
    int tools();
    int ping();
    // Connects every server (in parallel); returns how many connected.
    int connectAll();

    PoolctlOptions m_options;
    QTextStream &m_out;
    QTextStream &m_err;
    QList<McpClient *> m_clients;
    std::unique_ptr<InputAnswerer> m_answerer;
};

} // namespace mcppm::poolctl
