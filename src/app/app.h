#pragma once
// The command-line application: command table, dispatch, exit codes (DESIGN.md):
// 0 clean, 1 findings at or above --fail-on, 2 usage error, 3 unreadable or invalid input.

namespace customs {

enum ExitCode { kExitClean = 0, kExitFindings = 1, kExitUsage = 2, kExitInvalidInput = 3 };

int run_app(int argc, char** argv);

}  // namespace customs
