#include "model/replay/event_csv.hpp"


#include <charconv>
#include <limits>

#include "model/scenario/input_caps.hpp"
#include "sim/date.hpp"
#include "sim/io/parse_error.hpp"

namespace model {
namespace {

enum Column : std::size_t { time, type, channel, klass, commune, actor, person, value };

template <class T>
T whole(const sim::CsvReader& r, std::size_t col, const std::string& text,
        T max = std::numeric_limits<T>::max()) {
  T v{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size() || v > max)
    throw r.error(col, "expected a whole number up to " + std::to_string(max) + ", found " +
                           sim::quoted_excerpt(text));
  return v;
}

// The enum value whose name is `text`, among the first `count`.
template <class E>
E named(const sim::CsvReader& r, std::size_t col, const std::string& text, int count, std::string_view what) {
  std::string names;
  for (int i = 0; i < count; ++i) {
    const auto e = static_cast<E>(i);
    if (to_string(e) == text) return e;
    names += (i ? ", " : "") + std::string(to_string(e));
  }
  throw r.error(col, "expected " + std::string(what) + " (" + names + "), found " + sim::quoted_excerpt(text));
}

// As the export writes it: no comment or blank lines, UTF-8.
constexpr sim::CsvReadOptions export_options{',', false, false, true};

void expect_export_header(sim::CsvReader& r) {
  r.expect_header({"time", "type", "channel", "class", "commune", "actor", "person", "value"});
}

}  // namespace

EventCsvReader::EventCsvReader(const std::filesystem::path& path)
    : csv_(sim::CsvReader::open(path, input_caps::event_log, export_options)) {
  expect_export_header(csv_);
}

EventCsvReader::EventCsvReader(std::istream& in, std::string source)
    : csv_(in, std::move(source), export_options) {
  expect_export_header(csv_);
}

std::optional<sim::LoggedEvent<Event>> EventCsvReader::next() {
  if (!csv_.next(fields_)) return std::nullopt;
  const auto& f = fields_;
  sim::LoggedEvent<Event> rec;
  try {
    rec.time = sim::parse_iso_time(f[time]);
  } catch (const sim::DateError& e) {
    throw csv_.error(time, e.what());
  }
  if (last_ && rec.time < *last_)
    throw csv_.error(time, "time " + f[time] + " is before the previous row's " + sim::to_iso(*last_));
  Event& e = rec.event;
  e.kind = named<EventKind>(csv_, type, f[type], event_kind_count, "an event type");
  e.channel = named<Channel>(csv_, channel, f[channel], channel_count, "a channel");
  e.klass = named<PovertyClass>(csv_, klass, f[klass], poverty_class_count, "a class");
  e.commune = whole<std::uint16_t>(csv_, commune, f[commune]);
  e.actor = f[actor].empty() ? no_actor : whole<std::uint32_t>(csv_, actor, f[actor], no_actor - 1);
  e.person = whole<std::uint64_t>(csv_, person, f[person]);
  // `value` may be negative in principle (it is a signed field of the binary log).
  const std::string& v = f[value];
  const auto [end, ec] = std::from_chars(v.data(), v.data() + v.size(), e.value);
  if (v.empty() || ec != std::errc{} || end != v.data() + v.size())
    throw csv_.error(value, "expected a whole number, found " + sim::quoted_excerpt(v));
  last_ = rec.time;
  return rec;
}

}  // namespace model
