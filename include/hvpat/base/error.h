// The one exception type of hvpat: a failure that ends the run (spec/cli.md exit statuses).
#pragma once

#include <stdexcept>
#include <string>

namespace hvpat {

// What kind of failure ended the run; the CLI maps it to an exit status.
enum class ErrorKind {
  kUsage,  // bad command line: exit 2
  kInput,  // unreadable or corrupt input file: exit 3
  kRules,  // malformed rules file: exit 3
  kStore,  // database error, unknown patent: exit 3
};

// Thrown for errors that end the run; bad records are values (record::Rejection), never this.
class Error : public std::runtime_error {
 public:
  Error(ErrorKind kind, const std::string& message) : std::runtime_error(message), kind_(kind) {}
  ErrorKind kind() const { return kind_; }

 private:
  ErrorKind kind_;
};

}  // namespace hvpat
