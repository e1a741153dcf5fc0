// Proxies and per-server headers: the no_proxy matcher and proxy URL parser
// (data-driven), the environment as curl reads it, and real traffic through a
// loopback forward proxy written here: absolute-form for http://, CONNECT and
// TLS with the origin for https://, proxy authentication, a proxy that is down,
// and mcp-poolctl with HTTP_PROXY in its environment.

#include "demoworkerprocess.h"

#include "mcp/customheaders.h"
#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"
#include "net/proxysettings.h"
#include "net/tlstrust.h"
#include "profile/profile.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkProxy>
#include <QPointer>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace mcppm;

namespace {

const QList<QByteArray> kProxyVariables{"http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY",
                                        "all_proxy",  "ALL_PROXY",  "no_proxy",    "NO_PROXY"};

// A forward proxy on 127.0.0.1: absolute-form requests are rewritten to
// origin-form and forwarded (Proxy-Authorization dropped); CONNECT opens a
// tunnel. It can demand Basic credentials and records what it saw.
class ForwardProxy final : public QObject
{
    Q_OBJECT
public:
    QByteArray requiredAuthorization; // "Basic ..."; empty: none asked for
    QByteArray refusal; // e.g. "403 Forbidden": every request gets it
    QList<QByteArray> requestLines; // the first line of every request
    QList<QByteArray> authorizations; // Proxy-Authorization per request ("" when absent)
    QList<QByteArray> forwardedHeads; // what went on to origins (absolute-form only)

    bool listen()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this]() {
            while (QTcpSocket *client = m_server.nextPendingConnection())
                accept(client);
        });
        return m_server.listen(QHostAddress::LocalHost, 0);
    }
    QString url(const QString &credentials = {}) const
    {
        return QStringLiteral("http://")
            + (credentials.isEmpty() ? QString() : credentials + QLatin1Char('@'))
            + QStringLiteral("127.0.0.1:") + QString::number(m_server.serverPort());
    }

private:
    struct Connection
    {
        // QAbstractSocket, not QTcpSocket: disconnected() can come from the socket's
        // destructor, when the object is no longer a QTcpSocket (UBSan: bad downcast).
        QPointer<QAbstractSocket> client;
        QPointer<QAbstractSocket> upstream;
        QByteArray in;
        bool tunnel = false;
    };

    void accept(QTcpSocket *client)
    {
        auto c = std::make_shared<Connection>();
        c->client = client;
        connect(client, &QTcpSocket::readyRead, this, [this, c]() { onClientData(c); });
        connect(client, &QTcpSocket::disconnected, this, [c]() {
            if (c->upstream)
                c->upstream->disconnectFromHost();
            if (c->client)
                c->client->deleteLater();
        });
    }

    QTcpSocket *openUpstream(const std::shared_ptr<Connection> &c, const QString &host,
                             quint16 port)
    {
        auto *up = new QTcpSocket(this);
        c->upstream = up;
        connect(up, &QTcpSocket::readyRead, this, [c, up]() {
            if (c->client)
                c->client->write(up->readAll());
        });
        connect(up, &QTcpSocket::disconnected, this, [c, up]() {
            if (c->client)
                c->client->disconnectFromHost();
            up->deleteLater();
        });
        up->connectToHost(host, port);
        return up;
    }

    void onClientData(const std::shared_ptr<Connection> &c)
    {
        c->in += c->client->readAll();
        if (c->tunnel) {
            if (c->upstream)
                c->upstream->write(std::exchange(c->in, {}));
            return;
        }
        for (;;) {
            const qsizetype end = c->in.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QList<QByteArray> lines = c->in.left(end).split('\n');
            qint64 length = 0;
            QByteArray authorization;
            QByteArray forwarded;
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const QByteArray line = lines.at(i).trimmed();
                const qsizetype colon = line.indexOf(':');
                const QByteArray name = line.left(colon).trimmed().toLower();
                const QByteArray value = line.mid(colon + 1).trimmed();
                if (name == "content-length")
                    length = value.toLongLong();
                if (name == "proxy-authorization")
                    authorization = value;
                else
                    forwarded += line + "\r\n";
            }
            if (c->in.size() < end + 4 + length)
                return; // the body is still on its way
            const QByteArray body = c->in.mid(end + 4, length);
            c->in.remove(0, end + 4 + length);
            const QByteArray requestLine = lines.first().trimmed();
            requestLines.append(requestLine);
            authorizations.append(authorization);
            if (!requiredAuthorization.isEmpty() && authorization != requiredAuthorization) {
                c->client->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                                 "Proxy-Authenticate: Basic realm=\"test\"\r\n"
                                 "Content-Length: 0\r\nConnection: close\r\n\r\n");
                c->client->disconnectFromHost();
                return;
            }
            if (!refusal.isEmpty()) {
                c->client->write("HTTP/1.1 " + refusal
                                 + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
                c->client->disconnectFromHost();
                return;
            }
            const QList<QByteArray> parts = requestLine.split(' ');
            if (parts.size() != 3) {
                c->client->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                return;
            }
            if (parts.at(0) == "CONNECT") {
                const QByteArray authority = parts.at(1);
                const qsizetype colon = authority.lastIndexOf(':');
                QTcpSocket *up = openUpstream(c, QString::fromLatin1(authority.left(colon)),
                                              quint16(authority.mid(colon + 1).toUInt()));
                c->tunnel = true;
                connect(up, &QTcpSocket::connected, this, [c]() {
                    if (!c->client)
                        return;
                    c->client->write("HTTP/1.1 200 Connection established\r\n\r\n");
                    if (!c->in.isEmpty())
                        c->upstream->write(std::exchange(c->in, {}));
                });
                connect(up, &QTcpSocket::errorOccurred, this, [c](QAbstractSocket::SocketError) {
                    if (c->client && c->client->state() == QAbstractSocket::ConnectedState)
                        c->client->write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\n\r\n");
                });
                return;
            }
            const QUrl target(QString::fromLatin1(parts.at(1)));
            if (target.scheme() != QLatin1String("http")) {
                c->client->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\n\r\n");
                return;
            }
            QByteArray path = target.path(QUrl::FullyEncoded).toLatin1();
            if (target.hasQuery())
                path += '?' + target.query(QUrl::FullyEncoded).toLatin1();
            const QByteArray head
                = parts.at(0) + ' ' + path + ' ' + parts.at(2) + "\r\n" + forwarded + "\r\n";
            forwardedHeads.append(head);
            if (!c->upstream)
                openUpstream(c, target.host(), quint16(target.port(80)));
            c->upstream->write(head + body); // buffered until connected
        }
    }

    QTcpServer m_server;
};

} // namespace

