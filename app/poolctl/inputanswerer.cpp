#include "inputanswerer.h"

#include "output.h"

#include "net/safetext.h"

#include <QJsonArray>
#include <QUrl>

#include <cstdio>
#include <unistd.h>

namespace mcppm::poolctl {

namespace {
McpError declined(const QString &why)
{
    McpError error = McpError::make(McpError::Kind::Rpc, why);
    error.rpcCode = -1; // the spec's "user rejected" code for sampling
    return error;
}

QJsonObject action(const QString &name)
{
    QJsonObject result;
    result.insert(QStringLiteral("action"), name);
    return result;
}

// A typed value from what was typed for a schema property; false if it does not fit.
bool convert(const QString &typed, const QJsonObject &property, QJsonValue *value)
{
    const QString type = property.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("boolean")) {
        const QString t = typed.toLower();
        if (t == QLatin1String("y") || t == QLatin1String("yes") || t == QLatin1String("true")) {
            *value = true;
            return true;
        }
        if (t == QLatin1String("n") || t == QLatin1String("no") || t == QLatin1String("false")) {
            *value = false;
            return true;
        }
        return false;
    }
    if (type == QLatin1String("integer")) {
        bool ok = false;
        const qint64 n = typed.toLongLong(&ok);
        *value = n;
        return ok;
    }
    if (type == QLatin1String("number")) {
        bool ok = false;
        const double n = typed.toDouble(&ok);
        *value = n;
        return ok;
    }
    if (type == QLatin1String("array")) {
        QJsonArray items;
        for (const QString &item : typed.split(QLatin1Char(','), Qt::SkipEmptyParts))
            items.append(item.trimmed());
        *value = items;
        return true;
    }
    *value = typed;
    return true;
}

// "a, b, c" from enum / oneOf / anyOf choices (const values, titles beside).
QString choices(const QJsonObject &property)
{
    QStringList list;
    const QJsonObject items = property.value(QStringLiteral("items")).toObject();
    for (const QJsonObject &source : {property, items}) {
        for (const QJsonValue &v : source.value(QStringLiteral("enum")).toArray())
            list << v.toString();
        for (const char *key : {"oneOf", "anyOf"}) {
            for (const QJsonValue &v : source.value(QLatin1String(key)).toArray()) {
                const QJsonObject option = v.toObject();
                const QString title = option.value(QStringLiteral("title")).toString();
                list << option.value(QStringLiteral("const")).toString()
                        + (title.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(title));
            }
        }
    }
    return list.join(QStringLiteral(", "));
}
} // namespace

InputAnswerer::InputAnswerer(const PoolctlOptions &options, QTextStream &err, bool interactive)
    : m_options(options)
    , m_err(err)
    , m_interactive(interactive)
{ }

bool InputAnswerer::stdinIsTerminal()
{
    return ::isatty(STDIN_FILENO) == 1;
}

ClientFeatures InputAnswerer::features() const
{
    ClientFeatures features;
    features.elicitationForm = !m_options.elicit.isEmpty() || m_interactive;
    // URL mode needs a person's consent; --elicit decline may refuse it for them.
    features.elicitationUrl = m_options.elicit == QLatin1String("decline") || m_interactive;
    features.sampling = !m_options.sampling.isEmpty() || m_interactive;
    features.roots = !m_options.roots.isEmpty();
    return features;
}

void InputAnswerer::answer(const QString &serverId, const QString &method,
                           const QJsonObject &params, const InputResponder &respond)
{
    if (method == QLatin1String("elicitation/create"))
        elicit(serverId, params, respond);
    else if (method == QLatin1String("sampling/createMessage"))
        sample(serverId, params, respond);
    else if (method == QLatin1String("roots/list") && !m_options.roots.isEmpty())
        roots(respond);
    else
        respond({},
                McpError::make(McpError::Kind::Rpc,
                               QStringLiteral("%1 is not answered by mcp-poolctl").arg(method)));
}

QString InputAnswerer::contentText(const QJsonObject &content)
{
    const QString type = content.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("text"))
        return content.value(QStringLiteral("text")).toString();
    if (type == QLatin1String("image") || type == QLatin1String("audio"))
        return QStringLiteral("[%1, %2, %3 bytes of base64]")
            .arg(type, content.value(QStringLiteral("mimeType")).toString())
            .arg(content.value(QStringLiteral("data")).toString().size());
    if (type == QLatin1String("resource")) {
        const QJsonObject resource = content.value(QStringLiteral("resource")).toObject();
        if (resource.contains(QStringLiteral("text")))
            return QStringLiteral("[resource %1]\n%2")
                .arg(resource.value(QStringLiteral("uri")).toString(),
                     resource.value(QStringLiteral("text")).toString());
        return QStringLiteral("[resource %1, %2, binary]")
            .arg(resource.value(QStringLiteral("uri")).toString(),
                 resource.value(QStringLiteral("mimeType")).toString());
    }
    if (type == QLatin1String("resource_link"))
        return QStringLiteral("[link %1]").arg(content.value(QStringLiteral("uri")).toString());
    return QStringLiteral("[%1 content]").arg(type.isEmpty() ? QStringLiteral("unknown") : type);
}

