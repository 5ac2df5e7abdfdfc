// `customs scan [TARGET]`: works out what TARGET is and runs the command for it.
#include <ostream>

#include "app/app.h"
#include "app/commands.h"
#include "core/strings.h"

namespace customs {
namespace {

bool looks_like_dockerfile_name(std::string_view name) {
  std::string lower = to_lower(name);
  return lower.find("dockerfile") != std::string::npos || lower.find("containerfile") != std::string::npos;
}

// A directory that holds an operating system tree: etc/ plus usr/ or bin/.
bool looks_like_rootfs(const FsView& fs, const std::string& dir) {
  return fs.is_directory(path_join(dir, "etc")) &&
         (fs.is_directory(path_join(dir, "usr")) || fs.is_directory(path_join(dir, "bin")));
}

bool is_oci_layout(const FsView& fs, const std::string& dir) {
  return fs.exists(path_join(dir, "oci-layout")) || fs.exists(path_join(dir, "index.json"));
}

// The first word that is not an option (or an option's value) is the target. Which options take
// a value comes from the image command's own option table.
size_t target_index(const std::vector<std::string>& args) {
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i].empty() || args[i][0] != '-') return i;
    if (args[i].find('=') == std::string::npos && image_option_takes_value(args[i])) ++i;
  }
  return args.size();
}

}  // namespace

std::string scan_help() {
  return "Usage: customs scan [TARGET] [options]\n"
         "\n"
         "Inspects TARGET with the command that fits it:\n"
         "  a Dockerfile or Containerfile (any file whose name says so)  -> customs dockerfile\n"
         "  a directory holding etc/ and usr/ or bin/ (a root file system) -> customs image --rootfs\n"
         "  an OCI layout directory, an image archive, a registry reference -> customs image\n"
         "  any other directory (searched for Dockerfiles)                 -> customs dockerfile\n"
         "The default TARGET is the current directory. The options are those of the command\n"
         "chosen (see customs dockerfile --help and customs image --help).\n";
}

int run_scan_command(const std::vector<std::string>& args, AppEnv& env) {
  for (const auto& a : args)
    if (a == "-h" || a == "--help") {
      env.out << scan_help();
      return kExitClean;
    }
  std::vector<std::string> rest = args;
  size_t at = target_index(rest);
  if (at == rest.size()) rest.push_back(".");
  const std::string target = rest[at < rest.size() ? at : rest.size() - 1];
  auto info = env.fs.stat(target);
  if (info.ok() && info->type == FileType::kDirectory) {
    if (is_oci_layout(env.fs, target)) return run_image_command(rest, env);
    if (looks_like_rootfs(env.fs, target)) {
      rest.push_back("--rootfs");
      return run_image_command(rest, env);
    }
    return run_dockerfile_command(rest, env);
  }
  if (info.ok() && looks_like_dockerfile_name(path_basename(target)))
    return run_dockerfile_command(rest, env);
  return run_image_command(rest, env);
}

}  // namespace customs
