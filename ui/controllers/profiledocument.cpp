#include "profiledocument.h"

#include "widgets/recentprofiles.h"

#include <QSettings>

#include <algorithm>

namespace mcppm::ui {

ProfileDocument::ProfileDocument(QObject *parent)
    : QObject(parent)
{ }

ProfileDocument::~ProfileDocument() = default;

QString ProfileDocument::keyName() const
{
    return m_profile.name.isEmpty() ? QStringLiteral("default") : m_profile.name;
}

void ProfileDocument::open(const Profile &profile, const QString &path)
{
    m_profile = profile;
    m_path = path;
    m_modified = false;
    Q_EMIT modifiedChanged(false);
    Q_EMIT titleChanged();
}

std::optional<Profile> ProfileDocument::read(const QString &path, QString *why)
{
    return Profile::load(path, why);
}

bool ProfileDocument::saveTo(const QString &path, QString *why)
{
    if (!m_profile.save(path, why))
        return false;
    m_path = path;
    remember(path);
    setModified(false);
    Q_EMIT titleChanged();
    return true;
}

void ProfileDocument::setModified(bool modified)
{
    m_modified = modified;
    Q_EMIT modifiedChanged(modified);
    Q_EMIT titleChanged();
}

void ProfileDocument::replace(const Profile &profile)
{
    m_profile = profile;
    setModified(true);
}

ProfileServer *ProfileDocument::server(const QString &id)
{
    for (ProfileServer &s : m_profile.servers) {
        if (s.id == id)
            return &s;
    }
    return nullptr;
}

bool ProfileDocument::hasServer(const QString &id) const
{
    return std::any_of(m_profile.servers.cbegin(), m_profile.servers.cend(),
                       [&id](const ProfileServer &s) { return s.id == id; });
}

void ProfileDocument::addServer(const ProfileServer &server)
{
    m_profile.servers.append(server);
    setModified(true);
}

void ProfileDocument::removeServer(const QString &id)
{
    m_profile.servers.removeIf([&id](const ProfileServer &s) { return s.id == id; });
    setModified(true);
}

void ProfileDocument::setServerWeights(const QString &id, int priority, int weight)
{
    if (ProfileServer *s = server(id)) {
        s->priority = priority;
        s->weight = weight;
    }
    setModified(true);
}

void ProfileDocument::setServerEnabled(const QString &id, bool enabled)
{
    ProfileServer *s = server(id);
    if (!s || s->enabled == enabled)
        return;
    s->enabled = enabled; // kept in the profile
    setModified(true);
}

void ProfileDocument::setStrategy(const QString &name)
{
    m_profile.strategy = name;
    setModified(true);
}

void ProfileDocument::setRequests(const QList<NamedRequest> &requests)
{
    m_profile.requests = requests;
    setModified(true);
}

bool ProfileDocument::confirmDiscard()
{
    if (!m_modified)
        return true;
    const UnsavedAnswer answer = m_question ? m_question() : UnsavedAnswer::Cancel;
    if (answer == UnsavedAnswer::Save)
        return m_save && m_save();
    return answer == UnsavedAnswer::Discard;
}

QStringList ProfileDocument::recentProfiles()
{
    QSettings settings;
    return RecentProfiles(&settings).paths();
}

void ProfileDocument::remember(const QString &path)
{
    QSettings settings;
    settings.setValue(QStringLiteral("lastProfile"), path);
    RecentProfiles(&settings).add(path);
    Q_EMIT recentChanged(true);
}

void ProfileDocument::forget(const QString &path)
{
    QSettings settings;
    RecentProfiles recent(&settings);
    recent.remove(path);
    Q_EMIT recentChanged(!recent.paths().isEmpty());
}

void ProfileDocument::clearRecent()
{
    QSettings settings;
    RecentProfiles(&settings).clear();
    Q_EMIT recentChanged(false);
}

} // namespace mcppm::ui
