#pragma once

#include "pool/poolsnapshot.h"
#include "pool/serverdetail.h"
#include "profile/profile.h"

#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QUrl>

namespace mcppm {
class PoolHost;
}

namespace mcppm::ui {

// The GUI's one way to the pool thread: a typed client for PoolHost.
//
// It lives in the GUI thread. Each command (one per PoolHost slot) emits a
// "…Requested" signal; attach() connects those signals to the host's slots, so
// with the host in its own thread every command is a queued call carried out
// there, in the order given (queued events to one receiver keep their order).
// Signals rather than QMetaObject::invokeMethod: Qt 6.4 has no invokeMethod
// with a pointer to member and arguments, the argument types are checked by
// the compiler at connect(), and a test can watch the requests with a
// QSignalSpy on a client with no host at all.
//
// The host's signals come back as this client's signals of the same name,
// delivered in the GUI thread. Widgets and controllers connect to the client,
// never to the host: a test hands them a detached client and emits the
// answers itself (a fake pool, no thread, no network).
//
// Nothing else in ui/ calls the host (ctest `layers` checks it).
class PoolClient final : public QObject
{
    Q_OBJECT
public:
    explicit PoolClient(QObject *parent = nullptr); // detached: requests go nowhere
    explicit PoolClient(PoolHost *host, QObject *parent = nullptr);
    ~PoolClient() override;
    Q_DISABLE_COPY_MOVE(PoolClient)

    // Connects to a host (living in any thread); a client has one host at most.
    void attach(PoolHost *host);
    PoolHost *host() const;

    // Commands: each one is the PoolHost slot of the same name, queued.
    void start(const Profile &profile) { Q_EMIT startRequested(profile); }
    void applySettings(const Profile &profile) { Q_EMIT settingsApplied(profile); }
    void addServer(const ProfileServer &server) { Q_EMIT addServerRequested(server); }
    void setSecrets(const QHash<QString, QString> &secrets) { Q_EMIT secretsGiven(secrets); }
    void setServerToken(const QString &id, const QString &token)
    {
        Q_EMIT serverTokenGiven(id, token);
    }
    void removeServer(const QString &id) { Q_EMIT removeServerRequested(id); }
    void updateServer(const QString &id, int priority, int weight)
    {
        Q_EMIT updateServerRequested(id, priority, weight);
    }
    void editServer(const ProfileServer &before, const ProfileServer &after)
    {
        Q_EMIT editServerRequested(before, after);
    }
    void setServerDrained(const QString &id, bool drained)
    {
        Q_EMIT serverDrainRequested(id, drained);
    }
    void restartProcess(const QString &id) { Q_EMIT processRestartRequested(id); }
    void signIn(const QString &id) { Q_EMIT signInRequested(id); }
    void signOut(const QString &id) { Q_EMIT signOutRequested(id); }
    void setOAuthTokens(const QHash<QString, QJsonObject> &tokens)
    {
        Q_EMIT oauthTokensGiven(tokens);
    }
    void setServerEnabled(const QString &id, bool enabled)
    {
        Q_EMIT serverEnableRequested(id, enabled);
    }
    void setStrategy(const QString &name) { Q_EMIT strategyRequested(name); }
    void setPaused(bool paused) { Q_EMIT pauseRequested(paused); }
    void reconnectServer(const QString &id) { Q_EMIT reconnectRequested(id); }
    void pingServer(const QString &id) { Q_EMIT pingRequested(id); }
    void callTool(quint64 requestId, const QString &name, const QJsonObject &arguments,
                  int priority, int timeoutMs, const QString &server)
    {
        Q_EMIT callRequested(requestId, name, arguments, priority, timeoutMs, server);
    }
    void cancelCall(quint64 requestId) { Q_EMIT cancelRequested(requestId); }
    void exportCsv(const QString &path) { Q_EMIT exportRequested(path); }
    void requestDetail(const QString &id) { Q_EMIT detailRequested(id); }
    void requestCatalog() { Q_EMIT catalogRequested(); }
    void requestResources() { Q_EMIT resourcesRequested(); }
    void readResource(quint64 requestId, const QString &uri, const QString &server)
    {
        Q_EMIT readResourceRequested(requestId, uri, server);
    }
    void watchTraffic(const QString &id) { Q_EMIT trafficWatchRequested(id); }
    void setInteractiveInput(bool enabled) { Q_EMIT interactiveInputRequested(enabled); }
    void answerInput(quint64 requestNo, const QJsonObject &result, const QString &errorText)
    {
        Q_EMIT inputAnswered(requestNo, result, errorText);
    }
    void requestPrompts() { Q_EMIT promptsRequested(); }
    void getPrompt(quint64 requestId, const QString &server, const QString &name,
                   const QJsonObject &arguments)
    {
        Q_EMIT promptRequested(requestId, server, name, arguments);
    }
    void completeArgument(quint64 requestId, const QString &server, const QJsonObject &ref,
                          const QString &argument, const QString &value, const QJsonObject &context)
    {
        Q_EMIT completionRequested(requestId, server, ref, argument, value, context);
    }
    void setResourceSubscribed(const QString &uri, const QString &server, bool subscribed)
    {
        Q_EMIT resourceSubscriptionRequested(uri, server, subscribed);
    }
    void shutdown() { Q_EMIT shutdownRequested(); }

Q_SIGNALS:
    // Requests, as the commands above made them (connected to the host).
    void startRequested(const mcppm::Profile &profile);
    void settingsApplied(const mcppm::Profile &profile);
    void addServerRequested(const mcppm::ProfileServer &server);
    void secretsGiven(const QHash<QString, QString> &secrets);
    void serverTokenGiven(const QString &id, const QString &token);
    void removeServerRequested(const QString &id);
    void updateServerRequested(const QString &id, int priority, int weight);
    void editServerRequested(const mcppm::ProfileServer &before, const mcppm::ProfileServer &after);
    void serverDrainRequested(const QString &id, bool drained);
    void processRestartRequested(const QString &id);
    void signInRequested(const QString &id);
    void signOutRequested(const QString &id);
    void oauthTokensGiven(const QHash<QString, QJsonObject> &tokens);
    void serverEnableRequested(const QString &id, bool enabled);
    void strategyRequested(const QString &name);
    void pauseRequested(bool paused);
    void reconnectRequested(const QString &id);
    void pingRequested(const QString &id);
    void callRequested(quint64 requestId, const QString &name, const QJsonObject &arguments,
                       int priority, int timeoutMs, const QString &server);
    void cancelRequested(quint64 requestId);
    void exportRequested(const QString &path);
    void detailRequested(const QString &id);
    void catalogRequested();
    void resourcesRequested();
    void readResourceRequested(quint64 requestId, const QString &uri, const QString &server);
    void trafficWatchRequested(const QString &id);
    void interactiveInputRequested(bool enabled);
    void inputAnswered(quint64 requestNo, const QJsonObject &result, const QString &errorText);
    void promptsRequested();
    void promptRequested(quint64 requestId, const QString &server, const QString &name,
                         const QJsonObject &arguments);
    void completionRequested(quint64 requestId, const QString &server, const QJsonObject &ref,
                             const QString &argument, const QString &value,
                             const QJsonObject &context);
    void resourceSubscriptionRequested(const QString &uri, const QString &server, bool subscribed);
    void shutdownRequested();

