#pragma once
// A one-line progress bar on stderr for long work (image download and layer walk). It draws only
// when stderr is a terminal, at most 10 times a second, and clears its line when done, so logs
// and piped output never see it. Safe to update from several threads.
#include <atomic>
#include <chrono>
#include <cstdint>
#include <iosfwd>
#include <mutex>
#include <string>

namespace customs {

class ProgressBar {
 public:
  // `enabled` false: every call is a no-op.
  ProgressBar(std::ostream& err, bool enabled, std::string label, uint64_t total_bytes, size_t total_items);
  ~ProgressBar();

  // Once known (after the image is opened).
  void set_totals(uint64_t total_bytes, size_t total_items);
  void add_bytes(uint64_t n);
  void item_done();
  void finish();  // clears the line

  // The line as it would be drawn (for tests): "label [#####     ]  50%  1/2 layers  12.3 MB".
  std::string line() const;

 private:
  void maybe_draw();

  std::ostream& err_;
  std::atomic<bool> enabled_;
  std::string label_;
  std::atomic<uint64_t> total_bytes_;
  std::atomic<size_t> total_items_;
  std::atomic<uint64_t> bytes_{0};
  std::atomic<size_t> items_{0};
  std::mutex draw_mutex_;
  std::chrono::steady_clock::time_point last_draw_{};
  bool drawn_ = false;
};

}  // namespace customs
