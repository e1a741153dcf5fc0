#include "conformancecommand.h"

#include "clientcommands.h"

#include "auth/headlessauthorizationagent.h"
#include "auth/oauthclient.h"
#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"
#include "net/http1client.h"

#include <QEventLoop>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcessEnvironment>
#include <QTimer>

#include <memory>

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
    } else if (name.startsWith(QLatin1String("auth/"))) {
        s.tool = QStringLiteral("test-tool");
    }
    return s;
}

// A value of the schema's type for a required argument nobody gave.
QJsonValue sampleValue(const QJsonObject &schema)
{
    if (schema.contains(QStringLiteral("default")))
        return schema.value(QStringLiteral("default"));
    const QJsonArray choices = schema.value(QStringLiteral("enum")).toArray();
    if (!choices.isEmpty())
        return choices.first();
    const QString type = schema.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("integer") || type == QLatin1String("number"))
        return 1;
    if (type == QLatin1String("boolean"))
        return true;
    if (type == QLatin1String("object"))
        return QJsonObject();
    if (type == QLatin1String("array"))
        return QJsonArray();
    return QStringLiteral("conformance");
}

QJsonObject sampleArguments(const QJsonObject &inputSchema)
{
    QJsonObject arguments;
    const QJsonObject properties = inputSchema.value(QStringLiteral("properties")).toObject();
    for (const QJsonValue &name : inputSchema.value(QStringLiteral("required")).toArray())
        arguments.insert(name.toString(),
                         sampleValue(properties.value(name.toString()).toObject()));
    return arguments;
}

// 2026-07-28 scenarios: every tool the client kept is called (the calls the
// suite's context lists, when it lists some), then every resource read and
// every prompt fetched, each once. Input requests are answered (accept).
int exerciseModern(McpClient &client, const QJsonArray &tools, const QJsonObject &context,
                   QTextStream &out, QTextStream &err)
{
    int status = 0;
    auto run = [&](McpReply *reply, const QString &what) {
        ClientCommands::await(reply);
        if (reply->isError() && reply->error().kind == McpError::Kind::Rpc) {
            // The scenario's server need not serve everything it lists.
            err << "mcp-poolctl: " << what << " refused: " << reply->error().toString() << "\n";
        } else if (reply->isError()) {
            err << "mcp-poolctl: " << what << " failed: " << reply->error().toString() << "\n";
            status = 1;
        } else {
            out << what << ": ok\n";
        }
        reply->deleteLater();
    };
    const QJsonArray calls = context.value(QStringLiteral("toolCalls")).toArray();
    if (!calls.isEmpty()) {
        for (const QJsonValue &v : calls) {
            const QJsonObject call = v.toObject();
            const QString name = call.value(QStringLiteral("name")).toString();
            run(client.callTool(name, call.value(QStringLiteral("arguments")).toObject()), name);
        }
    } else {
        QJsonObject focalSchema; // json_schema_echo sends back the other tool's schema as received
        for (const QJsonValue &v : tools) {
            const QString name = v.toObject().value(QStringLiteral("name")).toString();
            if (name != QLatin1String("json_schema_echo"))
                focalSchema = v.toObject().value(QStringLiteral("inputSchema")).toObject();
        }
        for (const QJsonValue &v : tools) {
            const QJsonObject tool = v.toObject();
            const QString name = tool.value(QStringLiteral("name")).toString();
            QJsonObject arguments;
            if (name == QLatin1String("json_schema_echo"))
                arguments.insert(QStringLiteral("schema"), focalSchema);
            else if (name == QLatin1String("add_numbers"))
                arguments = QJsonObject{{QStringLiteral("a"), 2}, {QStringLiteral("b"), 3}};
            else
                arguments = sampleArguments(tool.value(QStringLiteral("inputSchema")).toObject());
            run(client.callTool(name, arguments), name);
        }
    }
    if (client.serverInfo().hasResources()) {
        McpReply *list = client.listResources();
        ClientCommands::await(list);
        for (const QJsonValue &v : list->result().value(QStringLiteral("resources")).toArray()) {
            const QString uri = v.toObject().value(QStringLiteral("uri")).toString();
            run(client.readResource(uri), uri);
        }
        list->deleteLater();
    }
    if (client.serverInfo().hasPrompts()) {
        McpReply *list = client.listPrompts();
        ClientCommands::await(list);
        for (const QJsonValue &v : list->result().value(QStringLiteral("prompts")).toArray()) {
            const QJsonObject prompt = v.toObject();
            QJsonObject arguments;
            for (const QJsonValue &a : prompt.value(QStringLiteral("arguments")).toArray()) {
                if (a.toObject().value(QStringLiteral("required")).toBool())
                    arguments.insert(a.toObject().value(QStringLiteral("name")).toString(),
                                     QStringLiteral("conformance"));
            }
            const QString name = prompt.value(QStringLiteral("name")).toString();
            run(client.getPrompt(name, arguments), name);
        }
        list->deleteLater();
    }
    return status;
}

