// The official JSON-Schema-Test-Suite, draft2020-12, vendored in
// tests/third_party/JSON-Schema-Test-Suite (see its README.md for the commit).
// Every required test must pass: nothing is skipped, remote $refs resolve to
// the suite's remotes/ files given to the validator as local resources (the
// network is never used). The figures (files, cases, tests, passed, failed
// and the failures by name) are printed at the end.
//
// requiredSuite: tests/draft2020-12/*.json, 100% or the test fails.
// optionalSuite: the optional/ files we claim (ECMA-262 regexes, non-BMP
// regexes, anchors, ids, unknown keywords, format-assertion, dynamicRef...),
// 100% or the test fails. optional/format/ is measured and printed
// (format is an annotation by default; these tests expect assertion).

#include "schema/jsonschemavalidator.h"

#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace mcppm;

namespace {
const QString kSuite = QStringLiteral(MCPPM_SOURCE_DIR "/tests/third_party/JSON-Schema-Test-Suite");
const QString kTests = kSuite + QStringLiteral("/tests/draft2020-12");
const QString kRemotes = kSuite + QStringLiteral("/remotes");
// The optional files that must pass as well.
const QStringList kClaimedOptional{QStringLiteral("anchor.json"),
                                   QStringLiteral("dynamicRef.json"),
                                   QStringLiteral("ecmascript-regex.json"),
                                   QStringLiteral("float-overflow.json"),
                                   QStringLiteral("format-assertion.json"),
                                   QStringLiteral("id.json"),
                                   QStringLiteral("no-schema.json"),
                                   QStringLiteral("non-bmp-regex.json"),
                                   QStringLiteral("refOfUnknownKeyword.json"),
                                   QStringLiteral("unknownKeyword.json")};

struct Figures
{
    int files = 0;
    int cases = 0;
    int tests = 0;
    int passed = 0;
    QStringList failures;
};

QJsonValue readJson(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = path + QStringLiteral(": ") + file.errorString();
        return {};
    }
    QJsonParseError parse;
    const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = path + QStringLiteral(": ") + parse.errorString();
        return {};
    }
    return document.isArray() ? QJsonValue(document.array()) : QJsonValue(document.object());
}
} // namespace

class TestJsonSchemaSuite2020 : public QObject
{
    Q_OBJECT

    QList<QPair<QString, QJsonValue>> m_remotes; // http://localhost:1234/... → document

    // Runs every test of the files; a failure is "file: case / test: why".
    bool run(const QString &dir, const QStringList &files, Figures *figures)
    {
        for (const QString &name : files) {
            QString error;
            const QJsonArray cases = readJson(QDir(dir).filePath(name), &error).toArray();
            if (cases.isEmpty()) {
                figures->failures << name + QStringLiteral(": unreadable ") + error;
                continue;
            }
            ++figures->files;
            for (const QJsonValue &c : cases) {
                const QJsonObject group = c.toObject();
                ++figures->cases;
                JsonSchemaValidator validator;
                for (const auto &remote : std::as_const(m_remotes))
                    validator.addResource(remote.first, remote.second);
                const bool loaded
                    = validator.setSchema(group.value(QStringLiteral("schema")), &error);
                const QString caseName = name.chopped(5) + QStringLiteral(": ")
                    + group.value(QStringLiteral("description")).toString();
                for (const QJsonValue &t : group.value(QStringLiteral("tests")).toArray()) {
                    const QJsonObject test = t.toObject();
                    ++figures->tests;
                    const bool expected = test.value(QStringLiteral("valid")).toBool();
                    const QString row = caseName + QStringLiteral(" / ")
                        + test.value(QStringLiteral("description")).toString();
                    if (!loaded) {
                        figures->failures << row + QStringLiteral(": schema refused: ") + error;
                        continue;
                    }
                    const QList<SchemaViolation> violations
                        = validator.validate(test.value(QStringLiteral("data")));
                    if (violations.isEmpty() == expected) {
                        ++figures->passed;
                        continue;
                    }
                    QStringList messages;
                    for (const SchemaViolation &v : violations)
                        messages << v.instancePath + QLatin1Char(' ') + v.keyword
                                + QStringLiteral(": ") + v.message;
                    figures->failures << row
                            + QStringLiteral(": expected %1, got %2")
                                  .arg(expected ? QStringLiteral("valid")
                                                : QStringLiteral("invalid"),
                                       messages.isEmpty() ? QStringLiteral("valid")
                                                          : messages.join(QStringLiteral("; ")));
                }
            }
        }
        return figures->failures.isEmpty();
    }

    static void print(const char *what, const Figures &f)
    {
        for (const QString &failure : f.failures)
            qInfo("FAILED %s: %s", what, qPrintable(failure));
        qInfo("jsonschema %s: %d files, %d cases, %d tests, %d passed, %lld failed", what, f.files,
              f.cases, f.tests, f.passed, qlonglong(f.failures.size()));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QDir(kTests).exists(), qPrintable(kTests));
        QDirIterator it(kRemotes, {QStringLiteral("*.json")}, QDir::Files,
                        QDirIterator::Subdirectories);
        while (it.hasNext()) {
            const QString path = it.next();
            QString error;
            const QJsonValue document = readJson(path, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            m_remotes.append(
                {QStringLiteral("http://localhost:1234/") + QDir(kRemotes).relativeFilePath(path),
                 document});
        }
        QVERIFY(m_remotes.size() > 10);
    }

    void requiredSuite()
    {
        const QStringList files
            = QDir(kTests).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QVERIFY(files.size() >= 46);
        Figures figures;
        const bool ok = run(kTests, files, &figures);
        print("draft2020-12 required", figures);
        QVERIFY(figures.tests > 1200);
        QVERIFY2(ok,
                 qPrintable(QStringLiteral("%1 of %2 tests failed")
                                .arg(figures.failures.size())
                                .arg(figures.tests)));
        QCOMPARE(figures.passed, figures.tests);
    }

    void optionalSuite()
    {
        Figures figures;
        const bool ok = run(kTests + QStringLiteral("/optional"), kClaimedOptional, &figures);
        print("draft2020-12 optional (claimed)", figures);
        QCOMPARE(figures.files, kClaimedOptional.size());
        QVERIFY2(ok,
                 qPrintable(QStringLiteral("%1 of %2 tests failed")
                                .arg(figures.failures.size())
                                .arg(figures.tests)));
    }

    // Measured only: format is an annotation unless the format-assertion
    // vocabulary is in force, and these tests assume assertion.
    void optionalFormatFigures()
    {
        const QString dir = kTests + QStringLiteral("/optional/format");
        Figures figures;
        run(dir, QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name),
            &figures);
        qInfo("jsonschema draft2020-12 optional/format (annotation only, not asserted): %d "
              "files, %d tests, %d pass",
              figures.files, figures.tests, figures.passed);
        QVERIFY(figures.files > 10);
    }
};

QTEST_GUILESS_MAIN(TestJsonSchemaSuite2020)
#include "tst_jsonschemasuite2020.moc"
