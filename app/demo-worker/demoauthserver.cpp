#include "demoauthserver.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QHttpServerRequest>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QUrl>
#include <QUrlQuery>

#include <array>

namespace mcppm::demo {

namespace {
const QString kScopeTools = QStringLiteral("mcp:tools");
const QString kScopeOffline = QStringLiteral("offline_access");
const QString kGrantCode = QStringLiteral("authorization_code");
const QString kGrantRefresh = QStringLiteral("refresh_token");
const QString kGrantClientCredentials = QStringLiteral("client_credentials");
const QString kAuthNone = QStringLiteral("none");
const QString kAuthBasic = QStringLiteral("client_secret_basic");
const QString kAuthPost = QStringLiteral("client_secret_post");
const QString kPrmPath = QStringLiteral("/.well-known/oauth-protected-resource");
const QString kAsPath = QStringLiteral("/.well-known/oauth-authorization-server");
const QString kMcpPath = QStringLiteral("/mcp");

constexpr qint64 kMaxBody = 64 * 1024;
constexpr qint64 kCodeLifetimeMs = 60 * 1000;
constexpr qint64 kRefreshLifetimeMs = 24 * 3600 * 1000;
constexpr qint64 kKeepExpiredMs = 10 * 60 * 1000; // to say "expired" rather than "unknown"
constexpr int kMaxClients = 10000;

const QStringList &scopesSupported()
{
    static const QStringList scopes{kScopeTools, kScopeOffline};
    return scopes;
}

QJsonArray array(const QStringList &list)
{
    return QJsonArray::fromStringList(list);
}

QByteArray randomToken()
{
    std::array<quint32, 8> bits{}; // 256 bits
    QRandomGenerator::system()->fillRange(bits.data(), qsizetype(bits.size()));
    return QByteArray(reinterpret_cast<const char *>(bits.data()), qsizetype(sizeof(bits)))
        .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
}

// Compares secrets in time independent of where they differ.
bool sameSecret(const QByteArray &a, const QByteArray &b)
{
    const QByteArray ha = QCryptographicHash::hash(a, QCryptographicHash::Sha256);
    const QByteArray hb = QCryptographicHash::hash(b, QCryptographicHash::Sha256);
    unsigned char diff = 0;
    for (qsizetype i = 0; i < ha.size(); ++i)
        diff |= static_cast<unsigned char>(ha.at(i) ^ hb.at(i));
    return diff == 0;
}

// RFC 7636 §4.1: 43 to 128 unreserved characters (a verifier or an S256 challenge).
bool isPkceValue(const QByteArray &value)
{
    if (value.size() < 43 || value.size() > 128)
        return false;
    for (const char c : value) {
        const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
            || c == '-' || c == '.' || c == '_' || c == '~';
        if (!ok)
            return false;
    }
    return true;
}

// Splits a scope parameter; false when it names a scope this server does not know.
bool parseScopes(const QString &text, QStringList *scopes)
{
    scopes->clear();
    for (const QString &s : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        if (!scopesSupported().contains(s))
            return false;
        if (!scopes->contains(s))
            scopes->append(s);
    }
    return true;
}

bool isLoopback(const QUrl &url)
{
    if (url.scheme() != QLatin1String("http"))
        return false;
    const QString host = url.host();
    return host == QLatin1String("127.0.0.1") || host == QLatin1String("::1")
        || host == QLatin1String("localhost");
}

// A redirect URI a client may register: absolute, no fragment; https, loopback
// http (RFC 8252 §7.3) or an app's own scheme (§7.1).
bool registrableRedirectUri(const QString &text)
{
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.hasFragment())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == QLatin1String("https"))
        return !url.host().isEmpty();
    if (scheme == QLatin1String("http"))
        return isLoopback(url);
    static const QStringList unsafe{QStringLiteral("javascript"), QStringLiteral("data"),
                                    QStringLiteral("file"), QStringLiteral("vbscript")};
    return !unsafe.contains(scheme);
}

// application/x-www-form-urlencoded (also a URL's query): "+" is a space.
// Fills duplicate with the first name given twice (RFC 6749 §3.1).
QHash<QString, QString> parseForm(const QByteArray &encoded, QString *duplicate)
{
    QByteArray text = encoded;
    text.replace('+', "%20");
    const QUrlQuery query(QString::fromLatin1(text));
    QHash<QString, QString> params;
    for (const auto &item : query.queryItems(QUrl::FullyDecoded)) {
        if (params.contains(item.first) && duplicate->isEmpty())
            *duplicate = item.first;
        params.insert(item.first, item.second);
    }
    return params;
}

