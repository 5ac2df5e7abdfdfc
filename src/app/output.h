#pragma once
// Where the report goes, whether it is coloured, and the exit code it leads to.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/commands.h"
#include "core/result.h"
#include "findings/finding.h"

namespace customs {

// Colour only for the table format, written to a terminal (no --output), without --no-color and
// without NO_COLOR in the environment.
bool use_color(std::string_view format, std::string_view output_path, bool no_color_flag, const AppEnv& env);

// Writes `text` to `output_path` (through env.fs) when it is not empty, else to env.out.
Status write_output(std::string_view text, const std::string& output_path, AppEnv& env);

// Removes the findings below `min`.
void drop_below(std::vector<Finding>& findings, Severity min);

// 3 when some input could not be read or parsed (it wins over findings); 1 when an unsuppressed
// finding is at or above `fail_on`; else 0. A nullopt `fail_on` never fails on findings.
int exit_code_for(const std::vector<Finding>& findings, std::optional<Severity> fail_on, bool input_error);

}  // namespace customs
