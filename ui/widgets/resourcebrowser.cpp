#include "resourcebrowser.h"

#include "controllers/poolclient.h"
#include "net/safetext.h"
#include "widgets/fulltextdelegate.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QSplitter>
#include <QStringDecoder>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace mcppm::ui {

ResourceBrowser::ResourceBrowser(PoolClient *pool, QWidget *parent)
    : QWidget(parent)
    , m_pool(pool)
{
    auto *outer = new QHBoxLayout(this);
    auto *split = new QSplitter(Qt::Horizontal, this);
    split->setChildrenCollapsible(false);
    m_split = split;
    outer->addWidget(split);
    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_tree = new QTreeWidget(left);
    m_tree->setHeaderLabels({tr("URI or template"), tr("Name"), tr("Servers")});
    m_tree->setAccessibleName(tr("Resources of the pool"));
    m_tree->setMinimumWidth(220);
    m_tree->setTextElideMode(Qt::ElideMiddle); // a URI keeps its scheme and its end
    FullTextDelegate::install(m_tree);
    auto *refreshButton = new QPushButton(tr("Refresh Resour&ces"), left);
    leftLayout->addWidget(m_tree, 1);
    leftLayout->addWidget(refreshButton);
    connect(refreshButton, &QPushButton::clicked, this, &ResourceBrowser::refresh);

    auto *right = new QWidget(split);
    auto *layout = new QVBoxLayout(right);
    // The URI on a row of its own, where to read and the buttons below it:
    // the field stays wide in a narrow window.
    auto *row = new QHBoxLayout;
    auto *buttonRow = new QHBoxLayout;
    auto *uriLabel = new QLabel(tr("&URI:"), right);
    m_uri = new QLineEdit(right);
    m_uri->setMinimumWidth(200);
    m_uri->setAccessibleName(tr("Resource URI"));
    m_uri->setPlaceholderText(tr("Pick a resource, or fill in a template's {variables}"));
    uriLabel->setBuddy(m_uri);
    m_target = new QComboBox(right);
    m_target->setAccessibleName(tr("Where to read from"));
    m_target->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_read = new QPushButton(tr("R&ead"), right);
    m_read->setDefault(true);
    m_save = new QPushButton(tr("Save Co&ntents…"), right);
    m_save->setEnabled(false);
    m_subscribe = new QPushButton(tr("Su&bscribe"), right);
    m_subscribe->setCheckable(true);
    m_subscribe->setToolTip(tr("Get the server's updates of this resource: they show in the "
                               "event log, and the resource is read again when it is shown here."));
    row->addWidget(uriLabel);
    row->addWidget(m_uri, 1);
    buttonRow->addWidget(m_target, 1);
    buttonRow->addWidget(m_read);
    buttonRow->addWidget(m_save);
    buttonRow->addWidget(m_subscribe);
    layout->addLayout(row);
    layout->addLayout(buttonRow);
    m_status = new QLabel(right);
    m_status->setWordWrap(true);
    layout->addWidget(m_status);
    m_view = new QPlainTextEdit(right);
    m_view->setReadOnly(true);
    m_view->setAccessibleName(tr("Resource contents"));
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    layout->addWidget(m_view, 1);
    split->setStretchFactor(0, 0);
    split->setStretchFactor(1, 1);
    split->setSizes({280, 700});
    m_defaultSplit = split->saveState();

    connect(m_tree, &QTreeWidget::currentItemChanged, this, [this](QTreeWidgetItem *item) {
        if (!item || item->data(0, Qt::UserRole).isNull())
            return;
        m_uri->setText(item->data(0, Qt::UserRole).toString());
        const QStringList servers = item->data(0, Qt::UserRole + 1).toStringList();
        m_target->clear();
        m_target->addItem(tr("The pool"), QString());
        for (const QString &s : servers)
            m_target->addItem(tr("Only %1").arg(s), s);
    });
    connect(m_read, &QPushButton::clicked, this, &ResourceBrowser::read);
    connect(m_uri, &QLineEdit::returnPressed, this, &ResourceBrowser::read);
    connect(m_save, &QPushButton::clicked, this, &ResourceBrowser::saveContents);
    connect(pool, &PoolClient::resourcesReady, this, &ResourceBrowser::setResources);
    connect(pool, &PoolClient::callFinished, this, &ResourceBrowser::onFinished);
    connect(pool, &PoolClient::resourceUpdated, this, &ResourceBrowser::onResourceUpdated);
    connect(m_subscribe, &QPushButton::clicked, this, &ResourceBrowser::setSubscribed);
    connect(m_uri, &QLineEdit::textChanged, this, &ResourceBrowser::showSubscription);
    m_target->addItem(tr("The pool"), QString());
}

