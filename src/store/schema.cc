// Key and value encodings; the layout is documented in include/hvpat/store/schema.h.
#include "hvpat/store/schema.h"

#include <algorithm>
#include <charconv>
#include <cstring>

#include "hvpat/base/bytes.h"
#include "hvpat/base/region_levels.h"

namespace hvpat::store {
namespace {

constexpr uint8_t kPatentValueVersion = 2;

void PutBigEndian64(std::string& out, uint64_t v) {
  for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((v >> shift) & 0xFF));
}
using base::PutFixed64;
uint64_t GetFixed64(std::string_view in) { return base::ByteReader(in).Fixed64(); }

class Encoder {
 public:
  explicit Encoder(std::string& out) : out_(out) {}
  void Varint(uint64_t v) { base::PutVarint(out_, v); }
  void Byte(uint8_t b) { out_.push_back(static_cast<char>(b)); }
  void String(std::string_view s) {
    Varint(s.size());
    out_.append(s);
  }
  void Date(const base::Date& d) { Varint(static_cast<uint32_t>(d.days()) ^ 0x80000000u); }
  void OptionalDate(const std::optional<base::Date>& d) {
    Byte(d ? 1 : 0);
    if (d) Date(*d);
  }
  void Double(double v) {
    uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    PutFixed64(out_, bits);
  }

 private:
  std::string& out_;
};

// The value codec's reads: base::ByteReader plus dates and doubles.
class Decoder : public base::ByteReader {
 public:
  using ByteReader::ByteReader;
  base::Date Date() {
    return base::Date::FromDays(static_cast<int32_t>(static_cast<uint32_t>(Varint()) ^ 0x80000000u));
  }
  std::optional<base::Date> OptionalDate() {
    if (!Byte()) return std::nullopt;
    return Date();
  }
  double Double() {
    uint64_t bits = Fixed64();
    double v;
    std::memcpy(&v, &bits, sizeof v);
    return v;
  }
};

}  // namespace

std::string DateKey(base::Date date) { return std::to_string(date.ToNumber()); }
std::string NationalScope() { return "N"; }
std::string RegionScope(std::string_view code6) { return "R" + std::string(code6); }

std::vector<std::string> ScopesOf(std::string_view code) {
  std::vector<std::string> scopes{NationalScope()};
  if (code.size() != 6) return scopes;
  for (const std::string& candidate : {base::ProvinceOf(code), base::CityOf(code), std::string(code)}) {
    std::string scope = RegionScope(candidate);
    if (scopes.back() != scope) scopes.push_back(std::move(scope));
  }
  return scopes;
}

std::string CountsKey(base::Date date, std::string_view scope) { return "C" + DateKey(date) + std::string(scope); }
std::string RegionCountsPrefix(base::Date date) { return "C" + DateKey(date) + "R"; }

std::string EncodeCounts(const Counts& c) {
  std::string out;
  PutFixed64(out, c.valid);
  PutFixed64(out, c.high_value);
  for (uint64_t n : c.by_rule) PutFixed64(out, n);
  return out;
}

std::optional<Counts> DecodeCounts(std::string_view v) {
  if (v.size() != 8 * (2 + model::kRuleCount)) return std::nullopt;
  Counts c;
  c.valid = GetFixed64(v.substr(0));
  c.high_value = GetFixed64(v.substr(8));
  for (int r = 0; r < model::kRuleCount; ++r) c.by_rule[r] = GetFixed64(v.substr(16 + 8 * r));
  return c;
}

std::string EncodeFigure(uint64_t n) {
  std::string out;
  PutFixed64(out, n);
  return out;
}
std::optional<uint64_t> DecodeFigure(std::string_view value) {
  if (value.size() != 8) return std::nullopt;
  return GetFixed64(value);
}

std::string IndustryPrefix(base::Date date, std::string_view scope, bool detailed) {
  return "I" + DateKey(date) + std::string(scope) + (detailed ? "D" : "T");
}
std::string IndustryKey(base::Date date, std::string_view scope, bool detailed, std::string_view code) {
  return IndustryPrefix(date, scope, detailed) + std::string(code);
}

std::string OutlookPrefix(base::Date date, std::string_view scope) { return "O" + DateKey(date) + std::string(scope); }
std::string OutlookKey(base::Date date, std::string_view scope, int years) {
  std::string key = OutlookPrefix(date, scope);
  key.push_back(static_cast<char>((years >> 8) & 0xFF));
  key.push_back(static_cast<char>(years & 0xFF));
  return key;
}
std::optional<int> DecodeOutlookYears(std::string_view prefix, std::string_view key) {
  if (key.size() != prefix.size() + 2 || !key.starts_with(prefix)) return std::nullopt;
  return (static_cast<unsigned char>(key[prefix.size()]) << 8) | static_cast<unsigned char>(key[prefix.size() + 1]);
}

