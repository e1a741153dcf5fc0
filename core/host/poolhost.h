#pragma once

#include "host/eventcoalescer.h"

#include "pool/poolsnapshot.h"
#include "pool/serverdetail.h"
#include "pool/serverpool.h"

#include "profile/profile.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QObject>
#include <QSet>

#include <optional>

class QTimer;

namespace mcppm {
class LoopbackAuthorizationAgent;
class McpEndpoint;
} // namespace mcppm

namespace mcppm {

// The pool for a user interface: lives in its own thread (moveToThread), owns
// the ServerPool there, takes commands as queued slot calls and reports back
// with batched snapshots (at most one per snapshotIntervalMs, only when
// something changed) and per-call signals. The UI never touches the pool.
class PoolHost final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int snapshotIntervalMs = 100;
        int sampleIntervalMs = 1000;
        int healthCheckIntervalMs = -1; // -1: the profile's
        // Bursts of retries, failovers and failed tasks per server: the first
        // eventPassThrough are logged one by one, the rest summed up per window.
        int eventWindowMs = 10000;
        int eventPassThrough = 2;
    };

    explicit PoolHost(const Options &options, QObject *parent = nullptr);
    explicit PoolHost(QObject *parent = nullptr);
    ~PoolHost() override;
    Q_DISABLE_COPY_MOVE(PoolHost)

public Q_SLOTS:
    // (Re)builds the pool from a profile; tokens come from its references.
    void start(const mcppm::Profile &profile);
    // The profile's pool settings (strategy, concurrency, timeouts, health
    // thresholds, roots, log level) applied to the running pool: sessions and
    // statistics are kept. Other servers, or another proxy, rebuild it (start).
    void applySettings(const mcppm::Profile &profile);
    // Serve the pool as one MCP server (or stop: enabled false). The token
    // reference is read from the secrets (keychain:) or the environment.
    // Kept across pool rebuilds; start() takes the profile's.
    void setEndpoint(const mcppm::EndpointSettings &settings);
    void addServer(const mcppm::ProfileServer &server);
    // Tokens for "keychain:" references, read by the UI; kept in memory only.
    void setSecrets(const QHash<QString, QString> &secrets);
    // Replaces a server's bearer token without restarting anything.
    void setServerToken(const QString &id, const QString &token);
    void removeServer(const QString &id);
    // A local (stdio) server: start its process again, also after its supervisor gave up.
    void restartProcess(const QString &id);
    void updateServer(const QString &id, int priority, int weight);
    // An edited server: what changed is applied in place (priority, weight,
    // rate limit, TLS trust); a new URL, timeout or token reference means
    // the server is added again under its settings.
    void editServer(const mcppm::ProfileServer &before, const mcppm::ProfileServer &after);
    void setServerDrained(const QString &id, bool drained);
    // OAuth: sign in (the browser is asked for through signInUrlReady(), a
    // loopback listener on 127.0.0.1 takes the answer) or forget the tokens.
    void signIn(const QString &id);
    void signOut(const QString &id);
    // Token sets kept from an earlier run (server id → OAuthTokenSet::toJson()),
    // from the keychain; they replace any given before, and apply now and to
    // servers added later.
    void setOAuthTokens(const QHash<QString, QJsonObject> &tokens);
    void setServerEnabled(const QString &id, bool enabled);
    void setStrategy(const QString &name);
    void setPaused(bool paused);
    void reconnectServer(const QString &id);
    void pingServer(const QString &id);
    // requestId is the caller's; callStarted/callFinished carry it back.
    void callTool(quint64 requestId, const QString &name, const QJsonObject &arguments,
                  int priority, int timeoutMs, const QString &server);
    void cancelCall(quint64 requestId);
    void exportCsv(const QString &path);
    // Gathers a ServerDetail (catalog lists fetched fresh); answers with detailReady().
    void requestDetail(const QString &id);
    // The union of the servers' tools, sorted by name; answers with catalogReady().
    void requestCatalog();
    // Resources and templates of the servers in rotation (fetched fresh); resourcesReady().
    void requestResources();
    // A resources/read through the pool (server "" = balanced); callFinished() answers.
    void readResource(quint64 requestId, const QString &uri, const QString &server);
    // Sends this server's JSON-RPC traffic (masked) with trafficObserved(); "" stops.
    void watchTraffic(const QString &id);
    // A person answers the servers' requests (elicitation; sampling when the
    // profile's "sampling" is true): they come out as inputRequested(). Off
    // by default, so a host nobody watches declares no such capability.
    void setInteractiveInput(bool enabled);
    // The answer to inputRequested(requestNo): a result, or an error text
    // (empty result and non-empty text) sent back as an error. Once only;
    // unknown or already settled numbers are ignored.
    void answerInput(quint64 requestNo, const QJsonObject &result, const QString &errorText);
    // The prompts of the servers in rotation (fetched fresh), each prompt
    // object with a "servers" array added; promptsReady() answers.
    void requestPrompts();
    // prompts/get on one server ("" = in rotation, one of those that list it);
    // promptFinished() answers with the result or an error text.
    void getPrompt(quint64 requestId, const QString &server, const QString &name,
                   const QJsonObject &arguments);
    // completion/complete for a prompt argument or a resource template
    // variable (ref as in the spec); completionReady() answers.
    void completeArgument(quint64 requestId, const QString &server, const QJsonObject &ref,
                          const QString &argument, const QString &value,
                          const QJsonObject &context);
    // Subscribes to (or stops) a resource's updates on one server ("" = every
    // server in the pool that lists it); updates come as resourceUpdated()
    // and in the event log.
    void setResourceSubscribed(const QString &uri, const QString &server, bool subscribed);
    void shutdown();

