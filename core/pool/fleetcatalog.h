#pragma once

#include <QByteArray>
#include <QJsonArray>

namespace mcppm {

class ServerPool;

// What the fleet offers as one server: the union of its servers' tools,
// resources, resource templates and prompts. An entry is offered while some
// server in rotation lists it (the first such server's description is used,
// in the order the servers were added); while no server is in rotation, what
// the known servers list is offered. Sorted by name (or URI) so the lists
// and their fingerprints do not depend on timing.
class FleetCatalog final
{
public:
    FleetCatalog() = delete;

    static QJsonArray tools(const ServerPool &pool);
    static QJsonArray resources(const ServerPool &pool);
    static QJsonArray resourceTemplates(const ServerPool &pool);
    static QJsonArray prompts(const ServerPool &pool);
    // A digest of a list, to tell when it changed.
    static QByteArray fingerprint(const QJsonArray &list);
};

} // namespace mcppm