DemoAuthServer::Reply json(int status, const QJsonObject &body)
{
    DemoAuthServer::Reply r;
    r.status = status;
    r.contentType = "application/json";
    r.body = QJsonDocument(body).toJson(QJsonDocument::Compact);
    r.headers = {{"Cache-Control", "no-store"}, {"Pragma", "no-cache"}};
    return r;
}

// RFC 6749 §5.2 (and RFC 7591 §3.2.2): {"error", "error_description"}.
DemoAuthServer::Reply oauthError(int status, const QString &error, const QString &description)
{
    QJsonObject body;
    body.insert(QStringLiteral("error"), error);
    if (!description.isEmpty())
        body.insert(QStringLiteral("error_description"), description);
    return json(status, body);
}

DemoAuthServer::Reply methodNotAllowed(const QByteArray &allow)
{
    DemoAuthServer::Reply r
        = oauthError(405, QStringLiteral("invalid_request"), QStringLiteral("method not allowed"));
    r.headers.append({"Allow", allow});
    return r;
}

// 302 to the redirect URI with these parameters added to its query.
DemoAuthServer::Reply redirect(const QString &redirectUri,
                               const QList<QPair<QString, QString>> &items)
{
    QUrl url(redirectUri, QUrl::StrictMode);
    QByteArray query = url.query(QUrl::FullyEncoded).toLatin1();
    for (const auto &item : items) {
        if (!query.isEmpty())
            query += '&';
        query += QUrl::toPercentEncoding(item.first) + '=' + QUrl::toPercentEncoding(item.second);
    }
    url.setQuery(QString::fromLatin1(query), QUrl::StrictMode);
    DemoAuthServer::Reply r;
    r.status = 302;
    r.headers = {{"Location", url.toEncoded()}, {"Cache-Control", "no-store"}};
    return r;
}

bool isJson(const QHttpServerRequest &request)
{
    return request.value("content-type").toLower().startsWith("application/json");
}

bool isForm(const QHttpServerRequest &request)
{
    return request.value("content-type").toLower().startsWith("application/x-www-form-urlencoded");
}
} // namespace

DemoAuthServer::DemoAuthServer(const Options &options)
    : m_options(options)
{
    m_options.tokenLifetimeSeconds = qMax(1, m_options.tokenLifetimeSeconds);
    m_clock.start();
    if (!m_options.clientSecret.isEmpty()) {
        m_staticClient.id = QLatin1String(kStaticClientId);
        m_staticClient.secret = m_options.clientSecret;
        m_staticClient.authMethod = kAuthBasic;
        m_staticClient.grantTypes = {kGrantClientCredentials};
    }
}

DemoAuthServer::~DemoAuthServer() = default;

void DemoAuthServer::setEndpoint(bool https, const QHostAddress &address, quint16 port)
{
    m_scheme = https ? QStringLiteral("https") : QStringLiteral("http");
    m_port = port;
    m_origin.clear();
    if (address == QHostAddress::Any || address == QHostAddress::AnyIPv4
        || address == QHostAddress::AnyIPv6)
        return; // from each request's Host
    QUrl url;
    url.setScheme(m_scheme);
    url.setHost(address.toString());
    if (port != (https ? 443 : 80))
        url.setPort(port);
    m_origin = url.toString(QUrl::FullyEncoded);
}

QString DemoAuthServer::originOf(const QHttpServerRequest &request) const
{
    if (!m_origin.isEmpty())
        return m_origin;
    const QUrl fromHost(m_scheme + QStringLiteral("://")
                            + QString::fromLatin1(request.value("host")),
                        QUrl::StrictMode);
    QUrl url;
    url.setScheme(m_scheme);
    url.setHost(QStringLiteral("127.0.0.1"));
    if (fromHost.isValid() && !fromHost.host().isEmpty() && fromHost.path().isEmpty()
        && fromHost.userInfo().isEmpty() && !fromHost.hasQuery() && !fromHost.hasFragment())
        url.setHost(fromHost.host());
    const int port = fromHost.isValid() ? fromHost.port(m_port) : m_port;
    if (port != (m_scheme == QLatin1String("https") ? 443 : 80))
        url.setPort(port);
    return url.toString(QUrl::FullyEncoded);
}

