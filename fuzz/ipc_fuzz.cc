// Fuzzes the IPC canonicaliser and the concordance's pattern reader: no crash, and the
// canonical form is a fixed point (reading it gives the same symbol, it is canonical),
// while a string that is no symbol is kept as written.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "hvpat/record/ipc.h"
#include "hvpat/rules/concordance.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace hvpat;
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  const auto symbol = record::ReadIpc(text);
  const std::string canonical = record::CanonicalIpc(text);
  if (!symbol) {
    if (canonical != text) __builtin_trap();
  } else {
    if (canonical != symbol->Canonical()) __builtin_trap();
    if (!record::IsCanonicalIpc(canonical)) __builtin_trap();
    if (record::ReadIpc(canonical) != symbol) __builtin_trap();
  }
  if (record::IsCanonicalIpc(canonical) != symbol.has_value()) __builtin_trap();
  if (auto pattern = rules::Pattern::Parse(text); pattern && symbol) (void)pattern->Matches(*symbol);
  return 0;
}
