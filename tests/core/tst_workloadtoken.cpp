// WorkloadTokenSource (core/auth): the workload identity JWT from memory, a
// file or a command (sh, printf and sleep started here, hence integration),
// with every failure a clear error that never carries the token or output.

#include "auth/workloadtokensource.h"

#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace mcppm;

namespace {
const QString kJwt = QStringLiteral("eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJ3In0.c2lnbmF0dXJl");

struct Result
{
    bool called = false;
    int calls = 0;
    QString token;
    McpError error;
};

std::shared_ptr<Result> fetch(WorkloadTokenSource &source)
{
    auto r = std::make_shared<Result>();
    source.fetch([r](const QString &token, const McpError &error) {
        r->called = true;
        ++r->calls;
        r->token = token;
        r->error = error;
    });
    return r;
}

bool wait(const std::shared_ptr<Result> &r)
{
    return QTest::qWaitFor([&r]() { return r->called; }, 5000);
}
} // namespace

class TestWorkloadToken : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void value()
    {
        WorkloadTokenSource s;
        QVERIFY(!s.isConfigured());
        s.setValue(QStringLiteral("  ") + kJwt + QStringLiteral("\n"));
        QVERIFY(s.isConfigured());
        const auto r = fetch(s);
        QVERIFY(r->called); // synchronous
        QVERIFY(!r->error);
        QCOMPARE(r->token, kJwt);

        WorkloadTokenSource bad;
        bad.setValue(QStringLiteral("not-a-jwt-secret-value"));
        const auto b = fetch(bad);
        QVERIFY(b->error);
        QVERIFY(!b->error.message.contains(QStringLiteral("not-a-jwt-secret-value")));
    }

    void file()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(QStringLiteral("token"));
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(kJwt.toLatin1() + "\n");
        f.close();
        WorkloadTokenSource s;
        s.setFile(path);
        auto r = fetch(s);
        QVERIFY(!r->error);
        QCOMPARE(r->token, kJwt);

        // Rotated underneath: read again on the next fetch.
        const QString rotated = QStringLiteral("aaa.bbb.ccc");
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(rotated.toLatin1());
        f.close();
        r = fetch(s);
        QCOMPARE(r->token, rotated);

        // Not a JWT: refused, the content not echoed.
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write("secret-looking content");
        f.close();
        r = fetch(s);
        QVERIFY(r->error);
        QVERIFY(r->error.message.contains(path));
        QVERIFY(!r->error.message.contains(QStringLiteral("secret-looking")));

        // Too large.
        QVERIFY(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
        f.write(QByteArray(WorkloadTokenSource::kMaxTokenBytes + 10, 'a'));
        f.close();
        r = fetch(s);
        QVERIFY(r->error);
        QVERIFY(r->error.message.contains(QStringLiteral("larger")));

        // Missing.
        WorkloadTokenSource missing;
        missing.setFile(dir.filePath(QStringLiteral("nope")));
        r = fetch(missing);
        QVERIFY(r->error);
        QVERIFY(r->error.message.contains(QStringLiteral("cannot read")));
    }

    void command()
    {
        WorkloadTokenSource s;
        s.setCommand(QStringLiteral("sh -c \"printf '%s\\n' ") + kJwt + QStringLiteral("\""));
        auto r = fetch(s);
        QVERIFY(wait(r));
        QVERIFY2(!r->error, qPrintable(r->error.message));
        QCOMPARE(r->token, kJwt);
        QCOMPARE(r->calls, 1);
    }

    void commandFailures_data()
    {
        QTest::addColumn<QString>("command");
        QTest::addColumn<QString>("expected"); // in the message
        QTest::newRow("exit code") << QStringLiteral("sh -c \"echo aaa.bbb.leaked; exit 3\"")
                                   << QStringLiteral("exited with 3");
        QTest::newRow("no JWT") << QStringLiteral("sh -c \"echo hunter2-leaked\"")
                                << QStringLiteral("did not print a JWT");
        QTest::newRow("no output") << QStringLiteral("true") << QStringLiteral("did not print");
        QTest::newRow("not found")
            << QStringLiteral("/nonexistent/mcppm-token-helper") << QStringLiteral("cannot run");
        QTest::newRow("too slow") << QStringLiteral("sleep 5")
                                  << QStringLiteral("did not finish within 200 ms");
    }

    void commandFailures()
    {
        QFETCH(QString, command);
        QFETCH(QString, expected);
        WorkloadTokenSource s;
        s.setTimeoutMs(200);
        s.setCommand(command);
        auto r = fetch(s);
        QVERIFY(wait(r));
        QVERIFY(r->error);
        QVERIFY2(r->error.message.contains(expected), qPrintable(r->error.message));
        QVERIFY(!r->error.message.contains(QStringLiteral("leaked")));
        QTest::qWait(20); // proves no second answer comes; nothing to wait for
        QCOMPARE(r->calls, 1);
    }

    void abortAnswersNothing()
    {
        WorkloadTokenSource s;
        s.setCommand(QStringLiteral("sleep 5"));
        auto r = fetch(s);
        s.abort();
        QTest::qWait(50); // proves no answer comes; nothing to wait for
        QVERIFY(!r->called);
    }

    void nothingConfigured()
    {
        WorkloadTokenSource s;
        const auto r = fetch(s);
        QVERIFY(r->called);
        QVERIFY(r->error);
        QVERIFY(r->error.message.contains(QStringLiteral("no token file or command")));
    }
};

QTEST_GUILESS_MAIN(TestWorkloadToken)
#include "tst_workloadtoken.moc"
