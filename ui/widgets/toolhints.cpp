#include "toolhints.h"

#include <QStringList>

namespace mcppm::ui {

QString ToolHints::text(const ToolAnnotations &a)
{
    QStringList hints;
    if (a.readOnlyHint.value_or(false))
        hints << tr("read-only");
    if (a.idempotentHint.value_or(false))
        hints << tr("idempotent");
    if (a.destructiveHint.value_or(false))
        hints << tr("destructive");
    if (a.openWorldHint.value_or(false))
        hints << tr("open world");
    return hints.join(QStringLiteral(", "));
}

} // namespace mcppm::ui
