// McpEndpoint seen from the wire, as the real peers (tests/conformance/endpoint-*.mjs,
// bench/endpoint-bench) found it: a legacy and a modern mcp-demo-worker behind the
// endpoint, raw HTTP/1.1 on one kept-alive loopback connection.
// - acceptedSocketsSetNoDelay: the endpoint writes a streamed answer's head at once and
//   its event later; without TCP_NODELAY on the accepted socket, Nagle holds the event
//   until the head is acknowledged, and a delayed ACK makes that ~40 ms per call.
// - modernResultsCarryCacheHints: 2026-07-28 discover, list and read results must carry
//   ttlMs and cacheScope (the 2026-07-28 schema requires them; SDK v2 rejects the
//   result without them), whichever era the worker that served them speaks.

#include "demoworkerprocess.h"
#include "host/mcpendpoint.h"
#include "pool/serverpool.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTest>

#include <memory>

using namespace mcppm;

namespace {
constexpr const char *kModern = "2026-07-28";

// One HTTP/1.1 response: status, content type and body (chunked coding undone).
struct Answer
{
    int status = 0;
    QByteArray contentType;
    QByteArray body;
};

// Reads one response (Content-Length or chunked) from a kept-alive socket.
Answer readAnswer(QTcpSocket &socket, int timeoutMs = 10000)
{
    QByteArray buffer;
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        buffer += socket.readAll();
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end >= 0) {
            const QString head = QString::fromLatin1(buffer.left(end));
            const QByteArray rest = buffer.mid(end + 4);
            Answer a;
            a.status = head.section(QLatin1Char(' '), 1, 1).toInt();
            const auto type
                = QRegularExpression(QStringLiteral("(?i)\r\ncontent-type: ([^\r]*)")).match(head);
            a.contentType = type.captured(1).toLatin1();
            const auto length
                = QRegularExpression(QStringLiteral("(?i)\r\ncontent-length: (\\d+)")).match(head);
            if (length.hasMatch()) {
                if (rest.size() >= length.captured(1).toInt()) {
                    a.body = rest.left(length.captured(1).toInt());
                    return a;
                }
            } else if (head.contains(QLatin1String("chunked"), Qt::CaseInsensitive)) {
                QByteArray body;
                qsizetype at = 0;
                for (;;) {
                    const qsizetype eol = rest.indexOf("\r\n", at);
                    if (eol < 0)
                        break;
                    bool ok = false;
                    const qsizetype size = rest.mid(at, eol - at).toLongLong(&ok, 16);
                    if (!ok || rest.size() < eol + 2 + size + 2)
                        break;
                    if (size == 0) {
                        a.body = body;
                        return a;
                    }
                    body += rest.mid(eol + 2, size);
                    at = eol + 2 + size + 2;
                }
            }
        }
        if (socket.state() != QAbstractSocket::ConnectedState && socket.bytesAvailable() == 0)
            break;
        QTest::qWait(5); // the endpoint runs in this thread: keep its events flowing
    }
    return {};
}

// The JSON-RPC answer in a body: plain JSON, or the last "data:" line of an SSE body.
QJsonObject messageOf(const Answer &a)
{
    QByteArray json = a.body;
    if (a.contentType.startsWith("text/event-stream")) {
        const qsizetype at = a.body.lastIndexOf("\ndata: ");
        const qsizetype start = a.body.startsWith("data: ") && at < 0 ? 6 : at + 7;
        json = a.body.mid(start, a.body.indexOf('\n', start) - start);
    }
    return QJsonDocument::fromJson(json).object();
}
} // namespace

class TestEndpointPeers : public QObject
{
    Q_OBJECT

    DemoWorkerProcess m_legacy;
    DemoWorkerProcess m_modern;
    std::unique_ptr<ServerPool> m_pool;
    std::unique_ptr<McpEndpoint> m_endpoint;
    QTcpSocket m_socket;
    int m_nextId = 1;

