// mcp-demo-worker on the MCP 2026-07-28 wire (--era modern|legacy|both),
// spoken to with plain HTTP: server/discover, the per-request _meta and the
// Mcp-* header checks, the error codes of the revision, multi round-trip
// requests, subscriptions/listen, per-request log levels, cancellation by
// closing the stream, the fault knobs, and both eras on one port.

#include "demoworkerprocess.h"

#include "jsonrpc/jsonrpcmessage.h"
#include "net/sseparser.h"

#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPointer>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

using namespace mcppm;

using Headers = QList<QPair<QByteArray, QByteArray>>;

namespace {
const QString kVersion = QStringLiteral("2026-07-28");
const QString kMetaVersion = QStringLiteral("io.modelcontextprotocol/protocolVersion");
const QString kMetaCapabilities = QStringLiteral("io.modelcontextprotocol/clientCapabilities");
const QString kMetaServerInfo = QStringLiteral("io.modelcontextprotocol/serverInfo");
const QString kMetaSubscriptionId = QStringLiteral("io.modelcontextprotocol/subscriptionId");

QJsonObject meta(const QJsonObject &capabilities = {}, const QString &logLevel = {})
{
    QJsonObject m;
    m.insert(kMetaVersion, kVersion);
    m.insert(kMetaCapabilities, capabilities);
    m.insert(QStringLiteral("io.modelcontextprotocol/clientInfo"),
             QJsonObject{{QStringLiteral("name"), QStringLiteral("tst_demoserver2026")},
                         {QStringLiteral("version"), QStringLiteral("1")}});
    if (!logLevel.isEmpty())
        m.insert(QStringLiteral("io.modelcontextprotocol/logLevel"), logLevel);
    return m;
}

QJsonObject callParams(const QString &tool, const QJsonObject &arguments,
                       const QJsonObject &capabilities = {})
{
    QJsonObject p;
    p.insert(QStringLiteral("name"), tool);
    p.insert(QStringLiteral("arguments"), arguments);
    p.insert(QStringLiteral("_meta"), meta(capabilities));
    return p;
}

QJsonObject withMeta(QJsonObject params, const QJsonObject &m = meta())
{
    params.insert(QStringLiteral("_meta"), m);
    return params;
}

// The standard headers a conforming 2026-07-28 client sends for this body.
Headers standardHeaders(const QString &method, const QJsonObject &params)
{
    Headers h{{"Content-Type", "application/json"},
              {"Accept", "application/json, text/event-stream"},
              {"MCP-Protocol-Version",
               params.value(QStringLiteral("_meta"))
                   .toObject()
                   .value(kMetaVersion)
                   .toString()
                   .toLatin1()},
              {"Mcp-Method", method.toLatin1()}};
    if (method == QLatin1String("tools/call") || method == QLatin1String("prompts/get"))
        h.append({"Mcp-Name", params.value(QStringLiteral("name")).toString().toUtf8()});
    if (method == QLatin1String("resources/read"))
        h.append({"Mcp-Name", params.value(QStringLiteral("uri")).toString().toUtf8()});
    return h;
}

// Replaces (or with an empty value removes) headers by name.
Headers edited(Headers headers, const Headers &changes)
{
    for (const auto &change : changes) {
        headers.removeIf([&](const QPair<QByteArray, QByteArray> &h) {
            return h.first.compare(change.first, Qt::CaseInsensitive) == 0;
        });
        if (!change.second.isEmpty())
            headers.append(change);
    }
    return headers;
}

QByteArray sentinel(const QString &value)
{
    return "=?base64?" + value.toUtf8().toBase64() + "?=";
}
} // namespace

class TestDemoServer2026 : public QObject
{
    Q_OBJECT

    DemoWorkerProcess m_modern;
    DemoWorkerProcess m_both;
    DemoWorkerProcess m_legacy;
    QNetworkAccessManager m_network;
    QSslConfiguration m_ssl = QSslConfiguration::defaultConfiguration(); // for https workers
    int m_nextId = 100;

    struct Answer
    {
        int status = 0;
        QByteArray contentType;
        QByteArray body;
        QByteArray session;
        QByteArray retryAfter;
        QByteArray challenge; // WWW-Authenticate
        JsonRpcMessage message; // the single JSON answer, or the last SSE message
        QList<JsonRpcMessage> events; // SSE messages before the last
        QJsonObject result() const { return message.result.toObject(); }
    };

    Answer send(const QUrl &url, const QByteArray &verb, const QByteArray &body,
                const Headers &headers, int timeoutMs = 5000)
    {
        QNetworkRequest request(url);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        request.setTransferTimeout(timeoutMs);
        if (url.scheme() == QLatin1String("https"))
            request.setSslConfiguration(m_ssl);
        QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
        [[maybe_unused]] const bool done
            = QTest::qWaitFor([reply]() { return reply->isFinished(); }, timeoutMs + 2000);
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        a.session = reply->rawHeader("Mcp-Session-Id");
        a.retryAfter = reply->rawHeader("Retry-After");
        a.challenge = reply->rawHeader("WWW-Authenticate");
        a.body = reply->isOpen() ? reply->readAll() : QByteArray(); // closed when timed out
        reply->deleteLater();
        if (a.contentType.startsWith("text/event-stream")) {
            SseParser parser;
            for (const SseEvent &e : parser.feed(a.body))
                a.events.append(JsonRpcMessage::parse(e.data.toUtf8()).value(0));
            if (!a.events.isEmpty())
                a.message = a.events.takeLast();
        } else {
            a.message = JsonRpcMessage::parse(a.body).value(0);
        }
        return a;
    }
    // A 2026-07-28 request with the headers a conforming client sends, changed by `changes`.
    Answer call(const QUrl &url, const QString &method, const QJsonObject &params,
                const Headers &changes = {}, int timeoutMs = 5000)
    {
        return send(url, "POST",
                    JsonRpcMessage::request(QJsonValue(m_nextId++), method, params).toBytes(),
                    edited(standardHeaders(method, params), changes), timeoutMs);
    }
    QJsonObject state(const QUrl &url)
    {
        const QJsonObject params = withMeta(
            QJsonObject{{QStringLiteral("uri"), QStringLiteral("demo://state/current")}});
        const Answer a = call(url, QStringLiteral("resources/read"), params);
        return QJsonDocument::fromJson(a.result()
                                           .value(QStringLiteral("contents"))
                                           .toArray()
                                           .at(0)
                                           .toObject()
                                           .value(QStringLiteral("text"))
                                           .toString()
                                           .toUtf8())
            .object();
    }
    static QByteArray initialize()
    {
        QJsonObject params;
        params.insert(QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25"));
        params.insert(QStringLiteral("capabilities"), QJsonObject());
        params.insert(QStringLiteral("clientInfo"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("t")},
                                  {QStringLiteral("version"), QStringLiteral("1")}});
        return JsonRpcMessage::request(QJsonValue(1), QStringLiteral("initialize"), params)
            .toBytes();
    }
    static Headers legacyHeaders(const QByteArray &session = {})
    {
        Headers h{{"Content-Type", "application/json"},
                  {"Accept", "application/json, text/event-stream"}};
        if (!session.isEmpty())
            h.append({"Mcp-Session-Id", session});
        return h;
    }
    static void verifyModernResult(const Answer &a, bool cacheable, int ttlMs = 1234)
    {
        QCOMPARE(a.status, 200);
        QVERIFY2(a.message.type == JsonRpcMessage::Type::Response, a.body.constData());
        const QJsonObject r = a.result();
        QCOMPARE(r.value(QStringLiteral("resultType")).toString(), QStringLiteral("complete"));
        QCOMPARE(r.value(QStringLiteral("_meta"))
                     .toObject()
                     .value(kMetaServerInfo)
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("modern-worker"));
        if (cacheable) {
            QCOMPARE(r.value(QStringLiteral("ttlMs")).toInt(-1), ttlMs);
            QCOMPARE(r.value(QStringLiteral("cacheScope")).toString(), QStringLiteral("public"));
        } else {
            QVERIFY(!r.contains(QStringLiteral("ttlMs")));
        }
    }
    static void verifyError(const Answer &a, int status, int code)
    {
        QVERIFY2(a.status == status,
                 qPrintable(QStringLiteral("HTTP %1, want %2: %3")
                                .arg(a.status)
                                .arg(status)
                                .arg(QString::fromUtf8(a.body))));
        QVERIFY2(a.message.type == JsonRpcMessage::Type::Error, a.body.constData());
        QCOMPARE(a.message.errorCode, code);
    }

