// SchemaForm: an MCP tool's inputSchema as a form. Data-driven over many
// schemas (every field mapping, defaults, required, enums, nesting, arrays,
// oneOf/anyOf, $ref/$defs, cycles, huge and garbage schemas) and over the
// input schemas of the reference server-everything's tools (captured with
// tools/list into tests/ui/data/schemas/server-everything-tools.json); then
// the JSON tab's sync both ways, inline validation and the editors themselves.

#include "widgets/schemaform.h"

#include "schema/jsonschemavalidator.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardPaths>
#include <QTabWidget>
#include <QTest>
#include <QToolButton>

using namespace mcppm;
using namespace mcppm::ui;

namespace {

QString compact(const QJsonValue &value)
{
    return QString::fromUtf8(QJsonDocument(QJsonArray{value}).toJson(QJsonDocument::Compact));
}

QJsonValue loadJson(const QString &name)
{
    QFile file(QStringLiteral(MCPPM_SOURCE_DIR "/tests/ui/data/schemas/") + name);
    if (!file.open(QIODevice::ReadOnly))
        return QJsonValue();
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll());
    return doc.isArray() ? QJsonValue(doc.array()) : QJsonValue(doc.object());
}

QJsonObject parseObject(const char *json)
{
    return QJsonDocument::fromJson(QByteArray(json)).object();
}

QJsonObject parseEditor(const SchemaForm &form)
{
    return QJsonDocument::fromJson(form.jsonEditor()->toPlainText().toUtf8()).object();
}

template<typename T> T *editor(const SchemaForm &form, const QString &accessibleName)
{
    const QList<T *> found = form.findChildren<T *>();
    for (T *widget : found) {
        if (widget->accessibleName() == accessibleName)
            return widget;
    }
    return nullptr;
}

bool containsPrefix(const QStringList &list, const QString &prefix)
{
    for (const QString &s : list) {
        if (s.startsWith(prefix))
            return true;
    }
    return false;
}

// {"type":"object","properties":{"f0":{"type":"string"},...}}
QJsonObject wideSchema(int fields)
{
    QJsonObject properties;
    for (int i = 0; i < fields; ++i)
        properties.insert(QStringLiteral("f%1").arg(i),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}});
    return QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                       {QStringLiteral("properties"), properties}};
}

// levels objects inside each other, the innermost holding a required string "x".
QJsonObject nestedSchema(int levels, QJsonObject *initial)
{
    QJsonValue schema = QJsonObject{{QStringLiteral("type"), QStringLiteral("string")}};
    QJsonValue value = QString();
    for (int i = 0; i < levels; ++i) {
        schema = QJsonObject{
            {QStringLiteral("type"), QStringLiteral("object")},
            {QStringLiteral("properties"), QJsonObject{{QStringLiteral("x"), schema}}},
            {QStringLiteral("required"), QJsonArray{QStringLiteral("x")}}};
        value = QJsonObject{{QStringLiteral("x"), value}};
    }
    *initial = value.toObject();
    return schema.toObject();
}

} // namespace

#define COMPARE_JSON(actual, expected)                                                             \
    do {                                                                                           \
        const QJsonValue actual_ = QJsonValue(actual);                                             \
        const QJsonValue expected_ = QJsonValue(expected);                                         \
        QVERIFY2(                                                                                  \
            JsonSchemaValidator::jsonEqual(actual_, expected_),                                    \
            qPrintable(                                                                            \
                QStringLiteral("got %1, expected %2").arg(compact(actual_), compact(expected_)))); \
    } while (false)

