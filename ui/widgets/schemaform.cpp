#include "schemaform.h"

#include "net/safetext.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFontDatabase>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPointer>
#include <QPushButton>
#include <QRegularExpression>
#include <QRegularExpressionValidator>
#include <QScrollArea>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

#include <cfloat>
#include <climits>
#include <cmath>
#include <functional>
#include <memory>
#include <vector>

// The form is built in two steps: the schema is first compiled (by
// core/schema/schemacompiler.h) into a tree of FieldSpecs (with $refs resolved, allOf merged, size,
// depth and cycles checked, no widgets), then FieldNodes make the editors from the specs. Array
// items are made from their spec whenever one is added, so a recursive schema
// never has to be unrolled.

namespace mcppm::ui::schemaform_detail {

namespace {

const QString kErrorStyle = QStringLiteral("color: #c62828;");

// Any JSON value as compact text ("\"a\"", "12", "{\"k\":1}").
QString compactJson(const QJsonValue &value)
{
    if (value.isUndefined())
        return QString();
    QString text
        = QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
    return text.mid(1, text.size() - 2);
}

// Objects and arrays indented when they are long; scalars compact.
QString prettyJson(const QJsonValue &value)
{
    const QString compact = compactJson(value);
    if (compact.size() <= 60 || (!value.isObject() && !value.isArray()))
        return compact;
    const QByteArray text = value.isObject()
        ? QJsonDocument(value.toObject()).toJson(QJsonDocument::Indented)
        : QJsonDocument(value.toArray()).toJson(QJsonDocument::Indented);
    return QString::fromUtf8(text).trimmed();
}

// Strings as they are, everything else as JSON.
QString displayJson(const QJsonValue &value)
{
    return value.isString() ? value.toString() : compactJson(value);
}

// Parses any single JSON value (QJsonDocument alone only takes objects and arrays).
bool parseJson(const QString &text, QJsonValue *out, QString *error)
{
    if (text.trimmed().isEmpty()) {
        *error = SchemaForm::tr("empty");
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc
        = QJsonDocument::fromJson(QByteArray("[") + text.toUtf8() + QByteArray("\n]"), &parseError);
    if (parseError.error != QJsonParseError::NoError) {
        *error = parseError.errorString();
        return false;
    }
    if (doc.array().size() != 1) {
        *error = SchemaForm::tr("more than one value");
        return false;
    }
    *out = doc.array().at(0);
    return true;
}

bool jsonEqual(const QJsonValue &a, const QJsonValue &b)
{
    return JsonSchemaValidator::jsonEqual(a, b);
}

// How deep a JSON document nests, counted no further than limit + 1 (so the
// walk itself stays shallow).
int nestingDepth(const QJsonValue &value, int limit)
{
    if (limit < 0)
        return 1;
    int deepest = 0;
    if (value.isObject()) {
        const QJsonObject o = value.toObject();
        for (auto it = o.begin(); it != o.end() && deepest <= limit; ++it)
            deepest = qMax(deepest, nestingDepth(it.value(), limit - 1));
        return deepest + 1;
    }
    if (value.isArray()) {
        const QJsonArray a = value.toArray();
        for (qsizetype i = 0; i < a.size() && deepest <= limit; ++i)
            deepest = qMax(deepest, nestingDepth(a.at(i), limit - 1));
        return deepest + 1;
    }
    return 0;
}

QString unescapePointerToken(QString token)
{
    return token.replace(QStringLiteral("~1"), QStringLiteral("/"))
        .replace(QStringLiteral("~0"), QStringLiteral("~"));
}

} // namespace

// ---------------------------------------------------------------------------
// Specs: core/schema/schemacompiler.h

using SpecPtr = FieldSpecPtr;

// ---------------------------------------------------------------------------
// Nodes

struct FormContext
{
    bool loading = false; // programmatic changes: no edit notifications
    bool tearingDown = false; // the form goes away: widgets can be deleted at once
    int liveNodes = 0;
};

// Marks programmatic changes so that widget signals are not taken as edits.
class LoadingScope final
{
public:
    explicit LoadingScope(FormContext *context)
        : m_context(context)
        , m_was(context->loading)
    {
        m_context->loading = true;
    }
    ~LoadingScope() { m_context->loading = m_was; }
    Q_DISABLE_COPY_MOVE(LoadingScope)

private:
    FormContext *m_context;
    bool m_was;
};

namespace {

// A widget that may be the sender of the signal being handled: hidden and
// deleted later, unless the whole form is going away.
void disposeWidget(QWidget *widget, const FormContext *context)
{
    if (!widget)
        return;
    if (context->tearingDown) {
        delete widget;
        return;
    }
    widget->hide();
    widget->setParent(nullptr);
    widget->deleteLater();
}

void markWidget(QWidget *widget, const QString &message, const QString &normalToolTip)
{
    widget->setStyleSheet(kErrorStyle);
    widget->setToolTip(normalToolTip.isEmpty() ? message
                                               : message + QLatin1Char('\n') + normalToolTip);
}

void unmarkWidget(QWidget *widget, const QString &normalToolTip)
{
    if (!widget->styleSheet().isEmpty())
        widget->setStyleSheet(QString());
    widget->setToolTip(normalToolTip);
}

} // namespace

class FieldNode
{
public:
    FieldNode(FormContext *context, SpecPtr spec)
        : m_context(context)
        , m_spec(std::move(spec))
        , m_guard(std::make_unique<QObject>())
    {
        ++m_context->liveNodes;
    }
    virtual ~FieldNode()
    {
        m_guard.reset();
        --m_context->liveNodes;
        disposeWidget(m_widget, m_context);
    }
    Q_DISABLE_COPY_MOVE(FieldNode)

    QWidget *widget() const { return m_widget; }
    const FieldSpec &spec() const { return *m_spec; }

    virtual QJsonValue value() const = 0;
    // Best effort: a value the editor cannot hold leaves it as it was.
    virtual void setValue(const QJsonValue &value) = 0;
    // Back to the empty state, then the schema's default.
    void reset()
    {
        resetToEmpty();
        if (!m_spec->defaultValue.isUndefined())
            setValue(m_spec->defaultValue);
    }
    // Marks what path points to (JSON Pointer tokens below this node); false
    // when nothing below could be marked (the caller marks its own label).
    virtual bool mark(const QStringList &path, const QString &message)
    {
        Q_UNUSED(path)
        Q_UNUSED(message)
        return false;
    }
    virtual void clearMarks() { }
    // An optional field that can say "not set" itself (a tri-state check box):
    // its property needs no include box, and is left out while unset.
    virtual bool canBeUnset() const { return false; }
    virtual bool isUnset() const { return false; }
    virtual void setUnset() { }

