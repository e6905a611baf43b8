// Reading JSON that hvpat wrote itself (the metadata info lists, the run summary ingest
// prints): a small recursive-descent reader, since simdjson's home is record/ and these
// documents are a few kilobytes.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hvpat::report {

using JsonLines = std::vector<std::pair<std::string, std::string>>;

// One line per scalar of `json`: an object's members at dotted paths (summary.lines_read),
// an array of scalars on one line joined by ", " (an empty one: an empty value), an array
// holding objects or arrays one path[i] per element; strings unescaped, other scalars as
// written. Throws Error(kStore) when `json` is not valid JSON.
JsonLines FlattenJson(std::string_view json);

// The members of the JSON object `json`, in order: each name unescaped and its value's
// text as written. Throws Error(kStore) when `json` is not one valid JSON object.
JsonLines JsonMembers(std::string_view json);

}  // namespace hvpat::report