// The OAuth settings from the options and the suite's context (one line of
// JSON; unknown keys ignored). Options win over the context.
OAuthSettings oauthSettings(const ConformanceOptions &options, const QJsonObject &context)
{
    auto text
        = [&context](const char *key) { return context.value(QLatin1String(key)).toString(); };
    OAuthSettings s;
    s.clientName = QStringLiteral("mcp-poolctl");
    s.clientId = options.clientId.isEmpty() ? text("client_id") : options.clientId;
    s.clientSecret = options.clientSecret.isEmpty() ? text("client_secret") : options.clientSecret;
    s.privateKeyPem
        = options.privateKey.isEmpty() ? text("private_key_pem").toUtf8() : options.privateKey;
    s.signingAlgorithm = !options.signingAlgorithm.isEmpty()    ? options.signingAlgorithm
        : context.contains(QStringLiteral("signing_algorithm")) ? text("signing_algorithm")
                                                                : QStringLiteral("ES256");
    s.idpTokenEndpoint = QUrl(text("idp_token_endpoint"), QUrl::StrictMode);
    s.idpIdToken = text("idp_id_token");
    s.idpClientId = text("idp_client_id");
    // Workload identity (auth/wif-jwt-bearer): the suite's workload JWT.
    s.workloadToken = text("valid_jwt");
    s.workloadTokenFile = options.workloadTokenFile;
    s.workloadTokenCommand = options.workloadTokenCommand;
    s.clientMetadataUrl = options.clientMetadataUrl;
    s.redirectUri = options.redirectUri;
    s.maxAuthorizationAttempts = options.maxAuthAttempts;
    return s;
}
} // namespace

bool takeConformanceOptions(QStringList *argv, ConformanceOptions *options, QString *error)
{
    QStringList kept;
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    for (qsizetype i = 0; i < argv->size(); ++i) {
        const QString arg = argv->at(i);
        static const QStringList ours{QStringLiteral("--client-metadata-url"),
                                      QStringLiteral("--redirect-uri"),
                                      QStringLiteral("--client-id"),
                                      QStringLiteral("--client-secret-env"),
                                      QStringLiteral("--private-key"),
                                      QStringLiteral("--signing-alg"),
                                      QStringLiteral("--max-auth-attempts"),
                                      QStringLiteral("--workload-token-file"),
                                      QStringLiteral("--workload-token-command")};
        if (!ours.contains(arg)) {
            kept << arg;
            continue;
        }
        if (i + 1 >= argv->size()) {
            *error = QStringLiteral("option %1 needs a value").arg(arg);
            return false;
        }
        const QString value = argv->at(++i);
        options->any = true;
        if (arg == QLatin1String("--client-metadata-url")) {
            options->clientMetadataUrl = QUrl(value, QUrl::StrictMode);
            if (!options->clientMetadataUrl.isValid()
                || options->clientMetadataUrl.scheme() != QLatin1String("https")) {
                *error = QStringLiteral("--client-metadata-url wants an https:// URL");
                return false;
            }
        } else if (arg == QLatin1String("--redirect-uri")) {
            options->redirectUri = QUrl(value, QUrl::StrictMode);
            if (!options->redirectUri.isValid() || options->redirectUri.isRelative()) {
                *error = QStringLiteral("--redirect-uri wants an absolute URL");
                return false;
            }
        } else if (arg == QLatin1String("--client-id")) {
            options->clientId = value;
        } else if (arg == QLatin1String("--client-secret-env")) {
            if (!env.contains(value)) {
                *error = QStringLiteral("--client-secret-env: environment variable %1 is not set")
                             .arg(value);
                return false;
            }
            options->clientSecret = env.value(value);
        } else if (arg == QLatin1String("--private-key")) {
            QFile file(value);
            if (!file.open(QIODevice::ReadOnly)) {
                *error = QStringLiteral("--private-key: cannot read %1").arg(value);
                return false;
            }
            options->privateKey = file.read(64 * 1024);
        } else if (arg == QLatin1String("--workload-token-file")) {
            options->workloadTokenFile = value;
        } else if (arg == QLatin1String("--workload-token-command")) {
            options->workloadTokenCommand = value;
        } else if (arg == QLatin1String("--signing-alg")) {
            options->signingAlgorithm = value;
        } else {
            bool ok = false;
            options->maxAuthAttempts = value.toInt(&ok);
            if (!ok || options->maxAuthAttempts < 1 || options->maxAuthAttempts > 10) {
                *error = QStringLiteral("--max-auth-attempts wants a number from 1 to 10");
                return false;
            }
        }
    }
    *argv = kept;
    return true;
}