    // A 2026-07-28 request on the kept-alive connection; the answer's JSON-RPC message.
    QJsonObject post(const QString &method, QJsonObject params, const QString &name = {},
                     Answer *raw = nullptr)
    {
        QJsonObject meta = params.value(QStringLiteral("_meta")).toObject();
        meta.insert(QStringLiteral("io.modelcontextprotocol/protocolVersion"),
                    QLatin1String(kModern));
        meta.insert(QStringLiteral("io.modelcontextprotocol/clientCapabilities"), QJsonObject{});
        meta.insert(QStringLiteral("io.modelcontextprotocol/clientInfo"),
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("tst_endpointpeers")},
                                {QStringLiteral("version"), QStringLiteral("1")}});
        params.insert(QStringLiteral("_meta"), meta);
        const QByteArray body
            = QJsonDocument(QJsonObject{{QStringLiteral("jsonrpc"), QStringLiteral("2.0")},
                                        {QStringLiteral("id"), m_nextId++},
                                        {QStringLiteral("method"), method},
                                        {QStringLiteral("params"), params}})
                  .toJson(QJsonDocument::Compact);
        QByteArray request = "POST /mcp HTTP/1.1\r\nHost: 127.0.0.1:"
            + QByteArray::number(m_endpoint->serverPort())
            + "\r\nContent-Type: application/json\r\nAccept: application/json, "
              "text/event-stream\r\nMCP-Protocol-Version: "
            + QByteArray(kModern) + "\r\nMcp-Method: " + method.toUtf8() + "\r\n";
        if (!name.isEmpty())
            request += "Mcp-Name: " + name.toUtf8() + "\r\n";
        request += "Content-Length: " + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        m_socket.write(request);
        const Answer a = readAnswer(m_socket);
        if (raw)
            *raw = a;
        return messageOf(a);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_legacy.start({QStringLiteral("--era"), QStringLiteral("legacy")}));
        QVERIFY(m_modern.start({QStringLiteral("--era"), QStringLiteral("modern")}));
        m_pool = std::make_unique<ServerPool>(ServerPoolOptions{});
        m_pool->initialize();
        QVERIFY(m_pool->addServer(QStringLiteral("legacy"), m_legacy.url(), {}));
        QVERIFY(m_pool->addServer(QStringLiteral("modern"), m_modern.url(), {}));
        m_endpoint = std::make_unique<McpEndpoint>(m_pool.get(), McpEndpointOptions{});
        QString why;
        QVERIFY2(m_endpoint->listen(QHostAddress::LocalHost, 0, &why), qPrintable(why));
        m_socket.connectToHost(QHostAddress::LocalHost, m_endpoint->serverPort());
        QVERIFY(m_socket.waitForConnected(5000));
        // Both workers in the union: the template both offer, the tools of each.
        QVERIFY(QTest::qWaitFor(
            [&]() {
                const QJsonObject tools = post(QStringLiteral("tools/list"), {});
                const QJsonArray list = tools.value(QStringLiteral("result"))
                                            .toObject()
                                            .value(QStringLiteral("tools"))
                                            .toArray();
                const QJsonObject templates = post(QStringLiteral("resources/templates/list"), {});
                return list.size() == 8
                    && !templates.value(QStringLiteral("result"))
                            .toObject()
                            .value(QStringLiteral("resourceTemplates"))
                            .toArray()
                            .isEmpty();
            },
            10000));
    }

    void cleanupTestCase()
    {
        m_socket.abort();
        m_endpoint.reset();
        m_pool.reset();
    }

    void acceptedSocketsSetNoDelay()
    {
        Answer raw;
        const QJsonObject answer
            = post(QStringLiteral("tools/call"),
                   QJsonObject{{QStringLiteral("name"), QStringLiteral("echo")},
                               {QStringLiteral("arguments"),
                                QJsonObject{{QStringLiteral("message"), QStringLiteral("nagle")}}}},
                   QStringLiteral("echo"), &raw);
        QCOMPARE(raw.status, 200);
        QCOMPARE(answer.value(QStringLiteral("result"))
                     .toObject()
                     .value(QStringLiteral("content"))
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(QStringLiteral("text"))
                     .toString(),
                 QStringLiteral("nagle"));
        // The endpoint's side of this connection (the listener's socket for our port).
        QTcpSocket *accepted = nullptr;
        for (QTcpSocket *s : m_endpoint->findChildren<QTcpSocket *>()) {
            if (s->peerPort() == m_socket.localPort()
                && s->state() == QAbstractSocket::ConnectedState)
                accepted = s;
        }
        QVERIFY2(accepted, "no accepted socket for the test's connection under the endpoint");
        QVERIFY2(accepted->socketOption(QAbstractSocket::LowDelayOption).toInt() == 1,
                 "TCP_NODELAY is off on the accepted socket: a streamed answer's event waits "
                 "for the ACK of its head (Nagle + delayed ACK, ~40 ms per call)");
    }

    void modernResultsCarryCacheHints_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QJsonObject>("params");
        QTest::addColumn<QString>("name");
        const QJsonObject none;
        QTest::newRow("server/discover") << QStringLiteral("server/discover") << none << QString();
        QTest::newRow("tools/list") << QStringLiteral("tools/list") << none << QString();
        QTest::newRow("resources/list") << QStringLiteral("resources/list") << none << QString();
        QTest::newRow("resources/templates/list")
            << QStringLiteral("resources/templates/list") << none << QString();
        QTest::newRow("prompts/list") << QStringLiteral("prompts/list") << none << QString();
        const QString uri = QStringLiteral("demo://greeting/Ada");
        for (const char *server : {"legacy", "modern"}) {
            QTest::addRow("resources/read on the %s worker", server)
                << QStringLiteral("resources/read")
                << QJsonObject{{QStringLiteral("uri"), uri},
                               {QStringLiteral("_meta"),
                                QJsonObject{{QLatin1String(McpEndpoint::kMetaServer),
                                             QLatin1String(server)}}}}
                << uri;
        }
    }

    void modernResultsCarryCacheHints()
    {
        QFETCH(QString, method);
        QFETCH(QJsonObject, params);
        QFETCH(QString, name);
        const QJsonObject answer = post(method, params, name);
        QVERIFY2(answer.contains(QStringLiteral("result")),
                 QJsonDocument(answer).toJson(QJsonDocument::Compact).constData());
        const QJsonObject result = answer.value(QStringLiteral("result")).toObject();
        const QJsonValue ttl = result.value(QStringLiteral("ttlMs"));
        const QString scope = result.value(QStringLiteral("cacheScope")).toString();
        QVERIFY2(ttl.isDouble() && ttl.toDouble() >= 0 && ttl.toDouble() == double(ttl.toInteger()),
                 qPrintable(QStringLiteral("ttlMs missing or not a non-negative integer in %1")
                                .arg(QString::fromUtf8(
                                         QJsonDocument(result).toJson(QJsonDocument::Compact))
                                         .left(300))));
        QVERIFY2(
            scope == QLatin1String("public") || scope == QLatin1String("private"),
            qPrintable(
                QStringLiteral("cacheScope missing or not public/private: \"%1\"").arg(scope)));
    }
};

QTEST_GUILESS_MAIN(TestEndpointPeers)
#include "tst_endpointpeers.moc"
