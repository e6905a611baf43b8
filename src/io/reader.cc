// Decompression through Boost.iostreams and line-aligned chunking (spec/record-format.md:
// magic-byte sniffing, concatenated members, BOM, bounded line length).
#include "hvpat/io/reader.h"

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <mutex>
#include <thread>
#include <filesystem>
#include <fstream>

#include <boost/iostreams/device/file.hpp>
#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_streambuf.hpp>

#include <zstd.h>
#ifdef HVPAT_HAVE_ISAL
#include <isa-l/igzip_lib.h>
#endif

#include "hvpat/base/error.h"

namespace hvpat::io {
namespace bio = boost::iostreams;

namespace {

constexpr std::string_view kBom = "\xEF\xBB\xBF";
constexpr std::streamsize kCompressedBuffer = 1 << 20;

[[noreturn]] void Fail(const std::string& file, const std::string& why) {
  throw Error(ErrorKind::kInput, file + ": " + why);
}

// A Boost.iostreams source reading a file through a streaming decoder that can tell
// whether its last frame or member was complete. Boost's own zstd filter ends quietly on
// a truncated frame; the spec wants a file that cannot be read to its end to stop the
// run. Decoder: Decode(in, in_len, out, out_len) -> (consumed, produced), throwing
// std::ios_base::failure on corrupt data; Complete() at a frame or member boundary.
template <typename Decoder>
class DecodingSource {
 public:
  using char_type = char;
  using category = bio::source_tag;

  explicit DecodingSource(const std::string& path)
      : file_(std::make_shared<bio::file_source>(path, std::ios::binary)),
        decoder_(std::make_shared<Decoder>()),
        state_(std::make_shared<State>()) {
    if (!file_->is_open()) throw std::ios_base::failure("cannot open");
  }

  std::streamsize read(char* out, std::streamsize n) {
    State& st = *state_;
    size_t produced = 0;
    while (produced == 0) {
      if (st.begin == st.end) {
        if (st.eof) break;
        std::streamsize got = file_->read(st.input.data(), static_cast<std::streamsize>(st.input.size()));
        if (got <= 0) {
          st.eof = true;
          if (!decoder_->Complete()) throw std::ios_base::failure(Decoder::kName + std::string(" data ends inside a frame"));
          break;
        }
        st.begin = 0;
        st.end = static_cast<size_t>(got);
      }
      auto [consumed, made] = decoder_->Decode(st.input.data() + st.begin, st.end - st.begin, out, static_cast<size_t>(n));
      st.begin += consumed;
      produced = made;
      if (consumed == 0 && made == 0 && st.begin != st.end) throw std::ios_base::failure("decoder made no progress");
    }
    return produced > 0 ? static_cast<std::streamsize>(produced) : -1;
  }

 private:
  struct State {
    std::vector<char> input = std::vector<char>(1 << 20);
    size_t begin = 0, end = 0;
    bool eof = false;
  };
  // Boost copies devices; the copies share one decoder.
  std::shared_ptr<bio::file_source> file_;
  std::shared_ptr<Decoder> decoder_;
  std::shared_ptr<State> state_;
};

class ZstdDecoder {
 public:
  static constexpr const char* kName = "zstd";
  ZstdDecoder() : context_(ZSTD_createDCtx()) {}
  ~ZstdDecoder() { ZSTD_freeDCtx(context_); }
  ZstdDecoder(const ZstdDecoder&) = delete;
  ZstdDecoder& operator=(const ZstdDecoder&) = delete;

  std::pair<size_t, size_t> Decode(const char* in, size_t in_len, char* out, size_t out_len) {
    ZSTD_inBuffer input{in, in_len, 0};
    ZSTD_outBuffer output{out, out_len, 0};
    pending_ = ZSTD_decompressStream(context_, &output, &input);
    if (ZSTD_isError(pending_)) throw std::ios_base::failure(ZSTD_getErrorName(pending_));
    return {input.pos, output.pos};
  }
  bool Complete() const { return pending_ == 0; }

