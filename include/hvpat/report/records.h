// The results that are one record (a patent, an ingest run, the database's metadata) as
// Documents: JSON one object as spec/cli.md gives it, tables and CSV a field/value listing.
#pragma once

#include "hvpat/model/run_summary.h"
#include "hvpat/query/query.h"
#include "hvpat/report/document.h"

namespace hvpat::report {

// `show`: JSON the spec's members then hvpat's own (the evidence as objects); the listing
// the patent's fields, each rule's outcome and one line per rule on why.
Document ShowDocument(const query::PatentView& view, const query::RunInfo& info);

// The ingest run summary: JSON the object hvpat stores (model::SummaryJson); the listing
// the run's figures, timings rounded, under the heading "run", and its figures per date:
// a table below (tables, when the run has several dates) or dates.D.member lines (CSV).
Document SummaryDocument(const model::RunSummary& summary);

// `info`: what the database was built from, JSON the stored documents as written
// ({"as_of", "dates", "summary", "rules", "inputs"}); the listing that JSON flattened.
Document InfoDocument(const query::RunInfo& info);

}  // namespace hvpat::report