    void setEditedCallback(std::function<void()> callback) { m_onEdited = std::move(callback); }
    virtual void setLabel(const QString &label, const QString &toolTip)
    {
        m_label = label;
        if (m_widget) {
            m_widget->setAccessibleName(label);
            m_widget->setAccessibleDescription(m_spec->description);
            m_widget->setToolTip(toolTip);
        }
    }

protected:
    virtual void resetToEmpty() = 0;
    void edited()
    {
        if (!m_context->loading && m_onEdited)
            m_onEdited();
    }
    void disconnectAll() { m_guard.reset(); }
    QObject *guard() const { return m_guard.get(); }

    FormContext *m_context;
    SpecPtr m_spec;
    QPointer<QWidget> m_widget;
    QString m_label;

private:
    std::unique_ptr<QObject> m_guard; // context of every connection: they end with the node
    std::function<void()> m_onEdited;
};

std::unique_ptr<FieldNode> buildNode(FormContext *context, const SpecPtr &spec, bool topLevel);

namespace {

class StringNode final : public FieldNode
{
public:
    StringNode(FormContext *context, SpecPtr spec)
        : FieldNode(context, std::move(spec))
    {
        QString placeholder = m_spec->example;
        if (placeholder.isEmpty())
            placeholder = formatHint(m_spec->format);
        if (m_spec->multiline) {
            m_text = new QPlainTextEdit;
            m_text->setTabChangesFocus(true);
            m_text->setPlaceholderText(placeholder);
            m_text->setFixedHeight(m_text->fontMetrics().lineSpacing() * 5
                                   + 2 * m_text->frameWidth() + 8);
            QObject::connect(m_text, &QPlainTextEdit::textChanged, guard(), [this] { edited(); });
            m_widget = m_text;
        } else {
            m_line = new QLineEdit;
            m_line->setPlaceholderText(placeholder);
            QObject::connect(m_line, &QLineEdit::textChanged, guard(), [this] { edited(); });
            m_widget = m_line;
        }
    }

    static QString formatHint(const QString &format)
    {
        if (format == QLatin1String("date-time"))
            return SchemaForm::tr("date and time, e.g. 2025-01-31T13:45:00Z");
        if (format == QLatin1String("date"))
            return SchemaForm::tr("date, e.g. 2025-01-31");
        if (format == QLatin1String("time"))
            return SchemaForm::tr("time, e.g. 13:45:00Z");
        if (format == QLatin1String("duration"))
            return SchemaForm::tr("duration, e.g. P1DT2H");
        if (format == QLatin1String("email") || format == QLatin1String("idn-email"))
            return SchemaForm::tr("e-mail address, e.g. name@example.com");
        if (format == QLatin1String("uri") || format == QLatin1String("url")
            || format == QLatin1String("iri") || format == QLatin1String("uri-reference"))
            return SchemaForm::tr("URI, e.g. https://example.com/");
        if (format == QLatin1String("uuid"))
            return SchemaForm::tr("UUID, e.g. 123e4567-e89b-12d3-a456-426614174000");
        if (format == QLatin1String("hostname") || format == QLatin1String("idn-hostname"))
            return SchemaForm::tr("host name, e.g. example.com");
        if (format == QLatin1String("ipv4"))
            return SchemaForm::tr("IPv4 address, e.g. 192.0.2.1");
        if (format == QLatin1String("ipv6"))
            return SchemaForm::tr("IPv6 address, e.g. 2001:db8::1");
        if (format == QLatin1String("regex"))
            return SchemaForm::tr("regular expression");
        if (!format.isEmpty())
            return format;
        return QString();
    }

    QJsonValue value() const override { return m_line ? m_line->text() : m_text->toPlainText(); }
    void setValue(const QJsonValue &value) override
    {
        if (!value.isString())
            return;
        if (m_line)
            m_line->setText(value.toString());
        else
            m_text->setPlainText(value.toString());
    }

protected:
    void resetToEmpty() override { setValue(QString()); }

private:
    QLineEdit *m_line = nullptr;
    QPlainTextEdit *m_text = nullptr;
};

// Shows values as they are ("2.5", "3"), not padded with the decimals used
// for precision.
class PlainDoubleSpinBox final : public QDoubleSpinBox
{
public:
    PlainDoubleSpinBox() = default;
    QString textFromValue(double value) const override
    {
        QString text = locale().toString(value, 'f', decimals());
        text.remove(locale().groupSeparator());
        const QString point = locale().decimalPoint();
        if (text.contains(point)) {
            while (text.endsWith(QLatin1Char('0')))
                text.chop(1);
            if (text.endsWith(point))
                text.chop(point.size());
        }
        return text;
    }
};

class NumberNode final : public FieldNode
{
public:
    NumberNode(FormContext *context, SpecPtr spec)
        : FieldNode(context, std::move(spec))
    {
        m_spin = new PlainDoubleSpinBox;
        m_spin->setDecimals(10);
        double low = -DBL_MAX;
        double high = DBL_MAX;
        if (m_spec->hasMinimum)
            low = m_spec->exclusiveMinimum ? nudge(m_spec->minimum, +1) : m_spec->minimum;
        if (m_spec->hasMaximum)
            high = m_spec->exclusiveMaximum ? nudge(m_spec->maximum, -1) : m_spec->maximum;
        m_spin->setRange(low, qMax(low, high));
        if (m_spec->multipleOf > 0)
            m_spin->setSingleStep(m_spec->multipleOf);
        QObject::connect(m_spin, &QDoubleSpinBox::valueChanged, guard(), [this] { edited(); });
        m_widget = m_spin;
    }

    // The closest value the spin box can hold on the inner side of an exclusive bound.
    static double nudge(double bound, int direction)
    {
        return bound + direction * 1e-9 * qMax(1.0, std::fabs(bound));
    }