 private:
  ZSTD_DCtx* context_;
  size_t pending_ = 0;  // 0 when the last frame is complete
};

#ifdef HVPAT_HAVE_ISAL
// gzip through Intel ISA-L's inflate (2-3 times zlib's speed), member after member as
// zcat reads them.
class IsalGzipDecoder {
 public:
  static constexpr const char* kName = "gzip";
  IsalGzipDecoder() : state_(std::make_unique<inflate_state>()) { Start(); }

  std::pair<size_t, size_t> Decode(const char* in, size_t in_len, char* out, size_t out_len) {
    if (state_->block_state == ISAL_BLOCK_FINISH) Start();  // the next member
    state_->next_in = reinterpret_cast<uint8_t*>(const_cast<char*>(in));
    state_->avail_in = static_cast<uint32_t>(std::min<size_t>(in_len, UINT32_MAX));
    state_->next_out = reinterpret_cast<uint8_t*>(out);
    state_->avail_out = static_cast<uint32_t>(std::min<size_t>(out_len, UINT32_MAX));
    const uint32_t avail_in = state_->avail_in, avail_out = state_->avail_out;
    int ret = isal_inflate(state_.get());
    if (ret < 0) throw std::ios_base::failure("corrupt gzip data (ISA-L inflate error " + std::to_string(ret) + ")");
    return {avail_in - state_->avail_in, avail_out - state_->avail_out};
  }
  bool Complete() const { return state_->block_state == ISAL_BLOCK_FINISH; }

 private:
  void Start() {
    isal_inflate_init(state_.get());
    state_->crc_flag = ISAL_GZIP;
  }
  std::unique_ptr<inflate_state> state_;
};
#endif

}  // namespace

Compression SniffCompression(std::string_view head) {
  auto starts = [&](std::string_view magic) { return head.substr(0, magic.size()) == magic; };
  if (starts("\x1f\x8b")) return Compression::kGzip;
  if (starts("\x28\xb5\x2f\xfd")) return Compression::kZstd;
  if (starts("BZh")) return Compression::kBzip2;
  return Compression::kPlain;
}

std::string_view CompressionName(Compression compression) {
  switch (compression) {
    case Compression::kGzip: return "gzip";
    case Compression::kZstd: return "zstd";
    case Compression::kBzip2: return "bzip2";
    case Compression::kPlain: break;
  }
  return "plain";
}

struct ChunkReader::Source {
  Compression compression = Compression::kPlain;
  bio::filtering_istreambuf in;
};

// Decodes several files at once, one reader thread per file in turn, each filling a short
// queue of its file's chunks; Next hands them out file by file, in input order. A file's
// error is raised when its turn comes, so what a run reports does not depend on timing.
class ChunkReader::Prefetch {
 public:
  Prefetch(const std::vector<std::string>& files, ReaderOptions options) : slots_(files.size()) {
    const size_t threads = std::min(options.decode_threads, files.size());
    options.decode_threads = 1;
    for (size_t t = 0; t < threads; ++t) {
      threads_.emplace_back([this, t, threads, files, options] {
        for (size_t i = t; i < files.size() && !Stopped(); i += threads) Produce(i, files[i], options);
      });
    }
  }
  ~Prefetch() {
    {
      std::lock_guard lock(mutex_);
      stop_ = true;
    }
    changed_.notify_all();
    for (auto& thread : threads_) thread.join();
  }

  bool Next(Chunk& out) {
    std::unique_lock lock(mutex_);
    while (current_ < slots_.size()) {
      Slot& slot = slots_[current_];
      changed_.wait(lock, [&] { return !slot.chunks.empty() || slot.done || slot.error; });
      if (!slot.chunks.empty()) {
        out = std::move(slot.chunks.front());
        slot.chunks.pop_front();
        out.file_index = current_;
        changed_.notify_all();
        return true;
      }
      if (slot.error) std::rethrow_exception(slot.error);
      ++current_;
    }
    return false;
  }
  uint64_t stored_bytes() const { return stored_; }
  uint64_t decoded_bytes() const { return decoded_; }

