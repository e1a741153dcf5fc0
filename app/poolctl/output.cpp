#include "output.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace mcppm::poolctl {

QString Output::compact(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

QJsonObject Output::errorJson(const McpError &error)
{
    QJsonObject o;
    o.insert(QStringLiteral("kind"), McpError::kindName(error.kind));
    o.insert(QStringLiteral("message"), error.message);
    if (!error.serverId.isEmpty())
        o.insert(QStringLiteral("server"), error.serverId);
    if (error.httpStatus)
        o.insert(QStringLiteral("httpStatus"), error.httpStatus);
    if (error.kind == McpError::Kind::Rpc)
        o.insert(QStringLiteral("code"), error.rpcCode);
    return o;
}

void Output::printJson(QTextStream &out, const QJsonValue &value)
{
    const QJsonDocument doc
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out << QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    out.flush();
}

void Output::printToolResult(QTextStream &out, QTextStream &err, const ToolResult &result)
{
    for (const ContentItem &item : result.content) {
        switch (item.kind) {
        case ContentItem::Kind::Text:
            out << item.text << "\n";
            break;
        case ContentItem::Kind::Image:
        case ContentItem::Kind::Audio:
            out << "[" << ContentItem::kindName(item.kind) << ' ' << item.mimeType << ", "
                << item.data.size() << " bytes]\n";
            break;
        case ContentItem::Kind::ResourceLink:
            out << "[resource link " << item.uri
                << (item.name.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(item.name))
                << "]\n";
            break;
        case ContentItem::Kind::Resource:
            out << "[resource " << item.uri << "]\n";
            if (!item.text.isEmpty())
                out << item.text << "\n";
            break;
        case ContentItem::Kind::Unknown:
            out << compact(item.raw) << "\n";
            break;
        }
    }
    if (!result.structuredContent.isUndefined())
        out << "structuredContent: " << compact(result.structuredContent) << "\n";
    for (const QString &violation : result.schemaViolations)
        err << "outputSchema violation: " << violation << "\n";
    out.flush();
    err.flush();
}

void Output::printResourceContents(QTextStream &out, const QJsonObject &result)
{
    const QJsonArray contents = result.value(QStringLiteral("contents")).toArray();
    for (const QJsonValue &v : contents) {
        const QJsonObject c = v.toObject();
        if (c.contains(QStringLiteral("text")))
            out << c.value(QStringLiteral("text")).toString() << "\n";
        else
            out << "[" << c.value(QStringLiteral("uri")).toString() << ": "
                << QByteArray::fromBase64(c.value(QStringLiteral("blob")).toString().toLatin1())
                       .size()
                << " bytes of " << c.value(QStringLiteral("mimeType")).toString() << "]\n";
    }
    out.flush();
}

} // namespace mcppm::poolctl
