#pragma once

#include "pool/serverdetail.h"
#include "profile/namedrequest.h"

#include <QElapsedTimer>
#include <QHash>
#include <QJsonObject>
#include <QPointer>
#include <QWidget>

#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QSplitter;
class QTabWidget;
class QTimer;

namespace mcppm::ui {

class PoolClient;

class ResultView;
class SchemaForm;

// The tool-call composer: pick a tool from the union of the pool's tools (with
// the servers that offer it), fill a form made from its input schema, send it
// through the pool, to one pinned server, or to every server that offers it
// (results side by side, differences flagged), watch progress, cancel, read the
// result; earlier calls can be run again, and saved under a name (kept in the
// profile) to be loaded, run or deleted later.
class Composer final : public QWidget
{
    Q_OBJECT
public:
    explicit Composer(PoolClient *pool, QWidget *parent = nullptr);

    void setCatalog(const QList<CatalogTool> &tools);
    bool selectTool(const QString &name);
    // "" = balanced by the pool, "*" = every server offering the tool, else a server id.
    bool setTarget(const QString &target);
    void setArguments(const QJsonObject &arguments);
    void run();
    void cancel();
    void refreshCatalog();
    // View › Reset Layout: the splitters as built.
    void resetLayout();

    bool isRunning() const { return !m_running.isEmpty(); }
    QString currentTool() const { return m_tool.tool.name; }
    QStringList offeringServers() const { return m_tool.servers; }
    SchemaForm *form() const { return m_form; }
    int toolCount() const;
    int resultCount() const;
    ResultView *resultView(int index) const;
    QString comparisonText() const;
    int historyCount() const;
    int priority() const;
    int timeoutMs() const;
    QString target() const; // as setTarget() takes it
    // What the composer shows under the form (for tests and screenshots).
    QString elapsedText() const; // the last (or running) call's time
    QString problemsText() const; // what is wrong with the arguments, or a warning
    QString progressText() const; // "done", "cancelled", "done, 1 failed", …

    // Named requests, as the profile keeps them. Setting them emits nothing.
    void setSavedRequests(const QList<NamedRequest> &requests);
    QList<NamedRequest> savedRequests() const { return m_saved; }
    QStringList savedRequestNames() const;
    // The call of history entry `row` (0 = the newest) saved as `name`; a saved
    // request of that name is replaced. False if there is no such entry or name.
    bool saveHistoryAs(int row, const QString &name);
    // The call as the form shows it now (tool, arguments, target, priority,
    // timeout) saved as `name`. False without a tool or a name.
    bool saveCurrentAs(const QString &name);
    // Into the composer: tool, arguments, target, priority and timeout. A tool the
    // pool does not offer yet is loaded when its catalog shows it.
    bool loadSavedRequest(const QString &name);
    bool runSavedRequest(const QString &name);
    bool deleteSavedRequest(const QString &name);

    // The composer's targets ("", "*", server id) and the profile's ("pool",
    // "all", "server:ID").
    static QString profileTarget(const QString &composerTarget);
    static QString composerTarget(const QString &profileTarget);

Q_SIGNALS:
    void runFinished(); // every call of the last run has ended
    void savedRequestsChanged(); // the operator saved, replaced or deleted one
    // A resource link in a result was clicked (its URI, to be read).
    void resourceLinkActivated(const QString &uri);

private:
    struct Running
    {
        QString server; // pinned server, or "" for balanced
        QElapsedTimer clock;
        int tab = -1;
    };
    void onStarted(quint64 requestId, quint64 taskId);
    void onProgress(quint64 requestId, double progress, double total, const QString &message);
    void onFinished(quint64 requestId, const QJsonObject &result, const QString &serverId,
                    const QString &errorKind, const QString &errorText);
    void showTool(const CatalogTool &tool);
    void updateRunState();
    void compareResults();
    void addHistory(const QString &summary, const QJsonObject &args, const QString &target);
    void askSaveHistory(); // the selected history entry, under a name the operator types
    void askSaveCurrent(); // the form as it is, likewise
    // A name for a saved request, or empty when the operator cancels or keeps the old one.
    QString askRequestName(const QString &suggested);
    void storeSaved(NamedRequest request); // added, or replacing one of that name
    void clearResults();
    void showElapsed(qint64 ms);
    void askDeleteSaved();
    void applyRequest(const NamedRequest &request, bool runAfter);
    void refreshSavedList(const QString &select = QString());
    const NamedRequest *savedRequest(const QString &name) const;

    PoolClient *m_pool = nullptr;
    QList<CatalogTool> m_catalog;
    CatalogTool m_tool;
    QHash<quint64, Running> m_running;
    quint64 m_nextRequest = (quint64(1) << 40);
    QJsonObject m_lastArgs;
    QString m_lastTarget;
    int m_lastPriority = 0;
    int m_lastTimeoutMs = 0;
    QList<NamedRequest> m_saved;
    std::optional<NamedRequest> m_pending; // loaded once the catalog offers its tool
    bool m_runPending = false;
    bool m_fanOut = false;
    int m_failedInRun = 0;
    int m_cancelledInRun = 0; // of the last run: cancelled, not failed
    QElapsedTimer m_runClock; // the run as a whole (the longest of its calls)
    QByteArray m_confirmedEmpty; // the call sent although required fields are empty
    QByteArray m_defaultSplit;
    QByteArray m_defaultVertical;
    QSplitter *m_split = nullptr;
    QSplitter *m_vertical = nullptr;

    QLineEdit *m_filter = nullptr;
    QListWidget *m_tools = nullptr;
    QLabel *m_header = nullptr;
    QComboBox *m_target = nullptr;
    QSpinBox *m_priority = nullptr;
    QSpinBox *m_timeout = nullptr;
    QPushButton *m_run = nullptr;
    QPushButton *m_cancel = nullptr;
    SchemaForm *m_form = nullptr;
    QLabel *m_problems = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_elapsed = nullptr;
    QTimer *m_tick = nullptr;
    QTabWidget *m_results = nullptr;
    QLabel *m_comparison = nullptr;
    QListWidget *m_history = nullptr;
    QPushButton *m_saveCurrent = nullptr;
    QComboBox *m_savedBox = nullptr;
    QPushButton *m_loadSaved = nullptr;
    QPushButton *m_runSaved = nullptr;
    QPushButton *m_deleteSaved = nullptr;
};

} // namespace mcppm::ui
