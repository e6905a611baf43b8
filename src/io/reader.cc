// Decompression through Boost.iostreams and line-aligned chunking (spec/record-format.md:
// magic-byte sniffing, concatenated members, BOM, bounded line length; spec/nightly.md
// "Input forms": every input, pipes included, is opened once and read once from its first
// byte, so compression is sniffed from bytes kept in memory, never by seeking or reopening).
#include "hvpat/io/reader.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>

#include <algorithm>
#include <atomic>
#include <boost/iostreams/filter/bzip2.hpp>
#include <boost/iostreams/filter/gzip.hpp>
#include <boost/iostreams/filtering_streambuf.hpp>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <exception>
#include <filesystem>
#include <mutex>
#include <thread>
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

// What to tell the user about a file that cannot be opened or read.
std::string CannotOpen(int error) {
  std::string why = std::string("cannot open: ") + std::strerror(error);
  switch (error) {
    case ENOENT:
      return why + " (check the path; give - to read standard input)";
    case EACCES:
      return why + " (make it readable by this user)";
    default:
      return why;
  }
}

// True for "-", read from standard input, and the names that reopen it.
bool NamesStandardInput(std::string_view name) {
  return name == "-" || name == "/dev/stdin" || name == "/dev/fd/0" || name == "/proc/self/fd/0";
}

// One input opened exactly once: a file descriptor read from its first byte to its end.
// Its first bytes are read ahead for sniffing and handed out again before the rest, so a
// pipe loses nothing. Counts every byte read from the descriptor.
class Input {
 public:
  static constexpr size_t kHeadBytes = 4;  // enough for every magic number we know

  explicit Input(const std::string& name) : name_(name) {
    if (name == "-") {
      fd_ = STDIN_FILENO;
    } else {
      fd_ = ::open(name.c_str(), O_RDONLY | O_CLOEXEC);
      if (fd_ < 0) Fail(name, CannotOpen(errno));
      owned_ = true;
    }
    struct stat st {};
    if (::fstat(fd_, &st) != 0) {
      int error = errno;
      Close();
      Fail(name, name == "-" ? "standard input is not open" : CannotOpen(error));
    }
    if (S_ISDIR(st.st_mode)) {
      Close();
      Fail(name, "is a directory, not a dump file");
    }
    while (head_.size() < kHeadBytes) {  // a pipe may deliver them a byte at a time
      char byte_block[kHeadBytes];
      size_t got = ReadFd(byte_block, kHeadBytes - head_.size());
      if (got == 0) break;
      head_.append(byte_block, got);
    }
  }
  ~Input() { Close(); }
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;

  std::string_view head() const { return head_; }
  uint64_t bytes_read() const { return bytes_read_; }

  // Up to `n` bytes, the sniffed head first; 0 at the end. Throws Error(kInput) when the
  // descriptor cannot be read.
  size_t Read(char* out, size_t n) {
    if (head_used_ < head_.size()) {
      size_t take = std::min(n, head_.size() - head_used_);
      std::memcpy(out, head_.data() + head_used_, take);
      head_used_ += take;
      return take;
    }
    return ReadFd(out, n);
  }

 private:
  size_t ReadFd(char* out, size_t n) {
    while (true) {
      ssize_t got = ::read(fd_, out, n);
      if (got >= 0) {
        bytes_read_ += static_cast<uint64_t>(got);
        return static_cast<size_t>(got);
      }
      if (errno != EINTR) Fail(name_, std::string("read error: ") + std::strerror(errno));
    }
  }
  void Close() {
    if (owned_) ::close(fd_);  // standard input stays open for the process
    owned_ = false;
    fd_ = -1;
  }

  std::string name_;
  int fd_ = -1;
  bool owned_ = false;  // opened here, so closed here
  std::string head_;
  size_t head_used_ = 0;
  uint64_t bytes_read_ = 0;
};

// A Boost.iostreams source over an Input; Boost copies devices, so they share it.
class InputSource {
 public:
  using char_type = char;
  using category = bio::source_tag;
  explicit InputSource(std::shared_ptr<Input> input) : input_(std::move(input)) {}
  std::streamsize read(char* out, std::streamsize n) {
    size_t got = input_->Read(out, static_cast<size_t>(n));
    return got > 0 ? static_cast<std::streamsize>(got) : -1;
  }

