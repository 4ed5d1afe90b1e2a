# The Debian packages outreach's simulation code needs, found the same way by the main build
# and by the fuzz targets' own project (fuzz/CMakeLists.txt). Each finds Boost itself: only the
# main build needs Boost.Program_options (the CLI).
find_package(Threads REQUIRED)
find_package(Eigen3 3.4 REQUIRED NO_MODULE)
find_package(toml11 REQUIRED)
find_package(OpenSSL REQUIRED COMPONENTS Crypto)
find_package(absl REQUIRED)
# JSON files (manifests) are written and read by nlohmann-json, not by hand: it escapes any name
# correctly and fails one way (sim/io/json_document.hpp).
find_package(nlohmann_json 3 REQUIRED)
# ICU's normaliser keeps names in Unicode NFC (model/scenario/names.hpp): a commune typed precomposed and
# one typed with combining accents are the same commune, and composition needs Unicode's tables.
find_package(ICU REQUIRED COMPONENTS uc)
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)
find_path(XXHASH_INCLUDE_DIR xxhash.h REQUIRED)
find_library(XXHASH_LIBRARY xxhash REQUIRED)
# libxlsxwriter writes results.xlsx (app/outputs/results_workbook.hpp), the workbook with native
# numbers, dates and a chart that planners open in Excel. Only the outreach command links it, so
# the fuzz targets' project need not find it; pkg-config is how Debian ships it (xlsxwriter.pc).
find_package(PkgConfig QUIET)
if(PkgConfig_FOUND)
  pkg_check_modules(XLSXWRITER QUIET IMPORTED_TARGET xlsxwriter)
endif()
if(NOT XLSXWRITER_FOUND)
  find_path(XLSXWRITER_INCLUDE_DIRS xlsxwriter.h)
  find_library(XLSXWRITER_LINK_LIBRARIES xlsxwriter)
endif()
