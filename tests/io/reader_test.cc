// io::ChunkReader: chunks of whole lines stamped with file and line number, for plain and
// compressed dumps (spec/record-format.md, first section: magic-byte sniffing, concatenated
// gzip members / bzip2 streams / zstd frames, BOM, LF and CRLF, line numbers counting every
// line from 1, a file that cannot be read to its end is an input error).
//
// Compressed files are made with the system gzip, bzip2 and zstd tools.
#include "hvpat/io/reader.h"

#include <fcntl.h>
#include <gtest/gtest.h>
#include <pthread.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "hvpat/base/error.h"
#include "support/cli_runner.h"

namespace hvpat::io {
namespace {

using testing::TempDir;

void WriteFile(const std::string& path, std::string_view bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  ASSERT_TRUE(out.good()) << path;
}

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// Runs a shell command; true when it exited with status 0.
bool Shell(const std::string& command) { return std::system(command.c_str()) == 0; }

// `tool` is "gzip", "bzip2" or "zstd -q"; writes `to` from `from`, keeping `from`.
bool Compress(const std::string& tool, const std::string& from, const std::string& to) {
  return Shell(tool + " -c '" + from + "' > '" + to + "'");
}

// "file:line:text", so that a mismatch shows where it is.
std::string Stamp(size_t file, uint64_t line, std::string_view text) {
  return std::to_string(file) + ":" + std::to_string(line) + ":" + std::string(text);
}

// The lines a reader must deliver for one file whose decoded content is `content`: every
// line, empty ones included, numbered from 1; a last line without '\n' still counts.
std::vector<std::string> Expected(size_t file, std::string_view content) {
  std::vector<std::string> lines;
  uint64_t number = 1;
  size_t pos = 0;
  while (pos < content.size()) {
    size_t end = content.find('\n', pos);
    if (end == std::string_view::npos) end = content.size();
    lines.push_back(Stamp(file, number++, content.substr(pos, end - pos)));
    pos = end + 1;
  }
  return lines;
}

std::vector<std::string> Concat(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

struct ReadResult {
  std::vector<std::string> lines;       // Stamp() of every line of every chunk
  std::vector<std::string> long_lines;  // Stamp(file, line, prefix)
  size_t chunks = 0;
  uint64_t stored_bytes = 0;
  uint64_t decoded_bytes = 0;
};

// Reads every chunk, checking the invariants each chunk must keep: sequence from 0,
// `size` bytes of whole lines then kPadding spare bytes, first_line continuing the
// previous chunk of the same file, long lines inside the chunk in ascending order.
ReadResult ReadAll(const std::vector<std::string>& files, ReaderOptions options = {}) {
  ReadResult result;
  ChunkReader reader(files, options);
  Chunk chunk;
  std::map<size_t, uint64_t> next_line;
  size_t last_file = 0;
  while (reader.Next(chunk)) {
    EXPECT_EQ(chunk.sequence, result.chunks);
    ++result.chunks;
    EXPECT_GE(chunk.file_index, last_file) << "files out of order";
    last_file = chunk.file_index;
    EXPECT_EQ(chunk.text.size(), chunk.size + kPadding);
    std::string_view text = chunk.lines();
    EXPECT_EQ(text.size(), chunk.size);
    EXPECT_FALSE(text.empty()) << "empty chunk " << chunk.sequence;
    if (!text.empty()) {
      EXPECT_EQ(text.back(), '\n') << "chunk " << chunk.sequence << " ends mid-line";
    }
    auto [it, fresh] = next_line.try_emplace(chunk.file_index, 1);
    (void)fresh;
    EXPECT_EQ(chunk.first_line, it->second) << "chunk " << chunk.sequence;
    uint64_t number = chunk.first_line;
    size_t pos = 0;
    while (pos < text.size()) {
      size_t end = text.find('\n', pos);
      if (end == std::string_view::npos) end = text.size();
      result.lines.push_back(Stamp(chunk.file_index, number++, text.substr(pos, end - pos)));
      pos = end + 1;
    }
    it->second = number;
    uint64_t previous = 0;
    for (const LongLine& long_line : chunk.long_lines) {
      EXPECT_GE(long_line.line, chunk.first_line);
      EXPECT_LT(long_line.line, number);
      EXPECT_GT(long_line.line, previous);
      previous = long_line.line;
      result.long_lines.push_back(Stamp(chunk.file_index, long_line.line, long_line.prefix));
    }
  }
  EXPECT_FALSE(reader.Next(chunk)) << "Next after the end";
  result.stored_bytes = reader.stored_bytes();
  result.decoded_bytes = reader.decoded_bytes();
  return result;
}

// Some lines of ordinary records, varied enough that compressed data is not tiny.
std::string SampleLines(int count, int seed = 0) {
  std::string text;
  uint32_t state = 2166136261u + static_cast<uint32_t>(seed);
  for (int i = 0; i < count; ++i) {
    state = state * 1103515245u + 12345u;
    text += "{\"id\":\"CN" + std::to_string(100000000 + i) + "B\",\"n\":" + std::to_string(state) +
            ",\"seed\":" + std::to_string(seed) + "}\n";
  }
  return text;
}

// Expects `call` to throw Error(kInput) whose message names `file`.
template <typename Call>
void ExpectInputError(Call call, const std::string& file) {
  try {
    call();
    ADD_FAILURE() << "no error for " << file;
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput) << e.what();
    EXPECT_NE(std::string(e.what()).find(file), std::string::npos) << e.what();
  }
}

TEST(ChunkReaderTest, PlainFileLinesAndNumbers) {
  TempDir dir;
  const std::string content = "{\"id\":\"A\"}\n{\"id\":\"B\"}\nthird line\n";
  WriteFile(dir / "plain.ndjson", content);
  ReadResult read = ReadAll({dir / "plain.ndjson"});
  EXPECT_EQ(read.lines, Expected(0, content));
  EXPECT_EQ(read.lines.size(), 3u);
  EXPECT_EQ(read.chunks, 1u);
  EXPECT_TRUE(read.long_lines.empty());
  EXPECT_EQ(read.stored_bytes, content.size());
  EXPECT_EQ(read.decoded_bytes, content.size());
}

TEST(ChunkReaderTest, EmptyFileGivesNoChunks) {
  TempDir dir;
  WriteFile(dir / "empty.ndjson", "");
  ReadResult read = ReadAll({dir / "empty.ndjson"});
  EXPECT_EQ(read.chunks, 0u);
  EXPECT_TRUE(read.lines.empty());
}

TEST(ChunkReaderTest, ReadsGzip) {
  TempDir dir;
  const std::string content = SampleLines(500);
  WriteFile(dir / "dump.ndjson", content);
  ASSERT_TRUE(Compress("gzip", dir / "dump.ndjson", dir / "dump.ndjson.gz"));
  ReadResult read = ReadAll({dir / "dump.ndjson.gz"});
  EXPECT_EQ(read.lines, Expected(0, content));
  EXPECT_EQ(read.stored_bytes, std::filesystem::file_size(dir / "dump.ndjson.gz"));
  EXPECT_EQ(read.decoded_bytes, content.size());
}

TEST(ChunkReaderTest, ReadsZstd) {
  TempDir dir;
  const std::string content = SampleLines(500);
  WriteFile(dir / "dump.ndjson", content);
  ASSERT_TRUE(Compress("zstd -q", dir / "dump.ndjson", dir / "dump.ndjson.zst"));
  ReadResult read = ReadAll({dir / "dump.ndjson.zst"});
  EXPECT_EQ(read.lines, Expected(0, content));
  EXPECT_EQ(read.stored_bytes, std::filesystem::file_size(dir / "dump.ndjson.zst"));
  EXPECT_EQ(read.decoded_bytes, content.size());
}

TEST(ChunkReaderTest, ReadsBzip2) {
  TempDir dir;
  const std::string content = SampleLines(500);
  WriteFile(dir / "dump.ndjson", content);
  ASSERT_TRUE(Compress("bzip2", dir / "dump.ndjson", dir / "dump.ndjson.bz2"));
  ReadResult read = ReadAll({dir / "dump.ndjson.bz2"});
  EXPECT_EQ(read.lines, Expected(0, content));
  EXPECT_EQ(read.stored_bytes, std::filesystem::file_size(dir / "dump.ndjson.bz2"));
  EXPECT_EQ(read.decoded_bytes, content.size());
}

// Two compressed parts cat'ed into one file read as zcat/bzcat/zstdcat read them: one
// file, numbered straight through.
class ConcatenatedTest : public ::testing::TestWithParam<std::string> {};

TEST_P(ConcatenatedTest, ReadsEveryMemberStreamOrFrame) {
  TempDir dir;
  const std::string first = SampleLines(300, 1);
  const std::string second = SampleLines(200, 2) + "last line without newline";
  WriteFile(dir / "a", first);
  WriteFile(dir / "b", second);
  ASSERT_TRUE(Compress(GetParam(), dir / "a", dir / "a.z"));
  ASSERT_TRUE(Compress(GetParam(), dir / "b", dir / "b.z"));
  ASSERT_TRUE(Shell("cat '" + (dir / "a.z") + "' '" + (dir / "b.z") + "' > '" + (dir / "ab.z") + "'"));
  ReadResult read = ReadAll({dir / "ab.z"});
  EXPECT_EQ(read.lines.size(), 501u);
  EXPECT_EQ(read.lines, Expected(0, first + second));
  EXPECT_EQ(read.stored_bytes, std::filesystem::file_size(dir / "ab.z"));
  // Small blocks and chunks, so members end in the middle of a read.
  ReadResult small = ReadAll({dir / "ab.z"}, {.chunk_bytes = 100, .max_line_bytes = 1 << 20, .read_block_bytes = 37});
  EXPECT_EQ(small.lines, Expected(0, first + second));
}

INSTANTIATE_TEST_SUITE_P(ChunkReader, ConcatenatedTest, ::testing::Values("gzip", "bzip2", "zstd -q"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param.substr(0, info.param.find(' '));
                         });

TEST(ChunkReaderTest, KeepsCarriageReturnOfCrlfLines) {
  TempDir dir;
  const std::string content = "one\r\ntwo\r\n\r\nfour\r\n";
  WriteFile(dir / "crlf.ndjson", content);
  ReadResult read = ReadAll({dir / "crlf.ndjson"});
  EXPECT_EQ(read.lines, (std::vector<std::string>{"0:1:one\r", "0:2:two\r", "0:3:\r", "0:4:four\r"}));
}

TEST(ChunkReaderTest, AppendsNewlineToLastLine) {
  TempDir dir;
  WriteFile(dir / "a.ndjson", "first\nsecond");
  WriteFile(dir / "b.ndjson", "only");
  ReadResult read = ReadAll({dir / "a.ndjson", dir / "b.ndjson"});
  // ReadAll checks that every chunk ends in '\n'.
  EXPECT_EQ(read.lines, (std::vector<std::string>{"0:1:first", "0:2:second", "1:1:only"}));
}

TEST(ChunkReaderTest, KeepsEmptyLinesForNumbering) {
  TempDir dir;
  const std::string content = "\na\n\n\nb\n\n";
  WriteFile(dir / "gaps.ndjson", content);
  ReadResult read = ReadAll({dir / "gaps.ndjson"});
  EXPECT_EQ(read.lines, (std::vector<std::string>{"0:1:", "0:2:a", "0:3:", "0:4:", "0:5:b", "0:6:"}));
}

TEST(ChunkReaderTest, SkipsByteOrderMarkAtFileStartOnly) {
  TempDir dir;
  const std::string bom = "\xEF\xBB\xBF";
  WriteFile(dir / "a.ndjson", bom + "{\"id\":1}\n" + bom + "{\"id\":2}\n");
  WriteFile(dir / "b.ndjson", bom + "{\"id\":3}\n");
  ReadResult read = ReadAll({dir / "a.ndjson", dir / "b.ndjson"});
  // Only the mark at the very start of each file is skipped; one later in a file is data.
  EXPECT_EQ(read.lines, (std::vector<std::string>{"0:1:{\"id\":1}", "0:2:" + bom + "{\"id\":2}", "1:1:{\"id\":3}"}));
}

TEST(ChunkReaderTest, SkipsByteOrderMarkInsideCompressedFile) {
  TempDir dir;
  const std::string bom = "\xEF\xBB\xBF";
  WriteFile(dir / "a", bom + "first\nsecond\n");
  ASSERT_TRUE(Compress("gzip", dir / "a", dir / "a.gz"));
  ReadResult read = ReadAll({dir / "a.gz"});
  EXPECT_EQ(read.lines, (std::vector<std::string>{"0:1:first", "0:2:second"}));
}

TEST(ChunkReaderTest, SkipsByteOrderMarkSplitAcrossReadBlocks) {
  // The block size is a tuning knob; the mark is at the file's start whatever it is.
  TempDir dir;
  WriteFile(dir / "a.ndjson", "\xEF\xBB\xBF{\"id\":1}\n{\"id\":2}\n");
  ReadResult read =
      ReadAll({dir / "a.ndjson"}, {.chunk_bytes = 4 << 20, .max_line_bytes = 1 << 20, .read_block_bytes = 2});
  EXPECT_EQ(read.lines, (std::vector<std::string>{"0:1:{\"id\":1}", "0:2:{\"id\":2}"}));
}

TEST(ChunkReaderTest, ReadsFilesInOrderEachNumberedFromOne) {
  TempDir dir;
  const std::string a = "a1\na2\na3\n";
  const std::string c = "c1\n\nc3\n";
  WriteFile(dir / "a.ndjson", a);
  WriteFile(dir / "b.ndjson", "");
  WriteFile(dir / "c.ndjson", c);
  WriteFile(dir / "d", SampleLines(40, 4));
  ASSERT_TRUE(Compress("zstd -q", dir / "d", dir / "d.zst"));
  ReadResult read = ReadAll({dir / "c.ndjson", dir / "a.ndjson", dir / "b.ndjson", dir / "d.zst"});
  EXPECT_EQ(read.lines, Concat(Concat(Expected(0, c), Expected(1, a)), Expected(3, SampleLines(40, 4))));
}

TEST(ChunkReaderTest, SmallChunksKeepLineNumbersAcrossBoundaries) {
  TempDir dir;
  std::string content;
  for (int i = 1; i <= 400; ++i) {
    content += (i % 7 == 0) ? std::string() : "line " + std::to_string(i) + std::string(i % 13, '.');
    content += (i % 5 == 0) ? "\r\n" : "\n";
  }
  content += "tail without newline";
  WriteFile(dir / "a.ndjson", content);
  WriteFile(dir / "b.ndjson", SampleLines(100, 9));
  ASSERT_TRUE(Compress("bzip2", dir / "b.ndjson", dir / "b.bz2"));
  const std::vector<std::string> expected = Concat(Expected(0, content), Expected(1, SampleLines(100, 9)));
  for (size_t block : {size_t{1}, size_t{3}, size_t{64}, size_t{1} << 20}) {
    SCOPED_TRACE("read_block_bytes " + std::to_string(block));
    ReaderOptions options{.chunk_bytes = 50, .max_line_bytes = 1 << 20, .read_block_bytes = block};
    ReadResult read = ReadAll({dir / "a.ndjson", dir / "b.bz2"}, options);
    EXPECT_EQ(read.lines, expected);
    // A chunk is cut once a read block has taken it past chunk_bytes.
    if (block <= 64) {
      EXPECT_GT(read.chunks, 20u);
    }
  }
}

TEST(ChunkReaderTest, ChunkIsCutSoonAfterChunkBytes) {
  TempDir dir;
  std::string content;
  for (int i = 0; i < 100; ++i) content += std::string(9, static_cast<char>('a' + i % 26)) + "\n";  // 10 bytes a line
  WriteFile(dir / "a.ndjson", content);
  // With blocks smaller than a line, the cut is the first line end past chunk_bytes.
  ReaderOptions options{.chunk_bytes = 95, .max_line_bytes = 1 << 20, .read_block_bytes = 7};
  ChunkReader reader({dir / "a.ndjson"}, options);
  Chunk chunk;
  std::vector<uint64_t> first_lines;
  while (reader.Next(chunk)) {
    first_lines.push_back(chunk.first_line);
    EXPECT_EQ(chunk.size, 100u) << "chunk " << chunk.sequence;  // ten whole lines
  }
  EXPECT_EQ(first_lines, (std::vector<uint64_t>{1, 11, 21, 31, 41, 51, 61, 71, 81, 91}));
}

TEST(ChunkReaderTest, ReportsLongLineAndKeepsFollowingNumbers) {
  TempDir dir;
  const std::string long_line = std::string(3000, 'x') + "tail";
  const std::string content = "short\n" + long_line + "\nafter\nlast\n";
  WriteFile(dir / "a.ndjson", content);
  ReaderOptions options{.chunk_bytes = 4 << 20, .max_line_bytes = 100, .read_block_bytes = 1 << 20};
  ReadResult read = ReadAll({dir / "a.ndjson"}, options);
  // The long line is dropped from the text; an empty line stands in its place.
  EXPECT_EQ(read.lines, (std::vector<std::string>{"0:1:short", "0:2:", "0:3:after", "0:4:last"}));
  EXPECT_EQ(read.long_lines, (std::vector<std::string>{Stamp(0, 2, std::string(kLongLinePrefix, 'x'))}));
}

TEST(ChunkReaderTest, ReportsLongLineReadInSmallBlocks) {
  TempDir dir;
  const std::string long_line = std::string(3000, 'x') + "tail";
  const std::string content = "short\n\n" + long_line + "\nafter\nlast";
  WriteFile(dir / "a.ndjson", content);
  ReaderOptions options{.chunk_bytes = 16, .max_line_bytes = 100, .read_block_bytes = 7};
  ReadResult read = ReadAll({dir / "a.ndjson"}, options);
  EXPECT_EQ(read.lines, (std::vector<std::string>{"0:1:short", "0:2:", "0:3:", "0:4:after", "0:5:last"}));
  ASSERT_EQ(read.long_lines.size(), 1u);
  const std::string expected_start = "0:3:" + std::string(101, 'x');  // more than the maximum was seen
  EXPECT_EQ(read.long_lines[0].substr(0, expected_start.size()), expected_start);
  EXPECT_LE(read.long_lines[0].size(), 4 + kLongLinePrefix);
  EXPECT_EQ(read.long_lines[0].find_first_not_of('x', 4), std::string::npos);
}

TEST(ChunkReaderTest, ReportsLongLinesInEveryFileAndAtTheEnd) {
  TempDir dir;
  const std::string a = "a\n" + std::string(500, 'y') + "\n" + std::string(500, 'z') + "\nb\n";
  const std::string b = "c\n" + std::string(500, 'w');  // long last line without newline
  WriteFile(dir / "a.ndjson", a);
  WriteFile(dir / "b.ndjson", b);
  ReaderOptions options{.chunk_bytes = 4 << 20, .max_line_bytes = 200, .read_block_bytes = 64};
  ReadResult read = ReadAll({dir / "a.ndjson", dir / "b.ndjson"}, options);
  EXPECT_EQ(read.lines, (std::vector<std::string>{"0:1:a", "0:2:", "0:3:", "0:4:b", "1:1:c", "1:2:"}));
  ASSERT_EQ(read.long_lines.size(), 3u);
  EXPECT_EQ(read.long_lines[0].substr(0, 4 + 201), "0:2:" + std::string(201, 'y'));
  EXPECT_EQ(read.long_lines[1].substr(0, 4 + 201), "0:3:" + std::string(201, 'z'));
  EXPECT_EQ(read.long_lines[2].substr(0, 4 + 201), "1:2:" + std::string(201, 'w'));
}

TEST(ChunkReaderTest, LineOfExactlyMaximumIsKept) {
  TempDir dir;
  const std::string content = std::string(100, 'm') + "\nnext\n";
  WriteFile(dir / "a.ndjson", content);
  for (size_t block : {size_t{7}, size_t{1} << 20}) {
    ReaderOptions options{.chunk_bytes = 4 << 20, .max_line_bytes = 100, .read_block_bytes = block};
    ReadResult read = ReadAll({dir / "a.ndjson"}, options);
    EXPECT_EQ(read.lines, Expected(0, content)) << "block " << block;
    EXPECT_TRUE(read.long_lines.empty()) << "block " << block;
  }
}

TEST(ChunkReaderTest, SniffsCompressionByMagicBytes) {
  EXPECT_EQ(SniffCompression(std::string_view("\x1f\x8b\x08\x00", 4)), Compression::kGzip);
  EXPECT_EQ(SniffCompression("\x28\xb5\x2f\xfd"), Compression::kZstd);
  EXPECT_EQ(SniffCompression("BZh9"), Compression::kBzip2);
  EXPECT_EQ(SniffCompression("{\"id\""), Compression::kPlain);
  EXPECT_EQ(SniffCompression(""), Compression::kPlain);
  EXPECT_EQ(SniffCompression("\x1f"), Compression::kPlain);
  EXPECT_EQ(SniffCompression("\x28\xb5\x2f"), Compression::kPlain);
  EXPECT_EQ(CompressionName(Compression::kPlain), "plain");
  EXPECT_EQ(CompressionName(Compression::kGzip), "gzip");
  EXPECT_EQ(CompressionName(Compression::kZstd), "zstd");
  EXPECT_EQ(CompressionName(Compression::kBzip2), "bzip2");
}

TEST(ChunkReaderTest, IgnoresFileNameWhenSniffing) {
  TempDir dir;
  const std::string content = SampleLines(50);
  WriteFile(dir / "src", content);
  ASSERT_TRUE(Compress("gzip", dir / "src", dir / "gzip.txt"));
  ASSERT_TRUE(Compress("bzip2", dir / "src", dir / "bzip2.ndjson"));
  ASSERT_TRUE(Compress("zstd -q", dir / "src", dir / "zstd.gz"));
  WriteFile(dir / "plain.gz", content);
  ReadResult read = ReadAll({dir / "gzip.txt", dir / "bzip2.ndjson", dir / "zstd.gz", dir / "plain.gz"});
  EXPECT_EQ(read.lines, Concat(Concat(Expected(0, content), Expected(1, content)),
                               Concat(Expected(2, content), Expected(3, content))));
}

TEST(ChunkReaderTest, StoredBytesIsSumOfFileSizes) {
  TempDir dir;
  WriteFile(dir / "a.ndjson", SampleLines(30, 1));
  WriteFile(dir / "b", SampleLines(300, 2));
  ASSERT_TRUE(Compress("gzip", dir / "b", dir / "b.gz"));
  WriteFile(dir / "c", SampleLines(300, 3));
  ASSERT_TRUE(Compress("zstd -q", dir / "c", dir / "c.zst"));
  const std::vector<std::string> files = {dir / "a.ndjson", dir / "b.gz", dir / "c.zst"};
  uint64_t total = 0;
  for (const auto& file : files) total += std::filesystem::file_size(file);
  ReadResult read = ReadAll(files);
  EXPECT_EQ(read.stored_bytes, total);
  EXPECT_EQ(read.decoded_bytes, SampleLines(30, 1).size() + SampleLines(300, 2).size() + SampleLines(300, 3).size());
}

TEST(ChunkReaderTest, MissingFileIsInputError) {
  TempDir dir;
  const std::string missing = dir / "no-such-file.ndjson";
  ExpectInputError([&] { ReadAll({missing}); }, missing);
}

TEST(ChunkReaderTest, MissingFileAfterGoodOneIsInputError) {
  TempDir dir;
  WriteFile(dir / "good.ndjson", "a\nb\n");
  const std::string missing = dir / "missing.ndjson.gz";
  ExpectInputError(
      [&] {
        ChunkReader reader({dir / "good.ndjson", missing}, {});
        Chunk chunk;
        while (reader.Next(chunk)) {
        }
      },
      missing);
}

// A compressed file cut short or corrupted: it cannot be read to its end.
class DamagedTest : public ::testing::TestWithParam<std::string> {};

TEST_P(DamagedTest, CutInHalfIsInputError) {
  TempDir dir;
  WriteFile(dir / "src", SampleLines(3000));
  ASSERT_TRUE(Compress(GetParam(), dir / "src", dir / "whole"));
  const std::string whole = ReadFile(dir / "whole");
  ASSERT_GT(whole.size(), 1000u);
  const std::string cut = dir / "cut.ndjson";
  WriteFile(cut, whole.substr(0, whole.size() / 2));
  ExpectInputError([&] { ReadAll({cut}); }, cut);
}

TEST_P(DamagedTest, MissingLastBytesIsInputError) {
  TempDir dir;
  WriteFile(dir / "src", SampleLines(3000));
  ASSERT_TRUE(Compress(GetParam(), dir / "src", dir / "whole"));
  const std::string whole = ReadFile(dir / "whole");
  const std::string cut = dir / "cut.ndjson";
  WriteFile(cut, whole.substr(0, whole.size() - 3));
  ExpectInputError([&] { ReadAll({cut}); }, cut);
}

TEST_P(DamagedTest, FlippedBytesAreInputError) {
  TempDir dir;
  WriteFile(dir / "src", SampleLines(3000));
  ASSERT_TRUE(Compress(GetParam(), dir / "src", dir / "whole"));
  std::string bytes = ReadFile(dir / "whole");
  for (size_t i = bytes.size() / 3; i < bytes.size() / 3 + 64; ++i) bytes[i] = static_cast<char>(bytes[i] ^ 0x5a);
  const std::string corrupt = dir / "corrupt.ndjson";
  WriteFile(corrupt, bytes);
  ExpectInputError([&] { ReadAll({corrupt}); }, corrupt);
}

INSTANTIATE_TEST_SUITE_P(ChunkReader, DamagedTest, ::testing::Values("gzip", "bzip2", "zstd -q"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           return info.param.substr(0, info.param.find(' '));
                         });

// Several files decoded at once (decode_threads > 1) come out exactly as when read one
// after the other: same chunks' lines in input order, same numbering, same byte counts.
TEST(ChunkReaderTest, FilesDecodedAtOnceComeOutInInputOrder) {
  TempDir dir;
  std::vector<std::string> files;
  for (int f = 0; f < 5; ++f) {
    std::string plain = dir / ("f" + std::to_string(f));
    WriteFile(plain, SampleLines(300 + 50 * f, f));
    std::string packed = plain + (f % 2 ? ".gz" : ".zst");
    ASSERT_TRUE(Compress(f % 2 ? "gzip" : "zstd -q", plain, packed));
    files.push_back(packed);
  }
  files.push_back(dir / "f0");  // a plain one too
  ReaderOptions small;
  small.chunk_bytes = 2048;  // many chunks per file, so the queues fill and wait
  ReadResult one_by_one = ReadAll(files, small);
  for (size_t threads : {2, 3, 8}) {
    ReaderOptions parallel = small;
    parallel.decode_threads = threads;
    ReadResult at_once = ReadAll(files, parallel);
    EXPECT_EQ(at_once.lines, one_by_one.lines) << threads << " threads";
    EXPECT_EQ(at_once.chunks, one_by_one.chunks) << threads << " threads";
    EXPECT_EQ(at_once.stored_bytes, one_by_one.stored_bytes) << threads << " threads";
    EXPECT_EQ(at_once.decoded_bytes, one_by_one.decoded_bytes) << threads << " threads";
  }
}

// A damaged file among several decoded at once is reported when its turn comes, naming
// it, after every chunk of the files before it.
TEST(ChunkReaderTest, FilesDecodedAtOnceReportTheDamagedFileInTurn) {
  TempDir dir;
  WriteFile(dir / "a", SampleLines(500, 1));
  WriteFile(dir / "b", SampleLines(500, 2));
  ASSERT_TRUE(Compress("gzip", dir / "a", dir / "a.gz"));
  ASSERT_TRUE(Compress("gzip", dir / "b", dir / "b.gz"));
  std::string packed = ReadFile(dir / "b.gz");
  WriteFile(dir / "cut.gz", std::string_view(packed).substr(0, packed.size() / 2));
  ReaderOptions options;
  options.chunk_bytes = 1024;
  options.decode_threads = 2;
  ChunkReader reader({dir / "a.gz", dir / "cut.gz", dir / "b.gz"}, options);
  Chunk chunk;
  size_t lines_of_a = 0;
  try {
    while (reader.Next(chunk)) {
      if (chunk.file_index == 0) {
        lines_of_a += static_cast<size_t>(std::count(chunk.lines().begin(), chunk.lines().end(), '\n'));
      }
    }
    ADD_FAILURE() << "no error for the cut file";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kInput);
    EXPECT_NE(std::string(e.what()).find(dir / "cut.gz"), std::string::npos) << e.what();
  }
  EXPECT_EQ(lines_of_a, 500u);
}

// ---- Input forms (spec/nightly.md "Input forms"): a stream is read once, from its first
// byte, and gives exactly what the same bytes give in a regular file.

// A write to a pipe whose reader went away fails with EPIPE in this thread instead of
// ending the test process (SIGPIPE is raised in the writing thread, where it is blocked).
void BlockSigpipeInThisThread() {
  sigset_t pipe_signal;
  sigemptyset(&pipe_signal);
  sigaddset(&pipe_signal, SIGPIPE);
  pthread_sigmask(SIG_BLOCK, &pipe_signal, nullptr);
}

// Writes `bytes` to `fd` on its own thread, a few bytes at first (so that the reader's
// sniffing sees short reads), then in pieces; closes `fd` at the end.
class Writer {
 public:
  Writer(int fd, std::string bytes)
      : thread_([fd, bytes = std::move(bytes)] {
          BlockSigpipeInThisThread();
          size_t pos = 0;
          size_t piece = 1;
          while (pos < bytes.size()) {
            ssize_t n = ::write(fd, bytes.data() + pos, std::min(piece, bytes.size() - pos));
            if (n < 0 && errno == EINTR) continue;
            if (n <= 0) break;  // the reader went away
            pos += static_cast<size_t>(n);
            piece = std::min<size_t>(piece * 3, 7000);
          }
          ::close(fd);
        }) {}
  ~Writer() { thread_.join(); }
  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