 private:
  std::shared_ptr<Input> input_;
};

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

  explicit DecodingSource(std::shared_ptr<Input> input)
      : input_(std::move(input)), decoder_(std::make_shared<Decoder>()), state_(std::make_shared<State>()) {}

  std::streamsize read(char* out, std::streamsize n) {
    State& st = *state_;
    size_t produced = 0;
    while (produced == 0) {
      if (st.begin == st.end) {
        if (st.eof) break;
        size_t got = input_->Read(st.input.data(), st.input.size());
        if (got == 0) {
          st.eof = true;
          if (!decoder_->Complete())
            throw std::ios_base::failure(Decoder::kName + std::string(" data ends inside a frame"));
          break;
        }
        st.begin = 0;
        st.end = got;
      }
      auto [consumed, made] =
          decoder_->Decode(st.input.data() + st.begin, st.end - st.begin, out, static_cast<size_t>(n));
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
  std::shared_ptr<Input> input_;
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
// zcat reads them. The member header is read here with a header record that lives as
// long as the member: isal_inflate reads it into a local record, so a header that reaches
// it in pieces (a pipe, a file name in the header) loses its flags between calls and the
// deflate data is misread (intel/isa-l issue #224).
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
    if (!state_->wrapper_flag) {
      int ret = isal_read_gzip_header(state_.get(), &header_);
      if (ret < 0) throw std::ios_base::failure("corrupt gzip header (ISA-L error " + std::to_string(ret) + ")");
      if (ret != ISAL_DECOMP_OK) return {avail_in - state_->avail_in, 0};  // the header goes on
    }
    int ret = isal_inflate(state_.get());
    if (ret < 0) throw std::ios_base::failure("corrupt gzip data (ISA-L inflate error " + std::to_string(ret) + ")");
    return {avail_in - state_->avail_in, avail_out - state_->avail_out};
  }
  bool Complete() const { return state_->block_state == ISAL_BLOCK_FINISH; }

 private:
  void Start() {
    isal_inflate_init(state_.get());
    state_->crc_flag = ISAL_GZIP;     // isal_inflate checks the trailer's CRC and size
    isal_gzip_header_init(&header_);  // no name, extra or comment buffers: skipped
  }
  std::unique_ptr<inflate_state> state_;
  isal_gzip_header header_{};
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
    case Compression::kGzip:
      return "gzip";
    case Compression::kZstd:
      return "zstd";
    case Compression::kBzip2:
      return "bzip2";
    case Compression::kPlain:
      break;
  }
  return "plain";
}

