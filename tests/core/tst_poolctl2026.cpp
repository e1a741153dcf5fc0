// mcp-poolctl against both MCP eras at once: the TypeScript SDK v2 fixture
// (2026-07-28 only) and server-everything (2025-11-25), as a user runs it.

#include "poolctlrun.h"
#include "sdk2serverprocess.h"
#include "servereverythingprocess.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

class TestPoolctl2026 : public QObject
{
    Q_OBJECT

    std::unique_ptr<Sdk2ServerProcess> m_modern;
    std::unique_ptr<ServerEverythingProcess> m_legacy;
    QTemporaryDir m_dir;

    using Run = PoolctlRun;
    // stdin is an empty pipe (not a terminal): nothing is asked interactively.
    static Run poolctl(const QStringList &args)
    {
        PoolctlRun::Options options;
        options.closeStdin = true;
        options.timeoutMs = 20000;
        return PoolctlRun::run(args, options);
    }
    static QStringList args(std::initializer_list<const char *> items)
    {
        QStringList list;
        for (const char *item : items)
            list << QString::fromUtf8(item);
        return list;
    }
    static QJsonDocument json(const Run &r) { return QJsonDocument::fromJson(r.out.toUtf8()); }
    QString modern() const { return QStringLiteral("m=") + m_modern->url().toString(); }
    QString legacy() const { return QStringLiteral("se=") + m_legacy->url().toString(); }
    // Both servers in one pool, then the rest.
    QStringList fleet(const QStringList &rest) const
    {
        return QStringList{QStringLiteral("--server"), legacy(), QStringLiteral("--server"),
                           modern()}
        + rest;
    }
    QString writeFile(const QString &name, const QByteArray &data) const
    {
        const QString path = m_dir.filePath(name);
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate))
            return {};
        f.write(data);
        return path;
    }
    // server-everything sends its log messages on the session's GET stream;
    // one sent before that stream is open is lost (the server keeps no
    // event store). Up to three runs, until stderr matches.
    static Run poolctlUntil(const QStringList &args, const QRegularExpression &expected)
    {
        Run r;
        for (int attempt = 0; attempt < 6; ++attempt) { // (a loaded machine: the log may come late)
            r = poolctl(args);
            if (r.exitCode != 0 || expected.match(r.err).hasMatch())
                break;
        }
        return r;
    }
    static QString describe(const Run &r)
    {
        return QStringLiteral("exit %1\nstdout: %2\nstderr: %3")
            .arg(r.exitCode)
            .arg(r.out.left(1500), r.err.left(1500));
    }

