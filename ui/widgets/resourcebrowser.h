#pragma once

#include "pool/serverdetail.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSplitter;
class QTreeWidget;

namespace mcppm::ui {

class PoolClient;

// The pool's resources and resource templates (with the servers that list
// each), read through the pool or from one server, shown as text, pretty
// JSON, or (binary) size and type with Save.
class ResourceBrowser final : public QWidget
{
    Q_OBJECT
public:
    explicit ResourceBrowser(PoolClient *pool, QWidget *parent = nullptr);

    void refresh();
    void setResources(const QList<CatalogResource> &resources,
                      const QList<CatalogTemplate> &templates);
    int resourceCount() const { return int(m_resources.size()); }
    int templateCount() const { return int(m_templates.size()); }
    bool selectResource(const QString &uri);
    void setUri(const QString &uri);
    void read();
    QString shownText() const;
    QString status() const;
    // Subscribe to the URI in the box (on the server chosen, or every server
    // listing it); an update re-reads the resource when it is the one shown.
    void setSubscribed(bool subscribed);
    bool isSubscribed(const QString &uri) const { return m_subscribed.contains(uri); }
    QPushButton *subscribeButton() const { return m_subscribe; }
    // View › Reset Layout: the splitter as built.
    void resetLayout();
    // One part of a read's "contents" as the view shows it: text (JSON
    // indented), a blob of a text type that is valid UTF-8 as text, else its
    // size and type.
    static QString contentsText(const QJsonObject &content);

Q_SIGNALS:
    void readFinished();

private:
    void onFinished(quint64 requestId, const QJsonObject &result, const QString &serverId,
                    const QString &errorKind, const QString &errorText);
    void saveContents();
    void onResourceUpdated(const QString &serverId, const QString &uri);
    void showSubscription();

    PoolClient *m_pool = nullptr;
    QList<CatalogResource> m_resources;
    QList<CatalogTemplate> m_templates;
    QTreeWidget *m_tree = nullptr;
    QLineEdit *m_uri = nullptr;
    QComboBox *m_target = nullptr;
    QPushButton *m_read = nullptr;
    QPushButton *m_save = nullptr;
    QPushButton *m_subscribe = nullptr;
    QHash<QString, QStringList> m_subscribed; // uri -> servers ("" = every one)
    QString m_shownUri; // the resource in the view (re-read on its updates)
    QString m_readingUri;
    QLabel *m_status = nullptr;
    QPlainTextEdit *m_view = nullptr;
    QJsonObject m_result;
    quint64 m_request = 0;
    quint64 m_nextRequest = (quint64(1) << 41);
    QElapsedTimer m_clock;
    QSplitter *m_split = nullptr;
    QByteArray m_defaultSplit;
};

} // namespace mcppm::ui
