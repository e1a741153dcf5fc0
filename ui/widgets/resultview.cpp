#include "resultview.h"

#include "net/safetext.h"

#include "mcp/toolresult.h"
#include "schema/jsonschemavalidator.h"

#include "fulltextdelegate.h"

#include <QFile>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QMessageBox>
#include <QPixmap>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSaveFile>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <algorithm>

namespace mcppm::ui {

namespace {
void addJson(QTreeWidgetItem *parent, QTreeWidget *tree, const QString &key, const QJsonValue &v)
{
    auto *item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree);
    item->setText(0, SafeText::escape(key));
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        item->setText(1, QObject::tr("{%n key(s)}", nullptr, int(o.size())));
        for (auto it = o.begin(); it != o.end(); ++it)
            addJson(item, tree, it.key(), it.value());
    } else if (v.isArray()) {
        const QJsonArray a = v.toArray();
        item->setText(1, QObject::tr("[%n item(s)]", nullptr, int(a.size())));
        for (int i = 0; i < a.size(); ++i)
            addJson(item, tree, QString::number(i), a.at(i));
    } else if (v.isString()) {
        item->setText(1, QLatin1Char('"') + SafeText::escape(v.toString()) + QLatin1Char('"'));
    } else if (v.isNull()) {
        item->setText(1, QStringLiteral("null"));
    } else {
        item->setText(1, SafeText::escape(v.toVariant().toString()));
    }
}
} // namespace

ResultView::ResultView(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_banner = new QLabel(this);
    m_banner->setWordWrap(true);
    m_banner->setTextInteractionFlags(Qt::TextSelectableByMouse);
    layout->addWidget(m_banner);
    m_text = new QPlainTextEdit(this);
    m_text->setReadOnly(true);
    m_text->setAccessibleName(tr("Result text"));
    // Text and structuredContent share the room by their stretch, whatever their hints.
    m_text->setMinimumHeight(40);
    m_text->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    layout->addWidget(m_text, 2);
    m_media = new QWidget(this);
    m_mediaLayout = new QVBoxLayout(m_media);
    m_mediaLayout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_media);
    m_schemaLabel = new QLabel(this);
    m_schemaLabel->setWordWrap(true);
    layout->addWidget(m_schemaLabel);
    m_structured = new QTreeWidget(this);
    m_structured->setHeaderLabels({tr("structuredContent"), tr("Value")});
    m_structured->setAccessibleName(tr("Structured content"));
    FullTextDelegate::install(m_structured); // a cut key or value: the whole of it as tooltip
    m_structured->setMinimumHeight(60);
    m_structured->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Ignored);
    layout->addWidget(m_structured, 1);
    auto *buttons = new QHBoxLayout;
    m_save = new QPushButton(tr("Save Full Result…"), this);
    connect(m_save, &QPushButton::clicked, this, &ResultView::saveFull);
    buttons->addStretch();
    buttons->addWidget(m_save);
    layout->addLayout(buttons);
    clear();
}

void ResultView::clear()
{
    m_banner->hide();
    m_text->clear();
    m_structured->clear();
    m_structured->hide();
    m_schemaLabel->hide();
    m_save->setEnabled(false);
    while (QLayoutItem *item = m_mediaLayout->takeAt(0)) {
        delete item->widget();
        delete item;
    }
    m_result = {};
    m_links.clear();
    m_isCancelled = false;
    m_fullText.clear();
    m_schemaProblems.clear();
    m_isError = false;
    m_truncated = false;
    m_images = 0;
}

void ResultView::showFailure(const QString &errorKind, const QString &errorText,
                             const QString &serverId, qint64 elapsedMs)
{
    clear();
    m_isError = true;
    m_banner->setText((serverId.isEmpty()
                           ? tr("<b>The call failed</b> (%1, %2 ms): %3")
                                 .arg(errorKind.toHtmlEscaped())
                                 .arg(elapsedMs)
                                 .arg(SafeText::escape(errorText).toHtmlEscaped())
                           : tr("<b>The call failed</b> (%1 on %2, %3 ms): %4")
                                 .arg(errorKind.toHtmlEscaped(), serverId.toHtmlEscaped())
                                 .arg(elapsedMs)
                                 .arg(SafeText::escape(errorText).toHtmlEscaped())));
    m_banner->setStyleSheet(QStringLiteral("background:#fde2e1;color:#7a1212;padding:6px;"));
    m_banner->show();
    m_fullText = errorText;
    // Shown with control characters escaped (newlines and tabs kept); saved as sent.
    m_text->setPlainText(SafeText::escape(errorText, SafeText::Mode::MultiLine));
}

