// Tests of the streaming CSV/TSV reader (securebase/table.hpp).
#include "securebase/io/table.hpp"
#include "io/table_fields.hpp"

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "securebase/core/error.hpp"
#include "support/errors.hpp"
#include "support/paths.hpp"

namespace {

using securebase::SplitRecord;
using securebase::TableChunk;
using securebase::TableReader;
using securebase::test::check_error;

const std::string data_dir = std::string(SECUREBASE_TEST_DATA) + "/batch";

struct Split {
  std::vector<std::string> fields;
  SplitRecord r;
};

Split split(std::string_view text, char delimiter = ',', std::size_t pos = 0) {
  std::vector<std::string_view> views;
  std::string scratch;
  scratch.reserve(text.size());
  Split s;
  s.r = securebase::split_record(text, pos, delimiter, views, scratch);
  s.fields.assign(views.begin(), views.end());
  return s;
}

// Every record of a reader, read chunk by chunk and split again.
std::vector<std::vector<std::string>> all_chunked(TableReader& reader, std::size_t target) {
  std::vector<std::vector<std::string>> rows;
  TableChunk chunk;
  std::vector<std::string_view> views;
  std::string scratch;
  while (reader.next_chunk(chunk, target)) {
    REQUIRE(chunk.text.back() == '\n');
    scratch.reserve(chunk.text.size());
    std::size_t pos = chunk.begin;
    while (pos < chunk.text.size()) {
      const SplitRecord r =
          securebase::split_record(chunk.text, pos, reader.delimiter(), views, scratch);
      if (!r.blank) rows.emplace_back(views.begin(), views.end());
      pos = r.next;
    }
  }
  return rows;
}

}  // namespace

TEST_CASE("the delimiter is the most frequent of comma, semicolon and tab in the header",
          "[table]") {
  CHECK(securebase::detect_delimiter("id,a,b") == ',');
  CHECK(securebase::detect_delimiter("id;a;b") == ';');
  CHECK(securebase::detect_delimiter("id\ta\tb") == '\t');
  // Delimiters inside quotes do not count: two semicolons outside, three commas inside.
  CHECK(securebase::detect_delimiter("\"a,b,c,d\";x;y") == ';');
  CHECK(securebase::detect_delimiter("single") == ',');
  CHECK(securebase::detect_delimiter("a;b\nc,d,e,f") == ';');  // only the first line counts
  CHECK(securebase::delimiter_name('\t') == "tab");
  CHECK(securebase::delimiter_name(';') == "semicolon");
}

TEST_CASE("split_record reads RFC 4180 fields", "[table]") {
  SECTION("plain fields, an empty one and a trailing empty one") {
    const Split s = split("a,,c,\nnext");
    CHECK(s.fields == std::vector<std::string>{"a", "", "c", ""});
    CHECK(s.r.next == 6);
    CHECK(s.r.newlines == 1);
  }
  SECTION("CRLF line ends are not part of the last field") {
    const Split s = split("a,b\r\nc");
    CHECK(s.fields == std::vector<std::string>{"a", "b"});
    CHECK(s.r.next == 5);
  }
  SECTION("quoted fields hold delimiters, doubled quotes and line breaks") {
    const Split s = split("\"x,y\",\"say \"\"hi\"\"\",\"two\nlines\",\"\"\nrest");
    CHECK(s.fields == std::vector<std::string>{"x,y", "say \"hi\"", "two\nlines", ""});
    CHECK(s.r.newlines == 2);  // one inside the field, one ending the record
    CHECK(s.r.bad_quote == 0);
  }
  SECTION("a quoted last field before CRLF") {
    const Split s = split("a,\"b\"\r\n");
    CHECK(s.fields == std::vector<std::string>{"a", "b"});
    CHECK(s.r.next == 7);
  }
  SECTION("a quote inside an unquoted field is kept as text") {
    const Split s = split("5\"7,b\n");
    CHECK(s.fields == std::vector<std::string>{"5\"7", "b"});
    CHECK(s.r.bad_quote == 0);
  }
  SECTION("text after a closing quote is flagged with its field number") {
    const Split s = split("a,\"1\"x,c\n");
    CHECK(s.r.bad_quote == 2);
    CHECK(s.fields.size() == 3);
    CHECK(s.fields[2] == "c");
  }
  SECTION("a quote never closed runs to the end") {
    const Split s = split("a,\"open\nmore");
    CHECK(s.r.unterminated);
    CHECK(s.fields.back() == "open\nmore");
  }
  SECTION("blank lines have no fields") {
    CHECK(split("\nx").r.blank);
    CHECK(split("\r\nx").r.blank);
    CHECK(split("x\n\ny", ',', 2).r.blank);
  }
  SECTION("tab and semicolon delimiters") {
    CHECK(split("a\tb;c\n", '\t').fields == std::vector<std::string>{"a", "b;c"});
    CHECK(split("a\tb;c\n", ';').fields == std::vector<std::string>{"a\tb", "c"});
  }
}

