#include "auth/authmetadata.h"

#include <QJsonArray>

namespace mcppm {

namespace {
QStringList strings(const QJsonValue &value)
{
    QStringList out;
    for (const QJsonValue &v : value.toArray()) {
        if (v.isString())
            out << v.toString();
    }
    return out;
}

QUrl httpUrl(const QJsonObject &o, const QString &key)
{
    const QUrl url(o.value(key).toString(), QUrl::StrictMode);
    if (!url.isValid()
        || (url.scheme() != QLatin1String("https") && url.scheme() != QLatin1String("http")))
        return {};
    return url;
}

QString trimmedPath(const QUrl &url)
{
    QString path = url.path(QUrl::FullyEncoded);
    while (path.endsWith(QLatin1Char('/')))
        path.chop(1);
    return path;
}
} // namespace

std::optional<ProtectedResourceMetadata> ProtectedResourceMetadata::fromJson(const QJsonObject &o,
                                                                             QString *error)
{
    ProtectedResourceMetadata m;
    m.resource = o.value(QStringLiteral("resource")).toString();
    m.authorizationServers = strings(o.value(QStringLiteral("authorization_servers")));
    m.scopesSupported = strings(o.value(QStringLiteral("scopes_supported")));
    if (m.resource.isEmpty()) {
        if (error)
            *error = QStringLiteral("protected-resource metadata without \"resource\"");
        return std::nullopt;
    }
    return m;
}

std::optional<AuthorizationServerMetadata>
AuthorizationServerMetadata::fromJson(const QJsonObject &o, QString *error)
{
    AuthorizationServerMetadata m;
    m.issuer = o.value(QStringLiteral("issuer")).toString();
    m.authorizationEndpoint = httpUrl(o, QStringLiteral("authorization_endpoint"));
    m.tokenEndpoint = httpUrl(o, QStringLiteral("token_endpoint"));
    m.registrationEndpoint = httpUrl(o, QStringLiteral("registration_endpoint"));
    m.scopesSupported = strings(o.value(QStringLiteral("scopes_supported")));
    m.grantTypesSupported = strings(o.value(QStringLiteral("grant_types_supported")));
    m.tokenEndpointAuthMethods
        = strings(o.value(QStringLiteral("token_endpoint_auth_methods_supported")));
    m.codeChallengeMethods = strings(o.value(QStringLiteral("code_challenge_methods_supported")));
    m.clientIdMetadataDocumentSupported
        = o.value(QStringLiteral("client_id_metadata_document_supported")).toBool();
    m.dpopSigningAlgValues = strings(o.value(QStringLiteral("dpop_signing_alg_values_supported")));
    m.authorizationResponseIssParameterSupported
        = o.value(QStringLiteral("authorization_response_iss_parameter_supported")).toBool();
    if (!m.tokenEndpoint.isValid()) {
        if (error)
            *error = QStringLiteral("authorization-server metadata without a usable "
                                    "\"token_endpoint\"");
        return std::nullopt;
    }
    return m;
}

AuthorizationServerMetadata AuthorizationServerMetadata::defaultsFor(const QUrl &serverUrl)
{
    const QUrl root = authurls::origin(serverUrl);
    AuthorizationServerMetadata m;
    m.issuer = root.toString();
    m.authorizationEndpoint = root.resolved(QUrl(QStringLiteral("/authorize")));
    m.tokenEndpoint = root.resolved(QUrl(QStringLiteral("/token")));
    m.registrationEndpoint = root.resolved(QUrl(QStringLiteral("/register")));
    return m;
}

namespace authurls {

QUrl origin(const QUrl &url)
{
    QUrl o;
    o.setScheme(url.scheme().toLower());
    o.setHost(url.host().toLower());
    const int defaultPort = o.scheme() == QLatin1String("https") ? 443 : 80;
    if (url.port() != -1 && url.port() != defaultPort)
        o.setPort(url.port());
    o.setPath(QStringLiteral("/"));
    return o;
}

QList<QUrl> protectedResourceCandidates(const QUrl &serverUrl, const QString &fromChallenge)
{
    QList<QUrl> out;
    const QUrl challenged(fromChallenge, QUrl::StrictMode);
    if (!fromChallenge.isEmpty() && challenged.isValid()
        && (challenged.scheme() == QLatin1String("https")
            || challenged.scheme() == QLatin1String("http")))
        out << challenged;
    const QUrl root = origin(serverUrl);
    const QString path = trimmedPath(serverUrl);
    if (!path.isEmpty()) {
        QUrl pathBased = root;
        pathBased.setPath(QStringLiteral("/.well-known/oauth-protected-resource") + path,
                          QUrl::StrictMode);
        out << pathBased;
    }
    QUrl atRoot = root;
    atRoot.setPath(QStringLiteral("/.well-known/oauth-protected-resource"));
    out << atRoot;
    // Once each, in order.
    QList<QUrl> unique;
    for (const QUrl &u : std::as_const(out)) {
        if (!unique.contains(u))
            unique << u;
    }
    return unique;
}

QList<QUrl> authorizationServerCandidates(const QUrl &issuer)
{
    const QUrl root = origin(issuer);
    const QString path = trimmedPath(issuer);
    auto at = [&root](const QString &p) {
        QUrl u = root;
        u.setPath(p, QUrl::StrictMode);
        return u;
    };
    if (path.isEmpty())
        return {at(QStringLiteral("/.well-known/oauth-authorization-server")),
                at(QStringLiteral("/.well-known/openid-configuration"))};
    return {at(QStringLiteral("/.well-known/oauth-authorization-server") + path),
            at(QStringLiteral("/.well-known/openid-configuration") + path),
            at(path + QStringLiteral("/.well-known/openid-configuration"))};
}

QString canonicalResource(const QUrl &serverUrl)
{
    QUrl u = origin(serverUrl);
    u.setPath(trimmedPath(serverUrl), QUrl::StrictMode);
    return u.toString(QUrl::FullyEncoded);
}

bool resourceCovers(const QString &resource, const QUrl &serverUrl)
{
    const QUrl r(resource, QUrl::StrictMode);
    if (!r.isValid() || origin(r) != origin(serverUrl))
        return false;
    const QString resourcePath = trimmedPath(r);
    const QString serverPath = trimmedPath(serverUrl);
    return resourcePath.isEmpty() || serverPath == resourcePath
        || serverPath.startsWith(resourcePath + QLatin1Char('/'));
}

} // namespace authurls
} // namespace mcppm
