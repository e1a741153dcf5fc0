#include "auth/oauthclient.h"

#include "auth/authorizationagent.h"
#include "auth/authorizationresponse.h"
#include "auth/jwssigner.h"
#include "auth/pkce.h"
#include "auth/workloadtokensource.h"
#include "auth/wwwauthenticate.h"

#include "mcp/httpsupport.h"
#include "net/timersource.h"

#include <QJsonArray>

#include <algorithm>

namespace mcppm {

namespace {
const QString kOfflineAccess = QStringLiteral("offline_access");
const QString kGrantAuthorizationCode = QStringLiteral("authorization_code");
const QString kGrantRefreshToken = QStringLiteral("refresh_token");
const QString kGrantClientCredentials = QStringLiteral("client_credentials");
const QString kGrantJwtBearer = QStringLiteral("urn:ietf:params:oauth:grant-type:jwt-bearer");
const QString kGrantTokenExchange
    = QStringLiteral("urn:ietf:params:oauth:grant-type:token-exchange");
const QString kTokenTypeIdJag = QStringLiteral("urn:ietf:params:oauth:token-type:id-jag");
const QString kTokenTypeIdToken = QStringLiteral("urn:ietf:params:oauth:token-type:id_token");
const QString kAssertionTypeJwtBearer
    = QStringLiteral("urn:ietf:params:oauth:client-assertion-type:jwt-bearer");
const QString kSecretBasic = QStringLiteral("client_secret_basic");
const QString kSecretPost = QStringLiteral("client_secret_post");
const QString kNone = QStringLiteral("none");
const QString kPrivateKeyJwt = QStringLiteral("private_key_jwt");
const QString kMask = QStringLiteral("••••••");

const QString kStepDiscovery = QStringLiteral("OAuth discovery");
const QString kStepRegistration = QStringLiteral("OAuth registration");
const QString kStepAuthorization = QStringLiteral("OAuth authorization");
const QString kStepToken = QStringLiteral("OAuth token request");
const QString kStepRefresh = QStringLiteral("OAuth token refresh");
const QString kStepExchange = QStringLiteral("OAuth token exchange at the identity provider");

constexpr int kMaxRememberedSecrets = 32;
constexpr int kMaxNonceRetries = 8; // use_dpop_nonce retries with one MCP server nonce

QStringList splitScopes(const QString &scope)
{
    return scope.split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

QString withoutTrailingSlash(QString text)
{
    while (text.endsWith(QLatin1Char('/')))
        text.chop(1);
    return text;
}

bool sameIssuer(const QString &a, const QString &b)
{
    return withoutTrailingSlash(a) == withoutTrailingSlash(b);
}

QString display(const QUrl &url)
{
    return http::displayUrl(url);
}

void appendUnique(QStringList *list, const QStringList &more)
{
    for (const QString &s : more) {
        if (!list->contains(s))
            list->append(s);
    }
}
} // namespace

template<typename F> auto OAuthClient::guarded(F f)
{
    // Called back after cancel()/signOut() or the client's end: ignored.
    return [self = QPointer<OAuthClient>(this), generation = m_generation,
            f = std::move(f)](auto &&...args) {
        if (!self || self->m_generation != generation)
            return;
        f(std::forward<decltype(args)>(args)...);
    };
}

OAuthClient::OAuthClient(const QUrl &serverUrl, const OAuthSettings &settings, QObject *parent)
    : QObject(parent)
    , m_serverUrl(serverUrl)
    , m_settings(settings)
    , m_http(new OAuthHttp(this))
    , m_workload(new WorkloadTokenSource(this))
{
    m_workload->setFile(settings.workloadTokenFile);
    m_workload->setCommand(settings.workloadTokenCommand);
    m_workload->setValue(settings.workloadToken);
    m_workload->setTimeoutMs(settings.requestTimeoutMs);
    m_ownTimers = std::make_unique<SystemTimerSource>();
    m_timers = m_ownTimers.get();
    m_http->setTimeoutMs(settings.requestTimeoutMs);
    m_http->setProxy(settings.proxy);
    if (!settings.tls.isEmpty())
        m_http->setTrust(authurls::origin(serverUrl), settings.tls);
}

OAuthClient::~OAuthClient()
{
    ++m_generation;
    if (m_refreshTimer)
        m_timers->cancel(m_refreshTimer);
    if (m_expiryTimer)
        m_timers->cancel(m_expiryTimer);
    if (m_flowRunning && m_agent)
        m_agent->cancel();
    m_http->abortAll();
    const QList<Done> waiting = std::exchange(m_waiting, {});
    const McpError gone
        = McpError::make(McpError::Kind::Cancelled, QStringLiteral("OAuth: the client was closed"));
    for (const Done &done : waiting)
        done({}, gone);
}

void OAuthClient::setAuthorizationAgent(AuthorizationAgent *agent)
{
    m_agent = agent;
}

void OAuthClient::setNetwork(Http1Client *network)
{
    m_http->setNetwork(network);
}

void OAuthClient::setTimerSource(TimerSource *timers)
{
    if (m_refreshTimer)
        m_timers->cancel(m_refreshTimer);
    if (m_expiryTimer)
        m_timers->cancel(m_expiryTimer);
    m_refreshTimer = m_expiryTimer = 0;
    m_timers = timers ? timers : m_ownTimers.get();
    scheduleRefresh();
}

QString OAuthClient::stateName(State state)
{
    switch (state) {
    case State::NeedsSignIn:
        return QStringLiteral("needs-sign-in");
    case State::Authorizing:
        return QStringLiteral("authorizing");
    case State::Refreshing:
        return QStringLiteral("refreshing");
    case State::SignedIn:
        return QStringLiteral("signed-in");
    }
    return {};
}

QString OAuthClient::issuer() const
{
    return m_discovery.done ? m_discovery.as.issuer : m_tokens.issuer;
}

QString OAuthClient::currentToken() const
{
    return m_tokens.accessToken;
}

bool OAuthClient::tokenIsDpopBound() const
{
    return m_tokens.tokenType.compare(QLatin1String("DPoP"), Qt::CaseInsensitive) == 0;
}

AuthHandler::Headers OAuthClient::authorizationHeaders(const QByteArray &method,
                                                       const QUrl &url) const
{
    const QString token = m_tokens.accessToken;
    if (token.isEmpty())
        return {};
    if (!tokenIsDpopBound() || m_dpopKey.isNull())
        return {{QByteArrayLiteral("Authorization"), "Bearer " + token.toUtf8()}};
    // RFC 9449 §7.1: the DPoP scheme, and a proof for exactly this request.
    QString why;
    const QByteArray proof = m_dpopKey.proof(method, url, token, m_rsNonce, &why);
    Headers headers{{QByteArrayLiteral("Authorization"), "DPoP " + token.toUtf8()}};
    if (!proof.isEmpty())
        headers.append({QByteArrayLiteral("DPoP"), proof});
    return headers;
}

void OAuthClient::dpopNonceReceived(const QByteArray &nonce)
{
    // A nonce is an opaque visible-ASCII string (RFC 9449 §8.1); anything else is ignored.
    if (nonce.isEmpty() || nonce.size() > 1024)
        return;
    for (const char c : nonce) {
        if (c < 0x21 || c > 0x7e)
            return;
    }
    m_rsNonce = nonce;
}

bool OAuthClient::useDpop() const
{
    if (m_settings.dpop == OAuthSettings::Dpop::Off)
        return false;
    return m_settings.dpop == OAuthSettings::Dpop::Required
        || m_discovery.as.dpopSigningAlgValues.contains(QLatin1String("ES256"));
}

bool OAuthClient::ensureDpopKey(McpError *error)
{
    if (m_settings.dpop == OAuthSettings::Dpop::Required
        && !m_discovery.as.dpopSigningAlgValues.contains(QLatin1String("ES256"))) {
        *error = failure(kStepToken, McpError::Kind::Protocol,
                         QStringLiteral("DPoP is required for this server, but the authorization "
                                        "server %1 does not offer it with ES256")
                             .arg(m_discovery.as.issuer.left(200)));
        return false;
    }
    if (!m_dpopKey.isNull())
        return true;
    if (!m_tokens.dpopKeyPem.isEmpty()) {
        QString why;
        m_dpopKey = DpopKey::fromPrivateKeyPem(m_tokens.dpopKeyPem, &why);
        if (!m_dpopKey.isNull())
            return true;
    }
    m_dpopKey = DpopKey::generate();
    if (m_dpopKey.isNull()) {
        *error = failure(kStepToken, McpError::Kind::Protocol,
                         QStringLiteral("cannot make a DPoP key pair"));
        return false;
    }
    m_tokens.dpopKeyPem = m_dpopKey.privateKeyPem();
    return true;
}

// ---- the AuthHandler side ----

void OAuthClient::unauthorized(int status, const QByteArray &header, const QString &rejectedToken,
                               Done done)
{
    if (m_flowRunning) {
        // One authorization answers every request refused meanwhile.
        m_waiting.append(std::move(done));
        return;
    }
    const QString current = m_tokens.accessToken;
    if (!current.isEmpty() && rejectedToken != current && !tokenExpired()) {
        // Refused with an older token (or none): the newer one may do.
        answerLater(done, current, {});
        return;
    }
    // The Bearer challenge, else the DPoP one (RFC 9449 §7.1).
    AuthChallenge challenge = AuthChallenge::bearer(header);
    if (challenge.scheme.isEmpty()) {
        for (const AuthChallenge &c : AuthChallenge::parse(header)) {
            if (c.scheme.compare(QLatin1String("DPoP"), Qt::CaseInsensitive) == 0) {
                challenge = c;
                break;
            }
        }
    }
    if (status == 401 && !current.isEmpty() && rejectedToken == current
        && challenge.param(QStringLiteral("error")) == QLatin1String("use_dpop_nonce")
        && !m_rsNonce.isEmpty()) {
        // RFC 9449 §9: the server wants its nonce in the proof; the request is
        // sent again with it. Requests in flight when the nonce came are
        // refused too, so a few retries per nonce, then a nonce that keeps
        // being refused is treated as a refused token.
        if (m_rsNonce != m_rsNonceRetried) {
            m_rsNonceRetried = m_rsNonce;
            m_rsNonceRetries = 0;
        }
        if (m_rsNonceRetries < kMaxNonceRetries) {
            ++m_rsNonceRetries;
            answerLater(done, current, {});
            return;
        }
    }
    const bool insufficientScope = status == 403
        && challenge.param(QStringLiteral("error")) == QLatin1String("insufficient_scope");
    // A token fresh from an authorization that is refused again continues the
    // row of authorizations; one that served a while starts a new row.
    const bool fresh = !rejectedToken.isEmpty() && rejectedToken == current
        && m_tokenFromAuthorization && m_obtainedAtMs >= 0
        && m_timers->nowMs() - m_obtainedAtMs < m_settings.authorizationWindowMs;

    Flow flow;
    flow.challengeScope = challenge.param(QStringLiteral("scope"));
    flow.resourceMetadata = challenge.param(QStringLiteral("resource_metadata"));
    flow.interactive = m_settings.interactiveOnDemand;
    // A token refused outright (not for its scope) may come from an
    // authorization server the server no longer trusts: look again.
    flow.rediscover = status == 401 && !rejectedToken.isEmpty();
    flow.chain = fresh ? m_authorizationsInARow : 0;
    if (status == 401 && !m_tokens.refreshToken.isEmpty())
        flow.kind = FlowKind::Refresh;
    else
        flow.kind = insufficientScope ? FlowKind::StepUp : FlowKind::Authorize;

    if (flow.kind != FlowKind::Refresh && flow.chain >= m_settings.maxAuthorizationAttempts) {
        const QString wanted = flow.challengeScope.isEmpty()
            ? QString()
            : QStringLiteral(" (it asks for scope \"%1\")").arg(flow.challengeScope.left(200));
        const McpError error = failure(kStepAuthorization, McpError::Kind::Http,
                                       QStringLiteral("%1 still refuses access (HTTP %2) after %3 "
                                                      "authorizations in a row%4; giving up")
                                           .arg(display(m_serverUrl))
                                           .arg(status)
                                           .arg(flow.chain)
                                           .arg(wanted),
                                       status);
        m_lastError = error;
        Q_EMIT authorizationFailed(error);
        answerLater(done, {}, error);
        return;
    }
    m_waiting.append(std::move(done));
    startFlow(flow);
}

void OAuthClient::answerLater(const Done &done, const QString &token, const McpError &error)
{
    QMetaObject::invokeMethod(
        this, [done, token, error]() { done(token, error); }, Qt::QueuedConnection);
}

void OAuthClient::signIn()
{
    if (m_flowRunning)
        return;
    Flow flow;
    flow.kind = FlowKind::Authorize;
    flow.interactive = true;
    startFlow(flow);
}

void OAuthClient::cancel()
{
    if (!m_flowRunning)
        return;
    ++m_generation;
    m_http->abortAll();
    m_workload->abort();
    if (m_agent)
        m_agent->cancel();
    finishFlow(
        McpError::make(McpError::Kind::Cancelled, QStringLiteral("OAuth: sign-in cancelled")));
}

void OAuthClient::signOut()
{
    cancel();
    ++m_generation;
    if (m_refreshTimer)
        m_timers->cancel(m_refreshTimer);
    if (m_expiryTimer)
        m_timers->cancel(m_expiryTimer);
    m_refreshTimer = m_expiryTimer = 0;
    // The client identity stays (a registration is not per user).
    m_tokens.accessToken.clear();
    m_tokens.refreshToken.clear();
    m_tokens.scopes.clear();
    m_tokens.expiresAt = {};
    m_expiresAtMs = m_obtainedAtMs = -1;
    m_tokenFromAuthorization = false;
    m_authorizationsInARow = 0;
    m_requestedScopes.clear();
    m_lastError = {};
    Q_EMIT tokenSetChanged();
    updateState();
}

void OAuthClient::setTrust(const TlsTrust &trust)
{
    m_settings.tls = trust;
    m_http->setTrust(authurls::origin(m_serverUrl), trust);
}

void OAuthClient::setTokenSet(const OAuthTokenSet &tokens)
{
    // Kept tokens belong to the resource they were asked for: never send them
    // to another server (an id whose URL changed, a profile with the same name).
    if (!tokens.resource.isEmpty() && !authurls::resourceCovers(tokens.resource, m_serverUrl)) {
        m_tokens = OAuthTokenSet();
        updateState();
        return;
    }
    m_tokens = tokens;
    m_dpopKey = DpopKey();
    if (!tokens.dpopKeyPem.isEmpty()) {
        QString why;
        m_dpopKey = DpopKey::fromPrivateKeyPem(tokens.dpopKeyPem, &why);
        if (m_dpopKey.isNull() && tokenIsDpopBound()) {
            // Bound to a key we no longer have: useless, sign in again.
            m_tokens.accessToken.clear();
            m_tokens.refreshToken.clear();
        }
    }
    const qint64 now = m_timers->nowMs();
    m_obtainedAtMs = now;
    m_expiresAtMs = tokens.expiresAt.isValid()
        ? now + QDateTime::currentDateTimeUtc().msecsTo(tokens.expiresAt)
        : -1;
    m_tokenFromAuthorization = false;
    m_authorizationsInARow = 0;
    m_requestedScopes = tokens.scopes;
    scheduleRefresh();
    updateState();
}

// ---- flows ----

void OAuthClient::startFlow(const Flow &flow)
{
    m_flowRunning = true;
    m_flowKind = flow.kind;
    updateState();
    if (flow.kind != FlowKind::Refresh) {
        runAuthorization(flow);
        return;
    }
    discover(flow.resourceMetadata, flow.rediscover, guarded([this, flow](const McpError &error) {
                 if (error) {
                     finishFlow(error);
                     return;
                 }
                 if (!m_tokens.issuer.isEmpty() && m_tokens.issuer != m_discovery.as.issuer) {
                     // The server moved to another authorization server: the
                     // refresh token is not for it (SEP-2352). Sign in there.
                     rememberSecret(m_tokens.refreshToken);
                     m_tokens.refreshToken.clear();
                     Q_EMIT tokenSetChanged();
                     Flow again = flow;
                     again.kind = FlowKind::Authorize;
                     again.rediscover = false;
                     if (flow.proactive) {
                         finishFlow(failure(
                             kStepRefresh, McpError::Kind::Protocol,
                             QStringLiteral("%1 now names the authorization "
                                            "server %2; sign in there")
                                 .arg(display(m_serverUrl), m_discovery.as.issuer.left(200))));
                         Q_EMIT signInRequired();
                         return;
                     }
                     runAuthorization(again);
                     return;
                 }
                 refresh(guarded([this, flow](const McpError &refreshError) {
                     if (!refreshError) {
                         finishFlow({});
                         return;
                     }
                     const bool rejected = refreshError.kind == McpError::Kind::Http
                         && (refreshError.httpStatus == 400 || refreshError.httpStatus == 401);
                     if (!rejected) {
                         // The AS is unreachable or failing (timeout, 5xx): keep the refresh
                         // token for the next try instead of forcing a new sign-in.
                         finishFlow(refreshError);
                         return;
                     }
                     // The refresh token is spent, revoked or expired: sign in again.
                     rememberSecret(m_tokens.refreshToken);
                     m_tokens.refreshToken.clear();
                     Q_EMIT tokenSetChanged();
                     if (flow.proactive) {
                         finishFlow(refreshError);
                         Q_EMIT signInRequired();
                         return;
                     }
                     Flow again = flow;
                     again.kind = FlowKind::Authorize;
                     again.rediscover = false;
                     runAuthorization(again);
                 }));
             }));
}

void OAuthClient::runAuthorization(const Flow &flow)
{
    if (m_flowKind == FlowKind::Refresh) {
        m_flowKind = flow.kind;
        updateState();
    }
    discover(flow.resourceMetadata, flow.rediscover, guarded([this, flow](const McpError &error) {
                 if (error) {
                     finishFlow(error);
                     return;
                 }
                 if (m_settings.dpop == OAuthSettings::Dpop::Required) {
                     McpError noDpop;
                     if (!ensureDpopKey(&noDpop)) {
                         finishFlow(noDpop); // before anyone is asked to sign in
                         return;
                     }
                 }
                 const GrantChoice grant = chooseGrant();
                 const QStringList scopes = chooseScopes(flow, grant);
                 Step done = guarded([this, scopes, grant](const McpError &e) {
                     if (!e) {
                         m_requestedScopes = scopes;
                         m_lastGrant = grant;
                     }
                     finishFlow(e);
                 });
                 m_authorizationsInARow = flow.chain + 1;
                 switch (grant) {
                 case GrantChoice::ClientCredentials:
                     clientCredentials(scopes, done);
                     return;
                 case GrantChoice::CrossAppAccess:
                     crossAppAccess(scopes, done);
                     return;
                 case GrantChoice::WorkloadIdentity:
                     workloadIdentity(scopes, done);
                     return;
                 case GrantChoice::AuthorizationCode:
                     break;
                 }
                 if (!m_agent || !flow.interactive) {
                     finishFlow(failure(kStepAuthorization, McpError::Kind::Http,
                                        QStringLiteral("a user has to sign in to %1 in a browser")
                                            .arg(display(m_serverUrl)),
                                        401));
                     Q_EMIT signInRequired();
                     return;
                 }
                 m_redirectUri = m_settings.redirectUri.isValid() ? m_settings.redirectUri
                                                                  : m_agent->redirectUri();
                 if (!m_redirectUri.isValid() || m_redirectUri.isRelative()) {
                     finishFlow(
                         failure(kStepAuthorization, McpError::Kind::Transport,
                                 QStringLiteral("no redirect URI to receive the answer at")));
                     return;
                 }
                 ensureClient(m_redirectUri, guarded([this, scopes, done](const McpError &e) {
                                  if (e) {
                                      done(e);
                                      return;
                                  }
                                  authorizeWithCode(scopes, done);
                              }));
             }));
}

void OAuthClient::finishFlow(const McpError &error)
{
    m_flowRunning = false;
    const FlowKind kind = m_flowKind;
    m_lastError = error;
    const QString token = error ? QString() : m_tokens.accessToken;
    const QList<Done> waiting = std::exchange(m_waiting, {});
    updateState();
    if (error)
        Q_EMIT authorizationFailed(error);
    else if (kind != FlowKind::Refresh)
        Q_EMIT signedIn();
    for (const Done &done : waiting)
        done(token, error);
}

// ---- discovery ----

void OAuthClient::discover(const QString &resourceMetadata, bool again, Step next)
{
    if (m_discovery.done && !again
        && (resourceMetadata.isEmpty()
            || QUrl(resourceMetadata) == m_discovery.resourceMetadataUrl)) {
        next({});
        return;
    }
    m_discovery = Discovery();
    m_asNonce.clear();
    fetchProtectedResource(authurls::protectedResourceCandidates(m_serverUrl, resourceMetadata), 0,
                           std::move(next));
}

void OAuthClient::fetchProtectedResource(const QList<QUrl> &candidates, int index, Step next)
{
    if (index >= candidates.size()) {
        // No protected-resource metadata (MCP 2025-03-26): the server's
        // origin is the authorization server, with default endpoints when it
        // has no metadata either.
        m_discovery.resource = authurls::canonicalResource(m_serverUrl);
        fetchAuthorizationServer(
            authurls::authorizationServerCandidates(authurls::origin(m_serverUrl)), 0, {},
            std::move(next));
        return;
    }
    const QUrl url = candidates.at(index);
    m_http->get(
        url, guarded([this, candidates, index, url, next](const OAuthHttp::Response &r) {
            if (r.status == 0) {
                next(httpFailure(kStepDiscovery, url, r));
                return;
            }
            QString why;
            const auto prm = r.status == 200 ? ProtectedResourceMetadata::fromJson(r.json(), &why)
                                             : std::nullopt;
            if (!prm) {
                fetchProtectedResource(candidates, index + 1, next); // the next place to look
                return;
            }
            if (!authurls::resourceCovers(prm->resource, m_serverUrl)) {
                next(
                    failure(kStepDiscovery, McpError::Kind::Protocol,
                            QStringLiteral("the protected-resource metadata at %1 is for \"%2\", "
                                           "not for this server (%3); not authorizing")
                                .arg(display(url), prm->resource.left(200), display(m_serverUrl))));
                return;
            }
            const QUrl issuer(prm->authorizationServers.value(0), QUrl::StrictMode);
            if (!issuer.isValid()
                || (issuer.scheme() != QLatin1String("https")
                    && issuer.scheme() != QLatin1String("http"))) {
                next(failure(kStepDiscovery, McpError::Kind::Protocol,
                             QStringLiteral("the protected-resource metadata at %1 names no usable "
                                            "authorization server")
                                 .arg(display(url))));
                return;
            }
            m_discovery.prm = prm;
            m_discovery.resourceMetadataUrl = url;
            m_discovery.resource = prm->resource;
            fetchAuthorizationServer(authurls::authorizationServerCandidates(issuer), 0,
                                     prm->authorizationServers.value(0), next);
        }));
}

void OAuthClient::fetchAuthorizationServer(const QList<QUrl> &candidates, int index,
                                           const QString &expectedIssuer, Step next)
{
    if (index >= candidates.size()) {
        if (!expectedIssuer.isEmpty()) {
            next(failure(kStepDiscovery, McpError::Kind::Protocol,
                         QStringLiteral("found no authorization-server metadata for %1")
                             .arg(expectedIssuer.left(200))));
            return;
        }
        m_discovery.as = AuthorizationServerMetadata::defaultsFor(m_serverUrl);
        m_discovery.asFromMetadata = false;
        m_discovery.done = true;
        next({});
        return;
    }
    const QUrl url = candidates.at(index);
    m_http->get(
        url,
        guarded([this, candidates, index, url, expectedIssuer, next](const OAuthHttp::Response &r) {
            if (r.status == 0) {
                next(httpFailure(kStepDiscovery, url, r));
                return;
            }
            QString why;
            auto as = r.status == 200 ? AuthorizationServerMetadata::fromJson(r.json(), &why)
                                      : std::nullopt;
            if (!as) {
                fetchAuthorizationServer(candidates, index + 1, expectedIssuer, next);
                return;
            }
            // RFC 8414 §3.3. Not on the 2025-03-26 path, where the metadata at
            // the server's origin may name an issuer with a path.
            if (!expectedIssuer.isEmpty() && !sameIssuer(as->issuer, expectedIssuer)) {
                next(failure(
                    kStepDiscovery, McpError::Kind::Protocol,
                    QStringLiteral("the authorization-server metadata at %1 names issuer "
                                   "\"%2\", not \"%3\"")
                        .arg(display(url), as->issuer.left(200), expectedIssuer.left(200))));
                return;
            }
            m_discovery.recordedIssuer = as->issuer;
            if (as->issuer.isEmpty())
                as->issuer = withoutTrailingSlash(authurls::origin(m_serverUrl).toString());
            m_discovery.as = *as;
            m_discovery.asFromMetadata = true;
            m_discovery.done = true;
            next({});
        }));
}

// ---- choices ----

OAuthClient::GrantChoice OAuthClient::chooseGrant() const
{
    switch (m_settings.grant) {
    case OAuthSettings::Grant::AuthorizationCode:
        return GrantChoice::AuthorizationCode;
    case OAuthSettings::Grant::ClientCredentials:
        return GrantChoice::ClientCredentials;
    case OAuthSettings::Grant::CrossAppAccess:
        return GrantChoice::CrossAppAccess;
    case OAuthSettings::Grant::WorkloadIdentity:
        return GrantChoice::WorkloadIdentity;
    case OAuthSettings::Grant::Automatic:
        break;
    }
    const QStringList &grants = m_discovery.as.grantTypesSupported;
    const bool idp = m_settings.idpTokenEndpoint.isValid() && !m_settings.idpIdToken.isEmpty();
    if (idp && grants.contains(kGrantJwtBearer))
        return GrantChoice::CrossAppAccess;
    if (m_workload->isConfigured() && grants.contains(kGrantJwtBearer))
        return GrantChoice::WorkloadIdentity;
    if (!m_settings.clientId.isEmpty() && grants.contains(kGrantClientCredentials)) {
        if (!m_settings.privateKeyPem.isEmpty())
            return GrantChoice::ClientCredentials;
        if (!m_settings.clientSecret.isEmpty() && !grants.contains(kGrantAuthorizationCode))
            return GrantChoice::ClientCredentials;
    }
    return GrantChoice::AuthorizationCode;
}

QStringList OAuthClient::chooseScopes(const Flow &flow, GrantChoice grant) const
{
    // The challenge's scope, else what the resource says it supports, else none.
    QStringList wanted = splitScopes(flow.challengeScope);
    if (wanted.isEmpty() && m_discovery.prm)
        wanted = m_discovery.prm->scopesSupported;
    // Asking again keeps what was asked for before: a step-up asks for the union.
    QStringList scopes;
    appendUnique(&scopes, m_requestedScopes.isEmpty() ? m_tokens.scopes : m_requestedScopes);
    appendUnique(&scopes, wanted);
    // A refresh token when the authorization server offers one (SEP-2207);
    // never on its own, which would narrow a default grant.
    if (grant == GrantChoice::AuthorizationCode && !scopes.isEmpty()
        && m_discovery.as.scopesSupported.contains(kOfflineAccess))
        appendUnique(&scopes, {kOfflineAccess});
    return scopes;
}

QString OAuthClient::chooseAuthMethod() const
{
    if (!m_settings.tokenEndpointAuthMethod.isEmpty())
        return m_settings.tokenEndpointAuthMethod;
    if (!m_tokens.tokenEndpointAuthMethod.isEmpty())
        return m_tokens.tokenEndpointAuthMethod; // what the registration said
    if (!m_settings.privateKeyPem.isEmpty() && m_tokens.clientId == m_settings.clientId)
        return kPrivateKeyJwt;
    if (m_tokens.clientSecret.isEmpty())
        return kNone;
    const QStringList &supported = m_discovery.as.tokenEndpointAuthMethods;
    if (supported.isEmpty() || supported.contains(kSecretBasic))
        return kSecretBasic; // RFC 8414's default
    if (supported.contains(kSecretPost))
        return kSecretPost;
    if (supported.contains(kNone))
        return kNone;
    return kSecretBasic;
}

// ---- client identity ----

void OAuthClient::useRegistration(const OAuthTokenSet::ClientRegistration &registration)
{
    m_tokens.clientId = registration.clientId;
    m_tokens.clientSecret = registration.clientSecret;
    m_tokens.tokenEndpointAuthMethod = registration.tokenEndpointAuthMethod;
    m_tokens.issuer = registration.issuer;
}

void OAuthClient::ensureClient(const QUrl &redirectUri, Step next)
{
    const AuthorizationServerMetadata &as = m_discovery.as;
    if (!m_settings.clientId.isEmpty()) {
        if (!m_settings.clientIdIssuer.isEmpty() && m_settings.clientIdIssuer != as.issuer) {
            next(failure(kStepRegistration, McpError::Kind::Protocol,
                         QStringLiteral("the configured client ID belongs to the authorization "
                                        "server %1, but %2 now names %3; not presenting it there")
                             .arg(m_settings.clientIdIssuer.left(200), display(m_serverUrl),
                                  as.issuer.left(200))));
            return;
        }
        m_tokens.clientId = m_settings.clientId;
        m_tokens.clientSecret = m_settings.clientSecret;
        m_tokens.tokenEndpointAuthMethod = m_settings.tokenEndpointAuthMethod;
        next({});
        return;
    }
    // Registered (or CIMD) with exactly this authorization server before.
    if (const auto *kept = m_tokens.registrationFor(as.issuer)) {
        useRegistration(*kept);
        next({});
        return;
    }
    const QUrl cimd = m_settings.clientMetadataUrl;
    if (as.clientIdMetadataDocumentSupported && cimd.isValid()
        && cimd.scheme() == QLatin1String("https") && cimd.path().size() > 1) {
        useRegistration({as.issuer, cimd.toString(QUrl::FullyEncoded), QString(), kNone});
        m_tokens.keepRegistration({as.issuer, m_tokens.clientId, QString(), kNone});
        next({});
        return;
    }
    // Nothing for this issuer: whatever client identity was in use belongs to
    // another authorization server and is not presented here (SEP-2352).
    useRegistration({as.issuer, QString(), QString(), QString()});
    if (as.registrationEndpoint.isValid()) {
        registerClient(redirectUri, std::move(next));
        return;
    }
    next(failure(kStepRegistration, McpError::Kind::Protocol,
                 QStringLiteral("the authorization server %1 offers no client registration, and "
                                "no client ID is configured for it")
                     .arg(as.issuer.left(200))));
}

QString OAuthClient::applicationType(const QUrl &redirectUri) const
{
    if (!m_settings.applicationType.isEmpty())
        return m_settings.applicationType;
    const QString scheme = redirectUri.scheme().toLower();
    const QString host = redirectUri.host().toLower();
    const bool loopback = host == QLatin1String("localhost") || host == QLatin1String("127.0.0.1")
        || host == QLatin1String("::1");
    if (scheme == QLatin1String("https") && !loopback)
        return QStringLiteral("web");
    return QStringLiteral("native"); // loopback, http on loopback, or a private-use scheme
}

void OAuthClient::registerClient(const QUrl &redirectUri, Step next)
{
    const AuthorizationServerMetadata &as = m_discovery.as;
    const QStringList &supported = as.tokenEndpointAuthMethods;
    // A native app is a public client; a secret only where "none" is not offered.
    QString method = kNone;
    if (!supported.isEmpty() && !supported.contains(kNone))
        method = supported.contains(kSecretBasic) ? kSecretBasic
            : supported.contains(kSecretPost)     ? kSecretPost
                                                  : supported.first();
    QJsonObject body;
    body.insert(QStringLiteral("client_name"), m_settings.clientName);
    body.insert(QStringLiteral("redirect_uris"),
                QJsonArray{redirectUri.toString(QUrl::FullyEncoded)});
    body.insert(QStringLiteral("grant_types"),
                QJsonArray{kGrantAuthorizationCode, kGrantRefreshToken});
    body.insert(QStringLiteral("response_types"), QJsonArray{QStringLiteral("code")});
    body.insert(QStringLiteral("token_endpoint_auth_method"), method);
    body.insert(QStringLiteral("application_type"), applicationType(redirectUri));
    if (useDpop())
        body.insert(QStringLiteral("dpop_bound_access_tokens"), true); // RFC 9449 §5.2
    const QUrl endpoint = as.registrationEndpoint;
    m_http->postJson(
        endpoint, body, guarded([this, endpoint, next](const OAuthHttp::Response &r) {
            if (r.status != 200 && r.status != 201) {
                next(httpFailure(kStepRegistration, endpoint, r));
                return;
            }
            const QJsonObject answer = r.json();
            const QString id = answer.value(QStringLiteral("client_id")).toString();
            if (id.isEmpty()) {
                next(failure(
                    kStepRegistration, McpError::Kind::Protocol,
                    QStringLiteral("the answer from %1 has no client_id").arg(display(endpoint))));
                return;
            }
            const OAuthTokenSet::ClientRegistration registration{
                m_discovery.as.issuer, id, answer.value(QStringLiteral("client_secret")).toString(),
                answer.value(QStringLiteral("token_endpoint_auth_method")).toString()};
            useRegistration(registration);
            m_tokens.keepRegistration(registration);
            rememberSecret(m_tokens.clientSecret);
            Q_EMIT tokenSetChanged();
            next({});
        }));
}

// ---- grants ----

void OAuthClient::authorizeWithCode(const QStringList &scopes, Step next)
{
    const AuthorizationServerMetadata &as = m_discovery.as;
    if (!as.authorizationEndpoint.isValid()) {
        next(failure(kStepAuthorization, McpError::Kind::Protocol,
                     QStringLiteral("the authorization server %1 has no authorization endpoint")
                         .arg(as.issuer.left(200))));
        return;
    }
    if (m_discovery.asFromMetadata && !as.codeChallengeMethods.contains(QLatin1String("S256"))) {
        next(failure(kStepAuthorization, McpError::Kind::Protocol,
                     QStringLiteral("the authorization server %1 does not offer PKCE with S256 "
                                    "(code_challenge_methods_supported); not authorizing "
                                    "without it")
                         .arg(as.issuer.left(200))));
        return;
    }
    const Pkce pkce = Pkce::generate();
    const QByteArray state = Pkce::randomToken();
    rememberSecret(QString::fromLatin1(pkce.verifier));
    const QUrl redirect = m_redirectUri;
    OAuthHttp::Form query{
        {QStringLiteral("response_type"), QStringLiteral("code")},
        {QStringLiteral("client_id"), m_tokens.clientId},
        {QStringLiteral("redirect_uri"), redirect.toString(QUrl::FullyEncoded)},
        {QStringLiteral("code_challenge"), QString::fromLatin1(pkce.challenge)},
        {QStringLiteral("code_challenge_method"), QString::fromLatin1(Pkce::method)},
        {QStringLiteral("state"), QString::fromLatin1(state)},
    };
    if (!m_discovery.resource.isEmpty())
        query.append({QStringLiteral("resource"), m_discovery.resource});
    if (!scopes.isEmpty())
        query.append({QStringLiteral("scope"), scopes.join(QLatin1Char(' '))});
    QUrl url = as.authorizationEndpoint;
    QByteArray encoded = url.query(QUrl::FullyEncoded).toLatin1();
    if (!encoded.isEmpty())
        encoded += '&';
    encoded += OAuthHttp::formEncode(query);
    url.setQuery(QString::fromLatin1(encoded), QUrl::StrictMode);
    ++m_authorizations;
    m_agent->authorize(
        url, redirect,
        guarded([this, pkce, state, redirect, scopes, next](const QUrl &to, const McpError &e) {
            if (e) {
                McpError error = e;
                error.message = scrub(e.message);
                next(error);
                return;
            }
            const AuthorizationResponse answer = AuthorizationResponse::fromRedirect(to);
            // RFC 9207, before anything in the answer is used (an error included).
            const QString wrongIssuer = AuthorizationResponse::checkIssuer(
                answer, m_discovery.recordedIssuer,
                m_discovery.as.authorizationResponseIssParameterSupported);
            if (!wrongIssuer.isEmpty()) {
                next(failure(kStepAuthorization, McpError::Kind::Protocol, wrongIssuer));
                return;
            }
            if (!answer.error.isEmpty()) {
                const QString description = answer.errorDescription.left(300);
                next(failure(kStepAuthorization, McpError::Kind::Http,
                             QStringLiteral("the authorization server refused: %1%2")
                                 .arg(answer.error.left(100),
                                      description.isEmpty()
                                          ? QString()
                                          : QStringLiteral(" (%1)").arg(description)),
                             401));
                return;
            }
            if (answer.state.toUtf8() != state) {
                next(failure(kStepAuthorization, McpError::Kind::Protocol,
                             QStringLiteral("the answer's state does not match the request (a "
                                            "stale or forged redirect); not using it")));
                return;
            }
            const QString code = answer.code;
            if (code.isEmpty()) {
                next(failure(kStepAuthorization, McpError::Kind::Protocol,
                             QStringLiteral("the answer carries no authorization code")));
                return;
            }
            rememberSecret(code);
            OAuthHttp::Form form{
                {QStringLiteral("grant_type"), kGrantAuthorizationCode},
                {QStringLiteral("code"), code},
                {QStringLiteral("redirect_uri"), redirect.toString(QUrl::FullyEncoded)},
                {QStringLiteral("code_verifier"), QString::fromLatin1(pkce.verifier)},
            };
            if (!m_discovery.resource.isEmpty())
                form.append({QStringLiteral("resource"), m_discovery.resource});
            requestToken(m_discovery.as.tokenEndpoint, form, true, kStepToken,
                         [this, scopes, next](const McpError &error, const QJsonObject &json) {
                             next(error ? error : acceptTokens(json, scopes, false, kStepToken));
                         });
        }));
}

void OAuthClient::clientCredentials(const QStringList &scopes, Step next)
{
    if (m_settings.clientId.isEmpty()) {
        next(failure(kStepToken, McpError::Kind::Protocol,
                     QStringLiteral("the client credentials grant needs a client ID")));
        return;
    }
    m_tokens.clientId = m_settings.clientId;
    m_tokens.clientSecret = m_settings.clientSecret;
    m_tokens.tokenEndpointAuthMethod = m_settings.tokenEndpointAuthMethod;
    OAuthHttp::Form form{{QStringLiteral("grant_type"), kGrantClientCredentials}};
    if (!scopes.isEmpty())
        form.append({QStringLiteral("scope"), scopes.join(QLatin1Char(' '))});
    if (!m_discovery.resource.isEmpty())
        form.append({QStringLiteral("resource"), m_discovery.resource});
    requestToken(m_discovery.as.tokenEndpoint, form, true, kStepToken,
                 [this, scopes, next](const McpError &error, const QJsonObject &json) {
                     next(error ? error : acceptTokens(json, scopes, false, kStepToken));
                 });
}

void OAuthClient::crossAppAccess(const QStringList &scopes, Step next)
{
    if (m_settings.clientId.isEmpty() || !m_settings.idpTokenEndpoint.isValid()
        || m_settings.idpIdToken.isEmpty()) {
        next(failure(kStepExchange, McpError::Kind::Protocol,
                     QStringLiteral("cross-app access needs a client ID, the identity "
                                    "provider's token endpoint and an ID token")));
        return;
    }
    m_tokens.clientId = m_settings.clientId;
    m_tokens.clientSecret = m_settings.clientSecret;
    m_tokens.tokenEndpointAuthMethod = m_settings.tokenEndpointAuthMethod;
    // 1. At the IdP: the user's ID token for an Identity Assertion JWT (ID-JAG)
    //    addressed to this authorization server and resource (RFC 8693).
    OAuthHttp::Form exchange{
        {QStringLiteral("grant_type"), kGrantTokenExchange},
        {QStringLiteral("requested_token_type"), kTokenTypeIdJag},
        {QStringLiteral("subject_token"), m_settings.idpIdToken},
        {QStringLiteral("subject_token_type"), kTokenTypeIdToken},
        {QStringLiteral("audience"), m_discovery.as.issuer},
        {QStringLiteral("resource"), m_discovery.resource},
    };
    if (!scopes.isEmpty())
        exchange.append({QStringLiteral("scope"), scopes.join(QLatin1Char(' '))});
    QByteArray authorization;
    if (!m_settings.idpClientSecret.isEmpty())
        authorization
            = OAuthHttp::basicAuthorization(m_settings.idpClientId, m_settings.idpClientSecret);
    else if (!m_settings.idpClientId.isEmpty())
        exchange.append({QStringLiteral("client_id"), m_settings.idpClientId});
    const QUrl idp = m_settings.idpTokenEndpoint;
    ++m_tokenRequests;
    m_http->postForm(
        idp, exchange, authorization,
        guarded([this, idp, scopes, next](const OAuthHttp::Response &r) {
            if (r.status != 200) {
                next(httpFailure(kStepExchange, idp, r));
                return;
            }
            const QJsonObject answer = r.json();
            const QString idJag = answer.value(QStringLiteral("access_token")).toString();
            const QString issued = answer.value(QStringLiteral("issued_token_type")).toString();
            if (idJag.isEmpty() || (!issued.isEmpty() && issued != kTokenTypeIdJag)) {
                next(failure(kStepExchange, McpError::Kind::Protocol,
                             QStringLiteral("%1 did not issue an identity assertion (ID-JAG)")
                                 .arg(display(idp))));
                return;
            }
            rememberSecret(idJag);
            // 2. At the authorization server: the ID-JAG as a JWT bearer grant (RFC 7523).
            OAuthHttp::Form grant{
                {QStringLiteral("grant_type"), kGrantJwtBearer},
                {QStringLiteral("assertion"), idJag},
            };
            if (!scopes.isEmpty())
                grant.append({QStringLiteral("scope"), scopes.join(QLatin1Char(' '))});
            requestToken(m_discovery.as.tokenEndpoint, grant, true, kStepToken,
                         [this, scopes, next](const McpError &error, const QJsonObject &json) {
                             next(error ? error : acceptTokens(json, scopes, false, kStepToken));
                         });
        }));
}

void OAuthClient::workloadIdentity(const QStringList &scopes, Step next)
{
    m_tokens.clientId = m_settings.clientId;
    m_tokens.clientSecret = m_settings.clientSecret;
    m_tokens.tokenEndpointAuthMethod = m_settings.tokenEndpointAuthMethod;
    m_workload->fetch(guarded([this, scopes, next](const QString &assertion, const McpError &e) {
        if (e) {
            next(e);
            return;
        }
        rememberSecret(assertion);
        // RFC 7523 §2.1; the AS checks the JWT's issuer, audience and expiry. A
        // refusal (invalid_grant, invalid_scope, unauthorized_client) is final:
        // the same assertion would be refused again, another grant is not ours to pick.
        OAuthHttp::Form grant{
            {QStringLiteral("grant_type"), kGrantJwtBearer},
            {QStringLiteral("assertion"), assertion},
        };
        if (!scopes.isEmpty())
            grant.append({QStringLiteral("scope"), scopes.join(QLatin1Char(' '))});
        if (!m_discovery.resource.isEmpty())
            grant.append({QStringLiteral("resource"), m_discovery.resource});
        requestToken(m_discovery.as.tokenEndpoint, grant, !m_tokens.clientId.isEmpty(), kStepToken,
                     [this, scopes, next](const McpError &error, const QJsonObject &json) {
                         next(error ? error : acceptTokens(json, scopes, false, kStepToken));
                     });
    }));
}

void OAuthClient::refresh(Step next)
{
    if (m_tokens.refreshToken.isEmpty()) {
        next(failure(kStepRefresh, McpError::Kind::Protocol,
                     QStringLiteral("there is no refresh token")));
        return;
    }
    if (!m_tokens.issuer.isEmpty() && !sameIssuer(m_tokens.issuer, m_discovery.as.issuer)) {
        next(failure(kStepRefresh, McpError::Kind::Protocol,
                     QStringLiteral("the refresh token is from %1, but %2 now names %3")
                         .arg(m_tokens.issuer.left(200), display(m_serverUrl),
                              m_discovery.as.issuer.left(200))));
        return;
    }
    if (!m_settings.clientId.isEmpty() && m_tokens.clientId.isEmpty()) {
        m_tokens.clientId = m_settings.clientId;
        m_tokens.clientSecret = m_settings.clientSecret;
    }
    OAuthHttp::Form form{
        {QStringLiteral("grant_type"), kGrantRefreshToken},
        {QStringLiteral("refresh_token"), m_tokens.refreshToken},
    };
    if (!m_discovery.resource.isEmpty())
        form.append({QStringLiteral("resource"), m_discovery.resource});
    requestToken(m_discovery.as.tokenEndpoint, form, true, kStepRefresh,
                 [this, next](const McpError &error, const QJsonObject &json) {
                     next(error ? error : acceptTokens(json, m_tokens.scopes, true, kStepRefresh));
                 });
}

// ---- the token endpoint ----

bool OAuthClient::addClientAuthentication(OAuthHttp::Form *form, QByteArray *authorization,
                                          McpError *error)
{
    const QString method = chooseAuthMethod();
    const QString &id = m_tokens.clientId;
    if (method == kSecretBasic || method == kSecretPost) {
        if (m_tokens.clientSecret.isEmpty()) {
            *error = failure(
                kStepToken, McpError::Kind::Protocol,
                QStringLiteral("%1 needs a client secret, and there is none").arg(method));
            return false;
        }
        if (method == kSecretBasic) {
            *authorization = OAuthHttp::basicAuthorization(id, m_tokens.clientSecret);
        } else {
            form->append({QStringLiteral("client_id"), id});
            form->append({QStringLiteral("client_secret"), m_tokens.clientSecret});
        }
        return true;
    }
    if (method == kNone) {
        form->append({QStringLiteral("client_id"), id});
        return true;
    }
    if (method == kPrivateKeyJwt) {
        // RFC 7523 §3: iss = sub = client_id, aud = the authorization server's issuer.
        const qint64 now = QDateTime::currentSecsSinceEpoch();
        const QString audience = m_discovery.as.issuer.isEmpty()
            ? m_discovery.as.tokenEndpoint.toString(QUrl::FullyEncoded)
            : m_discovery.as.issuer;
        QJsonObject claims{
            {QStringLiteral("iss"), id},
            {QStringLiteral("sub"), id},
            {QStringLiteral("aud"), audience},
            {QStringLiteral("iat"), now},
            {QStringLiteral("exp"), now + 300},
            {QStringLiteral("jti"), QString::fromLatin1(Pkce::randomToken())},
        };
        QString why;
        const QByteArray assertion
            = JwsSigner::sign(QJsonObject{{QStringLiteral("typ"), QStringLiteral("JWT")}}, claims,
                              m_settings.privateKeyPem, m_settings.signingAlgorithm, &why);
        if (assertion.isEmpty()) {
            *error = failure(kStepToken, McpError::Kind::Protocol,
                             QStringLiteral("cannot sign the client assertion: %1").arg(why));
            return false;
        }
        rememberSecret(QString::fromLatin1(assertion));
        form->append({QStringLiteral("client_id"), id});
        form->append({QStringLiteral("client_assertion_type"), kAssertionTypeJwtBearer});
        form->append({QStringLiteral("client_assertion"), QString::fromLatin1(assertion)});
        return true;
    }
    *error = failure(kStepToken, McpError::Kind::Protocol,
                     QStringLiteral("token endpoint authentication \"%1\" is not supported")
                         .arg(method.left(50)));
    return false;
}

void OAuthClient::requestToken(const QUrl &endpoint, OAuthHttp::Form form, bool withClientAuth,
                               const QString &step, TokenStep next, bool nonceRetry)
{
    const OAuthHttp::Form plain = form; // for a retry with the AS's nonce
    QByteArray authorization;
    if (withClientAuth) {
        McpError error;
        if (!addClientAuthentication(&form, &authorization, &error)) {
            next(error, {});
            return;
        }
    }
    OAuthHttp::Headers headers;
    m_tokenRequestHadProof = false;
    if (useDpop()) {
        McpError error;
        if (!ensureDpopKey(&error)) {
            next(error, {});
            return;
        }
        QString why;
        const QByteArray proof = m_dpopKey.proof("POST", endpoint, {}, m_asNonce, &why);
        if (proof.isEmpty()) {
            next(failure(step, McpError::Kind::Protocol,
                         QStringLiteral("cannot sign the DPoP proof: %1").arg(why)),
                 {});
            return;
        }
        headers.append({QByteArrayLiteral("DPoP"), proof});
        m_tokenRequestHadProof = true;
    }
    ++m_tokenRequests;
    m_http->postForm(endpoint, form, authorization,
                     guarded([this, endpoint, plain, withClientAuth, step, next,
                              nonceRetry](const OAuthHttp::Response &r) {
                         if (!r.dpopNonce.isEmpty() && r.dpopNonce.size() <= 1024)
                             m_asNonce = r.dpopNonce;
                         if (r.status == 400 && m_tokenRequestHadProof && !nonceRetry
                             && !r.dpopNonce.isEmpty()
                             && r.json().value(QStringLiteral("error")).toString()
                                 == QLatin1String("use_dpop_nonce")) {
                             // RFC 9449 §8: once more, with the server's nonce in the proof.
                             requestToken(endpoint, plain, withClientAuth, step, next, true);
                             return;
                         }
                         if (r.status != 200) {
                             next(httpFailure(step, endpoint, r), {});
                             return;
                         }
                         const QJsonObject json = r.json();
                         if (json.isEmpty()) {
                             next(failure(step, McpError::Kind::Protocol,
                                          QStringLiteral("%1 did not answer with a JSON object")
                                              .arg(display(endpoint))),
                                  {});
                             return;
                         }
                         next({}, json);
                     }),
                     headers);
}

McpError OAuthClient::acceptTokens(const QJsonObject &answer, const QStringList &requested,
                                   bool refreshed, const QString &step)
{
    const QString access = answer.value(QStringLiteral("access_token")).toString();
    if (access.isEmpty())
        return failure(step, McpError::Kind::Protocol,
                       QStringLiteral("the answer has no access_token"));
    const QString type = answer.value(QStringLiteral("token_type")).toString();
    const bool dpop = type.compare(QLatin1String("DPoP"), Qt::CaseInsensitive) == 0;
    if (dpop && !m_tokenRequestHadProof)
        return failure(step, McpError::Kind::Protocol,
                       QStringLiteral("the answer is a DPoP-bound token, but no proof was sent"));
    if (!dpop && !type.isEmpty() && type.compare(QLatin1String("bearer"), Qt::CaseInsensitive) != 0)
        return failure(
            step, McpError::Kind::Protocol,
            QStringLiteral("the token type \"%1\" is neither Bearer nor DPoP").arg(type.left(50)));
    if (!dpop && m_settings.dpop == OAuthSettings::Dpop::Required)
        return failure(step, McpError::Kind::Protocol,
                       QStringLiteral("DPoP is required, but the authorization server issued a "
                                      "bearer token"));
    rememberSecret(m_tokens.accessToken);
    rememberSecret(m_tokens.refreshToken);
    m_tokens.accessToken = access;
    m_tokens.tokenType = dpop ? QStringLiteral("DPoP") : QStringLiteral("Bearer");
    m_rsNonceRetried.clear();
    const QString refresh = answer.value(QStringLiteral("refresh_token")).toString();
    if (!refresh.isEmpty())
        m_tokens.refreshToken = refresh; // rotated, or the first one
    else if (!refreshed)
        m_tokens.refreshToken.clear(); // a new authorization without one
    const QString scope = answer.value(QStringLiteral("scope")).toString();
    if (!scope.isEmpty())
        m_tokens.scopes = splitScopes(scope);
    else if (!refreshed)
        m_tokens.scopes = requested;
    const QJsonValue expiresIn = answer.value(QStringLiteral("expires_in"));
    bool ok = expiresIn.isDouble();
    const double seconds = ok ? expiresIn.toDouble() : expiresIn.toString().toDouble(&ok);
    const qint64 now = m_timers->nowMs();
    m_obtainedAtMs = now;
    if (ok && seconds > 0) {
        const qint64 ms = qint64(qMin(seconds, 10.0 * 365 * 24 * 3600) * 1000);
        m_expiresAtMs = now + ms;
        m_tokens.expiresAt = QDateTime::currentDateTimeUtc().addMSecs(ms);
    } else {
        m_expiresAtMs = -1;
        m_tokens.expiresAt = {};
    }
    m_tokens.issuer = m_discovery.as.issuer;
    m_tokens.resource = m_discovery.resource;
    m_tokenFromAuthorization = !refreshed;
    scheduleRefresh();
    Q_EMIT tokenSetChanged();
    return {};
}

// ---- expiry ----

bool OAuthClient::tokenExpired() const
{
    return m_expiresAtMs >= 0 && m_timers->nowMs() >= m_expiresAtMs;
}

void OAuthClient::scheduleRefresh()
{
    if (m_refreshTimer)
        m_timers->cancel(m_refreshTimer);
    if (m_expiryTimer)
        m_timers->cancel(m_expiryTimer);
    m_refreshTimer = m_expiryTimer = 0;
    if (m_expiresAtMs < 0 || m_tokens.accessToken.isEmpty())
        return;
    const qint64 now = m_timers->nowMs();
    const qint64 lifetime = qMax<qint64>(0, m_expiresAtMs - m_obtainedAtMs);
    const qint64 refreshAt
        = m_obtainedAtMs + qMax(lifetime / 2, lifetime - qint64(m_settings.refreshMarginMs));
    // Renewable without a user: a refresh token, or a grant that needs none.
    const bool renewable = !m_tokens.refreshToken.isEmpty()
        || (m_lastGrant != GrantChoice::AuthorizationCode && m_tokenFromAuthorization);
    if (renewable)
        m_refreshTimer = m_timers->start(qMax<qint64>(0, refreshAt - now), [this]() {
            m_refreshTimer = 0;
            onRefreshTimer();
        });
    m_expiryTimer = m_timers->start(qMax<qint64>(0, m_expiresAtMs - now), [this]() {
        m_expiryTimer = 0;
        updateState();
    });
}

void OAuthClient::onRefreshTimer()
{
    if (m_flowRunning)
        return; // whatever runs brings new tokens
    Flow flow;
    flow.proactive = true;
    flow.interactive = false;
    flow.kind = m_tokens.refreshToken.isEmpty() ? FlowKind::Authorize : FlowKind::Refresh;
    startFlow(flow);
}

// ---- state ----

void OAuthClient::updateState()
{
    State state = State::NeedsSignIn;
    if (m_flowRunning)
        state = m_flowKind == FlowKind::Refresh ? State::Refreshing : State::Authorizing;
    else if ((!m_tokens.accessToken.isEmpty() && !tokenExpired())
             || !m_tokens.refreshToken.isEmpty())
        state = State::SignedIn;
    setState(state);
}

void OAuthClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

// ---- errors without secrets ----

McpError OAuthClient::failure(const QString &step, McpError::Kind kind, const QString &message,
                              int httpStatus) const
{
    return McpError::make(kind, scrub(step + QStringLiteral(": ") + message), httpStatus);
}

McpError OAuthClient::httpFailure(const QString &step, const QUrl &url,
                                  const OAuthHttp::Response &response) const
{
    if (response.status == 0) {
        McpError e = response.error;
        e.message = scrub(step + QStringLiteral(": ") + response.error.message);
        return e;
    }
    // RFC 6749 §5.2: {"error": ..., "error_description": ...}
    const QJsonObject json = response.json();
    QString detail;
    const QString code = json.value(QStringLiteral("error")).toString().left(100);
    if (!code.isEmpty()) {
        const QString description
            = json.value(QStringLiteral("error_description")).toString().left(300);
        detail = description.isEmpty() ? code : QStringLiteral("%1 (%2)").arg(code, description);
    } else if (!response.body.trimmed().isEmpty() && response.contentType != "text/html") {
        detail = QString::fromUtf8(response.body.left(200)).simplified();
    }
    QString message = QStringLiteral("%1 answered HTTP %2").arg(display(url)).arg(response.status);
    if (!detail.isEmpty())
        message += QStringLiteral(": ") + detail;
    return failure(step, McpError::Kind::Http, message, response.status);
}

void OAuthClient::rememberSecret(const QString &value)
{
    if (value.isEmpty() || m_flowSecrets.contains(value))
        return;
    m_flowSecrets.append(value);
    while (m_flowSecrets.size() > kMaxRememberedSecrets)
        m_flowSecrets.removeFirst();
}

QString OAuthClient::scrub(QString text) const
{
    QStringList secrets = m_flowSecrets;
    secrets << m_tokens.accessToken << m_tokens.refreshToken << m_tokens.clientSecret
            << m_settings.clientSecret << m_settings.idpIdToken << m_settings.idpClientSecret
            << m_settings.workloadToken;
    for (const QByteArray &key : {m_settings.privateKeyPem, m_tokens.dpopKeyPem}) {
        if (key.isEmpty())
            continue;
        const QString pem = QString::fromLatin1(key);
        secrets << pem.trimmed();
        for (const QString &line : pem.split(QLatin1Char('\n'))) {
            if (line.trimmed().size() >= 16 && !line.startsWith(QLatin1String("-----")))
                secrets << line.trimmed();
        }
    }
    QStringList all;
    for (const QString &secret : std::as_const(secrets)) {
        if (secret.size() < 4)
            continue;
        all << secret;
        const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(secret));
        if (encoded != secret)
            all << encoded;
    }
    // Longest first, so a secret inside another one leaves no tail behind.
    std::sort(all.begin(), all.end(),
              [](const QString &a, const QString &b) { return a.size() > b.size(); });
    for (const QString &secret : std::as_const(all))
        text.replace(secret, kMask);
    return text;
}

} // namespace mcppm
