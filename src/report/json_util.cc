#include "report/json_util.h"

namespace customs {

ojson location_json(const Location& loc) {
  ojson j;
  j["file"] = loc.file;
  j["line"] = loc.line;
  j["column"] = loc.column;
  j["end_line"] = loc.end_line;
  j["end_column"] = loc.end_column;
  if (!loc.layer_digest.empty()) j["layer_digest"] = loc.layer_digest;
  if (loc.layer_index >= 0) j["layer_index"] = loc.layer_index;
  if (!loc.layer_created_by.empty()) j["layer_created_by"] = loc.layer_created_by;
  if (!loc.path.empty()) j["path"] = loc.path;
  return j;
}

ojson diagnostic_json(const Diagnostic& d) {
  ojson j;
  j["level"] = to_string(d.level);
  j["code"] = d.code;
  j["message"] = d.message;
  j["location"] = location_json(d.where);
  return j;
}

}  // namespace customs
