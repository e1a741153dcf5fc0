#include "mcp/uritemplate.h"

#include <QElapsedTimer>
#include <QtTest>

using namespace mcppm;

class TestUriTemplate final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void matches_data();
    void matches();
    void variables_data();
    void variables();
    void badTemplates_data();
    void badTemplates();
    void regexMetacharactersAreLiterals();
    void defaultIsInvalid();
    void longInputsAreBounded();
};

void TestUriTemplate::matches_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("uri");
    QTest::addColumn<bool>("expected");

    // Level 1: simple string expansion (unreserved only).
    QTest::newRow("simple") << "demo://greeting/{name}"
                            << "demo://greeting/Ada" << true;
    QTest::newRow("simple pct") << "demo://greeting/{name}"
                                << "demo://greeting/A%20b" << true;
    QTest::newRow("simple no slash") << "demo://greeting/{name}"
                                     << "demo://greeting/a/b" << false;
    QTest::newRow("simple empty value") << "demo://greeting/{name}"
                                        << "demo://greeting/" << true;
    QTest::newRow("simple other prefix") << "demo://greeting/{name}"
                                         << "demo://greet/Ada" << false;
    QTest::newRow("simple list") << "x:{list}"
                                 << "x:red,green,blue" << true;
    QTest::newRow("simple bad pct") << "x:{v}"
                                    << "x:%zz" << false;
    QTest::newRow("simple reserved char") << "x:{v}"
                                          << "x:a?b" << false;
    QTest::newRow("two vars") << "x:{a,b}"
                              << "x:1,2" << true;
    QTest::newRow("literal only") << "file:///etc/hosts"
                                  << "file:///etc/hosts" << true;
    QTest::newRow("literal only other") << "file:///etc/hosts"
                                        << "file:///etc/host" << false;
    QTest::newRow("literal pct case") << "x:%2Fa"
                                      << "x:%2fa" << true;
    // Level 2: reserved and fragment.
    QTest::newRow("reserved") << "file:///{+path}"
                              << "file:///home/ada/notes.txt" << true;
    QTest::newRow("reserved query chars") << "x:{+v}"
                                          << "x:a?b=c&d#e" << true;
    QTest::newRow("reserved no space") << "file:///{+path}"
                                       << "file:///a b" << false;
    QTest::newRow("fragment") << "x:page{#frag}"
                              << "x:page#sec/1" << true;
    QTest::newRow("fragment absent") << "x:page{#frag}"
                                     << "x:page" << true;
    QTest::newRow("fragment needs #") << "x:page{#frag}"
                                      << "x:pagesec" << false;
    // Level 3/4: label, path, path-style parameters, query, continuation.
    QTest::newRow("label") << "x:file{.ext}"
                           << "x:file.txt" << true;
    QTest::newRow("label absent") << "x:file{.ext}"
                                  << "x:file" << true;
    QTest::newRow("label explode") << "x:host{.dom*}"
                                   << "x:host.example.com" << true;
    QTest::newRow("path") << "x:{/a}"
                          << "x:/one" << true;
    QTest::newRow("path two vars") << "x:{/a,b}"
                                   << "x:/one/two" << true;
    QTest::newRow("path too many") << "x:{/a,b}"
                                   << "x:/one/two/three" << false;
    QTest::newRow("path explode") << "x:{/segs*}"
                                  << "x:/one/two/three" << true;
    QTest::newRow("path list") << "x:{/list}"
                               << "x:/red,green" << true;
    QTest::newRow("path explode assoc") << "x:{/keys*}"
                                        << "x:/semi=%3B/dot=." << true;
    QTest::newRow("path-style") << "x:map{;x,y}"
                                << "x:map;x=1024;y=768" << true;
    QTest::newRow("path-style empty") << "x:map{;x,empty}"
                                      << "x:map;x=1;empty" << true;
    QTest::newRow("path-style wrong name") << "x:map{;x}"
                                           << "x:map;z=1" << false;
    QTest::newRow("path-style explode") << "x:{;list*}"
                                        << "x:;list=red;list=green" << true;
    QTest::newRow("query") << "x:search{?q,lang}"
                           << "x:search?q=cat&lang=en" << true;
    QTest::newRow("query second only") << "x:search{?q,lang}"
                                       << "x:search?lang=en" << true;
    QTest::newRow("query absent") << "x:search{?q,lang}"
                                  << "x:search" << true;
    QTest::newRow("query empty value") << "x:search{?q}"
                                       << "x:search?q=" << true;
    QTest::newRow("query no equals") << "x:search{?q}"
                                     << "x:search?q" << false;
    QTest::newRow("query unknown name") << "x:search{?q}"
                                        << "x:search?z=1" << false;
    QTest::newRow("query starts with &") << "x:search{?q}"
                                         << "x:search&q=1" << false;
    QTest::newRow("query explode") << "x:s{?keys*}"
                                   << "x:s?a=1&b=2&c=3" << true;
    QTest::newRow("continuation") << "x:s?fixed=1{&x}"
                                  << "x:s?fixed=1&x=2" << true;
    QTest::newRow("combined") << "api://{host}/items{/id}{?fields}"
                              << "api://srv/items/42?fields=a,b" << true;
    QTest::newRow("combined missing literal") << "api://{host}/items{/id}"
                                              << "api://srv/42" << false;
    // Prefix modifier: at most N characters (a pct triplet is one).
    QTest::newRow("prefix ok") << "x:{v:3}"
                               << "x:abc" << true;
    QTest::newRow("prefix long") << "x:{v:3}"
                                 << "x:abcd" << false;
    QTest::newRow("prefix pct") << "x:{v:2}"
                                << "x:%20a" << true;
    QTest::newRow("prefix then rest") << "x:{v:3}/{v}"
                                      << "x:abc/abcdef" << true;
    // Unicode: IRIs may carry characters beyond ASCII in values and literals.
    QTest::newRow("unicode value") << "x:{name}" << QStringLiteral("x:Jos\u00e9") << true;
    QTest::newRow("unicode astral value") << "x:{name}" << QStringLiteral("x:\U0001F600") << true;
    QTest::newRow("unicode literal")
        << QStringLiteral("x:caf\u00e9/{id}") << QStringLiteral("x:caf\u00e9/1") << true;
    QTest::newRow("unicode literal other")
        << QStringLiteral("x:caf\u00e9/{id}") << QStringLiteral("x:cafe/1") << false;
    QTest::newRow("astral literal")
        << QStringLiteral("x:\U0001F600/{id}") << QStringLiteral("x:\U0001F600/1") << true;
    // Anchored: no partial matches.
    QTest::newRow("prefix of uri") << "x:a"
                                   << "x:ab" << false;
    QTest::newRow("suffix of uri") << "x:{v}"
                                   << "y:x:a" << false;
    QTest::newRow("newline") << "x:{v}"
                             << "x:a\nb" << false;
}

