// Test helper: a small instrument spanning the attachment plane with round SEMs.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace securebase::test {

// A 1-5 instrument: anxiety of `anx_items` items (a1..), avoidance of 2 items (v1, v2), both
// with reliability .75 and SD 1, so that SEM = 1 * sqrt(1 - .75) = 0.5 exactly.
inline nlohmann::json plane_doc(int anx_items) {
  nlohmann::json doc = {{"format", "securebase-instrument"},
                        {"format_version", 1},
                        {"id", "plane-test"},
                        {"version", "1"},
                        {"title", "Plane test"},
                        {"citations", {{{"text", "Invented for the securebase tests."}}}},
                        {"licence", "Test fixture."},
                        {"response_scale", {{"min", 1}, {"max", 5}}},
                        {"orders", {{"canonical", {{"id", "std"}, {"description", "Standard."}}}}},
                        {"plane",
                         {{"anxiety", {{"scale", "anx"}, {"direction", 1}}},
                          {"avoidance", {{"scale", "avo"}, {"direction", 1}}}}}};
  const nlohmann::json rel = {{"value", 0.75}, {"sd", 1}, {"source", "Invented."}};
  doc["scales"] = {{{"id", "anx"},
                    {"name", "Anxiety"},
                    {"method", "mean"},
                    {"min_answered", {{"count", 1}}},
                    {"reliability", rel}},
                   {{"id", "avo"},
                    {"name", "Avoidance"},
                    {"method", "mean"},
                    {"min_answered", {{"count", 2}}},
                    {"reliability", rel}}};
  doc["items"] = nlohmann::json::array();
  int number = 1;
  for (int i = 1; i <= anx_items; ++i) {
    doc["items"].push_back(
        {{"id", "a" + std::to_string(i)}, {"number", number++}, {"keys", {{{"scale", "anx"}}}}});
  }
  for (int i = 1; i <= 2; ++i) {
    doc["items"].push_back(
        {{"id", "v" + std::to_string(i)}, {"number", number++}, {"keys", {{{"scale", "avo"}}}}});
  }
  return doc;
}

}  // namespace securebase::test
