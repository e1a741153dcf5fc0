// The German translation: complete (no unfinished or empty messages, every
// placeholder kept), embedded in the ui library, and in effect once loaded.

#include "models/eventlogmodel.h"
#include "models/servertablemodel.h"
#include "widgets/mainwindow.h"

#include "host/poolhost.h"

#include <QAction>
#include <QFile>
#include <QKeySequence>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QTableView>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace mcppm;
using namespace mcppm::ui;

class TestTranslation : public QObject
{
    Q_OBJECT

    // The accelerator letters of these actions, lower case; the texts that share one.
    static QStringList clashes(const QList<QAction *> &actions)
    {
        QHash<QChar, QString> seen;
        QStringList found;
        for (const QAction *action : actions) {
            const QString text = action->text();
            const qsizetype amp = text.indexOf(QLatin1Char('&'));
            if (action->isSeparator() || amp < 0 || amp + 1 >= text.size()
                || text.at(amp + 1) == QLatin1Char('&'))
                continue;
            const QChar key = text.at(amp + 1).toLower();
            if (seen.contains(key))
                found << seen.value(key) + QStringLiteral(" / ") + text;
            seen.insert(key, text);
        }
        return found;
    }
    static QStringList menuClashes()
    {
        PoolHost host;
        ui::MainWindow window(&host);
        QStringList found = clashes(window.menuBar()->actions());
        const auto menus = window.findChildren<QMenu *>();
        for (const QMenu *menu : menus)
            found << clashes(menu->actions());
        // The server table's context menu.
        found << clashes(window.findChild<QTableView *>(QStringLiteral("serverTable"))->actions());
        return found;
    }

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void menuAcceleratorsAreUnique()
    {
        // Within each menu (and the menu bar), in English and in German.
        QAction first(QStringLiteral("D&isable")), second(QStringLiteral("Sign &In")),
            escaped(QStringLiteral("A && B"));
        QCOMPARE(clashes({&first, &second, &escaped}).size(), 1); // the check itself
        QStringList english = menuClashes();
        QVERIFY2(english.isEmpty(), qPrintable(english.join(QLatin1Char('\n'))));
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/mcp-pool-monitor_de.qm")));
        QCoreApplication::installTranslator(&translator);
        const QStringList german = menuClashes();
        QCoreApplication::removeTranslator(&translator);
        QVERIFY2(german.isEmpty(), qPrintable(german.join(QLatin1Char('\n'))));
    }

    void tsFileIsComplete()
    {
        QFile file(QStringLiteral(MCPPM_SOURCE_DIR "/translations/mcp-pool-monitor_de.ts"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QXmlStreamReader xml(&file);
        int messages = 0;
        QString source;
        QStringList problems;
        static const QRegularExpression placeholder(QStringLiteral("%[0-9n]"));
        auto placeholders = [](const QString &text) {
            QStringList found;
            auto it = placeholder.globalMatch(text);
            while (it.hasNext())
                found << it.next().captured();
            found.sort();
            found.removeDuplicates();
            return found;
        };
        while (!xml.atEnd()) {
            xml.readNext();
            if (!xml.isStartElement())
                continue;
            if (xml.name() == QLatin1String("source")) {
                source = xml.readElementText();
                ++messages;
            } else if (xml.name() == QLatin1String("translation")) {
                const QString type = xml.attributes().value(QStringLiteral("type")).toString();
                const QString text = xml.readElementText(QXmlStreamReader::IncludeChildElements);
                if (type == QLatin1String("unfinished") || type == QLatin1String("vanished")
                    || text.trimmed().isEmpty())
                    problems << QStringLiteral("untranslated: ") + source;
                else if (placeholders(text) != placeholders(source))
                    problems << QStringLiteral("placeholders differ: ") + source;
            }
        }
        QVERIFY(!xml.hasError());
        QVERIFY(messages > 300);
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
    }

    void germanIsInEffect()
    {
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/mcp-pool-monitor_de.qm")));
        QCoreApplication::installTranslator(&translator);
        ServerTableModel model;
        QCOMPARE(ServerTableModel::statusText(QStringLiteral("degraded")),
                 QStringLiteral("Beeinträchtigt"));
        QVERIFY(model.headerData(ServerTableModel::Requests, Qt::Horizontal).toString()
                != QLatin1String("Requests"));
        QVERIFY(EventLogModel::kindText(PoolEvent::Kind::Health) != QLatin1String("Health"));
        // Shortcut texts stay ones QKeySequence understands.
        for (const char *key : {"Ctrl+E", "Ctrl+N", "Ctrl+P", "Ctrl+Shift+N"})
            QVERIFY(
                !QKeySequence(QCoreApplication::translate("mcppm::ui::MainWindow", key)).isEmpty());
        QCoreApplication::removeTranslator(&translator);
        QCOMPARE(ServerTableModel::statusText(QStringLiteral("degraded")),
                 QStringLiteral("Degraded"));
    }
};

QTEST_MAIN(TestTranslation)
#include "tst_translation.moc"
