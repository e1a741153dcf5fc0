// JSON-RPC session over a fake transport and a fake clock: routing, timeouts
// that send notifications/cancelled, progress, cancellation, server requests.

#include "faketimersource.h"
#include "faketransport.h"

#include "jsonrpc/jsonrpcsession.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace mcppm;

class TestJsonRpcSession : public QObject
{
    Q_OBJECT

private:
    struct Outcome
    {
        int calls = 0;
        JsonRpcMessage response;
        McpError error;
    };
    JsonRpcSession::ResponseHandler recordInto(Outcome &outcome)
    {
        return [&outcome](const JsonRpcMessage &response, const McpError &error) {
            ++outcome.calls;
            outcome.response = response;
            outcome.error = error;
        };
    }

    FakeTimerSource *m_timers = nullptr;
    FakeTransport *m_transport = nullptr;
    JsonRpcSession *m_session = nullptr;

private Q_SLOTS:
    void init()
    {
        m_timers = new FakeTimerSource;
        m_transport = new FakeTransport;
        m_session = new JsonRpcSession(m_timers);
        m_session->setServerId(QStringLiteral("w1"));
        m_session->setTransport(m_transport);
    }
    void cleanup()
    {
        delete m_session;
        delete m_transport;
        delete m_timers;
    }

    void routesResponsesById()
    {
        Outcome a, b;
        const QJsonValue idA
            = m_session->sendRequest(QStringLiteral("tools/list"), {}, {}, nullptr, recordInto(a));
        const QJsonValue idB
            = m_session->sendRequest(QStringLiteral("ping"), {}, {}, nullptr, recordInto(b));
        QVERIFY(idA != idB);
        QCOMPARE(m_transport->sent.size(), 2);
        QCOMPARE(m_transport->sent.at(0).method, QStringLiteral("tools/list"));
        QCOMPARE(m_session->pendingCount(), 2);
        // Answers arrive out of order.
        m_transport->deliver(JsonRpcMessage::response(idB, QJsonObject()));
        QCOMPARE(b.calls, 1);
        QCOMPARE(a.calls, 0);
        QJsonObject tools;
        tools.insert(QStringLiteral("tools"), QJsonArray());
        m_transport->deliver(JsonRpcMessage::response(idA, tools));
        QCOMPARE(a.calls, 1);
        QVERIFY(!a.error);
        QVERIFY(a.response.result.toObject().contains(QStringLiteral("tools")));
        QCOMPARE(m_session->pendingCount(), 0);
        // A second answer for the same id is a protocol error, not a second call.
        QSignalSpy protocolErrors(m_session, &JsonRpcSession::protocolErrorOccurred);
        m_transport->deliver(JsonRpcMessage::response(idA, QJsonObject()));
        QCOMPARE(a.calls, 1);
        QCOMPARE(protocolErrors.size(), 1);
    }

    void errorResponseBecomesRpcError()
    {
        Outcome o;
        const QJsonValue id
            = m_session->sendRequest(QStringLiteral("tools/call"), {}, {}, nullptr, recordInto(o));
        m_transport->deliver(
            JsonRpcMessage::error(id, -32602, QStringLiteral("Unknown tool: nope")));
        QCOMPARE(o.calls, 1);
        QCOMPARE(o.error.kind, McpError::Kind::Rpc);
        QCOMPARE(o.error.rpcCode, -32602);
        QCOMPARE(o.error.serverId, QStringLiteral("w1"));
        QVERIFY(o.error.message.contains(QStringLiteral("Unknown tool")));
    }

    void timeoutSendsCancelledAndFails()
    {
        Outcome o;
        JsonRpcSession::RequestOptions options;
        options.timeoutMs = 10000;
        const QJsonValue id = m_session->sendRequest(QStringLiteral("tools/call"), {}, options,
                                                     nullptr, recordInto(o));
        m_timers->advance(9999);
        QCOMPARE(o.calls, 0);
        m_timers->advance(1);
        QCOMPARE(o.calls, 1);
        QCOMPARE(o.error.kind, McpError::Kind::Timeout);
        QVERIFY(o.error.message.contains(QStringLiteral("timeout")));
        const JsonRpcMessage cancelled
            = m_transport->lastSent(QStringLiteral("notifications/cancelled"));
        QVERIFY(cancelled.isNotification());
        QCOMPARE(cancelled.params.toObject().value(QStringLiteral("requestId")), id);
        QCOMPARE(m_transport->aborted, QList<QJsonValue>{id});
        // A late answer is reported, not delivered.
        QSignalSpy protocolErrors(m_session, &JsonRpcSession::protocolErrorOccurred);
        m_transport->deliver(JsonRpcMessage::response(id, QJsonObject()));
        QCOMPARE(o.calls, 1);
        QCOMPARE(protocolErrors.size(), 1);
    }

