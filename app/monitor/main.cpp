// mcp-pool-monitor: the desktop monitor. The pool runs in its own thread
// (PoolHost); the window gets batched snapshots from it.

#include "widgets/mainwindow.h"

#include "pool/poolhost.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QEventLoop>
#include <QSettings>
#include <QThread>
#include <QTimer>

using namespace mcppm;

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("mcp-pool-monitor"));
    QApplication::setOrganizationName(QStringLiteral("mcp-pool-monitor"));
    QApplication::setApplicationDisplayName(QStringLiteral("MCP Pool Monitor"));
    QApplication::setApplicationVersion(QStringLiteral(MCPPM_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Watch and load-balance a fleet of MCP servers."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profileOption(QStringLiteral("profile"),
                                           QStringLiteral("Open this pool profile (JSON)."),
                                           QStringLiteral("FILE"));
    parser.addOption(profileOption);
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
    const int code = app.exec();

    // End the sessions politely (bounded), then stop the thread.
    QEventLoop loop;
    QObject::connect(host, &PoolHost::shutdownFinished, &loop, &QEventLoop::quit);
    QMetaObject::invokeMethod(host, &PoolHost::shutdown);
    QTimer::singleShot(3000, &loop, &QEventLoop::quit);
    loop.exec();
    coreThread.quit();
    coreThread.wait(5000);
    return code;
}
