#include "pool/fleetcatalog.h"

#include "pool/resourcecatalog.h"
#include "pool/serverpool.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QMap>

#include <functional>

namespace mcppm {

namespace {
// The servers whose lists count: those in rotation, else every server.
QStringList offeringServers(const ServerPool &pool)
{
    const QStringList serving = pool.serversInRotation();
    return serving.isEmpty() ? pool.serverIds() : serving;
}

using ListOf = std::function<QJsonArray(const ServerPool &, const QString &id)>;

QJsonArray unionOf(const ServerPool &pool, const QString &key, const ListOf &listOf)
{
    QMap<QString, QJsonValue> byKey; // sorted, first server wins
    for (const QString &id : offeringServers(pool)) {
        const QJsonArray items = listOf(pool, id);
        for (const QJsonValue &item : items) {
            const QString k = item.toObject().value(key).toString();
            if (!k.isEmpty() && !byKey.contains(k))
                byKey.insert(k, item);
        }
    }
    QJsonArray out;
    for (const QJsonValue &v : std::as_const(byKey))
        out.append(v);
    return out;
}

QJsonArray catalogList(const ServerPool &pool, const QString &id,
                       const QJsonArray &(ResourceCatalog::*list)() const)
{
    const ResourceCatalog *catalog = pool.catalog(id);
    return catalog ? (catalog->*list)() : QJsonArray();
}
} // namespace

QJsonArray FleetCatalog::tools(const ServerPool &pool)
{
    return unionOf(pool, QStringLiteral("name"), [](const ServerPool &p, const QString &id) {
        QJsonArray list;
        if (const McpClient *client = p.client(id)) {
            for (const ToolInfo &tool : client->tools())
                list.append(tool.raw);
        }
        return list;
    });
}

QJsonArray FleetCatalog::resources(const ServerPool &pool)
{
    return unionOf(pool, QStringLiteral("uri"), [](const ServerPool &p, const QString &id) {
        return catalogList(p, id, &ResourceCatalog::resourceItems);
    });
}

QJsonArray FleetCatalog::resourceTemplates(const ServerPool &pool)
{
    return unionOf(pool, QStringLiteral("uriTemplate"), [](const ServerPool &p, const QString &id) {
        return catalogList(p, id, &ResourceCatalog::templateItems);
    });
}

QJsonArray FleetCatalog::prompts(const ServerPool &pool)
{
    return unionOf(pool, QStringLiteral("name"), [](const ServerPool &p, const QString &id) {
        return catalogList(p, id, &ResourceCatalog::promptItems);
    });
}

QByteArray FleetCatalog::fingerprint(const QJsonArray &list)
{
    return QCryptographicHash::hash(QJsonDocument(list).toJson(QJsonDocument::Compact),
                                    QCryptographicHash::Sha256);
}

} // namespace mcppm
