#pragma once

#include <QByteArray>
#include <QList>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QSslError>
#include <QString>

#include <optional>

namespace mcppm {

// What a server is trusted by beyond the system's certificate authorities,
// for private fleets: extra CA certificates from a PEM file (added to the
// system's), and/or the SHA-256 fingerprint of the server's own certificate.
// A pinned certificate is accepted even when self-signed or issued for
// another name, but never when expired or not yet valid; any other
// certificate is refused, even one the system trusts.
struct TlsTrust
{
    QString caFile; // as configured; shown in profiles and messages
    QList<QSslCertificate> caCertificates; // loaded from caFile
    QByteArray pinSha256; // 32 bytes; empty = no pin

    bool isEmpty() const { return caFile.isEmpty() && pinSha256.isEmpty(); }
    bool operator==(const TlsTrust &other) const
    {
        return caFile == other.caFile && caCertificates == other.caCertificates
            && pinSha256 == other.pinSha256;
    }

    // Loads the CA file (PEM, at least one certificate) and parses the pin;
    // nothing on failure, with a message naming the file or the pin's problem.
    static std::optional<TlsTrust> make(const QString &caFile, const QString &pin, QString *error);
    // "AB:CD:…" or 64 hex digits (any case, colons optional) → 32 bytes;
    // empty with a message when it is not a SHA-256 fingerprint.
    static QByteArray parseFingerprint(const QString &text, QString *error);
    // 32 bytes → "AB:CD:…" as browsers and `openssl x509 -fingerprint -sha256` show it.
    static QString formatFingerprint(const QByteArray &digest);
    static QByteArray fingerprintOf(const QSslCertificate &certificate);
    // "CN=… issued by CN=…, valid 2026-11-25 to 2026-11-26" for messages and dialogs.
    static QString describe(const QSslCertificate &certificate);
    // May a matching pin overrule this verification error?
    static bool pinOverrules(QSslError::SslError error);
    // The TLS configuration for a request: the system's authorities plus
    // caCertificates (setting CAs at all turns Qt's on-demand loading of the
    // system's off, so they are listed explicitly; read once).
    QSslConfiguration sslConfiguration() const;
};

} // namespace mcppm
