// mcp-pool-monitor: the desktop monitor. The pool runs in its own thread
// (PoolHost); the window gets batched snapshots from it.

#include "controllers/poolclient.h"
#include "widgets/mainwindow.h"

#include "host/poolhost.h"
#include "net/processhardening.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QIcon>
#include <QJsonObject>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QThread>
#include <QTimer>
#include <QTranslator>

using namespace mcppm;

int main(int argc, char *argv[])
{
    mcppm::ProcessHardening::disableCoreDumps(); // tokens in memory: no core dumps
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mcp-pool-monitor"));
    QApplication::setOrganizationName(QStringLiteral("mcp-pool-monitor"));
    QApplication::setApplicationDisplayName(QStringLiteral("MCP Pool Monitor"));
    QApplication::setApplicationVersion(QStringLiteral(MCPPM_VERSION));
    QGuiApplication::setDesktopFileName(QStringLiteral("mcp-pool-monitor"));
    QIcon icon;
    for (const char *size : {"16x16", "32x32", "64x64", "256x256"})
        icon.addFile(
            QStringLiteral(":/icons/%1/apps/mcp-pool-monitor.png").arg(QLatin1String(size)));
    QApplication::setWindowIcon(icon);

    // The language: the setting (Settings dialog), else the system's.
    const QString language = QSettings().value(QStringLiteral("monitor/language")).toString();
    const QLocale locale = language.isEmpty() ? QLocale::system() : QLocale(language);
    QTranslator appTranslator;
    // A language without a translation (or "C") gets the English plural forms
    // ("1 server", "2 servers"): the source texts say "server(s)".
    if (appTranslator.load(locale, QStringLiteral("mcp-pool-monitor"), QStringLiteral("_"),
                           QStringLiteral(":/i18n"))
        || appTranslator.load(QStringLiteral(":/i18n/mcp-pool-monitor_en.qm")))
        QApplication::installTranslator(&appTranslator);
    QTranslator qtTranslator; // Qt's own dialog buttons and such, when installed
    if (qtTranslator.load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
                          QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(&qtTranslator);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Watch and load-balance a fleet of MCP servers."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           QStringLiteral("Open this pool profile (JSON)."),
                                           QStringLiteral("FILE"));
    parser.addOption(profileOption);
    const QCommandLineOption loadOption(
        QStringLiteral("load"),
        QStringLiteral("Demo traffic: call TOOL (default echo) RATE times a second through the "
                       "pool, e.g. --load 20 or --load 20:echo."),
        QStringLiteral("RATE[:TOOL]"));
    parser.addOption(loadOption);
    parser.process(app);

    QThread coreThread;
    coreThread.setObjectName(QStringLiteral("pool"));
    auto *host = new PoolHost;
    host->moveToThread(&coreThread);
    QObject::connect(&coreThread, &QThread::finished, host, &QObject::deleteLater);
    coreThread.start();

    ui::MainWindow window(host);
    const QString path = parser.isSet(profileOption)
        ? parser.value(profileOption)
        : QSettings().value(QStringLiteral("lastProfile")).toString();
    if (path.isEmpty() || !window.loadProfileFile(path))
        window.openProfile(Profile{}, {});
    window.show();

    QTimer load;
    if (parser.isSet(loadOption)) {
        const QString spec = parser.value(loadOption);
        bool ok = false;
        const int rate = spec.section(QLatin1Char(':'), 0, 0).toInt(&ok);
        const QString tool = spec.section(QLatin1Char(':'), 1).isEmpty()
            ? QStringLiteral("echo")
            : spec.section(QLatin1Char(':'), 1);
        if (!ok || rate <= 0 || rate > 10000) {
            qCritical("mcp-pool-monitor: --load wants RATE[:TOOL] with RATE from 1 to 10000");
            return 2;
        }
        // Ten ticks a second, each with its share of the calls.
        quint64 next = 1ULL << 62; // request ids apart from the window's own
        ui::PoolClient *pool = window.poolClient();
        QObject::connect(&load, &QTimer::timeout, &load, [pool, rate, tool, &next]() {
            static int carry = 0;
            carry += rate;
            for (; carry >= 10; carry -= 10) {
                pool->callTool(next++, tool,
                               QJsonObject{{QStringLiteral("message"), QStringLiteral("load")}}, 0,
                               30000, {});
            }
        });
        load.start(100);
    }
    const int code = app.exec();
    load.stop();

    // End the sessions politely (bounded), then stop the thread.
    QEventLoop loop;
    QObject::connect(window.poolClient(), &ui::PoolClient::shutdownFinished, &loop,
                     &QEventLoop::quit);
    window.poolClient()->shutdown();
    QTimer::singleShot(3000, &loop, &QEventLoop::quit);
    loop.exec();
    coreThread.quit();
    coreThread.wait(5000);
    return code;
}
