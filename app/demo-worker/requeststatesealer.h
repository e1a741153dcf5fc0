#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace mcppm::demo {

// The opaque requestState of a multi round-trip request (MRTR, 2026-07-28):
// base64url(payload) "." base64url(HMAC-SHA256(key, payload)). The payload
// binds the state to the method, the tool name and a digest of the arguments,
// and carries an expiry; the key is random per process, so a state from
// another worker or a restarted one is refused too.
class RequestStateSealer final
{
public:
    explicit RequestStateSealer(qint64 lifetimeMs);
    Q_DISABLE_COPY_MOVE(RequestStateSealer)

    QString seal(const QString &method, const QString &name, const QJsonObject &arguments,
                 qint64 nowMs) const;
    // True when state was sealed here for this method, name and arguments and
    // has not expired; otherwise false and *why says what is wrong.
    bool verify(const QString &state, const QString &method, const QString &name,
                const QJsonObject &arguments, qint64 nowMs, QString *why) const;

private:
    static QByteArray digest(const QString &method, const QString &name,
                             const QJsonObject &arguments);
    QByteArray mac(const QByteArray &payload) const;

    QByteArray m_key;
    qint64 m_lifetimeMs;
};

} // namespace mcppm::demo
