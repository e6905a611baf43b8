// Test support for tests that run the built hvpat as a process: shell quoting, reading a
// file whole, and what a finished process left.
#pragma once

#include <fstream>
#include <sstream>
#include <string>

namespace hvpat::testing {

// `text` as one word of a POSIX shell.
inline std::string Quote(const std::string& text) {
  std::string out = "'";
  for (char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Process {
  int status = -1;  // exit status, or 128 + signal
  std::string out;
  std::string err;
};

}  // namespace hvpat::testing