void TestUriTemplate::matches()
{
    QFETCH(QString, pattern);
    QFETCH(QString, uri);
    QFETCH(bool, expected);
    const UriTemplate t(pattern);
    QVERIFY2(t.isValid(), qPrintable(t.errorString()));
    QCOMPARE(t.matches(uri), expected);
    QCOMPARE(t.match(uri).has_value(), expected);
}

void TestUriTemplate::variables_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("uri");
    QTest::addColumn<QVariantMap>("expected");

    QTest::newRow("simple decoded")
        << "demo://greeting/{name}"
        << "demo://greeting/Ada%20L"
        << QVariantMap{{QStringLiteral("name"), QStringLiteral("Ada L")}};
    QTest::newRow("reserved") << "file:///{+path}"
                              << "file:///a/b.txt"
                              << QVariantMap{{QStringLiteral("path"), QStringLiteral("a/b.txt")}};
    QTest::newRow("query both") << "x:s{?q,lang}"
                                << "x:s?q=cat&lang=en"
                                << QVariantMap{{QStringLiteral("q"), QStringLiteral("cat")},
                                               {QStringLiteral("lang"), QStringLiteral("en")}};
    QTest::newRow("query second") << "x:s{?q,lang}"
                                  << "x:s?lang=en"
                                  << QVariantMap{{QStringLiteral("lang"), QStringLiteral("en")}};
    QTest::newRow("path-style empty") << "x:{;x,y}"
                                      << "x:;x=1;y"
                                      << QVariantMap{{QStringLiteral("x"), QStringLiteral("1")},
                                                     {QStringLiteral("y"), QString()}};
    QTest::newRow("path explode") << "x:{/segs*}"
                                  << "x:/a/b"
                                  << QVariantMap{{QStringLiteral("segs"), QStringLiteral("a/b")}};
    QTest::newRow("path two") << "x:{/a,b}"
                              << "x:/1/2"
                              << QVariantMap{{QStringLiteral("a"), QStringLiteral("1")},
                                             {QStringLiteral("b"), QStringLiteral("2")}};
    QTest::newRow("fragment absent") << "x:p{#f}"
                                     << "x:p" << QVariantMap{};
    QTest::newRow("unicode") << "x:{v}"
                             << "x:%C3%A9"
                             << QVariantMap{{QStringLiteral("v"), QStringLiteral("\u00e9")}};
}

