#include "app/outputs/xlsx_book.hpp"

#include <stdexcept>

namespace app {
namespace {

// 1970-01-01 is Excel serial 25569.
constexpr double unix_epoch_serial = 25569;

void check(lxw_error e, const char* what) {
  if (e != LXW_NO_ERROR)
    throw std::runtime_error(std::string("cannot write results.xlsx: ") + what + ": " + lxw_strerror(e));
}

lxw_format* numeric(lxw_workbook* b, const char* pattern) {
  lxw_format* f = workbook_add_format(b);
  format_set_num_format(f, pattern);
  return f;
}

}  // namespace

double excel_serial(sim::Date d) { return unix_epoch_serial + d.day; }

XlsxBook::XlsxBook(const std::filesystem::path& path, sim::Date created) {
  book_ = workbook_new(path.string().c_str());
  if (!book_) throw std::runtime_error("cannot create " + path.string());
  bold_ = workbook_add_format(book_);
  format_set_bold(bold_);
  date_ = numeric(book_, "yyyy-mm-dd");
  percent_ = numeric(book_, "0.0%");
  money_ = numeric(book_, "#,##0");
  one_decimal_ = numeric(book_, "0.0");
  four_decimals_ = numeric(book_, "0.0000");
  // libxlsxwriter stamps docProps/core.xml with the current time unless given one: a fixed date
  // keeps the workbook byte-identical across runs and thread counts, like the CSVs.
  lxw_doc_properties props{};
  props.created = static_cast<time_t>(created.day) * 86'400;
  if (props.created == 0) props.created = 1;  // 0 means "now" to libxlsxwriter (a 1970-01-01 start)
  check(workbook_set_properties(book_, &props), "document properties");
}

XlsxBook::~XlsxBook() {
  // Not closed (an exception on the way): free without writing. workbook_close both writes and
  // frees, and a half-written file in the staging folder is discarded with it.
  if (book_) lxw_workbook_free(book_);
}

lxw_worksheet* XlsxBook::sheet(const std::string& name) {
  lxw_worksheet* ws = workbook_add_worksheet(book_, name.c_str());
  if (!ws) throw std::runtime_error("cannot write results.xlsx: cannot add the sheet " + name);
  return ws;
}

void XlsxBook::close() {
  lxw_workbook* b = book_;
  book_ = nullptr;
  check(workbook_close(b), "saving");
}

void XlsxBook::text(lxw_worksheet* ws, int row, int col, const std::string& s) {
  worksheet_write_string(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), s.c_str(), nullptr);
}

void XlsxBook::heading(lxw_worksheet* ws, int row, int col, const std::string& s) {
  worksheet_write_string(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), s.c_str(), bold_);
}

void XlsxBook::number(lxw_worksheet* ws, int row, int col, double v, int decimals) {
  lxw_format* f = decimals == 1 ? one_decimal_ : decimals == 4 ? four_decimals_ : decimals == 0 ? money_ : nullptr;
  worksheet_write_number(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), v, f);
}

void XlsxBook::date(lxw_worksheet* ws, int row, int col, sim::Date d) {
  worksheet_write_number(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), excel_serial(d), date_);
}

void XlsxBook::percent(lxw_worksheet* ws, int row, int col, double share) {
  worksheet_write_number(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), share, percent_);
}

void XlsxBook::money(lxw_worksheet* ws, int row, int col, double vnd) {
  worksheet_write_number(ws, static_cast<lxw_row_t>(row), static_cast<lxw_col_t>(col), vnd, money_);
}

}  // namespace app
