#include "profile/profile.h"

#include "profile/filecredentialstore.h"
#include "profile/healthsettings.h"
#include "profile/jsonfields.h"
#include "profile/mcpserversfile.h"

#include <cmath>

#include "net/proxysettings.h"
#include "net/safetext.h"
#include "pool/loadbalancer.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QProcessEnvironment>
#include <QSaveFile>
#include <QSet>

namespace mcppm {

namespace {
const QStringList kServerKeys{QStringLiteral("id"),
                              QStringLiteral("url"),
                              QStringLiteral("priority"),
                              QStringLiteral("weight"),
                              QStringLiteral("timeoutMs"),
                              QStringLiteral("maxConcurrent"),
                              QStringLiteral("ratePerSecond"),
                              QStringLiteral("rateBurst"),
                              QStringLiteral("tokenRef"),
                              QStringLiteral("caFile"),
                              QStringLiteral("pinSha256"),
                              QStringLiteral("enabled"),
                              QStringLiteral("oauth"),
                              QStringLiteral("proxy"),
                              QStringLiteral("headers"),
                              QStringLiteral("protocol")};
const QStringList kTopKeys{QStringLiteral("version"),
                           QStringLiteral("name"),
                           QStringLiteral("servers"),
                           QStringLiteral("strategy"),
                           QStringLiteral("healthCheckIntervalMs"),
                           QStringLiteral("maxRetries"),
                           QStringLiteral("concurrentTasks"),
                           QStringLiteral("taskTimeoutMs"),
                           QStringLiteral("degradedThreshold"),
                           QStringLiteral("offlineThreshold"),
                           QStringLiteral("historySize"),
                           QStringLiteral("requests"),
                           QStringLiteral("proxy"),
                           QStringLiteral("roots"),
                           QStringLiteral("logLevel"),
                           QStringLiteral("maxConcurrentPerServer"),
                           QStringLiteral("health"),
                           QStringLiteral("mcpEndpoint")};

const QStringList kProtocols{QStringLiteral("auto"), QStringLiteral("modern"),
                             QStringLiteral("legacy")};
const QStringList kLogLevels{QStringLiteral("debug"),  QStringLiteral("info"),
                             QStringLiteral("notice"), QStringLiteral("warning"),
                             QStringLiteral("error"),  QStringLiteral("critical"),
                             QStringLiteral("alert"),  QStringLiteral("emergency")};

bool readInt(const QJsonObject &o, const QString &key, int min, int max, int *out,
             const QString &where, QString *error)
{
    return JsonFields::readWhole(o, key, min, max, out, where, error);
}
// "proxy": "none", "direct" or an http:// proxy URL without credentials (no secrets in profiles).
bool readProxy(const QJsonObject &o, QString *proxy, const QString &where, QString *error)
{
    const QJsonValue v = o.value(QStringLiteral("proxy"));
    if (v.isUndefined() || v.isNull())
        return true;
    QString why;
    if (!v.isString() || v.toString().isEmpty()
        || !ProxySettings::isValidOverride(v.toString(), &why)) {
        *error = where
            + QStringLiteral("\"proxy\" must be \"none\" or a proxy URL "
                             "http://[user:password@]host:port%1")
                  .arg(why.isEmpty() ? QString() : QStringLiteral(" (") + why + QLatin1Char(')'));
        return false;
    }
    const auto parsed = ProxySettings::parseProxyUrl(v.toString(), QString(), nullptr);
    if (parsed && parsed->hasCredentials()) {
        *error = where
            + QStringLiteral("\"proxy\": credentials are never stored in a profile; give the "
                             "proxy URL with them in https_proxy/http_proxy or --proxy");
        return false;
    }
    *proxy = v.toString();
    return true;
}

// "headers": {"Name": "value", ...}, checked as CustomHeaders::check does.
bool readHeaders(const QJsonObject &o, bool tokenSet, CustomHeaders::List *headers,
                 const QString &where, QString *error)
{
    const QJsonValue v = o.value(QStringLiteral("headers"));
    if (v.isUndefined() || v.isNull())
        return true;
    if (!v.isObject()) {
        *error = where + QStringLiteral("\"headers\" must be an object of \"Name\": \"value\"");
        return false;
    }
    const QJsonObject map = v.toObject();
    for (auto it = map.begin(); it != map.end(); ++it) {
        QString why;
        if (!it.value().isString()) {
            *error = where
                + QStringLiteral("\"headers\": the value of %1 must be a string").arg(it.key());
            return false;
        }
        if (!CustomHeaders::check(it.key(), it.value().toString(), tokenSet, &why)) {
            *error = where + QStringLiteral("\"headers\": ") + why;
            return false;
        }
        headers->append({it.key().toLatin1(), it.value().toString().toUtf8()});
    }
    return true;
}
} // namespace

namespace {
// "oauth": false, or an object of ProfileOAuth's keys.
bool readOAuth(const QJsonValue &value, ProfileOAuth *oauth, QString *why)
{
    if (value.isUndefined() || value.isNull())
        return true;
    if (value.isBool()) {
        oauth->enabled = value.toBool();
        return true;
    }
    if (!value.isObject()) {
        *why = QStringLiteral("\"oauth\" must be false or an object");
        return false;
    }
    const QJsonObject o = value.toObject();
    static const QStringList keys{QStringLiteral("clientId"),
                                  QStringLiteral("clientSecretRef"),
                                  QStringLiteral("grant"),
                                  QStringLiteral("privateKeyFile"),
                                  QStringLiteral("signingAlgorithm"),
                                  QStringLiteral("clientMetadataUrl"),
                                  QStringLiteral("tokenEndpointAuthMethod"),
                                  QStringLiteral("clientIdIssuer"),
                                  QStringLiteral("applicationType"),
                                  QStringLiteral("dpop"),
                                  QStringLiteral("workloadTokenFile"),
                                  QStringLiteral("workloadTokenCommand")};
    if (o.contains(QStringLiteral("clientSecret"))) {
        *why = QStringLiteral("\"oauth\": secrets are never stored in a profile; use "
                              "\"clientSecretRef\": \"env:VARIABLE\"");
        return false;
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!keys.contains(it.key())) {
            *why = QStringLiteral("\"oauth\": unknown key \"%1\" (known: %2)")
                       .arg(it.key(), keys.join(QStringLiteral(", ")));
            return false;
        }
        if (!it.value().isString()) {
            *why = QStringLiteral("\"oauth\": \"%1\" must be a string").arg(it.key());
            return false;
        }
    }
    oauth->clientId = o.value(QStringLiteral("clientId")).toString();
    oauth->clientSecretRef = o.value(QStringLiteral("clientSecretRef")).toString();
    oauth->grant = o.value(QStringLiteral("grant")).toString();
    oauth->privateKeyFile = o.value(QStringLiteral("privateKeyFile")).toString();
    oauth->signingAlgorithm = o.value(QStringLiteral("signingAlgorithm")).toString();
    oauth->clientMetadataUrl = o.value(QStringLiteral("clientMetadataUrl")).toString();
    oauth->tokenEndpointAuthMethod = o.value(QStringLiteral("tokenEndpointAuthMethod")).toString();
    oauth->clientIdIssuer = o.value(QStringLiteral("clientIdIssuer")).toString();
    oauth->applicationType = o.value(QStringLiteral("applicationType")).toString();
    oauth->dpop = o.value(QStringLiteral("dpop")).toString();
    oauth->workloadTokenFile = o.value(QStringLiteral("workloadTokenFile")).toString();
    oauth->workloadTokenCommand = o.value(QStringLiteral("workloadTokenCommand")).toString();
    if (!oauth->clientSecretRef.isEmpty() && !Profile::isTokenReference(oauth->clientSecretRef)) {
        *why = QStringLiteral("\"oauth\": \"clientSecretRef\" must look like \"env:VARIABLE\" "
                              "or \"keychain:NAME\"");
        return false;
    }
    if (!oauth->grant.isEmpty() && oauth->grant != QLatin1String("authorization_code")
        && oauth->grant != QLatin1String("client_credentials")
        && oauth->grant != QLatin1String("workload_identity")) {
        *why = QStringLiteral("\"oauth\": \"grant\" is \"authorization_code\", "
                              "\"client_credentials\" or \"workload_identity\"");
        return false;
    }
    if (!oauth->dpop.isEmpty() && oauth->dpop != QLatin1String("auto")
        && oauth->dpop != QLatin1String("off") && oauth->dpop != QLatin1String("required")) {
        *why = QStringLiteral("\"oauth\": \"dpop\" is \"auto\", \"off\" or \"required\"");
        return false;
    }
    if (!oauth->applicationType.isEmpty() && oauth->applicationType != QLatin1String("native")
        && oauth->applicationType != QLatin1String("web")) {
        *why = QStringLiteral("\"oauth\": \"applicationType\" is \"native\" or \"web\"");
        return false;
    }
    if (!oauth->workloadTokenFile.isEmpty() && !oauth->workloadTokenCommand.isEmpty()) {
        *why = QStringLiteral("\"oauth\": \"workloadTokenFile\" or \"workloadTokenCommand\", "
                              "not both");
        return false;
    }
    if (oauth->grant == QLatin1String("workload_identity") && oauth->workloadTokenFile.isEmpty()
        && oauth->workloadTokenCommand.isEmpty()) {
        *why = QStringLiteral("\"oauth\": the \"workload_identity\" grant needs "
                              "\"workloadTokenFile\" or \"workloadTokenCommand\"");
        return false;
    }
    if (!oauth->signingAlgorithm.isEmpty() && oauth->signingAlgorithm != QLatin1String("ES256")
        && oauth->signingAlgorithm != QLatin1String("RS256")) {
        *why = QStringLiteral("\"oauth\": \"signingAlgorithm\" is \"ES256\" or \"RS256\"");
        return false;
    }
    if (!oauth->clientMetadataUrl.isEmpty()
        && QUrl(oauth->clientMetadataUrl, QUrl::StrictMode).scheme() != QLatin1String("https")) {
        *why = QStringLiteral("\"oauth\": \"clientMetadataUrl\" must be an https URL");
        return false;
    }
    return true;
}
} // namespace

