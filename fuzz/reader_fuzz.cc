// Fuzzes io::ChunkReader's line splitting: the bytes are served from a memory file named
// /proc/self/fd/N (a path like /dev/fd/N), with chunk, line and block sizes taken from the
// first bytes. Oracle, for input that is not compressed: the lines delivered are the
// input's lines (BOM skipped, numbered from 1, a last line without '\n' counted), a line
// longer than the maximum is empty and reported as long, and bytes_read is the size.
// Compressed input must decode or end in Error(kInput); nothing else may escape.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "hvpat/base/error.h"
#include "hvpat/io/reader.h"

namespace {

// The lines a reader must give for plain `content`, with the numbers of long ones.
void ExpectedLines(std::string_view content, size_t max_line, std::vector<std::string>& lines,
                   std::vector<uint64_t>& long_lines) {
  if (content.starts_with("\xEF\xBB\xBF")) content.remove_prefix(3);
  size_t pos = 0;
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    if (end - pos > max_line) {
      long_lines.push_back(lines.size() + 1);
      lines.emplace_back();
    } else {
      lines.emplace_back(content.substr(pos, end - pos));
    }
    pos = end + 1;
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size < 3) return 0;
  hvpat::io::ReaderOptions options;
  options.chunk_bytes = 1 + data[0] % 64;
  options.max_line_bytes = 1 + data[1] % 48;
  options.read_block_bytes = 1 + data[2] % 40;
  const std::string_view content(reinterpret_cast<const char*>(data) + 3, size - 3);
  const int fd = memfd_create("fuzz", 0);
  if (fd < 0) return 0;
  if (!content.empty() && write(fd, content.data(), content.size()) != static_cast<ssize_t>(content.size())) {
    close(fd);
    return 0;
  }
  const std::string name = "/proc/self/fd/" + std::to_string(fd);
  std::vector<std::string> lines;
  std::vector<uint64_t> long_lines;
  uint64_t stored = 0;
  try {
    hvpat::io::ChunkReader reader({name}, options);
    hvpat::io::Chunk chunk;
    while (reader.Next(chunk)) {
      // A few hundred compressed bytes can decode to megabytes, read here in tiny blocks:
      // enough of such a bomb has been seen once a megabyte is out.
      if (reader.decoded_bytes() > (1u << 20)) {
        close(fd);
        return 0;
      }
      if (chunk.first_line != lines.size() + 1 || chunk.size == 0 || chunk.lines().back() != '\n') __builtin_trap();
      for (const auto& long_line : chunk.long_lines) long_lines.push_back(long_line.line);
      std::string_view text = chunk.lines();
      while (!text.empty()) {
        const size_t end = text.find('\n');
        lines.emplace_back(text.substr(0, end));
        text.remove_prefix(end + 1);
      }
    }
    stored = reader.stored_bytes();
  } catch (const hvpat::Error& e) {
    close(fd);
    if (e.kind() != hvpat::ErrorKind::kInput) __builtin_trap();
    if (hvpat::io::SniffCompression(content) == hvpat::io::Compression::kPlain) __builtin_trap();
    return 0;
  }
  close(fd);
  if (stored != content.size()) __builtin_trap();
  if (hvpat::io::SniffCompression(content) == hvpat::io::Compression::kPlain) {
    std::vector<std::string> want;
    std::vector<uint64_t> want_long;
    ExpectedLines(content, options.max_line_bytes, want, want_long);
    if (lines != want || long_lines != want_long) __builtin_trap();
  }
  return 0;
}