    QJsonValue value() const override
    {
        const double v = m_spin->value();
        if (std::floor(v) == v && std::fabs(v) < 9007199254740992.0)
            return QJsonValue(qint64(v));
        return v;
    }
    void setValue(const QJsonValue &value) override
    {
        if (value.isDouble())
            m_spin->setValue(value.toDouble());
    }

protected:
    void resetToEmpty() override
    {
        m_spin->setValue(qBound(m_spin->minimum(), 0.0, m_spin->maximum()));
    }

private:
    QDoubleSpinBox *m_spin = nullptr;
};

class IntegerNode final : public FieldNode
{
public:
    IntegerNode(FormContext *context, SpecPtr spec)
        : FieldNode(context, std::move(spec))
    {
        double low = double(INT_MIN);
        double high = double(INT_MAX);
        bool wide = false;
        if (m_spec->hasMinimum) {
            low = m_spec->exclusiveMinimum ? std::floor(m_spec->minimum) + 1
                                           : std::ceil(m_spec->minimum);
            wide = wide || low < double(INT_MIN) || low > double(INT_MAX);
        }
        if (m_spec->hasMaximum) {
            high = m_spec->exclusiveMaximum ? std::ceil(m_spec->maximum) - 1
                                            : std::floor(m_spec->maximum);
            wide = wide || high > double(INT_MAX) || high < double(INT_MIN);
        }
        m_low = low;
        m_high = high;
        if (wide) {
            m_line = new QLineEdit;
            m_line->setValidator(new QRegularExpressionValidator(
                QRegularExpression(QStringLiteral("-?[0-9]{0,19}")), m_line));
            m_line->setPlaceholderText(SchemaForm::tr("whole number"));
            QObject::connect(m_line, &QLineEdit::textChanged, guard(), [this] { edited(); });
            m_widget = m_line;
        } else {
            m_spin = new QSpinBox;
            m_spin->setRange(int(low), int(qMax(low, high)));
            if (m_spec->multipleOf >= 1 && m_spec->multipleOf < INT_MAX)
                m_spin->setSingleStep(int(m_spec->multipleOf));
            QObject::connect(m_spin, &QSpinBox::valueChanged, guard(), [this] { edited(); });
            m_widget = m_spin;
        }
    }

    QJsonValue value() const override
    {
        if (m_spin)
            return m_spin->value();
        bool ok = false;
        const qint64 v = m_line->text().toLongLong(&ok);
        return QJsonValue(ok ? v : qint64(qBound(m_low, 0.0, m_high)));
    }
    void setValue(const QJsonValue &value) override
    {
        if (!value.isDouble())
            return;
        const double v = value.toDouble();
        if (std::floor(v) != v)
            return;
        if (m_spin) {
            if (v >= m_spin->minimum() && v <= m_spin->maximum())
                m_spin->setValue(int(v));
        } else if (std::fabs(v) < 9.2e18) {
            m_line->setText(QString::number(value.toInteger(qint64(v))));
        }
    }

protected:
    void resetToEmpty() override
    {
        const double zero = qBound(m_low, 0.0, qMax(m_low, m_high));
        if (m_spin)
            m_spin->setValue(int(zero));
        else
            m_line->setText(QString::number(qint64(zero)));
    }

private:
    QSpinBox *m_spin = nullptr;
    QLineEdit *m_line = nullptr;
    double m_low = 0;
    double m_high = 0;
};

class BooleanNode final : public FieldNode
{
public:
    // Optional: one tri-state box, "not set" (partly checked), true or false,
    // rather than an include box next to a value box.
    BooleanNode(FormContext *context, SpecPtr spec, bool optional)
        : FieldNode(context, std::move(spec))
        , m_optional(optional)
    {
        m_box = new QCheckBox;
        m_box->setTristate(optional);
        if (optional)
            m_box->setCheckState(Qt::PartiallyChecked);
        showState();
        QObject::connect(m_box, &QCheckBox::stateChanged, guard(), [this](int) {
            showState();
            edited();
        });
        m_widget = m_box;
    }
    QJsonValue value() const override { return m_box->checkState() == Qt::Checked; }
    void setValue(const QJsonValue &value) override
    {
        if (value.isBool())
            m_box->setCheckState(value.toBool() ? Qt::Checked : Qt::Unchecked);
    }
    bool canBeUnset() const override { return m_optional; }
    bool isUnset() const override
    {
        return m_optional && m_box->checkState() == Qt::PartiallyChecked;
    }
    void setUnset() override
    {
        if (m_optional)
            m_box->setCheckState(Qt::PartiallyChecked);
    }

protected:
    void resetToEmpty() override
    {
        m_box->setCheckState(m_optional ? Qt::PartiallyChecked : Qt::Unchecked);
    }

private:
    void showState()
    {
        // The value in words, so that it does not read as a second "include" box.
        const Qt::CheckState state = m_box->checkState();
        m_box->setText(state == Qt::PartiallyChecked ? SchemaForm::tr("not set")
                           : state == Qt::Checked    ? SchemaForm::tr("true")
                                                     : SchemaForm::tr("false"));
        if (m_optional)
            m_box->setToolTip(SchemaForm::tr("Click to choose: not set (left out), true, false"));
    }

    QCheckBox *m_box = nullptr;
    bool m_optional = false;
};

class EnumNode final : public FieldNode
{
public:
    EnumNode(FormContext *context, SpecPtr spec)
        : FieldNode(context, std::move(spec))
    {
        m_combo = new QComboBox;
        for (const QJsonValue &option : m_spec->enumValues)
            m_combo->addItem(displayJson(option));
        QObject::connect(m_combo, &QComboBox::currentIndexChanged, guard(), [this] { edited(); });
        m_widget = m_combo;
    }
    QJsonValue value() const override
    {
        return m_spec->enumValues.at(qMax(0, m_combo->currentIndex()));
    }
    void setValue(const QJsonValue &value) override
    {
        for (qsizetype i = 0; i < m_spec->enumValues.size(); ++i) {
            if (jsonEqual(m_spec->enumValues.at(i), value)) {
                m_combo->setCurrentIndex(int(i));
                return;
            }
        }
    }

protected:
    void resetToEmpty() override { m_combo->setCurrentIndex(0); }

private:
    QComboBox *m_combo = nullptr;
};

// An array of enum values: one check box per value, checked ones in list order.
class EnumSetNode final : public FieldNode
{
public:
    EnumSetNode(FormContext *context, SpecPtr spec)
        : FieldNode(context, std::move(spec))
    {
        m_list = new QListWidget;
        const int rows = int(qBound(qsizetype(1), m_spec->enumValues.size(), qsizetype(6)));
        m_list->setFixedHeight(m_list->fontMetrics().height() * rows + rows * 6
                               + 2 * m_list->frameWidth());
        QObject::connect(m_list, &QListWidget::itemChanged, guard(), [this] { edited(); });
        m_widget = m_list;
    }
    QJsonValue value() const override
    {
        QJsonArray out;
        for (int i = 0; i < m_list->count(); ++i) {
            if (m_list->item(i)->checkState() == Qt::Checked)
                out.append(m_entries.at(i));
        }
        return out;
    }
    void setValue(const QJsonValue &value) override
    {
        if (!value.isArray())
            return;
        // The given values first, in their order, then the rest of the enum.
        const QJsonArray chosen = value.toArray();
        QJsonArray rest;
        for (const QJsonValue &option : m_spec->enumValues) {
            bool taken = false;
            for (const QJsonValue &v : chosen)
                taken = taken || jsonEqual(v, option);
            if (!taken)
                rest.append(option);
        }
        fill(chosen, rest);
    }

protected:
    void resetToEmpty() override { fill({}, m_spec->enumValues); }

private:
    void fill(const QJsonArray &checked, const QJsonArray &unchecked)
    {
        m_list->clear();
        m_entries.clear();
        auto add = [this](const QJsonValue &v, bool on) {
            auto *item = new QListWidgetItem(displayJson(v));
            item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsUserCheckable);
            item->setCheckState(on ? Qt::Checked : Qt::Unchecked);
            m_entries.append(v);
            m_list->addItem(item);
        };
        for (const QJsonValue &v : checked)
            add(v, true);
        for (const QJsonValue &v : unchecked)
            add(v, false);
    }

