#pragma once

#include <QDialog>
#include <QJsonObject>

class QPlainTextEdit;
class QPushButton;

namespace mcppm::ui {

// A server's sampling/createMessage request answered by the operator: the
// requested messages, system prompt and token limit (escaped, read-only), a
// reply box, Send or Decline. Only asked when sampling is enabled in the
// settings (the profile's "sampling"); otherwise the capability is not declared.
class SamplingDialog final : public QDialog
{
    Q_OBJECT
public:
    SamplingDialog(const QString &serverId, const QJsonObject &params, QWidget *parent = nullptr);
    Q_DISABLE_COPY_MOVE(SamplingDialog)

    // The conversation as shown ("role: text" per message).
    QString conversationText() const;
    QString systemPrompt() const { return m_systemPrompt; }
    int maxTokens() const { return m_maxTokens; }
    void setReply(const QString &text);
    // The CreateMessageResult for the reply (role assistant, text content,
    // model "operator", stopReason "endTurn").
    QJsonObject result() const;
    QPushButton *sendButton() const { return m_send; }
    QPushButton *declineButton() const { return m_decline; }

    static QString describeContent(const QJsonValue &content);

private:
    QString m_systemPrompt;
    int m_maxTokens = 0;
    QPlainTextEdit *m_conversation = nullptr;
    QPlainTextEdit *m_reply = nullptr;
    QPushButton *m_send = nullptr;
    QPushButton *m_decline = nullptr;
};

} // namespace mcppm::ui
