#include "analyzers/packages/inventory.h"

#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "analyzers/packages/package_analyzer.h"
#include "catalog/encode.h"

namespace customs {
namespace {

// The package analyzer's records of every layer, decoded on first use.
class CatalogRecords {
 public:
  explicit CatalogRecords(const std::vector<LayerResult>& layers) : by_layer_(layers.size()) {
    for (size_t i = 0; i < layers.size(); ++i)
      for (const auto& r : layers[i].records)
        if (r.analyzer == kPackageAnalyzer && r.kind == kCatalogRecordKind) by_layer_[i].emplace(r.path, &r);
  }

  // Every (layer, path) that has a record.
  template <typename Fn>
  void for_each(Fn&& fn) const {
    for (size_t i = 0; i < by_layer_.size(); ++i)
      for (const auto& [path, record] : by_layer_[i]) fn(i, path);
  }

  // The decoded result of `path` in `layer`, or nullptr (no record, or a damaged one).
  const CatalogResult* get(size_t layer, const std::string& path) {
    auto key = std::make_pair(layer, path);
    if (auto it = decoded_.find(key); it != decoded_.end()) return it->second ? &*it->second : nullptr;
    std::optional<CatalogResult> value;
    if (layer < by_layer_.size()) {
      auto it = by_layer_[layer].find(path);
      if (it != by_layer_[layer].end()) {
        auto r = decode_catalog_result(it->second->data);
        if (r.ok()) value = std::move(*r);
      }
    }
    auto& slot = decoded_[key] = std::move(value);
    return slot ? &*slot : nullptr;
  }

  // The package keys of `path` in `layer`.
  const std::set<std::string>& keys(size_t layer, const std::string& path) {
    auto k = std::make_pair(layer, path);
    if (auto it = keys_.find(k); it != keys_.end()) return it->second;
    std::set<std::string> out;
    if (const CatalogResult* r = get(layer, path))
      for (const auto& p : r->packages) out.insert(package_key(p));
    return keys_[k] = std::move(out);
  }

 private:
  std::vector<std::unordered_map<std::string, const AnalyzerRecord*>> by_layer_;
  std::map<std::pair<size_t, std::string>, std::optional<CatalogResult>> decoded_;
  std::map<std::pair<size_t, std::string>, std::set<std::string>> keys_;
};

// The layer that introduced `key` at `path`, given that `layer` has it: the earliest layer of
// the unbroken run of versions of the file (no deletion in between) that all list the package.
size_t origin_layer(const LayeredView& view, CatalogRecords& records, const std::string& path, size_t layer,
                    const std::string& key) {
  const auto& events = view.history(path);
  size_t origin = layer;
  for (size_t i = events.size(); i-- > 0;) {
    const PathEvent& e = events[i];
    if (e.layer >= layer) continue;
    if (e.action == PathAction::kDeleted) break;
    if (records.keys(e.layer, path).count(key) == 0) break;
    origin = e.layer;
  }
  return origin;
}

struct Builder {
  const InventorySource& src;
  Diagnostics& diagnostics;
  CatalogRecords records;
  Inventory inv;
  std::vector<PackageFacts> facts;

  Builder(const InventorySource& s, Diagnostics& d) : src(s), diagnostics(d), records(s.layers) {}

  bool is_final(size_t layer, const std::string& path) const {
    const ViewNode* node = src.view.find(path);
    return node != nullptr && node->layer == layer && node->entry != nullptr &&
           node->entry->type == EntryType::kFile;
  }

  void place(Package& p, size_t layer) const {
    if (src.rootfs) return;
    p.layer_index = layer;
    if (layer < src.layers.size()) p.layer_digest = src.layers[layer].diff_id;
    if (layer < src.meta.layers.size()) p.layer_created_by = src.meta.layers[layer].created_by;
    p.in_base_image = layer < inv.base_layers;
  }

  void add_diagnostics(const CatalogResult& r, size_t layer) {
    for (const auto& d : r.diagnostics) {
      Location where = d.where;
      where.file = src.meta.reference;
      if (!src.rootfs) {
        where.layer_index = static_cast<int>(layer);
        where.layer_digest = layer < src.layers.size() ? src.layers[layer].diff_id : "";
      }
      diagnostics.add(d.level, d.code, d.message, where);
    }
  }

  void take_final(size_t layer, const std::string& path) {
    const CatalogResult* r = records.get(layer, path);
    if (r == nullptr) {
      Location where{src.meta.reference};
      where.path = path;
      diagnostics.warning("catalog.record", "a cached catalog record could not be read", where);
      return;
    }
    add_diagnostics(*r, layer);
    if (r->os && (!inv.os || r->os->priority > inv.os->priority)) inv.os = r->os;
    facts.insert(facts.end(), r->facts.begin(), r->facts.end());
    for (Package p : r->packages) {
      place(p, origin_layer(src.view, records, path, layer, package_key(p)));
      inv.packages.push_back(std::move(p));
    }
  }

