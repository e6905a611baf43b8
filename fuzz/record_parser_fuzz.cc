// Fuzzes record::LineParser: one line -> Patent or a rejection, never a crash, a hang or
// an exception. Oracle: a line the parser accepts is JSON for simdjson's DOM parser too
// (except where the two differ by design: depth beyond the DOM's limit, numbers beyond
// 64 bits, lone surrogate escapes in ignored members), and an accepted record keeps the
// spec's invariants (non-empty id, at least one holder, patents >= 1).
#include <simdjson.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "hvpat/record/ipc.h"
#include "hvpat/record/parser.h"

namespace {

[[noreturn]] void Broken(const char* what) {
  std::fprintf(stderr, "record_parser_fuzz: %s\n", what);
  __builtin_trap();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static hvpat::record::LineParser parser(hvpat::record::ParseOptions{1 << 20});
  static simdjson::dom::parser dom;
  const std::string_view line(reinterpret_cast<const char*>(data), size);
  hvpat::model::Patent patent;
  std::string reason;
  const bool accepted = parser.ParseUnpadded(line, patent, reason);
  if (!accepted) {
    if (reason.empty()) Broken("a rejection without a reason");
    return 0;
  }
  if (patent.id.empty()) Broken("accepted an empty id");
  if (patent.holders.empty()) Broken("accepted no holders");
  for (const auto& pledge : patent.pledges) {
    if (pledge.patents < 1) Broken("accepted patents < 1");
  }
  for (const auto& ipc : patent.ipc) {
    // Stored canonical exactly when it reads as a symbol.
    if (hvpat::record::IsCanonicalIpc(ipc) != hvpat::record::ReadIpc(ipc).has_value()) Broken("ipc");
  }
  simdjson::padded_string padded(line);
  auto error = dom.parse(padded).error();
  if (error && error != simdjson::DEPTH_ERROR && error != simdjson::NUMBER_ERROR && error != simdjson::STRING_ERROR) {
    Broken("accepted a line simdjson's DOM parser refuses");
  }
  return 0;
}
