// A deterministic generator of realistic patent dumps (NDJSON of spec/record-format.md)
// for demos, tests and benchmarks: the same options give the same bytes.
#pragma once

#include <cstdint>
#include <ostream>

#include "hvpat/rules/rule_set.h"

namespace hvpat::gen {

struct GenerateOptions {
  uint64_t records = 1000;  // CN records to write (plus a few foreign family members)
  uint64_t seed = 1;
  // Share of lines written deliberately invalid (bad dates, missing fields, broken
  // JSON), so that quarantine is exercised; 0 for a clean dump.
  double invalid_share = 0.005;
  // Share of records repeated later with changed content (duplicate ids).
  double duplicate_share = 0.005;
  // Extra ignored fields (title, abstract, inventors, ...) to make records about 1.5 KB,
  // as real national dumps are.
  bool bulky = false;
};

// Writes the dump to `out`. Uses the concordance (IPC symbols inside and outside it),
// the regions (real codes) and the configuration (pledges around its threshold) of
// `rules`. Returns the number of lines written.
uint64_t Generate(const GenerateOptions& options, const rules::RuleSet& rules, std::ostream& out);

}  // namespace hvpat::gen