std::optional<Profile> Profile::fromJson(const QJsonObject &o, QString *error)
{
    QString why;
    auto fail = [&](const QString &text) -> std::optional<Profile> {
        if (error)
            *error = text;
        return std::nullopt;
    };
    if (!o.contains(QStringLiteral("version")))
        return fail(QStringLiteral("not an MCP Pool Monitor profile (no \"version\")"));
    const int version = o.value(QStringLiteral("version")).toInt(-1);
    if (version > kVersion)
        return fail(QStringLiteral("profile version %1 is newer than this program understands (%2)")
                        .arg(version)
                        .arg(kVersion));
    if (version < 1)
        return fail(QStringLiteral("\"version\" must be a positive whole number"));

    Profile p;
    p.name = o.value(QStringLiteral("name")).toString();
    if (!readProxy(o, &p.proxy, QString(), &why))
        return fail(why);
    const QJsonValue roots = o.value(QStringLiteral("roots"));
    if (!roots.isUndefined()) {
        if (!roots.isArray())
            return fail(QStringLiteral("\"roots\" must be an array of directories"));
        for (const QJsonValue &root : roots.toArray()) {
            const QString text = root.toString();
            if (!root.isString() || text.isEmpty()
                || !(text.startsWith(QLatin1Char('/'))
                     || text.startsWith(QLatin1String("file://"))))
                return fail(QStringLiteral("\"roots\" entries must be absolute paths or "
                                           "file:// URIs"));
            p.roots << text;
        }
    }
    if (o.contains(QStringLiteral("logLevel"))) {
        p.logLevel = o.value(QStringLiteral("logLevel")).toString();
        if (!p.logLevel.isEmpty() && !kLogLevels.contains(p.logLevel))
            return fail(QStringLiteral("\"logLevel\" must be one of %1 or \"\"")
                            .arg(kLogLevels.join(QStringLiteral(", "))));
    }
    if (o.contains(QStringLiteral("strategy"))) {
        LoadBalancer::Strategy s;
        if (!LoadBalancer::fromName(o.value(QStringLiteral("strategy")).toString(), &s))
            return fail(QStringLiteral("\"strategy\" must be one of %1")
                            .arg(LoadBalancer::names().join(QStringLiteral(", "))));
        p.strategy = LoadBalancer::name(s);
    }
    if (!readInt(o, QStringLiteral("healthCheckIntervalMs"), 100, 86400000,
                 &p.healthCheckIntervalMs, QString(), &why)
        || !readInt(o, QStringLiteral("maxRetries"), 0, 100, &p.maxRetries, QString(), &why)
        || !readInt(o, QStringLiteral("concurrentTasks"), 1, 100000, &p.concurrentTasks, QString(),
                    &why)
        || !readInt(o, QStringLiteral("taskTimeoutMs"), 0, 86400000, &p.taskTimeoutMs, QString(),
                    &why)
        || !readInt(o, QStringLiteral("degradedThreshold"), 1, 1000, &p.degradedThreshold,
                    QString(), &why)
        || !readInt(o, QStringLiteral("offlineThreshold"), 1, 1000, &p.offlineThreshold, QString(),
                    &why)
        || !readInt(o, QStringLiteral("historySize"), 0, 10000000, &p.historySize, QString(), &why)
        || !readInt(o, QStringLiteral("maxConcurrentPerServer"), -1, 100000,
                    &p.maxConcurrentPerServer, QString(), &why))
        return fail(why);
    if (o.contains(QStringLiteral("health"))) {
        if (!o.value(QStringLiteral("health")).isObject())
            return fail(QStringLiteral("\"health\" must be an object"));
        if (!HealthSettings::read(o.value(QStringLiteral("health")).toObject(), &p.health, &why))
            return fail(why);
    }
    if (o.contains(QStringLiteral("mcpEndpoint"))) {
        if (!o.value(QStringLiteral("mcpEndpoint")).isObject())
            return fail(QStringLiteral("\"mcpEndpoint\" must be an object"));
        const auto endpoint
            = EndpointSettings::fromJson(o.value(QStringLiteral("mcpEndpoint")).toObject(), &why);
        if (!endpoint)
            return fail(why);
        p.endpoint = *endpoint;
    }
    if (p.offlineThreshold < p.degradedThreshold)
        return fail(QStringLiteral("\"offlineThreshold\" must not be below \"degradedThreshold\""));
    const QJsonValue servers = o.value(QStringLiteral("servers"));
    if (!servers.isUndefined() && !servers.isArray())
        return fail(QStringLiteral("\"servers\" must be an array"));
    QSet<QString> ids;
    const QJsonArray list = servers.toArray();
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QJsonObject s = list.at(i).toObject();
        const QString where = QStringLiteral("servers[%1]: ").arg(i);
        if (!list.at(i).isObject())
            return fail(where + QStringLiteral("must be an object"));
        if (s.contains(QStringLiteral("token")) || s.contains(QStringLiteral("authToken")))
            return fail(
                where
                + QStringLiteral(
                    "tokens are never stored in a profile; use \"tokenRef\": \"env:VARIABLE\""));
        ProfileServer server;
        server.id = s.value(QStringLiteral("id")).toString();
        if (server.id.isEmpty())
            return fail(where + QStringLiteral("\"id\" is missing"));
        if (!SafeText::checkServerId(server.id, &why))
            return fail(where + QStringLiteral("\"id\": ") + why);
        if (ids.contains(server.id))
            return fail(where + QStringLiteral("the id \"%1\" is used twice").arg(server.id));
        ids.insert(server.id);
        auto command = LocalCommand::fromJson(s, where, &why);
        if (!command)
            return fail(why);
        server.command = *command;
        if (server.command.isSet()) {
            if (s.contains(QStringLiteral("url")))
                return fail(where
                            + QStringLiteral("give either \"url\" (a server over HTTP) or "
                                             "\"command\" (local processes over stdio), not both"));
        } else {
            server.url = QUrl(s.value(QStringLiteral("url")).toString(), QUrl::StrictMode);
            if (!server.url.isValid()
                || (server.url.scheme() != QLatin1String("http")
                    && server.url.scheme() != QLatin1String("https")))
                return fail(where
                            + QStringLiteral("\"url\" must be an http:// or https:// URL "
                                             "(or give \"command\" for a local stdio server)"));
        }
        if (!readInt(s, QStringLiteral("priority"), -1000000, 1000000, &server.priority, where,
                     &why)
            || !readInt(s, QStringLiteral("weight"), 1, 1000000, &server.weight, where, &why)
            || !readInt(s, QStringLiteral("timeoutMs"), 1, 86400000, &server.timeoutMs, where, &why)
            || !readInt(s, QStringLiteral("maxConcurrent"), 0, 100000, &server.maxConcurrent, where,
                        &why)
            || !readInt(s, QStringLiteral("ratePerSecond"), 0, 1000000, &server.ratePerSecond,
                        where, &why)
            || !readInt(s, QStringLiteral("rateBurst"), 0, 1000000, &server.rateBurst, where, &why))
            return fail(why);
        server.tokenRef = s.value(QStringLiteral("tokenRef")).toString();
        if (!server.tokenRef.isEmpty() && !isTokenReference(server.tokenRef))
            return fail(where
                        + QStringLiteral("\"tokenRef\" must look like \"env:VARIABLE\", "
                                         "\"keychain:NAME\" or \"file:/PATH\""));
        const QJsonValue enabled = s.value(QStringLiteral("enabled"));
        if (!enabled.isUndefined() && !enabled.isBool())
            return fail(where + QStringLiteral("\"enabled\" must be true or false"));
        server.enabled = enabled.toBool(true);
        if (!readOAuth(s.value(QStringLiteral("oauth")), &server.oauth, &why))
            return fail(where + why);
        server.caFile = s.value(QStringLiteral("caFile")).toString();
        server.pinSha256 = s.value(QStringLiteral("pinSha256")).toString();
        if (!server.pinSha256.isEmpty()
            && TlsTrust::parseFingerprint(server.pinSha256, &why).isEmpty())
            return fail(where + QStringLiteral("\"pinSha256\": ") + why);
        if ((!server.caFile.isEmpty() || !server.pinSha256.isEmpty())
            && server.url.scheme() != QLatin1String("https"))
            return fail(where
                        + QStringLiteral("\"caFile\" and \"pinSha256\" need an https:// URL"));
        if (!readProxy(s, &server.proxy, where, &why)
            || !readHeaders(s, !server.tokenRef.isEmpty(), &server.headers, where, &why))
            return fail(why);
        if (s.contains(QStringLiteral("protocol"))) {
            server.protocol = s.value(QStringLiteral("protocol")).toString();
            if (!kProtocols.contains(server.protocol))
                return fail(
                    where
                    + QStringLiteral("\"protocol\" must be \"auto\", \"modern\" "
                                     "(2026-07-28) or \"legacy\" (2025-11-25 and earlier)"));
        }
        for (auto it = s.begin(); it != s.end(); ++it) {
            if (!kServerKeys.contains(it.key()) && !LocalCommand::keys().contains(it.key()))
                server.extra.insert(it.key(), it.value());
        }
        p.servers.append(server);
    }
    const QJsonValue requests = o.value(QStringLiteral("requests"));
    if (!requests.isUndefined() && !requests.isArray())
        return fail(QStringLiteral("\"requests\" must be an array"));
    QSet<QString> names;
    const QJsonArray saved = requests.toArray();
    for (qsizetype i = 0; i < saved.size(); ++i) {
        const QString name = saved.at(i).toObject().value(QStringLiteral("name")).toString();
        const QString where = name.isEmpty()
            ? QStringLiteral("requests[%1]: ").arg(i)
            : QStringLiteral("requests[%1] (\"%2\"): ").arg(i).arg(name);
        auto request = NamedRequest::fromJson(saved.at(i), &why);
        if (!request)
            return fail(where + why);
        if (names.contains(request->name))
            return fail(where + QStringLiteral("the name is used twice"));
        names.insert(request->name);
        p.requests.append(*request);
    }
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!kTopKeys.contains(it.key()))
            p.extra.insert(it.key(), it.value());
    }
    return p;
}

