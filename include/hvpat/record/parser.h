// One NDJSON line -> a Patent, or the reason it is invalid (spec/record-format.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "hvpat/model/patent.h"

namespace hvpat::record {

// An invalid line, as reported to the run's quarantine (LevelDB's Reporter idea: the
// parser reports, the pipeline decides what to do with it).
struct Rejection {
  size_t file_index = 0;
  uint64_t line = 0;
  std::string reason;
  std::string text;  // the start of the line
};
inline constexpr size_t kRejectedTextBytes = 1024;

struct ParseOptions {
  size_t max_line_bytes = 64ull << 20;  // longer lines are invalid (spec default 64 MiB)
};

// The reason given to a line longer than `max_line_bytes`.
std::string LongLineReason(size_t max_line_bytes);

// Parses lines with simdjson On-Demand, touching every byte so that the whole line is
// checked to be JSON. Holds a simdjson parser: one per thread, never shared.
class LineParser {
 public:
  explicit LineParser(ParseOptions options = {});
  ~LineParser();
  LineParser(LineParser&&) noexcept;
  LineParser& operator=(LineParser&&) noexcept;

  // REQUIRES: `line` (without its line end) is followed by at least io::kPadding
  // readable bytes. On success fills `out` (reusing its storage) and returns true; on
  // failure returns false and sets `reason`.
  [[nodiscard]] bool Parse(std::string_view line, model::Patent& out, std::string& reason);

  // For callers without padded storage (tests, tools): copies the line first.
  [[nodiscard]] bool ParseUnpadded(std::string_view line, model::Patent& out, std::string& reason);

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  ParseOptions options_;
};

}  // namespace hvpat::record
