// The pool as one MCP server (McpEndpoint) against real demo workers on
// loopback, driven with raw HTTP so every byte is ours to check: both eras
// downstream (2025 sessions, 2026 stateless), whatever era each worker
// speaks; the fleet's union of tools and its list_changed; calls through the
// queue with _meta priority/timeout/pin; progress and logs on the call's
// stream; cancellation both ways; input a worker asks for relayed to the
// client of the call; the guard (Host, Origin, token) and malformed input.

#include "demoworkerprocess.h"
#include "fastpooloptions.h"

#include "host/httpexchange.h"
#include "host/mcpendpoint.h"
#include "pool/fleetcatalog.h"
#include "pool/serverpool.h"

#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTcpSocket>
#include <QTest>

#include <csignal>

using namespace mcppm;

namespace {

ServerPoolOptions fastOptions()
{
    ServerPoolOptions o = fastPoolOptions();
    o.queue.concurrentTasks = 8;
    o.shutdownGraceMs = 1000;
    return o;
}

// A match for Exchange::waitFor: a message with this JSON-RPC method.
std::function<bool(const QJsonObject &)> hasMethod(const QString &method)
{
    return [method](const QJsonObject &m) {
        return m.value(QStringLiteral("method")).toString() == method;
    };
}

// One HTTP exchange with the endpoint on its own connection. The answer is
// read as it comes: whole (Content-Length) or chunked; SSE events are parsed.
class Exchange
{
public:
    int status = 0;
    QHash<QByteArray, QByteArray> headers; // names lower case
    QByteArray body; // de-chunked
    QTcpSocket socket;

    bool send(quint16 port, const QByteArray &method, const QByteArray &payload,
              const QList<std::pair<QByteArray, QByteArray>> &extra)
    {
        socket.connectToHost(QHostAddress::LocalHost, port);
        if (!socket.waitForConnected(5000))
            return false;
        QByteArray out = method + " /mcp HTTP/1.1\r\n";
        bool host = false;
        for (const auto &h : extra) {
            out += h.first + ": " + h.second + "\r\n";
            host = host || h.first.toLower() == "host";
        }
        if (!host)
            out += "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n";
        if (!payload.isEmpty() || method == "POST")
            out += "Content-Length: " + QByteArray::number(payload.size()) + "\r\n";
        out += "\r\n" + payload;
        socket.write(out);
        return true;
    }
    // Reads what has come; true once the answer is complete.
    bool pump()
    {
        m_raw += socket.readAll();
        if (status == 0) {
            const qsizetype end = m_raw.indexOf("\r\n\r\n");
            if (end < 0)
                return false;
            const QList<QByteArray> lines = m_raw.left(end).split('\n');
            status = lines.first().split(' ').value(1).toInt();
            for (qsizetype i = 1; i < lines.size(); ++i) {
                const qsizetype colon = lines.at(i).indexOf(':');
                headers.insert(lines.at(i).left(colon).trimmed().toLower(),
                               lines.at(i).mid(colon + 1).trimmed());
            }
            m_raw.remove(0, end + 4);
        }
        if (headers.value("transfer-encoding") == "chunked") {
            while (true) {
                const qsizetype eol = m_raw.indexOf("\r\n");
                if (eol < 0)
                    return false;
                bool ok = false;
                const qsizetype size = m_raw.left(eol).toLongLong(&ok, 16);
                if (!ok || m_raw.size() < eol + 2 + size + 2)
                    return false;
                if (size == 0)
                    return true;
                body += m_raw.mid(eol + 2, size);
                m_raw.remove(0, eol + 2 + size + 2);
            }
        }
        const qsizetype length = headers.value("content-length", "-1").toLongLong();
        body += std::exchange(m_raw, {});
        return length >= 0 ? body.size() >= length
                           : socket.state() != QAbstractSocket::ConnectedState;
    }
    bool finish(int timeoutMs = 10000)
    {
        return QTest::qWaitFor([this]() { return pump(); }, timeoutMs);
    }
    // The JSON-RPC messages of an SSE body, or the one JSON body.
    QList<QJsonObject> messages() const
    {
        QList<QJsonObject> out;
        if (!headers.value("content-type").startsWith("text/event-stream")) {
            out << QJsonDocument::fromJson(body).object();
            return out;
        }
        for (const QByteArray &line : body.split('\n')) {
            if (line.startsWith("data: "))
                out << QJsonDocument::fromJson(line.mid(6)).object();
        }
        return out;
    }
    QJsonObject last() const
    {
        const QList<QJsonObject> all = messages();
        return all.isEmpty() ? QJsonObject() : all.last();
    }
    // Waits for an SSE message for which `match` holds.
    QJsonObject waitFor(const std::function<bool(const QJsonObject &)> &match,
                        int timeoutMs = 10000)
    {
        QJsonObject found;
        [[maybe_unused]] const bool seen = QTest::qWaitFor(
            [&]() {
                pump();
                for (const QJsonObject &m : messages()) {
                    if (match(m)) {
                        found = m;
                        return true;
                    }
                }
                return false;
            },
            timeoutMs);
        return found;
    }

private:
    QByteArray m_raw;
};

QByteArray json(const QJsonObject &o)
{
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QJsonObject request(const QJsonValue &id, const QString &method, QJsonObject params = {})
{
    QJsonObject r;
    r.insert(QStringLiteral("jsonrpc"), QStringLiteral("2.0"));
    r.insert(QStringLiteral("id"), id);
    r.insert(QStringLiteral("method"), method);
    r.insert(QStringLiteral("params"), params);
    return r;
}

QJsonObject stateUri() // (moc reads a slash pair in a raw string as a comment)
{
    QJsonObject o;
    o.insert(QStringLiteral("uri"),
             QString(QStringLiteral("demo:") + QStringLiteral("//state/current")));
    return o;
}

QJsonObject parse(const char *text)
{
    return QJsonDocument::fromJson(text).object();
}

// A 2026 request: its body and headers.
using ModernRequest = std::pair<QByteArray, QList<std::pair<QByteArray, QByteArray>>>;

// Posts it on a connection of its own; the last JSON-RPC message of the answer.
QJsonObject postTo(quint16 port, const ModernRequest &request)
{
    Exchange ex;
    if (!ex.send(port, "POST", request.first, request.second) || !ex.finish())
        return {};
    return ex.last();
}

// Client capabilities declaring the tasks extension (plus `more`).
QJsonObject withTasks(QJsonObject more = {})
{
    QJsonObject extensions;
    extensions.insert(QStringLiteral("io.modelcontextprotocol/tasks"), QJsonObject());
    more.insert(QStringLiteral("extensions"), extensions);
    return more;
}

} // namespace

class TestMcpEndpoint : public QObject
{
    Q_OBJECT

    DemoWorkerProcess m_legacy, m_modern;
    ServerPool *m_pool = nullptr;
    McpEndpoint *m_endpoint = nullptr;

    quint16 port() const { return m_endpoint->serverPort(); }

