// The ui library gets its models, widgets, dialogs and charts with the GUI issue.
// This translation unit keeps the target buildable until then.
namespace mcppm::ui {
int uiLibraryVersion()
{
    return 1;
}
} // namespace mcppm::ui
