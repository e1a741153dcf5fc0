// Secrets at rest: profiles and CSV exports are written for the owner only
// (0600), also over an existing, more open file; the programs that hold
// tokens run with core dumps off unless MCPPM_ALLOW_CORE_DUMPS=1.

#include "net/processhardening.h"
#include "profile/profile.h"
#include "stats/csvtable.h"

#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <sys/resource.h>

using namespace mcppm;

namespace {
constexpr QFileDevice::Permissions kOwnerOnly = QFileDevice::ReadOwner | QFileDevice::WriteOwner;
constexpr QFileDevice::Permissions kOpen = QFileDevice::ReadOwner | QFileDevice::WriteOwner
    | QFileDevice::ReadGroup | QFileDevice::ReadOther;

// What QFile::permissions() reports for the owner-only bits we care about
// (it adds the ...User flags for the current user).
QFileDevice::Permissions modeOf(const QString &path)
{
    const QFileDevice::Permissions all = QFile::permissions(path);
    return all
        & (QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner
           | QFileDevice::ReadGroup | QFileDevice::WriteGroup | QFileDevice::ExeGroup
           | QFileDevice::ReadOther | QFileDevice::WriteOther | QFileDevice::ExeOther);
}

// "Max core file size  SOFT  HARD  bytes" of a running process.
QString coreLimitOf(qint64 pid)
{
    QFile limits(QStringLiteral("/proc/%1/limits").arg(pid));
    if (!limits.open(QIODevice::ReadOnly))
        return {};
    for (const QByteArray &line : limits.readAll().split('\n')) {
        if (line.startsWith("Max core file size"))
            return QString::fromLatin1(line.mid(26)).simplified().section(QLatin1Char(' '), 0, 0);
    }
    return {};
}
} // namespace

class TestSecretsAtRest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void profileIsOwnerOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("fleet.json"));
        Profile profile;
        ProfileServer server;
        server.id = QStringLiteral("w1");
        server.url = QUrl(QStringLiteral("http://127.0.0.1:1/mcp"));
        server.tokenRef = QStringLiteral("keychain:w1");
        profile.servers << server;
        QString why;
        QVERIFY2(profile.save(path, &why), qPrintable(why));
        QCOMPARE(modeOf(path), kOwnerOnly);
        // An existing 0644 profile is tightened when saved again.
        QVERIFY(QFile::setPermissions(path, kOpen));
        QCOMPARE(modeOf(path), kOpen);
        QVERIFY2(profile.save(path, &why), qPrintable(why));
        QCOMPARE(modeOf(path), kOwnerOnly);
        QVERIFY(Profile::load(path, &why));
    }

    void csvIsOwnerOnly()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("stats.csv"));
        CsvTable table({QStringLiteral("id"), QStringLiteral("url")});
        table.addRow({QStringLiteral("w1"), QStringLiteral("http://127.0.0.1:1/mcp")});
        QString why;
        QVERIFY2(table.save(path, &why), qPrintable(why));
        QCOMPARE(modeOf(path), kOwnerOnly);
        QVERIFY(QFile::setPermissions(path, kOpen));
        QVERIFY2(table.save(path, &why), qPrintable(why));
        QCOMPARE(modeOf(path), kOwnerOnly);
    }

    void poolctlRunsWithoutCoreDumps_data()
    {
        QTest::addColumn<bool>("allow");
        QTest::newRow("default") << false;
        QTest::newRow("MCPPM_ALLOW_CORE_DUMPS=1") << true;
    }
    void poolctlRunsWithoutCoreDumps()
    {
        QFETCH(bool, allow);
#if defined(__SANITIZE_ADDRESS__)
        if (allow)
            QSKIP("AddressSanitizer sets the core size limit to 0 itself (disable_coredump)");
#endif
        // Children inherit our limit: make it non-zero so "0" can only come from poolctl.
        rlimit limit{};
        QCOMPARE(getrlimit(RLIMIT_CORE, &limit), 0);
        if (limit.rlim_max == 0)
            QSKIP("the hard core size limit is 0 here; nothing to tell apart");
        limit.rlim_cur = limit.rlim_max == RLIM_INFINITY ? rlim_t(1) << 30 : limit.rlim_max;
        QCOMPARE(setrlimit(RLIMIT_CORE, &limit), 0);

        QProcess poolctl;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("MCPPM_ALLOW_CORE_DUMPS"));
        if (allow)
            env.insert(QStringLiteral("MCPPM_ALLOW_CORE_DUMPS"), QStringLiteral("1"));
        poolctl.setProcessEnvironment(env);
        // serve runs until stopped; nothing needs to answer on the server URL.
        poolctl.start(QStringLiteral(MCPPM_POOLCTL),
                      {QStringLiteral("--server"), QStringLiteral("w1=http://127.0.0.1:1/mcp"),
                       QStringLiteral("serve"), QStringLiteral("--metrics-listen"),
                       QStringLiteral("127.0.0.1:0")});
        QVERIFY(poolctl.waitForStarted(10000));
        QByteArray out;
        QVERIFY(QTest::qWaitFor(
            [&]() {
                out += poolctl.readAllStandardOutput();
                return out.contains("serving metrics") || poolctl.state() == QProcess::NotRunning;
            },
            20000));
        const QString soft = coreLimitOf(poolctl.processId());
        poolctl.terminate();
        if (!poolctl.waitForFinished(10000)) {
            poolctl.kill();
            poolctl.waitForFinished(5000);
        }
        QVERIFY2(out.contains("serving metrics"), out.constData());
        QVERIFY(!soft.isEmpty());
        if (allow)
            QVERIFY2(soft != QLatin1String("0"), qPrintable(soft));
        else
            QCOMPARE(soft, QStringLiteral("0"));
    }

    void helperHonoursTheSwitch()
    {
        qputenv("MCPPM_ALLOW_CORE_DUMPS", "1");
        QVERIFY(ProcessHardening::coreDumpsAllowedByEnvironment());
        QVERIFY(
            ProcessHardening::disableCoreDumps().contains(QLatin1String("MCPPM_ALLOW_CORE_DUMPS")));
        qputenv("MCPPM_ALLOW_CORE_DUMPS", "yes"); // only "1" turns them on
        QVERIFY(!ProcessHardening::coreDumpsAllowedByEnvironment());
        qunsetenv("MCPPM_ALLOW_CORE_DUMPS");
    }
};

QTEST_GUILESS_MAIN(TestSecretsAtRest)
#include "tst_secretsatrest.moc"
