// The analytics results (spec/analytics.md) as Documents: one builder per command, the
// JSON member names and order exactly the spec's, extra members after them.
#pragma once

#include <string>
#include <vector>

#include "hvpat/query/analytics.h"
#include "hvpat/query/query.h"
#include "hvpat/report/document.h"

namespace hvpat::report {

// The region report: one row per region (the chosen one first). `sort` names a column
// (numbers descending, text ascending, unknowns last; the first row stays first).
Document ReportDocument(const std::vector<query::CountResult>& rows, const std::string& sort = "");
// The column keys ReportDocument accepts for `sort`.
std::vector<std::string> ReportColumns();
Document IndustriesDocument(const std::vector<query::IndustryRow>& rows, const query::RunInfo& info);
Document PledgesDocument(const query::PledgeResult& result, const std::optional<std::string>& region,
                         const std::optional<std::string>& name);
Document OutlookDocument(const std::vector<query::OutlookRow>& rows, const query::RunInfo& info);
Document TargetsDocument(const std::vector<query::TargetRow>& rows);
// `holders`: JSON the spec's {"holder", "high_value", "valid_inventions"}, then rank,
// share, by_rule and as_of; tables and CSV rank first.
Document HoldersDocument(const std::vector<query::HolderRow>& rows, const query::RunInfo& info);
Document HolderDocument(const std::vector<query::HolderPatent>& rows, const query::RunInfo& info);

}  // namespace hvpat::report