Q_SIGNALS:
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
    // Open this page in the browser for the server's sign-in.
    void signInUrlReady(const QString &id, const QUrl &url);
    // A server's OAuth tokens changed: keep them (keychain); {} after sign-out.
    void oauthTokensChanged(const QString &id, const QJsonObject &tokens);
    // A server asks something of the operator (elicitation/create,
    // sampling/createMessage); answer with answerInput(requestNo, ...).
    void inputRequested(quint64 requestNo, const QString &serverId, const QString &method,
                        const QJsonObject &params);
    // The request was settled without the operator (the host shut down or the
    // pool was rebuilt; it got an error): close what shows it.
    void inputWithdrawn(quint64 requestNo, const QString &reason);
    void promptsReady(const QJsonArray &prompts);
    void promptFinished(quint64 requestId, const QJsonObject &result, const QString &serverId,
                        const QString &errorText);
    void completionReady(quint64 requestId, const QStringList &values, const QString &errorText);
    void resourceUpdated(const QString &serverId, const QString &uri);

private:
    void buildPool(const Profile &profile);
    void openEndpoint(); // on the current pool, from m_endpointSettings
    void closeEndpoint();
    ServerPoolOptions poolOptionsFor(const Profile &profile) const;
    void markDirty() { m_dirty = true; }
    // One row for the event log. Retries, failovers and failed tasks go through
    // the coalescer (reason: what a summary groups them by; "" = the text).
    void log(PoolEvent::Kind kind, const QString &serverId, const QString &text,
             std::optional<PoolEvent::Severity> severity = std::nullopt,
             const QString &reason = {});
    void appendEvent(PoolEvent event);
    void appendSummaries(const QList<PoolEvent> &summaries);
    void emitSnapshot();
    void track(quint64 requestId, TaskId id); // a UI call: report its end as callFinished()
    void applyInputFeatures();
    void withdrawInputs(const QString &reason); // fails every pending input request
    // The server's client, or ("" given) the first connected one in rotation.
    McpClient *clientInRotation(const QString &server) const;
    // Request-aware choice for prompts and completions: the given server, else
    // in rotation one of `fitting` (servers that list the prompt or resource),
    // else (none lists it) in rotation any server in rotation.
    McpClient *clientFor(const QString &server, const QStringList &fitting);

    Options m_options;
    ServerPool *m_pool = nullptr;
    QTimer *m_snapshotTimer = nullptr;
    bool m_dirty = true;
    qint64 m_lastSampleT = 0;
    QList<PoolEvent> m_events;
    EventCoalescer m_coalescer;
    QElapsedTimer m_clock; // the coalescer's time
    QSet<TaskId> m_operatorCancels; // cancelCall() asked for these
    QHash<QString, QList<PoolEvent>> m_recentErrors; // per server, the last 20
    QString m_watched;
    QHash<QString, QString> m_secrets; // keychain reference -> token
    QHash<QString, QJsonObject> m_oauthTokens; // server id -> kept token set
    quint64 m_routeTurn = 0; // rotation of clientFor()
    QHash<QString, LoopbackAuthorizationAgent *> m_agents; // one per server signing in
    QString m_profileDirectory; // relative CA files of the profile start here
    EndpointSettings m_endpointSettings;
    McpEndpoint *m_endpoint = nullptr;
    QString m_endpointError;
    quint64 m_endpointActivity = 0; // McpEndpoint::activity() at the last snapshot
    QString m_profileProxy; // the profile's "proxy", for servers without their own
    QJsonArray m_serversJson; // the servers the pool was built from (applySettings compares)
    QMetaObject::Connection m_trafficConnection;
    QList<TrafficRecord> m_traffic; // since the last batch
    int m_trafficDropped = 0;
    int m_dropped = 0;
    QHash<quint64, TaskId> m_calls; // request id -> task
    QHash<TaskId, quint64> m_requests; // task -> request id
    bool m_interactiveInput = false;
    bool m_sampling = false; // the profile's "sampling"
    quint64 m_nextInput = 1;
    QHash<quint64, InputResponder> m_inputs; // request number -> how to answer
};

} // namespace mcppm
