#include "output.h"

#include "net/safetext.h"

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

QString Output::jsonSafe(const QString &json)
{
    // QJsonDocument escapes C0 controls; DEL, C1 controls and bidi/line
    // separators it writes as they are. Inside JSON strings (the only place
    // they can be) \uXXXX means the same and is plain ASCII.
    if (SafeText::isSafe(json, SafeText::Mode::MultiLine))
        return json;
    QString out;
    out.reserve(json.size() + 16);
    for (const QChar c : json) {
        if (SafeText::isSafe(QStringView(&c, 1), SafeText::Mode::MultiLine))
            out += c;
        else
            out += QStringLiteral("\\u%1").arg(uint(c.unicode()), 4, 16, QLatin1Char('0'));
    }
    return out;
}

void Output::printJson(QTextStream &out, const QJsonValue &value)
{
    const QJsonDocument doc
        = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    out << jsonSafe(QString::fromUtf8(doc.toJson(QJsonDocument::Indented)));
    out.flush();
}

void Output::printToolResult(QTextStream &out, QTextStream &err, const ToolResult &result)
{
    for (const ContentItem &item : result.content) {
        switch (item.kind) {
        case ContentItem::Kind::Text:
            out << SafeText::escape(item.text, SafeText::Mode::MultiLine) << "\n";
            break;
        case ContentItem::Kind::Image:
        case ContentItem::Kind::Audio:
            out << "[" << ContentItem::kindName(item.kind) << ' ' << SafeText::escape(item.mimeType)
                << ", " << item.data.size() << " bytes]\n";
            break;
        case ContentItem::Kind::ResourceLink:
            out << "[resource link " << SafeText::escape(item.uri)
                << (item.name.isEmpty() ? QString()
                                        : QStringLiteral(" (%1)").arg(SafeText::escape(item.name)))
                << "]\n";
            break;
        case ContentItem::Kind::Resource:
            out << "[resource " << SafeText::escape(item.uri) << "]\n";
            if (!item.text.isEmpty())
                out << SafeText::escape(item.text, SafeText::Mode::MultiLine) << "\n";
            break;
        case ContentItem::Kind::Unknown:
            out << SafeText::escape(compact(item.raw)) << "\n";
            break;
        }
    }
    if (!result.structuredContent.isUndefined())
        out << "structuredContent: " << SafeText::escape(compact(result.structuredContent)) << "\n";
    for (const QString &violation : result.schemaViolations)
        err << "outputSchema violation: " << SafeText::escape(violation) << "\n";
    out.flush();
    err.flush();
}

void Output::printResourceContents(QTextStream &out, const QJsonObject &result)
{
    const QJsonArray contents = result.value(QStringLiteral("contents")).toArray();
    for (const QJsonValue &v : contents) {
        const QJsonObject c = v.toObject();
        if (c.contains(QStringLiteral("text")))
            out << SafeText::escape(c.value(QStringLiteral("text")).toString(),
                                    SafeText::Mode::MultiLine)
                << "\n";
        else
            out << "[" << SafeText::escape(c.value(QStringLiteral("uri")).toString()) << ": "
                << QByteArray::fromBase64(c.value(QStringLiteral("blob")).toString().toLatin1())
                       .size()
                << " bytes of " << SafeText::escape(c.value(QStringLiteral("mimeType")).toString())
                << "]\n";
    }
    out.flush();
}

} // namespace mcppm::poolctl
