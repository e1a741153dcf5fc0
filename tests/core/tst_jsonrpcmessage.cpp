// The JSON-RPC codec shared by the client and the demo worker.

#include "jsonrpc/jsonrpcmessage.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace mcppm;

class TestJsonRpcMessage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void classify_data()
    {
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("type"); // -1: the body is refused
        QTest::addColumn<QString>("needle"); // in the error text when refused
        using T = JsonRpcMessage::Type;
        QTest::newRow("request") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}")
                                 << int(T::Request) << QString();
        QTest::newRow("request id 0") << QByteArray(
            "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"elicitation/create\",\"params\":{}}")
                                      << int(T::Request) << QString();
        QTest::newRow("string id")
            << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":\"a-1\",\"method\":\"x\"}")
            << int(T::Request) << QString();
        QTest::newRow("notification")
            << QByteArray("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}")
            << int(T::Notification) << QString();
        QTest::newRow("response") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}")
                                  << int(T::Response) << QString();
        QTest::newRow("error") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":"
                                             "-32700,\"message\":\"Parse error\"}}")
                               << int(T::Error) << QString();
        QTest::newRow("batch") << QByteArray(
            "[{\"jsonrpc\":\"2.0\",\"method\":\"a\"},{\"jsonrpc\":\"2.0\",\"id\":2,\"result\":1}]")
                               << int(T::Notification) << QString();
        QTest::newRow("no jsonrpc")
            << QByteArray("{\"id\":1,\"method\":\"ping\"}") << -1 << QStringLiteral("2.0");
        QTest::newRow("wrong version")
            << QByteArray("{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}") << -1
            << QStringLiteral("2.0");
        QTest::newRow("method not string")
            << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":7}") << -1
            << QStringLiteral("method");
        QTest::newRow("scalar params")
            << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"x\",\"params\":3}") << -1
            << QStringLiteral("params");
        QTest::newRow("fractional id")
            << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":1.5,\"method\":\"x\"}") << -1
            << QStringLiteral("id");
        // Found by fuzzing: huge ids must be refused, not cast (undefined behaviour).
        QTest::newRow("huge id") << QByteArray(
            "{\"jsonrpc\":\"2.0\",\"id\":1e300,\"method\":\"ping\"}")
                                 << -1 << QStringLiteral("id");
        QTest::newRow("huge negative response id")
            << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":-1e300,\"result\":{}}") << -1
            << QStringLiteral("id");
        QTest::newRow("id 2^53") << QByteArray(
            "{\"jsonrpc\":\"2.0\",\"id\":9007199254740992,\"method\":\"x\"}")
                                 << int(T::Request) << QString();
        QTest::newRow("response without id")
            << QByteArray("{\"jsonrpc\":\"2.0\",\"result\":{}}") << -1 << QStringLiteral("id");
        QTest::newRow("error not object")
            << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":1,\"error\":\"bad\"}") << -1
            << QStringLiteral("error");
        QTest::newRow("nothing") << QByteArray("{\"jsonrpc\":\"2.0\"}") << -1
                                 << QStringLiteral("neither");
        QTest::newRow("empty batch") << QByteArray("[]") << -1 << QStringLiteral("empty");
        QTest::newRow("batch with scalar")
            << QByteArray("[1]") << -1 << QStringLiteral("not an object");
        QTest::newRow("HTML") << QByteArray("<html><body>502 Bad Gateway</body></html>") << -1
                              << QStringLiteral("<html>");
        QTest::newRow("empty") << QByteArray() << -1 << QStringLiteral("not valid JSON");
        QTest::newRow("truncated") << QByteArray("{\"jsonrpc\":\"2.0\",\"id\":1,\"res") << -1
                                   << QStringLiteral("not valid JSON");
    }
    void classify()
    {
        QFETCH(QByteArray, body);
        QFETCH(int, type);
        QFETCH(QString, needle);
        QString error;
        const QList<JsonRpcMessage> messages = JsonRpcMessage::parse(body, &error);
        if (type < 0) {
            QVERIFY(messages.isEmpty());
            QVERIFY2(error.contains(needle), qPrintable(error));
        } else {
            QVERIFY2(!messages.isEmpty(), qPrintable(error));
            QCOMPARE(int(messages.first().type), type);
        }
    }

    void excerptIsShort()
    {
        QString error;
        JsonRpcMessage::parse(QByteArray(100000, 'x'), &error);
        QVERIFY(error.size() < 250);
        QVERIFY(error.contains(QStringLiteral("...")));
    }

    void roundTrips()
    {
        const JsonRpcMessage request = JsonRpcMessage::request(
            QJsonValue(5), QStringLiteral("tools/call"),
            QJsonObject{{QStringLiteral("name"), QStringLiteral("echo")}});
        const JsonRpcMessage back = JsonRpcMessage::parse(request.toBytes()).first();
        QCOMPARE(back.type, JsonRpcMessage::Type::Request);
        QCOMPARE(back.id, QJsonValue(5));
        QCOMPARE(back.params.toObject().value(QStringLiteral("name")).toString(),
                 QStringLiteral("echo"));

        const QJsonObject empty
            = JsonRpcMessage::response(QJsonValue(QStringLiteral("x")), QJsonValue::Undefined)
                  .toJson();
        QVERIFY(empty.value(QStringLiteral("result")).isObject());

        const JsonRpcMessage error
            = JsonRpcMessage::error(QJsonValue(3), -32601, QStringLiteral("Method not found"),
                                    QJsonObject{{QStringLiteral("method"), QStringLiteral("x")}});
        const JsonRpcMessage errorBack = JsonRpcMessage::parse(error.toBytes()).first();
        QCOMPARE(errorBack.errorCode, -32601);
        QCOMPARE(errorBack.errorData.toObject().value(QStringLiteral("method")).toString(),
                 QStringLiteral("x"));

        const QJsonObject note
            = JsonRpcMessage::notification(QStringLiteral("notifications/initialized")).toJson();
        QVERIFY(!note.contains(QStringLiteral("id")));
        QVERIFY(!note.contains(QStringLiteral("params")));
    }

    void idKeys()
    {
        QVERIFY(JsonRpcMessage::idKey(QJsonValue(1))
                != JsonRpcMessage::idKey(QJsonValue(QStringLiteral("1"))));
        QCOMPARE(JsonRpcMessage::idKey(QJsonValue(1)), JsonRpcMessage::idKey(QJsonValue(1.0)));
        QCOMPARE(JsonRpcMessage::idKey(QJsonValue(0)), QStringLiteral("n:0"));
    }
};

QTEST_GUILESS_MAIN(TestJsonRpcMessage)
#include "tst_jsonrpcmessage.moc"
