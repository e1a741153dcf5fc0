// libFuzzer target: the profile loader (core/profile/profile.h).
//
// The input is a profile file's bytes, read as Profile::load() reads them.
// Checked:
//  - a rejected profile comes with an error text;
//  - a loaded one keeps its own rules (unique non-empty ids, http(s) URLs,
//    token references only, thresholds in order);
//  - what loads saves and loads again: fromJson(toJson(p)) succeeds and gives
//    the same toJson(), also through the file bytes (QJsonDocument Indented,
//    as save() writes them).

#include "profile/profile.h"

#include <QByteArray>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSet>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace mcppm;

namespace {

[[noreturn]] void fail(const char *what, const QByteArray &detail)
{
    std::fprintf(stderr, "profile invariant failed: %s\n%s\n", what,
                 QByteArray(detail).replace('\0', "\\0").constData());
    std::abort();
}

#define FUZZ_CHECK(cond, detail)                                                                   \
    do {                                                                                           \
        if (!(cond))                                                                               \
            fail(#cond, detail);                                                                   \
    } while (false)

QByteArray text(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray bytes(reinterpret_cast<const char *>(data), qsizetype(size));
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &parseError);
    if (parseError.error != QJsonParseError::NoError || !doc.isObject())
        return 0;
    const QJsonObject object = doc.object();

    QString error;
    const std::optional<Profile> profile = Profile::fromJson(object, &error);
    FUZZ_CHECK(profile.has_value() == Profile::fromJson(object, nullptr).has_value(), bytes);
    if (!profile) {
        FUZZ_CHECK(!error.isEmpty(), bytes);
        return 0;
    }

    const Profile &p = *profile;
    FUZZ_CHECK(p.offlineThreshold >= p.degradedThreshold, bytes);
    QSet<QString> ids;
    for (const ProfileServer &s : p.servers) {
        FUZZ_CHECK(!s.id.isEmpty() && !ids.contains(s.id), bytes);
        ids.insert(s.id);
        FUZZ_CHECK(s.url.isValid(), bytes);
        FUZZ_CHECK(s.url.scheme() == QLatin1String("http")
                       || s.url.scheme() == QLatin1String("https"),
                   bytes);
        FUZZ_CHECK(s.tokenRef.isEmpty() || Profile::isTokenReference(s.tokenRef), bytes);
        FUZZ_CHECK(s.weight >= 1 && s.timeoutMs >= 1 && s.maxConcurrent >= 0, bytes);
        FUZZ_CHECK(!s.extra.contains(QStringLiteral("id"))
                       && !s.extra.contains(QStringLiteral("url")),
                   bytes);
    }

    // Save and load again: the same profile.
    const QJsonObject saved = p.toJson();
    const std::optional<Profile> reloaded = Profile::fromJson(saved, &error);
    FUZZ_CHECK(reloaded.has_value(),
               "input:  " + bytes + "\nsaved:  " + text(saved) + "\nerror:  " + error.toUtf8());
    const QJsonObject savedAgain = reloaded->toJson();
    FUZZ_CHECK(savedAgain == saved,
               "input:  " + bytes + "\nsaved:  " + text(saved) + "\nagain:  " + text(savedAgain));
    FUZZ_CHECK(reloaded->servers.size() == p.servers.size(), text(saved));

    // The same through the bytes save() writes.
    const QByteArray file = QJsonDocument(saved).toJson(QJsonDocument::Indented);
    const QJsonDocument fileDoc = QJsonDocument::fromJson(file, &parseError);
    FUZZ_CHECK(parseError.error == QJsonParseError::NoError && fileDoc.isObject(), file);
    const std::optional<Profile> fromFile = Profile::fromJson(fileDoc.object(), &error);
    FUZZ_CHECK(fromFile.has_value(), file + "\nerror:  " + error.toUtf8());
    FUZZ_CHECK(fromFile->toJson() == saved, file + "\nagain:  " + text(fromFile->toJson()));
    return 0;
}