    // A 2025 session: initialize, then requests with its id.
    QByteArray openSession(const QJsonObject &capabilities = {},
                           const QString &name = QStringLiteral("tester"))
    {
        Exchange init;
        QJsonObject params;
        params.insert(QStringLiteral("protocolVersion"), QStringLiteral("2025-11-25"));
        params.insert(QStringLiteral("capabilities"), capabilities);
        QJsonObject info;
        info.insert(QStringLiteral("name"), name);
        info.insert(QStringLiteral("version"), QStringLiteral("1.0"));
        params.insert(QStringLiteral("clientInfo"), info);
        if (!init.send(port(), "POST", json(request(1, QStringLiteral("initialize"), params)),
                       jsonHeaders())
            || !init.finish() || init.status != 200)
            return {};
        return init.headers.value("mcp-session-id");
    }
    static QList<std::pair<QByteArray, QByteArray>> jsonHeaders()
    {
        return {{"Content-Type", "application/json"},
                {"Accept", "application/json, text/event-stream"}};
    }
    static QList<std::pair<QByteArray, QByteArray>> sessionHeaders(const QByteArray &session)
    {
        auto h = jsonHeaders();
        h.emplaceBack("Mcp-Session-Id", session);
        h.emplaceBack("MCP-Protocol-Version", "2025-11-25");
        return h;
    }
    // A 2026-07-28 request: _meta and the headers that mirror it.
    static ModernRequest modern(const QJsonValue &id, const QString &method,
                                QJsonObject params = {}, const QJsonObject &capabilities = {},
                                const QJsonObject &extraMeta = {})
    {
        QJsonObject meta = extraMeta;
        meta.insert(QStringLiteral("io.modelcontextprotocol/protocolVersion"),
                    QStringLiteral("2026-07-28"));
        meta.insert(QStringLiteral("io.modelcontextprotocol/clientCapabilities"), capabilities);
        meta.insert(QStringLiteral("io.modelcontextprotocol/clientInfo"),
                    parse(R"({"name":"modern-tester","version":"2.0"})"));
        params.insert(QStringLiteral("_meta"), meta);
        auto h = jsonHeaders();
        h.emplaceBack("MCP-Protocol-Version", "2026-07-28");
        h.emplaceBack("Mcp-Method", method.toUtf8());
        const QString name
            = params.value(QStringLiteral("name"))
                  .toString(params.value(QStringLiteral("uri"))
                                .toString(params.value(QStringLiteral("taskId")).toString()));
        if (!name.isEmpty())
            h.emplaceBack("Mcp-Name", name.toUtf8());
        return {json(request(id, method, params)), h};
    }
    QJsonObject call(const QByteArray &session, const QJsonObject &msg, Exchange *keep = nullptr)
    {
        Exchange local;
        Exchange &ex = keep ? *keep : local;
        if (!ex.send(port(), "POST", json(msg), sessionHeaders(session)) || !ex.finish())
            return {};
        return ex.last();
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_legacy.start({QStringLiteral("--name"), QStringLiteral("legacy"),
                                QStringLiteral("--era"), QStringLiteral("legacy"),
                                QStringLiteral("--prompt"), QStringLiteral("legacy_prompt")}));
        QVERIFY(m_modern.start({QStringLiteral("--name"), QStringLiteral("modern"),
                                QStringLiteral("--era"), QStringLiteral("modern"),
                                QStringLiteral("--resource-prefix"), QStringLiteral("demo://m")}));
        ServerPoolOptions options = fastOptions();
        options.logLevel = QStringLiteral("info");
        m_pool = new ServerPool(options, this);
        m_pool->initialize();
        McpEndpointOptions eo;
        eo.keepAliveMs = 1000;
        eo.taskAfterMs = 300; // calls of clients that take task handles: after 0.3 s
        m_endpoint
            = new McpEndpoint(m_pool, eo, this); // before the servers: they learn what it relays
        QVERIFY(m_pool->addServer(QStringLiteral("legacy"), m_legacy.url(), {}));
        QVERIFY(m_pool->addServer(QStringLiteral("modern"), m_modern.url(), {}));
        QVERIFY(m_endpoint->listen(QHostAddress::LocalHost, 0));
        QVERIFY(QTest::qWaitFor(
            [this]() {
                for (const QString &id : m_pool->serverIds()) {
                    if (!isInRotation(m_pool->healthMonitor()->status(id))
                        || !m_pool->catalog(id)->promptsLoaded())
                        return false;
                }
                return true;
            },
            10000));
        QVERIFY(m_endpoint->url().endsWith(QStringLiteral("/mcp")));
    }

    void cleanupTestCase() { m_endpoint->close(); }

