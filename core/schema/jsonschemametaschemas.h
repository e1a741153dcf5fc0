#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace mcppm {

// The JSON Schema 2020-12 metaschema and its vocabulary metaschemas, built in
// so that "$ref": "https://json-schema.org/draft/2020-12/schema" (and a
// custom metaschema that extends it) resolves without any network access.
class JsonSchemaMetaschemas final
{
public:
    struct Entry
    {
        QString uri; // the document's $id
        QJsonObject schema;
    };
    static QList<Entry> documents();
    static bool isBuiltIn(const QString &uri); // a $id of documents()
};

} // namespace mcppm
