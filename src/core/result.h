#pragma once
// Result<T>: a value or an Error. Every fallible call returns one; no exceptions cross modules.
#include <cassert>
#include <string>
#include <utility>
#include <variant>

#include "core/location.h"

namespace customs {

enum class ErrorKind {
  kInvalidInput,  // bytes we cannot parse (exit code 3)
  kNotFound,      // a file or object that is not there (exit code 3)
  kIo,            // read/write failure (exit code 3)
  kUsage,         // bad flags or arguments (exit code 2)
  kLimit,         // a size, depth or ratio bound was hit (exit code 3)
  kInternal,      // a bug in customs
};

struct Error {
  ErrorKind kind = ErrorKind::kInvalidInput;
  std::string message;
  Location where;

  // "file:line:col: message" when the location is known, else the message.
  std::string to_string() const;
};

inline Error make_error(ErrorKind kind, std::string message, Location where = {}) {
  return Error{kind, std::move(message), std::move(where)};
}

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}      // NOLINT(google-explicit-constructor)
  Result(Error error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & {
    assert(ok());
    return std::get<0>(v_);
  }
  const T& value() const& {
    assert(ok());
    return std::get<0>(v_);
  }
  T&& value() && {
    assert(ok());
    return std::get<0>(std::move(v_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const {
    assert(!ok());
    return std::get<1>(v_);
  }

 private:
  std::variant<T, Error> v_;
};

// Result<void> equivalent.
struct Ok {};
using Status = Result<Ok>;
inline Status ok_status() { return Ok{}; }

}  // namespace customs
