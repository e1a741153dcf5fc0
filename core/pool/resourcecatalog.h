#pragma once

#include "mcp/uritemplate.h"

#include <QJsonArray>
#include <QList>
#include <QObject>

#include <QPointer>
#include <QSet>
#include <QString>
#include <memory>

namespace mcppm {

class McpClient;
struct McpError;

// What one server offers beyond tools, for routing: the URIs it lists
// (resources/list), its resource templates compiled (resources/templates/list)
// and the names of its prompts (prompts/list), each list with all its pages.
// The pool refreshes it when the server connects and when the server says a
// list changed; until the first answer it is "loading". While a refresh runs
// the previous lists stay in use.
class ResourceCatalog final : public QObject
{
    Q_OBJECT
public:
    // How well a server fits a URI: it lists it, one of its templates matches, or neither.
    enum class Fit { None, Matched, Listed };

    // Bounds: what a server lists beyond these is not kept (routing falls back
    // to "not listed" for the rest, which is still tried last).
    static constexpr int kMaxUris = 100000;
    static constexpr int kMaxTemplates = 2000;
    static constexpr int kMaxPrompts = 10000;

    explicit ResourceCatalog(McpClient *client, QObject *parent = nullptr);
    ~ResourceCatalog() override;
    Q_DISABLE_COPY_MOVE(ResourceCatalog)

    // Both lists (resources and templates; prompts), e.g. after a connect.
    void refresh();
    void refreshResources(); // resources/list and resources/templates/list
    void refreshPrompts(); // prompts/list

    // True once resources (and templates) were answered at least once;
    // a server that declares no resources is loaded at once (and lists none).
    bool resourcesLoaded() const { return m_resourcesLoaded; }
    bool promptsLoaded() const { return m_promptsLoaded; }

    Fit fit(const QString &uri) const;
    bool listsResource(const QString &uri) const { return m_uris.contains(uri); }
    bool matchesTemplate(const QString &uri) const;
    // The template text as listed (for completion/complete with ref/resource).
    bool hasTemplate(const QString &uriTemplate) const;
    bool listsPrompt(const QString &name) const { return m_prompts.contains(name); }

    // The entries as the server listed them (for a union of the fleet's lists).
    const QJsonArray &resourceItems() const { return m_resourceItems; }
    const QJsonArray &templateItems() const { return m_templateItems; }
    const QJsonArray &promptItems() const { return m_promptItems; }

    int resourceCount() const { return int(m_uris.size()); }
    int templateCount() const { return int(m_templates.size()); }
    int promptCount() const { return int(m_prompts.size()); }
    // Templates the server listed that are not valid RFC 6570 (they never match),
    // each with the reason.
    QStringList invalidTemplates() const { return m_invalidTemplates; }

Q_SIGNALS:
    // A refresh finished (also when a list failed: what did come is kept).
    void resourcesRefreshed();
    void promptsRefreshed();

private:
    struct ResourceFetch;
    void fetchTemplates(const std::shared_ptr<ResourceFetch> &fetch);
    void finishResources(const ResourceFetch &fetch);

    QPointer<McpClient> m_client;
    QSet<QString> m_uris;
    QList<UriTemplate> m_templates;
    QSet<QString> m_templateTexts;
    QStringList m_invalidTemplates;
    QSet<QString> m_prompts;
    QJsonArray m_resourceItems;
    QJsonArray m_templateItems;
    QJsonArray m_promptItems;
    bool m_resourcesLoaded = false;
    bool m_promptsLoaded = false;
    int m_resourceGeneration = 0; // a newer refresh makes older answers stale
    bool m_promptsAfterResources = false; // refresh(): prompts once resources are in
    int m_promptGeneration = 0;
};

} // namespace mcppm
