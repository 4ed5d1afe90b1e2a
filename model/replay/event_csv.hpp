#pragma once
// Reading an event log's CSV export (sim::export_csv of model events) back into events: the
// inverse of EventCodec<Event>::write_csv_fields, so a CSV export replays like the binary log.
#include <filesystem>
#include <istream>
#include <optional>
#include <string>

#include "model/domain/event.hpp"
#include "sim/io/csv_reader.hpp"
#include "sim/logged_event.hpp"

namespace model {

class EventCsvReader {
 public:
  // Throws sim::ParseError, naming the file, when it cannot be read or its header is not the
  // export's "time,type,channel,class,commune,actor,person,value".
  explicit EventCsvReader(const std::filesystem::path& path);
  // The same from a stream, which must outlive the reader; `source` names it in messages.
  EventCsvReader(std::istream& in, std::string source);

  // The next row's event; nullopt at the end. Throws sim::ParseError naming the file, line and
  // column of a value that is not what the export writes, or of a time before the previous row's.
  std::optional<sim::LoggedEvent<Event>> next();
  // The line the row last returned began on.
  int line() const { return csv_.line(); }
  const std::string& source() const { return csv_.source(); }

 private:
  sim::CsvReader csv_;
  std::vector<std::string> fields_;
  std::optional<sim::Time> last_;
};

}  // namespace model
