// DIR/quarantine.ndjson (spec/cli.md, hvpat ingest): one JSON object per invalid line,
// written by the pipeline's serial output stage. Not thread-safe.
#pragma once

#include <fstream>
#include <string>
#include <vector>

#include "hvpat/record/parser.h"

namespace hvpat::pipeline {

class Quarantine {
 public:
  // `files`: the inputs as given on the command line, named by each rejection's index.
  Quarantine(const std::string& path, const std::vector<std::string>& files);
  void Add(const record::Rejection& rejection);
  // Throws Error(kStore) when the file could not be written whole.
  void Close();

 private:
  std::ofstream out_;
  std::string path_;
  const std::vector<std::string>& files_;
  std::string line_;
};

}  // namespace hvpat::pipeline
