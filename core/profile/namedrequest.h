#pragma once

#include <QJsonObject>
#include <QJsonValue>
#include <QMetaType>
#include <QString>

#include <optional>

namespace mcppm {

// A tool call saved under a name in the profile ("requests": [...]), so the
// composer can load and run it again: which tool, its arguments, where it
// goes, with what priority and timeout. Keys this version does not know are
// kept as they were, like ProfileServer::extra.
struct NamedRequest
{
    static constexpr int kMinPriority = -1000;
    static constexpr int kMaxPriority = 1000;
    static constexpr int kMaxTimeoutMs = 3600000; // one hour

    QString name;
    QString tool;
    QJsonObject arguments;
    QString target = QStringLiteral("pool"); // "pool", "all" or "server:ID"
    int priority = 0;
    int timeoutMs = 60000;
    QJsonObject extra; // keys this version does not know

    // The error names the key that is wrong; the caller says which entry it is.
    static std::optional<NamedRequest> fromJson(const QJsonValue &value, QString *error);
    QJsonObject toJson() const;
    // "pool", "all" or "server:" followed by a server id.
    static bool isValidTarget(const QString &target);

    bool operator==(const NamedRequest &other) const = default;
};

} // namespace mcppm

Q_DECLARE_METATYPE(mcppm::NamedRequest)
