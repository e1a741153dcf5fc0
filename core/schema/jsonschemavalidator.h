#pragma once

#include <QHash>
#include <QJsonValue>
#include <QList>
#include <QRegularExpression>
#include <QSet>
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
// drafts' common keywords) and 2020-12 complete (the MCP default since
// 2025-11-25 when a schema has no $schema): unevaluatedProperties/Items with
// annotations collected across the in-place applicators, $dynamicRef and
// $dynamicAnchor over the dynamic scope, $anchor, embedded resources ($id),
// $vocabulary (a metaschema without the validation vocabulary turns those
// keywords off; an unknown required vocabulary refuses the schema). `pattern`
// is ECMA-262 (see EcmaRegex). `format` is an annotation unless the
// metaschema requires the format-assertion vocabulary.
//
// Nothing is ever fetched (SEP-2106): a $ref resolves within the document,
// the resources given to addResource() and the 2020-12 metaschemas built in;
// any other one is listed in remoteRefs() and fails validation with a clear
// violation. Bounds: schema nesting (kMaxSchemaDepth), the size of the schema
// with its $refs expanded (kMaxExpansion, so a "billion laughs" schema is
// refused in setSchema), evaluation depth (kMaxDepth) and the evaluation
// steps of one validate() (workLimit()): a schema or instance past a bound
// gives a clear error or violation, never a hang or a stack overflow.
// The schema is checked and indexed once in setSchema(); validate() never
// reparses it.
class JsonSchemaValidator final
{
public:
    enum class Dialect { Draft7, Draft2020_12 };

    static constexpr int kMaxDepth = 256; // nested evaluation ($refs, applicators, instance)
    static constexpr int kMaxSchemaDepth = 256; // nesting of subschemas in one document
    static constexpr qint64 kMaxExpansion = 1000000; // subschemas with every $ref expanded
    static constexpr qint64 kDefaultWorkLimit = 1000000; // evaluation steps of one validate()

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
    // A schema document known locally under an absolute URI (e.g. a test
    // suite's remotes, a metaschema): $refs and $schema may point into it.
    // Kept across setSchema(); call before it. False and *error if the
    // document is not a schema or the URI is not absolute.
    bool addResource(const QString &uri, const QJsonValue &schema, QString *error = nullptr);
    void clearResources() { m_external.clear(); }
    // Evaluation steps one validate() may take (a step is one subschema
    // applied to one value); past it validation stops with a violation.
    void setWorkLimit(qint64 steps) { m_workLimit = steps; }
    qint64 workLimit() const { return m_workLimit; }

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
    // Which vocabularies are in force (from the metaschema's $vocabulary).
    struct Vocabularies
    {
        bool applicator = true;
        bool unevaluated = true;
        bool validation = true;
        bool formatAssertion = false;
    };
    // A schema that $refs may land on, with the base its own $id resolves against.
    struct Resource
    {
        QJsonValue schema;
        QUrl parentBase;
    };
    struct Annotations; // properties/items evaluated at one instance location
    struct Evaluation; // the state of one validate(): dynamic scope, steps, vocabularies

    bool check(const QJsonValue &schema, const QJsonValue &instance, const QUrl &base,
               const QString &instancePath, const QString &schemaPath, int depth, Evaluation *eval,
               Annotations *annotations, QList<SchemaViolation> *out) const;
    bool checkObjectSchema(const QJsonObject &schema, const QJsonValue &instance, const QUrl &base,
                           const QString &instancePath, const QString &schemaPath, int depth,
                           Evaluation *eval, Annotations *annotations,
                           QList<SchemaViolation> *out) const;
    struct Frame; // one schema object applied to one value
    bool checkReferences(Frame &f) const;
    void checkAssertions(Frame &f) const;
    void checkArray(Frame &f) const;
    void checkObject(Frame &f) const;
    void checkApplicators(Frame &f) const;
    void checkUnevaluated(Frame &f) const;
    bool sub(Frame &f, const QJsonValue &schema, const QJsonValue &value, const QString &path,
             const QString &schemaPath, QList<SchemaViolation> *sink) const;
    bool inPlace(Frame &f, const QJsonValue &schema, const QUrl &base, const QString &schemaPath,
                 QList<SchemaViolation> *sink, bool entersResource = false) const;
    bool indexDocument(const QJsonValue &schema, const QUrl &base, QString *error);
    bool index(const QJsonValue &schema, const QUrl &base, const QString &pointer, int depth,
               QString *error);
    bool loadVocabularies(const QString &metaschema, QString *error);
    bool indexBuiltInMetaschemas(QString *error);
    // Subschemas evaluated with every $ref expanded (recursion counted once).
    qint64 expansion(const QJsonValue &schema, const QUrl &base, int depth,
                     QHash<QString, qint64> *memo, QSet<QString> *active, QString *error) const;
    // Resolves a $ref against a base: the target schema and its base URI.
    bool resolve(const QString &ref, const QUrl &base, QJsonValue *target, QUrl *targetBase,
                 QString *why) const;
    const QRegularExpression *regex(const QString &pattern) const;

    QJsonValue m_schema;
    Dialect m_dialect = Dialect::Draft2020_12;
    Dialect m_defaultDialect = Dialect::Draft2020_12;
    bool m_loaded = false;
    bool m_builtInsIndexed = false;
    bool m_usesUnevaluated = false; // annotations are collected only when something reads them
    qint64 m_workLimit = kDefaultWorkLimit;
    QHash<QString, QJsonValue> m_external; // addResource(): URI → document
    QHash<QString, Resource> m_resources; // absolute URI (no fragment) or URI#anchor → schema
    QHash<QString, Resource> m_dynamicAnchors; // URI#name → schema with that $dynamicAnchor
    QHash<QString, Vocabularies> m_vocabularies; // $schema URI → vocabularies in force
    QHash<QString, QRegularExpression> m_regexes; // compiled once at load
    QStringList m_remoteRefs;
    QList<PendingRef> m_pendingRefs; // collected while indexing, checked after
};

} // namespace mcppm
