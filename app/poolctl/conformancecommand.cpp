#include "conformancecommand.h"

#include "clientcommands.h"

#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"

#include <QEventLoop>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTimer>

namespace mcppm::poolctl {

namespace {
struct Scenario
{
    QString tool; // the tool the scenario wants called ("" = none)
    QJsonObject arguments;
    bool elicitation = false; // accept elicitation requests, defaults filled in
};

Scenario scenarioFor(const QString &name)
{
    Scenario s;
    if (name == QLatin1String("tools_call")) {
        s.tool = QStringLiteral("add_numbers");
        s.arguments.insert(QStringLiteral("a"), 2);
        s.arguments.insert(QStringLiteral("b"), 3);
    } else if (name == QLatin1String("elicitation-sep1034-client-defaults")) {
        s.tool = QStringLiteral("test_client_elicitation_defaults");
        s.elicitation = true;
    } else if (name == QLatin1String("sse-retry")) {
        s.tool = QStringLiteral("test_reconnection");
    }
    return s;
}
} // namespace

int runConformanceCommand(const QStringList &arguments, int timeoutMs, QTextStream &out,
                          QTextStream &err)
{
    if (arguments.isEmpty()) {
        err << "mcp-poolctl: conformance wants the server URL as its last argument\n";
        return 2;
    }
    const QString scenarioName = QProcessEnvironment::systemEnvironment().value(
        QStringLiteral("MCP_CONFORMANCE_SCENARIO"));
    if (scenarioName.startsWith(QLatin1String("auth/"))) {
        err << "mcp-poolctl: scenario " << scenarioName
            << " needs OAuth, which this build does not do yet\n";
        return 1;
    }
    const QUrl url(arguments.last(), QUrl::StrictMode);
    if (!url.isValid() || url.scheme().isEmpty()) {
        err << "mcp-poolctl: \"" << arguments.last() << "\" is not a URL\n";
        return 2;
    }
    const Scenario scenario = scenarioFor(scenarioName);

    McpClientOptions options;
    options.serverId = QStringLiteral("conformance");
    options.baseUrl = url;
    options.timeoutMs = timeoutMs;
    options.retryAttempts = 0;
    options.fetchCatalog = false;
    McpClient client(options);
    if (scenario.elicitation) {
        // Accept with no content of our own: the client fills in the schema defaults (SEP-1034).
        client.setElicitationHandler([&err](const QJsonObject &params,
                                            std::function<void(QJsonObject)> respond) {
            err << "elicitation: " << params.value(QStringLiteral("message")).toString() << "\n";
            QJsonObject result;
            result.insert(QStringLiteral("action"), QStringLiteral("accept"));
            result.insert(QStringLiteral("content"), QJsonObject());
            respond(result);
        });
    }

    // The suite kills a client after 30 s; stay well inside that.
    QTimer deadline;
    deadline.setSingleShot(true);
    bool timedOut = false;

    QEventLoop loop;
    QObject::connect(&client, &McpClient::connected, &loop, &QEventLoop::quit);
    QObject::connect(&client, &McpClient::connectFailed, &loop, &QEventLoop::quit);
    QObject::connect(&deadline, &QTimer::timeout, &loop, [&]() {
        timedOut = true;
        loop.quit();
    });
    deadline.start(25000);
    client.connectToServer();
    loop.exec();
    if (!client.isConnected()) {
        err << "mcp-poolctl: cannot connect: "
            << (timedOut ? QStringLiteral("timeout") : client.lastError().toString()) << "\n";
        return 1;
    }
    out << "connected to " << client.serverInfo().name << " (protocol "
        << client.serverInfo().protocolVersion << ", " << client.transportName() << ")\n";
    out.flush();

    int status = 0;
    McpReply *tools = client.listTools();
    ClientCommands::await(tools);
    if (tools->isError()) {
        err << "mcp-poolctl: tools/list failed: " << tools->error().toString() << "\n";
        status = 1;
    } else {
        out << "tools: " << tools->result().value(QStringLiteral("tools")).toArray().size() << "\n";
    }
    if (status == 0 && !scenario.tool.isEmpty()) {
        McpReply *reply = client.callTool(scenario.tool, scenario.arguments);
        ClientCommands::await(reply);
        if (reply->isError()) {
            err << "mcp-poolctl: " << scenario.tool << " failed: " << reply->error().toString()
                << "\n";
            status = 1;
        } else {
            out << scenario.tool << ": " << reply->toolResult().text() << "\n";
        }
    }
    QEventLoop closing;
    QObject::connect(&client, &McpClient::sessionClosed, &closing, &QEventLoop::quit);
    QTimer::singleShot(1000, &closing, &QEventLoop::quit);
    client.disconnectFromServer();
    closing.exec();
    out.flush();
    err.flush();
    return status;
}

} // namespace mcppm::poolctl
