#pragma once

#include <QByteArray>
#include <QJsonValue>

class QJsonArray;
class QJsonObject;

namespace mcppm {

// Compact JSON text of a QJsonValue, byte for byte what
// QJsonDocument::toJson(QJsonDocument::Compact) writes (keys in the object's order,
// numbers as Qt writes them, the same escapes, non-finite numbers as null), at a fraction
// of its cost: Qt's writer spends some 130 instructions per byte on small JSON-RPC
// messages, which made serialising the largest single cost of a call through the pool
// endpoint. Appends to `out`, so a message envelope is written around a payload without
// building another object.
class JsonWriter final
{
public:
    static void append(QByteArray &out, const QJsonValue &value);
    static void append(QByteArray &out, const QJsonObject &object);
    static void append(QByteArray &out, const QJsonArray &array);
    // A JSON string: quoted and escaped.
    static void appendString(QByteArray &out, QStringView text);

    static QByteArray toBytes(const QJsonValue &value);
};

} // namespace mcppm
