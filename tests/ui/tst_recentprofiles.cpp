// RecentProfiles: newest first, each file once, at most eight, kept in QSettings.

#include "widgets/recentprofiles.h"

#include <QDir>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace mcppm::ui;

class TestRecentProfiles : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    QString path(const QString &name) const { return m_dir.filePath(name); }

private Q_SLOTS:
    void newestFirstOnceEach()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("a.ini")), QSettings::IniFormat);
        RecentProfiles recent(&settings);
        QVERIFY(recent.paths().isEmpty());
        recent.add(path(QStringLiteral("one.json")));
        recent.add(path(QStringLiteral("two.json")));
        recent.add(path(QStringLiteral("three.json")));
        QCOMPARE(recent.paths(),
                 (QStringList{path(QStringLiteral("three.json")), path(QStringLiteral("two.json")),
                              path(QStringLiteral("one.json"))}));
        // Opened again (by another spelling of the same path): to the top, once.
        recent.add(m_dir.path() + QStringLiteral("/sub/../one.json"));
        QCOMPARE(recent.paths(),
                 (QStringList{path(QStringLiteral("one.json")), path(QStringLiteral("three.json")),
                              path(QStringLiteral("two.json"))}));
        recent.add(QString()); // nothing to remember
        QCOMPARE(recent.paths().size(), 3);
        // Kept in the settings, for the next start.
        settings.sync();
        QSettings again(m_dir.filePath(QStringLiteral("a.ini")), QSettings::IniFormat);
        QCOMPARE(RecentProfiles(&again).paths().first(), path(QStringLiteral("one.json")));
    }

    void atMostEight()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("b.ini")), QSettings::IniFormat);
        RecentProfiles recent(&settings);
        for (int i = 1; i <= 12; ++i)
            recent.add(path(QStringLiteral("p%1.json").arg(i)));
        const QStringList paths = recent.paths();
        QCOMPARE(paths.size(), RecentProfiles::kMaximum);
        QCOMPARE(paths.first(), path(QStringLiteral("p12.json")));
        QCOMPARE(paths.last(), path(QStringLiteral("p5.json")));
        QVERIFY(!paths.contains(path(QStringLiteral("p4.json"))));
    }

    void relativePathsAreMadeAbsolute()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("c.ini")), QSettings::IniFormat);
        RecentProfiles recent(&settings);
        recent.add(QStringLiteral("fleet.json"));
        QCOMPARE(recent.paths().first(),
                 QDir::current().absoluteFilePath(QStringLiteral("fleet.json")));
    }

    void removeAndClear()
    {
        QSettings settings(m_dir.filePath(QStringLiteral("d.ini")), QSettings::IniFormat);
        RecentProfiles recent(&settings);
        recent.add(path(QStringLiteral("x.json")));
        recent.add(path(QStringLiteral("y.json")));
        recent.remove(path(QStringLiteral("x.json")));
        QCOMPARE(recent.paths(), QStringList{path(QStringLiteral("y.json"))});
        recent.remove(path(QStringLiteral("never.json"))); // no harm
        QCOMPARE(recent.paths().size(), 1);
        recent.clear();
        QVERIFY(recent.paths().isEmpty());
        QVERIFY(!settings.contains(QStringLiteral("recentProfiles")));
    }

    void toleratesWhatWasStored()
    {
        // Duplicates and too many entries from a hand edit or an older version.
        QSettings settings(m_dir.filePath(QStringLiteral("e.ini")), QSettings::IniFormat);
        QStringList stored;
        for (int i = 0; i < 20; ++i)
            stored << path(QStringLiteral("q%1.json").arg(i % 10)) << QString();
        settings.setValue(QStringLiteral("recentProfiles"), stored);
        const QStringList paths = RecentProfiles(&settings).paths();
        QCOMPARE(paths.size(), RecentProfiles::kMaximum);
        QCOMPARE(paths.first(), path(QStringLiteral("q0.json")));
        QCOMPARE(QSet<QString>(paths.cbegin(), paths.cend()).size(), paths.size());
    }
};

QTEST_GUILESS_MAIN(TestRecentProfiles)
#include "tst_recentprofiles.moc"
