#pragma once

#include "mcp/mcpcatalog.h"

#include <QCoreApplication>
#include <QString>

namespace mcppm::ui {

// A tool's annotations as words for people: "read-only, idempotent".
class ToolHints final
{
    Q_DECLARE_TR_FUNCTIONS(ToolHints)
public:
    static QString text(const ToolAnnotations &annotations);
};

} // namespace mcppm::ui
