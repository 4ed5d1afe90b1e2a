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
