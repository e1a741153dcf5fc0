// Typed tool results and catalog entries from their JSON.

#include "mcp/mcpcatalog.h"
#include "mcp/toolresult.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace mcppm;

class TestToolResult : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void allContentKinds()
    {
        const QByteArray json
            = "{\"content\":["
              "{\"type\":\"text\",\"text\":\"hello\"},"
              "{\"type\":\"image\",\"data\":\"iVBORw0KGgo=\",\"mimeType\":\"image/png\"},"
              "{\"type\":\"audio\",\"data\":\"UklGRg==\",\"mimeType\":\"audio/wav\"},"
              "{\"type\":\"resource_link\",\"uri\":\"file:///"
              "a.txt\",\"name\":\"a\",\"description\":\"the a file\"},"
              "{\"type\":\"resource\",\"resource\":{\"uri\":\"demo://x\",\"mimeType\":\"text/"
              "plain\",\"text\":\"inside\"}},"
              "{\"type\":\"resource\",\"resource\":{\"uri\":\"demo://b\",\"blob\":\"AAEC\"}},"
              "{\"type\":\"hologram\",\"x\":1},"
              "{\"type\":\"text\",\"text\":\"world\"}],"
              "\"structuredContent\":{\"n\":1},\"isError\":false}";
        const ToolResult r = ToolResult::fromJson(QJsonDocument::fromJson(json).object());
        QCOMPARE(r.content.size(), 8);
        QCOMPARE(r.content.at(0).kind, ContentItem::Kind::Text);
        QCOMPARE(r.content.at(1).kind, ContentItem::Kind::Image);
        QCOMPARE(r.content.at(1).data, QByteArray::fromBase64("iVBORw0KGgo="));
        QCOMPARE(r.content.at(1).mimeType, QStringLiteral("image/png"));
        QCOMPARE(r.content.at(2).kind, ContentItem::Kind::Audio);
        QCOMPARE(r.content.at(2).data, QByteArray("RIFF"));
        QCOMPARE(r.content.at(3).kind, ContentItem::Kind::ResourceLink);
        QCOMPARE(r.content.at(3).uri, QStringLiteral("file:///a.txt"));
        QCOMPARE(r.content.at(3).description, QStringLiteral("the a file"));
        QCOMPARE(r.content.at(4).kind, ContentItem::Kind::Resource);
        QCOMPARE(r.content.at(4).text, QStringLiteral("inside"));
        QCOMPARE(r.content.at(5).data, QByteArray("\x00\x01\x02", 3));
        QCOMPARE(r.content.at(6).kind, ContentItem::Kind::Unknown); // kept, not dropped
        QCOMPARE(r.text(), QStringLiteral("hello\nworld"));
        QCOMPARE(r.structuredContent.toObject().value(QStringLiteral("n")).toInt(), 1);
        QVERIFY(!r.isError);
    }

    void errorAndEmpty()
    {
        const ToolResult error = ToolResult::fromJson(
            QJsonDocument::fromJson(
                "{\"content\":[{\"type\":\"text\",\"text\":\"bad\"}],\"isError\":true}")
                .object());
        QVERIFY(error.isError);
        const ToolResult empty = ToolResult::fromJson(QJsonObject());
        QVERIFY(empty.content.isEmpty());
        QVERIFY(empty.structuredContent.isUndefined());
        QCOMPARE(empty.text(), QString());
    }

    void toolInfo()
    {
        const ToolInfo t = ToolInfo::fromJson(
            QJsonDocument::fromJson(
                "{\"name\":\"echo\",\"description\":\"d\",\"inputSchema\":{\"type\":\"object\"},"
                "\"annotations\":{\"title\":\"Echo\",\"readOnlyHint\":true}}")
                .object());
        QCOMPARE(t.name, QStringLiteral("echo"));
        QCOMPARE(t.title, QStringLiteral("Echo"));
        QVERIFY(t.isRetrySafe());
        QVERIFY(!t.annotations.destructiveHint.has_value());
        const ToolInfo plain
            = ToolInfo::fromJson(QJsonDocument::fromJson("{\"name\":\"rm\"}").object());
        QVERIFY(!plain.isRetrySafe()); // no hints: not safe to run twice
    }

    void serverInfo()
    {
        const ServerInfo s = ServerInfo::fromInitializeResult(
            QJsonDocument::fromJson(
                "{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{},\"logging\":{}}"
                ","
                "\"serverInfo\":{\"name\":\"n\",\"version\":\"1\"},\"instructions\":\"hi\"}")
                .object());
        QCOMPARE(s.protocolVersion, QStringLiteral("2025-06-18"));
        QVERIFY(s.hasTools());
        QVERIFY(s.hasLogging());
        QVERIFY(!s.hasPrompts());
        QCOMPARE(s.instructions, QStringLiteral("hi"));
    }
};

QTEST_GUILESS_MAIN(TestToolResult)
#include "tst_toolresult.moc"
