/* kiosk-bundle: entry point of the operator's package tool (app/bundle_tool.h). */
#include "app/bundle_tool.h"

int main(int argc, char **argv)
{
    return bundle_tool_main(argc, argv);
}
