// The German translation: complete (no unfinished or empty messages, every
// placeholder kept), embedded in the ui library, and in effect once loaded.

#include "models/eventlogmodel.h"
#include "models/servertablemodel.h"

#include <QFile>
#include <QKeySequence>
#include <QRegularExpression>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

using namespace mcppm;
using namespace mcppm::ui;

class TestTranslation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
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
