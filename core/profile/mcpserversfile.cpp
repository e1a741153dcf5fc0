#include "profile/mcpserversfile.h"

#include "mcp/customheaders.h"
#include "net/safetext.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace mcppm {

namespace {

const QRegularExpression &variablePattern()
{
    static const QRegularExpression re(QStringLiteral("\\$\\{([^}]+)\\}"));
    return re;
}

bool isVariableName(const QString &name)
{
    static const QRegularExpression re(QStringLiteral("^[A-Za-z_][A-Za-z0-9_]*$"));
    return re.match(name).hasMatch();
}

// One file's variables, expanded as the tool that owns the format does.
class Expander
{
public:
    Expander(McpServersFile::Format format, const QProcessEnvironment &environment,
             const QString &path)
        : m_format(format)
        , m_env(environment)
    {
        // ${workspaceFolder}: the folder holding .vscode/mcp.json, else the file's.
        const QFileInfo info(path);
        m_workspace = info.absolutePath();
        if (QFileInfo(m_workspace).fileName() == QLatin1String(".vscode"))
            m_workspace = QFileInfo(m_workspace).absolutePath();
    }

    // What a value expands to now. Names of ${input:…} met go to *inputs,
    // variables that could not be resolved (left as they were) to *missing.
    QString expand(const QString &value, QStringList *inputs, QStringList *missing) const
    {
        QString out;
        qsizetype at = 0;
        auto it = variablePattern().globalMatch(value);
        while (it.hasNext()) {
            const QRegularExpressionMatch m = it.next();
            out += value.mid(at, m.capturedStart() - at);
            at = m.capturedEnd();
            out += resolve(m.captured(0), m.captured(1), inputs, missing);
        }
        out += value.mid(at);
        return out;
    }

    // The environment variable a value names when it is exactly one
    // variable reference ("${env:X}" / "${X}"); "" otherwise. A Claude
    // "${X:-default}" counts only while X is set (else the default is literal).
    QString soleVariable(const QString &value) const
    {
        const QRegularExpressionMatch m = variablePattern().match(value);
        if (!m.hasMatch() || m.capturedStart() != 0 || m.capturedLength() != value.size())
            return {};
        const QString inner = m.captured(1);
        if (m_format == McpServersFile::Format::VsCode) {
            if (!inner.startsWith(QLatin1String("env:")))
                return {};
            const QString name = inner.mid(4);
            return isVariableName(name) ? name : QString();
        }
        const qsizetype dash = inner.indexOf(QLatin1String(":-"));
        const QString name = dash < 0 ? inner : inner.left(dash);
        if (!isVariableName(name))
            return {};
        if (dash >= 0 && !m_env.contains(name))
            return {};
        return name;
    }

    // "${input:ID}" as the whole value: ID; "" otherwise.
    QString soleInput(const QString &value) const
    {
        if (m_format != McpServersFile::Format::VsCode)
            return {};
        const QRegularExpressionMatch m = variablePattern().match(value);
        if (!m.hasMatch() || m.capturedStart() != 0 || m.capturedLength() != value.size()
            || !m.captured(1).startsWith(QLatin1String("input:")))
            return {};
        return m.captured(1).mid(6);
    }

    static bool hasVariable(const QString &value)
    {
        return variablePattern().match(value).hasMatch();
    }

private:
    QString resolve(const QString &whole, const QString &inner, QStringList *inputs,
                    QStringList *missing) const
    {
        if (m_format == McpServersFile::Format::McpServers) {
            // Claude Code: ${VAR}, ${VAR:-default}; unset without default stays as written.
            const qsizetype dash = inner.indexOf(QLatin1String(":-"));
            const QString name = dash < 0 ? inner : inner.left(dash);
            if (m_env.contains(name))
                return m_env.value(name);
            if (dash >= 0)
                return inner.mid(dash + 2);
            missing->append(whole);
            return whole;
        }
        // VS Code: an unset ${env:VAR} is empty.
        if (inner.startsWith(QLatin1String("env:")))
            return m_env.value(inner.mid(4));
        if (inner.startsWith(QLatin1String("input:"))) {
            inputs->append(inner.mid(6));
            return whole;
        }
        if (inner == QLatin1String("workspaceFolder"))
            return m_workspace;
        if (inner == QLatin1String("workspaceFolderBasename"))
            return QFileInfo(m_workspace).fileName();
        if (inner == QLatin1String("userHome"))
            return QDir::homePath();
        if (inner == QLatin1String("pathSeparator") || inner == QLatin1String("/"))
            return QStringLiteral("/");
        missing->append(whole);
        return whole;
    }

