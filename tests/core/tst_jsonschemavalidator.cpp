// Our JSON Schema validator beyond the official suites (draft-07:
// tst_jsonschemasuite, 2020-12: tst_jsonschemasuite2020): the 2020-12 keywords
// MCP servers emit, malformed schemas, violation paths, vocabularies, and the
// SEP-2106 bounds (deep schemas, $ref expansion, deep values, work).

#include "schema/jsonschemavalidator.h"

#include <QElapsedTimer>
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
            << "{\"type\":\"object\",\"x-ui\":{\"widget\":\"slider\"},\"deprecated\":true}"
            << "{\"a\":1}" << true << ""
            << "";
        QTest::newRow("unevaluatedProperties false")
            << "{\"type\":\"object\",\"unevaluatedProperties\":false}"
            << "{\"a\":1}" << false << "unevaluatedProperties"
            << "/a";
        QTest::newRow("unevaluatedProperties sees allOf")
            << "{\"allOf\":[{\"properties\":{\"a\":true}}],\"unevaluatedProperties\":false}"
            << "{\"a\":1}" << true << ""
            << "";
        QTest::newRow("unevaluatedProperties sees the valid anyOf branch only")
            << "{\"anyOf\":[{\"properties\":{\"a\":true},\"required\":[\"a\"]},"
               "{\"properties\":{\"b\":true},\"required\":[\"x\"]}],"
               "\"unevaluatedProperties\":false}"
            << "{\"a\":1,\"b\":2}" << false << "unevaluatedProperties"
            << "/b";
        QTest::newRow("unevaluatedProperties sees if/then and $ref")
            << "{\"$defs\":{\"t\":{\"properties\":{\"t\":true}}},\"$ref\":\"#/$defs/t\","
               "\"if\":{\"properties\":{\"k\":{\"const\":1}}},\"then\":{\"properties\":{\"x\""
               ":true}},\"unevaluatedProperties\":false}"
            << "{\"k\":1,\"x\":2,\"t\":3}" << true << ""
            << "";
        QTest::newRow("unevaluatedProperties ignores not")
            << "{\"not\":{\"properties\":{\"a\":false}},\"unevaluatedProperties\":false}"
            << "{\"a\":1}" << false << "unevaluatedProperties"
            << "/a";
        QTest::newRow("unevaluatedItems after prefixItems")
            << "{\"prefixItems\":[{\"type\":\"number\"}],\"unevaluatedItems\":false}"
            << "[1,2]" << false << "unevaluatedItems"
            << "/1";
        QTest::newRow("unevaluatedItems sees contains")
            << "{\"contains\":{\"type\":\"string\"},\"unevaluatedItems\":{\"type\":\"number\"}}"
            << "[\"a\",1,\"b\"]" << true << ""
            << "";
        QTest::newRow("$dynamicRef picks the outermost anchor")
            << "{\"$id\":\"https://example.com/strict\",\"$ref\":\"list\",\"$defs\":{\"item\":{"
               "\"$dynamicAnchor\":\"item\",\"type\":\"string\"},\"list\":{\"$id\":\"list\","
               "\"items\":{\"$dynamicRef\":\"#item\"},\"$defs\":{\"item\":{\"$dynamicAnchor\":"
               "\"item\"}}}}}"
            << "[\"a\",2]" << false << "type"
            << "/1";
        QTest::newRow("pattern is ECMA-262: $ is the very end")
            << "{\"pattern\":\"^abc$\"}"
            << "\"abc\\n\"" << false << "pattern"
            << "";
        QTest::newRow("pattern is ECMA-262: \\s is Unicode") << "{\"pattern\":\"^\\\\s$\"}"
                                                             << "\"\\u00a0\"" << true << ""
                                                             << "";
        QTest::newRow("pattern is ECMA-262: \\p{Letter}") << "{\"pattern\":\"^\\\\p{Letter}+$\"}"
                                                          << "\"\\u00e9t\\u00e9\"" << true << ""
                                                          << "";
        QTest::newRow("format asserted only with format-assertion") << "{\"format\":\"date\"}"
                                                                    << "\"yesterday\"" << true << ""
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
        QTest::newRow("possessive quantifier (PCRE only)") << "{\"pattern\":\"a++\"}"
                                                           << "ECMA-262";
        QTest::newRow("atomic group (PCRE only)") << "{\"pattern\":\"(?>a)\"}"
                                                  << "ECMA-262";
        QTest::newRow("\\A anchor (PCRE only)") << "{\"patternProperties\":{\"\\\\Aa\":{}}}"
                                                << "ECMA-262";
        QTest::newRow("dangling $dynamicRef") << "{\"$dynamicRef\":\"#/$defs/none\"}"
                                              << "points to nothing";
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

    // SEP-2106: a schema nested 100 000 deep is refused at once, not a stack overflow.
    void deepSchemaIsRefused()
    {
        QJsonObject schema{{QStringLiteral("type"), QStringLiteral("string")}};
        for (int i = 0; i < 100000; ++i)
            schema = QJsonObject{{QStringLiteral("items"), schema}};
        QElapsedTimer timer;
        timer.start();
        JsonSchemaValidator validator;
        QString error;
        QVERIFY(!validator.setSchema(schema, &error));
        QVERIFY2(error.contains(QStringLiteral("nests deeper than")), qPrintable(error));
        QVERIFY(!validator.isLoaded());
        QVERIFY2(timer.elapsed() < 10000, "refusing took too long"); // a hang guard
        // The same schema as text never reaches us: Qt's parser stops at 1024 levels.
        QByteArray text;
        for (int i = 0; i < 100000; ++i)
            text += "{\"items\":";
        text += "{}" + QByteArray(100000, '}');
        QJsonParseError parse;
        QJsonDocument::fromJson(text, &parse);
        QCOMPARE(parse.error, QJsonParseError::DeepNesting);
    }

    // SEP-2106: "billion laughs" through $ref (each level refers twice to the next: 2^40
    // subschemas) is refused in setSchema, before any validation.
    void exponentialRefExpansionIsRefused()
    {
        QJsonObject defs;
        for (int i = 0; i < 40; ++i) {
            const QJsonObject ref{
                {QStringLiteral("$ref"), QStringLiteral("#/$defs/l%1").arg(i + 1)}};
            defs.insert(QStringLiteral("l%1").arg(i),
                        QJsonObject{{QStringLiteral("allOf"), QJsonArray{ref, ref}}});
        }
        defs.insert(QStringLiteral("l40"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}});
        const QJsonObject schema{{QStringLiteral("$defs"), defs},
                                 {QStringLiteral("$ref"), QStringLiteral("#/$defs/l0")}};
        QElapsedTimer timer;
        timer.start();
        JsonSchemaValidator validator;
        QString error;
        QVERIFY(!validator.setSchema(schema, &error));
        QVERIFY2(error.contains(QStringLiteral("expands to more than")), qPrintable(error));
        QVERIFY2(timer.elapsed() < 10000, "refusing took too long");
        // Ten levels (1 024 leaves) are fine, and validate.
        defs.insert(QStringLiteral("l10"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}});
        QVERIFY2(
            validator.setSchema(QJsonObject{{QStringLiteral("$defs"), defs},
                                            {QStringLiteral("$ref"), QStringLiteral("#/$defs/l0")}},
                                &error),
            qPrintable(error));
        QVERIFY(validator.isValid(QStringLiteral("x")));
        QCOMPARE(validator.validate(1).first().keyword, QStringLiteral("type"));
    }

    // A value nested 100 000 deep against a recursive schema stops at kMaxDepth;
    // const/enum comparisons of deep values do not recurse.
    void deepInstanceIsBounded()
    {
        QJsonArray deep;
        for (int i = 0; i < 100000; ++i)
            deep = QJsonArray{deep};
        JsonSchemaValidator validator;
        QVERIFY(validator.setSchema(json("{\"type\":\"array\",\"items\":{\"$ref\":\"#\"}}")));
        const QList<SchemaViolation> violations = validator.validate(deep);
        QVERIFY(!violations.isEmpty());
        QVERIFY(violations.first().message.contains(QStringLiteral("too deeply")));
        QVERIFY(validator.setSchema(QJsonObject{{QStringLiteral("const"), deep}}));
        QVERIFY(validator.isValid(deep));
        QVERIFY(!validator.isValid(QJsonArray{deep}));
        QVERIFY(validator.setSchema(json("{\"uniqueItems\":true}")));
        QVERIFY(!validator.isValid(QJsonArray{deep, deep}));
    }

    // The evaluation steps of one validate() are bounded.
    void workIsBounded()
    {
        JsonSchemaValidator validator;
        validator.setWorkLimit(1000);
        QVERIFY(validator.setSchema(
            json("{\"items\":{\"anyOf\":[{\"type\":\"string\"},{\"type\":\"number\"}]}}")));
        QVERIFY(validator.isValid(QJsonArray{1, 2, 3}));
        QJsonArray many;
        for (int i = 0; i < 5000; ++i)
            many.append(i);
        const QList<SchemaViolation> violations = validator.validate(many);
        QCOMPARE(violations.size(), 1); // nothing that stopping itself caused
        QCOMPARE(violations.first().keyword, QStringLiteral("limit"));
        QVERIFY(violations.first().message.contains(QStringLiteral("1000 steps")));
    }

    // The 2020-12 metaschema is built in: a $ref to it needs no network.
    void metaschemaIsBuiltIn()
    {
        JsonSchemaValidator validator;
        QString error;
        QVERIFY2(validator.setSchema(
                     json("{\"$ref\":\"https://json-schema.org/draft/2020-12/schema\"}"), &error),
                 qPrintable(error));
        QVERIFY(validator.remoteRefs().isEmpty());
        QVERIFY(validator.isValid(json("{\"minLength\":1,\"unevaluatedProperties\":false}")));
        QVERIFY(!validator.isValid(json("{\"minLength\":-1}")));
        QVERIFY(!validator.isValid(json("{\"properties\":{\"a\":{\"type\":\"text\"}}}")));
    }

    void vocabularies()
    {
        const QString base = QStringLiteral("https://example.com/meta/");
        JsonSchemaValidator validator;
        // Without the validation vocabulary, "minimum" is not asserted.
        QVERIFY(validator.addResource(
            base + QStringLiteral("no-validation"),
            json("{\"$id\":\"https://example.com/meta/no-validation\",\"$vocabulary\":{"
                 "\"https://json-schema.org/draft/2020-12/vocab/core\":true,"
                 "\"https://json-schema.org/draft/2020-12/vocab/applicator\":true}}")));
        // An unknown vocabulary that is required: the schema is refused.
        QVERIFY(validator.addResource(
            base + QStringLiteral("unknown"),
            json("{\"$vocabulary\":{\"https://json-schema.org/draft/2020-12/vocab/core\":true,"
                 "\"https://example.com/vocab/units\":true}}")));
        // format-assertion: "format" is asserted.
        QVERIFY(validator.addResource(
            base + QStringLiteral("formats"),
            json("{\"$vocabulary\":{\"https://json-schema.org/draft/2020-12/vocab/core\":true,"
                 "\"https://json-schema.org/draft/2020-12/vocab/validation\":true,"
                 "\"https://json-schema.org/draft/2020-12/vocab/format-assertion\":true}}")));
        QString error;
        QVERIFY2(validator.setSchema(json("{\"$schema\":\"https://example.com/meta/no-validation\","
                                          "\"properties\":{\"n\":{\"minimum\":10},\"x\":false}}"),
                                     &error),
                 qPrintable(error));
        QVERIFY(validator.isValid(json("{\"n\":1}")));
        QVERIFY(!validator.isValid(json("{\"x\":1}")));

        QVERIFY(!validator.setSchema(
            json("{\"$schema\":\"https://example.com/meta/unknown\",\"type\":\"string\"}"),
            &error));
        QVERIFY2(error.contains(QStringLiteral("https://example.com/vocab/units")),
                 qPrintable(error));
        QVERIFY(error.contains(QStringLiteral("vocabulary")));

        QVERIFY2(validator.setSchema(json("{\"$schema\":\"https://example.com/meta/formats\","
                                          "\"format\":\"date\"}"),
                                     &error),
                 qPrintable(error));
        QVERIFY(validator.isValid(json("\"2026-02-28\"")));
        QVERIFY(!validator.isValid(json("\"2026-02-30\"")));
        QCOMPARE(validator.validate(json("\"yesterday\"")).first().keyword,
                 QStringLiteral("format"));

        QVERIFY(!validator.addResource(QStringLiteral("relative/meta"), json("{}"), &error));
        QVERIFY(!validator.addResource(base + QStringLiteral("x"), json("3"), &error));
    }

    // Embedded resources: $id changes the base, $anchor names a schema in its resource.
    void embeddedResources()
    {
        JsonSchemaValidator validator;
        QString error;
        QVERIFY2(
            validator.setSchema(
                json(
                    "{\"$id\":\"https://example.com/root.json\",\"properties\":{"
                    "\"a\":{\"$ref\":\"other.json#num\"},\"b\":{\"$ref\":\"nested/x.json\"}},"
                    "\"$defs\":{\"o\":{\"$id\":\"other.json\",\"$defs\":{\"n\":{\"$anchor\":"
                    "\"num\",\"type\":\"number\"}}},\"x\":{\"$id\":\"nested/x.json\","
                    "\"$ref\":\"y.json\"},\"y\":{\"$id\":\"nested/y.json\",\"type\":\"string\"}}}"),
                &error),
            qPrintable(error));
        QVERIFY(validator.remoteRefs().isEmpty());
        QVERIFY(validator.isValid(json("{\"a\":1,\"b\":\"s\"}")));
        QCOMPARE(validator.validate(json("{\"a\":\"1\"}")).first().instancePath,
                 QStringLiteral("/a"));
        QCOMPARE(validator.validate(json("{\"b\":2}")).first().instancePath, QStringLiteral("/b"));
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
