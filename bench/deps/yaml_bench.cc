// YAML: yaml-cpp (LoadAll, a tree whose every node has Mark()) vs libfyaml (a tree per document;
// and its event stream) on a 2 MB multi-document Kubernetes manifest set, keeping every document.
// rapidyaml is not packaged in Debian 12, so it is not measured.
// Each walk visits every node and reads the line/column of every node that has one. The digest
// covers documents, nodes, scalars and scalar bytes, so equal digests mean equal trees. Positions
// are reported apart (sums of the scalars' lines and columns): the libraries place quoted and block
// scalars differently (yaml-cpp at the quote or the "|", libfyaml at the first content byte).
// "located" counts the nodes (scalars, mappings, sequences) whose position the API gives.
#include <libfyaml.h>
#include <yaml-cpp/yaml.h>

#include <memory>

#include "common.h"

namespace {

using deps::Result;

constexpr int kMaxDepth = 256;

struct Stats {
  uint64_t docs = 0, nodes = 0, scalars = 0, scalar_bytes = 0, line_sum = 0, col_sum = 0, located = 0,
           errors = 0;
  void scalar(size_t bytes, int line, int col) {
    ++scalars, scalar_bytes += bytes;
    line_sum += static_cast<uint64_t>(line), col_sum += static_cast<uint64_t>(col);
  }
  Result result() const {
    Result r;
    for (uint64_t v : {docs, nodes, scalars, scalar_bytes, errors}) r.digest = deps::mix(r.digest, v);
    r.detail = "docs=" + std::to_string(docs) + " nodes=" + std::to_string(nodes) +
               " scalars=" + std::to_string(scalars) + " scalar_bytes=" + std::to_string(scalar_bytes) +
               " line_sum=" + std::to_string(line_sum) + " col_sum=" + std::to_string(col_sum) +
               " located=" + std::to_string(located) + " errors=" + std::to_string(errors);
    return r;
  }
};

const std::string& k8s() {
  static const std::string s = deps::read_file(deps::input_dir() + "/k8s.yaml");
  return s;
}

// ---------------------------------------------------------------- yaml-cpp

void walk(const YAML::Node& n, Stats& s, int depth) {
  if (depth > kMaxDepth) return;
  ++s.nodes;
  YAML::Mark m = n.Mark();
  if (m.line >= 0) ++s.located;
  switch (n.Type()) {
    case YAML::NodeType::Scalar: s.scalar(n.Scalar().size(), m.line, m.column); break;
    case YAML::NodeType::Sequence:
      for (const YAML::Node& c : n) walk(c, s, depth + 1);
      break;
    case YAML::NodeType::Map:
      for (const auto& kv : n) {
        walk(kv.first, s, depth + 1);
        walk(kv.second, s, depth + 1);
      }
      break;
    default: break;
  }
}

Result yaml_cpp() {
  Stats s;
  try {
    std::vector<YAML::Node> docs = YAML::LoadAll(k8s());
    for (const YAML::Node& d : docs) {
      ++s.docs;
      walk(d, s, 0);
    }
  } catch (const YAML::Exception&) {
    ++s.errors;
  }
  return s.result();
}

// ---------------------------------------------------------------- libfyaml tree

void walk(fy_node* n, Stats& s, int depth) {
  if (!n || depth > kMaxDepth) return;
  ++s.nodes;
  void* it = nullptr;
  switch (fy_node_get_type(n)) {
    case FYNT_SCALAR: {
      size_t len = 0;
      fy_node_get_scalar(n, &len);
      // 0.7.12 has no fy_node_get_start_mark(): only scalars (through their token) have a position.
      const fy_mark* m = fy_token_start_mark(fy_node_get_scalar_token(n));
      if (m) ++s.located;
      s.scalar(len, m ? m->line : -1, m ? m->column : -1);
      break;
    }
    case FYNT_SEQUENCE:
      while (fy_node* c = fy_node_sequence_iterate(n, &it)) walk(c, s, depth + 1);
      break;
    case FYNT_MAPPING:
      while (fy_node_pair* p = fy_node_mapping_iterate(n, &it)) {
        walk(fy_node_pair_key(p), s, depth + 1);
        walk(fy_node_pair_value(p), s, depth + 1);
      }
      break;
  }
}

Result libfyaml_tree() {
  Stats s;
  fy_parse_cfg cfg{};
  cfg.flags = FYPCF_QUIET;
  std::unique_ptr<fy_parser, decltype(&fy_parser_destroy)> p(fy_parser_create(&cfg), fy_parser_destroy);
  fy_parser_set_string(p.get(), k8s().data(), k8s().size());
  std::vector<fy_document*> docs;  // kept to the end, as yaml-cpp's LoadAll keeps them
  while (fy_document* d = fy_parse_load_document(p.get())) {
    docs.push_back(d);
    ++s.docs;
    walk(fy_document_root(d), s, 0);
  }
  if (fy_parser_get_stream_error(p.get())) ++s.errors;
  for (fy_document* d : docs) fy_parse_document_destroy(p.get(), d);
  return s.result();
}

// ---------------------------------------------------------------- libfyaml events

Result libfyaml_events() {
  Stats s;
  fy_parse_cfg cfg{};
  cfg.flags = FYPCF_QUIET;
  std::unique_ptr<fy_parser, decltype(&fy_parser_destroy)> p(fy_parser_create(&cfg), fy_parser_destroy);
  fy_parser_set_string(p.get(), k8s().data(), k8s().size());
  while (fy_event* e = fy_parser_parse(p.get())) {
    const fy_mark* m = fy_event_start_mark(e);
    switch (e->type) {
      case FYET_DOCUMENT_START: ++s.docs; break;
      case FYET_MAPPING_START:
      case FYET_SEQUENCE_START:
        ++s.nodes;
        if (m) ++s.located;
        break;
      case FYET_SCALAR: {
        size_t len = 0;
        fy_token_get_text(e->scalar.value, &len);
        ++s.nodes;
        if (m) ++s.located;
        s.scalar(len, m ? m->line : -1, m ? m->column : -1);
        break;
      }
      default: break;
    }
    fy_parser_event_free(p.get(), e);
  }
  if (fy_parser_get_stream_error(p.get())) ++s.errors;
  return s.result();
}

}  // namespace

int main(int argc, char** argv) {
  auto bytes = [] { return k8s().size(); };
  deps::add({"k8s/none", bytes, [] {
               return Result{k8s().size(), "bytes=" + std::to_string(k8s().size())};
             }});
  deps::add({"k8s/yaml_cpp", bytes, yaml_cpp});
  deps::add({"k8s/libfyaml_tree", bytes, libfyaml_tree});
  deps::add({"k8s/libfyaml_events", bytes, libfyaml_events});
  return deps::main(argc, argv);
}