QStringList DemoAuthServer::paths()
{
    return {kPrmPath + kMcpPath,
            kPrmPath,
            kAsPath,
            QStringLiteral("/register"),
            QStringLiteral("/authorize"),
            QStringLiteral("/token")};
}

DemoAuthServer::Reply DemoAuthServer::handle(const QHttpServerRequest &request)
{
    purgeExpired();
    const QString origin = originOf(request);
    const QString path = request.url().path();
    const bool get = request.method() == QHttpServerRequest::Method::Get;
    if (path == kPrmPath + kMcpPath || path == kPrmPath)
        return get ? protectedResourceMetadata(origin) : methodNotAllowed("GET");
    if (path == kAsPath)
        return get ? authorizationServerMetadata(origin) : methodNotAllowed("GET");
    if (path == QLatin1String("/register"))
        return registerClient(request);
    if (path == QLatin1String("/authorize"))
        return authorize(request, origin);
    if (path == QLatin1String("/token"))
        return token(request, origin);
    return oauthError(404, QStringLiteral("not_found"), {});
}

// ---- the resource server ----

DemoAuthServer::Access DemoAuthServer::checkAccess(const QHttpServerRequest &request)
{
    const QString origin = originOf(request);
    Access access;
    access.challenge = "Bearer resource_metadata=\"" + (origin + kPrmPath + kMcpPath).toUtf8()
        + "\", scope=\"" + kScopeTools.toUtf8() + '"';
    auto refuse = [&access](int status, const char *error, const char *description) {
        access.status = status;
        access.challenge
            += QByteArray(", error=\"") + error + "\", error_description=\"" + description + '"';
        access.message = QStringLiteral("Unauthorized: %1").arg(QLatin1String(description));
        return access;
    };
    const QByteArray header = request.value("authorization").trimmed();
    if (header.size() < 7 || header.left(7).toLower() != "bearer ") {
        access.message = QStringLiteral("Unauthorized: a bearer token is required (OAuth; see "
                                        "the WWW-Authenticate header)");
        return access;
    }
    const QByteArray presented = header.mid(7).trimmed();
    const auto it = m_accessTokens.constFind(presented);
    if (it == m_accessTokens.constEnd())
        return refuse(401, "invalid_token", "the access token is not one this server issued");
    if (nowMs() >= it->expiresAtMs)
        return refuse(401, "invalid_token", "the access token expired");
    if (!it->scopes.contains(kScopeTools)) {
        Access step = refuse(403, "insufficient_scope", "the access token lacks scope mcp:tools");
        step.message = QStringLiteral("Forbidden: the access token lacks scope mcp:tools");
        return step;
    }
    access.granted = true;
    access.status = 200;
    access.challenge.clear();
    return access;
}

// ---- metadata ----

DemoAuthServer::Reply DemoAuthServer::protectedResourceMetadata(const QString &origin) const
{
    QJsonObject o;
    o.insert(QStringLiteral("resource"), QString(origin + kMcpPath));
    o.insert(QStringLiteral("authorization_servers"), QJsonArray{origin});
    o.insert(QStringLiteral("scopes_supported"), QJsonArray{kScopeTools});
    o.insert(QStringLiteral("bearer_methods_supported"), QJsonArray{QStringLiteral("header")});
    o.insert(QStringLiteral("resource_name"), QStringLiteral("mcp-demo-worker"));
    Reply r = json(200, o);
    r.headers.clear(); // cacheable
    return r;
}

DemoAuthServer::Reply DemoAuthServer::authorizationServerMetadata(const QString &origin) const
{
    QJsonObject o;
    o.insert(QStringLiteral("issuer"), origin);
    o.insert(QStringLiteral("authorization_endpoint"),
             QString(origin + QStringLiteral("/authorize")));
    o.insert(QStringLiteral("token_endpoint"), QString(origin + QStringLiteral("/token")));
    o.insert(QStringLiteral("registration_endpoint"),
             QString(origin + QStringLiteral("/register")));
    o.insert(QStringLiteral("response_types_supported"), QJsonArray{QStringLiteral("code")});
    o.insert(QStringLiteral("response_modes_supported"), QJsonArray{QStringLiteral("query")});
    o.insert(QStringLiteral("grant_types_supported"),
             QJsonArray{kGrantCode, kGrantRefresh, kGrantClientCredentials});
    o.insert(QStringLiteral("code_challenge_methods_supported"),
             QJsonArray{QStringLiteral("S256")});
    o.insert(QStringLiteral("token_endpoint_auth_methods_supported"),
             QJsonArray{kAuthNone, kAuthBasic, kAuthPost});
    o.insert(QStringLiteral("scopes_supported"), array(scopesSupported()));
    o.insert(QStringLiteral("authorization_response_iss_parameter_supported"), true);
    Reply r = json(200, o);
    r.headers.clear();
    return r;
}

