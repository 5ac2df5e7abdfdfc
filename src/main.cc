// customs: thin entry point. Parsing, dispatch and exit codes live in app/.
#include "app/app.h"

int main(int argc, char** argv) { return customs::run_app(argc, argv); }
