#include "schema/jsonschemavalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace mcppm {

namespace {
constexpr int kMaxDepth = 128;
const QUrl kDefaultBase(QStringLiteral("https://schema.mcppm.invalid/root.json"));

const QStringList kTypeNames{QStringLiteral("null"),   QStringLiteral("boolean"),
                             QStringLiteral("object"), QStringLiteral("array"),
                             QStringLiteral("number"), QStringLiteral("string"),
                             QStringLiteral("integer")};
// Keywords whose value is one schema, an array of schemas, or a map of schemas.
const QStringList kSingle{QStringLiteral("additionalItems"),
                          QStringLiteral("additionalProperties"),
                          QStringLiteral("contains"),
                          QStringLiteral("propertyNames"),
                          QStringLiteral("not"),
                          QStringLiteral("if"),
                          QStringLiteral("then"),
                          QStringLiteral("else"),
                          QStringLiteral("unevaluatedItems"),
                          QStringLiteral("unevaluatedProperties")};
const QStringList kArrays{QStringLiteral("allOf"), QStringLiteral("anyOf"), QStringLiteral("oneOf"),
                          QStringLiteral("prefixItems")};
const QStringList kMaps{QStringLiteral("properties"), QStringLiteral("patternProperties"),
                        QStringLiteral("definitions"), QStringLiteral("$defs"),
                        QStringLiteral("dependentSchemas")};

QString escapePointer(QString token)
{
    return token.replace(QLatin1Char('~'), QStringLiteral("~0"))
        .replace(QLatin1Char('/'), QStringLiteral("~1"));
}

QString docKey(const QUrl &url)
{
    return url.adjusted(QUrl::RemoveFragment).toString(QUrl::FullyEncoded);
}

QString typeOf(const QJsonValue &v)
{
    switch (v.type()) {
    case QJsonValue::Null:
        return QStringLiteral("null");
    case QJsonValue::Bool:
        return QStringLiteral("boolean");
    case QJsonValue::Double:
        return QStringLiteral("number");
    case QJsonValue::String:
        return QStringLiteral("string");
    case QJsonValue::Array:
        return QStringLiteral("array");
    case QJsonValue::Object:
        return QStringLiteral("object");
    case QJsonValue::Undefined:
        break;
    }
    return QStringLiteral("undefined");
}

bool isInteger(const QJsonValue &v)
{
    if (!v.isDouble())
        return false;
    const double d = v.toDouble();
    return std::isfinite(d) && std::floor(d) == d;
}

bool hasType(const QJsonValue &v, const QString &type)
{
    if (type == QLatin1String("integer"))
        return isInteger(v);
    return typeOf(v) == type;
}

// A short rendering of a value for messages.
QString show(const QJsonValue &v)
{
    QString text;
    switch (v.type()) {
    case QJsonValue::String:
        text = QLatin1Char('"') + v.toString() + QLatin1Char('"');
        break;
    case QJsonValue::Double:
        text = QString::number(v.toDouble(), 'g', 17);
        break;
    case QJsonValue::Bool:
        text = v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case QJsonValue::Null:
        text = QStringLiteral("null");
        break;
    case QJsonValue::Array:
        text = QString::fromUtf8(QJsonDocument(v.toArray()).toJson(QJsonDocument::Compact));
        break;
    case QJsonValue::Object:
        text = QString::fromUtf8(QJsonDocument(v.toObject()).toJson(QJsonDocument::Compact));
        break;
    case QJsonValue::Undefined:
        text = QStringLiteral("(nothing)");
        break;
    }
    return text.size() > 60 ? text.left(57) + QStringLiteral("...") : text;
}

qsizetype codePoints(const QString &s)
{
    qsizetype n = 0;
    for (const QChar c : s)
        n += c.isLowSurrogate() ? 0 : 1;
    return n;
}

bool isNonNegativeInteger(const QJsonValue &v)
{
    return isInteger(v) && v.toDouble() >= 0;
}
} // namespace

JsonSchemaValidator::JsonSchemaValidator() = default;
JsonSchemaValidator::~JsonSchemaValidator() = default;

bool JsonSchemaValidator::jsonEqual(const QJsonValue &a, const QJsonValue &b)
{
    if (a.type() != b.type())
        return false;
    switch (a.type()) {
    case QJsonValue::Double:
        return a.toDouble() == b.toDouble();
    case QJsonValue::Array: {
        const QJsonArray x = a.toArray(), y = b.toArray();
        if (x.size() != y.size())
            return false;
        for (qsizetype i = 0; i < x.size(); ++i) {
            if (!jsonEqual(x.at(i), y.at(i)))
                return false;
        }
        return true;
    }
    case QJsonValue::Object: {
        const QJsonObject x = a.toObject(), y = b.toObject();
        if (x.size() != y.size())
            return false;
        for (auto it = x.begin(); it != x.end(); ++it) {
            if (!y.contains(it.key()) || !jsonEqual(it.value(), y.value(it.key())))
                return false;
        }
        return true;
    }
    default:
        return a == b;
    }
}

