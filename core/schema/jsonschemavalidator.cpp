#include "schema/jsonschemavalidator.h"

#include "schema/ecmaregex.h"
#include "schema/jsonschemametaschemas.h"

#include <QJsonArray>
#include <QJsonObject>

#include <cmath>

namespace mcppm {

namespace {
const QUrl kDefaultBase(QStringLiteral("https://schema.mcppm.invalid/root.json"));

const QStringList kTypeNames{QStringLiteral("null"),   QStringLiteral("boolean"),
                             QStringLiteral("object"), QStringLiteral("array"),
                             QStringLiteral("number"), QStringLiteral("string"),
                             QStringLiteral("integer")};
// Keywords whose value is one schema, an array of schemas, or a map of schemas.
const QString kVocabularyPrefix = QStringLiteral("https://json-schema.org/draft/2020-12/vocab/");
const QStringList kKnownVocabularies{QStringLiteral("core"),
                                     QStringLiteral("applicator"),
                                     QStringLiteral("unevaluated"),
                                     QStringLiteral("validation"),
                                     QStringLiteral("meta-data"),
                                     QStringLiteral("format-annotation"),
                                     QStringLiteral("format-assertion"),
                                     QStringLiteral("content")};
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

// A short rendering of a value for messages: at most ~60 characters and a
// few levels, so that a huge or deeply nested value costs nothing.
void render(const QJsonValue &v, int depth, QString *out)
{
    if (out->size() > 60)
        return;
    switch (v.type()) {
    case QJsonValue::String:
        *out += QLatin1Char('"') + v.toString().left(64) + QLatin1Char('"');
        break;
    case QJsonValue::Double:
        *out += QString::number(v.toDouble(), 'g', 17);
        break;
    case QJsonValue::Bool:
        *out += v.toBool() ? QStringLiteral("true") : QStringLiteral("false");
        break;
    case QJsonValue::Null:
        *out += QStringLiteral("null");
        break;
    case QJsonValue::Array: {
        const QJsonArray a = v.toArray();
        if (depth > 4 && !a.isEmpty()) {
            *out += QStringLiteral("[...]");
            break;
        }
        *out += QLatin1Char('[');
        for (qsizetype i = 0; i < a.size() && out->size() <= 60; ++i) {
            if (i > 0)
                *out += QLatin1Char(',');
            render(a.at(i), depth + 1, out);
        }
        *out += QLatin1Char(']');
        break;
    }
    case QJsonValue::Object: {
        const QJsonObject o = v.toObject();
        if (depth > 4 && !o.isEmpty()) {
            *out += QStringLiteral("{...}");
            break;
        }
        *out += QLatin1Char('{');
        for (auto it = o.begin(); it != o.end() && out->size() <= 60; ++it) {
            if (it != o.begin())
                *out += QLatin1Char(',');
            *out += QLatin1Char('"') + it.key().left(64) + QStringLiteral("\":");
            render(it.value(), depth + 1, out);
        }
        *out += QLatin1Char('}');
        break;
    }
    case QJsonValue::Undefined:
        *out += QStringLiteral("(nothing)");
        break;
    }
}

QString show(const QJsonValue &v)
{
    QString text;
    render(v, 0, &text);
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
bool validDate(int year, int month, int day)
{
    static const int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month < 1 || month > 12 || day < 1 || day > kDays[month - 1])
        return false;
    const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    return month != 2 || day < 29 || leap;
}

bool validTime(const QString &s)
{
    static const QRegularExpression re(QStringLiteral(
        "^([0-9]{2}):([0-9]{2}):([0-9]{2})(\\.[0-9]+)?([Zz]|([+-])([0-9]{2}):([0-9]{2}))\\z"));
    const auto m = re.match(s);
    if (!m.hasMatch())
        return false;
    const int h = m.captured(1).toInt(), min = m.captured(2).toInt(), sec = m.captured(3).toInt();
    const int oh = m.captured(7).toInt(), om = m.captured(8).toInt();
    if (h > 23 || min > 59 || sec > 60 || oh > 23 || om > 59)
        return false;
    if (sec == 60) { // a leap second is 23:59:60 in UTC
        int utc = h * 60 + min;
        if (!m.captured(6).isEmpty())
            utc += (m.captured(6) == QLatin1String("-") ? 1 : -1) * (oh * 60 + om);
        utc = ((utc % 1440) + 1440) % 1440;
        return utc == 23 * 60 + 59;
    }
    return true;
}

bool validDateText(const QString &s)
{
    static const QRegularExpression re(QStringLiteral("^([0-9]{4})-([0-9]{2})-([0-9]{2})\\z"));
    const auto m = re.match(s);
    return m.hasMatch()
        && validDate(m.captured(1).toInt(), m.captured(2).toInt(), m.captured(3).toInt());
}

bool validHostname(const QString &s)
{
    if (s.isEmpty() || s.size() > 253)
        return false;
    static const QRegularExpression label(
        QStringLiteral("^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\z"));
    const QStringList labels = s.endsWith(QLatin1Char('.')) ? s.chopped(1).split(QLatin1Char('.'))
                                                            : s.split(QLatin1Char('.'));
    for (const QString &l : labels) {
        if (!label.match(l).hasMatch())
            return false;
        if (l.size() >= 4 && l.at(2) == QLatin1Char('-') && l.at(3) == QLatin1Char('-')
            && !l.startsWith(QLatin1String("xn"), Qt::CaseInsensitive))
            return false;
    }
    return true;
}

bool validIpv4(const QString &s)
{
    static const QRegularExpression re(QStringLiteral(
        "^(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])(\\.(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?"
        "[0-9])){3}\\z"));
    return re.match(s).hasMatch();
}

bool validIpv6(const QString &s)
{
    if (s.isEmpty() || s.contains(QLatin1Char('%')) || s.contains(QLatin1Char('/')))
        return false;
    for (const QChar c : s) {
        if (!((c >= QLatin1Char('0') && c <= QLatin1Char('9')) || c == QLatin1Char(':')
              || c == QLatin1Char('.') || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
              || (c >= QLatin1Char('A') && c <= QLatin1Char('F'))))
            return false;
    }
    QString rest = s;
    int groups = 0;
    const qsizetype lastColon = rest.lastIndexOf(QLatin1Char(':'));
    if (rest.indexOf(QLatin1Char('.')) > lastColon) { // an embedded IPv4 tail
        if (!validIpv4(rest.mid(lastColon + 1)))
            return false;
        rest = rest.left(lastColon + 1) + QStringLiteral("0:0");
    }
    const qsizetype gap = rest.indexOf(QStringLiteral("::"));
    if (gap >= 0 && rest.indexOf(QStringLiteral("::"), gap + 1) >= 0)
        return false;
    const QStringList parts = rest.split(QLatin1Char(':'));
    for (qsizetype i = 0; i < parts.size(); ++i) {
        const QString &part = parts.at(i);
        if (part.isEmpty()) {
            const bool inGap = gap >= 0;
            if (!inGap)
                return false;
            continue;
        }
        if (part.size() > 4)
            return false;
        ++groups;
    }
    if (gap < 0)
        return groups == 8 && parts.size() == 8;
    // "::" stands for at least one group; a single ":" at either end is wrong.
    if ((rest.startsWith(QLatin1Char(':')) && !rest.startsWith(QStringLiteral("::")))
        || (rest.endsWith(QLatin1Char(':')) && !rest.endsWith(QStringLiteral("::"))))
        return false;
    return groups <= 7;
}

// The formats asserted when the format-assertion vocabulary is in force;
// unknown formats pass (as the specification asks).
bool formatHolds(const QString &format, const QString &s)
{
    if (format == QLatin1String("date"))
        return validDateText(s);
    if (format == QLatin1String("time"))
        return validTime(s);
    if (format == QLatin1String("date-time")) {
        const qsizetype t = s.indexOf(QRegularExpression(QStringLiteral("[Tt]")));
        return t == 10 && validDateText(s.left(10)) && validTime(s.mid(11));
    }
    if (format == QLatin1String("email")) {
        const qsizetype at = s.lastIndexOf(QLatin1Char('@'));
        if (at <= 0)
            return false;
        const QString local = s.left(at), domain = s.mid(at + 1);
        static const QRegularExpression quoted(QStringLiteral(
            "^\"([\\x{20}\\x{21}\\x{23}-\\x{5B}\\x{5D}-\\x{7E}]|\\\\[\\x{20}-\\x{7E}])*\"\\z"));
        static const QRegularExpression localRe(QStringLiteral(
            "^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*\\z"));
        if (!localRe.match(local).hasMatch() && !quoted.match(local).hasMatch())
            return false;
        if (domain.startsWith(QLatin1Char('[')) && domain.endsWith(QLatin1Char(']'))) {
            const QString literal = domain.mid(1, domain.size() - 2);
            return literal.startsWith(QLatin1String("IPv6:")) ? validIpv6(literal.mid(5))
                                                              : validIpv4(literal);
        }
        return validHostname(domain);
    }
    if (format == QLatin1String("hostname"))
        return validHostname(s);
    if (format == QLatin1String("ipv4"))
        return validIpv4(s);
    if (format == QLatin1String("ipv6"))
        return validIpv6(s);
    if (format == QLatin1String("uuid")) {
        static const QRegularExpression re(QStringLiteral(
            "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\\z"));
        return re.match(s).hasMatch();
    }
    if (format == QLatin1String("uri") || format == QLatin1String("uri-reference")) {
        for (const QChar c : s) {
            if (c.unicode() > 0x7e || c.unicode() <= 0x20 || c == QLatin1Char('\\')
                || c == QLatin1Char('"') || c == QLatin1Char('<') || c == QLatin1Char('>')
                || c == QLatin1Char('^') || c == QLatin1Char('`') || c == QLatin1Char('{')
                || c == QLatin1Char('|') || c == QLatin1Char('}'))
                return false;
        }
        // Square brackets only around an IP literal host.
        const qsizetype authority = s.indexOf(QStringLiteral("//"));
        const qsizetype authorityEnd = authority < 0
            ? -1
            : s.indexOf(QRegularExpression(QStringLiteral("[/?#]")), authority + 2);
        for (qsizetype i = 0; i < s.size(); ++i) {
            if ((s.at(i) == QLatin1Char('[') || s.at(i) == QLatin1Char(']'))
                && (authority < 0 || i < authority + 2 || (authorityEnd >= 0 && i > authorityEnd)))
                return false;
        }
        if (s.isEmpty())
            return format == QLatin1String("uri-reference");
        const QUrl url(s, QUrl::StrictMode);
        return url.isValid()
            && (format == QLatin1String("uri-reference") || !url.scheme().isEmpty());
    }
    if (format == QLatin1String("json-pointer")) {
        static const QRegularExpression re(QStringLiteral("^(/([^~/]|~[01])*)*\\z"));
        return re.match(s).hasMatch();
    }
    if (format == QLatin1String("regex")) {
        QString why;
        return EcmaRegex::compile(s, &why).isValid();
    }
    if (format == QLatin1String("duration")) { // RFC 3339 appendix A
        static const QRegularExpression re(QStringLiteral(
            "^P(?:(?:[0-9]+Y(?:[0-9]+M(?:[0-9]+D)?)?|[0-9]+M(?:[0-9]+D)?|[0-9]+D)(?:T(?:[0-9]+H(?:["
            "0-9]+M(?:[0-9]+S)?)?|[0-9]+M(?:[0-9]+S)?|[0-9]+S))?|T(?:[0-9]+H(?:[0-9]+M(?:[0-9]+S)?"
            ")?|[0-9]+M(?:[0-9]+S)?|[0-9]+S)|[0-9]+W)\\z"));
        return re.match(s).hasMatch();
    }
    return true;
}
} // namespace

JsonSchemaValidator::JsonSchemaValidator() = default;
JsonSchemaValidator::~JsonSchemaValidator() = default;

bool JsonSchemaValidator::jsonEqual(const QJsonValue &a, const QJsonValue &b)
{
    // With a list instead of recursion: a value nested 100 000 deep cannot
    // exhaust the stack.
    QList<std::pair<QJsonValue, QJsonValue>> pending{{a, b}};
    while (!pending.isEmpty()) {
        const std::pair<QJsonValue, QJsonValue> next = pending.takeLast();
        const QJsonValue &x = next.first;
        const QJsonValue &y = next.second;
        if (x.type() != y.type())
            return false;
        switch (x.type()) {
        case QJsonValue::Double:
            if (x.toDouble() != y.toDouble())
                return false;
            break;
        case QJsonValue::Array: {
            const QJsonArray p = x.toArray(), q = y.toArray();
            if (p.size() != q.size())
                return false;
            for (qsizetype i = 0; i < p.size(); ++i)
                pending.append({p.at(i), q.at(i)});
            break;
        }
        case QJsonValue::Object: {
            const QJsonObject p = x.toObject(), q = y.toObject();
            if (p.size() != q.size())
                return false;
            for (auto it = p.begin(); it != p.end(); ++it) {
                const auto other = q.constFind(it.key());
                if (other == q.constEnd())
                    return false;
                pending.append({it.value(), other.value()});
            }
            break;
        }
        default:
            if (x != y)
                return false;
            break;
        }
    }
    return true;
}

bool JsonSchemaValidator::addResource(const QString &uri, const QJsonValue &schema, QString *error)
{
    const QUrl url(uri);
    if (!url.isValid() || url.isRelative() || !url.fragment().isEmpty()) {
        if (error)
            *error = QStringLiteral("%1 is not an absolute URI without a fragment").arg(uri);
        return false;
    }
    if (!schema.isObject() && !schema.isBool()) {
        if (error)
            *error = QStringLiteral("a schema must be a JSON object or a boolean, not %1")
                         .arg(typeOf(schema));
        return false;
    }
    m_external.insert(docKey(url), schema);
    return true;
}

bool JsonSchemaValidator::setSchema(const QJsonValue &schema, QString *error)
{
    const Dialect defaultDialect = m_defaultDialect;
    const qint64 workLimit = m_workLimit;
    QHash<QString, QJsonValue> external = std::move(m_external);
    *this = JsonSchemaValidator();
    m_defaultDialect = defaultDialect;
    m_workLimit = workLimit;
    m_external = std::move(external);
    auto fail = [this, error](const QString &why) {
        if (error)
            *error = why;
        m_resources.clear();
        m_dynamicAnchors.clear();
        m_schema = QJsonValue();
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

    QString why;
    for (auto it = m_external.cbegin(); it != m_external.cend(); ++it) {
        if (!indexDocument(it.value(), QUrl(it.key()), &why))
            return fail(QStringLiteral("resource %1: %2").arg(it.key(), why));
    }
    if (!indexDocument(schema, kDefaultBase, &why))
        return fail(why);
    // Every $ref must lead somewhere: into this document, a known resource, a
    // built-in metaschema, or to another document (not fetched: reported as remote).
    for (qsizetype i = 0; i < m_pendingRefs.size(); ++i) {
        const PendingRef ref = m_pendingRefs.at(i);
        const QUrl resolved = ref.base.resolved(QUrl(ref.ref));
        if (!m_resources.contains(docKey(resolved))
            && JsonSchemaMetaschemas::isBuiltIn(docKey(resolved)) && !indexBuiltInMetaschemas(&why))
            return fail(why);
        if (!m_resources.contains(docKey(resolved))) {
            m_remoteRefs.append(resolved.toString());
            continue;
        }
        QJsonValue target;
        QUrl targetBase;
        if (!resolve(ref.ref, ref.base, &target, &targetBase, &why))
            return fail(QStringLiteral("%1: %2").arg(ref.pointer, why));
    }
    m_pendingRefs.clear();
    m_remoteRefs.removeDuplicates();
    // The vocabularies of every metaschema named by a $schema.
    const QStringList metaschemas = m_vocabularies.keys();
    for (const QString &metaschema : metaschemas) {
        if (!loadVocabularies(metaschema, &why))
            return fail(why);
    }
    // A schema whose $refs expand into too many subschemas ("billion laughs")
    // would make validation exponential: refuse it now.
    QHash<QString, qint64> memo;
    QSet<QString> active;
    if (expansion(schema, kDefaultBase, 0, &memo, &active, &why) < 0)
        return fail(why);
    m_loaded = true;
    return true;
}

bool JsonSchemaValidator::indexDocument(const QJsonValue &schema, const QUrl &base, QString *error)
{
    m_resources.insert(docKey(base), {schema, base});
    return index(schema, base, QString(), 0, error);
}

bool JsonSchemaValidator::indexBuiltInMetaschemas(QString *error)
{
    if (m_builtInsIndexed)
        return true;
    m_builtInsIndexed = true;
    const auto documents = JsonSchemaMetaschemas::documents();
    for (const auto &document : documents) {
        if (m_resources.contains(document.uri))
            continue; // a resource given by the caller wins
        if (!indexDocument(document.schema, QUrl(document.uri), error))
            return false;
    }
    return true;
}

bool JsonSchemaValidator::loadVocabularies(const QString &metaschema, QString *error)
{
    Vocabularies vocabularies;
    const QUrl url(metaschema);
    const QString key = docKey(url);
    if (key == QLatin1String("https://json-schema.org/draft/2020-12/schema")
        && !m_external.contains(key)) {
        m_vocabularies.insert(metaschema, vocabularies); // the standard set, nothing to load
        return true;
    }
    if (!m_resources.contains(key) && JsonSchemaMetaschemas::isBuiltIn(key)
        && !indexBuiltInMetaschemas(error))
        return false;
    const QJsonObject meta = m_resources.value(key).schema.toObject();
    const QJsonValue declared = meta.value(QStringLiteral("$vocabulary"));
    if (declared.isObject()) {
        vocabularies = Vocabularies{false, false, false, false};
        const QJsonObject map = declared.toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            const QString name = it.key().startsWith(kVocabularyPrefix)
                ? it.key().mid(kVocabularyPrefix.size())
                : QString();
            if (!kKnownVocabularies.contains(name)) {
                if (it.value().toBool()) {
                    *error = QStringLiteral("the metaschema %1 requires the vocabulary %2, which "
                                            "this validator does not know")
                                 .arg(metaschema, it.key());
                    return false;
                }
                continue; // an optional vocabulary we do not know: ignored
            }
            if (name == QLatin1String("applicator"))
                vocabularies.applicator = true;
            else if (name == QLatin1String("unevaluated"))
                vocabularies.unevaluated = true;
            else if (name == QLatin1String("validation"))
                vocabularies.validation = true;
            else if (name == QLatin1String("format-assertion"))
                vocabularies.formatAssertion = true;
        }
    }
    m_vocabularies.insert(metaschema, vocabularies);
    return true;
}

bool JsonSchemaValidator::index(const QJsonValue &schema, const QUrl &base, const QString &pointer,
                                int depth, QString *error)
{
    if (schema.isBool())
        return true;
    const QString where = pointer.isEmpty() ? QStringLiteral("(root)") : pointer;
    if (!schema.isObject()) {
        *error = QStringLiteral("%1: a schema must be an object or a boolean, not %2")
                     .arg(where, typeOf(schema));
        return false;
    }
    if (depth > kMaxSchemaDepth) {
        *error = QStringLiteral("%1: the schema nests deeper than %2 levels")
                     .arg(where.left(80) + QStringLiteral("..."))
                     .arg(kMaxSchemaDepth);
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
            m_resources.insert(docKey(base) + QLatin1Char('#')
                                   + resolved.fragment(QUrl::FullyDecoded),
                               {schema, base});
        } else {
            here = resolved.adjusted(QUrl::RemoveFragment);
            m_resources.insert(docKey(here), {schema, base});
            if (!resolved.fragment().isEmpty())
                m_resources.insert(docKey(here) + QLatin1Char('#')
                                       + resolved.fragment(QUrl::FullyDecoded),
                                   {schema, base});
        }
    }
    if (o.value(QStringLiteral("$anchor")).isString())
        m_resources.insert(docKey(here) + QLatin1Char('#')
                               + o.value(QStringLiteral("$anchor")).toString(),
                           {schema, base});
    if (o.value(QStringLiteral("$dynamicAnchor")).isString()
        && m_dialect == Dialect::Draft2020_12) {
        const QString key = docKey(here) + QLatin1Char('#')
            + o.value(QStringLiteral("$dynamicAnchor")).toString();
        m_dynamicAnchors.insert(key, {schema, base});
        if (!m_resources.contains(key))
            m_resources.insert(key, {schema, base}); // a $ref may name it as a plain anchor
    }
    if (o.contains(QStringLiteral("unevaluatedProperties"))
        || o.contains(QStringLiteral("unevaluatedItems")))
        m_usesUnevaluated = true;
    if (o.contains(QStringLiteral("$schema"))) {
        if (!o.value(QStringLiteral("$schema")).isString())
            return bad(QStringLiteral("$schema"), QStringLiteral("must be a string"));
        m_vocabularies.insert(o.value(QStringLiteral("$schema")).toString(), Vocabularies());
    }
    for (const QString &keyword : {QStringLiteral("$ref"), QStringLiteral("$dynamicRef")}) {
        if (!o.contains(keyword))
            continue;
        if (!o.value(keyword).isString())
            return bad(keyword, QStringLiteral("must be a string"));
        m_pendingRefs.append(
            {o.value(keyword).toString(), here, pointer + QLatin1Char('/') + keyword});
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
        QString why;
        QRegularExpression re = EcmaRegex::compile(pattern, &why);
        if (!re.isValid())
            return bad(keyword,
                       QStringLiteral("invalid regular expression %1: %2").arg(show(pattern), why));
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
        if (o.contains(key)
            && !index(o.value(key), here, pointer + QLatin1Char('/') + key, depth + 1, error))
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
                       depth + 1, error))
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
                       depth + 1, error))
                return false;
        }
    }
    const QJsonValue items = o.value(QStringLiteral("items"));
    if (items.isArray()) {
        const QJsonArray list = items.toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!index(list.at(i), here, pointer + QStringLiteral("/items/") + QString::number(i),
                       depth + 1, error))
                return false;
        }
    } else if (!items.isUndefined()
               && !index(items, here, pointer + QStringLiteral("/items"), depth + 1, error)) {
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
                       pointer + QStringLiteral("/dependencies/") + escapePointer(it.key()),
                       depth + 1, error))
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
    if (fragment.isEmpty()) {
        *target = it->schema;
        *targetBase = it->parentBase;
        return true;
    }
    if (!fragment.startsWith(QLatin1Char('/'))) {
        const auto anchor = m_resources.constFind(doc + QLatin1Char('#') + fragment);
        if (anchor == m_resources.constEnd()) {
            *why = QStringLiteral("$ref %1: no schema is named \"%2\"").arg(show(ref), fragment);
            return false;
        }
        *target = anchor->schema;
        *targetBase = anchor->parentBase;
        return true;
    }
    // A JSON Pointer, walked step by step so that $ids on the way move the base
    // (the target's own $id is applied when it is evaluated).
    QJsonValue node = it->schema;
    QUrl currentBase = resolved.adjusted(QUrl::RemoveFragment);
    const QStringList tokens = fragment.mid(1).split(QLatin1Char('/'));
    bool first = true;
    for (QString token : tokens) {
        if (!first) {
            const QJsonObject step = node.toObject();
            const bool refHides
                = m_dialect == Dialect::Draft7 && step.contains(QStringLiteral("$ref"));
            const QString id = step.value(QStringLiteral("$id")).toString();
            if (!id.isEmpty() && !id.startsWith(QLatin1Char('#')) && !refHides)
                currentBase = currentBase.resolved(QUrl(id)).adjusted(QUrl::RemoveFragment);
        }
        first = false;
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
    }
    *target = node;
    *targetBase = currentBase;
    return true;
}

