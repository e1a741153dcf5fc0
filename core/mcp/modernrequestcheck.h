#pragma once

#include "jsonrpc/jsonrpcmessage.h"

#include <QJsonObject>
#include <QJsonValue>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace mcppm {

// Why a 2026-07-28 request is refused before it is served: the HTTP status
// and the JSON-RPC error (code, message, data).
struct ModernRefusal
{
    int httpStatus = 0; // 0: not refused
    int code = 0;
    QString message;
    QJsonValue data = QJsonValue::Undefined;
    bool refused() const { return httpStatus != 0; }
};

// The checks the 2026-07-28 Streamable HTTP wire asks of a server before it
// serves a POSTed request: the per-request _meta (protocolVersion,
// clientCapabilities, logLevel), the headers that mirror the body
// (MCP-Protocol-Version, Mcp-Method, Mcp-Name) and the tool parameters
// annotated x-mcp-header (Mcp-Param-{Name}), Base64 sentinel values decoded.
class ModernRequestCheck final
{
public:
    // Reads a request header by lower-case name; empty when absent.
    using HeaderReader = std::function<QByteArray(const QByteArray &)>;

    ModernRequestCheck() = delete;

    static QString version();
    static const QStringList &supportedVersions();
    static constexpr int kHeaderMismatch = -32020;
    static constexpr int kMissingClientCapability = -32021;
    static constexpr int kUnsupportedVersion = -32022;

    static ModernRefusal checkEnvelope(const HeaderReader &header, const JsonRpcMessage &message);
    // The Mcp-Param-{Name} headers of a tools/call for this tool's inputSchema.
    static ModernRefusal checkParamHeaders(const HeaderReader &header,
                                           const QJsonObject &inputSchema,
                                           const QJsonObject &arguments);
    // A header value as text: plain visible ASCII as is, "=?base64?...?=" decoded
    // (UTF-8); nullopt when neither (control characters, bad Base64).
    static std::optional<QString> decodeHeaderValue(const QByteArray &value);
    // debug 0 ... emergency 7; -1 for anything else.
    static int logLevelRank(const QString &level);
    static QString logLevelName(int rank); // "" out of range
};

} // namespace mcppm
