#pragma once

#include <QByteArray>
#include <QJsonValue>
#include <QString>

namespace mcppm {

// Hides credentials in JSON before anyone sees it (protocol view, logs):
// the values of keys that name a secret (token, secret, password, api key,
// authorization, cookie, credential, private key) become "••••••".
class SecretMask final
{
public:
    static bool isSecretKey(const QString &key);
    static QJsonValue mask(const QJsonValue &value);
    // A JSON-RPC message as indented JSON with secrets masked; text that is
    // not JSON is returned as is (cut at maxChars).
    static QString prettyMasked(const QByteArray &json, int maxChars = 20000);
};

} // namespace mcppm
