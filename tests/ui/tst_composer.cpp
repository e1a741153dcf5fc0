// The tool-call composer as a person uses it, over a detached PoolClient (the
// test answers as the pool would): another tool's result is cleared, the
// elapsed time is the last call's, a required field left empty is sent only
// after a warning, a cancel reads as cancelled, saved requests are usable after
// the profile is opened again, "Save as Named Request…" needs only a tool, a
// resource link in a result opens, an optional boolean is one tri-state box,
// field descriptions show under the fields.

#include "controllers/poolclient.h"
#include "widgets/composer.h"
#include "widgets/resultview.h"
#include "widgets/schemaform.h"

#include <QCheckBox>
#include <QComboBox>
#include <QJsonArray>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using namespace mcppm;
using namespace mcppm::ui;

namespace {

CatalogTool tool(const QString &name, const QJsonObject &properties,
                 const QStringList &required = {})
{
    CatalogTool t;
    t.tool.name = name;
    t.tool.inputSchema
        = QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                      {QStringLiteral("properties"), properties},
                      {QStringLiteral("required"), QJsonArray::fromStringList(required)}};
    t.servers = {QStringLiteral("w1"), QStringLiteral("w2")};
    return t;
}

QJsonObject textResult(const QString &text)
{
    return QJsonObject{{QStringLiteral("content"),
                        QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                                               {QStringLiteral("text"), text}}}}};
}

const QJsonObject kString{{QStringLiteral("type"), QStringLiteral("string")}};

QList<CatalogTool> catalog()
{
    return {tool(QStringLiteral("echo"),
                 QJsonObject{{QStringLiteral("message"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("string")},
                                          {QStringLiteral("description"),
                                           QStringLiteral("What to say back, word for word")}}}},
                 {QStringLiteral("message")}),
            tool(QStringLiteral("shot"),
                 QJsonObject{{QStringLiteral("url"), kString},
                             {QStringLiteral("includeImage"),
                              QJsonObject{{QStringLiteral("type"), QStringLiteral("boolean")}}}},
                 {QStringLiteral("url")})};
}

} // namespace

class TestComposer : public QObject
{
    Q_OBJECT

    // The composer over a detached pool client that offers echo and shot.
    struct Fixture
    {
        PoolClient pool;
        Composer composer{&pool};
        QSignalSpy calls{&pool, &PoolClient::callRequested};
        Fixture() { Q_EMIT pool.catalogReady(catalog()); }
        quint64 lastCall() const { return calls.constLast().at(0).toULongLong(); }
        void answer(const QString &text)
        {
            Q_EMIT pool.callFinished(lastCall(), textResult(text), QStringLiteral("w1"), {}, {});
        }
    };

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void anotherToolClearsTheResult()
    {
        Fixture f;
        QVERIFY(f.composer.selectTool(QStringLiteral("echo")));
        f.composer.setArguments(QJsonObject{{QStringLiteral("message"), QStringLiteral("hi")}});
        f.composer.run();
        f.answer(QStringLiteral("hi"));
        QCOMPARE(f.composer.resultCount(), 1);
        QCOMPARE(f.composer.progressText(), QStringLiteral("done"));
        QVERIFY(f.composer.selectTool(QStringLiteral("shot")));
        QCOMPARE(f.composer.resultCount(), 0); // echo's answer is not shot's
        QVERIFY(f.composer.elapsedText().isEmpty());
        QVERIFY(f.composer.progressText().isEmpty());
        // The same tool again (a catalog refresh) keeps it.
        f.composer.setArguments(QJsonObject{{QStringLiteral("url"), QStringLiteral("x")}});
        f.composer.run();
        f.answer(QStringLiteral("ok"));
        Q_EMIT f.pool.catalogReady(catalog());
        QCOMPARE(f.composer.resultCount(), 1);
    }

    void elapsedIsTheLastCalls()
    {
        Fixture f;
        QVERIFY(f.composer.selectTool(QStringLiteral("echo")));
        f.composer.setArguments(QJsonObject{{QStringLiteral("message"), QStringLiteral("slow")}});
        f.composer.run();
        QTest::qWait(350); // ticks show it running
        QVERIFY2(f.composer.elapsedText().endsWith(QStringLiteral(" ms"))
                     && f.composer.elapsedText().section(QLatin1Char(' '), 0, 0).toInt() >= 200,
                 qPrintable(f.composer.elapsedText()));
        f.answer(QStringLiteral("slow"));
        const int first = f.composer.elapsedText().section(QLatin1Char(' '), 0, 0).toInt();
        QVERIFY(first >= 300);
        // A quick call right after: its own time, not the slow one's.
        f.composer.run();
        f.answer(QStringLiteral("quick"));
        const QString quick = f.composer.elapsedText();
        QVERIFY2(quick.endsWith(QStringLiteral(" ms"))
                     && quick.section(QLatin1Char(' '), 0, 0).toInt() < 300,
                 qPrintable(quick));
    }

