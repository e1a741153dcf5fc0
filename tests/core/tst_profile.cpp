// Profiles: versioned JSON, atomic save, unknown keys kept, no secrets.

#include "profile/filecredentialstore.h"
#include "profile/poolserverconfig.h"
#include "profile/profile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mcppm;

namespace {
QJsonObject parse(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}
} // namespace

class TestProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTripKeepsUnknownKeys()
    {
        const QJsonObject in = parse("{\"version\":1,\"name\":\"fleet\",\"strategy\":\"least_"
                                     "loaded\",\"maxRetries\":2,\"x-ui\":{\"columns\":[1,2]},"
                                     "\"servers\":[{\"id\":\"w1\",\"url\":\"http://127.0.0.1:3001/"
                                     "mcp\",\"priority\":5,\"weight\":3,"
                                     "\"tokenRef\":\"env:W1_TOKEN\",\"x-note\":\"rack 4\"}]}");
        QString error;
        const auto profile = Profile::fromJson(in, &error);
        QVERIFY2(profile, qPrintable(error));
        QCOMPARE(profile->strategy, QStringLiteral("least-loaded"));
        QCOMPARE(profile->maxRetries, 2);
        QCOMPARE(profile->degradedThreshold, 2); // defaults where the file says nothing
        QCOMPARE(profile->offlineThreshold, 5);
        QCOMPARE(profile->historySize, 10000);
        QCOMPARE(profile->servers.size(), 1);
        QCOMPARE(profile->servers.first().priority, 5);
        QCOMPARE(profile->servers.first().weight, 3);
        QCOMPARE(profile->servers.first().tokenRef, QStringLiteral("env:W1_TOKEN"));

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fleet.json"));
        QVERIFY2(profile->save(path, &error), qPrintable(error));
        const auto back = Profile::load(path, &error);
        QVERIFY2(back, qPrintable(error));
        const QJsonObject out = back->toJson();
        QCOMPARE(out.value(QStringLiteral("version")).toInt(), 1);
        QCOMPARE(out.value(QStringLiteral("x-ui"))
                     .toObject()
                     .value(QStringLiteral("columns"))
                     .toArray()
                     .size(),
                 2);
        QCOMPARE(out.value(QStringLiteral("servers"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("x-note"))
                     .toString(),
                 QStringLiteral("rack 4"));
        QCOMPARE(back->toJson(), profile->toJson());
    }

    void encodedUrlsSurviveARoundTrip()
    {
        // Found by fuzzing: "%20" came back as a space, which the loader refuses.
        QString error;
        const auto p = Profile::fromJson(
            parse("{\"version\":1,\"servers\":[{\"id\":\"a\",\"url\":\"http://h/"
                  "?q=a%20b\"}]}"),
            &error);
        QVERIFY2(p, qPrintable(error));
        const auto again = Profile::fromJson(p->toJson(), &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->toJson(), p->toJson());
        QCOMPARE(again->servers.first().url.toString(QUrl::FullyEncoded),
                 QStringLiteral("http://h/?q=a%20b"));
    }

    void namedRequestsRoundTrip()
    {
        const QJsonObject in = parse(
            "{\"version\":1,\"requests\":["
            "{\"name\":\"sum\",\"tool\":\"add\",\"arguments\":{\"a\":2,\"b\":40},"
            "\"target\":\"server:w1\",\"priority\":5,\"timeoutMs\":1500,\"x-note\":\"kept\"},"
            "{\"name\":\"hello\",\"tool\":\"echo\"}]}");
        QString error;
        const auto profile = Profile::fromJson(in, &error);
        QVERIFY2(profile, qPrintable(error));
        QCOMPARE(profile->requests.size(), 2);
        const NamedRequest &sum = profile->requests.first();
        QCOMPARE(sum.name, QStringLiteral("sum"));
        QCOMPARE(sum.tool, QStringLiteral("add"));
        QCOMPARE(sum.arguments.value(QStringLiteral("b")).toInt(), 40);
        QCOMPARE(sum.target, QStringLiteral("server:w1"));
        QCOMPARE(sum.priority, 5);
        QCOMPARE(sum.timeoutMs, 1500);
        QCOMPARE(sum.extra.value(QStringLiteral("x-note")).toString(), QStringLiteral("kept"));
        // Defaults where the entry says nothing.
        const NamedRequest &hello = profile->requests.last();
        QCOMPARE(hello.target, QStringLiteral("pool"));
        QCOMPARE(hello.priority, 0);
        QCOMPARE(hello.timeoutMs, 60000);
        QVERIFY(hello.arguments.isEmpty());

        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("requests.json"));
        QVERIFY2(profile->save(path, &error), qPrintable(error));
        const auto back = Profile::load(path, &error);
        QVERIFY2(back, qPrintable(error));
        QCOMPARE(back->requests, profile->requests);
        QCOMPARE(back->toJson(), profile->toJson());
        QCOMPARE(back->toJson()
                     .value(QStringLiteral("requests"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("x-note"))
                     .toString(),
                 QStringLiteral("kept"));
        // No requests, no key: older profiles are written as they were.
        QVERIFY(!Profile().toJson().contains(QStringLiteral("requests")));
    }

    void erasRootsAndLogLevelRoundTrip()
    {
        // (JSON's "\/" keeps "//" out of the source: moc takes it for a comment.)
        const QByteArray json
            = "{\"version\":1,\"roots\":[\"/srv/work\",\"file:\\/\\/\\/home/op\"],"
              "\"logLevel\":\"warning\",\"servers\":["
              "{\"id\":\"a\",\"url\":\"http:\\/\\/h/mcp\",\"protocol\":\"modern\"},"
              "{\"id\":\"b\",\"url\":\"http:\\/\\/g/mcp\",\"protocol\":\"legacy\"},"
              "{\"id\":\"c\",\"url\":\"http:\\/\\/f/mcp\"}]}";
        QString error;
        const auto profile = Profile::fromJson(QJsonDocument::fromJson(json).object(), &error);
        QVERIFY2(profile, qPrintable(error));
        QCOMPARE(profile->roots,
                 (QStringList{QStringLiteral("/srv/work"), QStringLiteral("file:///home/op")}));
        QCOMPARE(profile->logLevel, QStringLiteral("warning"));
        QCOMPARE(profile->servers.at(0).protocol, QStringLiteral("modern"));
        QCOMPARE(profile->servers.at(1).protocol, QStringLiteral("legacy"));
        QCOMPARE(profile->servers.at(2).protocol, QStringLiteral("auto"));
        const QJsonObject saved = profile->toJson();
        QVERIFY(!saved.value(QStringLiteral("servers"))
                     .toArray()
                     .at(2)
                     .toObject()
                     .contains(QStringLiteral("protocol"))); // the default is not written
        const auto again = Profile::fromJson(saved, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->toJson(), saved);
        QString why;
        const auto modern = PoolServerConfig::fromProfile(profile->servers.at(0), {}, {}, &why);
        QVERIFY2(modern, qPrintable(why));
        QCOMPARE(modern->options.protocol, McpClientOptions::ProtocolMode::Modern);
        const auto legacy = PoolServerConfig::fromProfile(profile->servers.at(1), {}, {}, &why);
        QCOMPARE(legacy->options.protocol, McpClientOptions::ProtocolMode::Legacy);
    }

    void healthSettingsRoundTrip()
    {
        const QByteArray json = "{\"version\":1,\"healthCheckIntervalMs\":20000,"
                                "\"degradedThreshold\":3,\"offlineThreshold\":4,"
                                "\"maxConcurrentPerServer\":6,"
                                "\"health\":{\"riseThreshold\":3,\"suspectIntervalMs\":1500,"
                                "\"windowMs\":60000,\"minRequestVolume\":50,"
                                "\"ejectErrorPercent\":0,\"slowFactor\":4.5,"
                                "\"maxEjectionPercent\":20}}";
        QString error;
        const auto profile = Profile::fromJson(QJsonDocument::fromJson(json).object(), &error);
        QVERIFY2(profile, qPrintable(error));
        QCOMPARE(profile->health.riseThreshold, 3);
        QCOMPARE(profile->health.outliers.windowMs, 60000);
        QCOMPARE(profile->health.outliers.ejectErrorPercent, 0);
        QCOMPARE(profile->health.outliers.slowFactor, 4.5);
        QCOMPARE(profile->health.probeTimeoutMs, HealthMonitorOptions().probeTimeoutMs); // default
        const ServerPoolOptions pool = profile->poolOptions();
        QCOMPARE(pool.maxConcurrentPerServer, 6);
        QCOMPARE(pool.health.checkIntervalMs, 20000);
        QCOMPARE(pool.health.degradedThreshold, 3);
        QCOMPARE(pool.health.offlineThreshold, 4);
        QCOMPARE(pool.health.suspectIntervalMs, 1500);
        QCOMPARE(pool.health.maxEjectionPercent, 20);
        // Written back: only what differs from the defaults.
        const QJsonObject written = profile->toJson();
        const QJsonObject health = written.value(QStringLiteral("health")).toObject();
        QCOMPARE(health.size(), 7);
        QCOMPARE(health.value(QStringLiteral("slowFactor")).toDouble(), 4.5);
        const auto again = Profile::fromJson(written, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->toJson(), written);
        // A profile without "health" writes none.
        QVERIFY(!Profile().toJson().contains(QStringLiteral("health")));
        QVERIFY(!Profile().toJson().contains(QStringLiteral("maxConcurrentPerServer")));
    }

    void endpointSettingsRoundTrip()
    {
        const QByteArray json = "{\"version\":1,\"mcpEndpoint\":{\"enabled\":true,"
                                "\"listen\":\"0.0.0.0:8765\",\"tokenRef\":\"env:POOL_TOKEN\","
                                "\"allowedOrigins\":[\"https://console.example\"],"
                                "\"allowedHosts\":[\"pool.example\"]}}";
        QString error;
        const auto profile = Profile::fromJson(QJsonDocument::fromJson(json).object(), &error);
        QVERIFY2(profile, qPrintable(error));
        QVERIFY(profile->endpoint.enabled);
        QCOMPARE(profile->endpoint.listen, QStringLiteral("0.0.0.0:8765"));
        QCOMPARE(profile->endpoint.tokenRef, QStringLiteral("env:POOL_TOKEN"));
        QCOMPARE(profile->endpoint.allowedOrigins,
                 QStringList{QStringLiteral("https://console.example")});
        const QJsonObject written = profile->toJson();
        const auto again = Profile::fromJson(written, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->endpoint, profile->endpoint);
        QVERIFY(!Profile().toJson().contains(QStringLiteral("mcpEndpoint")));
    }

    void localCommandRoundTrip()
    {
        const QByteArray json
            = "{\"version\":1,\"servers\":[{\"id\":\"fs\",\"command\":\"node\","
              "\"args\":[\"server.js\",\"--root\",\"/srv\"],\"env\":{\"LOG\":\"info\"},"
              "\"envRefs\":{\"API_KEY\":\"keychain:fs-key\"},\"cwd\":\"work\",\"replicas\":3,"
              "\"maxRestartsPerMinute\":10,\"restartDelayMs\":100},"
              "{\"id\":\"web\",\"url\":\"http://h/mcp\"}]}";
        QString error;
        const auto profile = Profile::fromJson(QJsonDocument::fromJson(json).object(), &error);
        QVERIFY2(profile, qPrintable(error));
        const LocalCommand &c = profile->servers.at(0).command;
        QVERIFY(c.isSet());
        QVERIFY(profile->servers.at(0).url.isEmpty());
        QCOMPARE(c.program, QStringLiteral("node"));
        QCOMPARE(c.args,
                 (QStringList{QStringLiteral("server.js"), QStringLiteral("--root"),
                              QStringLiteral("/srv")}));
        QCOMPARE(c.env.size(), 1);
        QCOMPARE(c.env.at(0).second, QStringLiteral("info"));
        QCOMPARE(c.envRefs.at(0).first, QStringLiteral("API_KEY"));
        QCOMPARE(c.cwd, QStringLiteral("work"));
        QCOMPARE(c.replicas, 3);
        QCOMPARE(c.maxRestartsPerMinute, 10);
        QCOMPARE(c.restartDelayMs, 100);
        QCOMPARE(c.restartMaxDelayMs, 30000); // the default
        const auto config = PoolServerConfig::fromProfile(
            profile->servers.at(0), QString(),
            {{QStringLiteral("keychain:fs-key"), QStringLiteral("k")}}, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->options.supervision.maxRestartsPerMinute, 10);
        QCOMPARE(config->options.supervision.restartDelayMs, 100);
        QVERIFY(!profile->servers.at(1).command.isSet());
        const QJsonObject written = profile->toJson();
        const QJsonObject entry
            = written.value(QStringLiteral("servers")).toArray().at(0).toObject();
        QVERIFY(!entry.contains(QStringLiteral("url")));
        QVERIFY(!entry.contains(QStringLiteral("extra")));
        const auto again = Profile::fromJson(written, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->servers.at(0).command, c);
        QVERIFY(again->servers.at(0).extra.isEmpty());
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("needle");
        QTest::newRow("endpoint without a token off loopback")
            << QByteArray("{\"version\":1,\"mcpEndpoint\":{\"enabled\":true,"
                          "\"listen\":\"0.0.0.0:8765\"}}")
            << "needs a \"tokenRef\"";
        QTest::newRow("endpoint listen")
            << QByteArray("{\"version\":1,\"mcpEndpoint\":{\"listen\":\"localhost\"}}")
            << "ADDRESS:PORT";
        QTest::newRow("endpoint unknown key")
            << QByteArray("{\"version\":1,\"mcpEndpoint\":{\"token\":\"s3cret\"}}")
            << "unknown key \"token\"";
        QTest::newRow("no version") << QByteArray("{\"servers\":[]}") << "version";
        QTest::newRow("newer version") << QByteArray("{\"version\":7}") << "newer";
        QTest::newRow("inline token") << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\","
                                                    "\"url\":\"http://h/\",\"token\":\"s3cr3t\"}]}")
                                      << "never stored";
        QTest::newRow("duplicate id")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\",\"url\":\"http://h/"
                          "\"},{\"id\":\"a\",\"url\":\"http://g/\"}]}")
            << "twice";
        QTest::newRow("id with an escape")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\\u001b]0;x\\u0007\","
                          "\"url\":\"http://h/\"}]}")
            << "\"id\": server id \"a\\x1b]0;x\\x07\"";
        QTest::newRow("id with a newline")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\\nb\",\"url\":\"http://h/\"}]}")
            << "server id";
        QTest::newRow("id with a space at the end")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a \",\"url\":\"http://h/\"}]}")
            << "space";
        QTest::newRow("id too long")
            << (QByteArray("{\"version\":1,\"servers\":[{\"id\":\"") + QByteArray(65, 'a')
                + QByteArray("\",\"url\":\"http://h/\"}]}"))
            << "longer than 64";
        QTest::newRow("bad url") << QByteArray(
            "{\"version\":1,\"servers\":[{\"id\":\"a\",\"url\":\"ftp://h/\"}]}")
                                 << "http";
        QTest::newRow("bad weight") << QByteArray(
            "{\"version\":1,\"servers\":[{\"id\":\"a\",\"url\":\"http://h/\",\"weight\":0}]}")
                                    << "weight";
        // Found by fuzzing: out-of-range numbers are refused before any conversion.
        QTest::newRow("huge number")
            << QByteArray("{\"version\":1,\"maxRetries\":1e300}") << "maxRetries";
        QTest::newRow("huge negative")
            << QByteArray("{\"version\":1,\"concurrentTasks\":-1e300}") << "concurrentTasks";
        QTest::newRow("bad strategy")
            << QByteArray("{\"version\":1,\"strategy\":\"random\"}") << "strategy";
        QTest::newRow("bad token ref")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\",\"url\":\"http://h/"
                          "\",\"tokenRef\":\"plain\"}]}")
            << "keychain:";
        QTest::newRow("offline below degraded")
            << QByteArray("{\"version\":1,\"degradedThreshold\":4,\"offlineThreshold\":3}")
            << "offlineThreshold";
        QTest::newRow("threshold zero")
            << QByteArray("{\"version\":1,\"degradedThreshold\":0}") << "degradedThreshold";
        QTest::newRow("servers not array")
            << QByteArray("{\"version\":1,\"servers\":{}}") << "array";
        QTest::newRow("requests not array")
            << QByteArray("{\"version\":1,\"requests\":{}}") << "\"requests\" must be an array";
        QTest::newRow("request not object")
            << QByteArray("{\"version\":1,\"requests\":[42]}") << "requests[0]: must be an object";
        QTest::newRow("request without name")
            << QByteArray("{\"version\":1,\"requests\":[{\"tool\":\"echo\"}]}")
            << "requests[0]: \"name\" is missing";
        QTest::newRow("request without tool")
            << QByteArray("{\"version\":1,\"requests\":[{\"name\":\"a\"},{\"name\":\"b\"}]}")
            << "requests[0] (\"a\"): \"tool\" is missing";
        QTest::newRow("request arguments not object")
            << QByteArray("{\"version\":1,\"requests\":[{\"name\":\"a\",\"tool\":\"echo\","
                          "\"arguments\":[1]}]}")
            << "requests[0] (\"a\"): \"arguments\" must be an object";
        QTest::newRow("request bad target")
            << QByteArray("{\"version\":1,\"requests\":[{\"name\":\"a\",\"tool\":\"echo\"},"
                          "{\"name\":\"b\",\"tool\":\"echo\",\"target\":\"server:\"}]}")
            << "requests[1] (\"b\"): \"target\"";
        QTest::newRow("request bad priority")
            << QByteArray("{\"version\":1,\"requests\":[{\"name\":\"a\",\"tool\":\"echo\","
                          "\"priority\":1e300}]}")
            << "requests[0] (\"a\"): \"priority\" must be a whole number";
        QTest::newRow("request bad timeout")
            << QByteArray("{\"version\":1,\"requests\":[{\"name\":\"a\",\"tool\":\"echo\","
                          "\"timeoutMs\":0}]}")
            << "requests[0] (\"a\"): \"timeoutMs\"";
        QTest::newRow("bad protocol")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\",\"url\":\"http://h/\","
                          "\"protocol\":\"2026\"}]}")
            << "\"protocol\" must be \"auto\", \"modern\"";
        QTest::newRow("relative root")
            << QByteArray("{\"version\":1,\"roots\":[\"src\"]}") << "absolute paths";
        QTest::newRow("roots not array")
            << QByteArray("{\"version\":1,\"roots\":\"/srv\"}") << "\"roots\" must be an array";
        QTest::newRow("bad log level")
            << QByteArray("{\"version\":1,\"logLevel\":\"verbose\"}") << "\"logLevel\"";
        QTest::newRow("health not object")
            << QByteArray("{\"version\":1,\"health\":3}") << "\"health\" must be an object";
        QTest::newRow("health unknown key")
            << QByteArray("{\"version\":1,\"health\":{\"riseTreshold\":2}}")
            << "unknown key \"riseTreshold\"";
        QTest::newRow("health percent over 100")
            << QByteArray("{\"version\":1,\"health\":{\"ejectErrorPercent\":150}}")
            << "\"ejectErrorPercent\" must be a whole number from 0 to 100";
        QTest::newRow("health eject below degraded")
            << QByteArray("{\"version\":1,\"health\":{\"degradedErrorPercent\":40,"
                          "\"ejectErrorPercent\":30}}")
            << "\"ejectErrorPercent\" must not be below";
        QTest::newRow("health max delay below delay")
            << QByteArray("{\"version\":1,\"health\":{\"reconnectDelayMs\":9000}}")
            << "reconnectMaxDelayMs";
        QTest::newRow("health slow factor")
            << QByteArray("{\"version\":1,\"health\":{\"slowFactor\":0.5}}") << "slowFactor";
        QTest::newRow("per-server cap")
            << QByteArray("{\"version\":1,\"maxConcurrentPerServer\":-2}")
            << "maxConcurrentPerServer";
        QTest::newRow("command and url")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\",\"url\":\"http://h/\","
                          "\"command\":\"node\"}]}")
            << "not both";
        QTest::newRow("args without command")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\",\"url\":\"http://h/\","
                          "\"args\":[\"x\"]}]}")
            << "\"args\" needs \"command\"";
        QTest::newRow("empty command")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\",\"command\":\" \"}]}")
            << "\"command\" must be a program";
        QTest::newRow("args not strings")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\",\"command\":\"x\","
                          "\"args\":[1]}]}")
            << "\"args\" must be an array of strings";
        QTest::newRow("env bad name")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\",\"command\":\"x\","
                          "\"env\":{\"A=B\":\"s3cr3t\"}}]}")
            << "not a variable name";
        QTest::newRow("envRefs plain secret")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\",\"command\":\"x\","
                          "\"envRefs\":{\"KEY\":\"s3cr3t\"}}]}")
            << "KEY must be a reference";
        QTest::newRow("env in both")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\",\"command\":\"x\","
                          "\"env\":{\"K\":\"v\"},\"envRefs\":{\"K\":\"env:K\"}}]}")
            << "K is in both";
        QTest::newRow("replicas zero")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\",\"command\":\"x\","
                          "\"replicas\":0}]}")
            << "\"replicas\" must be a whole number from 1 to 64";
        QTest::newRow("restart delays")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\",\"command\":\"x\","
                          "\"restartDelayMs\":5000,\"restartMaxDelayMs\":1000}]}")
            << "\"restartMaxDelayMs\" must not be below";
        QTest::newRow("restarts per minute")
            << QByteArray("{\"version\":1,\"servers\":[{\"id\":\"a\",\"command\":\"x\","
                          "\"maxRestartsPerMinute\":0}]}")
            << "\"maxRestartsPerMinute\" must be a whole number from 1";
        QTest::newRow("request name twice")
            << QByteArray("{\"version\":1,\"requests\":[{\"name\":\"a\",\"tool\":\"echo\"},"
                          "{\"name\":\"a\",\"tool\":\"add\"}]}")
            << "requests[1] (\"a\"): the name is used twice";
    }
    void refusals()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, needle);
        QString error;
        QVERIFY(!Profile::fromJson(QJsonDocument::fromJson(json).object(), &error));
        QVERIFY2(error.contains(needle), qPrintable(error));
        QVERIFY(!error.contains(QStringLiteral("s3cr3t"))); // never echo a secret
    }

    void unreadableFiles()
    {
        QTemporaryDir dir;
        QString error;
        QVERIFY(!Profile::load(dir.filePath(QStringLiteral("missing.json")), &error));
        QVERIFY(error.contains(QStringLiteral("cannot read")));
        QFile broken(dir.filePath(QStringLiteral("broken.json")));
        QVERIFY(broken.open(QIODevice::WriteOnly));
        broken.write("{\"version\": 1,");
        broken.close();
        QVERIFY(!Profile::load(broken.fileName(), &error));
        QVERIFY(error.contains(QStringLiteral("not a JSON object")));
    }

    void tokenReferences()
    {
        qputenv("MCPPM_PROFILE_TEST_TOKEN", "tok-123");
        QString token, error;
        QVERIFY(
            Profile::resolveToken(QStringLiteral("env:MCPPM_PROFILE_TEST_TOKEN"), &token, &error));
        QCOMPARE(token, QStringLiteral("tok-123"));
        QVERIFY(!Profile::resolveToken(QStringLiteral("env:MCPPM_SURELY_UNSET"), &token, &error));
        QVERIFY(error.contains(QStringLiteral("not set")));
        QVERIFY(Profile::resolveToken(QString(), &token, &error));
        QVERIFY(token.isEmpty());
        // Keychain references are valid in a profile but only the GUI resolves them.
        QVERIFY(Profile::isTokenReference(QStringLiteral("keychain:fleet/w1")));
        QVERIFY(!Profile::isTokenReference(QStringLiteral("keychain:")));
        QVERIFY(!Profile::isTokenReference(QStringLiteral("env:")));
        QVERIFY(!Profile::resolveToken(QStringLiteral("keychain:fleet/w1"), &token, &error));
        QVERIFY(error.contains(QStringLiteral("keychain")));
        QString why;
        QVERIFY(Profile::fromJson(parse("{\"version\":1,\"servers\":[{\"id\":\"a\",\"url\":"
                                        "\"http://h/\",\"tokenRef\":\"keychain:p/a\"}]}"),
                                  &why));
    }

    // file:/PATH: a mounted secret, its content without the trailing line break.
    void fileTokenReferences()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("token"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("s3cr3t-token\n");
        file.close();
        const QString reference = QStringLiteral("file:") + path;
        QVERIFY(Profile::isTokenReference(reference));
        QVERIFY(!Profile::isTokenReference(QStringLiteral("file:relative/token")));
        QVERIFY(!Profile::isTokenReference(QStringLiteral("file:")));
        QString token, error;
        QVERIFY2(Profile::resolveToken(reference, &token, &error), qPrintable(error));
        QCOMPARE(token, QStringLiteral("s3cr3t-token"));
        // Missing, empty, too big, a directory: errors that name the reference, never a value.
        QVERIFY(!Profile::resolveToken(
            QStringLiteral("file:") + dir.filePath(QStringLiteral("none")), &token, &error));
        QVERIFY2(error.contains(QStringLiteral("does not exist")), qPrintable(error));
        QFile empty(dir.filePath(QStringLiteral("empty")));
        QVERIFY(empty.open(QIODevice::WriteOnly));
        empty.write("\n");
        empty.close();
        QVERIFY(!Profile::resolveToken(QStringLiteral("file:") + empty.fileName(), &token, &error));
        QVERIFY2(error.contains(QStringLiteral("empty")), qPrintable(error));
        QFile big(dir.filePath(QStringLiteral("big")));
        QVERIFY(big.open(QIODevice::WriteOnly));
        big.write(QByteArray(FileCredentialStore::kMaxBytes + 1, 'x'));
        big.close();
        QVERIFY(!Profile::resolveToken(QStringLiteral("file:") + big.fileName(), &token, &error));
        QVERIFY2(error.contains(QStringLiteral("larger than")), qPrintable(error));
        QVERIFY(!Profile::resolveToken(QStringLiteral("file:") + dir.path(), &token, &error));
        QVERIFY2(error.contains(QStringLiteral("regular file")), qPrintable(error));
        // In a profile: server tokens, the endpoint's token, command secrets.
        const QByteArray json = "{\"version\":1,\"mcpEndpoint\":{\"listen\":\"0.0.0.0:8765\","
                                "\"tokenRef\":\""
            + reference.toUtf8()
            + "\"},\"servers\":[{\"id\":\"a\","
              "\"url\":\"http://h/\",\"tokenRef\":\""
            + reference.toUtf8() + "\"}]}";
        QString why;
        const auto profile = Profile::fromJson(QJsonDocument::fromJson(json).object(), &why);
        QVERIFY2(profile, qPrintable(why));
        const auto config
            = PoolServerConfig::fromProfile(profile->servers.first(), QString(), {}, &why);
        QVERIFY2(config, qPrintable(why));
        QCOMPARE(config->token, QStringLiteral("s3cr3t-token"));
        QVERIFY(!Profile::fromJson(
            parse("{\"version\":1,\"mcpEndpoint\":{\"tokenRef\":\"plain\"}}"), &why));
        QVERIFY2(why.contains(QStringLiteral("file:/PATH")), qPrintable(why));
    }

    void oauthSettings()
    {
        QTemporaryDir dir;
        QFile key(dir.filePath(QStringLiteral("client.key")));
        QVERIFY(key.open(QIODevice::WriteOnly));
        key.write("-----BEGIN PRIVATE KEY-----\nMIG...\n-----END PRIVATE KEY-----\n");
        key.close();
        const QJsonObject oauth{
            {QStringLiteral("clientId"), QStringLiteral("pool-1")},
            {QStringLiteral("clientSecretRef"), QStringLiteral("env:MCPPM_TEST_SECRET")},
            {QStringLiteral("grant"), QStringLiteral("client_credentials")},
            {QStringLiteral("privateKeyFile"), QStringLiteral("client.key")}};
        QJsonObject server{{QStringLiteral("id"), QStringLiteral("a")},
                           {QStringLiteral("url"), QStringLiteral("https://mcp.example/mcp")},
                           {QStringLiteral("oauth"), oauth}};
        QJsonObject b{{QStringLiteral("id"), QStringLiteral("b")},
                      {QStringLiteral("url"), QStringLiteral("http://127.0.0.1:1/mcp")},
                      {QStringLiteral("oauth"), false}};
        QJsonObject o{{QStringLiteral("version"), 1},
                      {QStringLiteral("servers"), QJsonArray{server, b}}};
        QString why;
        auto profile = Profile::fromJson(o, &why);
        QVERIFY2(profile, qPrintable(why));
        QCOMPARE(profile->servers.at(0).oauth.clientId, QStringLiteral("pool-1"));
        QVERIFY(!profile->servers.at(1).oauth.enabled);
        // Round trip: the object as written, false as false, nothing for the default.
        const QJsonArray saved = profile->toJson().value(QStringLiteral("servers")).toArray();
        QCOMPARE(saved.at(0).toObject().value(QStringLiteral("oauth")).toObject(), oauth);
        QCOMPARE(saved.at(1).toObject().value(QStringLiteral("oauth")), QJsonValue(false));
        Profile plain;
        ProfileServer c;
        c.id = QStringLiteral("c");
        c.url = QUrl(QStringLiteral("http://127.0.0.1:2/mcp"));
        plain.servers << c;
        QVERIFY(!plain.toJson()
                     .value(QStringLiteral("servers"))
                     .toArray()
                     .first()
                     .toObject()
                     .contains(QStringLiteral("oauth")));

        // Secrets resolved from their references; the key read from next to the profile.
        qputenv("MCPPM_TEST_SECRET", "s3cret");
        auto settings = Profile::oauthFor(profile->servers.at(0), dir.path(), {}, &why);
        QVERIFY2(settings, qPrintable(why));
        QCOMPARE(settings->clientSecret, QStringLiteral("s3cret"));
        QCOMPARE(settings->grant, OAuthSettings::Grant::ClientCredentials);
        QVERIFY(settings->privateKeyPem.contains("BEGIN PRIVATE KEY"));
        qunsetenv("MCPPM_TEST_SECRET");
        QVERIFY(!Profile::oauthFor(profile->servers.at(0), dir.path(), {}, &why));
        QVERIFY2(why.contains(QStringLiteral("server a"))
                     && !why.contains(QStringLiteral("s3cret")),
                 qPrintable(why));
        ProfileServer viaKeychain = profile->servers.at(0);
        viaKeychain.oauth.clientSecretRef = QStringLiteral("keychain:x/a");
        settings = Profile::oauthFor(viaKeychain, dir.path(),
                                     {{QStringLiteral("keychain:x/a"), QStringLiteral("k")}}, &why);
        QVERIFY2(settings, qPrintable(why));
        QCOMPARE(settings->clientSecret, QStringLiteral("k"));
        viaKeychain.oauth.privateKeyFile = QStringLiteral("missing.key");
        QVERIFY(!Profile::oauthFor(viaKeychain, dir.path(),
                                   {{QStringLiteral("keychain:x/a"), QStringLiteral("k")}}, &why));
        QVERIFY2(why.contains(QStringLiteral("missing.key")), qPrintable(why));

        // Bad input: named, and secrets refused.
        const QList<std::pair<QJsonValue, QString>> bad{
            {QJsonObject{{QStringLiteral("clientSecret"), QStringLiteral("x")}},
             QStringLiteral("never stored")},
            {QJsonObject{{QStringLiteral("scope"), QStringLiteral("x")}},
             QStringLiteral("unknown key")},
            {QJsonObject{{QStringLiteral("grant"), QStringLiteral("password")}},
             QStringLiteral("grant")},
            {QJsonObject{{QStringLiteral("clientId"), 3}}, QStringLiteral("string")},
            {QJsonObject{{QStringLiteral("clientSecretRef"), QStringLiteral("plain")}},
             QStringLiteral("clientSecretRef")},
            {QJsonObject{{QStringLiteral("clientMetadataUrl"), QStringLiteral("http://x/c.json")}},
             QStringLiteral("https")},
            {QJsonValue(QStringLiteral("yes")), QStringLiteral("false or an object")}};
        for (const auto &[value, expected] : bad) {
            server.insert(QStringLiteral("oauth"), value);
            o.insert(QStringLiteral("servers"), QJsonArray{server});
            QVERIFY(!Profile::fromJson(o, &why));
            QVERIFY2(why.contains(expected) && why.contains(QStringLiteral("servers[0]")),
                     qPrintable(why));
        }
    }
};

QTEST_GUILESS_MAIN(TestProfile)
#include "tst_profile.moc"
