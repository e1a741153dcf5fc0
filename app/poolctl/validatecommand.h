#pragma once

#include <QStringList>
#include <QTextStream>

namespace mcppm::poolctl {

// `mcp-poolctl validate SCHEMA.json INSTANCE.json [--json]`: prints "valid"
// (exit 0), or "invalid" and one line per violation (exit 1); exit 2 for an
// unreadable or malformed schema or instance, or wrong arguments.
int runValidateCommand(const QStringList &arguments, QTextStream &out, QTextStream &err);

} // namespace mcppm::poolctl