void ResourceBrowser::refresh()
{
    m_pool->requestResources();
}

void ResourceBrowser::setResources(const QList<CatalogResource> &resources,
                                   const QList<CatalogTemplate> &templates)
{
    m_resources = resources;
    m_templates = templates;
    m_tree->clear();
    auto *plain = new QTreeWidgetItem(m_tree, {tr("Resources (%1)").arg(resources.size())});
    for (const CatalogResource &r : resources) {
        auto *item = new QTreeWidgetItem(
            plain,
            {SafeText::escape(r.resource.uri),
             SafeText::escape(r.resource.title.isEmpty() ? r.resource.name : r.resource.title),
             QString::number(r.servers.size())});
        item->setData(0, Qt::UserRole, r.resource.uri);
        item->setData(0, Qt::UserRole + 1, r.servers);
        item->setToolTip(0, SafeText::escape(r.resource.description, SafeText::Mode::MultiLine));
        item->setToolTip(2, r.servers.join(QStringLiteral(", ")));
    }
    auto *templ = new QTreeWidgetItem(m_tree, {tr("Templates (%1)").arg(templates.size())});
    for (const CatalogTemplate &t : templates) {
        auto *item = new QTreeWidgetItem(templ,
                                         {SafeText::escape(t.resourceTemplate.uriTemplate),
                                          SafeText::escape(t.resourceTemplate.name),
                                          QString::number(t.servers.size())});
        item->setData(0, Qt::UserRole, t.resourceTemplate.uriTemplate);
        item->setData(0, Qt::UserRole + 1, t.servers);
        item->setToolTip(
            0, SafeText::escape(t.resourceTemplate.description, SafeText::Mode::MultiLine));
    }
    m_tree->expandAll();
    m_tree->resizeColumnToContents(0);
    m_tree->setColumnWidth(0, std::min(m_tree->columnWidth(0), 300));
}

void ResourceBrowser::resetLayout()
{
    m_split->restoreState(m_defaultSplit);
}

QString ResourceBrowser::contentsText(const QJsonObject &content)
{
    const QString type = content.value(QStringLiteral("mimeType")).toString();
    if (content.contains(QStringLiteral("text"))) {
        const QString text = content.value(QStringLiteral("text")).toString();
        const QJsonDocument doc = QJsonDocument::fromJson(text.toUtf8());
        return doc.isNull() ? text : QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
    }
    const QByteArray blob
        = QByteArray::fromBase64(content.value(QStringLiteral("blob")).toString().toLatin1());
    // A text type sent as a blob is still text: shown as such when it is UTF-8.
    const QString base = type.section(QLatin1Char(';'), 0, 0).trimmed().toLower();
    const bool textual = base.startsWith(QLatin1String("text/"))
        || base.endsWith(QLatin1String("json")) || base.endsWith(QLatin1String("+xml"))
        || base == QLatin1String("application/xml")
        || base == QLatin1String("application/javascript");
    if (textual) {
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        const QString text = utf8.decode(blob);
        if (!utf8.hasError()) {
            const QJsonDocument doc = QJsonDocument::fromJson(blob);
            return doc.isNull() ? text : QString::fromUtf8(doc.toJson(QJsonDocument::Indented));
        }
    }
    return tr("[binary: %1 bytes of %2 — use Save Contents]")
        .arg(blob.size())
        .arg(type.isEmpty() ? tr("unknown type") : type);
}

bool ResourceBrowser::selectResource(const QString &uri)
{
    const auto items = m_tree->findItems(uri, Qt::MatchExactly | Qt::MatchRecursive, 0);
    if (items.isEmpty())
        return false;
    m_tree->setCurrentItem(items.first());
    return true;
}

void ResourceBrowser::setUri(const QString &uri)
{
    m_uri->setText(uri);
}

