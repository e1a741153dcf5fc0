// EcmaRegex (core/schema/ecmaregex.h): JSON Schema's ECMA-262 patterns
// translated to PCRE2. Each row: a pattern, a subject and whether it matches
// (unanchored search, as "pattern" does); refused rows: PCRE-only syntax
// gives a clear error instead of a meaning ECMA-262 does not have.

#include "schema/ecmaregex.h"

#include <QTest>

using namespace mcppm;

class TestJsonSchemaEcmaRegex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void matches_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("subject");
        QTest::addColumn<bool>("match");
        auto row = [](const char *name, const char *pattern, const QString &subject, bool match) {
            QTest::newRow(name) << QString::fromUtf8(pattern) << subject << match;
        };
        row("$ is the very end", "^abc$", QStringLiteral("abc\n"), false);
        row("$ at the end", "^abc$", QStringLiteral("abc"), true);
        row("$ inside a class is literal", "^a[$]$", QStringLiteral("a$"), true);
        row("\\s: no-break space", "^\\s$", QStringLiteral("\u00a0"), true);
        row("\\s: BOM", "^\\s$", QStringLiteral("\ufeff"), true);
        row("\\s: em space", "^\\s$", QStringLiteral("\u2003"), true);
        row("\\s: paragraph separator", "^\\s$", QStringLiteral("\u2029"), true);
        row("\\s in a class", "^[\\sx]+$", QStringLiteral("x\u00a0x"), true);
        row("\\S: no-break space is not", "^\\S$", QStringLiteral("\u00a0"), false);
        row("\\S: a control character is", "^\\S$", QStringLiteral("\u0001"), true);
        row("\\d is ASCII", "^\\d$", QStringLiteral("\u0967"), false);
        row("\\w is ASCII", "^\\w$", QStringLiteral("\u00e9"), false);
        row("\\b is ASCII", "^é\\b", QStringLiteral("éa"), true);
        row(". stops at line terminators", "^a.b$", QStringLiteral("a\u2028b"), false);
        row(". stops at \\r", "^a.b$", QStringLiteral("a\rb"), false);
        row(". takes a code point", "^.$", QStringLiteral("\U0001F432"), true);
        row("\\v is vertical tab only", "^\\v$", QStringLiteral("\n"), false);
        row("\\v matches U+000B", "^\\v$", QStringLiteral("\u000b"), true);
        row("\\uXXXX", "^\\u00e9$", QStringLiteral("\u00e9"), true);
        row("\\xHH", "^\\x41$", QStringLiteral("A"), true);
        row("\\u{...}", "^\\u{1F432}$", QStringLiteral("\U0001F432"), true);
        row("surrogate pair escapes", "^\\uD83D\\uDC32$", QStringLiteral("\U0001F432"), true);
        row("\\0 is NUL", "^a\\0$", QStringLiteral("a") + QChar(0), true);
        row("\\cC", "^\\cC$", QStringLiteral("\u0003"), true);
        row("[^] is anything", "^[^]$", QStringLiteral("\n"), true);
        row("[] is nothing", "a[]", QStringLiteral("a"), false);
        row("[ in a class is literal", "^[[:a]+$", QStringLiteral("[:a"), true);
        row("\\p{Letter}", "^\\p{Letter}+$", QStringLiteral("été"), true);
        row("\\p{L}", "^\\p{L}+$", QStringLiteral("été"), true);
        row("\\P{Letter}", "^\\P{Letter}$", QStringLiteral("1"), true);
        row("\\p{digit}", "^\\p{digit}+$", QStringLiteral("\u09ea\u09e8"), true);
        row("\\p{gc=Lu}", "^\\p{gc=Lu}$", QStringLiteral("A"), true);
        row("\\p{General_Category=Uppercase_Letter}", "^\\p{General_Category=Uppercase_Letter}$",
            QStringLiteral("a"), false);
        row("\\p{Script=Greek}", "^\\p{Script=Greek}+$", QStringLiteral("αβ"), true);
        row("\\p{ASCII}", "^\\p{ASCII}+$", QStringLiteral("abc"), true);
        row("\\p{ASCII} in a class", "^[\\p{ASCII}é]+$", QStringLiteral("aé"), true);
        row("lazy quantifier", "^a+?b$", QStringLiteral("aab"), true);
        row("bounded quantifier", "^a{2,3}$", QStringLiteral("aaaa"), false);
        row("lone { is literal", "^a{$", QStringLiteral("a{"), true);
        row("named group and backreference", "^(?<x>a)\\k<x>$", QStringLiteral("aa"), true);
        row("lookahead", "^a(?=b)", QStringLiteral("ab"), true);
        row("lookbehind", "(?<!a)b", QStringLiteral("ab"), false);
        row("search, not a full match", "b", QStringLiteral("abc"), true);
        row("non-BMP in a class", "^[\U0001F432]$", QStringLiteral("\U0001F432"), true);
    }
    void matches()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, subject);
        QFETCH(bool, match);
        QString error;
        const QRegularExpression re = EcmaRegex::compile(pattern, &error);
        QVERIFY2(re.isValid(),
                 qPrintable(error + QStringLiteral(" → ") + EcmaRegex::toPcre(pattern, &error)));
        QCOMPARE(re.match(subject).hasMatch(), match);
    }

    void refuses_data()
    {
        QTest::addColumn<QString>("pattern");
        QTest::addColumn<QString>("needle");
        auto row = [](const char *name, const char *pattern, const char *needle) {
            QTest::newRow(name) << QString::fromUtf8(pattern) << QString::fromUtf8(needle);
        };
        row("possessive *+", "a*+", "possessive");
        row("possessive ++", "a++b", "possessive");
        row("possessive {n}+", "a{2}+", "quantifier");
        row("atomic group", "(?>ab)", "(?>");
        row("inline flag", "(?i)a", "(?i");
        row("branch reset", "(?|a)", "(?|");
        row("comment group", "(?#x)a", "(?#");
        row("recursion", "(?R)", "(?R");
        row("\\A", "\\Aa", "\\A");
        row("\\Z", "a\\Z", "\\Z");
        row("\\z", "a\\z", "\\z");
        row("\\h", "\\h", "\\h");
        row("\\K", "a\\Kb", "\\K");
        row("\\Q...\\E", "\\Qa.b\\E", "\\Q");
        row("octal", "\\012", "octal");
        row("bad \\u", "\\u12", "\\u");
        row("bad \\x", "\\xZ", "\\x");
        row("PCRE's \\x{...}", "\\x{41}", "\\x");
        row("bad \\p", "\\pL", "{property}");
        row("unknown property", "\\p{NoSuchThing}", "");
        row("trailing backslash", "a\\", "end with");
        row("unclosed class", "[a", "]");
        row("unclosed group", "(a", "");
    }
    void refuses()
    {
        QFETCH(QString, pattern);
        QFETCH(QString, needle);
        QString error;
        const QRegularExpression re = EcmaRegex::compile(pattern, &error);
        QVERIFY(!re.isValid());
        QVERIFY(!error.isEmpty());
        QVERIFY2(error.contains(needle), qPrintable(error));
    }

    void translation()
    {
        QString error;
        QCOMPARE(EcmaRegex::toPcre(QStringLiteral("^a.b$"), &error),
                 QStringLiteral("^a[^\\n\\r\\x{2028}\\x{2029}]b(?!(?s:.))"));
        QCOMPARE(EcmaRegex::toPcre(QStringLiteral("\\u00e9\\p{Letter}"), &error),
                 QStringLiteral("\\x{e9}\\p{L}"));
        QCOMPARE(EcmaRegex::toPcre(QString(), &error), QString());
        QVERIFY(EcmaRegex::compile(QString(), &error).isValid());
    }
};

QTEST_GUILESS_MAIN(TestJsonSchemaEcmaRegex)
#include "tst_jsonschemaecmaregex.moc"
