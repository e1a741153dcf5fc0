#include "schema/schemacompiler.h"

#include <QJsonDocument>
#include <QUrl>

namespace mcppm {

namespace {

// Strings as they are, everything else as compact JSON ("12", "{\"k\":1}").
QString displayJson(const QJsonValue &value)
{
    if (value.isString())
        return value.toString();
    if (value.isUndefined())
        return QString();
    const QString text
        = QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}

QString unescapePointerToken(QString token)
{
    return token.replace(QStringLiteral("~1"), QStringLiteral("/"))
        .replace(QStringLiteral("~0"), QStringLiteral("~"));
}

class SpecCompiler final
{
public:
    explicit SpecCompiler(const QJsonObject &root)
        : m_root(root)
    { }

    // The spec of the whole form (an object, or a choice of objects), or null
    // with *why when the schema cannot be a form.
    FieldSpecPtr compileRoot(QString *why)
    {
        // An object schema whose fields change with the values typed: the
        // form cannot follow it, the JSON editor (checked by the validator) can.
        const QString conditional = conditionalKeyword(m_root);
        if (!conditional.isEmpty()) {
            *why = SchemaCompiler::tr("its fields depend on other values (%1): edit the "
                                      "arguments as JSON")
                       .arg(conditional);
            return nullptr;
        }
        const FieldSpecPtr spec = compile(m_root, 0, {QStringLiteral("#")}, true);
        if (m_failed) {
            *why = m_failure;
            return nullptr;
        }
        bool objects = spec->kind == FieldSpec::Kind::Object;
        if (spec->kind == FieldSpec::Kind::Variant) {
            objects = true;
            for (const FieldSpecPtr &variant : spec->variants)
                objects = objects && variant->kind == FieldSpec::Kind::Object;
        }
        if (!objects) {
            *why = spec->kind == FieldSpec::Kind::Json && !spec->note.isEmpty()
                ? SchemaCompiler::tr("the top-level schema is not an object (%1)").arg(spec->note)
                : SchemaCompiler::tr("the top-level schema is not an object");
            return nullptr;
        }
        return spec;
    }

private:
    void fail(const QString &why)
    {
        if (!m_failed)
            m_failure = why;
        m_failed = true;
    }

    static std::shared_ptr<FieldSpec> jsonSpec(const QJsonValue &schema, const QString &note)
    {
        auto spec = std::make_shared<FieldSpec>();
        spec->kind = FieldSpec::Kind::Json;
        spec->note = note;
        if (schema.isObject()) {
            const QJsonObject o = schema.toObject();
            spec->title = o.value(QStringLiteral("title")).toString();
            spec->description = o.value(QStringLiteral("description")).toString();
            spec->defaultValue = o.value(QStringLiteral("default"));
            const QJsonValue type = o.value(QStringLiteral("type"));
            spec->jsonType = type.isArray() ? type.toArray().at(0).toString() : type.toString();
        }
        return spec;
    }

    bool lookup(const QString &ref, QJsonValue *target) const
    {
        const QString fragment = QUrl::fromPercentEncoding(ref.mid(1).toUtf8());
        if (fragment.isEmpty()) {
            *target = m_root;
            return true;
        }
        if (!fragment.startsWith(QLatin1Char('/')))
            return findAnchor(m_root, fragment, 0, target);
        QJsonValue node = m_root;
        const QStringList tokens = fragment.mid(1).split(QLatin1Char('/'));
        for (const QString &raw : tokens) {
            const QString token = unescapePointerToken(raw);
            if (node.isObject()) {
                const QJsonObject o = node.toObject();
                if (!o.contains(token))
                    return false;
                node = o.value(token);
            } else if (node.isArray()) {
                bool ok = false;
                const int index = token.toInt(&ok);
                if (!ok || index < 0 || index >= node.toArray().size())
                    return false;
                node = node.toArray().at(index);
            } else {
                return false;
            }
        }
        *target = node;
        return true;
    }

    static bool findAnchor(const QJsonValue &node, const QString &name, int depth,
                           QJsonValue *target)
    {
        if (depth > 32)
            return false;
        if (node.isObject()) {
            const QJsonObject o = node.toObject();
            if (o.value(QStringLiteral("$anchor")).toString() == name
                || o.value(QStringLiteral("$id")).toString() == QLatin1Char('#') + name) {
                *target = node;
                return true;
            }
            for (auto it = o.begin(); it != o.end(); ++it) {
                if (findAnchor(it.value(), name, depth + 1, target))
                    return true;
            }
        } else if (node.isArray()) {
            for (const QJsonValue &item : node.toArray()) {
                if (findAnchor(item, name, depth + 1, target))
                    return true;
            }
        }
        return false;
    }

