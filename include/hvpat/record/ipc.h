// IPC symbols: the three spellings of spec/record-format.md and the canonical form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hvpat::record {

// A symbol read field by field: subclass "G06F", main group 16, subgroup digits "27".
struct IpcSymbol {
  std::string subclass;  // [A-H][0-9]{2}[A-Z]
  uint32_t main_group = 0;
  std::string subgroup;  // at least two digits, no trailing zeros beyond two

  // "G06F16/27".
  std::string Canonical() const;
  friend bool operator==(const IpcSymbol&, const IpcSymbol&) = default;
};

// Reads `G06F 16/27`, `G06F16/27` or `G06F0016270000`, each optionally followed by the
// edition suffix (`G06F 16/27 (2019.01)`, `H01B7/18(2006.01)I`, `G01L3/00（2006.01）I`),
// which is dropped; nullopt for any other string (which is then kept as written and
// matches no pattern). The grammar is record-format.md's "An IPC symbol is read only as".
std::optional<IpcSymbol> ReadIpc(std::string_view text);

// Whether `text` is in canonical form ("G06F16/27"). The parser stores each ipc string
// as CanonicalIpc(string), so on a parsed Patent this tells the strings read as symbols
// from those kept as written: cheap (no allocation), for counting the latter.
bool IsCanonicalIpc(std::string_view text);

// The canonical spelling when `text` is a symbol, else `text` unchanged.
std::string CanonicalIpc(std::string_view text);

// Subgroup digits with trailing zeros beyond the first two removed ("270000" -> "27").
std::string TrimSubgroup(std::string_view digits);

bool IsSubclass(std::string_view text);

}  // namespace hvpat::record
