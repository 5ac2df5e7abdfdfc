#pragma once
// The vulnerability block of the table report: one row per vulnerability in triage order, each
// with its severity and who decided it, the package and where it lives, the fix and the triage
// signals; then a count line.
#include <string>

#include "report/report.h"

namespace customs {

std::string vuln_table(const VulnSection& s, bool color, bool show_suppressed);

}  // namespace customs
