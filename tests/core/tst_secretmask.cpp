// SecretMask: credentials in JSON never reach the protocol view or logs.

#include "net/secretmask.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace mcppm;

class TestSecretMask : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keys_data()
    {
        QTest::addColumn<QString>("key");
        QTest::addColumn<bool>("secret");
        for (const char *k : {"token", "access_token", "refreshToken", "client_secret", "password",
                              "passwd", "apiKey", "api-key", "API_KEY", "Authorization", "cookie",
                              "credentials", "private_key", "sessionKey"})
            QTest::newRow(k) << QString::fromLatin1(k) << true;
        for (const char *k : {"message", "name", "uri", "tokens_used_total_count_x"})
            QTest::newRow(k) << QString::fromLatin1(k) << (QByteArray(k).contains("token"));
        QTest::newRow("session id") << QStringLiteral("sessionId") << false;
        // MCP keys with "token" in them that are no secret.
        for (const char *k :
             {"progressToken", "maxTokens", "inputTokens", "output_tokens", "totalTokens"})
            QTest::newRow(k) << QString::fromLatin1(k) << false;
        QTest::newRow("a token of progress, named otherwise")
            << QStringLiteral("progressTokenSecret") << true;
    }
    void keys()
    {
        QFETCH(QString, key);
        QFETCH(bool, secret);
        QCOMPARE(SecretMask::isSecretKey(key), secret);
    }

    void masksNestedValues()
    {
        const QByteArray json
            = "{\"jsonrpc\":\"2.0\",\"method\":\"tools/call\",\"params\":{\"name\":\"login\","
              "\"arguments\":{\"user\":\"ann\",\"password\":\"hunter2\",\"nested\":[{\"apiKey\":"
              "\"k-123\"},{\"token\":42}],\"auth\":{\"access_token\":\"abc.def\"}}}}";
        const QString out = SecretMask::prettyMasked(json);
        for (const char *secret : {"hunter2", "k-123", "abc.def", "42"})
            QVERIFY2(!out.contains(QLatin1String(secret)), secret);
        QVERIFY(out.contains(QStringLiteral("\"user\": \"ann\"")));
        QVERIFY(out.contains(QStringLiteral("tools/call")));
        QCOMPARE(out.count(QStringLiteral("••••••")), 4);
        // A secret-named key holding an object is walked, not blanked.
        const QJsonObject masked
            = SecretMask::mask(QJsonDocument::fromJson(json).object()).toObject();
        QVERIFY(masked.value(QStringLiteral("params"))
                    .toObject()
                    .value(QStringLiteral("arguments"))
                    .toObject()
                    .value(QStringLiteral("auth"))
                    .isObject());
    }

    void notJsonAndLongText()
    {
        QCOMPARE(SecretMask::prettyMasked("not json"), QStringLiteral("not json"));
        const QByteArray big = "{\"text\":\"" + QByteArray(50000, 'x') + "\"}";
        const QString out = SecretMask::prettyMasked(big, 1000);
        QVERIFY(out.size() < 1100);
        QVERIFY(out.contains(QStringLiteral("more characters")));
        QCOMPARE(SecretMask::prettyMasked("[{\"token\":\"t\"}]").count(QStringLiteral("••••••")),
                 1);
    }
};

QTEST_GUILESS_MAIN(TestSecretMask)
#include "tst_secretmask.moc"
