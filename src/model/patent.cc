// Names of the enumerations as the spec spells them.
#include "hvpat/model/patent.h"

#include <algorithm>

namespace hvpat::model {
namespace {

constexpr std::array<std::string_view, 3> kTypeNames = {"invention", "utility_model", "design"};
constexpr std::array<std::string_view, 7> kStatusNames = {"valid",     "lapsed",   "expired", "invalidated",
                                                          "withdrawn", "rejected", "pending"};

template <typename Enum, size_t N>
std::optional<Enum> FindName(const std::array<std::string_view, N>& names, std::string_view name) {
  auto it = std::find(names.begin(), names.end(), name);
  if (it == names.end()) return std::nullopt;
  return static_cast<Enum>(it - names.begin());
}

}  // namespace

bool IsRegionCode(std::string_view text) {
  return text.size() == 6 && std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::optional<PatentType> PatentTypeFromName(std::string_view name) { return FindName<PatentType>(kTypeNames, name); }
std::optional<Status> StatusFromName(std::string_view name) { return FindName<Status>(kStatusNames, name); }
std::string_view PatentTypeName(PatentType type) { return kTypeNames[static_cast<int>(type)]; }
std::string_view StatusName(Status status) { return kStatusNames[static_cast<int>(status)]; }

std::vector<std::string> Verdict::TopIndustries() const {
  std::vector<std::string> top;
  for (const auto& code : industries) {
    top.push_back(code.substr(0, code.find('.')));
  }
  std::sort(top.begin(), top.end());
  top.erase(std::unique(top.begin(), top.end()), top.end());
  return top;
}

std::optional<size_t> Assessment::IndexOf(Date date) const {
  auto it = std::find(dates.begin(), dates.end(), date);
  if (it == dates.end()) return std::nullopt;
  return static_cast<size_t>(it - dates.begin());
}

}  // namespace hvpat::model
