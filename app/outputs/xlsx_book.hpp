#pragma once
// A thin owner of a libxlsxwriter workbook: the formats outreach's workbooks share, cells
// written by (row, column) with their type (number, date, percentage, text), and a close that
// throws instead of returning an error code. Dates are written as Excel serial numbers with a
// date format, so Excel sorts, filters and charts them as dates, not as text.
#include <xlsxwriter.h>

#include <filesystem>
#include <string>

#include "sim/date.hpp"

namespace app {

// Excel's serial day number of a date (days since 1899-12-30; Excel's 1900 leap-year bug only
// touches dates before March 1900, which no scenario has).
double excel_serial(sim::Date d);

class XlsxBook {
 public:
  // Creates the workbook at `path`. Its document properties carry `created` (not the clock) as
  // their date, so the same results give the same bytes on every run.
  XlsxBook(const std::filesystem::path& path, sim::Date created);
  ~XlsxBook();
  XlsxBook(const XlsxBook&) = delete;
  XlsxBook& operator=(const XlsxBook&) = delete;

  lxw_workbook* get() { return book_; }
  lxw_worksheet* sheet(const std::string& name);
  // Writes the file; throws std::runtime_error with libxlsxwriter's reason on failure.
  void close();

  void text(lxw_worksheet* ws, int row, int col, const std::string& s);
  void heading(lxw_worksheet* ws, int row, int col, const std::string& s);  // bold
  void number(lxw_worksheet* ws, int row, int col, double v, int decimals = -1);  // -1: General
  void date(lxw_worksheet* ws, int row, int col, sim::Date d);
  void percent(lxw_worksheet* ws, int row, int col, double share);  // 0.25 shows as 25.0%
  void money(lxw_worksheet* ws, int row, int col, double vnd);       // #,##0

 private:
  lxw_workbook* book_ = nullptr;
  lxw_format *bold_ = nullptr, *date_ = nullptr, *percent_ = nullptr, *money_ = nullptr;
  lxw_format *one_decimal_ = nullptr, *four_decimals_ = nullptr;
};

}  // namespace app
