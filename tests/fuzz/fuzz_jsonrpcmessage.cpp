// libFuzzer target: the JSON-RPC decoder (core/mcp/jsonrpcmessage.h).
//
// The input is a message body. Checked:
//  - a body that does not parse gives an empty list and an error text;
//  - every parsed message is valid, and parse(toBytes(m)) gives one message
//    equivalent to m (same type, id, method, params, result, error) that
//    serializes to the same bytes; the same for fromJson(toJson(m)) and for the
//    whole batch re-encoded as a JSON array;
//  - idKey() and excerpt() work on anything (excerpt stays short).

#include "jsonrpc/jsonrpcmessage.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QList>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace mcppm;

namespace {

QByteArray compact(const QJsonValue &value)
{
    if (value.isUndefined())
        return QByteArrayLiteral("<undefined>");
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
}

QByteArray describe(const JsonRpcMessage &m)
{
    return "type=" + QByteArray::number(int(m.type)) + " id=" + compact(m.id)
        + " method=" + m.method.toUtf8() + " params=" + compact(m.params)
        + " result=" + compact(m.result) + " code=" + QByteArray::number(m.errorCode)
        + " message=" + m.errorMessage.toUtf8() + " data=" + compact(m.errorData);
}

[[noreturn]] void fail(const char *what, const QByteArray &detail)
{
    std::fprintf(stderr, "jsonrpcmessage invariant failed: %s\n%s\n", what,
                 QByteArray(detail).replace('\0', "\\0").constData());
    std::abort();
}

#define FUZZ_CHECK(cond, detail)                                                                   \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fail(#cond, detail);                                                                   \
    } while (false)

bool equivalent(const JsonRpcMessage &a, const JsonRpcMessage &b)
{
    return a.type == b.type && a.id == b.id && a.method == b.method && a.params == b.params
        && a.result == b.result && a.errorCode == b.errorCode && a.errorMessage == b.errorMessage
        && a.errorData == b.errorData;
}

void checkMessage(const JsonRpcMessage &m)
{
    FUZZ_CHECK(m.isValid(), describe(m));
    FUZZ_CHECK(m.isRequest() + m.isNotification() + m.isResponse() == 1, describe(m));
    if (m.isRequest() || m.isNotification())
        FUZZ_CHECK(m.params.isUndefined() || m.params.isObject() || m.params.isArray(),
                   describe(m));
    if (m.isRequest() || m.type == JsonRpcMessage::Type::Response)
        FUZZ_CHECK(m.id.isString() || m.id.isDouble(), describe(m));
    if (m.type == JsonRpcMessage::Type::Error)
        FUZZ_CHECK(!m.id.isUndefined(), describe(m));
    const QString key = JsonRpcMessage::idKey(m.id);
    FUZZ_CHECK(!key.isEmpty(), describe(m));

    const QByteArray bytes = m.toBytes();
    QString error;
    const QList<JsonRpcMessage> again = JsonRpcMessage::parse(bytes, &error);
    FUZZ_CHECK(again.size() == 1, bytes + "\n" + error.toUtf8());
    FUZZ_CHECK(equivalent(m, again.first()),
               describe(m) + "\n" + describe(again.first()) + "\n" + bytes);
    FUZZ_CHECK(again.first().toBytes() == bytes, bytes + "\n" + again.first().toBytes());
    FUZZ_CHECK(JsonRpcMessage::idKey(again.first().id) == key, bytes);

    const JsonRpcMessage fromObject = JsonRpcMessage::fromJson(m.toJson(), &error);
    FUZZ_CHECK(equivalent(m, fromObject), describe(m) + "\n" + describe(fromObject));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray body(reinterpret_cast<const char *>(data), qsizetype(size));

    const QString excerpt = JsonRpcMessage::excerpt(body);
    FUZZ_CHECK(excerpt.size() <= 122, excerpt.toUtf8());

    QString error;
    const QList<JsonRpcMessage> messages = JsonRpcMessage::parse(body, &error);
    if (messages.isEmpty()) {
        FUZZ_CHECK(!error.isEmpty(), body);
        FUZZ_CHECK(JsonRpcMessage::parse(body).isEmpty(), body); // no error pointer: no crash
        return 0;
    }

    QJsonArray batch;
    for (const JsonRpcMessage &m : messages) {
        checkMessage(m);
        batch.append(m.toJson());
    }

    // The batch, re-encoded, decodes to the same messages in the same order.
    const QByteArray batchBytes = QJsonDocument(batch).toJson(QJsonDocument::Compact);
    const QList<JsonRpcMessage> again = JsonRpcMessage::parse(batchBytes, &error);
    FUZZ_CHECK(again.size() == messages.size(), batchBytes + "\n" + error.toUtf8());
    for (qsizetype i = 0; i < messages.size(); ++i)
        FUZZ_CHECK(equivalent(messages[i], again[i]),
                   describe(messages[i]) + "\n" + describe(again[i]));
    return 0;
}
