#include "model/shell.h"

namespace customs {

std::string ShellCommand::name() const {
  if (argv.empty()) return "";
  const std::string& v = argv[0].value;
  size_t slash = v.rfind('/');
  return slash == std::string::npos ? v : v.substr(slash + 1);
}

bool ShellCommand::has_flag(std::initializer_list<std::string_view> flags) const {
  for (size_t i = 1; i < argv.size(); ++i) {
    const std::string& w = argv[i].value;
    for (std::string_view f : flags) {
      if (w == f) return true;
      if (f.size() == 2 && f[0] == '-' && f[1] != '-' && w.size() > 2 && w[0] == '-' && w[1] != '-' &&
          w.find('=') == std::string::npos && w.find(f[1], 1) != std::string::npos)
        return true;
      if (f.size() > 2 && f.substr(0, 2) == "--" && w.size() > f.size() && w.compare(0, f.size(), f) == 0 &&
          w[f.size()] == '=')
        return true;
    }
  }
  return false;
}

std::string ShellCommand::subcommand() const {
  for (size_t i = 1; i < argv.size(); ++i) {
    if (!argv[i].value.empty() && argv[i].value[0] != '-') return argv[i].value;
  }
  return "";
}

}  // namespace customs
