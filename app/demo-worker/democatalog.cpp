#include "democatalog.h"

#include <QJsonDocument>
#include <QUrl>

namespace mcppm::demo {

namespace {
const QString kGreetingPrefix = QStringLiteral("demo://greeting/");

QJsonObject schema(const char *json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonObject tool(const char *name, const char *description, const char *inputSchema, bool readOnly)
{
    QJsonObject t;
    t.insert(QStringLiteral("name"), QLatin1String(name));
    t.insert(QStringLiteral("description"), QLatin1String(description));
    t.insert(QStringLiteral("inputSchema"), schema(inputSchema));
    QJsonObject annotations;
    annotations.insert(QStringLiteral("readOnlyHint"), readOnly);
    annotations.insert(QStringLiteral("idempotentHint"), readOnly);
    t.insert(QStringLiteral("annotations"), annotations);
    return t;
}

const QStringList &names()
{
    static const QStringList list{QStringLiteral("Ada"),     QStringLiteral("Alan"),
                                  QStringLiteral("Alice"),   QStringLiteral("Barbara"),
                                  QStringLiteral("Grace"),   QStringLiteral("Linus"),
                                  QStringLiteral("Margaret")};
    return list;
}

const QStringList &styles()
{
    static const QStringList list{QStringLiteral("casual"), QStringLiteral("formal"),
                                  QStringLiteral("pirate")};
    return list;
}
} // namespace

QJsonObject DemoCatalog::textContent(const QString &text)
{
    QJsonObject item;
    item.insert(QStringLiteral("type"), QStringLiteral("text"));
    item.insert(QStringLiteral("text"), text);
    return item;
}

QJsonObject DemoCatalog::toolResult(const QString &text, bool isError)
{
    QJsonObject result;
    result.insert(QStringLiteral("content"), QJsonArray{textContent(text)});
    if (isError)
        result.insert(QStringLiteral("isError"), true);
    return result;
}

const QJsonArray &DemoCatalog::legacyTools()
{
    static const QJsonArray tools = [] {
        QJsonArray list;
        // One schema in both eras (a mixed fleet shows no drift); the
        // x-mcp-header annotation means nothing to 2025 clients.
        list.append(tool(
            "echo",
            "Returns the message it was given (and the region, which travels as "
            "Mcp-Param-Region too on the 2026-07-28 wire).",
            R"({"type":"object","properties":{"message":{"type":"string"},"region":{"type":"string","description":"Where to echo from","x-mcp-header":"Region"}},"required":["message"]})",
            true));
        QJsonObject add = tool(
            "add", "Adds two numbers; the sum also comes as structuredContent.",
            R"({"type":"object","properties":{"a":{"type":"number"},"b":{"type":"number"}},"required":["a","b"]})",
            true);
        add.insert(
            QStringLiteral("outputSchema"),
            schema(
                R"({"type":"object","properties":{"sum":{"type":"number"}},"required":["sum"]})"));
        list.append(add);
        list.append(tool(
            "sleep", "Waits the given number of milliseconds, then answers.",
            R"({"type":"object","properties":{"ms":{"type":"integer","minimum":0,"maximum":600000}},"required":["ms"]})",
            true));
        list.append(tool(
            "progress", "Sends a progress notification per step, then answers.",
            R"({"type":"object","properties":{"steps":{"type":"integer","minimum":1,"maximum":10000},"interval_ms":{"type":"integer","minimum":0,"maximum":60000}},"required":["steps"]})",
            true));
        list.append(tool("fail", "Returns a tool error (isError) with the given message.",
                         R"({"type":"object","properties":{"message":{"type":"string"}}})", false));
        return list;
    }();
    return tools;
}

QJsonArray DemoCatalog::modernTools(bool flipOffered)
{
    QJsonArray list = legacyTools();
    list.append(tool("ask_name", "Asks the user for a name (elicitation) and greets them.",
                     R"({"type":"object","properties":{"greeting":{"type":"string"}}})", true));
    list.append(tool("list_roots", "Asks the client for its roots (roots/list).",
                     R"({"type":"object","properties":{}})", true));
    list.append(
        tool("toggle_tool",
             "Adds the tool `flip` when it is absent, removes it when present (list_changed).",
             R"({"type":"object","properties":{}})", false));
    if (flipOffered)
        list.append(tool("flip", "Present only while toggle_tool has switched it on.",
                         R"({"type":"object","properties":{}})", true));
    return list;
}

QJsonObject DemoCatalog::findTool(const QJsonArray &list, const QString &name)
{
    for (const QJsonValue &t : list) {
        if (t.toObject().value(QStringLiteral("name")).toString() == name)
            return t.toObject();
    }
    return {};
}

QJsonArray DemoCatalog::prompts()
{
    QJsonObject name;
    name.insert(QStringLiteral("name"), QStringLiteral("name"));
    name.insert(QStringLiteral("description"), QStringLiteral("Who to greet"));
    name.insert(QStringLiteral("required"), true);
    QJsonObject style;
    style.insert(QStringLiteral("name"), QStringLiteral("style"));
    style.insert(QStringLiteral("description"), QStringLiteral("casual, formal or pirate"));
    style.insert(QStringLiteral("required"), false);
    QJsonObject greet;
    greet.insert(QStringLiteral("name"), QStringLiteral("greet"));
    greet.insert(QStringLiteral("description"), QStringLiteral("Asks the model to greet someone."));
    greet.insert(QStringLiteral("arguments"), QJsonArray{name, style});
    return QJsonArray{greet};
}

QJsonObject DemoCatalog::prompt(const QString &name, const QJsonObject &arguments, QString *error)
{
    if (name != QLatin1String("greet")) {
        *error = QStringLiteral("Unknown prompt: %1").arg(name);
        return {};
    }
    const QString who = arguments.value(QStringLiteral("name")).toString();
    if (who.isEmpty()) {
        *error = QStringLiteral("prompt greet needs the argument \"name\"");
        return {};
    }
    const QString style = arguments.value(QStringLiteral("style")).toString(styles().first());
    if (!styles().contains(style)) {
        *error = QStringLiteral("prompt greet: style must be one of %1")
                     .arg(styles().join(QStringLiteral(", ")));
        return {};
    }
    QJsonObject message;
    message.insert(QStringLiteral("role"), QStringLiteral("user"));
    message.insert(QStringLiteral("content"),
                   textContent(QStringLiteral("Please greet %1 in a %2 way.").arg(who, style)));
    QJsonObject result;
    result.insert(QStringLiteral("description"), QStringLiteral("A greeting for %1").arg(who));
    result.insert(QStringLiteral("messages"), QJsonArray{message});
    return result;
}

QJsonArray DemoCatalog::resourceTemplates()
{
    QJsonObject t;
    t.insert(QStringLiteral("uriTemplate"), QString(kGreetingPrefix + QStringLiteral("{name}")));
    t.insert(QStringLiteral("name"), QStringLiteral("greeting"));
    t.insert(QStringLiteral("description"), QStringLiteral("A greeting for the given name"));
    t.insert(QStringLiteral("mimeType"), QStringLiteral("text/plain"));
    return QJsonArray{t};
}

QJsonArray DemoCatalog::readTemplated(const QString &uri)
{
    if (!uri.startsWith(kGreetingPrefix))
        return {};
    const QString name = QUrl::fromPercentEncoding(uri.mid(kGreetingPrefix.size()).toUtf8());
    if (name.isEmpty() || name.contains(QLatin1Char('/')))
        return {};
    QJsonObject content;
    content.insert(QStringLiteral("uri"), uri);
    content.insert(QStringLiteral("mimeType"), QStringLiteral("text/plain"));
    content.insert(QStringLiteral("text"), QStringLiteral("Hello, %1!").arg(name));
    return QJsonArray{content};
}

QJsonObject DemoCatalog::complete(const QJsonObject &params, QString *error)
{
    const QJsonObject ref = params.value(QStringLiteral("ref")).toObject();
    const QJsonObject argument = params.value(QStringLiteral("argument")).toObject();
    const QString type = ref.value(QStringLiteral("type")).toString();
    const QString argName = argument.value(QStringLiteral("name")).toString();
    const QString value = argument.value(QStringLiteral("value")).toString();
    const QStringList *candidates = nullptr;
    if (type == QLatin1String("ref/prompt")) {
        if (ref.value(QStringLiteral("name")).toString() != QLatin1String("greet")) {
            *error = QStringLiteral("Unknown prompt: %1")
                         .arg(ref.value(QStringLiteral("name")).toString());
            return {};
        }
        if (argName == QLatin1String("name"))
            candidates = &names();
        else if (argName == QLatin1String("style"))
            candidates = &styles();
    } else if (type == QLatin1String("ref/resource")) {
        if (ref.value(QStringLiteral("uri")).toString()
            != kGreetingPrefix + QStringLiteral("{name}")) {
            *error = QStringLiteral("Unknown resource template: %1")
                         .arg(ref.value(QStringLiteral("uri")).toString());
            return {};
        }
        if (argName == QLatin1String("name"))
            candidates = &names();
    } else {
        *error = QStringLiteral("completion/complete: ref.type must be ref/prompt or ref/resource");
        return {};
    }
    if (!candidates) {
        *error = QStringLiteral("No argument \"%1\" to complete").arg(argName);
        return {};
    }
    QJsonArray values;
    for (const QString &c : *candidates) {
        if (c.startsWith(value, Qt::CaseInsensitive))
            values.append(c);
    }
    QJsonObject completion;
    completion.insert(QStringLiteral("values"), values);
    completion.insert(QStringLiteral("total"), values.size());
    completion.insert(QStringLiteral("hasMore"), false);
    return completion;
}

} // namespace mcppm::demo