qint64 JsonSchemaValidator::expansion(const QJsonValue &schema, const QUrl &base, int depth,
                                      QHash<QString, qint64> *memo, QSet<QString> *active,
                                      QString *error) const
{
    if (!schema.isObject())
        return 1;
    if (depth > 4 * kMaxSchemaDepth) {
        *error = QStringLiteral("the schema's $refs lead through more than %1 levels")
                     .arg(4 * kMaxSchemaDepth);
        return -1;
    }
    const QJsonObject o = schema.toObject();
    QUrl here = base;
    const QString id = o.value(QStringLiteral("$id")).toString();
    if (!id.isEmpty() && !id.startsWith(QLatin1Char('#'))
        && !(m_dialect == Dialect::Draft7 && o.contains(QStringLiteral("$ref"))))
        here = base.resolved(QUrl(id)).adjusted(QUrl::RemoveFragment);
    qint64 total = 1;
    auto add = [&](const QJsonValue &sub, const QUrl &subBase) {
        const qint64 n = expansion(sub, subBase, depth + 1, memo, active, error);
        if (n < 0)
            return false;
        total += n;
        if (total > kMaxExpansion) {
            *error = QStringLiteral("the schema expands to more than %1 subschemas through its "
                                    "$refs (too large to validate)")
                         .arg(kMaxExpansion);
            return false;
        }
        return true;
    };
    for (const QString &keyword : {QStringLiteral("$ref"), QStringLiteral("$dynamicRef")}) {
        if (!o.value(keyword).isString())
            continue;
        const QString key = here.resolved(QUrl(o.value(keyword).toString())).toString();
        if (active->contains(key))
            continue; // recursion: bounded by the instance's depth, counted once
        const auto known = memo->constFind(key);
        if (known != memo->constEnd()) {
            total += *known;
        } else {
            QJsonValue target;
            QUrl targetBase;
            QString why;
            if (!resolve(o.value(keyword).toString(), here, &target, &targetBase, &why))
                continue; // remote: a violation when validating
            active->insert(key);
            const qint64 before = total;
            const bool ok = add(target, targetBase);
            active->remove(key);
            if (!ok)
                return -1;
            memo->insert(key, total - before);
        }
        if (total > kMaxExpansion) {
            *error = QStringLiteral("the schema expands to more than %1 subschemas through its "
                                    "$refs (too large to validate)")
                         .arg(kMaxExpansion);
            return -1;
        }
    }
    for (const QString &key : kSingle) {
        if (o.contains(key) && !add(o.value(key), here))
            return -1;
    }
    QStringList lists = kArrays;
    lists << QStringLiteral("items");
    for (const QString &key : std::as_const(lists)) {
        const QJsonArray list = o.value(key).toArray();
        for (const QJsonValue &sub : list) {
            if (!add(sub, here))
                return -1;
        }
    }
    if (o.value(QStringLiteral("items")).isObject() && !add(o.value(QStringLiteral("items")), here))
        return -1;
    for (const char *key :
         {"properties", "patternProperties", "dependentSchemas", "dependencies"}) {
        const QJsonObject map = o.value(QLatin1String(key)).toObject();
        for (auto it = map.begin(); it != map.end(); ++it) {
            if (!add(it.value(), here))
                return -1;
        }
    }
    return total;
}
struct JsonSchemaValidator::Annotations
{
    bool allProperties = false;
    QSet<QString> properties;
    bool allItems = false;
    qsizetype prefixItems = 0;
    QSet<qsizetype> items;

