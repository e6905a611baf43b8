// Reading dump files: open, sniff gzip/zstd/bzip2/plain by magic bytes, cut whole-line
// chunks stamped with their file and first line number (spec/record-format.md; input
// forms of spec/nightly.md; docs/input.md).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "hvpat/base/huge_pages.h"

namespace hvpat::io {

// Spare bytes after every chunk's text, so a line parser may read past a line's end.
// Must be at least simdjson's SIMDJSON_PADDING (checked where simdjson lives).
inline constexpr size_t kPadding = 64;

enum class Compression { kPlain, kGzip, kZstd, kBzip2 };
// From the first bytes of a file.
Compression SniffCompression(std::string_view head);
std::string_view CompressionName(Compression compression);

// A line longer than the configured maximum: dropped from the text (an empty line
// stands in its place) and reported with its start.
struct LongLine {
  uint64_t line = 0;   // line number in the file
  std::string prefix;  // its first bytes, at most kLongLinePrefix
};
inline constexpr size_t kLongLinePrefix = 1024;

// Whole lines of one file. `text` holds `size` bytes of lines, each ending in '\n'
// (a final line without one gets one), followed by kPadding spare bytes.
struct Chunk {
  size_t file_index = 0;
  uint64_t first_line = 1;  // line number of the first line in `text`
  uint64_t sequence = 0;    // position of the chunk in the run, from 0
  // Huge pages (base/huge_pages.h): each chunk in flight is a few MiB, first touched when
  // read; in 4 KiB pages that was 14,000 page faults at 1M records.
  base::HugeBytes text;
  size_t size = 0;
  std::vector<LongLine> long_lines;  // ascending by line

  std::string_view lines() const { return std::string_view(text.data(), size); }
};

struct ReaderOptions {
  size_t chunk_bytes = 4 << 20;         // a chunk is cut at the first line end past this size
  size_t max_line_bytes = 64ull << 20;  // longer lines become LongLine entries
  size_t read_block_bytes = 1 << 20;    // bytes asked of the decompressor at a time
  // Files decompressed at once, each on its own thread, when there are several files:
  // chunks still come out in input order. 1 reads the files one after the other.
  size_t decode_threads = 1;
};

// The inputs named on a command line, with every directory replaced by the files in it:
// its entries sorted by name in byte order, names starting with '.' left out, a
// subdirectory expanded the same way in its place. Other names (`-`, pipes, missing
// files) are kept as given, for the reader to open or report. Throws Error(kInput)
// naming a directory that cannot be listed or holds no file.
std::vector<std::string> ExpandInputs(const std::vector<std::string>& names);

// Streams the files in order, one chunk at a time; memory stays bounded by the chunk
// and line limits whatever the input size (and, with decode_threads > 1, by two chunks
// queued per file being decoded). Not thread-safe: one reader per run, used from the
// pipeline's serial input stage.
//
// A file name is a path (regular file, named pipe, /dev/stdin, /dev/fd/N, ...) or `-` for
// standard input, given at most once. Each input is opened exactly once and read from its
// first byte to its end, never seeked: compression is sniffed from its first bytes, which
// are then fed to the decoder. Several files are decoded at once (decode_threads) only
// when all are regular files; streams are read one after the other by the caller's thread.
class ChunkReader {
 public:
  // Throws Error(kUsage) when `-` is given more than once.
  ChunkReader(std::vector<std::string> files, ReaderOptions options);
  ~ChunkReader();
  ChunkReader(const ChunkReader&) = delete;
  ChunkReader& operator=(const ChunkReader&) = delete;

  // Fills `chunk` with the next lines; false at the end of the last file. An empty input
  // gives no chunk. Throws Error(kInput) naming the file when it is missing, unreadable,
  // a directory, truncated or corrupt.
  bool Next(Chunk& chunk);

  // Bytes read from the inputs as stored (compressed where they are), so far.
  uint64_t stored_bytes() const;
  // Bytes after decompression delivered so far.
  uint64_t decoded_bytes() const;

 private:
  struct Source;
  class Prefetch;
  std::unique_ptr<Prefetch> prefetch_;  // several files decoded at once
  void OpenNext();
  void CloseCurrent();
  size_t ReadBlock(char* out, size_t capacity);
  // The steps of Next (without prefetch): fill `chunk` with lines of the open file from
  // the carried tail on, false when the file ended with nothing left for it; the next
  // block of decoded bytes (a leading byte order mark dropped), nullopt at the file's end;
  // past the end of a line too long (false: not in this block); append a block's lines,
  // dropping the long ones, returning where the incomplete last line starts; stamp the
  // finished chunk.
  bool FillChunk(Chunk& chunk);
  std::optional<std::string_view> NextBlock();
  bool SkipRestOfLongLine(std::string_view& block);
  size_t AppendLines(Chunk& chunk, size_t tail_start, std::string_view block);
  void FinishChunk(Chunk& chunk);

  std::vector<std::string> files_;
  ReaderOptions options_;
  std::unique_ptr<Source> source_;
  size_t file_index_ = 0;  // index of the open file (or next to open)
  bool open_ = false;
  bool at_file_start_ = true;
  bool skipping_ = false;  // inside a line longer than the maximum
  std::string carry_;      // incomplete last line of the previous block
  uint64_t carry_line_ = 1;
  uint64_t sequence_ = 0;
  uint64_t stored_bytes_ = 0;
  uint64_t decoded_bytes_ = 0;
  std::vector<char> block_;
};

}  // namespace hvpat::io