void TestUriTemplate::variables()
{
    QFETCH(QString, pattern);
    QFETCH(QString, uri);
    QFETCH(QVariantMap, expected);
    const UriTemplate t(pattern);
    QVERIFY2(t.isValid(), qPrintable(t.errorString()));
    const auto vars = t.match(uri);
    QVERIFY(vars.has_value());
    QVariantMap got;
    for (auto it = vars->cbegin(); it != vars->cend(); ++it)
        got.insert(it.key(), it.value());
    QCOMPARE(got, expected);
}

void TestUriTemplate::badTemplates_data()
{
    QTest::addColumn<QString>("pattern");
    QTest::addColumn<QString>("why"); // a part of errorString()

    QTest::newRow("empty") << ""
                           << "empty";
    QTest::newRow("unclosed") << "x:{name"
                              << "not closed";
    QTest::newRow("stray close") << "x:name}"
                                 << "without '{'";
    QTest::newRow("nested") << "x:{a{b}}"
                            << "inside an expression";
    QTest::newRow("empty expression") << "x:{}"
                                      << "empty expression";
    QTest::newRow("operator only") << "x:{+}"
                                   << "bad variable name";
    QTest::newRow("reserved operator =") << "x:{=a}"
                                         << "reserved";
    QTest::newRow("reserved operator |") << "x:{|a}"
                                         << "reserved";
    QTest::newRow("bad var char") << "x:{a-b}"
                                  << "bad variable name";
    QTest::newRow("empty var") << "x:{a,,b}"
                               << "bad variable name";
    QTest::newRow("var trailing dot") << "x:{a.}"
                                      << "bad variable name";
    QTest::newRow("prefix zero") << "x:{a:0}"
                                 << "prefix";
    QTest::newRow("prefix leading zero") << "x:{a:05}"
                                         << "prefix";
    QTest::newRow("prefix too big") << "x:{a:10000}"
                                    << "prefix";
    QTest::newRow("prefix not a number") << "x:{a:x}"
                                         << "prefix";
    QTest::newRow("prefix and explode") << "x:{a:3*}"
                                        << "prefix";
    QTest::newRow("space literal") << "x:a b/{v}"
                                   << "not allowed";
    QTest::newRow("quote literal") << "x:\"{v}\""
                                   << "not allowed";
    QTest::newRow("backslash literal") << "x:a\\{v}"
                                       << "not allowed";
    QTest::newRow("control literal") << "x:a\tb"
                                     << "not allowed";
    QTest::newRow("bad pct literal") << "x:%g0{v}"
                                     << "hex digits";
    QTest::newRow("short pct literal") << "x:%4"
                                       << "hex digits";
    QTest::newRow("lone surrogate")
        << (QStringLiteral("x:") + QChar(char16_t(0xD800)) + QStringLiteral("{v}")) << "UTF-16";
    QTest::newRow("too long") << QString(QStringLiteral("x:") + QString(5000, u'a')) << "longer";
    QString many = QStringLiteral("x:{");
    for (int i = 0; i < 40; ++i)
        many += QStringLiteral("v%1,").arg(i);
    many.chop(1);
    many += u'}';
    QTest::newRow("too many variables") << many << "more than";
}

