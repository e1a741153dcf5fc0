#include "pool/tooldrift.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QMap>

#include <algorithm>

namespace mcppm {

ToolDrift::Prints ToolDrift::fingerprint(const QList<ToolInfo> &tools)
{
    Prints prints;
    for (const ToolInfo &t : tools) {
        QJsonObject definition;
        definition.insert(QStringLiteral("name"), t.name);
        definition.insert(QStringLiteral("inputSchema"), t.inputSchema);
        definition.insert(QStringLiteral("outputSchema"), t.outputSchema);
        // QJsonDocument writes object keys sorted: the same schema gives the same bytes.
        prints.insert(
            t.name,
            QCryptographicHash::hash(QJsonDocument(definition).toJson(QJsonDocument::Compact),
                                     QCryptographicHash::Sha256));
    }
    return prints;
}

QByteArray ToolDrift::setHash(const Prints &prints)
{
    QStringList names = prints.keys();
    std::sort(names.begin(), names.end());
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (const QString &name : std::as_const(names)) {
        hash.addData(name.toUtf8());
        hash.addData(prints.value(name));
    }
    return hash.result();
}

QHash<QString, QString> ToolDrift::compare(const QHash<QString, Prints> &servers)
{
    QHash<QString, QString> result;
    if (servers.isEmpty())
        return result;
    // The reference: the most common tool set (ties: the smallest hash, for stability).
    QMap<QByteArray, int> counts;
    QHash<QString, QByteArray> hashes;
    for (auto it = servers.cbegin(); it != servers.cend(); ++it) {
        hashes.insert(it.key(), setHash(it.value()));
        ++counts[hashes.value(it.key())];
    }
    QByteArray reference;
    int best = 0;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it) {
        if (it.value() > best) {
            best = it.value();
            reference = it.key();
        }
    }
    Prints ref;
    for (auto it = servers.cbegin(); it != servers.cend(); ++it) {
        if (hashes.value(it.key()) == reference) {
            ref = it.value();
            break;
        }
    }
    for (auto it = servers.cbegin(); it != servers.cend(); ++it) {
        if (hashes.value(it.key()) == reference) {
            result.insert(it.key(), QString());
            continue;
        }
        QStringList missing, extra, changed;
        for (auto r = ref.cbegin(); r != ref.cend(); ++r) {
            if (!it.value().contains(r.key()))
                missing << r.key();
            else if (it.value().value(r.key()) != r.value())
                changed << r.key();
        }
        for (auto o = it.value().cbegin(); o != it.value().cend(); ++o) {
            if (!ref.contains(o.key()))
                extra << o.key();
        }
        for (QStringList *list : {&missing, &extra, &changed})
            std::sort(list->begin(), list->end());
        QStringList parts;
        if (!missing.isEmpty())
            parts << QStringLiteral("missing: ") + missing.join(QStringLiteral(", "));
        if (!extra.isEmpty())
            parts << QStringLiteral("extra: ") + extra.join(QStringLiteral(", "));
        if (!changed.isEmpty())
            parts << QStringLiteral("different schema: ") + changed.join(QStringLiteral(", "));
        result.insert(it.key(), parts.join(QStringLiteral("; ")));
    }
    return result;
}

} // namespace mcppm
