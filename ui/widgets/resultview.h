#pragma once

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTreeWidget;
class QVBoxLayout;

namespace mcppm::ui {

// One tool result for people: an error banner for isError (or a call that
// failed), the text content (very long text cut in the view, "Save full
// result" keeps all of it), images shown, audio and other binaries saveable,
// resource links listed, and structuredContent as a tree checked against the
// tool's outputSchema.
class ResultView final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxShownChars = 100000;

    explicit ResultView(QWidget *parent = nullptr);

    void showResult(const QJsonObject &result, const QJsonObject &outputSchema,
                    const QString &serverId, qint64 elapsedMs);
    void showFailure(const QString &errorKind, const QString &errorText, const QString &serverId,
                     qint64 elapsedMs);
    // The operator (or the caller) cancelled it: said plainly, not as an error.
    void showCancelled(const QString &serverId, qint64 elapsedMs);
    void clear();

    // For tests and the fan-out comparison.
    QString shownText() const;
    bool isErrorShown() const { return m_isError; }
    bool isCancelledShown() const { return m_isCancelled; }
    bool isTruncated() const { return m_truncated; }
    int imageCount() const { return m_images; }
    QStringList schemaProblems() const { return m_schemaProblems; }
    // The resource links of the result (resource_link items), in order; opening
    // one emits resourceLinkActivated (the Open button next to each does so).
    QStringList resourceLinks() const { return m_links; }
    void openResourceLink(int index);
    const QJsonObject &result() const { return m_result; }

Q_SIGNALS:
    void resourceLinkActivated(const QString &uri);

private:
    void saveFull();

    QLabel *m_banner = nullptr;
    QPlainTextEdit *m_text = nullptr;
    QWidget *m_media = nullptr;
    QVBoxLayout *m_mediaLayout = nullptr;
    QTreeWidget *m_structured = nullptr;
    QLabel *m_schemaLabel = nullptr;
    QPushButton *m_save = nullptr;
    QJsonObject m_result;
    QString m_fullText;
    QStringList m_schemaProblems;
    QStringList m_links;
    bool m_isError = false;
    bool m_isCancelled = false;
    bool m_truncated = false;
    int m_images = 0;
};

} // namespace mcppm::ui
