#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <utility>

namespace mcppm {

// The HTTP headers MCP 2026-07-28 mirrors from a request body (Streamable
// HTTP, "Request Metadata"): Mcp-Method, Mcp-Name and the Mcp-Param-{Name}
// headers of tool parameters annotated "x-mcp-header" (SEP-2243), with the
// "=?base64?…?=" sentinel for values that are not plain header text.
class McpHeaders final
{
public:
    using List = QList<std::pair<QByteArray, QByteArray>>;

    // One x-mcp-header annotation of a tool: where the value sits in the
    // arguments (a chain of property names) and the header's name part.
    struct Parameter
    {
        QStringList path;
        QString name;
        QString type; // "string", "integer" or "boolean"
    };

    // A value as a header: plain when it is visible ASCII or inner spaces,
    // else (non-ASCII, control characters, tabs, leading or trailing
    // whitespace, or text that looks like the sentinel) Base64 in the sentinel.
    static QByteArray encodeValue(const QString &value);
    // The inverse (servers and tests): the sentinel decoded, plain text as is.
    static QString decodeValue(const QByteArray &value);

    // The annotations of an inputSchema, or false and why the tool must be
    // refused (empty or non-token name, duplicate name ignoring case, a
    // non-primitive or number type, not reachable through "properties" only).
    static bool parameters(const QJsonObject &inputSchema, QList<Parameter> *out, QString *why);

    // Mcp-Method and, for tools/call, resources/read and prompts/get, Mcp-Name.
    static List standard(const QString &method, const QJsonObject &params);
    // Mcp-Param-{Name} for each annotated value present (and not null) in the arguments.
    static List forArguments(const QList<Parameter> &parameters, const QJsonObject &arguments);
};

} // namespace mcppm