 private:
  std::thread thread_;
};

// Standard input replaced by `fd` for the life of the object.
class StdinFrom {
 public:
  explicit StdinFrom(int fd) : saved_(::dup(STDIN_FILENO)) {
    ::dup2(fd, STDIN_FILENO);
    ::close(fd);
  }
  ~StdinFrom() {
    ::dup2(saved_, STDIN_FILENO);
    ::close(saved_);
  }
  StdinFrom(const StdinFrom&) = delete;
  StdinFrom& operator=(const StdinFrom&) = delete;

 private:
  int saved_;
};

enum class Form { kDash, kDevStdin, kFifo, kDevFd };

std::string FormName(Form form) {
  switch (form) {
    case Form::kDash:
      return "Dash";
    case Form::kDevStdin:
      return "DevStdin";
    case Form::kFifo:
      return "Fifo";
    case Form::kDevFd:
      return "DevFd";
  }
  return "?";
}

// Reads `bytes` through the input form (written by a thread as the reader reads it);
// `name` is set to the name the reader was given. A reader that throws still leaves the
// writer finished (its read end closed, its thread joined) before the error goes on.
ReadResult ReadStream(Form form, const std::string& bytes, const ReaderOptions& options, std::string& name,
                      const TempDir& dir) {
  if (form == Form::kFifo) {
    name = dir / "fifo";
    EXPECT_EQ(::mkfifo(name.c_str(), 0600), 0);
    std::thread writer([&] {
      int fd = ::open(name.c_str(), O_WRONLY | O_CLOEXEC);  // waits for the reader to open it
      Writer write(fd, bytes);
    });
    try {
      ReadResult read = ReadAll({name}, options);
      writer.join();
      return read;
    } catch (...) {
      int unblock = ::open(name.c_str(), O_RDONLY | O_NONBLOCK | O_CLOEXEC);  // a writer not yet open goes on
      writer.join();
      ::close(unblock);
      throw;
    }
  }
  int fds[2];
  EXPECT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  Writer writer(fds[1], bytes);
  if (form == Form::kDevFd) {
    name = "/dev/fd/" + std::to_string(fds[0]);
    struct CloseAtEnd {
      int fd;
      ~CloseAtEnd() { ::close(fd); }  // before ~Writer, so that a writer still writing stops
    } read_end{fds[0]};
    return ReadAll({name}, options);
  }
  StdinFrom stdin_from(fds[0]);
  name = form == Form::kDash ? "-" : "/dev/stdin";
  return ReadAll({name}, options);
}

class InputFormTest : public ::testing::TestWithParam<std::tuple<Form, std::string>> {};

TEST_P(InputFormTest, StreamReadsLikeTheSameBytesInAFile) {
  const auto& [form, tool] = GetParam();
  TempDir dir;
  // A BOM, CRLF and a last line without newline: everything the start and end of a file
  // can hold.
  const std::string content = "\xEF\xBB\xBF" + SampleLines(2000, 5) + "x\r\n\nlast line";
  WriteFile(dir / "dump", content);
  std::string file = dir / "dump";
  if (tool != "plain") {
    file = dir / "dump.packed";
    ASSERT_TRUE(Compress(tool, dir / "dump", file));
  }
  const std::string bytes = ReadFile(file);
  for (size_t block : {size_t{1} << 20, size_t{5}}) {
    SCOPED_TRACE("read_block_bytes " + std::to_string(block));
    const ReaderOptions options{.chunk_bytes = 4096, .max_line_bytes = 1 << 20, .read_block_bytes = block};
    ReadResult by_name = ReadAll({file}, options);
    ASSERT_EQ(by_name.lines, Expected(0, content.substr(3)));
    std::string name;
    ReadResult streamed = ReadStream(form, bytes, options, name, dir);
    std::filesystem::remove(dir / "fifo");
    EXPECT_EQ(streamed.lines, by_name.lines) << name;
    EXPECT_EQ(streamed.chunks, by_name.chunks) << name;
    EXPECT_EQ(streamed.stored_bytes, bytes.size()) << name;
    EXPECT_EQ(streamed.decoded_bytes, by_name.decoded_bytes) << name;
  }
}

INSTANTIATE_TEST_SUITE_P(ChunkReader, InputFormTest,
                         ::testing::Combine(::testing::Values(Form::kDash, Form::kDevStdin, Form::kFifo, Form::kDevFd),
                                            ::testing::Values("plain", "gzip", "bzip2", "zstd -q")),
                         [](const auto& info) {
                           const std::string& tool = std::get<1>(info.param);
                           return FormName(std::get<0>(info.param)) + "_" + tool.substr(0, tool.find(' '));
                         });

// A gzip member header with every optional field (extra, name, comment, header CRC),
// delivered one byte per read, as a slow pipe can: the header's flags must survive
// between reads. (ISA-L's own header reading forgot them, and read the deflate data from
// the wrong byte on some runs.)
std::string GzipWithEveryHeaderField(const std::string& plain_gzip) {
  // plain_gzip: gzip -n output, a 10-byte header with no flags, then deflate data.
  std::string header = plain_gzip.substr(0, 10);
  header[3] = 0x02 | 0x04 | 0x08 | 0x10;                  // FHCRC FEXTRA FNAME FCOMMENT
  header += std::string("\x06\x00", 2) + "AB\x02\x00xy";  // XLEN 6: one subfield "AB" of 2 bytes
  header += std::string("dump.ndjson") + '\0';
  header += std::string("made for a test") + '\0';
  uint32_t crc = 0xFFFFFFFFu;  // CRC-32 of the header so far, of which FHCRC keeps the low half
  for (unsigned char byte : header) {
    crc ^= byte;
    for (int bit = 0; bit < 8; ++bit) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
  }
  crc = ~crc;
  header += static_cast<char>(crc & 0xFF);
  header += static_cast<char>((crc >> 8) & 0xFF);
  return header + plain_gzip.substr(10);
}

TEST(ChunkReaderTest, GzipHeaderArrivingAByteAtATimeIsReadWhole) {
  TempDir dir;
  const std::string content = SampleLines(300, 7);
  WriteFile(dir / "dump", content);
  ASSERT_TRUE(Shell("gzip -n -c '" + (dir / "dump") + "' > '" + (dir / "dump.gz") + "'"));
  const std::string member = GzipWithEveryHeaderField(ReadFile(dir / "dump.gz"));
  WriteFile(dir / "every-field.gz", member + member);  // the second member's header too
  const std::vector<std::string> expected = Expected(0, content + content);
  ASSERT_EQ(ReadAll({dir / "every-field.gz"}).lines, expected) << "as a regular file";

  int fds[2];
  ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  const std::string bytes = ReadFile(dir / "every-field.gz");
  std::thread paced([&, write_end = fds[1], read_end = fds[0]] {
    BlockSigpipeInThisThread();
    // One byte, then wait until the reader has taken it, for the first member's header
    // and the second's; the rest in one piece each.
    const size_t second = member.size();
    auto paced_bytes = [&](size_t from, size_t to) {
      for (size_t i = from; i < to; ++i) {
        if (::write(write_end, bytes.data() + i, 1) != 1) return false;
        int waiting = 1;
        for (int spin = 0; spin < 100000 && waiting > 0; ++spin) {
          if (::ioctl(read_end, FIONREAD, &waiting) != 0) break;
          if (waiting > 0) std::this_thread::sleep_for(std::chrono::microseconds(20));
        }
      }
      return true;
    };
    auto whole = [&](size_t from, size_t to) {
      for (size_t i = from; i < to;) {
        ssize_t n = ::write(write_end, bytes.data() + i, to - i);
        if (n <= 0) return false;
        i += static_cast<size_t>(n);
      }
      return true;
    };
    (void)(paced_bytes(0, 64) && whole(64, second) && paced_bytes(second, second + 64) &&
           whole(second + 64, bytes.size()));
    ::close(write_end);
  });
  std::vector<std::string> lines;
  try {
    lines = ReadAll({"/dev/fd/" + std::to_string(fds[0])}).lines;
  } catch (const Error& e) {
    ADD_FAILURE() << e.what();
  }
  ::close(fds[0]);
  paced.join();
  EXPECT_EQ(lines, expected);
}

TEST(ChunkReaderTest, EmptyPipeIsAnInputWithNoLines) {
  TempDir dir;
  for (Form form : {Form::kDash, Form::kDevFd, Form::kFifo}) {
    std::string name;
    ReadResult read = ReadStream(form, "", {}, name, dir);
    std::filesystem::remove(dir / "fifo");
    EXPECT_EQ(read.chunks, 0u) << name;
    EXPECT_TRUE(read.lines.empty()) << name;
    EXPECT_EQ(read.stored_bytes, 0u) << name;
  }
}

TEST(ChunkReaderTest, PipeWithFiveLinesGivesFiveLines) {
  TempDir dir;
  std::string name;
  ReadResult read = ReadStream(Form::kDash, "1\n2\n3\n4\n5\n", {}, name, dir);
  EXPECT_EQ(read.lines, (std::vector<std::string>{"0:1:1", "0:2:2", "0:3:3", "0:4:4", "0:5:5"}));
  EXPECT_EQ(read.stored_bytes, 10u);
}

TEST(ChunkReaderTest, StreamShorterThanAnyMagicNumberIsPlain) {
  TempDir dir;
  for (std::string bytes : {std::string("ab"), std::string("\x1f"), std::string("BZ"), std::string("\x28\xb5\x2f")}) {
    std::string name;
    ReadResult read = ReadStream(Form::kDevFd, bytes, {}, name, dir);
    EXPECT_EQ(read.lines, (std::vector<std::string>{"0:1:" + bytes}));
    EXPECT_EQ(read.stored_bytes, bytes.size());
  }
}

// A compressed stream cut short on a pipe is as much an input error as the same file.
TEST(ChunkReaderTest, TruncatedStreamOnAPipeIsInputErrorNamingIt) {
  TempDir dir;
  WriteFile(dir / "src", SampleLines(3000));
  for (std::string tool : {"gzip", "bzip2", "zstd -q"}) {
    ASSERT_TRUE(Compress(tool, dir / "src", dir / "whole"));
    const std::string whole = ReadFile(dir / "whole");
    for (size_t keep : {size_t{4}, whole.size() / 2, whole.size() - 3}) {
      int fds[2];
      ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
      {
        Writer writer(fds[1], whole.substr(0, keep));
        StdinFrom stdin_from(fds[0]);
        ExpectInputError([&] { ReadAll({"-"}); }, "-: ");
      }
    }
  }
}

TEST(ChunkReaderTest, StandardInputGivenTwiceIsUsageError) {
  try {
    ChunkReader reader({"-", "a.ndjson", "-"}, {});
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::kUsage);
    EXPECT_NE(std::string(e.what()).find("standard input"), std::string::npos) << e.what();
  }
}