    McpServersFile::Format m_format;
    QProcessEnvironment m_env;
    QString m_workspace;
};

QString describeInputs(const QStringList &inputs, const QHash<QString, QString> &descriptions)
{
    QStringList named;
    for (const QString &id : inputs) {
        const QString what = descriptions.value(id);
        named << (what.isEmpty() ? QStringLiteral("${input:%1}").arg(id)
                                 : QStringLiteral("${input:%1} (%2)").arg(id, what));
    }
    return named.join(QStringLiteral(", "));
}

} // namespace

bool McpServersFile::recognises(const QJsonObject &object)
{
    if (object.contains(QStringLiteral("version")))
        return false;
    return object.contains(QStringLiteral("mcpServers"))
        || object.value(QStringLiteral("servers")).isObject();
}

bool McpServersFile::isMcpServersFile(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(16 * 1024 * 1024));
    return doc.isObject() && recognises(doc.object());
}

std::optional<McpServersFile::Result> McpServersFile::load(const QString &path, QString *error,
                                                           const QProcessEnvironment &environment)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::optional<Result>();
    };
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read %1: %2").arg(path, file.errorString()));
    QJsonParseError pe;
    const QJsonDocument doc = QJsonDocument::fromJson(file.read(16 * 1024 * 1024), &pe);
    if (pe.error != QJsonParseError::NoError)
        return fail(QStringLiteral("%1 is not JSON (%2 at offset %3)")
                        .arg(path, pe.errorString())
                        .arg(pe.offset));
    if (!doc.isObject() || !recognises(doc.object()))
        return fail(QStringLiteral("%1 is not an mcpServers file (no \"mcpServers\" or "
                                   "\"servers\" object)")
                        .arg(path));
    QString why;
    auto result = fromJson(doc.object(), path, environment, &why);
    if (!result)
        return fail(path + QStringLiteral(": ") + why);
    return result;
}

QString McpServersFile::idFromName(const QString &name)
{
    QString id;
    const QString punctuation = SafeText::serverIdPunctuation();
    for (const QChar c : name) {
        if (c.isLetterOrNumber() || c == QLatin1Char(' ') || punctuation.contains(c))
            id += c;
        else
            id += QLatin1Char('-');
    }
    id = id.left(SafeText::kMaxServerIdLength).trimmed();
    const bool named
        = std::any_of(id.cbegin(), id.cend(), [](QChar c) { return c.isLetterOrNumber(); });
    if (!named || !SafeText::checkServerId(id, nullptr))
        return QStringLiteral("server");
    return id;
}

QString McpServersFile::freeId(const QString &id, const QStringList &taken)
{
    if (!taken.contains(id))
        return id;
    for (int n = 2;; ++n) {
        const QString suffix = QStringLiteral("-%1").arg(n);
        const QString candidate = id.left(SafeText::kMaxServerIdLength - suffix.size()) + suffix;
        if (!taken.contains(candidate))
            return candidate;
    }
}

QList<ProfileServer> McpServersFile::withFreeIds(QList<ProfileServer> servers, QStringList taken,
                                                 QStringList *renamed)
{
    for (ProfileServer &server : servers) {
        const QString id = freeId(server.id, taken);
        if (id != server.id && renamed)
            renamed->append(QStringLiteral("%1 → %2").arg(server.id, id));
        server.id = id;
        taken.append(id);
    }
    return servers;
}

QStringList McpServersFile::merge(Profile *into, const Profile &from)
{
    QStringList taken;
    for (const ProfileServer &s : std::as_const(into->servers))
        taken << s.id;
    QStringList renamed;
    into->servers += withFreeIds(from.servers, taken, &renamed);
    return renamed;
}

