#include "net/processhardening.h"

#include <QStringList>

#if defined(Q_OS_UNIX)
#include <sys/resource.h>
#endif
#if defined(Q_OS_LINUX)
#include <sys/prctl.h>
#endif

#if defined(__SANITIZE_ADDRESS__)
#define MCPPM_UNDER_ASAN
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define MCPPM_UNDER_ASAN
#endif
#endif

namespace mcppm {

bool ProcessHardening::coreDumpsAllowedByEnvironment()
{
    return qgetenv("MCPPM_ALLOW_CORE_DUMPS") == "1";
}

QString ProcessHardening::disableCoreDumps()
{
    if (coreDumpsAllowedByEnvironment())
        return QStringLiteral("core dumps left as they are (MCPPM_ALLOW_CORE_DUMPS=1)");
    QStringList done;
#if defined(Q_OS_UNIX)
    rlimit none{};
    none.rlim_cur = 0;
    none.rlim_max = 0;
    if (setrlimit(RLIMIT_CORE, &none) == 0)
        done << QStringLiteral("RLIMIT_CORE 0");
#endif
#if defined(Q_OS_LINUX) && !defined(MCPPM_UNDER_ASAN)
    // Not under AddressSanitizer: its leak check stops the world with
    // ptrace, which a non-dumpable process refuses.
    if (prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0)
        done << QStringLiteral("not dumpable");
#endif
    return done.isEmpty()
        ? QStringLiteral("core dumps: nothing could be changed here")
        : QStringLiteral("core dumps off (%1)").arg(done.join(QStringLiteral(", ")));
}

} // namespace mcppm