namespace {
constexpr std::string_view kNoDate = "00000000";
}  // namespace

std::string PledgePrefix(std::string_view scope) { return kPledgeTag + std::string(scope) + "/"; }
std::string PledgeKey(std::string_view scope, base::Date date, std::optional<base::Date> previous) {
  return PledgePrefix(scope) + DateKey(date) + (previous ? DateKey(*previous) : std::string(kNoDate));
}
std::optional<PledgeKeyParts> DecodePledgeKey(std::string_view prefix, std::string_view key) {
  if (key.size() != prefix.size() + 16 || !key.starts_with(prefix)) return std::nullopt;
  auto number = [](std::string_view digits) -> std::optional<int64_t> {
    int64_t n = 0;
    for (char c : digits) {
      if (c < '0' || c > '9') return std::nullopt;
      n = n * 10 + (c - '0');
    }
    return n;
  };
  auto date = number(key.substr(prefix.size(), 8));
  auto previous = number(key.substr(prefix.size() + 8, 8));
  if (!date || !previous) return std::nullopt;
  auto day = base::Date::FromNumber(*date);
  if (!day) return std::nullopt;
  PledgeKeyParts parts{*day, std::nullopt};
  if (*previous != 0) {
    parts.previous = base::Date::FromNumber(*previous);
    if (!parts.previous) return std::nullopt;
  }
  return parts;
}
std::string EncodePledgeTally(const PledgeTally& t) {
  std::string out;
  PutFixed64(out, t.pledges);
  PutFixed64(out, t.patents);
  Encoder(out).Double(t.amount_cny);
  return out;
}
std::optional<PledgeTally> DecodePledgeTally(std::string_view value) {
  if (value.size() != 24) return std::nullopt;
  PledgeTally t;
  t.pledges = GetFixed64(value);
  t.patents = GetFixed64(value.substr(8));
  Decoder d(value.substr(16));
  t.amount_cny = d.Double();
  return t;
}

namespace {
constexpr size_t kHolderValueBytes = 8 * (2 + model::kRuleCount);

std::optional<HolderFigures> DecodeHolderValue(std::string_view v) {
  if (v.size() != kHolderValueBytes) return std::nullopt;
  HolderFigures f;
  f.high_value = GetFixed64(v);
  f.valid = GetFixed64(v.substr(8));
  for (int r = 0; r < model::kRuleCount; ++r) f.by_rule[r] = GetFixed64(v.substr(16 + 8 * r));
  return f;
}
uint64_t FigureFor(const HolderFigures& f, uint8_t order) {
  return order == kRankByHighValue ? f.high_value : f.by_rule[order - 1];
}
}  // namespace

std::string HolderRankPrefix(base::Date date, std::string_view scope, uint8_t order) {
  std::string key = DateKey(date) + std::string(scope);
  key.push_back('\0');
  key.push_back(static_cast<char>(order));
  return key;
}

std::string HolderRankKey(base::Date date, std::string_view scope, uint8_t order, uint64_t figure,
                          std::string_view name) {
  std::string key = HolderRankPrefix(date, scope, order);
  PutBigEndian64(key, ~figure);
  key.append(name);
  return key;
}

std::string EncodeHolderValue(const HolderFigures& f) {
  std::string out;
  out.reserve(kHolderValueBytes);
  PutFixed64(out, f.high_value);
  PutFixed64(out, f.valid);
  for (uint64_t n : f.by_rule) PutFixed64(out, n);
  return out;
}

std::optional<std::string> AddHolderValues(std::string_view a, std::string_view b) {
  auto x = DecodeHolderValue(a), y = DecodeHolderValue(b);
  if (!x || !y) return std::nullopt;
  x->high_value += y->high_value;
  x->valid += y->valid;
  for (int r = 0; r < model::kRuleCount; ++r) x->by_rule[r] += y->by_rule[r];
  return EncodeHolderValue(*x);
}

std::optional<std::string> AddStagedValues(std::string_view key, std::string_view a, std::string_view b) {
  if (!key.starts_with(kPledgeTag)) return AddHolderValues(a, b);
  auto x = DecodePledgeTally(a), y = DecodePledgeTally(b);
  if (!x || !y) return std::nullopt;
  x->Add(*y);
  return EncodePledgeTally(*x);
}