    // 2025: initialize gives a session; lists are the fleet's union; a call
    // goes through the queue; DELETE ends the session.
    void legacySessionServesTheFleet()
    {
        const QByteArray session = openSession();
        QVERIFY(!session.isEmpty());
        QCOMPARE(session.size(), 32); // 128 random bits in hex
        const QJsonObject tools = call(session, request(2, QStringLiteral("tools/list")));
        const QJsonArray list = tools.value(QStringLiteral("result"))
                                    .toObject()
                                    .value(QStringLiteral("tools"))
                                    .toArray();
        // The union, each tool open to task-augmented calls (2025-11-25 tasks).
        QCOMPARE(list.size(), FleetCatalog::tools(*m_pool).size());
        QVERIFY(list.size() >= 5);
        for (const QJsonValue &tool : list)
            QCOMPARE(tool.toObject()
                         .value(QStringLiteral("execution"))
                         .toObject()
                         .value(QStringLiteral("taskSupport"))
                         .toString(),
                     QStringLiteral("optional"));
        // Each worker's own prompt and resources: the union has both.
        const QJsonObject prompts = call(session, request(3, QStringLiteral("prompts/list")));
        const QByteArray p = json(prompts);
        QVERIFY2(p.contains("\"legacy_prompt\"") && p.contains("\"greet\""), p.constData());
        const QJsonObject resources = call(session, request(4, QStringLiteral("resources/list")));
        QVERIFY2(json(resources).contains("demo://m"), json(resources).constData());
        QVERIFY(!json(resources).contains("resultType")); // 2026 fields stay out of 2025 answers

        const QJsonObject added = call(session,
                                       request(5, QStringLiteral("tools/call"),
                                               parse(R"({"name":"add","arguments":{"a":2,"b":40},
                                       "_meta":{"mcp-pool-monitor/priority":5}})")));
        QCOMPARE(added.value(QStringLiteral("id")).toInt(), 5);
        QCOMPARE(added.value(QStringLiteral("result"))
                     .toObject()
                     .value(QStringLiteral("structuredContent"))
                     .toObject()
                     .value(QStringLiteral("sum"))
                     .toDouble(),
                 42.0);
        // Pinned to each worker in turn: both eras of worker serve a 2025 client.
        for (const char *server : {"legacy", "modern"}) {
            QJsonObject params = parse(R"({"name":"echo","arguments":{"message":"hi"}})");
            QJsonObject meta;
            meta.insert(QStringLiteral("mcp-pool-monitor/server"), QLatin1String(server));
            params.insert(QStringLiteral("_meta"), meta);
            const QJsonObject echoed
                = call(session, request(6, QStringLiteral("tools/call"), params));
            QVERIFY2(json(echoed).contains("\"hi\"") && !json(echoed).contains("_meta"),
                     json(echoed).constData());
        }
        const QJsonObject read
            = call(session, request(7, QStringLiteral("resources/read"), stateUri()));
        QVERIFY2(json(read).contains("callsServed"), json(read).constData());
        const QJsonObject prompt
            = call(session,
                   request(8, QStringLiteral("prompts/get"),
                           parse(R"({"name":"legacy_prompt","arguments":{}})")));
        QVERIFY2(prompt.contains(QStringLiteral("result")), json(prompt).constData());
        QCOMPARE(call(session, request(9, QStringLiteral("ping")))
                     .value(QStringLiteral("result"))
                     .toObject(),
                 QJsonObject());

        Exchange del;
        QVERIFY(del.send(port(), "DELETE", {}, {{"Mcp-Session-Id", session}}));
        QVERIFY(del.finish());
        QCOMPARE(del.status, 200);
        Exchange after;
        QVERIFY(after.send(port(), "POST", json(request(10, QStringLiteral("tools/list"))),
                           sessionHeaders(session)));
        QVERIFY(after.finish());
        QCOMPARE(after.status, 404);
        QCOMPARE(after.last()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toInt(),
                 -32001);
    }

    // 2026-07-28: stateless requests checked like any 2026 server; discover.
    void modernRequestsAreServed()
    {
        auto [body, headers] = modern(1, QStringLiteral("server/discover"));
        Exchange discover;
        QVERIFY(discover.send(port(), "POST", body, headers));
        QVERIFY(discover.finish());
        QCOMPARE(discover.status, 200);
        const QJsonObject result = discover.last().value(QStringLiteral("result")).toObject();
        QCOMPARE(result.value(QStringLiteral("supportedVersions")).toArray().first().toString(),
                 QStringLiteral("2026-07-28"));
        QCOMPARE(result.value(QStringLiteral("resultType")).toString(), QStringLiteral("complete"));
        // SEP-2549 caching hints, which 2026 clients require.
        QVERIFY(result.value(QStringLiteral("ttlMs")).toDouble() > 0);
        QCOMPARE(result.value(QStringLiteral("cacheScope")).toString(), QStringLiteral("public"));
        QCOMPARE(result.value(QStringLiteral("_meta"))
                     .toObject()
                     .value(QStringLiteral("io.modelcontextprotocol/serverInfo"))
                     .toObject()
                     .value(QStringLiteral("name"))
                     .toString(),
                 QStringLiteral("mcp-pool-monitor"));

        auto [callBody, callHeaders] = modern(2, QStringLiteral("tools/call"),
                                              parse(R"({"name":"add","arguments":{"a":1,"b":2}})"));
        Exchange added;
        QVERIFY(added.send(port(), "POST", callBody, callHeaders));
        QVERIFY(added.finish());
        QVERIFY2(json(added.last()).contains("\"sum\":3"), json(added.last()).constData());
        // A header that does not mirror the body: refused as a 2026 server must.
        callHeaders.removeIf([](const auto &h) { return h.first == "Mcp-Name"; });
        callHeaders.emplaceBack("Mcp-Name", "echo");
        Exchange mismatch;
        QVERIFY(mismatch.send(port(), "POST", callBody, callHeaders));
        QVERIFY(mismatch.finish());
        QCOMPARE(mismatch.status, 400);
        QCOMPARE(mismatch.last()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toInt(),
                 -32020);
        // No ping in 2026.
        auto [pingBody, pingHeaders] = modern(3, QStringLiteral("ping"));
        Exchange ping;
        QVERIFY(ping.send(port(), "POST", pingBody, pingHeaders));
        QVERIFY(ping.finish());
        QCOMPARE(ping.last()
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toInt(),
                 -32601);
    }

    // 2025-11-25: a client that asks for a task (params.task) gets a handle
    // at once; tasks/get, tasks/list, tasks/result and tasks/cancel map to
    // the pool task; another session cannot see it.
    void legacyTaskHandlesMapThrough()
    {
        const QByteArray session = openSession();
        QVERIFY(!session.isEmpty());
        const QByteArray other = openSession();
        QJsonObject params
            = parse(R"({"name":"sleep","arguments":{"ms":300},"task":{"ttl":60000}})");
        const QJsonObject created = call(session, request(2, QStringLiteral("tools/call"), params));
        const QJsonObject task = created.value(QStringLiteral("result"))
                                     .toObject()
                                     .value(QStringLiteral("task"))
                                     .toObject();
        const QString id = task.value(QStringLiteral("taskId")).toString();
        QVERIFY2(QRegularExpression(QStringLiteral("^[0-9a-f]{32}$")).match(id).hasMatch(),
                 json(created).constData());
        QCOMPARE(task.value(QStringLiteral("status")).toString(), QStringLiteral("working"));
        QCOMPARE(task.value(QStringLiteral("ttl")).toInt(), 60000);
        QVERIFY(task.value(QStringLiteral("pollInterval")).toInt() > 0);
        QJsonObject byId;
        byId.insert(QStringLiteral("taskId"), id);
        const QJsonObject listed = call(session, request(3, QStringLiteral("tasks/list")));
        QVERIFY2(json(listed).contains(id.toUtf8()), json(listed).constData());
        // Not another session's.
        const QJsonObject stranger = call(other, request(4, QStringLiteral("tasks/get"), byId));
        QCOMPARE(stranger.value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toInt(),
                 -32602);
        QVERIFY(!json(call(other, request(5, QStringLiteral("tasks/list")))).contains(id.toUtf8()));
        // tasks/result waits for the end and carries the call's result.
        const QJsonObject outcome = call(session, request(6, QStringLiteral("tasks/result"), byId));
        const QJsonObject result = outcome.value(QStringLiteral("result")).toObject();
        QVERIFY2(json(result).contains("slept 300 ms") || json(result).contains("300"),
                 json(outcome).constData());
        QCOMPARE(result.value(QStringLiteral("_meta"))
                     .toObject()
                     .value(QStringLiteral("io.modelcontextprotocol/related-task"))
                     .toObject()
                     .value(QStringLiteral("taskId"))
                     .toString(),
                 id);
        const QJsonObject done = call(session, request(7, QStringLiteral("tasks/get"), byId));
        QCOMPARE(done.value(QStringLiteral("result"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("completed"));

        // Cancelled: the task says so, tasks/result gives the cancellation,
        // a second cancel is refused (it has ended), and the worker was told.
        params = parse(R"({"name":"sleep","arguments":{"ms":20000},"task":{}})");
        const QString longId = call(session, request(8, QStringLiteral("tools/call"), params))
                                   .value(QStringLiteral("result"))
                                   .toObject()
                                   .value(QStringLiteral("task"))
                                   .toObject()
                                   .value(QStringLiteral("taskId"))
                                   .toString();
        QVERIFY(!longId.isEmpty());
        QVERIFY(QTest::qWaitFor([this]() { return m_pool->queue()->stats().running > 0; }, 5000));
        byId.insert(QStringLiteral("taskId"), longId);
        // At most 16 tasks/result wait for one task; the rest are told so.
        std::vector<std::unique_ptr<Exchange>> waiting;
        QJsonObject refused;
        for (int i = 0; i < 40 && refused.isEmpty(); ++i) {
            auto ex = std::make_unique<Exchange>();
            QVERIFY(ex->send(port(), "POST",
                             json(request(100 + i, QStringLiteral("tasks/result"), byId)),
                             sessionHeaders(session)));
            if (i >= 16 && ex->finish(1000))
                refused = ex->last();
            waiting.push_back(std::move(ex));
        }
        QVERIFY2(json(refused).contains("wait for task"), json(refused).constData());
        const QJsonObject cancelled
            = call(session, request(9, QStringLiteral("tasks/cancel"), byId));
        QCOMPARE(cancelled.value(QStringLiteral("result"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("cancelled"));
        for (const auto &ex : waiting) { // the ones that waited hear the cancellation
            if (ex->status != 0)
                continue;
            QVERIFY(ex->finish());
            QCOMPARE(ex->last()
                         .value(QStringLiteral("error"))
                         .toObject()
                         .value(QStringLiteral("code"))
                         .toInt(),
                     -32800);
        }
        QCOMPARE(call(session, request(10, QStringLiteral("tasks/result"), byId))
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toInt(),
                 -32800);
        QCOMPARE(call(session, request(11, QStringLiteral("tasks/cancel"), byId))
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toInt(),
                 -32602);
        QVERIFY(QTest::qWaitFor([this]() { return m_pool->queue()->stats().running == 0; }, 5000));
    }

    // 2026-07-28: a client that declares the tasks extension gets a handle
    // for a call still running after taskAfterMs; quick calls and clients
    // without the extension get the result itself.
    void modernTaskHandlesMapThrough()
    {
        const QJsonObject caps = withTasks();
        const auto post = [this](const ModernRequest &m) { return postTo(port(), m); };
        const QJsonObject quick
            = post(modern(1, QStringLiteral("tools/call"),
                          parse(R"({"name":"add","arguments":{"a":2,"b":3}})"), caps));
        QCOMPARE(quick.value(QStringLiteral("result"))
                     .toObject()
                     .value(QStringLiteral("resultType"))
                     .toString(),
                 QStringLiteral("complete"));
        const QJsonObject plain = post(modern(2, QStringLiteral("tools/call"),
                                              parse(R"({"name":"sleep","arguments":{"ms":600}})")));
        QCOMPARE(plain.value(QStringLiteral("result"))
                     .toObject()
                     .value(QStringLiteral("resultType"))
                     .toString(),
                 QStringLiteral("complete"));
        const QJsonObject created
            = post(modern(3, QStringLiteral("tools/call"),
                          parse(R"({"name":"sleep","arguments":{"ms":900}})"), caps));
        const QJsonObject handle = created.value(QStringLiteral("result")).toObject();
        QCOMPARE(handle.value(QStringLiteral("resultType")).toString(), QStringLiteral("task"));
        QCOMPARE(handle.value(QStringLiteral("status")).toString(), QStringLiteral("working"));
        QVERIFY(!handle.value(QStringLiteral("createdAt")).toString().isEmpty());
        QVERIFY(handle.value(QStringLiteral("ttlMs")).toInt() > 0);
        QJsonObject byId;
        byId.insert(QStringLiteral("taskId"), handle.value(QStringLiteral("taskId")));
        // The routing header must name the task.
        auto [getBody, getHeaders] = modern(4, QStringLiteral("tasks/get"), byId, caps);
        getHeaders.removeIf([](const auto &h) { return h.first == "Mcp-Name"; });
        Exchange unnamed;
        QVERIFY(unnamed.send(port(), "POST", getBody, getHeaders));
        QVERIFY(unnamed.finish());
        QCOMPARE(unnamed.status, 400);
        QJsonObject state;
        QVERIFY(QTest::qWaitFor(
            [&]() {
                state = post(modern(5, QStringLiteral("tasks/get"), byId, caps))
                            .value(QStringLiteral("result"))
                            .toObject();
                return state.value(QStringLiteral("status")).toString() != QLatin1String("working");
            },
            10000));
        QCOMPARE(state.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
        QCOMPARE(state.value(QStringLiteral("resultType")).toString(), QStringLiteral("complete"));
        QVERIFY2(json(state.value(QStringLiteral("result")).toObject()).contains("900"),
                 json(state).constData());
        // Unknown ids and cancel of an ended task.
        QJsonObject unknown;
        unknown.insert(QStringLiteral("taskId"), QStringLiteral("0123"));
        QCOMPARE(post(modern(6, QStringLiteral("tasks/get"), unknown, caps))
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toInt(),
                 -32602);
        QVERIFY(post(modern(7, QStringLiteral("tasks/cancel"), byId, caps))
                    .contains(QStringLiteral("result")));
    }

    // Task status pushes (tasks extension): subscriptions/listen with taskIds gets
    // notifications/tasks, each the DetailedTask tasks/get would show, when the task
    // changes; an ended task's state comes at once; unknown ids are left out of the
    // acknowledgement; without the extension declared, taskIds is refused.
    void taskStatusPushesOnListenStreams()
    {
        const QJsonObject caps = withTasks();
        const auto post = [this](const ModernRequest &m) { return postTo(port(), m); };
        const auto isTaskNote = hasMethod(QStringLiteral("notifications/tasks"));
        const QJsonObject handle
            = post(modern(1, QStringLiteral("tools/call"),
                          parse(R"({"name":"sleep","arguments":{"ms":1200}})"), caps))
                  .value(QStringLiteral("result"))
                  .toObject();
        QCOMPARE(handle.value(QStringLiteral("resultType")).toString(), QStringLiteral("task"));
        const QString taskId = handle.value(QStringLiteral("taskId")).toString();

        // taskIds must be a list of ids.
        QCOMPARE(post(modern(9, QStringLiteral("subscriptions/listen"),
                             parse(R"({"notifications":{"taskIds":"all"}})"), caps))
                     .value(QStringLiteral("error"))
                     .toObject()
                     .value(QStringLiteral("code"))
                     .toInt(),
                 -32602);
        // Without the extension on the listen request: refused, with what it needs.
        const QJsonObject wanted{
            {QStringLiteral("notifications"),
             QJsonObject{{QStringLiteral("taskIds"), QJsonArray{taskId, QStringLiteral("nope")}}}}};
        const QJsonObject refused = post(modern(2, QStringLiteral("subscriptions/listen"), wanted));
        const QJsonObject error = refused.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toInt(),
                 McpError::MissingRequiredClientCapability);
        QVERIFY2(json(error.value(QStringLiteral("data")).toObject())
                     .contains("io.modelcontextprotocol/tasks"),
                 json(refused).constData());

        auto [body, headers] = modern(QStringLiteral("tasks-listen"),
                                      QStringLiteral("subscriptions/listen"), wanted, caps);
        Exchange listen;
        QVERIFY(listen.send(port(), "POST", body, headers));
        const QJsonObject ack
            = listen.waitFor(hasMethod(QStringLiteral("notifications/subscriptions/acknowledged")));
        QVERIFY2(!ack.isEmpty(), listen.body.constData());
        QCOMPARE(ack.value(QStringLiteral("params"))
                     .toObject()
                     .value(QStringLiteral("notifications"))
                     .toObject()
                     .value(QStringLiteral("taskIds"))
                     .toArray(),
                 QJsonArray{taskId}); // "nope" is no task of ours
        const QJsonObject done = listen.waitFor(
            [&](const QJsonObject &m) {
                return isTaskNote(m)
                    && m.value(QStringLiteral("params")).toObject().value(QStringLiteral("status"))
                    == QLatin1String("completed");
            },
            10000);
        QVERIFY2(!done.isEmpty(), listen.body.constData());
        const QJsonObject params = done.value(QStringLiteral("params")).toObject();
        QCOMPARE(params.value(QStringLiteral("taskId")).toString(), taskId);
        QVERIFY(!params.contains(QStringLiteral("resultType")));
        QVERIFY2(json(params.value(QStringLiteral("result")).toObject()).contains("1200"),
                 json(params).constData());
        QCOMPARE(params.value(QStringLiteral("_meta"))
                     .toObject()
                     .value(QStringLiteral("io.modelcontextprotocol/subscriptionId"))
                     .toString(),
                 QStringLiteral("tasks-listen"));
        // The same as tasks/get shows now (apart from resultType and _meta).
        QJsonObject got = post(modern(3, QStringLiteral("tasks/get"),
                                      QJsonObject{{QStringLiteral("taskId"), taskId}}, caps))
                              .value(QStringLiteral("result"))
                              .toObject();
        got.remove(QStringLiteral("resultType"));
        got.remove(QStringLiteral("_meta"));
        QJsonObject pushed = params;
        pushed.remove(QStringLiteral("_meta"));
        QCOMPARE(pushed, got);

        // Listening to a task that has ended already: its state comes right after the ack.
        auto [late, lateHeaders]
            = modern(QStringLiteral("late"), QStringLiteral("subscriptions/listen"), wanted, caps);
        Exchange after;
        QVERIFY(after.send(port(), "POST", late, lateHeaders));
        const QJsonObject again = after.waitFor(isTaskNote, 5000);
        QVERIFY2(!again.isEmpty(), after.body.constData());
        QCOMPARE(again.value(QStringLiteral("params"))
                     .toObject()
                     .value(QStringLiteral("status"))
                     .toString(),
                 QStringLiteral("completed"));
    }

    // A push that overruns one stream's backlog closes that stream while the endpoint
    // writes to every listening stream: the others still get it and nothing breaks (this
    // crashed serve when the closed stream was removed from the list being walked).
    void streamClosedDuringAPushLeavesTheOthers()
    {
        DemoWorkerProcess worker;
        QVERIFY(worker.start({QStringLiteral("--name"), QStringLiteral("paused"),
                              QStringLiteral("--era"), QStringLiteral("modern")}));
        ServerPool pool(fastOptions());
        pool.initialize();
        McpEndpointOptions eo;
        eo.taskAfterMs = 0; // every call of a task-aware client is a task
        eo.limits.maxStreamBacklogBytes = 2048; // an acknowledgement fits, a 6 KB result not
        McpEndpoint endpoint(&pool, eo);
        QVERIFY(pool.addServer(QStringLiteral("paused"), worker.url(), {}));
        QVERIFY(endpoint.listen(QHostAddress::LocalHost, 0));
        QVERIFY(QTest::qWaitFor(
            [&]() {
                return isInRotation(pool.healthMonitor()->status(QStringLiteral("paused")))
                    && json(QJsonObject{{QStringLiteral("t"), FleetCatalog::tools(pool)}})
                           .contains("\"echo\"");
            },
            10000));
        const quint16 p = endpoint.serverPort();
        const QJsonObject caps = withTasks();
        // The worker holds the call until both listeners are there.
        const qint64 pid = worker.process().processId();
        QVERIFY(pid > 0 && ::kill(pid_t(pid), SIGSTOP) == 0);
        auto resume = qScopeGuard([pid]() { ::kill(pid_t(pid), SIGCONT); });
        const QString big(6000, QLatin1Char('x'));
        const QJsonObject reply
            = postTo(p,
                     modern(1, QStringLiteral("tools/call"),
                            QJsonObject{{QStringLiteral("name"), QStringLiteral("echo")},
                                        {QStringLiteral("arguments"),
                                         QJsonObject{{QStringLiteral("message"), big}}}},
                            caps));
        const QString taskId = reply.value(QStringLiteral("result"))
                                   .toObject()
                                   .value(QStringLiteral("taskId"))
                                   .toString();
        QVERIFY2(!taskId.isEmpty(), json(reply).left(600).constData());
        const QJsonObject wanted{{QStringLiteral("notifications"),
                                  QJsonObject{{QStringLiteral("taskIds"), QJsonArray{taskId}},
                                              {QStringLiteral("toolsListChanged"), true}}}};
        Exchange first, second;
        for (Exchange *listen : {&first, &second}) {
            auto [body, headers]
                = modern(QStringLiteral("l"), QStringLiteral("subscriptions/listen"), wanted, caps);
            QVERIFY(listen->send(p, "POST", body, headers));
            QVERIFY(!listen
                         ->waitFor(
                             hasMethod(QStringLiteral("notifications/subscriptions/acknowledged")))
                         .isEmpty());
        }
        QCOMPARE(endpoint.stats().streams, 2);
        ::kill(pid_t(pid), SIGCONT);
        resume.dismiss();
        // The result is over the backlog bound: both streams are cut off, one by one.
        QVERIFY(QTest::qWaitFor([&]() { return endpoint.stats().streams == 0; }, 10000));
        // And the endpoint goes on: the task's state is there to poll.
        const QJsonObject state
            = postTo(p,
                     modern(2, QStringLiteral("tasks/get"),
                            QJsonObject{{QStringLiteral("taskId"), taskId}}, caps))
                  .value(QStringLiteral("result"))
                  .toObject();
        QCOMPARE(state.value(QStringLiteral("status")).toString(), QStringLiteral("completed"));
    }

    // Input a worker asks for while a 2026 call runs as a task: tasks/get
    // shows it (input_required, inputRequests), tasks/update answers it. And
    // the pool's own client follows such a task to its result (Mcp-Name
    // names the task on tasks/get).
    void inputDuringATaskAndOurClientFollowsTasks()
    {
        ServerPool pool(fastOptions());
        pool.initialize();
        McpEndpointOptions eo;
        eo.taskAfterMs = 0; // every call of a task-aware client is a task
        McpEndpoint endpoint(&pool, eo);
        QVERIFY(pool.addServer(QStringLiteral("modern"), m_modern.url(), {}));
        QVERIFY(endpoint.listen(QHostAddress::LocalHost, 0));
        QVERIFY(QTest::qWaitFor(
            [&]() { return isInRotation(pool.healthMonitor()->status(QStringLiteral("modern"))); },
            10000));
        const QJsonObject caps = withTasks(parse(R"({"elicitation":{}})"));
        const quint16 p = endpoint.serverPort();
        const auto post = [p](const ModernRequest &m) { return postTo(p, m); };
        const QJsonObject handle
            = post(modern(1, QStringLiteral("tools/call"),
                          parse(R"({"name":"ask_name","arguments":{}})"), caps))
                  .value(QStringLiteral("result"))
                  .toObject();
        QCOMPARE(handle.value(QStringLiteral("resultType")).toString(), QStringLiteral("task"));
        QJsonObject byId;
        byId.insert(QStringLiteral("taskId"), handle.value(QStringLiteral("taskId")));
        QJsonObject state;
        QVERIFY(QTest::qWaitFor(
            [&]() {
                state = post(modern(2, QStringLiteral("tasks/get"), byId, caps))
                            .value(QStringLiteral("result"))
                            .toObject();
                return state.value(QStringLiteral("status")).toString()
                    == QLatin1String("input_required");
            },
            10000));
        const QJsonObject requests = state.value(QStringLiteral("inputRequests")).toObject();
        QCOMPARE(requests.size(), 1);
        const QString key = requests.keys().first();
        QCOMPARE(requests.value(key).toObject().value(QStringLiteral("method")).toString(),
                 QStringLiteral("elicitation/create"));
        QJsonObject update = byId;
        QJsonObject responses;
        responses.insert(key, parse(R"({"action":"accept","content":{"name":"Grace"}})"));
        update.insert(QStringLiteral("inputResponses"), responses);
        QVERIFY(post(modern(3, QStringLiteral("tasks/update"), update, caps))
                    .contains(QStringLiteral("result")));
        QVERIFY(QTest::qWaitFor(
            [&]() {
                state = post(modern(4, QStringLiteral("tasks/get"), byId, caps))
                            .value(QStringLiteral("result"))
                            .toObject();
                return state.value(QStringLiteral("status")).toString()
                    == QLatin1String("completed");
            },
            10000));
        QVERIFY2(json(state).contains("Grace"), json(state).constData());

        // Our own client, in front: it follows the endpoint's task handles.
        ServerPool front(fastOptions());
        front.initialize();
        ServerOptions modernOnly;
        modernOnly.protocol = McpClientOptions::ProtocolMode::Modern;
        QVERIFY(front.addServer(QStringLiteral("pool"), QUrl(endpoint.url()), {}, modernOnly));
        QVERIFY(QTest::qWaitFor(
            [&]() { return isInRotation(front.healthMonitor()->status(QStringLiteral("pool"))); },
            10000));
        QSignalSpy done(&front, &ServerPool::taskCompleted);
        QSignalSpy failed(&front, &ServerPool::taskFailed);
        front.callTool(QStringLiteral("echo"), parse(R"({"message":"through a task"})"));
        QVERIFY(QTest::qWaitFor([&]() { return done.size() + failed.size() > 0; }, 10000));
        QCOMPARE(failed.size(), 0);
        QVERIFY(json(done.first().at(1).toJsonObject()).contains("through a task"));
        QVERIFY(QTest::qWaitFor([&]() { return endpoint.stats().methods.size() > 0; }, 1000));
        bool polled = false;
        for (const EndpointMethodStats &m : endpoint.stats().methods)
            polled = polled || (m.method == QLatin1String("tasks/get") && m.requests > 0);
        QVERIFY(polled);
        front.shutdown();
        pool.shutdown();
    }

    // The lists are kept between requests and follow the fleet: a server
    // taken out of the pool takes what only it offered along.
    void unionsFollowServerRemoval()
    {
        ServerPool pool(fastOptions());
        pool.initialize();
        McpEndpoint endpoint(&pool, McpEndpointOptions());
        QVERIFY(pool.addServer(QStringLiteral("legacy"), m_legacy.url(), {}));
        QVERIFY(pool.addServer(QStringLiteral("modern"), m_modern.url(), {}));
        QVERIFY(endpoint.listen(QHostAddress::LocalHost, 0));
        const quint16 p = endpoint.serverPort();
        const auto prompts = [p]() {
            auto [body, headers] = modern(1, QStringLiteral("prompts/list"));
            Exchange ex;
            if (!ex.send(p, "POST", body, headers) || !ex.finish())
                return QByteArray();
            return json(ex.last());
        };
        QVERIFY(QTest::qWaitFor([&]() { return prompts().contains("\"legacy_prompt\""); }, 10000));
        QVERIFY(pool.removeServer(QStringLiteral("legacy")));
        QVERIFY(QTest::qWaitFor([&]() { return !prompts().contains("\"legacy_prompt\""); }, 5000));
        QVERIFY(prompts().contains("\"greet\""));
        pool.shutdown();
    }

    // Progress from the worker reaches the client with the client's token;
    // log messages at the client's level ride along.
    void progressAndLogsPassThrough()
    {
        const QByteArray session = openSession();
        QVERIFY(call(session,
                     request(2, QStringLiteral("logging/setLevel"), parse(R"({"level":"info"})")))
                    .contains(QStringLiteral("result")));
        Exchange ex;
        const QJsonObject result = call(session,
                                        request(3, QStringLiteral("tools/call"),
                                                parse(R"({"name":"progress","arguments":{"steps":3},
                     "_meta":{"progressToken":"tok-1","mcp-pool-monitor/server":"modern"}})")),
                                        &ex);
        QVERIFY2(result.contains(QStringLiteral("result")), ex.body.constData());
        QCOMPARE(ex.headers.value("content-type"), QByteArray("text/event-stream"));
        int progress = 0, logs = 0;
        for (const QJsonObject &m : ex.messages()) {
            const QString method = m.value(QStringLiteral("method")).toString();
            if (method == QLatin1String("notifications/progress")) {
                ++progress;
                QCOMPARE(m.value(QStringLiteral("params"))
                             .toObject()
                             .value(QStringLiteral("progressToken"))
                             .toString(),
                         QStringLiteral("tok-1"));
            } else if (method == QLatin1String("notifications/message")) {
                ++logs;
            }
        }
        QCOMPARE(progress, 3);
        QVERIFY2(logs >= 1, ex.body.constData());
        QCOMPARE(ex.messages().last().value(QStringLiteral("id")).toInt(), 3);
    }

    // A 2025 client cancels with notifications/cancelled; a 2026 client by
    // closing the request's stream. Either way the task ends cancelled.
    void cancellationPassesThrough()
    {
        QSignalSpy failed(m_pool, &ServerPool::taskFailed);
        const QByteArray session = openSession();
        Exchange sleeping;
        QVERIFY(sleeping.send(port(), "POST",
                              json(request(QStringLiteral("s-1"), QStringLiteral("tools/call"),
                                           parse(R"({"name":"sleep","arguments":{"ms":8000}})"))),
                              sessionHeaders(session)));
        // The call runs (answers are JSON until something has to come first).
        QVERIFY(QTest::qWaitFor([&]() { return m_pool->queue()->stats().running > 0; }, 5000));
        Exchange cancel;
        QJsonObject note;
        note.insert(QStringLiteral("jsonrpc"), QStringLiteral("2.0"));
        note.insert(QStringLiteral("method"), QStringLiteral("notifications/cancelled"));
        note.insert(QStringLiteral("params"), parse(R"({"requestId":"s-1","reason":"test"})"));
        QVERIFY(cancel.send(port(), "POST", json(note), sessionHeaders(session)));
        QVERIFY(cancel.finish());
        QCOMPARE(cancel.status, 202);
        QVERIFY(sleeping.finish(5000)); // no result: "cancelled"
        QVERIFY2(!sleeping.body.contains("\"result\"") && sleeping.body.contains("-32800"),
                 sleeping.body.constData());
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 5000);
        QCOMPARE(failed.last().at(1).value<McpError>().kind, McpError::Kind::Cancelled);

        failed.clear();
        auto [body, headers] = modern(7, QStringLiteral("tools/call"),
                                      parse(R"({"name":"sleep","arguments":{"ms":8000}})"));
        {
            Exchange hangUp;
            QVERIFY(hangUp.send(port(), "POST", body, headers));
            QVERIFY(QTest::qWaitFor([&]() { return m_pool->queue()->stats().running > 0; }, 5000));
            hangUp.socket.abort();
        }
        QTRY_VERIFY_WITH_TIMEOUT(!failed.isEmpty(), 5000);
        QCOMPARE(failed.last().at(1).value<McpError>().kind, McpError::Kind::Cancelled);
        const EndpointStats stats = m_endpoint->stats();
        qint64 cancelled = 0;
        for (const EndpointClientStats &c : stats.clients)
            cancelled += c.cancelled;
        QVERIFY(cancelled >= 2);
    }

    // A worker asks for input (ask_name): the client of the call answers it,
    // for both eras of client and both eras of worker.
    void inputReachesTheClientOfTheCall_data()
    {
        QTest::addColumn<QString>("server");
        QTest::newRow("legacy worker") << QStringLiteral("legacy");
        QTest::newRow("modern worker") << QStringLiteral("modern");
    }
    void inputReachesTheClientOfTheCall()
    {
        QFETCH(QString, server);
        QJsonObject pin;
        pin.insert(QStringLiteral("mcp-pool-monitor/server"), server);
        // 2025 client: a request on the call's stream, answered with a POST.
        const QByteArray session = openSession(parse(R"({"elicitation":{}})"));
        QJsonObject params = parse(R"({"name":"ask_name","arguments":{}})");
        params.insert(QStringLiteral("_meta"), pin);
        Exchange asking;
        QVERIFY(asking.send(port(), "POST", json(request(1, QStringLiteral("tools/call"), params)),
                            sessionHeaders(session)));
        const QJsonObject ask = asking.waitFor(hasMethod(QStringLiteral("elicitation/create")));
        QVERIFY2(!ask.isEmpty(), asking.body.constData());
        QJsonObject answer;
        answer.insert(QStringLiteral("jsonrpc"), QStringLiteral("2.0"));
        answer.insert(QStringLiteral("id"), ask.value(QStringLiteral("id")));
        answer.insert(QStringLiteral("result"),
                      parse(R"({"action":"accept","content":{"name":"Ada"}})"));
        Exchange answering;
        QVERIFY(answering.send(port(), "POST", json(answer), sessionHeaders(session)));
        QVERIFY(answering.finish());
        QCOMPARE(answering.status, 202);
        QVERIFY(asking.finish());
        QVERIFY2(asking.body.contains("Hello, Ada!"), asking.body.constData());

        // 2026 client: input_required with the pool's requestState, then the retry.
        auto [body, headers]
            = modern(2, QStringLiteral("tools/call"), params, parse(R"({"elicitation":{}})"));
        Exchange first;
        QVERIFY(first.send(port(), "POST", body, headers));
        QVERIFY(first.finish());
        const QJsonObject required = first.last().value(QStringLiteral("result")).toObject();
        QCOMPARE(required.value(QStringLiteral("resultType")).toString(),
                 QStringLiteral("input_required"));
        const QJsonObject inputs = required.value(QStringLiteral("inputRequests")).toObject();
        QCOMPARE(inputs.size(), 1);
        const QString key = inputs.keys().first();
        QCOMPARE(inputs.value(key).toObject().value(QStringLiteral("method")).toString(),
                 QStringLiteral("elicitation/create"));
        QJsonObject retry = params;
        retry.insert(QStringLiteral("requestState"),
                     required.value(QStringLiteral("requestState")));
        QJsonObject responses;
        responses.insert(key, parse(R"({"action":"accept","content":{"name":"Grace"}})"));
        retry.insert(QStringLiteral("inputResponses"), responses);
        auto [retryBody, retryHeaders]
            = modern(3, QStringLiteral("tools/call"), retry, parse(R"({"elicitation":{}})"));
        Exchange second;
        QVERIFY(second.send(port(), "POST", retryBody, retryHeaders));
        QVERIFY(second.finish());
        QVERIFY2(second.body.contains("Hello, Grace!"), second.body.constData());
        // The same state again: used up.
        Exchange replay;
        QVERIFY(replay.send(port(), "POST", retryBody, retryHeaders));
        QVERIFY(replay.finish());
        QVERIFY2(replay.body.contains("requestState is unknown or expired"),
                 replay.body.constData());

        // A client that did not declare elicitation: the worker hears so at once.
        const QByteArray plain = openSession();
        const QJsonObject refused = call(plain, request(4, QStringLiteral("tools/call"), params));
        QVERIFY2(!json(refused).contains("Hello"), json(refused).constData());
    }

    // The union changes (a worker adds a tool): list_changed on a 2025 GET
    // stream and on a 2026 subscriptions/listen stream, tagged with its id.
    void listChangedReachesListeners()
    {
        const QByteArray session = openSession();
        Exchange get;
        QVERIFY(get.send(port(), "GET", {},
                         {{"Accept", "text/event-stream"}, {"Mcp-Session-Id", session}}));
        QVERIFY(QTest::qWaitFor([&]() { return get.pump() || get.status == 200; }, 5000));
        QCOMPARE(get.headers.value("content-type"), QByteArray("text/event-stream"));
        auto [body, headers]
            = modern(QStringLiteral("listen-1"), QStringLiteral("subscriptions/listen"),
                     parse(R"({"notifications":{"toolsListChanged":true}})"));
        Exchange listen;
        QVERIFY(listen.send(port(), "POST", body, headers));
        const QJsonObject ack
            = listen.waitFor(hasMethod(QStringLiteral("notifications/subscriptions/acknowledged")));
        QVERIFY2(!ack.isEmpty(), listen.body.constData());
        const bool hadFlip = json(QJsonObject{{QStringLiteral("t"), FleetCatalog::tools(*m_pool)}})
                                 .contains("\"flip\"");
        // toggle_tool on one worker adds (or removes) "flip": the union changes.
        const QByteArray other = openSession();
        call(other,
             request(2, QStringLiteral("tools/call"), parse(R"({"name":"toggle_tool","arguments":{},
                                      "_meta":{"mcp-pool-monitor/server":"legacy"}})")));
        const auto isToolsChanged = hasMethod(QStringLiteral("notifications/tools/list_changed"));
        QVERIFY2(!get.waitFor(isToolsChanged).isEmpty(), get.body.constData());
        const QJsonObject tagged = listen.waitFor(isToolsChanged);
        QVERIFY2(!tagged.isEmpty(), listen.body.constData());
        QCOMPARE(tagged.value(QStringLiteral("params"))
                     .toObject()
                     .value(QStringLiteral("_meta"))
                     .toObject()
                     .value(QStringLiteral("io.modelcontextprotocol/subscriptionId"))
                     .toString(),
                 QStringLiteral("listen-1"));
        const bool hasFlip = json(QJsonObject{{QStringLiteral("t"), FleetCatalog::tools(*m_pool)}})
                                 .contains("\"flip\"");
        QVERIFY(hadFlip != hasFlip);
        // A second GET stream for the same session: 409.
        Exchange second;
        QVERIFY(second.send(port(), "GET", {},
                            {{"Accept", "text/event-stream"}, {"Mcp-Session-Id", session}}));
        QVERIFY(second.finish());
        QCOMPARE(second.status, 409);
    }

    void malformedInputGetsClearErrors_data()
    {
        QTest::addColumn<QByteArray>("method");
        QTest::addColumn<QByteArray>("contentType");
        QTest::addColumn<QByteArray>("session");
        QTest::addColumn<QByteArray>("body");
        QTest::addColumn<int>("status");
        QTest::addColumn<int>("code");
        QTest::addColumn<QByteArray>("versionHeader");
        QTest::newRow("not json") << QByteArray("POST") << QByteArray("application/json")
                                  << QByteArray() << QByteArray("{nope") << 400 << -32700
                                  << QByteArray();
        QTest::newRow("batch") << QByteArray("POST") << QByteArray("application/json")
                               << QByteArray()
                               << QByteArray(R"([{"jsonrpc":"2.0","id":1,"method":"ping"}])") << 400
                               << -32600 << QByteArray();
        QTest::newRow("not json-rpc")
            << QByteArray("POST") << QByteArray("application/json") << QByteArray()
            << QByteArray(R"({"hello":1})") << 400 << -32600 << QByteArray();
        QTest::newRow("content type")
            << QByteArray("POST") << QByteArray("text/plain") << QByteArray() << QByteArray("{}")
            << 415 << -32600 << QByteArray();
        QTest::newRow("no session")
            << QByteArray("POST") << QByteArray("application/json") << QByteArray()
            << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})") << 400 << -32600
            << QByteArray();
        QTest::newRow("unknown session")
            << QByteArray("POST") << QByteArray("application/json")
            << QByteArray("0123456789abcdef0123456789abcdef")
            << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"tools/list"})") << 404 << -32001
            << QByteArray();
        QTest::newRow("2026 without headers")
            << QByteArray("POST") << QByteArray("application/json") << QByteArray()
            << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":
                 {"io.modelcontextprotocol/protocolVersion":"2026-07-28",
                  "io.modelcontextprotocol/clientCapabilities":{}}}})")
            << 400 << -32020 << QByteArray();
        QTest::newRow("2026 without capabilities")
            << QByteArray("POST") << QByteArray("application/json") << QByteArray()
            << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":
                 {"io.modelcontextprotocol/protocolVersion":"2026-07-28"}}})")
            << 400 << 0 << QByteArray();
        QTest::newRow("unsupported version")
            << QByteArray("POST") << QByteArray("application/json") << QByteArray()
            << QByteArray(R"({"jsonrpc":"2.0","id":1,"method":"tools/list","params":{"_meta":
                 {"io.modelcontextprotocol/protocolVersion":"2031-01-01",
                  "io.modelcontextprotocol/clientCapabilities":{}}}})")
            << 400 << -32022 << QByteArray("2031-01-01");
        QTest::newRow("put") << QByteArray("PUT") << QByteArray("application/json") << QByteArray()
                             << QByteArray("{}") << 405 << 0 << QByteArray();
        QTest::newRow("get without session") << QByteArray("GET") << QByteArray() << QByteArray()
                                             << QByteArray() << 405 << 0 << QByteArray();
    }
    void malformedInputGetsClearErrors()
    {
        QFETCH(QByteArray, method);
        QFETCH(QByteArray, contentType);
        QFETCH(QByteArray, session);
        QFETCH(QByteArray, body);
        QFETCH(int, status);
        QFETCH(int, code);
        QFETCH(QByteArray, versionHeader);
        QList<std::pair<QByteArray, QByteArray>> headers{
            {"Accept", "application/json, text/event-stream"}};
        if (!versionHeader.isEmpty()) {
            headers.emplaceBack("MCP-Protocol-Version", versionHeader);
            headers.emplaceBack("Mcp-Method", "tools/list");
        }
        if (!contentType.isEmpty())
            headers.emplaceBack("Content-Type", contentType);
        if (!session.isEmpty())
            headers.emplaceBack("Mcp-Session-Id", session);
        Exchange ex;
        QVERIFY(ex.send(port(), method, body, headers));
        QVERIFY(ex.finish());
        QCOMPARE(ex.status, status);
        if (code != 0) {
            const QJsonObject error = ex.last().value(QStringLiteral("error")).toObject();
            QCOMPARE(error.value(QStringLiteral("code")).toInt(), code);
            QVERIFY(!error.value(QStringLiteral("message")).toString().isEmpty());
        }
    }

    void badCallParametersGetClearErrors_data()
    {
        QTest::addColumn<QByteArray>("params");
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown tool")
            << QByteArray(R"({"name":"nope"})") << QStringLiteral("Unknown tool: nope");
        QTest::newRow("arguments") << QByteArray(R"({"name":"echo","arguments":[1]})")
                                   << QStringLiteral("arguments must be an object");
        QTest::newRow("priority") << QByteArray(R"({"name":"echo","arguments":{},
                                     "_meta":{"mcp-pool-monitor/priority":"high"}})")
                                  << QStringLiteral("must be an integer");
        QTest::newRow("pin") << QByteArray(R"({"name":"echo","arguments":{},
                                "_meta":{"mcp-pool-monitor/server":"ghost"}})")
                             << QStringLiteral("no server \"ghost\"");
        QTest::newRow("cursor") << QByteArray() << QStringLiteral("unknown cursor");
    }
    void badCallParametersGetClearErrors()
    {
        QFETCH(QByteArray, params);
        QFETCH(QString, message);
        const QByteArray session = openSession();
        const QJsonObject answer = params.isEmpty()
            ? call(session, request(1, QStringLiteral("tools/list"), parse(R"({"cursor":"abc"})")))
            : call(
                session,
                request(1, QStringLiteral("tools/call"), QJsonDocument::fromJson(params).object()));
        const QJsonObject error = answer.value(QStringLiteral("error")).toObject();
        QCOMPARE(error.value(QStringLiteral("code")).toInt(), -32602);
        QVERIFY2(error.value(QStringLiteral("message")).toString().contains(message),
                 json(answer).constData());
    }

    // DNS rebinding and browsers: Host and Origin must be loopback (or allowed);
    // with a token, it is required; a non-loopback bind needs one.
    void guardRefusesStrangers()
    {
        Exchange host;
        QVERIFY(host.send(port(), "POST", json(request(1, QStringLiteral("ping"))),
                          {{"Host", "evil.example:80"}, {"Content-Type", "application/json"}}));
        QVERIFY(host.finish());
        QCOMPARE(host.status, 403);
        Exchange origin;
        QVERIFY(
            origin.send(port(), "POST", json(request(1, QStringLiteral("ping"))),
                        {{"Origin", "http://evil.example"}, {"Content-Type", "application/json"}}));
        QVERIFY(origin.finish());
        QCOMPARE(origin.status, 403);
        Exchange local;
        QVERIFY(local.send(
            port(), "POST", json(request(1, QStringLiteral("tools/list"))),
            {{"Origin", "http://localhost:3000"}, {"Content-Type", "application/json"}}));
        QVERIFY(local.finish());
        QCOMPARE(local.status, 400); // past the guard: no session
        QVERIFY(m_endpoint->stats().refused >= 2);

        ServerPool empty(fastOptions()); // an endpoint per pool
        McpEndpointOptions open;
        McpEndpoint exposed(&empty, open);
        QString why;
        QVERIFY(!exposed.listen(QHostAddress::AnyIPv4, 0, &why));
        QVERIFY2(why.contains(QStringLiteral("bearer token")), qPrintable(why));

        McpEndpointOptions locked;
        locked.access.bearerToken = "s3cret-token";
        McpEndpoint guarded(&empty, locked);
        QVERIFY(guarded.listen(QHostAddress::LocalHost, 0));
        for (const QByteArray &auth :
             {QByteArray(), QByteArray("Bearer wrong"), QByteArray("Basic s3cret-token")}) {
            Exchange ex;
            auto headers = jsonHeaders();
            if (!auth.isEmpty())
                headers.emplaceBack("Authorization", auth);
            QVERIFY(ex.send(guarded.serverPort(), "POST",
                            json(request(1, QStringLiteral("initialize"),
                                         parse(R"({"protocolVersion":"2025-11-25"})"))),
                            headers));
            QVERIFY(ex.finish());
            QCOMPARE(ex.status, 401);
            QVERIFY(ex.headers.value("www-authenticate").startsWith("Bearer"));
            QVERIFY(!ex.body.contains("s3cret"));
        }
        Exchange ok;
        auto headers = jsonHeaders();
        headers.emplaceBack("Authorization", "Bearer s3cret-token");
        QVERIFY(ok.send(guarded.serverPort(), "POST",
                        json(request(1, QStringLiteral("initialize"),
                                     parse(R"({"protocolVersion":"2025-11-25"})"))),
                        headers));
        QVERIFY(ok.finish());
        QCOMPARE(ok.status, 200);
        guarded.close();
    }

    // Who called what, for Prometheus and the GUI.
    void countsClientsAndMethods()
    {
        const EndpointStats stats = m_endpoint->stats();
        bool tester = false, modernTester = false;
        for (const EndpointClientStats &c : stats.clients) {
            if (c.name == QLatin1String("tester")) {
                tester = true;
                QVERIFY(c.requests > 5);
                QVERIFY(c.toolCalls > 2);
                QCOMPARE(c.protocolVersion, QStringLiteral("2025-11-25"));
                QCOMPARE(c.peer, QStringLiteral("127.0.0.1"));
            }
            if (c.name == QLatin1String("modern-tester")) {
                modernTester = true;
                QCOMPARE(c.protocolVersion, QStringLiteral("2026-07-28"));
                QCOMPARE(c.version, QStringLiteral("2.0"));
            }
            QCOMPARE(c.active, 0);
        }
        QVERIFY(tester && modernTester);
        bool calls = false;
        for (const EndpointMethodStats &m : stats.methods) {
            if (m.method == QLatin1String("tools/call")) {
                calls = true;
                QVERIFY(m.errors >= 4); // the bad parameter rows
            }
        }
        QVERIFY(calls);
    }
};

QTEST_GUILESS_MAIN(TestMcpEndpoint)
#include "tst_mcpendpoint.moc"
