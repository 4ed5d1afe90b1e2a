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
#include "sim/rank_group.hpp"
#include "sim/rank_runner.hpp"
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
  // several objects, as `run` batches do). Across MPI ranks only rank 0 holds the journal: the
  // others pass null and `found`, the records rank 0 found (without ranks, `found` is ignored).
  explicit ResumableWork(RunnerOptions options, Journal* journal = nullptr, std::uint64_t position = 0,
                         std::uint64_t found = 0)
      : options_(std::move(options)),
        journal_(journal),
        position_(position),
        found_(journal ? journal->opening().records : found) {}

  // Pieces [first, first + count): piece p's result is compute(p) on a worker thread, or, when
  // the journal holds it, codec.decode of its record; consume(p, Result&&) receives them in
  // order on the calling thread, each computed one's record appended to the journal just
  // before. Pieces below `recompute_below` are computed even if the journal holds them (their
  // records are kept, not appended again): for results with effects the record does not keep,
  // such as event logs. Throws Stopped once options.stop is set (every piece consumed is in the
  // journal), JournalError when a record does not decode as its piece, and whatever compute and
  // consume throw.
  //
  // Across the ranks of world() (sim/rank_runner.hpp), the pieces are shared among the ranks and
  // travel as their records, and every rank consumes every piece in order: the results are
  // those of one process for any number of ranks. Rank 0 runs the pieces only it can give (those
  // in its journal, those below `recompute_below`) and appends the records of the others.
  template <class Compute, class Consume>
  void run(std::uint64_t first, std::uint64_t count, Compute&& compute, Consume&& consume,
           const RecordCodec<std::invoke_result_t<Compute&, std::uint64_t>>& codec,
           std::function<void(const Progress&)> progress = {}, std::uint64_t recompute_below = 0) {
    using Result = std::invoke_result_t<Compute&, std::uint64_t>;
    struct Piece {
      Result result;
      std::vector<std::uint8_t> record;  // to append or send; empty when neither is needed
    };
    const RankGroup* group = world();
    const bool shared = group && group->size() > 1;
    const std::uint64_t start = position_, found = found_;
    RunnerOptions opt = options_;
    opt.progress = std::move(progress);
    const auto piece_of = [&](std::uint64_t piece) {
      const std::uint64_t index = start + (piece - first);
      const bool journalled = index < found;
      if (journalled && piece >= recompute_below) {
        const auto bytes = journal_->read(index);
        Result r = read(index, piece, codec, bytes);
        return Piece{std::move(r), shared ? std::vector<std::uint8_t>(bytes.begin(), bytes.end())
                                          : std::vector<std::uint8_t>()};
      }
      Result r = compute(piece);
      std::vector<std::uint8_t> record;
      if ((journal_ && !journalled) || shared) record = codec.encode(piece, r);
      return Piece{std::move(r), std::move(record)};
    };
    const auto consume_piece = [&](std::uint64_t piece, Piece&& p) {
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
    };
    if (!shared) {
      run_replications(first, count, opt, piece_of, consume_piece);
      return;
    }
    // Rank 0 alone reads its journal and gives the recomputed pieces (their effects are its own).
    const std::uint64_t journalled_until = found > start ? first + (found - start) : 0;
    run_replications_across(
        *group, first, count, opt, piece_of, consume_piece,
        [](const Piece& p, ByteWriter& w) { w.put_bytes(p.record); },
        [&](std::uint64_t piece, ByteReader& in) {
          const auto bytes = in.get_bytes(in.remaining());
          Piece p{codec.decode(piece, bytes), std::vector<std::uint8_t>(bytes.begin(), bytes.end())};
          return p;
        },
        std::max(journalled_until, recompute_below));
  }

  // Records the journal held when opened (0 without one): the pieces a rerun reads back.
  std::uint64_t found() const { return found_; }
  // Pieces consumed so far, by every call (from `position`).
  std::uint64_t position() const { return position_; }
  unsigned threads() const { return options_.threads; }

 private:
  template <class Result>
  Result read(std::uint64_t index, std::uint64_t piece, const RecordCodec<Result>& codec,
              std::span<const std::uint8_t> record) const {
    try {
      return codec.decode(piece, record);
    } catch (const DecodeError& e) {
      throw JournalError(journal_->path().string() + ": record " + std::to_string(index) + " " + e.what() +
                         ": the work took another path than when it was journalled; delete the journal to start "
                         "afresh");
    }
  }

  RunnerOptions options_;
  Journal* journal_;
  std::uint64_t position_;
  std::uint64_t found_;
};

}  // namespace sim
