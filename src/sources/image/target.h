#pragma once
// What `customs image TARGET` names, worked out from the text and what is on disk.
#include <string>
#include <string_view>

#include "core/result.h"
#include "io/fs.h"

namespace customs {

// A registry reference, normalised like Docker does: "alpine:3.19" ->
// registry "registry-1.docker.io" (display "docker.io"), repository "library/alpine", tag "3.19".
struct RegistryRef {
  std::string registry;    // host[:port] to connect to
  std::string repository;  // "library/alpine"
  std::string tag;         // "" when a digest is given alone
  std::string digest;      // "sha256:..." or ""
  // "docker.io/library/alpine:3.19" (with "@digest" when pinned).
  std::string to_string() const;
};

// Parses host[:port]/repo[:tag][@digest] and Docker Hub short names. Invalid references
// (upper case repository, bad digest, empty parts) are kUsage errors saying what is wrong.
Result<RegistryRef> parse_registry_ref(std::string_view text);

enum class TargetKind { kDockerArchive, kOciLayout, kOciArchive, kRegistry, kRootfs };
std::string_view to_string(TargetKind k);

struct ImageTarget {
  TargetKind kind = TargetKind::kRegistry;
  std::string path;  // file or directory (local kinds)
  std::string tag;   // oci:DIR:TAG / oci-archive:FILE:TAG ("" = the only image)
  RegistryRef ref;   // kRegistry
  std::string text;  // as given
};

// Transport prefixes as skopeo writes them are honoured: "docker-archive:FILE[:NAME]",
// "oci:DIR[:TAG]", "oci-archive:FILE[:TAG]", "docker://REF", "dir:" is refused. Without a prefix:
// an existing directory with index.json/oci-layout is an OCI layout, any other directory a
// root file system; an existing file is a docker-archive when it holds manifest.json, an
// oci-archive when it holds index.json (decided by reading the archive's headers); otherwise
// the text is a registry reference. `rootfs` forces a root file system directory.
Result<ImageTarget> resolve_target(std::string_view text, const FsView& fs, bool rootfs);

}  // namespace customs
