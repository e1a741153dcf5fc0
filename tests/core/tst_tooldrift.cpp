// ToolDrift: servers of one pool whose tools differ from the majority are named,
// with what differs.

#include "pool/tooldrift.h"

#include <QJsonDocument>
#include <QTest>

using namespace mcppm;

namespace {
ToolInfo tool(const char *name, const char *schema = "{\"type\":\"object\"}")
{
    ToolInfo t;
    t.name = QString::fromLatin1(name);
    t.inputSchema = QJsonDocument::fromJson(schema).object();
    return t;
}
} // namespace

class TestToolDrift : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void fingerprints()
    {
        const auto a = ToolDrift::fingerprint({tool("echo"), tool("add")});
        const auto b = ToolDrift::fingerprint({tool("add"), tool("echo")});
        QCOMPARE(ToolDrift::setHash(a), ToolDrift::setHash(b)); // order does not matter
        // Key order inside a schema does not matter either; a changed schema does.
        const auto c = ToolDrift::fingerprint(
            {tool("echo", "{\"type\":\"object\",\"required\":[\"m\"]}"), tool("add")});
        const auto d = ToolDrift::fingerprint(
            {tool("echo", "{\"required\":[\"m\"],\"type\":\"object\"}"), tool("add")});
        QCOMPARE(ToolDrift::setHash(c), ToolDrift::setHash(d));
        QVERIFY(ToolDrift::setHash(a) != ToolDrift::setHash(c));
        // A changed description is not drift; a changed output schema is.
        ToolInfo described = tool("echo");
        described.description = QStringLiteral("other words");
        QCOMPARE(ToolDrift::fingerprint({described}), ToolDrift::fingerprint({tool("echo")}));
        ToolInfo output = tool("echo");
        output.outputSchema = QJsonDocument::fromJson("{\"type\":\"object\"}").object();
        QVERIFY(ToolDrift::fingerprint({output}) != ToolDrift::fingerprint({tool("echo")}));
    }

    void compare()
    {
        const auto full = ToolDrift::fingerprint({tool("echo"), tool("add"), tool("sleep")});
        QHash<QString, ToolDrift::Prints> servers{
            {QStringLiteral("w1"), full},
            {QStringLiteral("w2"), full},
            {QStringLiteral("w3"), ToolDrift::fingerprint({tool("echo"), tool("sleep")})},
            {QStringLiteral("w4"),
             ToolDrift::fingerprint({tool("echo", "{\"type\":\"string\"}"), tool("add"),
                                     tool("sleep"), tool("debug")})},
        };
        const auto drift = ToolDrift::compare(servers);
        QCOMPARE(drift.value(QStringLiteral("w1")), QString());
        QCOMPARE(drift.value(QStringLiteral("w2")), QString());
        QCOMPARE(drift.value(QStringLiteral("w3")), QStringLiteral("missing: add"));
        QCOMPARE(drift.value(QStringLiteral("w4")),
                 QStringLiteral("extra: debug; different schema: echo"));
        QCOMPARE(drift.size(), 4);
        // All the same, or nothing to compare: no drift.
        const auto same
            = ToolDrift::compare({{QStringLiteral("a"), full}, {QStringLiteral("b"), full}});
        QCOMPARE(same.value(QStringLiteral("a")), QString());
        QCOMPARE(same.value(QStringLiteral("b")), QString());
        QVERIFY(ToolDrift::compare({}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestToolDrift)
#include "tst_tooldrift.moc"
