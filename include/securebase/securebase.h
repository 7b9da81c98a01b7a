/* securebase: the C API. Opaque handles, plain C types, JSON in and JSON out, so that any
 * language with a C foreign-function interface can score with the library (docs/embedding.md).
 *
 * Rules every function follows:
 * - A function that can fail returns a status: SB_OK (0), a C-API code (1-99), or the number of
 *   a securebase error code (101-1006, docs/errors.md); sb_code names them all. No exception
 *   crosses the boundary.
 * - After every call that returns a status, sb_last_error_message() holds that call's message
 *   on the calling thread ("" after success), in one format for every code:
 *   "[securebase.answers.203] answers: /i01: 9 is outside the response scale ...",
 *   "[securebase.capi.1] sb_score: out must not be NULL". sb_last_error_count() and the
 *   sb_last_error_*_at() functions give every problem the call found, not only the first.
 * - Text comes NUL-terminated, or as (pointer, length) through the functions ending in _n: there
 *   a NUL byte inside the length is SB_ERROR_BAD_ARGUMENT, never a silent truncation.
 * - NULL pointers, sizes and strides that cannot be right are a status, never a crash.
 * - Whatever a function allocates for the caller is freed by exactly one matching call:
 *   sb_instrument_free, sb_result_free, sb_text_free, sb_stats_free, sb_string_free. Each
 *   accepts NULL.
 * - An sb_instrument and an sb_text are read-only after loading: threads may share them. The
 *   array calls take no callbacks and touch no global state but the calling thread's last error,
 *   so a binding may release its interpreter lock around them.
 *
 * Versioning: while the major version is 0, the minor is part of the ABI (soname
 * libsecurebase.so.0.MINOR); see docs/embedding.md. Compiles as C99 and as C++. */
#ifndef SECUREBASE_SECUREBASE_H
#define SECUREBASE_SECUREBASE_H

#include <stddef.h>
#include <stdint.h>

#include "securebase/export.h"

