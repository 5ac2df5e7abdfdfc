#include "catalog/dpkg/deb822.h"

#include "core/strings.h"

namespace customs {
namespace {

bool is_blank_line(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t') return false;
  }
  return true;
}

bool is_field_name(std::string_view name) {
  if (name.empty() || name[0] == '-') return false;
  for (char c : name) {
    if (c <= ' ' || c == ':' || static_cast<unsigned char>(c) >= 0x7f) return false;
  }
  return true;
}

class Deb822Reader {
 public:
  Deb822Reader(std::string_view text, const std::function<void(const Deb822Paragraph&)>& visit,
               std::vector<Deb822Error>& errors)
      : text_(text), visit_(visit), errors_(errors) {}

  size_t run() {
    size_t pos = 0;
    int number = 0;
    while (pos < text_.size()) {
      size_t nl = text_.find('\n', pos);
      size_t end = nl == std::string_view::npos ? text_.size() : nl;
      std::string_view line = text_.substr(pos, end - pos);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      on_line(line, pos, ++number);
      pos = end + 1;
    }
    flush();
    return error_count_;
  }

 private:
  void on_line(std::string_view line, size_t offset, int number) {
    if (is_blank_line(line)) return flush();
    if (line[0] == '#') return;
    if (line[0] == ' ' || line[0] == '\t') {
      if (paragraph_.fields.empty()) return error(number, "continuation line before any field");
      Deb822Field& f = paragraph_.fields.back();
      size_t start = static_cast<size_t>(f.raw.data() - text_.data());
      f.raw = text_.substr(start, offset + line.size() - start);
      return;
    }
    size_t colon = line.find(':');
    std::string_view name = colon == std::string_view::npos ? std::string_view() : line.substr(0, colon);
    if (!is_field_name(name)) return error(number, "not a \"Name: value\" field");
    if (paragraph_.fields.empty()) paragraph_.line = number;
    std::string_view raw = line.substr(colon + 1);
    paragraph_.fields.push_back({name, trim(raw), raw, number});
  }

  void flush() {
    if (paragraph_.fields.empty()) return;
    visit_(paragraph_);
    paragraph_.fields.clear();
  }

  void error(int line, std::string message) {
    if (error_count_++ < kMaxDeb822Errors) errors_.push_back({line, std::move(message)});
  }

  std::string_view text_;
  const std::function<void(const Deb822Paragraph&)>& visit_;
  std::vector<Deb822Error>& errors_;
  Deb822Paragraph paragraph_;
  size_t error_count_ = 0;
};

}  // namespace

const Deb822Field* Deb822Paragraph::find(std::string_view name) const {
  for (const Deb822Field& f : fields) {
    if (iequals(f.name, name)) return &f;
  }
  return nullptr;
}

std::string_view Deb822Paragraph::value(std::string_view name) const {
  const Deb822Field* f = find(name);
  return f ? f->value : std::string_view();
}

size_t for_each_deb822_paragraph(std::string_view text,
                                 const std::function<void(const Deb822Paragraph&)>& visit,
                                 std::vector<Deb822Error>& errors) {
  return Deb822Reader(text, visit, errors).run();
}

}  // namespace customs