bool JsonSchemaValidator::setSchema(const QJsonValue &schema, QString *error)
{
    const Dialect defaultDialect = m_defaultDialect;
    *this = JsonSchemaValidator();
    m_defaultDialect = defaultDialect;
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (!schema.isObject() && !schema.isBool())
        return fail(QStringLiteral("a schema must be a JSON object or a boolean, not %1")
                        .arg(typeOf(schema)));
    m_schema = schema;
    const QString dialect = schema.toObject().value(QStringLiteral("$schema")).toString();
    if (dialect.isEmpty())
        m_dialect = m_defaultDialect;
    else if (dialect.contains(QLatin1String("draft-07"))
             || dialect.contains(QLatin1String("draft-06"))
             || dialect.contains(QLatin1String("draft-04"))
             || dialect.contains(QLatin1String("draft-03")))
        m_dialect = Dialect::Draft7;
    else
        m_dialect = Dialect::Draft2020_12;

    m_resources.insert(docKey(kDefaultBase), schema);
    QString why;
    if (!index(schema, kDefaultBase, QString(), &why))
        return fail(why);
    // Every $ref must lead somewhere: into this document, or to another one
    // (which is not fetched, and reported as remote).
    for (const auto &ref : std::as_const(m_pendingRefs)) {
        QJsonValue target;
        QUrl targetBase;
        QString refWhy;
        const QUrl resolved = ref.base.resolved(QUrl(ref.ref));
        if (!m_resources.contains(docKey(resolved))) {
            m_remoteRefs.append(resolved.toString());
            continue;
        }
        if (!resolve(ref.ref, ref.base, &target, &targetBase, &refWhy))
            return fail(QStringLiteral("%1/$ref: %2").arg(ref.pointer, refWhy));
    }
    m_pendingRefs.clear();
    m_remoteRefs.removeDuplicates();
    m_loaded = true;
    return true;
}

