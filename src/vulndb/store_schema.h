#pragma once
// The database schema as an ordered list of migrations: migration N takes a database at schema
// N-1 to N. A new database runs them all; an older one runs those it lacks, in one transaction.
#include <span>

namespace customs {

struct Migration {
  int to_version;
  const char* sql;
};

std::span<const Migration> schema_migrations();

}  // namespace customs