    void progressResetsTimeoutUpToMaximum()
    {
        Outcome o;
        JsonRpcSession::RequestOptions options;
        options.timeoutMs = 1000;
        options.wantProgress = true;
        options.resetTimeoutOnProgress = true;
        options.maxTotalTimeoutMs = 2500;
        QList<double> progressSeen;
        const QJsonValue id = m_session->sendRequest(
            QStringLiteral("tools/call"), QJsonObject(), options, nullptr, recordInto(o),
            [&](double p, double, const QString &) { progressSeen << p; });
        const QJsonObject meta
            = m_transport->sent.last().params.toObject().value(QStringLiteral("_meta")).toObject();
        const QJsonValue token = meta.value(QStringLiteral("progressToken"));
        QVERIFY(!token.isUndefined());
        auto progress = [&](double p) {
            QJsonObject params;
            params.insert(QStringLiteral("progressToken"), token);
            params.insert(QStringLiteral("progress"), p);
            params.insert(QStringLiteral("total"), 10);
            m_transport->deliver(
                JsonRpcMessage::notification(QStringLiteral("notifications/progress"), params));
        };
        m_timers->advance(900);
        progress(1); // restarts: due at 1900
        m_timers->advance(900);
        QCOMPARE(o.calls, 0);
        progress(2); // restarts, but the total caps it at 2500
        m_timers->advance(699);
        QCOMPARE(o.calls, 0);
        m_timers->advance(1);
        QCOMPARE(o.calls, 1);
        QCOMPARE(o.error.kind, McpError::Kind::Timeout);
        QCOMPARE(progressSeen, (QList<double>{1, 2}));
        Q_UNUSED(id)
    }

    void progressWithoutResetKeepsTimeout()
    {
        Outcome o;
        JsonRpcSession::RequestOptions options;
        options.timeoutMs = 1000;
        options.wantProgress = true;
        m_session->sendRequest(QStringLiteral("tools/call"), QJsonObject(), options, nullptr,
                               recordInto(o));
        const QJsonValue token = m_transport->sent.last()
                                     .params.toObject()
                                     .value(QStringLiteral("_meta"))
                                     .toObject()
                                     .value(QStringLiteral("progressToken"));
        QSignalSpy spy(m_session, &JsonRpcSession::progressReceived);
        m_timers->advance(500);
        QJsonObject params;
        params.insert(QStringLiteral("progressToken"), token);
        params.insert(QStringLiteral("progress"), 1);
        m_transport->deliver(
            JsonRpcMessage::notification(QStringLiteral("notifications/progress"), params));
        QCOMPARE(spy.size(), 1);
        m_timers->advance(500);
        QCOMPARE(o.error.kind, McpError::Kind::Timeout);
    }

    void callerCancel()
    {
        Outcome o;
        const QJsonValue id
            = m_session->sendRequest(QStringLiteral("tools/call"), {}, {}, nullptr, recordInto(o));
        m_session->cancel(id, QStringLiteral("operator pressed stop"));
        QCOMPARE(o.calls, 1);
        QCOMPARE(o.error.kind, McpError::Kind::Cancelled);
        QVERIFY(o.error.message.contains(QStringLiteral("cancelled")));
        const JsonRpcMessage cancelled
            = m_transport->lastSent(QStringLiteral("notifications/cancelled"));
        QCOMPARE(cancelled.params.toObject().value(QStringLiteral("requestId")), id);
        QCOMPARE(cancelled.params.toObject().value(QStringLiteral("reason")).toString(),
                 QStringLiteral("operator pressed stop"));
        // Cancelling again, or an unknown id, does nothing.
        m_session->cancel(id);
        m_session->cancel(QJsonValue(12345));
        QCOMPARE(o.calls, 1);
        QCOMPARE(m_timers->pendingTimers(), 0);
    }

    void transportFailureFailsTheRequest()
    {
        Outcome o;
        const QJsonValue id
            = m_session->sendRequest(QStringLiteral("ping"), {}, {}, nullptr, recordInto(o));
        Q_EMIT m_transport->requestFailed(
            id, McpError::make(McpError::Kind::Transport, QStringLiteral("connection refused")));
        QCOMPARE(o.calls, 1);
        QCOMPARE(o.error.kind, McpError::Kind::Transport);
        QCOMPARE(o.error.serverId, QStringLiteral("w1"));
    }

    void failAllEndsEverything()
    {
        Outcome a, b;
        m_session->sendRequest(QStringLiteral("ping"), {}, {}, nullptr, recordInto(a));
        m_session->sendRequest(QStringLiteral("ping"), {}, {}, nullptr, recordInto(b));
        m_session->failAll(McpError::make(McpError::Kind::Cancelled, QStringLiteral("shutdown")));
        QCOMPARE(a.calls, 1);
        QCOMPARE(b.calls, 1);
        QCOMPARE(m_session->pendingCount(), 0);
        QCOMPARE(m_timers->pendingTimers(), 0);
    }

