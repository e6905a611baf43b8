// simdjson's version for hvpat --version (the record parser is simdjson's one home).
#include "hvpat/record/library_version.h"

#include <simdjson.h>

// SIMDJSON_VERSION is a bare token sequence (3.0.1), not a string literal.
#define HVPAT_STRINGIFY_(x) #x
#define HVPAT_STRINGIFY(x) HVPAT_STRINGIFY_(x)

namespace hvpat::record {

std::string LibraryVersion() { return HVPAT_STRINGIFY(SIMDJSON_VERSION); }

}  // namespace hvpat::record