    void merge(const Annotations &other)
    {
        allProperties = allProperties || other.allProperties;
        if (!allProperties)
            properties.unite(other.properties);
        allItems = allItems || other.allItems;
        prefixItems = std::max(prefixItems, other.prefixItems);
        if (!allItems)
            items.unite(other.items);
    }
    bool hasProperty(const QString &name) const
    {
        return allProperties || properties.contains(name);
    }
    bool hasItem(qsizetype i) const { return allItems || i < prefixItems || items.contains(i); }
};

struct JsonSchemaValidator::Evaluation
{
    QList<QUrl> dynamicScope; // the schema resources entered, outermost first
    qint64 steps = 0;
    qint64 limit = 0;
    bool exhausted = false;
    Vocabularies vocabularies;
};

QList<SchemaViolation> JsonSchemaValidator::validate(const QJsonValue &instance) const
{
    QList<SchemaViolation> out;
    if (!m_loaded)
        return {{QString(), QString(), QString(), QStringLiteral("no schema is loaded")}};
    Evaluation eval;
    eval.limit = m_workLimit;
    if (!m_dynamicAnchors.isEmpty())
        eval.dynamicScope.append(kDefaultBase);
    Annotations annotations;
    check(m_schema, instance, kDefaultBase, QString(), QString(), 0, &eval, &annotations, &out);
    if (eval.exhausted) // what was found on the way may be an artefact of stopping: only this
        out = {{QString(), QStringLiteral("limit"), QString(),
                QStringLiteral("validation stopped after %1 steps: this schema and value "
                               "need more work than allowed")
                    .arg(m_workLimit)}};
    return out;
}

