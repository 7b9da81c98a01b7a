// Writes the SPSS and Stata fixtures of tests/stat_file_test.cpp with ReadStat's writer, so
// every byte of them comes from a program in this repository. Run it again only when the
// fixtures must change (see tests/tools/CMakeLists.txt); the output is the same every time.
//
//   write_stat_fixtures <directory>   writes sample.sav, sample.por, sample.dta and
//                                     stata105.dta, stata117-utf8.dta, dates.sav and
//                                     dates.dta there
//   write_stat_fixtures --oracle <in.csv> <out-stem>
//       writes <out-stem>.sav and <out-stem>.dta with the same data as the R oracle's CSV
//       (tests/data/oracle/batch-ecr-r-1000.csv), blank cells written as the formats' own
//       missing values, alternating between two kinds so both are exercised: in the .sav,
//       system-missing and the user-missing code -99; in the .dta, . and .a.
#include <readstat.h>

#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace {

// ReadStat hands the bytes of the file to this function; the context is the open FILE*.
ssize_t write_bytes(const void* data, size_t length, void* ctx) {
  const size_t written = std::fwrite(data, 1, length, static_cast<std::FILE*>(ctx));
  return written == length ? static_cast<ssize_t>(written) : -1;
}

void check(readstat_error_t error, const char* what) {
  if (error != READSTAT_OK) {
    std::fprintf(stderr, "write_stat_fixtures: %s: %s\n", what, readstat_error_message(error));
    std::exit(1);
  }
}

// A fixed timestamp (2026-01-01T00:00:00Z), so the files do not change between runs.
constexpr time_t fixed_time = 1767225600;

// An output file and a ReadStat writer writing to it with the fixed timestamp: how every
// fixture below starts. finish() ends the file and frees both.
struct FixtureFile {
  std::FILE* out;
  readstat_writer_t* writer;

  explicit FixtureFile(const std::string& path) : out(std::fopen(path.c_str(), "wb")) {
    if (out == nullptr) {
      std::perror(path.c_str());
      std::exit(1);
    }
    writer = readstat_writer_init();
    check(readstat_set_data_writer(writer, &write_bytes), "data writer");
    check(readstat_writer_set_file_timestamp(writer, fixed_time), "timestamp");
  }

  void finish() {
    check(readstat_end_writing(writer), "end writing");
    readstat_writer_free(writer);
    std::fclose(out);
  }
};

// SPSS (.sav): a string id, three 1-7 items sharing value labels, and user-missing
// codes: ECR_1 has the discrete code -99, ECR_2 the range 90-99 plus -99; note has "n/a".
//   id  ECR_1  ECR_2  ECR_3  note
//   r1  1      7      4      fine
//   r2  -99    95     sysmis (empty)
//   r3  2.5    -99    7      n/a
//   ""  6      90     1      x,y "quoted"
void write_spss(const std::string& path) {
  FixtureFile file(path);
  readstat_writer_t* writer = file.writer;
  std::FILE* out = file.out;
  readstat_label_set_t* agree = readstat_add_label_set(writer, READSTAT_TYPE_DOUBLE, "agree7");
  readstat_label_double_value(agree, 1, "Strongly disagree");
  readstat_label_double_value(agree, 4, "Neutral");
  readstat_label_double_value(agree, 7, "Strongly agree");
  readstat_label_double_value(agree, -99, "Refused");

  readstat_variable_t* id = readstat_add_variable(writer, "id", READSTAT_TYPE_STRING, 8);
  readstat_variable_t* items[3];
  for (int i = 0; i < 3; ++i) {
    const std::string name = "ECR_" + std::to_string(i + 1);
    items[i] = readstat_add_variable(writer, name.c_str(), READSTAT_TYPE_DOUBLE, 0);
    readstat_variable_set_label_set(items[i], agree);
  }
  check(readstat_variable_add_missing_double_value(items[0], -99), "missing ECR_1");
  check(readstat_variable_add_missing_double_range(items[1], 90, 99), "missing ECR_2 range");
  check(readstat_variable_add_missing_double_value(items[1], -99), "missing ECR_2 code");
  readstat_variable_t* note = readstat_add_variable(writer, "note", READSTAT_TYPE_STRING, 16);
  check(readstat_variable_add_missing_string_value(note, "n/a"), "missing note");

  check(readstat_begin_writing_sav(writer, out, 4), "begin .sav");
  struct Row {
    const char* id;
    double item[3];
    bool sysmis3;
    const char* note;
  };
  const Row rows[] = {{"r1", {1, 7, 4}, false, "fine"},
                      {"r2", {-99, 95, 0}, true, ""},
                      {"r3", {2.5, -99, 7}, false, "n/a"},
                      {"", {6, 90, 1}, false, "x,y \"quoted\""}};
  for (const Row& row : rows) {
    check(readstat_begin_row(writer), "begin row");
    check(readstat_insert_string_value(writer, id, row.id), "id");
    for (int i = 0; i < 3; ++i) {
      if (i == 2 && row.sysmis3) {
        check(readstat_insert_missing_value(writer, items[i]), "sysmis");
      } else {
        check(readstat_insert_double_value(writer, items[i], row.item[i]), "item");
      }
    }
    check(readstat_insert_string_value(writer, note, row.note), "note");
    check(readstat_end_row(writer), "end row");
  }
  file.finish();
}

