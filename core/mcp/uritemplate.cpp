#include "mcp/uritemplate.h"

#include <QUrl>

namespace mcppm {

namespace {

// One character of a value: unreserved or pct-encoded (or, for an IRI, any
// character beyond ASCII); with the reserved set too for {+var} and {#var}.
const QString kPct = QStringLiteral("%[0-9A-Fa-f]{2}");
const QString kNonAscii = QStringLiteral("[^\\x{0}-\\x{7F}]");

QString valueChar(bool reserved, const QString &extra)
{
    const QString set = reserved ? QStringLiteral("A-Za-z0-9\\-._~:/?#\\[\\]@!$&'()*+,;=")
                                 : QStringLiteral("A-Za-z0-9\\-._~") + extra;
    return QStringLiteral("(?:[%1]|%2|%3)").arg(set, kPct, kNonAscii);
}

bool isLiteralAscii(char16_t c)
{
    // RFC 6570 section 2.1: any character except CTL, SP, DQUOTE, "'", "%"
    // (aside from pct-encoded), "<", ">", "\", "^", "`", "{", "|", "}".
    return c == 0x21 || (c >= 0x23 && c <= 0x24) || c == 0x26 || (c >= 0x28 && c <= 0x3B)
        || c == 0x3D || (c >= 0x3F && c <= 0x5B) || c == 0x5D || c == 0x5F
        || (c >= 0x61 && c <= 0x7A) || c == 0x7E;
}

bool isHex(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

// A literal character in a pattern: letters and digits as they are,
// other ASCII escaped, the rest by code point (no surrogate halves).
QString escapeCodePoint(char32_t cp)
{
    if ((cp >= U'a' && cp <= U'z') || (cp >= U'A' && cp <= U'Z') || (cp >= U'0' && cp <= U'9'))
        return QString(QChar(char16_t(cp)));
    if (cp < 0x80)
        return QStringLiteral("\\") + QChar(char16_t(cp));
    return QStringLiteral("\\x{%1}").arg(uint(cp), 0, 16);
}

// A pct-encoded triplet matches either case of its hex digits.
QString pctPattern(QChar a, QChar b)
{
    auto digit = [](QChar c) {
        if (c.isDigit())
            return QString(c);
        return QStringLiteral("[%1%2]").arg(c.toLower(), c.toUpper());
    };
    return QStringLiteral("%") + digit(a) + digit(b);
}

bool isVarName(const QString &name)
{
    static const QRegularExpression re(QRegularExpression::anchoredPattern(QStringLiteral(
        "(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2})(?:\\.?(?:[A-Za-z0-9_]|%[0-9A-Fa-f]{2}))*")));
    return re.match(name).hasMatch();
}

struct Operator
{
    QString first;
    QString sep;
    bool named = false;
    bool emptyNeedsEquals = false; // "?x=" and "&x=" for an empty value; ";x" without
    bool reserved = false;
};

Operator operatorFor(QChar op)
{
    switch (op.unicode()) {
    case u'+':
        return {QString(), QStringLiteral(","), false, false, true};
    case u'#':
        return {QStringLiteral("#"), QStringLiteral(","), false, false, true};
    case u'.':
        return {QStringLiteral("."), QStringLiteral("."), false, false, false};
    case u'/':
        return {QStringLiteral("/"), QStringLiteral("/"), false, false, false};
    case u';':
        return {QStringLiteral(";"), QStringLiteral(";"), true, false, false};
    case u'?':
        return {QStringLiteral("?"), QStringLiteral("&"), true, true, false};
    case u'&':
        return {QStringLiteral("&"), QStringLiteral("&"), true, true, false};
    default:
        return {QString(), QStringLiteral(","), false, false, false};
    }
}

QString literalPattern(const QString &text)
{
    QString out;
    for (QChar c : text)
        out += escapeCodePoint(c.unicode());
    return out;
}

} // namespace

UriTemplate::UriTemplate()
    : m_error(QStringLiteral("empty template"))
{ }

UriTemplate::UriTemplate(const QString &pattern)
    : m_pattern(pattern)
{
    compile();
}

bool UriTemplate::fail(const QString &why)
{
    m_error = why;
    m_names.clear();
    m_groupNames.clear();
    m_regex = QRegularExpression();
    return false;
}

bool UriTemplate::compile()
{
    if (m_pattern.isEmpty())
        return fail(QStringLiteral("empty template"));
    if (m_pattern.size() > kMaxTemplateLength)
        return fail(QStringLiteral("template longer than %1 characters").arg(kMaxTemplateLength));

    QString regex;
    QStringList groups;
    const qsizetype n = m_pattern.size();
    for (qsizetype i = 0; i < n;) {
        const QChar c = m_pattern.at(i);
        if (c == u'}')
            return fail(QStringLiteral("'}' without '{' at position %1").arg(i));
        if (c == u'%') {
            if (i + 2 >= n || !isHex(m_pattern.at(i + 1)) || !isHex(m_pattern.at(i + 2)))
                return fail(
                    QStringLiteral("'%' not followed by two hex digits at position %1").arg(i));
            regex += pctPattern(m_pattern.at(i + 1), m_pattern.at(i + 2));
            i += 3;
            continue;
        }
        if (c.isHighSurrogate()) {
            if (i + 1 >= n || !m_pattern.at(i + 1).isLowSurrogate())
                return fail(QStringLiteral("broken UTF-16 at position %1").arg(i));
            regex += escapeCodePoint(QChar::surrogateToUcs4(c, m_pattern.at(i + 1)));
            i += 2;
            continue;
        }
        if (c.isLowSurrogate())
            return fail(QStringLiteral("broken UTF-16 at position %1").arg(i));
        if (c != u'{') {
            if (c.unicode() < 0x80 && !isLiteralAscii(c.unicode()))
                return fail(QStringLiteral("character %1 not allowed in a template literal "
                                           "(position %2)")
                                .arg(c.unicode() < 0x21 ? QStringLiteral("U+%1").arg(
                                         c.unicode(), 4, 16, QLatin1Char('0'))
                                                        : QString(c))
                                .arg(i));
            regex += escapeCodePoint(c.unicode());
            ++i;
            continue;
        }

        // An expression: {op varspec,varspec,...}
        const qsizetype close = m_pattern.indexOf(u'}', i + 1);
        if (close < 0)
            return fail(QStringLiteral("'{' at position %1 is not closed").arg(i));
        QString body = m_pattern.mid(i + 1, close - i - 1);
        if (const qsizetype nested = body.indexOf(u'{'); nested >= 0)
            return fail(
                QStringLiteral("'{' inside an expression at position %1").arg(i + 1 + nested));
        if (body.isEmpty())
            return fail(QStringLiteral("empty expression at position %1").arg(i));
        QChar opChar;
        if (QStringLiteral("+#./;?&").contains(body.at(0))) {
            opChar = body.at(0);
            body.remove(0, 1);
        } else if (QStringLiteral("=,!@|").contains(body.at(0))) {
            return fail(QStringLiteral("operator '%1' is reserved (position %2)")
                            .arg(body.at(0))
                            .arg(i + 1));
        }
        const Operator op = operatorFor(opChar);
        const QStringList specs = body.split(u',');
        if (specs.size() > kMaxVariablesPerExpression)
            return fail(QStringLiteral("more than %1 variables in one expression (position %2)")
                            .arg(kMaxVariablesPerExpression)
                            .arg(i));

        struct Item
        {
            QString pattern; // with one capture group
            QString name;
        };
        QList<Item> items;
        for (const QString &spec : specs) {
            QString name = spec;
            bool explode = false;
            int prefix = 0;
            if (name.endsWith(u'*')) {
                explode = true;
                name.chop(1);
            }
            if (const qsizetype colon = name.indexOf(u':'); colon >= 0) {
                const QString digits = name.mid(colon + 1);
                bool ok = digits.size() >= 1 && digits.size() <= 4 && digits.at(0) != u'0';
                for (QChar d : digits)
                    ok = ok && d >= u'0' && d <= u'9';
                if (!ok)
                    return fail(QStringLiteral("bad prefix length in \"%1\" (1 to 9999)")
                                    .arg(spec.left(80)));
                if (explode)
                    return fail(QStringLiteral("\"%1\": a prefix and '*' cannot be combined")
                                    .arg(spec.left(80)));
                prefix = digits.toInt();
                name.truncate(colon);
            }
            if (!isVarName(name))
                return fail(QStringLiteral("bad variable name \"%1\"").arg(name.left(80)));
            if (!m_names.contains(name))
                m_names.append(name);

            // Lists join with ","; exploded associative arrays of the
            // unnamed operators write "key=value".
            const QString ch = valueChar(
                op.reserved, explode && !op.named ? QStringLiteral(",=") : QStringLiteral(","));
            const QString quantifier
                = prefix > 0 ? QStringLiteral("{0,%1}").arg(prefix) : QStringLiteral("*");
            const QString value = ch + quantifier;
            const QString sep = literalPattern(op.sep);
            QString item;
            if (!op.named) {
                item = explode && op.sep == QLatin1String("/")
                    ? QStringLiteral("(%1(?:%2%1)*)").arg(value, sep)
                    : QStringLiteral("(%1)").arg(value);
                groups.append(name);
            } else if (!explode) {
                // ;x or ;x=v, ?x= or ?x=v: the group holds "=v" (stripped in match()).
                item = literalPattern(name)
                    + (op.emptyNeedsEquals ? QStringLiteral("(=%1)").arg(value)
                                           : QStringLiteral("((?:=%1)?)").arg(value));
                groups.append(QStringLiteral("=") + name);
            } else {
                const QString key = valueChar(false, QString()) + QStringLiteral("+");
                const QString pair = op.emptyNeedsEquals
                    ? QStringLiteral("%1=%2").arg(key, value)
                    : QStringLiteral("%1(?:=%2)?").arg(key, value);
                item = QStringLiteral("(%1(?:%2%1)*)").arg(pair, sep);
                groups.append(name);
            }
            items.append({item, name});
        }
        // Undefined variables are left out: any run of the items, in order,
        // starting with any of them; or nothing at all.
        QStringList alternatives;
        QStringList orderedGroups;
        const QString sep = literalPattern(op.sep);
        const QStringList specGroups = groups.mid(groups.size() - items.size());
        groups.resize(groups.size() - items.size());
        for (qsizetype start = 0; start < items.size(); ++start) {
            QString alt = items.at(start).pattern;
            orderedGroups.append(specGroups.at(start));
            for (qsizetype k = start + 1; k < items.size(); ++k) {
                alt += QStringLiteral("(?:%1%2)?").arg(sep, items.at(k).pattern);
                orderedGroups.append(specGroups.at(k));
            }
            alternatives.append(alt);
        }
        groups += orderedGroups;
        regex += QStringLiteral("(?:%1(?:%2))?")
                     .arg(literalPattern(op.first), alternatives.join(QLatin1Char('|')));
        i = close + 1;
    }

    m_regex = QRegularExpression(QRegularExpression::anchoredPattern(regex));
    if (!m_regex.isValid())
        return fail(QStringLiteral("cannot compile: %1").arg(m_regex.errorString()));
    m_regex.optimize();
    m_groupNames = groups;
    m_error.clear();
    return true;
}

bool UriTemplate::matches(const QString &uri) const
{
    if (!isValid() || uri.size() > kMaxUriLength)
        return false;
    return m_regex
        .match(uri, 0, QRegularExpression::NormalMatch,
               QRegularExpression::DontCheckSubjectStringMatchOption)
        .hasMatch();
}

std::optional<QHash<QString, QString>> UriTemplate::match(const QString &uri) const
{
    if (!isValid() || uri.size() > kMaxUriLength)
        return std::nullopt;
    const QRegularExpressionMatch m = m_regex.match(uri);
    if (!m.hasMatch())
        return std::nullopt;
    QHash<QString, QString> vars;
    for (qsizetype g = 0; g < m_groupNames.size(); ++g) {
        if (!m.hasCaptured(int(g + 1)))
            continue;
        QString name = m_groupNames.at(g);
        QString value = m.captured(int(g + 1));
        if (name.startsWith(u'=')) { // a named operator's "=value" (or "" for ";x")
            name.remove(0, 1);
            if (value.startsWith(u'='))
                value.remove(0, 1);
        }
        if (!vars.contains(name))
            vars.insert(name, QUrl::fromPercentEncoding(value.toUtf8()));
    }
    return vars;
}

} // namespace mcppm
