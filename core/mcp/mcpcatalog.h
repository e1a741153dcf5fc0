#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace mcppm {

// What a server offers, as typed values read from its list answers.

struct ToolAnnotations
{
    QString title;
    std::optional<bool> readOnlyHint;
    std::optional<bool> destructiveHint;
    std::optional<bool> idempotentHint;
    std::optional<bool> openWorldHint;
};

struct ToolInfo
{
    QString name;
    QString title;
    QString description;
    QJsonObject inputSchema;
    QJsonObject outputSchema; // empty when the tool declares none
    ToolAnnotations annotations;
    QJsonObject raw;

    // Safe to run twice: read-only or idempotent by the server's own hints.
    bool isRetrySafe() const;
    static ToolInfo fromJson(const QJsonObject &object);
};

struct ResourceInfo
{
    QString uri;
    QString name;
    QString title;
    QString description;
    QString mimeType;
    qint64 size = -1;
    QJsonObject raw;
    static ResourceInfo fromJson(const QJsonObject &object);
};

struct ResourceTemplateInfo
{
    QString uriTemplate;
    QString name;
    QString title;
    QString description;
    QString mimeType;
    QJsonObject raw;
    static ResourceTemplateInfo fromJson(const QJsonObject &object);
};

struct PromptInfo
{
    struct Argument
    {
        QString name;
        QString description;
        bool required = false;
    };
    QString name;
    QString title;
    QString description;
    QList<Argument> arguments;
    QJsonObject raw;
    static PromptInfo fromJson(const QJsonObject &object);
};

// The server's half of the initialize handshake.
struct ServerInfo
{
    QString protocolVersion;
    QString name;
    QString title;
    QString version;
    QString instructions;
    QJsonObject capabilities;
    bool hasTools() const { return capabilities.contains(QStringLiteral("tools")); }
    bool hasResources() const { return capabilities.contains(QStringLiteral("resources")); }
    bool hasPrompts() const { return capabilities.contains(QStringLiteral("prompts")); }
    bool hasLogging() const { return capabilities.contains(QStringLiteral("logging")); }
    static ServerInfo fromInitializeResult(const QJsonObject &result);
    // 2026-07-28 server/discover: serverInfo sits in _meta; protocolVersion is the one chosen.
    static ServerInfo fromDiscoverResult(const QJsonObject &result, const QString &version);
};

} // namespace mcppm