// ---- dynamic client registration (RFC 7591) ----

DemoAuthServer::Reply DemoAuthServer::registerClient(const QHttpServerRequest &request)
{
    if (request.method() != QHttpServerRequest::Method::Post)
        return methodNotAllowed("POST");
    const QString badMetadata = QStringLiteral("invalid_client_metadata");
    if (!isJson(request))
        return oauthError(400, badMetadata,
                          QStringLiteral("the body must be a JSON object (application/json)"));
    const QByteArray body = request.body();
    if (body.size() > kMaxBody)
        return oauthError(413, badMetadata, QStringLiteral("the body is too large"));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return oauthError(400, badMetadata, QStringLiteral("the body is not a JSON object"));
    const QJsonObject in = doc.object();

    auto stringList = [&in](const QString &key, const QStringList &fallback, bool *ok) {
        *ok = true;
        const QJsonValue v = in.value(key);
        if (v.isUndefined() || v.isNull())
            return fallback;
        QStringList out;
        if (!v.isArray()) {
            *ok = false;
            return out;
        }
        for (const QJsonValue &item : v.toArray()) {
            if (!item.isString()) {
                *ok = false;
                return out;
            }
            if (!out.contains(item.toString()))
                out.append(item.toString());
        }
        return out;
    };
    bool ok = true;
    const QStringList redirectUris = stringList(QStringLiteral("redirect_uris"), {}, &ok);
    if (!ok)
        return oauthError(400, QStringLiteral("invalid_redirect_uri"),
                          QStringLiteral("redirect_uris must be an array of strings"));
    for (const QString &uri : redirectUris) {
        if (!registrableRedirectUri(uri))
            return oauthError(400, QStringLiteral("invalid_redirect_uri"),
                              QStringLiteral("%1 is not a usable redirect URI (https, loopback "
                                             "http or an app's own scheme; no fragment)")
                                  .arg(uri.left(200)));
    }
    const QStringList grantTypes = stringList(QStringLiteral("grant_types"), {kGrantCode}, &ok);
    if (!ok)
        return oauthError(400, badMetadata,
                          QStringLiteral("grant_types must be an array of strings"));
    for (const QString &grant : grantTypes) {
        if (grant == kGrantClientCredentials)
            return oauthError(400, badMetadata,
                              QStringLiteral("client_credentials is only for the pre-registered "
                                             "client demo-client"));
        if (grant != kGrantCode && grant != kGrantRefresh)
            return oauthError(
                400, badMetadata,
                QStringLiteral("grant type %1 is not supported").arg(grant.left(100)));
    }
    const QStringList responseTypes
        = stringList(QStringLiteral("response_types"), {QStringLiteral("code")}, &ok);
    if (!ok || responseTypes != QStringList{QStringLiteral("code")})
        return oauthError(400, badMetadata, QStringLiteral("response_types must be [\"code\"]"));
    const QJsonValue method = in.value(QStringLiteral("token_endpoint_auth_method"));
    const QString authMethod = method.isUndefined() || method.isNull() ? kAuthBasic // RFC 7591 §2
                                                                       : method.toString();
    if (authMethod != kAuthNone && authMethod != kAuthBasic && authMethod != kAuthPost)
        return oauthError(400, badMetadata,
                          QStringLiteral("token_endpoint_auth_method must be none, "
                                         "client_secret_basic or client_secret_post"));
    if (grantTypes.contains(kGrantCode) && redirectUris.isEmpty() && authMethod != kAuthNone)
        return oauthError(400, QStringLiteral("invalid_redirect_uri"),
                          QStringLiteral("redirect_uris is required for the authorization code "
                                         "grant"));
    const QJsonValue scope = in.value(QStringLiteral("scope"));
    QStringList scopes;
    if (!scope.isUndefined() && !scope.isNull()
        && (!scope.isString() || !parseScopes(scope.toString(), &scopes)))
        return oauthError(400, badMetadata,
                          QStringLiteral("scope may only name mcp:tools and offline_access"));
    const QJsonValue name = in.value(QStringLiteral("client_name"));
    if (!name.isUndefined() && !name.isNull() && !name.isString())
        return oauthError(400, badMetadata, QStringLiteral("client_name must be a string"));
    if (m_clients.size() >= kMaxClients)
        return oauthError(503, QStringLiteral("temporarily_unavailable"),
                          QStringLiteral("too many clients registered; restart the worker"));

    Client client;
    client.id = QStringLiteral("dyn-") + QString::fromLatin1(randomToken().left(22));
    client.authMethod = authMethod;
    client.redirectUris = redirectUris;
    client.grantTypes = grantTypes;
    if (authMethod != kAuthNone)
        client.secret = randomToken();
    m_clients.insert(client.id, client);

    QJsonObject out;
    out.insert(QStringLiteral("client_id"), client.id);
    out.insert(QStringLiteral("client_id_issued_at"), QDateTime::currentSecsSinceEpoch());
    if (!client.secret.isEmpty()) {
        out.insert(QStringLiteral("client_secret"), QString::fromLatin1(client.secret));
        out.insert(QStringLiteral("client_secret_expires_at"), 0);
    }
    out.insert(QStringLiteral("redirect_uris"), array(redirectUris));
    out.insert(QStringLiteral("grant_types"), array(grantTypes));
    out.insert(QStringLiteral("response_types"), array(responseTypes));
    out.insert(QStringLiteral("token_endpoint_auth_method"), authMethod);
    if (name.isString())
        out.insert(QStringLiteral("client_name"), name.toString().left(200));
    if (!scopes.isEmpty())
        out.insert(QStringLiteral("scope"), scopes.join(QLatin1Char(' ')));
    return json(201, out);
}

