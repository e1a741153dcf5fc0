#pragma once

#include <QHostAddress>
#include <QJsonObject>
#include <QString>
#include <QStringList>

#include <optional>

namespace mcppm {

// The profile's "mcpEndpoint" object: the pool served as one MCP server.
//   {"enabled": true, "listen": "127.0.0.1:8765", "tokenRef": "keychain:pool-endpoint",
//    "allowedOrigins": ["https://console.example"], "allowedHosts": ["pool.example"]}
// The bearer token is a reference (env:, keychain:, file:), never the token.
// A non-loopback "listen" needs a tokenRef.
struct EndpointSettings
{
    bool enabled = false;
    QString listen = QStringLiteral("127.0.0.1:8765");
    QString tokenRef;
    QStringList allowedOrigins;
    QStringList allowedHosts;

    bool operator==(const EndpointSettings &other) const = default;

    // Unknown keys and bad values are refused with a message naming them.
    static std::optional<EndpointSettings> fromJson(const QJsonObject &object, QString *error);
    QJsonObject toJson() const;
    // "ADDRESS:PORT" (IPv6 in brackets; port 0 = any free one).
    static bool parseListen(const QString &text, QHostAddress *address, quint16 *port);
};

} // namespace mcppm
