#include "model/population/person_table.hpp"

#include <stdexcept>

namespace model {
namespace {


// The slot array a finished table left on this thread, all zero, for the next one.
thread_local std::vector<std::uint32_t> spare_slots;

}  // namespace

PersonTable::PersonTable(std::uint64_t population) : dense_(population <= dense_limit) {
  if (!dense_) return;
  slots_ = std::move(spare_slots);
  spare_slots.clear();
  slots_.resize(population, 0);  // the spare is all zero, so only new slots are written
}

PersonTable::~PersonTable() {
  if (!dense_ || slots_.empty()) return;
  clear();
  if (slots_.size() > spare_slots.size()) spare_slots = std::move(slots_);
}

void PersonTable::reserve(std::size_t people) {
  ids_.reserve(people);
  records_.reserve(people);
  if (!dense_) sparse_.reserve(people);
}

void PersonTable::clear() {
  if (dense_) {
    for (const std::uint64_t id : ids_) slots_[id] = 0;
  } else {
    sparse_.clear();
  }
  ids_.clear();
  records_.clear();
}

PersonRecord& PersonTable::add(std::uint64_t id) {
  if (records_.size() >= 0xFFFF'FFFEu) throw std::length_error("more than 2^32 people contacted");
  const auto slot = static_cast<std::uint32_t>(records_.size() + 1);
  if (dense_) {
    if (id >= slots_.size()) throw std::out_of_range("a person id beyond the population");
    slots_[id] = slot;
  } else {
    sparse_.emplace(id, slot);
  }
  ids_.push_back(id);
  return records_.emplace_back();
}

}  // namespace model