bool DemoAuthServer::redirectUriAllowed(const Client &client, const QString &uri) const
{
    const QUrl url(uri, QUrl::StrictMode);
    if (!url.isValid() || url.isRelative() || url.hasFragment())
        return false;
    for (const QString &registered : client.redirectUris) {
        if (registered == uri)
            return true;
        // RFC 8252 §7.3: a loopback redirect URI with any port.
        QUrl candidate(registered, QUrl::StrictMode);
        if (isLoopback(candidate) && isLoopback(url)) {
            candidate.setPort(url.port());
            if (candidate == url)
                return true;
        }
    }
    // A public client that registered no redirect URI: loopback ones.
    return client.redirectUris.isEmpty() && client.authMethod == kAuthNone && isLoopback(url);
}

// ---- authorization endpoint ----

DemoAuthServer::Reply DemoAuthServer::authorize(const QHttpServerRequest &request,
                                                const QString &origin)
{
    if (request.method() != QHttpServerRequest::Method::Get)
        return methodNotAllowed("GET");
    const QString invalidRequest = QStringLiteral("invalid_request");
    QString duplicate;
    const Params params = parseForm(request.url().query(QUrl::FullyEncoded).toLatin1(), &duplicate);
    // Until the client and its redirect URI are known to be good, errors are
    // shown here rather than sent anywhere (RFC 6749 §4.1.2.1).
    if (duplicate == QLatin1String("client_id") || duplicate == QLatin1String("redirect_uri"))
        return oauthError(400, invalidRequest, duplicate + QStringLiteral(" appears twice"));
    const QString clientId = params.value(QStringLiteral("client_id"));
    if (clientId.isEmpty())
        return oauthError(400, invalidRequest, QStringLiteral("client_id is missing"));
    const auto client = m_clients.constFind(clientId);
    if (client == m_clients.constEnd())
        return oauthError(400, invalidRequest,
                          QStringLiteral("unknown client_id (register at /register first)"));
    const bool redirectGiven = params.contains(QStringLiteral("redirect_uri"));
    QString redirectUri = params.value(QStringLiteral("redirect_uri"));
    if (!redirectGiven) {
        if (client->redirectUris.size() != 1)
            return oauthError(400, invalidRequest, QStringLiteral("redirect_uri is missing"));
        redirectUri = client->redirectUris.first();
    } else if (!redirectUriAllowed(*client, redirectUri)) {
        return oauthError(400, invalidRequest,
                          QStringLiteral("redirect_uri %1 is not registered for this client")
                              .arg(redirectUri.left(200)));
    }

    const bool hasState = params.contains(QStringLiteral("state"));
    const QString state = params.value(QStringLiteral("state"));
    auto fail = [&](const QString &error, const QString &description) {
        QList<QPair<QString, QString>> items{{QStringLiteral("error"), error},
                                             {QStringLiteral("error_description"), description}};
        if (hasState)
            items.append({QStringLiteral("state"), state});
        items.append({QStringLiteral("iss"), origin});
        return redirect(redirectUri, items);
    };
    if (!duplicate.isEmpty())
        return fail(invalidRequest, duplicate + QStringLiteral(" appears twice"));
    const QString responseType = params.value(QStringLiteral("response_type"));
    if (responseType.isEmpty())
        return fail(invalidRequest, QStringLiteral("response_type is missing"));
    if (responseType != QLatin1String("code"))
        return fail(QStringLiteral("unsupported_response_type"),
                    QStringLiteral("only response_type=code is supported"));
    if (!client->grantTypes.contains(kGrantCode))
        return fail(QStringLiteral("unauthorized_client"),
                    QStringLiteral("this client did not register the authorization_code grant"));
    if (!hasState || state.isEmpty())
        return fail(invalidRequest, QStringLiteral("state is required"));
    const QByteArray challenge = params.value(QStringLiteral("code_challenge")).toLatin1();
    if (challenge.isEmpty())
        return fail(invalidRequest, QStringLiteral("code_challenge is required (PKCE)"));
    if (params.value(QStringLiteral("code_challenge_method")) != QLatin1String("S256"))
        return fail(invalidRequest, QStringLiteral("code_challenge_method must be S256"));
    if (!isPkceValue(challenge))
        return fail(invalidRequest, QStringLiteral("code_challenge is malformed"));
    QStringList scopes;
    if (!parseScopes(params.value(QStringLiteral("scope")), &scopes))
        return fail(QStringLiteral("invalid_scope"),
                    QStringLiteral("the scopes supported are mcp:tools and offline_access"));
    if (scopes.isEmpty())
        scopes = {kScopeTools};
    if (params.contains(QStringLiteral("resource"))
        && params.value(QStringLiteral("resource")) != origin + kMcpPath)
        return fail(QStringLiteral("invalid_target"),
                    QStringLiteral("the only resource here is %1").arg(origin + kMcpPath));

    // A demo: approved at once, no login page.
    Code code;
    code.clientId = client->id;
    code.redirectUri = redirectUri;
    code.redirectUriGiven = redirectGiven;
    code.challenge = challenge;
    code.scopes = scopes;
    code.expiresAtMs = nowMs() + kCodeLifetimeMs;
    const QByteArray value = randomToken();
    m_codes.insert(value, code);
    return redirect(redirectUri,
                    {{QStringLiteral("code"), QString::fromLatin1(value)},
                     {QStringLiteral("state"), state},
                     {QStringLiteral("iss"), origin}});
}

