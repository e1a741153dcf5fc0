#include "mcp/mcpcatalog.h"

#include <QJsonArray>

namespace mcppm {

namespace {
std::optional<bool> optionalBool(const QJsonObject &o, const QString &key)
{
    const QJsonValue v = o.value(key);
    if (v.isBool())
        return v.toBool();
    return std::nullopt;
}
QString str(const QJsonObject &o, const char *key)
{
    return o.value(QLatin1String(key)).toString();
}
} // namespace

bool ToolInfo::isRetrySafe() const
{
    return annotations.readOnlyHint.value_or(false) || annotations.idempotentHint.value_or(false);
}

ToolInfo ToolInfo::fromJson(const QJsonObject &o)
{
    ToolInfo t;
    t.raw = o;
    t.name = str(o, "name");
    t.title = str(o, "title");
    t.description = str(o, "description");
    t.inputSchema = o.value(QStringLiteral("inputSchema")).toObject();
    t.outputSchema = o.value(QStringLiteral("outputSchema")).toObject();
    const QJsonObject a = o.value(QStringLiteral("annotations")).toObject();
    t.annotations.title = str(a, "title");
    t.annotations.readOnlyHint = optionalBool(a, QStringLiteral("readOnlyHint"));
    t.annotations.destructiveHint = optionalBool(a, QStringLiteral("destructiveHint"));
    t.annotations.idempotentHint = optionalBool(a, QStringLiteral("idempotentHint"));
    t.annotations.openWorldHint = optionalBool(a, QStringLiteral("openWorldHint"));
    if (t.title.isEmpty())
        t.title = t.annotations.title;
    return t;
}

ResourceInfo ResourceInfo::fromJson(const QJsonObject &o)
{
    ResourceInfo r;
    r.raw = o;
    r.uri = str(o, "uri");
    r.name = str(o, "name");
    r.title = str(o, "title");
    r.description = str(o, "description");
    r.mimeType = str(o, "mimeType");
    const double size = o.value(QStringLiteral("size")).toDouble(-1);
    r.size = size >= 0 && size <= 9.0e15 ? qint64(size) : -1; // no UB on 1e300 or NaN
    return r;
}

ResourceTemplateInfo ResourceTemplateInfo::fromJson(const QJsonObject &o)
{
    ResourceTemplateInfo r;
    r.raw = o;
    r.uriTemplate = str(o, "uriTemplate");
    r.name = str(o, "name");
    r.title = str(o, "title");
    r.description = str(o, "description");
    r.mimeType = str(o, "mimeType");
    return r;
}

PromptInfo PromptInfo::fromJson(const QJsonObject &o)
{
    PromptInfo p;
    p.raw = o;
    p.name = str(o, "name");
    p.title = str(o, "title");
    p.description = str(o, "description");
    const QJsonArray args = o.value(QStringLiteral("arguments")).toArray();
    for (const QJsonValue &v : args) {
        const QJsonObject a = v.toObject();
        p.arguments.append(
            {str(a, "name"), str(a, "description"), a.value(QStringLiteral("required")).toBool()});
    }
    return p;
}

ServerInfo ServerInfo::fromInitializeResult(const QJsonObject &result)
{
    ServerInfo s;
    s.protocolVersion = str(result, "protocolVersion");
    s.capabilities = result.value(QStringLiteral("capabilities")).toObject();
    s.instructions = str(result, "instructions");
    const QJsonObject info = result.value(QStringLiteral("serverInfo")).toObject();
    s.name = str(info, "name");
    s.title = str(info, "title");
    s.version = str(info, "version");
    return s;
}

ServerInfo ServerInfo::fromDiscoverResult(const QJsonObject &result, const QString &version)
{
    ServerInfo s;
    s.protocolVersion = version;
    s.capabilities = result.value(QStringLiteral("capabilities")).toObject();
    s.instructions = str(result, "instructions");
    QJsonObject info = result.value(QStringLiteral("_meta"))
                           .toObject()
                           .value(QStringLiteral("io.modelcontextprotocol/serverInfo"))
                           .toObject();
    if (info.isEmpty()) // some servers put it where initialize did
        info = result.value(QStringLiteral("serverInfo")).toObject();
    s.name = str(info, "name");
    s.title = str(info, "title");
    s.version = str(info, "version");
    return s;
}

} // namespace mcppm
