#pragma once
// The records of the people contacted so far, by person id: State's storage.
//
// Records sit together in the order people were first contacted; an index from person id to
// record finds them. For a population of up to 2^18 people the index is an array with a slot
// per person (4 bytes each: 160 KB for 40,000 people), so a lookup is one load, not a hash and a
// probe; larger populations use a hash map, so memory grows with contacts, not the population.
// Beyond about 1 MB the array's lookups miss the cache and the hash map of the few contacted
// people is faster (bench/README.md: a 1,000,000-people array made a replication 1.3x slower).
// The array is handed on to the next table built on the same thread, with only the slots its
// people used set back to empty: no allocation or clearing of the whole array per replication.
#include <cstdint>
#include <utility>
#include <vector>

#include <absl/container/flat_hash_map.h>

namespace model {

enum class PersonStatus : std::uint8_t { aware, deciding, declined, member, lapsed };

struct PersonRecord {
  PersonStatus status = PersonStatus::aware;
  std::uint8_t decisions = 0;    // decisions started so far: keys the person's random draws
  bool new_member = false;       // joined during the run (not an initial member)
  std::int64_t cool_off_until = 0;  // seconds; a declined person is not asked again before
};

class PersonTable {
 public:
  // Populations up to this many people get the array index (1 MB of slots at most).
  static constexpr std::uint64_t dense_limit = std::uint64_t{1} << 18;

  explicit PersonTable(std::uint64_t population);
  PersonTable(const PersonTable&) = default;
  PersonTable& operator=(const PersonTable&) = default;
  ~PersonTable();

  // nullptr when the person was never contacted. Valid until the next insertion.
  const PersonRecord* find(std::uint64_t id) const {
    const std::uint32_t slot = slot_of(id);
    return slot == 0 ? nullptr : &records_[slot - 1];
  }
  PersonRecord* find(std::uint64_t id) {
    const std::uint32_t slot = slot_of(id);
    return slot == 0 ? nullptr : &records_[slot - 1];
  }
  // The person's record, added (default) when new; second: whether it was added.
  std::pair<PersonRecord*, bool> try_emplace(std::uint64_t id) {
    if (PersonRecord* p = find(id)) return {p, false};
    return {&add(id), true};
  }

  std::size_t size() const { return records_.size(); }
  void reserve(std::size_t people);
  void clear();
  // Ids of the people held, in the order they were added (records() follows it).
  const std::vector<std::uint64_t>& ids() const { return ids_; }
  const std::vector<PersonRecord>& records() const { return records_; }

 private:
  // 0: not held; otherwise one more than the record's position.
  std::uint32_t slot_of(std::uint64_t id) const {
    if (dense_) return id < slots_.size() ? slots_[id] : 0;
    const auto it = sparse_.find(id);
    return it == sparse_.end() ? 0 : it->second;
  }
  PersonRecord& add(std::uint64_t id);

  bool dense_;
  std::vector<std::uint32_t> slots_;  // dense: one per person of the population
  absl::flat_hash_map<std::uint64_t, std::uint32_t> sparse_;
  std::vector<std::uint64_t> ids_;
  std::vector<PersonRecord> records_;
};

}  // namespace model
