#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace mcppm {

// One content item of a tool result or prompt message.
struct ContentItem
{
    enum class Kind { Text, Image, Audio, ResourceLink, Resource, Unknown };
    Kind kind = Kind::Unknown;
    QString text; // Text; or the embedded resource's text
    QByteArray data; // Image/Audio, or a blob resource: decoded bytes
    QString mimeType;
    QString uri; // ResourceLink / Resource
    QString name; // ResourceLink
    QString description; // ResourceLink
    QJsonObject raw;

    static ContentItem fromJson(const QJsonObject &object);
    static QString kindName(Kind kind);
};

// The result of tools/call. isError is a tool-level failure (a result, not a
// transport error). structuredContent is checked against the tool's
// outputSchema when it declares one.
struct ToolResult
{
    QList<ContentItem> content;
    QJsonValue structuredContent; // Undefined when absent
    bool isError = false;
    // Empty when valid or when there is nothing to check; otherwise each
    // problem as "path keyword: message".
    QStringList schemaViolations;
    bool schemaChecked = false;
    QJsonObject raw;

    // The text items joined with newlines (a convenient summary).
    QString text() const;
    static ToolResult fromJson(const QJsonObject &result);
};

} // namespace mcppm
