#include "schema/ecmaregex.h"

#include <QHash>

namespace mcppm {

namespace {
// ECMA-262 WhiteSpace and LineTerminator, as members of a PCRE class.
const QString kSpaces
    = QStringLiteral("\\t\\n\\x{0B}\\f\\r\\x{20}\\x{A0}\\x{1680}\\x{2000}-\\x{200A}"
                     "\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}");

bool isHex(QChar c)
{
    return (c >= QLatin1Char('0') && c <= QLatin1Char('9'))
        || (c >= QLatin1Char('a') && c <= QLatin1Char('f'))
        || (c >= QLatin1Char('A') && c <= QLatin1Char('F'));
}

// Reads \uXXXX (i at the 'u'); with a following \uDC00-\uDFFF the pair is one code point.
bool readUnicodeEscape(const QString &p, qsizetype *i, char32_t *cp)
{
    qsizetype at = *i + 1;
    if (at < p.size() && p.at(at) == QLatin1Char('{')) {
        const qsizetype close = p.indexOf(QLatin1Char('}'), at);
        if (close < 0 || close == at + 1 || close - at > 7)
            return false;
        bool ok = false;
        const uint value = p.mid(at + 1, close - at - 1).toUInt(&ok, 16);
        if (!ok || value > 0x10FFFF)
            return false;
        *cp = value;
        *i = close;
        return true;
    }
    auto four = [&](qsizetype from, uint *value) {
        if (from + 4 > p.size())
            return false;
        for (qsizetype k = from; k < from + 4; ++k) {
            if (!isHex(p.at(k)))
                return false;
        }
        bool ok = false;
        *value = p.mid(from, 4).toUInt(&ok, 16);
        return ok;
    };
    uint high = 0;
    if (!four(at, &high))
        return false;
    *i = at + 3;
    *cp = high;
    if (high >= 0xD800 && high <= 0xDBFF && at + 5 < p.size() && p.at(at + 4) == QLatin1Char('\\')
        && p.at(at + 5) == QLatin1Char('u')) {
        uint low = 0;
        if (four(at + 6, &low) && low >= 0xDC00 && low <= 0xDFFF) {
            *cp = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            *i = at + 9;
        }
    }
    return true;
}

// ECMA-262 names General_Category values by their long names and aliases too;
// PCRE2 10.42 knows only the short ones.
const QHash<QString, QString> &generalCategories()
{
    static const QHash<QString, QString> names{
        {QStringLiteral("Other"), QStringLiteral("C")},
        {QStringLiteral("Control"), QStringLiteral("Cc")},
        {QStringLiteral("cntrl"), QStringLiteral("Cc")},
        {QStringLiteral("Format"), QStringLiteral("Cf")},
        {QStringLiteral("Unassigned"), QStringLiteral("Cn")},
        {QStringLiteral("Private_Use"), QStringLiteral("Co")},
        {QStringLiteral("Surrogate"), QStringLiteral("Cs")},
        {QStringLiteral("Letter"), QStringLiteral("L")},
        {QStringLiteral("Cased_Letter"), QStringLiteral("L&")},
        {QStringLiteral("LC"), QStringLiteral("L&")},
        {QStringLiteral("Lowercase_Letter"), QStringLiteral("Ll")},
        {QStringLiteral("Modifier_Letter"), QStringLiteral("Lm")},
        {QStringLiteral("Other_Letter"), QStringLiteral("Lo")},
        {QStringLiteral("Titlecase_Letter"), QStringLiteral("Lt")},
        {QStringLiteral("Uppercase_Letter"), QStringLiteral("Lu")},
        {QStringLiteral("Mark"), QStringLiteral("M")},
        {QStringLiteral("Combining_Mark"), QStringLiteral("M")},
        {QStringLiteral("Spacing_Mark"), QStringLiteral("Mc")},
        {QStringLiteral("Enclosing_Mark"), QStringLiteral("Me")},
        {QStringLiteral("Nonspacing_Mark"), QStringLiteral("Mn")},
        {QStringLiteral("Number"), QStringLiteral("N")},
        {QStringLiteral("Decimal_Number"), QStringLiteral("Nd")},
        {QStringLiteral("digit"), QStringLiteral("Nd")},
        {QStringLiteral("Letter_Number"), QStringLiteral("Nl")},
        {QStringLiteral("Other_Number"), QStringLiteral("No")},
        {QStringLiteral("Punctuation"), QStringLiteral("P")},
        {QStringLiteral("punct"), QStringLiteral("P")},
        {QStringLiteral("Connector_Punctuation"), QStringLiteral("Pc")},
        {QStringLiteral("Dash_Punctuation"), QStringLiteral("Pd")},
        {QStringLiteral("Close_Punctuation"), QStringLiteral("Pe")},
        {QStringLiteral("Final_Punctuation"), QStringLiteral("Pf")},
        {QStringLiteral("Initial_Punctuation"), QStringLiteral("Pi")},
        {QStringLiteral("Other_Punctuation"), QStringLiteral("Po")},
        {QStringLiteral("Open_Punctuation"), QStringLiteral("Ps")},
        {QStringLiteral("Symbol"), QStringLiteral("S")},
        {QStringLiteral("Currency_Symbol"), QStringLiteral("Sc")},
        {QStringLiteral("Modifier_Symbol"), QStringLiteral("Sk")},
        {QStringLiteral("Math_Symbol"), QStringLiteral("Sm")},
        {QStringLiteral("Other_Symbol"), QStringLiteral("So")},
        {QStringLiteral("Separator"), QStringLiteral("Z")},
        {QStringLiteral("Line_Separator"), QStringLiteral("Zl")},
        {QStringLiteral("Paragraph_Separator"), QStringLiteral("Zp")},
        {QStringLiteral("Space_Separator"), QStringLiteral("Zs")},
    };
    return names;
}

// \p{...} or \P{...} (negated) in PCRE2 terms; name is what the braces hold.
QString property(const QString &name, bool negated, bool inClass)
{
    const QString p = negated ? QStringLiteral("\\P") : QStringLiteral("\\p");
    QString key, value = name;
    const qsizetype eq = name.indexOf(QLatin1Char('='));
    if (eq >= 0) {
        key = name.left(eq);
        value = name.mid(eq + 1);
    }
    if (key.isEmpty() || key == QLatin1String("General_Category") || key == QLatin1String("gc")) {
        const auto it = generalCategories().constFind(value);
        if (it != generalCategories().constEnd())
            return p + QLatin1Char('{') + *it + QLatin1Char('}');
        if (!key.isEmpty()) // gc=Lu: the short name as it is
            return p + QLatin1Char('{') + value + QLatin1Char('}');
        if (key.isEmpty() && value == QLatin1String("ASCII"))
            return inClass ? (negated ? QStringLiteral("\\x{80}-\\x{10FFFF}")
                                      : QStringLiteral("\\x{0}-\\x{7F}"))
                           : (negated ? QStringLiteral("[^\\x{0}-\\x{7F}]")
                                      : QStringLiteral("[\\x{0}-\\x{7F}]"));
        if (key.isEmpty() && value == QLatin1String("Assigned"))
            return (negated ? QStringLiteral("\\p") : QStringLiteral("\\P"))
                + QStringLiteral("{Cn}");
    }
    return p + QLatin1Char('{') + name + QLatin1Char('}'); // scripts, binary properties: PCRE2's
}

QString codePoint(char32_t cp)
{
    return QStringLiteral("\\x{%1}").arg(uint(cp), 0, 16);
}
} // namespace

QString EcmaRegex::toPcre(const QString &p, QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return QString();
    };
    QString out;
    out.reserve(p.size() + 16);
    bool inClass = false;
    bool afterQuantifier = false; // the previous token was a quantifier
    for (qsizetype i = 0; i < p.size(); ++i) {
        const QChar c = p.at(i);
        bool quantifier = false;
        if (c == QLatin1Char('\\')) {
            if (i + 1 >= p.size())
                return fail(QStringLiteral("a pattern cannot end with \"\\\""));
            const QChar e = p.at(++i);
            switch (e.unicode()) {
            case 's':
                out += inClass ? kSpaces : QStringLiteral("[") + kSpaces + QLatin1Char(']');
                break;
            case 'S':
                out += inClass ? QStringLiteral("\\S")
                               : QStringLiteral("[^") + kSpaces + QLatin1Char(']');
                break;
            case 'v':
                out += QStringLiteral("\\x{0B}");
                break;
            case 'x': // \xHH only (PCRE would read "\x" alone as NUL, and has \x{...})
                if (i + 2 >= p.size() || !isHex(p.at(i + 1)) || !isHex(p.at(i + 2)))
                    return fail(QStringLiteral("\\x must be followed by two hex digits"));
                out += QStringLiteral("\\x") + p.mid(i + 1, 2);
                i += 2;
                break;
            case 'p':
            case 'P': {
                const qsizetype close = p.indexOf(QLatin1Char('}'), i);
                if (i + 1 >= p.size() || p.at(i + 1) != QLatin1Char('{') || close < 0)
                    return fail(QStringLiteral("\\%1 must be followed by {property}").arg(e));
                out += property(p.mid(i + 2, close - i - 2), e == QLatin1Char('P'), inClass);
                i = close;
                break;
            }
            case 'u': {
                char32_t cp = 0;
                if (!readUnicodeEscape(p, &i, &cp))
                    return fail(QStringLiteral("\\u must be followed by four hex digits or {hex}"));
                out += codePoint(cp);
                break;
            }
            case '0':
                if (i + 1 < p.size() && p.at(i + 1).isDigit())
                    return fail(
                        QStringLiteral("octal escapes (\\0%1) are not ECMA-262").arg(p.at(i + 1)));
                out += QStringLiteral("\\x{0}");
                break;
            case 'A':
            case 'Z':
            case 'z':
            case 'G':
            case 'Q':
            case 'E':
            case 'K':
            case 'R':
            case 'X':
            case 'h':
            case 'H':
            case 'V':
            case 'N':
            case 'a':
            case 'e':
            case 'g':
            case 'o':
            case 'C':
            case 'l':
            case 'L':
            case 'U':
                return fail(QStringLiteral("\\%1 is not an ECMA-262 escape").arg(e));
            default:
                out += QLatin1Char('\\');
                out += e;
                break;
            }
        } else if (inClass) {
            if (c == QLatin1Char(']'))
                inClass = false;
            if (c == QLatin1Char('['))
                out += QStringLiteral("\\[");
            else
                out += c;
        } else if (c == QLatin1Char('[')) {
            // ECMA: "[]" matches nothing, "[^]" anything, and "]" right after "[" or "[^" ends
            // the class (PCRE would take it as a literal).
            if (p.mid(i, 2) == QLatin1String("[]")) {
                out += QStringLiteral("(?!)");
                ++i;
            } else if (p.mid(i, 3) == QLatin1String("[^]")) {
                out += QStringLiteral("[\\s\\S]");
                i += 2;
            } else {
                inClass = true;
                out += c;
                if (i + 1 < p.size() && p.at(i + 1) == QLatin1Char('^')) {
                    out += QLatin1Char('^');
                    ++i;
                }
            }
        } else if (c == QLatin1Char('.')) {
            out += QStringLiteral("[^\\n\\r\\x{2028}\\x{2029}]");
        } else if (c == QLatin1Char('$')) {
            out += QStringLiteral("(?!(?s:.))");
        } else if (c == QLatin1Char('(') && i + 1 < p.size() && p.at(i + 1) == QLatin1Char('?')) {
            const QString head = p.mid(i + 2, 2);
            if (head.startsWith(QLatin1Char(':')) || head.startsWith(QLatin1Char('='))
                || head.startsWith(QLatin1Char('!')) || head == QLatin1String("<=")
                || head == QLatin1String("<!")
                || (head.startsWith(QLatin1Char('<')) && head.size() == 2
                    && (head.at(1).isLetter() || head.at(1) == QLatin1Char('_')
                        || head.at(1) == QLatin1Char('$')))) {
                out += QStringLiteral("(?");
                ++i;
            } else {
                return fail(QStringLiteral("the group \"(?%1\" is not ECMA-262").arg(head.left(1)));
            }
        } else if (c == QLatin1Char('*') || c == QLatin1Char('+') || c == QLatin1Char('?')) {
            if (afterQuantifier && c != QLatin1Char('?'))
                return fail(QStringLiteral("\"%1\" after a quantifier (possessive) is not ECMA-262")
                                .arg(c));
            quantifier = !afterQuantifier; // "a*?" is lazy: no quantifier may follow
            out += c;
        } else if (c == QLatin1Char('{')) {
            // A quantifier {n}, {n,} or {n,m}; otherwise a literal brace (ECMA Annex B).
            const qsizetype close = p.indexOf(QLatin1Char('}'), i);
            static const QRegularExpression bounds(QStringLiteral("^\\{[0-9]+(,[0-9]*)?\\}$"));
            if (close > i && bounds.match(p.mid(i, close - i + 1)).hasMatch()) {
                if (afterQuantifier)
                    return fail(QStringLiteral("a quantifier cannot follow a quantifier"));
                out += p.mid(i, close - i + 1);
                i = close;
                quantifier = true;
            } else {
                out += QStringLiteral("\\{");
            }
        } else {
            out += c;
        }
        afterQuantifier = quantifier;
    }
    if (inClass)
        return fail(QStringLiteral("missing terminating ] for a character class"));
    return out;
}

QRegularExpression EcmaRegex::compile(const QString &pattern, QString *error)
{
    QString why;
    const QString pcre = toPcre(pattern, &why);
    if (pcre.isNull() && !why.isEmpty()) {
        if (error)
            *error = why;
        return QRegularExpression(QStringLiteral("("));
    }
    QRegularExpression re(pcre);
    if (!re.isValid() && error)
        *error = re.errorString();
    return re;
}

} // namespace mcppm