bool JsonSchemaValidator::isValid(const QJsonValue &instance) const
{
    return validate(instance).isEmpty();
}

bool JsonSchemaValidator::check(const QJsonValue &schema, const QJsonValue &instance,
                                const QUrl &base, const QString &instancePath,
                                const QString &schemaPath, int depth, Evaluation *eval,
                                Annotations *annotations, QList<SchemaViolation> *out) const
{
    if (eval->exhausted)
        return false;
    if (++eval->steps > eval->limit) {
        eval->exhausted = true;
        return false;
    }
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
    const QJsonObject o = schema.toObject();
    // An $id starts a schema resource: $refs below resolve against it, and it
    // joins the dynamic scope. A $schema may change the vocabularies in force.
    QUrl here = base;
    const bool refHidesSiblings
        = m_dialect == Dialect::Draft7 && o.contains(QStringLiteral("$ref"));
    const QString id = o.value(QStringLiteral("$id")).toString();
    const qsizetype scopeSize = eval->dynamicScope.size();
    if (!id.isEmpty() && !id.startsWith(QLatin1Char('#')) && !refHidesSiblings) {
        here = base.resolved(QUrl(id)).adjusted(QUrl::RemoveFragment);
        if (!m_dynamicAnchors.isEmpty())
            eval->dynamicScope.append(here);
    }
    const Vocabularies outer = eval->vocabularies;
    const QString metaschema = o.value(QStringLiteral("$schema")).toString();
    if (!metaschema.isEmpty())
        eval->vocabularies = m_vocabularies.value(metaschema);
    const bool valid = checkObjectSchema(o, instance, here, instancePath, schemaPath, depth, eval,
                                         annotations, out);
    eval->vocabularies = outer;
    eval->dynamicScope.resize(scopeSize);
    return valid;
}

