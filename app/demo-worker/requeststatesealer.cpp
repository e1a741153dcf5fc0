#include "requeststatesealer.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMessageAuthenticationCode>
#include <QRandomGenerator>

namespace mcppm::demo {

namespace {
constexpr auto kBase64 = QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals;

bool sameBytes(const QByteArray &a, const QByteArray &b)
{
    if (a.size() != b.size())
        return false;
    unsigned char diff = 0; // constant time: no early exit on the first difference
    for (qsizetype i = 0; i < a.size(); ++i)
        diff |= static_cast<unsigned char>(a.at(i) ^ b.at(i));
    return diff == 0;
}
} // namespace

RequestStateSealer::RequestStateSealer(qint64 lifetimeMs)
    : m_lifetimeMs(lifetimeMs)
{
    m_key.resize(32);
    QRandomGenerator::system()->generate(reinterpret_cast<quint32 *>(m_key.data()),
                                         reinterpret_cast<quint32 *>(m_key.data() + m_key.size()));
}

QByteArray RequestStateSealer::digest(const QString &method, const QString &name,
                                      const QJsonObject &arguments)
{
    // QJsonObject keeps its keys sorted, so the compact form is canonical.
    QCryptographicHash hash(QCryptographicHash::Sha256);
    hash.addData(method.toUtf8());
    hash.addData(QByteArrayView("\n", 1));
    hash.addData(name.toUtf8());
    hash.addData(QByteArrayView("\n", 1));
    hash.addData(QJsonDocument(arguments).toJson(QJsonDocument::Compact));
    return hash.result().toBase64(kBase64);
}

QByteArray RequestStateSealer::mac(const QByteArray &payload) const
{
    return QMessageAuthenticationCode::hash(payload, m_key, QCryptographicHash::Sha256);
}

QString RequestStateSealer::seal(const QString &method, const QString &name,
                                 const QJsonObject &arguments, qint64 nowMs) const
{
    QJsonObject payload;
    payload.insert(QStringLiteral("d"), QString::fromLatin1(digest(method, name, arguments)));
    payload.insert(QStringLiteral("e"), double(nowMs + m_lifetimeMs));
    payload.insert(QStringLiteral("n"),
                   QString::number(QRandomGenerator::system()->generate64(), 36));
    const QByteArray bytes = QJsonDocument(payload).toJson(QJsonDocument::Compact);
    return QString::fromLatin1(bytes.toBase64(kBase64) + '.' + mac(bytes).toBase64(kBase64));
}

bool RequestStateSealer::verify(const QString &state, const QString &method, const QString &name,
                                const QJsonObject &arguments, qint64 nowMs, QString *why) const
{
    const QByteArray raw = state.toLatin1();
    const qsizetype dot = raw.indexOf('.');
    if (state.size() > 4096 || dot <= 0) {
        *why = QStringLiteral("requestState is malformed");
        return false;
    }
    const auto payload = QByteArray::fromBase64Encoding(
        raw.left(dot), kBase64 | QByteArray::AbortOnBase64DecodingErrors);
    const auto tag = QByteArray::fromBase64Encoding(
        raw.mid(dot + 1), kBase64 | QByteArray::AbortOnBase64DecodingErrors);
    if (!payload || !tag || !sameBytes(*tag, mac(*payload))) {
        *why = QStringLiteral("requestState failed verification (tampered, or from another "
                              "server process)");
        return false;
    }
    const QJsonObject fields = QJsonDocument::fromJson(*payload).object();
    if (fields.value(QStringLiteral("e")).toDouble() < double(nowMs)) {
        *why = QStringLiteral("requestState has expired; send the request again without it");
        return false;
    }
    if (fields.value(QStringLiteral("d")).toString()
        != QString::fromLatin1(digest(method, name, arguments))) {
        *why = QStringLiteral("requestState belongs to another request (method, name or "
                              "arguments differ)");
        return false;
    }
    return true;
}

} // namespace mcppm::demo
