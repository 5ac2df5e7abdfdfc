#include "app/output.h"

#include <algorithm>
#include <ostream>

#include "app/app.h"

namespace customs {

bool use_color(std::string_view format, std::string_view output_path, bool no_color_flag, const AppEnv& env) {
  return format == "table" && output_path.empty() && !no_color_flag && !env.no_color_env && env.stdout_is_tty;
}

Status write_output(std::string_view text, const std::string& output_path, AppEnv& env) {
  if (output_path.empty()) {
    env.out << text;
    env.out.flush();
    return ok_status();
  }
  return env.fs.write_file(output_path, text);
}

void drop_below(std::vector<Finding>& findings, Severity min) {
  findings.erase(
      std::remove_if(findings.begin(), findings.end(), [&](const Finding& f) { return f.severity < min; }),
      findings.end());
}

int exit_code_for(const std::vector<Finding>& findings, std::optional<Severity> fail_on, bool input_error) {
  if (input_error) return kExitInvalidInput;
  if (!fail_on) return kExitClean;
  bool failing = std::any_of(findings.begin(), findings.end(),
                             [&](const Finding& f) { return !f.suppressed && f.severity >= *fail_on; });
  return failing ? kExitFindings : kExitClean;
}

}  // namespace customs
