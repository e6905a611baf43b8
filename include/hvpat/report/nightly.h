// Rendering the snapshot list and the run-to-run diff (spec/nightly.md) as table, csv or json.
#pragma once

#include <string>
#include <vector>

#include "hvpat/query/nightly.h"
#include "hvpat/report/render.h"

namespace hvpat::report {

std::string RenderSnapshots(const std::vector<query::SnapshotInfo>& snapshots, Format format);
std::string RenderDiff(const query::DiffResult& diff, Format format);

}  // namespace hvpat::report
