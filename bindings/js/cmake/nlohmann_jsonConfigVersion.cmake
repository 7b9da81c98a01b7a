# The version of Debian's nlohmann_json, read from its own version file.
include(/usr/share/cmake/nlohmann_json/nlohmann_jsonConfigVersion.cmake)