    // Follows $refs until a schema without one; siblings of a $ref are laid
    // over its target. refs: the $refs already followed on the way here.
    bool deref(QJsonValue *schema, QStringList *refs, QString *why) const
    {
        for (int hops = 0; schema->isObject(); ++hops) {
            const QJsonObject o = schema->toObject();
            if (!o.contains(QStringLiteral("$ref")))
                return true;
            const QString ref = o.value(QStringLiteral("$ref")).toString();
            if (!ref.startsWith(QLatin1Char('#'))) {
                *why = SchemaCompiler::tr("$ref %1 is not in this schema").arg(ref);
                return false;
            }
            if (refs->contains(ref) || hops > 32) {
                *why = SchemaCompiler::tr("$ref %1 refers back to itself").arg(ref);
                return false;
            }
            QJsonValue target;
            if (!lookup(ref, &target)) {
                *why = SchemaCompiler::tr("$ref %1 points to nothing").arg(ref);
                return false;
            }
            refs->append(ref);
            if (target.isBool() && !target.toBool()) {
                *schema = target;
                return true;
            }
            if (!target.isObject() && !target.isBool()) {
                *why = SchemaCompiler::tr("$ref %1 does not point to a schema").arg(ref);
                return false;
            }
            QJsonObject merged = target.toObject();
            for (auto it = o.begin(); it != o.end(); ++it) {
                static const QStringList skipped{
                    QStringLiteral("$ref"),        QStringLiteral("$schema"),
                    QStringLiteral("$id"),         QStringLiteral("$defs"),
                    QStringLiteral("definitions"), QStringLiteral("$comment")};
                if (!skipped.contains(it.key()))
                    merged.insert(it.key(), it.value());
            }
            *schema = merged;
        }
        return true;
    }

    // Lays `part` under `into`: keywords already in `into` win, properties
    // and required lists are joined.
    static void mergeInto(QJsonObject *into, const QJsonObject &part)
    {
        for (auto it = part.begin(); it != part.end(); ++it) {
            if (it.key() == QLatin1String("properties") && it.value().isObject()
                && into->value(it.key()).isObject()) {
                QJsonObject properties = into->value(it.key()).toObject();
                const QJsonObject more = it.value().toObject();
                for (auto p = more.begin(); p != more.end(); ++p) {
                    if (properties.contains(p.key()))
                        properties.insert(
                            p.key(),
                            QJsonObject{{QStringLiteral("allOf"),
                                         QJsonArray{properties.value(p.key()), p.value()}}});
                    else
                        properties.insert(p.key(), p.value());
                }
                into->insert(it.key(), properties);
            } else if (it.key() == QLatin1String("required") && it.value().isArray()
                       && into->value(it.key()).isArray()) {
                QJsonArray required = into->value(it.key()).toArray();
                for (const QJsonValue &name : it.value().toArray()) {
                    if (!required.contains(name))
                        required.append(name);
                }
                into->insert(it.key(), required);
            } else if (!into->contains(it.key())) {
                into->insert(it.key(), it.value());
            }
        }
    }

    bool flattenAllOf(QJsonObject *o, QStringList *refs, QString *why, int level)
    {
        if (level > 8 || --m_mergeBudget < 0) {
            *why = SchemaCompiler::tr("allOf nests too deeply");
            return false;
        }
        const QJsonValue all = o->take(QStringLiteral("allOf"));
        if (!all.isArray()) {
            *why = SchemaCompiler::tr("allOf is not an array");
            return false;
        }
        QStringList added;
        for (const QJsonValue &part : all.toArray()) {
            QJsonValue schema = part;
            QStringList partRefs = *refs;
            if (!deref(&schema, &partRefs, why))
                return false;
            added += partRefs.mid(refs->size());
            if (schema.isBool()) {
                if (schema.toBool())
                    continue;
                *why = SchemaCompiler::tr("allOf allows no value");
                return false;
            }
            if (!schema.isObject()) {
                *why = SchemaCompiler::tr("allOf holds something that is not a schema");
                return false;
            }
            QJsonObject p = schema.toObject();
            if (p.contains(QStringLiteral("allOf")) && !flattenAllOf(&p, refs, why, level + 1))
                return false;
            mergeInto(o, p);
        }
        *refs += added;
        return true;
    }

