// Keyboard access to the main window: every mnemonic (Alt+letter) is unique
// among the widgets that can be on screen together, in English and in German;
// within each menu too. Alt+F opens the File menu, Ctrl+Tab and Ctrl+Shift+Tab
// go through the main tabs.

#include "models/servertablemodel.h"
#include "pages/fleetpage.h"
#include "widgets/composer.h"
#include "widgets/mainwindow.h"

#include "host/poolhost.h"

#include <QAbstractButton>
#include <QApplication>
#include <QDockWidget>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonObject>
#include <QKeySequence>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QTest>
#include <QTranslator>

using namespace mcppm;
using namespace mcppm::ui;

namespace {

struct Mnemonic
{
    QChar key;
    QString text;
    QWidget *widget = nullptr;
};

QChar mnemonicOf(const QString &text)
{
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        if (text.at(i + 1) == QLatin1Char('&')) {
            ++i; // "&&" is an ampersand
            continue;
        }
        return text.at(i + 1).toLower();
    }
    return {};
}

// The page of `stack` that holds w, or nullptr.
QWidget *pageOf(QStackedWidget *stack, QWidget *w)
{
    for (QWidget *p = w; p; p = p->parentWidget()) {
        if (p->parentWidget() == stack)
            return p;
    }
    return nullptr;
}

// Two widgets can be on screen together unless some stacked widget (a tab
// widget's pages) holds them on different pages.
bool togetherOnScreen(QWidget *a, QWidget *b)
{
    for (QWidget *p = a->parentWidget(); p; p = p->parentWidget()) {
        auto *stack = qobject_cast<QStackedWidget *>(p);
        if (!stack)
            continue;
        QWidget *pa = pageOf(stack, a);
        QWidget *pb = pageOf(stack, b);
        if (pa && pb && pa != pb)
            return false;
    }
    return true;
}

QList<Mnemonic> mnemonics(QWidget *window)
{
    QList<Mnemonic> found;
    auto add = [&found](const QString &text, QWidget *w) {
        const QChar key = mnemonicOf(text);
        if (!key.isNull())
            found.append({key, text, w});
    };
    const auto widgets = window->findChildren<QWidget *>();
    for (QWidget *w : widgets) {
        if (w->window() != window)
            continue; // menus and dialogs are windows of their own
        if (auto *bar = qobject_cast<QMenuBar *>(w)) {
            for (QAction *a : bar->actions())
                add(a->text(), w);
        } else if (auto *tabs = qobject_cast<QTabBar *>(w)) {
            for (int i = 0; i < tabs->count(); ++i)
                add(tabs->tabText(i), w);
        } else if (auto *label = qobject_cast<QLabel *>(w)) {
            if (label->buddy())
                add(label->text(), w);
        } else if (auto *group = qobject_cast<QGroupBox *>(w)) {
            add(group->title(), w);
        } else if (auto *button = qobject_cast<QAbstractButton *>(w)) {
            add(button->text(), w);
        }
    }
    return found;
}

QStringList windowClashes(QWidget *window)
{
    const QList<Mnemonic> all = mnemonics(window);
    QStringList clashes;
    for (qsizetype i = 0; i < all.size(); ++i) {
        for (qsizetype j = i + 1; j < all.size(); ++j) {
            if (all.at(i).key == all.at(j).key
                && togetherOnScreen(all.at(i).widget, all.at(j).widget))
                clashes << QStringLiteral("Alt+%1: %2 / %3")
                               .arg(all.at(i).key.toUpper(), all.at(i).text, all.at(j).text);
        }
    }
    return clashes;
}

QStringList menuClashes(QWidget *window)
{
    QStringList clashes;
    const auto menus = window->findChildren<QMenu *>();
    for (QMenu *menu : menus) {
        Q_EMIT menu->aboutToShow(); // menus filled when they open
        QHash<QChar, QString> seen;
        for (QAction *a : menu->actions()) {
            const QChar key = mnemonicOf(a->text());
            if (a->isSeparator() || key.isNull())
                continue;
            if (seen.contains(key))
                clashes << menu->title() + QStringLiteral(": ") + seen.value(key)
                        + QStringLiteral(" / ") + a->text();
            seen.insert(key, a->text());
        }
    }
    return clashes;
}

// A tool with a form of every kind of field, so the form's labels are checked too.
QList<CatalogTool> catalog()
{
    CatalogTool t;
    t.tool.name = QStringLiteral("everything");
    t.tool.inputSchema = QJsonObject{
        {QStringLiteral("type"), QStringLiteral("object")},
        {QStringLiteral("properties"),
         QJsonObject{{QStringLiteral("text"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}}},
                     {QStringLiteral("flag"),
                      QJsonObject{{QStringLiteral("type"), QStringLiteral("boolean")}}}}},
        {QStringLiteral("required"), QJsonArray{QStringLiteral("text")}}};
    t.servers = {QStringLiteral("w1")};
    return {t};
}

} // namespace

class TestMnemonics : public QObject
{
    Q_OBJECT

