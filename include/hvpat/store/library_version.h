// The version of RocksDB that hvpat was built with (hvpat --version).
#pragma once

#include <string>

namespace hvpat::store {

// "MAJOR.MINOR.PATCH" from RocksDB's version macros at build time.
std::string LibraryVersion();

}  // namespace hvpat::store
