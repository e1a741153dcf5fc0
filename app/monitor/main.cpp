#include <QApplication>
#include <QLabel>

// The desktop monitor arrives with the GUI issue; until then it says so.
int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QLabel label(QObject::tr("MCP Pool Monitor: the desktop window is not built yet.\n"
                             "Use mcp-poolctl for now."));
    label.setMargin(24);
    label.show();
    return app.exec();
}