void InputAnswerer::elicit(const QString &serverId, const QJsonObject &params,
                           const InputResponder &respond)
{
    const bool urlMode = params.value(QStringLiteral("mode")).toString() == QLatin1String("url");
    const QString message = params.value(QStringLiteral("message")).toString();
    if (m_options.elicit == QLatin1String("decline")) {
        m_err << "[" << serverId
              << "] elicitation declined (--elicit decline): " << SafeText::escape(message) << "\n";
        m_err.flush();
        respond(action(QStringLiteral("decline")), {});
        return;
    }
    if (!m_options.elicit.isEmpty() && !urlMode) {
        const QJsonObject schema = params.value(QStringLiteral("requestedSchema")).toObject();
        const QJsonObject content
            = ClientFeatures::withSchemaDefaults(m_options.elicitContent, schema);
        QStringList missing;
        for (const QJsonValue &name : schema.value(QStringLiteral("required")).toArray()) {
            if (!content.contains(name.toString()))
                missing << name.toString();
        }
        if (!missing.isEmpty()) {
            // Accepting without a required value only makes the server ask again.
            m_err << "[" << serverId << "] elicitation declined: --elicit "
                  << (m_options.elicit == QLatin1String("defaults") ? QStringLiteral("defaults")
                                                                    : QStringLiteral("FILE"))
                  << " has no value for required "
                  << SafeText::escape(missing.join(QStringLiteral(", "))) << " ("
                  << SafeText::escape(message) << ")\n";
            m_err.flush();
            respond(action(QStringLiteral("decline")), {});
            return;
        }
        QJsonObject result = action(QStringLiteral("accept"));
        result.insert(QStringLiteral("content"), content);
        m_err << "[" << serverId << "] elicitation accepted (--elicit "
              << (m_options.elicit == QLatin1String("defaults") ? QStringLiteral("defaults")
                                                                : QStringLiteral("FILE"))
              << "): " << SafeText::escape(message) << "\n";
        m_err.flush();
        respond(result, {});
        return;
    }
    if (!m_interactive) {
        respond(action(QStringLiteral("decline")), {});
        return;
    }
    elicitOnTerminal(serverId, params, respond);
}

void InputAnswerer::elicitOnTerminal(const QString &serverId, const QJsonObject &params,
                                     const InputResponder &respond)
{
    const QString message = params.value(QStringLiteral("message")).toString();
    m_err << "\n[" << serverId << "] asks: " << SafeText::escape(message, SafeText::Mode::MultiLine)
          << "\n";
    QString line;
    if (params.value(QStringLiteral("mode")).toString() == QLatin1String("url")) {
        const QUrl url(params.value(QStringLiteral("url")).toString());
        m_err << "  URL: " << SafeText::escape(url.toDisplayString(QUrl::RemoveUserInfo)) << "\n";
        if (!readLine(QStringLiteral("Open this URL yourself and continue? [y]es / [n]o / "
                                     "[c]ancel: "),
                      &line)
            || line.startsWith(QLatin1Char('c'), Qt::CaseInsensitive)) {
            respond(action(QStringLiteral("cancel")), {});
            return;
        }
        respond(action(line.startsWith(QLatin1Char('y'), Qt::CaseInsensitive)
                           ? QStringLiteral("accept")
                           : QStringLiteral("decline")),
                {});
        return;
    }
    if (!readLine(QStringLiteral("Answer? [y]es / [n]o (decline) / [c]ancel: "), &line)
        || line.startsWith(QLatin1Char('c'), Qt::CaseInsensitive)) {
        respond(action(QStringLiteral("cancel")), {});
        return;
    }
    if (!line.startsWith(QLatin1Char('y'), Qt::CaseInsensitive)) {
        respond(action(QStringLiteral("decline")), {});
        return;
    }
    const QJsonObject schema = params.value(QStringLiteral("requestedSchema")).toObject();
    const QJsonObject properties = schema.value(QStringLiteral("properties")).toObject();
    const QJsonArray required = schema.value(QStringLiteral("required")).toArray();
    QJsonObject content;
    for (auto it = properties.begin(); it != properties.end(); ++it) {
        const QJsonObject property = it.value().toObject();
        const QString title = property.value(QStringLiteral("title")).toString();
        const QString description = property.value(QStringLiteral("description")).toString();
        const QString list = choices(property);
        m_err << "  " << SafeText::escape(it.key())
              << (title.isEmpty() ? QString()
                                  : QStringLiteral(" (%1)").arg(SafeText::escape(title)))
              << ", " << SafeText::escape(property.value(QStringLiteral("type")).toString())
              << (required.contains(QJsonValue(it.key())) ? ", required" : "") << "\n";
        if (!description.isEmpty())
            m_err << "    " << SafeText::escape(description) << "\n";
        if (!list.isEmpty())
            m_err << "    one of: " << SafeText::escape(list) << "\n";
        const QJsonValue fallback = property.value(QStringLiteral("default"));
        for (;;) {
            const QString prompt = fallback.isUndefined()
                ? QStringLiteral("    value (empty: leave out): ")
                : QStringLiteral("    value (empty: %1): ")
                      .arg(SafeText::escape(Output::compact(fallback)));
            if (!readLine(prompt, &line)) {
                respond(action(QStringLiteral("cancel")), {});
                return;
            }
            if (line.isEmpty() && required.contains(QJsonValue(it.key()))
                && fallback.isUndefined()) {
                m_err << "    required; type a value (or end the input to cancel)\n";
                continue;
            }
            if (line.isEmpty())
                break; // the default (filled in below) or left out
            QJsonValue value;
            if (convert(line, property, &value)) {
                content.insert(it.key(), value);
                break;
            }
            m_err << "    not a " << property.value(QStringLiteral("type")).toString()
                  << "; try again\n";
        }
    }
    QJsonObject result = action(QStringLiteral("accept"));
    result.insert(QStringLiteral("content"), ClientFeatures::withSchemaDefaults(content, schema));
    respond(result, {});
}

