// The five rules of spec/rules.md, one entry each: the decision at D and the evidence as
// a line and as JSON. The words of the JSON follow spec/cli.md (`show`, `evidence`).
#include "hvpat/rules/rule_table.h"

#include <algorithm>
#include <array>
#include <cstdio>

#include "hvpat/base/json.h"
#include "hvpat/record/ipc.h"

namespace hvpat::rules {
namespace {

using base::JsonNumber;
using base::JsonString;
using model::Evidence;
using model::Rule;

std::string OptionalDate(const std::optional<base::Date>& d) { return d ? JsonString(d->ToString()) : "null"; }
const char* Bool(bool b) { return b ? "true" : "false"; }
std::string Fixed(double value, int digits) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", digits, value);
  return buf;
}

using base::JsonArray;

// Items of a list as "; "-separated text, or `none`.
template <typename T, typename F>
std::string Joined(const std::vector<T>& items, F item, std::string_view none) {
  std::string out;
  for (const auto& it : items) out += (out.empty() ? "" : "; ") + item(it);
  return out.empty() ? std::string(none) : out;
}

// ---- sei: some IPC symbol falls under an included, not excluded, concordance pattern.

bool DecideSei(const RuleInput& in, Evidence* why) {
  if (why) {
    std::vector<uint32_t> rows;
    std::vector<Concordance::Match> matches;
    for (const auto& text : in.patent.ipc) {
      auto symbol = record::ReadIpc(text);
      if (!symbol) continue;
      matches.clear();
      in.rules.concordance.MatchSymbol(*symbol, rows, &matches);
      for (const auto& m : matches) {
        const ConcordanceRow& row = in.rules.concordance.row(m.row);
        why->sei.push_back({text, row.row_id, row.industry_code, row.include[m.pattern]});
      }
    }
  }
  return !in.industries.empty();
}
std::string SeiLine(const Evidence& e) {
  return Joined(
      e.sei,
      [](const Evidence::SeiMatch& m) {
        return m.symbol + " matches row " + m.row_id + " (industry " + m.industry_code + ") by " + m.pattern;
      },
      "no symbol matches the concordance");
}
std::string SeiJson(const Evidence& e) {
  return JsonArray(e.sei, [](const Evidence::SeiMatch& m) {
    return "{\"symbol\":" + JsonString(m.symbol) + ",\"row\":" + JsonString(m.row_id) +
           ",\"industry\":" + JsonString(m.industry_code) + ",\"pattern\":" + JsonString(m.pattern) + "}";
  });
}

// ---- overseas: a `family` member granted outside the domestic set, or a linked record
// of another office granted by D.

bool DecideOverseas(const RuleInput& in, Evidence* why) {
  const Config& config = in.rules.config;
  bool holds = false;
  for (const auto& m : in.patent.family) {
    if (!m.granted || config.IsDomestic(m.country)) continue;
    holds = true;
    if (!why) return true;
    why->overseas.push_back({m.id, m.country, false, std::nullopt});
  }
  for (const auto& link : in.links) {
    if (link.grant_date > in.as_of || link.id == in.patent.id) continue;
    holds = true;
    if (!why) return true;
    why->overseas.push_back({link.id, link.country, true, link.grant_date});
  }
  return holds;
}
std::string OverseasLine(const Evidence& e) {
  return Joined(
      e.overseas,
      [](const Evidence::Member& m) {
        return m.id + " (" + m.country + ", " +
               (m.via_family_id ? "record sharing family_id, granted " + m.grant_date->ToString() : "family list") +
               ")";
      },
      "no granted family member abroad");
}
std::string OverseasJson(const Evidence& e) {
  return JsonArray(e.overseas, [](const Evidence::Member& m) {
    return "{\"id\":" + JsonString(m.id) + ",\"country\":" + JsonString(m.country) + ",\"source\":\"" +
           (m.via_family_id ? "family_id" : "family") + "\",\"grant_date\":" + OptionalDate(m.grant_date) + "}";
  });
}

// ---- maintained: valid at D and D > anchor + N years (the patent year runs from the anchor).

bool DecideMaintained(const RuleInput& in, Evidence* why) {
  const Config& config = in.rules.config;
  Evidence::Maintained m;
  m.by_grant = config.anchor == Config::Anchor::kGrant;
  m.anchor_date = m.by_grant ? in.patent.grant_date : std::optional(in.patent.filing_date);
  m.years_required = config.maintained_years;
  if (m.anchor_date) {
    m.kept_after = m.anchor_date->AddYears(config.maintained_years);
    if (why) {  // only shown: the whole years from the anchor to D
      // anchor + (D's year - anchor's year - 1) years falls in the year before D's: <= D.
      m.years_kept = std::max(0, in.as_of.year() - m.anchor_date->year() - 1);
      while (m.anchor_date->AddYears(m.years_kept + 1) <= in.as_of) ++m.years_kept;
    }
  }
  m.holds = in.valid && m.kept_after && in.as_of > *m.kept_after;
  if (why) why->maintained = m;
  return m.holds;
}
std::string MaintainedLine(const Evidence& e) {
  const auto& m = e.maintained;
  if (!m.anchor_date) return "no anchor date";
  return std::string(m.by_grant ? "granted " : "filed ") + m.anchor_date->ToString() + ", " +
         std::to_string(m.years_kept) + " full years at " + e.as_of.ToString() + "; needs in force after " +
         m.kept_after->ToString();
}
std::string MaintainedJson(const Evidence& e) {
  const auto& m = e.maintained;
  return "{\"anchor\":\"" + std::string(m.by_grant ? "grant" : "filing") +
         "\",\"anchor_date\":" + OptionalDate(m.anchor_date) + ",\"years\":" + std::to_string(m.years_required) +
         ",\"kept_after\":" + OptionalDate(m.kept_after) + ",\"years_kept\":" + std::to_string(m.years_kept) +
         ",\"holds\":" + Bool(m.holds) + "}";
}

// ---- pledge: the largest single amount registered by D reaches the threshold; a share
// is compared as amount >= threshold * patents so that no division rounds at the boundary.

bool DecidePledge(const RuleInput& in, Evidence* why) {
  const Config& config = in.rules.config;
  const bool share = config.apportion == Config::Apportion::kShare;
  bool holds = false;
  Evidence::PledgeEvidence e;
  e.threshold_cny = config.pledge_threshold_cny;
  e.share = share;
  for (const auto& pledge : in.patent.pledges) {
    if (!pledge.date || *pledge.date > in.as_of) continue;
    long double patents = share ? static_cast<long double>(pledge.patents) : 1.0L;
    if (static_cast<long double>(pledge.amount) >= static_cast<long double>(config.pledge_threshold_cny) * patents) {
      holds = true;
    }
    if (!why) {
      if (holds) return true;
      continue;
    }
    ++e.counted;
    double counted = share ? pledge.amount / static_cast<double>(pledge.patents) : pledge.amount;
    if (!e.best || counted > e.best_amount) {
      e.best = pledge;
      e.best_amount = counted;
    }
  }
  e.holds = holds;
  if (why) why->pledge = e;
  return holds;
}
std::string PledgeLine(const Evidence& e) {
  const auto& p = e.pledge;
  if (!p.best) return "no pledge registered by " + e.as_of.ToString();
  return "largest of " + std::to_string(p.counted) + " pledge(s) by " + e.as_of.ToString() + ": " +
         Fixed(p.best->amount, 0) + " CNY over " + std::to_string(p.best->patents) + " patent(s) on " +
         p.best->date->ToString() + ", counted " + Fixed(p.best_amount, 0) + " vs threshold " +
         Fixed(p.threshold_cny, 0) + " (" + (p.share ? "share" : "whole") + ")";
}
std::string PledgeJson(const Evidence& e) {
  const auto& p = e.pledge;
  std::string out = "{\"threshold_cny\":" + JsonNumber(p.threshold_cny) + ",\"apportion\":\"" +
                    (p.share ? "share" : "whole") + "\",\"registered_by_as_of\":" + std::to_string(p.counted) +
                    ",\"largest\":";
  if (p.best) {
    out += "{\"date\":" + OptionalDate(p.best->date) + ",\"amount\":" + JsonNumber(p.best->amount) +
           ",\"patents\":" + std::to_string(p.best->patents) + ",\"released\":" + OptionalDate(p.best->released) +
           ",\"counted_amount\":" + JsonNumber(p.best_amount) + "}";
  } else {
    out += "null";
  }
  return out + ",\"holds\":" + Bool(p.holds) + "}";
}

// ---- award: an accepted award of the record or of awards.tsv, of a year <= D's.

bool DecideAward(const RuleInput& in, Evidence* why) {
  auto accepted = [&](const model::Award& a) {
    return a.year <= in.as_of.year() && in.rules.config.Accepts(a.award, a.level);
  };
  bool holds = false;
  auto consider = [&](const model::Award& a, bool side) {
    if (!accepted(a)) return false;
    holds = true;
    if (why) why->awards.push_back({a, side});
    return !why;  // stop early when nobody asks why
  };
  for (const auto& a : in.patent.awards) {
    if (consider(a, false)) return true;
  }
  if (auto side = in.rules.awards.find(in.patent.id); side != in.rules.awards.end()) {
    for (const auto& a : side->second) {
      if (consider(a, true)) return true;
    }
  }
  return holds;
}
std::string AwardLine(const Evidence& e) {
  return Joined(
      e.awards,
      [](const Evidence::AwardEvidence& a) {
        return a.award.award + ":" + a.award.level + " " + std::to_string(a.award.year) +
               (a.from_side_table ? " (awards.tsv)" : " (record)");
      },
      "no accepted award by " + std::to_string(e.as_of.year()));
}
std::string AwardJson(const Evidence& e) {
  return JsonArray(e.awards, [](const Evidence::AwardEvidence& a) {
    return "{\"award\":" + JsonString(a.award.award) + ",\"level\":" + JsonString(a.award.level) +
           ",\"year\":" + std::to_string(a.award.year) + ",\"source\":\"" +
           (a.from_side_table ? "awards.tsv" : "record") + "\"}";
  });
}

using Table = std::array<RuleDef, model::kRuleCount>;

Table MakeTable() {
  Table table{{
      {Rule::kSei, "sei", "an IPC symbol in a strategic emerging industry (sei_ipc.tsv)", "", DecideSei, SeiLine,
       SeiJson},
      {Rule::kOverseas, "overseas", "a family member granted outside the domestic offices", "overseas", DecideOverseas,
       OverseasLine, OverseasJson},
      {Rule::kMaintained, "maintained", "valid and maintained more than N years", "maintained", DecideMaintained,
       MaintainedLine, MaintainedJson},
      {Rule::kPledge, "pledge", "a pledge registration reaching the threshold", "pledge", DecidePledge, PledgeLine,
       PledgeJson},
      {Rule::kAward, "award", "an accepted China Patent Award or National S&T Award", "award", DecideAward, AwardLine,
       AwardJson},
#ifdef HVPAT_TEST_RULE
      kTestRuleDef,
#endif
  }};
  for (int r = 0; r < model::kRuleCount; ++r) {
    // An entry out of enum order would mix up the store's rule bits.
    if (table[r].rule != static_cast<Rule>(r) || !table[r].decide) std::abort();
  }
  return table;
}

}  // namespace

std::span<const RuleDef> RuleTable() {
  static const Table table = MakeTable();
  return table;
}

const RuleDef& RuleOf(model::Rule rule) { return RuleTable()[static_cast<size_t>(rule)]; }

std::string_view RuleName(model::Rule rule) { return RuleOf(rule).name; }

std::optional<model::Rule> RuleFromName(std::string_view name) {
  for (const RuleDef& def : RuleTable()) {
    if (def.name == name) return def.rule;
  }
  return std::nullopt;
}

std::string RuleNames(std::string_view separator) {
  std::string out;
  for (const RuleDef& def : RuleTable()) out += (out.empty() ? "" : std::string(separator)) + std::string(def.name);
  return out;
}

}  // namespace hvpat::rules
