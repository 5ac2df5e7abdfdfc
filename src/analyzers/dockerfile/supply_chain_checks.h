#pragma once
// The supply-chain check functions; their table (rules and ids) is in supply_chain.cc.
#include <vector>

#include "analyzers/dockerfile/check.h"

namespace customs {

// supply_chain_image.cc: base images and images named by COPY --from / RUN --mount=from.
void check_base_untagged(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);     // DF001
void check_base_latest(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);       // DF002
void check_base_digest(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);       // DF003
void check_trusted_registry(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF004
void check_whole_fs_copy(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);     // DF011
void check_fixed_platform(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);    // DF012

// supply_chain_add.cc: ADD.
void check_add_unverified(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF005
void check_add_for_copy(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);    // DF006

// supply_chain_shell.cc: what RUN downloads and installs.
// A download written to stdout and piped into an interpreter that runs it ("curl -fsSL x | sh"):
// the two commands (pointers into the script). Shared with the image history check IM013.
struct PipedDownload {
  const ShellCommand* download;
  const ShellCommand* interpreter;
};
std::vector<PipedDownload> piped_downloads(const ShellScript& script);
void check_pipe_to_shell(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);    // DF007
void check_extra_index_url(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF010

// supply_chain_packages.cc: version pins of installed packages.
void check_unpinned_lang_packages(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF013
void check_unpinned_os_packages(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);    // DF014

// supply_chain_tls.cc: transport and signature verification.
void check_tls_disabled(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);         // DF008
void check_signatures_disabled(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF009
void check_plain_http(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);           // DF015

}  // namespace customs
