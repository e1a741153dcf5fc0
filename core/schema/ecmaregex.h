#pragma once

#include <QRegularExpression>
#include <QString>

namespace mcppm {

// JSON Schema's "pattern" and "patternProperties" are ECMA-262 regular
// expressions (with the "u" flag: code points, \p{...}). QRegularExpression is
// PCRE2, so a pattern is translated before it is compiled:
//   \s \S      ECMA's whitespace: Unicode spaces (Zs), U+FEFF, line terminators
//   .          anything but \n \r U+2028 U+2029
//   $          the end of the input only (PCRE's $ also matches before a final \n)
//   \v         U+000B (PCRE: any vertical whitespace)
//   \uXXXX, \u{X}, surrogate pairs \uD83D\uDE00   one code point (\x{...})
//   \0         U+0000
//   [^] and [] any character and no character; a "[" inside a class is literal
//              (PCRE would read "[:alpha:]" as a POSIX class)
// \d \w \b stay ASCII as in ECMA (no PCRE2_UCP). PCRE-only syntax is refused
// with a clear error instead of being given a meaning ECMA does not have:
// possessive quantifiers (a*+), atomic groups (?>...), inline flags (?i),
// \x{...} and a \x without two hex digits,
// (?|...), (?P...), (?#...), recursion (?R), and the escapes \A \Z \z \G \Q
// \E \K \R \X \h \H \V \N \a \e \g \o.
// Kept differences (documented, not translated): \S inside a character class
// keeps PCRE's ASCII meaning; lookbehinds must have a bounded length; a
// backreference to a group that has not matched fails (ECMA: matches "");
// Unicode property names are PCRE2's (the General_Category and Script names
// and their aliases, e.g. \p{Letter}, \p{digit}, \p{Greek}).
// Matching is bounded by PCRE2's match limit: a pathological pattern gives
// "no match", never a hang.
class EcmaRegex final
{
public:
    // The PCRE2 equivalent of an ECMA-262 pattern, or an empty string and *error.
    static QString toPcre(const QString &pattern, QString *error);
    // Translated and compiled; an invalid QRegularExpression and *error on failure.
    static QRegularExpression compile(const QString &pattern, QString *error);
};

} // namespace mcppm
