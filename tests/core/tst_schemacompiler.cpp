// The schema compiler (core/schema/schemacompiler.h): a tool's inputSchema
// into the tree of FieldSpecs a form is made from, without widgets. Each row
// gives a schema and the tree it compiles to, written out compactly by
// describe() below, or the reason it cannot be a form. The rows of the form
// tests (tests/ui/data/schemas/form-cases.json) are compiled too.

#include "schema/jsonschemavalidator.h"
#include "schema/schemacompiler.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace mcppm;

namespace {

QString compact(const QJsonValue &value)
{
    const QString text
        = QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}

QString number(double value)
{
    return QString::number(value, 'g', 17);
}

// The spec tree as one line: object{a*:string,b:integer>=0}, array<string>,
// enum[1,"x"], const(null), json(why), variant(A=...|B=...), "*" = required.
QString describe(const FieldSpec &spec)
{
    switch (spec.kind) {
    case FieldSpec::Kind::Object: {
        QStringList properties;
        for (const PropertySpec &p : spec.properties)
            properties << p.name + (p.required ? QStringLiteral("*:") : QStringLiteral(":"))
                    + describe(*p.spec);
        return QStringLiteral("object{%1}").arg(properties.join(QLatin1Char(',')));
    }
    case FieldSpec::Kind::String: {
        QString text = QStringLiteral("string");
        if (!spec.format.isEmpty())
            text += QStringLiteral("/") + spec.format;
        if (spec.multiline)
            text += QStringLiteral("/multiline");
        return text;
    }
    case FieldSpec::Kind::Number:
    case FieldSpec::Kind::Integer: {
        QString text = spec.kind == FieldSpec::Kind::Number ? QStringLiteral("number")
                                                            : QStringLiteral("integer");
        if (spec.hasMinimum)
            text += (spec.exclusiveMinimum ? QStringLiteral(">") : QStringLiteral(">="))
                + number(spec.minimum);
        if (spec.hasMaximum)
            text += (spec.exclusiveMaximum ? QStringLiteral("<") : QStringLiteral("<="))
                + number(spec.maximum);
        if (spec.multipleOf > 0)
            text += QStringLiteral("%") + number(spec.multipleOf);
        return text;
    }
    case FieldSpec::Kind::Boolean:
        return QStringLiteral("boolean");
    case FieldSpec::Kind::Enum:
        return QStringLiteral("enum") + compact(spec.enumValues);
    case FieldSpec::Kind::EnumSet:
        return QStringLiteral("enumset") + compact(spec.enumValues);
    case FieldSpec::Kind::Const:
        return QStringLiteral("const(%1)").arg(compact(spec.constValue));
    case FieldSpec::Kind::Array: {
        QString text = QStringLiteral("array<%1>").arg(describe(*spec.items));
        if (spec.minItems > 0 || spec.maxItems >= 0)
            text += QStringLiteral("[%1..%2]").arg(spec.minItems).arg(spec.maxItems);
        return text;
    }
    case FieldSpec::Kind::Variant: {
        QStringList variants;
        for (qsizetype i = 0; i < spec.variants.size(); ++i)
            variants << spec.variantNames.value(i) + QLatin1Char('=')
                    + describe(*spec.variants.at(i));
        return QStringLiteral("variant(%1)").arg(variants.join(QLatin1Char('|')));
    }
    case FieldSpec::Kind::Json:
        return QStringLiteral("json(%1)").arg(spec.note);
    }
    return QStringLiteral("?");
}

QJsonObject parse(const char *json)
{
    QJsonParseError error;
    const QJsonDocument document = QJsonDocument::fromJson(QByteArray(json), &error);
    if (error.error != QJsonParseError::NoError || !document.isObject())
        qFatal("bad test schema: %s", json);
    return document.object();
}

// A schema with n string properties.
QJsonObject wide(int n)
{
    QJsonObject properties;
    for (int i = 0; i < n; ++i)
        properties.insert(QStringLiteral("p%1").arg(i, 3, 10, QLatin1Char('0')),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}});
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), properties}};
}

// Objects nested n levels below the top.
QJsonObject deep(int n)
{
    QJsonObject schema{{QStringLiteral("type"), QStringLiteral("string")}};
    for (int i = 0; i < n; ++i)
        schema = QJsonObject{
            {QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("properties"), QJsonObject{{QStringLiteral("x"), schema}}}};
    return schema;
}

} // namespace

