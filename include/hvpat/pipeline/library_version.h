// The version of oneTBB that hvpat was built with (hvpat --version).
#pragma once

#include <string>

namespace hvpat::pipeline {

// "MAJOR.MINOR.PATCH" from oneTBB's version macros at build time.
std::string LibraryVersion();

}  // namespace hvpat::pipeline