int runConformanceCommand(const QStringList &arguments, int timeoutMs,
                          const ConformanceOptions &conformance, QTextStream &out, QTextStream &err)
{
    if (arguments.isEmpty()) {
        err << "mcp-poolctl: conformance wants the server URL as its last argument\n";
        return 2;
    }
    const QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    const QString scenarioName = env.value(QStringLiteral("MCP_CONFORMANCE_SCENARIO"));
    QJsonObject context;
    if (env.contains(QStringLiteral("MCP_CONFORMANCE_CONTEXT"))) {
        QJsonParseError parseError;
        const QJsonDocument doc = QJsonDocument::fromJson(
            env.value(QStringLiteral("MCP_CONFORMANCE_CONTEXT")).toUtf8(), &parseError);
        if (!doc.isObject()) {
            // Never echo it: it carries secrets.
            err << "mcp-poolctl: MCP_CONFORMANCE_CONTEXT is not a JSON object ("
                << parseError.errorString() << ")\n";
            return 2;
        }
        context = doc.object();
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
    // The suite says which revision a scenario runs at (0.2 and later); the
    // 2025 suite (0.1.16) does not, and its scenarios are all 2025-11-25.
    const QString revision = env.value(QStringLiteral("MCP_CONFORMANCE_PROTOCOL_VERSION"));
    const bool modern = McpClient::modernProtocolVersions().contains(revision);
    options.protocol
        = modern ? McpClientOptions::ProtocolMode::Modern : McpClientOptions::ProtocolMode::Legacy;
    options.openServerStream = !modern; // no subscriptions/listen: the scenarios do not ask for it
    // OAuth for the auth scenarios (or when credentials were given): headless
    // consent, since the suite's authorization server redirects at once.
    std::unique_ptr<Http1Client> authNetwork;
    std::unique_ptr<HeadlessAuthorizationAgent> agent;
    std::unique_ptr<OAuthClient> oauth;
    if (scenarioName.startsWith(QLatin1String("auth/")) || !context.isEmpty() || conformance.any) {
        OAuthSettings settings = oauthSettings(conformance, context);
        settings.requestTimeoutMs = qMin(timeoutMs, 10000);
        authNetwork = std::make_unique<Http1Client>();
        agent = std::make_unique<HeadlessAuthorizationAgent>();
        agent->setNetwork(authNetwork.get());
        agent->setTimeoutMs(settings.requestTimeoutMs);
        oauth = std::make_unique<OAuthClient>(url, settings);
        oauth->setNetwork(authNetwork.get());
        oauth->setAuthorizationAgent(agent.get());
        QObject::connect(oauth.get(), &OAuthClient::signedIn, [&out, &oauth]() {
            out << "oauth: signed in at " << oauth->issuer() << " (scope: "
                << (oauth->grantedScopes().isEmpty()
                        ? QStringLiteral("none")
                        : oauth->grantedScopes().join(QLatin1Char(' ')))
                << ")\n";
            out.flush();
        });
        options.auth = oauth.get();
    }
    McpClient client(options);
    if (scenario.elicitation || modern) {
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
    if (status == 0 && modern) {
        status = exerciseModern(client, tools->result().value(QStringLiteral("tools")).toArray(),
                                context, out, err);
    } else if (status == 0 && !scenario.tool.isEmpty()) {
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
