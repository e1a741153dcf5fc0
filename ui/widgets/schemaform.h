#pragma once

#include "schema/jsonschemavalidator.h"
#include "schema/schemacompiler.h"

#include <QJsonObject>
#include <QStringList>
#include <QWidget>

#include <memory>

class QLabel;
class QPlainTextEdit;
class QScrollArea;
class QTabWidget;
class QVBoxLayout;

namespace mcppm::ui {

namespace schemaform_detail {
class FieldNode;
struct FormContext;
} // namespace schemaform_detail

// The form part of a tool-call composer: turns an MCP tool's inputSchema (a
// JSON Schema with an object at the top, draft-07 or 2020-12) into editors,
// with a "JSON" tab holding the same arguments as text. Both tabs stay in
// sync; the schema validator's messages are shown under the form.
//
// Optional properties carry an "include" check box in place of a plain label:
// value() holds required properties, properties with a default and those the
// user touched, never invented keys. Property schemas the form cannot show
// (no type, several types, maps, recursive $refs...) get a small JSON text
// editor of their own. Schemas that cannot be a form at all (not an object,
// malformed, more than 200 fields, deeper than 8 levels, unresolvable $ref
// loops) leave the JSON tab only.
class SchemaForm final : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxFields = SchemaCompiler::kMaxFields;
    static constexpr int kMaxDepth = SchemaCompiler::kMaxDepth;

    explicit SchemaForm(QWidget *parent = nullptr);
    ~SchemaForm() override;
    Q_DISABLE_COPY_MOVE(SchemaForm)

    // Builds the form. Returns false when it fell back to the raw JSON editor only
    // (schema too big: more than 200 generated fields or nesting deeper than 8, $ref
    // cycles, unsupported shapes, not an object) — never crashes, never hangs.
    bool setSchema(const QJsonObject &schema);
    QJsonObject schema() const { return m_schema; }
    QJsonObject value() const; // the arguments as they stand now
    void setValue(const QJsonObject &value); // fills form and raw JSON
    // Problems with the current value: the schema validator's messages ("/path
    // keyword: message"), plus "raw JSON is not an object: ..." when the raw text
    // does not parse.
    QStringList validationErrors() const;
    // Required text fields left empty (valid, yet seldom meant): their labels,
    // "outer.inner" below nested objects. Empty in raw-JSON mode.
    QStringList emptyRequiredFields() const;
    bool isFormMode() const { return m_formMode; } // false when it fell back to raw JSON
    int fieldCount() const; // generated editors (for tests)

    // Why the form fell back to raw JSON (empty in form mode).
    QString fallbackReason() const { return m_fallbackReason; }
    // False while value() holds something the form widgets cannot show (a
    // wrong type, a value outside a spin box's range... set through setValue()
    // or the JSON tab); value() is then the raw JSON and the form says so.
    bool formHoldsValue() const { return m_formMode && !m_rawAuthoritative; }
    // The list of problems under the tabs (on by default); turn it off when the
    // caller shows validationErrors() itself. Fields are marked either way.
    void setErrorListVisible(bool visible);
    QTabWidget *tabs() const { return m_tabs; }
    QPlainTextEdit *jsonEditor() const { return m_jsonEdit; }

Q_SIGNALS:
    void valueChanged();

private:
    void clearForm();
    void formEdited();
    void jsonTextChanged();
    void writeJsonText(const QJsonObject &value);
    void refreshValidation();
    QStringList describe(const QList<SchemaViolation> &violations) const;
    void updateNotice();

    QTabWidget *m_tabs = nullptr;
    QScrollArea *m_scroll = nullptr;
    QWidget *m_formPage = nullptr;
    QVBoxLayout *m_formLayout = nullptr;
    QLabel *m_notice = nullptr;
    QPlainTextEdit *m_jsonEdit = nullptr;
    QLabel *m_jsonError = nullptr;
    QLabel *m_errors = nullptr;

    QJsonObject m_schema;
    JsonSchemaValidator m_validator;
    bool m_validatorLoaded = false;
    QString m_fallbackReason;
    bool m_formMode = false;
    std::unique_ptr<schemaform_detail::FormContext> m_context;
    std::unique_ptr<schemaform_detail::FieldNode> m_root;
    QJsonObject m_rawValue; // the value when the form cannot hold it, or in fallback mode
    bool m_rawAuthoritative = false;
    QString m_jsonParseError; // empty while the JSON tab's text is an object
    bool m_writingJson = false;
    bool m_errorListVisible = true;
};

} // namespace mcppm::ui
