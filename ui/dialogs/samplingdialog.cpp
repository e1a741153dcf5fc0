#include "samplingdialog.h"

#include "net/safetext.h"

#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace mcppm::ui {

namespace {
constexpr int kMaxShownChars = 100000;
}

QString SamplingDialog::describeContent(const QJsonValue &content)
{
    if (content.isArray()) { // 2025-11-25: a list of blocks
        QStringList parts;
        for (const QJsonValue &block : content.toArray())
            parts << describeContent(block);
        return parts.join(QLatin1Char('\n'));
    }
    const QJsonObject block = content.toObject();
    const QString type = block.value(QStringLiteral("type")).toString();
    if (type == QLatin1String("text"))
        return block.value(QStringLiteral("text")).toString();
    if (type == QLatin1String("image") || type == QLatin1String("audio"))
        return tr("[%1, %2]").arg(type, block.value(QStringLiteral("mimeType")).toString());
    return tr("[%1 content]").arg(type.isEmpty() ? tr("unknown") : type);
}

SamplingDialog::SamplingDialog(const QString &serverId, const QJsonObject &params, QWidget *parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("SamplingDialog"));
    setWindowTitle(tr("Server Asks for a Completion"));
    auto *layout = new QVBoxLayout(this);
    auto *who = new QLabel(this);
    who->setTextFormat(Qt::PlainText);
    who->setWordWrap(true);
    who->setText(tr("Server %1 asks for a model reply (sampling). You answer it yourself: "
                    "what you send goes back to the server as the model's message.")
                     .arg(SafeText::escape(serverId)));
    layout->addWidget(who);

    QStringList lines;
    for (const QJsonValue &v : params.value(QStringLiteral("messages")).toArray()) {
        const QJsonObject message = v.toObject();
        lines << QStringLiteral("%1: %2").arg(
            SafeText::escape(message.value(QStringLiteral("role")).toString()),
            SafeText::escape(describeContent(message.value(QStringLiteral("content"))),
                             SafeText::Mode::MultiLine));
    }
    m_systemPrompt = SafeText::escape(params.value(QStringLiteral("systemPrompt")).toString(),
                                      SafeText::Mode::MultiLine)
                         .left(kMaxShownChars);
    m_maxTokens = params.value(QStringLiteral("maxTokens")).toInt();

    auto *form = new QFormLayout;
    auto *system = new QLabel(m_systemPrompt.isEmpty() ? tr("(none)") : m_systemPrompt, this);
    system->setObjectName(QStringLiteral("systemPrompt"));
    system->setTextFormat(Qt::PlainText);
    system->setWordWrap(true);
    system->setTextInteractionFlags(Qt::TextSelectableByMouse);
    form->addRow(tr("System prompt:"), system);
    auto *tokens = new QLabel(QString::number(m_maxTokens), this);
    tokens->setObjectName(QStringLiteral("maxTokens"));
    form->addRow(tr("Max tokens:"), tokens);
    layout->addLayout(form);

    auto *messagesLabel = new QLabel(tr("&Messages:"), this);
    m_conversation = new QPlainTextEdit(this);
    m_conversation->setObjectName(QStringLiteral("conversation"));
    m_conversation->setReadOnly(true);
    m_conversation->setPlainText(lines.join(QStringLiteral("\n\n")).left(kMaxShownChars));
    messagesLabel->setBuddy(m_conversation);
    layout->addWidget(messagesLabel);
    layout->addWidget(m_conversation, 2);
    auto *replyLabel = new QLabel(tr("&Reply:"), this);
    m_reply = new QPlainTextEdit(this);
    m_reply->setObjectName(QStringLiteral("reply"));
    m_reply->setPlaceholderText(tr("The assistant's reply, as you would have the model answer"));
    replyLabel->setBuddy(m_reply);
    layout->addWidget(replyLabel);
    layout->addWidget(m_reply, 1);

    auto *buttons = new QDialogButtonBox(this);
    m_send = buttons->addButton(tr("&Send"), QDialogButtonBox::AcceptRole);
    m_decline = buttons->addButton(tr("&Decline"), QDialogButtonBox::RejectRole);
    m_send->setEnabled(false);
    connect(m_reply, &QPlainTextEdit::textChanged, this,
            [this]() { m_send->setEnabled(!m_reply->toPlainText().trimmed().isEmpty()); });
    connect(m_send, &QPushButton::clicked, this, &QDialog::accept);
    connect(m_decline, &QPushButton::clicked, this, &QDialog::reject);
    layout->addWidget(buttons);
    resize(600, 520);
}

QString SamplingDialog::conversationText() const
{
    return m_conversation->toPlainText();
}

void SamplingDialog::setReply(const QString &text)
{
    m_reply->setPlainText(text);
}

QJsonObject SamplingDialog::result() const
{
    return {{QStringLiteral("role"), QStringLiteral("assistant")},
            {QStringLiteral("content"),
             QJsonObject{{QStringLiteral("type"), QStringLiteral("text")},
                         {QStringLiteral("text"), m_reply->toPlainText()}}},
            {QStringLiteral("model"), QStringLiteral("operator")},
            {QStringLiteral("stopReason"), QStringLiteral("endTurn")}};
}

} // namespace mcppm::ui
