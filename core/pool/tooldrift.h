#pragma once

#include "mcp/mcpcatalog.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QString>

namespace mcppm {

// Interchangeable workers must offer the same tools with the same schemas.
// ToolDrift fingerprints each server's tools/list (name, input and output
// schema) and says how a server differs from what most servers offer.
class ToolDrift final
{
public:
    using Prints = QHash<QString, QByteArray>; // tool name -> SHA-256 of its definition

    static Prints fingerprint(const QList<ToolInfo> &tools);
    static QByteArray setHash(const Prints &prints); // the whole tool set
    // For each server (id -> prints): "" when it matches the majority's tool
    // set, else e.g. "missing: add; extra: debug; different schema: echo".
    static QHash<QString, QString> compare(const QHash<QString, Prints> &servers);
};

} // namespace mcppm