// Stata (.dta): an int32 id, an int8 item with value labels (including one for .a), a float
// and a double item, and a string. Row 2 has system missing (.), row 3 tagged missing (.a, .z).
//   id   item1  item2   item3   name
//   101  1      0.1f    0.1     Ann
//   102  .      2.5f    -3      (empty)
//   103  7      .a      .z      Bo
void write_stata(const std::string& path) {
  FixtureFile file(path);
  readstat_writer_t* writer = file.writer;
  std::FILE* out = file.out;
  check(readstat_writer_set_file_format_version(writer, 118), "version");
  readstat_label_set_t* ends = readstat_add_label_set(writer, READSTAT_TYPE_INT32, "ends");
  readstat_label_int32_value(ends, 1, "low");
  readstat_label_int32_value(ends, 7, "high");
  readstat_label_tagged_value(ends, 'a', "refused");

  readstat_variable_t* id = readstat_add_variable(writer, "id", READSTAT_TYPE_INT32, 0);
  readstat_variable_t* item1 = readstat_add_variable(writer, "item1", READSTAT_TYPE_INT8, 0);
  readstat_variable_set_label_set(item1, ends);
  readstat_variable_t* item2 = readstat_add_variable(writer, "item2", READSTAT_TYPE_FLOAT, 0);
  readstat_variable_t* item3 = readstat_add_variable(writer, "item3", READSTAT_TYPE_DOUBLE, 0);
  readstat_variable_t* name = readstat_add_variable(writer, "name", READSTAT_TYPE_STRING, 8);

  check(readstat_begin_writing_dta(writer, out, 3), "begin .dta");
  check(readstat_begin_row(writer), "row 1");
  check(readstat_insert_int32_value(writer, id, 101), "id");
  check(readstat_insert_int8_value(writer, item1, 1), "item1");
  check(readstat_insert_float_value(writer, item2, 0.1f), "item2");
  check(readstat_insert_double_value(writer, item3, 0.1), "item3");
  check(readstat_insert_string_value(writer, name, "Ann"), "name");
  check(readstat_end_row(writer), "end row 1");
  check(readstat_begin_row(writer), "row 2");
  check(readstat_insert_int32_value(writer, id, 102), "id");
  check(readstat_insert_missing_value(writer, item1), "item1");
  check(readstat_insert_float_value(writer, item2, 2.5f), "item2");
  check(readstat_insert_double_value(writer, item3, -3), "item3");
  check(readstat_insert_string_value(writer, name, ""), "name");
  check(readstat_end_row(writer), "end row 2");
  check(readstat_begin_row(writer), "row 3");
  check(readstat_insert_int32_value(writer, id, 103), "id");
  check(readstat_insert_int8_value(writer, item1, 7), "item1");
  check(readstat_insert_tagged_missing_value(writer, item2, 'a'), "item2");
  check(readstat_insert_tagged_missing_value(writer, item3, 'z'), "item3");
  check(readstat_insert_string_value(writer, name, "Bo"), "name");
  check(readstat_end_row(writer), "end row 3");
  file.finish();
}

