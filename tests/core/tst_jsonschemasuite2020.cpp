// The official JSON-Schema-Test-Suite, draft2020-12, vendored in
// tests/third_party/JSON-Schema-Test-Suite (see its README.md for the commit).
// Every required test must pass: nothing is skipped, remote $refs resolve to
// the suite's remotes/ files given to the validator as local resources (the
// network is never used). The figures (files, cases, tests, passed, failed
// and the failures by name) are printed at the end.
//
// requiredSuite: tests/draft2020-12/*.json, 100% or the test fails.
// optionalSuite: the optional/ files we claim (kClaimedOptional: ECMA-262 and
// non-BMP regexes, anchors, ids, unknown keywords, format-assertion,
// dependencies, bignum...), 100% or the test fails.
// optionalFormatAsserted: optional/format/ run under a metaschema that
// requires the format-assertion vocabulary (format is an annotation
// otherwise); the formats we check (kAssertedFormats) must pass in full.
// optionalOthersFigures: the optional files we do not claim, measured.

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
                                   QStringLiteral("bignum.json"),
                                   QStringLiteral("dependencies-compatibility.json"),
                                   QStringLiteral("dynamicRef.json"),
                                   QStringLiteral("ecmascript-regex.json"),
                                   QStringLiteral("float-overflow.json"),
                                   QStringLiteral("format-assertion.json"),
                                   QStringLiteral("id.json"),
                                   QStringLiteral("no-schema.json"),
                                   QStringLiteral("non-bmp-regex.json"),
                                   QStringLiteral("refOfUnknownKeyword.json"),
                                   QStringLiteral("unknownKeyword.json")};

// The formats asserted under the format-assertion vocabulary (optional/format/<name>.json).
// Not claimed: hostname (IDNA2008 checks of A-labels, "xn--...", are not done),
// ecmascript-regex (a variable-width lookbehind, which PCRE2 10.42 refuses), and
// idn-email, idn-hostname, iri, iri-reference, relative-json-pointer, uri-template
// (not checked: they pass as unknown formats do).
const QStringList kAssertedFormats{
    QStringLiteral("date"),         QStringLiteral("date-time"), QStringLiteral("duration"),
    QStringLiteral("email"),        QStringLiteral("ipv4"),      QStringLiteral("ipv6"),
    QStringLiteral("json-pointer"), QStringLiteral("regex"),     QStringLiteral("time"),
    QStringLiteral("unknown"),      QStringLiteral("uri"),       QStringLiteral("uri-reference"),
    QStringLiteral("uuid")};

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
    QString m_schemaOverride; // a $schema put into every schema run, if set

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
                QJsonValue schema = group.value(QStringLiteral("schema"));
                if (!m_schemaOverride.isEmpty() && schema.isObject()) {
                    QJsonObject o = schema.toObject();
                    o.insert(QStringLiteral("$schema"), m_schemaOverride);
                    schema = o;
                }
                const bool loaded = validator.setSchema(schema, &error);
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

    // optional/format/ expects format to be asserted, which 2020-12 does only
    // under the format-assertion vocabulary: each schema is run with a
    // metaschema that requires it. The formats we check must pass in full;
    // the others (idn-*, iri*, uri-template, relative-json-pointer) are
    // measured and printed.
    void optionalFormatAsserted()
    {
        const QString meta = QStringLiteral("http://localhost:1234/format-assertion-meta.json");
        m_remotes.append(
            {meta,
             QJsonObject{
                 {QStringLiteral("$vocabulary"),
                  QJsonObject{
                      {QStringLiteral("https://json-schema.org/draft/2020-12/vocab/core"), true},
                      {QStringLiteral("https://json-schema.org/draft/2020-12/"
                                      "vocab/validation"),
                       true},
                      {QStringLiteral("https://json-schema.org/draft/2020-12/"
                                      "vocab/applicator"),
                       true},
                      {QStringLiteral("https://json-schema.org/draft/2020-12/"
                                      "vocab/format-assertion"),
                       true}}}}});
        const QString dir = kTests + QStringLiteral("/optional/format");
        m_schemaOverride = meta;
        Figures claimed, others;
        const QStringList files
            = QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        QStringList claimedFiles, otherFiles;
        for (const QString &file : files)
            (kAssertedFormats.contains(file.chopped(5)) ? claimedFiles : otherFiles) << file;
        const bool ok = run(dir, claimedFiles, &claimed);
        run(dir, otherFiles, &others);
        m_schemaOverride.clear();
        m_remotes.removeLast();
        print("draft2020-12 optional/format asserted (claimed)", claimed);
        qInfo("jsonschema draft2020-12 optional/format asserted, not claimed (%s): %d files, "
              "%d tests, %d passed",
              qPrintable(otherFiles.join(QLatin1Char(' '))), others.files, others.tests,
              others.passed);
        QCOMPARE(claimed.files, kAssertedFormats.size());
        QVERIFY2(ok,
                 qPrintable(QStringLiteral("%1 of %2 tests failed")
                                .arg(claimed.failures.size())
                                .arg(claimed.tests)));
    }

    // Measured only: the optional files we do not claim.
    void optionalOthersFigures()
    {
        const QString dir = kTests + QStringLiteral("/optional");
        QStringList files
            = QDir(dir).entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name);
        for (const QString &claimed : kClaimedOptional)
            files.removeAll(claimed);
        Figures figures;
        run(dir, files, &figures);
        print(qPrintable(QStringLiteral("draft2020-12 optional, not claimed (%1)")
                             .arg(files.join(QLatin1Char(' ')))),
              figures);
        QCOMPARE(figures.files, files.size());
    }
};

QTEST_GUILESS_MAIN(TestJsonSchemaSuite2020)
#include "tst_jsonschemasuite2020.moc"
