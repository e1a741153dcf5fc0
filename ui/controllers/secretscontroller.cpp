#include "secretscontroller.h"

#include "controllers/poolclient.h"
#include "controllers/profiledocument.h"
#include "widgets/tokenstore.h"

#include <QJsonDocument>

namespace mcppm::ui {

SecretsController::SecretsController(ProfileDocument *document, PoolClient *pool, QObject *parent)
    : QObject(parent)
    , m_document(document)
    , m_pool(pool)
    , m_tokens(new TokenStore(this))
{
    connect(m_tokens, &TokenStore::fellBackToMemory, this, &SecretsController::fellBackToMemory);
    connect(pool, &PoolClient::oauthTokensChanged, this, &SecretsController::keepOAuthTokens);
}

SecretsController::~SecretsController() = default;

QString SecretsController::oauthTokenKey(const QString &id) const
{
    return QStringLiteral("oauth:%1/%2").arg(m_document->keyName(), id);
}

void SecretsController::startPool(const Profile &profile)
{
    QStringList refs;
    QHash<QString, QString> oauthKeys; // store key -> server id
    for (const ProfileServer &s : profile.servers) {
        if (s.tokenRef.startsWith(QLatin1String("keychain:")))
            refs << s.tokenRef;
        if (!s.oauth.enabled)
            continue;
        if (s.oauth.clientSecretRef.startsWith(QLatin1String("keychain:")))
            refs << s.oauth.clientSecretRef;
        const QString key = oauthTokenKey(s.id);
        oauthKeys.insert(key, s.id);
        refs << key;
    }
    if (profile.endpoint.tokenRef.startsWith(QLatin1String("keychain:")))
        refs << profile.endpoint.tokenRef; // the bearer token of the pool's own MCP endpoint
    refs.removeDuplicates();
    // Tokens and OAuth token sets from the keychain first (in memory in the
    // pool's thread), then the pool.
    QPointer<PoolClient> pool = m_pool;
    m_tokens->read(
        refs,
        [pool, profile, oauthKeys](const QHash<QString, QString> &found, const QStringList &) {
            if (!pool)
                return;
            QHash<QString, QString> secrets;
            QHash<QString, QJsonObject> oauthTokens;
            for (auto it = oauthKeys.cbegin(); it != oauthKeys.cend(); ++it)
                oauthTokens.insert(it.value(), {}); // none kept: no tokens of an earlier pool
            for (auto it = found.cbegin(); it != found.cend(); ++it) {
                if (oauthKeys.contains(it.key())) {
                    const QJsonDocument set = QJsonDocument::fromJson(it.value().toUtf8());
                    if (set.isObject())
                        oauthTokens.insert(oauthKeys.value(it.key()), set.object());
                } else {
                    secrets.insert(it.key(), it.value());
                }
            }
            pool->setSecrets(secrets);
            pool->setOAuthTokens(oauthTokens);
            pool->start(profile);
        });
}

void SecretsController::writeToken(const QString &reference, const QString &token)
{
    m_tokens->write(reference, token, [this](bool inKeychain, const QString &) {
        Q_EMIT secretStored(inKeychain ? tr("Token saved in the keychain.")
                                       : tr("Token kept in memory for this run."));
    });
}

QHash<QString, QString> SecretsController::storeServerSecrets(ProfileServer *server,
                                                              const QString &token,
                                                              const QString &clientSecret)
{
    QHash<QString, QString> secrets;
    if (!token.isEmpty()) {
        server->tokenRef = QStringLiteral("keychain:%1/%2").arg(m_document->keyName(), server->id);
        secrets.insert(server->tokenRef, token);
        writeToken(server->tokenRef, token);
    }
    if (!clientSecret.isEmpty())
        secrets.insert(storeClientSecret(server, clientSecret), clientSecret);
    return secrets;
}

QString SecretsController::storeClientSecret(ProfileServer *server, const QString &secret)
{
    if (!server->oauth.clientSecretRef.startsWith(QLatin1String("keychain:")))
        server->oauth.clientSecretRef
            = QStringLiteral("keychain:%1/%2/client-secret").arg(m_document->keyName(), server->id);
    m_tokens->write(
        server->oauth.clientSecretRef, secret, [this](bool inKeychain, const QString &) {
            Q_EMIT secretStored(inKeychain ? tr("Client secret saved in the keychain.")
                                           : tr("Client secret kept in memory for this run."));
        });
    return server->oauth.clientSecretRef;
}

bool SecretsController::replaceToken(const QString &id, const QString &token)
{
    ProfileServer *s = m_document->server(id);
    if (!s)
        return false;
    const QString ref = s->tokenRef.startsWith(QLatin1String("keychain:"))
        ? s->tokenRef
        : QStringLiteral("keychain:%1/%2").arg(m_document->keyName(), id);
    if (ref != s->tokenRef) {
        s->tokenRef = ref;
        m_document->setModified(true);
    }
    writeToken(ref, token);
    if (m_pool) {
        m_pool->setSecrets({{ref, token}});
        m_pool->setServerToken(id, token);
    }
    return true;
}

void SecretsController::keepOAuthTokens(const QString &id, const QJsonObject &tokens)
{
    // The token set goes to the keychain (or memory) only: never the profile, a log or a message.
    const QString key = oauthTokenKey(id);
    if (tokens.isEmpty()) {
        m_tokens->remove(key);
        return;
    }
    m_tokens->write(key, QString::fromUtf8(QJsonDocument(tokens).toJson(QJsonDocument::Compact)),
                    [](bool, const QString &) {});
}

} // namespace mcppm::ui