    void destroyedContextIsNotCalledBack()
    {
        Outcome o;
        auto *context = new QObject;
        const QJsonValue id
            = m_session->sendRequest(QStringLiteral("ping"), {}, {}, context, recordInto(o));
        delete context;
        m_transport->deliver(JsonRpcMessage::response(id, QJsonObject()));
        QCOMPARE(o.calls, 0);
        QCOMPARE(m_session->pendingCount(), 0);
    }

    void handlerMaySendFromCallback()
    {
        // Erase-before-invoke: a handler that sends a new request must not break the map.
        Outcome second;
        const QJsonValue id = m_session->sendRequest(
            QStringLiteral("ping"), {}, {}, nullptr, [&](const JsonRpcMessage &, const McpError &) {
                m_session->sendRequest(QStringLiteral("ping"), {}, {}, nullptr, recordInto(second));
            });
        m_transport->deliver(JsonRpcMessage::response(id, QJsonObject()));
        QCOMPARE(m_session->pendingCount(), 1);
    }

    void serverRequests_data()
    {
        QTest::addColumn<QString>("method");
        QTest::addColumn<QJsonValue>("id");
        QTest::addColumn<bool>("expectError");
        QTest::addColumn<int>("code");
        QTest::newRow("ping answered") << QStringLiteral("ping") << QJsonValue(0) << false << 0;
        QTest::newRow("sampling unsupported")
            << QStringLiteral("sampling/createMessage") << QJsonValue(QStringLiteral("s-1")) << true
            << -32601;
        QTest::newRow("roots unsupported")
            << QStringLiteral("roots/list") << QJsonValue(7) << true << -32601;
        QTest::newRow("unknown method") << QStringLiteral("x/y") << QJsonValue(8) << true << -32601;
    }
    void serverRequests()
    {
        QFETCH(QString, method);
        QFETCH(QJsonValue, id);
        QFETCH(bool, expectError);
        QFETCH(int, code);
        m_transport->deliver(JsonRpcMessage::request(id, method, QJsonObject()));
        QCOMPARE(m_transport->sent.size(), 1);
        const JsonRpcMessage reply = m_transport->sent.first();
        QCOMPARE(reply.id, id);
        QCOMPARE(reply.type == JsonRpcMessage::Type::Error, expectError);
        if (expectError)
            QCOMPARE(reply.errorCode, code);
        else
            QVERIFY(reply.result.isObject());
    }

    void registeredHandlerAnswersLater()
    {
        JsonRpcSession::Responder saved;
        m_session->setRequestHandler(
            QStringLiteral("elicitation/create"),
            [&](const JsonRpcMessage &, JsonRpcSession::Responder respond) { saved = respond; });
        m_transport->deliver(JsonRpcMessage::request(
            QJsonValue(0), QStringLiteral("elicitation/create"), QJsonObject()));
        QCOMPARE(m_transport->sent.size(), 0);
        QVERIFY(saved);
        QJsonObject result;
        result.insert(QStringLiteral("action"), QStringLiteral("decline"));
        saved(JsonRpcMessage::response(QJsonValue(), result));
        saved(JsonRpcMessage::response(QJsonValue(), result)); // a second answer is dropped
        QCOMPARE(m_transport->sent.size(), 1);
        QCOMPARE(m_transport->sent.first().id, QJsonValue(0));
    }

    void notificationsBecomeSignals()
    {
        QSignalSpy spy(m_session, &JsonRpcSession::notificationReceived);
        m_transport->deliver(
            JsonRpcMessage::notification(QStringLiteral("notifications/tools/list_changed")));
        QJsonObject log;
        log.insert(QStringLiteral("level"), QStringLiteral("info"));
        log.insert(QStringLiteral("data"), QStringLiteral("hello"));
        m_transport->deliver(
            JsonRpcMessage::notification(QStringLiteral("notifications/message"), log));
        QCOMPARE(spy.size(), 2);
        QCOMPARE(spy.at(0).at(0).toString(), QStringLiteral("notifications/tools/list_changed"));
        QCOMPARE(spy.at(1).at(0).toString(), QStringLiteral("notifications/message"));
    }

    void noTransportFailsCleanly()
    {
        JsonRpcSession lonely(m_timers);
        Outcome o;
        lonely.sendRequest(QStringLiteral("ping"), {}, {}, nullptr, recordInto(o));
        QCOMPARE(o.calls, 1);
        QCOMPARE(o.error.kind, McpError::Kind::NotConnected);
    }
};

QTEST_GUILESS_MAIN(TestJsonRpcSession)
#include "tst_jsonrpcsession.moc"
