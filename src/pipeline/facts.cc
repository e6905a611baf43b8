// Facts of a record and their byte form: varint-length id, fixed64 sequence, then the
// rest as varints and length-prefixed strings. A spill format inside one run, never
// persisted in a database.
#include "facts.h"

#include <algorithm>
#include <cstring>

#include "hvpat/base/bytes.h"
#include "hvpat/record/ipc.h"
#include "hvpat/rules/classify.h"

namespace hvpat::pipeline {
namespace {

using base::ByteReader;

void Varint(std::string& out, uint64_t v) { base::PutVarint(out, v); }
void String(std::string& out, std::string_view s) {
  Varint(out, s.size());
  out.append(s);
}
void Day(std::string& out, base::Date d) { Varint(out, static_cast<uint32_t>(d.days()) ^ 0x80000000u); }
base::Date Day(ByteReader& r) {
  return base::Date::FromDays(static_cast<int32_t>(static_cast<uint32_t>(r.Varint()) ^ 0x80000000u));
}

void AddHolders(const model::Patent& p, Facts& out) {
  for (const auto& h : p.holders) {
    if (std::find(out.holders.begin(), out.holders.end(), h.name) == out.holders.end()) out.holders.push_back(h.name);
  }
}

// spec/analytics.md, hvpat pledges: every dated pledge of a CN record with a domestic
// first holder, of any type and status, as its share amount / patents.
void AddPledges(const model::Patent& p, Facts& out) {
  if (!out.Has(Facts::kCnOffice) || !out.Has(Facts::kDomesticFirst)) return;
  for (const auto& pledge : p.pledges) {
    if (pledge.date) out.pledges.emplace_back(*pledge.date, pledge.amount / static_cast<double>(pledge.patents));
  }
  std::sort(out.pledges.begin(), out.pledges.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
}

}  // namespace

void MakeFacts(const model::Patent& p, const model::Assessment& a, std::span<const base::Date> dates,
               const rules::RuleSet& rules, uint64_t sequence, Facts& out) {
  out.Clear();
  out.id = p.id;
  out.sequence = sequence;
  if (p.office == "CN") out.flags |= Facts::kCnOffice;
  if (p.FirstHolderDomestic()) out.flags |= Facts::kDomesticFirst;
  if (rules::CanBeFamilyMember(p, rules.config)) {
    out.flags |= Facts::kMember;
    out.office = p.office;
    out.grant_date = *p.grant_date;
  }
  if (!p.family_id.empty()) out.flags |= Facts::kNeedsLinks;
  out.region = std::string(p.Region());
  // "000000" is the nation's line, never a patent's region (analytics.md).
  if (p.FirstHolderDomestic() && !out.region.empty() && (out.region == "000000" || !rules.regions.count(out.region))) {
    out.flags |= Facts::kUnknownRegion;
  }
  for (const auto& text : p.ipc) {
    // The parser stored each string canonical when it read it as a symbol: telling them
    // apart costs no second read unless ipc_editions.tsv asks for the symbol's groups.
    if (rules.later_ipc.empty()) {
      if (!record::IsCanonicalIpc(text) && out.unreadable_ipc++ == 0) out.unreadable_example = text;
      continue;
    }
    auto symbol = record::ReadIpc(text);
    if (!symbol) {
      if (out.unreadable_ipc++ == 0) out.unreadable_example = text;
      continue;
    }
    const rules::LaterIpc* later = rules::LaterIpcOf(rules, symbol->subclass, symbol->main_group);
    if (later && std::find(out.later_ipc.begin(), out.later_ipc.end(), later->code) == out.later_ipc.end()) {
      out.later_ipc.push_back(later->code);
    }
  }
  if (out.flags & (Facts::kMember | Facts::kNeedsLinks)) out.family_id = p.family_id;
  AddHolders(p, out);
  if (!a.verdicts.empty()) out.industries = a.verdicts.front().industries;
  AddPledges(p, out);
  for (size_t i = 0; i < dates.size(); ++i) {
    const model::Verdict& v = a.verdicts[i];
    Facts::AtDate at;
    at.flags = static_cast<uint8_t>((v.valid ? 1 : 0) | (v.high_value ? 2 : 0));
    for (int r = 0; r < model::kRuleCount; ++r) at.rules |= static_cast<uint8_t>(v.rules[r] ? 1 << r : 0);
    if (v.valid && !v.high_value) {
      auto k = rules::FirstMaintainedYear(p, dates[i], rules.config);
      if (k && *k <= 0xFFFF) at.outlook = static_cast<uint16_t>(*k);
    }
    out.dates.push_back(at);
  }
}

void EncodeFacts(const Facts& f, std::string& out) {
  String(out, f.id);
  base::PutFixed64(out, f.sequence);
  out.push_back(static_cast<char>(f.flags));
  String(out, f.region);
  String(out, f.family_id);
  String(out, f.office);
  Day(out, f.grant_date);
  Varint(out, f.holders.size());
  for (const auto& h : f.holders) String(out, h);
  Varint(out, f.industries.size());
  for (const auto& code : f.industries) String(out, code);
  Varint(out, f.pledges.size());
  for (const auto& [date, share] : f.pledges) {
    Day(out, date);
    uint64_t bits;
    std::memcpy(&bits, &share, 8);
    base::PutFixed64(out, bits);
  }
  Varint(out, f.dates.size());
  for (const auto& at : f.dates) {
    out.push_back(static_cast<char>(at.flags));
    out.push_back(static_cast<char>(at.rules));
    Varint(out, at.outlook);
  }
  Varint(out, f.unreadable_ipc);
  String(out, f.unreadable_example);
  Varint(out, f.later_ipc.size());
  for (const auto& code : f.later_ipc) String(out, code);
}

std::string_view FactsId(std::string_view bytes) {
  ByteReader r(bytes);
  size_t n = r.Varint();
  std::string_view id = r.Bytes(n);
  return r.ok() ? id : std::string_view();
}

uint64_t FactsSequence(std::string_view bytes) {
  ByteReader r(bytes);
  r.Bytes(r.Varint());
  return r.Fixed64();
}

uint8_t FactsFlags(std::string_view bytes) {
  ByteReader r(bytes);
  r.Bytes(r.Varint());
  r.Fixed64();
  return r.Byte();
}

bool DecodeFacts(std::string_view bytes, Facts& f) {
  ByteReader r(bytes);
  r.String(f.id);
  f.sequence = r.Fixed64();
  f.flags = r.Byte();
  r.String(f.region);
  r.String(f.family_id);
  r.String(f.office);
  f.grant_date = Day(r);
  f.holders.resize(r.Count());
  for (auto& h : f.holders) r.String(h);
  f.industries.resize(r.Count());
  for (auto& code : f.industries) r.String(code);
  f.pledges.resize(r.Count());
  for (auto& [date, share] : f.pledges) {
    date = Day(r);
    uint64_t bits = r.Fixed64();
    std::memcpy(&share, &bits, 8);
  }
  f.dates.resize(r.Count());
  for (auto& at : f.dates) {
    at.flags = r.Byte();
    at.rules = r.Byte();
    at.outlook = static_cast<uint16_t>(r.Varint());
  }
  f.unreadable_ipc = static_cast<uint32_t>(r.Varint());
  r.String(f.unreadable_example);
  f.later_ipc.resize(r.Count());
  for (auto& code : f.later_ipc) r.String(code);
  return r.done();
}

}  // namespace hvpat::pipeline
