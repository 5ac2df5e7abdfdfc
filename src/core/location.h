#pragma once
// Where something is: a file position, and for image content a layer digest and a path inside it.
#include <string>

namespace customs {

struct Location {
  std::string file;              // path as the user gave it (or the image reference)
  int line = 0;                  // 1-based; 0 = unknown / whole file
  int column = 0;                // 1-based; 0 = unknown
  int end_line = 0;              // inclusive; 0 = same as line
  int end_column = 0;            // exclusive; 0 = unknown
  std::string layer_digest;      // image layers only
  int layer_index = -1;          // 0-based index of that layer (-1: not a layer location)
  std::string layer_created_by;  // the history command that made the layer
  std::string path;              // path inside an image layer or root file system

  // "file:line:col" (parts that are unknown are left out).
  std::string to_string() const;
};

}  // namespace customs
