// Shared reading of the rules files (spec/rules.md, "Files under rules/").
#include "tsv.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "hvpat/base/error.h"

namespace hvpat::rules {

void RulesFileError(const std::string& path, uint64_t line, const std::string& reason) {
  std::string where = line ? path + ":" + std::to_string(line) : path;
  throw Error(ErrorKind::kRules, where + ": " + reason);
}

std::string ReadRulesFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) RulesFileError(path, 0, std::string("cannot open: ") + std::strerror(errno));
  std::ostringstream bytes;
  bytes << in.rdbuf();
  return bytes.str();
}

void ReadTsv(const std::string& path, const std::string& text, std::initializer_list<std::string_view> columns,
             const std::function<void(uint64_t, const std::vector<std::string>&)>& row) {
  std::istringstream in(text);
  std::string line;
  uint64_t number = 0;
  bool header_seen = false;
  std::vector<std::string> fields;
  while (std::getline(in, line)) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (line.empty() || line.front() == '#') continue;
    fields.clear();
    size_t start = 0;
    while (true) {
      size_t tab = line.find('\t', start);
      fields.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
      if (tab == std::string::npos) break;
      start = tab + 1;
    }
    if (!header_seen) {
      header_seen = true;
      size_t i = 0;
      for (std::string_view name : columns) {
        if (fields.size() != columns.size() || fields[i] != name) {
          std::string expected;
          for (std::string_view c : columns) expected += (expected.empty() ? "" : " ") + std::string(c);
          RulesFileError(path, number, "expected the header line: " + expected);
        }
        ++i;
      }
      continue;
    }
    if (fields.size() > columns.size()) {
      RulesFileError(
          path, number,
          "expected " + std::to_string(columns.size()) + " tab-separated fields, got " + std::to_string(fields.size()));
    }
    fields.resize(columns.size());
    row(number, fields);
  }
  if (!header_seen) RulesFileError(path, 0, "no header line");
}

}  // namespace hvpat::rules