    QListWidget *m_list = nullptr;
    QList<QJsonValue> m_entries; // parallel to the list's rows
};

class ConstNode final : public FieldNode
{
public:
    ConstNode(FormContext *context, SpecPtr spec)
        : FieldNode(context, std::move(spec))
    {
        auto *line = new QLineEdit(displayJson(m_spec->constValue));
        line->setReadOnly(true);
        m_widget = line;
    }
    QJsonValue value() const override { return m_spec->constValue; }
    void setValue(const QJsonValue &) override { }

protected:
    void resetToEmpty() override { }
};

// Anything the form has no editor for: the value as JSON text.
class JsonNode final : public FieldNode
{
public:
    JsonNode(FormContext *context, SpecPtr spec)
        : FieldNode(context, std::move(spec))
    {
        m_text = new QPlainTextEdit;
        m_text->setTabChangesFocus(true);
        m_text->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
        m_text->setPlaceholderText(SchemaForm::tr("JSON value"));
        m_text->setFixedHeight(m_text->fontMetrics().lineSpacing() * 3 + 2 * m_text->frameWidth()
                               + 8);
        QObject::connect(m_text, &QPlainTextEdit::textChanged, guard(), [this] { textChanged(); });
        m_widget = m_text;
    }

    QJsonValue value() const override
    {
        return m_value.isUndefined() ? QJsonValue(QJsonValue::Null) : m_value;
    }
    void setValue(const QJsonValue &value) override
    {
        m_value = value;
        m_text->setPlainText(prettyJson(value));
    }
    void setLabel(const QString &label, const QString &toolTip) override
    {
        m_toolTip = toolTip;
        if (!m_spec->note.isEmpty())
            m_toolTip += (m_toolTip.isEmpty() ? QString() : QStringLiteral("\n"))
                + SchemaForm::tr("Edited as JSON: %1").arg(m_spec->note);
        FieldNode::setLabel(label, m_toolTip);
    }

protected:
    void resetToEmpty() override
    {
        const QString &type = m_spec->jsonType;
        if (type == QLatin1String("object"))
            setValue(QJsonObject());
        else if (type == QLatin1String("array"))
            setValue(QJsonArray());
        else if (type == QLatin1String("string"))
            setValue(QString());
        else if (type == QLatin1String("number") || type == QLatin1String("integer"))
            setValue(0);
        else if (type == QLatin1String("boolean"))
            setValue(false);
        else
            setValue(QJsonValue(QJsonValue::Null));
    }

private:
    void textChanged()
    {
        if (m_context->loading)
            return;
        QJsonValue parsed;
        QString error;
        if (parseJson(m_text->toPlainText(), &parsed, &error)) {
            m_value = parsed;
            unmarkWidget(m_text, m_toolTip);
            edited();
        } else {
            markWidget(m_text, SchemaForm::tr("Not valid JSON: %1").arg(error), m_toolTip);
        }
    }

    QPlainTextEdit *m_text = nullptr;
    QJsonValue m_value{QJsonValue::Undefined};
    QString m_toolTip;
};

class ObjectNode final : public FieldNode
{
public:
    ObjectNode(FormContext *context, SpecPtr spec, bool topLevel)
        : FieldNode(context, std::move(spec))
    {
        QWidget *box = topLevel ? new QWidget : new QGroupBox;
        auto *form = new QFormLayout(box);
        form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
        if (topLevel)
            form->setContentsMargins(0, 0, 0, 0);
        for (const PropertySpec &propertySpec : m_spec->properties) {
            auto property = std::make_unique<Property>();
            Property *p = property.get();
            p->spec = propertySpec;
            p->node = propertySpec.spec->kind == FieldSpec::Kind::Boolean
                ? std::make_unique<BooleanNode>(context, propertySpec.spec, !propertySpec.required)
                : buildNode(context, propertySpec.spec, false);
            const QString title
                = propertySpec.spec->title.isEmpty() ? propertySpec.name : propertySpec.spec->title;
            QStringList tips;
            if (!propertySpec.spec->description.isEmpty())
                tips << propertySpec.spec->description;
            if (title != propertySpec.name)
                tips << SchemaForm::tr("Key: %1").arg(propertySpec.name);
            if (!propertySpec.spec->pattern.isEmpty())
                tips << SchemaForm::tr("Pattern: %1").arg(propertySpec.spec->pattern);
            tips << (propertySpec.required ? SchemaForm::tr("Required")
                                           : SchemaForm::tr("Optional"));
            p->toolTip = tips.join(QLatin1Char('\n'));
            if (propertySpec.required || p->node->canBeUnset()) {
                auto *label
                    = new QLabel(propertySpec.required ? SchemaForm::tr("%1 *").arg(title) : title);
                QFont font = label->font();
                font.setBold(propertySpec.required);
                label->setFont(font);
                label->setBuddy(p->node->widget());
                p->label = label;
            } else {
                p->include = new QCheckBox(title);
                p->include->setAccessibleName(SchemaForm::tr("Include %1").arg(title));
                p->label = p->include;
                QObject::connect(p->include, &QCheckBox::toggled, guard(), [this] { edited(); });
            }
            p->label->setToolTip(p->toolTip);
            p->node->setLabel(title, p->toolTip);
            p->node->setEditedCallback([this, p] {
                if (p->include && !p->include->isChecked()) {
                    LoadingScope loading(m_context);
                    p->include->setChecked(true);
                }
                edited();
            });
            form->addRow(p->label, p->node->widget());
            // The description under its field, wrapped (not only as a tooltip).
            if (!propertySpec.spec->description.isEmpty()) {
                auto *about = new QLabel(
                    SafeText::escape(propertySpec.spec->description, SafeText::Mode::MultiLine));
                about->setObjectName(QStringLiteral("fieldDescription"));
                about->setWordWrap(true);
                about->setTextFormat(Qt::PlainText);
                about->setForegroundRole(QPalette::PlaceholderText);
                QFont small = about->font();
                small.setPointSizeF(small.pointSizeF() * 0.9);
                about->setFont(small);
                form->addRow(QString(), about);
                p->description = about;
            }
            m_properties.push_back(std::move(property));
        }
        m_extraLabel = new QLabel;
        m_extraLabel->setWordWrap(true);
        m_extraLabel->hide();
        form->addRow(m_extraLabel);
        m_widget = box;
    }
    ~ObjectNode() override
    {
        disconnectAll();
        m_properties.clear();
    }
    Q_DISABLE_COPY_MOVE(ObjectNode)