// One schema object applied to one value: what each keyword group needs. The
// groups are separate functions so that the stack frame of one level of
// nesting stays small (validation recurses through them).
struct JsonSchemaValidator::Frame
{
    const QJsonObject &o;
    const QJsonValue &instance;
    const QUrl &here;
    const QString &ip;
    const QString &sp;
    int depth;
    Evaluation *eval;
    Annotations *annotations;
    QList<SchemaViolation> *out;
    bool modern;
    Vocabularies vocab;
    bool valid = true;

    void fail(const QString &keyword, const QString &message)
    {
        out->append({ip, keyword, sp + QLatin1Char('/') + keyword, message});
        valid = false;
    }
};

bool JsonSchemaValidator::checkObjectSchema(const QJsonObject &o, const QJsonValue &instance,
                                            const QUrl &here, const QString &ip, const QString &sp,
                                            int depth, Evaluation *eval, Annotations *annotations,
                                            QList<SchemaViolation> *out) const
{
    Frame f{o,
            instance,
            here,
            ip,
            sp,
            depth,
            eval,
            annotations,
            out,
            m_dialect == Dialect::Draft2020_12,
            eval->vocabularies};
    if (!checkReferences(f))
        return f.valid; // draft-07: a $ref hides its siblings
    checkAssertions(f);
    if (instance.isArray())
        checkArray(f);
    if (instance.isObject())
        checkObject(f);
    if (f.vocab.applicator)
        checkApplicators(f);
    if (f.modern && f.vocab.unevaluated)
        checkUnevaluated(f);
    return f.valid;
}

// A subschema applied to a child of the instance: its annotations stay there.
bool JsonSchemaValidator::sub(Frame &f, const QJsonValue &schema, const QJsonValue &value,
                              const QString &path, const QString &schemaPath,
                              QList<SchemaViolation> *sink) const
{
    Annotations ignored;
    return check(schema, value, f.here, path, schemaPath, f.depth + 1, f.eval, &ignored, sink);
}

// A subschema applied in place: a valid one's annotations count here.
bool JsonSchemaValidator::inPlace(Frame &f, const QJsonValue &schema, const QUrl &base,
                                  const QString &schemaPath, QList<SchemaViolation> *sink,
                                  bool entersResource) const
{
    // Following a reference enters the target's schema resource: it joins the
    // dynamic scope (which only $dynamicRef reads). A target with its own $id
    // is a resource root, and check() adds it; otherwise the resource is base.
    const qsizetype scopeSize = f.eval->dynamicScope.size();
    const QString targetId = schema.toObject().value(QStringLiteral("$id")).toString();
    const bool ownResource = !targetId.isEmpty() && !targetId.startsWith(QLatin1Char('#'));
    if (entersResource && !ownResource && !m_dynamicAnchors.isEmpty()
        && (f.eval->dynamicScope.isEmpty() || f.eval->dynamicScope.constLast() != base))
        f.eval->dynamicScope.append(base);
    Annotations inner;
    const bool ok
        = check(schema, f.instance, base, f.ip, schemaPath, f.depth + 1, f.eval, &inner, sink);
    f.eval->dynamicScope.resize(scopeSize);
    if (ok)
        f.annotations->merge(inner);
    return ok;
}

