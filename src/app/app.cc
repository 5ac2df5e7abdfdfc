#include "app/app.h"

namespace customs {

int run_app(int, char**) { return kExitUsage; }

}  // namespace customs