    // An open SSE answer read as it arrives.
    struct Stream
    {
        QPointer<QNetworkReply> reply;
        SseParser parser;
        QByteArray raw;
        QList<JsonRpcMessage> messages;
        void pump()
        {
            if (!reply)
                return;
            const QByteArray chunk = reply->readAll();
            raw += chunk;
            for (const SseEvent &e : parser.feed(chunk))
                messages.append(JsonRpcMessage::parse(e.data.toUtf8()).value(0));
        }
        // Waits for a message with this method; returns its index or -1.
        int waitFor(const QString &method, int from = 0, int timeoutMs = 3000)
        {
            int found = -1;
            [[maybe_unused]] const bool seen = QTest::qWaitFor(
                [&]() {
                    pump();
                    for (int i = from; i < messages.size(); ++i) {
                        if (messages.at(i).method == method) {
                            found = i;
                            return true;
                        }
                    }
                    return false;
                },
                timeoutMs);
            return found;
        }
        ~Stream()
        {
            if (reply) {
                reply->abort();
                reply->deleteLater();
            }
        }
    };
    std::unique_ptr<Stream> open(const QUrl &url, const QJsonValue &id, const QString &method,
                                 const QJsonObject &params)
    {
        QNetworkRequest request(url);
        for (const auto &h : standardHeaders(method, params))
            request.setRawHeader(h.first, h.second);
        auto stream = std::make_unique<Stream>();
        stream->reply
            = m_network.post(request, JsonRpcMessage::request(id, method, params).toBytes());
        return stream;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_modern.start({QStringLiteral("--era"), QStringLiteral("modern"),
                                QStringLiteral("--name"), QStringLiteral("modern-worker"),
                                QStringLiteral("--list-ttl-ms"), QStringLiteral("1234"),
                                QStringLiteral("--keepalive-ms"), QStringLiteral("100")}));
        QVERIFY(m_both.start({QStringLiteral("--era"), QStringLiteral("both"),
                              QStringLiteral("--list-change-every"), QStringLiteral("100")}));
        QVERIFY(m_legacy.start({QStringLiteral("--era"), QStringLiteral("legacy")}));
    }

    void discover()
    {
        const Answer a = call(m_modern.url(), QStringLiteral("server/discover"), withMeta({}));
        verifyModernResult(a, true);
        QCOMPARE(a.contentType, QByteArray("application/json"));
        const QJsonObject r = a.result();
        QCOMPARE(r.value(QStringLiteral("supportedVersions")).toArray(), QJsonArray{kVersion});
        const QJsonObject caps = r.value(QStringLiteral("capabilities")).toObject();
        QVERIFY(caps.value(QStringLiteral("tools"))
                    .toObject()
                    .value(QStringLiteral("listChanged"))
                    .toBool());
        QVERIFY(caps.contains(QStringLiteral("prompts")));
        QVERIFY(caps.contains(QStringLiteral("completions")));
        QVERIFY(!r.value(QStringLiteral("instructions")).toString().isEmpty());
    }

    void resultsCarryTypeServerInfoAndCacheHints_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<bool>("cacheable");
        QTest::addColumn<QString>("needle"); // in the compact result
        QTest::addColumn<int>("ttlMs");
        QTest::newRow("tools/list")
            << "tools/list" << QJsonObject() << true << "\"x-mcp-header\":\"Region\"" << 1234;
        QTest::newRow("resources/list")
            << "resources/list" << QJsonObject() << true << "demo://state/current" << 1234;
        QTest::newRow("resources/templates/list") << "resources/templates/list" << QJsonObject()
                                                  << true << "demo://greeting/{name}" << 1234;
        QTest::newRow("prompts/list")
            << "prompts/list" << QJsonObject() << true << "\"greet\"" << 1234;
        QTest::newRow("prompts/get")
            << "prompts/get"
            << QJsonObject{{QStringLiteral("name"), QStringLiteral("greet")},
                           {QStringLiteral("arguments"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")},
                                        {QStringLiteral("style"), QStringLiteral("formal")}}}}
            << false << "Please greet Ada in a formal way." << 1234;
        QTest::newRow("completion/complete prompt")
            << "completion/complete"
            << QJsonObject{{QStringLiteral("ref"),
                            QJsonObject{{QStringLiteral("type"), QStringLiteral("ref/prompt")},
                                        {QStringLiteral("name"), QStringLiteral("greet")}}},
                           {QStringLiteral("argument"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("name")},
                                        {QStringLiteral("value"), QStringLiteral("al")}}}}
            << false << "\"values\":[\"Alan\",\"Alice\"]" << 1234;
        QTest::newRow("completion/complete template")
            << "completion/complete"
            << QJsonObject{{QStringLiteral("ref"),
                            QJsonObject{
                                {QStringLiteral("type"), QStringLiteral("ref/resource")},
                                {QStringLiteral("uri"), QStringLiteral("demo://greeting/{name}")}}},
                           {QStringLiteral("argument"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("name")},
                                        {QStringLiteral("value"), QStringLiteral("G")}}}}
            << false << "\"values\":[\"Grace\"]" << 1234;
        QTest::newRow("resources/read template")
            << "resources/read"
            << QJsonObject{{QStringLiteral("uri"), QStringLiteral("demo://greeting/Linus")}} << true
            << "Hello, Linus!" << 1234;
        QTest::newRow("tools/call add")
            << "tools/call"
            << QJsonObject{{QStringLiteral("name"), QStringLiteral("add")},
                           {QStringLiteral("arguments"),
                            QJsonObject{{QStringLiteral("a"), 1}, {QStringLiteral("b"), 2}}}}
            << false << "\"structuredContent\":{\"sum\":3}" << 1234;
        QTest::newRow("resources/read live state (stale at once)")
            << "resources/read"
            << QJsonObject{{QStringLiteral("uri"), QStringLiteral("demo://state/current")}} << true
            << "callsServed" << 0;
    }
    void resultsCarryTypeServerInfoAndCacheHints()
    {
        QFETCH(QString, method);
        QFETCH(QJsonObject, params);
        QFETCH(bool, cacheable);
        QFETCH(QString, needle);
        QFETCH(int, ttlMs);
        const Answer a = call(m_modern.url(), method, withMeta(params));
        verifyModernResult(a, cacheable, ttlMs);
        const QByteArray compact = QJsonDocument(a.result()).toJson(QJsonDocument::Compact);
        QVERIFY2(compact.contains(needle.toUtf8()), compact.constData());
    }

    void resourceNotFound()
    {
        const Answer a = call(m_modern.url(), QStringLiteral("resources/read"),
                              withMeta({{QStringLiteral("uri"), QStringLiteral("demo://nope")}}));
        verifyError(a, 200, JsonRpcMessage::InvalidParams);
        QCOMPARE(a.message.errorData.toObject().value(QStringLiteral("uri")),
                 QJsonValue(QStringLiteral("demo://nope")));
    }

    void dnsRebindingProtection_data()
    {
        QTest::addColumn<bool>("modern");
        QTest::addColumn<Headers>("changes");
        QTest::addColumn<int>("status");
        for (const bool modern : {true, false}) {
            const char *era = modern ? "modern" : "legacy";
            QTest::addRow("%s: foreign Host", era)
                << modern << Headers{{"Host", "evil.example:8080"}} << 403;
            QTest::addRow("%s: foreign Origin", era)
                << modern << Headers{{"Origin", "http://evil.example"}} << 403;
            QTest::addRow("%s: opaque Origin", era) << modern << Headers{{"Origin", "null"}} << 403;
            QTest::addRow("%s: localhost Host", era)
                << modern << Headers{{"Host", "localhost:1"}} << 200;
            QTest::addRow("%s: loopback Origin", era)
                << modern << Headers{{"Origin", "http://127.0.0.1:3000"}} << 200;
            QTest::addRow("%s: IPv6 loopback Origin", era)
                << modern << Headers{{"Origin", "https://[::1]"}} << 200;
        }
    }
    void dnsRebindingProtection()
    {
        QFETCH(bool, modern);
        QFETCH(Headers, changes);
        QFETCH(int, status);
        const Answer a = modern
            ? call(m_modern.url(), QStringLiteral("server/discover"), withMeta({}), changes)
            : send(m_legacy.url(), "POST", initialize(), edited(legacyHeaders(), changes));
        QCOMPARE(a.status, status);
        if (status == 403)
            QCOMPARE(a.message.type, JsonRpcMessage::Type::Error);
    }

    void headerChecks_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<Headers>("changes");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code"); // 0: a result
        const QJsonObject discover;
        const QJsonObject echo{{QStringLiteral("name"), QStringLiteral("echo")},
                               {QStringLiteral("arguments"),
                                QJsonObject{{QStringLiteral("message"), QStringLiteral("hi")}}}};
        QJsonObject echoRegion = echo;
        echoRegion.insert(QStringLiteral("arguments"),
                          QJsonObject{{QStringLiteral("message"), QStringLiteral("hi")},
                                      {QStringLiteral("region"), QStringLiteral("eu-west1")}});
        QJsonObject echoZurich = echo;
        echoZurich.insert(QStringLiteral("arguments"),
                          QJsonObject{{QStringLiteral("message"), QStringLiteral("hi")},
                                      {QStringLiteral("region"), QStringLiteral("Zürich")}});
        const QJsonObject greet{{QStringLiteral("name"), QStringLiteral("greet")},
                                {QStringLiteral("arguments"),
                                 QJsonObject{{QStringLiteral("name"), QStringLiteral("Ada")}}}};
        const QJsonObject zoe{{QStringLiteral("uri"), QStringLiteral("demo://greeting/Zoë")}};
        const int mismatch = -32020;
        QTest::newRow("all present") << "server/discover" << discover << Headers() << 200 << 0;
        QTest::newRow("no MCP-Protocol-Version")
            << "server/discover" << discover << Headers{{"MCP-Protocol-Version", ""}} << 400
            << mismatch;
        QTest::newRow("MCP-Protocol-Version differs")
            << "server/discover" << discover << Headers{{"MCP-Protocol-Version", "2025-11-25"}}
            << 400 << mismatch;
        QTest::newRow("no Mcp-Method")
            << "server/discover" << discover << Headers{{"Mcp-Method", ""}} << 400 << mismatch;
        QTest::newRow("Mcp-Method differs")
            << "server/discover" << discover << Headers{{"Mcp-Method", "tools/list"}} << 400
            << mismatch;
        QTest::newRow("Mcp-Method differs in case")
            << "server/discover" << discover << Headers{{"Mcp-Method", "Server/Discover"}} << 400
            << mismatch;
        QTest::newRow("header names any case")
            << "server/discover" << discover
            << Headers{{"mcp-method", "server/discover"}, {"mcp-protocol-version", "2026-07-28"}}
            << 200 << 0;
        QTest::newRow("tools/call without Mcp-Name")
            << "tools/call" << echo << Headers{{"Mcp-Name", ""}} << 400 << mismatch;
        QTest::newRow("Mcp-Name differs")
            << "tools/call" << echo << Headers{{"Mcp-Name", "add"}} << 400 << mismatch;
        QTest::newRow("Mcp-Name base64 sentinel")
            << "tools/call" << echo << Headers{{"Mcp-Name", sentinel(QStringLiteral("echo"))}}
            << 200 << 0;
        QTest::newRow("Mcp-Name base64 sentinel differs")
            << "tools/call" << echo << Headers{{"Mcp-Name", sentinel(QStringLiteral("add"))}} << 400
            << mismatch;
        QTest::newRow("Mcp-Name broken base64")
            << "tools/call" << echo << Headers{{"Mcp-Name", "=?base64?e*ho?="}} << 400 << mismatch;
        QTest::newRow("Mcp-Name base64 without padding")
            << "tools/call" << echo << Headers{{"Mcp-Name", "=?base64?ZWNobw?="}} << 400
            << mismatch;
        QTest::newRow("Mcp-Name base64 url alphabet")
            << "tools/call" << echo << Headers{{"Mcp-Name", "=?base64?_-8=?="}} << 400 << mismatch;
        QTest::newRow("Mcp-Name sentinel is case-sensitive")
            << "tools/call" << echo << Headers{{"Mcp-Name", "=?BASE64?ZWNobw==?="}} << 400
            << mismatch;
        QTest::newRow("prompts/get without Mcp-Name")
            << "prompts/get" << greet << Headers{{"Mcp-Name", ""}} << 400 << mismatch;
        QTest::newRow("prompts/get Mcp-Name") << "prompts/get" << greet << Headers() << 200 << 0;
        QTest::newRow("resources/read non-ASCII uri as sentinel")
            << "resources/read" << zoe
            << Headers{{"Mcp-Name", sentinel(QStringLiteral("demo://greeting/Zoë"))}} << 200 << 0;
        QTest::newRow("resources/read Mcp-Name differs")
            << "resources/read" << zoe << Headers{{"Mcp-Name", "demo://greeting/Zoe"}} << 400
            << mismatch;
        QTest::newRow("Mcp-Param-Region matches")
            << "tools/call" << echoRegion << Headers{{"Mcp-Param-Region", "eu-west1"}} << 200 << 0;
        QTest::newRow("Mcp-Param-Region missing")
            << "tools/call" << echoRegion << Headers() << 400 << mismatch;
        QTest::newRow("Mcp-Param-Region differs")
            << "tools/call" << echoRegion << Headers{{"Mcp-Param-Region", "us-east1"}} << 400
            << mismatch;
        QTest::newRow("Mcp-Param-Region as sentinel")
            << "tools/call" << echoZurich
            << Headers{{"Mcp-Param-Region", sentinel(QStringLiteral("Zürich"))}} << 200 << 0;
        QTest::newRow("Mcp-Param-Region without the argument")
            << "tools/call" << echo << Headers{{"Mcp-Param-Region", "eu-west1"}} << 400 << mismatch;
        QTest::newRow("unknown Mcp-Param-* ignored")
            << "tools/call" << echo << Headers{{"Mcp-Param-Other", "x"}} << 200 << 0;
        QTest::newRow("Mcp-Session-Id ignored")
            << "server/discover" << discover << Headers{{"Mcp-Session-Id", "no-such-session"}}
            << 200 << 0;
    }
    void headerChecks()
    {
        QFETCH(QString, method);
        QFETCH(QJsonObject, params);
        QFETCH(Headers, changes);
        QFETCH(int, status);
        QFETCH(int, code);
        const Answer a = call(m_modern.url(), method, withMeta(params), changes);
        if (code == 0) {
            QVERIFY2(a.status == 200, a.body.constData());
            QCOMPARE(a.message.type, JsonRpcMessage::Type::Response);
            QVERIFY(a.session.isEmpty()); // no session minted or echoed
        } else {
            verifyError(a, status, code);
            QVERIFY2(a.message.errorMessage.startsWith(QLatin1String("Header mismatch")),
                     qPrintable(a.message.errorMessage));
        }
    }

    void metaChecks_data()
    {
        QTest::addColumn<QJsonObject>("meta");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QJsonObject noCapabilities = meta();
        noCapabilities.remove(kMetaCapabilities);
        QJsonObject badCapabilities = meta();
        badCapabilities.insert(kMetaCapabilities, QStringLiteral("all"));
        QJsonObject noVersion = meta();
        noVersion.remove(kMetaVersion);
        QJsonObject noClientInfo = meta();
        noClientInfo.remove(QStringLiteral("io.modelcontextprotocol/clientInfo"));
        QTest::newRow("complete") << meta() << 200 << 0;
        QTest::newRow("clientInfo is optional") << noClientInfo << 200 << 0;
        QTest::newRow("no clientCapabilities") << noCapabilities << 400 << -32602;
        QTest::newRow("clientCapabilities not an object") << badCapabilities << 400 << -32602;
        QTest::newRow("no protocolVersion") << noVersion << 400 << -32602;
        QTest::newRow("unknown logLevel") << meta({}, QStringLiteral("loud")) << 400 << -32602;
    }
    void metaChecks()
    {
        QFETCH(QJsonObject, meta);
        QFETCH(int, status);
        QFETCH(int, code);
        const QJsonObject params{{QStringLiteral("_meta"), meta}};
        // The header says 2026-07-28 even where the body does not.
        const Answer a = call(m_modern.url(), QStringLiteral("tools/list"), params,
                              {{"MCP-Protocol-Version", "2026-07-28"}});
        if (code == 0)
            verifyModernResult(a, true);
        else
            verifyError(a, status, code);
    }

    void unsupportedVersion()
    {
        QJsonObject m = meta();
        m.insert(kMetaVersion, QStringLiteral("1900-01-01"));
        const Answer a = call(m_modern.url(), QStringLiteral("server/discover"), withMeta({}, m));
        verifyError(a, 400, -32022);
        const QJsonObject data = a.message.errorData.toObject();
        QCOMPARE(data.value(QStringLiteral("supported")).toArray(), QJsonArray{kVersion});
        QCOMPARE(data.value(QStringLiteral("requested")).toString(), QStringLiteral("1900-01-01"));
        // A legacy version in modern _meta is no more supported.
        m.insert(kMetaVersion, QStringLiteral("2025-11-25"));
        verifyError(call(m_modern.url(), QStringLiteral("tools/list"), withMeta({}, m)), 400,
                    -32022);
    }

    void unknownMethods_data()
    {
        QTest::addColumn<QString>("method");
        QTest::newRow("ping") << "ping";
        QTest::newRow("logging/setLevel") << "logging/setLevel";
        QTest::newRow("resources/subscribe") << "resources/subscribe";
        QTest::newRow("made up") << "nothing/here";
        QTest::newRow("initialize with modern _meta") << "initialize";
    }
    void unknownMethods()
    {
        QFETCH(QString, method);
        const Answer a = call(m_modern.url(), method, withMeta({}));
        verifyError(a, 404, -32601);
        if (method == QLatin1String("initialize")) // names what would work
            QVERIFY2(a.message.errorMessage.contains(kVersion), qPrintable(a.message.errorMessage));
    }

    void getAndDeleteAre405_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<Headers>("headers");
        QTest::newRow("GET") << QByteArray("GET") << Headers{{"Accept", "text/event-stream"}};
        QTest::newRow("GET with a session")
            << QByteArray("GET")
            << Headers{{"Accept", "text/event-stream"}, {"Mcp-Session-Id", "abc"}};
        QTest::newRow("DELETE") << QByteArray("DELETE") << Headers();
        QTest::newRow("DELETE with a session")
            << QByteArray("DELETE") << Headers{{"Mcp-Session-Id", "abc"}};
    }
    void getAndDeleteAre405()
    {
        QFETCH(QByteArray, verb);
        QFETCH(Headers, headers);
        QCOMPARE(send(m_modern.url(), verb, {}, headers).status, 405);
    }

    void initializeNamesTheSupportedVersions()
    {
        const Answer a = send(m_modern.url(), "POST", initialize(), legacyHeaders());
        QCOMPARE(a.status, 400);
        QCOMPARE(a.message.type, JsonRpcMessage::Type::Error);
        QVERIFY2(a.message.errorMessage.contains(kVersion), qPrintable(a.message.errorMessage));
        QVERIFY(a.session.isEmpty());
    }

    void notificationsAreAccepted()
    {
        const Answer a = send(
            m_modern.url(), "POST",
            JsonRpcMessage::notification(QStringLiteral("notifications/initialized")).toBytes(),
            legacyHeaders());
        QCOMPARE(a.status, 202);
        QVERIFY(a.body.isEmpty());
    }

    void legacyRefusesModernRequests()
    {
        const Answer a = call(m_legacy.url(), QStringLiteral("server/discover"), withMeta({}));
        QCOMPARE(a.status, 400);
        const QJsonObject body = QJsonDocument::fromJson(a.body).object();
        QCOMPARE(body.value(QStringLiteral("id")), QJsonValue(QJsonValue::Null));
        QCOMPARE(body.value(QStringLiteral("jsonrpc")).toString(), QStringLiteral("2.0"));
        QCOMPARE(body.value(QStringLiteral("error")).toObject(),
                 (QJsonObject{{QStringLiteral("code"), -32000},
                              {QStringLiteral("message"),
                               QStringLiteral("Bad Request: Server not initialized")}}));
        // ... and still serves 2025-11-25 clients.
        const Answer init = send(m_legacy.url(), "POST", initialize(), legacyHeaders());
        QCOMPARE(init.status, 200);
        QVERIFY(!init.session.isEmpty());
        const Answer list
            = send(m_legacy.url(), "POST",
                   JsonRpcMessage::request(QJsonValue(2), QStringLiteral("tools/list")).toBytes(),
                   legacyHeaders(init.session));
        // The same eight tools in both eras (no drift in a mixed fleet).
        QCOMPARE(list.result().value(QStringLiteral("tools")).toArray().size(), 8);
        QVERIFY(!list.result().contains(QStringLiteral("resultType")));
    }

    void bothErasOnOnePort()
    {
        const QUrl url = m_both.url();
        // Modern: discover and the 2026-07-28 tool list.
        const Answer discover = call(url, QStringLiteral("server/discover"), withMeta({}));
        QCOMPARE(discover.status, 200);
        QCOMPARE(discover.result().value(QStringLiteral("supportedVersions")).toArray(),
                 QJsonArray{kVersion});
        const Answer modernList = call(url, QStringLiteral("tools/list"), withMeta({}));
        QCOMPARE(modernList.result().value(QStringLiteral("resultType")).toString(),
                 QStringLiteral("complete"));
        QVERIFY(QJsonDocument(modernList.result()).toJson().contains("ask_name"));
        verifyError(call(url, QStringLiteral("ping"), withMeta({})), 404, -32601);
        // initialize with modern _meta is a modern request for a removed method.
        verifyError(call(url, QStringLiteral("initialize"), withMeta({})), 404, -32601);
        // Legacy: initialize, a session, the 2025-11-25 answers.
        const Answer init = send(url, "POST", initialize(), legacyHeaders());
        QCOMPARE(init.status, 200);
        QCOMPARE(init.result().value(QStringLiteral("protocolVersion")).toString(),
                 QStringLiteral("2025-11-25"));
        QVERIFY(!init.session.isEmpty());
        auto legacy = [&](int id, const QString &method, const QJsonObject &params = {}) {
            return send(url, "POST",
                        JsonRpcMessage::request(QJsonValue(id), method,
                                                params.isEmpty() ? QJsonValue(QJsonValue::Undefined)
                                                                 : QJsonValue(params))
                            .toBytes(),
                        legacyHeaders(init.session));
        };
        const Answer list = legacy(2, QStringLiteral("tools/list"));
        // The same tools in both eras (no drift in a mixed fleet); `flip`
        // comes and goes every 100 ms on this worker, so it is left out.
        auto withoutFlip = [](const Answer &answer) {
            QJsonArray tools;
            for (const QJsonValue &t : answer.result().value(QStringLiteral("tools")).toArray()) {
                if (t.toObject().value(QStringLiteral("name")).toString() != QLatin1String("flip"))
                    tools.append(t);
            }
            return tools;
        };
        QCOMPARE(withoutFlip(list), withoutFlip(modernList));
        QCOMPARE(withoutFlip(list).size(), 8);
        QVERIFY(!list.result().contains(QStringLiteral("resultType")));
        QCOMPARE(legacy(3, QStringLiteral("ping")).message.type, JsonRpcMessage::Type::Response);
        const Answer prompt
            = legacy(4, QStringLiteral("prompts/get"),
                     {{QStringLiteral("name"), QStringLiteral("greet")},
                      {QStringLiteral("arguments"),
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("Grace")}}}});
        QVERIFY2(prompt.body.contains("Please greet Grace in a casual way."),
                 prompt.body.constData());
        const Answer completion
            = legacy(5, QStringLiteral("completion/complete"),
                     {{QStringLiteral("ref"),
                       QJsonObject{{QStringLiteral("type"), QStringLiteral("ref/prompt")},
                                   {QStringLiteral("name"), QStringLiteral("greet")}}},
                      {QStringLiteral("argument"),
                       QJsonObject{{QStringLiteral("name"), QStringLiteral("style")},
                                   {QStringLiteral("value"), QStringLiteral("p")}}}});
        QCOMPARE(completion.result()
                     .value(QStringLiteral("completion"))
                     .toObject()
                     .value(QStringLiteral("values"))
                     .toArray(),
                 QJsonArray{QStringLiteral("pirate")});
        const Answer templates = legacy(6, QStringLiteral("resources/templates/list"));
        QVERIFY(templates.body.contains("demo://greeting/{name}"));
        // GET: a session's stream is legacy; without a session, a modern version header gets 405.
        QCOMPARE(send(url, "GET", {},
                      {{"Accept", "text/event-stream"}, {"MCP-Protocol-Version", "2026-07-28"}})
                     .status,
                 405);
        QCOMPARE(send(url, "DELETE", {}, {{"Mcp-Session-Id", init.session}}).status, 200);
    }

    void roundTripWithElicitation()
    {
        const QJsonObject caps{{QStringLiteral("elicitation"), QJsonObject()}};
        const QJsonObject args{{QStringLiteral("greeting"), QStringLiteral("Welcome")}};
        const Answer first = call(m_modern.url(), QStringLiteral("tools/call"),
                                  callParams(QStringLiteral("ask_name"), args, caps));
        QCOMPARE(first.status, 200);
        const QJsonObject r = first.result();
        QCOMPARE(r.value(QStringLiteral("resultType")).toString(),
                 QStringLiteral("input_required"));
        QVERIFY(!r.contains(QStringLiteral("ttlMs"))); // interim results are not cacheable
        const QJsonObject ask = r.value(QStringLiteral("inputRequests"))
                                    .toObject()
                                    .value(QStringLiteral("name"))
                                    .toObject();
        QCOMPARE(ask.value(QStringLiteral("method")).toString(),
                 QStringLiteral("elicitation/create"));
        QCOMPARE(
            ask.value(QStringLiteral("params")).toObject().value(QStringLiteral("mode")).toString(),
            QStringLiteral("form"));
        const QString state = r.value(QStringLiteral("requestState")).toString();
        QVERIFY(!state.isEmpty());

        QJsonObject retry = callParams(QStringLiteral("ask_name"), args, caps);
        retry.insert(QStringLiteral("requestState"), state);
        // No answer to the question yet: asked again.
        const Answer again = call(m_modern.url(), QStringLiteral("tools/call"), retry);
        QCOMPARE(again.result().value(QStringLiteral("resultType")).toString(),
                 QStringLiteral("input_required"));
        retry.insert(
            QStringLiteral("inputResponses"),
            QJsonObject{
                {QStringLiteral("name"),
                 QJsonObject{{QStringLiteral("action"), QStringLiteral("accept")},
                             {QStringLiteral("content"),
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("Grace")}}}}}});
        const Answer done = call(m_modern.url(), QStringLiteral("tools/call"), retry);
        verifyModernResult(done, false);
        QCOMPARE(done.result()
                     .value(QStringLiteral("content"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("text")),
                 QJsonValue(QStringLiteral("Welcome, Grace!")));
    }

    void tamperedRequestState_data()
    {
        QTest::addColumn<QString>("how");
        QTest::newRow("MAC changed") << "mac";
        QTest::newRow("payload changed") << "payload";
        QTest::newRow("other arguments") << "arguments";
        QTest::newRow("other tool") << "tool";
        QTest::newRow("not a state") << "garbage";
        QTest::newRow("not a string") << "number";
    }
    void tamperedRequestState()
    {
        QFETCH(QString, how);
        const QJsonObject caps{{QStringLiteral("elicitation"), QJsonObject()},
                               {QStringLiteral("roots"), QJsonObject()}};
        const QJsonObject args{{QStringLiteral("greeting"), QStringLiteral("Hi")}};
        const Answer first = call(m_modern.url(), QStringLiteral("tools/call"),
                                  callParams(QStringLiteral("ask_name"), args, caps));
        QString state = first.result().value(QStringLiteral("requestState")).toString();
        QVERIFY(state.contains(QLatin1Char('.')));
        QJsonObject retryArgs = args;
        QString tool = QStringLiteral("ask_name");
        QJsonValue sent = state;
        auto flip = [](QString s, qsizetype at) {
            s[at] = s.at(at) == QLatin1Char('A') ? QLatin1Char('B') : QLatin1Char('A');
            return s;
        };
        if (how == QLatin1String("mac"))
            sent = flip(state, state.size() - 2);
        else if (how == QLatin1String("payload"))
            sent = flip(state, 3);
        else if (how == QLatin1String("arguments"))
            retryArgs.insert(QStringLiteral("greeting"), QStringLiteral("Bye"));
        else if (how == QLatin1String("tool")) {
            tool = QStringLiteral("list_roots");
            retryArgs = QJsonObject();
        } else if (how == QLatin1String("garbage"))
            sent = QStringLiteral("hello");
        else
            sent = 42;
        QJsonObject retry = callParams(tool, retryArgs, caps);
        retry.insert(QStringLiteral("requestState"), sent);
        retry.insert(
            QStringLiteral("inputResponses"),
            QJsonObject{
                {QStringLiteral("name"),
                 QJsonObject{{QStringLiteral("action"), QStringLiteral("accept")},
                             {QStringLiteral("content"),
                              QJsonObject{{QStringLiteral("name"), QStringLiteral("Eve")}}}}},
                {QStringLiteral("roots"), QJsonObject{{QStringLiteral("roots"), QJsonArray()}}}});
        const Answer a = call(m_modern.url(), QStringLiteral("tools/call"), retry);
        verifyError(a, 200, JsonRpcMessage::InvalidParams);
        QVERIFY2(a.message.errorMessage.contains(QLatin1String("requestState")),
                 qPrintable(a.message.errorMessage));
    }

    void expiredRequestState()
    {
        DemoWorkerProcess worker;
        QVERIFY(worker.start({QStringLiteral("--era"), QStringLiteral("modern"),
                              QStringLiteral("--name"), QStringLiteral("modern-worker"),
                              QStringLiteral("--request-state-ttl-ms"), QStringLiteral("50")}));
        const QJsonObject caps{{QStringLiteral("elicitation"), QJsonObject()}};
        const Answer first = call(worker.url(), QStringLiteral("tools/call"),
                                  callParams(QStringLiteral("ask_name"), {}, caps));
        QJsonObject retry = callParams(QStringLiteral("ask_name"), {}, caps);
        retry.insert(QStringLiteral("requestState"),
                     first.result().value(QStringLiteral("requestState")));
        retry.insert(
            QStringLiteral("inputResponses"),
            QJsonObject{{QStringLiteral("name"),
                         QJsonObject{{QStringLiteral("action"), QStringLiteral("decline")}}}});
        QTest::qWait(100); // past the 50 ms lifetime
        const Answer a = call(worker.url(), QStringLiteral("tools/call"), retry);
        verifyError(a, 200, JsonRpcMessage::InvalidParams);
        QVERIFY2(a.message.errorMessage.contains(QLatin1String("expired")),
                 qPrintable(a.message.errorMessage));
    }

    void missingClientCapability_data()
    {
        QTest::addColumn<QString>("tool");
        QTest::addColumn<QString>("capability");
        QTest::newRow("ask_name") << "ask_name"
                                  << "elicitation";
        QTest::newRow("list_roots") << "list_roots"
                                    << "roots";
    }
    void missingClientCapability()
    {
        QFETCH(QString, tool);
        QFETCH(QString, capability);
        // Declares the other capability only.
        const QJsonObject other{{capability == QLatin1String("roots")
                                     ? QStringLiteral("elicitation")
                                     : QStringLiteral("roots"),
                                 QJsonObject()}};
        const Answer a
            = call(m_modern.url(), QStringLiteral("tools/call"), callParams(tool, {}, other));
        verifyError(a, 400, -32021);
        QVERIFY(a.message.errorData.toObject()
                    .value(QStringLiteral("requiredCapabilities"))
                    .toObject()
                    .contains(capability));
    }

    void roundTripWithRoots()
    {
        const QJsonObject caps{{QStringLiteral("roots"), QJsonObject()}};
        const Answer first = call(m_modern.url(), QStringLiteral("tools/call"),
                                  callParams(QStringLiteral("list_roots"), {}, caps));
        const QJsonObject ask = first.result()
                                    .value(QStringLiteral("inputRequests"))
                                    .toObject()
                                    .value(QStringLiteral("roots"))
                                    .toObject();
        QCOMPARE(ask.value(QStringLiteral("method")).toString(), QStringLiteral("roots/list"));
        QJsonObject retry = callParams(QStringLiteral("list_roots"), {}, caps);
        retry.insert(QStringLiteral("requestState"),
                     first.result().value(QStringLiteral("requestState")));
        retry.insert(
            QStringLiteral("inputResponses"),
            QJsonObject{{QStringLiteral("roots"),
                         QJsonObject{{QStringLiteral("roots"),
                                      QJsonArray{QJsonObject{{QStringLiteral("uri"),
                                                              QStringLiteral("file:///w")}}}}}}});
        const Answer done = call(m_modern.url(), QStringLiteral("tools/call"), retry);
        verifyModernResult(done, false);
        QVERIFY2(done.body.contains("Roots: file:///w"), done.body.constData());
    }

    void listenAcknowledgesAndNotifies()
    {
        const QJsonObject params
            = withMeta({{QStringLiteral("notifications"),
                         QJsonObject{{QStringLiteral("toolsListChanged"), true},
                                     {QStringLiteral("promptsListChanged"), true},
                                     {QStringLiteral("resourceSubscriptions"),
                                      QJsonArray{QStringLiteral("demo://state/current"),
                                                 QStringLiteral("demo://nope")}}}}});
        auto listen = open(m_modern.url(), QStringLiteral("sub-1"),
                           QStringLiteral("subscriptions/listen"), params);
        QCOMPARE(listen->waitFor(QStringLiteral("notifications/subscriptions/acknowledged")), 0);
        QCOMPARE(listen->reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QCOMPARE(listen->reply->header(QNetworkRequest::ContentTypeHeader).toByteArray(),
                 QByteArray("text/event-stream"));
        const QJsonObject ack = listen->messages.at(0).params.toObject();
        QCOMPARE(ack.value(QStringLiteral("_meta")).toObject().value(kMetaSubscriptionId),
                 QJsonValue(QStringLiteral("sub-1")));
        // The agreed subset: no prompt changes here, only the resource that exists.
        QCOMPARE(ack.value(QStringLiteral("notifications")).toObject(),
                 (QJsonObject{{QStringLiteral("toolsListChanged"), true},
                              {QStringLiteral("resourceSubscriptions"),
                               QJsonArray{QStringLiteral("demo://state/current")}}}));
        // A second listener that wants resource updates only.
        auto resourcesOnly
            = open(m_modern.url(), 77, QStringLiteral("subscriptions/listen"),
                   withMeta({{QStringLiteral("notifications"),
                              QJsonObject{{QStringLiteral("resourceSubscriptions"),
                                           QJsonArray{QStringLiteral("demo://state/current")}}}}}));
        QCOMPARE(resourcesOnly->waitFor(QStringLiteral("notifications/subscriptions/acknowledged")),
                 0);

        // toggle_tool adds `flip`: list_changed; the answered call changes the state resource.
        const Answer toggled = call(m_modern.url(), QStringLiteral("tools/call"),
                                    callParams(QStringLiteral("toggle_tool"), {}));
        QCOMPARE(toggled.status, 200);
        const int changed = listen->waitFor(QStringLiteral("notifications/tools/list_changed"));
        QVERIFY(changed > 0);
        QCOMPARE(listen->messages.at(changed)
                     .params.toObject()
                     .value(QStringLiteral("_meta"))
                     .toObject()
                     .value(kMetaSubscriptionId),
                 QJsonValue(QStringLiteral("sub-1")));
        const int updated = listen->waitFor(QStringLiteral("notifications/resources/updated"));
        QVERIFY(updated > 0);
        QCOMPARE(listen->messages.at(updated).params.toObject().value(QStringLiteral("uri")),
                 QJsonValue(QStringLiteral("demo://state/current")));
        const int otherUpdated
            = resourcesOnly->waitFor(QStringLiteral("notifications/resources/updated"));
        QVERIFY(otherUpdated > 0);
        QCOMPARE(resourcesOnly->messages.at(otherUpdated)
                     .params.toObject()
                     .value(QStringLiteral("_meta"))
                     .toObject()
                     .value(kMetaSubscriptionId),
                 QJsonValue(77));
        const Answer list = call(m_modern.url(), QStringLiteral("tools/list"), withMeta({}));
        QVERIFY(list.body.contains("\"flip\""));
        // Keep-alive comments arrive (every 100 ms here).
        QVERIFY(QTest::qWaitFor(
            [&]() {
                listen->pump();
                return listen->raw.contains("\n:");
            },
            2000));
        // Switch `flip` off again (for the other tests); not asked for: no tools list_changed.
        call(m_modern.url(), QStringLiteral("tools/call"),
             callParams(QStringLiteral("toggle_tool"), {}));
        QVERIFY(listen->waitFor(QStringLiteral("notifications/tools/list_changed"), changed + 1)
                > 0);
        resourcesOnly->pump();
        for (const JsonRpcMessage &m : std::as_const(resourcesOnly->messages))
            QVERIFY(m.method != QLatin1String("notifications/tools/list_changed"));
        // Request-scoped notifications never travel on a listen stream.
        for (const JsonRpcMessage &m : std::as_const(listen->messages))
            QVERIFY(m.method != QLatin1String("notifications/message"));
        QVERIFY(!listen->reply->isFinished()); // the stream stays open
        // Closing a stream ends its subscription.
        QCOMPARE(state(m_modern.url()).value(QStringLiteral("listeners")).toInt(), 2);
        listen->reply->abort();
        resourcesOnly->reply->abort();
        QTRY_COMPARE_WITH_TIMEOUT(state(m_modern.url()).value(QStringLiteral("listeners")).toInt(),
                                  0, 2000);
    }

    void listChangeEveryTriggersNotifications()
    {
        auto listen = open(m_both.url(), 5, QStringLiteral("subscriptions/listen"),
                           withMeta({{QStringLiteral("notifications"),
                                      QJsonObject{{QStringLiteral("toolsListChanged"), true}}}}));
        QCOMPARE(listen->waitFor(QStringLiteral("notifications/subscriptions/acknowledged")), 0);
        QVERIFY(listen->waitFor(QStringLiteral("notifications/tools/list_changed")) > 0);
    }

    void logLevelGating_data()
    {
        QTest::addColumn<QString>("level");
        QTest::addColumn<QStringList>("expected"); // levels of notifications/message
        QTest::newRow("none") << QString() << QStringList();
        QTest::newRow("debug") << "debug"
                               << QStringList{QStringLiteral("debug"), QStringLiteral("info")};
        QTest::newRow("info") << "info" << QStringList{QStringLiteral("info")};
        QTest::newRow("error") << "error" << QStringList();
    }
    void logLevelGating()
    {
        QFETCH(QString, level);
        QFETCH(QStringList, expected);
        QJsonObject params = callParams(QStringLiteral("echo"),
                                        {{QStringLiteral("message"), QStringLiteral("logged")}});
        params.insert(QStringLiteral("_meta"), meta({}, level));
        const Answer a = call(m_modern.url(), QStringLiteral("tools/call"), params);
        verifyModernResult(a, false);
        QStringList levels;
        for (const JsonRpcMessage &m : a.events) {
            QCOMPARE(m.method, QStringLiteral("notifications/message"));
            levels.append(m.params.toObject().value(QStringLiteral("level")).toString());
        }
        QCOMPARE(levels, expected);
        QCOMPARE(a.contentType,
                 QByteArray(expected.isEmpty() ? "application/json" : "text/event-stream"));
    }

    void progressOnTheRequestStream()
    {
        QJsonObject params
            = callParams(QStringLiteral("progress"),
                         {{QStringLiteral("steps"), 3}, {QStringLiteral("interval_ms"), 5}});
        QJsonObject m = meta();
        m.insert(QStringLiteral("progressToken"), QStringLiteral("p1"));
        params.insert(QStringLiteral("_meta"), m);
        const Answer a = call(m_modern.url(), QStringLiteral("tools/call"), params);
        verifyModernResult(a, false);
        QCOMPARE(a.contentType, QByteArray("text/event-stream"));
        QCOMPARE(a.events.size(), 3);
        for (const JsonRpcMessage &e : a.events)
            QCOMPARE(e.method, QStringLiteral("notifications/progress"));
        QVERIFY(!a.body.contains("id:")); // 2026-07-28 streams are not resumable
        // Without a progressToken: no progress notifications.
        params.insert(QStringLiteral("_meta"), meta());
        QCOMPARE(call(m_modern.url(), QStringLiteral("tools/call"), params).events.size(), 0);
    }

    void closingTheStreamCancels()
    {
        const QJsonObject before = state(m_modern.url());
        QCOMPARE(before.value(QStringLiteral("streamsRunning")).toInt(), 0);
        QJsonObject params = callParams(
            QStringLiteral("progress"),
            {{QStringLiteral("steps"), 500}, {QStringLiteral("interval_ms"), 20}}); // 10 s of work
        QJsonObject m = meta();
        m.insert(QStringLiteral("progressToken"), 9);
        params.insert(QStringLiteral("_meta"), m);
        auto stream = open(m_modern.url(), 1234, QStringLiteral("tools/call"), params);
        QVERIFY(stream->waitFor(QStringLiteral("notifications/progress")) >= 0);
        QCOMPARE(state(m_modern.url()).value(QStringLiteral("streamsRunning")).toInt(), 1);
        stream->reply->abort();
        // The worker stops the work at once, long before its 10 s.
        QTRY_COMPARE_WITH_TIMEOUT(
            state(m_modern.url()).value(QStringLiteral("streamsRunning")).toInt(), 0, 2000);
        const QJsonObject after = state(m_modern.url());
        QCOMPARE(after.value(QStringLiteral("requestsCancelled")).toInt(),
                 before.value(QStringLiteral("requestsCancelled")).toInt() + 1);
        QCOMPARE(after.value(QStringLiteral("callsServed")).toInt(),
                 before.value(QStringLiteral("callsServed")).toInt()); // never answered
    }

    void closingDuringLatencyCancels()
    {
        DemoWorkerProcess worker;
        QVERIFY(worker.start({QStringLiteral("--era"), QStringLiteral("modern"),
                              QStringLiteral("--latency"), QStringLiteral("300")}));
        const QJsonObject params = callParams(QStringLiteral("add"),
                                              {{QStringLiteral("a"), 1}, {QStringLiteral("b"), 1}});
        // The client gives up after 50 ms, within the worker's 300 ms latency.
        QCOMPARE(call(worker.url(), QStringLiteral("tools/call"), params, {}, 50).status, 0);
        QTRY_COMPARE_WITH_TIMEOUT(
            state(worker.url()).value(QStringLiteral("requestsCancelled")).toInt(), 1, 3000);
        QCOMPARE(state(worker.url()).value(QStringLiteral("callsServed")).toInt(), 0);
    }

    void faultKnobsInTheModernEra_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("firstStatus");
        QTest::addColumn<int>("secondStatus"); // 0: no answer (hang) or process gone
        QTest::newRow("throttle-first")
            << QStringList{QStringLiteral("--throttle-first"), QStringLiteral("1")} << 429 << 200;
        QTest::newRow("error-rate")
            << QStringList{QStringLiteral("--error-rate"), QStringLiteral("1")} << 500 << 500;
        QTest::newRow("die-after")
            << QStringList{QStringLiteral("--die-after"), QStringLiteral("1")} << 200 << 0;
        QTest::newRow("hang-after")
            << QStringList{QStringLiteral("--hang-after"), QStringLiteral("1")} << 200 << 0;
        QTest::newRow("latency") << QStringList{QStringLiteral("--latency"), QStringLiteral("150")}
                                 << 200 << 200;
    }
    void faultKnobsInTheModernEra()
    {
        QFETCH(QStringList, args);
        QFETCH(int, firstStatus);
        QFETCH(int, secondStatus);
        DemoWorkerProcess worker;
        QVERIFY(worker.start(QStringList{QStringLiteral("--era"), QStringLiteral("modern"),
                                         QStringLiteral("--name"), QStringLiteral("modern-worker")}
                             + args));
        const QJsonObject params = callParams(QStringLiteral("add"),
                                              {{QStringLiteral("a"), 1}, {QStringLiteral("b"), 1}});
        QElapsedTimer timer;
        timer.start();
        const Answer first = call(worker.url(), QStringLiteral("tools/call"), params);
        QCOMPARE(first.status, firstStatus);
        if (args.first() == QLatin1String("--latency"))
            QVERIFY(timer.elapsed() >= 150);
        if (firstStatus == 429)
            QCOMPARE(first.retryAfter, QByteArray("1"));
        if (firstStatus == 200)
            verifyModernResult(first, false, 0);
        if (args.first() == QLatin1String("--die-after")) {
            QVERIFY(worker.process().state() == QProcess::NotRunning
                    || worker.process().waitForFinished(3000));
            QCOMPARE(worker.process().exitStatus(), QProcess::NormalExit);
            QCOMPARE(worker.process().exitCode(), 3);
            return;
        }
        const Answer second = call(worker.url(), QStringLiteral("tools/call"), params, {}, 300);
        QCOMPARE(second.status, secondStatus);
    }

    void bearerTokenInTheModernEra()
    {
        qputenv("MCPPM_TST_DEMO2026_TOKEN", "not-a-real-secret");
        DemoWorkerProcess worker;
        const bool started = worker.start({QStringLiteral("--era"), QStringLiteral("modern"),
                                           QStringLiteral("--token-env"),
                                           QStringLiteral("MCPPM_TST_DEMO2026_TOKEN")});
        qunsetenv("MCPPM_TST_DEMO2026_TOKEN");
        QVERIFY(started);
        QCOMPARE(call(worker.url(), QStringLiteral("server/discover"), withMeta({})).status, 401);
        QCOMPARE(call(worker.url(), QStringLiteral("server/discover"), withMeta({}),
                      {{"Authorization", "Bearer not-a-real-secret"}})
                     .status,
                 200);
    }

    void oauthInTheModernEra()
    {
        DemoWorkerProcess worker;
        QVERIFY(worker.start(
            {QStringLiteral("--era"), QStringLiteral("modern"), QStringLiteral("--oauth")}));
        const Answer a = call(worker.url(), QStringLiteral("server/discover"), withMeta({}));
        QCOMPARE(a.status, 401);
        QVERIFY2(a.challenge.contains("resource_metadata="), a.challenge.constData());
    }

    void tlsInTheModernEra()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        QProcess openssl;
        openssl.setProcessChannelMode(QProcess::MergedChannels);
        openssl.setWorkingDirectory(dir.path());
        openssl.start(QStringLiteral("openssl"),
                      {QStringLiteral("req"), QStringLiteral("-x509"), QStringLiteral("-newkey"),
                       QStringLiteral("ec"), QStringLiteral("-pkeyopt"),
                       QStringLiteral("ec_paramgen_curve:prime256v1"), QStringLiteral("-nodes"),
                       QStringLiteral("-keyout"), QStringLiteral("w.key"), QStringLiteral("-out"),
                       QStringLiteral("w.pem"), QStringLiteral("-days"), QStringLiteral("2"),
                       QStringLiteral("-subj"), QStringLiteral("/CN=localhost"),
                       QStringLiteral("-addext"),
                       QStringLiteral("subjectAltName=IP:127.0.0.1,DNS:localhost")});
        if (!openssl.waitForFinished(30000) || openssl.exitCode() != 0)
            QSKIP("openssl could not make a certificate");
        DemoWorkerProcess worker;
        QVERIFY(worker.start({QStringLiteral("--era"), QStringLiteral("modern"),
                              QStringLiteral("--name"), QStringLiteral("modern-worker"),
                              QStringLiteral("--tls-cert"), dir.filePath(QStringLiteral("w.pem")),
                              QStringLiteral("--tls-key"), dir.filePath(QStringLiteral("w.key"))}));
        QCOMPARE(worker.url().scheme(), QStringLiteral("https"));
        QFile pem(dir.filePath(QStringLiteral("w.pem")));
        QVERIFY(pem.open(QIODevice::ReadOnly));
        m_ssl.setCaCertificates(QSslCertificate::fromData(pem.readAll()));
        verifyModernResult(call(worker.url(), QStringLiteral("tools/list"), withMeta({})), true,
                           60000);
        verifyError(call(worker.url(), QStringLiteral("ping"), withMeta({})), 404, -32601);
    }

    void commandLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("needle");
        QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << "--era";
        QTest::newRow("bad era") << QStringList{QStringLiteral("--era"), QStringLiteral("2026")}
                                 << 2 << "--era wants legacy, modern or both";
        QTest::newRow("bad ttl") << QStringList{QStringLiteral("--list-ttl-ms"),
                                                QStringLiteral("-1")}
                                 << 2 << "--list-ttl-ms";
    }
    void commandLine()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, needle);
        QProcess p;
        p.start(QStringLiteral(MCPPM_DEMO_WORKER), args);
        QVERIFY(p.waitForFinished(5000));
        const QByteArray output = p.readAllStandardOutput() + p.readAllStandardError();
        QCOMPARE(p.exitCode(), exitCode);
        QVERIFY2(output.contains(needle.toUtf8()), output.constData());
    }
};

QTEST_GUILESS_MAIN(TestDemoServer2026)
#include "tst_demoserver2026.moc"