 private:
  static constexpr size_t kDepth = 2;  // chunks queued per file
  struct Slot {
    std::deque<Chunk> chunks;
    bool done = false;
    std::exception_ptr error;
  };

  bool Stopped() {
    std::lock_guard lock(mutex_);
    return stop_;
  }

  void Produce(size_t index, const std::string& file, const ReaderOptions& options) {
    try {
      ChunkReader reader({file}, options);
      Chunk chunk;
      uint64_t decoded = 0;
      while (reader.Next(chunk)) {
        decoded_ += reader.decoded_bytes() - decoded;
        decoded = reader.decoded_bytes();
        std::unique_lock lock(mutex_);
        changed_.wait(lock, [&] { return stop_ || slots_[index].chunks.size() < kDepth; });
        if (stop_) return;
        slots_[index].chunks.push_back(std::move(chunk));
        changed_.notify_all();
      }
      decoded_ += reader.decoded_bytes() - decoded;
      stored_ += reader.stored_bytes();
      std::lock_guard lock(mutex_);
      slots_[index].done = true;
    } catch (...) {
      std::lock_guard lock(mutex_);
      slots_[index].error = std::current_exception();
    }
    changed_.notify_all();
  }

  std::mutex mutex_;
  std::condition_variable changed_;
  std::vector<Slot> slots_;
  size_t current_ = 0;  // the file Next is handing out
  bool stop_ = false;
  std::atomic<uint64_t> stored_{0}, decoded_{0};
  std::vector<std::thread> threads_;  // last: joined before the rest is destroyed
};

ChunkReader::ChunkReader(std::vector<std::string> files, ReaderOptions options)
    : files_(std::move(files)), options_(options), block_(std::max<size_t>(options.read_block_bytes, 4)) {
  if (options_.decode_threads > 1 && files_.size() > 1) prefetch_ = std::make_unique<Prefetch>(files_, options_);
}

ChunkReader::~ChunkReader() = default;

uint64_t ChunkReader::stored_bytes() const { return prefetch_ ? prefetch_->stored_bytes() : stored_bytes_; }
uint64_t ChunkReader::decoded_bytes() const { return prefetch_ ? prefetch_->decoded_bytes() : decoded_bytes_; }

void ChunkReader::OpenNext() {
  const std::string& path = files_[file_index_];
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec)) Fail(path, "is a directory, not a dump file");
  std::ifstream probe(path, std::ios::binary);
  if (!probe) Fail(path, std::string("cannot open: ") + std::strerror(errno));
  char head[4] = {};
  probe.read(head, sizeof head);
  auto compression = SniffCompression(std::string_view(head, static_cast<size_t>(probe.gcount())));
  probe.close();
  auto size = std::filesystem::file_size(path, ec);
  if (!ec) stored_bytes_ += size;

  source_ = std::make_unique<Source>();
  source_->compression = compression;
  // Members, streams and frames are all read to the end, as zcat, bzcat and zstdcat do.
  switch (compression) {
    case Compression::kGzip:
#ifdef HVPAT_HAVE_ISAL
      source_->in.push(DecodingSource<IsalGzipDecoder>(path), kCompressedBuffer);
#else
      source_->in.push(bio::gzip_decompressor(bio::zlib::default_window_bits, kCompressedBuffer));
      source_->in.push(bio::file_source(path, std::ios::binary), kCompressedBuffer);
#endif
      break;
    case Compression::kZstd:
      source_->in.push(DecodingSource<ZstdDecoder>(path), kCompressedBuffer);
      break;
    case Compression::kBzip2:
      source_->in.push(bio::bzip2_decompressor(false, kCompressedBuffer));
      source_->in.push(bio::file_source(path, std::ios::binary), kCompressedBuffer);
      break;
    case Compression::kPlain:
      source_->in.push(bio::file_source(path, std::ios::binary), kCompressedBuffer);
      break;
  }
  open_ = true;
  at_file_start_ = true;
  skipping_ = false;
  carry_.clear();
  carry_line_ = 1;
}

