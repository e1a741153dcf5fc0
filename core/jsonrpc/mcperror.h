#pragma once

#include <QJsonValue>
#include <QMetaType>
#include <QString>

namespace mcppm {

// An error as a value: every failure in core travels as one of these, with a
// kind the caller can tell apart and a message fit for an operator. Messages
// never contain credentials.
struct McpError
{
    enum class Kind {
        None,
        Timeout, // the request did not finish within its timeout ("timeout")
        Cancelled, // the caller (or shutdown) cancelled it ("cancelled")
        Transport, // connection refused/reset, DNS, closed stream
        Tls, // certificate or handshake problem, never ignored silently
        Http, // unexpected HTTP status (5xx with HTML, 401, ...)
        Protocol, // malformed JSON, wrong content type, unknown id, bad shape
        TooLarge, // a body over the configured size limit
        Rpc, // a JSON-RPC error object from the server
        SessionExpired, // 404 on a request carrying a session id
        UnsupportedVersion, // the server answered a protocol version we do not speak
        NotConnected, // the client is not connected
        NoHealthyServers, // the pool has no candidate server ("No healthy servers")
    };

    // JSON-RPC error codes MCP 2026-07-28 defines; a server that sends one
    // speaks that revision (era detection).
    static constexpr int HeaderMismatch = -32020;
    static constexpr int MissingRequiredClientCapability = -32021;
    static constexpr int UnsupportedProtocolVersion = -32022;

    Kind kind = Kind::None;
    QString message;
    int httpStatus = 0; // HTTP status when known
    int rpcCode = 0; // JSON-RPC error code for Kind::Rpc
    QJsonValue data; // JSON-RPC error data for Kind::Rpc
    QString serverId; // set by the client that produced it
    int retryAfterMs = -1; // Retry-After of a 429/503 answer, -1 when absent
    // True when the server certainly did not act on the request (connection
    // refused, TLS handshake failed, 429/503, not connected): safe to send elsewhere.
    bool notDelivered = false;
    // Kind::Tls: the certificate the server presented, for "trust this
    // certificate" (empty when the handshake did not get that far).
    QString certificateSha256; // "AB:CD:…"
    QString certificateSummary; // subject, issuer, validity

    bool isError() const { return kind != Kind::None; }
    explicit operator bool() const { return isError(); }

    // "timeout", "cancelled", "transport", ... — stable names for JSON and matching.
    static QString kindName(Kind kind);
    // "[server-id] message" or just the message when no server is known.
    QString toString() const;

    static McpError make(Kind kind, const QString &message, int httpStatus = 0);
};

} // namespace mcppm

Q_DECLARE_METATYPE(mcppm::McpError)