// Stata 4/5 (.dta format 105), whose "." is stored as a number (2^333 for a double): two
// double items, each with one value and one ".", as Stata 5 wrote them. ReadStat's writer
// stores a missing value in the newer form, so the old "." is written as the number it is.
//   id  q1  q2
//   1   3   .
//   2   .   5
void write_old_stata(const std::string& path) {
  FixtureFile file(path);
  readstat_writer_t* writer = file.writer;
  std::FILE* out = file.out;
  check(readstat_writer_set_file_format_version(writer, 105), "version");
  readstat_variable_t* id = readstat_add_variable(writer, "id", READSTAT_TYPE_INT32, 0);
  readstat_variable_t* q1 = readstat_add_variable(writer, "q1", READSTAT_TYPE_DOUBLE, 0);
  readstat_variable_t* q2 = readstat_add_variable(writer, "q2", READSTAT_TYPE_DOUBLE, 0);
  check(readstat_begin_writing_dta(writer, out, 2), "begin .dta");
  check(readstat_begin_row(writer), "row 1");
  check(readstat_insert_int32_value(writer, id, 1), "id");
  check(readstat_insert_double_value(writer, q1, 3), "q1");
  check(readstat_insert_double_value(writer, q2, std::ldexp(1.0, 333)), "q2");
  check(readstat_end_row(writer), "end row 1");
  check(readstat_begin_row(writer), "row 2");
  check(readstat_insert_int32_value(writer, id, 2), "id");
  check(readstat_insert_double_value(writer, q1, std::ldexp(1.0, 333)), "q1");
  check(readstat_insert_double_value(writer, q2, 5), "q2");
  check(readstat_end_row(writer), "end row 2");
  file.finish();
}

// Stata 13 (.dta format 117) holding UTF-8 text, as files written by other programs often do
// although the format's text is Windows-1252: "\xC5\x81" (U+0141) has a byte that
// Windows-1252 lacks (0x81), so the file reads only with --encoding UTF-8.
//   id  place
//   1   Łódź
void write_stata117_utf8(const std::string& path) {
  FixtureFile file(path);
  readstat_writer_t* writer = file.writer;
  std::FILE* out = file.out;
  check(readstat_writer_set_file_format_version(writer, 117), "version");
  readstat_variable_t* id = readstat_add_variable(writer, "id", READSTAT_TYPE_INT32, 0);
  readstat_variable_t* place = readstat_add_variable(writer, "place", READSTAT_TYPE_STRING, 12);
  check(readstat_begin_writing_dta(writer, out, 1), "begin .dta");
  check(readstat_begin_row(writer), "row 1");
  check(readstat_insert_int32_value(writer, id, 1), "id");
  check(readstat_insert_string_value(writer, place,
                                     "\xC5\x81\xC3\xB3"
                                     "d\xC5\xBA"),
        "place");
  check(readstat_end_row(writer), "end row 1");
  file.finish();
}

