// libFuzzer target: layer scanning and merging. The bytes become a few synthetic layers of raw
// entries (names from a small vocabulary that includes whiteout markers, symlink targets with
// "..", "." and absolute paths); each layer goes through scan_layer, the stack through
// LayeredView, and every path ever written is resolved. Nothing may crash or hang, and the view
// must stay consistent with its history.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sources/image/layered_view.h"

namespace {

using namespace customs;

constexpr std::string_view kNames[] = {"a",           "b", "c", "etc", ".wh.a", ".wh.b", ".wh..wh..opq",
                                       ".wh..wh.plnk"};
constexpr std::string_view kTargetParts[] = {"a", "b", "..", ".", "", "etc", "c"};
constexpr EntryType kTypes[] = {EntryType::kFile, EntryType::kDirectory, EntryType::kSymlink,
                                EntryType::kHardlink, EntryType::kFifo};
constexpr size_t kMaxLayers = 6;
constexpr size_t kMaxEntries = 400;

class Bytes {
 public:
  Bytes(const uint8_t* data, size_t size) : data_(data), size_(size) {}
  bool empty() const { return pos_ >= size_; }
  uint8_t take() { return pos_ < size_ ? data_[pos_++] : 0; }

 private:
  const uint8_t* data_;
  size_t size_;
  size_t pos_ = 0;
};

std::string path_from(Bytes& in, size_t parts, std::string_view first_sep, const std::string_view* vocab,
                      size_t vocab_size) {
  std::string out(first_sep);
  for (size_t i = 0; i < parts; ++i) {
    if (i > 0) out += '/';
    out += vocab[in.take() % vocab_size];
  }
  return out;
}

class VectorReader : public EntryReader {
 public:
  explicit VectorReader(std::vector<FsEntry> entries) : entries_(std::move(entries)) {}
  Result<std::optional<FsEntry>> next() override {
    if (i_ >= entries_.size()) return std::optional<FsEntry>();
    left_ = entries_[i_].size;
    return std::optional<FsEntry>(entries_[i_++]);
  }
  Result<size_t> read(char* buf, size_t n) override {
    size_t k = static_cast<size_t>(std::min<uint64_t>(n, left_));
    std::fill_n(buf, k, 'x');
    left_ -= k;
    return k;
  }

 private:
  std::vector<FsEntry> entries_;
  size_t i_ = 0;
  uint64_t left_ = 0;
};

class SomeAnalyzer : public FileAnalyzer {
 public:
  std::string_view name() const override { return "some"; }
  int version() const override { return 1; }
  uint64_t wants(const FsEntry& e) const override { return e.path.size() % 3; }
  void analyze(const FsEntry& e, std::string_view content, bool truncated,
               std::vector<AnalyzerRecord>& out) const override {
    if (content.size() > wants(e)) __builtin_trap();
    out.push_back(AnalyzerRecord{"some", e.path, truncated ? "t" : "w", std::string(content)});
  }
};

bool normalized(const std::string& p) {
  if (p.empty()) return true;
  if (p.front() == '/' || p.back() == '/' || p.find("//") != std::string::npos) return false;
  size_t start = 0;
  while (start <= p.size()) {
    size_t end = std::min(p.find('/', start), p.size());
    std::string_view part(p.data() + start, end - start);
    if (part == "." || part == "..") return false;
    start = end + 1;
  }
  return true;
}

void check_view(const LayeredView& view, size_t layers) {
  for (const auto& [path, events] : view.all_history()) {
    if (events.empty()) __builtin_trap();
    for (size_t i = 0; i < events.size(); ++i) {
      if (events[i].layer >= layers) __builtin_trap();
      if (i > 0 && events[i].layer < events[i - 1].layer) __builtin_trap();
    }
    bool present = view.find(path) != nullptr;
    if (present == (events.back().action == PathAction::kDeleted)) __builtin_trap();
    auto r = view.resolve(path);
    if (r.ok() && !normalized(*r)) __builtin_trap();
  }
  view.for_each([&](const std::string& path, const ViewNode& node) {
    if (node.entry == nullptr || node.entry->path != path || node.layer >= layers) __builtin_trap();
    if (view.history(path).empty()) __builtin_trap();
  });
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  Bytes in(data, size);
  std::vector<std::vector<FsEntry>> raw(1);
  for (size_t n = 0; !in.empty() && n < kMaxEntries; ++n) {
    uint8_t op = in.take();
    if (op == 0xff) {
      if (raw.size() < kMaxLayers) raw.emplace_back();
      continue;
    }
    FsEntry e;
    e.type = kTypes[op % std::size(kTypes)];
    e.path = path_from(in, 1 + (op >> 4) % 4, "", kNames, std::size(kNames));
    e.size = e.type == EntryType::kFile ? in.take() % 8 : 0;
    if (e.type == EntryType::kSymlink)
      e.link_target =
          path_from(in, in.take() % 5, (op & 8) ? "/" : "", kTargetParts, std::size(kTargetParts));
    if (e.type == EntryType::kHardlink) e.link_target = path_from(in, 1, "", kNames, 4);
    raw.back().push_back(std::move(e));
  }
  SomeAnalyzer analyzer;
  std::vector<LayerResult> results;
  for (size_t i = 0; i < raw.size(); ++i) {
    VectorReader reader(std::move(raw[i]));
    auto r = scan_layer(reader, {&analyzer}, "layer " + std::to_string(i));
    if (!r.ok()) __builtin_trap();  // the entries are well-formed: the scan must succeed
    results.push_back(std::move(*r));
  }
  std::vector<const LayerResult*> pointers;
  for (const auto& r : results) pointers.push_back(&r);
  LayeredView view(pointers);
  check_view(view, results.size());
  for (const auto& r : results)
    for (const auto& e : r.entries) {
      auto resolved = view.resolve(e.path);
      if (resolved.ok() && !normalized(*resolved)) __builtin_trap();
    }
  return 0;
}