    QJsonValue value() const override
    {
        QJsonObject out = m_extra;
        for (const auto &p : m_properties) {
            if ((!p->include || p->include->isChecked()) && !p->node->isUnset())
                out.insert(p->spec.name, p->node->value());
        }
        return out;
    }
    void setValue(const QJsonValue &value) override
    {
        if (!value.isObject())
            return;
        const QJsonObject o = value.toObject();
        m_extra = o;
        for (const auto &p : m_properties) {
            m_extra.remove(p->spec.name);
            if (o.contains(p->spec.name)) {
                p->node->reset();
                p->node->setValue(o.value(p->spec.name));
                if (p->include)
                    p->include->setChecked(true);
            } else {
                p->node->reset();
                p->node->setUnset();
                if (p->include)
                    p->include->setChecked(false);
            }
        }
        showExtra();
    }
    // Required string properties (here and in included objects below) that are
    // empty: their labels.
    void collectEmptyRequired(const QString &prefix, QStringList *out) const
    {
        for (const auto &p : m_properties) {
            if (p->include && !p->include->isChecked())
                continue;
            const QString title
                = p->spec.spec->title.isEmpty() ? p->spec.name : p->spec.spec->title;
            if (auto *object = dynamic_cast<const ObjectNode *>(p->node.get())) {
                object->collectEmptyRequired(prefix + title + QLatin1Char('.'), out);
                continue;
            }
            const QJsonValue v = p->node->value();
            if (p->spec.required && v.isString() && v.toString().trimmed().isEmpty())
                *out << prefix + title;
        }
    }
    bool mark(const QStringList &path, const QString &message) override
    {
        if (path.isEmpty())
            return false;
        for (const auto &p : m_properties) {
            if (p->spec.name == path.first()) {
                if (!p->node->mark(path.mid(1), message))
                    markWidget(p->label, message, p->toolTip);
                return true;
            }
        }
        return false;
    }
    void clearMarks() override
    {
        for (const auto &p : m_properties) {
            unmarkWidget(p->label, p->toolTip);
            p->node->clearMarks();
        }
    }
    void setLabel(const QString &label, const QString &toolTip) override
    {
        FieldNode::setLabel(label, QString());
        Q_UNUSED(toolTip)
    }

protected:
    void resetToEmpty() override
    {
        m_extra = QJsonObject();
        for (const auto &p : m_properties) {
            p->node->reset();
            if (p->include)
                p->include->setChecked(!p->node->spec().defaultValue.isUndefined());
        }
        showExtra();
    }

private:
    struct Property
    {
        PropertySpec spec;
        QWidget *label = nullptr; // a QLabel (required) or the include QCheckBox
        QCheckBox *include = nullptr;
        QLabel *description = nullptr;
        QString toolTip;
        std::unique_ptr<FieldNode> node;
    };

    void showExtra()
    {
        m_extraLabel->setVisible(!m_extra.isEmpty());
        if (!m_extra.isEmpty())
            m_extraLabel->setText(SchemaForm::tr("Also sent, from the JSON tab: %1")
                                      .arg(m_extra.keys().join(QStringLiteral(", "))));
    }

    std::vector<std::unique_ptr<Property>> m_properties;
    QJsonObject m_extra; // keys set through setValue() that the schema does not name
    QLabel *m_extraLabel = nullptr;
};

class ArrayNode final : public FieldNode
{
public:
    ArrayNode(FormContext *context, SpecPtr spec)
        : FieldNode(context, std::move(spec))
    {
        auto *box = new QWidget;
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        m_itemsLayout = new QVBoxLayout;
        m_itemsLayout->setContentsMargins(0, 0, 0, 0);
        layout->addLayout(m_itemsLayout);
        auto *buttons = new QHBoxLayout;
        m_add = new QPushButton(SchemaForm::tr("Add"));
        buttons->addWidget(m_add);
        buttons->addStretch(1);
        layout->addLayout(buttons);
        QObject::connect(m_add, &QPushButton::clicked, guard(), [this] {
            addItem(nullptr);
            edited();
        });
        m_widget = box;
    }
    ~ArrayNode() override
    {
        disconnectAll();
        m_items.clear();
    }
    Q_DISABLE_COPY_MOVE(ArrayNode)