TEST(ChunkReaderTest, DirectoryIsInputErrorSayingSo) {
  TempDir dir;
  std::filesystem::create_directory(dir / "sub");
  ExpectInputError([&] { ReadAll({dir / "sub"}); }, dir / "sub");
  try {
    ReadAll({dir / "sub"});
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("is a directory"), std::string::npos) << e.what();
  }
}

TEST(ChunkReaderTest, MissingFileErrorSaysWhatToDo) {
  TempDir dir;
  const std::string missing = dir / "missing.ndjson";
  try {
    ReadAll({missing});
    ADD_FAILURE() << "no error";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              missing + ": cannot open: No such file or directory (check the path; give - to read standard input)");
  }
}

// Regular files are decoded at once on threads; a stream among them is read in its turn
// by the caller, and the result is the same as one after the other.
TEST(ChunkReaderTest, StreamAmongFilesDecodedAtOnceKeepsInputOrder) {
  TempDir dir;
  WriteFile(dir / "a", SampleLines(400, 1));
  WriteFile(dir / "b", SampleLines(400, 2));
  ASSERT_TRUE(Compress("gzip", dir / "b", dir / "b.gz"));
  int fds[2];
  ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  ReaderOptions options{
      .chunk_bytes = 2048, .max_line_bytes = 1 << 20, .read_block_bytes = 1 << 20, .decode_threads = 3};
  ReadResult read;
  {
    Writer writer(fds[1], ReadFile(dir / "b.gz"));
    StdinFrom stdin_from(fds[0]);
    read = ReadAll({dir / "a", "-", dir / "b.gz"}, options);
  }
  EXPECT_EQ(read.lines, Concat(Concat(Expected(0, SampleLines(400, 1)), Expected(1, SampleLines(400, 2))),
                               Expected(2, SampleLines(400, 2))));
  EXPECT_EQ(read.stored_bytes, SampleLines(400, 1).size() + 2 * std::filesystem::file_size(dir / "b.gz"));
}

