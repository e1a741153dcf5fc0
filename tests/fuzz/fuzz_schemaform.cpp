// libFuzzer target: the JSON Schema → form builder (ui/widgets/schemaform.h),
// offscreen.
//
// The input is JSON: an object is the schema; an array is [schema, step...]
// where a step is an object (setValue), a string (typed into the JSON tab) or
// a number n (the n-th editor of the form is used: a button clicked, a combo
// box moved on, a spin box stepped, "1" typed into a line edit). Checked
// after setSchema() and after every step:
//  - form mode and fallback reason agree; a fresh form has at most 200 fields;
//  - setValue(v) gives value() == v (held by the widgets or by the raw JSON),
//    and the JSON tab shows the same value;
//  - the form can hold the value it produced itself (setValue(value()) keeps
//    formHoldsValue());
//  - a JSON tab text that is an object becomes value(); one that is not is
//    reported by validationErrors();
//  - validationErrors() never crashes, and setSchema() never hangs.

#include "schema/jsonschemavalidator.h"
#include "widgets/schemaform.h"

#include <QAbstractButton>
#include <QAbstractSpinBox>
#include <QApplication>
#include <QByteArray>
#include <QComboBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPointer>
#include <QTabWidget>
#include <QtGlobal>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace mcppm;
using namespace mcppm::ui;

namespace {

constexpr qsizetype kMaxSteps = 16;

QByteArray g_input; // for failure messages

QByteArray compact(const QJsonValue &value)
{
    return QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact);
}

[[noreturn]] void fail(const char *what, const QByteArray &detail)
{
    std::fprintf(stderr, "schemaform invariant failed: %s\n%s\ninput: %s\n", what,
                 QByteArray(detail).replace('\0', "\\0").constData(),
                 g_input.left(4000).replace('\0', "\\0").constData());
    std::abort();
}

#define FUZZ_CHECK(cond, detail)                                                                   \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fail(#cond, detail);                                                                   \
    } while (false)

void quietMessages(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    if (type == QtFatalMsg) {
        std::fprintf(stderr, "qFatal: %s\n", message.toUtf8().constData());
        std::abort();
    }
    if (qEnvironmentVariableIsSet("MCPPM_FUZZ_VERBOSE"))
        std::fprintf(stderr, "%s\n", message.toUtf8().constData());
}

void flushDeletes()
{
    QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
}

// The JSON tab's text as an object (false when it is not one).
bool editorObject(const SchemaForm &form, QJsonObject *out)
{
    QJsonParseError error;
    const QJsonDocument doc
        = QJsonDocument::fromJson(form.jsonEditor()->toPlainText().toUtf8(), &error);
    if (error.error != QJsonParseError::NoError || !doc.isObject())
        return false;
    *out = doc.object();
    return true;
}

// What must hold whatever happened last.
void checkConsistent(const SchemaForm &form, const char *after)
{
    FUZZ_CHECK(form.isFormMode() == form.fallbackReason().isEmpty(),
               QByteArray(after) + ": " + form.fallbackReason().toUtf8());
    if (!form.isFormMode())
        FUZZ_CHECK(form.fieldCount() == 0 && !form.formHoldsValue(), after);
    const QJsonObject value = form.value();
    QJsonObject shown;
    if (editorObject(form, &shown))
        FUZZ_CHECK(JsonSchemaValidator::jsonEqual(shown, value),
                   QByteArray(after) + ": JSON tab " + compact(shown) + " value " + compact(value));
    const QStringList errors = form.validationErrors();
    for (const QString &e : errors)
        FUZZ_CHECK(!e.isEmpty(), after);
}

void setValueStep(SchemaForm &form, const QJsonObject &value)
{
    form.setValue(value);
    FUZZ_CHECK(JsonSchemaValidator::jsonEqual(form.value(), value),
               "setValue " + compact(value) + " value " + compact(form.value()));
    QJsonObject shown;
    FUZZ_CHECK(editorObject(form, &shown) && JsonSchemaValidator::jsonEqual(shown, value),
               "setValue " + compact(value) + " JSON tab "
                   + form.jsonEditor()->toPlainText().toUtf8());
    checkConsistent(form, "setValue");
}