QJsonObject Profile::toJson() const
{
    QJsonObject o = extra;
    o.insert(QStringLiteral("version"), kVersion);
    if (!name.isEmpty())
        o.insert(QStringLiteral("name"), name);
    if (!proxy.isEmpty())
        o.insert(QStringLiteral("proxy"), proxy);
    if (!roots.isEmpty())
        o.insert(QStringLiteral("roots"), QJsonArray::fromStringList(roots));
    if (!logLevel.isEmpty())
        o.insert(QStringLiteral("logLevel"), logLevel);
    o.insert(QStringLiteral("strategy"), strategy);
    o.insert(QStringLiteral("healthCheckIntervalMs"), healthCheckIntervalMs);
    o.insert(QStringLiteral("maxRetries"), maxRetries);
    o.insert(QStringLiteral("concurrentTasks"), concurrentTasks);
    o.insert(QStringLiteral("taskTimeoutMs"), taskTimeoutMs);
    o.insert(QStringLiteral("degradedThreshold"), degradedThreshold);
    o.insert(QStringLiteral("offlineThreshold"), offlineThreshold);
    o.insert(QStringLiteral("historySize"), historySize);
    if (maxConcurrentPerServer != -1)
        o.insert(QStringLiteral("maxConcurrentPerServer"), maxConcurrentPerServer);
    if (const QJsonObject h = HealthSettings::write(health); !h.isEmpty())
        o.insert(QStringLiteral("health"), h);
    else
        o.remove(QStringLiteral("health"));
    if (endpoint != EndpointSettings())
        o.insert(QStringLiteral("mcpEndpoint"), endpoint.toJson());
    else
        o.remove(QStringLiteral("mcpEndpoint"));
    QJsonArray list;
    for (const ProfileServer &s : servers) {
        QJsonObject e = s.extra;
        e.insert(QStringLiteral("id"), s.id);
        if (s.command.isSet())
            s.command.writeTo(&e);
        else
            e.insert(QStringLiteral("url"), s.url.toString(QUrl::FullyEncoded)); // reloads as is
        e.insert(QStringLiteral("priority"), s.priority);
        e.insert(QStringLiteral("weight"), s.weight);
        e.insert(QStringLiteral("timeoutMs"), s.timeoutMs);
        e.insert(QStringLiteral("maxConcurrent"), s.maxConcurrent);
        if (s.ratePerSecond > 0) {
            e.insert(QStringLiteral("ratePerSecond"), s.ratePerSecond);
            e.insert(QStringLiteral("rateBurst"), s.rateBurst);
        }
        if (!s.tokenRef.isEmpty())
            e.insert(QStringLiteral("tokenRef"), s.tokenRef);
        if (!s.caFile.isEmpty())
            e.insert(QStringLiteral("caFile"), s.caFile);
        if (!s.pinSha256.isEmpty())
            e.insert(QStringLiteral("pinSha256"), s.pinSha256);
        if (!s.enabled)
            e.insert(QStringLiteral("enabled"), false);
        if (!s.proxy.isEmpty())
            e.insert(QStringLiteral("proxy"), s.proxy);
        if (s.protocol != QLatin1String("auto"))
            e.insert(QStringLiteral("protocol"), s.protocol);
        if (!s.headers.isEmpty()) {
            QJsonObject headers; // kept as given: values may be secrets the user chose to store
            for (const auto &[header, value] : s.headers)
                headers.insert(QString::fromLatin1(header), QString::fromUtf8(value));
            e.insert(QStringLiteral("headers"), headers);
        }
        if (!s.oauth.enabled) {
            e.insert(QStringLiteral("oauth"), false);
        } else if (!s.oauth.isDefault()) {
            QJsonObject a;
            auto put = [&a](const char *key, const QString &value) {
                if (!value.isEmpty())
                    a.insert(QLatin1String(key), value);
            };
            put("clientId", s.oauth.clientId);
            put("clientSecretRef", s.oauth.clientSecretRef);
            put("grant", s.oauth.grant);
            put("privateKeyFile", s.oauth.privateKeyFile);
            put("signingAlgorithm", s.oauth.signingAlgorithm);
            put("clientMetadataUrl", s.oauth.clientMetadataUrl);
            put("tokenEndpointAuthMethod", s.oauth.tokenEndpointAuthMethod);
            put("clientIdIssuer", s.oauth.clientIdIssuer);
            put("applicationType", s.oauth.applicationType);
            put("dpop", s.oauth.dpop);
            put("workloadTokenFile", s.oauth.workloadTokenFile);
            put("workloadTokenCommand", s.oauth.workloadTokenCommand);
            e.insert(QStringLiteral("oauth"), a);
        }
        list.append(e);
    }
    o.insert(QStringLiteral("servers"), list);
    if (!requests.isEmpty()) {
        QJsonArray saved;
        for (const NamedRequest &r : requests)
            saved.append(r.toJson());
        o.insert(QStringLiteral("requests"), saved);
    }
    return o;
}