#ifdef __cplusplus
extern "C" {
#endif

/** The version of this header (the library's: sb_version_number() at run time). */
#define SB_VERSION_MAJOR 0
/** Minor version: while the major is 0, a new minor may change the API. */
#define SB_VERSION_MINOR 1
/** Patch version. */
#define SB_VERSION_PATCH 0
/** MAJOR * 10000 + MINOR * 100 + PATCH, e.g. 100 for 0.1.0. */
#define SB_VERSION_NUMBER (SB_VERSION_MAJOR * 10000 + SB_VERSION_MINOR * 100 + SB_VERSION_PATCH)

/** Every status a function returns. 1-99 are the C layer's own; the others are securebase's
 *  error catalogue (docs/errors.md, securebase::ErrorCode), with the same numbers. */
typedef enum sb_code {
  SB_OK = 0,                  /**< the call succeeded */
  SB_ERROR_NULL_ARGUMENT = 1, /**< a required pointer argument was NULL */
  SB_ERROR_OUT_OF_MEMORY = 2, /**< memory ran out */
  SB_ERROR_BAD_OPTIONS = 3,   /**< an options JSON is not an object of known members */
  SB_ERROR_NO_SUCH_SCALE = 4, /**< no scale of that id (sb_result_scale_score) */
  SB_ERROR_BAD_ARGUMENT = 5,  /**< a size, stride, index or text that cannot be right */
  /** the file is not valid JSON */
  SB_ERROR_INSTRUMENT_SYNTAX = 101,
  /** a required member is absent */
  SB_ERROR_INSTRUMENT_MISSING_FIELD = 102,
  /** a member has the wrong JSON type */
  SB_ERROR_INSTRUMENT_WRONG_TYPE = 103,
  /** a member's value is outside what is allowed */
  SB_ERROR_INSTRUMENT_BAD_VALUE = 104,
  /** an id or number is declared twice */
  SB_ERROR_INSTRUMENT_DUPLICATE = 105,
  /** a reference names something that does not exist */
  SB_ERROR_INSTRUMENT_DANGLING = 106,
  /** no embedded instrument has this id and no file has this path */
  SB_ERROR_INSTRUMENT_UNKNOWN = 107,
  /** a member that the format does not define (a likely typo) */
  SB_ERROR_INSTRUMENT_UNKNOWN_FIELD = 108,
  /** the answers text is neither a JSON object nor an item=value list */
  SB_ERROR_ANSWERS_SYNTAX = 201,
  /** an answer names an item the instrument does not have */
  SB_ERROR_ANSWERS_UNKNOWN_ITEM = 202,
  /** a value lies outside the response scale */
  SB_ERROR_ANSWERS_OUT_OF_RANGE = 203,
  /** a value is not a whole number */
  SB_ERROR_ANSWERS_NOT_INTEGER = 204,
  /** the same item is answered twice */
  SB_ERROR_ANSWERS_DUPLICATE = 205,
  /** no norm set of that id in the instrument */
  SB_ERROR_NORMS_UNKNOWN_SET = 301,
  /** the norm set has no values for that scale */
  SB_ERROR_NORMS_SCALE_ABSENT = 302,
  /** a result file is not valid JSON */
  SB_ERROR_RESULT_SYNTAX = 401,
  /** a result file does not follow the result schema */
  SB_ERROR_RESULT_SCHEMA = 402,
  /** a result file was written by a newer, incompatible schema */
  SB_ERROR_RESULT_VERSION = 403,
  /** two results are not on the same metric (different keys) */
  SB_ERROR_RESULT_INCOMPARABLE = 404,
  /** an item-text file is not valid JSON or misses a member */
  SB_ERROR_TEXT_SYNTAX = 501,
  /** an item-text file names an item the instrument does not have */
  SB_ERROR_TEXT_UNKNOWN_ITEM = 502,
  /** an item-text file belongs to another instrument or has wrong labels */
  SB_ERROR_TEXT_MISMATCH = 503,
  /** no text (items or feedback) in the requested language */
  SB_ERROR_TEXT_LANGUAGE = 504,
  /** a file could not be read */
  SB_ERROR_IO_READ = 601,
  /** a file could not be written */
  SB_ERROR_IO_WRITE = 602,
  /** a file or standard input is larger than the size limit */
  SB_ERROR_IO_LIMIT = 603,
  /** a CSV/TSV is malformed (e.g. a quote never closed) */
  SB_ERROR_TABLE_SYNTAX = 701,
  /** a mapped column is not in the header */
  SB_ERROR_TABLE_COLUMN_MISSING = 702,
  /** a header names a mapped column twice, or two items map to one */
  SB_ERROR_TABLE_COLUMN_DUPLICATE = 703,
  /** a --columns pattern, --map or --recode is not understood */
  SB_ERROR_TABLE_MAPPING = 704,
  /** the output would overwrite the input, or exists without --force */
  SB_ERROR_TABLE_OUTPUT = 705,
  /** a data file (e.g. .sav, .dta) cannot be read as a table */
  SB_ERROR_TABLE_FORMAT = 706,
  /** a saved session file cannot be read back */
  SB_ERROR_SESSION_CORRUPT = 801,
  /** the instrument has no item text in the chosen language */
  SB_ERROR_SESSION_NO_TEXT = 802,
  /** the state directory cannot be created or is not private */
  SB_ERROR_SESSION_STATE = 803,
  /** a bug in securebase: please report it */
  SB_ERROR_INTERNAL = 901,
  /** a statistics partial is not valid JSON */
  SB_ERROR_STATS_PARTIAL_SYNTAX = 1001,
  /** a statistics partial does not follow the partial format */
  SB_ERROR_STATS_PARTIAL_SCHEMA = 1002,
  /** a statistics partial was written under another version */
  SB_ERROR_STATS_PARTIAL_VERSION = 1003,
  /** partials over different layouts (instruments, keys, items) */
  SB_ERROR_STATS_INCOMPARABLE = 1004,
  /** a mean vector or covariance matrix does not fit the items */
  SB_ERROR_STATS_COVARIANCE = 1005,
  /** a check's parameter (published value, threshold) is out of range */
  SB_ERROR_STATS_PARAMETER = 1006,
} sb_code;

/** A loaded, validated instrument (questionnaire key). */
typedef struct sb_instrument sb_instrument;
/** One scored (or loaded) result: its scores and its JSON document. */
typedef struct sb_result sb_result;
/** The item and label wording of an instrument in one language. */
typedef struct sb_text sb_text;
/** A statistics accumulator over the rows of one instrument. */
typedef struct sb_stats sb_stats;

/* ---- Version and errors ---------------------------------------------------------------- */

/** The library version, "major.minor.patch" (a static string; never fails). */
SECUREBASE_API const char* sb_version(void);

/** The library version as MAJOR * 10000 + MINOR * 100 + PATCH (compare with SB_VERSION_NUMBER). */
SECUREBASE_API int sb_version_number(void);

/** The stable name of a status, "securebase.answers.203" or "securebase.capi.1"
 *  ("securebase.ok" for SB_OK); NULL for a number that is no status. A static string. */
SECUREBASE_API const char* sb_error_name(int code);

/** The message of the last call on this thread that returned a status; "" after success.
 *  Valid until the next securebase call on this thread. Never NULL. */
SECUREBASE_API const char* sb_last_error_message(void);

/** The status of the last call on this thread that returned a status. */
SECUREBASE_API int sb_last_error_code(void);

/** How many problems the last call found (0 after success); sb_last_error_message() is the
 *  first. Valid like sb_last_error_message(). */
SECUREBASE_API size_t sb_last_error_count(void);

/** The code of problem `index` of the last call; SB_OK past the end. */
SECUREBASE_API int sb_last_error_code_at(size_t index);

/** Where problem `index` is ("answers:1:5", "mine.json: /items/3/id"); "" past the end. */
SECUREBASE_API const char* sb_last_error_where_at(size_t index);

/** What problem `index` is and what to do, without code or location; "" past the end. */
SECUREBASE_API const char* sb_last_error_text_at(size_t index);

/** Problem `index` as one line, "[securebase.FAMILY.CODE] where: text"; "" past the end. */
SECUREBASE_API const char* sb_last_error_message_at(size_t index);

/** Frees a string the library returned through a char** (NULL is allowed). */
SECUREBASE_API void sb_string_free(char* text);

/* ---- Instruments ----------------------------------------------------------------------- */

/** Ids of the instruments embedded in the library, as a JSON array of strings. Free *out_json
 *  with sb_string_free. */
SECUREBASE_API int sb_embedded_instrument_ids(char** out_json);

/** Loads an instrument embedded in the library by id (e.g. "securebase-core"); 107 when there
 *  is none. Free *out with sb_instrument_free. */
SECUREBASE_API int sb_instrument_load_embedded(const char* id, sb_instrument** out);

/** sb_instrument_load_embedded with the id as (pointer, length). */
SECUREBASE_API int sb_instrument_load_embedded_n(const char* id, size_t id_len,
                                                 sb_instrument** out);

/** Loads an instrument file (601 when unreadable, 101-108 when invalid). */
SECUREBASE_API int sb_instrument_load_file(const char* path, sb_instrument** out);

/** sb_instrument_load_file with the path as (pointer, length). */
SECUREBASE_API int sb_instrument_load_file_n(const char* path, size_t path_len,
                                             sb_instrument** out);

/** Parses an instrument from JSON text; `source` (may be NULL) names it in messages. */
SECUREBASE_API int sb_instrument_parse(const char* json, const char* source, sb_instrument** out);

/** sb_instrument_parse with the JSON as (pointer, length). */
SECUREBASE_API int sb_instrument_parse_n(const char* json, size_t json_len, const char* source,
                                         sb_instrument** out);

/** The instrument's id (owned by the instrument; NULL for a NULL instrument). */
SECUREBASE_API const char* sb_instrument_id(const sb_instrument* instrument);

/** Frees an instrument (NULL is allowed). */
SECUREBASE_API void sb_instrument_free(sb_instrument* instrument);

/* ---- Instrument metadata: everything a user interface needs to present it ----------------- */

/** Number of items (0 for NULL). Items are indexed 0 .. count - 1 in canonical order; the item
 *  at index i has number i + 1. */
SECUREBASE_API size_t sb_instrument_item_count(const sb_instrument* instrument);

/** Number of scales (0 for NULL), indexed in declared order as scores are written. */
SECUREBASE_API size_t sb_instrument_scale_count(const sb_instrument* instrument);

/** The id of item `index` ("i01"), owned by the instrument; NULL past the end or for NULL. */
SECUREBASE_API const char* sb_instrument_item_id(const sb_instrument* instrument, size_t index);

/** The id of scale `index` ("anxiety"), owned by the instrument; NULL past the end or for NULL. */
SECUREBASE_API const char* sb_instrument_scale_id(const sb_instrument* instrument, size_t index);

/** The lowest and highest answer of the shared response scale. */
SECUREBASE_API int sb_instrument_response_range(const sb_instrument* instrument, int* min,
                                                int* max);

/** The instrument described as JSON: id, version, titles, citations, licence, response scale
 *  with its labels, items (id, number, scales with keys), scales (id, name, method, items,
 *  reversed, minimum answered), orders, norm sets, plane and key fingerprint. Free *out_json
 *  with sb_string_free. */
SECUREBASE_API int sb_instrument_info_json(const sb_instrument* instrument, char** out_json);

/* ---- Item text -------------------------------------------------------------------------- */

/** Languages of the library's embedded texts for the instrument, as a JSON array ("[]" for
 *  none: published instruments ship no wording). Free *out_json with sb_string_free. */
SECUREBASE_API int sb_text_languages(const sb_instrument* instrument, char** out_json);

/** The embedded text of the instrument in `language` ("en"); 504 when there is none. */
SECUREBASE_API int sb_text_load_embedded(const sb_instrument* instrument, const char* language,
                                         sb_text** out);

/** sb_text_load_embedded with the language as (pointer, length). */
SECUREBASE_API int sb_text_load_embedded_n(const sb_instrument* instrument, const char* language,
                                           size_t language_len, sb_text** out);

/** A user-supplied text file, checked against the instrument (601, 501-503). */
SECUREBASE_API int sb_text_load_file(const sb_instrument* instrument, const char* path,
                                     sb_text** out);

/** sb_text_load_file with the path as (pointer, length). */
SECUREBASE_API int sb_text_load_file_n(const sb_instrument* instrument, const char* path,
                                       size_t path_len, sb_text** out);

/** A user-supplied text as (pointer, length) of JSON, checked as sb_text_load_file; `source`
 *  (may be NULL) names it in messages. */
SECUREBASE_API int sb_text_parse_n(const sb_instrument* instrument, const char* json,
                                   size_t json_len, const char* source, sb_text** out);

/** The language tag of a text ("en"); NULL for NULL. */
SECUREBASE_API const char* sb_text_language(const sb_text* text);

/** The wording of item `index` (canonical order); NULL when the text has none for it. */
SECUREBASE_API const char* sb_text_item(const sb_text* text, size_t index);

/** The label of answer `value` (min..max), in the text's language or else the instrument's
 *  default; NULL when there is none. */
SECUREBASE_API const char* sb_text_label(const sb_text* text, int value);

/** Frees a text (NULL is allowed). */
SECUREBASE_API void sb_text_free(sb_text* text);

/* ---- Scoring one respondent -------------------------------------------------------------- */

/** Scores one respondent. `answers` is a JSON object ({"1": 5, "i02": null}) or an item=value
 *  list ("1=5 2=3", NA = missing), as securebase::parse_answers reads (201-205 when wrong).
 *  `options_json` may be NULL or a JSON object with optional string members "norm_set" (a norm
 *  set of the instrument, 301 when unknown), "language" (of the feedback, default "en"; 504
 *  when there is no such text) and "boundary_norm_set" (the profile's boundaries at that norm
 *  set's medians instead of the scale midpoints). Free *out with sb_result_free. */
SECUREBASE_API int sb_score(const sb_instrument* instrument, const char* answers,
                            const char* options_json, sb_result** out);

/** sb_score with (pointer, length) texts; options_json may be NULL with options_len 0. */
SECUREBASE_API int sb_score_n(const sb_instrument* instrument, const char* answers,
                              size_t answers_len, const char* options_json, size_t options_len,
                              sb_result** out);

/** Scores only: one respondent's answers (as sb_score reads them) to every scale's score in
 *  declared order, NaN where a scale has too few answers. No profile, feedback or JSON. `scores`
 *  and `answered` (may be NULL: answered items per scale) hold `capacity` entries, at least
 *  sb_instrument_scale_count (else SB_ERROR_BAD_ARGUMENT). */
SECUREBASE_API int sb_score_values(const sb_instrument* instrument, const char* answers,
                                   size_t answers_len, double* scores, uint32_t* answered,
                                   size_t capacity);

/** Scores `rows` respondents at once. Row r's answer to item i (canonical order) is
 *  values[r * row_stride + i], NaN = missing; row_stride >= the item count. Row r's score of
 *  scale s goes to scores[r * score_stride + s] (score_stride >= the scale count), its answered
 *  count to answered[r * score_stride + s] (answered may be NULL), and its status to
 *  row_status[r] (may be NULL): SB_OK, or 203/204 for an answer off the response scale, and then
 *  the row's scores are NaN and its counts 0. Returns SB_OK when the call itself was right, with
 *  *rows_invalid (may be NULL) the number of rows whose status is not SB_OK. */
SECUREBASE_API int sb_score_array(const sb_instrument* instrument, const double* values,
                                  size_t rows, size_t row_stride, double* scores,
                                  size_t score_stride, uint32_t* answered, int* row_status,
                                  size_t* rows_invalid);

/* ---- Results ----------------------------------------------------------------------------- */

/** The result document as JSON (schema "securebase-result"; with "profile" and "feedback" when
 *  made by sb_score), owned by the result; NULL for a NULL result. */
SECUREBASE_API const char* sb_result_json(const sb_result* result);

/** One scale's score, e.g. "anxiety"; *value is NaN when the scale could not be scored
 *  (too few answers). SB_ERROR_NO_SUCH_SCALE when the instrument has no such scale. */
SECUREBASE_API int sb_result_scale_score(const sb_result* result, const char* scale_id,
                                         double* value);

/** sb_result_scale_score with the scale id as (pointer, length). */
SECUREBASE_API int sb_result_scale_score_n(const sb_result* result, const char* scale_id,
                                           size_t scale_id_len, double* value);

/** Reads a saved result document (401-403); `source` (may be NULL) names it in messages. */
SECUREBASE_API int sb_result_load_n(const char* json, size_t json_len, const char* source,
                                    sb_result** out);

/** Renders a result scored with `instrument` (404 when its key differs) as "text", "html" or
 *  "json" (the result document with profile and feedback). `options_json` may be NULL or an
 *  object with "language", "boundary_norm_set" (strings), "width" (number, text only) and
 *  "ascii" (boolean, text only). Free *out with sb_string_free. */
SECUREBASE_API int sb_result_render(const sb_instrument* instrument, const sb_result* result,
                                    const char* format, const char* options_json, char** out);

/** sb_result_render with the format and the options as (pointer, length); options_json may be
 *  NULL with options_len 0 (no options). */
SECUREBASE_API int sb_result_render_n(const sb_instrument* instrument, const sb_result* result,
                                      const char* format, size_t format_len,
                                      const char* options_json, size_t options_len, char** out);

/** Reliable change from `before` to `after` (404 when not on the same metric), as JSON: per
 *  scale before, after, difference, se_difference, rci and verdict. Free with sb_string_free. */
SECUREBASE_API int sb_result_compare(const sb_result* before, const sb_result* after,
                                     char** out_json);

/** Frees a result (NULL is allowed). */
SECUREBASE_API void sb_result_free(sb_result* result);

/* ---- Statistics -------------------------------------------------------------------------- */

/** An empty statistics accumulator over the instrument's items and scales. */
SECUREBASE_API int sb_stats_new(const sb_instrument* instrument, sb_stats** out);

/** Scores rows laid out as for sb_score_array and adds the valid ones (status SB_OK) to the
 *  statistics; *rows_added (may be NULL) counts them. */
SECUREBASE_API int sb_stats_add_array(sb_stats* stats, const double* values, size_t rows,
                                      size_t row_stride, size_t* rows_added);

/** The accumulator as a statistics partial (JSON) to merge elsewhere. Free with sb_string_free. */
SECUREBASE_API int sb_stats_partial_json(const sb_stats* stats, char** out_json);

/** Merges a partial (1001-1004) into the accumulator; `source` (may be NULL) names it. */
SECUREBASE_API int sb_stats_merge_partial_n(sb_stats* stats, const char* json, size_t json_len,
                                            const char* source);

/** The statistics summary (descriptives, reliability, correlations) as JSON (docs/stats.md).
 *  Free with sb_string_free. */
SECUREBASE_API int sb_stats_summary_json(const sb_stats* stats, char** out_json);

/** Frees an accumulator (NULL is allowed). */
SECUREBASE_API void sb_stats_free(sb_stats* stats);

#ifdef __cplusplus
}
#endif

#endif /* SECUREBASE_SECUREBASE_H */
