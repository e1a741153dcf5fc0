#include "mcp/modernrequestcheck.h"

#include <QJsonArray>

namespace mcppm {

namespace {
const QString kMetaVersion = QStringLiteral("io.modelcontextprotocol/protocolVersion");
const QString kMetaCapabilities = QStringLiteral("io.modelcontextprotocol/clientCapabilities");
const QString kMetaLogLevel = QStringLiteral("io.modelcontextprotocol/logLevel");

ModernRefusal refuse(int status, int code, const QString &message,
                     const QJsonValue &data = QJsonValue::Undefined)
{
    ModernRefusal r;
    r.httpStatus = status;
    r.code = code;
    r.message = message;
    r.data = data;
    return r;
}

ModernRefusal mismatch(const QString &message)
{
    return refuse(400, ModernRequestCheck::kHeaderMismatch,
                  QStringLiteral("Header mismatch: %1").arg(message));
}

// Annotated properties reachable from the root through "properties" only.
struct Annotated
{
    QStringList path;
    QString header;
    QString type;
};

void collect(const QJsonObject &schema, const QStringList &path, QList<Annotated> *out)
{
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonObject property = it.value().toObject();
        const QStringList here = path + QStringList{it.key()};
        if (property.contains(QStringLiteral("x-mcp-header")))
            out->append({here, property.value(QStringLiteral("x-mcp-header")).toString(),
                         property.value(QStringLiteral("type")).toString()});
        collect(property, here, out);
    }
}

QJsonValue valueAt(const QJsonObject &arguments, const QStringList &path)
{
    QJsonValue v = arguments;
    for (const QString &key : path) {
        if (!v.isObject())
            return QJsonValue::Undefined;
        v = v.toObject().value(key);
    }
    return v;
}
} // namespace

QString ModernRequestCheck::version()
{
    return QStringLiteral("2026-07-28");
}

const QStringList &ModernRequestCheck::supportedVersions()
{
    static const QStringList versions{version()};
    return versions;
}

namespace {
const QStringList &logLevels()
{
    static const QStringList levels{QStringLiteral("debug"),  QStringLiteral("info"),
                                    QStringLiteral("notice"), QStringLiteral("warning"),
                                    QStringLiteral("error"),  QStringLiteral("critical"),
                                    QStringLiteral("alert"),  QStringLiteral("emergency")};
    return levels;
}
} // namespace

int ModernRequestCheck::logLevelRank(const QString &level)
{
    return int(logLevels().indexOf(level));
}

QString ModernRequestCheck::logLevelName(int rank)
{
    return rank >= 0 && rank < logLevels().size() ? logLevels().at(rank) : QString();
}

std::optional<QString> ModernRequestCheck::decodeHeaderValue(const QByteArray &value)
{
    if (value.startsWith("=?base64?") && value.endsWith("?=") && value.size() >= 11) {
        // Strict RFC 4648 Base64: whole quanta, the standard alphabet, "=" only as padding.
        const QByteArray encoded = value.mid(9, value.size() - 11);
        if (encoded.isEmpty() || encoded.size() % 4 != 0)
            return std::nullopt;
        const qsizetype padding = encoded.endsWith("==") ? 2 : encoded.endsWith('=') ? 1 : 0;
        for (qsizetype i = 0; i < encoded.size() - padding; ++i) {
            const char c = encoded.at(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                  || c == '+' || c == '/'))
                return std::nullopt;
        }
        const QByteArray decoded = QByteArray::fromBase64(encoded);
        const QString text = QString::fromUtf8(decoded);
        if (text.toUtf8() != decoded)
            return std::nullopt; // not UTF-8
        return text;
    }
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if (!(u == '\t' || (u >= 0x20 && u <= 0x7e)))
            return std::nullopt;
    }
    return QString::fromLatin1(value);
}

