// JsonWriter writes what QJsonDocument::toJson(Compact) writes, byte for byte: checked
// on edge cases (every ASCII character, surrogates, numbers Qt stores as integers or
// doubles) and on thousands of random trees; JsonRpcMessage::toBytes against the
// envelope built as an object and written by Qt.

#include "jsonrpc/jsonrpcmessage.h"
#include "jsonrpc/jsonwriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTest>

#include <cmath>
#include <limits>

using namespace mcppm;

namespace {
QByteArray qtWrites(const QJsonValue &v)
{
    // QJsonDocument takes an object or an array: wrap, then cut the wrapper off.
    const QByteArray whole = QJsonDocument(QJsonArray{v}).toJson(QJsonDocument::Compact);
    return whole.mid(1, whole.size() - 2);
}

QString randomText(QRandomGenerator &rng)
{
    static const char16_t pool[]
        = {u'a',   u'Z',   u'0',   u' ',   u'"',   u'\\',  u'/',   u'\b', u'\f', u'\n',
           u'\r',  u'\t',  0x01,   0x1f,   0x7f,   0x80,   0xe9,   0x7ff, 0x800, 0x20ac,
           0xfeff, 0xfffd, 0xd83d, 0xde00, 0xdbff, 0xdc00, 0x2028, 0x202e};
    QString s;
    const int n = rng.bounded(12);
    for (int i = 0; i < n; ++i)
        s += QChar(pool[rng.bounded(int(sizeof pool / sizeof pool[0]))]);
    return s;
}

QJsonValue randomNumber(QRandomGenerator &rng)
{
    switch (rng.bounded(8)) {
    case 0:
        return qint64(rng.generate64());
    case 1:
        return int(rng.bounded(2000)) - 1000;
    case 2:
        return rng.generateDouble() * std::pow(10.0, rng.bounded(-320, 310));
    case 3:
        return -rng.generateDouble();
    case 4:
        return double(rng.bounded(100000)); // a whole double
    case 5:
        return std::ldexp(1.0, rng.bounded(40, 80)); // whole, beyond 2^53 sometimes
    case 6:
        return 0.1 * rng.bounded(100);
    default:
        return std::numeric_limits<double>::denorm_min() * rng.bounded(1, 9);
    }
}

QJsonValue randomValue(QRandomGenerator &rng, int depth)
{
    switch (rng.bounded(depth > 3 ? 5 : 7)) {
    case 0:
        return QJsonValue::Null;
    case 1:
        return rng.bounded(2) == 1;
    case 2:
    case 3:
        return randomNumber(rng);
    case 4:
        return randomText(rng);
    case 5: {
        QJsonArray a;
        const int n = rng.bounded(5);
        for (int i = 0; i < n; ++i)
            a.append(randomValue(rng, depth + 1));
        return a;
    }
    default: {
        QJsonObject o;
        const int n = rng.bounded(6);
        for (int i = 0; i < n; ++i)
            o.insert(randomText(rng), randomValue(rng, depth + 1));
        return o;
    }
    }
}
} // namespace

