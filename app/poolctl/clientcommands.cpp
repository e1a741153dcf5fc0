#include "clientcommands.h"

#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace mcppm::poolctl {

namespace {
QString compact(const QJsonValue &value)
{
    if (value.isObject())
        return QString::fromUtf8(QJsonDocument(value.toObject()).toJson(QJsonDocument::Compact));
    if (value.isArray())
        return QString::fromUtf8(QJsonDocument(value.toArray()).toJson(QJsonDocument::Compact));
    return value.toVariant().toString();
}

QJsonObject errorJson(const McpError &error)
{
    QJsonObject o;
    o.insert(QStringLiteral("kind"), McpError::kindName(error.kind));
    o.insert(QStringLiteral("message"), error.message);
    if (!error.serverId.isEmpty())
        o.insert(QStringLiteral("server"), error.serverId);
    if (error.httpStatus)
        o.insert(QStringLiteral("httpStatus"), error.httpStatus);
    if (error.kind == McpError::Kind::Rpc)
        o.insert(QStringLiteral("code"), error.rpcCode);
    return o;
}

void printJson(QTextStream &out, const QJsonObject &object)
{
    out << QString::fromUtf8(QJsonDocument(object).toJson(QJsonDocument::Indented));
    out.flush();
}
} // namespace

ClientCommands::ClientCommands(const PoolctlOptions &options, QTextStream &out, QTextStream &err)
    : m_options(options)
    , m_out(out)
    , m_err(err)
{ }

ClientCommands::~ClientCommands()
{
    for (McpClient *client : std::as_const(m_clients)) {
        if (client->isConnected()) {
            // End the session politely (DELETE), bounded in time.
            QEventLoop loop;
            QObject::connect(client, &McpClient::sessionClosed, &loop, &QEventLoop::quit);
            client->disconnectFromServer();
            QTimer::singleShot(2000, &loop, &QEventLoop::quit);
            loop.exec();
        }
        delete client;
    }
}

void ClientCommands::await(McpReply *reply)
{
    if (reply->isFinished())
        return;
    QEventLoop loop;
    QObject::connect(reply, &McpReply::finished, &loop, &QEventLoop::quit);
    loop.exec();
}

int ClientCommands::run()
{
    if (m_options.servers.isEmpty()) {
        m_err << "mcp-poolctl: " << m_options.command << " needs at least one --server ID=URL\n";
        return 2;
    }
    if (m_options.command == QLatin1String("tools"))
        return tools();
    if (m_options.command == QLatin1String("call"))
        return call();
    if (m_options.command == QLatin1String("read"))
        return read();
    if (m_options.command == QLatin1String("ping"))
        return ping();
    m_err << "mcp-poolctl: unknown command \"" << m_options.command << "\" (see --help)\n";
    return 2;
}

int ClientCommands::connectAll()
{
    McpClientOptions::TransportMode mode = McpClientOptions::TransportMode::Auto;
    if (m_options.transport == QLatin1String("http"))
        mode = McpClientOptions::TransportMode::StreamableHttp;
    else if (m_options.transport == QLatin1String("sse"))
        mode = McpClientOptions::TransportMode::LegacySse;
    int pending = 0;
    QEventLoop loop;
    for (const ServerSpec &spec : std::as_const(m_options.servers)) {
        McpClientOptions o;
        o.serverId = spec.id;
        o.baseUrl = spec.url;
        o.authToken = spec.token;
        o.timeoutMs = m_options.timeoutMs;
        o.retryAttempts = 1;
        o.reconnectDelayMs = 300;
        o.transport = mode;
        o.openServerStream = false; // one-shot commands need no server stream
        o.fetchCatalog = false;
        auto *client = new McpClient(o);
        m_clients.append(client);
        ++pending;
        auto done = [&pending, &loop]() {
            if (--pending == 0)
                loop.quit();
        };
        QObject::connect(client, &McpClient::connected, &loop, done);
        QObject::connect(client, &McpClient::connectFailed, &loop,
                         [this, done](const McpError &error) {
                             m_err << "mcp-poolctl: cannot connect: " << error.toString() << "\n";
                             m_err.flush();
                             done();
                         });
        client->connectToServer();
    }
    if (pending > 0)
        loop.exec();
    int connected = 0;
    for (McpClient *client : std::as_const(m_clients))
        connected += client->isConnected() ? 1 : 0;
    return connected;
}

McpClient *ClientCommands::target()
{
    for (McpClient *client : std::as_const(m_clients)) {
        if (!m_options.on.isEmpty() && client->serverId() != m_options.on)
            continue;
        if (client->isConnected())
            return client;
    }
    return nullptr;
}