bool JsonSchemaValidator::index(const QJsonValue &schema, const QUrl &base, const QString &pointer,
                                QString *error)
{
    if (schema.isBool())
        return true;
    const QString where = pointer.isEmpty() ? QStringLiteral("(root)") : pointer;
    if (!schema.isObject()) {
        *error = QStringLiteral("%1: a schema must be an object or a boolean, not %2")
                     .arg(where, typeOf(schema));
        return false;
    }
    const QJsonObject o = schema.toObject();
    auto bad = [&](const QString &keyword, const QString &what) {
        *error = QStringLiteral("%1/%2: %3").arg(pointer, keyword, what);
        return false;
    };

    // Identifiers. In draft-07 a $ref makes its siblings (also $id) ignored.
    QUrl here = base;
    const bool refHidesSiblings
        = m_dialect == Dialect::Draft7 && o.contains(QStringLiteral("$ref"));
    if (o.contains(QStringLiteral("$id")) && !refHidesSiblings) {
        if (!o.value(QStringLiteral("$id")).isString())
            return bad(QStringLiteral("$id"), QStringLiteral("must be a string"));
        const QString id = o.value(QStringLiteral("$id")).toString();
        const QUrl resolved = base.resolved(QUrl(id));
        if (id.startsWith(QLatin1Char('#'))) {
            m_resources.insert(
                docKey(base) + QLatin1Char('#') + resolved.fragment(QUrl::FullyDecoded), schema);
        } else {
            here = resolved.adjusted(QUrl::RemoveFragment);
            m_resources.insert(docKey(here), schema);
            if (!resolved.fragment().isEmpty())
                m_resources.insert(docKey(here) + QLatin1Char('#')
                                       + resolved.fragment(QUrl::FullyDecoded),
                                   schema);
        }
    }
    if (o.value(QStringLiteral("$anchor")).isString())
        m_resources.insert(docKey(here) + QLatin1Char('#')
                               + o.value(QStringLiteral("$anchor")).toString(),
                           schema);
    if (o.contains(QStringLiteral("$ref"))) {
        if (!o.value(QStringLiteral("$ref")).isString())
            return bad(QStringLiteral("$ref"), QStringLiteral("must be a string"));
        m_pendingRefs.append({o.value(QStringLiteral("$ref")).toString(), here, pointer});
    }

    // Shapes of the keywords we evaluate.
    const QJsonValue type = o.value(QStringLiteral("type"));
    if (!type.isUndefined()) {
        const QJsonArray types = type.isArray() ? type.toArray() : QJsonArray{type};
        if (!type.isString() && !type.isArray())
            return bad(QStringLiteral("type"),
                       QStringLiteral("must be a type name or an array of them"));
        for (const QJsonValue &t : types) {
            if (!t.isString() || !kTypeNames.contains(t.toString()))
                return bad(QStringLiteral("type"),
                           QStringLiteral("%1 is not a JSON Schema type").arg(show(t)));
        }
    }
    for (const char *key : {"required"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (v.isUndefined())
            continue;
        if (!v.isArray())
            return bad(QLatin1String(key), QStringLiteral("must be an array of property names"));
        for (const QJsonValue &name : v.toArray()) {
            if (!name.isString())
                return bad(QLatin1String(key),
                           QStringLiteral("must be an array of property names"));
        }
    }
    if (o.contains(QStringLiteral("enum")) && !o.value(QStringLiteral("enum")).isArray())
        return bad(QStringLiteral("enum"), QStringLiteral("must be an array"));
    for (const char *key : {"maxLength", "minLength", "maxItems", "minItems", "maxProperties",
                            "minProperties", "minContains", "maxContains"}) {
        if (o.contains(QLatin1String(key)) && !isNonNegativeInteger(o.value(QLatin1String(key))))
            return bad(QLatin1String(key), QStringLiteral("must be a non-negative integer"));
    }
    for (const char *key : {"maximum", "minimum"}) {
        if (o.contains(QLatin1String(key)) && !o.value(QLatin1String(key)).isDouble())
            return bad(QLatin1String(key), QStringLiteral("must be a number"));
    }
    for (const char *key : {"exclusiveMaximum", "exclusiveMinimum"}) {
        const QJsonValue v = o.value(QLatin1String(key));
        if (!v.isUndefined() && !v.isDouble() && !v.isBool())
            return bad(QLatin1String(key), QStringLiteral("must be a number"));
    }
    if (o.contains(QStringLiteral("multipleOf"))) {
        const QJsonValue v = o.value(QStringLiteral("multipleOf"));
        if (!v.isDouble() || v.toDouble() <= 0)
            return bad(QStringLiteral("multipleOf"),
                       QStringLiteral("must be a number greater than 0"));
    }
    auto addRegex = [&](const QString &keyword, const QString &pattern) {
        if (m_regexes.contains(pattern))
            return true;
        QRegularExpression re(pattern);
        if (!re.isValid())
            return bad(keyword,
                       QStringLiteral("invalid regular expression %1: %2")
                           .arg(show(pattern), re.errorString()));
        re.optimize();
        m_regexes.insert(pattern, re);
        return true;
    };
    if (o.contains(QStringLiteral("pattern"))) {
        if (!o.value(QStringLiteral("pattern")).isString())
            return bad(QStringLiteral("pattern"), QStringLiteral("must be a string"));
        if (!addRegex(QStringLiteral("pattern"), o.value(QStringLiteral("pattern")).toString()))
            return false;
    }
    const QJsonObject patternProperties = o.value(QStringLiteral("patternProperties")).toObject();
    for (auto it = patternProperties.begin(); it != patternProperties.end(); ++it) {
        if (!addRegex(QStringLiteral("patternProperties"), it.key()))
            return false;
    }

    // Subschemas (not inside enum/const/default/examples: those are data).
    for (const QString &key : kSingle) {
        if (o.contains(key) && !index(o.value(key), here, pointer + QLatin1Char('/') + key, error))
            return false;
    }
    for (const QString &key : kArrays) {
        if (!o.contains(key))
            continue;
        if (!o.value(key).isArray())
            return bad(key, QStringLiteral("must be an array of schemas"));
        const QJsonArray list = o.value(key).toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!index(list.at(i), here,
                       pointer + QLatin1Char('/') + key + QLatin1Char('/') + QString::number(i),
                       error))
                return false;
        }
    }
    for (const QString &key : kMaps) {
        if (!o.contains(key))
            continue;
        if (!o.value(key).isObject())
            return bad(key, QStringLiteral("must be an object of schemas"));
        const QJsonObject map = o.value(key).toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!index(it.value(), here,
                       pointer + QLatin1Char('/') + key + QLatin1Char('/')
                           + escapePointer(it.key()),
                       error))
                return false;
        }
    }
    const QJsonValue items = o.value(QStringLiteral("items"));
    if (items.isArray()) {
        const QJsonArray list = items.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!index(list.at(i), here, pointer + QStringLiteral("/items/") + QString::number(i),
                       error))
                return false;
        }
    } else if (!items.isUndefined()
               && !index(items, here, pointer + QStringLiteral("/items"), error)) {
        return false;
    }
    const QJsonValue dependencies = o.value(QStringLiteral("dependencies"));
    if (!dependencies.isUndefined()) {
        if (!dependencies.isObject())
            return bad(QStringLiteral("dependencies"), QStringLiteral("must be an object"));
        const QJsonObject map = dependencies.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (it.value().isArray())
                continue;
            if (!index(it.value(), here,
                       pointer + QStringLiteral("/dependencies/") + escapePointer(it.key()), error))
                return false;
        }
    }
    const QJsonValue dependentRequired = o.value(QStringLiteral("dependentRequired"));
    if (!dependentRequired.isUndefined() && !dependentRequired.isObject())
        return bad(QStringLiteral("dependentRequired"),
                   QStringLiteral("must be an object of arrays"));
    return true;
}

