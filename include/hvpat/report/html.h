// The report page (`hvpat report --html FILE`): one self-contained HTML document with
// inline CSS, inline SVG charts drawn here and a few lines of inline script to sort the
// sub-region table. Nothing is fetched when it is viewed: no fonts, styles or scripts.
#pragma once

#include <string>
#include <vector>

#include "hvpat/query/analytics.h"
#include "hvpat/query/query.h"

namespace hvpat::report {

// Everything the page shows, gathered by the caller from one database.
struct PageData {
  query::CountResult headline;               // the region (or the nation) at the statistics date
  std::vector<query::CountResult> children;  // the regions one level below
  std::string fingerprint;                   // of the rules the database was built with
  std::vector<query::IndustryRow> industries;
  std::vector<query::HolderRow> holders;
  std::vector<query::TargetRow> targets;
  std::vector<query::OutlookRow> outlook;            // the next five years
  std::vector<query::CountResult> series;            // the region at every statistics date, ascending
  query::PledgeResult pledges;                       // all pledges up to the statistics date
  std::vector<query::PledgeResult> pledges_by_year;  // 1 January to each statistics date
};

// The page. Figures carry their unrounded value in a data-value attribute, so that a test
// (or a script) can read them back exactly.
std::string RenderReportPage(const PageData& page);

}  // namespace hvpat::report
