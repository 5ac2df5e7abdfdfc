#pragma once
// Scanning helper shared by the OS package comparators (apk, rpm).
#include <string_view>

namespace customs {

// Takes the longest prefix of `s` whose characters satisfy `pred` off `s` and returns it.
template <typename Pred>
std::string_view take_while(std::string_view& s, Pred pred) {
  size_t n = 0;
  while (n < s.size() && pred(s[n])) ++n;
  std::string_view head = s.substr(0, n);
  s.remove_prefix(n);
  return head;
}

}  // namespace customs
