// IPC canonicalisation (spec/record-format.md, "IPC symbols arrive in three spellings").
#include "hvpat/record/ipc.h"

namespace hvpat::record {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool AllDigits(std::string_view s) {
  for (char c : s) {
    if (!IsDigit(c)) return false;
  }
  return true;
}

uint32_t ToNumber(std::string_view digits) {
  uint32_t n = 0;
  for (char c : digits) n = n * 10 + static_cast<uint32_t>(c - '0');
  return n;
}

}  // namespace

bool IsSubclass(std::string_view s) {
  return s.size() == 4 && s[0] >= 'A' && s[0] <= 'H' && IsDigit(s[1]) && IsDigit(s[2]) &&
         s[3] >= 'A' && s[3] <= 'Z';
}

std::string TrimSubgroup(std::string_view digits) {
  size_t keep = digits.size();
  while (keep > 2 && digits[keep - 1] == '0') --keep;
  return std::string(digits.substr(0, keep));
}

std::string IpcSymbol::Canonical() const {
  return subclass + std::to_string(main_group) + "/" + subgroup;
}

std::optional<IpcSymbol> ReadIpc(std::string_view text) {
  if (text.size() < 4 || !IsSubclass(text.substr(0, 4))) return std::nullopt;
  std::string_view subclass = text.substr(0, 4);
  std::string_view rest = text.substr(4);
  // The 14-character fixed form: 4 digits main group, 6 digits subgroup.
  if (text.size() == 14 && AllDigits(rest)) {
    return IpcSymbol{std::string(subclass), ToNumber(rest.substr(0, 4)), TrimSubgroup(rest.substr(4))};
  }
  if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  auto slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view main = rest.substr(0, slash);
  std::string_view sub = rest.substr(slash + 1);
  if (main.empty() || main.size() > 4 || !AllDigits(main)) return std::nullopt;
  if (sub.size() < 2 || sub.size() > 6 || !AllDigits(sub)) return std::nullopt;
  return IpcSymbol{std::string(subclass), ToNumber(main), TrimSubgroup(sub)};
}

std::string CanonicalIpc(std::string_view text) {
  auto symbol = ReadIpc(text);
  return symbol ? symbol->Canonical() : std::string(text);
}

}  // namespace hvpat::record