    // The host's answers (PoolHost's signals of the same names), in the GUI thread.
    void snapshotReady(const mcppm::PoolSnapshot &snapshot);
    void callStarted(quint64 requestId, quint64 taskId);
    void callProgressed(quint64 requestId, double progress, double total, const QString &message);
    void callFinished(quint64 requestId, const QJsonObject &result, const QString &serverId,
                      const QString &errorKind, const QString &errorText);
    void exportFinished(bool ok, const QString &message);
    void detailReady(const mcppm::ServerDetail &detail);
    void catalogReady(const QList<mcppm::CatalogTool> &tools);
    void resourcesReady(const QList<mcppm::CatalogResource> &resources,
                        const QList<mcppm::CatalogTemplate> &templates);
    void trafficObserved(const QList<mcppm::TrafficRecord> &records, int dropped);
    void shutdownFinished();
    void signInUrlReady(const QString &id, const QUrl &url);
    void oauthTokensChanged(const QString &id, const QJsonObject &tokens);
    void inputRequested(quint64 requestNo, const QString &serverId, const QString &method,
                        const QJsonObject &params);
    void inputWithdrawn(quint64 requestNo, const QString &reason);
    void promptsReady(const QJsonArray &prompts);
    void promptFinished(quint64 requestId, const QJsonObject &result, const QString &serverId,
                        const QString &errorText);
    void completionReady(quint64 requestId, const QStringList &values, const QString &errorText);
    void resourceUpdated(const QString &serverId, const QString &uri);

private:
    QPointer<PoolHost> m_host;
};

} // namespace mcppm::ui