// ---- token endpoint ----

const DemoAuthServer::Client *DemoAuthServer::authenticateClient(const QHttpServerRequest &request,
                                                                 const Params &params,
                                                                 Reply *refusal) const
{
    const QString invalidClient = QStringLiteral("invalid_client");
    const QByteArray authorization = request.value("authorization").trimmed();
    const bool basic = authorization.left(6).toLower() == "basic ";
    auto refuse = [&](int status, const QString &error, const QString &description) {
        *refusal = oauthError(status, error, description);
        if (basic && status == 401)
            refusal->headers.append(qMakePair(QByteArray("WWW-Authenticate"),
                                              QByteArray("Basic realm=\"mcp-demo-worker\"")));
        return nullptr;
    };
    QString id;
    QByteArray secret;
    QByteArray rawSecret; // Basic credentials that were not form-encoded (curl -u)
    if (basic) {
        // RFC 6749 §2.3.1: base64(urlencode(id) ":" urlencode(secret)).
        const auto decoded = QByteArray::fromBase64Encoding(
            authorization.mid(6).trimmed(), QByteArray::AbortOnBase64DecodingErrors);
        const qsizetype colon = decoded ? decoded.decoded.indexOf(':') : -1;
        if (colon < 0)
            return refuse(401, invalidClient, QStringLiteral("malformed Basic credentials"));
        auto formDecode = [](QByteArray text) {
            text.replace('+', ' ');
            return QByteArray::fromPercentEncoding(text);
        };
        id = QString::fromUtf8(formDecode(decoded.decoded.left(colon)));
        rawSecret = decoded.decoded.mid(colon + 1);
        secret = formDecode(rawSecret);
        if (params.contains(QStringLiteral("client_secret")))
            return refuse(400, QStringLiteral("invalid_request"),
                          QStringLiteral("use one client authentication method, not two"));
        if (params.contains(QStringLiteral("client_id"))
            && params.value(QStringLiteral("client_id")) != id)
            return refuse(401, invalidClient,
                          QStringLiteral("client_id differs from the Basic credentials"));
    } else {
        id = params.value(QStringLiteral("client_id"));
        secret = params.value(QStringLiteral("client_secret")).toUtf8();
    }
    if (id.isEmpty())
        return refuse(401, invalidClient, QStringLiteral("no client authentication"));
    const Client *client = nullptr;
    if (!m_staticClient.id.isEmpty() && id == m_staticClient.id)
        client = &m_staticClient;
    else if (const auto it = m_clients.constFind(id); it != m_clients.constEnd())
        client = &*it;
    if (!client)
        return refuse(401, invalidClient, QStringLiteral("unknown client"));
    if (client->secret.isEmpty()) {
        if (!secret.isEmpty())
            return refuse(401, invalidClient, QStringLiteral("this public client has no secret"));
        return client;
    }
    const bool matches = sameSecret(secret, client->secret)
        || (!rawSecret.isEmpty() && sameSecret(rawSecret, client->secret));
    if (secret.isEmpty() || !matches)
        return refuse(401, invalidClient, QStringLiteral("client authentication failed"));
    return client;
}

