// Our JSON Schema validator beyond the official draft7 suite: the 2020-12
// keywords MCP servers emit, malformed schemas, violation paths, limits.

#include "schema/jsonschemavalidator.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace mcppm;

namespace {
QJsonValue json(const char *text)
{
    // Wrapped so that scalars parse too.
    return QJsonDocument::fromJson(QByteArray("[") + text + "]").array().first();
}
} // namespace

class TestJsonSchemaValidator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keywords_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("instance");
        QTest::addColumn<bool>("valid");
        QTest::addColumn<QString>("keyword"); // of the first violation
        QTest::addColumn<QString>("path"); // its instance path

        // 2020-12 (no $schema): the MCP default.
        QTest::newRow("$defs ref ok") << "{\"$defs\":{\"n\":{\"type\":\"integer\"}},\"properties\":"
                                         "{\"a\":{\"$ref\":\"#/$defs/n\"}}}"
                                      << "{\"a\":3}" << true << ""
                                      << "";
        QTest::newRow("$defs ref bad") << "{\"$defs\":{\"n\":{\"type\":\"integer\"}},"
                                          "\"properties\":{\"a\":{\"$ref\":\"#/$defs/n\"}}}"
                                       << "{\"a\":3.5}" << false << "type"
                                       << "/a";
        QTest::newRow("$ref siblings apply in 2020-12")
            << "{\"$defs\":{\"s\":{\"type\":\"string\"}},\"$ref\":\"#/$defs/s\",\"maxLength\":2}"
            << "\"abc\"" << false << "maxLength"
            << "";
        QTest::newRow("$ref siblings ignored in draft-07")
            << "{\"$schema\":\"http://json-schema.org/draft-07/"
               "schema#\",\"definitions\":{\"s\":{\"type\":\"string\"}},\"$ref\":\"#/definitions/"
               "s\",\"maxLength\":2}"
            << "\"abc\"" << true << ""
            << "";
        QTest::newRow("$anchor") << "{\"$defs\":{\"x\":{\"$anchor\":\"num\",\"type\":\"number\"}},"
                                    "\"items\":{\"$ref\":\"#num\"}}"
                                 << "[1,\"2\"]" << false << "type"
                                 << "/1";
        QTest::newRow("prefixItems ok")
            << "{\"prefixItems\":[{\"type\":\"string\"},{\"type\":\"number\"}],\"items\":false}"
            << "[\"a\",1]" << true << ""
            << "";
        QTest::newRow("prefixItems extra")
            << "{\"prefixItems\":[{\"type\":\"string\"}],\"items\":false}"
            << "[\"a\",1]" << false << "false"
            << "/1";
        QTest::newRow("prefixItems wrong") << "{\"prefixItems\":[{\"type\":\"string\"}]}"
                                           << "[1]" << false << "type"
                                           << "/0";
        QTest::newRow("dependentRequired") << "{\"dependentRequired\":{\"card\":[\"billing\"]}}"
                                           << "{\"card\":1}" << false << "dependentRequired"
                                           << "";
        QTest::newRow("dependentRequired met") << "{\"dependentRequired\":{\"card\":[\"billing\"]}}"
                                               << "{\"card\":1,\"billing\":2}" << true << ""
                                               << "";
        QTest::newRow("dependentSchemas") << "{\"dependentSchemas\":{\"a\":{\"required\":[\"b\"]}}}"
                                          << "{\"a\":1}" << false << "required"
                                          << "";
        QTest::newRow("const") << "{\"const\":{\"x\":[1,2]}}"
                               << "{\"x\":[1.0,2]}" << true << ""
                               << "";
        QTest::newRow("const differs") << "{\"const\":\"on\"}"
                                       << "\"off\"" << false << "const"
                                       << "";
        QTest::newRow("minContains") << "{\"contains\":{\"const\":1},\"minContains\":2}"
                                     << "[1,2,1]" << true << ""
                                     << "";
        QTest::newRow("maxContains") << "{\"contains\":{\"const\":1},\"maxContains\":1}"
                                     << "[1,1]" << false << "maxContains"
                                     << "";
        QTest::newRow("format is an annotation") << "{\"type\":\"string\",\"format\":\"email\"}"
                                                 << "\"not an email\"" << true << ""
                                                 << "";
        QTest::newRow("unknown keywords ignored")
            << "{\"type\":\"object\",\"x-ui\":{\"widget\":\"slider\"},\"unevaluatedProperties\":"
               "false,\"deprecated\":true}"
            << "{\"a\":1}" << true << ""
            << "";
        QTest::newRow("integer accepts 1.0") << "{\"type\":\"integer\"}"
                                             << "1.0" << true << ""
                                             << "";
        QTest::newRow("string length in code points") << "{\"maxLength\":2}"
                                                      << "\"😀😀\"" << true << ""
                                                      << "";
        QTest::newRow("nested path escaping")
            << "{\"properties\":{\"a/b\":{\"properties\":{\"c~d\":{\"type\":\"null\"}}}}}"
            << "{\"a/b\":{\"c~d\":0}}" << false << "type"
            << "/a~1b/c~0d";
        QTest::newRow("required path") << "{\"properties\":{\"user\":{\"required\":[\"name\"]}}}"
                                       << "{\"user\":{}}" << false << "required"
                                       << "/user";
        QTest::newRow("additionalProperties false")
            << "{\"properties\":{\"a\":{}},\"additionalProperties\":false}"
            << "{\"a\":1,\"b\":2}" << false << "additionalProperties"
            << "/b";
        QTest::newRow("oneOf two matches") << "{\"oneOf\":[{\"type\":\"number\"},{\"minimum\":0}]}"
                                           << "3" << false << "oneOf"
                                           << "";
        QTest::newRow("anyOf none") << "{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"null\"}]}"
                                    << "3" << false << "anyOf"
                                    << "";
        QTest::newRow("if/then") << "{\"if\":{\"properties\":{\"kind\":{\"const\":\"a\"}}},"
                                    "\"then\":{\"required\":[\"x\"]}}"
                                 << "{\"kind\":\"a\"}" << false << "required"
                                 << "";
        QTest::newRow("enum") << "{\"enum\":[\"red\",\"green\"]}"
                              << "\"blue\"" << false << "enum"
                              << "";
        QTest::newRow("MCP outputSchema ok") << "{\"type\":\"object\",\"properties\":{\"sum\":{"
                                                "\"type\":\"number\"}},\"required\":[\"sum\"]}"
                                             << "{\"sum\":5}" << true << ""
                                             << "";
        QTest::newRow("MCP outputSchema wrong type")
            << "{\"type\":\"object\",\"properties\":{\"sum\":{\"type\":\"number\"}},\"required\":["
               "\"sum\"]}"
            << "{\"sum\":\"5\"}" << false << "type"
            << "/sum";
        QTest::newRow("false schema") << "false"
                                      << "1" << false << "false"
                                      << "";
        QTest::newRow("true schema") << "true"
                                     << "{\"anything\":[1]}" << true << ""
                                     << "";
        QTest::newRow("recursive schema")
            << "{\"$defs\":{\"node\":{\"type\":\"object\",\"properties\":{\"next\":{\"$ref\":\"#/"
               "$defs/node\"}}}},\"$ref\":\"#/$defs/node\"}"
            << "{\"next\":{\"next\":{\"next\":{\"next\":5}}}}" << false << "type"
            << "/next/next/next/next";
    }
    void keywords()
    {
        QFETCH(QString, schema);
        QFETCH(QString, instance);
        QFETCH(bool, valid);
        QFETCH(QString, keyword);
        QFETCH(QString, path);
        JsonSchemaValidator validator;
        QString error;
        QVERIFY2(validator.setSchema(json(schema.toUtf8().constData()), &error), qPrintable(error));
        const QList<SchemaViolation> violations
            = validator.validate(json(instance.toUtf8().constData()));
        QCOMPARE(violations.isEmpty(), valid);
        if (!valid) {
            QCOMPARE(violations.first().keyword, keyword);
            QCOMPARE(violations.first().instancePath, path);
            QVERIFY(!violations.first().message.isEmpty());
        }
    }

    void malformedSchemas_data()
    {
        QTest::addColumn<QString>("schema");
        QTest::addColumn<QString>("needle");
        QTest::newRow("not a schema") << "42"
                                      << "object or a boolean";
        QTest::newRow("bad type name") << "{\"type\":\"text\"}"
                                       << "type";
        QTest::newRow("type not string") << "{\"type\":12}"
                                         << "type";
        QTest::newRow("required not array") << "{\"required\":\"a\"}"
                                            << "required";
        QTest::newRow("bad regex") << "{\"pattern\":\"(unclosed\"}"
                                   << "regular expression";
        QTest::newRow("bad pattern property") << "{\"patternProperties\":{\"[\":{}}}"
                                              << "regular expression";
        QTest::newRow("dangling ref") << "{\"$ref\":\"#/$defs/missing\"}"
                                      << "points to nothing";
        QTest::newRow("unknown anchor") << "{\"$ref\":\"#nowhere\"}"
                                        << "nowhere";
        QTest::newRow("negative maxLength") << "{\"maxLength\":-1}"
                                            << "maxLength";
        QTest::newRow("zero multipleOf") << "{\"multipleOf\":0}"
                                         << "multipleOf";
        QTest::newRow("properties not object") << "{\"properties\":[]}"
                                               << "properties";
        QTest::newRow("subschema not schema") << "{\"properties\":{\"a\":3}}"
                                              << "/properties/a";
    }
    void malformedSchemas()
    {
        QFETCH(QString, schema);
        QFETCH(QString, needle);
        JsonSchemaValidator validator;
        QString error;
        QVERIFY(!validator.setSchema(json(schema.toUtf8().constData()), &error));
        QVERIFY2(error.contains(needle), qPrintable(error));
        QVERIFY(!validator.isLoaded());
        QCOMPARE(validator.validate(QJsonValue(1)).size(), 1); // "no schema is loaded", not a crash
    }

    void remoteRefsAreReportedNotFetched()
    {
        JsonSchemaValidator validator;
        QVERIFY(validator.setSchema(
            json("{\"properties\":{\"a\":{\"$ref\":\"https://example.com/schemas/a.json\"}}}")));
        QCOMPARE(validator.remoteRefs(),
                 QStringList{QStringLiteral("https://example.com/schemas/a.json")});
        const QList<SchemaViolation> violations = validator.validate(json("{\"a\":1}"));
        QCOMPARE(violations.size(), 1);
        QCOMPARE(violations.first().keyword, QStringLiteral("$ref"));
        QVERIFY(violations.first().message.contains(QStringLiteral("not fetched")));
    }

    void dialects()
    {
        JsonSchemaValidator validator;
        QVERIFY(validator.setSchema(json("{\"type\":\"object\"}")));
        QCOMPARE(validator.dialect(), JsonSchemaValidator::Dialect::Draft2020_12);
        QVERIFY(
            validator.setSchema(json("{\"$schema\":\"http://json-schema.org/draft-07/schema#\"}")));
        QCOMPARE(validator.dialect(), JsonSchemaValidator::Dialect::Draft7);
        QVERIFY(validator.setSchema(
            json("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"}")));
        QCOMPARE(validator.dialect(), JsonSchemaValidator::Dialect::Draft2020_12);
        validator.setDefaultDialect(JsonSchemaValidator::Dialect::Draft7);
        QVERIFY(validator.setSchema(json("{\"type\":\"object\"}")));
        QCOMPARE(validator.dialect(), JsonSchemaValidator::Dialect::Draft7);
    }

    void selfReferenceDoesNotRecurseForever()
    {
        JsonSchemaValidator validator;
        QVERIFY(validator.setSchema(json("{\"$ref\":\"#\"}")));
        const QList<SchemaViolation> violations = validator.validate(QJsonValue(1));
        QCOMPARE(violations.size(), 1);
        QVERIFY(violations.first().message.contains(QStringLiteral("too deeply")));
    }

    void deepInstanceIsFine()
    {
        // A recursive schema over a deep (but bounded) instance.
        JsonSchemaValidator validator;
        QVERIFY(validator.setSchema(json("{\"type\":\"array\",\"items\":{\"$ref\":\"#\"}}")));
        QJsonValue deep = QJsonArray();
        for (int i = 0; i < 50; ++i)
            deep = QJsonArray{deep};
        QVERIFY(validator.isValid(deep));
    }

    void jsonEquality()
    {
        QVERIFY(JsonSchemaValidator::jsonEqual(json("1"), json("1.0")));
        QVERIFY(JsonSchemaValidator::jsonEqual(json("{\"a\":[1,{\"b\":null}]}"),
                                               json("{\"a\":[1.0,{\"b\":null}]}")));
        QVERIFY(!JsonSchemaValidator::jsonEqual(json("[1,2]"), json("[2,1]")));
        QVERIFY(!JsonSchemaValidator::jsonEqual(json("false"), json("0")));
        QVERIFY(!JsonSchemaValidator::jsonEqual(json("{\"a\":1}"), json("{\"a\":1,\"b\":2}")));
    }
};

QTEST_GUILESS_MAIN(TestJsonSchemaValidator)
#include "tst_jsonschemavalidator.moc"