std::optional<OAuthSettings> Profile::oauthFor(const ProfileServer &server,
                                               const QString &directory,
                                               const QHash<QString, QString> &keychain,
                                               QString *error)
{
    auto fail = [&](const QString &why) {
        if (error)
            *error = QStringLiteral("server %1: OAuth: %2").arg(server.id, why);
        return std::optional<OAuthSettings>();
    };
    const ProfileOAuth &o = server.oauth;
    OAuthSettings settings;
    settings.clientId = o.clientId;
    settings.tokenEndpointAuthMethod = o.tokenEndpointAuthMethod;
    if (!o.clientMetadataUrl.isEmpty())
        settings.clientMetadataUrl = QUrl(o.clientMetadataUrl, QUrl::StrictMode);
    if (!o.signingAlgorithm.isEmpty())
        settings.signingAlgorithm = o.signingAlgorithm;
    if (o.grant == QLatin1String("authorization_code"))
        settings.grant = OAuthSettings::Grant::AuthorizationCode;
    else if (o.grant == QLatin1String("client_credentials"))
        settings.grant = OAuthSettings::Grant::ClientCredentials;
    else if (o.grant == QLatin1String("workload_identity"))
        settings.grant = OAuthSettings::Grant::WorkloadIdentity;
    settings.clientIdIssuer = o.clientIdIssuer;
    settings.applicationType = o.applicationType;
    if (o.dpop == QLatin1String("off"))
        settings.dpop = OAuthSettings::Dpop::Off;
    else if (o.dpop == QLatin1String("required"))
        settings.dpop = OAuthSettings::Dpop::Required;
    if (!o.workloadTokenFile.isEmpty()) {
        settings.workloadTokenFile = o.workloadTokenFile;
        if (QFileInfo(o.workloadTokenFile).isRelative() && !directory.isEmpty())
            settings.workloadTokenFile = QDir(directory).filePath(o.workloadTokenFile);
    }
    settings.workloadTokenCommand = o.workloadTokenCommand;
    if (keychain.contains(o.clientSecretRef)) {
        settings.clientSecret = keychain.value(o.clientSecretRef); // resolved by the caller
    } else if (o.clientSecretRef.startsWith(QLatin1String("keychain:"))) {
        settings.clientSecret = keychain.value(o.clientSecretRef);
        if (settings.clientSecret.isEmpty())
            return fail(QStringLiteral("the client secret %1 is not in the keychain")
                            .arg(o.clientSecretRef));
    } else {
        QString why;
        if (!resolveToken(o.clientSecretRef, &settings.clientSecret, &why))
            return fail(why.replace(QLatin1String("token reference"),
                                    QLatin1String("client secret reference")));
    }
    if (!o.privateKeyFile.isEmpty()) {
        QString path = o.privateKeyFile;
        if (QFileInfo(path).isRelative() && !directory.isEmpty())
            path = QDir(directory).filePath(path);
        QFile key(path);
        if (!key.open(QIODevice::ReadOnly))
            return fail(QStringLiteral("private key %1: %2").arg(path, key.errorString()));
        settings.privateKeyPem = key.read(1024 * 1024);
        if (!settings.privateKeyPem.contains("PRIVATE KEY-----"))
            return fail(QStringLiteral("%1 holds no PEM private key").arg(path));
    }
    return settings;
}

