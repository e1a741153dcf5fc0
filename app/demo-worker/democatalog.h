#pragma once

#include <QJsonArray>
#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace mcppm::demo {

// What the demo worker offers besides its tools' behaviour: the tool lists
// of both eras, the prompt, the resource template and completions. Pure data
// and lookups, shared by the 2025-11-25 and the 2026-07-28 wire.
class DemoCatalog final
{
public:
    DemoCatalog() = delete;

    // The 2025-11-25 tools: echo, add, sleep, progress, fail (as before issue 13).
    static const QJsonArray &legacyTools();
    // The 2026-07-28 tools: the same (echo with an optional `region` mirrored
    // into Mcp-Param-Region), ask_name and list_roots (multi round-trip),
    // toggle_tool, and `flip` while it is toggled on.
    static QJsonArray modernTools(bool flipOffered);
    // The tool of this name in list, or an empty object.
    static QJsonObject findTool(const QJsonArray &list, const QString &name);

    static QJsonArray prompts();
    // prompts/get: the messages, or an empty object and *error (invalid params).
    static QJsonObject prompt(const QString &name, const QJsonObject &arguments, QString *error);
    static QJsonArray resourceTemplates();
    // resources/read for demo://greeting/{name}: the contents, or empty when uri is not one.
    static QJsonArray readTemplated(const QString &uri);
    // completion/complete: the "completion" object, or empty and *error.
    static QJsonObject complete(const QJsonObject &params, QString *error);

    static QJsonObject textContent(const QString &text);
    static QJsonObject toolResult(const QString &text, bool isError = false);
};

} // namespace mcppm::demo