DemoAuthServer::Reply DemoAuthServer::token(const QHttpServerRequest &request,
                                            const QString &origin)
{
    if (request.method() != QHttpServerRequest::Method::Post)
        return methodNotAllowed("POST");
    const QString invalidRequest = QStringLiteral("invalid_request");
    if (!isForm(request))
        return oauthError(400, invalidRequest,
                          QStringLiteral("the body must be application/x-www-form-urlencoded"));
    const QByteArray body = request.body();
    if (body.size() > kMaxBody)
        return oauthError(413, invalidRequest, QStringLiteral("the body is too large"));
    QString duplicate;
    const Params params = parseForm(body, &duplicate);
    if (!duplicate.isEmpty())
        return oauthError(400, invalidRequest, duplicate + QStringLiteral(" appears twice"));
    const QString grantType = params.value(QStringLiteral("grant_type"));
    if (grantType.isEmpty())
        return oauthError(400, invalidRequest, QStringLiteral("grant_type is missing"));
    Reply refusal;
    const Client *client = authenticateClient(request, params, &refusal);
    if (!client)
        return refusal;
    // RFC 8707: this server guards one resource.
    if (params.contains(QStringLiteral("resource"))
        && params.value(QStringLiteral("resource")) != origin + kMcpPath)
        return oauthError(400, QStringLiteral("invalid_target"),
                          QStringLiteral("the only resource here is %1").arg(origin + kMcpPath));
    if (grantType == kGrantCode)
        return authorizationCodeGrant(*client, params);
    if (grantType == kGrantRefresh)
        return refreshTokenGrant(*client, params);
    if (grantType == kGrantClientCredentials)
        return clientCredentialsGrant(*client, params);
    return oauthError(400, QStringLiteral("unsupported_grant_type"),
                      QStringLiteral("grant_type %1 is not supported").arg(grantType.left(100)));
}

DemoAuthServer::Reply DemoAuthServer::authorizationCodeGrant(const Client &client,
                                                             const Params &params)
{
    const QString invalidGrant = QStringLiteral("invalid_grant");
    const QByteArray value = params.value(QStringLiteral("code")).toLatin1();
    if (value.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("code is missing"));
    if (!client.grantTypes.contains(kGrantCode))
        return oauthError(400, QStringLiteral("unauthorized_client"),
                          QStringLiteral("this client may not use the authorization_code grant"));
    const auto it = m_codes.find(value);
    if (it == m_codes.end() || it->clientId != client.id)
        return oauthError(400, invalidGrant,
                          QStringLiteral("the authorization code is unknown, used or not this "
                                         "client's"));
    const Code code = it.value();
    m_codes.erase(it); // single use, whatever comes next
    if (nowMs() >= code.expiresAtMs)
        return oauthError(400, invalidGrant, QStringLiteral("the authorization code expired"));
    const bool redirectGiven = params.contains(QStringLiteral("redirect_uri"));
    if ((code.redirectUriGiven && !redirectGiven)
        || (redirectGiven && params.value(QStringLiteral("redirect_uri")) != code.redirectUri))
        return oauthError(400, invalidGrant,
                          QStringLiteral("redirect_uri does not match the authorization request"));
    const QByteArray verifier = params.value(QStringLiteral("code_verifier")).toLatin1();
    if (verifier.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("code_verifier is missing (PKCE)"));
    const QByteArray expected
        = QCryptographicHash::hash(verifier, QCryptographicHash::Sha256)
              .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    if (!isPkceValue(verifier) || !sameSecret(expected, code.challenge))
        return oauthError(400, invalidGrant,
                          QStringLiteral("code_verifier does not match the code_challenge"));
    return issueTokens(client.id, code.scopes, code.scopes, true);
}