std::optional<TlsTrust> Profile::trustFor(const ProfileServer &server, const QString &directory,
                                          QString *error)
{
    QString caFile = server.caFile;
    if (!caFile.isEmpty() && QFileInfo(caFile).isRelative() && !directory.isEmpty())
        caFile = QDir(directory).filePath(caFile);
    QString why;
    std::optional<TlsTrust> trust = TlsTrust::make(caFile, server.pinSha256, &why);
    if (!trust && error)
        *error = QStringLiteral("server %1: %2").arg(server.id, why);
    return trust;
}

std::optional<Profile> Profile::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(16 * 1024 * 1024), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        if (error)
            *error = QStringLiteral("%1 is not a JSON object%2")
                         .arg(path,
                              pe.error != QJsonParseError::NoError
                                  ? QStringLiteral(" (%1 at offset %2)")
                                        .arg(pe.errorString())
                                        .arg(pe.offset)
                                  : QString());
        return std::nullopt;
    }
    QString why;
    if (McpServersFile::recognises(doc.object())) {
        // Claude Desktop / .mcp.json / VS Code mcp.json: read as they are
        // (warnings and literal bearer tokens: McpServersFile::load).
        auto read = McpServersFile::fromJson(doc.object(), path,
                                             QProcessEnvironment::systemEnvironment(), &why);
        if (!read && error)
            *error = path + QStringLiteral(": ") + why;
        return read ? std::optional<Profile>(read->profile) : std::nullopt;
    }
    auto profile = fromJson(doc.object(), &why);
    if (!profile && error)
        *error = path + QStringLiteral(": ") + why;
    if (profile)
        profile->directory = QFileInfo(path).absolutePath();
    return profile;
}

