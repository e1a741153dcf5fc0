#include "validatecommand.h"

#include "output.h"

#include "schema/jsonschemavalidator.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QJsonParseError>

namespace mcppm::poolctl {

namespace {
// Reads a JSON file (any JSON value, also a bare scalar); false with a message.
bool readJson(const QString &path, QJsonValue *value, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return false;
    }
    const QByteArray bytes = file.readAll();
    // Wrapping lets a scalar document ("42", "true") parse too.
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson("[" + bytes + "\n]", &pe);
    if (pe.error != QJsonParseError::NoError || doc.array().size() != 1) {
        *error = QStringLiteral("%1 is not valid JSON%2")
                     .arg(path,
                          pe.error != QJsonParseError::NoError
                              ? QStringLiteral(" (%1)").arg(pe.errorString())
                              : QString());
        return false;
    }
    *value = doc.array().first();
    return true;
}
} // namespace

int runValidateCommand(const QStringList &arguments, QTextStream &out, QTextStream &err)
{
    QStringList files = arguments;
    const bool json = files.removeAll(QStringLiteral("--json")) > 0;
    if (files.size() != 2) {
        err << "usage: mcp-poolctl validate SCHEMA.json INSTANCE.json [--json]\n";
        return 2;
    }
    QJsonValue schema, instance;
    QString error;
    if (!readJson(files.at(0), &schema, &error) || !readJson(files.at(1), &instance, &error)) {
        err << "mcp-poolctl: " << error << "\n";
        return 2;
    }
    JsonSchemaValidator validator;
    if (!validator.setSchema(schema, &error)) {
        err << "mcp-poolctl: " << files.at(0) << " is not a usable schema: " << error << "\n";
        return 2;
    }
    const QList<SchemaViolation> violations = validator.validate(instance);
    if (json) {
        QJsonArray errors;
        for (const SchemaViolation &v : violations) {
            QJsonObject e;
            e.insert(QStringLiteral("path"), v.instancePath);
            e.insert(QStringLiteral("keyword"), v.keyword);
            e.insert(QStringLiteral("schemaPath"), v.schemaPath);
            e.insert(QStringLiteral("message"), v.message);
            errors.append(e);
        }
        QJsonObject root;
        root.insert(QStringLiteral("valid"), violations.isEmpty());
        root.insert(QStringLiteral("errors"), errors);
        out << Output::jsonSafe(
            QString::fromUtf8(QJsonDocument(root).toJson(QJsonDocument::Indented)));
    } else if (violations.isEmpty()) {
        out << "valid\n";
    } else {
        out << "invalid\n";
        for (const SchemaViolation &v : violations)
            out << "  " << (v.instancePath.isEmpty() ? QStringLiteral("/") : v.instancePath) << ' '
                << v.keyword << ": " << v.message << "\n";
    }
    out.flush();
    return violations.isEmpty() ? 0 : 1;
}

} // namespace mcppm::poolctl
