#pragma once
// Work done in numbered pieces whose results are consumed in order (sim/replication_runner.hpp),
// each computed result saved to a journal (sim/journal.hpp) as it is consumed, so that the same
// work, killed or interrupted and started again, reads back the results it already has instead
// of computing them again, and ends the same.
//
// The pieces of all the calls to run() form one sequence: the n-th piece consumed is the
// journal's n-th record, whatever call asked for it. A rerun reads record n for its n-th piece,
// so the work must ask for the same pieces in the same order every time: true of any
// deterministic computation whose next step depends only on the results consumed so far (a
// sweep, a race between candidates, ABC-SMC). Records made by numbered_codec start with the
// piece's number, checked on reading: a mismatch means the work took another path, and is an
// error rather than a wrong result.
#include <cstdint>
#include <functional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "sim/event_codec.hpp"
#include "sim/journal.hpp"
#include "sim/replication_runner.hpp"
#include "sim/varint.hpp"

namespace sim {

// How a piece's result becomes a journal record and back. decode throws DecodeError when the
// bytes are not a record of piece `piece`.
template <class Result>
struct RecordCodec {
  std::function<std::vector<std::uint8_t>(std::uint64_t piece, const Result&)> encode;
  std::function<Result(std::uint64_t piece, std::span<const std::uint8_t> record)> decode;
};

// A codec whose records are the piece number (a varint, checked on reading) and then what `put`
// writes, which `get` must read back entirely.
template <class Result>
RecordCodec<Result> numbered_codec(std::function<void(const Result&, ByteWriter&)> put,
                                   std::function<Result(ByteReader&)> get) {
  RecordCodec<Result> c;
  c.encode = [put](std::uint64_t piece, const Result& r) {
    std::vector<std::uint8_t> bytes;
    ByteWriter w(bytes);
    put_varint(w, piece);
    put(r, w);
    return bytes;
  };
  c.decode = [get](std::uint64_t piece, std::span<const std::uint8_t> record) {
    ByteReader in(record);
    const std::uint64_t found = get_varint(in);
    if (found != piece)
      throw DecodeError("holds piece " + std::to_string(found) + " where piece " + std::to_string(piece) +
                        " was expected");
    Result r = get(in);
    if (!in.at_end()) throw DecodeError("has bytes left over after its result");
    return r;
  };
  return c;
}

class ResumableWork {
 public:
  // `journal` may be null: nothing is saved or read back. `options` (threads, stop, window,
  // progress_every) apply to every call; each call gives its own progress. `position` is the
  // journal record of the first piece this object consumes (a caller that runs its pieces over
  // several objects, as `run` batches do).
  explicit ResumableWork(RunnerOptions options, Journal* journal = nullptr, std::uint64_t position = 0)
      : options_(std::move(options)), journal_(journal), position_(position) {}

  // Pieces [first, first + count): piece p's result is compute(p) on a worker thread, or, when
  // the journal holds it, codec.decode of its record; consume(p, Result&&) receives them in
  // order on the calling thread, each computed one's record appended to the journal just
  // before. `recompute(p)`, when given and true, computes piece p even if the journal holds it
  // (its record is kept, not appended again): for results with effects the record does not
  // keep, such as event logs. Throws Stopped once options.stop is set (every piece consumed is
  // in the journal), JournalError when a record does not decode as its piece, and whatever
  // compute and consume throw.
  template <class Compute, class Consume>
  void run(std::uint64_t first, std::uint64_t count, Compute&& compute, Consume&& consume,
           const RecordCodec<std::invoke_result_t<Compute&, std::uint64_t>>& codec,
           std::function<void(const Progress&)> progress = {},
           const std::function<bool(std::uint64_t)>& recompute = {}) {
    using Result = std::invoke_result_t<Compute&, std::uint64_t>;
    struct Piece {
      Result result;
      std::vector<std::uint8_t> record;  // to append; empty when the journal holds it already
    };
    const std::uint64_t start = position_, found = this->found();
    RunnerOptions opt = options_;
    opt.progress = std::move(progress);
    run_replications(
        first, count, opt,
        [&](std::uint64_t piece) {
          const std::uint64_t index = start + (piece - first);
          if (index < found && !(recompute && recompute(piece))) return Piece{read(index, piece, codec), {}};
          Result r = compute(piece);
          std::vector<std::uint8_t> record;
          if (journal_ && index >= found) record = codec.encode(piece, r);
          return Piece{std::move(r), std::move(record)};
        },
        [&](std::uint64_t piece, Piece&& p) {
          if (journal_ && position_ >= found) {
            // Records follow each other with no gap: the journal's n-th is the n-th piece.
            if (position_ != found + journal_->appended())
              throw std::logic_error("resumable work: piece " + std::to_string(piece) + " would be record " +
                                     std::to_string(found + journal_->appended()) + ", not " +
                                     std::to_string(position_));
            journal_->append(p.record);
          }
          ++position_;
          consume(piece, std::move(p.result));
        });
  }

  // Records the journal held when opened (0 without one): the pieces a rerun reads back.
  std::uint64_t found() const { return journal_ ? journal_->opening().records : 0; }
  // Pieces consumed so far, by every call (from `position`).
  std::uint64_t position() const { return position_; }
  unsigned threads() const { return options_.threads; }

 private:
  template <class Result>
  Result read(std::uint64_t index, std::uint64_t piece, const RecordCodec<Result>& codec) const {
    try {
      return codec.decode(piece, journal_->read(index));
    } catch (const DecodeError& e) {
      throw JournalError(journal_->path().string() + ": record " + std::to_string(index) + " " + e.what() +
                         ": the work took another path than when it was journalled; delete the journal to start "
                         "afresh");
    }
  }

  RunnerOptions options_;
  Journal* journal_;
  std::uint64_t position_;
};

}  // namespace sim
