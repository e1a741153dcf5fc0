#include "mcp/mcpheaders.h"

#include "net/httpsyntax.h"

#include <QJsonArray>
#include <QSet>

#include <cmath>

namespace mcppm {

namespace {
const QByteArray kSentinelStart = "=?base64?";
const QByteArray kSentinelEnd = "?=";
constexpr double kMaxSafeInteger = 9007199254740991.0; // 2^53 - 1

bool isWhitespace(QChar c)
{
    return c.isSpace();
}

// Keywords through which an annotation is not statically reachable.
const QStringList &dynamicKeywords()
{
    static const QStringList keywords{QStringLiteral("items"),
                                      QStringLiteral("prefixItems"),
                                      QStringLiteral("additionalItems"),
                                      QStringLiteral("contains"),
                                      QStringLiteral("oneOf"),
                                      QStringLiteral("anyOf"),
                                      QStringLiteral("allOf"),
                                      QStringLiteral("not"),
                                      QStringLiteral("if"),
                                      QStringLiteral("then"),
                                      QStringLiteral("else"),
                                      QStringLiteral("$defs"),
                                      QStringLiteral("definitions"),
                                      QStringLiteral("additionalProperties"),
                                      QStringLiteral("patternProperties"),
                                      QStringLiteral("dependentSchemas"),
                                      QStringLiteral("unevaluatedProperties"),
                                      QStringLiteral("unevaluatedItems"),
                                      QStringLiteral("propertyNames")};
    return keywords;
}

bool containsAnnotation(const QJsonValue &value)
{
    if (value.isObject()) {
        const QJsonObject object = value.toObject();
        if (object.contains(QStringLiteral("x-mcp-header")))
            return true;
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (containsAnnotation(it.value()))
                return true;
        }
    } else if (value.isArray()) {
        for (const QJsonValue &item : value.toArray()) {
            if (containsAnnotation(item))
                return true;
        }
    }
    return false;
}

QString typeOf(const QJsonObject &schema)
{
    const QJsonValue type = schema.value(QStringLiteral("type"));
    if (type.isString())
        return type.toString();
    if (type.isArray()) {
        // ["string", "null"] is a nullable string: the null is simply omitted.
        QStringList types;
        for (const QJsonValue &t : type.toArray()) {
            if (t.toString() != QLatin1String("null"))
                types << t.toString();
        }
        if (types.size() == 1)
            return types.first();
        return QStringLiteral("(several)");
    }
    return {};
}

bool walk(const QJsonObject &schema, const QStringList &path, QList<McpHeaders::Parameter> *out,
          QSet<QString> *seen, QString *why)
{
    for (const QString &keyword : dynamicKeywords()) {
        if (schema.contains(keyword) && containsAnnotation(schema.value(keyword))) {
            *why = QStringLiteral("x-mcp-header under \"%1\" at /%2 is not statically reachable")
                       .arg(keyword, path.join(QLatin1Char('/')));
            return false;
        }
    }
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonObject property = it.value().toObject();
        const QStringList here = path + QStringList{it.key()};
        if (property.contains(QStringLiteral("x-mcp-header"))) {
            const QJsonValue nameValue = property.value(QStringLiteral("x-mcp-header"));
            const QString name = nameValue.toString();
            const QString where = here.join(QLatin1Char('.'));
            if (!nameValue.isString() || name.isEmpty()) {
                *why = QStringLiteral("x-mcp-header of \"%1\" is empty").arg(where);
                return false;
            }
            const QByteArray ascii = name.toUtf8();
            if (ascii.size() != name.size() || !HttpSyntax::isToken(ascii)) {
                *why = QStringLiteral("x-mcp-header of \"%1\" is not an HTTP token").arg(where);
                return false;
            }
            if (seen->contains(name.toLower())) {
                *why = QStringLiteral("x-mcp-header \"%1\" is used twice (names ignore case)")
                           .arg(name);
                return false;
            }
            seen->insert(name.toLower());
            if (property.contains(QStringLiteral("$ref"))) {
                *why = QStringLiteral("x-mcp-header of \"%1\" sits on a $ref").arg(where);
                return false;
            }
            const QString type = typeOf(property);
            if (type != QLatin1String("string") && type != QLatin1String("integer")
                && type != QLatin1String("boolean")) {
                *why = QStringLiteral("x-mcp-header of \"%1\" is on a %2 parameter (only string, "
                                      "integer and boolean are allowed)")
                           .arg(where, type.isEmpty() ? QStringLiteral("untyped") : type);
                return false;
            }
            out->append({here, name, type});
        }
        if (!walk(property, here, out, seen, why))
            return false;
    }
    return true;
}
} // namespace