class TestSchemaCompiler final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void compiles_data();

    void compiles()
    {
        QFETCH(QJsonObject, schema);
        QFETCH(QString, tree);
        if (QLatin1String(QTest::currentDataTag()) == QLatin1String("200 fields"))
            schema = wide(SchemaCompiler::kMaxFields);
        if (QLatin1String(QTest::currentDataTag()) == QLatin1String("8 levels"))
            schema = deep(SchemaCompiler::kMaxDepth);
        QString why = QStringLiteral("untouched");
        const FieldSpecPtr spec = SchemaCompiler::compile(schema, &why);
        QVERIFY2(spec, qPrintable(why));
        QCOMPARE(why, QStringLiteral("untouched")); // no reason without a failure
        if (!tree.isEmpty())
            QCOMPARE(describe(*spec), tree);
    }

    void refuses_data();

    void refuses()
    {
        QFETCH(QJsonObject, schema);
        QFETCH(QString, reason);
        QString why;
        QVERIFY(!SchemaCompiler::compile(schema, &why));
        QCOMPARE(why, reason);
        QVERIFY(!SchemaCompiler::compile(schema, nullptr)); // no reason wanted: fine
    }

    // The form tests' rows: the GUI shows a form exactly when the validator
    // takes the schema and the compiler makes a spec of it.
    void formCases_data()
    {
        QTest::addColumn<QJsonObject>("schema");
        QTest::addColumn<bool>("form");
        QFile file(QStringLiteral(MCPPM_SOURCE_DIR "/tests/ui/data/schemas/form-cases.json"));
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QJsonArray rows = QJsonDocument::fromJson(file.readAll()).array();
        QVERIFY(rows.size() > 40);
        for (const QJsonValue &value : rows) {
            const QJsonObject row = value.toObject();
            const QString name = row.value(QStringLiteral("name")).toString();
            QTest::newRow(qPrintable(name)) << row.value(QStringLiteral("schema")).toObject()
                                            << row.value(QStringLiteral("form")).toBool();
        }
    }

    void formCases()
    {
        QFETCH(QJsonObject, schema);
        QFETCH(bool, form);
        QString why;
        JsonSchemaValidator validator;
        const bool valid = validator.setSchema(schema, &why);
        const FieldSpecPtr spec = valid ? SchemaCompiler::compile(schema, &why) : nullptr;
        QCOMPARE(valid && spec, form);
        QCOMPARE(why.isEmpty(), form);
    }

    // A schema whose $refs fan out (each level refers twice to the next) is
    // compiled within the field limit, not unrolled into millions of fields.
    void fanOutStaysBounded()
    {
        QJsonObject defs;
        for (int i = 0; i < 30; ++i) {
            const QJsonObject next{
                {QStringLiteral("$ref"), QStringLiteral("#/$defs/d%1").arg(i + 1)}};
            defs.insert(QStringLiteral("d%1").arg(i),
                        QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                                    {QStringLiteral("properties"),
                                     QJsonObject{{QStringLiteral("l"), next},
                                                 {QStringLiteral("r"), next}}}});
        }
        defs.insert(QStringLiteral("d30"),
                    QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}});
        const QJsonObject schema{
            {QStringLiteral("$defs"), defs},
            {QStringLiteral("properties"),
             QJsonObject{{QStringLiteral("root"),
                          QJsonObject{{QStringLiteral("$ref"), QStringLiteral("#/$defs/d0")}}}}}};
        QString why;
        QVERIFY(!SchemaCompiler::compile(schema, &why));
        QVERIFY2(why.contains(QLatin1String("more than 200 fields"))
                     || why.contains(QLatin1String("deeper than 8")),
                 qPrintable(why));
    }
};