bool JsonSchemaValidator::resolve(const QString &ref, const QUrl &base, QJsonValue *target,
                                  QUrl *targetBase, QString *why) const
{
    const QUrl resolved = base.resolved(QUrl(ref));
    const QString doc = docKey(resolved);
    const auto it = m_resources.constFind(doc);
    if (it == m_resources.constEnd()) {
        *why
            = QStringLiteral("$ref to %1 is not in this schema, and remote schemas are not fetched")
                  .arg(resolved.toString());
        return false;
    }
    const QString fragment = resolved.fragment(QUrl::FullyDecoded);
    QUrl currentBase = resolved.adjusted(QUrl::RemoveFragment);
    if (fragment.isEmpty()) {
        *target = *it;
        *targetBase = currentBase;
        return true;
    }
    if (!fragment.startsWith(QLatin1Char('/'))) {
        const auto anchor = m_resources.constFind(doc + QLatin1Char('#') + fragment);
        if (anchor == m_resources.constEnd()) {
            *why = QStringLiteral("$ref %1: no schema is named \"%2\"").arg(show(ref), fragment);
            return false;
        }
        *target = *anchor;
        *targetBase = currentBase;
        return true;
    }
    // A JSON Pointer, walked step by step so that $ids on the way move the base.
    QJsonValue node = *it;
    const QStringList tokens = fragment.mid(1).split(QLatin1Char('/'));
    for (QString token : tokens) {
        token.replace(QStringLiteral("~1"), QStringLiteral("/"))
            .replace(QStringLiteral("~0"), QStringLiteral("~"));
        if (node.isObject()) {
            const QJsonObject o = node.toObject();
            if (!o.contains(token)) {
                *why = QStringLiteral("$ref %1 points to nothing").arg(show(ref));
                return false;
            }
            node = o.value(token);
        } else if (node.isArray()) {
            bool ok = false;
            const int index = token.toInt(&ok);
            if (!ok || index < 0 || index >= node.toArray().size()) {
                *why = QStringLiteral("$ref %1 points to nothing").arg(show(ref));
                return false;
            }
            node = node.toArray().at(index);
        } else {
            *why = QStringLiteral("$ref %1 points to nothing").arg(show(ref));
            return false;
        }
        const QJsonObject step = node.toObject();
        const bool refHides = m_dialect == Dialect::Draft7 && step.contains(QStringLiteral("$ref"));
        const QString id = step.value(QStringLiteral("$id")).toString();
        if (!id.isEmpty() && !id.startsWith(QLatin1Char('#')) && !refHides)
            currentBase = currentBase.resolved(QUrl(id)).adjusted(QUrl::RemoveFragment);
    }
    *target = node;
    *targetBase = currentBase;
    return true;
}

QList<SchemaViolation> JsonSchemaValidator::validate(const QJsonValue &instance) const
{
    QList<SchemaViolation> out;
    if (!m_loaded)
        return {{QString(), QString(), QString(), QStringLiteral("no schema is loaded")}};
    check(m_schema, instance, kDefaultBase, QString(), QString(), 0, &out);
    return out;
}

bool JsonSchemaValidator::isValid(const QJsonValue &instance) const
{
    return validate(instance).isEmpty();
}