TEST_CASE("count_newlines counts every line end, at every length and offset", "[table]") {
  // Expected: std::count over the same bytes. Lengths cross the 16-byte blocks and the flush
  // after 255 blocks (4080 bytes) of the per-lane byte counters; every byte a line end is the
  // counters' worst case.
  std::string text;
  for (std::size_t i = 0; i < 9000; ++i) text.push_back(i % 7 == 0 || i % 13 == 0 ? '\n' : 'x');
  const std::string all_newlines(5000, '\n');
  for (const std::string* t : std::vector<const std::string*>{&text, &all_newlines}) {
    for (const std::size_t offset : std::vector<std::size_t>{0, 1, 15}) {
      for (const std::size_t length :
           std::vector<std::size_t>{0, 1, 15, 16, 17, 4079, 4080, 4081, 4096, 4975}) {
        const char* b = t->data() + offset;
        CHECK(securebase::count_newlines(b, b + length) ==
              static_cast<std::size_t>(std::count(b, b + length, '\n')));
      }
    }
  }
}

TEST_CASE("append_field quotes only when needed and round-trips", "[table]") {
  const std::vector<std::string> samples{"plain",      "",         "a,b",      "say \"hi\"",
                                         "two\nlines", " padded ", "cr\rhere", "tab\there"};
  for (const std::string& value : samples) {
    std::string out;
    securebase::append_field(out, value, ',');
    out += ",end\n";
    const Split s = split(out);
    REQUIRE(s.fields.size() == 2);
    CHECK(s.fields[0] == value);
  }
  std::string out;
  securebase::append_field(out, "plain", ',');
  securebase::append_field(out, "a;b", ',');
  CHECK(out == "plaina;b");
  out.clear();
  securebase::append_field(out, "a\tb", '\t');
  CHECK(out == "\"a\tb\"");
}

TEST_CASE("TableReader drops a byte order mark, detects the delimiter and counts lines",
          "[table]") {
  std::istringstream in("\xEF\xBB\xBFid;x\r\n\r\n1;\"a\nb\"\r\n2;c");
  TableReader reader(in, "<test>");
  std::vector<std::string> fields;
  REQUIRE(reader.next_record(fields));
  CHECK(fields == std::vector<std::string>{"id", "x"});
  CHECK(reader.had_bom());
  CHECK(reader.delimiter() == ';');
  CHECK(reader.line() == 2);
  // Peeking does not consume; blank lines are skipped.
  REQUIRE(reader.peek_record(1, fields));
  CHECK(fields == std::vector<std::string>{"2", "c"});
  REQUIRE(reader.peek_record(0, fields));
  CHECK(fields == std::vector<std::string>{"1", "a\nb"});
  CHECK_FALSE(reader.peek_record(2, fields));
  TableChunk chunk;
  REQUIRE(reader.next_chunk(chunk));
  CHECK(chunk.first_line == 2);
  CHECK(chunk.text.substr(chunk.begin) ==
        "\r\n1;\"a\nb\"\r\n2;c\n");  // the last record gets its line end
  CHECK_FALSE(reader.next_chunk(chunk));
}

TEST_CASE("a given delimiter overrides detection", "[table]") {
  std::istringstream in("a;b,c\n1;2,3\n");
  TableReader reader(in, "<test>", ',');
  std::vector<std::string> fields;
  REQUIRE(reader.next_record(fields));
  CHECK(fields == std::vector<std::string>{"a;b", "c"});
}

TEST_CASE("chunks hold whole records across read blocks, from a stream and from a file",
          "[table]") {
  // About 2.7 MiB, more than the 1 MiB read block, with quoted line breaks and doubled quotes
  // scattered so that some straddle block and chunk boundaries.
  std::string text = "id,text,n\n";
  std::vector<std::vector<std::string>> expected;
  for (int i = 0; i < 60000; ++i) {
    std::string value = "v" + std::to_string(i);
    if (i % 7 == 0) value += "\nline two";
    if (i % 11 == 0) value += " \"q\", more";
    std::string quoted = "\"";
    for (const char c : value) {
      if (c == '"') quoted += '"';
      quoted += c;
    }
    quoted += '"';
    text += std::to_string(i) + "," + quoted + "," + std::string(30, 'x') + "\n";
    expected.push_back({std::to_string(i), value, std::string(30, 'x')});
  }
  REQUIRE(text.size() > (std::size_t{5} << 19));  // 2.5 MiB
  const std::size_t target = GENERATE(std::size_t{1000}, std::size_t{1} << 20);

  SECTION("stream") {
    std::istringstream in(text);
    TableReader reader(in, "<test>");
    std::vector<std::string> header;
    REQUIRE(reader.next_record(header));
    CHECK(all_chunked(reader, target) == expected);
  }
  SECTION("file") {
    const auto path = std::filesystem::temp_directory_path() / "securebase-table-test.csv";
    {
      std::ofstream out(path, std::ios::binary);
      out << text;
    }
    TableReader reader(path);
    CHECK(reader.size() == text.size());
    std::vector<std::string> header;
    REQUIRE(reader.next_record(header));
    CHECK(all_chunked(reader, target) == expected);
    CHECK(reader.bytes_consumed() == text.size());
    std::filesystem::remove(path);
  }
}

