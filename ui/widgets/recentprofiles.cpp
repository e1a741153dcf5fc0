#include "recentprofiles.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>

namespace mcppm::ui {

namespace {
const QString kKey = QStringLiteral("recentProfiles");
}

RecentProfiles::RecentProfiles(QSettings *settings)
    : m_settings(settings)
{ }

QString RecentProfiles::normalized(const QString &path)
{
    return path.isEmpty() ? QString() : QDir::cleanPath(QFileInfo(path).absoluteFilePath());
}

QStringList RecentProfiles::paths() const
{
    // Whatever an older version or a hand edit left there: clean, once each, capped.
    QStringList out;
    const QStringList stored = m_settings->value(kKey).toStringList();
    for (const QString &path : stored) {
        const QString p = normalized(path);
        if (!p.isEmpty() && !out.contains(p))
            out.append(p);
        if (out.size() == kMaximum)
            break;
    }
    return out;
}

void RecentProfiles::add(const QString &path)
{
    const QString p = normalized(path);
    if (p.isEmpty())
        return;
    QStringList list = paths();
    list.removeAll(p);
    list.prepend(p);
    while (list.size() > kMaximum)
        list.removeLast();
    store(list);
}

void RecentProfiles::remove(const QString &path)
{
    QStringList list = paths();
    if (list.removeAll(normalized(path)) > 0)
        store(list);
}

void RecentProfiles::clear()
{
    m_settings->remove(kKey);
}

void RecentProfiles::store(const QStringList &paths)
{
    m_settings->setValue(kKey, paths);
}

} // namespace mcppm::ui