    QJsonValue value() const override
    {
        QJsonArray out;
        for (const auto &item : m_items)
            out.append(item->node->value());
        return out;
    }
    void setValue(const QJsonValue &value) override
    {
        if (!value.isArray())
            return;
        const QJsonArray values = value.toArray();
        while (m_items.size() > size_t(values.size()))
            m_items.pop_back();
        for (size_t i = 0; i < m_items.size(); ++i) {
            m_items[i]->node->reset();
            m_items[i]->node->setValue(values.at(qsizetype(i)));
        }
        for (qsizetype i = qsizetype(m_items.size()); i < values.size(); ++i) {
            const QJsonValue v = values.at(i);
            addItem(&v);
        }
        updateButtons();
    }
    bool mark(const QStringList &path, const QString &message) override
    {
        if (path.isEmpty())
            return false;
        bool ok = false;
        const int index = path.first().toInt(&ok);
        if (!ok || index < 0 || size_t(index) >= m_items.size())
            return false;
        return m_items[size_t(index)]->node->mark(path.mid(1), message);
    }
    void clearMarks() override
    {
        for (const auto &item : m_items)
            item->node->clearMarks();
    }
    void setLabel(const QString &label, const QString &toolTip) override
    {
        FieldNode::setLabel(label, toolTip);
        m_add->setAccessibleName(SchemaForm::tr("Add item to %1").arg(label));
        updateButtons();
    }

protected:
    void resetToEmpty() override
    {
        m_items.clear();
        for (int i = 0; i < m_spec->minItems; ++i)
            addItem(nullptr);
        updateButtons();
    }

private:
    struct Item
    {
        explicit Item(FormContext *context)
            : m_context(context)
        { }
        ~Item()
        {
            node.reset();
            disposeWidget(row, m_context);
        }
        Q_DISABLE_COPY_MOVE(Item)
        FormContext *m_context;
        QPointer<QWidget> row;
        QToolButton *remove = nullptr;
        std::unique_ptr<FieldNode> node;
    };

    void addItem(const QJsonValue *value)
    {
        LoadingScope loading(m_context);
        auto item = std::make_unique<Item>(m_context);
        Item *raw = item.get();
        item->node = buildNode(m_context, m_spec->items, false);
        item->node->reset();
        if (value)
            item->node->setValue(*value);
        item->node->setEditedCallback([this] { edited(); });
        item->row = new QWidget;
        auto *layout = new QHBoxLayout(item->row);
        layout->setContentsMargins(0, 0, 0, 0);
        layout->addWidget(item->node->widget(), 1);
        item->remove = new QToolButton;
        item->remove->setText(SchemaForm::tr("Remove"));
        layout->addWidget(item->remove, 0, Qt::AlignTop);
        QObject::connect(item->remove, &QToolButton::clicked, guard(), [this, raw] {
            removeItem(raw);
            edited();
        });
        m_itemsLayout->addWidget(item->row);
        m_items.push_back(std::move(item));
        updateButtons();
    }

    void removeItem(const Item *item)
    {
        LoadingScope loading(m_context);
        for (auto it = m_items.begin(); it != m_items.end(); ++it) {
            if (it->get() == item) {
                m_items.erase(it);
                break;
            }
        }
        updateButtons();
    }

    void updateButtons()
    {
        m_add->setEnabled(m_spec->maxItems < 0 || m_items.size() < size_t(m_spec->maxItems));
        for (size_t i = 0; i < m_items.size(); ++i) {
            const QString itemLabel = SchemaForm::tr("%1, item %2").arg(m_label).arg(i + 1);
            m_items[i]->node->setLabel(itemLabel, m_items[i]->node->spec().description);
            m_items[i]->remove->setAccessibleName(SchemaForm::tr("Remove %1").arg(itemLabel));
            m_items[i]->remove->setEnabled(m_items.size() > size_t(m_spec->minItems));
        }
    }

    QVBoxLayout *m_itemsLayout = nullptr;
    QPushButton *m_add = nullptr;
    std::vector<std::unique_ptr<Item>> m_items;
};

// Whether a value could be meant for a spec (a cheap look at its shape).
bool accepts(const FieldSpec &spec, const QJsonValue &value)
{
    switch (spec.kind) {
    case FieldSpec::Kind::Object: {
        if (!value.isObject())
            return false;
        const QJsonObject o = value.toObject();
        for (const PropertySpec &p : spec.properties) {
            if (p.required && !o.contains(p.name))
                return false;
            if (o.contains(p.name) && p.spec->kind == FieldSpec::Kind::Const
                && !jsonEqual(p.spec->constValue, o.value(p.name)))
                return false;
        }
        return true;
    }
    case FieldSpec::Kind::String:
        return value.isString();
    case FieldSpec::Kind::Number:
        return value.isDouble();
    case FieldSpec::Kind::Integer:
        return value.isDouble() && std::floor(value.toDouble()) == value.toDouble();
    case FieldSpec::Kind::Boolean:
        return value.isBool();
    case FieldSpec::Kind::Enum:
        for (const QJsonValue &option : spec.enumValues) {
            if (jsonEqual(option, value))
                return true;
        }
        return false;
    case FieldSpec::Kind::Const:
        return jsonEqual(spec.constValue, value);
    case FieldSpec::Kind::EnumSet:
    case FieldSpec::Kind::Array:
        return value.isArray();
    case FieldSpec::Kind::Variant:
        for (const SpecPtr &variant : spec.variants) {
            if (accepts(*variant, value))
                return true;
        }
        return false;
    case FieldSpec::Kind::Json:
        return true;
    }
    return false;
}

// Whether every key of an object value is a property of an object spec.
bool namesAllKeys(const FieldSpec &spec, const QJsonValue &value)
{
    if (spec.kind != FieldSpec::Kind::Object || !value.isObject())
        return true;
    const QJsonObject o = value.toObject();
    for (auto it = o.begin(); it != o.end(); ++it) {
        bool known = false;
        for (const PropertySpec &p : spec.properties)
            known = known || p.name == it.key();
        if (!known)
            return false;
    }
    return true;
}

// oneOf / anyOf: a chooser over one editor per alternative.
class VariantNode final : public FieldNode
{
public:
    VariantNode(FormContext *context, SpecPtr spec, bool topLevel)
        : FieldNode(context, std::move(spec))
    {
        auto *box = new QWidget;
        auto *layout = new QVBoxLayout(box);
        layout->setContentsMargins(0, 0, 0, 0);
        m_chooser = new QComboBox;
        m_chooser->addItems(m_spec->variantNames);
        layout->addWidget(m_chooser);
        m_stack = new QStackedWidget;
        layout->addWidget(m_stack);
        for (const SpecPtr &variant : m_spec->variants) {
            auto node = buildNode(context, variant, topLevel);
            node->setEditedCallback([this] { edited(); });
            m_stack->addWidget(node->widget());
            m_choices.push_back(std::move(node));
        }
        QObject::connect(m_chooser, &QComboBox::currentIndexChanged, guard(), [this](int index) {
            m_stack->setCurrentIndex(index);
            edited();
        });
        m_widget = box;
    }
    ~VariantNode() override
    {
        disconnectAll();
        m_choices.clear();
    }
    Q_DISABLE_COPY_MOVE(VariantNode)