// ---- io::ExpandInputs: a directory reads its files in byte order of their names.

TEST(ExpandInputsTest, DirectoryBecomesItsFilesSortedByNameInByteOrder) {
  TempDir dir;
  const std::string d = dir / "dump";
  std::filesystem::create_directories(d + "/sub");
  std::filesystem::create_directories(d + "/empty");
  for (const char* name : {"b", "B", "a10", "a2", "\xC3\xA9", ".hidden", "sub/x", "sub/.y", "_"}) {
    WriteFile(d + "/" + name, "");
  }
  // 'B' 0x42 < '_' 0x5F < 'a' < 'b' < 's' < 0xC3 (the first byte of "é").
  EXPECT_EQ(ExpandInputs({"first", d, "-", d + "/"}),
            (std::vector<std::string>{"first", d + "/B", d + "/_", d + "/a10", d + "/a2", d + "/b", d + "/sub/x",
                                      d + "/\xC3\xA9", "-", d + "/B", d + "/_", d + "/a10", d + "/a2", d + "/b",
                                      d + "/sub/x", d + "/\xC3\xA9"}));
}

TEST(ExpandInputsTest, KeepsOtherNamesAsGiven) {
  TempDir dir;
  WriteFile(dir / "f", "x\n");
  const std::vector<std::string> names = {dir / "f", "-", "/dev/stdin", dir / "missing"};
  EXPECT_EQ(ExpandInputs(names), names);
}