class TestSchemaForm : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void schemas_data()
    {
        QTest::addColumn<QJsonObject>("schema");
        QTest::addColumn<bool>("formMode");
        QTest::addColumn<int>("fields");
        QTest::addColumn<QJsonObject>("initial");
        QTest::addColumn<QJsonObject>("roundTrip");
        QTest::addColumn<int>("fieldsAfter"); // -1: same as fields

        const QJsonArray rows = loadJson(QStringLiteral("form-cases.json")).toArray();
        QVERIFY(rows.size() >= 50);
        for (const QJsonValue &r : rows) {
            const QJsonObject row = r.toObject();
            QTest::newRow(row.value(QStringLiteral("name")).toString().toUtf8().constData())
                << row.value(QStringLiteral("schema")).toObject()
                << row.value(QStringLiteral("form")).toBool()
                << row.value(QStringLiteral("fields")).toInt()
                << row.value(QStringLiteral("initial")).toObject()
                << row.value(QStringLiteral("roundTrip")).toObject()
                << row.value(QStringLiteral("fieldsAfter")).toInt(-1);
        }

        const QJsonObject one{{QStringLiteral("f0"), QStringLiteral("a")}};
        QTest::newRow("200 fields: still a form")
            << wideSchema(200) << true << 200 << QJsonObject() << one << -1;
        QTest::newRow("201 fields: too big")
            << wideSchema(201) << false << 0 << QJsonObject() << one << -1;
        QTest::newRow("huge: 250 fields")
            << wideSchema(250) << false << 0 << QJsonObject() << one << -1;

        QJsonObject initial;
        const QJsonObject eight = nestedSchema(8, &initial);
        QTest::newRow("8 levels deep: still a form")
            << eight << true << 8 << initial << initial << -1;
        QTest::newRow("9 levels deep: too deep")
            << nestedSchema(9, &initial) << false << 0 << QJsonObject() << initial << -1;
        QTest::newRow("60 levels deep: too deep")
            << nestedSchema(60, &initial) << false << 0 << QJsonObject() << QJsonObject() << -1;
        QTest::newRow("1000 levels deep: too deep, no hang")
            << nestedSchema(1000, &initial) << false << 0 << QJsonObject() << QJsonObject() << -1;

        QJsonArray variants;
        for (int i = 0; i < 300; ++i)
            variants.append(QJsonObject{{QStringLiteral("const"), i}});
        QTest::newRow("300 oneOf variants: too big")
            << QJsonObject{{QStringLiteral("type"), QStringLiteral("object")},
                           {QStringLiteral("properties"),
                            QJsonObject{{QStringLiteral("v"),
                                         QJsonObject{{QStringLiteral("oneOf"), variants}}}}}}
            << false << 0 << QJsonObject() << QJsonObject{{QStringLiteral("v"), 3}} << -1;

        // $defs d0..d7, each allOf of three $refs to the next: 3^8 merges.
        QJsonObject defs{{QStringLiteral("d8"),
                          QJsonObject{{QStringLiteral("type"), QStringLiteral("object")}}}};
        for (int i = 0; i < 8; ++i) {
            const QJsonObject ref{
                {QStringLiteral("$ref"), QStringLiteral("#/$defs/d%1").arg(i + 1)}};
            defs.insert(QStringLiteral("d%1").arg(i),
                        QJsonObject{{QStringLiteral("allOf"), QJsonArray{ref, ref, ref}}});
        }
        QTest::newRow("allOf explosion: a JSON field, no hang")
            << QJsonObject{{QStringLiteral("$defs"), defs},
                           {QStringLiteral("type"), QStringLiteral("object")},
                           {QStringLiteral("properties"),
                            QJsonObject{{QStringLiteral("p"),
                                         QJsonObject{{QStringLiteral("$ref"),
                                                      QStringLiteral("#/$defs/d0")}}}}}}
            << true << 1 << QJsonObject()
            << QJsonObject{{QStringLiteral("p"), QJsonObject{{QStringLiteral("k"), 1}}}} << -1;
    }

    void schemas()
    {
        QFETCH(QJsonObject, schema);
        QFETCH(bool, formMode);
        QFETCH(int, fields);
        QFETCH(QJsonObject, initial);
        QFETCH(QJsonObject, roundTrip);
        QFETCH(int, fieldsAfter);

        SchemaForm form;
        QSignalSpy changed(&form, &SchemaForm::valueChanged);
        QCOMPARE(form.setSchema(schema), formMode);
        QCOMPARE(form.isFormMode(), formMode);
        QCOMPARE(form.fallbackReason().isEmpty(), formMode);
        QCOMPARE(form.fieldCount(), fields);
        QCOMPARE(changed.size(), 1);
        COMPARE_JSON(form.value(), initial);
        COMPARE_JSON(parseEditor(form), initial);
        QCOMPARE(form.tabs()->currentIndex(), formMode ? 0 : 1);

        form.setValue(roundTrip);
        COMPARE_JSON(form.value(), roundTrip);
        COMPARE_JSON(parseEditor(form), roundTrip);
        QCOMPARE(form.formHoldsValue(), formMode); // held by the widgets, not just the text
        QCOMPARE(form.fieldCount(), fieldsAfter < 0 ? fields : fieldsAfter);
        QCOMPARE(changed.size(), 2);

        // And back to the defaults: the values of the initial state hold too.
        form.setValue(initial);
        COMPARE_JSON(form.value(), initial);
        QCOMPARE(form.formHoldsValue(), formMode);
    }

    void serverEverything_data()
    {
        QTest::addColumn<QJsonObject>("schema");
        QTest::addColumn<QJsonObject>("initial");
        QTest::addColumn<QJsonObject>("sample");
        const QJsonObject tools
            = loadJson(QStringLiteral("server-everything-tools.json")).toObject();
        const QJsonObject expected
            = loadJson(QStringLiteral("server-everything-expected.json")).toObject();
        QCOMPARE(tools.size(), 19);
        QCOMPARE(expected.keys(), tools.keys());
        for (auto it = tools.begin(); it != tools.end(); ++it) {
            const QJsonObject e = expected.value(it.key()).toObject();
            QTest::newRow(it.key().toUtf8().constData())
                << it.value().toObject() << e.value(QStringLiteral("initial")).toObject()
                << e.value(QStringLiteral("sample")).toObject();
        }
    }

    void serverEverything()
    {
        QFETCH(QJsonObject, schema);
        QFETCH(QJsonObject, initial);
        QFETCH(QJsonObject, sample);

        SchemaForm form;
        QVERIFY(form.setSchema(schema));
        QVERIFY(form.isFormMode());
        QCOMPARE(form.fieldCount(), schema.value(QStringLiteral("properties")).toObject().size());
        COMPARE_JSON(form.value(), initial);
        QCOMPARE(form.validationErrors(), QStringList());

        form.setValue(sample);
        COMPARE_JSON(form.value(), sample);
        COMPARE_JSON(parseEditor(form), sample);
        QVERIFY(form.formHoldsValue());
        QCOMPARE(form.validationErrors(), QStringList());
    }

    void jsonTabUpdatesForm()
    {
        SchemaForm form;
        QVERIFY(form.setSchema(personSchema()));
        QSignalSpy changed(&form, &SchemaForm::valueChanged);
        form.jsonEditor()->setPlainText(
            QStringLiteral("{\"name\": \"Ada\", \"age\": 36, \"tags\": [\"x\", \"y\"]}"));
        QCOMPARE(changed.size(), 1);
        COMPARE_JSON(form.value(),
                     parseObject("{\"name\":\"Ada\",\"age\":36,\"tags\":[\"x\",\"y\"]}"));
        QVERIFY(form.formHoldsValue());
        QCOMPARE(editor<QLineEdit>(form, QStringLiteral("name"))->text(), QStringLiteral("Ada"));
        QCOMPARE(editor<QSpinBox>(form, QStringLiteral("age"))->value(), 36);
        QVERIFY(editor<QCheckBox>(form, QStringLiteral("Include age"))->isChecked());
        QCOMPARE(editor<QLineEdit>(form, QStringLiteral("tags, item 2"))->text(),
                 QStringLiteral("y"));
        QCOMPARE(form.fieldCount(), 3 + 2);

        // A key left out of the JSON unchecks its optional field.
        form.jsonEditor()->setPlainText(QStringLiteral("{\"name\": \"Ada\"}"));
        QVERIFY(!editor<QCheckBox>(form, QStringLiteral("Include age"))->isChecked());
        COMPARE_JSON(form.value(), parseObject("{\"name\":\"Ada\"}"));
    }

    void formUpdatesJsonTab()
    {
        SchemaForm form;
        QVERIFY(form.setSchema(personSchema()));
        QSignalSpy changed(&form, &SchemaForm::valueChanged);

        editor<QLineEdit>(form, QStringLiteral("name"))->setText(QStringLiteral("Bob"));
        QCOMPARE(changed.size(), 1);
        COMPARE_JSON(parseEditor(form), parseObject("{\"name\":\"Bob\"}"));

        // Touching an optional field includes it.
        editor<QSpinBox>(form, QStringLiteral("age"))->setValue(5);
        QVERIFY(editor<QCheckBox>(form, QStringLiteral("Include age"))->isChecked());
        COMPARE_JSON(parseEditor(form), parseObject("{\"name\":\"Bob\",\"age\":5}"));
        COMPARE_JSON(form.value(), parseObject("{\"name\":\"Bob\",\"age\":5}"));

        // Unchecking leaves it out again.
        editor<QCheckBox>(form, QStringLiteral("Include age"))->setChecked(false);
        COMPARE_JSON(parseEditor(form), parseObject("{\"name\":\"Bob\"}"));
        QCOMPARE(changed.size(), 3);
    }

    void invalidJsonKeepsForm()
    {
        SchemaForm form;
        QVERIFY(form.setSchema(personSchema()));
        form.setValue(parseObject("{\"name\":\"Ada\"}"));
        auto *error = editor<QLabel>(form, QStringLiteral("JSON error"));
        QVERIFY(error);
        QVERIFY(error->isHidden());

        QSignalSpy changed(&form, &SchemaForm::valueChanged);
        form.jsonEditor()->setPlainText(QStringLiteral("{\"name\": \"Bo"));
        QCOMPARE(changed.size(), 0);
        QVERIFY(!error->isHidden());
        QVERIFY(error->text().startsWith(QStringLiteral("raw JSON is not an object: ")));
        COMPARE_JSON(form.value(), parseObject("{\"name\":\"Ada\"}"));
        QCOMPARE(editor<QLineEdit>(form, QStringLiteral("name"))->text(), QStringLiteral("Ada"));
        QVERIFY(
            containsPrefix(form.validationErrors(), QStringLiteral("raw JSON is not an object: ")));

        form.jsonEditor()->setPlainText(QStringLiteral("[1, 2]"));
        QCOMPARE(form.validationErrors(),
                 QStringList{QStringLiteral("raw JSON is not an object: it is an array")});

        form.jsonEditor()->setPlainText(QStringLiteral("{\"name\": \"Bo\"}"));
        QVERIFY(error->isHidden());
        QCOMPARE(form.validationErrors(), QStringList());
        QCOMPARE(editor<QLineEdit>(form, QStringLiteral("name"))->text(), QStringLiteral("Bo"));
    }

    void validationErrors()
    {
        SchemaForm form;
        const QJsonObject tools
            = loadJson(QStringLiteral("server-everything-tools.json")).toObject();
        QVERIFY(form.setSchema(tools.value(QStringLiteral("echo")).toObject()));
        QCOMPARE(form.validationErrors(), QStringList());

        form.jsonEditor()->setPlainText(QStringLiteral("{}"));
        QCOMPARE(form.validationErrors(),
                 QStringList{QStringLiteral("/ required: property \"message\" is missing")});
        QVERIFY(!form.formHoldsValue()); // the form always sends required keys
        auto *label = editor<QLabel>(form, QStringLiteral("Problems with the arguments"));
        QVERIFY(label && !label->isHidden());
        QVERIFY(label->text().contains(QStringLiteral("message")));

        form.setErrorListVisible(false);
        QVERIFY(label->isHidden());
        QCOMPARE(form.validationErrors().size(), 1);
        form.setErrorListVisible(true);
        QVERIFY(!label->isHidden());

        form.jsonEditor()->setPlainText(QStringLiteral("{\"message\": 12}"));
        const QStringList errors = form.validationErrors();
        QCOMPARE(errors.size(), 1);
        QVERIFY2(errors.first().startsWith(QStringLiteral("/message type: ")),
                 qPrintable(errors.first()));

        form.jsonEditor()->setPlainText(QStringLiteral("{\"message\": \"hi\"}"));
        QCOMPARE(form.validationErrors(), QStringList());
        QVERIFY(label->isHidden());
        QVERIFY(form.formHoldsValue());

        // The same through setValue().
        form.setValue(parseObject("{\"message\": false}"));
        QVERIFY(containsPrefix(form.validationErrors(), QStringLiteral("/message type: ")));
        form.setValue(parseObject("{\"message\": \"ok\"}"));
        QCOMPARE(form.validationErrors(), QStringList());
    }

    void errorsMarkFields()
    {
        SchemaForm form;
        QVERIFY(form.setSchema(personSchema()));
        QLabel *name = nullptr;
        for (QLabel *label : form.findChildren<QLabel *>()) {
            if (label->text() == QStringLiteral("name *"))
                name = label;
        }
        QVERIFY(name);
        QVERIFY(name->font().bold());
        QVERIFY(name->styleSheet().isEmpty());
        form.jsonEditor()->setPlainText(QStringLiteral("{}"));
        QVERIFY(!name->styleSheet().isEmpty());
        QVERIFY(name->toolTip().contains(QStringLiteral("missing")));
        form.jsonEditor()->setPlainText(QStringLiteral("{\"name\": \"x\", \"age\": -3}"));
        QVERIFY(name->styleSheet().isEmpty());
        auto *age = editor<QCheckBox>(form, QStringLiteral("Include age"));
        QVERIFY(!age->styleSheet().isEmpty());
        QVERIFY(containsPrefix(form.validationErrors(), QStringLiteral("/age minimum: ")));
    }

    void valueTheFormCannotHold()
    {
        SchemaForm form;
        QVERIFY(form.setSchema(personSchema()));
        const QJsonObject odd = parseObject("{\"name\": \"x\", \"age\": \"old\"}");
        form.setValue(odd);
        COMPARE_JSON(form.value(), odd); // kept, not silently dropped
        QVERIFY(!form.formHoldsValue());
        QVERIFY(containsPrefix(form.validationErrors(), QStringLiteral("/age type: ")));

        const QJsonObject big = parseObject("{\"name\": \"x\", \"age\": 1e12}");
        form.setValue(big);
        COMPARE_JSON(form.value(), big);
        QVERIFY(!form.formHoldsValue());
        QVERIFY(containsPrefix(form.validationErrors(), QStringLiteral("/age maximum: ")));

        // Editing the form takes over again.
        editor<QSpinBox>(form, QStringLiteral("age"))->setValue(7);
        QVERIFY(form.formHoldsValue());
        COMPARE_JSON(form.value(), parseObject("{\"name\": \"x\", \"age\": 7}"));
        QCOMPARE(form.validationErrors(), QStringList());
    }

    void arrayAddRemove()
    {
        SchemaForm form;
        QVERIFY(form.setSchema(parseObject(
            "{\"type\":\"object\",\"required\":[\"people\"],\"properties\":{\"people\":{"
            "\"type\":\"array\",\"maxItems\":2,\"items\":{\"type\":\"object\",\"required\":["
            "\"name\"],\"properties\":{\"name\":{\"type\":\"string\"},\"age\":{\"type\":"
            "\"integer\"}}}}}}")));
        QCOMPARE(form.fieldCount(), 1);
        auto *add = editor<QPushButton>(form, QStringLiteral("Add item to people"));
        QVERIFY(add);
        QSignalSpy changed(&form, &SchemaForm::valueChanged);
        add->click();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(form.fieldCount(), 4);
        COMPARE_JSON(form.value(), parseObject("{\"people\":[{\"name\":\"\"}]}"));
        COMPARE_JSON(parseEditor(form), parseObject("{\"people\":[{\"name\":\"\"}]}"));
        add->click();
        QVERIFY(!add->isEnabled()); // maxItems
        editor<QLineEdit>(form, QStringLiteral("name"))->setText(QStringLiteral("first"));
        COMPARE_JSON(form.value(),
                     parseObject("{\"people\":[{\"name\":\"first\"},{\"name\":\"\"}]}"));

        auto *remove = editor<QToolButton>(form, QStringLiteral("Remove people, item 1"));
        QVERIFY(remove);
        remove->click();
        QCOMPARE(form.fieldCount(), 4);
        COMPARE_JSON(form.value(), parseObject("{\"people\":[{\"name\":\"\"}]}"));
        QVERIFY(add->isEnabled());
        editor<QToolButton>(form, QStringLiteral("Remove people, item 1"))->click();
        QCOMPARE(form.fieldCount(), 1);
        COMPARE_JSON(form.value(), parseObject("{\"people\":[]}"));
        COMPARE_JSON(parseEditor(form), parseObject("{\"people\":[]}"));
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QCOMPARE(form.fieldCount(), 1);
    }

    void enumArrayCheckList()
    {
        SchemaForm form;
        QVERIFY(form.setSchema(parseObject(
            "{\"type\":\"object\",\"properties\":{\"days\":{\"type\":\"array\",\"items\":{"
            "\"enum\":[\"mon\",\"tue\",\"wed\"]}}}}")));
        auto *list = editor<QListWidget>(form, QStringLiteral("days"));
        QVERIFY(list);
        QCOMPARE(list->count(), 3);
        list->item(1)->setCheckState(Qt::Checked);
        COMPARE_JSON(form.value(), parseObject("{\"days\":[\"tue\"]}"));
    }

    void variantSwitch()
    {
        SchemaForm form;
        const QJsonArray rows = loadJson(QStringLiteral("form-cases.json")).toArray();
        QJsonObject schema;
        for (const QJsonValue &row : rows) {
            if (row[QStringLiteral("name")].toString() == QStringLiteral("oneOf of objects"))
                schema = row[QStringLiteral("schema")].toObject();
        }
        QVERIFY(form.setSchema(schema));
        auto *chooser = editor<QComboBox>(form, QStringLiteral("shape: kind"));
        QVERIFY(chooser);
        QCOMPARE(chooser->count(), 2);
        QCOMPARE(chooser->itemText(0), QStringLiteral("Circle"));
        QSignalSpy changed(&form, &SchemaForm::valueChanged);
        chooser->setCurrentIndex(1);
        QCOMPARE(changed.size(), 1);
        COMPARE_JSON(form.value(), parseObject("{\"shape\":{\"kind\":\"square\",\"side\":0}}"));
        COMPARE_JSON(parseEditor(form), form.value());
        QCOMPARE(form.validationErrors(), QStringList());

        // The JSON tab picks the variant.
        form.jsonEditor()->setPlainText(
            QStringLiteral("{\"shape\":{\"kind\":\"circle\",\"r\":2}}"));
        QCOMPARE(chooser->currentIndex(), 0);
        QVERIFY(form.formHoldsValue());
    }

    void variantChosenByKeys()
    {
        // anyOf objects told apart only by their property names: the value's
        // keys pick the alternative (not the first one, keeping them as extras).
        SchemaForm form;
        QVERIFY(form.setSchema(parseObject(
            "{\"type\":\"object\",\"properties\":{\"target\":{\"anyOf\":["
            "{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}}},"
            "{\"type\":\"object\",\"properties\":{\"b\":{\"type\":\"integer\"}}}]}}}")));
        auto *chooser = editor<QComboBox>(form, QStringLiteral("target: kind"));
        QVERIFY(chooser);
        form.setValue(parseObject("{\"target\":{\"b\":3}}"));
        QCOMPARE(chooser->currentIndex(), 1);
        QCOMPARE(editor<QSpinBox>(form, QStringLiteral("b"))->value(), 3);
        QVERIFY(form.formHoldsValue());
        form.jsonEditor()->setPlainText(QStringLiteral("{\"target\":{\"a\":\"x\"}}"));
        QCOMPARE(chooser->currentIndex(), 0);
        COMPARE_JSON(form.value(), parseObject("{\"target\":{\"a\":\"x\"}}"));

        // A choice at the top level.
        QVERIFY(form.setSchema(parseObject(
            "{\"type\":\"object\",\"oneOf\":[{\"title\":\"By URL\",\"properties\":{\"url\":{"
            "\"type\":\"string\"}},\"required\":[\"url\"]},{\"title\":\"By path\",\"properties\":{"
            "\"path\":{\"type\":\"string\"}},\"required\":[\"path\"]}]}")));
        chooser = editor<QComboBox>(form, QStringLiteral("Arguments: kind"));
        QVERIFY(chooser);
        chooser->setCurrentIndex(1);
        COMPARE_JSON(form.value(), parseObject("{\"path\":\"\"}"));
        QCOMPARE(form.validationErrors(), QStringList());
    }

    void editorsFollowTheSchema()
    {
        SchemaForm form;
        QVERIFY(form.setSchema(
            parseObject("{\"type\":\"object\",\"properties\":{"
                        "\"n\":{\"type\":\"number\",\"minimum\":1,\"maximum\":10},"
                        "\"r\":{\"type\":\"number\",\"exclusiveMinimum\":0,\"exclusiveMaximum\":1},"
                        "\"i\":{\"type\":\"integer\",\"minimum\":-5,\"maximum\":5},"
                        "\"big\":{\"type\":\"integer\",\"maximum\":10000000000},"
                        "\"when\":{\"type\":\"string\",\"format\":\"date-time\"},"
                        "\"notes\":{\"type\":\"string\",\"maxLength\":5000},"
                        "\"k\":{\"const\":42},"
                        "\"any\":{}}}")));
        QCOMPARE(form.fieldCount(), 8);
        auto *n = editor<QDoubleSpinBox>(form, QStringLiteral("n"));
        QVERIFY(n);
        QCOMPARE(n->minimum(), 1.0);
        QCOMPARE(n->maximum(), 10.0);
        auto *r = editor<QDoubleSpinBox>(form, QStringLiteral("r"));
        QVERIFY(r->minimum() > 0 && r->minimum() < 1e-6);
        QVERIFY(r->maximum() < 1 && r->maximum() > 1 - 1e-6);
        auto *i = editor<QSpinBox>(form, QStringLiteral("i"));
        QCOMPARE(i->minimum(), -5);
        QCOMPARE(i->maximum(), 5);
        QVERIFY(!editor<QSpinBox>(form, QStringLiteral("big")));
        auto *big = editor<QLineEdit>(form, QStringLiteral("big"));
        QVERIFY(big);
        big->setText(QStringLiteral("9999999999"));
        COMPARE_JSON(form.value(), parseObject("{\"big\":9999999999}"));
        QVERIFY(editor<QLineEdit>(form, QStringLiteral("when"))
                    ->placeholderText()
                    .contains(QStringLiteral("2025-01-31T")));
        QVERIFY(editor<QPlainTextEdit>(form, QStringLiteral("notes")));
        auto *k = editor<QLineEdit>(form, QStringLiteral("k"));
        QVERIFY(k->isReadOnly());
        QCOMPARE(k->text(), QStringLiteral("42"));
        auto *any = editor<QPlainTextEdit>(form, QStringLiteral("any"));
        QVERIFY(any);
        any->setPlainText(QStringLiteral("[1, {\"a\": true}]"));
        COMPARE_JSON(form.value(), parseObject("{\"big\":9999999999,\"any\":[1,{\"a\":true}]}"));
        any->setPlainText(QStringLiteral("[1, "));
        QVERIFY(!any->styleSheet().isEmpty()); // marked, last good value kept
        COMPARE_JSON(form.value(), parseObject("{\"big\":9999999999,\"any\":[1,{\"a\":true}]}"));
        n->setValue(2.5);
        QCOMPARE(n->text(), QStringLiteral("2.5"));
        COMPARE_JSON(form.value().value(QStringLiteral("n")), 2.5);
    }

    void accessibility()
    {
        SchemaForm form;
        const QJsonObject tools
            = loadJson(QStringLiteral("server-everything-tools.json")).toObject();
        QVERIFY(form.setSchema(tools.value(QStringLiteral("trigger-url-elicitation")).toObject()));
        const QList<QWidget *> widgets = form.findChildren<QWidget *>();
        int inputs = 0;
        for (QWidget *w : widgets) {
            if (qobject_cast<QLineEdit *>(w) || qobject_cast<QAbstractSpinBox *>(w)
                || qobject_cast<QComboBox *>(w) || qobject_cast<QCheckBox *>(w)
                || qobject_cast<QPlainTextEdit *>(w)) {
                if (qobject_cast<QLineEdit *>(w) && qobject_cast<QAbstractSpinBox *>(w->parent()))
                    continue; // a spin box's own line edit
                ++inputs;
                QVERIFY2(!w->accessibleName().isEmpty(), w->metaObject()->className());
            }
        }
        QVERIFY(inputs >= 4 + 3); // four editors, three include boxes, the JSON editor
        auto *url = editor<QLineEdit>(form, QStringLiteral("url"));
        QCOMPARE(url->accessibleDescription(), QStringLiteral("The URL the user should open"));
        QVERIFY(url->toolTip().contains(QStringLiteral("The URL the user should open")));
        QVERIFY(url->placeholderText().contains(QStringLiteral("https://")));
        QVERIFY(editor<QCheckBox>(form, QStringLiteral("Include elicitationId")));
        QVERIFY(!editor<QCheckBox>(form, QStringLiteral("Include elicitationId"))->isChecked());
        QVERIFY(editor<QCheckBox>(form, QStringLiteral("Include message"))->isChecked());
    }

    void fallbackUsesTheJsonTab()
    {
        SchemaForm form;
        QVERIFY(!form.setSchema(parseObject("{\"type\":\"object\",\"properties\":12}")));
        QVERIFY(!form.isFormMode());
        QVERIFY(!form.fallbackReason().isEmpty());
        QCOMPARE(form.tabs()->currentIndex(), 1);
        QCOMPARE(form.fieldCount(), 0);
        form.jsonEditor()->setPlainText(QStringLiteral("{\"a\": [1]}"));
        COMPARE_JSON(form.value(), parseObject("{\"a\":[1]}"));
        form.jsonEditor()->setPlainText(QStringLiteral("nope"));
        COMPARE_JSON(form.value(), parseObject("{\"a\":[1]}"));
        QVERIFY(
            containsPrefix(form.validationErrors(), QStringLiteral("raw JSON is not an object")));

        // Too deep to even hand to the validator.
        QJsonObject unused;
        QVERIFY(!form.setSchema(nestedSchema(1000, &unused)));
        QVERIFY(form.fallbackReason().contains(QStringLiteral("JSON levels")));
        QCOMPARE(form.validationErrors(), QStringList());

        // A good schema afterwards makes a form again.
        QVERIFY(form.setSchema(personSchema()));
        QVERIFY(form.isFormMode());
        QCOMPARE(form.tabs()->currentIndex(), 0);
        QCOMPARE(form.validationErrors(), QStringList());
    }

    // JSON Schema 2020-12: keywords that only constrain keep the form (the validator
    // checks them); fields that depend on other values fall back to JSON with a note.
    void schema2020Keywords()
    {
        SchemaForm form;
        QVERIFY(form.setSchema(
            parseObject("{\"type\":\"object\",\"properties\":{\"a\":{\"type\":\"string\"}},"
                        "\"unevaluatedProperties\":false,\"dependentRequired\":{\"a\":[\"b\"]}}")));
        QVERIFY(form.isFormMode());
        QCOMPARE(form.fieldCount(), 1);

        QVERIFY(!form.setSchema(parseObject(
            "{\"type\":\"object\",\"properties\":{\"kind\":{\"enum\":[\"a\",\"b\"]}},"
            "\"if\":{\"properties\":{\"kind\":{\"const\":\"a\"}}},"
            "\"then\":{\"required\":[\"x\"],\"properties\":{\"x\":{\"type\":\"string\"}}},"
            "\"unevaluatedProperties\":false}")));
        QVERIFY(!form.isFormMode());
        QVERIFY2(form.fallbackReason().contains(QStringLiteral("if/then/else")),
                 qPrintable(form.fallbackReason()));
        QCOMPARE(form.tabs()->currentIndex(), 1);
        // The JSON typed there is checked with the whole schema.
        form.jsonEditor()->setPlainText(QStringLiteral("{\"kind\":\"a\"}"));
        QVERIFY(!form.validationErrors().isEmpty());
        form.jsonEditor()->setPlainText(QStringLiteral("{\"kind\":\"a\",\"x\":\"y\"}"));
        QCOMPARE(form.validationErrors(), QStringList());
        form.jsonEditor()->setPlainText(QStringLiteral("{\"kind\":\"b\",\"x\":\"y\"}"));
        QVERIFY(!form.validationErrors().isEmpty()); // x is not evaluated without "then"
    }

private:
    static QJsonObject personSchema()
    {
        return parseObject("{\"type\":\"object\",\"required\":[\"name\"],\"properties\":{"
                           "\"name\":{\"type\":\"string\",\"description\":\"Who\"},"
                           "\"age\":{\"type\":\"integer\",\"minimum\":0,\"maximum\":150},"
                           "\"tags\":{\"type\":\"array\",\"items\":{\"type\":\"string\"}}}}");
    }
};

QTEST_MAIN(TestSchemaForm)
#include "tst_schemaform.moc"
