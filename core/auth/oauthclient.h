#pragma once

#include "auth/authmetadata.h"
#include "auth/dpopkey.h"
#include "auth/oauthhttp.h"
#include "auth/oauthsettings.h"
#include "auth/oauthtokenset.h"

#include "jsonrpc/mcperror.h"
#include "mcp/authhandler.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QStringList>
#include <QUrl>

#include <functional>
#include <memory>
#include <optional>

namespace mcppm {

class AuthorizationAgent;
class Http1Client;
class WorkloadTokenSource;
class TimerSource;

// The OAuth 2.1 client of ONE MCP server (MCP "Authorization", 2025-11-25,
// with the 2025-03-26 fallbacks). It is the AuthHandler the HTTP transport
// calls on 401 / 403 insufficient_scope:
//   discovery   protected-resource metadata (the challenge's resource_metadata,
//               else path-based, else root; first 200 wins), its resource must
//               cover the server URL (else stop before authorizing), then the
//               authorization server's metadata in spec order; without PRM the
//               server's origin, and /authorize, /token, /register there.
//               Done again whenever a token is refused with 401 (the server
//               may have moved to another authorization server);
//   identity    pre-registered > kept registration for exactly this issuer >
//               client ID metadata document (if advertised) > dynamic
//               registration (application_type, grant_types incl.
//               refresh_token); credentials never cross issuers (SEP-2352);
//   response    state, then "iss" against the metadata's issuer, plain string
//               comparison, required when advertised (RFC 9207), before the
//               code goes anywhere;
//   grant       authorization code + PKCE S256 + state + resource (consent via
//               an AuthorizationAgent), client credentials (client_secret_basic
//               or private_key_jwt), cross-app access (IdP token exchange
//               for an ID-JAG, then the jwt-bearer grant), or workload
//               identity (the workload's JWT from a file or command as a
//               jwt-bearer grant; a refusal is reported, never retried);
//   scopes      the challenge's, else PRM scopes_supported, else none;
//               offline_access when the AS lists it; on 403 insufficient_scope
//               the union with what was asked before; at most
//               maxAuthorizationAttempts authorizations in a row;
//   refresh     before expiry (a timer) and on 401; rotated refresh tokens
//               kept; a failed refresh falls back to signing in;
//   DPoP        when the AS offers ES256 (or required by the settings): a key
//               pair kept with the tokens, a proof on every token request and
//               every MCP request (authorizationHeaders), the "DPoP" scheme,
//               use_dpop_nonce answered with the new nonce at both servers
//               (the AS once per token request, the MCP server a few times
//               per nonce for requests that were in flight).
// Refused requests that arrive while an authorization runs wait for it: one
// authorization answers them all. Tokens live in memory only; tokenSet() /
// setTokenSet() move them to and from a keychain. No error message, signal
// or state ever carries a token, secret, key, code or code verifier.
class OAuthClient final
    : public QObject
    , public AuthHandler
{
    Q_OBJECT
public:
    enum class State {
        NeedsSignIn, // no usable token
        Authorizing, // discovery, registration, consent, token request
        Refreshing, // refreshing a token (no user interaction)
        SignedIn, // a token that has not expired (or can be refreshed)
    };
    Q_ENUM(State)

    OAuthClient(const QUrl &serverUrl, const OAuthSettings &settings, QObject *parent = nullptr);
    ~OAuthClient() override;
    Q_DISABLE_COPY_MOVE(OAuthClient)

    // Not owned; must outlive this client (or be unset first). Without an
    // agent, an authorization code sign-in fails with signInRequired();
    // client credentials and cross-app access need none.
    void setAuthorizationAgent(AuthorizationAgent *agent);
    void setNetwork(Http1Client *network); // not owned; default: an own one
    void setTimerSource(TimerSource *timers); // not owned; default: the system clock
    // New TLS trust for the MCP server's own origin (e.g. a pin just accepted).
    void setTrust(const TlsTrust &trust);
    const OAuthSettings &settings() const { return m_settings; }
    QUrl serverUrl() const { return m_serverUrl; }

    // ---- AuthHandler ----
    QString currentToken() const override;
    Headers authorizationHeaders(const QByteArray &method, const QUrl &url) const override;
    void dpopNonceReceived(const QByteArray &nonce) override;
    void unauthorized(int status, const QByteArray &challenge, const QString &rejectedToken,
                      Done done) override;

    // Signs in now (a "Sign in" button), interactive if the grant is.
    void signIn();
    // Forgets the tokens (not the client registration); needs sign-in after.
    void signOut();
    // Stops a running authorization; requests waiting for it fail "cancelled".
    void cancel();

    // ---- for the UI: never token values ----
    State state() const { return m_state; }
    static QString stateName(State state);
    QString issuer() const;
    QStringList grantedScopes() const { return m_tokens.scopes; }
    QDateTime expiresAt() const { return m_tokens.expiresAt; } // invalid = unknown
    bool canRefresh() const { return !m_tokens.refreshToken.isEmpty(); }
    bool tokenIsDpopBound() const;
    QByteArray dpopThumbprint() const { return m_dpopKey.thumbprint(); } // public, for display
    McpError lastError() const { return m_lastError; }

    // ---- persistence (the caller's keychain) ----
    OAuthTokenSet tokenSet() const { return m_tokens; }
    void setTokenSet(const OAuthTokenSet &tokens);

    // Counters for diagnostics and tests.
    int authorizationCount() const { return m_authorizations; } // consents asked (/authorize)
    int tokenRequestCount() const { return m_tokenRequests; } // token endpoint POSTs

Q_SIGNALS:
    void stateChanged(mcppm::OAuthClient::State state);
    // A user has to sign in and this client may not ask on its own (no agent,
    // or interactiveOnDemand off), or a refresh failed: call signIn().
    void signInRequired();
    void signedIn();
    void authorizationFailed(const mcppm::McpError &error);
    // tokenSet() changed (new tokens, rotation, sign-out): persist it.
    void tokenSetChanged();

private:
    using Step = std::function<void(const McpError &error)>;
    using TokenStep = std::function<void(const McpError &error, const QJsonObject &answer)>;

    enum class FlowKind { Authorize, StepUp, Refresh };
    struct Flow
    {
        FlowKind kind = FlowKind::Authorize;
        QString challengeScope;
        QString resourceMetadata;
        bool interactive = true; // may ask the agent
        bool proactive = false; // the refresh timer started it
        bool rediscover = false; // a token was refused: fetch the metadata again
        int chain = 0; // authorizations in a row before this one
    };
    struct Discovery
    {
        bool done = false;
        QUrl resourceMetadataUrl; // where the PRM came from; empty without PRM
        std::optional<ProtectedResourceMetadata> prm;
        AuthorizationServerMetadata as;
        bool asFromMetadata = false; // false: the 2025-03-26 default endpoints
        QString recordedIssuer; // the metadata's "issuer" as sent; "" without metadata
        QString resource; // the resource indicator to send
    };
    enum class GrantChoice {
        AuthorizationCode,
        ClientCredentials,
        CrossAppAccess,
        WorkloadIdentity
    };

    void startFlow(const Flow &flow);
    void finishFlow(const McpError &error);
    void runAuthorization(const Flow &flow);
    void answerLater(const Done &done, const QString &token, const McpError &error);

    void discover(const QString &resourceMetadata, bool again, Step next);
    void fetchProtectedResource(const QList<QUrl> &candidates, int index, Step next);
    void fetchAuthorizationServer(const QList<QUrl> &candidates, int index,
                                  const QString &expectedIssuer, Step next);

    GrantChoice chooseGrant() const;
    QStringList chooseScopes(const Flow &flow, GrantChoice grant) const;
    QString chooseAuthMethod() const;
    QString applicationType(const QUrl &redirectUri) const;
    void useRegistration(const OAuthTokenSet::ClientRegistration &registration);
    void ensureClient(const QUrl &redirectUri, Step next);
    void registerClient(const QUrl &redirectUri, Step next);
    void authorizeWithCode(const QStringList &scopes, Step next);
    void clientCredentials(const QStringList &scopes, Step next);
    void crossAppAccess(const QStringList &scopes, Step next);
    void workloadIdentity(const QStringList &scopes, Step next);
    void refresh(Step next);

    // POSTs a token request (client authentication added unless withClientAuth
    // is false) and checks the answer's shape; step names it in errors.
    void requestToken(const QUrl &endpoint, OAuthHttp::Form form, bool withClientAuth,
                      const QString &step, TokenStep next, bool nonceRetry = false);
    bool useDpop() const;
    bool ensureDpopKey(McpError *error);
    bool addClientAuthentication(OAuthHttp::Form *form, QByteArray *authorization, McpError *error);
    McpError acceptTokens(const QJsonObject &answer, const QStringList &requested, bool refreshed,
                          const QString &step);
    void scheduleRefresh();
    void onRefreshTimer();
    bool tokenExpired() const;
    void updateState();
    void setState(State state);

    McpError failure(const QString &step, McpError::Kind kind, const QString &message,
                     int httpStatus = 0) const;
    McpError httpFailure(const QString &step, const QUrl &url,
                         const OAuthHttp::Response &response) const;
    QString scrub(QString text) const;
    void rememberSecret(const QString &value);
    template<typename F> auto guarded(F f);

    QUrl m_serverUrl;
    OAuthSettings m_settings;
    OAuthHttp *m_http;
    WorkloadTokenSource *m_workload;
    AuthorizationAgent *m_agent = nullptr;
    std::unique_ptr<TimerSource> m_ownTimers;
    TimerSource *m_timers = nullptr;

    State m_state = State::NeedsSignIn;
    OAuthTokenSet m_tokens;
    qint64 m_expiresAtMs = -1; // on m_timers' clock; -1 = unknown
    qint64 m_obtainedAtMs = -1;
    bool m_tokenFromAuthorization = false; // not from a refresh
    int m_authorizationsInARow = 0;
    QStringList m_requestedScopes; // what the last authorization asked for
    int m_refreshTimer = 0;
    int m_expiryTimer = 0;

    Discovery m_discovery;
    QUrl m_redirectUri; // of the running authorization code flow
    GrantChoice m_lastGrant = GrantChoice::AuthorizationCode;
    bool m_flowRunning = false;
    FlowKind m_flowKind = FlowKind::Authorize;
    QList<Done> m_waiting;
    quint64 m_generation = 0;
    McpError m_lastError;
    QStringList m_flowSecrets; // code, verifier, assertions of recent flows
    int m_authorizations = 0;
    int m_tokenRequests = 0;

    DpopKey m_dpopKey; // null until DPoP is used; its PEM lives in m_tokens
    QByteArray m_asNonce; // the authorization server's latest DPoP-Nonce
    QByteArray m_rsNonce; // the MCP server's latest DPoP-Nonce
    QByteArray m_rsNonceRetried; // the nonce use_dpop_nonce refusals were last retried with
    int m_rsNonceRetries = 0; // how often with it
    bool m_tokenRequestHadProof = false;
};

} // namespace mcppm
