#pragma once

#include "poolctloptions.h"

#include <QTextStream>

namespace mcppm::poolctl {

// login ID: signs in to one server's authorization server (OAuth: the
// browser, a loopback listener on 127.0.0.1; the URL is printed too) and
// keeps the tokens in the OS keychain, where the monitor and the pool
// commands find them. logout ID: forgets them.
class BlockingCredentials;
int runLoginCommand(const PoolctlOptions &options, bool logout, BlockingCredentials &credentials,
                    QTextStream &out, QTextStream &err);

} // namespace mcppm::poolctl
