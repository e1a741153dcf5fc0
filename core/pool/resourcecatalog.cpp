#include "pool/resourcecatalog.h"

#include "mcp/mcpclient.h"
#include "mcp/mcpreply.h"

#include <QJsonArray>
#include <QMutex>

#include <memory>

namespace mcppm {

namespace {
// A fleet of interchangeable servers lists the same templates: each text is
// compiled once per process (a compiled template is about 9 kB) and shared,
// up to a bound; beyond it a template is compiled for its catalog alone.
UriTemplate compiledTemplate(const QString &text)
{
    constexpr qsizetype kMaxShared = 512;
    static QMutex mutex;
    static QHash<QString, UriTemplate> shared;
    QMutexLocker lock(&mutex);
    if (const auto it = shared.constFind(text); it != shared.constEnd())
        return *it;
    UriTemplate compiled(text);
    if (shared.size() < kMaxShared)
        shared.insert(text, compiled);
    return compiled;
}
} // namespace

struct ResourceCatalog::ResourceFetch
{
    int generation = 0;
    QSet<QString> uris;
    QList<UriTemplate> templates;
    QSet<QString> templateTexts;
    QStringList invalid;
    QJsonArray resourceItems;
    QJsonArray templateItems;
};

ResourceCatalog::ResourceCatalog(McpClient *client, QObject *parent)
    : QObject(parent)
    , m_client(client)
{ }

ResourceCatalog::~ResourceCatalog() = default;

void ResourceCatalog::refresh()
{
    // One list after the other: requests at once would each open a
    // connection, kept alive afterwards (with 1 000 servers, thousands of
    // idle sockets that every turn of the event loop polls).
    m_promptsAfterResources = true;
    refreshResources();
}

void ResourceCatalog::refreshResources()
{
    const int generation = ++m_resourceGeneration;
    if (!m_client || !m_client->serverInfo().hasResources()) {
        ResourceFetch none;
        none.generation = generation;
        finishResources(none);
        return;
    }
    auto fetch = std::make_shared<ResourceFetch>();
    fetch->generation = generation;
    McpReply *resources = m_client->listResources();
    connect(resources, &McpReply::finished, this, [this, resources, fetch, generation]() {
        resources->deleteLater();
        const QJsonArray items = resources->result().value(QStringLiteral("resources")).toArray();
        for (const QJsonValue &v : items) {
            if (fetch->uris.size() >= kMaxUris)
                break;
            const QString uri = v.toObject().value(QStringLiteral("uri")).toString();
            if (!uri.isEmpty() && !fetch->uris.contains(uri)) {
                fetch->uris.insert(uri);
                fetch->resourceItems.append(v);
            }
        }
        if (generation == m_resourceGeneration && m_client)
            fetchTemplates(fetch); // which finishes the fetch
    });
}

void ResourceCatalog::fetchTemplates(const std::shared_ptr<ResourceFetch> &fetch)
{
    McpReply *templates = m_client->listResourceTemplates();
    connect(templates, &McpReply::finished, this, [this, templates, fetch]() {
        templates->deleteLater();
        const QJsonArray items
            = templates->result().value(QStringLiteral("resourceTemplates")).toArray();
        for (const QJsonValue &v : items) {
            if (fetch->templates.size() + fetch->invalid.size() >= kMaxTemplates)
                break;
            const QString text = v.toObject().value(QStringLiteral("uriTemplate")).toString();
            if (text.isEmpty() || fetch->templateTexts.contains(text))
                continue;
            UriTemplate t = compiledTemplate(text);
            if (!t.isValid()) {
                fetch->invalid.append(
                    QStringLiteral("%1: %2").arg(text.left(200), t.errorString()));
                continue;
            }
            fetch->templateTexts.insert(text);
            fetch->templates.append(std::move(t));
            fetch->templateItems.append(v);
        }
        finishResources(*fetch);
    });
}

void ResourceCatalog::finishResources(const ResourceFetch &fetch)
{
    if (fetch.generation != m_resourceGeneration)
        return; // a newer refresh is under way
    m_uris = fetch.uris;
    m_templates = fetch.templates;
    m_templateTexts = fetch.templateTexts;
    m_invalidTemplates = fetch.invalid;
    m_resourceItems = fetch.resourceItems;
    m_templateItems = fetch.templateItems;
    m_resourcesLoaded = true;
    Q_EMIT resourcesRefreshed();
    if (m_promptsAfterResources) {
        m_promptsAfterResources = false;
        refreshPrompts();
    }
}

void ResourceCatalog::refreshPrompts()
{
    const int generation = ++m_promptGeneration;
    if (!m_client || !m_client->serverInfo().hasPrompts()) {
        m_prompts.clear();
        m_promptItems = QJsonArray();
        m_promptsLoaded = true;
        Q_EMIT promptsRefreshed();
        return;
    }
    McpReply *prompts = m_client->listPrompts();
    connect(prompts, &McpReply::finished, this, [this, prompts, generation]() {
        prompts->deleteLater();
        if (generation != m_promptGeneration)
            return;
        QSet<QString> names;
        QJsonArray kept;
        const QJsonArray items = prompts->result().value(QStringLiteral("prompts")).toArray();
        for (const QJsonValue &v : items) {
            if (names.size() >= kMaxPrompts)
                break;
            const QString name = v.toObject().value(QStringLiteral("name")).toString();
            if (!name.isEmpty() && !names.contains(name)) {
                names.insert(name);
                kept.append(v);
            }
        }
        m_prompts = names;
        m_promptItems = kept;
        m_promptsLoaded = true;
        Q_EMIT promptsRefreshed();
    });
}

ResourceCatalog::Fit ResourceCatalog::fit(const QString &uri) const
{
    if (m_uris.contains(uri))
        return Fit::Listed;
    return matchesTemplate(uri) ? Fit::Matched : Fit::None;
}

bool ResourceCatalog::matchesTemplate(const QString &uri) const
{
    for (const UriTemplate &t : m_templates) {
        if (t.matches(uri))
            return true;
    }
    return false;
}

bool ResourceCatalog::hasTemplate(const QString &uriTemplate) const
{
    return m_templateTexts.contains(uriTemplate);
}

} // namespace mcppm
