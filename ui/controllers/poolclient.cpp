#include "poolclient.h"

#include "host/poolhost.h"

namespace mcppm::ui {

PoolClient::PoolClient(QObject *parent)
    : QObject(parent)
{ }

PoolClient::PoolClient(PoolHost *host, QObject *parent)
    : QObject(parent)
{
    attach(host);
}

PoolClient::~PoolClient() = default;

PoolHost *PoolClient::host() const
{
    return m_host;
}

void PoolClient::attach(PoolHost *host)
{
    Q_ASSERT(!m_host);
    if (!host || m_host)
        return;
    m_host = host;
    // Commands: to the host's slots, queued while the host lives in the pool thread.
    connect(this, &PoolClient::startRequested, host, &PoolHost::start);
    connect(this, &PoolClient::settingsApplied, host, &PoolHost::applySettings);
    connect(this, &PoolClient::addServerRequested, host, &PoolHost::addServer);
    connect(this, &PoolClient::secretsGiven, host, &PoolHost::setSecrets);
    connect(this, &PoolClient::serverTokenGiven, host, &PoolHost::setServerToken);
    connect(this, &PoolClient::removeServerRequested, host, &PoolHost::removeServer);
    connect(this, &PoolClient::updateServerRequested, host, &PoolHost::updateServer);
    connect(this, &PoolClient::editServerRequested, host, &PoolHost::editServer);
    connect(this, &PoolClient::serverDrainRequested, host, &PoolHost::setServerDrained);
    connect(this, &PoolClient::processRestartRequested, host, &PoolHost::restartProcess);
    connect(this, &PoolClient::signInRequested, host, &PoolHost::signIn);
    connect(this, &PoolClient::signOutRequested, host, &PoolHost::signOut);
    connect(this, &PoolClient::oauthTokensGiven, host, &PoolHost::setOAuthTokens);
    connect(this, &PoolClient::serverEnableRequested, host, &PoolHost::setServerEnabled);
    connect(this, &PoolClient::strategyRequested, host, &PoolHost::setStrategy);
    connect(this, &PoolClient::pauseRequested, host, &PoolHost::setPaused);
    connect(this, &PoolClient::reconnectRequested, host, &PoolHost::reconnectServer);
    connect(this, &PoolClient::pingRequested, host, &PoolHost::pingServer);
    connect(this, &PoolClient::callRequested, host, &PoolHost::callTool);
    connect(this, &PoolClient::cancelRequested, host, &PoolHost::cancelCall);
    connect(this, &PoolClient::exportRequested, host, &PoolHost::exportCsv);
    connect(this, &PoolClient::detailRequested, host, &PoolHost::requestDetail);
    connect(this, &PoolClient::catalogRequested, host, &PoolHost::requestCatalog);
    connect(this, &PoolClient::resourcesRequested, host, &PoolHost::requestResources);
    connect(this, &PoolClient::readResourceRequested, host, &PoolHost::readResource);
    connect(this, &PoolClient::trafficWatchRequested, host, &PoolHost::watchTraffic);
    connect(this, &PoolClient::interactiveInputRequested, host, &PoolHost::setInteractiveInput);
    connect(this, &PoolClient::inputAnswered, host, &PoolHost::answerInput);
    connect(this, &PoolClient::promptsRequested, host, &PoolHost::requestPrompts);
    connect(this, &PoolClient::promptRequested, host, &PoolHost::getPrompt);
    connect(this, &PoolClient::completionRequested, host, &PoolHost::completeArgument);
    connect(this, &PoolClient::resourceSubscriptionRequested, host,
            &PoolHost::setResourceSubscribed);
    connect(this, &PoolClient::shutdownRequested, host, &PoolHost::shutdown);
    // Answers: re-emitted here, so they arrive in this (the GUI) thread.
    connect(host, &PoolHost::snapshotReady, this, &PoolClient::snapshotReady);
    connect(host, &PoolHost::callStarted, this, &PoolClient::callStarted);
    connect(host, &PoolHost::callProgressed, this, &PoolClient::callProgressed);
    connect(host, &PoolHost::callFinished, this, &PoolClient::callFinished);
    connect(host, &PoolHost::exportFinished, this, &PoolClient::exportFinished);
    connect(host, &PoolHost::detailReady, this, &PoolClient::detailReady);
    connect(host, &PoolHost::catalogReady, this, &PoolClient::catalogReady);
    connect(host, &PoolHost::resourcesReady, this, &PoolClient::resourcesReady);
    connect(host, &PoolHost::trafficObserved, this, &PoolClient::trafficObserved);
    connect(host, &PoolHost::shutdownFinished, this, &PoolClient::shutdownFinished);
    connect(host, &PoolHost::signInUrlReady, this, &PoolClient::signInUrlReady);
    connect(host, &PoolHost::oauthTokensChanged, this, &PoolClient::oauthTokensChanged);
    connect(host, &PoolHost::inputRequested, this, &PoolClient::inputRequested);
    connect(host, &PoolHost::inputWithdrawn, this, &PoolClient::inputWithdrawn);
    connect(host, &PoolHost::promptsReady, this, &PoolClient::promptsReady);
    connect(host, &PoolHost::promptFinished, this, &PoolClient::promptFinished);
    connect(host, &PoolHost::completionReady, this, &PoolClient::completionReady);
    connect(host, &PoolHost::resourceUpdated, this, &PoolClient::resourceUpdated);
}

} // namespace mcppm::ui
