#include "profile/poolserverconfig.h"

#include "profile/credentialresolver.h"
#include "profile/envcredentialstore.h"
#include "profile/filecredentialstore.h"

#include <QDir>

namespace mcppm {

namespace {
// What every server entry sets alike, local or over HTTP.
void setCommonOptions(const ProfileServer &server, ServerOptions *options)
{
    options->priority = server.priority;
    options->weight = server.weight;
    options->timeoutMs = server.timeoutMs;
    options->maxConcurrent = server.maxConcurrent;
    options->ratePerSecond = server.ratePerSecond;
    options->rateBurst = server.rateBurst;
    options->enabled = server.enabled;
    options->protocol = server.protocol == QLatin1String("modern")
        ? McpClientOptions::ProtocolMode::Modern
        : server.protocol == QLatin1String("legacy") ? McpClientOptions::ProtocolMode::Legacy
                                                     : McpClientOptions::ProtocolMode::Auto;
}

// The value of a reference: from secrets, or (env:) the environment.
bool lookUp(const QString &reference, const QHash<QString, QString> &secrets, QString *value,
            CredentialError *error)
{
    *error = CredentialError::none();
    value->clear();
    if (reference.isEmpty())
        return true;
    const auto it = secrets.constFind(reference);
    if (it != secrets.cend()) {
        *value = *it;
        return true;
    }
    if (reference.startsWith(QLatin1String("env:"))) {
        *value = EnvCredentialStore::readNow(reference, error);
        return !error->isError();
    }
    if (reference.startsWith(QLatin1String("file:"))) {
        *value = FileCredentialStore::readNow(reference, error);
        return !error->isError();
    }
    if (reference.startsWith(QLatin1String("keychain:")))
        *error = {CredentialError::Kind::NotFound, QStringLiteral("not in the keychain")};
    else
        *error = {CredentialError::Kind::BadReference,
                  QStringLiteral("only env:VARIABLE, keychain:NAME or file:/PATH")};
    return false;
}
} // namespace

QStringList PoolServerConfig::secretReferences(const ProfileServer &server)
{
    QStringList references;
    if (!server.tokenRef.isEmpty())
        references << server.tokenRef;
    if (server.oauth.enabled && !server.oauth.clientSecretRef.isEmpty())
        references << server.oauth.clientSecretRef;
    for (const auto &[name, reference] : server.command.envRefs) {
        if (!references.contains(reference))
            references << reference;
    }
    return references;
}

QList<PoolServerConfig> PoolServerConfig::workers() const
{
    if (!options.isLocal() || replicas <= 1)
        return {*this};
    QList<PoolServerConfig> list;
    for (int i = 1; i <= replicas; ++i) {
        PoolServerConfig worker = *this;
        worker.id = QStringLiteral("%1#%2").arg(id).arg(i);
        worker.replicas = 1;
        list << worker;
    }
    return list;
}

namespace {
// A local command server: the command, its environment (secrets resolved,
// never shown) and the pool options that apply to it.
std::optional<PoolServerConfig> localConfig(const ProfileServer &server, const QString &directory,
                                            const QHash<QString, QString> &secrets, QString *error)
{
    const LocalCommand &command = server.command;
    PoolServerConfig config;
    config.id = server.id;
    config.url = QUrl(QStringLiteral("stdio:") + command.program);
    config.replicas = qBound(1, command.replicas, LocalCommand::kMaxReplicas);
    ServerOptions &options = config.options;
    options.stdio.program = command.program;
    options.supervision.maxRestartsPerMinute = command.maxRestartsPerMinute;
    options.supervision.restartDelayMs = command.restartDelayMs;
    options.supervision.restartMaxDelayMs = command.restartMaxDelayMs;
    options.stdio.args = command.args;
    if (!command.cwd.isEmpty())
        options.stdio.workingDirectory = QDir::isAbsolutePath(command.cwd) || directory.isEmpty()
            ? command.cwd
            : QDir(directory).filePath(command.cwd);
    options.stdio.environment = command.env;
    for (const auto &[name, reference] : command.envRefs) {
        QString value;
        CredentialError missing;
        if (!lookUp(reference, secrets, &value, &missing)) {
            if (error)
                *error
                    = QStringLiteral("server %1: environment variable %2: %3")
                          .arg(server.id, name, CredentialResolver::describe(reference, missing));
            return std::nullopt;
        }
        options.stdio.environment.append({name, value});
    }
    options.oauth = false;
    setCommonOptions(server, &options);
    return config;
}
} // namespace

std::optional<PoolServerConfig>
PoolServerConfig::fromProfile(const ProfileServer &server, const QString &directory,
                              const QHash<QString, QString> &secrets, QString *error,
                              QStringList *warnings)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::optional<PoolServerConfig>();
    };
    if (server.command.isSet())
        return localConfig(server, directory, secrets, error);
    PoolServerConfig config;
    config.id = server.id;
    config.url = server.url;
    CredentialError missing;
    if (!lookUp(server.tokenRef, secrets, &config.token, &missing)) {
        const QString why
            = QStringLiteral("server %1: %2")
                  .arg(server.id, CredentialResolver::describe(server.tokenRef, missing));
        if (!warnings || !server.tokenRef.startsWith(QLatin1String("keychain:")))
            return fail(why);
        *warnings << why + QStringLiteral("; connecting without one");
    }
    ServerOptions &options = config.options;
    setCommonOptions(server, &options);
    options.proxy = server.proxy; // callers put the profile's "proxy" here when it has none
    options.headers = server.headers;
    QString why;
    const std::optional<TlsTrust> trust = Profile::trustFor(server, directory, &why);
    if (!trust)
        return fail(why);
    options.tls = *trust;
    options.oauth = server.oauth.enabled;
    if (config.token.isEmpty() && server.oauth.enabled) {
        QHash<QString, QString> clientSecret;
        const QString &ref = server.oauth.clientSecretRef;
        QString value;
        if (!lookUp(ref, secrets, &value, &missing))
            return fail(QStringLiteral("server %1: OAuth: %2")
                            .arg(server.id,
                                 CredentialResolver::describe(
                                     ref, missing, QStringLiteral("client secret reference"))));
        if (!ref.isEmpty())
            clientSecret.insert(ref, value);
        const std::optional<OAuthSettings> oauth
            = Profile::oauthFor(server, directory, clientSecret, &why);
        if (!oauth)
            return fail(why);
        options.oauthSettings = *oauth;
    }
    return config;
}

} // namespace mcppm