// $ref and $dynamicRef; false when the siblings are not evaluated (draft-07).
bool JsonSchemaValidator::checkReferences(Frame &f) const
{
    const QJsonObject &o = f.o;
    const QUrl &here = f.here;
    const QString &sp = f.sp;
    QList<SchemaViolation> *out = f.out;
    const bool modern = f.modern;
    Evaluation *eval = f.eval;
    if (o.contains(QStringLiteral("$ref"))) {
        QJsonValue target;
        QUrl targetBase;
        QString why;
        if (!resolve(o.value(QStringLiteral("$ref")).toString(), here, &target, &targetBase, &why))
            f.fail(QStringLiteral("$ref"), why);
        else if (!inPlace(f, target, targetBase, sp + QStringLiteral("/$ref"), out, true))
            f.valid = false;
        if (m_dialect == Dialect::Draft7)
            return false;
    }
    if (modern && o.contains(QStringLiteral("$dynamicRef"))) {
        const QString ref = o.value(QStringLiteral("$dynamicRef")).toString();
        QJsonValue target;
        QUrl targetBase;
        QString why;
        if (!resolve(ref, here, &target, &targetBase, &why)) {
            f.fail(QStringLiteral("$dynamicRef"), why);
        } else {
            // If the reference lands on a $dynamicAnchor of that name, the outermost
            // resource of the dynamic scope with such an anchor wins.
            const QUrl resolved = here.resolved(QUrl(ref));
            const QString name = resolved.fragment(QUrl::FullyDecoded);
            if (!name.isEmpty() && !name.startsWith(QLatin1Char('/'))
                && m_dynamicAnchors.contains(docKey(resolved) + QLatin1Char('#') + name)) {
                for (const QUrl &scope : std::as_const(eval->dynamicScope)) {
                    const auto found
                        = m_dynamicAnchors.constFind(docKey(scope) + QLatin1Char('#') + name);
                    if (found != m_dynamicAnchors.constEnd()) {
                        target = found->schema;
                        targetBase = found->parentBase;
                        break;
                    }
                }
            }
            if (!inPlace(f, target, targetBase, sp + QStringLiteral("/$dynamicRef"), out, true))
                f.valid = false;
        }
    }

    return true;
}

// type, enum, const, numbers, strings, format.
void JsonSchemaValidator::checkAssertions(Frame &f) const
{
    const QJsonObject &o = f.o;
    const QJsonValue &instance = f.instance;
    const Vocabularies &vocab = f.vocab;
    if (vocab.validation) {
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
                f.fail(QStringLiteral("type"),
                       QStringLiteral("%1 is not of type %2")
                           .arg(show(instance), names.join(QStringLiteral(" or "))));
        }
        if (o.contains(QStringLiteral("enum"))) {
            bool found = false;
            for (const QJsonValue &v : o.value(QStringLiteral("enum")).toArray())
                found = found || jsonEqual(v, instance);
            if (!found)
                f.fail(QStringLiteral("enum"),
                       QStringLiteral("%1 is not one of %2")
                           .arg(show(instance), show(o.value(QStringLiteral("enum")))));
        }
        if (o.contains(QStringLiteral("const"))
            && !jsonEqual(o.value(QStringLiteral("const")), instance))
            f.fail(QStringLiteral("const"),
                   QStringLiteral("%1 is not %2")
                       .arg(show(instance), show(o.value(QStringLiteral("const")))));
    }
    // numbers
    if (vocab.validation && instance.isDouble()) {
        const double x = instance.toDouble();
        if (o.contains(QStringLiteral("multipleOf"))) {
            const double m = o.value(QStringLiteral("multipleOf")).toDouble();
            const double q = x / m;
            // x / m overflows for huge x (1e308 / 0.5): then the remainder decides.
            const bool ok = std::isfinite(q)
                ? std::abs(q - std::round(q)) <= 1e-9 * std::max(1.0, std::abs(q))
                : std::isfinite(x) && std::fmod(x, m) == 0;
            if (!ok)
                f.fail(QStringLiteral("multipleOf"),
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
                f.fail(QStringLiteral("maximum"),
                       QStringLiteral("%1 is greater than %2%3")
                           .arg(show(instance),
                                exclusive ? QStringLiteral("or equal to ") : QString(), show(max)));
        }
        if (min.isDouble()) {
            const bool exclusive = exMin.isBool() && exMin.toBool();
            if (exclusive ? x <= min.toDouble() : x < min.toDouble())
                f.fail(QStringLiteral("minimum"),
                       QStringLiteral("%1 is less than %2%3")
                           .arg(show(instance),
                                exclusive ? QStringLiteral("or equal to ") : QString(), show(min)));
        }
        if (exMax.isDouble() && x >= exMax.toDouble())
            f.fail(QStringLiteral("exclusiveMaximum"),
                   QStringLiteral("%1 is not less than %2").arg(show(instance), show(exMax)));
        if (exMin.isDouble() && x <= exMin.toDouble())
            f.fail(QStringLiteral("exclusiveMinimum"),
                   QStringLiteral("%1 is not greater than %2").arg(show(instance), show(exMin)));
    }

    // strings
    if (vocab.validation && instance.isString()) {
        const QString s = instance.toString();
        const qsizetype length = codePoints(s);
        if (o.contains(QStringLiteral("maxLength"))
            && length > o.value(QStringLiteral("maxLength")).toDouble())
            f.fail(QStringLiteral("maxLength"),
                   QStringLiteral("%1 is longer than %2 characters")
                       .arg(show(instance))
                       .arg(o.value(QStringLiteral("maxLength")).toInteger()));
        if (o.contains(QStringLiteral("minLength"))
            && length < o.value(QStringLiteral("minLength")).toDouble())
            f.fail(QStringLiteral("minLength"),
                   QStringLiteral("%1 is shorter than %2 characters")
                       .arg(show(instance))
                       .arg(o.value(QStringLiteral("minLength")).toInteger()));
        if (o.contains(QStringLiteral("pattern"))) {
            const QString pattern = o.value(QStringLiteral("pattern")).toString();
            const QRegularExpression *re = regex(pattern);
            if (re && !re->match(s).hasMatch())
                f.fail(QStringLiteral("pattern"),
                       QStringLiteral("%1 does not match %2").arg(show(instance), show(pattern)));
        }
    }
    if (vocab.formatAssertion && instance.isString()
        && o.value(QStringLiteral("format")).isString()) {
        const QString format = o.value(QStringLiteral("format")).toString();
        if (!formatHolds(format, instance.toString()))
            f.fail(QStringLiteral("format"),
                   QStringLiteral("%1 is not a valid %2").arg(show(instance), format));
    }
}

