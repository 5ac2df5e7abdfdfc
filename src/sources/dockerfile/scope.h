#pragma once
// Variable scopes for ARG/ENV expansion, as BuildKit's dispatcher keeps them:
// - global ARGs (before the first FROM) and the predefined platform ARGs are visible in FROM lines;
// - inside a stage only the stage's own ARG and ENV, in order, ENV winning over ARG; a bare
//   "ARG NAME" re-declares a global ARG and takes its default;
// - a stage built FROM an earlier stage starts with that stage's ENV (not its ARGs).
#include <map>
#include <string>
#include <vector>

#include "model/dockerfile.h"
#include "sources/dockerfile/expand.h"

namespace customs::df {

struct VarValue {
  std::string value;
  bool known = true;  // false: declared without a value we know (ARG NAME, TARGETARCH, ...)
};

class ScopeTracker {
 public:
  ScopeTracker();

  // Lookups stay valid while the tracker lives; they read the scope current at call time.
  VarLookup global_lookup() const;
  VarLookup stage_lookup() const;

  void global_arg(const Instruction& arg);
  // Starts a new stage; `base_stage` is the earlier stage it builds on, or -1.
  void start_stage(int base_stage);
  void stage_arg(const Instruction& arg);
  void stage_env(const Instruction& env);

 private:
  struct Vars {
    std::map<std::string, VarValue, std::less<>> env;
    std::map<std::string, VarValue, std::less<>> args;
  };
  std::map<std::string, VarValue, std::less<>> global_;
  std::vector<Vars> stages_;
};

}  // namespace customs::df