QByteArray McpHeaders::encodeValue(const QString &value)
{
    bool plain = true;
    for (const QChar c : value) {
        if (c.unicode() < 0x20 || c.unicode() > 0x7e) {
            plain = false;
            break;
        }
    }
    if (plain && !value.isEmpty() && (isWhitespace(value.front()) || isWhitespace(value.back())))
        plain = false;
    const QByteArray latin = value.toUtf8();
    if (plain && latin.startsWith(kSentinelStart) && latin.endsWith(kSentinelEnd))
        plain = false;
    if (plain)
        return latin;
    return kSentinelStart + latin.toBase64() + kSentinelEnd;
}

QString McpHeaders::decodeValue(const QByteArray &value)
{
    if (value.size() >= kSentinelStart.size() + kSentinelEnd.size()
        && value.startsWith(kSentinelStart) && value.endsWith(kSentinelEnd)) {
        const QByteArray inner = value.mid(
            kSentinelStart.size(), value.size() - kSentinelStart.size() - kSentinelEnd.size());
        return QString::fromUtf8(QByteArray::fromBase64(inner));
    }
    return QString::fromLatin1(value);
}

bool McpHeaders::parameters(const QJsonObject &inputSchema, QList<Parameter> *out, QString *why)
{
    QList<Parameter> found;
    QSet<QString> seen;
    QString reason;
    if (inputSchema.contains(QStringLiteral("x-mcp-header"))) {
        reason = QStringLiteral("x-mcp-header on the schema root");
    } else if (walk(inputSchema, {}, &found, &seen, &reason)) {
        if (out)
            *out = found;
        return true;
    }
    if (why)
        *why = reason;
    return false;
}

McpHeaders::List McpHeaders::standard(const QString &method, const QJsonObject &params)
{
    List headers;
    headers.append({QByteArrayLiteral("Mcp-Method"), method.toUtf8()});
    QString name;
    if (method == QLatin1String("tools/call") || method == QLatin1String("prompts/get"))
        name = params.value(QStringLiteral("name")).toString();
    else if (method == QLatin1String("resources/read"))
        name = params.value(QStringLiteral("uri")).toString();
    else if (method == QLatin1String("tasks/get") || method == QLatin1String("tasks/update")
             || method == QLatin1String("tasks/cancel")) // the tasks extension's routing header
        name = params.value(QStringLiteral("taskId")).toString();
    else
        return headers;
    headers.append({QByteArrayLiteral("Mcp-Name"), encodeValue(name)});
    return headers;
}

McpHeaders::List McpHeaders::forArguments(const QList<Parameter> &parameters,
                                          const QJsonObject &arguments)
{
    List headers;
    for (const Parameter &parameter : parameters) {
        QJsonValue value = arguments;
        for (const QString &key : parameter.path) {
            value = value.toObject().value(key);
            if (value.isUndefined())
                break;
        }
        if (value.isUndefined() || value.isNull())
            continue;
        QString text;
        if (value.isString()) {
            text = value.toString();
        } else if (value.isBool()) {
            text = value.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        } else if (value.isDouble()) {
            const double number = value.toDouble();
            if (std::abs(number) > kMaxSafeInteger)
                continue; // not a safe integer: the server refuses the call itself
            text = number == double(qint64(number)) ? QString::number(qint64(number))
                                                    : QString::number(number, 'g', 17);
        } else {
            continue; // an object or array where a primitive belongs: the server says so
        }
        headers.append(
            {QByteArrayLiteral("Mcp-Param-") + parameter.name.toLatin1(), encodeValue(text)});
    }
    return headers;
}

} // namespace mcppm