    static QStringList allClashes()
    {
        PoolHost host;
        MainWindow window(&host);
        window.composer()->setCatalog(catalog());
        window.composer()->selectTool(QStringLiteral("everything"));
        return windowClashes(&window) + menuClashes(&window);
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void theCheckFindsClashes()
    {
        QWidget window;
        auto *tabs = new QTabWidget(&window);
        tabs->addTab(new QWidget, QStringLiteral("&Fleet"));
        auto *page = new QWidget;
        tabs->addTab(page, QStringLiteral("&Other"));
        auto *onPage = new QLabel(QStringLiteral("&Filter"), page);
        onPage->setBuddy(tabs); // on the second page: together with the tab bar
        auto *firstPage = tabs->widget(0);
        auto *a = new QLabel(QStringLiteral("&Alpha"), firstPage);
        a->setBuddy(tabs);
        auto *b = new QLabel(QStringLiteral("&Another"), page);
        b->setBuddy(tabs); // on another page than "Alpha": no clash
        const QStringList clashes = windowClashes(&window);
        QCOMPARE(clashes.size(), 1);
        QVERIFY(clashes.first().contains(QStringLiteral("&Filter")));
        QCOMPARE(mnemonicOf(QStringLiteral("A && B &c")), QLatin1Char('c'));
    }

    void uniqueInEnglish()
    {
        const QStringList clashes = allClashes();
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
    }

    void uniqueInGerman()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/mcp-pool-monitor_de.qm")));
        QCoreApplication::installTranslator(&translator);
        const QStringList clashes = allClashes();
        QCoreApplication::removeTranslator(&translator);
        QVERIFY2(clashes.isEmpty(), qPrintable(clashes.join(QLatin1Char('\n'))));
    }

    void altFOpensFileMenu()
    {
        PoolHost host;
        MainWindow window(&host);
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        QMenu *file = window.menuBar()->actions().first()->menu();
        QVERIFY(file);
        const int page = window.findChild<QTabWidget *>(QStringLiteral("pages"))->currentIndex();
        QTest::keyClick(&window, Qt::Key_F, Qt::AltModifier);
        QVERIFY(QTest::qWaitFor([file]() { return file->isVisible(); }, 2000));
        file->close();
        QCOMPARE(window.findChild<QTabWidget *>(QStringLiteral("pages"))->currentIndex(), page);
    }

    void viewMenuShowsAndHidesPanes()
    {
        PoolHost host;
        MainWindow window(&host);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *view = window.findChild<QMenu *>(QStringLiteral("viewMenu"));
        QVERIFY(view);
        Q_EMIT view->aboutToShow();
        auto action = [&window](const char *name) {
            return window.findChild<QAction *>(QString::fromLatin1(name));
        };
        auto *dock = window.findChild<QDockWidget *>(QStringLiteral("serverDetailDock"));
        QWidget *summary = window.fleetPage()->summaryBar();
        QWidget *lower = window.fleetPage()->lowerPane();
        for (const char *name : {"showServerDetails", "showToolBar", "showSummaryBar",
                                 "showLowerPane", "showStatusBar"}) {
            QVERIFY2(action(name) && action(name)->isChecked(), name);
            action(name)->trigger();
        }
        QVERIFY(!dock->isVisible());
        QVERIFY(summary->isHidden());
        QVERIFY(lower->isHidden());
        QVERIFY(window.statusBar()->isHidden());
        // The columns too: one entry per column of the table.
        auto *columns = window.findChild<QMenu *>(QStringLiteral("columnsMenu"));
        Q_EMIT columns->aboutToShow();
        int checkable = 0;
        for (QAction *a : columns->actions())
            checkable += a->isCheckable() ? 1 : 0;
        QCOMPARE(checkable, window.serverModel()->columnCount());
        action("resetLayout")->trigger();
        QVERIFY(dock->isVisible());
        QVERIFY(!summary->isHidden());
        QVERIFY(!lower->isHidden());
        QVERIFY(!window.statusBar()->isHidden());
        Q_EMIT view->aboutToShow();
        QVERIFY(action("showSummaryBar")->isChecked());
    }

    void ctrlTabSwitchesMainTabs()
    {
        PoolHost host;
        MainWindow window(&host);
        window.show();
        QApplication::setActiveWindow(&window);
        QVERIFY(QTest::qWaitForWindowActive(&window));
        auto *pages = window.findChild<QTabWidget *>(QStringLiteral("pages"));
        QCOMPARE(pages->currentIndex(), 0);
        // Wherever the focus is, even inside the Fleet page's own tabs.
        window.findChild<QTabWidget *>(QStringLiteral("fleetTabs"))->setFocus();
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(pages->currentIndex(), 1);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab, Qt::ControlModifier);
        QCOMPARE(pages->currentIndex(), 2);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab,
                        Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(pages->currentIndex(), 1);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab,
                        Qt::ControlModifier | Qt::ShiftModifier);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Backtab,
                        Qt::ControlModifier | Qt::ShiftModifier);
        QCOMPARE(pages->currentIndex(), pages->count() - 1); // round the end
    }
};

QTEST_MAIN(TestMnemonics)
#include "tst_mnemonics.moc"
