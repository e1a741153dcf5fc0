#pragma once

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>

namespace mcppm {

// One JSON-RPC 2.0 message as MCP uses it: request, notification, result
// response or error response. Shared by the client core and the demo worker.
struct JsonRpcMessage
{
    enum class Type { Invalid, Request, Notification, Response, Error };

    enum ErrorCode {
        ParseError = -32700,
        InvalidRequest = -32600,
        MethodNotFound = -32601,
        InvalidParams = -32602,
        InternalError = -32603,
    };

    Type type = Type::Invalid;
    QJsonValue id; // string or integer; Null for an error about an unknown request
    QString method;
    QJsonValue params; // object (or array); Undefined when absent
    QJsonValue result;
    int errorCode = 0;
    QString errorMessage;
    QJsonValue errorData; // Undefined when absent
    // Not part of the wire: the id of our request on whose answer stream a
    // server request or notification came (Undefined when unknown, e.g. on
    // a GET stream). Set by the transport; never serialized.
    QJsonValue relatedId;

    bool isRequest() const { return type == Type::Request; }
    bool isNotification() const { return type == Type::Notification; }
    bool isResponse() const { return type == Type::Response || type == Type::Error; }
    bool isValid() const { return type != Type::Invalid; }

    static JsonRpcMessage request(const QJsonValue &id, const QString &method,
                                  const QJsonValue &params = QJsonValue::Undefined);
    static JsonRpcMessage notification(const QString &method,
                                       const QJsonValue &params = QJsonValue::Undefined);
    static JsonRpcMessage response(const QJsonValue &id, const QJsonValue &result);
    static JsonRpcMessage error(const QJsonValue &id, int code, const QString &message,
                                const QJsonValue &data = QJsonValue::Undefined);

    QJsonObject toJson() const;
    QByteArray toBytes() const; // compact UTF-8 JSON

    // Classifies one JSON object; on a malformed message returns Invalid and
    // sets *errorText to what is wrong.
    static JsonRpcMessage fromJson(const QJsonObject &object, QString *errorText = nullptr);
    // Parses a body: one message or a batch array. Non-JSON and wrong shapes
    // give an empty list and a clear *errorText (with a short excerpt of the body).
    static QList<JsonRpcMessage> parse(const QByteArray &body, QString *errorText = nullptr);

    // A stable map key for an id: "n:42" or "s:abc".
    static QString idKey(const QJsonValue &id);
    // A printable excerpt of a body for error messages (at most ~120 chars).
    static QString excerpt(const QByteArray &body);
};

} // namespace mcppm
