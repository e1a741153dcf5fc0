#include "mcp/clientfeatures.h"

namespace mcppm {

QJsonObject ClientFeatures::capabilities() const
{
    QJsonObject capabilities;
    if (elicitationForm || elicitationUrl) {
        QJsonObject elicitation;
        if (elicitationForm)
            elicitation.insert(QStringLiteral("form"), QJsonObject());
        if (elicitationUrl)
            elicitation.insert(QStringLiteral("url"), QJsonObject());
        capabilities.insert(QStringLiteral("elicitation"), elicitation);
    }
    if (sampling)
        capabilities.insert(QStringLiteral("sampling"), QJsonObject());
    if (roots)
        capabilities.insert(QStringLiteral("roots"), QJsonObject());
    return capabilities;
}

bool ClientFeatures::handles(const QString &method, const QJsonObject &params, QString *why) const
{
    QString reason;
    if (method == QLatin1String("elicitation/create")) {
        const QString mode = params.value(QStringLiteral("mode")).toString();
        if (mode == QLatin1String("url")) {
            if (elicitationUrl)
                return true;
            reason = QStringLiteral("URL elicitation was not declared by this client");
        } else if (mode.isEmpty() || mode == QLatin1String("form")) {
            if (elicitationForm)
                return true;
            reason = QStringLiteral("elicitation was not declared by this client");
        } else {
            reason = QStringLiteral("unknown elicitation mode \"%1\"").arg(mode.left(40));
        }
    } else if (method == QLatin1String("sampling/createMessage")) {
        if (sampling)
            return true;
        reason = QStringLiteral("sampling was not declared by this client");
    } else if (method == QLatin1String("roots/list")) {
        if (roots)
            return true;
        reason = QStringLiteral("roots were not declared by this client");
    } else {
        reason = QStringLiteral("Method not found: %1").arg(method.left(80));
    }
    if (why)
        *why = reason;
    return false;
}

QJsonObject ClientFeatures::withSchemaDefaults(const QJsonObject &content,
                                               const QJsonObject &schema)
{
    QJsonObject filled = content;
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonObject property = it.value().toObject();
        if (!filled.contains(it.key()) && property.contains(QStringLiteral("default")))
            filled.insert(it.key(), property.value(QStringLiteral("default")));
    }
    return filled;
}

} // namespace mcppm
