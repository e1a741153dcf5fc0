#pragma once

#include "jsonrpc/mcperror.h"
#include "mcp/toolresult.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QTextStream>

namespace mcppm::poolctl {

// How mcp-poolctl prints things, shared by its commands.
class Output final
{
public:
    static QString compact(const QJsonValue &value);
    // {kind, message, server, httpStatus, code}: never a credential.
    static QJsonObject errorJson(const McpError &error);
    // Indented JSON; DEL, C1 controls and bidi characters as \uXXXX (valid
    // JSON, nothing a terminal acts on).
    static void printJson(QTextStream &out, const QJsonValue &value);
    static QString jsonSafe(const QString &json);
    // A tool result for people: text on `out`, images/audio/links summarised,
    // structuredContent compact, outputSchema violations on `err`.
    static void printToolResult(QTextStream &out, QTextStream &err, const ToolResult &result);
    // resources/read contents: text as is, blobs summarised.
    static void printResourceContents(QTextStream &out, const QJsonObject &result);
};

} // namespace mcppm::poolctl
