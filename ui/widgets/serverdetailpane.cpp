#include "serverdetailpane.h"

#include "charts/servercharts.h"
#include "models/eventlogmodel.h"
#include "models/servertablemodel.h"
#include "widgets/toolhints.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

namespace mcppm::ui {

namespace {
QTreeWidget *makeTree(const QStringList &headers, const QString &name, QWidget *parent)
{
    auto *tree = new QTreeWidget(parent);
    tree->setHeaderLabels(headers);
    tree->setRootIsDecorated(false);
    tree->setAlternatingRowColors(true);
    tree->setAccessibleName(name);
    tree->header()->setStretchLastSection(true);
    tree->setUniformRowHeights(true);
    return tree;
}

void addJson(QTreeWidgetItem *parent, QTreeWidget *tree, const QString &key, const QJsonValue &v)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
    item->setText(0, key);
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it)
            addJson(item, tree, it.key(), it.value());
        if (o.isEmpty())
            item->setText(1, QObject::tr("yes"));
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        for (int i = 0; i < a.size(); ++i)
            addJson(item, tree, QString::number(i), a.at(i));
    } else {
        item->setText(1, v.toVariant().toString());
    }
}

QString time(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms).toString(QStringLiteral("HH:mm:ss"));
}
} // namespace

ServerDetailPane::ServerDetailPane(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    auto *head = new QHBoxLayout;
    m_title = new QLabel(this);
    m_title->setTextFormat(Qt::RichText);
    auto *refresh = new QPushButton(tr("&Refresh"), this);
    refresh->setAccessibleName(tr("Refresh server details"));
    connect(refresh, &QPushButton::clicked, this, [this]() {
        if (!m_id.isEmpty())
            Q_EMIT refreshRequested(m_id);
    });
    head->addWidget(m_title, 1);
    head->addWidget(refresh);
    layout->addLayout(head);
    m_summary = new QLabel(this);
    m_summary->setWordWrap(true);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_summary);
    m_tabs = new QTabWidget(this);
    auto *overview = new QWidget(m_tabs);
    auto *overviewLayout = new QVBoxLayout(overview);
    m_capabilities = makeTree({tr("Capability"), tr("Value")}, tr("Capabilities"), overview);
    m_capabilities->setRootIsDecorated(true);
    m_instructions = new QPlainTextEdit(overview);
    m_instructions->setReadOnly(true);
    m_instructions->setAccessibleName(tr("Server instructions"));
    m_instructions->setPlaceholderText(tr("The server gave no instructions."));
    overviewLayout->addWidget(m_capabilities, 2);
    overviewLayout->addWidget(new QLabel(tr("Instructions:"), overview));
    overviewLayout->addWidget(m_instructions, 1);
    m_tabs->addTab(overview, tr("Overview"));
    m_charts = new ServerCharts(m_tabs);
    m_charts->setAccessibleName(tr("Server charts"));
    m_tabs->addTab(m_charts, tr("Charts"));
    m_tools = makeTree({tr("Tool"), tr("Hints"), tr("Description")}, tr("Tools"), m_tabs);
    m_tabs->addTab(m_tools, tr("Tools"));
    m_resources
        = makeTree({tr("URI or template"), tr("Name"), tr("Type")}, tr("Resources"), m_tabs);
    m_tabs->addTab(m_resources, tr("Resources"));
    m_prompts = makeTree({tr("Prompt"), tr("Arguments"), tr("Description")}, tr("Prompts"), m_tabs);
    m_tabs->addTab(m_prompts, tr("Prompts"));
    m_history = makeTree({tr("Time"), tr("Change"), tr("Why")}, tr("Health history"), m_tabs);
    m_tabs->addTab(m_history, tr("Health"));
    m_errors
        = makeTree({tr("Time"), tr("Event"), tr("What happened")}, tr("Recent errors"), m_tabs);
    m_tabs->addTab(m_errors, tr("Errors"));
    layout->addWidget(m_tabs, 1);
    clear();
}

void ServerDetailPane::clear()
{
    m_id.clear();
    m_title->setText(tr("<b>No server selected</b>"));
    m_summary->setText(tr("Select a server in the table to see what it offers and how it has "
                          "been doing."));
    for (QTreeWidget *tree : {m_capabilities, m_tools, m_resources, m_prompts, m_history, m_errors})
        tree->clear();
    m_instructions->clear();
    m_charts->clear();
}

