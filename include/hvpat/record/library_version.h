// The version of simdjson that hvpat was built with (hvpat --version).
#pragma once

#include <string>

namespace hvpat::record {

// "MAJOR.MINOR.PATCH" from simdjson's version macros at build time.
std::string LibraryVersion();

}  // namespace hvpat::record
