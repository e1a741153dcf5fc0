#pragma once

#include <QString>

namespace mcppm {

// For the programs that hold tokens (mcp-pool-monitor, mcp-poolctl,
// mcp-demo-worker): no core dump may carry a secret to disk.
class ProcessHardening final
{
public:
    // Core dumps off (RLIMIT_CORE 0, and on Linux not dumpable, which also
    // keeps other processes of the user from ptrace-reading the memory),
    // unless the environment variable MCPPM_ALLOW_CORE_DUMPS is "1" (for
    // debugging). Call first thing in main(). Returns what was done, for a
    // debug log; never fails the program.
    static QString disableCoreDumps();
    static bool coreDumpsAllowedByEnvironment();
};

} // namespace mcppm
