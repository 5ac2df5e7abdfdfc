// Structure checks about argument values: EXPOSE ports and COPY/ADD destinations.
#include <string>

#include "analyzers/dockerfile/structure_checks.h"
#include "core/strings.h"

namespace customs::structure {

namespace {

bool all_digits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// A port number 1-65535; -1 otherwise.
int port_number(std::string_view s) {
  if (!all_digits(s) || s.size() > 5) return -1;
  int n = std::stoi(std::string(s));
  return n >= 1 && n <= 65535 ? n : -1;
}

// Why an EXPOSE word is invalid; "" when it is valid ("80", "80/udp", "8000-8010/tcp").
std::string expose_problem(std::string_view v) {
  std::string_view port = v, proto;
  size_t slash = v.find('/');
  if (slash != std::string_view::npos) port = v.substr(0, slash), proto = v.substr(slash + 1);
  if (port.find(':') != std::string_view::npos)
    return "is a port mapping; EXPOSE takes the container port only (publish with docker run -p)";
  if (slash != std::string_view::npos && !iequals(proto, "tcp") && !iequals(proto, "udp") &&
      !iequals(proto, "sctp"))
    return "has protocol \"" + std::string(proto) + "\"; only tcp, udp and sctp exist";
  size_t dash = port.find('-');
  if (dash == std::string_view::npos)
    return port_number(port) > 0 ? "" : "is not a port number between 1 and 65535";
  int lo = port_number(port.substr(0, dash)), hi = port_number(port.substr(dash + 1));
  if (lo < 0 || hi < 0) return "is not a range of port numbers between 1 and 65535";
  return lo <= hi ? "" : "is a port range that ends before it starts";
}

// Destinations that name a directory even without a trailing '/'.
bool is_directory_dest(std::string_view d) {
  if (d.empty()) return false;
  if (d.back() == '/' || d.back() == '\\') return true;
  return d == "." || d == ".." || d.ends_with("/.") || d.ends_with("/..");
}

}  // namespace

void invalid_expose(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const Instruction& ins : ctx.df.instructions) {
    if (ins.kind != InstructionKind::kExpose) continue;
    for (const ArgWord& w : ins.words) {
      if (!w.expanded_all || contains(w.value, "$") || w.value.empty()) continue;
      std::string problem = expose_problem(w.value);
      if (problem.empty()) continue;
      out.report(rule, ctx.at(w.span), "EXPOSE " + w.value + " " + problem, "EXPOSE " + w.value);
    }
  }
}

void copy_dest_slash(const DockerfileContext& ctx, const Rule& rule, FindingSink& out) {
  for (const Instruction& ins : ctx.df.instructions) {
    if (ins.kind != InstructionKind::kCopy && ins.kind != InstructionKind::kAdd) continue;
    std::string kw = keyword_of(ins.kind);
    if (ins.json_form) {
      if (ins.exec.size() < 3 || is_directory_dest(ins.exec.back())) continue;
      out.report(rule, ctx.at(ins),
                 kw + " has " + std::to_string(ins.exec.size() - 1) + " sources, so its destination \"" +
                     ins.exec.back() + "\" must end with '/'",
                 ins.exec.back());
      continue;
    }
    if (ins.words.size() < 3) continue;
    const ArgWord& dest = ins.words.back();
    if (!dest.expanded_all || is_directory_dest(dest.value)) continue;
    Finding* f = out.report(rule, ctx.at(dest.span),
                            kw + " has " + std::to_string(ins.words.size() - 1) +
                                " sources, so its destination \"" + dest.value + "\" must end with '/'",
                            dest.value);
    if (f && dest.raw == dest.value && dest.span.begin.line == dest.span.end.line)
      f->fix_edits.push_back(
          TextEdit{dest.span.end.line, dest.span.end.column, dest.span.end.line, dest.span.end.column, "/"});
  }
}

}  // namespace customs::structure
