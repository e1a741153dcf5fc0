#include "mcp/toolresult.h"

#include <QJsonArray>
#include <QStringList>

namespace mcppm {

ContentItem ContentItem::fromJson(const QJsonObject &o)
{
    ContentItem item;
    item.raw = o;
    const QString type = o.value(QStringLiteral("type")).toString();
    item.mimeType = o.value(QStringLiteral("mimeType")).toString();
    if (type == QLatin1String("text")) {
        item.kind = Kind::Text;
        item.text = o.value(QStringLiteral("text")).toString();
    } else if (type == QLatin1String("image") || type == QLatin1String("audio")) {
        item.kind = type == QLatin1String("image") ? Kind::Image : Kind::Audio;
        item.data = QByteArray::fromBase64(o.value(QStringLiteral("data")).toString().toLatin1());
    } else if (type == QLatin1String("resource_link")) {
        item.kind = Kind::ResourceLink;
        item.uri = o.value(QStringLiteral("uri")).toString();
        item.name = o.value(QStringLiteral("name")).toString();
        item.description = o.value(QStringLiteral("description")).toString();
    } else if (type == QLatin1String("resource")) {
        item.kind = Kind::Resource;
        const QJsonObject r = o.value(QStringLiteral("resource")).toObject();
        item.uri = r.value(QStringLiteral("uri")).toString();
        item.mimeType = r.value(QStringLiteral("mimeType")).toString();
        item.text = r.value(QStringLiteral("text")).toString();
        if (r.contains(QStringLiteral("blob")))
            item.data
                = QByteArray::fromBase64(r.value(QStringLiteral("blob")).toString().toLatin1());
    }
    return item;
}

QString ContentItem::kindName(Kind kind)
{
    switch (kind) {
    case Kind::Text:
        return QStringLiteral("text");
    case Kind::Image:
        return QStringLiteral("image");
    case Kind::Audio:
        return QStringLiteral("audio");
    case Kind::ResourceLink:
        return QStringLiteral("resource_link");
    case Kind::Resource:
        return QStringLiteral("resource");
    case Kind::Unknown:
        break;
    }
    return QStringLiteral("unknown");
}

QString ToolResult::text() const
{
    QStringList parts;
    for (const ContentItem &item : content) {
        if (item.kind == ContentItem::Kind::Text)
            parts << item.text;
    }
    return parts.join(QLatin1Char('\n'));
}

ToolResult ToolResult::fromJson(const QJsonObject &result)
{
    ToolResult r;
    r.raw = result;
    const QJsonArray items = result.value(QStringLiteral("content")).toArray();
    for (const QJsonValue &v : items)
        r.content.append(ContentItem::fromJson(v.toObject()));
    r.structuredContent = result.value(QStringLiteral("structuredContent"));
    r.isError = result.value(QStringLiteral("isError")).toBool();
    return r;
}

} // namespace mcppm
