// HTTPS and per-server trust against demo workers serving certificates made
// here with openssl: refusal that names the problem, a private CA, a pinned
// self-signed certificate, the pool stopping (not looping) on a certificate
// error and resuming once the operator trusts it, profiles and the CLI.

#include "demoworkerprocess.h"

#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"
#include "net/tlstrust.h"
#include "pool/serverpool.h"
#include "profile/profile.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace mcppm;

class TestTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    DemoWorkerProcess m_selfSigned; // CN=localhost, SAN 127.0.0.1, self-signed
    DemoWorkerProcess m_otherHost; // self-signed for other.example only
    DemoWorkerProcess m_expired; // self-signed, expired yesterday
    DemoWorkerProcess m_caSigned; // issued by our own test CA
    QByteArray m_selfSignedSha256;

    QString path(const QString &name) const { return m_dir.filePath(name); }

    bool openssl(const QStringList &args)
    {
        QProcess p;
        p.setWorkingDirectory(m_dir.path());
        p.setProcessChannelMode(QProcess::MergedChannels);
        p.start(QStringLiteral("openssl"), args);
        if (!p.waitForFinished(30000) || p.exitStatus() != QProcess::NormalExit
            || p.exitCode() != 0) {
            qWarning() << "openssl" << args << "failed:" << p.readAll();
            return false;
        }
        return true;
    }
    bool writeFile(const QString &name, const QByteArray &data)
    {
        QFile f(path(name));
        return f.open(QIODevice::WriteOnly) && f.write(data) == data.size();
    }
    // A self-signed EC certificate (+ key) for the subject alt names given.
    bool selfSigned(const QString &name, const QString &cn, const QString &san, int days)
    {
        if (days > 0)
            return openssl(
                {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                 QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                 QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                 QStringLiteral("-keyout"), name + QStringLiteral(".key"), QStringLiteral("-out"),
                 name + QStringLiteral(".pem"), QStringLiteral("-days"), QString::number(days),
                 QStringLiteral("-subj"), QStringLiteral("/CN=") + cn, QStringLiteral("-addext"),
                 QStringLiteral("subjectAltName=") + san});
        // Expired: notAfter before notBefore's day, through a request signed by its own key.
        return writeFile(name + QStringLiteral(".ext"),
                         (QStringLiteral("subjectAltName=") + san).toUtf8())
            && openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
                        QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                        QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                        QStringLiteral("-keyout"), name + QStringLiteral(".key"),
                        QStringLiteral("-out"), name + QStringLiteral(".csr"),
                        QStringLiteral("-subj"), QStringLiteral("/CN=") + cn})
            && openssl({QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
                        name + QStringLiteral(".csr"), QStringLiteral("-signkey"),
                        name + QStringLiteral(".key"), QStringLiteral("-days"),
                        QString::number(days), QStringLiteral("-extfile"),
                        name + QStringLiteral(".ext"), QStringLiteral("-out"),
                        name + QStringLiteral(".pem")});
    }
    bool startWorker(DemoWorkerProcess &worker, const QString &name)
    {
        return worker.start({QStringLiteral("--host"), QStringLiteral("127.0.0.1"),
                             QStringLiteral("--tls-cert"), path(name + QStringLiteral(".pem")),
                             QStringLiteral("--tls-key"), path(name + QStringLiteral(".key"))});
    }

    static McpClientOptions clientOptions(const QUrl &url, const TlsTrust &trust)
    {
        McpClientOptions o;
        o.serverId = QStringLiteral("tls");
        o.baseUrl = url;
        o.tls = trust;
        o.timeoutMs = 5000;
        o.retryAttempts = 0;
        return o;
    }
    // Connects; the error when it fails (Kind::None when connected).
    static McpError connectWith(const QUrl &url, const TlsTrust &trust)
    {
        McpClient client(clientOptions(url, trust));
        QSignalSpy connected(&client, &McpClient::connected);
        QSignalSpy failed(&client, &McpClient::connectFailed);
        client.connectToServer();
        if (!QTest::qWaitFor([&]() { return !connected.isEmpty() || !failed.isEmpty(); }, 15000))
            return McpError::make(McpError::Kind::Timeout, QStringLiteral("no outcome"));
        if (!connected.isEmpty())
            return {};
        return failed.first().first().value<McpError>();
    }
    TlsTrust trust(const QString &caName, const QString &pin = {})
    {
        QString why;
        const auto t = TlsTrust::make(
            caName.isEmpty() ? QString() : path(caName + QStringLiteral(".pem")), pin, &why);
        if (!t)
            qWarning() << why;
        return t.value_or(TlsTrust());
    }
    static QUrl localhostUrl(QUrl url)
    {
        url.setHost(QStringLiteral("localhost"));
        return url;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(selfSigned(QStringLiteral("self"), QStringLiteral("localhost"),
                           QStringLiteral("DNS:localhost,IP:127.0.0.1"), 2));
        QVERIFY(selfSigned(QStringLiteral("other"), QStringLiteral("other.example"),
                           QStringLiteral("DNS:other.example"), 2));
        QVERIFY(selfSigned(QStringLiteral("expired"), QStringLiteral("localhost"),
                           QStringLiteral("DNS:localhost,IP:127.0.0.1"), -1));
        // A private CA and a server certificate it issued.
        QVERIFY(
            openssl({QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                     QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                     QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                     QStringLiteral("-keyout"), QStringLiteral("ca.key"), QStringLiteral("-out"),
                     QStringLiteral("ca.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                     QStringLiteral("-subj"), QStringLiteral("/CN=MCPPM Test CA"),
                     QStringLiteral("-addext"), QStringLiteral("basicConstraints=critical,CA:TRUE"),
                     QStringLiteral("-addext"), QStringLiteral("keyUsage=keyCertSign,cRLSign")}));
        QVERIFY(writeFile(QStringLiteral("leaf.ext"),
                          "subjectAltName=DNS:localhost,IP:127.0.0.1\n"
                          "basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"));
        QVERIFY(openssl({QStringLiteral("req"), QStringLiteral("-new"), QStringLiteral("-newkey"),
                         QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                         QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                         QStringLiteral("-keyout"), QStringLiteral("leaf.key"),
                         QStringLiteral("-out"), QStringLiteral("leaf.csr"),
                         QStringLiteral("-subj"), QStringLiteral("/CN=localhost")}));
        QVERIFY(openssl(
            {QStringLiteral("x509"), QStringLiteral("-req"), QStringLiteral("-in"),
             QStringLiteral("leaf.csr"), QStringLiteral("-CA"), QStringLiteral("ca.pem"),
             QStringLiteral("-CAkey"), QStringLiteral("ca.key"), QStringLiteral("-CAcreateserial"),
             QStringLiteral("-days"), QStringLiteral("2"), QStringLiteral("-extfile"),
             QStringLiteral("leaf.ext"), QStringLiteral("-out"), QStringLiteral("leaf.pem")}));

        QVERIFY(startWorker(m_selfSigned, QStringLiteral("self")));
        QVERIFY(startWorker(m_otherHost, QStringLiteral("other")));
        QVERIFY(startWorker(m_expired, QStringLiteral("expired")));
        QVERIFY(startWorker(m_caSigned, QStringLiteral("leaf")));
        QCOMPARE(m_selfSigned.url().scheme(), QStringLiteral("https"));

        QFile pem(path(QStringLiteral("self.pem")));
        QVERIFY(pem.open(QIODevice::ReadOnly));
        const QList<QSslCertificate> certs = QSslCertificate::fromData(pem.readAll());
        QCOMPARE(certs.size(), 1);
        m_selfSignedSha256 = TlsTrust::fingerprintOf(certs.first());
        QCOMPARE(m_selfSignedSha256.size(), 32);
    }

    void fingerprintParsing()
    {
        const QByteArray digest = QByteArray::fromHex(
            "59f822db5e63d6ef795307b40ac889f4c09ab074ad971849dd69f51c7e4497eb");
        const QString shown = TlsTrust::formatFingerprint(digest);
        QVERIFY(shown.startsWith(QStringLiteral("59:F8:22:")));
        QString why;
        QCOMPARE(TlsTrust::parseFingerprint(shown, &why), digest);
        QCOMPARE(TlsTrust::parseFingerprint(shown.toLower().remove(QLatin1Char(':')), &why),
                 digest);
        QCOMPARE(TlsTrust::parseFingerprint(QStringLiteral("sha256:") + shown, &why), digest);
        for (const QString &bad :
             QStringList{QStringLiteral("59:F8"), QStringLiteral("zz") + shown.mid(2),
                         shown + QStringLiteral(":00")}) {
            why.clear();
            QVERIFY2(TlsTrust::parseFingerprint(bad, &why).isEmpty(), qPrintable(bad));
            QVERIFY(why.contains(QStringLiteral("SHA-256")));
        }
    }

    void badTrustFiles()
    {
        QString why;
        QVERIFY(!TlsTrust::make(path(QStringLiteral("missing.pem")), {}, &why));
        QVERIFY2(why.contains(QStringLiteral("missing.pem")), qPrintable(why));
        QVERIFY(writeFile(QStringLiteral("junk.pem"), "not a certificate\n"));
        QVERIFY(!TlsTrust::make(path(QStringLiteral("junk.pem")), {}, &why));
        QVERIFY2(why.contains(QStringLiteral("no PEM certificate")), qPrintable(why));
        QVERIFY(!TlsTrust::make({}, QStringLiteral("1234"), &why));
        QVERIFY(TlsTrust::make({}, {}, &why)->isEmpty());
    }

    void untrustedIsRefusedWithItsName()
    {
        const McpError e = connectWith(m_selfSigned.url(), {});
        QCOMPARE(e.kind, McpError::Kind::Tls);
        QVERIFY2(e.message.contains(QStringLiteral("self-signed")), qPrintable(e.message));
        // The certificate is named so the operator can decide to trust it.
        QCOMPARE(e.certificateSha256, TlsTrust::formatFingerprint(m_selfSignedSha256));
        QVERIFY2(e.certificateSummary.contains(QStringLiteral("CN=localhost")),
                 qPrintable(e.certificateSummary));
        QVERIFY(e.message.contains(e.certificateSha256));
        QVERIFY(e.notDelivered);
    }

    void wrongHostAndExpiredAreNamed()
    {
        // Trusted as a CA, but issued for another name.
        McpError e = connectWith(m_otherHost.url(), trust(QStringLiteral("other")));
        QCOMPARE(e.kind, McpError::Kind::Tls);
        QVERIFY2(e.message.contains(QStringLiteral("host name did not match")),
                 qPrintable(e.message));
        // Trusted, but expired.
        e = connectWith(m_expired.url(), trust(QStringLiteral("expired")));
        QCOMPARE(e.kind, McpError::Kind::Tls);
        QVERIFY2(e.message.contains(QStringLiteral("expired")), qPrintable(e.message));
    }

    void privateCaIsTrusted()
    {
        QVERIFY(connectWith(m_caSigned.url(), {}).kind == McpError::Kind::Tls);
        const McpError viaIp = connectWith(m_caSigned.url(), trust(QStringLiteral("ca")));
        QVERIFY2(!viaIp.isError(), qPrintable(viaIp.message));
        const McpError viaName
            = connectWith(localhostUrl(m_caSigned.url()), trust(QStringLiteral("ca")));
        QVERIFY2(!viaName.isError(), qPrintable(viaName.message));
        // The CA vouches for its own certificates only.
        QCOMPARE(connectWith(m_selfSigned.url(), trust(QStringLiteral("ca"))).kind,
                 McpError::Kind::Tls);
    }

    void pinnedCertificate()
    {
        const QString pin = TlsTrust::formatFingerprint(m_selfSignedSha256);
        McpClient client(clientOptions(m_selfSigned.url(), trust({}, pin)));
        QSignalSpy connected(&client, &McpClient::connected);
        client.connectToServer();
        QVERIFY(QTest::qWaitFor([&]() { return !connected.isEmpty(); }, 15000));
        McpReply *reply = client.callTool(QStringLiteral("echo"),
                                          {{QStringLiteral("message"), QStringLiteral("pinned")}});
        QVERIFY(QTest::qWaitFor([reply]() { return reply->isFinished(); }, 10000));
        QVERIFY2(!reply->error().isError(), qPrintable(reply->error().message));
        QVERIFY(QJsonDocument(reply->result()).toJson().contains("pinned"));

        // Another certificate is refused even though the pin "trusts" something.
        QByteArray other = m_selfSignedSha256;
        other[0] = char(other.at(0) ^ 0x01);
        McpError e = connectWith(m_selfSigned.url(), trust({}, TlsTrust::formatFingerprint(other)));
        QCOMPARE(e.kind, McpError::Kind::Tls);
        QVERIFY2(e.message.contains(QStringLiteral("not the pinned")), qPrintable(e.message));
        // A pin replaces the CA check, even for a certificate the CA file trusts.
        e = connectWith(m_caSigned.url(),
                        trust(QStringLiteral("ca"), TlsTrust::formatFingerprint(other)));
        QCOMPARE(e.kind, McpError::Kind::Tls);
        // A pinned certificate for another name is accepted (the pin is the identity) …
        QFile otherPem(path(QStringLiteral("other.pem")));
        QVERIFY(otherPem.open(QIODevice::ReadOnly));
        const QString otherPin = TlsTrust::formatFingerprint(
            TlsTrust::fingerprintOf(QSslCertificate::fromData(otherPem.readAll()).first()));
        e = connectWith(m_otherHost.url(), trust({}, otherPin));
        QVERIFY2(!e.isError(), qPrintable(e.message));
        // … an expired one never.
        QFile expiredPem(path(QStringLiteral("expired.pem")));
        QVERIFY(expiredPem.open(QIODevice::ReadOnly));
        const QString expiredPin = TlsTrust::formatFingerprint(
            TlsTrust::fingerprintOf(QSslCertificate::fromData(expiredPem.readAll()).first()));
        e = connectWith(m_expired.url(), trust({}, expiredPin));
        QCOMPARE(e.kind, McpError::Kind::Tls);
        QVERIFY2(e.message.contains(QStringLiteral("expired")), qPrintable(e.message));
    }

    void poolStopsThenResumesWhenTrusted()
    {
        ServerPoolOptions options;
        options.healthCheckIntervalMs = 200;
        options.health.reconnectDelayMs = 50;
        options.health.reconnectMaxDelayMs = 100;
        ServerPool pool(options);
        pool.initialize();
        QString why;
        QVERIFY(!pool.addServer(
            QStringLiteral("plain"), QUrl(QStringLiteral("http://127.0.0.1:1/mcp")), {},
            [this] {
                ServerOptions o;
                o.tls = trust(QStringLiteral("ca"));
                return o;
            }(),
            &why));
        QVERIFY2(why.contains(QStringLiteral("https://")), qPrintable(why));

        QSignalSpy offline(&pool, &ServerPool::serverOffline);
        QVERIFY(pool.addServer(QStringLiteral("s"), m_selfSigned.url(), {}, {}, &why));
        HealthMonitor *health = pool.healthMonitor();
        QVERIFY(QTest::qWaitFor(
            [&]() { return health->status(QStringLiteral("s")) == ServerStatus::Dead; }, 15000));
        QCOMPARE(offline.size(), 1);
        const int transitions = health->health(QStringLiteral("s")).history.size();
        // Stopped, not looping: no reconnect attempts although the backoff is 50 ms.
        QTest::qWait(600); // proves nothing happens: a dozen backoffs' time
        QCOMPARE(health->status(QStringLiteral("s")), ServerStatus::Dead);
        QCOMPARE(health->health(QStringLiteral("s")).history.size(), transitions);
        const QList<ServerRow> rows = pool.serverRows();
        QCOMPARE(rows.size(), 1);
        QCOMPARE(rows.first().refusedCertificateSha256,
                 TlsTrust::formatFingerprint(m_selfSignedSha256));
        QVERIFY(rows.first().lastError.contains(QStringLiteral("self-signed")));
        const QJsonObject listed = pool.servers().first().toObject();
        QCOMPARE(listed.value(QStringLiteral("status")).toString(), QStringLiteral("dead"));
        QCOMPARE(listed.value(QStringLiteral("tls"))
                     .toObject()
                     .value(QStringLiteral("refusedCertificateSha256"))
                     .toString(),
                 TlsTrust::formatFingerprint(m_selfSignedSha256));

        // The operator trusts the certificate: it reconnects at once and takes work.
        QVERIFY(pool.setServerTls(
            QStringLiteral("s"), trust({}, TlsTrust::formatFingerprint(m_selfSignedSha256)), &why));
        QVERIFY(QTest::qWaitFor(
            [&]() { return health->status(QStringLiteral("s")) == ServerStatus::Online; }, 15000));
        const TaskId id = pool.callTool(QStringLiteral("echo"),
                                        {{QStringLiteral("message"), QStringLiteral("after pin")}});
        QFuture<Task> done = pool.whenFinished(id);
        QVERIFY(QTest::qWaitFor([&]() { return done.isFinished(); }, 15000));
        const Task task = done.result();
        QVERIFY2(task.status == TaskStatus::Completed, qPrintable(task.error.message));
        QVERIFY(QJsonDocument(task.result).toJson().contains("after pin"));
        QVERIFY(pool.serverRows().first().refusedCertificateSha256.isEmpty());
        QVERIFY(pool.serverRows().first().tlsPinned);
        QVERIFY(!pool.setServerTls(QStringLiteral("nope"), {}, &why));
    }

    void profileKeepsTrust()
    {
        const QString pin = TlsTrust::formatFingerprint(m_selfSignedSha256);
        QJsonObject server{{QStringLiteral("id"), QStringLiteral("a")},
                           {QStringLiteral("url"), QStringLiteral("https://127.0.0.1:1/mcp")},
                           {QStringLiteral("caFile"), QStringLiteral("ca.pem")},
                           {QStringLiteral("pinSha256"), pin}};
        QJsonObject o{{QStringLiteral("version"), 1},
                      {QStringLiteral("servers"), QJsonArray{server}}};
        QVERIFY(writeFile(QStringLiteral("p.json"), QJsonDocument(o).toJson()));
        QString why;
        const auto profile = Profile::load(path(QStringLiteral("p.json")), &why);
        QVERIFY2(profile, qPrintable(why));
        QCOMPARE(profile->servers.first().caFile, QStringLiteral("ca.pem"));
        QCOMPARE(profile->servers.first().pinSha256, pin);
        // Saved as written; the relative CA file is found next to the profile.
        QCOMPARE(profile->toJson()
                     .value(QStringLiteral("servers"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("caFile"))
                     .toString(),
                 QStringLiteral("ca.pem"));
        const auto loaded = Profile::trustFor(profile->servers.first(), profile->directory, &why);
        QVERIFY2(loaded, qPrintable(why));
        QCOMPARE(loaded->caCertificates.size(), 1);
        QCOMPARE(loaded->pinSha256, m_selfSignedSha256);

        ProfileServer missing = profile->servers.first();
        missing.caFile = QStringLiteral("nowhere.pem");
        QVERIFY(!Profile::trustFor(missing, profile->directory, &why));
        QVERIFY2(why.contains(QStringLiteral("server a"))
                     && why.contains(QStringLiteral("nowhere")),
                 qPrintable(why));

        server.insert(QStringLiteral("pinSha256"), QStringLiteral("abc"));
        o.insert(QStringLiteral("servers"), QJsonArray{server});
        QVERIFY(!Profile::fromJson(o, &why));
        QVERIFY2(why.contains(QStringLiteral("pinSha256")), qPrintable(why));
        server.insert(QStringLiteral("pinSha256"), pin);
        server.insert(QStringLiteral("url"), QStringLiteral("http://127.0.0.1:1/mcp"));
        o.insert(QStringLiteral("servers"), QJsonArray{server});
        QVERIFY(!Profile::fromJson(o, &why));
        QVERIFY2(why.contains(QStringLiteral("https://")), qPrintable(why));

        // "enabled": false survives a round trip; a non-boolean is refused.
        server.insert(QStringLiteral("url"), QStringLiteral("https://127.0.0.1:1/mcp"));
        server.insert(QStringLiteral("enabled"), false);
        o.insert(QStringLiteral("servers"), QJsonArray{server});
        auto off = Profile::fromJson(o, &why);
        QVERIFY2(off, qPrintable(why));
        QVERIFY(!off->servers.first().enabled);
        QCOMPARE(off->toJson()
                     .value(QStringLiteral("servers"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("enabled")),
                 QJsonValue(false));
        server.insert(QStringLiteral("enabled"), QStringLiteral("no"));
        o.insert(QStringLiteral("servers"), QJsonArray{server});
        QVERIFY(!Profile::fromJson(o, &why));
        QVERIFY2(why.contains(QStringLiteral("enabled")), qPrintable(why));
    }

    void commandLine()
    {
        auto run = [](const QStringList &args, QString *out) {
            QProcess p;
            p.setProcessChannelMode(QProcess::MergedChannels);
            p.start(QStringLiteral(MCPPM_POOLCTL), args);
            if (!p.waitForFinished(30000)) {
                p.kill();
                p.waitForFinished();
                return -1;
            }
            *out = QString::fromUtf8(p.readAll());
            return p.exitCode();
        };
        const QString url = m_selfSigned.url().toString();
        const QString pin = TlsTrust::formatFingerprint(m_selfSignedSha256);
        QString out;
        QCOMPARE(
            run({QStringLiteral("tools"), QStringLiteral("--server"), QStringLiteral("w=") + url},
                &out),
            3);
        QVERIFY2(out.contains(QStringLiteral("self-signed")) && out.contains(pin), qPrintable(out));
        QCOMPARE(run({QStringLiteral("tools"), QStringLiteral("--server"),
                      QStringLiteral("w=") + url + QStringLiteral(",pin=") + pin},
                     &out),
                 0);
        QVERIFY2(out.contains(QStringLiteral("echo")), qPrintable(out));
        QCOMPARE(run({QStringLiteral("tools"), QStringLiteral("--server"),
                      QStringLiteral("w=") + m_caSigned.url().toString() + QStringLiteral(",ca=")
                          + path(QStringLiteral("ca.pem"))},
                     &out),
                 0);
        QCOMPARE(run({QStringLiteral("tools"), QStringLiteral("--server"),
                      QStringLiteral("w=") + url + QStringLiteral(",pin=12")},
                     &out),
                 2);
        QVERIFY2(out.contains(QStringLiteral("SHA-256")), qPrintable(out));
        QCOMPARE(
            run({QStringLiteral("tools"), QStringLiteral("--server"),
                 QStringLiteral("w=http://127.0.0.1:1/mcp,ca=") + path(QStringLiteral("ca.pem"))},
                &out),
            2);
        QVERIFY2(out.contains(QStringLiteral("https://")), qPrintable(out));
        // The pool path: servers --json shows the stop and the refused certificate.
        QCOMPARE(
            run({QStringLiteral("servers"), QStringLiteral("--json"), QStringLiteral("--timeout"),
                 QStringLiteral("3000"), QStringLiteral("--server"), QStringLiteral("w=") + url},
                &out),
            3); // "no server could be reached"
        const QJsonArray servers = QJsonDocument::fromJson(out.toUtf8()).array();
        QCOMPARE(servers.size(), 1);
        const QJsonObject s = servers.first().toObject();
        QCOMPARE(s.value(QStringLiteral("status")).toString(), QStringLiteral("dead"));
        QCOMPARE(s.value(QStringLiteral("tls"))
                     .toObject()
                     .value(QStringLiteral("refusedCertificateSha256"))
                     .toString(),
                 pin);
    }
};

QTEST_GUILESS_MAIN(TestTls)
#include "tst_tls.moc"