void ResourceBrowser::read()
{
    const QString uri = m_uri->text().trimmed();
    if (uri.isEmpty() || m_request)
        return;
    if (uri.contains(QLatin1Char('{'))) {
        m_status->setText(tr("Fill in the template's {variables} first."));
        return;
    }
    m_request = m_nextRequest++;
    m_readingUri = uri;
    m_clock.start();
    m_status->setText(tr("Reading %1 …").arg(uri));
    m_read->setEnabled(false);
    const quint64 id = m_request;
    const QString server = m_target->currentData().toString();
    m_pool->readResource(id, uri, server);
}

void ResourceBrowser::onFinished(quint64 requestId, const QJsonObject &result,
                                 const QString &serverId, const QString &errorKind,
                                 const QString &errorText)
{
    if (requestId != m_request)
        return;
    m_request = 0;
    m_read->setEnabled(true);
    m_result = result;
    m_shownUri = errorKind.isEmpty() ? m_readingUri : QString();
    m_save->setEnabled(errorKind.isEmpty());
    if (!errorKind.isEmpty()) {
        m_status->setText(
            tr("Could not read it (%1): %2").arg(errorKind, SafeText::escape(errorText)));
        m_view->clear();
        Q_EMIT readFinished();
        return;
    }
    QStringList parts;
    const QJsonArray contents = result.value(QStringLiteral("contents")).toArray();
    for (const QJsonValue &v : contents)
        parts << contentsText(v.toObject());
    // Shown with control characters escaped (newlines and tabs kept); saved as sent.
    m_view->setPlainText(
        SafeText::escape(parts.join(QStringLiteral("\n")), SafeText::Mode::MultiLine));
    m_status->setText(tr("%n part(s) from %1 in %2 ms", nullptr, int(contents.size()))
                          .arg(serverId)
                          .arg(m_clock.elapsed()));
    Q_EMIT readFinished();
}

QString ResourceBrowser::shownText() const
{
    return m_view->toPlainText();
}

QString ResourceBrowser::status() const
{
    return m_status->text();
}

void ResourceBrowser::showSubscription()
{
    const QString uri = m_uri->text().trimmed();
    m_subscribe->setEnabled(!uri.isEmpty() && !uri.contains(QLatin1Char('{')));
    m_subscribe->setChecked(m_subscribed.contains(uri));
}

void ResourceBrowser::setSubscribed(bool subscribed)
{
    const QString uri = m_uri->text().trimmed();
    if (uri.isEmpty() || uri.contains(QLatin1Char('{'))) {
        showSubscription();
        return;
    }
    if (subscribed && !m_subscribed.contains(uri)) {
        // The server chosen, else every server that lists it (else the whole pool).
        QStringList servers;
        if (const QString chosen = m_target->currentData().toString(); !chosen.isEmpty())
            servers << chosen;
        else if (const QTreeWidgetItem *item = m_tree->currentItem();
                 item && item->data(0, Qt::UserRole).toString() == uri)
            servers = item->data(0, Qt::UserRole + 1).toStringList();
        if (servers.isEmpty())
            servers << QString();
        for (const QString &server : std::as_const(servers))
            m_pool->setResourceSubscribed(uri, server, true);
        m_subscribed.insert(uri, servers);
        m_status->setText(tr("Subscribed to %1.").arg(SafeText::escape(uri)));
    } else if (!subscribed && m_subscribed.contains(uri)) {
        for (const QString &server : m_subscribed.take(uri))
            m_pool->setResourceSubscribed(uri, server, false);
        m_status->setText(tr("Unsubscribed from %1.").arg(SafeText::escape(uri)));
    }
    showSubscription();
}

void ResourceBrowser::onResourceUpdated(const QString &serverId, const QString &uri)
{
    if (!m_subscribed.contains(uri))
        return;
    m_status->setText(
        tr("%1 was updated on %2.").arg(SafeText::escape(uri), SafeText::escape(serverId)));
    if (uri == m_shownUri && !m_request && m_uri->text().trimmed() == uri)
        read();
}

void ResourceBrowser::saveContents()
{
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Contents"));
    if (path.isEmpty())
        return;
    QByteArray bytes;
    for (const QJsonValue &v : m_result.value(QStringLiteral("contents")).toArray()) {
        const QJsonObject c = v.toObject();
        bytes += c.contains(QStringLiteral("text"))
            ? c.value(QStringLiteral("text")).toString().toUtf8()
            : QByteArray::fromBase64(c.value(QStringLiteral("blob")).toString().toLatin1());
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit())
        QMessageBox::warning(this, tr("Save Contents"), file.errorString());
}

} // namespace mcppm::ui
