// mcpServers files (Claude Desktop, .mcp.json, VS Code mcp.json) read as profiles.

#include "profile/mcpserversfile.h"
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
QJsonObject parse(const QByteArray &text)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(text, &pe);
    if (pe.error != QJsonParseError::NoError)
        qFatal("bad test JSON: %s", qPrintable(pe.errorString()));
    return doc.object();
}

McpServersFile::Environment testEnvironment()
{
    McpServersFile::Environment env;
    env.insert(QStringLiteral("GH_TOKEN"), QStringLiteral("ghp-secret-1"));
    env.insert(QStringLiteral("HOME_DIR"), QStringLiteral("/home/ann"));
    env.insert(QStringLiteral("API_KEY"), QStringLiteral("key-secret-2"));
    return env;
}

std::optional<McpServersFile::Result> read(const QByteArray &json, QString *error,
                                           const QString &path
                                           = QStringLiteral("/tmp/project/.mcp.json"))
{
    return McpServersFile::fromJson(parse(json), path, testEnvironment(), error);
}

const ProfileServer *byId(const Profile &p, const QString &id)
{
    for (const ProfileServer &s : p.servers) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

bool writeFile(const QString &path, const QByteArray &text)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(text) == text.size();
}
} // namespace

// The files (plain string literals: moc does not read raw strings).
namespace {
const char kClaudeDesktopStdio1[] = "{\"mcpServers\": {\n"
                                    "            \"filesystem\": {\"command\": \"npx\",\n"
                                    "                           \"args\": [\"-y\", "
                                    "\"@modelcontextprotocol/server-filesystem\", \"/srv\"],\n"
                                    "                           \"env\": {\"LOG_LEVEL\": \"info\", "
                                    "\"GITHUB_TOKEN\": \"${GH_TOKEN}\"}}},\n"
                                    "            \"globalShortcut\": \"Ctrl+Space\"}";
const char kStdioAndHttpMakeOnePool1[]
    = "{\"mcpServers\": {\n"
      "            \"local\": {\"type\": \"stdio\", \"command\": \"node\", \"args\": "
      "[\"server.js\"]},\n"
      "            \"remote\": {\"type\": \"http\", \"url\": \"https://mcp.example.com/mcp\",\n"
      "                       \"headers\": {\"Authorization\": \"Bearer ${GH_TOKEN}\", "
      "\"X-Tenant\": \"acme\"}}}}";
const char kLiteralBearerStaysInMemory1[]
    = "{\"mcpServers\": {\"api\": {\"type\": \"streamable-http\",\n"
      "            \"url\": \"https://api.example.com/mcp\",\n"
      "            \"headers\": {\"authorization\": \"Bearer sk-literal-123\"}}}}";
const char kHeadersThatCannotBeKept1[] = "{\"Authorization\": \"Basic dXNlcjpwdw==\"}";
const char kHeadersThatCannotBeKept2[] = "{\"X-Api-Key\": \"${API_KEY}\"}";
const char kHeadersThatCannotBeKept3[] = "{\"Authorization\": \"Bearer x${NOPE}\"}";
const char kHeadersThatCannotBeKept4[]
    = "{\"mcpServers\": {\"api\": {\"url\": \"https://a.example/mcp\", \"headers\": ";
const char kClaudeEnvDefaults1[]
    = "{\"mcpServers\": {\"s\": {\"command\": \"run\", \"env\": {\n"
      "            \"A\": \"${API_KEY:-none}\", \"B\": \"${NOPE:-fallback}\", \"C\": \"${NOPE}\",\n"
      "            \"D\": \"pre-${API_KEY}\", \"N\": 3}}}}";
const char kVsCodeFile1[]
    = "{\n"
      "            \"inputs\": [{\"type\": \"promptString\", \"id\": \"perplexity-key\",\n"
      "                        \"description\": \"Perplexity API Key\", \"password\": true}],\n"
      "            \"servers\": {\n"
      "              \"Perplexity\": {\"type\": \"stdio\", \"command\": \"docker\",\n"
      "                             \"args\": [\"run\", \"-i\", \"--rm\", \"-v\", "
      "\"${workspaceFolder}:/w\"],\n"
      "                             \"env\": {\"PERPLEXITY_API_KEY\": "
      "\"${input:perplexity-key}\",\n"
      "                                     \"GH\": \"${env:GH_TOKEN}\", \"HOME\": "
      "\"${userHome}\",\n"
      "                                     \"MODE\": \"fast\"},\n"
      "                             \"envFile\": \"${workspaceFolder}/.env\"},\n"
      "              \"github\": {\"type\": \"http\", \"url\": "
      "\"https://api.githubcopilot.com/mcp/\",\n"
      "                         \"headers\": {\"Authorization\": \"Bearer ${env:GH_TOKEN}\"}},\n"
      "              \"legacy\": {\"type\": \"sse\", \"url\": \"http://localhost:3001/sse\"}}}";
const char kInputInCommandIsAnError1[]
    = "{\"inputs\": [{\"id\": \"dir\", \"description\": \"Folder\"}],\n"
      "            \"servers\": {\"fs\": {\"command\": \"serve\", \"args\": [\"${input:dir}\"]}}}";
const char kNamesBecomeIds1[]
    = "{\"mcpServers\": {\n"
      "            \"my server!\": {\"command\": \"a\"}, \"my server?\": {\"command\": \"b\"},\n"
      "            \"ok.name\": {\"command\": \"c\", \"disabled\": true, \"autoApprove\": []}}}";
const char kErrors1[] = "{\"mcpServers\": []}";
const char kErrors2[] = "{\"mcpServers\": {\"a\": 1}}";
const char kErrors3[] = "{\"mcpServers\": {\"a\": {\"args\": []}}}";
const char kErrors4[] = "{\"mcpServers\": {\"a\": {\"command\": \"x\", \"url\": \"http://h/\"}}}";
const char kErrors5[] = "{\"mcpServers\": {\"a\": {\"type\": \"ws\", \"url\": \"http://h/\"}}}";
const char kErrors6[] = "{\"servers\": {\"a\": {\"type\": \"stdio\", \"url\": \"http://h/\"}}}";
const char kErrors7[] = "{\"mcpServers\": {\"a\": {\"command\": \"x\", \"args\": \"-v\"}}}";
const char kErrors8[] = "{\"mcpServers\": {\"a\": {\"command\": \"x\", \"args\": [1]}}}";
const char kErrors9[] = "{\"mcpServers\": {\"a\": {\"command\": \"x\", \"env\": [\"A=1\"]}}}";
const char kErrors10[]
    = "{\"mcpServers\": {\"a\": {\"command\": \"x\", \"env\": {\"A-B\": \"1\"}}}}";
const char kErrors11[] = "{\"mcpServers\": {\"a\": {\"url\": \"ftp://h/x\"}}}";
const char kErrors12[]
    = "{\"mcpServers\": {\"a\": {\"url\": \"http://h/\", \"headers\": {\"X\": \"a\\nb\"}}}}";
const char kErrors13[] = "{\"servers\": {}, \"inputs\": {}}";
const char kFilesThatAreNotOnes1[] = "{\"version\": 1, \"servers\": []}";
const char kFilesThatAreNotOnes2[] = "{\"mcpServers\": {\"fs\": {\"command\": 7}}}";
const char kMergeWithClashingId1[]
    = "{\"version\": 1, \"name\": \"fleet\", \"servers\": [\n"
      "            {\"id\": \"github\", \"url\": \"http://127.0.0.1:3001/mcp\"},\n"
      "            {\"id\": \"github-2\", \"url\": \"http://127.0.0.1:3002/mcp\"}]}";
const char kMergeWithClashingId2[]
    = "{\"mcpServers\": {\"github\": {\"command\": \"gh-mcp\"},\n"
      "                                                \"fs\": {\"command\": \"fs-mcp\"}}}";
} // namespace

