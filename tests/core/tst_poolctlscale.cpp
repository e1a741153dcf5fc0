// mcp-poolctl at scale, as a user runs it: the compact `stats --watch` table
// (bounded, the servers that need a look first), --json as one object per
// line, and the per-server breakdown of `bench`. Real processes, real demo
// workers on loopback.

#include "demoworkerprocess.h"
#include "poolctlrun.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

class TestPoolctlScale : public QObject
{
    Q_OBJECT

    DemoWorkerProcess m_worker;
    QString m_url;

    using Run = PoolctlRun;
    static Run poolctl(const QStringList &args) { return PoolctlRun::run(args); }
    // `stats --watch 1 ...` until `ticks` ticks are out (each starts with a
    // line for which isTickStart holds), then SIGTERM, which ends it cleanly.
    static Run watch(const QStringList &args, int ticks,
                     const std::function<bool(const QString &line)> &isTickStart)
    {
        QProcess p;
        p.start(QStringLiteral(MCPPM_POOLCTL), args);
        QString out;
        auto ticksSeen = [&]() {
            out += QString::fromUtf8(p.readAllStandardOutput());
            int n = 0;
            for (const QString &line : out.split(QLatin1Char('\n')))
                n += isTickStart(line) ? 1 : 0;
            return n;
        };
        Run r;
        // A tick is complete once the next one has begun.
        if (!QTest::qWaitFor([&]() { return ticksSeen() > ticks; }, 20000)) {
            p.kill();
            p.waitForFinished();
            r.err = QStringLiteral("fewer ticks than asked for: ") + out;
            return r;
        }
        p.terminate();
        if (!p.waitForFinished(10000)) {
            p.kill();
            p.waitForFinished();
            r.err = QStringLiteral("mcp-poolctl did not stop on SIGTERM");
            return r;
        }
        r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -2;
        r.out = out + QString::fromUtf8(p.readAllStandardOutput());
        r.err = QString::fromUtf8(p.readAllStandardError());
        return r;
    }
    static bool isSummary(const QString &line)
    {
        static const QRegularExpression summary(
            QStringLiteral(R"(^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d  servers \d+  healthy \d+)"));
        return summary.match(line).hasMatch();
    }
    // The ticks of a text watch, each a list of lines.
    static QList<QStringList> ticksOf(const QString &out)
    {
        QList<QStringList> ticks;
        for (const QString &line : out.split(QLatin1Char('\n'), Qt::SkipEmptyParts)) {
            if (isSummary(line))
                ticks.append(QStringList());
            if (!ticks.isEmpty())
                ticks.last().append(line);
        }
        return ticks;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_worker.start({QStringLiteral("--name"), QStringLiteral("scale-worker")}));
        m_url = m_worker.url().toString();
    }

    void statsOnceIsATable()
    {
        const Run r = poolctl(
            {QStringLiteral("--server"), QStringLiteral("w1=") + m_url, QStringLiteral("stats")});
        QCOMPARE(r.exitCode, 0);
        const QList<QStringList> ticks = ticksOf(r.out);
        QCOMPARE(ticks.size(), 1);
        const QStringList lines = ticks.first();
        QCOMPARE(lines.size(), 3); // summary, header, w1
        QVERIFY2(lines.at(0).contains(QStringLiteral("servers 1  healthy 1")),
                 qPrintable(lines.at(0)));
        for (const char *column :
             {"ID", "STATUS", "IN-FLIGHT", "CALLS", "ERRORS", "P50 MS", "P95 MS"})
            QVERIFY2(lines.at(1).contains(QLatin1String(column)), column);
        QVERIFY2(QRegularExpression(QStringLiteral(R"(^w1 +online +0 +0 +0 +- +-$)"))
                     .match(lines.at(2))
                     .hasMatch(),
                 qPrintable(lines.at(2)));
    }

    void watchIsBoundedWithTheTroubleFirst()
    {
        // 40 entries on the one worker and one that cannot be reached: more
        // than fit in 30 lines (stdout is not a terminal here).
        QStringList args;
        for (int i = 1; i <= 40; ++i)
            args << QStringLiteral("--server") << QStringLiteral("w%1=%2").arg(i).arg(m_url);
        args << QStringLiteral("--server") << QStringLiteral("zz-down=http://127.0.0.1:1/mcp");
        args << QStringLiteral("stats") << QStringLiteral("--watch") << QStringLiteral("1");
        const Run r = watch(args, 2, &TestPoolctlScale::isSummary);
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QList<QStringList> ticks = ticksOf(r.out);
        QVERIFY(ticks.size() >= 2);
        for (const QStringList &lines : ticks.mid(0, 2)) {
            QVERIFY2(lines.size() <= 30, qPrintable(lines.join(QLatin1Char('\n'))));
            QVERIFY(lines.at(0).contains(QStringLiteral("servers 41")));
            QVERIFY(lines.at(1).startsWith(QStringLiteral("ID")));
            // The server that needs a look comes first, whatever its id.
            QVERIFY2(lines.at(2).startsWith(QStringLiteral("zz-down ")), qPrintable(lines.at(2)));
            QVERIFY2(!lines.at(2).contains(QStringLiteral(" online ")), qPrintable(lines.at(2)));
            const QRegularExpressionMatch more
                = QRegularExpression(QStringLiteral(R"(^… and (\d+) more online$)"))
                      .match(lines.last());
            QVERIFY2(more.hasMatch(), qPrintable(lines.last()));
            const int shown = int(lines.size()) - 3; // summary, header, "… more"
            QCOMPARE(shown + more.captured(1).toInt(), 41);
            for (const QString &row : lines.mid(3, shown - 1))
                QVERIFY2(row.contains(QStringLiteral(" online ")), qPrintable(row));
            // All idle alike: by id, numbers as numbers (w2 before w10).
            QVERIFY2(lines.at(3).startsWith(QStringLiteral("w1 "))
                         && lines.at(4).startsWith(QStringLiteral("w2 "))
                         && lines.at(12).startsWith(QStringLiteral("w10 ")),
                     qPrintable(lines.join(QLatin1Char('\n'))));
        }
        QVERIFY2(!r.out.contains(QLatin1Char('{')), "no JSON without --json");
    }

    void watchJsonIsOneObjectPerLine()
    {
        DemoWorkerProcess second;
        QVERIFY(second.start());
        const QStringList args{
            QStringLiteral("--server"), QStringLiteral("w1=") + m_url,
            QStringLiteral("--server"), QStringLiteral("w2=") + second.url().toString(),
            QStringLiteral("stats"),    QStringLiteral("--watch"),
            QStringLiteral("1"),        QStringLiteral("--json")};
        const Run r = watch(args, 2, [](const QString &line) { return !line.isEmpty(); });
        QVERIFY2(r.exitCode == 0, qPrintable(r.err));
        const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
        QVERIFY(lines.size() >= 2);
        for (const QString &line : lines) {
            QJsonParseError error;
            const QJsonDocument doc = QJsonDocument::fromJson(line.toUtf8(), &error);
            QVERIFY2(error.error == QJsonParseError::NoError && doc.isObject(), qPrintable(line));
            const QJsonObject o = doc.object();
            QCOMPARE(o.value(QStringLiteral("servers")).toInt(), 2);
            QCOMPARE(o.value(QStringLiteral("serverList")).toArray().size(), 2);
            QVERIFY(o.value(QStringLiteral("toolStats")).isArray());
            QVERIFY(!o.value(QStringLiteral("time")).toString().isEmpty());
        }
    }

    void benchBreaksDownPerServer()
    {
        // w2 answers every tool call with HTTP 500; echo is read-only, so each
        // such attempt moves to w1 (a failover away from w2) until w2 is out.
        DemoWorkerProcess failing;
        QVERIFY(failing.start({QStringLiteral("--error-rate"), QStringLiteral("1")}));
        const QStringList args{QStringLiteral("--server"),
                               QStringLiteral("w1=") + m_url,
                               QStringLiteral("--server"),
                               QStringLiteral("w2=") + failing.url().toString(),
                               QStringLiteral("bench"),
                               QStringLiteral("--tool"),
                               QStringLiteral("echo"),
                               QStringLiteral("--args"),
                               QStringLiteral(R"({"message":"b"})"),
                               QStringLiteral("--calls"),
                               QStringLiteral("200"),
                               QStringLiteral("--concurrency"),
                               QStringLiteral("4")};
        const Run r = poolctl(QStringList(args) << QStringLiteral("--json"));
        const QJsonObject o = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY2(!o.isEmpty(), qPrintable(r.err));
        QCOMPARE(o.value(QStringLiteral("lost")).toInt(), 0);
        QCOMPARE(o.value(QStringLiteral("server_count")).toInt(), 2);
        const QJsonArray servers = o.value(QStringLiteral("servers")).toArray();
        QCOMPARE(servers.size(), 2);
        QHash<QString, QJsonObject> byId;
        qint64 calls = 0;
        for (const QJsonValue &v : servers) {
            const QJsonObject s = v.toObject();
            for (const char *key : {"id", "calls", "errors", "failovers_away", "final_status",
                                    "status_changes", "latency_ms"})
                QVERIFY2(s.contains(QLatin1String(key)), key);
            for (const char *key : {"p50", "p95", "p99"})
                QVERIFY2(
                    s.value(QStringLiteral("latency_ms")).toObject().contains(QLatin1String(key)),
                    key);
            byId.insert(s.value(QStringLiteral("id")).toString(), s);
            calls += s.value(QStringLiteral("calls")).toInteger();
        }
        QCOMPARE(calls, o.value(QStringLiteral("attempts")).toInteger());
        const QJsonObject w1 = byId.value(QStringLiteral("w1"));
        const QJsonObject w2 = byId.value(QStringLiteral("w2"));
        QCOMPARE(w1.value(QStringLiteral("errors")).toInt(), 0);
        QCOMPARE(w1.value(QStringLiteral("failovers_away")).toInt(), 0);
        QCOMPARE(w1.value(QStringLiteral("final_status")).toString(), QStringLiteral("online"));
        QCOMPARE(w1.value(QStringLiteral("status_changes")).toInt(), 0);
        QVERIFY(w1.value(QStringLiteral("latency_ms"))
                    .toObject()
                    .value(QStringLiteral("p50"))
                    .toDouble()
                > 0);
        QVERIFY2(w2.value(QStringLiteral("failovers_away")).toInt() > 0,
                 qPrintable(QString::fromUtf8(QJsonDocument(w2).toJson())));
        QVERIFY(w2.value(QStringLiteral("failovers_away")).toInt()
                <= w2.value(QStringLiteral("errors")).toInt());
        QVERIFY(w2.value(QStringLiteral("status_changes")).toInt() >= 1); // taken out at least
        QVERIFY(w2.value(QStringLiteral("final_status")).toString()
                != QStringLiteral("connecting"));
        // Failed attempts on w2 went on to w1: every task completed.
        QCOMPARE(o.value(QStringLiteral("completed")).toInt(), 200);

        // The text output has the same table, one row per server.
        const Run text = poolctl(args);
        QVERIFY2(text.exitCode == 0, qPrintable(text.err));
        QVERIFY2(text.out.contains(QStringLiteral("AWAY")), qPrintable(text.out));
        QVERIFY2(QRegularExpression(QStringLiteral(R"(\nw1 +online +\d+ +0 +0 +0 )"))
                     .match(text.out)
                     .hasMatch(),
                 qPrintable(text.out));
        QVERIFY2(QRegularExpression(QStringLiteral(R"(\nw2 +\S+ +\d+ +[1-9]\d* +[1-9]\d* +)"))
                     .match(text.out)
                     .hasMatch(),
                 qPrintable(text.out));
    }
};

QTEST_GUILESS_MAIN(TestPoolctlScale)
#include "tst_poolctlscale.moc"
