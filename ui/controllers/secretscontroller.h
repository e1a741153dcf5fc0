#pragma once

#include "profile/profile.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QPointer>

namespace mcppm::ui {

class PoolClient;
class ProfileDocument;
class TokenStore;

// The profile's secrets in the token store (keychain, else memory): bearer
// tokens and OAuth client secrets under their "keychain:" references, OAuth
// token sets under "oauth:<profile>/<id>". It hands them to the pool (never
// to the profile file, a log or a message) and keeps what the pool sends back.
class SecretsController final : public QObject
{
    Q_OBJECT
public:
    SecretsController(ProfileDocument *document, PoolClient *pool, QObject *parent = nullptr);
    ~SecretsController() override;
    Q_DISABLE_COPY_MOVE(SecretsController)

    TokenStore *tokenStore() const { return m_tokens; }

    // Reads the profile's secrets, gives them to the pool, then starts the pool on it.
    void startPool(const Profile &profile);
    // Stores a new server's token and client secret, pointing its references
    // at them ("keychain:<profile>/<id>", ".../client-secret"); the secrets
    // for the pool's setSecrets().
    QHash<QString, QString> storeServerSecrets(ProfileServer *server, const QString &token,
                                               const QString &clientSecret);
    // Keeps a typed client secret under the server's keychain reference (given
    // or made up) and returns that reference.
    QString storeClientSecret(ProfileServer *server, const QString &secret);
    // A new bearer token for a server of the document, given to the pool at
    // once; false if the document has no such server.
    bool replaceToken(const QString &id, const QString &token);
    // Where a server's OAuth token set is kept: "oauth:<profile name or default>/<id>".
    QString oauthTokenKey(const QString &id) const;
    // The pool's new token set for a server ({} after sign-out: forgotten).
    void keepOAuthTokens(const QString &id, const QJsonObject &tokens);
    // Stores a token under a keychain reference (in memory when there is no keychain).
    void writeToken(const QString &reference, const QString &token);

Q_SIGNALS:
    // A secret was stored ("Token saved in the keychain." ...), for the status bar.
    void secretStored(const QString &message);
    // The keychain could not be used; secrets stay in memory for this run.
    void fellBackToMemory(const QString &why);

private:
    ProfileDocument *m_document;
    QPointer<PoolClient> m_pool;
    TokenStore *m_tokens;
};

} // namespace mcppm::ui