bool JsonSchemaValidator::check(const QJsonValue &schema, const QJsonValue &instance,
                                const QUrl &base, const QString &instancePath,
                                const QString &schemaPath, int depth,
                                QList<SchemaViolation> *out) const
{
    if (depth > kMaxDepth) {
        out->append({instancePath, QStringLiteral("$ref"), schemaPath,
                     QStringLiteral("schema nests or recurses too deeply (over %1 levels)")
                         .arg(kMaxDepth)});
        return false;
    }
    if (schema.isBool()) {
        if (schema.toBool())
            return true;
        out->append({instancePath, QStringLiteral("false"), schemaPath,
                     QStringLiteral("no value is allowed here")});
        return false;
    }
    if (!schema.isObject())
        return true;
    return checkObjectSchema(schema.toObject(), instance, base, instancePath, schemaPath, depth,
                             out);
}

bool JsonSchemaValidator::checkObjectSchema(const QJsonObject &o, const QJsonValue &instance,
                                            const QUrl &base, const QString &ip, const QString &sp,
                                            int depth, QList<SchemaViolation> *out) const
{
    bool valid = true;
    auto fail = [&](const QString &keyword, const QString &message) {
        out->append({ip, keyword, sp + QLatin1Char('/') + keyword, message});
        valid = false;
    };
    // An $id moves the base that $refs in and below this schema resolve against.
    QUrl here = base;
    const bool hasRef = o.contains(QStringLiteral("$ref"));
    const bool refHidesSiblings = m_dialect == Dialect::Draft7 && hasRef;
    const QString id = o.value(QStringLiteral("$id")).toString();
    if (!id.isEmpty() && !id.startsWith(QLatin1Char('#')) && !refHidesSiblings)
        here = base.resolved(QUrl(id)).adjusted(QUrl::RemoveFragment);
    auto sub = [&](const QJsonValue &schema, const QJsonValue &value, const QString &path,
                   const QString &schemaPath, QList<SchemaViolation> *sink) {
        return check(schema, value, here, path, schemaPath, depth + 1, sink);
    };

    if (hasRef) {
        QJsonValue target;
        QUrl targetBase;
        QString why;
        if (!resolve(o.value(QStringLiteral("$ref")).toString(), here, &target, &targetBase, &why))
            fail(QStringLiteral("$ref"), why);
        else if (!check(target, instance, targetBase, ip, sp + QStringLiteral("/$ref"), depth + 1,
                        out))
            valid = false;
        if (refHidesSiblings)
            return valid;
    }

    // type, enum, const
    const QJsonValue type = o.value(QStringLiteral("type"));
    if (!type.isUndefined()) {
        const QJsonArray types = type.isArray() ? type.toArray() : QJsonArray{type};
        bool any = false;
        QStringList names;
        for (const QJsonValue &t : types) {
            any = any || hasType(instance, t.toString());
            names << QLatin1Char('"') + t.toString() + QLatin1Char('"');
        }
        if (!any)
            fail(QStringLiteral("type"),
                 QStringLiteral("%1 is not of type %2")
                     .arg(show(instance), names.join(QStringLiteral(" or "))));
    }
    if (o.contains(QStringLiteral("enum"))) {
        bool found = false;
        for (const QJsonValue &v : o.value(QStringLiteral("enum")).toArray())
            found = found || jsonEqual(v, instance);
        if (!found)
            fail(QStringLiteral("enum"),
                 QStringLiteral("%1 is not one of %2")
                     .arg(show(instance), show(o.value(QStringLiteral("enum")))));
    }
    if (o.contains(QStringLiteral("const"))
        && !jsonEqual(o.value(QStringLiteral("const")), instance))
        fail(QStringLiteral("const"),
             QStringLiteral("%1 is not %2")
                 .arg(show(instance), show(o.value(QStringLiteral("const")))));

    // numbers
    if (instance.isDouble()) {
        const double x = instance.toDouble();
        if (o.contains(QStringLiteral("multipleOf"))) {
            const double m = o.value(QStringLiteral("multipleOf")).toDouble();
            const double q = x / m;
            const bool ok = std::isfinite(q)
                && std::abs(q - std::round(q)) <= 1e-9 * std::max(1.0, std::abs(q));
            if (!ok)
                fail(QStringLiteral("multipleOf"),
                     QStringLiteral("%1 is not a multiple of %2")
                         .arg(show(instance), show(o.value(QStringLiteral("multipleOf")))));
        }
        const QJsonValue max = o.value(QStringLiteral("maximum"));
        const QJsonValue min = o.value(QStringLiteral("minimum"));
        const QJsonValue exMax = o.value(QStringLiteral("exclusiveMaximum"));
        const QJsonValue exMin = o.value(QStringLiteral("exclusiveMinimum"));
        if (max.isDouble()) {
            const bool exclusive = exMax.isBool() && exMax.toBool(); // draft-04 form
            if (exclusive ? x >= max.toDouble() : x > max.toDouble())
                fail(QStringLiteral("maximum"),
                     QStringLiteral("%1 is greater than %2%3")
                         .arg(show(instance),
                              exclusive ? QStringLiteral("or equal to ") : QString(), show(max)));
        }
        if (min.isDouble()) {
            const bool exclusive = exMin.isBool() && exMin.toBool();
            if (exclusive ? x <= min.toDouble() : x < min.toDouble())
                fail(QStringLiteral("minimum"),
                     QStringLiteral("%1 is less than %2%3")
                         .arg(show(instance),
                              exclusive ? QStringLiteral("or equal to ") : QString(), show(min)));
        }
        if (exMax.isDouble() && x >= exMax.toDouble())
            fail(QStringLiteral("exclusiveMaximum"),
                 QStringLiteral("%1 is not less than %2").arg(show(instance), show(exMax)));
        if (exMin.isDouble() && x <= exMin.toDouble())
            fail(QStringLiteral("exclusiveMinimum"),
                 QStringLiteral("%1 is not greater than %2").arg(show(instance), show(exMin)));
    }

    // strings
    if (instance.isString()) {
        const QString s = instance.toString();
        const qsizetype length = codePoints(s);
        if (o.contains(QStringLiteral("maxLength"))
            && length > o.value(QStringLiteral("maxLength")).toDouble())
            fail(QStringLiteral("maxLength"),
                 QStringLiteral("%1 is longer than %2 characters")
                     .arg(show(instance))
                     .arg(o.value(QStringLiteral("maxLength")).toInteger()));
        if (o.contains(QStringLiteral("minLength"))
            && length < o.value(QStringLiteral("minLength")).toDouble())
            fail(QStringLiteral("minLength"),
                 QStringLiteral("%1 is shorter than %2 characters")
                     .arg(show(instance))
                     .arg(o.value(QStringLiteral("minLength")).toInteger()));
        if (o.contains(QStringLiteral("pattern"))) {
            const QString pattern = o.value(QStringLiteral("pattern")).toString();
            const QRegularExpression *re = regex(pattern);
            if (re && !re->match(s).hasMatch())
                fail(QStringLiteral("pattern"),
                     QStringLiteral("%1 does not match %2").arg(show(instance), show(pattern)));
        }
    }

    // arrays
    if (instance.isArray()) {
        const QJsonArray a = instance.toArray();
        if (o.contains(QStringLiteral("maxItems"))
            && a.size() > o.value(QStringLiteral("maxItems")).toDouble())
            fail(QStringLiteral("maxItems"),
                 QStringLiteral("has %1 items, more than %2")
                     .arg(a.size())
                     .arg(o.value(QStringLiteral("maxItems")).toInteger()));
        if (o.contains(QStringLiteral("minItems"))
            && a.size() < o.value(QStringLiteral("minItems")).toDouble())
            fail(QStringLiteral("minItems"),
                 QStringLiteral("has %1 items, fewer than %2")
                     .arg(a.size())
                     .arg(o.value(QStringLiteral("minItems")).toInteger()));
        if (o.value(QStringLiteral("uniqueItems")).toBool()) {
            for (qsizetype i = 0; i < a.size() && valid; ++i) {
                for (qsizetype j = i + 1; j < a.size(); ++j) {
                    if (jsonEqual(a.at(i), a.at(j))) {
                        fail(QStringLiteral("uniqueItems"),
                             QStringLiteral("items %1 and %2 are equal").arg(i).arg(j));
                        break;
                    }
                }
            }
        }
        // Positional schemas: draft-07 "items": [..] + additionalItems; 2020-12 prefixItems +
        // items.
        QJsonArray positional;
        QJsonValue rest;
        QString positionalKey, restKey;
        const QJsonValue items = o.value(QStringLiteral("items"));
        if (o.contains(QStringLiteral("prefixItems")) && m_dialect == Dialect::Draft2020_12) {
            positional = o.value(QStringLiteral("prefixItems")).toArray();
            positionalKey = QStringLiteral("prefixItems");
            rest = items;
            restKey = QStringLiteral("items");
        } else if (items.isArray()) {
            positional = items.toArray();
            positionalKey = QStringLiteral("items");
            rest = o.value(QStringLiteral("additionalItems"));
            restKey = QStringLiteral("additionalItems");
        } else {
            rest = items;
            restKey = QStringLiteral("items");
        }
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString path = ip + QLatin1Char('/') + QString::number(i);
            if (i < positional.size()) {
                if (!sub(positional.at(i), a.at(i), path,
                         sp + QLatin1Char('/') + positionalKey + QLatin1Char('/')
                             + QString::number(i),
                         out))
                    valid = false;
            } else if (!rest.isUndefined()) {
                if (!sub(rest, a.at(i), path, sp + QLatin1Char('/') + restKey, out))
                    valid = false;
            }
        }
        if (o.contains(QStringLiteral("contains"))) {
            qsizetype matches = 0;
            for (qsizetype i = 0; i < a.size(); ++i) {
                QList<SchemaViolation> ignored;
                matches += sub(o.value(QStringLiteral("contains")), a.at(i),
                               ip + QLatin1Char('/') + QString::number(i),
                               sp + QStringLiteral("/contains"), &ignored)
                    ? 1
                    : 0;
            }
            const bool modern = m_dialect == Dialect::Draft2020_12;
            const double minContains = modern && o.contains(QStringLiteral("minContains"))
                ? o.value(QStringLiteral("minContains")).toDouble()
                : 1;
            if (matches < minContains)
                fail(QStringLiteral("contains"),
                     QStringLiteral("has %1 matching items, fewer than %2")
                         .arg(matches)
                         .arg(minContains));
            if (modern && o.contains(QStringLiteral("maxContains"))
                && matches > o.value(QStringLiteral("maxContains")).toDouble())
                fail(QStringLiteral("maxContains"),
                     QStringLiteral("has %1 matching items, more than %2")
                         .arg(matches)
                         .arg(o.value(QStringLiteral("maxContains")).toInteger()));
        }
    }

    // objects
    if (instance.isObject()) {
        const QJsonObject obj = instance.toObject();
        if (o.contains(QStringLiteral("maxProperties"))
            && obj.size() > o.value(QStringLiteral("maxProperties")).toDouble())
            fail(QStringLiteral("maxProperties"),
                 QStringLiteral("has %1 properties, more than %2")
                     .arg(obj.size())
                     .arg(o.value(QStringLiteral("maxProperties")).toInteger()));
        if (o.contains(QStringLiteral("minProperties"))
            && obj.size() < o.value(QStringLiteral("minProperties")).toDouble())
            fail(QStringLiteral("minProperties"),
                 QStringLiteral("has %1 properties, fewer than %2")
                     .arg(obj.size())
                     .arg(o.value(QStringLiteral("minProperties")).toInteger()));
        for (const QJsonValue &name : o.value(QStringLiteral("required")).toArray()) {
            if (!obj.contains(name.toString()))
                fail(QStringLiteral("required"),
                     QStringLiteral("property \"%1\" is missing").arg(name.toString()));
        }
        const QJsonObject properties = o.value(QStringLiteral("properties")).toObject();
        const QJsonObject patternProperties
            = o.value(QStringLiteral("patternProperties")).toObject();
        const QJsonValue additional = o.value(QStringLiteral("additionalProperties"));
        const QJsonValue propertyNames = o.value(QStringLiteral("propertyNames"));
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            const QString path = ip + QLatin1Char('/') + escapePointer(it.key());
            bool matched = false;
            if (properties.contains(it.key())) {
                matched = true;
                if (!sub(properties.value(it.key()), it.value(), path,
                         sp + QStringLiteral("/properties/") + escapePointer(it.key()), out))
                    valid = false;
            }
            for (auto p = patternProperties.begin(); p != patternProperties.end(); ++p) {
                const QRegularExpression *re = regex(p.key());
                if (re && re->match(it.key()).hasMatch()) {
                    matched = true;
                    if (!sub(p.value(), it.value(), path,
                             sp + QStringLiteral("/patternProperties/") + escapePointer(p.key()),
                             out))
                        valid = false;
                }
            }
            if (!matched && !additional.isUndefined()) {
                QList<SchemaViolation> inner;
                if (!sub(additional, it.value(), path, sp + QStringLiteral("/additionalProperties"),
                         &inner)) {
                    valid = false;
                    if (additional.isBool())
                        out->append(
                            {path, QStringLiteral("additionalProperties"),
                             sp + QStringLiteral("/additionalProperties"),
                             QStringLiteral("property \"%1\" is not allowed").arg(it.key())});
                    else
                        out->append(inner);
                }
            }
            if (!propertyNames.isUndefined()) {
                QList<SchemaViolation> inner;
                if (!sub(propertyNames, QJsonValue(it.key()), path,
                         sp + QStringLiteral("/propertyNames"), &inner))
                    fail(QStringLiteral("propertyNames"),
                         QStringLiteral("property name \"%1\" is not allowed").arg(it.key()));
            }
        }
        auto requireAll
            = [&](const QString &keyword, const QString &trigger, const QJsonArray &names) {
                  for (const QJsonValue &name : names) {
                      if (!obj.contains(name.toString()))
                          fail(keyword,
                               QStringLiteral("property \"%1\" is needed when \"%2\" is present")
                                   .arg(name.toString(), trigger));
                  }
              };
        const QJsonObject dependencies = o.value(QStringLiteral("dependencies")).toObject();
        for (auto it = dependencies.begin(); it != dependencies.end(); ++it) {
            if (!obj.contains(it.key()))
                continue;
            if (it.value().isArray())
                requireAll(QStringLiteral("dependencies"), it.key(), it.value().toArray());
            else if (!sub(it.value(), instance, ip,
                          sp + QStringLiteral("/dependencies/") + escapePointer(it.key()), out))
                valid = false;
        }
        const QJsonObject dependentRequired
            = o.value(QStringLiteral("dependentRequired")).toObject();
        for (auto it = dependentRequired.begin(); it != dependentRequired.end(); ++it) {
            if (obj.contains(it.key()))
                requireAll(QStringLiteral("dependentRequired"), it.key(), it.value().toArray());
        }
        const QJsonObject dependentSchemas = o.value(QStringLiteral("dependentSchemas")).toObject();
        for (auto it = dependentSchemas.begin(); it != dependentSchemas.end(); ++it) {
            if (obj.contains(it.key())
                && !sub(it.value(), instance, ip,
                        sp + QStringLiteral("/dependentSchemas/") + escapePointer(it.key()), out))
                valid = false;
        }
    }

    // combinators
    if (o.contains(QStringLiteral("allOf"))) {
        const QJsonArray list = o.value(QStringLiteral("allOf")).toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!sub(list.at(i), instance, ip, sp + QStringLiteral("/allOf/") + QString::number(i),
                     out))
                valid = false;
        }
    }
    if (o.contains(QStringLiteral("anyOf"))) {
        const QJsonArray list = o.value(QStringLiteral("anyOf")).toArray();
        bool any = false;
        QList<SchemaViolation> inner;
        for (qsizetype i = 0; i < list.size() && !any; ++i)
            any = sub(list.at(i), instance, ip, sp + QStringLiteral("/anyOf/") + QString::number(i),
                      &inner);
        if (!any)
            fail(QStringLiteral("anyOf"),
                 QStringLiteral("%1 matches none of the %2 alternatives")
                     .arg(show(instance))
                     .arg(list.size()));
    }
    if (o.contains(QStringLiteral("oneOf"))) {
        const QJsonArray list = o.value(QStringLiteral("oneOf")).toArray();
        int matches = 0;
        for (qsizetype i = 0; i < list.size(); ++i) {
            QList<SchemaViolation> inner;
            matches += sub(list.at(i), instance, ip,
                           sp + QStringLiteral("/oneOf/") + QString::number(i), &inner)
                ? 1
                : 0;
        }
        if (matches != 1)
            fail(QStringLiteral("oneOf"),
                 matches == 0 ? QStringLiteral("%1 matches none of the %2 alternatives")
                                    .arg(show(instance))
                                    .arg(list.size())
                              : QStringLiteral("%1 matches %2 alternatives, not exactly one")
                                    .arg(show(instance))
                                    .arg(matches));
    }
    if (o.contains(QStringLiteral("not"))) {
        QList<SchemaViolation> inner;
        if (sub(o.value(QStringLiteral("not")), instance, ip, sp + QStringLiteral("/not"), &inner))
            fail(QStringLiteral("not"),
                 QStringLiteral("%1 must not match the schema under \"not\"").arg(show(instance)));
    }
    if (o.contains(QStringLiteral("if"))) {
        QList<SchemaViolation> inner;
        const bool condition
            = sub(o.value(QStringLiteral("if")), instance, ip, sp + QStringLiteral("/if"), &inner);
        const QString branch = condition ? QStringLiteral("then") : QStringLiteral("else");
        if (o.contains(branch)
            && !sub(o.value(branch), instance, ip, sp + QLatin1Char('/') + branch, out))
            valid = false;
    }
    return valid;
}

const QRegularExpression *JsonSchemaValidator::regex(const QString &pattern) const
{
    const auto it = m_regexes.constFind(pattern);
    return it == m_regexes.constEnd() ? nullptr : &*it;
}

} // namespace mcppm
