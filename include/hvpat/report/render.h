// Rendering query results as table, csv or json (spec/cli.md output contracts).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "hvpat/query/query.h"

namespace hvpat::report {

enum class Format { kTable, kCsv, kJson };
std::optional<Format> FormatFromName(const std::string& name);

// Each renders a Document (document.h): `count` tables and CSV the region's row of the
// report, JSON the spec's count object (as_of third); the grids below JSON an array of them.
std::string RenderCount(const query::CountResult& result, Format format);
// Several regions side by side (the region report): one row each.
std::string RenderCountTable(const std::vector<query::CountResult>& rows, Format format);
// One region at every date of the database (count --series): one row per date.
std::string RenderCountSeries(const std::vector<query::CountResult>& rows, Format format);
// The holders ranking as spec/cli.md gives it: JSON {"holder", "high_value",
// "valid_inventions"} elements; tables and CSV rank first. (`holders` itself prints
// analytics.h's HoldersDocument, which adds the share and each rule's count.)
std::string RenderHolders(const std::vector<query::HolderRow>& rows, Format format);
// The same, carrying the date: JSON elements add "rank" and "as_of", CSV an as_of column,
// the table a title line (issue #12 item 6).
std::string RenderHolders(const std::vector<query::HolderRow>& rows, Format format, base::Date as_of);

// A grid of text cells as a Document of text columns: a padded table whose first
// `text_columns` columns are left-aligned and the rest right-aligned, CSV, or JSON (an
// array of objects whose members are strings).
std::string RenderGrid(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& cells,
                       size_t text_columns, Format format);

// One CSV field, quoted (RFC 4180) when it holds a comma, quote or line end.
std::string CsvField(const std::string& text);

// Columns padded to their widest cell, two spaces apart, under a dashed rule; column c
// left-aligned when left[c], else right-aligned; trailing blanks cut. Every table of
// every command is drawn by this one function, save info's (document.h, Listing::flat).
std::string PaddedTable(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows,
                        const std::vector<bool>& left);

// Terminal columns taken by UTF-8 text: wide and full-width characters (East Asian Width
// W and F: CJK, kana, Hangul, full-width forms) take two, control characters none.
size_t DisplayWidth(const std::string& text);

}  // namespace hvpat::report
