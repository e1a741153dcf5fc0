#pragma once

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QString>
#include <QStringList>

#include <memory>

namespace mcppm {

// A tool's inputSchema (JSON Schema, draft-07 or 2020-12) compiled into what a
// form shows: a tree of FieldSpecs, with $refs resolved, allOf merged, and
// size, depth and $ref cycles checked. Pure data, no widgets: SchemaForm (ui)
// makes editors from it; a CLI or a test can read it as it is. Array items
// are one spec, made into editors whenever one is added, so a recursive
// schema never has to be unrolled. Property schemas that no editor fits (no
// type, several types, maps, tuples, recursive $refs, fields that depend on
// other values through if/then/else or dependentSchemas, $dynamicRef,
// embedded resources with their own $id...) are Kind::Json with a note saying
// why; at the top level that makes the whole form raw JSON, with the note.
// Keywords that only constrain values (not, dependentRequired, contains,
// unevaluatedProperties/Items false, pattern...) keep the form: the validator
// checks them.
struct FieldSpec;
using FieldSpecPtr = std::shared_ptr<const FieldSpec>;

// A property of an object field; an object's properties come required first
// (in the order "required" lists them), then the others by name.
struct PropertySpec
{
    QString name;
    bool required = false;
    FieldSpecPtr spec;
};

// One field of the form: which editor it takes (kind) and what that editor
// needs to know; the members after a "// Kind" comment matter for that kind.
struct FieldSpec
{
    enum class Kind {
        Object,
        String,
        Number,
        Integer,
        Boolean,
        Enum,
        EnumSet,
        Const,
        Array,
        Variant,
        Json
    };
    Kind kind = Kind::Json;
    QString title;
    QString description;
    QJsonValue defaultValue{QJsonValue::Undefined};
    // String
    QString format;
    QString pattern;
    QString example;
    bool multiline = false;
    // Number, Integer
    bool hasMinimum = false;
    bool hasMaximum = false;
    bool exclusiveMinimum = false;
    bool exclusiveMaximum = false;
    double minimum = 0;
    double maximum = 0;
    double multipleOf = 0;
    // Enum, EnumSet, Const
    QJsonArray enumValues;
    QJsonValue constValue;
    // Object
    QList<PropertySpec> properties;
    // Array
    FieldSpecPtr items;
    int minItems = 0;
    int maxItems = -1;
    // Variant
    QList<FieldSpecPtr> variants;
    QStringList variantNames;
    // Json
    QString jsonType; // the first declared type: what an empty field holds
    QString note; // why the field is raw JSON
};

// The reasons (why) are translatable (context "SchemaCompiler", in the ui's
// translations/*.ts, since the form shows them); without a translator, English.
class SchemaCompiler final
{
    Q_DECLARE_TR_FUNCTIONS(SchemaCompiler)
public:
    static constexpr int kMaxFields = 200; // fields in one form, the top level not counted
    static constexpr int kMaxDepth = 8; // nesting of objects and arrays

    // The spec of the whole form (an object, or a choice of objects), or null
    // with *why when the schema cannot be a form (not an object at the top,
    // more than kMaxFields fields, deeper than kMaxDepth, allOf nesting or
    // merging without end). Never throws, never hangs.
    static FieldSpecPtr compile(const QJsonObject &schema, QString *why);
};

} // namespace mcppm