// Dates and a user-missing code in a column that is not an item. Values computed with Python's
// datetime: (date(2024,3,1) - date(1582,10,14)).days * 86400 = 13928630400, the same with
// 13:45:30 = 13928679930; (date(2024,3,1) - date(1960,1,1)).days = 23436; 2024-03-01T13:45:30.250
// is 2024919930250 ms after 1960-01-01.
//   dates.sav: id (F8.0), born (ADATE10), seen (DATETIME20), reason (F8.0, user-missing -99)
//              1, 13928630400, 13928679930, -99
//   dates.dta: id, born (%td), seen (%tc), reason (.b, a tagged missing value)
//              1, 23436, 2024919930250, .b
void write_dates(const std::string& path, bool spss) {
  FixtureFile file(path);
  readstat_writer_t* writer = file.writer;
  std::FILE* out = file.out;
  if (!spss) check(readstat_writer_set_file_format_version(writer, 118), "version");
  readstat_variable_t* id = readstat_add_variable(writer, "id", READSTAT_TYPE_DOUBLE, 0);
  readstat_variable_t* born = readstat_add_variable(writer, "born", READSTAT_TYPE_DOUBLE, 0);
  readstat_variable_t* seen = readstat_add_variable(writer, "seen", READSTAT_TYPE_DOUBLE, 0);
  readstat_variable_t* reason = readstat_add_variable(writer, "reason", READSTAT_TYPE_DOUBLE, 0);
  readstat_variable_set_format(born, spss ? "ADATE10" : "%td");
  readstat_variable_set_format(seen, spss ? "DATETIME20" : "%tc");
  if (spss) check(readstat_variable_add_missing_double_value(reason, -99), "missing reason");
  if (spss) {
    check(readstat_begin_writing_sav(writer, out, 1), "begin .sav");
  } else {
    check(readstat_begin_writing_dta(writer, out, 1), "begin .dta");
  }
  check(readstat_begin_row(writer), "row 1");
  check(readstat_insert_double_value(writer, id, 1), "id");
  check(readstat_insert_double_value(writer, born, spss ? 13928630400.0 : 23436.0), "born");
  check(readstat_insert_double_value(writer, seen, spss ? 13928679930.0 : 2024919930250.0), "seen");
  if (spss) {
    check(readstat_insert_double_value(writer, reason, -99), "reason");
  } else {
    check(readstat_insert_tagged_missing_value(writer, reason, 'b'), "reason");
  }
  check(readstat_end_row(writer), "end row 1");
  file.finish();
}

// SPSS portable (.por), whose variable names are upper case: a string id and one item with
// the user-missing code -99.
//   ID  ITEM1
//   A   2.5
//   B   -99
//   C   sysmis
void write_portable(const std::string& path) {
  FixtureFile file(path);
  readstat_writer_t* writer = file.writer;
  std::FILE* out = file.out;
  readstat_variable_t* id = readstat_add_variable(writer, "ID", READSTAT_TYPE_STRING, 8);
  readstat_variable_t* item = readstat_add_variable(writer, "ITEM1", READSTAT_TYPE_DOUBLE, 0);
  check(readstat_variable_add_missing_double_value(item, -99), "missing ITEM1");
  check(readstat_begin_writing_por(writer, out, 3), "begin .por");
  const char* ids[] = {"A", "B", "C"};
  const double values[] = {2.5, -99, 0};
  for (int r = 0; r < 3; ++r) {
    check(readstat_begin_row(writer), "begin row");
    check(readstat_insert_string_value(writer, id, ids[r]), "id");
    if (r == 2) {
      check(readstat_insert_missing_value(writer, item), "sysmis");
    } else {
      check(readstat_insert_double_value(writer, item, values[r]), "item");
    }
    check(readstat_end_row(writer), "end row");
  }
  file.finish();
}

// The oracle CSV: a header "id,ECR_1,...", then rows of an id and whole answers or blanks
// (no quotes; the R script writes it that way). A blank is -1.
struct Table {
  std::vector<std::string> columns;  // item columns, without "id"
  std::vector<std::string> ids;
  std::vector<std::vector<int>> answers;
};

std::vector<std::string> split(const std::string& line) {
  std::vector<std::string> fields;
  std::stringstream in(line);
  std::string field;
  while (std::getline(in, field, ',')) fields.push_back(field);
  if (!line.empty() && line.back() == ',') fields.emplace_back();
  return fields;
}

Table read_csv(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::perror(path.c_str());
    std::exit(1);
  }
  Table t;
  std::string line;
  std::getline(in, line);
  const std::vector<std::string> header = split(line);
  t.columns.assign(header.begin() + 1, header.end());
  while (std::getline(in, line)) {
    const std::vector<std::string> f = split(line);
    if (f.size() != header.size()) {
      std::fprintf(stderr, "write_stat_fixtures: %s: a row has %zu fields\n", path.c_str(),
                   f.size());
      std::exit(1);
    }
    t.ids.push_back(f[0]);
    std::vector<int> row;
    for (std::size_t c = 1; c < f.size(); ++c) row.push_back(f[c].empty() ? -1 : std::stoi(f[c]));
    t.answers.push_back(row);
  }
  return t;
}