int ClientCommands::tools()
{
    connectAll();
    QJsonArray servers;
    int failures = 0;
    for (McpClient *client : std::as_const(m_clients)) {
        QJsonObject server;
        server.insert(QStringLiteral("id"), client->serverId());
        server.insert(QStringLiteral("url"),
                      client->baseUrl().toDisplayString(QUrl::RemoveUserInfo));
        server.insert(QStringLiteral("state"), McpClient::stateName(client->state()));
        if (!client->isConnected()) {
            ++failures;
            server.insert(QStringLiteral("error"), errorJson(client->lastError()));
            servers.append(server);
            if (!m_options.json)
                m_out << client->serverId() << ": unreachable: " << client->lastError().message
                      << "\n";
            continue;
        }
        const ServerInfo info = client->serverInfo();
        McpReply *reply = client->listTools();
        await(reply);
        QJsonObject serverInfo;
        serverInfo.insert(QStringLiteral("name"), info.name);
        serverInfo.insert(QStringLiteral("version"), info.version);
        server.insert(QStringLiteral("serverInfo"), serverInfo);
        server.insert(QStringLiteral("protocolVersion"), info.protocolVersion);
        server.insert(QStringLiteral("transport"), client->transportName());
        if (reply->isError()) {
            ++failures;
            server.insert(QStringLiteral("error"), errorJson(reply->error()));
            if (!m_options.json)
                m_out << client->serverId() << ": tools/list failed: " << reply->error().message
                      << "\n";
        } else {
            const QJsonArray tools = reply->result().value(QStringLiteral("tools")).toArray();
            server.insert(QStringLiteral("tools"), tools);
            if (!m_options.json) {
                m_out << client->serverId() << " (" << info.name << ' ' << info.version
                      << ", protocol " << info.protocolVersion << ", " << client->transportName()
                      << "): " << tools.size() << (tools.size() == 1 ? " tool\n" : " tools\n");
                for (const QJsonValue &v : tools) {
                    const ToolInfo tool = ToolInfo::fromJson(v.toObject());
                    m_out << "  " << tool.name.leftJustified(22) << ' '
                          << tool.description.section(QLatin1Char('\n'), 0, 0) << "\n";
                }
            }
        }
        servers.append(server);
        reply->deleteLater();
    }
    if (m_options.json) {
        QJsonObject root;
        root.insert(QStringLiteral("servers"), servers);
        printJson(m_out, root);
    }
    m_out.flush();
    if (failures == int(m_clients.size()))
        return 3;
    return failures > 0 ? 1 : 0;
}

int ClientCommands::call()
{
    if (m_options.arguments.size() != 1) {
        m_err << "mcp-poolctl: call wants exactly one TOOL name (arguments go in --args JSON)\n";
        return 2;
    }
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(m_options.argsJson.toUtf8(), &pe);
    if (pe.error != QJsonParseError::NoError || !doc.isObject()) {
        m_err << "mcp-poolctl: --args must be a JSON object"
              << (pe.error != QJsonParseError::NoError
                      ? QStringLiteral(" (%1 at offset %2)").arg(pe.errorString()).arg(pe.offset)
                      : QString())
              << "\n";
        return 2;
    }
    connectAll();
    McpClient *client = target();
    if (!client) {
        m_err << "mcp-poolctl: no server could be reached"
              << (m_options.on.isEmpty() ? QString()
                                         : QStringLiteral(" (--on %1)").arg(m_options.on))
              << "\n";
        return 3;
    }
    const QString tool = m_options.arguments.first();
    // Know the tool's outputSchema so structuredContent gets checked.
    McpReply *list = client->listTools();
    await(list);
    list->deleteLater();
    McpReply *reply = client->callTool(tool, doc.object());
    QObject::connect(reply, &McpReply::progressed, reply,
                     [this](double progress, double total, const QString &message) {
                         m_err << "progress " << progress;
                         if (total > 0)
                             m_err << '/' << total;
                         if (!message.isEmpty())
                             m_err << ' ' << message;
                         m_err << "\n";
                         m_err.flush();
                     });
    await(reply);
    const ToolResult result = reply->toolResult();
    if (m_options.json) {
        QJsonObject root;
        root.insert(QStringLiteral("server"), client->serverId());
        root.insert(QStringLiteral("tool"), tool);
        root.insert(QStringLiteral("latencyMs"), reply->latencyMs());
        if (reply->isError()) {
            root.insert(QStringLiteral("error"), errorJson(reply->error()));
        } else {
            root.insert(QStringLiteral("result"), reply->result());
            if (result.schemaChecked)
                root.insert(QStringLiteral("outputSchemaValid"), result.schemaViolations.isEmpty());
            if (!result.schemaViolations.isEmpty())
                root.insert(QStringLiteral("outputSchemaErrors"),
                            QJsonArray::fromStringList(result.schemaViolations));
        }
        printJson(m_out, root);
    } else if (reply->isError()) {
        m_err << "mcp-poolctl: " << tool << " failed: " << reply->error().toString() << "\n";
    } else {
        m_err << "[" << client->serverId() << ", " << reply->latencyMs() << " ms"
              << (result.isError ? ", tool reported an error" : "") << "]\n";
        m_err.flush();
        for (const ContentItem &item : result.content) {
            switch (item.kind) {
            case ContentItem::Kind::Text:
                m_out << item.text << "\n";
                break;
            case ContentItem::Kind::Image:
            case ContentItem::Kind::Audio:
                m_out << "[" << ContentItem::kindName(item.kind) << ' ' << item.mimeType << ", "
                      << item.data.size() << " bytes]\n";
                break;
            case ContentItem::Kind::ResourceLink:
                m_out << "[resource link " << item.uri
                      << (item.name.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(item.name))
                      << "]\n";
                break;
            case ContentItem::Kind::Resource:
                m_out << "[resource " << item.uri << "]\n";
                if (!item.text.isEmpty())
                    m_out << item.text << "\n";
                break;
            case ContentItem::Kind::Unknown:
                m_out << compact(item.raw) << "\n";
                break;
            }
        }
        if (!result.structuredContent.isUndefined())
            m_out << "structuredContent: " << compact(result.structuredContent) << "\n";
        for (const QString &violation : result.schemaViolations)
            m_err << "outputSchema violation: " << violation << "\n";
    }
    m_out.flush();
    m_err.flush();
    const bool failed = reply->isError() || result.isError || !result.schemaViolations.isEmpty();
    reply->deleteLater();
    return failed ? 1 : 0;
}