private Q_SLOTS:
    void initTestCase()
    {
        if (!Sdk2ServerProcess::peersInstalled())
            QSKIP("the pinned npm peers are not installed (npm ci in tests/conformance)");
        QVERIFY(m_dir.isValid());
        m_modern = std::make_unique<Sdk2ServerProcess>(QStringLiteral("modern"));
        QVERIFY2(m_modern->start(), qPrintable(m_modern->errorString()));
        m_legacy = std::make_unique<ServerEverythingProcess>(QStringLiteral("streamableHttp"));
        QVERIFY2(m_legacy->start(), qPrintable(m_legacy->errorString()));
    }
    void cleanupTestCase()
    {
        m_legacy.reset(); // stopped in their destructors
        m_modern.reset();
    }

    void serversShowEachEra()
    {
        const Run r = poolctl(fleet({QStringLiteral("servers"), QStringLiteral("--json")}));
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QHash<QString, QJsonObject> byId;
        for (const QJsonValue &v : json(r).array())
            byId.insert(v.toObject().value(QStringLiteral("id")).toString(), v.toObject());
        QCOMPARE(byId.size(), 2);
        QCOMPARE(byId.value(QStringLiteral("m")).value(QStringLiteral("era")).toString(),
                 QStringLiteral("modern"));
        QCOMPARE(
            byId.value(QStringLiteral("m")).value(QStringLiteral("protocolVersion")).toString(),
            QStringLiteral("2026-07-28"));
        QCOMPARE(byId.value(QStringLiteral("se")).value(QStringLiteral("era")).toString(),
                 QStringLiteral("legacy"));
        QCOMPARE(
            byId.value(QStringLiteral("se")).value(QStringLiteral("protocolVersion")).toString(),
            QStringLiteral("2025-11-25"));
        // The table: one column each.
        const Run table = poolctl(fleet({QStringLiteral("servers")}));
        QVERIFY2(table.exitCode == 0, qPrintable(describe(table)));
        const QStringList lines = table.out.split(QLatin1Char('\n'));
        QVERIFY2(lines.value(0).contains(QStringLiteral("ERA"))
                     && lines.value(0).contains(QStringLiteral("PROTOCOL")),
                 qPrintable(table.out));
        bool modernRow = false;
        bool legacyRow = false;
        for (const QString &line : lines) {
            modernRow = modernRow
                || (line.startsWith(QStringLiteral("m "))
                    && line.contains(QStringLiteral(" modern  2026-07-28")));
            legacyRow = legacyRow
                || (line.startsWith(QStringLiteral("se "))
                    && line.contains(QStringLiteral(" legacy  2025-11-25")));
        }
        QVERIFY2(modernRow && legacyRow, qPrintable(table.out));
        // tools (one client per server, outside the pool) says the same.
        const Run tools = poolctl(fleet({QStringLiteral("tools"), QStringLiteral("--json")}));
        QVERIFY2(tools.exitCode == 0, qPrintable(describe(tools)));
        QHash<QString, QString> eras;
        for (const QJsonValue &v : json(tools).object().value(QStringLiteral("servers")).toArray())
            eras.insert(v.toObject().value(QStringLiteral("id")).toString(),
                        v.toObject().value(QStringLiteral("era")).toString());
        QCOMPARE(eras.value(QStringLiteral("m")), QStringLiteral("modern"));
        QCOMPARE(eras.value(QStringLiteral("se")), QStringLiteral("legacy"));
    }

    void lists_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("server");
        QTest::addColumn<QString>("key");
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::newRow("resources, modern")
            << QString::fromUtf8("resources") << QString::fromUtf8("m")
            << QString::fromUtf8("resources") << QString::fromUtf8("uri")
            << QString::fromUtf8("fixture://readme");
        QTest::newRow("resources, legacy")
            << QString::fromUtf8("resources") << QString::fromUtf8("se")
            << QString::fromUtf8("resources") << QString::fromUtf8("uri")
            << QString::fromUtf8("demo://resource/static/document/features.md");
        QTest::newRow("templates, modern")
            << QString::fromUtf8("templates") << QString::fromUtf8("m")
            << QString::fromUtf8("resourceTemplates") << QString::fromUtf8("uriTemplate")
            << QString::fromUtf8("fixture://greeting/{name}");
        QTest::newRow("templates, legacy")
            << QString::fromUtf8("templates") << QString::fromUtf8("se")
            << QString::fromUtf8("resourceTemplates") << QString::fromUtf8("uriTemplate")
            << QString::fromUtf8("demo://resource/dynamic/text/{resourceId}");
        QTest::newRow("prompts, modern") << QString::fromUtf8("prompts") << QString::fromUtf8("m")
                                         << QString::fromUtf8("prompts")
                                         << QString::fromUtf8("name") << QString::fromUtf8("greet");
        QTest::newRow("prompts, legacy")
            << QString::fromUtf8("prompts") << QString::fromUtf8("se")
            << QString::fromUtf8("prompts") << QString::fromUtf8("name")
            << QString::fromUtf8("args-prompt");
    }
    void lists()
    {
        QFETCH(QString, command);
        QFETCH(QString, server);
        QFETCH(QString, key);
        QFETCH(QString, field);
        QFETCH(QString, expected);
        const Run r = poolctl(fleet({command, QStringLiteral("--json")}));
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        bool found = false;
        for (const QJsonValue &s : json(r).object().value(QStringLiteral("servers")).toArray()) {
            if (s.toObject().value(QStringLiteral("id")).toString() != server)
                continue;
            for (const QJsonValue &item : s.toObject().value(key).toArray())
                found = found || item.toObject().value(field).toString() == expected;
        }
        QVERIFY2(found, qPrintable(describe(r)));
        // Text: a "server: N kind" heading and the item; --on keeps the other server out.
        const Run text = poolctl(fleet({QStringLiteral("--on"), server, command}));
        QVERIFY2(text.exitCode == 0, qPrintable(describe(text)));
        QVERIFY2(text.out.startsWith(server + QStringLiteral(": ")), qPrintable(text.out));
        QVERIFY2(text.out.contains(QStringLiteral("  ") + expected), qPrintable(text.out));
        QCOMPARE(text.out.count(QRegularExpression(QStringLiteral("^\\S+: \\d+ "),
                                                   QRegularExpression::MultilineOption)),
                 1);
    }

    void promptWithArguments()
    {
        // Not pinned: the server that lists "greet" (the modern one) answers.
        const Run modern
            = poolctl(fleet({QStringLiteral("prompt"), QStringLiteral("greet"),
                             QStringLiteral("--args"), QStringLiteral("{\"name\":\"bob\"}")}));
        QVERIFY2(modern.exitCode == 0, qPrintable(describe(modern)));
        QCOMPARE(modern.out, QStringLiteral("user: Please greet bob.\n"));
        QVERIFY2(modern.err.contains(QStringLiteral("[m]")), qPrintable(modern.err));
        const Run legacy = poolctl(fleet(
            {QStringLiteral("prompt"), QStringLiteral("args-prompt"), QStringLiteral("--args"),
             QStringLiteral("{\"city\":\"Paris\",\"state\":\"Texas\"}"),
             QStringLiteral("--json")}));
        QVERIFY2(legacy.exitCode == 0, qPrintable(describe(legacy)));
        const QJsonObject root = json(legacy).object();
        QCOMPARE(root.value(QStringLiteral("server")).toString(), QStringLiteral("se"));
        const QJsonArray messages = root.value(QStringLiteral("result"))
                                        .toObject()
                                        .value(QStringLiteral("messages"))
                                        .toArray();
        QCOMPARE(messages.size(), 1);
        QVERIFY(messages.first()
                    .toObject()
                    .value(QStringLiteral("content"))
                    .toObject()
                    .value(QStringLiteral("text"))
                    .toString()
                    .contains(QStringLiteral("Paris, Texas")));
        // A prompt nobody has: the server's error, exit 1.
        const Run missing = poolctl(fleet({QStringLiteral("--on"), QStringLiteral("m"),
                                           QStringLiteral("prompt"), QStringLiteral("nope")}));
        QCOMPARE(missing.exitCode, 1);
        QVERIFY2(missing.err.contains(QStringLiteral("prompt nope failed on m")),
                 qPrintable(missing.err));
    }

    void complete_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("expected");
        QTest::newRow("modern prompt")
            << args({"complete", "--prompt", "greet", "name", "a"}) << QString::fromUtf8("alice\n");
        QTest::newRow("modern resource template")
            << args({"complete", "--resource", "fixture://greeting/{name}", "name", "c"})
            << QString::fromUtf8("carol\n");
        QTest::newRow("legacy prompt")
            << args({"complete", "--prompt", "completable-prompt", "department", "S"})
            << QString::fromUtf8("Sales\nSupport\n");
        QTest::newRow("legacy prompt with context")
            << args({"complete", "--prompt", "completable-prompt", "name", "", "--context",
                     "{\"department\":\"Sales\"}"})
            << QString::fromUtf8("David\nEve\nFrank\n");
    }
    void complete()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, expected);
        const Run r = poolctl(fleet(args));
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QCOMPARE(r.out, expected);
    }

    void elicitationOnLegacyServer()
    {
        const QString file = writeFile(QStringLiteral("elicit.json"),
                                       "{\"name\":\"Ada Lovelace\",\"check\":true}");
        const QStringList call{QStringLiteral("--on"), QStringLiteral("se"), QStringLiteral("call"),
                               QStringLiteral("trigger-elicitation-request")};
        const Run accepted = poolctl(fleet(QStringList{QStringLiteral("--elicit"), file} + call));
        QVERIFY2(accepted.exitCode == 0, qPrintable(describe(accepted)));
        QVERIFY2(accepted.out.contains(QStringLiteral("- Name: Ada Lovelace")),
                 qPrintable(accepted.out));
        QVERIFY(accepted.out.contains(QStringLiteral("- Agreed to terms: true")));
        // What the file leaves out comes from the schema's defaults.
        QVERIFY2(accepted.out.contains(QStringLiteral("- Favorite Integer: 42")),
                 qPrintable(accepted.out));
        QVERIFY2(accepted.err.contains(QStringLiteral("[se] elicitation accepted")),
                 qPrintable(accepted.err));
        const Run declined = poolctl(
            fleet(QStringList{QStringLiteral("--elicit"), QStringLiteral("decline")} + call));
        QVERIFY2(declined.exitCode == 0, qPrintable(describe(declined)));
        QVERIFY2(declined.out.contains(QStringLiteral("User declined")), qPrintable(declined.out));
        QVERIFY(!declined.out.contains(QStringLiteral("Ada")));
        // Neither --elicit nor a terminal: elicitation is not declared, and
        // server-everything then does not offer the tool at all.
        const Run undeclared = poolctl(fleet(call));
        QCOMPARE(undeclared.exitCode, 1);
        QVERIFY2(undeclared.err.contains(QStringLiteral("trigger-elicitation-request")),
                 qPrintable(undeclared.err));
    }

    void elicitationThroughMrtr()
    {
        const QStringList call{QStringLiteral("call"), QStringLiteral("confirm_action"),
                               QStringLiteral("--args"), QStringLiteral("{\"action\":\"deploy\"}")};
        const QString yes = writeFile(QStringLiteral("confirm.json"), "{\"confirm\":true}");
        const Run accepted = poolctl(fleet(QStringList{QStringLiteral("--elicit"), yes} + call));
        QVERIFY2(accepted.exitCode == 0, qPrintable(describe(accepted)));
        QCOMPARE(accepted.out.trimmed(), QStringLiteral("Confirmed: deploy"));
        QVERIFY2(accepted.err.contains(QStringLiteral("[m] elicitation accepted")),
                 qPrintable(accepted.err));
        // "defaults": the schema's default (confirm: false).
        const Run defaults = poolctl(
            fleet(QStringList{QStringLiteral("--elicit"), QStringLiteral("defaults")} + call));
        QVERIFY2(defaults.exitCode == 0, qPrintable(describe(defaults)));
        QCOMPARE(defaults.out.trimmed(), QStringLiteral("Declined: deploy"));
        // Declined: the fixture asks again each round until the client gives up (bounded).
        const Run declined = poolctl(
            fleet(QStringList{QStringLiteral("--elicit"), QStringLiteral("decline")} + call));
        QCOMPARE(declined.exitCode, 1);
        QVERIFY2(declined.err.contains(QStringLiteral("[m] elicitation declined")),
                 qPrintable(declined.err));
        QVERIFY(!declined.out.contains(QStringLiteral("Confirmed")));
        // Not declared: the modern server refuses to ask.
        const Run undeclared = poolctl(fleet(call));
        QCOMPARE(undeclared.exitCode, 1);
        QVERIFY2(undeclared.err.contains(QStringLiteral("capabilit")), qPrintable(undeclared.err));
    }

    void roots()
    {
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("alpha")));
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("beta")));
        const QString alpha = m_dir.filePath(QStringLiteral("alpha"));
        const QString beta = m_dir.filePath(QStringLiteral("beta"));
        const QStringList call{QStringLiteral("--on"), QStringLiteral("se"), QStringLiteral("call"),
                               QStringLiteral("get-roots-list")};
        const Run r = poolctl(fleet(
            QStringList{QStringLiteral("--roots"), alpha, QStringLiteral("--roots"), beta} + call));
        QVERIFY2(r.exitCode == 0, qPrintable(describe(r)));
        QVERIFY2(r.out.contains(QUrl::fromLocalFile(alpha).toString()), qPrintable(r.out));
        QVERIFY2(r.out.contains(QUrl::fromLocalFile(beta).toString()), qPrintable(r.out));
        QVERIFY2(r.out.contains(QStringLiteral("(2 total)")), qPrintable(r.out));
        // No roots: not declared, and server-everything does not offer the tool.
        const Run none = poolctl(fleet(call));
        QCOMPARE(none.exitCode, 1);
    }

    void logLevel()
    {
        // toggle-simulated-logging sends one message of a random level at once.
        const QStringList call{QStringLiteral("--on"), QStringLiteral("se"), QStringLiteral("call"),
                               QStringLiteral("toggle-simulated-logging")};
        static const QRegularExpression line(
            QStringLiteral("^\\[se\\] (\\w+): \\w+[- ]level[- ]message"),
            QRegularExpression::MultilineOption | QRegularExpression::CaseInsensitiveOption);
        const Run all = poolctlUntil(
            fleet(QStringList{QStringLiteral("--log-level"), QStringLiteral("debug")} + call),
            line);
        QVERIFY2(all.exitCode == 0, qPrintable(describe(all)));
        QVERIFY2(line.match(all.err).hasMatch(), qPrintable(all.err));
        // At "emergency" nothing less severe is printed.
        const Run severe = poolctl(
            fleet(QStringList{QStringLiteral("--log-level"), QStringLiteral("emergency")} + call));
        QVERIFY2(severe.exitCode == 0, qPrintable(describe(severe)));
        auto it = line.globalMatch(severe.err);
        while (it.hasNext())
            QCOMPARE(it.next().captured(1), QStringLiteral("emergency"));
        // Without --log-level no server log line is printed.
        const Run quiet = poolctl(fleet(call));
        QVERIFY2(quiet.exitCode == 0, qPrintable(describe(quiet)));
        QVERIFY2(!line.match(quiet.err).hasMatch(), qPrintable(quiet.err));
    }

    void sampling()
    {
        const QString reply = writeFile(QStringLiteral("reply.txt"), "forty-two\n");
        const QStringList call{
            QStringLiteral("--on"),   QStringLiteral("se"),
            QStringLiteral("call"),   QStringLiteral("trigger-sampling-request"),
            QStringLiteral("--args"), QStringLiteral("{\"prompt\":\"the answer?\"}")};
        const Run answered
            = poolctl(fleet(QStringList{QStringLiteral("--sampling"), reply} + call));
        QVERIFY2(answered.exitCode == 0, qPrintable(describe(answered)));
        QVERIFY2(answered.out.contains(QStringLiteral("\"text\": \"forty-two\"")),
                 qPrintable(answered.out));
        const Run declined = poolctl(
            fleet(QStringList{QStringLiteral("--sampling"), QStringLiteral("decline")} + call));
        QCOMPARE(declined.exitCode, 1); // the tool reports the refusal as isError
        QVERIFY2(declined.out.contains(QStringLiteral("rejected")), qPrintable(declined.out));
        // Neither --sampling nor a terminal: sampling is not declared, the tool not offered.
        const Run undeclared = poolctl(fleet(call));
        QCOMPARE(undeclared.exitCode, 1);
        QVERIFY2(undeclared.err.contains(QStringLiteral("No healthy servers offer the tool")),
                 qPrintable(describe(undeclared)));
    }

    // On a terminal (a pseudo-terminal from script(1)) requests are asked there.
    void terminalAnswers_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QByteArray>("typed");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("form elicitation, modern (MRTR)")
            << args({"--on", "m", "call", "confirm_action", "--args", "{\"action\":\"deploy\"}"})
            << QByteArray("y\nyes\n")
            << args({"[m] asks: Really deploy?", "confirm (Confirm), boolean, required",
                     "Confirmed: deploy"});
        QTest::newRow("sampling, legacy, escaped")
            << args({"--on", "se", "call", "trigger-sampling-request", "--args",
                     "{\"prompt\":\"hello \\u001b[31mred\"}"})
            << QByteArray("my reply\n")
            << args({"asks for a model reply", "hello \\x1b[31mred", "\"text\": \"my reply\""});
        QTest::newRow("URL elicitation consent, legacy")
            << args({"--on", "se", "call", "trigger-url-elicitation", "--args",
                     "{\"url\":\"https://example.com/consent\"}"})
            << QByteArray("y\n")
            << args({"URL: https://example.com/consent", "\"action\": \"accept\""});
        QTest::newRow("end of input cancels")
            << args({"--on", "m", "call", "confirm_action", "--args", "{\"action\":\"x\"}"})
            << QByteArray() << args({"Answer? [y]es"});
    }
    void terminalAnswers()
    {
        QFETCH(QStringList, args);
        QFETCH(QByteArray, typed);
        QFETCH(QStringList, expected);
        const QString script = QStandardPaths::findExecutable(QStringLiteral("script"));
        if (script.isEmpty())
            QSKIP("script(1) is not installed (no pseudo-terminal to test with)");
        QStringList command{QStringLiteral(MCPPM_POOLCTL)};
        command += fleet(args);
        for (QString &word : command)
            word = QLatin1Char('\'') + word.replace(QLatin1Char('\''), QStringLiteral("'\\''"))
                + QLatin1Char('\'');
        QProcess p;
        p.start(
            script,
            {QStringLiteral("-qec"), command.join(QLatin1Char(' ')), QStringLiteral("/dev/null")});
        QVERIFY(p.waitForStarted(5000));
        p.write(typed);
        p.closeWriteChannel();
        if (!p.waitForFinished(20000)) {
            p.kill();
            p.waitForFinished();
            QFAIL("mcp-poolctl under script(1) did not finish");
        }
        const QString output = QString::fromUtf8(p.readAllStandardOutput());
        for (const QString &needle : expected)
            QVERIFY2(output.contains(needle),
                     qPrintable(needle + QStringLiteral("\n---\n") + output));
        QVERIFY2(!output.contains(QChar(0x1b)), qPrintable(output)); // server text is escaped
    }

    void usageErrors_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<QString>("needle");
        QTest::newRow("bad --args JSON") << args({"prompt", "greet", "--args", "{bad"})
                                         << QString::fromUtf8("--args must be a JSON object");
        QTest::newRow("--args not an object") << args({"prompt", "greet", "--args", "[1]"})
                                              << QString::fromUtf8("--args must be a JSON object");
        QTest::newRow("prompt argument not a string")
            << args({"prompt", "greet", "--args", "{\"name\":1}"})
            << QString::fromUtf8("must be a string");
        QTest::newRow("prompt without a name")
            << args({"prompt"}) << QString::fromUtf8("prompt NAME");
        QTest::newRow("complete without a ref")
            << args({"complete", "name", "a"})
            << QString::fromUtf8("--prompt NAME or --resource URI");
        QTest::newRow("complete with both refs")
            << args({"complete", "--prompt", "p", "--resource", "r", "name", "a"})
            << QString::fromUtf8("--prompt NAME or --resource URI");
        QTest::newRow("complete without a value")
            << args({"complete", "--prompt", "greet", "name"}) << QString::fromUtf8("ARG VALUE");
        QTest::newRow("bad --context")
            << args({"complete", "--prompt", "greet", "name", "a", "--context", "nope"})
            << QString::fromUtf8("--context must be a JSON object");
        QTest::newRow("list with arguments")
            << args({"prompts", "x"}) << QString::fromUtf8("no arguments");
        QTest::newRow("bad log level") << args({"--log-level", "loud", "prompts"})
                                       << QString::fromUtf8("--log-level must be one of");
        QTest::newRow("missing elicit file")
            << args({"--elicit", "/nonexistent/answers.json", "prompts"})
            << QString::fromUtf8("cannot read");
        QTest::newRow("missing sampling file")
            << args({"--sampling", "/nonexistent/reply.txt", "prompts"})
            << QString::fromUtf8("cannot read");
        QTest::newRow("missing root") << args({"--roots", "/nonexistent/dir", "prompts"})
                                      << QString::fromUtf8("no such directory");
        QTest::newRow("unknown --on")
            << args({"--on", "zz", "prompts"}) << QString::fromUtf8("no such --server");
    }
    void usageErrors()
    {
        QFETCH(QStringList, args);
        QFETCH(QString, needle);
        const Run r = poolctl(fleet(args));
        QVERIFY2(r.exitCode == 2, qPrintable(describe(r)));
        QVERIFY2(r.err.contains(needle), qPrintable(r.err));
        QVERIFY(r.out.isEmpty());
    }

    void badElicitFile()
    {
        const QString file = writeFile(QStringLiteral("broken.json"), "{\"name\": ");
        const Run r = poolctl(fleet({QStringLiteral("--elicit"), file, QStringLiteral("prompts")}));
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("not a JSON object")), qPrintable(r.err));
    }

    void protocolPins()
    {
        // server-everything speaks 2025 only: pinned to modern it fails, clearly.
        const Run pinned
            = poolctl({QStringLiteral("--server"), legacy() + QStringLiteral(",protocol=modern"),
                       QStringLiteral("servers")});
        QCOMPARE(pinned.exitCode, 3);
        QVERIFY2(pinned.out.contains(QStringLiteral("does not speak MCP 2026-07-28")),
                 qPrintable(describe(pinned)));
        const Run tools
            = poolctl({QStringLiteral("--server"), legacy() + QStringLiteral(",protocol=modern"),
                       QStringLiteral("tools")});
        QCOMPARE(tools.exitCode, 3);
        QVERIFY2(tools.err.contains(QStringLiteral("does not speak MCP 2026-07-28")),
                 qPrintable(describe(tools)));
        // Pinned to the era it speaks: fine.
        const Run legacyPin
            = poolctl({QStringLiteral("--server"), legacy() + QStringLiteral(",protocol=legacy"),
                       QStringLiteral("servers"), QStringLiteral("--json")});
        QVERIFY2(legacyPin.exitCode == 0, qPrintable(describe(legacyPin)));
        QCOMPARE(json(legacyPin).array().first().toObject().value(QStringLiteral("era")).toString(),
                 QStringLiteral("legacy"));
        const Run bad
            = poolctl({QStringLiteral("--server"), legacy() + QStringLiteral(",protocol=2024"),
                       QStringLiteral("servers")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(QStringLiteral("protocol=auto|modern|legacy")),
                 qPrintable(bad.err));
    }

    void profileProtocolRootsAndLogLevel()
    {
        QVERIFY(QDir(m_dir.path()).mkpath(QStringLiteral("gamma")));
        const QString gamma = m_dir.filePath(QStringLiteral("gamma"));
        const QString profile = writeFile(
            QStringLiteral("fleet.json"),
            QJsonDocument(
                QJsonObject{
                    {QStringLiteral("version"), 1},
                    {QStringLiteral("roots"), QJsonArray{gamma}},
                    {QStringLiteral("logLevel"), QStringLiteral("info")},
                    {QStringLiteral("servers"),
                     QJsonArray{
                         QJsonObject{{QStringLiteral("id"), QStringLiteral("pm")},
                                     {QStringLiteral("url"), m_legacy->url().toString()},
                                     {QStringLiteral("protocol"), QStringLiteral("modern")}},
                         QJsonObject{{QStringLiteral("id"), QStringLiteral("pl")},
                                     {QStringLiteral("url"), m_legacy->url().toString()},
                                     {QStringLiteral("protocol"), QStringLiteral("legacy")}}}}})
                .toJson());
        const Run servers
            = poolctl({QStringLiteral("--profile"), profile, QStringLiteral("servers")});
        QCOMPARE(servers.exitCode, 1); // one of two online
        QVERIFY2(servers.out.contains(QStringLiteral("does not speak MCP 2026-07-28")),
                 qPrintable(describe(servers)));
        const Run roots = poolctl({QStringLiteral("--profile"), profile, QStringLiteral("--on"),
                                   QStringLiteral("pl"), QStringLiteral("call"),
                                   QStringLiteral("get-roots-list")});
        QVERIFY2(roots.exitCode == 0, qPrintable(describe(roots)));
        QVERIFY2(roots.out.contains(QUrl::fromLocalFile(gamma).toString()), qPrintable(roots.out));
        // The profile's "logLevel" (debug): server log lines are printed.
        const Run logged = poolctlUntil(
            {QStringLiteral("--profile"), profile, QStringLiteral("--on"), QStringLiteral("pl"),
             QStringLiteral("call"), QStringLiteral("toggle-simulated-logging")},
            QRegularExpression(QStringLiteral("^\\[pl\\] \\w+: "),
                               QRegularExpression::MultilineOption));
        QVERIFY2(logged.exitCode == 0, qPrintable(describe(logged)));
        QVERIFY2(logged.err.contains(QStringLiteral("[pl] ")), qPrintable(logged.err));
    }
};

QTEST_GUILESS_MAIN(TestPoolctl2026)
#include "tst_poolctl2026.moc"
