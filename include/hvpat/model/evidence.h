// Why a verdict is what it is: the facts each rule looked at (issue: every verdict
// explained). Plain values, produced by rules::Explain and rendered by report/.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "hvpat/model/patent.h"

namespace hvpat::model {

struct Evidence {
  Date as_of;

  // "In force at D": each check and its outcome.
  struct Validity {
    bool cn_office = false;
    bool invention = false;
    std::optional<Date> grant_date;
    bool granted_by_as_of = false;  // grant_date set and <= D
    Date term_end;                  // filing_date + term years
    bool in_term = false;           // D < term_end
    Status status = Status::kPending;
    std::optional<Date> status_date;
    bool status_allows = false;  // not pending/rejected, and not ended by D
    bool valid = false;
  } validity;

  // sei: every (symbol, row) match with the pattern that matched.
  struct SeiMatch {
    std::string symbol;
    std::string row_id;
    std::string industry_code;
    std::string pattern;
  };
  std::vector<SeiMatch> sei;

  // overseas: the members that qualified.
  struct Member {
    std::string id;
    std::string country;
    bool via_family_id = false;      // found as another record sharing family_id, not in `family`
    std::optional<Date> grant_date;  // for members found through family_id
  };
  std::vector<Member> overseas;

  // maintained: anchor, the date it must be passed, years kept at D.
  struct Maintained {
    bool by_grant = false;  // anchor = grant
    std::optional<Date> anchor_date;
    int years_required = 0;
    std::optional<Date> kept_after;  // anchor + years: D must be later
    int years_kept = 0;              // whole years from anchor to D
    bool holds = false;
  } maintained;

  // pledge: the largest amount counted at D and the pledge it came from.
  struct PledgeEvidence {
    double threshold_cny = 0;
    bool share = true;           // apportion = share
    int counted = 0;             // pledges registered on or before D
    std::optional<Pledge> best;  // the pledge with the largest counted amount
    double best_amount = 0;      // its counted amount
    bool holds = false;
  } pledge;

  // award: every award accepted at D, with where it came from.
  struct AwardEvidence {
    Award award;
    bool from_side_table = false;
  };
  std::vector<AwardEvidence> awards;

  // Facts of a rule that keeps no struct of its own here (the test build's sixth rule),
  // by rule name: its decide writes them, its renderers read them.
  std::map<std::string, std::string> notes;

  // region: the first holder and what it gave.
  struct RegionEvidence {
    std::string first_holder;
    std::string country;
    std::string region;  // empty when none
    std::string why;     // how the region was decided
  } region;
};

}  // namespace hvpat::model
