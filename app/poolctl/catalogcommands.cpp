#include "catalogcommands.h"

#include "clientcommands.h"
#include "inputanswerer.h"
#include "output.h"

#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"
#include "net/safetext.h"
#include "pool/serverpool.h"

#include <QJsonArray>
#include <QJsonDocument>

namespace mcppm::poolctl {

namespace {
bool parseObject(const QString &option, const QString &json, QJsonObject *object, QString *error)
{
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(json.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        *error = QStringLiteral("%1 must be a JSON object").arg(option)
            + (pe.error != QJsonParseError::NoError
                   ? QStringLiteral(" (%1 at offset %2)").arg(pe.errorString()).arg(pe.offset)
                   : QString());
        return false;
    }
    *object = doc.object();
    return true;
}

// Prompt and completion arguments are strings (prompts/get, completion/complete).
bool stringArguments(const QString &option, const QString &json, QJsonObject *object,
                     QString *error)
{
    if (!parseObject(option, json, object, error))
        return false;
    for (auto it = object->begin(); it != object->end(); ++it) {
        if (!it.value().isString()) {
            *error = QStringLiteral("%1: the value of \"%2\" must be a string")
                         .arg(option, SafeText::escape(it.key()));
            return false;
        }
    }
    return true;
}

QString capabilityFor(const QString &command)
{
    if (command == QLatin1String("prompts") || command == QLatin1String("prompt"))
        return QStringLiteral("prompts");
    if (command == QLatin1String("complete"))
        return QStringLiteral("completions");
    return QStringLiteral("resources");
}
} // namespace

CatalogCommands::CatalogCommands(const PoolctlOptions &options, ServerPool *pool, QTextStream &out,
                                 QTextStream &err)
    : m_options(options)
    , m_pool(pool)
    , m_out(out)
    , m_err(err)
{ }

bool CatalogCommands::checkUsage(const PoolctlOptions &options, QString *error)
{
    const QString &command = options.command;
    QJsonObject ignored;
    if (command == QLatin1String("resources") || command == QLatin1String("templates")
        || command == QLatin1String("prompts")) {
        if (!options.arguments.isEmpty()) {
            *error = QStringLiteral("%1 takes no arguments").arg(command);
            return false;
        }
        return true;
    }
    if (command == QLatin1String("prompt")) {
        if (options.arguments.size() != 1) {
            *error = QStringLiteral("prompt wants exactly one prompt NAME (arguments go in --args "
                                    "JSON)");
            return false;
        }
        return stringArguments(QStringLiteral("--args"), options.argsJson, &ignored, error);
    }
    if (command == QLatin1String("complete")) {
        if (options.completePrompt.isEmpty() == options.completeResource.isEmpty()) {
            *error = QStringLiteral("complete wants either --prompt NAME or --resource URI");
            return false;
        }
        if (options.arguments.size() != 2) {
            *error = QStringLiteral("complete wants ARG VALUE (the argument's name and what is "
                                    "typed so far; VALUE may be \"\")");
            return false;
        }
        return options.contextJson.isEmpty()
            || stringArguments(QStringLiteral("--context"), options.contextJson, &ignored, error);
    }
    *error = QStringLiteral("unknown command \"%1\"").arg(command);
    return false;
}

int CatalogCommands::run()
{
    if (m_options.command == QLatin1String("prompt"))
        return prompt();
    if (m_options.command == QLatin1String("complete"))
        return complete();
    return list();
}

QList<McpClient *> CatalogCommands::candidates() const
{
    QList<McpClient *> clients;
    for (const QString &id : m_pool->serverIds()) {
        if (!m_options.on.isEmpty() && id != m_options.on)
            continue;
        if (isInRotation(m_pool->healthMonitor()->status(id)) && m_pool->client(id))
            clients.append(m_pool->client(id));
    }
    return clients;
}

McpClient *CatalogCommands::pick(const QString &capability)
{
    const QList<McpClient *> clients = candidates();
    McpClient *first = nullptr;
    for (McpClient *client : clients) {
        if (!client->serverInfo().capabilities.contains(capability))
            continue;
        if (clients.size() == 1 || lists(client))
            return client;
        if (!first)
            first = client;
    }
    if (first)
        return first;
    if (clients.isEmpty())
        m_err << "mcp-poolctl: "
              << (m_options.on.isEmpty() ? QStringLiteral("no server")
                                         : QStringLiteral("--on ") + m_options.on)
              << " could be reached\n";
    else
        m_err << "mcp-poolctl: "
              << (m_options.on.isEmpty() ? QStringLiteral("no server offers ")
                                         : m_options.on + QStringLiteral(" does not offer "))
              << capability << "\n";
    return nullptr;
}

bool CatalogCommands::lists(McpClient *client) const
{
    const QString prompt = m_options.command == QLatin1String("prompt")
        ? m_options.arguments.value(0)
        : m_options.completePrompt;
    auto contains
        = [](McpReply *reply, const QString &key, const QString &field, const QString &value) {
              ClientCommands::await(reply);
              bool found = false;
              for (const QJsonValue &v : reply->result().value(key).toArray())
                  found = found || v.toObject().value(field).toString() == value;
              reply->deleteLater();
              return found;
          };
    if (!prompt.isEmpty()) {
        return client->serverInfo().hasPrompts()
            && contains(client->listPrompts(), QStringLiteral("prompts"), QStringLiteral("name"),
                        prompt);
    }
    const QString &uri = m_options.completeResource;
    return client->serverInfo().hasResources()
        && (contains(client->listResourceTemplates(), QStringLiteral("resourceTemplates"),
                     QStringLiteral("uriTemplate"), uri)
            || contains(client->listResources(), QStringLiteral("resources"), QStringLiteral("uri"),
                        uri));
}

int CatalogCommands::list()
{
    const QString &command = m_options.command;
    const QString capability = capabilityFor(command);
    const QString key
        = command == QLatin1String("templates") ? QStringLiteral("resourceTemplates") : command;
    const QList<McpClient *> clients = candidates();
    if (clients.isEmpty()) {
        m_err << "mcp-poolctl: no server could be reached\n";
        return 3;
    }
    QJsonArray servers;
    int asked = 0;
    int failures = 0;
    for (McpClient *client : clients) {
        if (!client->serverInfo().capabilities.contains(capability))
            continue;
        ++asked;
        McpReply *reply = command == QLatin1String("resources") ? client->listResources()
            : command == QLatin1String("templates")             ? client->listResourceTemplates()
                                                                : client->listPrompts();
        ClientCommands::await(reply);
        QJsonObject server;
        server.insert(QStringLiteral("id"), client->serverId());
        server.insert(QStringLiteral("era"), McpClient::eraName(client->era()));
        server.insert(QStringLiteral("protocolVersion"), client->protocolVersion());
        if (reply->isError()) {
            ++failures;
            server.insert(QStringLiteral("error"), Output::errorJson(reply->error()));
            if (!m_options.json)
                m_err << "mcp-poolctl: " << client->serverId() << ": " << command
                      << " failed: " << SafeText::escape(reply->error().message) << "\n";
        } else {
            const QJsonArray items = reply->result().value(key).toArray();
            server.insert(key, items);
            if (!m_options.json) {
                m_out << client->serverId() << ": " << items.size() << ' '
                      << (command == QLatin1String("templates") ? QStringLiteral("templates")
                                                                : command)
                      << "\n";
                for (const QJsonValue &v : items) {
                    const QJsonObject item = v.toObject();
                    QString first;
                    QString detail;
                    if (command == QLatin1String("prompts")) {
                        QStringList args;
                        for (const QJsonValue &a :
                             item.value(QStringLiteral("arguments")).toArray()) {
                            const QJsonObject arg = a.toObject();
                            args << arg.value(QStringLiteral("name")).toString()
                                    + (arg.value(QStringLiteral("required")).toBool()
                                           ? QString()
                                           : QStringLiteral("?"));
                        }
                        first = item.value(QStringLiteral("name")).toString();
                        if (!args.isEmpty())
                            first += QStringLiteral("(%1)").arg(args.join(QStringLiteral(", ")));
                    } else {
                        first = item.value(command == QLatin1String("templates")
                                               ? QStringLiteral("uriTemplate")
                                               : QStringLiteral("uri"))
                                    .toString();
                        detail = item.value(QStringLiteral("mimeType")).toString();
                    }
                    const QString title
                        = item.value(QStringLiteral("title"))
                              .toString(item.value(QStringLiteral("name")).toString());
                    const QString description = item.value(QStringLiteral("description"))
                                                    .toString()
                                                    .section(QLatin1Char('\n'), 0, 0);
                    QStringList rest;
                    if (command != QLatin1String("prompts") && !title.isEmpty())
                        rest << title;
                    if (!detail.isEmpty())
                        rest << QStringLiteral("[%1]").arg(detail);
                    if (!description.isEmpty())
                        rest << description;
                    m_out << "  " << SafeText::escape(first).leftJustified(34) << ' '
                          << SafeText::escape(rest.join(QStringLiteral("  "))) << "\n";
                }
            }
        }
        servers.append(server);
        reply->deleteLater();
    }
    if (m_options.json) {
        QJsonObject root;
        root.insert(QStringLiteral("servers"), servers);
        Output::printJson(m_out, root);
    } else if (asked == 0) {
        m_out << "no server offers " << capability << "\n";
    }
    m_out.flush();
    if (asked == 0 && !m_options.on.isEmpty()) {
        m_err << "mcp-poolctl: " << m_options.on << " does not offer " << capability << "\n";
        return 1;
    }
    return failures > 0 ? 1 : 0;
}

int CatalogCommands::prompt()
{
    QJsonObject arguments;
    QString why;
    stringArguments(QStringLiteral("--args"), m_options.argsJson, &arguments, &why); // checked
    McpClient *client = pick(QStringLiteral("prompts"));
    if (!client)
        return candidates().isEmpty() ? 3 : 1;
    const QString name = m_options.arguments.first();
    McpReply *reply = client->getPrompt(name, arguments, m_options.timeoutMs);
    ClientCommands::await(reply);
    const int code = reply->isError() ? 1 : 0;
    if (m_options.json) {
        QJsonObject root;
        root.insert(QStringLiteral("server"), client->serverId());
        root.insert(QStringLiteral("prompt"), name);
        if (reply->isError())
            root.insert(QStringLiteral("error"), Output::errorJson(reply->error()));
        else
            root.insert(QStringLiteral("result"), reply->result());
        Output::printJson(m_out, root);
    } else if (reply->isError()) {
        m_err << "mcp-poolctl: prompt " << SafeText::escape(name) << " failed on "
              << client->serverId() << ": " << SafeText::escape(reply->error().toString()) << "\n";
    } else {
        const QJsonObject result = reply->result();
        m_err << "[" << client->serverId() << "]\n";
        m_err.flush();
        const QString description = result.value(QStringLiteral("description")).toString();
        if (!description.isEmpty())
            m_out << "# " << SafeText::escape(description) << "\n";
        for (const QJsonValue &v : result.value(QStringLiteral("messages")).toArray()) {
            const QJsonObject message = v.toObject();
            m_out << SafeText::escape(message.value(QStringLiteral("role")).toString()) << ": "
                  << SafeText::escape(InputAnswerer::contentText(
                                          message.value(QStringLiteral("content")).toObject()),
                                      SafeText::Mode::MultiLine)
                  << "\n";
        }
    }
    reply->deleteLater();
    m_out.flush();
    m_err.flush();
    return code;
}

int CatalogCommands::complete()
{
    QJsonObject context;
    QString why;
    if (!m_options.contextJson.isEmpty())
        stringArguments(QStringLiteral("--context"), m_options.contextJson, &context, &why);
    McpClient *client = pick(QStringLiteral("completions"));
    if (!client)
        return candidates().isEmpty() ? 3 : 1;
    QJsonObject ref;
    if (!m_options.completePrompt.isEmpty()) {
        ref.insert(QStringLiteral("type"), QStringLiteral("ref/prompt"));
        ref.insert(QStringLiteral("name"), m_options.completePrompt);
    } else {
        ref.insert(QStringLiteral("type"), QStringLiteral("ref/resource"));
        ref.insert(QStringLiteral("uri"), m_options.completeResource);
    }
    McpReply *reply = client->complete(ref, m_options.arguments.at(0), m_options.arguments.at(1),
                                       context, m_options.timeoutMs);
    ClientCommands::await(reply);
    const QJsonObject completion = reply->result().value(QStringLiteral("completion")).toObject();
    const QJsonArray values = completion.value(QStringLiteral("values")).toArray();
    if (m_options.json) {
        QJsonObject root;
        root.insert(QStringLiteral("server"), client->serverId());
        root.insert(QStringLiteral("ref"), ref);
        root.insert(QStringLiteral("argument"), m_options.arguments.at(0));
        if (reply->isError()) {
            root.insert(QStringLiteral("error"), Output::errorJson(reply->error()));
        } else {
            root.insert(QStringLiteral("values"), values);
            if (completion.contains(QStringLiteral("total")))
                root.insert(QStringLiteral("total"), completion.value(QStringLiteral("total")));
            root.insert(QStringLiteral("hasMore"),
                        completion.value(QStringLiteral("hasMore")).toBool());
        }
        Output::printJson(m_out, root);
    } else if (reply->isError()) {
        m_err << "mcp-poolctl: complete failed on " << client->serverId() << ": "
              << SafeText::escape(reply->error().toString()) << "\n";
    } else {
        for (const QJsonValue &v : values)
            m_out << SafeText::escape(v.toString()) << "\n";
        if (completion.value(QStringLiteral("hasMore")).toBool())
            m_err << "(more: " << completion.value(QStringLiteral("total")).toInt() << " in all)\n";
    }
    const int code = reply->isError() ? 1 : 0;
    reply->deleteLater();
    m_out.flush();
    m_err.flush();
    return code;
}

} // namespace mcppm::poolctl