class TestProxy : public QObject
{
    Q_OBJECT

    QHash<QByteArray, std::optional<QByteArray>> m_savedEnvironment;
    QTemporaryDir m_dir;
    DemoWorkerProcess m_worker; // http
    DemoWorkerProcess m_tlsWorker; // https, self-signed for 127.0.0.1
    QByteArray m_tlsSha256;

    static McpClientOptions clientOptions(const QUrl &url)
    {
        McpClientOptions o;
        o.serverId = QStringLiteral("p");
        o.baseUrl = url;
        o.timeoutMs = 5000;
        o.retryAttempts = 0;
        o.openServerStream = false;
        o.fetchCatalog = false;
        return o;
    }
    // Connects and calls echo; the error (Kind::None on success).
    static McpError connectAndEcho(const McpClientOptions &options)
    {
        McpClient client(options);
        QSignalSpy connected(&client, &McpClient::connected);
        QSignalSpy failed(&client, &McpClient::connectFailed);
        client.connectToServer();
        if (!QTest::qWaitFor([&]() { return !connected.isEmpty() || !failed.isEmpty(); }, 15000))
            return McpError::make(McpError::Kind::Timeout, QStringLiteral("no outcome"));
        if (!failed.isEmpty())
            return failed.first().first().value<McpError>();
        McpReply *reply
            = client.callTool(QStringLiteral("echo"),
                              QJsonObject{{QStringLiteral("message"), QStringLiteral("via")}});
        QSignalSpy finished(reply, &McpReply::finished);
        if (!finished.wait(15000))
            return McpError::make(McpError::Kind::Timeout, QStringLiteral("no answer to echo"));
        return reply->error();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(m_worker.start({QStringLiteral("--name"), QStringLiteral("proxied")}));
        QProcess openssl;
        openssl.setWorkingDirectory(m_dir.path());
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), QStringLiteral("self.key"),
                       QStringLiteral("-out"), QStringLiteral("self.pem"), QStringLiteral("-days"),
                       QStringLiteral("2"), QStringLiteral("-subj"),
                       QStringLiteral("/CN=localhost"), QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=DNS:localhost,IP:127.0.0.1")});
        QVERIFY(openssl.waitForFinished(30000));
        QVERIFY2(openssl.exitCode() == 0, openssl.readAll().constData());
        QVERIFY(m_tlsWorker.start(
            {QStringLiteral("--host"), QStringLiteral("127.0.0.1"), QStringLiteral("--tls-cert"),
             m_dir.filePath(QStringLiteral("self.pem")), QStringLiteral("--tls-key"),
             m_dir.filePath(QStringLiteral("self.key"))}));
        QFile pem(m_dir.filePath(QStringLiteral("self.pem")));
        QVERIFY(pem.open(QIODevice::ReadOnly));
        const QList<QSslCertificate> certs = QSslCertificate::fromData(pem.readAll());
        QCOMPARE(certs.size(), 1);
        m_tlsSha256 = TlsTrust::fingerprintOf(certs.first());
    }

    // Every test starts with no proxy variable set and ends with them as they were.
    void init()
    {
        for (const QByteArray &name : kProxyVariables) {
            m_savedEnvironment.insert(name,
                                      qEnvironmentVariableIsSet(name.constData())
                                          ? std::optional(qgetenv(name.constData()))
                                          : std::nullopt);
            qunsetenv(name.constData());
        }
    }
    void cleanup()
    {
        for (auto it = m_savedEnvironment.cbegin(); it != m_savedEnvironment.cend(); ++it) {
            if (it.value())
                qputenv(it.key().constData(), *it.value());
            else
                qunsetenv(it.key().constData());
        }
        m_savedEnvironment.clear();
    }

    void noProxyMatching_data()
    {
        QTest::addColumn<QString>("noProxy");
        QTest::addColumn<QString>("url");
        QTest::addColumn<bool>("bypass");
        auto row = [](const char *name, const char *list, const char *url, bool bypass) {
            QTest::newRow(name) << QString::fromLatin1(list) << QString::fromLatin1(url) << bypass;
        };
        row("star", "*", "http://anything.example/mcp", true);
        row("empty", "", "http://example.com/", false);
        row("exact name", "example.com", "http://example.com/", true);
        row("sub-domain", "example.com", "https://api.example.com/mcp", true);
        row("leading dot, sub-domain", ".example.com", "http://api.example.com/", true);
        row("leading dot, the domain itself", ".example.com", "http://example.com/", true);
        row("not a suffix of a label", "example.com", "http://notexample.com/", false);
        row("case", "EXAMPLE.com", "http://Api.Example.COM/", true);
        row("trailing dot", "example.com.", "http://example.com./", true);
        row("list with spaces", "foo.test, example.com ,bar", "http://x.example.com/", true);
        row("other names", "foo.test,bar.test", "http://example.com/", false);
        row("host:port, same port", "example.com:8080", "http://example.com:8080/", true);
        row("host:port, other port", "example.com:8080", "http://example.com:9090/", false);
        row("host:port, default port", "example.com:443", "https://example.com/mcp", true);
        row("bad port never matches", "example.com:x", "http://example.com/", false);
        row("ipv4 literal", "127.0.0.1", "http://127.0.0.1:3000/mcp", true);
        row("ipv4 other", "127.0.0.1", "http://127.0.0.2:3000/mcp", false);
        row("ipv4 with port", "127.0.0.1:3000", "http://127.0.0.1:3000/mcp", true);
        row("ipv4 with other port", "127.0.0.1:3001", "http://127.0.0.1:3000/mcp", false);
        row("cidr 10/8", "10.0.0.0/8", "http://10.20.30.40/", true);
        row("cidr 10/8 outside", "10.0.0.0/8", "http://11.0.0.1/", false);
        row("cidr 192.168.1.0/24", "192.168.1.0/24", "http://192.168.1.77:81/", true);
        row("cidr does not resolve names", "127.0.0.0/8", "http://localhost/", false);
        row("localhost not implicit", "example.com", "http://localhost:3000/", false);
        row("localhost listed", "localhost", "http://localhost:3000/", true);
        row("loopback not implicit", "example.com", "http://127.0.0.1:3000/", false);
        row("ipv6 literal", "::1", "http://[::1]:3000/mcp", true);
        row("ipv6 bracketed", "[::1]", "http://[::1]:3000/mcp", true);
        row("ipv6 bracketed with port", "[::1]:3000", "http://[::1]:3000/mcp", true);
        row("ipv6 bracketed other port", "[::1]:3001", "http://[::1]:3000/mcp", false);
        row("ipv6 cidr", "::1/128", "http://[::1]:3000/", true);
        row("ipv6 cidr prefix", "fd00::/8", "http://[fd12:3456::1]/", true);
        row("ipv6 cidr outside", "fd00::/8", "http://[fe80::1]/", false);
        row("ipv4 entry, ipv6 target", "127.0.0.1", "http://[::1]/", false);
        row("name entry, ip target", "example.com", "http://10.0.0.1/", false);
    }
    void noProxyMatching()
    {
        QFETCH(QString, noProxy);
        QFETCH(QString, url);
        QFETCH(bool, bypass);
        QCOMPARE(ProxySettings::noProxyMatches(noProxy, QUrl(url)), bypass);
    }

    void proxyUrls_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("display"); // "" = refused
        QTest::addColumn<QString>("error"); // part of the refusal
        QTest::newRow("plain") << "http://proxy.test:3128"
                               << "http://proxy.test:3128"
                               << "";
        QTest::newRow("no scheme") << "proxy.test:3128"
                                   << "http://proxy.test:3128"
                                   << "";
        QTest::newRow("default port 1080 like curl") << "http://proxy.test"
                                                     << "http://proxy.test:1080"
                                                     << "";
        QTest::newRow("credentials") << "http://us%40er:p%3Ass@proxy.test:8080"
                                     << "http://proxy.test:8080"
                                     << "";
        QTest::newRow("ipv6") << "http://[::1]:3128"
                              << "http://[::1]:3128"
                              << "";
        QTest::newRow("https proxy") << "https://user:secretpw@proxy.test:443"
                                     << ""
                                     << "https:// proxies are not supported";
        QTest::newRow("socks5") << "socks5://user:secretpw@proxy.test:1080"
                                << ""
                                << "SOCKS proxies are not supported";
        QTest::newRow("socks5h") << "socks5h://proxy.test"
                                 << ""
                                 << "SOCKS proxies are not supported";
        QTest::newRow("ftp") << "ftp://proxy.test"
                             << ""
                             << "unsupported proxy scheme";
        QTest::newRow("no host") << "http://:3128"
                                 << ""
                                 << "not a proxy URL";
        QTest::newRow("garbage") << "http://user:secretpw@bad host"
                                 << ""
                                 << "not a proxy URL";
    }
    void proxyUrls()
    {
        QFETCH(QString, text);
        QFETCH(QString, display);
        QFETCH(QString, error);
        QString why;
        const auto proxy = ProxySettings::parseProxyUrl(text, QStringLiteral("HTTPS_PROXY"), &why);
        QCOMPARE(proxy.has_value(), !display.isEmpty());
        if (proxy) {
            QCOMPARE(proxy->display(), display);
            QVERIFY(!proxy->poolKey().contains(QStringLiteral("p:ss")));
        } else {
            QVERIFY2(why.contains(error), qPrintable(why));
            QVERIFY(why.startsWith(QStringLiteral("HTTPS_PROXY: ")));
            QVERIFY2(!why.contains(QStringLiteral("secretpw")), qPrintable(why));
        }
        if (text.contains(QStringLiteral("us%40er"))) {
            QCOMPARE(proxy->user, QStringLiteral("us@er"));
            QCOMPARE(proxy->password, QStringLiteral("p:ss"));
            QCOMPARE(proxy->authorization(),
                     QByteArray("Basic ") + QByteArray("us@er:p:ss").toBase64());
        }
    }

    void environmentAsCurlReadsIt()
    {
        const QUrl http(QStringLiteral("http://example.com/mcp"));
        const QUrl https(QStringLiteral("https://example.com/mcp"));
        auto proxyFor = [](const QUrl &url, const QString &override = {}) {
            QString why;
            const auto p = ProxySettings::proxyFor(url, override, &why);
            return p ? p->display() : QStringLiteral("error: ") + why;
        };
        // Nothing set: the system's answer (direct where no system proxy is configured).
        const QList<QNetworkProxy> system
            = QNetworkProxyFactory::systemProxyForQuery(QNetworkProxyQuery(http));
        if (system.isEmpty() || system.first().type() == QNetworkProxy::NoProxy)
            QCOMPARE(proxyFor(http), QStringLiteral("direct"));
        // Upper case alone counts; lower case wins over it.
        qputenv("HTTP_PROXY", "http://upper.test:1");
        QCOMPARE(proxyFor(http), QStringLiteral("http://upper.test:1"));
        qputenv("http_proxy", "http://lower.test:2");
        QCOMPARE(proxyFor(http), QStringLiteral("http://lower.test:2"));
        // http_proxy is for http:// only; https:// goes direct when only it is set.
        QCOMPARE(proxyFor(https), QStringLiteral("direct"));
        qputenv("HTTPS_PROXY", "http://secure.test:3");
        QCOMPARE(proxyFor(https), QStringLiteral("http://secure.test:3"));
        // all_proxy when the scheme's own is unset.
        qunsetenv("HTTP_PROXY");
        qunsetenv("http_proxy");
        qputenv("ALL_PROXY", "http://all.test:4");
        QCOMPARE(proxyFor(http), QStringLiteral("http://all.test:4"));
        QCOMPARE(proxyFor(https), QStringLiteral("http://secure.test:3"));
        // NO_PROXY, both cases, lower winning.
        qputenv("NO_PROXY", "example.com");
        QCOMPARE(proxyFor(http), QStringLiteral("direct"));
        qputenv("no_proxy", "other.test");
        QCOMPARE(proxyFor(http), QStringLiteral("http://all.test:4"));
        // The per-server override beats the environment (and no_proxy does not apply to it).
        QCOMPARE(proxyFor(https, QStringLiteral("none")), QStringLiteral("direct"));
        QCOMPARE(proxyFor(https, QStringLiteral("http://own.test:5")),
                 QStringLiteral("http://own.test:5"));
        // A bad variable is an error naming the variable, not its secret.
        qputenv("HTTPS_PROXY", "socks5://u:topsecret@s.test:1080");
        const QString bad = proxyFor(https);
        QVERIFY2(bad.startsWith(QStringLiteral("error: HTTPS_PROXY: SOCKS")), qPrintable(bad));
        QVERIFY(!bad.contains(QStringLiteral("topsecret")));
        QString why;
        QVERIFY(ProxySettings::isValidOverride(QStringLiteral("none"), &why));
        QVERIFY(ProxySettings::isValidOverride(QStringLiteral("http://p.test:8080"), &why));
        QVERIFY(!ProxySettings::isValidOverride(QStringLiteral("socks5://p.test"), &why));
    }

    void httpThroughProxyInAbsoluteForm()
    {
        ForwardProxy proxy;
        QVERIFY(proxy.listen());
        qputenv("HTTP_PROXY", proxy.url().toLatin1()); // upper case alone is honoured
        McpClientOptions o = clientOptions(m_worker.url());
        o.headers = {{"X-Api-Key", "k-123"}, {"X-Tenant", "blue"}};
        const McpError e = connectAndEcho(o);
        QVERIFY2(e.kind == McpError::Kind::None, qPrintable(e.message));
        QVERIFY(!proxy.requestLines.isEmpty());
        const QByteArray expected = "POST " + m_worker.url().toEncoded() + " HTTP/1.1";
        QCOMPARE(proxy.requestLines.first(), expected);
        for (const QByteArray &line : std::as_const(proxy.requestLines)) // all in absolute form
            QVERIFY2(line.split(' ').value(1).startsWith("http://"), line.constData());
        // The custom headers reached the origin on every request, no proxy credentials did.
        for (const QByteArray &head : std::as_const(proxy.forwardedHeads)) {
            QVERIFY2(head.contains("\r\nX-Api-Key: k-123\r\n"), head.constData());
            QVERIFY(head.contains("\r\nX-Tenant: blue\r\n"));
            QVERIFY(!head.toLower().contains("proxy-authorization"));
        }
    }

    void httpsThroughConnectTunnel()
    {
        ForwardProxy proxy;
        QVERIFY(proxy.listen());
        qputenv("https_proxy", proxy.url().toLatin1());
        McpClientOptions o = clientOptions(m_tlsWorker.url());
        o.tls.pinSha256 = m_tlsSha256;
        const McpError e = connectAndEcho(o);
        QVERIFY2(e.kind == McpError::Kind::None, qPrintable(e.message));
        QVERIFY(!proxy.requestLines.isEmpty());
        QCOMPARE(proxy.requestLines.first(),
                 "CONNECT 127.0.0.1:" + QByteArray::number(m_tlsWorker.url().port()) + " HTTP/1.1");
        QVERIFY(proxy.forwardedHeads.isEmpty()); // everything else went through the tunnel

        // Trust is still the origin's: through the same proxy, an unpinned
        // self-signed certificate is refused.
        o.tls = TlsTrust();
        const McpError refused = connectAndEcho(o);
        QCOMPARE(refused.kind, McpError::Kind::Tls);
        QVERIFY2(
            refused.message.contains(QStringLiteral("self signed"), Qt::CaseInsensitive)
                || refused.message.contains(QStringLiteral("self-signed"), Qt::CaseInsensitive),
            qPrintable(refused.message));
    }

    void noProxyBypasses()
    {
        ForwardProxy proxy;
        QVERIFY(proxy.listen());
        qputenv("http_proxy", proxy.url().toLatin1());
        qputenv("NO_PROXY", "example.com, 127.0.0.0/8");
        McpError e = connectAndEcho(clientOptions(m_worker.url()));
        QVERIFY2(e.kind == McpError::Kind::None, qPrintable(e.message));
        QVERIFY(proxy.requestLines.isEmpty());
        // A port entry for another port does not exempt it.
        qputenv("NO_PROXY", "127.0.0.1:1");
        e = connectAndEcho(clientOptions(m_worker.url()));
        QVERIFY2(e.kind == McpError::Kind::None, qPrintable(e.message));
        QVERIFY(!proxy.requestLines.isEmpty());
        // The per-server "none" goes direct whatever the environment says.
        proxy.requestLines.clear();
        qunsetenv("NO_PROXY");
        McpClientOptions direct = clientOptions(m_worker.url());
        direct.proxy = QStringLiteral("none");
        e = connectAndEcho(direct);
        QVERIFY2(e.kind == McpError::Kind::None, qPrintable(e.message));
        QVERIFY(proxy.requestLines.isEmpty());
    }

    void proxyAuthentication_data()
    {
        QTest::addColumn<bool>("https");
        QTest::newRow("http (absolute-form)") << false;
        QTest::newRow("https (CONNECT)") << true;
    }
    void proxyAuthentication()
    {
        QFETCH(bool, https);
        ForwardProxy proxy;
        QVERIFY(proxy.listen());
        proxy.requiredAuthorization = "Basic " + QByteArray("alice:s3cr%t pw").toBase64();
        McpClientOptions o = clientOptions(https ? m_tlsWorker.url() : m_worker.url());
        if (https)
            o.tls.pinSha256 = m_tlsSha256;
        // Without credentials: 407, an error naming the proxy.
        o.proxy = proxy.url();
        McpError e = connectAndEcho(o);
        QVERIFY(e.kind != McpError::Kind::None);
        QVERIFY2(e.message.contains(QStringLiteral("proxy ") + proxy.url()), qPrintable(e.message));
        QVERIFY2(e.message.contains(QStringLiteral("wants credentials")), qPrintable(e.message));
        // Wrong ones: refused, and the password is never shown.
        o.proxy = proxy.url(QStringLiteral("alice:wrongpassword"));
        e = connectAndEcho(o);
        QVERIFY(e.kind != McpError::Kind::None);
        QVERIFY2(!e.message.contains(QStringLiteral("wrongpassword")), qPrintable(e.message));
        QVERIFY(!e.message.contains(QStringLiteral("alice")));
        // Right ones (percent-encoded in the URL): through.
        proxy.requestLines.clear();
        proxy.authorizations.clear();
        o.proxy = proxy.url(QStringLiteral("alice:s3cr%25t%20pw"));
        e = connectAndEcho(o);
        QVERIFY2(e.kind == McpError::Kind::None, qPrintable(e.message));
        QVERIFY(!proxy.authorizations.isEmpty());
        for (const QByteArray &a : std::as_const(proxy.authorizations))
            QCOMPARE(a, proxy.requiredAuthorization);
    }

    void proxyRefuses()
    {
        ForwardProxy proxy;
        QVERIFY(proxy.listen());
        proxy.refusal = "403 Forbidden";
        McpClientOptions o = clientOptions(m_tlsWorker.url());
        o.tls.pinSha256 = m_tlsSha256;
        o.proxy = proxy.url();
        McpError e = connectAndEcho(o);
        QVERIFY2(e.message.contains(QStringLiteral("proxy %1 refused the tunnel to 127.0.0.1:%2: "
                                                   "403 Forbidden")
                                        .arg(proxy.url())
                                        .arg(m_tlsWorker.url().port())),
                 qPrintable(e.message));
        // In absolute form the answer may be the proxy's or the origin's: both are named.
        proxy.refusal = "502 Bad Gateway";
        o = clientOptions(m_worker.url());
        o.proxy = proxy.url();
        e = connectAndEcho(o);
        QVERIFY2(e.message.contains(QStringLiteral("HTTP 502 Bad Gateway from "))
                     && e.message.contains(QStringLiteral(" through proxy ") + proxy.url()),
                 qPrintable(e.message));
    }

    void proxyDown_data()
    {
        QTest::addColumn<bool>("https");
        QTest::newRow("http") << false;
        QTest::newRow("https") << true;
    }
    void proxyDown()
    {
        QFETCH(bool, https);
        QTcpServer closed; // a port that was free a moment ago: nothing listens there now
        QVERIFY(closed.listen(QHostAddress::LocalHost, 0));
        const quint16 port = closed.serverPort();
        closed.close();
        McpClientOptions o = clientOptions(https ? m_tlsWorker.url() : m_worker.url());
        o.proxy = QStringLiteral("http://bob:hunter2@127.0.0.1:%1").arg(port);
        const McpError e = connectAndEcho(o);
        QVERIFY(e.kind != McpError::Kind::None);
        QVERIFY2(e.message.contains(
                     QStringLiteral("proxy http://127.0.0.1:%1 refused the connection").arg(port)),
                 qPrintable(e.message));
        QVERIFY(!e.message.contains(QStringLiteral("hunter2")));
        QVERIFY(!e.message.contains(QStringLiteral("bob")));
    }

    void headerChecks_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("value");
        QTest::addColumn<bool>("tokenSet");
        QTest::addColumn<QString>("error"); // "" = accepted
        QTest::newRow("api key") << "X-Api-Key"
                                 << "abc" << false << "";
        QTest::newRow("tab in value") << "X-Note"
                                      << "a\tb" << false << "";
        QTest::newRow("authorization without token") << "Authorization"
                                                     << "ApiKey abc" << false << "";
        QTest::newRow("authorization with token") << "Authorization"
                                                  << "ApiKey abc" << true << "with a token";
        QTest::newRow("space in name") << "X Api"
                                       << "v" << false << "may hold only";
        QTest::newRow("colon in name") << "X:Api"
                                       << "v" << false << "may hold only";
        QTest::newRow("empty name") << ""
                                    << "v" << false << "needs a name";
        QTest::newRow("CR LF in value") << "X-Api-Key"
                                        << "a\r\nInjected: yes" << false << "control character";
        QTest::newRow("NUL in value")
            << "X-Api-Key" << QString(QChar(0)) << false << "control character";
        for (const char *owned :
             {"Host", "content-length", "Transfer-Encoding", "Connection", "Mcp-Session-Id",
              "MCP-Protocol-Version", "Proxy-Authorization", "Accept", "Content-Type"})
            QTest::newRow(owned) << owned << "x" << false << "set by the client itself";
    }
    void headerChecks()
    {
        QFETCH(QString, name);
        QFETCH(QString, value);
        QFETCH(bool, tokenSet);
        QFETCH(QString, error);
        QString why;
        QCOMPARE(CustomHeaders::check(name, value, tokenSet, &why), error.isEmpty());
        QVERIFY2(why.contains(error), qPrintable(why));
        if (!value.isEmpty() && value.size() > 2)
            QVERIFY2(!why.contains(value), qPrintable(why)); // values may be secrets
    }

    void profileKeys()
    {
        const QByteArray text = R"({"version": 1, "proxy": "http://p.test:3128", "servers": [)"
                                R"({"id": "a", "url": "http://a.test/mcp", "proxy": "none", )"
                                R"("headers": {"X-Api-Key": "k1"}}, )"
                                R"({"id": "b", "url": "https://b.test/mcp"}]})";
        const QJsonObject ok = QJsonDocument::fromJson(text).object();
        QString why;
        const auto profile = Profile::fromJson(ok, &why);
        QVERIFY2(profile, qPrintable(why));
        QCOMPARE(profile->proxy, QStringLiteral("http://p.test:3128"));
        QCOMPARE(profile->proxyFor(profile->servers.at(0)), QStringLiteral("none"));
        QCOMPARE(profile->proxyFor(profile->servers.at(1)), QStringLiteral("http://p.test:3128"));
        QVERIFY(profile->servers.at(0).headers == (CustomHeaders::List{{"X-Api-Key", "k1"}}));
        // Saved as given, and loads back the same.
        const auto again = Profile::fromJson(profile->toJson(), &why);
        QVERIFY2(again, qPrintable(why));
        QCOMPARE(again->proxy, profile->proxy);
        QCOMPARE(again->servers.at(0).proxy, QStringLiteral("none"));
        QVERIFY(again->servers.at(0).headers == profile->servers.at(0).headers);
        QVERIFY(again->servers.at(0).extra.isEmpty());

        auto refused = [](const char *json) {
            QString error;
            const auto p = Profile::fromJson(QJsonDocument::fromJson(json).object(), &error);
            return p ? QString() : error;
        };
        const QList<std::pair<const char *, QString>> bad{
            {R"({"version":1,"proxy":"socks5://s.test"})",
             QStringLiteral("SOCKS proxies are not supported")},
            {R"({"version":1,"proxy":"http://u:pw@p.test:3128"})",
             QStringLiteral("credentials are never stored in a profile")},
            {R"({"version":1,"servers":[{"id":"a","url":"http://a.test","proxy":5}]})",
             QStringLiteral("servers[0]: \"proxy\" must be")},
            {R"({"version":1,"servers":[{"id":"a","url":"http://a.test","headers":{"Host":"x"}}]})",
             QStringLiteral("set by the client itself")},
            {R"({"version":1,"servers":[{"id":"a","url":"http://a.test","headers":{"X-A":"a\r\nB: c"}}]})",
             QStringLiteral("control character")},
            {R"({"version":1,"servers":[{"id":"a","url":"http://a.test","tokenRef":"env:T","headers":{"Authorization":"x"}}]})",
             QStringLiteral("together with a token")},
            {R"({"version":1,"servers":[{"id":"a","url":"http://a.test","headers":["X-A: b"]}]})",
             QStringLiteral("must be an object")}};
        for (const auto &[json, expected] : bad) {
            const QString error = refused(json);
            QVERIFY2(error.contains(expected),
                     qPrintable(QString::fromLatin1(json) + QStringLiteral(" -> ") + error));
        }
    }

    // mcp-poolctl with HTTP_PROXY in its environment: its calls go through our proxy.
    void poolctlThroughEnvironmentProxy()
    {
        ForwardProxy proxy;
        QVERIFY(proxy.listen());
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const QByteArray &name : kProxyVariables)
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("HTTP_PROXY"), proxy.url());
        QProcess p;
        p.setProcessEnvironment(env);
        p.start(QStringLiteral(MCPPM_POOLCTL),
                {QStringLiteral("--server"), QStringLiteral("w1=") + m_worker.url().toString(),
                 QStringLiteral("--header"), QStringLiteral("X-Api-Key: cli-key"),
                 QStringLiteral("call"), QStringLiteral("echo"), QStringLiteral("--args"),
                 QStringLiteral(R"({"message":"through the proxy"})")});
        // The proxy lives in this process: wait with the event loop running.
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 30000);
        const QString out = QString::fromUtf8(p.readAllStandardOutput());
        const QString err = QString::fromUtf8(p.readAllStandardError());
        QVERIFY2(p.exitCode() == 0, qPrintable(err));
        QCOMPARE(out.trimmed(), QStringLiteral("through the proxy"));
        QVERIFY(!proxy.requestLines.isEmpty());
        QVERIFY(proxy.requestLines.first().startsWith(
            QByteArray("POST " + m_worker.url().toEncoded())));
        bool sawKey = false;
        for (const QByteArray &head : std::as_const(proxy.forwardedHeads))
            sawKey = sawKey || head.contains("\r\nX-Api-Key: cli-key\r\n");
        QVERIFY(sawKey);
        QVERIFY(!out.contains(QStringLiteral("cli-key"))
                && !err.contains(QStringLiteral("cli-key")));

        // A profile's top-level "proxy" and a server's "headers" (no proxy in the environment);
        // `servers --json` never shows a header value.
        proxy.requestLines.clear();
        proxy.forwardedHeads.clear();
        QProcessEnvironment clean = env;
        clean.remove(QStringLiteral("HTTP_PROXY"));
        p.setProcessEnvironment(clean);
        const QString profilePath = m_dir.filePath(QStringLiteral("proxied.json"));
        QFile profile(profilePath);
        QVERIFY(profile.open(QIODevice::WriteOnly));
        profile.write(
            QJsonDocument(QJsonObject{{QStringLiteral("version"), 1},
                                      {QStringLiteral("proxy"), proxy.url()},
                                      {QStringLiteral("servers"),
                                       QJsonArray{QJsonObject{
                                           {QStringLiteral("id"), QStringLiteral("w1")},
                                           {QStringLiteral("url"), m_worker.url().toString()},
                                           {QStringLiteral("headers"),
                                            QJsonObject{{QStringLiteral("X-Profile-Key"),
                                                         QStringLiteral("pk-secret")}}}}}}})
                .toJson());
        profile.close();
        p.setArguments({QStringLiteral("--profile"), profilePath, QStringLiteral("servers"),
                        QStringLiteral("--json")});
        p.start();
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 30000);
        const QByteArray listed = p.readAllStandardOutput() + p.readAllStandardError();
        QVERIFY2(p.exitCode() == 0, listed.constData());
        QVERIFY(!listed.contains("pk-secret"));
        QVERIFY(!proxy.requestLines.isEmpty());
        QVERIFY(proxy.requestLines.first().startsWith("POST http://"));
        sawKey = false;
        for (const QByteArray &head : std::as_const(proxy.forwardedHeads))
            sawKey = sawKey || head.contains("\r\nX-Profile-Key: pk-secret\r\n");
        QVERIFY(sawKey);
        p.setProcessEnvironment(env);

        // --proxy none beats the environment; a bad --proxy or --header is a usage error.
        proxy.requestLines.clear();
        p.setArguments({QStringLiteral("--server"),
                        QStringLiteral("w1=") + m_worker.url().toString(),
                        QStringLiteral("--proxy"), QStringLiteral("none"), QStringLiteral("ping")});
        p.start();
        QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 30000);
        QVERIFY2(p.exitCode() == 0, p.readAllStandardError().constData());
        QVERIFY(proxy.requestLines.isEmpty());
        const QList<std::pair<QStringList, QString>> usage{
            {{QStringLiteral("--proxy"), QStringLiteral("socks5://u:pw@x:1")},
             QStringLiteral("SOCKS")},
            {{QStringLiteral("--header"), QStringLiteral("Host: x")},
             QStringLiteral("set by the client itself")},
            {{QStringLiteral("--header"), QStringLiteral("NoColon")},
             QStringLiteral("Name: value")}};
        for (const auto &[args, expected] : usage) {
            p.setArguments(QStringList{QStringLiteral("--server"),
                                       QStringLiteral("w1=") + m_worker.url().toString()}
                           + args + QStringList{QStringLiteral("ping")});
            p.start();
            QTRY_VERIFY_WITH_TIMEOUT(p.state() == QProcess::NotRunning, 30000);
            const QString text = QString::fromUtf8(p.readAllStandardError());
            QCOMPARE(p.exitCode(), 2);
            QVERIFY2(text.contains(expected), qPrintable(text));
            QVERIFY(!text.contains(QStringLiteral(":pw@")));
        }
    }
};

QTEST_GUILESS_MAIN(TestProxy)
#include "tst_proxy.moc"
