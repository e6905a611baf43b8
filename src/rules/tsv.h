// Private to rules/: the line discipline shared by the rules files (comments, blank
// lines, CR, header) and their file:line errors.
#pragma once

#include <cstdint>
#include <functional>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace hvpat::rules {

// Throws Error(kRules) "PATH:LINE: reason" (LINE 0 when the whole file is at fault).
[[noreturn]] void RulesFileError(const std::string& path, uint64_t line, const std::string& reason);

// Reads the text of a tab-separated rules file (`path` names it in errors): '#' comment
// lines and blank lines skipped, a CR before the LF dropped, the first remaining line the
// header naming `columns` in order. Calls `row(line, fields)` for every data line;
// missing trailing fields are empty.
void ReadTsv(const std::string& path, const std::string& text, std::initializer_list<std::string_view> columns,
             const std::function<void(uint64_t, const std::vector<std::string>&)>& row);

// The file's bytes; throws Error(kRules) when it cannot be read.
std::string ReadRulesFile(const std::string& path);

}  // namespace hvpat::rules