TEST_CASE("records longer than several read blocks are cut where they end", "[table]") {
  // The scan resumes after each 1 MiB block where it stopped: a quoted record of 3 MiB whose
  // quotes, delimiters and line breaks fall in different blocks, plain rows whose first quote
  // comes only after 2 MiB, and a 3 MiB plain record, read as chunks and as peeked records.
  std::string long_quoted;  // 3 MiB with "" and a line break every 1000 bytes
  for (int k = 0; k < 3 * 1024; ++k) {
    long_quoted += std::string(997, k % 2 == 0 ? 'a' : ',');
    long_quoted += k % 3 == 0 ? ""
                                ""
                              : "\n ";
    if (k % 3 == 0) long_quoted += ' ';
  }
  std::string escaped;
  for (const char c : long_quoted) {
    if (c == '"') escaped += '"';
    escaped += c;
  }
  const std::string long_plain(std::size_t{3} << 20, '7');
  std::string text = "id,text\n";
  std::vector<std::vector<std::string>> expected;
  for (int i = 0; i < 70000; ++i) {  // about 2 MiB of plain rows first
    text += std::to_string(i) + ",plain row text\n";
    expected.push_back({std::to_string(i), "plain row text"});
  }
  text += "q,\"" + escaped + "\"\n";
  expected.push_back({"q", long_quoted});
  text += "p," + long_plain + "\n";
  expected.push_back({"p", long_plain});
  text += "end,\"x\"";  // the last record has no line end
  expected.push_back({"end", "x"});

  std::istringstream in(text);
  TableReader reader(in, "<test>");
  std::vector<std::string> fields;
  REQUIRE(reader.next_record(fields));
  // peeking walks records through the same resumable scan
  REQUIRE(reader.peek_record(70000, fields));
  CHECK(fields == expected[70000]);
  REQUIRE(reader.peek_record(70002, fields));
  CHECK(fields == expected[70002]);
  CHECK(all_chunked(reader, std::size_t{1} << 20) == expected);
  // the next line: header 1, plain rows 2..70001, the quoted record 70002..72050 (2048 line
  // breaks inside), the long plain record 72051, the last record 72052 (no line end)
  CHECK(reader.line() == 72052);
}

TEST_CASE("a quote never closed is error 701 at the opening quote", "[table]") {
  SECTION("in a chunk") {
    std::ifstream probe(data_dir + "/unclosed-quote.csv");
    REQUIRE(probe);
    TableReader reader(data_dir + "/unclosed-quote.csv");
    std::vector<std::string> header;
    REQUIRE(reader.next_record(header));
    TableChunk chunk;
    // The whole record before it is handed out first.
    REQUIRE(reader.next_chunk(chunk));
    CHECK(chunk.text.substr(chunk.begin) == "p1,1,2,3,4,5,1,2\n");
    check_error(
        [&] { reader.next_chunk(chunk); }, securebase::ErrorCode::table_syntax,
        "[securebase.table.701] " + data_dir +
            "/unclosed-quote.csv:3:4: a quoted field starts here but its closing quote is "
            "missing before the end of the file; close the quote, and write a quote inside a "
            "quoted field as two (\"\")");
  }
  SECTION("in the header") {
    std::istringstream in("a,\"b\nc,d\n");
    TableReader reader(in, "<stdin>");
    std::vector<std::string> header;
    check_error(
        [&] { reader.next_record(header); }, securebase::ErrorCode::table_syntax,
        "[securebase.table.701] <stdin>:1:3: a quoted field starts here but its closing quote "
        "is missing before the end of the file; close the quote, and write a quote inside a "
        "quoted field as two (\"\")");
  }
}

TEST_CASE("a missing input file is error 601", "[table]") {
  check_error([] { TableReader reader(data_dir + "/no-such-file.csv"); },
              securebase::ErrorCode::io_read,
              "[securebase.io.601] " + data_dir +
                  "/no-such-file.csv: cannot be opened for reading (No such file or directory)");
  check_error([] { TableReader reader(data_dir); }, securebase::ErrorCode::io_read,
              "[securebase.io.601] " + data_dir + ": is a directory, but must be a file");
}

