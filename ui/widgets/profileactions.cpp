#include "profileactions.h"

#include "net/safetext.h"

#include "controllers/profiledocument.h"

#include <QAction>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QMenu>
#include <QMessageBox>

namespace mcppm::ui {

ProfileActions::ProfileActions(ProfileDocument *document, QWidget *window, OpenFunction open)
    : QObject(window)
    , m_document(document)
    , m_window(window)
    , m_open(std::move(open))
{
    m_document->setUnsavedQuestion([this]() {
        const auto answer
            = QMessageBox::question(m_window, tr("Unsaved Changes"),
                                    tr("The pool has changes that are not saved. Save them?"),
                                    QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel);
        if (answer == QMessageBox::Save)
            return ProfileDocument::UnsavedAnswer::Save;
        return answer == QMessageBox::Discard ? ProfileDocument::UnsavedAnswer::Discard
                                              : ProfileDocument::UnsavedAnswer::Cancel;
    });
    m_document->setSaveAction([this]() { return save(false); });
    connect(m_document, &ProfileDocument::recentChanged, this, [this](bool hasRecent) {
        if (m_recentMenu)
            m_recentMenu->setEnabled(hasRecent);
    });
}

ProfileActions::~ProfileActions() = default;

void ProfileActions::fillMenu(QMenu *file)
{
    QAction *newAction = file->addAction(tr("&New Profile"), this, [this]() { newProfile(); });
    newAction->setShortcut(QKeySequence(tr("Ctrl+Shift+N"))); // Ctrl+N adds a server
    newAction->setStatusTip(tr("Start an empty pool"));
    QAction *open = file->addAction(tr("&Open Profile…"), this, &ProfileActions::openDialog);
    open->setShortcut(QKeySequence::Open);
    m_recentMenu = file->addMenu(tr("Open &Recent"));
    m_recentMenu->setObjectName(QStringLiteral("recentMenu"));
    connect(m_recentMenu, &QMenu::aboutToShow, this, &ProfileActions::fillRecentMenu);
    fillRecentMenu();
    QAction *saveAction = file->addAction(tr("&Save Profile"), this, [this]() { save(false); });
    saveAction->setShortcut(QKeySequence::Save);
    QAction *saveAs = file->addAction(tr("Save Profile &As…"), this, [this]() { save(true); });
    saveAs->setShortcut(QKeySequence::SaveAs);
}

bool ProfileActions::loadFile(const QString &path)
{
    QString why;
    const auto profile = ProfileDocument::read(path, &why);
    if (!profile) {
        QMessageBox::warning(m_window, tr("Open Profile"), SafeText::escape(why, SafeText::Mode::MultiLine));
        return false;
    }
    m_open(*profile, path);
    m_document->remember(path);
    return true;
}

bool ProfileActions::newProfile()
{
    if (!m_document->confirmDiscard())
        return false;
    m_open(Profile{}, {});
    Q_EMIT statusMessage(tr("New, empty pool: add servers, then save the profile."), 5000);
    return true;
}

bool ProfileActions::openRecent(const QString &path)
{
    if (!QFileInfo(path).isFile()) {
        m_document->forget(path);
        QMessageBox::warning(m_window, tr("Open Recent Profile"),
                             tr("The profile %1 no longer exists. It was removed from the "
                                "list of recent profiles.")
                                 .arg(QDir::toNativeSeparators(path)));
        return false;
    }
    if (!m_document->confirmDiscard())
        return false;
    return loadFile(path);
}

void ProfileActions::fillRecentMenu()
{
    // Rebuilt as it opens (never from one of its own actions, which clear() would delete).
    m_recentMenu->clear();
    const QStringList paths = ProfileDocument::recentProfiles();
    for (int i = 0; i < paths.size(); ++i) {
        const QString &path = paths.at(i);
        // "&1 fleet.json" … "&8 …": a key for each, the full path in the tip.
        QAction *action
            = m_recentMenu->addAction(tr("&%1 %2").arg(i + 1).arg(QFileInfo(path).fileName()), this,
                                      [this, path]() { openRecent(path); });
        action->setToolTip(QDir::toNativeSeparators(path));
        action->setStatusTip(QDir::toNativeSeparators(path));
        action->setData(path);
    }
    m_recentMenu->setToolTipsVisible(true);
    if (!paths.isEmpty())
        m_recentMenu->addSeparator();
    QAction *clear
        = m_recentMenu->addAction(tr("&Clear Menu"), m_document, &ProfileDocument::clearRecent);
    clear->setEnabled(!paths.isEmpty());
    m_recentMenu->setEnabled(!paths.isEmpty());
}

void ProfileActions::openDialog()
{
    if (!m_document->confirmDiscard())
        return;
    const QString path = QFileDialog::getOpenFileName(m_window, tr("Open Profile"),
                                                      QFileInfo(m_document->path()).absolutePath(),
                                                      tr("Pool profiles (*.json);;All files (*)"));
    if (!path.isEmpty())
        loadFile(path);
}

bool ProfileActions::save(bool askPath)
{
    QString path = m_document->path();
    if (askPath || path.isEmpty()) {
        path = QFileDialog::getSaveFileName(m_window, tr("Save Profile"),
                                            path.isEmpty() ? QStringLiteral("fleet.json") : path,
                                            tr("Pool profiles (*.json)"));
        if (path.isEmpty())
            return false;
    }
    return saveTo(path);
}

bool ProfileActions::saveTo(const QString &path)
{
    QString why;
    if (!m_document->saveTo(path, &why)) {
        QMessageBox::warning(m_window, tr("Save Profile"), why);
        return false;
    }
    Q_EMIT statusMessage(tr("Saved %1").arg(path), 5000);
    return true;
}

} // namespace mcppm::ui