    int current() const { return qMax(0, m_chooser->currentIndex()); }
    QJsonValue value() const override { return m_choices.at(size_t(current()))->value(); }
    void setValue(const QJsonValue &value) override
    {
        // The current choice if it holds the value exactly, else the first that does,
        // else the first whose shape fits.
        std::vector<int> order{current()};
        for (int i = 0; i < int(m_choices.size()); ++i) {
            if (i != current())
                order.push_back(i);
        }
        // An object choice that names every key beats one that would only keep them as extras.
        int fitting = -1;
        for (const bool strict : {true, false}) {
            for (const int i : order) {
                FieldNode *choice = m_choices.at(size_t(i)).get();
                if (!accepts(choice->spec(), value)
                    || (strict && !namesAllKeys(choice->spec(), value)))
                    continue;
                choice->reset();
                choice->setValue(value);
                if (jsonEqual(choice->value(), value)) {
                    select(i);
                    return;
                }
                if (fitting < 0)
                    fitting = i;
            }
        }
        if (fitting >= 0) {
            m_choices.at(size_t(fitting))->reset();
            m_choices.at(size_t(fitting))->setValue(value);
            select(fitting);
        }
    }
    bool mark(const QStringList &path, const QString &message) override
    {
        return m_choices.at(size_t(current()))->mark(path, message);
    }
    void clearMarks() override
    {
        for (const auto &choice : m_choices)
            choice->clearMarks();
    }
    void setLabel(const QString &label, const QString &toolTip) override
    {
        FieldNode::setLabel(label, toolTip);
        const QString name = label.isEmpty() ? SchemaForm::tr("Arguments") : label;
        m_chooser->setAccessibleName(SchemaForm::tr("%1: kind").arg(name));
        m_chooser->setToolTip(toolTip);
        for (size_t i = 0; i < m_choices.size(); ++i)
            m_choices[i]->setLabel(name + QStringLiteral(" (")
                                       + m_spec->variantNames.at(qsizetype(i)) + QLatin1Char(')'),
                                   toolTip);
    }

protected:
    void resetToEmpty() override
    {
        for (const auto &choice : m_choices)
            choice->reset();
        select(0);
    }

private:
    void select(int index)
    {
        m_chooser->setCurrentIndex(index);
        m_stack->setCurrentIndex(index);
    }

    QComboBox *m_chooser = nullptr;
    QStackedWidget *m_stack = nullptr;
    std::vector<std::unique_ptr<FieldNode>> m_choices;
};

} // namespace

std::unique_ptr<FieldNode> buildNode(FormContext *context, const SpecPtr &spec, bool topLevel)
{
    switch (spec->kind) {
    case FieldSpec::Kind::Object:
        return std::make_unique<ObjectNode>(context, spec, topLevel);
    case FieldSpec::Kind::String:
        return std::make_unique<StringNode>(context, spec);
    case FieldSpec::Kind::Number:
        return std::make_unique<NumberNode>(context, spec);
    case FieldSpec::Kind::Integer:
        return std::make_unique<IntegerNode>(context, spec);
    case FieldSpec::Kind::Boolean:
        return std::make_unique<BooleanNode>(context, spec, false);
    case FieldSpec::Kind::Enum:
        return std::make_unique<EnumNode>(context, spec);
    case FieldSpec::Kind::EnumSet:
        return std::make_unique<EnumSetNode>(context, spec);
    case FieldSpec::Kind::Const:
        return std::make_unique<ConstNode>(context, spec);
    case FieldSpec::Kind::Array:
        return std::make_unique<ArrayNode>(context, spec);
    case FieldSpec::Kind::Variant:
        return std::make_unique<VariantNode>(context, spec, topLevel);
    case FieldSpec::Kind::Json:
        break;
    }
    return std::make_unique<JsonNode>(context, spec);
}

} // namespace mcppm::ui::schemaform_detail

// ---------------------------------------------------------------------------

namespace mcppm::ui {

using namespace schemaform_detail;

SchemaForm::SchemaForm(QWidget *parent)
    : QWidget(parent)
    , m_context(std::make_unique<FormContext>())
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    m_tabs = new QTabWidget(this);
    layout->addWidget(m_tabs, 1);

    m_scroll = new QScrollArea;
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_formPage = new QWidget;
    m_formLayout = new QVBoxLayout(m_formPage);
    m_notice = new QLabel;
    m_notice->setWordWrap(true);
    m_notice->hide();
    m_formLayout->addWidget(m_notice);
    m_formLayout->addStretch(1);
    m_scroll->setWidget(m_formPage);
    m_tabs->addTab(m_scroll, tr("Form"));

    auto *jsonPage = new QWidget;
    auto *jsonLayout = new QVBoxLayout(jsonPage);
    m_jsonEdit = new QPlainTextEdit;
    m_jsonEdit->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_jsonEdit->setAccessibleName(tr("Arguments as JSON"));
    m_jsonEdit->setTabChangesFocus(true);
    jsonLayout->addWidget(m_jsonEdit, 1);
    m_jsonError = new QLabel;
    m_jsonError->setWordWrap(true);
    m_jsonError->setStyleSheet(kErrorStyle);
    m_jsonError->setAccessibleName(tr("JSON error"));
    m_jsonError->hide();
    jsonLayout->addWidget(m_jsonError);
    m_tabs->addTab(jsonPage, tr("JSON"));

    m_errors = new QLabel(this);
    m_errors->setWordWrap(true);
    m_errors->setStyleSheet(kErrorStyle);
    m_errors->setAccessibleName(tr("Problems with the arguments"));
    m_errors->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_errors->hide();
    layout->addWidget(m_errors);

    connect(m_jsonEdit, &QPlainTextEdit::textChanged, this, &SchemaForm::jsonTextChanged);
    setSchema(QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}});
}

SchemaForm::~SchemaForm()
{
    m_context->tearingDown = true;
    m_root.reset();
}

void SchemaForm::clearForm()
{
    m_root.reset();
    m_formMode = false;
}