std::string HolderTallyKey(base::Date date, std::string_view scope, std::string_view name) {
  std::string key = DateKey(date) + std::string(scope);
  key.push_back('\0');
  key.append(name);
  return key;
}

std::optional<HolderTally> DecodeHolderTally(std::string_view key, std::string_view value) {
  size_t zero = key.find('\0');
  auto figures = DecodeHolderValue(value);
  if (zero == std::string_view::npos || !figures) return std::nullopt;
  HolderTally tally{std::string(key.substr(0, zero)), std::move(*figures)};
  tally.figures.name.assign(key.substr(zero + 1));
  return tally;
}

std::string RankKeyOf(const HolderTally& tally, uint8_t order) {
  std::string key = tally.date_scope;
  key.push_back('\0');
  key.push_back(static_cast<char>(order));
  PutBigEndian64(key, ~FigureFor(tally.figures, order));
  key.append(tally.figures.name);
  return key;
}

std::optional<HolderFigures> DecodeHolderRank(std::string_view prefix, std::string_view key, std::string_view value) {
  if (key.size() < prefix.size() + 8 || !key.starts_with(prefix)) return std::nullopt;
  auto figures = DecodeHolderValue(value);
  if (!figures) return std::nullopt;
  figures->name.assign(key.substr(prefix.size() + 8));
  return figures;
}

std::string HolderPrefix(std::string_view holder) {
  std::string key(holder);
  key.push_back('\0');
  return key;
}

std::string HolderKey(std::string_view holder, std::string_view first_id) {
  return HolderPrefix(holder) + std::string(first_id);
}

void AppendHolderEntry(std::string& block, std::string_view id, std::string_view region) {
  Encoder e(block);
  e.String(id);
  e.String(region);
}

std::optional<std::vector<HolderEntry>> DecodeHolderBlock(std::string_view value) {
  std::vector<HolderEntry> entries;
  base::ByteReader in(value);
  while (in.ok() && !in.done()) {
    HolderEntry entry;
    entry.id = in.Bytes(in.Varint());
    entry.region = in.Bytes(in.Varint());
    if (in.ok() && entry.id.empty()) return std::nullopt;
    entries.push_back(entry);
  }
  if (!in.ok() || entries.empty()) return std::nullopt;
  return entries;
}

std::string RegionMetaKey(std::string_view code6) { return "region/" + std::string(code6); }

std::string EncodeRegionValue(const RegionValue& region) {
  std::string out = region.name + '\t' + (region.census ? std::to_string(*region.census) : "") + '\t';
  for (const auto& [year, persons] : region.yearly) {
    if (out.back() != '\t') out += ',';
    out += std::to_string(year) + ':' + std::to_string(persons);
  }
  return out;
}

std::optional<RegionValue> DecodeRegionValue(std::string_view bytes) {
  auto number = [](std::string_view text, int64_t& value) {
    const char* end = text.data() + text.size();
    auto [at, ec] = std::from_chars(text.data(), end, value);
    return ec == std::errc() && at == end;
  };
  const size_t tab = bytes.find('\t');
  const size_t tab2 = tab == std::string_view::npos ? tab : bytes.find('\t', tab + 1);
  if (tab2 == std::string_view::npos) return std::nullopt;
  RegionValue region;
  region.name = bytes.substr(0, tab);
  if (const auto census = bytes.substr(tab + 1, tab2 - tab - 1); !census.empty()) {
    int64_t persons = 0;
    if (!number(census, persons)) return std::nullopt;
    region.census = persons;
  }
  for (std::string_view rows = bytes.substr(tab2 + 1); !rows.empty();) {
    const size_t comma = std::min(rows.find(','), rows.size());
    const std::string_view row = rows.substr(0, comma);
    const size_t colon = row.find(':');
    int64_t year = 0, persons = 0;
    if (colon == std::string_view::npos || !number(row.substr(0, colon), year) ||
        !number(row.substr(colon + 1), persons)) {
      return std::nullopt;
    }
    region.yearly[static_cast<int>(year)] = persons;
    rows.remove_prefix(std::min(comma + 1, rows.size()));
  }
  return region;
}