struct ChunkReader::Source {
  std::shared_ptr<Input> input;
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

namespace {

// Appends the files of `dir` (sorted by name in byte order, hidden names left out,
// subdirectories expanded in place); returns how many it added. `depth` stops a loop of
// symbolic links.
size_t AppendDirectory(const std::filesystem::path& dir, const std::string& shown, std::vector<std::string>& out,
                       int depth = 0) {
  namespace fs = std::filesystem;
  if (depth > 32) Fail(shown, "directories nested more than 32 deep (a loop of symbolic links?)");
  std::error_code ec;
  std::vector<std::string> names;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    std::string name = it->path().filename().string();
    if (!name.empty() && name[0] != '.') names.push_back(std::move(name));
  }
  if (ec) Fail(shown, "cannot list directory: " + ec.message());
  std::sort(names.begin(), names.end());  // std::string compares bytes as unsigned char
  size_t added = 0;
  for (const auto& name : names) {
    std::string path = shown + (shown.back() == '/' ? "" : "/") + name;
    if (fs::is_directory(dir / name, ec)) {
      added += AppendDirectory(dir / name, path, out, depth + 1);
    } else {
      out.push_back(std::move(path));
      ++added;
    }
  }
  return added;
}

// Replaces text[start, end) of the chunk, a line longer than the maximum, by nothing
// (its line end stays, keeping the numbering), and reports it with its first bytes.
void DropLongLine(Chunk& chunk, size_t start, size_t end) {
  base::HugeBytes& text = chunk.text;
  const uint64_t line =
      chunk.first_line + static_cast<uint64_t>(std::count(text.begin(), text.begin() + static_cast<long>(start), '\n'));
  chunk.long_lines.push_back(
      {line, std::string(std::string_view(text).substr(start, std::min(end - start, kLongLinePrefix)))});
  text.erase(start, end - start);
}

// Several files are decoded at once only when all are regular files: a reader thread
// blocked on a pipe or terminal could not be stopped when another input fails, and
// standard input must be read by one reader only.
bool AllRegularFiles(const std::vector<std::string>& files) {
  for (const auto& file : files) {
    struct stat st {};
    if (NamesStandardInput(file) || ::stat(file.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) return false;
  }
  return true;
}

}  // namespace

std::vector<std::string> ExpandInputs(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  for (const auto& name : names) {
    std::error_code ec;
    if (name == "-" || name.empty() || !std::filesystem::is_directory(name, ec)) {
      out.push_back(name);
    } else if (AppendDirectory(name, name, out) == 0) {
      Fail(name, "is a directory with no files to read");
    }
  }
  return out;
}

ChunkReader::ChunkReader(std::vector<std::string> files, ReaderOptions options)
    : files_(std::move(files)), options_(options), block_(std::max<size_t>(options.read_block_bytes, 4)) {
  if (std::count_if(files_.begin(), files_.end(), [](const std::string& f) { return f == "-"; }) > 1) {
    throw Error(ErrorKind::kUsage, "-: standard input can be read only once; give - once");
  }
  if (options_.decode_threads > 1 && files_.size() > 1 && AllRegularFiles(files_)) {
    prefetch_ = std::make_unique<Prefetch>(files_, options_);
  }
}

ChunkReader::~ChunkReader() = default;

uint64_t ChunkReader::stored_bytes() const {
  if (prefetch_) return prefetch_->stored_bytes();
  return stored_bytes_ + (source_ ? source_->input->bytes_read() : 0);
}
uint64_t ChunkReader::decoded_bytes() const { return prefetch_ ? prefetch_->decoded_bytes() : decoded_bytes_; }

void ChunkReader::OpenNext() {
  source_ = std::make_unique<Source>();
  source_->input = std::make_shared<Input>(files_[file_index_]);  // the only open of this input
  const auto compression = SniffCompression(source_->input->head());
  source_->compression = compression;
  // Members, streams and frames are all read to the end, as zcat, bzcat and zstdcat do.
  // Plain input needs no filter: ReadBlock reads it straight from the Input.
  switch (compression) {
    case Compression::kGzip:
#ifdef HVPAT_HAVE_ISAL
      source_->in.push(DecodingSource<IsalGzipDecoder>(source_->input), kCompressedBuffer);
#else
      source_->in.push(bio::gzip_decompressor(bio::zlib::default_window_bits, kCompressedBuffer));
      source_->in.push(InputSource(source_->input), kCompressedBuffer);
#endif
      break;
    case Compression::kZstd:
      source_->in.push(DecodingSource<ZstdDecoder>(source_->input), kCompressedBuffer);
      break;
    case Compression::kBzip2:
      source_->in.push(bio::bzip2_decompressor(false, kCompressedBuffer));
      source_->in.push(InputSource(source_->input), kCompressedBuffer);
      break;
    case Compression::kPlain:
      break;
  }
  open_ = true;
  at_file_start_ = true;
  skipping_ = false;
  carry_.clear();
  carry_line_ = 1;
}

void ChunkReader::CloseCurrent() {
  stored_bytes_ += source_->input->bytes_read();
  source_.reset();
  open_ = false;
  ++file_index_;
}

size_t ChunkReader::ReadBlock(char* out, size_t capacity) {
  if (source_->compression == Compression::kPlain) {
    // Filled to capacity like the decoders' blocks, so that chunks are cut at the same
    // lines whether a pipe delivers the bytes in small pieces or a file all at once.
    size_t filled = 0;
    while (filled < capacity) {
      size_t got = source_->input->Read(out + filled, capacity - filled);
      if (got == 0) break;
      filled += got;
    }
    return filled;
  }
  try {
    auto got = source_->in.sgetn(out, static_cast<std::streamsize>(capacity));
    return got > 0 ? static_cast<size_t>(got) : 0;
  } catch (const Error&) {
    throw;  // the input itself could not be read: already names the file
  } catch (const std::exception& e) {
    Fail(files_[file_index_],
         std::string(CompressionName(source_->compression)) + " data is truncated or corrupt (" + e.what() + ")");
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
  while (true) {
    if (!open_) {
      if (file_index_ >= files_.size()) return false;
      OpenNext();
    }
    if (FillChunk(chunk)) return true;
  }
}

bool ChunkReader::FillChunk(Chunk& chunk) {
  chunk.file_index = file_index_;
  chunk.first_line = carry_line_;
  base::HugeBytes& text = chunk.text;
  // One allocation of the size a chunk reaches (a block past chunk_bytes, the padding),
  // not a doubling from 1 MiB: each step copied the text into new pages, and their first
  // touch cost 16,000 page faults at 1M records.
  text.reserve(options_.chunk_bytes + options_.read_block_bytes + carry_.size() + kPadding);
  text.assign(carry_);  // into the chunk's own buffer: it keeps its capacity from run to run
  carry_.clear();
  size_t tail_start = 0;  // start of the incomplete last line in text
  while (true) {
    std::optional<std::string_view> block = NextBlock();
    if (!block) {
      if (!skipping_ && !text.empty() && text.back() != '\n') text.push_back('\n');
      skipping_ = false;
      CloseCurrent();
      if (text.empty() && chunk.long_lines.empty()) return false;  // nothing left in this file
      FinishChunk(chunk);
      return true;
    }
    if (skipping_ && !SkipRestOfLongLine(*block)) continue;
    tail_start = AppendLines(chunk, tail_start, *block);
    if (tail_start >= options_.chunk_bytes) {
      carry_.assign(text, tail_start);
      text.resize(tail_start);
      FinishChunk(chunk);
      return true;
    }
  }
}

std::optional<std::string_view> ChunkReader::NextBlock() {
  size_t n = ReadBlock(block_.data(), block_.size());
  while (at_file_start_ && n > 0 && n < kBom.size()) {  // a BOM split across tiny reads
    size_t more = ReadBlock(block_.data() + n, block_.size() - n);
    if (more == 0) break;
    n += more;
  }
  if (n == 0) return std::nullopt;
  decoded_bytes_ += n;
  std::string_view block(block_.data(), n);
  if (at_file_start_) {
    at_file_start_ = false;
    if (block.substr(0, kBom.size()) == kBom) block.remove_prefix(kBom.size());
  }
  return block;
}

bool ChunkReader::SkipRestOfLongLine(std::string_view& block) {
  auto end = block.find('\n');
  if (end == std::string_view::npos) return false;
  block.remove_prefix(end + 1);
  skipping_ = false;
  return true;
}

size_t ChunkReader::AppendLines(Chunk& chunk, size_t tail_start, std::string_view block) {
  base::HugeBytes& text = chunk.text;
  size_t line_start = tail_start;
  text.append(block);
  // Every line completed by this block, and the unfinished tail, must fit the maximum;
  // a longer one is replaced by an empty line (keeping the numbering) and reported.
  if (text.size() - line_start > options_.max_line_bytes) {
    // Some line here may be too long: look at each one.
    for (size_t nl = text.find('\n', line_start); nl != std::string::npos; nl = text.find('\n', line_start)) {
      if (nl - line_start > options_.max_line_bytes) {
        DropLongLine(chunk, line_start, nl);
        nl = line_start;
      }
      line_start = nl + 1;
    }
  } else if (const void* nl = memrchr(text.data() + line_start, '\n', text.size() - line_start)) {
    line_start = static_cast<size_t>(static_cast<const char*>(nl) - text.data()) + 1;  // no line can be too long
  }
  tail_start = line_start;
  if (text.size() - tail_start > options_.max_line_bytes) {
    DropLongLine(chunk, tail_start, text.size());
    text.push_back('\n');
    tail_start = text.size();
    skipping_ = true;
  }
  return tail_start;
}

void ChunkReader::FinishChunk(Chunk& chunk) {
  base::HugeBytes& text = chunk.text;
  chunk.size = text.size();
  carry_line_ = chunk.first_line + static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n'));
  text.append(kPadding, '\0');
  chunk.sequence = sequence_++;
}

}  // namespace hvpat::io
