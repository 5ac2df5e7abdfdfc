#include "app/progress.h"

#include <algorithm>
#include <ostream>

#include "report/reporters.h"

namespace customs {

ProgressBar::ProgressBar(std::ostream& err, bool enabled, std::string label, uint64_t total_bytes,
                         size_t total_items)
    : err_(err),
      enabled_(enabled),
      label_(std::move(label)),
      total_bytes_(total_bytes),
      total_items_(total_items) {}

ProgressBar::~ProgressBar() { finish(); }

void ProgressBar::set_totals(uint64_t total_bytes, size_t total_items) {
  total_bytes_ = total_bytes;
  total_items_ = total_items;
}

void ProgressBar::add_bytes(uint64_t n) {
  if (!enabled_) return;
  bytes_ += n;
  maybe_draw();
}

void ProgressBar::item_done() {
  if (!enabled_) return;
  ++items_;
  maybe_draw();
}

std::string ProgressBar::line() const {
  constexpr int kWidth = 24;
  uint64_t bytes = bytes_.load();
  size_t items = items_.load();
  uint64_t total_bytes = total_bytes_.load();
  size_t total_items = total_items_.load();
  double fraction = total_bytes > 0   ? static_cast<double>(bytes) / static_cast<double>(total_bytes)
                    : total_items > 0 ? static_cast<double>(items) / static_cast<double>(total_items)
                                      : 0.0;
  fraction = std::clamp(fraction, 0.0, 1.0);
  int filled = static_cast<int>(fraction * kWidth);
  std::string bar = label_ + " [" + std::string(filled, '#') + std::string(kWidth - filled, ' ') + "] ";
  std::string percent = std::to_string(static_cast<int>(fraction * 100)) + "%";
  bar += std::string(4 - std::min<size_t>(4, percent.size()), ' ') + percent;
  bar += "  " + std::to_string(items) + "/" + std::to_string(total_items) + " layers  " + human_size(bytes);
  return bar;
}

void ProgressBar::maybe_draw() {
  std::lock_guard<std::mutex> lock(draw_mutex_);
  auto now = std::chrono::steady_clock::now();
  bool last = items_.load() == total_items_.load();
  if (!last && drawn_ && now - last_draw_ < std::chrono::milliseconds(100)) return;
  last_draw_ = now;
  drawn_ = true;
  err_ << "\r\x1b[2K" << line() << std::flush;
}

void ProgressBar::finish() {
  if (!enabled_) return;
  std::lock_guard<std::mutex> lock(draw_mutex_);
  if (drawn_) err_ << "\r\x1b[2K" << std::flush;
  drawn_ = false;
  enabled_ = false;
}

}  // namespace customs