std::string EncodePatent(const model::Patent& p, const model::Assessment& a) {
  std::string out;
  out.reserve(256);
  Encoder e(out);
  e.Byte(kPatentValueVersion);
  e.String(p.id);
  e.String(p.office);
  e.Byte(static_cast<uint8_t>(p.type));
  e.Date(p.filing_date);
  e.OptionalDate(p.grant_date);
  e.Byte(static_cast<uint8_t>(p.status));
  e.OptionalDate(p.status_date);
  e.Varint(p.ipc.size());
  for (const auto& s : p.ipc) e.String(s);
  e.Varint(p.holders.size());
  for (const auto& h : p.holders) {
    e.String(h.name);
    e.String(h.country);
    e.String(h.region);
  }
  e.String(p.family_id);
  e.Varint(p.family.size());
  for (const auto& m : p.family) {
    e.String(m.id);
    e.String(m.country);
    e.Byte(m.granted);
  }
  e.Varint(p.pledges.size());
  for (const auto& pl : p.pledges) {
    e.Double(pl.amount);
    e.Varint(static_cast<uint64_t>(pl.patents));
    e.OptionalDate(pl.date);
    e.OptionalDate(pl.released);
  }
  e.Varint(p.awards.size());
  for (const auto& a : p.awards) {
    e.String(a.award);
    e.String(a.level);
    e.Varint(static_cast<uint64_t>(a.year));
  }
  e.Varint(a.links.size());
  for (const auto& link : a.links) {
    e.String(link.id);
    e.String(link.country);
    e.Date(link.grant_date);
  }
  // What the dates share, once: enabled rules and industries.
  const model::Verdict none;
  const model::Verdict& first = a.verdicts.empty() ? none : a.verdicts.front();
  uint8_t enabled = 0;
  for (int r = 0; r < model::kRuleCount; ++r) enabled |= static_cast<uint8_t>(first.enabled[r] ? 1 << r : 0);
  e.Byte(enabled);
  e.Varint(first.industries.size());
  for (const auto& code : first.industries) e.String(code);
  e.Varint(a.dates.size());
  for (size_t i = 0; i < a.dates.size(); ++i) {
    const model::Verdict& v = a.verdicts[i];
    uint8_t rules = 0;
    for (int r = 0; r < model::kRuleCount; ++r) rules |= static_cast<uint8_t>(v.rules[r] ? 1 << r : 0);
    e.Date(a.dates[i]);
    e.Byte(static_cast<uint8_t>((v.valid ? 1 : 0) | (v.high_value ? 2 : 0)));
    e.Byte(rules);
  }
  return out;
}

bool DecodePatent(std::string_view bytes, model::Patent& p, model::Assessment& a) {
  Decoder d(bytes);
  if (d.Byte() != kPatentValueVersion) return false;
  d.String(p.id);
  d.String(p.office);
  p.type = static_cast<model::PatentType>(d.Byte());
  p.filing_date = d.Date();
  p.grant_date = d.OptionalDate();
  p.status = static_cast<model::Status>(d.Byte());
  p.status_date = d.OptionalDate();
  p.ipc.resize(d.Count());
  for (auto& s : p.ipc) d.String(s);
  p.holders.resize(d.Count());
  for (auto& h : p.holders) {
    d.String(h.name);
    d.String(h.country);
    d.String(h.region);
  }
  d.String(p.family_id);
  p.family.resize(d.Count());
  for (auto& m : p.family) {
    d.String(m.id);
    d.String(m.country);
    m.granted = d.Byte() != 0;
  }
  p.pledges.resize(d.Count());
  for (auto& pl : p.pledges) {
    pl.amount = d.Double();
    pl.patents = static_cast<int64_t>(d.Varint());
    pl.date = d.OptionalDate();
    pl.released = d.OptionalDate();
  }
  p.awards.resize(d.Count());
  for (auto& a : p.awards) {
    d.String(a.award);
    d.String(a.level);
    a.year = static_cast<int64_t>(d.Varint());
  }
  a.links.resize(d.Count());
  for (auto& link : a.links) {
    d.String(link.id);
    d.String(link.country);
    link.grant_date = d.Date();
  }
  model::Verdict shared;
  uint8_t enabled = d.Byte();
  for (int r = 0; r < model::kRuleCount; ++r) shared.enabled[r] = enabled & (1 << r);
  shared.industries.resize(d.Count());
  for (auto& code : shared.industries) d.String(code);
  size_t count = d.Count();
  a.dates.resize(count);
  a.verdicts.assign(count, shared);
  for (size_t i = 0; i < count; ++i) {
    a.dates[i] = d.Date();
    uint8_t flags = d.Byte(), rules = d.Byte();
    a.verdicts[i].valid = flags & 1;
    a.verdicts[i].high_value = flags & 2;
    for (int r = 0; r < model::kRuleCount; ++r) a.verdicts[i].rules[r] = rules & (1 << r);
  }
  return d.done();
}

}  // namespace hvpat::store
