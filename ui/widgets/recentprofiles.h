#pragma once

#include <QStringList>

class QSettings;

namespace mcppm::ui {

// The profiles opened or saved last, newest first, at most kMaximum, kept in
// QSettings under "recentProfiles" as absolute paths (the same file is listed
// once, however it was reached).
class RecentProfiles final
{
public:
    static constexpr int kMaximum = 8;

    explicit RecentProfiles(QSettings *settings);

    QStringList paths() const;
    void add(const QString &path); // to the top; an older mention leaves
    void remove(const QString &path);
    void clear();

private:
    static QString normalized(const QString &path);
    void store(const QStringList &paths);

    QSettings *m_settings;
};

} // namespace mcppm::ui