void typeJsonStep(SchemaForm &form, const QString &text)
{
    const QJsonObject before = form.value();
    form.jsonEditor()->setPlainText(text);
    // What the editor holds, which is what the form reads: a text document
    // turns a CR into a line break (a fuzzer can put a raw CR inside a JSON
    // string, which Qt's JSON parser accepts; a person cannot type one).
    const QString held = form.jsonEditor()->toPlainText();
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(held.toUtf8(), &error);
    if (error.error == QJsonParseError::NoError && doc.isObject()) {
        FUZZ_CHECK(JsonSchemaValidator::jsonEqual(form.value(), doc.object()),
                   "typed " + text.toUtf8() + " value " + compact(form.value()));
    } else {
        FUZZ_CHECK(JsonSchemaValidator::jsonEqual(form.value(), before),
                   "typed " + text.toUtf8() + " value " + compact(form.value()));
        bool reported = false;
        for (const QString &e : form.validationErrors())
            reported = reported || e.startsWith(QStringLiteral("raw JSON is not an object: "));
        FUZZ_CHECK(reported, "typed " + text.toUtf8());
    }
    checkConsistent(form, "JSON tab");
}

void widgetStep(SchemaForm &form, qint64 n)
{
    if (!form.isFormMode())
        return;
    QList<QWidget *> editors;
    const QList<QWidget *> all = form.tabs()->widget(0)->findChildren<QWidget *>();
    for (QWidget *w : all) {
        if (qobject_cast<QAbstractButton *>(w) || qobject_cast<QComboBox *>(w)
            || qobject_cast<QAbstractSpinBox *>(w) || qobject_cast<QLineEdit *>(w))
            editors.append(w);
    }
    if (editors.isEmpty())
        return;
    QWidget *w = editors.at(qsizetype(quint64(n) % quint64(editors.size())));
    if (!w->isEnabled())
        return;
    if (auto *button = qobject_cast<QAbstractButton *>(w)) {
        button->click();
    } else if (auto *combo = qobject_cast<QComboBox *>(w)) {
        if (combo->count() > 0)
            combo->setCurrentIndex((combo->currentIndex() + 1) % combo->count());
    } else if (auto *spin = qobject_cast<QAbstractSpinBox *>(w)) {
        spin->stepBy(n % 2 ? 1 : -1);
    } else if (auto *edit = qobject_cast<QLineEdit *>(w)) {
        if (!edit->isReadOnly())
            edit->insert(QStringLiteral("1"));
    }
    flushDeletes();
    checkConsistent(form, "editor used");
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *, char ***)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    qInstallMessageHandler(quietMessages);
    static int argc = 1;
    static char name[] = "fuzz_schemaform";
    static char *argv[] = {name, nullptr};
    static QApplication *app = new QApplication(argc, argv);
    Q_UNUSED(app);
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    g_input = QByteArray(reinterpret_cast<const char *>(data), qsizetype(size));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(g_input, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return 0;
    QJsonObject schema;
    QList<QJsonValue> steps;
    if (doc.isObject()) {
        schema = doc.object();
    } else {
        const QJsonArray array = doc.array();
        if (array.isEmpty() || !array.first().isObject())
            return 0;
        schema = array.first().toObject();
        for (qsizetype i = 1; i < array.size() && i <= kMaxSteps; ++i)
            steps.append(array.at(i));
    }

    {
        SchemaForm form;
        const bool formMode = form.setSchema(schema);
        FUZZ_CHECK(formMode == form.isFormMode(), form.fallbackReason().toUtf8());
        FUZZ_CHECK(form.fieldCount() <= SchemaForm::kMaxFields,
                   QByteArray::number(form.fieldCount()));
        FUZZ_CHECK(form.formHoldsValue() == formMode, "fresh form");
        checkConsistent(form, "setSchema");

        // The form holds what it produced itself.
        const QJsonObject initial = form.value();
        setValueStep(form, initial);
        FUZZ_CHECK(form.formHoldsValue() == formMode, "initial value " + compact(initial));

        for (const QJsonValue &step : std::as_const(steps)) {
            if (step.isObject())
                setValueStep(form, step.toObject());
            else if (step.isString())
                typeJsonStep(form, step.toString());
            else if (step.isDouble())
                widgetStep(form, qint64(qBound(-1e15, step.toDouble(), 1e15)));
        }

        // Back to the start.
        setValueStep(form, initial);
        FUZZ_CHECK(form.formHoldsValue() == formMode, "initial value again " + compact(initial));
    }
    flushDeletes();
    return 0;
}
