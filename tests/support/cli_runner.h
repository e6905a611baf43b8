// Test support: run the CLI in-process and read its JSON answers.
#pragma once

#include <simdjson.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "hvpat/cli/cli.h"

namespace hvpat::testing {

struct CliResult {
  int status = -1;
  std::string out;
  std::string err;
};

inline CliResult RunCli(const std::vector<std::string>& args) {
  std::ostringstream out, err;
  CliResult result;
  result.status = cli::Run(args, out, err);
  result.out = out.str();
  result.err = err.str();
  return result;
}

// A JSON document kept alive with its parser.
class Json {
 public:
  explicit Json(const std::string& text) : padded_(text) {
    auto result = parser_.parse(padded_);
    error_ = result.error();
    if (!error_) root_ = result.value_unsafe();
  }
  bool ok() const { return !error_; }
  // Throw (a test failure naming the text) rather than read an unparsed document: a command
  // that failed and printed nothing must fail its test, not crash the test binary.
  simdjson::dom::element root() const {
    if (error_) {
      throw std::runtime_error(std::string("not a JSON document (") + simdjson::error_message(error_) + "): '" +
                               std::string(padded_.data(), std::min<size_t>(padded_.size(), 200)) + "'");
    }
    return root_;
  }
  simdjson::dom::element operator[](const char* key) const { return root()[key].value(); }

 private:
  simdjson::padded_string padded_;
  simdjson::dom::parser parser_;
  simdjson::dom::element root_;
  simdjson::error_code error_ = simdjson::SUCCESS;
};

// A fresh directory under the system temp dir, removed at scope exit.
class TempDir {
 public:
  TempDir() {
    std::random_device random;
    path_ = std::filesystem::temp_directory_path() / ("hvpat-test-" + std::to_string(random()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

}  // namespace hvpat::testing