  void take_removed(size_t layer, const std::string& path,
                    std::set<std::pair<std::string, std::string>>& seen,
                    const std::set<std::pair<std::string, std::string>>& final_keys) {
    const CatalogResult* r = records.get(layer, path);
    if (r == nullptr) return;
    for (Package p : r->packages) {
      auto id = std::make_pair(package_key(p), p.path);
      if (final_keys.count(id) != 0 || !seen.insert(id).second) continue;
      place(p, layer);
      inv.removed.push_back(std::move(p));
    }
  }

  void attach_facts() {
    std::multimap<std::pair<PackageType, std::string>, Package*> by_name;
    for (auto& p : inv.packages)
      if (is_os_package(p.type)) by_name.emplace(std::make_pair(p.type, p.name), &p);
    for (const auto& f : facts) {
      auto [lo, hi] = by_name.equal_range({f.type, f.package});
      for (auto it = lo; it != hi; ++it) {
        Package& p = *it->second;
        if (!f.arch.empty() && !p.arch.empty() && f.arch != p.arch && f.arch != "all" && p.arch != "all")
          continue;
        p.files.insert(p.files.end(), f.files.begin(), f.files.end());
        for (const auto& l : f.licenses)
          if (std::find(p.licenses.begin(), p.licenses.end(), l) == p.licenses.end()) p.licenses.push_back(l);
      }
    }
  }

  void run() {
    inv.target = src.meta.reference;
    inv.target_kind = src.rootfs ? "rootfs" : "image";
    inv.name = src.meta.name;
    inv.manifest_digest = src.meta.manifest_digest;
    inv.config_digest = src.meta.config_digest;
    if (!src.meta.config.os.empty())
      inv.architecture =
          Platform{src.meta.config.os, src.meta.config.architecture, src.meta.config.variant, ""}.to_string();
    inv.base_layers = src.rootfs ? 0 : guess_base_layers(src.meta);
    for (size_t i = 0; i < src.meta.layers.size(); ++i) {
      const LayerRef& l = src.meta.layers[i];
      inv.layers.push_back(InventoryLayer{i, i < src.layers.size() ? src.layers[i].diff_id : l.diff_id,
                                          l.blob_digest, l.created_by, i < inv.base_layers});
    }
    std::vector<std::pair<size_t, std::string>> removed_candidates;
    records.for_each([&](size_t layer, const std::string& path) {
      if (is_final(layer, path))
        take_final(layer, path);
      else
        removed_candidates.emplace_back(layer, path);
    });
    std::set<std::pair<std::string, std::string>> final_keys;
    for (const auto& p : inv.packages) final_keys.emplace(package_key(p), p.path);
    std::sort(removed_candidates.begin(), removed_candidates.end());
    std::set<std::pair<std::string, std::string>> seen;
    for (const auto& [layer, path] : removed_candidates) take_removed(layer, path, seen, final_keys);
    attach_facts();
    finish_inventory(inv, diagnostics);
  }
};

bool is_cmd_or_entrypoint(std::string_view created_by) {
  for (std::string_view word : {"CMD", "ENTRYPOINT"}) {
    size_t pos = created_by.find(word);
    while (pos != std::string_view::npos) {
      bool start = pos == 0 || created_by[pos - 1] == ' ' || created_by[pos - 1] == ')';
      bool end = pos + word.size() >= created_by.size() || created_by[pos + word.size()] == ' ' ||
                 created_by[pos + word.size()] == '[';
      if (start && end) return true;
      pos = created_by.find(word, pos + 1);
    }
  }
  return false;
}

}  // namespace

size_t guess_base_layers(const ImageMeta& meta) {
  const auto& history = meta.config.history;
  size_t i = history.size();
  while (i > 0 && history[i - 1].empty_layer) --i;  // the image's own trailing CMD, ENTRYPOINT ...
  for (; i > 0; --i) {
    const HistoryEntry& h = history[i - 1];
    if (!h.empty_layer || !is_cmd_or_entrypoint(h.created_by)) continue;
    size_t layers = 0;
    for (size_t j = 0; j + 1 < i; ++j)
      if (!history[j].empty_layer) ++layers;
    return std::min(layers, meta.layers.size());
  }
  return 0;
}

Inventory build_inventory(const InventorySource& source, Diagnostics& diagnostics) {
  Builder b(source, diagnostics);
  b.run();
  return std::move(b.inv);
}

}  // namespace customs
