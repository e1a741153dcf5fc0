#include "net/secretmask.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

namespace mcppm {

bool SecretMask::isSecretKey(const QString &key)
{
    // MCP's own keys that say "token" but hold no secret: the progress token a
    // client chose, and token counts (sampling's maxTokens, usage figures).
    static const QRegularExpression protocol(
        QStringLiteral(
            "^(progressToken|(max|input|output|total|prompt|completion|cached)_?tokens)$"),
        QRegularExpression::CaseInsensitiveOption);
    if (protocol.match(key).hasMatch())
        return false;
    static const QRegularExpression secret(
        QStringLiteral("token|secret|passw(or)?d|api[-_]?key|authori[sz]ation|cookie|credential|"
                       "private[-_]?key|session[-_]?key"),
        QRegularExpression::CaseInsensitiveOption);
    return secret.match(key).hasMatch();
}

QJsonValue SecretMask::mask(const QJsonValue &value)
{
    if (value.isObject()) {
        QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (isSecretKey(it.key()) && !it.value().isObject() && !it.value().isArray()
                && !it.value().isNull())
                it.value() = QStringLiteral("••••••");
            else
                it.value() = mask(it.value());
        }
        return o;
    }
    if (value.isArray()) {
        QJsonArray a = value.toArray();
        for (auto it = a.begin(); it != a.end(); ++it)
            *it = mask(*it);
        return a;
    }
    return value;
}

QString SecretMask::prettyMasked(const QByteArray &json, int maxChars)
{
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(json, &error);
    QString text;
    if (error.error != QJsonParseError::NoError) {
        text = QString::fromUtf8(json);
    } else {
        const QJsonValue masked
            = mask(doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object()));
        text = QString::fromUtf8(
            (masked.isArray() ? QJsonDocument(masked.toArray()) : QJsonDocument(masked.toObject()))
                .toJson(QJsonDocument::Indented));
    }
    if (text.size() > maxChars)
        text = text.left(maxChars)
            + QStringLiteral("\n… (%1 more characters)").arg(text.size() - maxChars);
    return text;
}

} // namespace mcppm