class TestJsonWriter : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void edgeCasesAsQtWritesThem_data()
    {
        QTest::addColumn<QJsonValue>("value");
        QString ascii;
        for (int c = 1; c < 0x80; ++c)
            ascii += QChar(c);
        QTest::newRow("every ASCII character") << QJsonValue(ascii);
        QTest::newRow("NUL") << QJsonValue(QString(QChar(0)));
        QTest::newRow("pair") << QJsonValue(QStringLiteral("a\U0001F600b"));
        QTest::newRow("lone high") << QJsonValue(QString(QChar(0xd83d)) + u'x');
        QTest::newRow("lone low") << QJsonValue(QString(QChar(0xde00)));
        QTest::newRow("high at end") << QJsonValue(QStringLiteral("x") + QChar(0xdbff));
        QTest::newRow("two highs") << QJsonValue(QString(QChar(0xd800)) + QChar(0xd800));
        QTest::newRow("BMP") << QJsonValue(QStringLiteral("é€\u0800\uffff\u2028"));
        QTest::newRow("empty string") << QJsonValue(QString());
        QTest::newRow("int 0") << QJsonValue(0);
        QTest::newRow("int min") << QJsonValue(std::numeric_limits<qint64>::min());
        QTest::newRow("int max") << QJsonValue(std::numeric_limits<qint64>::max());
        QTest::newRow("-0.0") << QJsonValue(-0.0);
        QTest::newRow("1.0") << QJsonValue(1.0);
        QTest::newRow("1e15") << QJsonValue(1e15);
        QTest::newRow("2^53+2") << QJsonValue(9007199254740994.0);
        QTest::newRow("1e300") << QJsonValue(1e300);
        QTest::newRow("0.1") << QJsonValue(0.1);
        QTest::newRow("1/3") << QJsonValue(1.0 / 3);
        QTest::newRow("denormal") << QJsonValue(std::numeric_limits<double>::denorm_min());
        QTest::newRow("max") << QJsonValue(std::numeric_limits<double>::max());
        QTest::newRow("NaN") << QJsonValue(std::numeric_limits<double>::quiet_NaN());
        QTest::newRow("-inf") << QJsonValue(-std::numeric_limits<double>::infinity());
        QTest::newRow("true") << QJsonValue(true);
        QTest::newRow("null") << QJsonValue(QJsonValue::Null);
        QTest::newRow("empty object") << QJsonValue(QJsonObject());
        QTest::newRow("empty array") << QJsonValue(QJsonArray());
        QTest::newRow("nested") << QJsonValue(QJsonObject{
            {QStringLiteral("b"), QJsonArray{1, 2.5, QJsonObject(), QJsonArray()}},
            {QStringLiteral("a"), QJsonObject{{QStringLiteral("\n"), QJsonValue::Null}}}});
        // Parsed text: numbers as Qt's parser stores them.
        QTest::newRow("parsed") << QJsonValue(
            QJsonDocument::fromJson(R"({"i":12,"d":12.0,"e":1e2,"big":123456789012345678901,
                "neg":-7,"f":-0.5,"s":"\u00e9\ud83d\ude00"})")
                .object());
    }
    void edgeCasesAsQtWritesThem()
    {
        QFETCH(QJsonValue, value);
        QCOMPARE(JsonWriter::toBytes(value), qtWrites(value));
    }

    void randomTreesAsQtWritesThem()
    {
        QRandomGenerator rng(20261203);
        for (int i = 0; i < 5000; ++i) {
            const QJsonValue v = randomValue(rng, 0);
            const QByteArray ours = JsonWriter::toBytes(v);
            const QByteArray qts = qtWrites(v);
            if (ours != qts)
                QFAIL(qPrintable(QStringLiteral("tree %1:\nours %2\nQt's %3")
                                     .arg(i)
                                     .arg(QString::fromUtf8(ours.toPercentEncoding("{}[]\":,")),
                                          QString::fromUtf8(qts.toPercentEncoding("{}[]\":,")))));
        }
    }

    void messagesAsTheirObjectsWrittenByQt()
    {
        QRandomGenerator rng(7);
        const QJsonObject params{{QStringLiteral("name"), QStringLiteral("echo")},
                                 {QStringLiteral("arguments"), randomValue(rng, 1)}};
        const QList<JsonRpcMessage> messages{
            JsonRpcMessage::request(7, QStringLiteral("tools/call"), params),
            JsonRpcMessage::request(QStringLiteral("a\"b"), QStringLiteral("ping"), {}),
            JsonRpcMessage::request(QJsonValue::Undefined, QStringLiteral("x"), QJsonArray{1}),
            JsonRpcMessage::notification(QStringLiteral("notifications/cancelled"), params),
            JsonRpcMessage::notification(QStringLiteral("n"), QJsonValue::Null),
            JsonRpcMessage::response(3, params),
            JsonRpcMessage::response(4, QJsonValue::Undefined),
            JsonRpcMessage::response(5, QJsonValue::Null),
            JsonRpcMessage::response(QJsonValue::Undefined, params),
            JsonRpcMessage::error(9, -32602, QStringLiteral("bad \u00e9"), params),
            JsonRpcMessage::error(QJsonValue::Undefined, -32700, QStringLiteral("parse")),
            JsonRpcMessage(),
        };
        for (const JsonRpcMessage &m : messages)
            QCOMPARE(m.toBytes(), QJsonDocument(m.toJson()).toJson(QJsonDocument::Compact));
    }
};

QTEST_GUILESS_MAIN(TestJsonWriter)
#include "tst_jsonwriter.moc"
