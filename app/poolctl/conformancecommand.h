#pragma once

#include <QStringList>
#include <QTextStream>

namespace mcppm::poolctl {

// `mcp-poolctl conformance URL`: the client side of the MCP conformance
// suite. The scenario comes from MCP_CONFORMANCE_SCENARIO; the suite appends
// the server URL as the last argument. Exits 0 when the scenario's client
// part ran to completion.
int runConformanceCommand(const QStringList &arguments, int timeoutMs, QTextStream &out,
                          QTextStream &err);

} // namespace mcppm::poolctl
