// SafeText: no server string can drive a terminal; server ids are printable.

#include "net/safetext.h"

#include <QTest>

using namespace mcppm;

class TestSafeText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escape_data()
    {
        QTest::addColumn<QString>("input");
        QTest::addColumn<QString>("single");
        QTest::addColumn<QString>("multi");
        QTest::newRow("plain") << QStringLiteral("hello, world") << QStringLiteral("hello, world")
                               << QStringLiteral("hello, world");
        QTest::newRow("empty") << QString() << QString() << QString();
        QTest::newRow("osc title")
            << QStringLiteral("\x1b]0;pwned\x07ok") << QStringLiteral("\\x1b]0;pwned\\x07ok")
            << QStringLiteral("\\x1b]0;pwned\\x07ok");
        QTest::newRow("clear screen") << QStringLiteral("\x1b[2J") << QStringLiteral("\\x1b[2J")
                                      << QStringLiteral("\\x1b[2J");
        QTest::newRow("newline tab cr")
            << QStringLiteral("a\nb\tc\rd") << QStringLiteral("a\\x0ab\\x09c\\x0dd")
            << QStringLiteral("a\nb\tc\\x0dd");
        QTest::newRow("nul and del")
            << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b\x7f"))
            << QStringLiteral("a\\x00b\\x7f") << QStringLiteral("a\\x00b\\x7f");
        QTest::newRow("c1 csi") << (QStringLiteral("x") + QChar(0x9b) + QStringLiteral("2J"))
                                << QStringLiteral("x\\x9b2J") << QStringLiteral("x\\x9b2J");
        QTest::newRow("bidi override")
            << (QStringLiteral("abc") + QChar(0x202e) + QStringLiteral("fdp.exe"))
            << QStringLiteral("abc\\u{202e}fdp.exe") << QStringLiteral("abc\\u{202e}fdp.exe");
        QTest::newRow("isolate") << QString(QChar(0x2066)) << QStringLiteral("\\u{2066}")
                                 << QStringLiteral("\\u{2066}");
        QTest::newRow("line separator")
            << QString(QChar(0x2028)) << QStringLiteral("\\u{2028}") << QStringLiteral("\\u{2028}");
        QTest::newRow("letters kept") << QStringLiteral("Grüße, Вася, 東京, 😀, C:\\path")
                                      << QStringLiteral("Grüße, Вася, 東京, 😀, C:\\path")
                                      << QStringLiteral("Grüße, Вася, 東京, 😀, C:\\path");
        QTest::newRow("lone surrogate")
            << QString(QChar(0xd800)) << QStringLiteral("\\u{d800}") << QStringLiteral("\\u{d800}");
    }
    void escape()
    {
        QFETCH(QString, input);
        QFETCH(QString, single);
        QFETCH(QString, multi);
        QCOMPARE(SafeText::escape(input), single);
        QCOMPARE(SafeText::escape(input, SafeText::Mode::MultiLine), multi);
        QCOMPARE(SafeText::isSafe(input), single == input);
        for (const QString &out :
             {SafeText::escape(input), SafeText::escape(input, SafeText::Mode::MultiLine)}) {
            QVERIFY(!out.contains(QChar(0x1b)));
            QVERIFY(!out.contains(QChar(0x07)));
            QVERIFY(!out.contains(QChar(0x9b)));
            QVERIFY(!out.contains(QChar(0x202e)));
        }
    }

    void serverIds_data()
    {
        QTest::addColumn<QString>("id");
        QTest::addColumn<bool>("ok");
        QTest::newRow("simple") << QStringLiteral("w1") << true;
        QTest::newRow("punctuation") << QStringLiteral("eu-west_1.api:8080@team/a+b#2(x)") << true;
        QTest::newRow("space inside") << QStringLiteral("worker one") << true;
        QTest::newRow("unicode letters") << QStringLiteral("Zürich-東京") << true;
        QTest::newRow("max length")
            << QString(SafeText::kMaxServerIdLength, QLatin1Char('a')) << true;
        QTest::newRow("too long") << QString(SafeText::kMaxServerIdLength + 1, QLatin1Char('a'))
                                  << false;
        QTest::newRow("empty") << QString() << false;
        QTest::newRow("leading space") << QStringLiteral(" w1") << false;
        QTest::newRow("trailing space") << QStringLiteral("w1 ") << false;
        QTest::newRow("escape") << QStringLiteral("w1\x1b]0;x\x07") << false;
        QTest::newRow("newline") << QStringLiteral("w1\nw2") << false;
        QTest::newRow("tab") << QStringLiteral("w\t1") << false;
        QTest::newRow("bidi") << (QStringLiteral("w") + QChar(0x202e) + QStringLiteral("1"))
                              << false;
        QTest::newRow("quote") << QStringLiteral("w\"1") << false;
        QTest::newRow("comma") << QStringLiteral("w,1") << false;
        QTest::newRow("equals") << QStringLiteral("w=1") << false;
        QTest::newRow("nbsp") << (QStringLiteral("w") + QChar(0xa0) + QStringLiteral("1")) << false;
    }
    void serverIds()
    {
        QFETCH(QString, id);
        QFETCH(bool, ok);
        QString why;
        QCOMPARE(SafeText::checkServerId(id, &why), ok);
        if (!ok) {
            QVERIFY(!why.isEmpty());
            QVERIFY(SafeText::isSafe(why)); // the message shows the id escaped
        }
    }
};

QTEST_GUILESS_MAIN(TestSafeText)
#include "tst_safetext.moc"