// Value labels for the 1-7 answers: generic agreement anchors, not item wording.
readstat_label_set_t* agreement_labels(readstat_writer_t* writer, readstat_type_t type) {
  readstat_label_set_t* set = readstat_add_label_set(writer, type, "agree7");
  const char* names[] = {"Strongly disagree", "Disagree", "Somewhat disagree", "Neutral",
                         "Somewhat agree",    "Agree",    "Strongly agree"};
  for (int v = 1; v <= 7; ++v) {
    if (type == READSTAT_TYPE_DOUBLE) {
      readstat_label_double_value(set, v, names[v - 1]);
    } else {
      readstat_label_int32_value(set, v, names[v - 1]);
    }
  }
  return set;
}

void write_oracle(const Table& t, const std::string& stem, bool spss) {
  const std::string path = stem + (spss ? ".sav" : ".dta");
  FixtureFile file(path);
  readstat_writer_t* writer = file.writer;
  std::FILE* out = file.out;
  if (spss) {
    check(readstat_writer_set_compression(writer, READSTAT_COMPRESS_ROWS), "compression");
  } else {
    check(readstat_writer_set_file_format_version(writer, 118), "version");
  }
  readstat_label_set_t* labels =
      agreement_labels(writer, spss ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT32);
  readstat_variable_t* id = readstat_add_variable(writer, "id", READSTAT_TYPE_STRING, 8);
  std::vector<readstat_variable_t*> items;
  for (const std::string& name : t.columns) {
    readstat_variable_t* v = readstat_add_variable(
        writer, name.c_str(), spss ? READSTAT_TYPE_DOUBLE : READSTAT_TYPE_INT8, 0);
    readstat_variable_set_label_set(v, labels);
    if (spss) check(readstat_variable_add_missing_double_value(v, -99), "missing code");
    items.push_back(v);
  }
  const long rows = static_cast<long>(t.ids.size());
  if (spss) {
    check(readstat_begin_writing_sav(writer, out, rows), "begin .sav");
  } else {
    check(readstat_begin_writing_dta(writer, out, rows), "begin .dta");
  }
  long blanks = 0;
  for (std::size_t r = 0; r < t.ids.size(); ++r) {
    check(readstat_begin_row(writer), "begin row");
    check(readstat_insert_string_value(writer, id, t.ids[r].c_str()), "id");
    for (std::size_t c = 0; c < items.size(); ++c) {
      const int answer = t.answers[r][c];
      if (answer >= 0) {
        if (spss) {
          check(readstat_insert_double_value(writer, items[c], answer), "answer");
        } else {
          check(readstat_insert_int8_value(writer, items[c], static_cast<int8_t>(answer)),
                "answer");
        }
      } else if (blanks++ % 2 == 0) {
        check(readstat_insert_missing_value(writer, items[c]), "missing");
      } else if (spss) {
        check(readstat_insert_double_value(writer, items[c], -99), "user-missing code");
      } else {
        check(readstat_insert_tagged_missing_value(writer, items[c], 'a'), "tagged missing");
      }
    }
    check(readstat_end_row(writer), "end row");
  }
  file.finish();
}

}  // namespace

int main(int argc, char** argv) {
  if (argc == 4 && std::string(argv[1]) == "--oracle") {
    const Table t = read_csv(argv[2]);
    write_oracle(t, argv[3], true);
    write_oracle(t, argv[3], false);
    return 0;
  }
  if (argc != 2) {
    std::fprintf(stderr,
                 "usage: write_stat_fixtures <directory>\n"
                 "       write_stat_fixtures --oracle <in.csv> <out-stem>\n");
    return 1;
  }
  const std::string dir = argv[1];
  write_spss(dir + "/sample.sav");
  write_portable(dir + "/sample.por");
  write_stata(dir + "/sample.dta");
  write_old_stata(dir + "/stata105.dta");
  write_stata117_utf8(dir + "/stata117-utf8.dta");
  write_dates(dir + "/dates.sav", true);
  write_dates(dir + "/dates.dta", false);
  return 0;
}