int ClientCommands::read()
{
    if (m_options.arguments.size() != 1) {
        m_err << "mcp-poolctl: read wants exactly one resource URI\n";
        return 2;
    }
    connectAll();
    McpClient *client = target();
    if (!client) {
        m_err << "mcp-poolctl: no server could be reached\n";
        return 3;
    }
    McpReply *reply = client->readResource(m_options.arguments.first());
    await(reply);
    if (m_options.json) {
        QJsonObject root;
        root.insert(QStringLiteral("server"), client->serverId());
        if (reply->isError())
            root.insert(QStringLiteral("error"), errorJson(reply->error()));
        else
            root.insert(QStringLiteral("result"), reply->result());
        printJson(m_out, root);
    } else if (reply->isError()) {
        m_err << "mcp-poolctl: read failed: " << reply->error().toString() << "\n";
    } else {
        const QJsonArray contents = reply->result().value(QStringLiteral("contents")).toArray();
        for (const QJsonValue &v : contents) {
            const QJsonObject c = v.toObject();
            if (c.contains(QStringLiteral("text")))
                m_out << c.value(QStringLiteral("text")).toString() << "\n";
            else
                m_out << "[" << c.value(QStringLiteral("uri")).toString() << ": "
                      << QByteArray::fromBase64(
                             c.value(QStringLiteral("blob")).toString().toLatin1())
                             .size()
                      << " bytes of " << c.value(QStringLiteral("mimeType")).toString() << "]\n";
        }
    }
    m_out.flush();
    const bool failed = reply->isError();
    reply->deleteLater();
    return failed ? 1 : 0;
}

int ClientCommands::ping()
{
    connectAll();
    QJsonArray servers;
    int failures = 0;
    for (McpClient *client : std::as_const(m_clients)) {
        QJsonObject server;
        server.insert(QStringLiteral("id"), client->serverId());
        McpError error = client->lastError();
        qint64 latency = -1;
        if (client->isConnected()) {
            McpReply *reply = client->ping();
            await(reply);
            error = reply->error();
            latency = reply->latencyMs();
            reply->deleteLater();
        }
        if (error.isError()) {
            ++failures;
            server.insert(QStringLiteral("error"), errorJson(error));
            if (!m_options.json)
                m_out << client->serverId() << ": " << error.message << "\n";
        } else {
            server.insert(QStringLiteral("latencyMs"), latency);
            if (!m_options.json)
                m_out << client->serverId() << ": " << latency << " ms\n";
        }
        servers.append(server);
    }
    if (m_options.json) {
        QJsonObject root;
        root.insert(QStringLiteral("servers"), servers);
        printJson(m_out, root);
    }
    m_out.flush();
    if (failures == int(m_clients.size()))
        return 3;
    return failures > 0 ? 1 : 0;
}

} // namespace mcppm::poolctl