// The rows hold schemas as raw string literals, which moc need not read.
#ifndef Q_MOC_RUN
void TestSchemaCompiler::compiles_data()
{
    QTest::addColumn<QJsonObject>("schema");
    QTest::addColumn<QString>("tree");
    auto row = [](const char *name, const char *schema, const char *tree) {
        QTest::newRow(name) << parse(schema) << QString::fromUtf8(tree);
    };
    row("empty", "{}", "object{}");
    row("required first, then by name",
        R"({"type":"object","properties":{"b":{"type":"string"},"a":{"type":"boolean"},
            "z":{"type":"integer"}},"required":["z","nope","z"]})",
        "object{z*:integer,a:boolean,b:string}");
    row("string format and multi-line",
        R"({"properties":{"m":{"type":"string","format":"email"},
            "t":{"type":"string","maxLength":1000}}})",
        "object{m:string/email,t:string/multiline}");
    row("number bounds",
        R"({"properties":{"n":{"type":"number","minimum":1,"exclusiveMaximum":10,
            "multipleOf":0.5}}})",
        "object{n:number>=1<10%0.5}");
    row("exclusive minimum above minimum wins",
        R"({"properties":{"n":{"type":"integer","minimum":0,"exclusiveMinimum":3}}})",
        "object{n:integer>3}");
    row("draft-04 boolean exclusive bounds",
        R"({"properties":{"n":{"type":"number","minimum":0,"exclusiveMinimum":true,
            "maximum":5,"exclusiveMaximum":true}}})",
        "object{n:number>0<5}");
    row("enum without type", R"({"properties":{"e":{"enum":[1,"x",null]}}})",
        R"(object{e:enum[1,"x",null]})");
    row("array of enums is a set",
        R"({"properties":{"s":{"type":"array","items":{"enum":["a","b"]}}}})",
        R"(object{s:enumset["a","b"]})");
    row("array bounds", R"({"properties":{"l":{"type":"array","items":{"type":"number"},
            "minItems":2,"maxItems":4}}})",
        "object{l:array<number>[2..4]}");
    row("array without items", R"({"properties":{"l":{"type":"array"}}})",
        "object{l:array<json(any JSON value)>}");
    row("const and null", R"({"properties":{"c":{"const":"v"},"n":{"type":"null"}}})",
        R"(object{c:const("v"),n:const(null)})");
    row("unsupported shapes are JSON fields",
        R"({"properties":{"a":{},"b":{"type":["string","null"]},
            "c":{"type":"object","additionalProperties":{"type":"string"}},
            "d":{"type":"array","items":[{"type":"string"}]},"e":{"type":"wat"},
            "f":false}})",
        "object{a:json(no type),b:json(several types),c:json(an object with free-form keys),"
        "d:json(a fixed-length list (tuple)),e:json(unknown type \"wat\"),"
        "f:json(no value is allowed here)}");
    row("$ref into $defs with siblings laid over",
        R"({"$defs":{"p":{"type":"string","title":"T"}},
            "properties":{"a":{"$ref":"#/$defs/p","format":"uri"}}})",
        "object{a:string/uri}");
    row("$ref to an anchor",
        R"({"$defs":{"p":{"$anchor":"pt","type":"boolean"}},"properties":{"a":{"$ref":"#pt"}}})",
        "object{a:boolean}");
    row("$ref escapes ~1 and ~0",
        R"({"$defs":{"a/b":{"type":"integer"},"c~d":{"type":"number"}},
            "properties":{"x":{"$ref":"#/$defs/a~1b"},"y":{"$ref":"#/$defs/c~0d"}}})",
        "object{x:integer,y:number}");
    row("$ref loop in a field",
        R"({"$defs":{"a":{"$ref":"#/$defs/b"},"b":{"$ref":"#/$defs/a"}},
            "properties":{"x":{"$ref":"#/$defs/a"}}})",
        "object{x:json($ref #/$defs/a refers back to itself)}");
    row("$ref outside the schema", R"({"properties":{"x":{"$ref":"other.json#/a"}}})",
        "object{x:json($ref other.json#/a is not in this schema)}");
    row("recursion stops at the cycle",
        R"({"$defs":{"node":{"type":"object","properties":{"v":{"type":"string"},
            "kids":{"type":"array","items":{"$ref":"#/$defs/node"}}}}},
            "properties":{"root":{"$ref":"#/$defs/node"}}})",
        "object{root:object{kids:array<json($ref #/$defs/node refers back to itself)>,"
        "v:string}}");
    row("allOf merged",
        R"({"allOf":[{"properties":{"a":{"type":"string"}},"required":["a"]},
            {"properties":{"b":{"type":"integer"}},"required":["b"]}]})",
        "object{a*:string,b*:integer}");
    row("allOf on one property merges both",
        R"({"allOf":[{"properties":{"a":{"type":"integer"}}},
            {"properties":{"a":{"minimum":2}}}]})",
        "object{a:integer>=2}");
    row("oneOf named by title, const, $ref and type",
        R"({"$defs":{"Ref":{"type":"object","properties":{"r":{"type":"string"}}}},
            "properties":{"v":{"oneOf":[{"title":"First","type":"string"},
            {"type":"object","properties":{"k":{"const":"x"}}},{"$ref":"#/$defs/Ref"},
            {"type":"number"},{"type":"number"}]}}})",
        R"(object{v:variant(First=string|k = x=object{k:const("x")}|Ref=object{r:string}|)"
        R"(number=number|number (5)=number)})");
    row("anyOf nullable", R"({"properties":{"v":{"anyOf":[{"type":"string"},{"type":"null"}]}}})",
        "object{v:variant(string=string|null=const(null))}");
    row("oneOf and anyOf together",
        R"({"properties":{"v":{"oneOf":[{"type":"string"}],"anyOf":[{"type":"null"}]}}})",
        "object{v:json(both oneOf and anyOf)}");
    row("oneOf at the top",
        R"({"oneOf":[{"properties":{"a":{"type":"string"}}},{"properties":{"b":{"type":"boolean"}}}]})",
        "variant(Option 1=object{a:string}|Option 2=object{b:boolean})");
    row("2020-12 keywords that only constrain keep the form",
        R"({"type":"object","properties":{"a":{"type":"string","not":{"const":"x"}},
            "b":{"type":"array","items":{"type":"integer"},"contains":{"const":1},
            "unevaluatedItems":false}},"dependentRequired":{"a":["b"]},
            "unevaluatedProperties":false})",
        "object{a:string,b:array<integer>}");
    row("2020-12 keywords a form cannot follow are JSON fields",
        R"({"$defs":{"e":{"$id":"https://example.com/e","type":"string"}},"properties":{
            "c":{"type":"object","properties":{"k":{"type":"string"}},
            "if":{"properties":{"k":{"const":"a"}}},"then":{"required":["x"]}},
            "d":{"type":"object","dependentSchemas":{"k":{"required":["y"]}}},
            "e":{"$ref":"#/$defs/e"},"f":{"$dynamicRef":"#node"},
            "g":{"type":"object","unevaluatedProperties":{"type":"number"}}}})",
        "object{c:json(fields that depend on other values (if/then/else)),"
        "d:json(fields that depend on other values (dependentSchemas)),"
        "e:json(an embedded schema resource ($id https://example.com/e)),"
        "f:json($dynamicRef #node is resolved only while validating),"
        "g:json(an object with free-form keys)}");
    row("200 fields", "{}", "");
    row("8 levels", "{}", "");
}

