#include "jsonrpc/jsonrpcmessage.h"

#include "jsonrpc/jsonwriter.h"

#include <cmath>

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonParseError>

namespace mcppm {

namespace {
const QString kJsonRpc = QStringLiteral("jsonrpc");
const QString kId = QStringLiteral("id");
const QString kMethod = QStringLiteral("method");
const QString kParams = QStringLiteral("params");
const QString kResult = QStringLiteral("result");
const QString kError = QStringLiteral("error");

// A whole number that a double holds exactly (|d| <= 2^53), checked before
// any conversion: casting 1e300 to an integer would be undefined behaviour.
bool isExactInteger(double d)
{
    return std::isfinite(d) && std::fabs(d) <= 9007199254740992.0 && d == std::trunc(d);
}

bool isValidId(const QJsonValue &id)
{
    if (id.isString())
        return true;
    return id.isDouble() && isExactInteger(id.toDouble());
}
} // namespace

JsonRpcMessage JsonRpcMessage::request(const QJsonValue &id, const QString &method,
                                       const QJsonValue &params)
{
    JsonRpcMessage m;
    m.type = Type::Request;
    m.id = id;
    m.method = method;
    m.params = params;
    return m;
}

JsonRpcMessage JsonRpcMessage::notification(const QString &method, const QJsonValue &params)
{
    JsonRpcMessage m;
    m.type = Type::Notification;
    m.method = method;
    m.params = params;
    return m;
}

JsonRpcMessage JsonRpcMessage::response(const QJsonValue &id, const QJsonValue &result)
{
    JsonRpcMessage m;
    m.type = Type::Response;
    m.id = id;
    m.result = result;
    return m;
}

JsonRpcMessage JsonRpcMessage::error(const QJsonValue &id, int code, const QString &message,
                                     const QJsonValue &data)
{
    JsonRpcMessage m;
    m.type = Type::Error;
    m.id = id;
    m.errorCode = code;
    m.errorMessage = message;
    m.errorData = data;
    return m;
}

QJsonObject JsonRpcMessage::toJson() const
{
    QJsonObject o;
    o.insert(kJsonRpc, QStringLiteral("2.0"));
    switch (type) {
    case Type::Request:
        o.insert(kId, id);
        Q_FALLTHROUGH();
    case Type::Notification:
        o.insert(kMethod, method);
        if (!params.isUndefined() && !params.isNull())
            o.insert(kParams, params);
        break;
    case Type::Response:
        o.insert(kId, id);
        o.insert(kResult, result.isUndefined() ? QJsonValue(QJsonObject()) : result);
        break;
    case Type::Error: {
        o.insert(kId, id.isUndefined() ? QJsonValue(QJsonValue::Null) : id);
        QJsonObject e;
        e.insert(QStringLiteral("code"), errorCode);
        e.insert(QStringLiteral("message"), errorMessage);
        if (!errorData.isUndefined())
            e.insert(QStringLiteral("data"), errorData);
        o.insert(kError, e);
        break;
    }
    case Type::Invalid:
        break;
    }
    return o;
}

QByteArray JsonRpcMessage::toBytes() const
{
    // What QJsonDocument(toJson()).toJson(Compact) writes (keys in Qt's order: error, id,
    // jsonrpc, method, params, result), without building the envelope object first.
    QByteArray out;
    out.reserve(256);
    out += '{';
    switch (type) {
    case Type::Request:
        if (!id.isUndefined()) { // as QJsonObject::insert, which drops an undefined value
            out += "\"id\":";
            JsonWriter::append(out, id);
            out += ',';
        }
        Q_FALLTHROUGH();
    case Type::Notification:
        out += "\"jsonrpc\":\"2.0\",\"method\":";
        JsonWriter::appendString(out, method);
        if (!params.isUndefined() && !params.isNull()) {
            out += ",\"params\":";
            JsonWriter::append(out, params);
        }
        break;
    case Type::Response:
        if (!id.isUndefined()) {
            out += "\"id\":";
            JsonWriter::append(out, id);
            out += ',';
        }
        out += "\"jsonrpc\":\"2.0\",\"result\":";
        if (result.isUndefined())
            out += "{}";
        else
            JsonWriter::append(out, result);
        break;
    case Type::Error: {
        QJsonObject e;
        e.insert(QStringLiteral("code"), errorCode);
        e.insert(QStringLiteral("message"), errorMessage);
        if (!errorData.isUndefined())
            e.insert(QStringLiteral("data"), errorData);
        out += "\"error\":";
        JsonWriter::append(out, e);
        out += ",\"id\":";
        JsonWriter::append(out, id); // undefined is written as null
        out += ",\"jsonrpc\":\"2.0\"";
        break;
    }
    case Type::Invalid:
        out += "\"jsonrpc\":\"2.0\"";
        break;
    }
    out += '}';
    return out;
}

JsonRpcMessage JsonRpcMessage::fromJson(const QJsonObject &o, QString *errorText)
{
    auto fail = [errorText](const QString &why) {
        if (errorText)
            *errorText = why;
        return JsonRpcMessage();
    };
    if (o.value(kJsonRpc).toString() != QLatin1String("2.0"))
        return fail(QStringLiteral("not a JSON-RPC 2.0 message (\"jsonrpc\" is not \"2.0\")"));

    JsonRpcMessage m;
    const bool hasMethod = o.contains(kMethod);
    const bool hasId = o.contains(kId);
    if (hasMethod) {
        if (!o.value(kMethod).isString())
            return fail(QStringLiteral("JSON-RPC \"method\" is not a string"));
        m.method = o.value(kMethod).toString();
        m.params = o.value(kParams);
        if (!m.params.isUndefined() && !m.params.isObject() && !m.params.isArray())
            return fail(QStringLiteral("JSON-RPC \"params\" of %1 is neither object nor array")
                            .arg(m.method));
        if (hasId) {
            if (!isValidId(o.value(kId)))
                return fail(QStringLiteral("JSON-RPC request id is neither string nor integer"));
            m.type = Type::Request;
            m.id = o.value(kId);
        } else {
            m.type = Type::Notification;
        }
        return m;
    }
    if (o.contains(kResult)) {
        if (!hasId || !isValidId(o.value(kId)))
            return fail(QStringLiteral("JSON-RPC response without a valid id"));
        m.type = Type::Response;
        m.id = o.value(kId);
        m.result = o.value(kResult);
        return m;
    }
    if (o.contains(kError)) {
        const QJsonValue e = o.value(kError);
        if (!e.isObject())
            return fail(QStringLiteral("JSON-RPC \"error\" is not an object"));
        const QJsonObject eo = e.toObject();
        m.type = Type::Error;
        m.id = o.value(kId);
        if (m.id.isUndefined())
            m.id = QJsonValue(QJsonValue::Null);
        m.errorCode = eo.value(QStringLiteral("code")).toInt();
        m.errorMessage = eo.value(QStringLiteral("message")).toString();
        m.errorData = eo.value(QStringLiteral("data"));
        return m;
    }
    return fail(QStringLiteral("JSON-RPC message has neither method, result nor error"));
}

QList<JsonRpcMessage> JsonRpcMessage::parse(const QByteArray &body, QString *errorText)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(body, &pe);
    if (pe.error != QJsonParseError::NoError) {
        if (errorText)
            *errorText = QStringLiteral("body is not valid JSON (%1 at offset %2): %3")
                             .arg(pe.errorString())
                             .arg(pe.offset)
                             .arg(excerpt(body));
        return {};
    }
    QList<JsonRpcMessage> out;
    QString why;
    if (doc.isObject()) {
        JsonRpcMessage m = fromJson(doc.object(), &why);
        if (!m.isValid()) {
            if (errorText)
                *errorText = why;
            return {};
        }
        out.append(m);
        return out;
    }
    const QJsonArray batch = doc.array();
    if (batch.isEmpty()) {
        if (errorText)
            *errorText = QStringLiteral("empty JSON-RPC batch");
        return {};
    }
    for (const QJsonValue &v : batch) {
        JsonRpcMessage m = v.isObject() ? fromJson(v.toObject(), &why) : JsonRpcMessage();
        if (!m.isValid()) {
            if (errorText)
                *errorText
                    = v.isObject() ? why : QStringLiteral("JSON-RPC batch entry is not an object");
            return {};
        }
        out.append(m);
    }
    return out;
}

QString JsonRpcMessage::idKey(const QJsonValue &id)
{
    if (id.isString())
        return QStringLiteral("s:") + id.toString();
    if (id.isDouble()) {
        const double d = id.toDouble();
        return isExactInteger(d) ? QStringLiteral("n:") + QString::number(qint64(d))
                                 : QStringLiteral("d:") + QString::number(d, 'g', 17);
    }
    return QStringLiteral("null");
}

QString JsonRpcMessage::excerpt(const QByteArray &body)
{
    QString text = QString::fromUtf8(body.left(160)).simplified();
    if (text.size() > 120 || body.size() > 160)
        text = text.left(117) + QStringLiteral("...");
    return QLatin1Char('"') + text + QLatin1Char('"');
}

} // namespace mcppm