size_t ChunkReader::ReadBlock(char* out, size_t capacity) {
  try {
    auto got = source_->in.sgetn(out, static_cast<std::streamsize>(capacity));
    return got > 0 ? static_cast<size_t>(got) : 0;
  } catch (const std::exception& e) {
    Fail(files_[file_index_], std::string(CompressionName(source_->compression)) +
                                  " data is truncated or corrupt (" + e.what() + ")");
  }
}

bool ChunkReader::Next(Chunk& chunk) {
  if (prefetch_) {
    if (!prefetch_->Next(chunk)) return false;
    chunk.sequence = sequence_++;  // input order across files
    return true;
  }
  chunk.long_lines.clear();
  chunk.text.clear();
  chunk.size = 0;
  std::string& text = chunk.text;
  auto finish = [&](uint64_t first_line) {
    chunk.size = text.size();
    carry_line_ = first_line + static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n'));
    text.append(kPadding, '\0');
    chunk.sequence = sequence_++;
    return true;
  };

  while (true) {
    if (!open_) {
      if (file_index_ >= files_.size()) return false;
      OpenNext();
    }
    chunk.file_index = file_index_;
    const uint64_t first_line = carry_line_;
    chunk.first_line = first_line;
    text.assign(carry_);  // into the chunk's own buffer: it keeps its capacity from run to run
    carry_.clear();
    size_t tail_start = 0;  // start of the incomplete last line in text

    while (true) {
      size_t n = ReadBlock(block_.data(), block_.size());
      while (at_file_start_ && n > 0 && n < kBom.size()) {  // a BOM split across tiny reads
        size_t more = ReadBlock(block_.data() + n, block_.size() - n);
        if (more == 0) break;
        n += more;
      }
      if (n == 0) {
        if (!skipping_ && !text.empty() && text.back() != '\n') text.push_back('\n');
        skipping_ = false;
        source_.reset();
        open_ = false;
        ++file_index_;
        if (text.empty() && chunk.long_lines.empty()) break;  // nothing left in this file
        return finish(first_line);
      }
      decoded_bytes_ += n;
      std::string_view block(block_.data(), n);
      if (at_file_start_) {
        at_file_start_ = false;
        if (block.substr(0, kBom.size()) == kBom) block.remove_prefix(kBom.size());
      }
      if (skipping_) {
        auto end = block.find('\n');
        if (end == std::string_view::npos) continue;
        block.remove_prefix(end + 1);
        skipping_ = false;
      }
      size_t line_start = tail_start;
      text.append(block);
      // Every line completed by this block, and the unfinished tail, must fit the maximum;
      // a longer one is replaced by an empty line (keeping the numbering) and reported.
      auto too_long = [&](size_t start, size_t end) {
        uint64_t line = first_line + static_cast<uint64_t>(std::count(
                                         text.begin(), text.begin() + static_cast<long>(start), '\n'));
        chunk.long_lines.push_back({line, text.substr(start, std::min(end - start, kLongLinePrefix))});
        text.erase(start, end - start);
      };
      if (text.size() - line_start > options_.max_line_bytes) {
        // Some line here may be too long: look at each one.
        for (size_t nl = text.find('\n', line_start); nl != std::string::npos; nl = text.find('\n', line_start)) {
          if (nl - line_start > options_.max_line_bytes) {
            too_long(line_start, nl);
            nl = line_start;
          }
          line_start = nl + 1;
        }
      } else if (const void* nl = memrchr(text.data() + line_start, '\n', text.size() - line_start)) {
        line_start = static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1;  // no line can be too long
      }
      tail_start = line_start;
      if (text.size() - tail_start > options_.max_line_bytes) {
        too_long(tail_start, text.size());
        text.push_back('\n');
        tail_start = text.size();
        skipping_ = true;
      }
      if (tail_start >= options_.chunk_bytes) {
        carry_.assign(text, tail_start);
        text.resize(tail_start);
        return finish(first_line);
      }
    }
  }
}

}  // namespace hvpat::io