bool Profile::save(const QString &path, QString *error) const
{
    QSaveFile file(path);
    // Owner only (0600), also when an existing file was more open: what is
    // written may name servers, hosts and secrets' references.
    if (!file.open(QIODevice::WriteOnly)
        || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner)) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    file.write(QJsonDocument(toJson()).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error)
            *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool Profile::resolveToken(const QString &reference, QString *token, QString *error)
{
    if (reference.isEmpty()) {
        token->clear();
        return true;
    }
    if (reference.startsWith(QLatin1String("env:"))) {
        const QString variable = reference.mid(4);
        const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        if (variable.isEmpty() || !env.contains(variable)) {
            *error = QStringLiteral("token reference %1: the environment variable is not set")
                         .arg(reference);
            return false;
        }
        *token = env.value(variable);
        return true;
    }
    if (reference.startsWith(QLatin1String("file:"))) {
        CredentialError e;
        *token = FileCredentialStore::readNow(reference, &e);
        if (e.isError())
            *error = QStringLiteral("token reference %1: %2").arg(reference, e.message);
        return !e.isError();
    }
    if (reference.startsWith(QLatin1String("keychain:")))
        *error = QStringLiteral("token reference %1: the token is in the OS keychain; read it "
                                "through a CredentialResolver (profile/credentialresolver.h)")
                     .arg(reference);
    else
        *error = QStringLiteral("token reference %1: only env:VARIABLE, keychain:NAME or "
                                "file:/PATH")
                     .arg(reference);
    return false;
}

bool Profile::isTokenReference(const QString &reference)
{
    return (reference.startsWith(QLatin1String("env:")) && reference.size() > 4)
        || (reference.startsWith(QLatin1String("keychain:")) && reference.size() > 9)
        || FileCredentialStore::isReference(reference);
}

ServerPoolOptions Profile::poolOptions() const
{
    ServerPoolOptions o;
    LoadBalancer::fromName(strategy, &o.strategy);
    o.healthCheckIntervalMs = healthCheckIntervalMs;
    o.maxRetries = maxRetries;
    o.maxConcurrentPerServer = maxConcurrentPerServer;
    o.queue.concurrentTasks = concurrentTasks;
    o.queue.taskTimeoutMs = taskTimeoutMs;
    o.queue.historySize = historySize;
    o.health = health;
    o.health.checkIntervalMs = healthCheckIntervalMs;
    o.health.degradedThreshold = degradedThreshold;
    o.health.offlineThreshold = offlineThreshold;
    o.health.timers = nullptr;
    o.logLevel = logLevel;
    return o;
}

} // namespace mcppm