void TestUriTemplate::badTemplates()
{
    QFETCH(QString, pattern);
    QFETCH(QString, why);
    const UriTemplate t(pattern);
    QVERIFY(!t.isValid());
    QVERIFY2(t.errorString().contains(why), qPrintable(t.errorString()));
    // A malformed template never matches, not even its own text.
    QVERIFY(!t.matches(pattern));
    QVERIFY(!t.matches(QStringLiteral("x:name")));
    QVERIFY(!t.match(pattern).has_value());
    QVERIFY(t.variableNames().isEmpty());
}

void TestUriTemplate::regexMetacharactersAreLiterals()
{
    // Every character that means something to a regular expression stands for itself.
    const UriTemplate t(QStringLiteral("x:a.b*c+d?e(f)[g]$h/{v}"));
    QVERIFY2(t.isValid(), qPrintable(t.errorString()));
    QVERIFY(t.matches(QStringLiteral("x:a.b*c+d?e(f)[g]$h/1")));
    QVERIFY(!t.matches(QStringLiteral("x:aXb*c+d?e(f)[g]$h/1"))); // "." is not "any"
    QVERIFY(!t.matches(QStringLiteral("x:a.bbbc+d?e(f)[g]$h/1"))); // "*" is not "repeat"
    QVERIFY(!t.matches(QStringLiteral("x:a.b*cd?e(f)[g]$h/1")));
    const UriTemplate q(QStringLiteral("x:(?:a|b){v}"));
    QVERIFY(!q.isValid()); // "|" is not a literal character of RFC 6570
    const UriTemplate alt(QStringLiteral("x:a)|(.*{v}"));
    QVERIFY(!alt.isValid());
    const UriTemplate dots(QStringLiteral("x:.*"));
    QVERIFY(dots.isValid());
    QVERIFY(dots.matches(QStringLiteral("x:.*")));
    QVERIFY(!dots.matches(QStringLiteral("x:anything")));
    QCOMPARE(UriTemplate(QStringLiteral("x:{a}/{b}/{a}")).variableNames(),
             (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
}

void TestUriTemplate::defaultIsInvalid()
{
    const UriTemplate t;
    QVERIFY(!t.isValid());
    QVERIFY(!t.matches(QString()));
    QVERIFY(!t.matches(QStringLiteral("x:a")));
}

void TestUriTemplate::longInputsAreBounded()
{
    // Within the limit: a long match works; beyond it: no match, at once.
    const UriTemplate path(QStringLiteral("file:///{+path}"));
    const QString longUri
        = QStringLiteral("file:///") + QString(UriTemplate::kMaxUriLength - 20, u'a');
    QVERIFY(path.matches(longUri));
    QVERIFY(!path.matches(QStringLiteral("file:///") + QString(UriTemplate::kMaxUriLength, u'a')));

    // Adjacent expressions that could split a value many ways, against a URI
    // that almost matches: bounded (the regex engine's limits), no hang.
    const UriTemplate ambiguous(QStringLiteral("x:{a}{b}{c}{d}{e}{f}!"));
    QVERIFY2(ambiguous.isValid(), qPrintable(ambiguous.errorString()));
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!ambiguous.matches(QStringLiteral("x:") + QString(UriTemplate::kMaxUriLength - 10, u'a')
                               + QStringLiteral("?")));
    QVERIFY(ambiguous.matches(QStringLiteral("x:") + QString(2000, u'a') + QStringLiteral("!")));
    const UriTemplate multi(QStringLiteral("x:{+a,b,c,d,e}#"));
    QVERIFY(!multi.matches(QStringLiteral("x:") + QString(UriTemplate::kMaxUriLength - 10, u',')
                           + QStringLiteral(" ")));
    QVERIFY2(timer.elapsed() < 10000, qPrintable(QString::number(timer.elapsed())));
}

QTEST_GUILESS_MAIN(TestUriTemplate)
#include "tst_uritemplate.moc"
