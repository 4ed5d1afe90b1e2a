#pragma once
// An append-only journal of checksummed records, for work done piece by piece that may be
// killed at any point: a later run of the same work reads the finished pieces back instead of
// redoing them. The header holds an identity, the caller's text naming the work; a journal
// with another identity is never reused.
//
// File layout (all integers little-endian):
//   header  magic "OUTRJNL1" (8 bytes) | u16 format version | u32 identity length | identity
//           | u32 CRC-32C of all before
//   record  u32 payload length | u32 CRC-32C of (length field + payload) | payload
//
// Opening keeps the longest trusted prefix of records. It ends at a torn tail (a record cut
// off by the end of the file, what a crash mid-write leaves), at a complete record that fails
// its CRC (corruption), or at a record the caller's `accept` check rejects. The file is cut
// there, so new records follow the last trusted one, and the opening says what was cut.
//
// Durability: each append is handed to the kernel at once, so a killed process loses nothing
// it appended; fdatasync follows at most every `sync_every` and on sync(), so a power failure
// loses at most that much, as a torn tail that the next opening discards.
//
// One process at a time: the file is locked (flock) while open, and a second opener gets
// JournalError. The lock dies with its process, so a killed run leaves no stale lock.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace sim {

namespace journal_format {
inline constexpr std::string_view magic = "OUTRJNL1";
inline constexpr std::uint16_t version = 1;
inline constexpr std::size_t record_frame_bytes = 8;  // length + CRC
// Far above any real record or identity: a larger length is damage, not data.
inline constexpr std::uint32_t max_payload_bytes = 64u << 20;
inline constexpr std::uint32_t max_identity_bytes = 1u << 20;
}  // namespace journal_format

// I/O failure, or the journal is locked by another process. what() names the file.
struct JournalError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// An extra check of a CRC-verified record: "" to accept it, else why it is rejected.
using JournalCheck = std::function<std::string(std::uint64_t index, std::span<const std::uint8_t> payload)>;

// What a look at a journal file found, without changing it.
struct JournalScan {
  bool header_ok = false;
  std::string identity;
  std::vector<std::uint64_t> record_offsets;  // where each trusted record starts
  std::uint64_t valid_bytes = 0;              // header and trusted records
  std::uint64_t file_bytes = 0;
  std::string damage;  // what ends the trusted prefix short of the end of the file; "" if nothing
};

// Reads `path` (which must exist) read-only; for tests and tools. Throws JournalError when it
// cannot be read.
JournalScan scan_journal(const std::filesystem::path& path, const JournalCheck& accept = {});

struct JournalOptions {
  std::chrono::milliseconds sync_every{1000};
  JournalCheck accept;
};

class Journal {
 public:
  enum class Start {
    created,           // there was no journal (or an empty file)
    resumed,           // same identity: its trusted records are kept
    identity_changed,  // another identity: emptied, nothing kept
    unreadable,        // a damaged header: emptied, nothing kept
  };
  struct Opening {
    Start start = Start::created;
    std::uint64_t records = 0;        // trusted records kept
    std::uint64_t discarded_bytes = 0;
    std::string previous_identity;   // identity_changed: the journal's identity
    std::uint64_t previous_records = 0;  // identity_changed: its records (not reused)
    std::string damage;  // resumed or unreadable: what was cut and why; "" if nothing
  };

  // Opens or creates `path` (its folder must exist) for the work named `identity`, and locks
  // it. Throws JournalError on I/O failure or when another process holds the lock.
  Journal(std::filesystem::path path, std::string_view identity, JournalOptions options = {});
  ~Journal();  // syncs (errors ignored: call sync() to see them) and unlocks
  Journal(const Journal&) = delete;
  Journal& operator=(const Journal&) = delete;

  const std::filesystem::path& path() const { return path_; }
  const Opening& opening() const { return opening_; }
  // The payload of trusted record `index` (< opening().records). Safe to call from several
  // threads at once, also while the owner appends.
  std::vector<std::uint8_t> read(std::uint64_t index) const;
  // Appends a record after the last one. Throws JournalError on a write failure (the next
  // opening then finds a torn tail at worst) and std::length_error for a payload over the cap.
  void append(std::span<const std::uint8_t> payload);
  std::uint64_t appended() const { return appended_; }
  // Makes every append durable (fdatasync).
  void sync();
  // Deletes the file, durably (the folder is synced), once the work is done; no more appends.
  void remove();

 private:
  void open_locked();
  void take_over(std::string_view identity);
  void resume();
  void write_header(std::string_view identity);
  void close() noexcept;

  std::filesystem::path path_;
  JournalOptions options_;
  int fd_ = -1;
  Opening opening_;
  std::vector<std::uint64_t> trusted_offsets_;  // + the end of the last trusted record
  std::uint64_t end_ = 0;                       // where the next record goes
  std::uint64_t appended_ = 0;
  bool unsynced_ = false;
  std::chrono::steady_clock::time_point last_sync_;
};

}  // namespace sim
