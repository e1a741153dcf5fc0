#pragma once

#include "models/serverhistory.h"
#include "pool/serverdetail.h"

#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QTabWidget;
class QTreeWidget;

namespace mcppm::ui {

class ServerCharts;

// One server in depth: who it is (software, protocol, transport, session),
// what it offers (capabilities, tools with annotations, resources and
// templates, prompts), how it has been (its charts of requests, errors and
// latency over the last minutes, health timeline, recent errors).
class ServerDetailPane final : public QWidget
{
    Q_OBJECT
public:
    explicit ServerDetailPane(QWidget *parent = nullptr);

    void showDetail(const ServerDetail &detail);
    // The selected server's points (ServerHistory), for its charts.
    void showSamples(const QList<ServerHistory::Sample> &samples);
    void clear();
    QString serverId() const { return m_id; }
    ServerCharts *charts() const { return m_charts; }
    QTabWidget *tabs() const { return m_tabs; }
    int toolCount() const;

Q_SIGNALS:
    void refreshRequested(const QString &id);

private:
    QString m_id;
    QLabel *m_title = nullptr;
    QLabel *m_summary = nullptr;
    QTabWidget *m_tabs = nullptr;
    ServerCharts *m_charts = nullptr;
    QTreeWidget *m_capabilities = nullptr;
    QPlainTextEdit *m_instructions = nullptr;
    QTreeWidget *m_tools = nullptr;
    QTreeWidget *m_resources = nullptr;
    QTreeWidget *m_prompts = nullptr;
    QTreeWidget *m_history = nullptr;
    QTreeWidget *m_errors = nullptr;
};

} // namespace mcppm::ui
