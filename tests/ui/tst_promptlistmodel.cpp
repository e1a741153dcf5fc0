// PromptListModel without a pool: prompts as PoolHost::promptsReady() gives
// them (a "servers" array added to each), under QAbstractItemModelTester;
// nameless prompts and arguments are left out, server texts shown escaped,
// a new list is a reset.

#include "models/promptlistmodel.h"

#include <QAbstractItemModelTester>
#include <QJsonArray>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTest>

using namespace mcppm::ui;

namespace {
QJsonObject prompt(const QString &name, const QJsonArray &arguments, const QStringList &servers,
                   const QString &title = {})
{
    QJsonObject o{{QStringLiteral("name"), name},
                  {QStringLiteral("description"), QStringLiteral("does %1").arg(name)},
                  {QStringLiteral("arguments"), arguments},
                  {QStringLiteral("servers"), QJsonArray::fromStringList(servers)}};
    if (!title.isEmpty())
        o.insert(QStringLiteral("title"), title);
    return o;
}
QJsonObject argument(const QString &name, bool required)
{
    return {{QStringLiteral("name"), name}, {QStringLiteral("required"), required}};
}
} // namespace

class TestPromptListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsPrompts()
    {
        PromptListModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy resets(&model, &QAbstractItemModel::modelReset);
        model.setPrompts(
            {prompt(QStringLiteral("greet"),
                    {argument(QStringLiteral("name"), true), argument(QString(), false),
                     argument(QStringLiteral("tone"), false)},
                    {QStringLiteral("a"), QStringLiteral("b")}, QStringLiteral("Greeting")),
             prompt(QString(), {}, {QStringLiteral("a")}), // no name: left out
             prompt(QStringLiteral("evil\u202Ename"), {}, {QStringLiteral("b")})});
        QCOMPARE(resets.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.index(0).data().toString(), QStringLiteral("Greeting (greet)"));
        QCOMPARE(model.index(0).data(PromptListModel::NameRole).toString(),
                 QStringLiteral("greet"));
        QCOMPARE(model.index(0).data(PromptListModel::ServersRole).toStringList(),
                 (QStringList{QStringLiteral("a"), QStringLiteral("b")}));
        QCOMPARE(model.index(0).data(PromptListModel::ArgumentCountRole).toInt(), 2);
        QCOMPARE(model.prompt(0).arguments.at(0).required, true);
        QCOMPARE(model.prompt(0).arguments.at(1).name, QStringLiteral("tone"));
        QCOMPARE(model.index(0).data(Qt::ToolTipRole).toString(), QStringLiteral("does greet"));
        // Shown escaped; the name itself (what prompts/get sends) is kept as sent.
        QVERIFY(!model.index(1).data().toString().contains(QChar(0x202E)));
        QCOMPARE(model.index(1).data(PromptListModel::NameRole).toString(),
                 QStringLiteral("evil\u202Ename"));
        QCOMPARE(model.findPrompt(QStringLiteral("greet")), 0);
        QCOMPARE(model.findPrompt(QStringLiteral("nope")), -1);
        QVERIFY(!model.data(model.index(5, 0), Qt::DisplayRole).isValid());

        model.setPrompts({});
        QCOMPARE(resets.size(), 2);
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_MAIN(TestPromptListModel)
#include "tst_promptlistmodel.moc"