    // The keyword that makes fields appear or change with other values
    // (if/then/else, dependentSchemas, draft-07 schema dependencies), or "".
    static QString conditionalKeyword(const QJsonObject &o)
    {
        if (o.contains(QStringLiteral("if"))
            && (o.contains(QStringLiteral("then")) || o.contains(QStringLiteral("else"))))
            return QStringLiteral("if/then/else");
        if (!o.value(QStringLiteral("dependentSchemas")).toObject().isEmpty())
            return QStringLiteral("dependentSchemas");
        const QJsonObject dependencies = o.value(QStringLiteral("dependencies")).toObject();
        for (auto it = dependencies.begin(); it != dependencies.end(); ++it) {
            if (!it.value().isArray())
                return QStringLiteral("dependencies");
        }
        return QString();
    }

    static QString variantName(const QJsonValue &original, const QJsonValue &resolved, int index)
    {
        const QJsonObject o = resolved.toObject();
        QString name = o.value(QStringLiteral("title")).toString();
        if (name.isEmpty()) {
            const QJsonObject properties = o.value(QStringLiteral("properties")).toObject();
            for (auto it = properties.begin(); it != properties.end() && name.isEmpty(); ++it) {
                const QJsonValue constant = it.value().toObject().value(QStringLiteral("const"));
                if (!constant.isUndefined())
                    name = it.key() + QStringLiteral(" = ") + displayJson(constant);
            }
        }
        if (name.isEmpty()) {
            const QString ref = original.toObject().value(QStringLiteral("$ref")).toString();
            if (!ref.isEmpty())
                name = ref.section(QLatin1Char('/'), -1);
        }
        if (name.isEmpty()) {
            const QJsonValue type = o.value(QStringLiteral("type"));
            if (type.isString())
                name = type.toString();
            else if (!o.value(QStringLiteral("const")).isUndefined())
                name = displayJson(o.value(QStringLiteral("const")));
        }
        if (name.isEmpty())
            name = SchemaCompiler::tr("Option %1").arg(index + 1);
        return name;
    }

