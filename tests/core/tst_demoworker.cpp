// mcp-demo-worker on the wire, spoken to with plain HTTP: what a server must
// answer to good and bad requests, and its command line.

#include "demoworkerprocess.h"

#include "jsonrpc/jsonrpcmessage.h"
#include "net/sseparser.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QProcess>
#include <QRegularExpression>
#include <QTest>

using namespace mcppm;

class TestDemoWorker : public QObject
{
    Q_OBJECT

    DemoWorkerProcess m_worker;
    QUrl m_url;
    QNetworkAccessManager m_network;
    QByteArray m_session;

    struct Answer
    {
        int status = 0;
        QByteArray contentType;
        QByteArray session;
        QByteArray body;
    };

    Answer send(const QByteArray &verb, const QByteArray &body,
                const QList<QPair<QByteArray, QByteArray>> &headers, int timeoutMs = 5000)
    {
        QNetworkRequest request(m_url);
        for (const auto &h : headers)
            request.setRawHeader(h.first, h.second);
        request.setTransferTimeout(timeoutMs);
        QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
        [[maybe_unused]] const bool done
            = QTest::qWaitFor([reply]() { return reply->isFinished(); }, timeoutMs + 2000);
        Answer a;
        a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        a.contentType = reply->header(QNetworkRequest::ContentTypeHeader).toByteArray();
        a.session = reply->rawHeader("Mcp-Session-Id");
        a.body = reply->readAll();
        reply->deleteLater();
        return a;
    }
    static QList<QPair<QByteArray, QByteArray>> mcpHeaders(const QByteArray &session = {})
    {
        QList<QPair<QByteArray, QByteArray>> h{{"Content-Type", "application/json"},
                                               {"Accept", "application/json, text/event-stream"}};
        if (!session.isEmpty())
            h.append({"Mcp-Session-Id", session});
        return h;
    }
    Answer post(const JsonRpcMessage &message, const QByteArray &session)
    {
        return send("POST", message.toBytes(), mcpHeaders(session));
    }
    static QByteArray initialize(const QString &version = QStringLiteral("2025-11-25"))
    {
        QJsonObject params;
        params.insert(QStringLiteral("protocolVersion"), version);
        params.insert(QStringLiteral("capabilities"), QJsonObject());
        params.insert(QStringLiteral("clientInfo"),
                      QJsonObject{{QStringLiteral("name"), QStringLiteral("t")},
                                  {QStringLiteral("version"), QStringLiteral("1")}});
        return JsonRpcMessage::request(QJsonValue(1), QStringLiteral("initialize"), params)
            .toBytes();
    }
    static int runWorker(const QStringList &args, QByteArray *output = nullptr)
    {
        QProcess p;
        p.start(QStringLiteral(MCPPM_DEMO_WORKER), args);
        if (!p.waitForFinished(5000)) {
            p.kill();
            p.waitForFinished();
            return -1;
        }
        if (output)
            *output = p.readAllStandardOutput() + p.readAllStandardError();
        return p.exitCode();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_worker.start({QStringLiteral("--name"), QStringLiteral("raw")}));
        QVERIFY2(
            QRegularExpression(QStringLiteral("^listening on http://127\\.0\\.0\\.1:\\d+/mcp\\n$"))
                .match(QString::fromUtf8(m_worker.firstLine()))
                .hasMatch(),
            m_worker.firstLine().constData());
        m_url = m_worker.url();
        const Answer a = send("POST", initialize(), mcpHeaders());
        QCOMPARE(a.status, 200);
        QVERIFY(!a.session.isEmpty());
        m_session = a.session;
    }

    void versionNegotiation_data()
    {
        QTest::addColumn<QString>("asked");
        QTest::addColumn<QString>("answered");
        QTest::newRow("latest") << "2025-11-25"
                                << "2025-11-25";
        QTest::newRow("older") << "2025-03-26"
                               << "2025-03-26";
        QTest::newRow("unknown") << "1999-01-01"
                                 << "2025-11-25";
    }
    void versionNegotiation()
    {
        QFETCH(QString, asked);
        QFETCH(QString, answered);
        const Answer a = send("POST", initialize(asked), mcpHeaders());
        QCOMPARE(a.status, 200);
        QCOMPARE(a.contentType, QByteArray("application/json"));
        const QJsonObject result
            = QJsonDocument::fromJson(a.body).object().value(QStringLiteral("result")).toObject();
        QCOMPARE(result.value(QStringLiteral("protocolVersion")).toString(), answered);
        QCOMPARE(result.value(QStringLiteral("serverInfo"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("raw"));
    }

    void refusals_data()
    {
        QTest::addColumn<QByteArray>("verb");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("accept");
        QTest::addColumn<QByteArray>("session");
        QTest::addColumn<int>("status");
        const QByteArray ping
            = JsonRpcMessage::request(QJsonValue(9), QStringLiteral("ping")).toBytes();
        const QByteArray both = "application/json, text/event-stream";
        QTest::newRow("wrong content type")
            << QByteArray("POST") << ping << QByteArray("text/plain") << both << QByteArray("own")
            << 415;
        QTest::newRow("accept json only")
            << QByteArray("POST") << ping << QByteArray("application/json")
            << QByteArray("application/json") << QByteArray("own") << 406;
        QTest::newRow("not json") << QByteArray("POST") << QByteArray("{oops")
                                  << QByteArray("application/json") << both << QByteArray("own")
                                  << 400;
        QTest::newRow("not json-rpc")
            << QByteArray("POST") << QByteArray("{\"hello\":1}") << QByteArray("application/json")
            << both << QByteArray("own") << 400;
        QTest::newRow("no session") << QByteArray("POST") << ping << QByteArray("application/json")
                                    << both << QByteArray() << 400;
        QTest::newRow("unknown session")
            << QByteArray("POST") << ping << QByteArray("application/json") << both
            << QByteArray("nope") << 404;
        QTest::newRow("PUT") << QByteArray("PUT") << ping << QByteArray("application/json") << both
                             << QByteArray("own") << 405;
        QTest::newRow("GET without event-stream")
            << QByteArray("GET") << QByteArray() << QByteArray() << QByteArray("application/json")
            << QByteArray("own") << 406;
        QTest::newRow("DELETE unknown session")
            << QByteArray("DELETE") << QByteArray() << QByteArray() << both << QByteArray("nope")
            << 404;
    }
    void refusals()
    {
        QFETCH(QByteArray, verb);
        QFETCH(QByteArray, body);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, accept);
        QFETCH(QByteArray, session);
        QFETCH(int, status);
        QList<QPair<QByteArray, QByteArray>> headers{{"Accept", accept}};
        if (!contentType.isEmpty())
            headers.append({"Content-Type", contentType});
        if (!session.isEmpty())
            headers.append({"Mcp-Session-Id", session == "own" ? m_session : session});
        const Answer a = send(verb, body, headers);
        QCOMPARE(a.status, status);
        if (status != 405)
            QVERIFY2(!JsonRpcMessage::parse(a.body).isEmpty(),
                     a.body.constData()); // a JSON-RPC error body
    }

    void notificationsGet202()
    {
        const Answer a = post(
            JsonRpcMessage::notification(QStringLiteral("notifications/initialized")), m_session);
        QCOMPARE(a.status, 202);
        QVERIFY(a.body.isEmpty());
    }

    void methodsAndErrors()
    {
        const Answer ping
            = post(JsonRpcMessage::request(QJsonValue(2), QStringLiteral("ping")), m_session);
        QCOMPARE(ping.status, 200);
        QCOMPARE(JsonRpcMessage::parse(ping.body).first().type, JsonRpcMessage::Type::Response);
        const Answer unknown = post(
            JsonRpcMessage::request(QJsonValue(3), QStringLiteral("nothing/here")), m_session);
        QCOMPARE(JsonRpcMessage::parse(unknown.body).first().errorCode, -32601);
        QJsonObject params;
        params.insert(QStringLiteral("name"), QStringLiteral("nope"));
        const Answer badTool
            = post(JsonRpcMessage::request(QJsonValue(4), QStringLiteral("tools/call"), params),
                   m_session);
        QCOMPARE(JsonRpcMessage::parse(badTool.body).first().errorCode, -32602);
        params.insert(QStringLiteral("name"), QStringLiteral("add"));
        params.insert(QStringLiteral("arguments"),
                      QJsonObject{{QStringLiteral("a"), QStringLiteral("x")}});
        const Answer badArgs
            = post(JsonRpcMessage::request(QJsonValue(5), QStringLiteral("tools/call"), params),
                   m_session);
        QVERIFY(JsonRpcMessage::parse(badArgs.body)
                    .first()
                    .result.toObject()
                    .value(QStringLiteral("isError"))
                    .toBool());
    }

    void progressAnswersWithAnEventStream()
    {
        QJsonObject params;
        params.insert(QStringLiteral("name"), QStringLiteral("progress"));
        params.insert(
            QStringLiteral("arguments"),
            QJsonObject{{QStringLiteral("steps"), 2}, {QStringLiteral("interval_ms"), 10}});
        params.insert(QStringLiteral("_meta"),
                      QJsonObject{{QStringLiteral("progressToken"), QStringLiteral("tok")}});
        const Answer a
            = post(JsonRpcMessage::request(QJsonValue(6), QStringLiteral("tools/call"), params),
                   m_session);
        QCOMPARE(a.status, 200);
        QCOMPARE(a.contentType, QByteArray("text/event-stream"));
        SseParser parser;
        const QList<SseEvent> events = parser.feed(a.body);
        QCOMPARE(events.size(), 3); // the priming event is not dispatched
        QCOMPARE(JsonRpcMessage::parse(events.at(0).data.toUtf8()).first().method,
                 QStringLiteral("notifications/progress"));
        QCOMPARE(JsonRpcMessage::parse(events.at(2).data.toUtf8()).first().id, QJsonValue(6));
        QVERIFY(parser.sawEventId());
    }

    void getStreamAndDelete()
    {
        const Answer fresh = send("POST", initialize(), mcpHeaders());
        const QByteArray session = fresh.session;
        QNetworkRequest request(m_url);
        request.setRawHeader("Accept", "text/event-stream");
        request.setRawHeader("Mcp-Session-Id", session);
        QNetworkReply *stream = m_network.get(request);
        QVERIFY(QTest::qWaitFor(
            [stream]() { return stream->bytesAvailable() > 0 || stream->isFinished(); }, 5000));
        QCOMPARE(stream->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt(), 200);
        QVERIFY(!stream->isFinished()); // it stays open
        // A second GET stream for the same session is refused.
        const Answer second
            = send("GET", {}, {{"Accept", "text/event-stream"}, {"Mcp-Session-Id", session}});
        QCOMPARE(second.status, 409);
        const Answer deleted = send("DELETE", {}, {{"Mcp-Session-Id", session}});
        QCOMPARE(deleted.status, 200);
        QVERIFY(QTest::qWaitFor([stream]() { return stream->isFinished(); },
                                5000)); // the stream ends with the session
        stream->deleteLater();
        const Answer after
            = post(JsonRpcMessage::request(QJsonValue(7), QStringLiteral("ping")), session);
        QCOMPARE(after.status, 404);
    }

    void survivesClientsThatHangUp()
    {
        // The client drops its GET stream, then ends the session.
        const QByteArray session = send("POST", initialize(), mcpHeaders()).session;
        QNetworkRequest request(m_url);
        request.setRawHeader("Accept", "text/event-stream");
        request.setRawHeader("Mcp-Session-Id", session);
        QNetworkReply *stream = m_network.get(request);
        QVERIFY(QTest::qWaitFor([stream]() { return stream->bytesAvailable() > 0; }, 5000));
        stream->abort();
        stream->deleteLater();
        // Lets the worker (another process) see the hang-up before the DELETE; it
        // shows nothing to wait for.
        QTest::qWait(100);
        QCOMPARE(send("DELETE", {}, {{"Mcp-Session-Id", session}}).status, 200);
        // A slow call whose client gives up before the answer.
        QJsonObject params;
        params.insert(QStringLiteral("name"), QStringLiteral("sleep"));
        params.insert(QStringLiteral("arguments"), QJsonObject{{QStringLiteral("ms"), 300}});
        send("POST",
             JsonRpcMessage::request(QJsonValue(8), QStringLiteral("tools/call"), params).toBytes(),
             mcpHeaders(m_session), 100);
        // Proves the worker does not fall over when it answers the gone client
        // (after its 300 ms sleep); nothing to wait for but that time.
        QTest::qWait(400);
        // Still serving.
        QCOMPARE(m_worker.process().state(), QProcess::Running);
        QCOMPARE(
            post(JsonRpcMessage::request(QJsonValue(9), QStringLiteral("ping")), m_session).status,
            200);
    }

    void commandLine_data()
    {
        QTest::addColumn<QStringList>("args");
        QTest::addColumn<int>("exitCode");
        QTest::addColumn<QString>("needle");
        QTest::newRow("help") << QStringList{QStringLiteral("--help")} << 0 << "--die-after";
        QTest::newRow("bad port") << QStringList{QStringLiteral("--port"), QStringLiteral("99999")}
                                  << 2 << "--port";
        QTest::newRow("bad error rate")
            << QStringList{QStringLiteral("--error-rate"), QStringLiteral("2")} << 2
            << "--error-rate";
        QTest::newRow("bad latency")
            << QStringList{QStringLiteral("--latency"), QStringLiteral("soon")} << 2 << "--latency";
        QTest::newRow("unknown option")
            << QStringList{QStringLiteral("--frobnicate")} << 2 << "frobnicate";
        QTest::newRow("bad host") << QStringList{QStringLiteral("--host"),
                                                 QStringLiteral("example.com")}
                                  << 2 << "--host";
    }
    void commandLine()
    {
        QFETCH(QStringList, args);
        QFETCH(int, exitCode);
        QFETCH(QString, needle);
        QByteArray output;
        QCOMPARE(runWorker(args, &output), exitCode);
        QVERIFY2(output.contains(needle.toUtf8()), output.constData());
    }
};

QTEST_GUILESS_MAIN(TestDemoWorker)
#include "tst_demoworker.moc"