    void requiredEmptyWarnsBeforeSending()
    {
        Fixture f;
        QVERIFY(f.composer.selectTool(QStringLiteral("echo")));
        f.composer.setArguments(QJsonObject{{QStringLiteral("message"), QString()}});
        QVERIFY(f.composer.form()->validationErrors().isEmpty()); // "" is valid JSON-wise
        QCOMPARE(f.composer.form()->emptyRequiredFields(), QStringList{QStringLiteral("message")});
        f.composer.run();
        QCOMPARE(f.calls.size(), 0);
        QVERIFY2(f.composer.problemsText().contains(QStringLiteral("message")),
                 qPrintable(f.composer.problemsText()));
        QVERIFY(f.composer.problemsText().contains(QStringLiteral("Run again")));
        // Changed arguments warn again; the same ones, run again, are sent.
        f.composer.setArguments(QJsonObject{{QStringLiteral("message"), QStringLiteral(" ")}});
        f.composer.run();
        QCOMPARE(f.calls.size(), 0);
        f.composer.run();
        QCOMPARE(f.calls.size(), 1);
        f.answer(QString());
        // Filled in: no warning at all.
        f.composer.setArguments(QJsonObject{{QStringLiteral("message"), QStringLiteral("x")}});
        f.composer.run();
        QCOMPARE(f.calls.size(), 2);
    }

    void cancelShowsAsCancelled()
    {
        Fixture f;
        QSignalSpy cancels(&f.pool, &PoolClient::cancelRequested);
        QVERIFY(f.composer.selectTool(QStringLiteral("echo")));
        f.composer.setArguments(QJsonObject{{QStringLiteral("message"), QStringLiteral("x")}});
        f.composer.setTarget(QStringLiteral("*")); // both servers
        f.composer.run();
        QCOMPARE(f.calls.size(), 2);
        f.composer.cancel();
        QCOMPARE(cancels.size(), 2);
        for (const auto &call : std::as_const(f.calls))
            Q_EMIT f.pool.callFinished(call.at(0).toULongLong(), {}, QStringLiteral("w1"),
                                       QStringLiteral("cancelled"),
                                       QStringLiteral("cancelled by the operator"));
        QCOMPARE(f.composer.resultCount(), 2);
        for (int i = 0; i < 2; ++i) {
            QVERIFY(f.composer.resultView(i)->isCancelledShown());
            QVERIFY(!f.composer.resultView(i)->isErrorShown());
        }
        QCOMPARE(f.composer.progressText(), QStringLiteral("cancelled"));
    }

    void savedRequestsAfterReopening()
    {
        Fixture f;
        NamedRequest saved;
        saved.name = QStringLiteral("greet");
        saved.tool = QStringLiteral("echo");
        saved.arguments = QJsonObject{{QStringLiteral("message"), QStringLiteral("hello")}};
        saved.target = QStringLiteral("server:w2");
        // As MainWindow::openProfile gives them after a profile is opened.
        f.composer.setSavedRequests({saved});
        QComboBox *savedBox = nullptr;
        for (QComboBox *b : f.composer.findChildren<QComboBox *>()) {
            if (b->accessibleName() == QLatin1String("Saved requests"))
                savedBox = b;
        }
        QVERIFY(savedBox);
        QCOMPARE(savedBox->currentText(), QStringLiteral("greet")); // not "No saved requests"
        QPushButton *runSaved = nullptr;
        for (QPushButton *b : f.composer.findChildren<QPushButton *>()) {
            if (b->accessibleName() == QLatin1String("Run the saved request"))
                runSaved = b;
        }
        QVERIFY(runSaved && runSaved->isEnabled());
        runSaved->click();
        QCOMPARE(f.calls.size(), 1);
        QCOMPARE(f.calls.at(0).at(1).toString(), QStringLiteral("echo"));
        QCOMPARE(f.calls.at(0).at(2).toJsonObject(), saved.arguments);
        QCOMPARE(f.calls.at(0).at(5).toString(), QStringLiteral("w2"));
        // Run Saved while a call runs says why nothing happens.
        runSaved->click();
        QCOMPARE(f.calls.size(), 1);
        QVERIFY(!f.composer.problemsText().isEmpty());
        // No saved requests: the placeholder, and the buttons off.
        f.answer(QStringLiteral("hello"));
        f.composer.setSavedRequests({});
        QCOMPARE(savedBox->currentIndex(), -1);
        QVERIFY(!runSaved->isEnabled());
    }