void TestSchemaCompiler::refuses_data()
{
    QTest::addColumn<QJsonObject>("schema");
    QTest::addColumn<QString>("reason");
    auto row = [](const char *name, const QJsonObject &schema, const char *reason) {
        QTest::newRow(name) << schema << QString::fromUtf8(reason);
    };
    row("string at the top", parse(R"({"type":"string"})"),
        "the top-level schema is not an object");
    row("several types at the top", parse(R"({"type":["object","null"]})"),
        "the top-level schema is not an object (several types)");
    row("oneOf of scalars at the top", parse(R"({"oneOf":[{"type":"object"},{"type":"string"}]})"),
        "the top-level schema is not an object");
    row("$ref loop at the top", parse(R"({"$ref":"#"})"),
        "the top-level schema is not an object ($ref # refers back to itself)");
    row("$ref to nothing at the top", parse(R"({"$ref":"#/$defs/none"})"),
        "the top-level schema is not an object ($ref #/$defs/none points to nothing)");
    row("if/then/else at the top",
        parse(R"({"type":"object","properties":{"kind":{"enum":["a","b"]}},
            "if":{"properties":{"kind":{"const":"a"}}},"then":{"properties":{"x":{"type":"string"}}}})"),
        "its fields depend on other values (if/then/else): edit the arguments as JSON");
    row("dependentSchemas at the top",
        parse(R"({"type":"object","properties":{"a":{"type":"string"}},
            "dependentSchemas":{"a":{"properties":{"b":{"type":"string"}}}}})"),
        "its fields depend on other values (dependentSchemas): edit the arguments as JSON");
    row("201 fields", wide(SchemaCompiler::kMaxFields + 1), "the schema has more than 200 fields");
    row("9 levels", deep(SchemaCompiler::kMaxDepth + 1), "the schema nests deeper than 8 levels");
    // allOf parts that are themselves allOfs, ten deep.
    QJsonObject nested{{QStringLiteral("type"), QStringLiteral("object")}};
    for (int i = 0; i < 10; ++i)
        nested = QJsonObject{{QStringLiteral("allOf"), QJsonArray{nested}}};
    row("allOf ten deep",
        QJsonObject{{QStringLiteral("properties"), QJsonObject{{QStringLiteral("a"), nested}}},
                    {QStringLiteral("allOf"), QJsonArray{nested}}},
        "the top-level schema is not an object (allOf nests too deeply)");
}
#endif

QTEST_GUILESS_MAIN(TestSchemaCompiler)
#include "tst_schemacompiler.moc"
