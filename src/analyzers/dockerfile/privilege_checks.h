#pragma once
// The least-privilege check functions; their table (rules and ids) is in privilege.cc.
#include "analyzers/dockerfile/check.h"

namespace customs {

// privilege_user.cc: who the image runs as.
void check_no_user(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);     // DF020
void check_root_user(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);   // DF021
void check_sudo(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);        // DF022
void check_named_user(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF030

// privilege_modes.cc: file permissions.
void check_world_writable(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF023
void check_setuid(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);          // DF024

// privilege_host.cc: access to the build host and sensitive paths.
void check_insecure_security(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF025
void check_host_network(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);       // DF026
void check_runtime_socket(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);     // DF027
void check_sensitive_volume(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);   // DF028
void check_system_workdir(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);     // DF031

// privilege_ssh.cc: SSH servers.
void check_ssh_server(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF029

}  // namespace customs