void InputAnswerer::sample(const QString &serverId, const QJsonObject &params,
                           const InputResponder &respond)
{
    auto reply = [&respond](const QString &text) {
        QJsonObject content;
        content.insert(QStringLiteral("type"), QStringLiteral("text"));
        content.insert(QStringLiteral("text"), text);
        QJsonObject result;
        result.insert(QStringLiteral("role"), QStringLiteral("assistant"));
        result.insert(QStringLiteral("content"), content);
        result.insert(QStringLiteral("model"), QStringLiteral("mcp-poolctl"));
        result.insert(QStringLiteral("stopReason"), QStringLiteral("endTurn"));
        respond(result, {});
    };
    if (m_options.sampling == QLatin1String("decline")) {
        m_err << "[" << serverId << "] sampling declined (--sampling decline)\n";
        m_err.flush();
        respond({}, declined(QStringLiteral("User rejected sampling request")));
        return;
    }
    if (!m_options.sampling.isEmpty()) {
        m_err << "[" << serverId << "] sampling answered (--sampling FILE)\n";
        m_err.flush();
        reply(m_options.samplingText);
        return;
    }
    if (!m_interactive) {
        respond({}, declined(QStringLiteral("User rejected sampling request")));
        return;
    }
    m_err << "\n[" << serverId << "] asks for a model reply (sampling):\n";
    const QString system = params.value(QStringLiteral("systemPrompt")).toString();
    if (!system.isEmpty())
        m_err << "  system: " << SafeText::escape(system, SafeText::Mode::MultiLine) << "\n";
    for (const QJsonValue &v : params.value(QStringLiteral("messages")).toArray()) {
        const QJsonObject message = v.toObject();
        const QJsonValue content = message.value(QStringLiteral("content"));
        QStringList parts;
        if (content.isArray()) {
            for (const QJsonValue &c : content.toArray())
                parts << contentText(c.toObject());
        } else {
            parts << contentText(content.toObject());
        }
        m_err << "  " << SafeText::escape(message.value(QStringLiteral("role")).toString()) << ": "
              << SafeText::escape(parts.join(QLatin1Char('\n')), SafeText::Mode::MultiLine) << "\n";
    }
    QString line;
    if (!readLine(QStringLiteral("Reply text (empty line declines): "), &line) || line.isEmpty()) {
        respond({}, declined(QStringLiteral("User rejected sampling request")));
        return;
    }
    reply(line);
}

void InputAnswerer::roots(const InputResponder &respond)
{
    QJsonArray list;
    for (const QString &root : std::as_const(m_options.roots)) {
        const QUrl url
            = root.startsWith(QLatin1String("file://")) ? QUrl(root) : QUrl::fromLocalFile(root);
        QJsonObject entry;
        entry.insert(QStringLiteral("uri"), url.toString(QUrl::FullyEncoded));
        entry.insert(QStringLiteral("name"), url.fileName().isEmpty() ? root : url.fileName());
        list.append(entry);
    }
    QJsonObject result;
    result.insert(QStringLiteral("roots"), list);
    respond(result, {});
}

bool InputAnswerer::readLine(const QString &prompt, QString *line)
{
    m_err << prompt;
    m_err.flush();
    // Blocking on purpose: a person is answering; the servers wait for us.
    char buffer[4096];
    if (!std::fgets(buffer, sizeof buffer, stdin))
        return false;
    *line = QString::fromUtf8(buffer).trimmed();
    return true;
}

} // namespace mcppm::poolctl