    FieldSpecPtr compile(const QJsonValue &schema, int depth, const QStringList &refs,
                         bool topLevel)
    {
        if (m_failed)
            return jsonSpec(schema, QString());
        if (depth > SchemaCompiler::kMaxDepth) {
            fail(SchemaCompiler::tr("the schema nests deeper than %1 levels")
                     .arg(SchemaCompiler::kMaxDepth));
            return jsonSpec(schema, QString());
        }
        if (++m_count > SchemaCompiler::kMaxFields + 1) { // the top level is not a field
            fail(SchemaCompiler::tr("the schema has more than %1 fields")
                     .arg(SchemaCompiler::kMaxFields));
            return jsonSpec(schema, QString());
        }
        QStringList chain = refs;
        QString why;
        QJsonValue resolved = schema;
        if (!deref(&resolved, &chain, &why))
            return jsonSpec(schema, why);
        if (resolved.isBool() && !topLevel)
            return jsonSpec(schema,
                            resolved.toBool() ? SchemaCompiler::tr("any JSON value")
                                              : SchemaCompiler::tr("no value is allowed here"));
        if (!resolved.isObject() && !resolved.isBool())
            return jsonSpec(schema, SchemaCompiler::tr("not a schema"));
        QJsonObject o = resolved.toObject();
        if (o.contains(QStringLiteral("allOf")) && !flattenAllOf(&o, &chain, &why, 0))
            return jsonSpec(o, why);

        // 2020-12 keywords a fixed form cannot follow: the field is raw JSON, and
        // the validator (which knows them all) checks what is typed there.
        const QString conditional = conditionalKeyword(o);
        if (!conditional.isEmpty())
            return jsonSpec(
                o, SchemaCompiler::tr("fields that depend on other values (%1)").arg(conditional));
        if (o.contains(QStringLiteral("$dynamicRef")))
            return jsonSpec(o,
                            SchemaCompiler::tr("$dynamicRef %1 is resolved only while validating")
                                .arg(o.value(QStringLiteral("$dynamicRef")).toString()));
        if (!topLevel && o.value(QStringLiteral("$id")).isString()
            && !o.value(QStringLiteral("$id")).toString().startsWith(QLatin1Char('#')))
            return jsonSpec(o,
                            SchemaCompiler::tr("an embedded schema resource ($id %1)")
                                .arg(o.value(QStringLiteral("$id")).toString()));

        auto spec = std::make_shared<FieldSpec>();
        spec->title = o.value(QStringLiteral("title")).toString();
        spec->description = o.value(QStringLiteral("description")).toString();
        spec->defaultValue = o.value(QStringLiteral("default"));
        const QJsonValue type = o.value(QStringLiteral("type"));

        if (o.contains(QStringLiteral("const"))) {
            spec->kind = FieldSpec::Kind::Const;
            spec->constValue = o.value(QStringLiteral("const"));
            return spec;
        }
        if (o.value(QStringLiteral("enum")).isArray()
            && !o.value(QStringLiteral("enum")).toArray().isEmpty()) {
            spec->kind = FieldSpec::Kind::Enum;
            spec->enumValues = o.value(QStringLiteral("enum")).toArray();
            return spec;
        }
        const bool hasOneOf = o.contains(QStringLiteral("oneOf"));
        const bool hasAnyOf = o.contains(QStringLiteral("anyOf"));
        if (hasOneOf && hasAnyOf)
            return jsonSpec(o, SchemaCompiler::tr("both oneOf and anyOf"));
        if (hasOneOf || hasAnyOf) {
            const QString key = hasOneOf ? QStringLiteral("oneOf") : QStringLiteral("anyOf");
            const QJsonArray alternatives = o.value(key).toArray();
            if (alternatives.isEmpty())
                return jsonSpec(o, SchemaCompiler::tr("%1 without alternatives").arg(key));
            QJsonObject base = o;
            for (const QString &k : {key, QStringLiteral("title"), QStringLiteral("description"),
                                     QStringLiteral("default")})
                base.remove(k);
            spec->kind = FieldSpec::Kind::Variant;
            for (qsizetype i = 0; i < alternatives.size(); ++i) {
                const QJsonValue alternative = alternatives.at(i);
                QJsonValue variant = alternative;
                QStringList variantRefs = chain;
                QString variantWhy;
                FieldSpecPtr compiled;
                if (deref(&variant, &variantRefs, &variantWhy) && variant.isObject()) {
                    QJsonObject merged = variant.toObject();
                    mergeInto(&merged, base);
                    compiled = compile(merged, depth, variantRefs, topLevel);
                } else {
                    compiled = compile(alternative, depth, chain, false);
                }
                spec->variants.append(compiled);
                QString name = variantName(alternative, variant, int(i));
                if (spec->variantNames.contains(name))
                    name += QStringLiteral(" (%1)").arg(i + 1);
                spec->variantNames.append(name);
            }
            return spec;
        }
        if (type.isArray())
            return jsonSpec(o, SchemaCompiler::tr("several types"));
        if (!type.isUndefined() && !type.isString())
            return jsonSpec(o, SchemaCompiler::tr("\"type\" is not a type name"));
        QString typeName = type.toString();
        if (typeName.isEmpty()) {
            if (o.contains(QStringLiteral("properties")) || topLevel)
                typeName = QStringLiteral("object");
            else if (o.contains(QStringLiteral("items"))
                     || o.contains(QStringLiteral("prefixItems")))
                typeName = QStringLiteral("array");
            else
                return jsonSpec(o, SchemaCompiler::tr("no type"));
        }

        if (typeName == QLatin1String("string")) {
            spec->kind = FieldSpec::Kind::String;
            spec->format = o.value(QStringLiteral("format")).toString();
            spec->pattern = o.value(QStringLiteral("pattern")).toString();
            const QJsonArray examples = o.value(QStringLiteral("examples")).toArray();
            if (!examples.isEmpty() && examples.at(0).isString())
                spec->example = examples.at(0).toString();
            spec->multiline = o.value(QStringLiteral("maxLength")).toDouble() > 200
                || spec->format == QLatin1String("textarea");
        } else if (typeName == QLatin1String("number") || typeName == QLatin1String("integer")) {
            spec->kind = typeName == QLatin1String("number") ? FieldSpec::Kind::Number
                                                             : FieldSpec::Kind::Integer;
            if (o.value(QStringLiteral("minimum")).isDouble()) {
                spec->hasMinimum = true;
                spec->minimum = o.value(QStringLiteral("minimum")).toDouble();
            }
            if (o.value(QStringLiteral("maximum")).isDouble()) {
                spec->hasMaximum = true;
                spec->maximum = o.value(QStringLiteral("maximum")).toDouble();
            }
            const QJsonValue exclusiveMin = o.value(QStringLiteral("exclusiveMinimum"));
            if (exclusiveMin.isDouble()) {
                if (!spec->hasMinimum || exclusiveMin.toDouble() >= spec->minimum) {
                    spec->hasMinimum = true;
                    spec->minimum = exclusiveMin.toDouble();
                    spec->exclusiveMinimum = true;
                }
            } else if (exclusiveMin.toBool() && spec->hasMinimum) { // draft-04
                spec->exclusiveMinimum = true;
            }
            const QJsonValue exclusiveMax = o.value(QStringLiteral("exclusiveMaximum"));
            if (exclusiveMax.isDouble()) {
                if (!spec->hasMaximum || exclusiveMax.toDouble() <= spec->maximum) {
                    spec->hasMaximum = true;
                    spec->maximum = exclusiveMax.toDouble();
                    spec->exclusiveMaximum = true;
                }
            } else if (exclusiveMax.toBool() && spec->hasMaximum) {
                spec->exclusiveMaximum = true;
            }
            spec->multipleOf = o.value(QStringLiteral("multipleOf")).toDouble();
        } else if (typeName == QLatin1String("boolean")) {
            spec->kind = FieldSpec::Kind::Boolean;
        } else if (typeName == QLatin1String("null")) {
            spec->kind = FieldSpec::Kind::Const;
            spec->constValue = QJsonValue(QJsonValue::Null);
        } else if (typeName == QLatin1String("object")) {
            const QJsonValue properties = o.value(QStringLiteral("properties"));
            if (!properties.isUndefined() && !properties.isObject())
                return jsonSpec(o, SchemaCompiler::tr("\"properties\" is not an object"));
            const QJsonObject props = properties.toObject();
            const QJsonValue additional = o.value(QStringLiteral("additionalProperties"));
            const QJsonValue unevaluated = o.value(QStringLiteral("unevaluatedProperties"));
            const bool map = o.value(QStringLiteral("patternProperties")).isObject()
                || (additional.isObject() && !additional.toObject().isEmpty())
                || (unevaluated.isObject() && !unevaluated.toObject().isEmpty());
            if (props.isEmpty() && map)
                return jsonSpec(o, SchemaCompiler::tr("an object with free-form keys"));
            spec->kind = FieldSpec::Kind::Object;
            QStringList required;
            for (const QJsonValue &name : o.value(QStringLiteral("required")).toArray()) {
                if (name.isString() && props.contains(name.toString())
                    && !required.contains(name.toString()))
                    required.append(name.toString());
            }
            // QJsonObject sorts its keys: required properties first, in their order.
            QStringList order = required;
            for (const QString &name : props.keys()) {
                if (!required.contains(name))
                    order.append(name);
            }
            for (const QString &name : std::as_const(order)) {
                PropertySpec property;
                property.name = name;
                property.required = required.contains(name);
                property.spec = compile(props.value(name), depth + 1, chain, false);
                spec->properties.append(property);
                if (m_failed)
                    break;
            }
        } else if (typeName == QLatin1String("array")) {
            const QJsonValue items = o.value(QStringLiteral("items"));
            if (items.isArray() || o.contains(QStringLiteral("prefixItems")))
                return jsonSpec(o, SchemaCompiler::tr("a fixed-length list (tuple)"));
            spec->kind = FieldSpec::Kind::Array;
            spec->items
                = compile(items.isUndefined() ? QJsonValue(true) : items, depth + 1, chain, false);
            if (spec->items->kind == FieldSpec::Kind::Enum) {
                spec->kind = FieldSpec::Kind::EnumSet;
                spec->enumValues = spec->items->enumValues;
            }
            spec->minItems = qBound(0, o.value(QStringLiteral("minItems")).toInt(), 50);
            if (o.value(QStringLiteral("maxItems")).isDouble())
                spec->maxItems = qMax(0, o.value(QStringLiteral("maxItems")).toInt());
        } else {
            return jsonSpec(o, SchemaCompiler::tr("unknown type \"%1\"").arg(typeName));
        }
        return spec;
    }

    QJsonObject m_root;
    int m_count = 0;
    int m_mergeBudget = 2000;
    bool m_failed = false;
    QString m_failure;
};

} // namespace

FieldSpecPtr SchemaCompiler::compile(const QJsonObject &schema, QString *why)
{
    QString reason;
    SpecCompiler compiler(schema);
    FieldSpecPtr spec = compiler.compileRoot(&reason);
    if (!spec && why)
        *why = reason;
    return spec;
}

} // namespace mcppm
