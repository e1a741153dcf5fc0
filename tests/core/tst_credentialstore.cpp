// The credential stores (env:, memory, OS keychain) and the resolver the
// monitor and mcp-poolctl share; the one profile -> pool mapping.

#include "net/safetext.h"
#include "profile/credentialresolver.h"
#include "profile/envcredentialstore.h"
#include "profile/keychaincredentialstore.h"
#include "profile/memorycredentialstore.h"
#include "profile/poolserverconfig.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace mcppm;

namespace {
const QString kSecret = QStringLiteral("s3cr3t-value-that-must-never-show");

struct ReadResult
{
    bool answered = false;
    QString value;
    CredentialError error;
};

ReadResult readFrom(const CredentialResolver &resolver, const QString &reference)
{
    auto result = std::make_shared<ReadResult>();
    resolver.read(reference, [result](const QString &value, const CredentialError &error) {
        *result = {true, value, error};
    });
    [[maybe_unused]] const bool answered
        = QTest::qWaitFor([result]() { return result->answered; }, 15000);
    return *result;
}
} // namespace

class TestCredentialStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        qputenv("MCPPM_CRED_TEST_TOKEN", kSecret.toUtf8());
        qunsetenv("MCPPM_CRED_SURELY_UNSET");
    }

    void envStore()
    {
        EnvCredentialStore env;
        ReadResult r;
        env.read(QStringLiteral("env:MCPPM_CRED_TEST_TOKEN"),
                 [&r](const QString &value, const CredentialError &error) {
                     r = {true, value, error};
                 });
        QVERIFY(r.answered); // the environment answers at once
        QVERIFY(!r.error.isError());
        QCOMPARE(r.value, kSecret);
        env.read(QStringLiteral("env:MCPPM_CRED_SURELY_UNSET"),
                 [&r](const QString &value, const CredentialError &error) {
                     r = {true, value, error};
                 });
        QCOMPARE(r.error.kind, CredentialError::Kind::NotFound);
        QVERIFY(r.value.isEmpty());
        CredentialError written;
        env.write(QStringLiteral("env:MCPPM_CRED_TEST_TOKEN"), QStringLiteral("x"),
                  [&written](const CredentialError &e) { written = e; });
        QCOMPARE(written.kind, CredentialError::Kind::ReadOnly);
        QCOMPARE(qgetenv("MCPPM_CRED_TEST_TOKEN"), kSecret.toUtf8()); // unchanged
        env.remove(QStringLiteral("env:MCPPM_CRED_TEST_TOKEN"),
                   [&written](const CredentialError &e) { written = e; });
        QCOMPARE(written.kind, CredentialError::Kind::ReadOnly);
    }

    void memoryStore()
    {
        MemoryCredentialStore memory;
        ReadResult r;
        auto read = [&](const QString &key) {
            r = {};
            memory.read(key, [&r](const QString &value, const CredentialError &error) {
                r = {true, value, error};
            });
            return r;
        };
        QCOMPARE(read(QStringLiteral("keychain:w1")).error.kind, CredentialError::Kind::NotFound);
        CredentialError e{CredentialError::Kind::Failed, {}};
        memory.write(QStringLiteral("keychain:w1"), kSecret,
                     [&e](const CredentialError &x) { e = x; });
        QVERIFY(!e.isError());
        QCOMPARE(read(QStringLiteral("keychain:w1")).value, kSecret);
        memory.remove(QStringLiteral("keychain:w1"), [&e](const CredentialError &x) { e = x; });
        QVERIFY(!e.isError());
        QVERIFY(!memory.contains(QStringLiteral("keychain:w1")));
        QVERIFY(read(QStringLiteral("keychain:w1")).error.isError());
    }

    void resolver_data()
    {
        QTest::addColumn<QString>("reference");
        QTest::addColumn<int>("kind"); // CredentialError::Kind
        QTest::addColumn<QString>("message");
        QTest::newRow("env set") << QStringLiteral("env:MCPPM_CRED_TEST_TOKEN")
                                 << int(CredentialError::Kind::None) << QString();
        QTest::newRow("env unset")
            << QStringLiteral("env:MCPPM_CRED_SURELY_UNSET") << int(CredentialError::Kind::NotFound)
            << QStringLiteral("token reference env:MCPPM_CRED_SURELY_UNSET: the environment "
                              "variable is not set");
        QTest::newRow("keychain in memory")
            << QStringLiteral("keychain:fleet/w1") << int(CredentialError::Kind::None) << QString();
        QTest::newRow("keychain missing")
            << QStringLiteral("keychain:fleet/w2") << int(CredentialError::Kind::NotFound)
            << QStringLiteral("token reference keychain:fleet/w2: not stored (memory)");
        QTest::newRow("unknown scheme")
            << QStringLiteral("file:/etc/passwd") << int(CredentialError::Kind::BadReference)
            << QStringLiteral("token reference file:/etc/passwd: only env:VARIABLE or "
                              "keychain:NAME");
        QTest::newRow("no scheme")
            << QStringLiteral("plain") << int(CredentialError::Kind::BadReference)
            << QStringLiteral("token reference plain: only env:VARIABLE or "
                              "keychain:NAME");
        QTest::newRow("empty name")
            << QStringLiteral("env:") << int(CredentialError::Kind::BadReference)
            << QStringLiteral("token reference env:: only env:VARIABLE or "
                              "keychain:NAME");
    }
    void resolver()
    {
        QFETCH(QString, reference);
        QFETCH(int, kind);
        QFETCH(QString, message);
        EnvCredentialStore env;
        MemoryCredentialStore memory;
        memory.write(QStringLiteral("keychain:fleet/w1"), kSecret, [](const CredentialError &) {});
        CredentialResolver resolver;
        resolver.setStore(QStringLiteral("env"), &env);
        resolver.setStore(QStringLiteral("keychain"), &memory);
        const ReadResult r = readFrom(resolver, reference);
        QVERIFY(r.answered);
        QCOMPARE(int(r.error.kind), kind);
        if (kind == int(CredentialError::Kind::None)) {
            QCOMPARE(r.value, kSecret);
        } else {
            QVERIFY(r.value.isEmpty());
            QCOMPARE(CredentialResolver::describe(reference, r.error), message);
            QVERIFY(!message.contains(kSecret));
        }
    }

    void readAllAnswersOnceWithEveryError()
    {
        EnvCredentialStore env;
        MemoryCredentialStore memory;
        memory.write(QStringLiteral("keychain:a"), kSecret, [](const CredentialError &) {});
        CredentialResolver resolver;
        resolver.setStore(QStringLiteral("env"), &env);
        resolver.setStore(QStringLiteral("keychain"), &memory);
        int calls = 0;
        QHash<QString, QString> values;
        QStringList errors;
        resolver.readAll({QStringLiteral("keychain:a"), QStringLiteral("keychain:a"), QString(),
                          QStringLiteral("env:MCPPM_CRED_TEST_TOKEN"),
                          QStringLiteral("env:MCPPM_CRED_SURELY_UNSET"),
                          QStringLiteral("keychain:b")},
                         [&](const QHash<QString, QString> &v, const QStringList &e) {
                             ++calls;
                             values = v;
                             errors = e;
                         });
        QCOMPARE(calls, 1);
        QCOMPARE(values.size(), 2);
        QCOMPARE(values.value(QStringLiteral("keychain:a")), kSecret);
        QCOMPARE(errors.size(), 2);
        for (const QString &e : std::as_const(errors))
            QVERIFY2(!e.contains(kSecret), qPrintable(e));
        // Nothing to read: answers at once all the same.
        calls = 0;
        resolver.readAll({},
                         [&](const QHash<QString, QString> &, const QStringList &) { ++calls; });
        QCOMPARE(calls, 1);
    }

    void keychainWithoutSessionBusAnswersAtOnce()
    {
        const QByteArray saved = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        KeychainCredentialStore keychain;
        CredentialResolver resolver;
        resolver.setStore(QStringLiteral("keychain"), &keychain);
        QElapsedTimer t;
        t.start();
        const ReadResult r = readFrom(resolver, QStringLiteral("keychain:w1"));
        QVERIFY(r.answered);
        QCOMPARE(r.error.kind, CredentialError::Kind::Unavailable);
        QCOMPARE(CredentialResolver::describe(QStringLiteral("keychain:w1"), r.error),
                 QStringLiteral("token reference keychain:w1: no keychain is available (no D-Bus "
                                "session for the Secret Service or KWallet)"));
        QVERIFY(t.elapsed() < 5000);
        if (!saved.isEmpty())
            qputenv("DBUS_SESSION_BUS_ADDRESS", saved);
    }

    void keychainWithADeadBusAnswersInTime()
    {
        // A session bus address that leads nowhere: an error within the timeout, never a hang.
        const QByteArray saved = qgetenv("DBUS_SESSION_BUS_ADDRESS");
        qputenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/mcppm-test-bus");
        KeychainCredentialStore keychain;
        keychain.setTimeoutMs(3000);
        CredentialResolver resolver;
        resolver.setStore(QStringLiteral("keychain"), &keychain);
        QElapsedTimer t;
        t.start();
        const ReadResult r = readFrom(resolver, QStringLiteral("keychain:w1"));
        QVERIFY(r.answered);
        QVERIFY(r.error.isError());
        QVERIFY2(r.error.kind == CredentialError::Kind::Unavailable
                     || r.error.kind == CredentialError::Kind::TimedOut,
                 qPrintable(r.error.message));
        QVERIFY(r.error.message.contains(QLatin1String("keychain")));
        QVERIFY(t.elapsed() < 6000);
        if (saved.isEmpty())
            qunsetenv("DBUS_SESSION_BUS_ADDRESS");
        else
            qputenv("DBUS_SESSION_BUS_ADDRESS", saved);
    }

    void oauthKey()
    {
        QCOMPARE(CredentialStore::oauthKey(QStringLiteral("fleet"), QStringLiteral("w1")),
                 QStringLiteral("oauth:fleet/w1"));
        QCOMPARE(CredentialStore::oauthKey(QString(), QStringLiteral("w1")),
                 QStringLiteral("oauth:default/w1"));
        QCOMPARE(KeychainCredentialStore::service(), QStringLiteral("mcp-pool-monitor"));
    }

    void poolServerConfig()
    {
        ProfileServer server;
        server.id = QStringLiteral("w1");
        server.url = QUrl(QStringLiteral("http://127.0.0.1:1/mcp"));
        server.priority = 7;
        server.weight = 3;
        server.timeoutMs = 1234;
        server.maxConcurrent = 5;
        server.ratePerSecond = 10;
        server.rateBurst = 4;
        server.enabled = false;
        server.tokenRef = QStringLiteral("keychain:w1");
        QString why;
        auto config = PoolServerConfig::fromProfile(
            server, {}, {{QStringLiteral("keychain:w1"), kSecret}}, &why);
        QVERIFY2(config, qPrintable(why));
        QCOMPARE(config->id, server.id);
        QCOMPARE(config->url, server.url);
        QCOMPARE(config->token, kSecret);
        QCOMPARE(config->options.priority, 7);
        QCOMPARE(config->options.weight, 3);
        QCOMPARE(config->options.timeoutMs, 1234);
        QCOMPARE(config->options.maxConcurrent, 5);
        QCOMPARE(config->options.ratePerSecond, 10.0);
        QCOMPARE(config->options.rateBurst, 4);
        QCOMPARE(config->options.enabled, false);
        QCOMPARE(config->options.oauth, true);
        QCOMPARE(PoolServerConfig::secretReferences(server), QStringList{server.tokenRef});

        // A keychain: token nobody read: an error, or (the monitor) a warning.
        QVERIFY(!PoolServerConfig::fromProfile(server, {}, {}, &why));
        QCOMPARE(why,
                 QStringLiteral("server w1: token reference keychain:w1: not in the keychain"));
        QStringList warnings;
        config = PoolServerConfig::fromProfile(server, {}, {}, &why, &warnings);
        QVERIFY(config);
        QVERIFY(config->token.isEmpty());
        QCOMPARE(warnings.size(), 1);

        // env: from the environment; an unset one is an error also for the monitor.
        server.tokenRef = QStringLiteral("env:MCPPM_CRED_TEST_TOKEN");
        config = PoolServerConfig::fromProfile(server, {}, {}, &why);
        QVERIFY(config);
        QCOMPARE(config->token, kSecret);
        server.tokenRef = QStringLiteral("env:MCPPM_CRED_SURELY_UNSET");
        QVERIFY(!PoolServerConfig::fromProfile(server, {}, {}, &why, &warnings));
        QVERIFY(why.contains(QLatin1String("env:MCPPM_CRED_SURELY_UNSET")));

        // OAuth client secret through the same secrets.
        server.tokenRef.clear();
        server.oauth.clientId = QStringLiteral("cid");
        server.oauth.clientSecretRef = QStringLiteral("keychain:cs");
        server.oauth.grant = QStringLiteral("client_credentials");
        QCOMPARE(PoolServerConfig::secretReferences(server),
                 QStringList{server.oauth.clientSecretRef});
        config = PoolServerConfig::fromProfile(server, {},
                                               {{QStringLiteral("keychain:cs"), kSecret}}, &why);
        QVERIFY2(config, qPrintable(why));
        QCOMPARE(config->options.oauthSettings.clientId, QStringLiteral("cid"));
        QCOMPARE(config->options.oauthSettings.clientSecret, kSecret);
        QCOMPARE(config->options.oauthSettings.grant, OAuthSettings::Grant::ClientCredentials);
        QVERIFY(!PoolServerConfig::fromProfile(server, {}, {}, &why));
        QVERIFY2(why.contains(QLatin1String("client secret reference keychain:cs")),
                 qPrintable(why));
        QVERIFY(!why.contains(kSecret));

        // TLS: a pin on an https URL.
        server.oauth = {};
        server.url = QUrl(QStringLiteral("https://127.0.0.1:1/mcp"));
        server.pinSha256 = QString(QStringLiteral("AB:")).repeated(31) + QStringLiteral("AB");
        config = PoolServerConfig::fromProfile(server, {}, {}, &why);
        QVERIFY2(config, qPrintable(why));
        QVERIFY(!config->options.tls.pinSha256.isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestCredentialStore)
#include "tst_credentialstore.moc"