void JsonSchemaValidator::checkArray(Frame &f) const
{
    const QJsonObject &o = f.o;
    const QJsonValue &instance = f.instance;
    const QString &ip = f.ip;
    const QString &sp = f.sp;
    Annotations *annotations = f.annotations;
    QList<SchemaViolation> *out = f.out;
    const bool modern = f.modern;
    const Vocabularies &vocab = f.vocab;
    const QJsonArray a = instance.toArray();
    if (vocab.validation) {
        if (o.contains(QStringLiteral("maxItems"))
            && a.size() > o.value(QStringLiteral("maxItems")).toDouble())
            f.fail(QStringLiteral("maxItems"),
                   QStringLiteral("has %1 items, more than %2")
                       .arg(a.size())
                       .arg(o.value(QStringLiteral("maxItems")).toInteger()));
        if (o.contains(QStringLiteral("minItems"))
            && a.size() < o.value(QStringLiteral("minItems")).toDouble())
            f.fail(QStringLiteral("minItems"),
                   QStringLiteral("has %1 items, fewer than %2")
                       .arg(a.size())
                       .arg(o.value(QStringLiteral("minItems")).toInteger()));
        if (o.value(QStringLiteral("uniqueItems")).toBool()) {
            bool unique = true;
            for (qsizetype i = 0; i < a.size() && unique; ++i) {
                for (qsizetype j = i + 1; j < a.size(); ++j) {
                    if (jsonEqual(a.at(i), a.at(j))) {
                        f.fail(QStringLiteral("uniqueItems"),
                               QStringLiteral("items %1 and %2 are equal").arg(i).arg(j));
                        unique = false;
                        break;
                    }
                }
            }
        }
    }
    if (vocab.applicator) {
        // Positional schemas: draft-07 "items": [..] + additionalItems; 2020-12
        // prefixItems + items.
        QJsonArray positional;
        QJsonValue rest;
        QString positionalKey, restKey;
        const QJsonValue items = o.value(QStringLiteral("items"));
        if (o.contains(QStringLiteral("prefixItems")) && modern) {
            positional = o.value(QStringLiteral("prefixItems")).toArray();
            positionalKey = QStringLiteral("prefixItems");
            rest = items;
            restKey = QStringLiteral("items");
        } else if (items.isArray()) {
            positional = items.toArray();
            positionalKey = QStringLiteral("items");
            rest = modern ? QJsonValue() : o.value(QStringLiteral("additionalItems"));
            restKey = QStringLiteral("additionalItems");
        } else {
            rest = items;
            restKey = QStringLiteral("items");
        }
        for (qsizetype i = 0; i < a.size(); ++i) {
            const QString path = ip + QLatin1Char('/') + QString::number(i);
            if (i < positional.size()) {
                if (!sub(f, positional.at(i), a.at(i), path,
                         sp + QLatin1Char('/') + positionalKey + QLatin1Char('/')
                             + QString::number(i),
                         out))
                    f.valid = false;
            } else if (!rest.isUndefined()) {
                if (!sub(f, rest, a.at(i), path, sp + QLatin1Char('/') + restKey, out))
                    f.valid = false;
            }
        }
        annotations->prefixItems // (cheap: kept whether or not unevaluatedItems is used)
            = std::max(annotations->prefixItems, std::min(a.size(), positional.size()));
        if (!rest.isUndefined() && a.size() > positional.size())
            annotations->allItems = true;
        if (o.contains(QStringLiteral("contains"))) {
            qsizetype matches = 0;
            for (qsizetype i = 0; i < a.size(); ++i) {
                QList<SchemaViolation> ignored;
                if (sub(f, o.value(QStringLiteral("contains")), a.at(i),
                        ip + QLatin1Char('/') + QString::number(i),
                        sp + QStringLiteral("/contains"), &ignored)) {
                    ++matches;
                    if (modern)
                        if (m_usesUnevaluated)
                            annotations->items.insert(i);
                }
            }
            const bool counted = modern && vocab.validation;
            const double minContains = counted && o.contains(QStringLiteral("minContains"))
                ? o.value(QStringLiteral("minContains")).toDouble()
                : 1;
            if (matches < minContains)
                f.fail(QStringLiteral("contains"),
                       QStringLiteral("has %1 matching items, fewer than %2")
                           .arg(matches)
                           .arg(minContains));
            if (counted && o.contains(QStringLiteral("maxContains"))
                && matches > o.value(QStringLiteral("maxContains")).toDouble())
                f.fail(QStringLiteral("maxContains"),
                       QStringLiteral("has %1 matching items, more than %2")
                           .arg(matches)
                           .arg(o.value(QStringLiteral("maxContains")).toInteger()));
        }
    }
}

void JsonSchemaValidator::checkObject(Frame &f) const
{
    const QJsonObject &o = f.o;
    const QJsonValue &instance = f.instance;
    const QUrl &here = f.here;
    const QString &ip = f.ip;
    const QString &sp = f.sp;
    Annotations *annotations = f.annotations;
    QList<SchemaViolation> *out = f.out;
    const Vocabularies &vocab = f.vocab;
    const QJsonObject obj = instance.toObject();
    auto requireAll = [&](const QString &keyword, const QString &trigger, const QJsonArray &names) {
        for (const QJsonValue &name : names) {
            if (!obj.contains(name.toString()))
                f.fail(keyword,
                       QStringLiteral("property \"%1\" is needed when \"%2\" is present")
                           .arg(name.toString(), trigger));
        }
    };
    if (vocab.validation) {
        if (o.contains(QStringLiteral("maxProperties"))
            && obj.size() > o.value(QStringLiteral("maxProperties")).toDouble())
            f.fail(QStringLiteral("maxProperties"),
                   QStringLiteral("has %1 properties, more than %2")
                       .arg(obj.size())
                       .arg(o.value(QStringLiteral("maxProperties")).toInteger()));
        if (o.contains(QStringLiteral("minProperties"))
            && obj.size() < o.value(QStringLiteral("minProperties")).toDouble())
            f.fail(QStringLiteral("minProperties"),
                   QStringLiteral("has %1 properties, fewer than %2")
                       .arg(obj.size())
                       .arg(o.value(QStringLiteral("minProperties")).toInteger()));
        for (const QJsonValue &name : o.value(QStringLiteral("required")).toArray()) {
            if (!obj.contains(name.toString()))
                f.fail(QStringLiteral("required"),
                       QStringLiteral("property \"%1\" is missing").arg(name.toString()));
        }
        const QJsonObject dependentRequired
            = o.value(QStringLiteral("dependentRequired")).toObject();
        for (auto it = dependentRequired.begin(); it != dependentRequired.end(); ++it) {
            if (obj.contains(it.key()))
                requireAll(QStringLiteral("dependentRequired"), it.key(), it.value().toArray());
        }
    }
    if (vocab.applicator) {
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
                if (!sub(f, properties.value(it.key()), it.value(), path,
                         sp + QStringLiteral("/properties/") + escapePointer(it.key()), out))
                    f.valid = false;
            }
            for (auto p = patternProperties.begin(); p != patternProperties.end(); ++p) {
                const QRegularExpression *re = regex(p.key());
                if (re && re->match(it.key()).hasMatch()) {
                    matched = true;
                    if (!sub(f, p.value(), it.value(), path,
                             sp + QStringLiteral("/patternProperties/") + escapePointer(p.key()),
                             out))
                        f.valid = false;
                }
            }
            if (!matched && !additional.isUndefined()) {
                matched = true;
                QList<SchemaViolation> inner;
                if (!sub(f, additional, it.value(), path,
                         sp + QStringLiteral("/additionalProperties"), &inner)) {
                    f.valid = false;
                    if (additional.isBool())
                        out->append(
                            {path, QStringLiteral("additionalProperties"),
                             sp + QStringLiteral("/additionalProperties"),
                             QStringLiteral("property \"%1\" is not allowed").arg(it.key())});
                    else
                        out->append(inner);
                }
            }
            if (matched)
                if (m_usesUnevaluated) // only unevaluatedProperties reads them
                    annotations->properties.insert(it.key());
            if (!propertyNames.isUndefined()) {
                QList<SchemaViolation> inner;
                if (!sub(f, propertyNames, QJsonValue(it.key()), path,
                         sp + QStringLiteral("/propertyNames"), &inner))
                    f.fail(QStringLiteral("propertyNames"),
                           QStringLiteral("property name \"%1\" is not allowed").arg(it.key()));
            }
        }
        {
            // draft-07 "dependencies", also honoured in 2020-12 (as dependentRequired
            // plus dependentSchemas) for schemas written before it.
            const QJsonObject dependencies = o.value(QStringLiteral("dependencies")).toObject();
            for (auto it = dependencies.begin(); it != dependencies.end(); ++it) {
                if (!obj.contains(it.key()))
                    continue;
                if (it.value().isArray())
                    requireAll(QStringLiteral("dependencies"), it.key(), it.value().toArray());
                else if (!inPlace(f, it.value(), here,
                                  sp + QStringLiteral("/dependencies/") + escapePointer(it.key()),
                                  out))
                    f.valid = false;
            }
        }
        const QJsonObject dependentSchemas = o.value(QStringLiteral("dependentSchemas")).toObject();
        for (auto it = dependentSchemas.begin(); it != dependentSchemas.end(); ++it) {
            if (obj.contains(it.key())
                && !inPlace(f, it.value(), here,
                            sp + QStringLiteral("/dependentSchemas/") + escapePointer(it.key()),
                            out))
                f.valid = false;
        }
    }
}

