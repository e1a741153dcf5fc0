#pragma once

#include "pool/poolsnapshot.h"

#include <QPointer>
#include <QWidget>

class QComboBox;
class QListView;
class QPlainTextEdit;

namespace mcppm::ui {

class PoolClient;

class ProtocolModel;

// The raw JSON-RPC traffic of one chosen server: a bounded list of messages
// (→ sent, ← received), the selected one pretty-printed with secrets masked.
class ProtocolView final : public QWidget
{
    Q_OBJECT
public:
    explicit ProtocolView(PoolClient *pool, QWidget *parent = nullptr);

    void setServers(const QStringList &ids); // keeps the choice when it is still there
    bool watch(const QString &id); // "" stops
    QString watched() const { return m_watched; }
    ProtocolModel *model() const { return m_model; }

private:
    PoolClient *m_pool = nullptr;
    QString m_watched;
    QComboBox *m_server = nullptr;
    QListView *m_list = nullptr;
    QPlainTextEdit *m_message = nullptr;
    ProtocolModel *m_model = nullptr;
};

} // namespace mcppm::ui