bool SchemaForm::setSchema(const QJsonObject &schema)
{
    clearForm();
    m_schema = schema;
    m_fallbackReason.clear();
    m_rawAuthoritative = false;
    m_jsonParseError.clear();
    m_jsonError->hide();
    m_rawValue = QJsonObject();

    QString why;
    // Nothing that deep is a form, and the validator would recurse all the way down.
    constexpr int kMaxDocumentDepth = 128;
    const bool tooDeep = nestingDepth(schema, kMaxDocumentDepth) > kMaxDocumentDepth;
    m_validatorLoaded = !tooDeep && m_validator.setSchema(schema, &why);
    SpecPtr spec;
    if (tooDeep) {
        m_validator = JsonSchemaValidator();
        m_fallbackReason = tr("the schema nests deeper than %1 JSON levels").arg(kMaxDocumentDepth);
    } else if (!m_validatorLoaded) {
        m_fallbackReason = tr("the schema is malformed: %1").arg(why);
    } else {
        spec = SchemaCompiler::compile(schema, &why);
        if (!spec)
            m_fallbackReason = why;
    }
    if (spec) {
        LoadingScope loading(m_context.get());
        m_root = buildNode(m_context.get(), spec, true);
        m_root->setLabel(QString(), QString());
        m_root->reset();
        m_root->setEditedCallback([this] { formEdited(); });
        m_formLayout->insertWidget(1, m_root->widget());
        m_formMode = true;
        m_rawValue = m_root->value().toObject();
    }
    m_tabs->setCurrentIndex(m_formMode ? 0 : 1);
    writeJsonText(m_rawValue);
    updateNotice();
    refreshValidation();
    Q_EMIT valueChanged();
    return m_formMode;
}

QJsonObject SchemaForm::value() const
{
    if (m_formMode && !m_rawAuthoritative)
        return m_root->value().toObject();
    return m_rawValue;
}

void SchemaForm::setValue(const QJsonObject &value)
{
    m_rawValue = value;
    m_jsonParseError.clear();
    m_jsonError->hide();
    m_rawAuthoritative = false;
    if (m_formMode) {
        LoadingScope loading(m_context.get());
        m_root->setValue(value);
        m_rawAuthoritative = !JsonSchemaValidator::jsonEqual(m_root->value(), value);
    }
    writeJsonText(value);
    updateNotice();
    refreshValidation();
    Q_EMIT valueChanged();
}

QStringList SchemaForm::emptyRequiredFields() const
{
    QStringList empty;
    if (formHoldsValue()) {
        if (const auto *object = dynamic_cast<const ObjectNode *>(m_root.get()))
            object->collectEmptyRequired(QString(), &empty);
    }
    return empty;
}

QStringList SchemaForm::validationErrors() const
{
    return describe(m_validatorLoaded ? m_validator.validate(value()) : QList<SchemaViolation>());
}

QStringList SchemaForm::describe(const QList<SchemaViolation> &violations) const
{
    QStringList errors;
    for (const SchemaViolation &v : violations)
        errors << (v.instancePath.isEmpty() ? QStringLiteral("/") : v.instancePath)
                + QLatin1Char(' ') + v.keyword + QStringLiteral(": ") + v.message;
    if (!m_jsonParseError.isEmpty())
        errors << m_jsonParseError;
    return errors;
}

int SchemaForm::fieldCount() const
{
    if (!m_formMode)
        return 0;
    return m_context->liveNodes - 1; // the top-level object is not a field
}

void SchemaForm::formEdited()
{
    m_rawAuthoritative = false;
    m_rawValue = m_root->value().toObject();
    m_jsonParseError.clear();
    m_jsonError->hide();
    writeJsonText(m_rawValue);
    updateNotice();
    refreshValidation();
    Q_EMIT valueChanged();
}

void SchemaForm::jsonTextChanged()
{
    if (m_writingJson)
        return;
    QJsonParseError parseError;
    const QJsonDocument doc
        = QJsonDocument::fromJson(m_jsonEdit->toPlainText().toUtf8(), &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject()) {
        m_jsonParseError = parseError.error != QJsonParseError::NoError
            ? tr("raw JSON is not an object: %1 (at character %2)")
                  .arg(parseError.errorString())
                  .arg(parseError.offset)
            : tr("raw JSON is not an object: it is an array");
        m_jsonError->setText(m_jsonParseError);
        m_jsonError->show();
        refreshValidation();
        return;
    }
    m_jsonParseError.clear();
    m_jsonError->hide();
    m_rawValue = doc.object();
    m_rawAuthoritative = false;
    if (m_formMode) {
        LoadingScope loading(m_context.get());
        m_root->setValue(m_rawValue);
        m_rawAuthoritative = !JsonSchemaValidator::jsonEqual(m_root->value(), m_rawValue);
    }
    updateNotice();
    refreshValidation();
    Q_EMIT valueChanged();
}

void SchemaForm::writeJsonText(const QJsonObject &value)
{
    m_writingJson = true;
    m_jsonEdit->setPlainText(
        QString::fromUtf8(QJsonDocument(value).toJson(QJsonDocument::Indented)));
    m_writingJson = false;
}

void SchemaForm::refreshValidation()
{
    const QList<SchemaViolation> violations
        = m_validatorLoaded ? m_validator.validate(value()) : QList<SchemaViolation>();
    const QStringList errors = describe(violations);
    constexpr int kShown = 8;
    QStringList shown = errors.mid(0, kShown);
    if (errors.size() > kShown)
        shown << tr("... and %n more", nullptr, int(errors.size() - kShown));
    m_errors->setText(shown.join(QLatin1Char('\n')));
    m_errors->setToolTip(errors.join(QLatin1Char('\n')));
    m_errors->setVisible(m_errorListVisible && !errors.isEmpty());
    if (!m_formMode)
        return;
    m_root->clearMarks();
    // A missing property is reported at its object; the mark goes to the property.
    static const QRegularExpression missing(QStringLiteral("^property \"(.*)\" is missing$"));
    for (const SchemaViolation &v : violations) {
        QStringList path;
        if (!v.instancePath.isEmpty()) {
            const QStringList tokens = v.instancePath.mid(1).split(QLatin1Char('/'));
            for (const QString &token : tokens)
                path << unescapePointerToken(token);
        }
        if (v.keyword == QLatin1String("required")) {
            const QRegularExpressionMatch match = missing.match(v.message);
            if (match.hasMatch())
                path << match.captured(1);
        }
        m_root->mark(path, v.message);
    }
}

void SchemaForm::setErrorListVisible(bool visible)
{
    m_errorListVisible = visible;
    refreshValidation();
}

void SchemaForm::updateNotice()
{
    if (!m_formMode) {
        m_notice->setText(tr("This schema cannot be shown as a form: %1. Edit the arguments in "
                             "the JSON tab.")
                              .arg(m_fallbackReason));
        m_notice->show();
    } else if (m_rawAuthoritative) {
        m_notice->setText(tr("The JSON tab holds values this form cannot show; the arguments are "
                             "taken from there. Editing the form replaces them."));
        m_notice->show();
    } else {
        m_notice->hide();
    }
}

} // namespace mcppm::ui
