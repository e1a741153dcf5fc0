#pragma once

#include "profile/profile.h"

#include <QObject>
#include <QStringList>

#include <functional>
#include <optional>

namespace mcppm::ui {

// The open profile as a document: the Profile, the file it came from (empty
// while unsaved), whether it has unsaved changes, and the recent-files list.
// No widgets: how to ask about unsaved changes and where to save is the
// window's, given as callbacks (a test gives its own answers).
class ProfileDocument final : public QObject
{
    Q_OBJECT
public:
    enum class UnsavedAnswer { Save, Discard, Cancel };
    // Asked when unsaved changes would be lost.
    using UnsavedQuestion = std::function<UnsavedAnswer()>;
    // Saves the document (asking for a path if it has none); false if it was not saved.
    using SaveAction = std::function<bool()>;

    explicit ProfileDocument(QObject *parent = nullptr);
    ~ProfileDocument() override;
    Q_DISABLE_COPY_MOVE(ProfileDocument)

    const Profile &profile() const { return m_profile; }
    QString path() const { return m_path; }
    bool isModified() const { return m_modified; }
    // The name that keys its secrets: the profile's name, or "default".
    QString keyName() const;

    // A profile now open (from a file at path, or unsaved when path is empty); not modified.
    void open(const Profile &profile, const QString &path);
    // Reads a profile file; nullopt with *why on error (the document is unchanged).
    static std::optional<Profile> read(const QString &path, QString *why);
    // Writes the profile there atomically and makes it the document's file.
    bool saveTo(const QString &path, QString *why);
    void setModified(bool modified);

    // Edits; each one marks the document modified when it changes something.
    void replace(const Profile &profile); // e.g. from the settings dialog
    ProfileServer *server(const QString &id); // nullptr if none; call setModified() after
    bool hasServer(const QString &id) const;
    void addServer(const ProfileServer &server);
    void removeServer(const QString &id);
    void setServerWeights(const QString &id, int priority, int weight);
    void setServerEnabled(const QString &id, bool enabled);
    void setStrategy(const QString &name);
    void setRequests(const QList<NamedRequest> &requests);

    // Unsaved changes: true when they may be lost (none, saved, or discarded).
    void setUnsavedQuestion(UnsavedQuestion question) { m_question = std::move(question); }
    void setSaveAction(SaveAction save) { m_save = std::move(save); }
    bool confirmDiscard();

    // Recent files (QSettings), newest first; a file opened or saved goes to the top
    // and becomes the one opened next time.
    static QStringList recentProfiles();
    void remember(const QString &path);
    void forget(const QString &path);
    void clearRecent();

Q_SIGNALS:
    void modifiedChanged(bool modified);
    // The file name or the modified state changed: the window title is stale.
    void titleChanged();
    void recentChanged(bool hasRecent);

private:
    Profile m_profile;
    QString m_path;
    bool m_modified = false;
    UnsavedQuestion m_question;
    SaveAction m_save;
};

} // namespace mcppm::ui
