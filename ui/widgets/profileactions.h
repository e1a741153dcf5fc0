#pragma once

#include "profile/profile.h"

#include <QObject>
#include <QPointer>

#include <functional>

class QMenu;
class QWidget;

namespace mcppm::ui {

class ProfileDocument;

// The profile part of the File menu (New Profile, Open Profile…, Open Recent,
// Save Profile, Save Profile As…) over the ProfileDocument: the file dialogs,
// the unsaved-changes question, the recent list as a menu, and a message box
// when a file cannot be read or written. Opening hands the profile to the
// window's open function (which restarts the pool).
class ProfileActions final : public QObject
{
    Q_OBJECT
public:
    using OpenFunction = std::function<void(const Profile &profile, const QString &path)>;

    ProfileActions(ProfileDocument *document, QWidget *window, OpenFunction open);
    ~ProfileActions() override;
    Q_DISABLE_COPY_MOVE(ProfileActions)

    void fillMenu(QMenu *file);
    QMenu *recentMenu() const { return m_recentMenu; }

    bool loadFile(const QString &path); // false (with a message box) on error
    bool newProfile(); // after asking about unsaved changes
    bool openRecent(const QString &path); // a file that is gone leaves the list
    bool save(bool askPath); // asks for a path when there is none (or askPath)
    bool saveTo(const QString &path);

Q_SIGNALS:
    void statusMessage(const QString &text, int timeoutMs);

private:
    void openDialog();
    void fillRecentMenu();

    ProfileDocument *m_document;
    QPointer<QWidget> m_window; // parent of the dialogs
    OpenFunction m_open;
    QMenu *m_recentMenu = nullptr;
};

} // namespace mcppm::ui
