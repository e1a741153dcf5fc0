#include "clientcommands.h"

#include "net/safetext.h"

#include "inputanswerer.h"
#include "output.h"

#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTimer>

namespace mcppm::poolctl {

namespace {
QJsonObject errorJson(const McpError &error)
{
    return Output::errorJson(error);
}
void printJson(QTextStream &out, const QJsonObject &object)
{
    Output::printJson(out, object);
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
    m_answerer
        = std::make_unique<InputAnswerer>(m_options, m_err, InputAnswerer::stdinIsTerminal());
    const ClientFeatures features = m_answerer->features();
    int pending = 0;
    QEventLoop loop;
    for (const ServerSpec &spec : std::as_const(m_options.servers)) {
        McpClientOptions o;
        o.serverId = spec.id;
        o.baseUrl = spec.url;
        o.authToken = spec.token;
        o.tls = spec.options.tls;
        o.proxy = spec.options.proxy;
        o.headers = spec.options.headers;
        o.timeoutMs = m_options.timeoutMs;
        o.retryAttempts = 1;
        o.reconnectDelayMs = 300;
        o.transport = mode;
        o.protocol = spec.options.protocol;
        o.logLevel = m_options.logLevel;
        o.openServerStream = false; // one-shot commands need no server stream
        o.fetchCatalog = false;
        auto *client = new McpClient(o);
        m_clients.append(client);
        if (features.any())
            client->setInputHandler(features,
                                    [this, id = spec.id](const QString &method,
                                                         const QJsonObject &params,
                                                         InputResponder respond) {
                                        m_answerer->answer(id, method, params, respond);
                                    });
        QObject::connect(
            client, &McpClient::logMessageReceived, client,
            [this, id = spec.id](const QString &level, const QString &logger,
                                 const QJsonValue &data) {
                if (m_options.logLevel.isEmpty()
                    || logLevels().indexOf(level) < logLevels().indexOf(m_options.logLevel))
                    return;
                m_err << "[" << id << "] " << SafeText::escape(level);
                if (!logger.isEmpty())
                    m_err << ' ' << SafeText::escape(logger);
                m_err << ": "
                      << SafeText::escape(data.isString() ? data.toString() : Output::compact(data))
                      << "\n";
                m_err.flush();
            });
        ++pending;
        auto done = [&pending, &loop]() {
            if (--pending == 0)
                loop.quit();
        };
        QObject::connect(client, &McpClient::connected, &loop, done);
        QObject::connect(
            client, &McpClient::connectFailed, &loop, [this, done](const McpError &error) {
                m_err << "mcp-poolctl: cannot connect: " << SafeText::escape(error.toString())
                      << "\n";
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
                m_out << client->serverId()
                      << ": unreachable: " << SafeText::escape(client->lastError().message) << "\n";
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
        server.insert(QStringLiteral("era"), McpClient::eraName(client->era()));
        server.insert(QStringLiteral("transport"), client->transportName());
        if (reply->isError()) {
            ++failures;
            server.insert(QStringLiteral("error"), errorJson(reply->error()));
            if (!m_options.json)
                m_out << client->serverId()
                      << ": tools/list failed: " << SafeText::escape(reply->error().message)
                      << "\n";
        } else {
            const QJsonArray tools = reply->result().value(QStringLiteral("tools")).toArray();
            server.insert(QStringLiteral("tools"), tools);
            if (!m_options.json) {
                m_out << client->serverId() << " (" << SafeText::escape(info.name) << ' '
                      << SafeText::escape(info.version) << ", " << McpClient::eraName(client->era())
                      << " protocol " << SafeText::escape(info.protocolVersion) << ", "
                      << client->transportName() << "): " << tools.size()
                      << (tools.size() == 1 ? " tool\n" : " tools\n");
                for (const QJsonValue &v : tools) {
                    const ToolInfo tool = ToolInfo::fromJson(v.toObject());
                    m_out << "  " << SafeText::escape(tool.name).leftJustified(22) << ' '
                          << SafeText::escape(tool.description.section(QLatin1Char('\n'), 0, 0))
                          << "\n";
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
                m_out << client->serverId() << ": " << SafeText::escape(error.message) << "\n";
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
