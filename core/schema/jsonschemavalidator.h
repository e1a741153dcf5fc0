#pragma once

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QRegularExpression>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace mcppm {

// One reason an instance does not match a schema.
struct SchemaViolation
{
    QString instancePath; // JSON Pointer into the instance; "" is the root
    QString keyword; // the schema keyword that failed, e.g. "required"
    QString schemaPath; // JSON Pointer into the schema, e.g. "/properties/age/type"
    QString message; // for people: "12.5 is not of type \"integer\""
};

// A JSON Schema validator for what MCP servers emit: draft-07 (and older
// drafts' common keywords) and 2020-12 (the MCP default since 2025-11-25 when
// a schema has no $schema). Local $refs (JSON Pointers, $id/$anchor names)
// are resolved; remote ones are not fetched and fail with a clear violation.
// `format` is an annotation only; unknown keywords are ignored. The schema is
// checked and indexed once in setSchema(); validate() never reparses it.
class JsonSchemaValidator final
{
public:
    enum class Dialect { Draft7, Draft2020_12 };

    JsonSchemaValidator();
    ~JsonSchemaValidator();

    // Loads a schema (an object or a boolean). A malformed schema (a keyword
    // of the wrong shape, a bad regex, a $ref to nothing) gives false and *error.
    bool setSchema(const QJsonValue &schema, QString *error = nullptr);
    bool isLoaded() const { return m_loaded; }
    // The dialect of a schema without $schema (MCP 2025-11-25: 2020-12).
    void setDefaultDialect(Dialect dialect) { m_defaultDialect = dialect; }
    Dialect dialect() const { return m_dialect; }
    // $refs to other documents, which are not fetched (resolved URIs).
    QStringList remoteRefs() const { return m_remoteRefs; }

    // Every violation found (empty: valid).
    QList<SchemaViolation> validate(const QJsonValue &instance) const;
    bool isValid(const QJsonValue &instance) const;

    // Deep JSON equality where 1 == 1.0 (as JSON Schema wants).
    static bool jsonEqual(const QJsonValue &a, const QJsonValue &b);

private:
    struct PendingRef
    {
        QString ref;
        QUrl base;
        QString pointer;
    };
    bool check(const QJsonValue &schema, const QJsonValue &instance, const QUrl &base,
               const QString &instancePath, const QString &schemaPath, int depth,
               QList<SchemaViolation> *out) const;
    bool checkObjectSchema(const QJsonObject &schema, const QJsonValue &instance, const QUrl &base,
                           const QString &instancePath, const QString &schemaPath, int depth,
                           QList<SchemaViolation> *out) const;
    bool index(const QJsonValue &schema, const QUrl &base, const QString &pointer, QString *error);
    // Resolves a $ref against a base: the target schema and its base URI.
    bool resolve(const QString &ref, const QUrl &base, QJsonValue *target, QUrl *targetBase,
                 QString *why) const;
    const QRegularExpression *regex(const QString &pattern) const;

    QJsonValue m_schema;
    Dialect m_dialect = Dialect::Draft2020_12;
    Dialect m_defaultDialect = Dialect::Draft2020_12;
    bool m_loaded = false;
    QHash<QString, QJsonValue> m_resources; // absolute URI (no fragment) or URI#anchor → schema
    QHash<QString, QRegularExpression> m_regexes; // compiled once at load
    QStringList m_remoteRefs;
    QList<PendingRef> m_pendingRefs; // collected while indexing, checked after
};

} // namespace mcppm