void ServerDetailPane::showSamples(const QList<ServerHistory::Sample> &samples)
{
    m_charts->setSamples(samples);
}

int ServerDetailPane::toolCount() const
{
    return m_tools->topLevelItemCount();
}

void ServerDetailPane::showDetail(const ServerDetail &d)
{
    m_id = d.id;
    m_title->setText(
        QStringLiteral("<b>%1</b> — %2")
            .arg(d.id.toHtmlEscaped(), ServerTableModel::statusText(d.status).toHtmlEscaped()));
    QStringList facts;
    facts << d.url;
    if (!d.serverName.isEmpty())
        facts << tr("%1 %2").arg(d.serverTitle.isEmpty() ? d.serverName : d.serverTitle,
                                 d.serverVersion);
    if (!d.protocolVersion.isEmpty())
        facts << tr("protocol %1").arg(d.protocolVersion);
    if (!d.transport.isEmpty())
        facts << tr("transport %1").arg(d.transport);
    if (!d.sessionId.isEmpty())
        facts << tr("session %1").arg(d.sessionId);
    if (d.consecutiveFailures > 0)
        facts << tr("%n failure(s) in a row", nullptr, d.consecutiveFailures);
    if (d.reconnectAttempt > 0)
        facts << tr("reconnect attempt %1").arg(d.reconnectAttempt);
    QString summary = facts.join(QStringLiteral(" · "));
    if (!d.lastError.isEmpty())
        summary += QLatin1Char('\n') + tr("Last error: %1").arg(d.lastError);
    for (const QString &e : d.catalogErrors)
        summary += QLatin1Char('\n') + tr("Could not list %1").arg(e);
    m_summary->setText(summary);

    m_capabilities->clear();
    for (auto it = d.capabilities.begin(); it != d.capabilities.end(); ++it)
        addJson(nullptr, m_capabilities, it.key(), it.value());
    m_capabilities->expandAll();
    m_instructions->setPlainText(d.instructions);

    m_tools->clear();
    for (const ToolInfo &t : d.tools) {
        auto *item = new QTreeWidgetItem(
            m_tools,
            {t.title.isEmpty() ? t.name : QStringLiteral("%1 (%2)").arg(t.name, t.title),
             ToolHints::text(t.annotations), t.description.section(QLatin1Char('\n'), 0, 0)});
        item->setToolTip(2, t.description);
    }
    m_resources->clear();
    for (const ResourceInfo &r : d.resources)
        new QTreeWidgetItem(m_resources, {r.uri, r.title.isEmpty() ? r.name : r.title, r.mimeType});
    for (const ResourceTemplateInfo &r : d.templates)
        new QTreeWidgetItem(m_resources,
                            {r.uriTemplate, r.title.isEmpty() ? r.name : r.title, r.mimeType});
    m_prompts->clear();
    for (const PromptInfo &p : d.prompts) {
        QStringList args;
        for (const PromptInfo::Argument &a : p.arguments)
            args << (a.required ? a.name + QLatin1Char('*') : a.name);
        new QTreeWidgetItem(m_prompts, {p.name, args.join(QStringLiteral(", ")), p.description});
    }
    m_history->clear();
    for (const ServerDetail::Transition &t : d.history) {
        auto *item = new QTreeWidgetItem(m_history,
                                         {time(t.timeMs),
                                          tr("%1 → %2").arg(ServerTableModel::statusText(t.from),
                                                            ServerTableModel::statusText(t.to)),
                                          t.reason});
        item->setIcon(1, QIcon()); // text carries it; colour follows in the table
        item->setForeground(1, ServerTableModel::statusColor(t.to));
        item->setToolTip(2, t.reason);
    }
    m_history->scrollToBottom();
    m_errors->clear();
    for (const PoolEvent &e : d.recentErrors) {
        auto *item = new QTreeWidgetItem(m_errors,
                                         {time(e.timeMs), EventLogModel::kindText(e.kind), e.text});
        item->setToolTip(2, e.text);
    }
    m_errors->scrollToBottom();
}

} // namespace mcppm::ui