void ResultView::showCancelled(const QString &serverId, qint64 elapsedMs)
{
    clear();
    m_isError = false;
    m_isCancelled = true;
    m_banner->setText(serverId.isEmpty() ? tr("<b>Cancelled</b> after %1 ms").arg(elapsedMs)
                                         : tr("<b>Cancelled</b> on %1 after %2 ms")
                                               .arg(serverId.toHtmlEscaped())
                                               .arg(elapsedMs));
    m_banner->setStyleSheet(QStringLiteral("background:#ececec;color:#333333;padding:6px;"));
    m_banner->show();
    m_fullText.clear();
    m_text->setPlainText(tr("The call was cancelled; no result."));
}

void ResultView::showResult(const QJsonObject &result, const QJsonObject &outputSchema,
                            const QString &serverId, qint64 elapsedMs)
{
    clear();
    m_result = result;
    m_save->setEnabled(true);
    const ToolResult typed = ToolResult::fromJson(result);
    m_isError = typed.isError;
    m_banner->setText(
        typed.isError
            ? tr("<b>The tool reported an error</b> (isError) — from %1 in %2 ms")
                  .arg(serverId.toHtmlEscaped())
                  .arg(elapsedMs)
            : tr("Answered by <b>%1</b> in %2 ms").arg(serverId.toHtmlEscaped()).arg(elapsedMs));
    m_banner->setStyleSheet(typed.isError
                                ? QStringLiteral("background:#fde2e1;color:#7a1212;padding:6px;")
                                : QStringLiteral("background:#e3f4e8;color:#14532d;padding:6px;"));
    m_banner->show();
    QStringList texts;
    for (const ContentItem &item : typed.content) {
        switch (item.kind) {
        case ContentItem::Kind::Text:
            texts << item.text;
            break;
        case ContentItem::Kind::Image: {
            QPixmap pixmap;
            if (pixmap.loadFromData(item.data)) {
                auto *label = new QLabel(m_media);
                label->setPixmap(pixmap.width() > 480 ? pixmap.scaledToWidth(480) : pixmap);
                label->setAccessibleName(tr("Image result"));
                m_mediaLayout->addWidget(label);
                ++m_images;
            }
            texts << tr("[image %1, %2 bytes]").arg(item.mimeType).arg(item.data.size());
            break;
        }
        case ContentItem::Kind::Audio: {
            auto *button = new QPushButton(
                tr("Save audio (%1, %2 bytes)…").arg(item.mimeType).arg(item.data.size()), m_media);
            const QByteArray bytes = item.data;
            connect(button, &QPushButton::clicked, this, [this, bytes]() {
                const QString path = QFileDialog::getSaveFileName(this, tr("Save Audio"));
                QSaveFile file(path);
                if (!path.isEmpty() && file.open(QIODevice::WriteOnly)) {
                    file.write(bytes);
                    file.commit();
                }
            });
            m_mediaLayout->addWidget(button);
            texts << tr("[audio %1, %2 bytes]").arg(item.mimeType).arg(item.data.size());
            break;
        }
        case ContentItem::Kind::ResourceLink: {
            texts << tr("[resource link] %1 %2").arg(item.uri, item.name);
            // Opened in the resource browser, read through the pool.
            const int index = int(m_links.size());
            m_links << item.uri;
            auto *open = new QPushButton(
                tr("Open %1").arg(SafeText::escape(item.name.isEmpty() ? item.uri : item.name)),
                m_media);
            open->setToolTip(tr("Read %1 in Resources").arg(SafeText::escape(item.uri)));
            open->setAccessibleName(tr("Open resource link"));
            connect(open, &QPushButton::clicked, this,
                    [this, index]() { openResourceLink(index); });
            m_mediaLayout->addWidget(open, 0, Qt::AlignLeft);
            break;
        }
        case ContentItem::Kind::Resource:
            texts << tr("[embedded resource] %1").arg(item.uri);
            if (!item.text.isEmpty())
                texts << item.text;
            break;
        case ContentItem::Kind::Unknown:
            texts << QString::fromUtf8(QJsonDocument(item.raw).toJson(QJsonDocument::Compact));
            break;
        }
    }
    m_fullText = texts.join(QLatin1Char('\n'));
    m_truncated = m_fullText.size() > kMaxShownChars;
    // Shown with control characters escaped (newlines and tabs kept); saved as sent.
    const QString shown = SafeText::escape(
        m_truncated ? QStringView(m_fullText).left(kMaxShownChars) : QStringView(m_fullText),
        SafeText::Mode::MultiLine);
    m_text->setPlainText(m_truncated ? shown
                                 + tr("\n… (%1 more characters: use Save Full Result)")
                                       .arg(m_fullText.size() - kMaxShownChars)
                                     : shown);
    auto *box = static_cast<QVBoxLayout *>(layout());
    box->setStretchFactor(m_text, typed.structuredContent.isUndefined() ? 2 : 1);
    box->setStretchFactor(m_structured, typed.structuredContent.isUndefined() ? 1 : 2);
    if (!typed.structuredContent.isUndefined()) {
        m_structured->show();
        addJson(nullptr, m_structured, QStringLiteral("structuredContent"),
                typed.structuredContent);
        m_structured->expandToDepth(1);
        m_structured->resizeColumnToContents(0);
        m_structured->setColumnWidth(0, std::min(m_structured->columnWidth(0), 320));
        if (!outputSchema.isEmpty() && !typed.isError) {
            JsonSchemaValidator validator;
            QString why;
            if (!validator.setSchema(outputSchema, &why)) {
                m_schemaProblems << tr("the outputSchema is unusable: %1").arg(why);
            } else {
                for (const SchemaViolation &v : validator.validate(typed.structuredContent))
                    m_schemaProblems
                        << (v.instancePath.isEmpty() ? QStringLiteral("/") : v.instancePath)
                            + QLatin1Char(' ') + v.keyword + QStringLiteral(": ") + v.message;
            }
            m_schemaLabel->setText(
                m_schemaProblems.isEmpty()
                    ? tr("✔ structuredContent matches the outputSchema")
                    : tr("✘ structuredContent does not match the outputSchema:\n%1")
                          .arg(m_schemaProblems.join(QLatin1Char('\n'))));
            m_schemaLabel->setStyleSheet(m_schemaProblems.isEmpty()
                                             ? QStringLiteral("color:#14532d")
                                             : QStringLiteral("color:#7a1212"));
            m_schemaLabel->show();
        }
    } else if (!outputSchema.isEmpty() && !typed.isError) {
        m_schemaProblems << tr("structuredContent is missing although the tool declares an "
                               "outputSchema");
        m_schemaLabel->setText(QStringLiteral("✘ ") + m_schemaProblems.first());
        m_schemaLabel->setStyleSheet(QStringLiteral("color:#7a1212"));
        m_schemaLabel->show();
    }
}

void ResultView::openResourceLink(int index)
{
    if (index >= 0 && index < m_links.size())
        Q_EMIT resourceLinkActivated(m_links.at(index));
}

QString ResultView::shownText() const
{
    return m_text->toPlainText();
}

void ResultView::saveFull()
{
    const QString path
        = QFileDialog::getSaveFileName(this, tr("Save Full Result"), QStringLiteral("result.json"),
                                       tr("JSON (*.json);;All files (*)"));
    if (path.isEmpty())
        return;
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        QMessageBox::warning(this, tr("Save Full Result"), file.errorString());
        return;
    }
    file.write(QJsonDocument(m_result).toJson(QJsonDocument::Indented));
    if (!file.commit())
        QMessageBox::warning(this, tr("Save Full Result"), file.errorString());
}

} // namespace mcppm::ui
