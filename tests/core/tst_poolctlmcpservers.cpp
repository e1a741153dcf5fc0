// mcp-poolctl --profile with mcpServers files as they are: a Claude .mcp.json
// and a VS Code mcp.json reach a token-guarded demo worker, the bearer token
// from a variable or written literally in the file; the token is never
// printed, unknown keys are warnings on stderr, a wrong entry is a usage error.

#include "demoworkerprocess.h"
#include "poolctlrun.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>
#include <QTest>

namespace {
using Run = PoolctlRun;

Run poolctl(const QStringList &args, const QProcessEnvironment &env)
{
    return PoolctlRun::run(args, env);
}

bool writeFile(const QString &path, const QString &text)
{
    QFile f(path);
    const QByteArray bytes = text.toUtf8();
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}
} // namespace

class TestPoolctlMcpServers : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DemoWorkerProcess m_worker;
    QProcessEnvironment m_env = QProcessEnvironment::systemEnvironment();
    QString m_token;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_token = QStringLiteral("file-token-%1").arg(QCoreApplication::applicationPid());
        m_env.insert(QStringLiteral("MCPPM_WORKER_TOKEN"), m_token);
        m_worker.process().setProcessEnvironment(m_env);
        QVERIFY(
            m_worker.start({QStringLiteral("--token-env"), QStringLiteral("MCPPM_WORKER_TOKEN")}));
    }

    void tokensFromTheFileReachTheServer_data()
    {
        QTest::addColumn<QString>("file");
        QTest::addColumn<QString>("json");
        const QString url = m_worker.url().toString();
        QTest::newRow("claude, literal and ${VAR}")
            << QStringLiteral(".mcp.json")
            << QStringLiteral("{\"mcpServers\": {"
                              "\"literal\": {\"type\": \"http\", \"url\": \"%1\", \"headers\": "
                              "{\"Authorization\": \"Bearer %2\"}, \"autoApprove\": []},"
                              "\"fromenv\": {\"url\": \"%1\", \"headers\": "
                              "{\"Authorization\": \"Bearer ${MCPPM_WORKER_TOKEN}\"}}}}")
                   .arg(url, m_token);
        QTest::newRow("vs code, ${env:VAR}")
            << QStringLiteral("mcp.json")
            << QStringLiteral("{\"servers\": {"
                              "\"literal\": {\"type\": \"http\", \"url\": \"%1\", \"headers\": "
                              "{\"Authorization\": \"Bearer %2\"}, \"autoApprove\": []},"
                              "\"fromenv\": {\"type\": \"http\", \"url\": \"%1\", \"headers\": "
                              "{\"Authorization\": \"Bearer ${env:MCPPM_WORKER_TOKEN}\"}}}}")
                   .arg(url, m_token);
    }
    void tokensFromTheFileReachTheServer()
    {
        QFETCH(QString, file);
        QFETCH(QString, json);
        const QString path = m_dir.filePath(file);
        QVERIFY(writeFile(path, json));
        for (const QString &on : {QStringLiteral("literal"), QStringLiteral("fromenv")}) {
            const Run r
                = poolctl({QStringLiteral("--profile"), path, QStringLiteral("--on"), on,
                           QStringLiteral("call"), QStringLiteral("echo"), QStringLiteral("--args"),
                           QStringLiteral("{\"message\":\"ok\"}")},
                          m_env);
            QVERIFY2(r.exitCode == 0, qPrintable(on + QLatin1Char(' ') + r.err));
            QCOMPARE(r.out.trimmed(), QStringLiteral("ok"));
            QVERIFY2(r.err.contains(QStringLiteral("\"literal\": ignored: autoApprove")),
                     qPrintable(r.err));
            QVERIFY(!r.out.contains(m_token) && !r.err.contains(m_token));
        }
    }

    void wrongEntryIsAUsageError()
    {
        const QString path = m_dir.filePath(QStringLiteral("claude_desktop_config.json"));
        QVERIFY(writeFile(path, QStringLiteral("{\"mcpServers\": {\"fs\": {\"args\": [\"x\"]}}}")));
        const Run r
            = poolctl({QStringLiteral("--profile"), path, QStringLiteral("servers")}, m_env);
        QCOMPARE(r.exitCode, 2);
        QVERIFY2(r.err.contains(QStringLiteral("mcpServers \"fs\": needs \"command\"")),
                 qPrintable(r.err));
    }
};

QTEST_GUILESS_MAIN(TestPoolctlMcpServers)
#include "tst_poolctlmcpservers.moc"