class TestMcpServersFile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void claudeDesktopStdio()
    {
        QString error;
        const auto r = read(kClaudeDesktopStdio1, &error,
                            QStringLiteral("/home/ann/.config/Claude/"
                                           "claude_desktop_config.json"));
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->format, McpServersFile::Format::McpServers);
        QCOMPARE(r->profile.name, QStringLiteral("claude_desktop_config"));
        QCOMPARE(r->profile.servers.size(), 1);
        const ProfileServer &s = r->profile.servers.first();
        QCOMPARE(s.id, QStringLiteral("filesystem"));
        QVERIFY(s.url.isEmpty());
        QCOMPARE(s.command.program, QStringLiteral("npx"));
        QCOMPARE(s.command.args,
                 QStringList({QStringLiteral("-y"),
                              QStringLiteral("@modelcontextprotocol/server-filesystem"),
                              QStringLiteral("/srv")}));
        // Literal values stay literal; a variable becomes a reference, never its value.
        QCOMPARE(s.command.env,
                 (QList<QPair<QString, QString>>{
                     {QStringLiteral("LOG_LEVEL"), QStringLiteral("info")}}));
        QCOMPARE(s.command.envRefs,
                 (QList<QPair<QString, QString>>{
                     {QStringLiteral("GITHUB_TOKEN"), QStringLiteral("env:GH_TOKEN")}}));
        QVERIFY(!QJsonDocument(r->profile.toJson()).toJson().contains("ghp-secret-1"));
        QVERIFY2(r->warnings.join(QLatin1Char('\n')).contains(QStringLiteral("globalShortcut")),
                 qPrintable(r->warnings.join(QLatin1Char('\n'))));
    }

    // The case: a stdio and an http entry make one profile with both.
    void stdioAndHttpMakeOnePool()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral(".mcp.json"));
        const QByteArray text = kStdioAndHttpMakeOnePool1;
        QVERIFY(writeFile(path, text));
        QString error;
        const auto r = McpServersFile::load(path, &error, testEnvironment());
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->profile.servers.size(), 2);
        const ProfileServer *local = byId(r->profile, QStringLiteral("local"));
        const ProfileServer *remote = byId(r->profile, QStringLiteral("remote"));
        QVERIFY(local && remote);
        QVERIFY(local->command.isSet());
        QCOMPARE(remote->url, QUrl(QStringLiteral("https://mcp.example.com/mcp")));
        QCOMPARE(remote->tokenRef, QStringLiteral("env:GH_TOKEN"));
        QCOMPARE(remote->headers.size(), 1);
        QCOMPARE(remote->headers.first().first, QByteArray("X-Tenant"));
        QVERIFY(r->secrets.isEmpty());
        QCOMPARE(r->profile.directory, QFileInfo(path).absolutePath());

        // Profile::load (mcp-poolctl --profile, File › Open) reads it as it is.
        const auto loaded = Profile::load(path, &error);
        QVERIFY2(loaded, qPrintable(error));
        QCOMPARE(loaded->servers.size(), 2);
        // Saved, it is our format and loads back the same.
        const QString ours = dir.filePath(QStringLiteral("fleet.json"));
        QVERIFY2(loaded->save(ours, &error), qPrintable(error));
        QVERIFY(!McpServersFile::isMcpServersFile(ours));
        QVERIFY(McpServersFile::isMcpServersFile(path));
        const auto again = Profile::load(ours, &error);
        QVERIFY2(again, qPrintable(error));
        QCOMPARE(again->servers.size(), 2);
        QCOMPARE(byId(*again, QStringLiteral("local"))->command, local->command);
        QCOMPARE(byId(*again, QStringLiteral("remote"))->tokenRef, QStringLiteral("env:GH_TOKEN"));
        // The http one maps to pool options; the stdio one waits for the stdio transport.
        const auto config = PoolServerConfig::fromProfile(
            *byId(*again, QStringLiteral("remote")), again->directory,
            {{QStringLiteral("env:GH_TOKEN"), QStringLiteral("t")}}, &error);
        QVERIFY2(config, qPrintable(error));
        QCOMPARE(config->token, QStringLiteral("t"));
    }

    void literalBearerStaysInMemory()
    {
        QString error;
        const auto r = read(kLiteralBearerStaysInMemory1, &error);
        QVERIFY2(r, qPrintable(error));
        const ProfileServer &s = r->profile.servers.first();
        QCOMPARE(s.tokenRef, QStringLiteral("keychain:.mcp/api"));
        QCOMPARE(r->secrets.value(s.tokenRef), QStringLiteral("sk-literal-123"));
        QVERIFY(s.headers.isEmpty());
        QVERIFY(!QJsonDocument(r->profile.toJson()).toJson().contains("sk-literal-123"));
    }

    void headersThatCannotBeKept_data()
    {
        QTest::addColumn<QByteArray>("headers");
        QTest::addColumn<QString>("warning");
        QTest::newRow("basic auth") << QByteArray(kHeadersThatCannotBeKept1)
                                    << QStringLiteral("Authorization header is left out");
        QTest::newRow("variable in other header")
            << QByteArray(kHeadersThatCannotBeKept2) << QStringLiteral("header X-Api-Key");
        QTest::newRow("unset bearer variable")
            << QByteArray(kHeadersThatCannotBeKept3) << QStringLiteral("${NOPE}");
    }
    void headersThatCannotBeKept()
    {
        QFETCH(QByteArray, headers);
        QFETCH(QString, warning);
        QString error;
        const auto r = read(kHeadersThatCannotBeKept4 + headers + "}}}", &error);
        QVERIFY2(r, qPrintable(error));
        const ProfileServer &s = r->profile.servers.first();
        QVERIFY(s.headers.isEmpty());
        QVERIFY(s.tokenRef.isEmpty());
        QVERIFY(r->secrets.isEmpty());
        const QString all = r->warnings.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(warning), qPrintable(all));
        const QByteArray json = QJsonDocument(r->profile.toJson()).toJson();
        QVERIFY(!json.contains("key-secret-2") && !json.contains("dXNlcjpwdw"));
    }

    void claudeVariables_data()
    {
        QTest::addColumn<QString>("value");
        QTest::addColumn<QString>("arg");
        QTest::addColumn<bool>("warned");
        QTest::newRow("set") << QStringLiteral("${HOME_DIR}/x") << QStringLiteral("/home/ann/x")
                             << false;
        QTest::newRow("default unused")
            << QStringLiteral("${HOME_DIR:-/tmp}") << QStringLiteral("/home/ann") << false;
        QTest::newRow("default used")
            << QStringLiteral("${NOPE:-/tmp/a:-b}") << QStringLiteral("/tmp/a:-b") << false;
        QTest::newRow("unset stays")
            << QStringLiteral("--x=${NOPE}") << QStringLiteral("--x=${NOPE}") << true;
        QTest::newRow("bare $VAR is text")
            << QStringLiteral("$HOME_DIR") << QStringLiteral("$HOME_DIR") << false;
        QTest::newRow("vs code syntax is not claude's")
            << QStringLiteral("${env:HOME_DIR}") << QStringLiteral("${env:HOME_DIR}") << true;
    }
    void claudeVariables()
    {
        QFETCH(QString, value);
        QFETCH(QString, arg);
        QFETCH(bool, warned);
        QJsonObject entry{{QStringLiteral("command"), QStringLiteral("run")},
                          {QStringLiteral("args"), QJsonArray{value}}};
        QJsonObject file{{QStringLiteral("mcpServers"), QJsonObject{{QStringLiteral("s"), entry}}}};
        QString error;
        const auto r = McpServersFile::fromJson(file, QStringLiteral("/p/.mcp.json"),
                                                testEnvironment(), &error);
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->profile.servers.first().command.args, QStringList{arg});
        QCOMPARE(!r->warnings.isEmpty(), warned);
    }

    void claudeEnvDefaults()
    {
        QString error;
        const auto r = read(kClaudeEnvDefaults1, &error);
        QVERIFY2(r, qPrintable(error));
        const LocalCommand &c = r->profile.servers.first().command;
        // A set: a reference; B unset with a default: the default, literal;
        // C unset: still a reference (the error comes when it runs);
        // D text around a variable: expanded now, with a warning.
        QCOMPARE(
            c.envRefs,
            (QList<QPair<QString, QString>>{{QStringLiteral("A"), QStringLiteral("env:API_KEY")},
                                            {QStringLiteral("C"), QStringLiteral("env:NOPE")}}));
        QCOMPARE(c.env,
                 (QList<QPair<QString, QString>>{
                     {QStringLiteral("B"), QStringLiteral("fallback")},
                     {QStringLiteral("D"), QStringLiteral("pre-key-secret-2")},
                     {QStringLiteral("N"), QStringLiteral("3")}}));
        QVERIFY(r->warnings.join(QLatin1Char('\n')).contains(QStringLiteral("D: the variables")));
    }

    void vsCodeFile()
    {
        QString error;
        const auto r
            = read(kVsCodeFile1, &error, QStringLiteral("/home/ann/proj/.vscode/mcp.json"));
        QVERIFY2(r, qPrintable(error));
        QCOMPARE(r->format, McpServersFile::Format::VsCode);
        QCOMPARE(r->profile.servers.size(), 3);
        const ProfileServer *p = byId(r->profile, QStringLiteral("Perplexity"));
        QVERIFY(p);
        QCOMPARE(p->command.args.last(), QStringLiteral("/home/ann/proj:/w"));
        QCOMPARE(p->command.envRefs,
                 (QList<QPair<QString, QString>>{
                     {QStringLiteral("GH"), QStringLiteral("env:GH_TOKEN")}}));
        QCOMPARE(p->command.env.size(), 2); // HOME (expanded, warned) and MODE
        QCOMPARE(p->command.env.last(),
                 (QPair<QString, QString>{QStringLiteral("MODE"), QStringLiteral("fast")}));
        const QString all = r->warnings.join(QLatin1Char('\n'));
        QVERIFY2(
            all.contains(QStringLiteral("PERPLEXITY_API_KEY is left out"))
                && all.contains(QStringLiteral("${input:perplexity-key} (Perplexity API Key)")),
            qPrintable(all));
        QVERIFY2(all.contains(QStringLiteral("\"envFile\" is not read")), qPrintable(all));
        QCOMPARE(byId(r->profile, QStringLiteral("github"))->tokenRef,
                 QStringLiteral("env:GH_TOKEN"));
        QCOMPARE(byId(r->profile, QStringLiteral("legacy"))->protocol, QStringLiteral("legacy"));
        QVERIFY(!QJsonDocument(r->profile.toJson()).toJson().contains("ghp-secret-1"));
    }

    void inputInCommandIsAnError()
    {
        QString error;
        const auto r = read(kInputInCommandIsAnError1, &error);
        QVERIFY(!r);
        QVERIFY2(error.contains(QStringLiteral("servers \"fs\""))
                     && error.contains(QStringLiteral("${input:dir} (Folder)")),
                 qPrintable(error));
    }

    void namesBecomeIds()
    {
        QString error;
        const auto r = read(kNamesBecomeIds1, &error);
        QVERIFY2(r, qPrintable(error));
        QStringList ids;
        for (const ProfileServer &s : r->profile.servers)
            ids << s.id;
        QCOMPARE(ids,
                 (QStringList{QStringLiteral("my server-"), QStringLiteral("my server--2"),
                              QStringLiteral("ok.name")}));
        QVERIFY(!byId(r->profile, QStringLiteral("ok.name"))->enabled);
        const QString all = r->warnings.join(QLatin1Char('\n'));
        QVERIFY2(all.contains(QStringLiteral("ignored: autoApprove")), qPrintable(all));
        QCOMPARE(McpServersFile::idFromName(QStringLiteral("\n\t")), QStringLiteral("server"));
        QCOMPARE(McpServersFile::idFromName(QString(100, QLatin1Char('x'))).size(), 64);
    }

    void errors_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("message");
        QTest::newRow("list not object")
            << QByteArray(kErrors1) << QStringLiteral("\"mcpServers\" must be an object");
        QTest::newRow("entry not object")
            << QByteArray(kErrors2) << QStringLiteral("mcpServers \"a\": must be an object");
        QTest::newRow("neither") << QByteArray(kErrors3)
                                 << QStringLiteral("mcpServers \"a\": needs \"command\"");
        QTest::newRow("both") << QByteArray(kErrors4) << QStringLiteral("not both");
        QTest::newRow("bad type") << QByteArray(kErrors5) << QStringLiteral("\"type\" \"ws\"");
        QTest::newRow("stdio without command")
            << QByteArray(kErrors6)
            << QStringLiteral("servers \"a\": a stdio server needs \"command\"");
        QTest::newRow("args not array")
            << QByteArray(kErrors7) << QStringLiteral("\"args\" must be an array");
        QTest::newRow("arg not string")
            << QByteArray(kErrors8) << QStringLiteral("\"args\"[0] must be a string");
        QTest::newRow("env not object")
            << QByteArray(kErrors9) << QStringLiteral("\"env\" must be an object");
        QTest::newRow("env bad name")
            << QByteArray(kErrors10) << QStringLiteral("\"A-B\" is not a variable name");
        QTest::newRow("ftp url") << QByteArray(kErrors11) << QStringLiteral("http:// or https://");
        QTest::newRow("header with newline")
            << QByteArray(kErrors12) << QStringLiteral("mcpServers \"a\": \"headers\"");
        QTest::newRow("inputs not array") << QByteArray(kErrors13) << QStringLiteral("\"inputs\"");
    }
    void errors()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, message);
        QString error;
        QVERIFY(!read(json, &error));
        QVERIFY2(error.contains(message), qPrintable(error));
    }

    void filesThatAreNotOnes()
    {
        QTemporaryDir dir;
        const QString bad = dir.filePath(QStringLiteral("bad.json"));
        QVERIFY(writeFile(bad, "{\"mcpServers\": {\"a\": "));
        QString error;
        QVERIFY(!McpServersFile::load(bad, &error));
        QVERIFY2(error.contains(QStringLiteral("is not JSON")), qPrintable(error));
        QVERIFY(!McpServersFile::isMcpServersFile(bad));
        QVERIFY(!Profile::load(bad, &error)); // and Profile::load says why too

        const QString ours = dir.filePath(QStringLiteral("fleet.json"));
        const QByteArray ourText = kFilesThatAreNotOnes1;
        QVERIFY(writeFile(ours, ourText));
        QVERIFY(!McpServersFile::load(ours, &error));
        QVERIFY2(error.contains(QStringLiteral("not an mcpServers file")), qPrintable(error));
        QVERIFY(Profile::load(ours, &error));

        // A wrong shape through Profile::load names the file and the entry.
        const QString wrong = dir.filePath(QStringLiteral("claude_desktop_config.json"));
        const QByteArray wrongText = kFilesThatAreNotOnes2;
        QVERIFY(writeFile(wrong, wrongText));
        QVERIFY(!Profile::load(wrong, &error));
        QVERIFY2(error.contains(wrong)
                     && error.contains(QStringLiteral("mcpServers \"fs\": "
                                                      "\"command\"")),
                 qPrintable(error));
    }

    // File › Import: servers added to an open profile; clashing ids get a suffix.
    void mergeWithClashingId()
    {
        QString error;
        auto profile = Profile::fromJson(parse(kMergeWithClashingId1), &error);
        QVERIFY2(profile, qPrintable(error));
        const auto r = read(kMergeWithClashingId2, &error);
        QVERIFY2(r, qPrintable(error));
        const QStringList renamed = McpServersFile::merge(&*profile, r->profile);
        QCOMPARE(renamed, QStringList{QStringLiteral("github → github-3")});
        QCOMPARE(profile->name, QStringLiteral("fleet"));
        QStringList ids;
        for (const ProfileServer &s : profile->servers)
            ids << s.id;
        QCOMPARE(ids,
                 (QStringList{QStringLiteral("github"), QStringLiteral("github-2"),
                              QStringLiteral("fs"), QStringLiteral("github-3")}));
        QCOMPARE(byId(*profile, QStringLiteral("github-3"))->command.program,
                 QStringLiteral("gh-mcp"));
        // The merged profile is valid as a whole.
        QVERIFY2(Profile::fromJson(profile->toJson(), &error), qPrintable(error));
        QCOMPARE(
            McpServersFile::freeId(QString(64, QLatin1Char('a')), {QString(64, QLatin1Char('a'))})
                .size(),
            64);
    }
};

QTEST_GUILESS_MAIN(TestMcpServersFile)
#include "tst_mcpserversfile.moc"
