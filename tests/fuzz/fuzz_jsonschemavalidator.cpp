// libFuzzer target: the JSON Schema validator (core/mcp/jsonschemavalidator.h).
//
// The input is JSON: an array [schema, instance, instance...] (the schema may
// be a boolean), or an object, which is then the schema and also its own
// instance. Both default dialects are tried. Checked:
//  - a schema that does not load comes with an error text;
//  - validate() is deterministic, isValid() agrees with it, and every
//    violation names a keyword and a message, with JSON Pointer paths;
//  - jsonEqual() is reflexive and symmetric.

#include "schema/jsonschemavalidator.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QList>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace mcppm;

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &detail)
{
    std::fprintf(stderr, "jsonschemavalidator invariant failed: %s\n%s\n", what,
                 QByteArray(detail).replace('\0', "\\0").constData());
    std::abort();
}

#define FUZZ_CHECK(cond, detail)                                                                   \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fail(#cond, detail);                                                                   \
    } while (false)

bool isPointer(const QString &path)
{
    return path.isEmpty() || path.startsWith(QLatin1Char('/'));
}

bool sameViolations(const QList<SchemaViolation> &a, const QList<SchemaViolation> &b)
{
    if (a.size() != b.size())
        return false;
    for (qsizetype i = 0; i < a.size(); ++i) {
        if (a[i].instancePath != b[i].instancePath || a[i].keyword != b[i].keyword
            || a[i].schemaPath != b[i].schemaPath || a[i].message != b[i].message)
            return false;
    }
    return true;
}

QByteArray describe(const QList<SchemaViolation> &violations)
{
    QByteArray text;
    for (const SchemaViolation &v : violations)
        text += v.instancePath.toUtf8() + " " + v.keyword.toUtf8() + " " + v.schemaPath.toUtf8()
            + ": " + v.message.toUtf8() + "\n";
    return text;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return 0;

    QJsonValue schema;
    QList<QJsonValue> instances;
    if (doc.isObject()) {
        schema = doc.object();
        instances.append(schema);
    } else {
        const QJsonArray array = doc.array();
        if (array.isEmpty())
            return 0;
        schema = array.first();
        for (qsizetype i = 1; i < array.size(); ++i)
            instances.append(array.at(i));
    }

    for (const auto dialect :
         {JsonSchemaValidator::Dialect::Draft2020_12, JsonSchemaValidator::Dialect::Draft7}) {
        JsonSchemaValidator validator;
        validator.setDefaultDialect(dialect);
        QString error;
        const bool loaded = validator.setSchema(schema, &error);
        FUZZ_CHECK(loaded == validator.isLoaded(), bytes);
        if (!loaded) {
            FUZZ_CHECK(!error.isEmpty(), bytes);
            continue;
        }
        for (const QJsonValue &instance : std::as_const(instances)) {
            const QList<SchemaViolation> violations = validator.validate(instance);
            FUZZ_CHECK(sameViolations(violations, validator.validate(instance)), bytes);
            FUZZ_CHECK(validator.isValid(instance) == violations.isEmpty(),
                       bytes + "\n" + describe(violations));
            for (const SchemaViolation &v : violations) {
                FUZZ_CHECK(!v.keyword.isEmpty() && !v.message.isEmpty(),
                           bytes + "\n" + describe(violations));
                FUZZ_CHECK(isPointer(v.instancePath) && isPointer(v.schemaPath),
                           bytes + "\n" + describe(violations));
            }
        }
    }

    for (const QJsonValue &instance : std::as_const(instances)) {
        FUZZ_CHECK(JsonSchemaValidator::jsonEqual(instance, instance), bytes);
        FUZZ_CHECK(JsonSchemaValidator::jsonEqual(schema, instance)
                       == JsonSchemaValidator::jsonEqual(instance, schema),
                   bytes);
    }
    return 0;
}
