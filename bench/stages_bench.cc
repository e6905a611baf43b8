// Micro-benchmarks of the ingest stages on data generated once from a fixed seed:
// record parsing, IPC canonicalisation, concordance matching, classification, key
// encoding. Results read as MB/s (bytes) and records/s (items).
#include <benchmark/benchmark.h>

#include <sstream>
#include <string>
#include <vector>

#include "hvpat/gen/generator.h"
#include "hvpat/io/reader.h"
#include "hvpat/record/ipc.h"
#include "hvpat/record/parser.h"
#include "hvpat/rules/classify.h"
#include "hvpat/store/schema.h"

namespace hvpat {
namespace {

const rules::RuleSet& Rules() {
  static const rules::RuleSet rules = rules::LoadRuleSet(HVPAT_SOURCE_RULES_DIR);
  return rules;
}

// Valid lines of a generated dump, each followed by io::kPadding spare bytes.
struct Lines {
  std::vector<std::string> padded;
  size_t bytes = 0;
};

const Lines& Dump(bool bulky) {
  static Lines plain, large;
  Lines& lines = bulky ? large : plain;
  if (lines.padded.empty()) {
    gen::GenerateOptions options;
    options.records = 20000;
    options.seed = 42;
    options.invalid_share = 0;
    options.duplicate_share = 0;
    options.bulky = bulky;
    std::ostringstream out;
    gen::Generate(options, Rules(), out);
    std::istringstream in(out.str());
    std::string line;
    while (std::getline(in, line)) {
      if (line.empty()) continue;
      lines.bytes += line.size() + 1;
      line.append(io::kPadding, '\0');
      lines.padded.push_back(std::move(line));
    }
  }
  return lines;
}

void BM_Parse_Record(benchmark::State& state) {
  const Lines& lines = Dump(state.range(0) != 0);
  record::LineParser parser;
  model::Patent patent;
  std::string reason;
  for (auto _ : state) {
    for (const auto& line : lines.padded) {
      bool ok = parser.Parse(std::string_view(line.data(), line.size() - io::kPadding), patent, reason);
      benchmark::DoNotOptimize(ok);
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * lines.bytes));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * lines.padded.size()));
}
BENCHMARK(BM_Parse_Record)->ArgName("bulky")->Arg(0)->Arg(1);

void BM_Ipc_Canonicalise(benchmark::State& state) {
  const std::vector<std::string> symbols = {"G06F 16/27", "G06F16/27", "G06F0016270000", "A61K0031045000",
                                            "H04L 12/40", "not a symbol"};
  for (auto _ : state) {
    for (const auto& s : symbols) benchmark::DoNotOptimize(record::CanonicalIpc(s));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * symbols.size()));
}
BENCHMARK(BM_Ipc_Canonicalise);

void BM_Concordance_Match(benchmark::State& state) {
  std::vector<std::vector<std::string>> ipc;
  record::LineParser parser;
  model::Patent patent;
  std::string reason;
  for (const auto& line : Dump(false).padded) {
    if (parser.Parse(std::string_view(line.data(), line.size() - io::kPadding), patent, reason)) {
      ipc.push_back(patent.ipc);
    }
  }
  for (auto _ : state) {
    for (const auto& symbols : ipc) benchmark::DoNotOptimize(Rules().concordance.Industries(symbols));
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * ipc.size()));
}
BENCHMARK(BM_Concordance_Match);

void BM_Classify_Encode(benchmark::State& state) {
  std::vector<model::Patent> patents;
  record::LineParser parser;
  std::string reason;
  for (const auto& line : Dump(false).padded) {
    model::Patent patent;
    if (parser.Parse(std::string_view(line.data(), line.size() - io::kPadding), patent, reason)) {
      patents.push_back(std::move(patent));
    }
  }
  const std::vector<base::Date> dates = {*base::Date::ParseIso("2025-12-31")};
  for (auto _ : state) {
    for (const auto& p : patents) {
      auto assessment = rules::Assess(p, dates, Rules());
      benchmark::DoNotOptimize(store::EncodePatent(p, assessment));
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * patents.size()));
}
BENCHMARK(BM_Classify_Encode);

}  // namespace
}  // namespace hvpat
