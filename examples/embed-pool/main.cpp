// embed-pool URL TOOL ARGS_JSON
//
// The smallest program that embeds the pool: one ServerPool with one server,
// one tool call through its queue, the text of the result on stdout.
// Exit status: 0 done, 1 the call failed (the error on stderr), 2 bad arguments.
#include "mcp/toolresult.h"
#include "pool/serverpool.h"

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QJsonDocument>
#include <QTextStream>
#include <QUrl>

using namespace mcppm;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QTextStream out(stdout);
    QTextStream err(stderr);

    const QStringList args = QCoreApplication::arguments();
    const QUrl url = args.size() == 4 ? QUrl(args.at(1), QUrl::StrictMode) : QUrl();
    const QJsonDocument arguments
        = args.size() == 4 ? QJsonDocument::fromJson(args.at(3).toUtf8()) : QJsonDocument();
    if (!url.isValid()
        || (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https"))
        || !arguments.isObject()) {
        err << "usage: embed-pool URL TOOL ARGS_JSON\n"
               "  e.g. embed-pool http://127.0.0.1:3001/mcp echo '{\"message\":\"hi\"}'\n";
        return 2;
    }

    // The pool runs on this thread's event loop; every change is a signal.
    ServerPool pool;
    pool.initialize();
    ServerOptions server;
    server.oauth = false; // no sign-in in this example: a 401 is an error
    QString why;
    if (!pool.addServer(QStringLiteral("server"), url, QString(), server, &why)) {
        err << "embed-pool: " << why << "\n";
        return 1;
    }

    // The call is queued at once; it runs when the server is connected and
    // has listed its tools. whenFinished() reports its end exactly once (the
    // pool's taskCompleted/taskFailed signals say the same for every task).
    PoolCallOptions call;
    call.timeoutMs = 30000; // the whole task: waiting, connecting, retries
    const TaskId id = pool.callTool(args.at(2), arguments.object(), call);

    int exitCode = 1;
    QFutureWatcher<Task> watcher;
    QObject::connect(&watcher, &QFutureWatcher<Task>::finished, &app, [&]() {
        const Task task = watcher.result();
        if (task.status != TaskStatus::Completed) {
            err << "embed-pool: " << task.error.toString() << "\n";
            for (const ServerRow &row : pool.serverRows()) // e.g. why it could not connect
                if (!row.lastError.isEmpty())
                    err << "embed-pool: " << row.id << " (" << row.status << "): " << row.lastError
                        << "\n";
        } else {
            const ToolResult result = ToolResult::fromJson(task.result);
            // isError: the tool ran and reported a failure (a result, not a transport error).
            (result.isError ? err : out) << result.text() << "\n";
            exitCode = result.isError ? 1 : 0;
        }
        pool.shutdown(); // ends the session; then shutdownFinished
    });
    QObject::connect(&pool, &ServerPool::shutdownFinished, &app, &QCoreApplication::quit);
    watcher.setFuture(pool.whenFinished(id));
    app.exec();
    return exitCode;
}