std::optional<McpServersFile::Result> McpServersFile::fromJson(const QJsonObject &o,
                                                               const QString &path,
                                                               const QProcessEnvironment &env,
                                                               QString *error)
{
    auto fail = [error](const QString &why) {
        if (error)
            *error = why;
        return std::optional<Result>();
    };
    if (o.contains(QStringLiteral("version")))
        return fail(QStringLiteral("this is an MCP Pool Monitor profile (it has \"version\"), "
                                   "not an mcpServers file"));
    Result result;
    QString listKey;
    QStringList knownTop;
    if (o.contains(QStringLiteral("mcpServers"))) {
        result.format = Format::McpServers;
        listKey = QStringLiteral("mcpServers");
        knownTop << listKey;
    } else if (o.contains(QStringLiteral("servers"))) {
        result.format = Format::VsCode;
        listKey = QStringLiteral("servers");
        knownTop << listKey << QStringLiteral("inputs");
    } else {
        return fail(QStringLiteral("no \"mcpServers\" (Claude) or \"servers\" (VS Code) object"));
    }
    const QJsonValue list = o.value(listKey);
    if (!list.isObject())
        return fail(QStringLiteral("\"%1\" must be an object of \"name\": {server}").arg(listKey));
    QStringList ignoredTop;
    for (auto it = o.begin(); it != o.end(); ++it) {
        if (!knownTop.contains(it.key()))
            ignoredTop << it.key();
    }
    if (!ignoredTop.isEmpty())
        result.warnings << QStringLiteral("ignored: %1").arg(ignoredTop.join(QStringLiteral(", ")));

    // VS Code's inputs: id → description, to name them in messages.
    QHash<QString, QString> inputs;
    const QJsonValue inputList = o.value(QStringLiteral("inputs"));
    if (result.format == Format::VsCode && !inputList.isUndefined()) {
        if (!inputList.isArray())
            return fail(QStringLiteral("\"inputs\" must be an array"));
        for (const QJsonValue &input : inputList.toArray()) {
            const QJsonObject i = input.toObject();
            inputs.insert(i.value(QStringLiteral("id")).toString(),
                          i.value(QStringLiteral("description")).toString().left(80));
        }
    }

    const QFileInfo info(path);
    Profile &profile = result.profile;
    profile.name = info.fileName();
    if (profile.name.endsWith(QLatin1String(".json")))
        profile.name.chop(5);
    profile.directory = info.absolutePath();
    const Expander expander(result.format, env, path);
    static const QStringList knownKeys{
        QStringLiteral("type"),    QStringLiteral("command"), QStringLiteral("args"),
        QStringLiteral("env"),     QStringLiteral("cwd"),     QStringLiteral("url"),
        QStringLiteral("headers"), QStringLiteral("envFile"), QStringLiteral("disabled")};

    QStringList taken;
    const QJsonObject entries = list.toObject();
    for (auto it = entries.begin(); it != entries.end(); ++it) {
        const QString name = it.key();
        const QString where = QStringLiteral("%1 \"%2\": ").arg(listKey, SafeText::escape(name));
        if (!it.value().isObject())
            return fail(where + QStringLiteral("must be an object"));
        const QJsonObject e = it.value().toObject();
        ProfileServer server;
        server.id = freeId(idFromName(name), taken);
        taken << server.id;
        if (server.id != name)
            result.warnings << QStringLiteral("%1 has the id %2").arg(where.chopped(2), server.id);

        QStringList ignored;
        for (auto k = e.begin(); k != e.end(); ++k) {
            if (!knownKeys.contains(k.key())
                || (k.key() == QLatin1String("envFile") && result.format != Format::VsCode))
                ignored << k.key();
        }
        if (!ignored.isEmpty())
            result.warnings << where
                    + QStringLiteral("ignored: %1").arg(ignored.join(QStringLiteral(", ")));

        auto stringOf = [&](const QString &key, QString *out) -> bool {
            const QJsonValue v = e.value(key);
            if (v.isUndefined() || v.isNull())
                return true;
            if (!v.isString())
                return false;
            *out = v.toString();
            return true;
        };
        QString type, command, url, cwd;
        if (!stringOf(QStringLiteral("type"), &type))
            return fail(where + QStringLiteral("\"type\" must be a string"));
        if (!stringOf(QStringLiteral("command"), &command))
            return fail(where + QStringLiteral("\"command\" must be a string"));
        if (!stringOf(QStringLiteral("url"), &url))
            return fail(where + QStringLiteral("\"url\" must be a string"));
        if (!stringOf(QStringLiteral("cwd"), &cwd))
            return fail(where + QStringLiteral("\"cwd\" must be a string"));
        static const QStringList httpTypes{QStringLiteral("http"), QStringLiteral("sse"),
                                           QStringLiteral("streamable-http"),
                                           QStringLiteral("streamableHttp")};
        if (!type.isEmpty() && type != QLatin1String("stdio") && !httpTypes.contains(type))
            return fail(where
                        + QStringLiteral("\"type\" \"%1\" is not one of stdio, http, sse, "
                                         "streamable-http")
                              .arg(SafeText::escape(type.left(40))));
        if (!command.isEmpty() && !url.isEmpty())
            return fail(where + QStringLiteral("give either \"command\" or \"url\", not both"));
        const bool stdio = type == QLatin1String("stdio") || (type.isEmpty() && !command.isEmpty());
        if (stdio && command.trimmed().isEmpty())
            return fail(where + QStringLiteral("a stdio server needs \"command\""));
        if (!stdio && url.isEmpty())
            return fail(where + QStringLiteral("needs \"command\" (stdio) or \"url\" (http)"));

        // Expands a value of command/args/cwd/url: prompted inputs are errors,
        // unresolved variables a warning.
        QString why;
        auto expandPlain = [&](const QString &value, const QString &what, QString *out) -> bool {
            QStringList asked, missing;
            *out = expander.expand(value, &asked, &missing);
            if (!asked.isEmpty()) {
                why = where
                    + QStringLiteral("%1 needs %2, which is asked for when VS Code starts the "
                                     "server; put the value in the file or an environment "
                                     "variable (${env:NAME})")
                          .arg(what, describeInputs(asked, inputs));
                return false;
            }
            if (!missing.isEmpty())
                result.warnings << where
                        + QStringLiteral("%1: %2 not set, left as written")
                              .arg(what, missing.join(QStringLiteral(", ")));
            return true;
        };

        if (e.value(QStringLiteral("disabled")).isBool())
            server.enabled = !e.value(QStringLiteral("disabled")).toBool();

        if (stdio) {
            LocalCommand &c = server.command;
            if (!expandPlain(command, QStringLiteral("\"command\""), &c.program))
                return fail(why);
            const QJsonValue args = e.value(QStringLiteral("args"));
            if (!args.isUndefined() && !args.isNull()) {
                if (!args.isArray())
                    return fail(where + QStringLiteral("\"args\" must be an array of strings"));
                const QJsonArray array = args.toArray();
                for (qsizetype i = 0; i < array.size(); ++i) {
                    if (!array.at(i).isString())
                        return fail(where + QStringLiteral("\"args\"[%1] must be a string").arg(i));
                    QString arg;
                    if (!expandPlain(array.at(i).toString(), QStringLiteral("\"args\"[%1]").arg(i),
                                     &arg))
                        return fail(why);
                    c.args << arg;
                }
            }
            if (!cwd.isEmpty() && !expandPlain(cwd, QStringLiteral("\"cwd\""), &c.cwd))
                return fail(why);
            const QJsonValue envValue = e.value(QStringLiteral("env"));
            if (!envValue.isUndefined() && !envValue.isNull() && !envValue.isObject())
                return fail(where
                            + QStringLiteral("\"env\" must be an object of \"NAME\": "
                                             "\"value\""));
            const QJsonObject vars = envValue.toObject();
            for (auto v = vars.begin(); v != vars.end(); ++v) {
                const QString var = v.key();
                if (!isVariableName(var))
                    return fail(where
                                + QStringLiteral("\"env\": \"%1\" is not a variable name")
                                      .arg(SafeText::escape(var.left(64))));
                QString value;
                if (v.value().isString())
                    value = v.value().toString();
                else if (v.value().isDouble() || v.value().isBool())
                    value = v.value().toVariant().toString(); // as the JSON wrote it
                else
                    return fail(
                        where
                        + QStringLiteral("\"env\": the value of %1 must be a string").arg(var));
                if (const QString input = expander.soleInput(value); !input.isEmpty()) {
                    result.warnings << where
                            + QStringLiteral("%1 is left out: it comes from %2, which VS Code "
                                             "asks for; set it with an env: or keychain: "
                                             "reference in the server's settings")
                                  .arg(var, describeInputs({input}, inputs));
                    continue;
                }
                if (const QString source = expander.soleVariable(value); !source.isEmpty()) {
                    c.envRefs.append({var, QStringLiteral("env:") + source});
                    continue;
                }
                if (Expander::hasVariable(value)) {
                    QStringList asked, missing;
                    const QString expanded = expander.expand(value, &asked, &missing);
                    if (!asked.isEmpty()) {
                        result.warnings << where
                                + QStringLiteral("%1 is left out: it needs %2, which VS Code "
                                                 "asks for")
                                      .arg(var, describeInputs(asked, inputs));
                        continue;
                    }
                    result.warnings << where
                            + QStringLiteral("%1: the variables in its value were expanded now "
                                             "and the result is stored as it is")
                                  .arg(var);
                    value = expanded;
                }
                c.env.append({var, value});
            }
            if (e.contains(QStringLiteral("envFile")) && result.format == Format::VsCode)
                result.warnings << where
                        + QStringLiteral("\"envFile\" is not read (its values would be copied "
                                         "into the profile); set those variables in the "
                                         "environment and refer to them in \"env\"");
            if (e.contains(QStringLiteral("headers")))
                result.warnings << where + QStringLiteral("\"headers\" ignored (a stdio server)");
        } else {
            if (type == QLatin1String("sse"))
                server.protocol = QStringLiteral("legacy"); // 2025 initialize, SSE fallback
            QString expanded;
            if (!expandPlain(url, QStringLiteral("\"url\""), &expanded))
                return fail(why);
            server.url = QUrl(expanded, QUrl::StrictMode);
            if (!server.url.isValid()
                || (server.url.scheme() != QLatin1String("http")
                    && server.url.scheme() != QLatin1String("https"))
                || server.url.host().isEmpty())
                return fail(where + QStringLiteral("\"url\" must be an http:// or https:// URL"));
            const QJsonValue headers = e.value(QStringLiteral("headers"));
            if (!headers.isUndefined() && !headers.isNull() && !headers.isObject())
                return fail(where
                            + QStringLiteral("\"headers\" must be an object of "
                                             "\"Name\": \"value\""));
            const QJsonObject map = headers.toObject();
            // Authorization first: with a token set, CustomHeaders refuses another one.
            QStringList names = map.keys();
            std::stable_partition(names.begin(), names.end(), [](const QString &n) {
                return n.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0;
            });
            for (const QString &header : std::as_const(names)) {
                if (!map.value(header).isString())
                    return fail(where
                                + QStringLiteral("\"headers\": the value of %1 must be a string")
                                      .arg(SafeText::escape(header.left(64))));
                const QString value = map.value(header).toString();
                if (header.compare(QLatin1String("Authorization"), Qt::CaseInsensitive) == 0) {
                    static const QRegularExpression bearer(
                        QStringLiteral("^\\s*Bearer\\s+(\\S.*?)\\s*$"),
                        QRegularExpression::CaseInsensitiveOption);
                    const QRegularExpressionMatch m = bearer.match(value);
                    if (!m.hasMatch()) {
                        result.warnings << where
                                + QStringLiteral("the Authorization header is left out: only "
                                                 "\"Bearer …\" is taken (as a token reference); "
                                                 "profiles keep no credentials");
                        continue;
                    }
                    const QString token = m.captured(1);
                    if (const QString source = expander.soleVariable(token); !source.isEmpty()) {
                        server.tokenRef = QStringLiteral("env:") + source;
                        continue;
                    }
                    QStringList asked, missing;
                    const QString literal = expander.expand(token, &asked, &missing);
                    if (!asked.isEmpty() || !missing.isEmpty()) {
                        result.warnings << where
                                + QStringLiteral("the Authorization header is left out: it "
                                                 "needs %1")
                                      .arg(asked.isEmpty() ? missing.join(QStringLiteral(", "))
                                                           : describeInputs(asked, inputs));
                        continue;
                    }
                    server.tokenRef = QStringLiteral("keychain:%1/%2").arg(profile.name, server.id);
                    result.secrets.insert(server.tokenRef, literal);
                    continue;
                }
                if (Expander::hasVariable(value)) {
                    result.warnings << where
                            + QStringLiteral("header %1 is left out: its value comes from a "
                                             "variable, and a profile would store the value "
                                             "itself; give it with --header or in the server's "
                                             "settings")
                                  .arg(SafeText::escape(header.left(64)));
                    continue;
                }
                if (!CustomHeaders::check(header, value, !server.tokenRef.isEmpty(), &why))
                    return fail(where + QStringLiteral("\"headers\": ") + why);
                server.headers.append({header.toLatin1(), value.toUtf8()});
            }
            for (const QString &key : {QStringLiteral("args"), QStringLiteral("env"),
                                       QStringLiteral("cwd"), QStringLiteral("envFile")}) {
                if (e.contains(key))
                    result.warnings
                        << where + QStringLiteral("\"%1\" ignored (an http server)").arg(key);
            }
        }
        profile.servers.append(server);
    }
    // What Profile::fromJson would check, so a saved profile loads again.
    const QJsonObject written = profile.toJson();
    QString why;
    if (!Profile::fromJson(written, &why))
        return fail(why);
    return result;
}

} // namespace mcppm
