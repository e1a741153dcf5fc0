#pragma once

#include "models/serverhistory.h"
#include "pool/poolsnapshot.h"
#include "pool/serverdetail.h"

#include <QWidget>

class QLabel;
class QEvent;
class QPlainTextEdit;
class QPushButton;
class QTabWidget;
class QTreeWidget;

namespace mcppm::ui {

class ServerCharts;

// One server in depth: who it is (software, protocol, transport, session),
// what it offers (capabilities, tools with annotations, resources and
// templates, prompts), how it has been (its charts of requests, errors and
// latency over the last minutes, health timeline, recent errors) and, for a
// server with OAuth, its sign-in (state, issuer, scopes, expiry; never a token).
class ServerDetailPane final : public QWidget
{
    Q_OBJECT
public:
    explicit ServerDetailPane(QWidget *parent = nullptr);

    // era: the server's row's ("modern", "legacy" or "" when not known).
    void showDetail(const ServerDetail &detail, const QString &era = {});
    // The selected server's points (ServerHistory), for its charts.
    void showSamples(const QList<ServerHistory::Sample> &samples);
    // The selected server's OAuth side, from its snapshot row: a "Sign-in" tab
    // while it uses OAuth (ServerTableModel::usesOAuth), none otherwise. nowMs
    // is for "expires in N min" (wall clock).
    void showAuth(const ServerRow &row, qint64 nowMs);
    void clear();
    QString serverId() const { return m_id; }
    QString authServerId() const { return m_authId; }
    QWidget *signInTab() const { return m_signIn; }
    bool hasSignInTab() const;
    // The Process tab (local stdio servers only) and its text.
    bool hasProcessTab() const;
    QString processText() const;
    // The Sign-in tab's fields as shown: state, issuer, scopes, expiry.
    QString authStateShown() const;
    QString issuerShown() const;
    QString scopesShown() const;
    QString expiryShown() const;
    QPushButton *signInButton() const { return m_signInButton; }
    QPushButton *signOutButton() const { return m_signOutButton; }

    // "signed-in" etc. (OAuthClient::stateName) as a person reads it; translated.
    static QString authStateText(const QString &state);
    // An access token's expiry: local date and time, and "in N min" or "expired".
    static QString expiryText(qint64 expiresAtMs, qint64 nowMs);
    ServerCharts *charts() const { return m_charts; }
    QTabWidget *tabs() const { return m_tabs; }
    int toolCount() const;

Q_SIGNALS:
    void refreshRequested(const QString &id);
    // The Sign In / Sign Out buttons of the Sign-in tab were clicked.
    void signInRequested(const QString &id);
    void signOutRequested(const QString &id);

protected:
    // The wrapped summary keeps all its lines at any width of the dock.
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    void showProcess(const ServerDetail::Process &process);
    void fitSummary();

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
    QPlainTextEdit *m_process = nullptr;
    QString m_authId;
    QWidget *m_signIn = nullptr; // the Sign-in tab (not in m_tabs without OAuth)
    QLabel *m_authState = nullptr;
    QLabel *m_issuer = nullptr;
    QLabel *m_scopes = nullptr;
    QLabel *m_expiry = nullptr;
    QPushButton *m_signInButton = nullptr;
    QPushButton *m_signOutButton = nullptr;
};

} // namespace mcppm::ui