    void saveAsNamedRequestNeedsOnlyATool()
    {
        Fixture f;
        auto *save = f.composer.findChild<QPushButton *>(QStringLiteral("saveAsNamedRequest"));
        QVERIFY(save);
        QVERIFY(!save->isEnabled()); // no tool yet
        QVERIFY(f.composer.selectTool(QStringLiteral("echo")));
        QVERIFY(save->isEnabled()); // no history row needed
        QCOMPARE(f.composer.historyCount(), 0);
        f.composer.setArguments(QJsonObject{{QStringLiteral("message"), QStringLiteral("m")}});
        f.composer.setTarget(QStringLiteral("w1"));
        QSignalSpy changed(&f.composer, &Composer::savedRequestsChanged);
        QVERIFY(!f.composer.saveCurrentAs(QStringLiteral("  ")));
        QVERIFY(f.composer.saveCurrentAs(QStringLiteral("mine")));
        QCOMPARE(changed.size(), 1);
        const NamedRequest r = f.composer.savedRequests().constFirst();
        QCOMPARE(r.tool, QStringLiteral("echo"));
        QCOMPARE(r.arguments.value(QStringLiteral("message")).toString(), QStringLiteral("m"));
        QCOMPARE(r.target, QStringLiteral("server:w1"));
    }

    void resourceLinkOpens()
    {
        Fixture f;
        QSignalSpy opened(&f.composer, &Composer::resourceLinkActivated);
        QVERIFY(f.composer.selectTool(QStringLiteral("echo")));
        f.composer.setArguments(QJsonObject{{QStringLiteral("message"), QStringLiteral("x")}});
        f.composer.run();
        const QJsonObject result{
            {QStringLiteral("content"),
             QJsonArray{QJsonObject{{QStringLiteral("type"), QStringLiteral("resource_link")},
                                    {QStringLiteral("uri"), QStringLiteral("demo://state/current")},
                                    {QStringLiteral("name"), QStringLiteral("state")}}}}};
        Q_EMIT f.pool.callFinished(f.lastCall(), result, QStringLiteral("w1"), {}, {});
        ResultView *view = f.composer.resultView(0);
        QCOMPARE(view->resourceLinks(), QStringList{QStringLiteral("demo://state/current")});
        QPushButton *open = nullptr;
        for (QPushButton *b : view->findChildren<QPushButton *>()) {
            if (b->accessibleName() == QLatin1String("Open resource link"))
                open = b;
        }
        QVERIFY(open);
        open->click();
        QCOMPARE(opened.size(), 1);
        QCOMPARE(opened.at(0).at(0).toString(), QStringLiteral("demo://state/current"));
    }

    void optionalBooleanIsOneTriStateBox()
    {
        Fixture f;
        QVERIFY(f.composer.selectTool(QStringLiteral("shot")));
        // One box for includeImage: no include box plus a "false" box.
        QList<QCheckBox *> boxes = f.composer.form()->findChildren<QCheckBox *>();
        QCOMPARE(boxes.size(), 1);
        QCheckBox *box = boxes.first();
        QVERIFY(box->isTristate());
        QCOMPARE(box->checkState(), Qt::PartiallyChecked);
        QCOMPARE(box->text(), QStringLiteral("not set"));
        QVERIFY(!f.composer.form()->value().contains(QStringLiteral("includeImage")));
        box->setCheckState(Qt::Checked);
        QCOMPARE(f.composer.form()->value().value(QStringLiteral("includeImage")),
                 QJsonValue(true));
        box->setCheckState(Qt::Unchecked);
        QCOMPARE(box->text(), QStringLiteral("false"));
        QCOMPARE(f.composer.form()->value().value(QStringLiteral("includeImage")),
                 QJsonValue(false));
        // Loading arguments without it leaves it unset again.
        f.composer.setArguments(QJsonObject{{QStringLiteral("url"), QStringLiteral("u")}});
        QCOMPARE(box->checkState(), Qt::PartiallyChecked);
        f.composer.setArguments(QJsonObject{{QStringLiteral("url"), QStringLiteral("u")},
                                            {QStringLiteral("includeImage"), true}});
        QCOMPARE(box->checkState(), Qt::Checked);
    }

    void descriptionsShowUnderFields()
    {
        Fixture f;
        QVERIFY(f.composer.selectTool(QStringLiteral("echo")));
        const auto labels
            = f.composer.form()->findChildren<QLabel *>(QStringLiteral("fieldDescription"));
        QCOMPARE(labels.size(), 1);
        QCOMPARE(labels.first()->text(), QStringLiteral("What to say back, word for word"));
        QVERIFY(labels.first()->wordWrap());
    }
};

QTEST_MAIN(TestComposer)
#include "tst_composer.moc"