TEST(ExpandInputsTest, DirectoryWithoutFilesIsInputError) {
  TempDir dir;
  std::filesystem::create_directories(dir / "empty/inner");
  WriteFile(dir / "empty/.only-hidden", "x\n");
  ExpectInputError([&] { ExpandInputs({dir / "empty"}); }, dir / "empty");
}

// The CLI end to end: the same bytes by name and on standard input give the same summary
// figures, and the quarantine names standard input `-`.
TEST(ChunkReaderTest, IngestFromStandardInputMatchesIngestOfTheFile) {
  TempDir dir;
  std::string content;
  for (int i = 0; i < 50; ++i) {  // the example record of spec/record-format.md, 50 ids
    content += "{\"id\":\"CN1023456" + std::to_string(10 + i) +
               "B\",\"type\":\"invention\",\"filing_date\":\"2011-04-12\",\"grant_date\":\"2014-06-18\","
               "\"status\":\"valid\",\"ipc\":[\"G06F 16/27\"],\"holders\":[{\"name\":\"重庆示例科技有限公司\","
               "\"country\":\"CN\",\"region\":\"500117\"}]}\n";
  }
  content += "not json\n";
  WriteFile(dir / "d", content);
  ASSERT_TRUE(Compress("zstd -q", dir / "d", dir / "d.zst"));
  auto ingest = [&](const std::string& db, const std::string& file) {
    return hvpat::testing::RunCli({"ingest", "--db", dir / db, "--rules", HVPAT_SOURCE_RULES_DIR, "--as-of",
                                   "2023-12-31", "--format", "json", file});
  };
  auto by_name = ingest("db1", dir / "d.zst");
  int fds[2];
  ASSERT_EQ(::pipe2(fds, O_CLOEXEC), 0);
  hvpat::testing::CliResult streamed;
  {
    Writer writer(fds[1], ReadFile(dir / "d.zst"));
    StdinFrom stdin_from(fds[0]);
    streamed = ingest("db2", "-");
  }
  ASSERT_EQ(by_name.status, 1) << by_name.err;
  ASSERT_EQ(streamed.status, 1) << streamed.err;
  hvpat::testing::Json a(by_name.out), b(streamed.out);
  ASSERT_TRUE(a.ok() && b.ok());
  for (const char* key : {"lines_read", "indexed", "quarantined", "bytes_read", "bytes_decoded"}) {
    EXPECT_EQ(int64_t(a[key]), int64_t(b[key])) << key;
  }
  EXPECT_EQ(int64_t(b["lines_read"]), 51);
  EXPECT_EQ(int64_t(b["indexed"]), 50);
  EXPECT_EQ(int64_t(b["quarantined"]), 1);
  EXPECT_EQ(int64_t(b["bytes_read"]), static_cast<int64_t>(std::filesystem::file_size(dir / "d.zst")));
  const std::string quarantine = ReadFile(dir / "db2/quarantine.ndjson");
  EXPECT_EQ(quarantine.rfind("{\"file\":\"-\",\"line\":51,", 0), 0u) << quarantine;
}

}  // namespace
}  // namespace hvpat::io