// allOf, anyOf, oneOf, not, if/then/else.
void JsonSchemaValidator::checkApplicators(Frame &f) const
{
    const QJsonObject &o = f.o;
    const QJsonValue &instance = f.instance;
    const QUrl &here = f.here;
    const QString &ip = f.ip;
    const QString &sp = f.sp;
    Annotations *annotations = f.annotations;
    QList<SchemaViolation> *out = f.out;
    const bool modern = f.modern;
    const int depth = f.depth;
    Evaluation *eval = f.eval;
    // combinators (every branch is evaluated: their annotations count)
    if (o.contains(QStringLiteral("allOf"))) {
        const QJsonArray list = o.value(QStringLiteral("allOf")).toArray();
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (!inPlace(f, list.at(i), here, sp + QStringLiteral("/allOf/") + QString::number(i),
                         out))
                f.valid = false;
        }
    }
    if (o.contains(QStringLiteral("anyOf"))) {
        const QJsonArray list = o.value(QStringLiteral("anyOf")).toArray();
        bool any = false;
        QList<SchemaViolation> inner;
        for (qsizetype i = 0; i < list.size(); ++i) {
            if (inPlace(f, list.at(i), here, sp + QStringLiteral("/anyOf/") + QString::number(i),
                        &inner))
                any = true;
            else if (!modern && any)
                break;
        }
        if (!any)
            f.fail(QStringLiteral("anyOf"),
                   QStringLiteral("%1 matches none of the %2 alternatives")
                       .arg(show(instance))
                       .arg(list.size()));
    }
    if (o.contains(QStringLiteral("oneOf"))) {
        const QJsonArray list = o.value(QStringLiteral("oneOf")).toArray();
        int matches = 0;
        Annotations matched;
        for (qsizetype i = 0; i < list.size(); ++i) {
            QList<SchemaViolation> inner;
            Annotations branch;
            if (check(list.at(i), instance, here, ip,
                      sp + QStringLiteral("/oneOf/") + QString::number(i), depth + 1, eval, &branch,
                      &inner)) {
                ++matches;
                matched.merge(branch);
            }
        }
        if (matches == 1)
            annotations->merge(matched);
        else
            f.fail(QStringLiteral("oneOf"),
                   matches == 0 ? QStringLiteral("%1 matches none of the %2 alternatives")
                                      .arg(show(instance))
                                      .arg(list.size())
                                : QStringLiteral("%1 matches %2 alternatives, not exactly one")
                                      .arg(show(instance))
                                      .arg(matches));
    }
    if (o.contains(QStringLiteral("not"))) {
        QList<SchemaViolation> inner;
        if (sub(f, o.value(QStringLiteral("not")), instance, ip, sp + QStringLiteral("/not"),
                &inner))
            f.fail(
                QStringLiteral("not"),
                QStringLiteral("%1 must not match the schema under \"not\"").arg(show(instance)));
    }
    if (o.contains(QStringLiteral("if"))) {
        QList<SchemaViolation> inner;
        const bool condition
            = inPlace(f, o.value(QStringLiteral("if")), here, sp + QStringLiteral("/if"), &inner);
        const QString branch = condition ? QStringLiteral("then") : QStringLiteral("else");
        if (o.contains(branch)
            && !inPlace(f, o.value(branch), here, sp + QLatin1Char('/') + branch, out))
            f.valid = false;
    }
}

void JsonSchemaValidator::checkUnevaluated(Frame &f) const
{
    const QJsonObject &o = f.o;
    const QJsonValue &instance = f.instance;
    const QString &ip = f.ip;
    const QString &sp = f.sp;
    Annotations *annotations = f.annotations;
    QList<SchemaViolation> *out = f.out;
    // unevaluatedItems / unevaluatedProperties: after every other keyword, on what
    // no adjacent (or in-place applied) keyword evaluated.
    const QJsonValue unevaluatedItems = o.value(QStringLiteral("unevaluatedItems"));
    if (!unevaluatedItems.isUndefined() && instance.isArray()) {
        const QJsonArray a = instance.toArray();
        for (qsizetype i = 0; i < a.size(); ++i) {
            if (annotations->hasItem(i))
                continue;
            const QString path = ip + QLatin1Char('/') + QString::number(i);
            QList<SchemaViolation> inner;
            if (!sub(f, unevaluatedItems, a.at(i), path, sp + QStringLiteral("/unevaluatedItems"),
                     &inner)) {
                f.valid = false;
                if (unevaluatedItems.isBool())
                    out->append({path, QStringLiteral("unevaluatedItems"),
                                 sp + QStringLiteral("/unevaluatedItems"),
                                 QStringLiteral("item %1 is not allowed").arg(i)});
                else
                    out->append(inner);
            }
        }
        annotations->allItems = true;
    }
    const QJsonValue unevaluatedProperties = o.value(QStringLiteral("unevaluatedProperties"));
    if (!unevaluatedProperties.isUndefined() && instance.isObject()) {
        const QJsonObject obj = instance.toObject();
        for (auto it = obj.begin(); it != obj.end(); ++it) {
            if (annotations->hasProperty(it.key()))
                continue;
            const QString path = ip + QLatin1Char('/') + escapePointer(it.key());
            QList<SchemaViolation> inner;
            if (!sub(f, unevaluatedProperties, it.value(), path,
                     sp + QStringLiteral("/unevaluatedProperties"), &inner)) {
                f.valid = false;
                if (unevaluatedProperties.isBool())
                    out->append({path, QStringLiteral("unevaluatedProperties"),
                                 sp + QStringLiteral("/unevaluatedProperties"),
                                 QStringLiteral("property \"%1\" is not allowed").arg(it.key())});
                else
                    out->append(inner);
            }
        }
        annotations->allProperties = true;
    }
}

const QRegularExpression *JsonSchemaValidator::regex(const QString &pattern) const
{
    const auto it = m_regexes.constFind(pattern);
    return it == m_regexes.constEnd() ? nullptr : &*it;
}

} // namespace mcppm
