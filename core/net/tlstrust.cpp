#include "net/tlstrust.h"

#include <QCryptographicHash>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace mcppm {

namespace {
QString names(const QStringList &parts)
{
    return parts.isEmpty() ? QStringLiteral("?") : parts.join(QStringLiteral(", "));
}
} // namespace

std::optional<TlsTrust> TlsTrust::make(const QString &caFile, const QString &pin, QString *error)
{
    TlsTrust trust;
    if (!caFile.isEmpty()) {
        QFile file(caFile);
        if (!file.open(QIODevice::ReadOnly)) {
            if (error)
                *error = QStringLiteral("CA file %1: %2").arg(caFile, file.errorString());
            return std::nullopt;
        }
        const QByteArray pem = file.read(4 * 1024 * 1024);
        trust.caCertificates = QSslCertificate::fromData(pem, QSsl::Pem);
        if (trust.caCertificates.isEmpty()) {
            if (error)
                *error = QStringLiteral("CA file %1 holds no PEM certificate").arg(caFile);
            return std::nullopt;
        }
        trust.caFile = caFile;
    }
    if (!pin.isEmpty()) {
        QString why;
        trust.pinSha256 = parseFingerprint(pin, &why);
        if (trust.pinSha256.isEmpty()) {
            if (error)
                *error = why;
            return std::nullopt;
        }
    }
    return trust;
}

QByteArray TlsTrust::parseFingerprint(const QString &text, QString *error)
{
    QString hex = text.trimmed();
    if (hex.startsWith(QLatin1String("sha256:"), Qt::CaseInsensitive))
        hex = hex.mid(7);
    hex.remove(QLatin1Char(':'));
    static const QRegularExpression sha256(QStringLiteral("^[0-9A-Fa-f]{64}$"));
    if (!sha256.match(hex).hasMatch()) {
        if (error)
            *error = QStringLiteral("a certificate pin is a SHA-256 fingerprint: 64 hex digits, "
                                    "colons allowed (openssl x509 -noout -fingerprint -sha256)");
        return {};
    }
    return QByteArray::fromHex(hex.toLatin1());
}

QString TlsTrust::formatFingerprint(const QByteArray &digest)
{
    return QString::fromLatin1(digest.toHex(':').toUpper());
}

QByteArray TlsTrust::fingerprintOf(const QSslCertificate &certificate)
{
    return certificate.digest(QCryptographicHash::Sha256);
}

QString TlsTrust::describe(const QSslCertificate &certificate)
{
    if (certificate.isNull())
        return QStringLiteral("no certificate");
    const QStringList subject = certificate.subjectInfo(QSslCertificate::CommonName);
    const QStringList issuer = certificate.issuerInfo(QSslCertificate::CommonName);
    QString text = QStringLiteral("CN=%1").arg(names(subject));
    if (certificate.isSelfSigned())
        text += QStringLiteral(" (self-signed)");
    else
        text += QStringLiteral(" issued by CN=%1").arg(names(issuer));
    text += QStringLiteral(", valid %1 to %2")
                .arg(certificate.effectiveDate().toUTC().toString(Qt::ISODate),
                     certificate.expiryDate().toUTC().toString(Qt::ISODate));
    return text;
}

QSslConfiguration TlsTrust::sslConfiguration() const
{
    static const QList<QSslCertificate> system = QSslConfiguration::systemCaCertificates();
    QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
    ssl.setCaCertificates(system + caCertificates);
    return ssl;
}

bool TlsTrust::pinOverrules(QSslError::SslError error)
{
    switch (error) {
    case QSslError::SelfSignedCertificate:
    case QSslError::SelfSignedCertificateInChain:
    case QSslError::UnableToGetIssuerCertificate:
    case QSslError::UnableToGetLocalIssuerCertificate:
    case QSslError::UnableToVerifyFirstCertificate:
    case QSslError::CertificateUntrusted:
    case QSslError::InvalidCaCertificate:
    case QSslError::HostNameMismatch:
        return true;
    default:
        return false; // expired, not yet valid, revoked, bad signature, …
    }
}

} // namespace mcppm