ModernRefusal ModernRequestCheck::checkEnvelope(const HeaderReader &header,
                                                const JsonRpcMessage &message)
{
    const QJsonObject params = message.params.toObject();
    const QJsonObject meta = params.value(QStringLiteral("_meta")).toObject();
    const QJsonValue bodyVersion = meta.value(kMetaVersion);
    if (!bodyVersion.isString())
        return refuse(400, JsonRpcMessage::InvalidParams,
                      QStringLiteral("Invalid params: _meta.\"%1\" (a string) is required")
                          .arg(kMetaVersion));
    const QByteArray headerVersion = header("mcp-protocol-version");
    if (headerVersion.isEmpty())
        return mismatch(QStringLiteral("the MCP-Protocol-Version header is missing"));
    if (QString::fromLatin1(headerVersion) != bodyVersion.toString())
        return mismatch(QStringLiteral("MCP-Protocol-Version header value '%1' does not match "
                                       "body value '%2'")
                            .arg(QString::fromLatin1(headerVersion), bodyVersion.toString()));
    if (!supportedVersions().contains(bodyVersion.toString())) {
        QJsonObject data;
        data.insert(QStringLiteral("supported"), QJsonArray::fromStringList(supportedVersions()));
        data.insert(QStringLiteral("requested"), bodyVersion);
        return refuse(
            400, kUnsupportedVersion,
            QStringLiteral("Unsupported protocol version %1 (supported: %2)")
                .arg(bodyVersion.toString(), supportedVersions().join(QLatin1String(", "))),
            data);
    }
    if (!meta.value(kMetaCapabilities).isObject())
        return refuse(400, JsonRpcMessage::InvalidParams,
                      QStringLiteral("Invalid params: _meta.\"%1\" (an object) is required")
                          .arg(kMetaCapabilities));
    const QByteArray headerMethod = header("mcp-method");
    if (headerMethod.isEmpty())
        return mismatch(QStringLiteral("the Mcp-Method header is missing"));
    if (QString::fromLatin1(headerMethod) != message.method)
        return mismatch(
            QStringLiteral("Mcp-Method header value '%1' does not match body value '%2'")
                .arg(QString::fromLatin1(headerMethod), message.method));
    QString nameField;
    if (message.method == QLatin1String("tools/call")
        || message.method == QLatin1String("prompts/get"))
        nameField = QStringLiteral("name");
    else if (message.method == QLatin1String("resources/read"))
        nameField = QStringLiteral("uri");
    else if (message.method == QLatin1String("tasks/get")
             || message.method == QLatin1String("tasks/update")
             || message.method == QLatin1String("tasks/cancel"))
        nameField = QStringLiteral("taskId"); // routing header of the tasks extension
    if (!nameField.isEmpty()) {
        const QByteArray raw = header("mcp-name");
        if (raw.isEmpty())
            return mismatch(QStringLiteral("the Mcp-Name header is missing"));
        const std::optional<QString> name = decodeHeaderValue(raw);
        if (!name)
            return mismatch(QStringLiteral("the Mcp-Name header value is malformed"));
        const QString body = params.value(nameField).toString();
        if (*name != body)
            return mismatch(
                QStringLiteral("Mcp-Name header value '%1' does not match body value '%2'")
                    .arg(*name, body));
    }
    if (meta.contains(kMetaLogLevel) && logLevelRank(meta.value(kMetaLogLevel).toString()) < 0)
        return refuse(400, JsonRpcMessage::InvalidParams,
                      QStringLiteral("Invalid params: _meta.\"%1\" must be a log level (debug, "
                                     "info, notice, warning, error, critical, alert, emergency)")
                          .arg(kMetaLogLevel));
    return {};
}

ModernRefusal ModernRequestCheck::checkParamHeaders(const HeaderReader &header,
                                                    const QJsonObject &inputSchema,
                                                    const QJsonObject &arguments)
{
    QList<Annotated> annotated;
    collect(inputSchema, {}, &annotated);
    for (const Annotated &a : annotated) {
        const QString headerName = QStringLiteral("Mcp-Param-%1").arg(a.header);
        const QByteArray raw = header(headerName.toLower().toLatin1());
        const QJsonValue body = valueAt(arguments, a.path);
        const bool hasValue = !body.isUndefined() && !body.isNull();
        if (!hasValue) {
            if (!raw.isEmpty())
                return mismatch(QStringLiteral("%1 is sent but the argument %2 is absent")
                                    .arg(headerName, a.path.join(QLatin1Char('.'))));
            continue;
        }
        if (raw.isEmpty())
            return mismatch(QStringLiteral("the %1 header is missing (argument %2 is set)")
                                .arg(headerName, a.path.join(QLatin1Char('.'))));
        const std::optional<QString> value = decodeHeaderValue(raw);
        if (!value)
            return mismatch(QStringLiteral("the %1 header value is malformed").arg(headerName));
        bool same = false;
        if (body.isString()) {
            same = *value == body.toString();
        } else if (body.isBool()) {
            same = *value == (body.toBool() ? QLatin1String("true") : QLatin1String("false"));
        } else if (body.isDouble()) {
            bool ok = false;
            const double number = value->toDouble(&ok);
            same = ok && number == body.toDouble();
        }
        if (!same)
            return mismatch(QStringLiteral("%1 header value '%2' does not match the argument %3")
                                .arg(headerName, *value, a.path.join(QLatin1Char('.'))));
    }
    return {};
}

} // namespace mcppm
