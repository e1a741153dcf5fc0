#pragma once

#include <QDialog>
#include <QJsonObject>
#include <QUrl>

#include <functional>

class QLabel;
class QPushButton;

namespace mcppm::ui {

class SchemaForm;

// A server's elicitation/create request put to the operator. Form mode
// shows the requested schema in the schema form (the tool-call composer's);
// URL mode shows the URL with "Open in Browser". Everything the server sent
// is shown escaped (SafeText), as plain text. Accept, Decline or Cancel;
// result() is the answer to send back ({action, content?}).
class ElicitationDialog final : public QDialog
{
    Q_OBJECT
public:
    ElicitationDialog(const QString &serverId, const QJsonObject &params,
                      QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(ElicitationDialog)

    bool isUrlMode() const { return m_urlMode; }
    QUrl url() const { return m_url; }
    // {"action":"accept","content":{…}} (form), {"action":"accept"} (URL),
    // {"action":"decline"} or {"action":"cancel"}.
    QJsonObject result() const;
    QString action() const { return m_action; }
    SchemaForm *form() const { return m_form; }
    QPushButton *acceptButton() const { return m_accept; }
    QPushButton *declineButton() const { return m_decline; }
    QPushButton *cancelButton() const { return m_cancel; }
    QPushButton *openButton() const { return m_open; }
    // How "Open in Browser" opens a URL (QDesktopServices by default; tests replace it).
    void setUrlOpener(std::function<bool(const QUrl &)> opener) { m_opener = std::move(opener); }

private:
    void finishWith(const QString &action);
    void updateAccept();

    bool m_urlMode = false;
    QUrl m_url;
    QString m_action = QStringLiteral("cancel");
    QJsonObject m_content;
    SchemaForm *m_form = nullptr;
    QLabel *m_problem = nullptr;
    QPushButton *m_accept = nullptr;
    QPushButton *m_decline = nullptr;
    QPushButton *m_cancel = nullptr;
    QPushButton *m_open = nullptr;
    std::function<bool(const QUrl &)> m_opener;
};

} // namespace mcppm::ui
