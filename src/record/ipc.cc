// IPC canonicalisation (spec/record-format.md, "IPC symbols arrive in three spellings" and
// "An IPC symbol is read only as ...", edition suffix included).
#include "hvpat/record/ipc.h"

#include "hvpat/base/ascii.h"

namespace hvpat::record {
namespace {

using base::AllAsciiDigits;
using base::IsAsciiDigit;

uint32_t ToNumber(std::string_view digits) {
  uint32_t n = 0;
  for (char c : digits) n = n * 10 + static_cast<uint32_t>(c - '0');
  return n;
}

constexpr std::string_view kFullWidthOpen = "\xEF\xBC\x88";   // U+FF08 （
constexpr std::string_view kFullWidthClose = "\xEF\xBC\x89";  // U+FF09 ）

// Removes `tail` from the end of `text` when it is there.
bool DropSuffix(std::string_view& text, std::string_view tail) {
  if (!text.ends_with(tail)) return false;
  text.remove_suffix(tail.size());
  return true;
}

// The symbol before an edition suffix: any ASCII spaces, `(` or `（`, four digits, `.`,
// two digits, `)` or `）`, at most one of `I` or `N`. `text` unchanged when it has none.
std::string_view WithoutEdition(std::string_view text) {
  std::string_view rest = text;
  if (rest.ends_with('I') || rest.ends_with('N')) rest.remove_suffix(1);
  if (!DropSuffix(rest, ")") && !DropSuffix(rest, kFullWidthClose)) return text;
  if (rest.size() < 7) return text;
  std::string_view edition = rest.substr(rest.size() - 7);  // YYYY.MM
  if (!AllAsciiDigits(edition.substr(0, 4)) || edition[4] != '.' || !AllAsciiDigits(edition.substr(5))) return text;
  rest.remove_suffix(7);
  if (!DropSuffix(rest, "(") && !DropSuffix(rest, kFullWidthOpen)) return text;
  while (rest.ends_with(' ')) rest.remove_suffix(1);
  return rest;
}

// The symbol alone, in one of the three spellings.
std::optional<IpcSymbol> ReadBareIpc(std::string_view text) {
  if (text.size() < 4 || !IsSubclass(text.substr(0, 4))) return std::nullopt;
  std::string_view subclass = text.substr(0, 4);
  std::string_view rest = text.substr(4);
  // The 14-character fixed form: 4 digits main group, 6 digits subgroup.
  if (text.size() == 14 && AllAsciiDigits(rest)) {
    return IpcSymbol{std::string(subclass), ToNumber(rest.substr(0, 4)), TrimSubgroup(rest.substr(4))};
  }
  if (!rest.empty() && rest.front() == ' ') rest.remove_prefix(1);
  auto slash = rest.find('/');
  if (slash == std::string_view::npos) return std::nullopt;
  std::string_view main = rest.substr(0, slash);
  std::string_view sub = rest.substr(slash + 1);
  if (main.empty() || main.size() > 4 || !AllAsciiDigits(main)) return std::nullopt;
  if (sub.size() < 2 || sub.size() > 6 || !AllAsciiDigits(sub)) return std::nullopt;
  return IpcSymbol{std::string(subclass), ToNumber(main), TrimSubgroup(sub)};
}

}  // namespace

bool IsSubclass(std::string_view s) {
  return s.size() == 4 && s[0] >= 'A' && s[0] <= 'H' && IsAsciiDigit(s[1]) && IsAsciiDigit(s[2]) && s[3] >= 'A' &&
         s[3] <= 'Z';
}

std::string TrimSubgroup(std::string_view digits) {
  size_t keep = digits.size();
  while (keep > 2 && digits[keep - 1] == '0') --keep;
  return std::string(digits.substr(0, keep));
}

std::string IpcSymbol::Canonical() const { return subclass + std::to_string(main_group) + "/" + subgroup; }

std::optional<IpcSymbol> ReadIpc(std::string_view text) { return ReadBareIpc(WithoutEdition(text)); }

bool IsCanonicalIpc(std::string_view text) {
  if (text.size() < 8 || !IsSubclass(text.substr(0, 4))) return false;
  const size_t slash = text.find('/', 4);
  if (slash == std::string_view::npos) return false;
  std::string_view main = text.substr(4, slash - 4);
  std::string_view sub = text.substr(slash + 1);
  if (main.empty() || main.size() > 4 || !AllAsciiDigits(main) || (main.size() > 1 && main[0] == '0')) return false;
  return sub.size() >= 2 && sub.size() <= 6 && AllAsciiDigits(sub) && (sub.size() == 2 || sub.back() != '0');
}

std::string CanonicalIpc(std::string_view text) {
  auto symbol = ReadIpc(text);
  return symbol ? symbol->Canonical() : std::string(text);
}

}  // namespace hvpat::record