DemoAuthServer::Reply DemoAuthServer::refreshTokenGrant(const Client &client, const Params &params)
{
    const QString invalidGrant = QStringLiteral("invalid_grant");
    const QByteArray value = params.value(QStringLiteral("refresh_token")).toLatin1();
    if (value.isEmpty())
        return oauthError(400, QStringLiteral("invalid_request"),
                          QStringLiteral("refresh_token is missing"));
    const auto it = m_refreshTokens.find(value);
    if (it == m_refreshTokens.end() || it->clientId != client.id)
        return oauthError(400, invalidGrant,
                          QStringLiteral("the refresh token is unknown, used or not this "
                                         "client's"));
    if (nowMs() >= it->expiresAtMs) {
        m_refreshTokens.erase(it);
        return oauthError(400, invalidGrant, QStringLiteral("the refresh token expired"));
    }
    const QStringList granted = it->scopes;
    QStringList scopes = granted;
    if (params.contains(QStringLiteral("scope"))) {
        QStringList asked;
        bool within = parseScopes(params.value(QStringLiteral("scope")), &asked);
        for (const QString &s : std::as_const(asked))
            within = within && granted.contains(s);
        if (!within)
            return oauthError(400, QStringLiteral("invalid_scope"),
                              QStringLiteral("a refresh may not widen the scope"));
        if (!asked.isEmpty())
            scopes = asked;
    }
    m_refreshTokens.erase(it); // rotation: the old one stops working
    return issueTokens(client.id, scopes, granted, true);
}

DemoAuthServer::Reply DemoAuthServer::clientCredentialsGrant(const Client &client,
                                                             const Params &params)
{
    if (!client.grantTypes.contains(kGrantClientCredentials))
        return oauthError(400, QStringLiteral("unauthorized_client"),
                          QStringLiteral("client_credentials is only for demo-client (start the "
                                         "worker with --oauth-client-secret-env)"));
    QStringList scopes;
    if (!parseScopes(params.value(QStringLiteral("scope")), &scopes))
        return oauthError(400, QStringLiteral("invalid_scope"),
                          QStringLiteral("the scopes supported are mcp:tools and offline_access"));
    scopes.removeAll(kScopeOffline); // no refresh token for this grant
    if (scopes.isEmpty())
        scopes = {kScopeTools};
    return issueTokens(client.id, scopes, {}, false);
}

DemoAuthServer::Reply DemoAuthServer::issueTokens(const QString &clientId,
                                                  const QStringList &scopes,
                                                  const QStringList &refreshScopes,
                                                  bool withRefreshToken)
{
    const qint64 now = nowMs();
    const QByteArray access = randomToken();
    m_accessTokens.insert(access,
                          Grant{clientId, scopes, now + m_options.tokenLifetimeSeconds * 1000LL});
    QJsonObject out;
    out.insert(QStringLiteral("access_token"), QString::fromLatin1(access));
    out.insert(QStringLiteral("token_type"), QStringLiteral("Bearer"));
    out.insert(QStringLiteral("expires_in"), m_options.tokenLifetimeSeconds);
    if (withRefreshToken) {
        const QByteArray refresh = randomToken();
        m_refreshTokens.insert(refresh, Grant{clientId, refreshScopes, now + kRefreshLifetimeMs});
        out.insert(QStringLiteral("refresh_token"), QString::fromLatin1(refresh));
    }
    out.insert(QStringLiteral("scope"), scopes.join(QLatin1Char(' ')));
    return json(200, out);
}

void DemoAuthServer::purgeExpired()
{
    const qint64 now = nowMs();
    if (now - m_lastPurgeMs < 1000)
        return;
    m_lastPurgeMs = now;
    m_codes.removeIf([now](const auto &it) { return now >= it.value().expiresAtMs; });
    m_accessTokens.removeIf(
        [now](const auto &it) { return now >= it.value().expiresAtMs + kKeepExpiredMs; });
    m_refreshTokens.removeIf([now](const auto &it) { return now >= it.value().expiresAtMs; });
}

} // namespace mcppm::demo
