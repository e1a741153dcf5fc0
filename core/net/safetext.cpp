#include "net/safetext.h"

namespace mcppm {

namespace {
bool needsEscape(char32_t c, SafeText::Mode mode)
{
    if (mode == SafeText::Mode::MultiLine && (c == U'\n' || c == U'\t'))
        return false;
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f))
        return true;
    switch (c) {
    case 0x061c: // ARABIC LETTER MARK
    case 0x200e: // LEFT-TO-RIGHT MARK
    case 0x200f: // RIGHT-TO-LEFT MARK
    case 0x2028: // LINE SEPARATOR
    case 0x2029: // PARAGRAPH SEPARATOR
        return true;
    default:
        break;
    }
    return (c >= 0x202a && c <= 0x202e) // embeddings and overrides
        || (c >= 0x2066 && c <= 0x2069) // isolates
        || (c >= 0xd800 && c <= 0xdfff); // a lone surrogate (broken UTF-16)
}
} // namespace

QString SafeText::escape(QStringView text, Mode mode)
{
    if (isSafe(text, mode))
        return text.toString();
    QString out;
    out.reserve(text.size() + 16);
    const char16_t *p = text.utf16();
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t c = p[i];
        qsizetype units = 1;
        if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(p[i + 1])) {
            c = QChar::surrogateToUcs4(p[i], p[i + 1]);
            units = 2;
        }
        if (!needsEscape(c, mode)) {
            out.append(QStringView(p + i, units));
        } else if (c < 0x100) {
            out += QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
        } else {
            out += QStringLiteral("\\u{%1}").arg(uint(c), 4, 16, QLatin1Char('0'));
        }
        i += units - 1;
    }
    return out;
}

bool SafeText::isSafe(QStringView text, Mode mode)
{
    const char16_t *p = text.utf16();
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        const char16_t c = p[i];
        if (QChar::isHighSurrogate(c) && i + 1 < n && QChar::isLowSurrogate(p[i + 1])) {
            ++i; // outside the BMP: nothing there is escaped
            continue;
        }
        if (needsEscape(c, mode))
            return false;
    }
    return true;
}

bool SafeText::checkServerId(const QString &id, QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = why;
        return false;
    };
    if (id.isEmpty())
        return fail(QStringLiteral("a server id must not be empty"));
    const QString shown = escape(id.left(kMaxServerIdLength + 8));
    if (id.size() > kMaxServerIdLength)
        return fail(QStringLiteral("server id \"%1...\" is longer than %2 characters")
                        .arg(shown)
                        .arg(kMaxServerIdLength));
    if (id.front().isSpace() || id.back().isSpace())
        return fail(QStringLiteral("server id \"%1\" starts or ends with a space").arg(shown));
    const QString punctuation = serverIdPunctuation();
    for (qsizetype i = 0; i < id.size(); ++i) {
        const QChar c = id.at(i);
        if (c.isLetterOrNumber() || c == QLatin1Char(' ') || punctuation.contains(c))
            continue;
        if (c.isHighSurrogate() && i + 1 < id.size() && id.at(i + 1).isLowSurrogate()
            && QChar::isLetterOrNumber(QChar::surrogateToUcs4(c, id.at(i + 1)))) {
            ++i;
            continue;
        }
        return fail(QStringLiteral("server id \"%1\" holds \"%2\": only letters, digits, "
                                   "spaces inside and %3 are allowed")
                        .arg(shown, escape(QStringView(&c, 1)), punctuation));
    }
    return true;
}

} // namespace mcppm