TEST_CASE("a UTF-16 input with a byte order mark is read as UTF-16", "[table]") {
  // Once error 701; issue 24: read it. source: "id" in UTF-16LE is 69 00 64 00 after FF FE.
  std::istringstream in(std::string("\xFF\xFEi\0d\0", 6));
  TableReader reader(in, "export.tsv");
  std::vector<std::string> fields;
  REQUIRE(reader.next_record(fields));
  CHECK(fields == std::vector<std::string>{"id"});
  CHECK(reader.encoding() == "UTF-16");
}

TEST_CASE("an empty input has no records", "[table]") {
  std::istringstream in("");
  TableReader reader(in, "<stdin>");
  std::vector<std::string> fields;
  CHECK_FALSE(reader.next_record(fields));
  TableChunk chunk;
  CHECK_FALSE(reader.next_chunk(chunk));
}

TEST_CASE("split_record keeps at most max_fields fields and counts the rest", "[table]") {
  std::vector<std::string_view> views;
  std::string scratch;
  scratch.reserve(64);
  // source: "a,b,c,d,e" has 5 fields; with room for 2, 3 are counted as extra
  SplitRecord r = securebase::split_record("a,b,c,d,e\n", 0, ',', views, scratch, 2);
  CHECK(views == std::vector<std::string_view>{"a", "b"});
  CHECK(r.extra_fields == 3);
  CHECK(r.next == 10);
  // the quoted path: 4 fields, "x""y" unescaped, room for 3
  r = securebase::split_record("\"x\"\"y\",b,\"c\",d\n", 0, ',', views, scratch, 3);
  CHECK(views == std::vector<std::string_view>{"x\"y", "b", "c"});
  CHECK(r.extra_fields == 1);
  r = securebase::split_record("a,b\n", 0, ',', views, scratch, 2);
  CHECK(r.extra_fields == 0);
}

TEST_CASE("the record length and header columns are limits a reader is given", "[table]") {
  securebase::Limits limits;
  SECTION("a record longer than max_record_bytes is 701 at its line") {
    limits.max_record_bytes = 1000;
    std::istringstream in("id,text\n1," + std::string(2000, 'x') + "\n");
    TableReader reader(in, "<stdin>", 0, limits);
    std::vector<std::string> header;
    REQUIRE(reader.next_record(header));
    TableChunk chunk;
    check_error([&] { reader.next_chunk(chunk, 100); }, securebase::ErrorCode::table_syntax,
                "[securebase.table.701] <stdin>:2: a record is longer than 1000 bytes (the "
                "max_record_bytes limit; see docs/limits.md); a quote that is never closed is "
                "the usual cause");
  }
  SECTION("a header longer than max_record_bytes is 701 too") {
    limits.max_record_bytes = 10;
    std::istringstream in("id,a_long_name\n");
    TableReader reader(in, "<stdin>", 0, limits);
    std::vector<std::string> header;
    check_error([&] { reader.next_record(header); }, securebase::ErrorCode::table_syntax,
                "[securebase.table.701] <stdin>:1: a record is longer than 10 bytes (the "
                "max_record_bytes limit; see docs/limits.md); a quote that is never closed is "
                "the usual cause");
  }
  SECTION("the same record within a larger limit is read") {
    limits.max_record_bytes = std::size_t{1} << 20;
    std::istringstream in("id,text\n1," + std::string(2000, 'x') + "\n");
    TableReader reader(in, "<stdin>", 0, limits);
    CHECK(all_chunked(reader, 100).size() == 2);
  }
  SECTION("a header wider than max_columns is 701; a peeked row keeps max_columns fields") {
    limits.max_columns = 3;
    std::istringstream in("\n\na,b,c,d\n1,2,3,4\n");
    TableReader reader(in, "<stdin>", 0, limits);
    std::vector<std::string> fields;
    REQUIRE(reader.peek_record(1, fields));
    CHECK(fields == std::vector<std::string>{"1", "2", "3"});
    check_error([&] { reader.next_record(fields); }, securebase::ErrorCode::table_syntax,
                "[securebase.table.701] <stdin>:3: a record has 4 fields, but may have at most "
                "3 (the max_columns limit; see docs/limits.md)");
  }
  SECTION("exactly max_columns fields are fine") {
    limits.max_columns = 4;
    std::istringstream in("a,b,c,d\n");
    TableReader reader(in, "<stdin>", 0, limits);
    std::vector<std::string> fields;
    REQUIRE(reader.next_record(fields));
    CHECK(fields.size() == 4);
    CHECK(reader.limits().max_columns == 4);
  }
}
