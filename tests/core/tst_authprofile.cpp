// The 2026-07-28 authorization settings of a profile's "oauth" object
// (core/profile): dpop, workload identity (file or command), the issuer a
// configured client ID belongs to and the registration's application_type,
// read, checked, written back and turned into OAuthSettings.

#include "profile/profile.h"

#include <QJsonArray>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace mcppm;

namespace {
std::optional<Profile> profileWith(const QJsonObject &oauth, QString *why)
{
    const QJsonObject server{{QStringLiteral("id"), QStringLiteral("a")},
                             {QStringLiteral("url"), QStringLiteral("https://mcp.example.com/mcp")},
                             {QStringLiteral("oauth"), oauth}};
    return Profile::fromJson(
        {{QStringLiteral("version"), 1}, {QStringLiteral("servers"), QJsonArray{server}}}, why);
}
} // namespace

class TestAuthProfile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void roundTripAndSettings()
    {
        const QJsonObject oauth{
            {QStringLiteral("clientId"), QStringLiteral("wl-client")},
            {QStringLiteral("clientIdIssuer"), QStringLiteral("https://as.example.com")},
            {QStringLiteral("grant"), QStringLiteral("workload_identity")},
            {QStringLiteral("dpop"), QStringLiteral("required")},
            {QStringLiteral("applicationType"), QStringLiteral("web")},
            {QStringLiteral("workloadTokenFile"), QStringLiteral("tokens/wl.jwt")}};
        QString why;
        const auto profile = profileWith(oauth, &why);
        QVERIFY2(profile, qPrintable(why));
        const ProfileOAuth &o = profile->servers.at(0).oauth;
        QCOMPARE(o.dpop, QStringLiteral("required"));
        QCOMPARE(o.workloadTokenFile, QStringLiteral("tokens/wl.jwt"));
        // Written back as given.
        QCOMPARE(profile->toJson()
                     .value(QStringLiteral("servers"))
                     .toArray()
                     .first()
                     .toObject()
                     .value(QStringLiteral("oauth"))
                     .toObject(),
                 oauth);

        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const auto settings = Profile::oauthFor(profile->servers.at(0), dir.path(), {}, &why);
        QVERIFY2(settings, qPrintable(why));
        QCOMPARE(settings->grant, OAuthSettings::Grant::WorkloadIdentity);
        QCOMPARE(settings->dpop, OAuthSettings::Dpop::Required);
        QCOMPARE(settings->clientIdIssuer, QStringLiteral("https://as.example.com"));
        QCOMPARE(settings->applicationType, QStringLiteral("web"));
        // Relative to the profile's directory, read later (for every token request).
        QCOMPARE(settings->workloadTokenFile, dir.filePath(QStringLiteral("tokens/wl.jwt")));
        QVERIFY(settings->workloadToken.isEmpty());

        // A command instead of a file; DPoP off; defaults stay defaults.
        const auto viaCommand = profileWith({{QStringLiteral("workloadTokenCommand"),
                                              QStringLiteral("gcloud auth print-identity-token")},
                                             {QStringLiteral("dpop"), QStringLiteral("off")}},
                                            &why);
        QVERIFY2(viaCommand, qPrintable(why));
        const auto s2 = Profile::oauthFor(viaCommand->servers.at(0), dir.path(), {}, &why);
        QVERIFY2(s2, qPrintable(why));
        QCOMPARE(s2->workloadTokenCommand, QStringLiteral("gcloud auth print-identity-token"));
        QCOMPARE(s2->dpop, OAuthSettings::Dpop::Off);
        QCOMPARE(s2->grant, OAuthSettings::Grant::Automatic);
        QVERIFY(s2->applicationType.isEmpty());
        const auto plain = profileWith({{QStringLiteral("clientId"), QStringLiteral("x")}}, &why);
        QVERIFY(plain);
        QCOMPARE(Profile::oauthFor(plain->servers.at(0), dir.path(), {}, &why)->dpop,
                 OAuthSettings::Dpop::Auto);
    }

    void badValues_data()
    {
        QTest::addColumn<QJsonObject>("oauth");
        QTest::addColumn<QString>("expected");
        QTest::newRow("dpop") << QJsonObject{{QStringLiteral("dpop"), QStringLiteral("yes")}}
                              << QStringLiteral("\"dpop\"");
        QTest::newRow("application type")
            << QJsonObject{{QStringLiteral("applicationType"), QStringLiteral("desktop")}}
            << QStringLiteral("applicationType");
        QTest::newRow("file and command")
            << QJsonObject{{QStringLiteral("workloadTokenFile"), QStringLiteral("a")},
                           {QStringLiteral("workloadTokenCommand"), QStringLiteral("b")}}
            << QStringLiteral("not both");
        QTest::newRow("workload grant without a source")
            << QJsonObject{{QStringLiteral("grant"), QStringLiteral("workload_identity")}}
            << QStringLiteral("needs");
        QTest::newRow("a token itself is no setting")
            << QJsonObject{{QStringLiteral("workloadToken"), QStringLiteral("eyJ.x.y")}}
            << QStringLiteral("unknown key");
        QTest::newRow("not a string")
            << QJsonObject{{QStringLiteral("dpop"), true}} << QStringLiteral("must be a string");
    }

    void badValues()
    {
        QFETCH(QJsonObject, oauth);
        QFETCH(QString, expected);
        QString why;
        QVERIFY(!profileWith(oauth, &why));
        QVERIFY2(why.contains(expected), qPrintable(why));
        QVERIFY(!why.contains(QStringLiteral("eyJ.x.y")));
    }
};

QTEST_GUILESS_MAIN(TestAuthProfile)
#include "tst_authprofile.moc"
