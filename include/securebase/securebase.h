/* securebase: the C API. Opaque handles, plain C types, JSON in and JSON out, so that any
 * language with a C foreign-function interface can score with the library (docs/embedding.md).
 *
 * Rules every function follows:
 * - A function that can fail returns a status: SB_OK (0), a C-API code below (1-99), or the
 *   number of a securebase error code (101-901, docs/errors.md). No exception crosses the
 *   boundary.
 * - After every call that returns a status, sb_last_error_message() holds that call's message
 *   on the calling thread ("" after success), e.g.
 *   "[securebase.answers.203] answers: /i01: 9 is outside the response scale ...".
 * - Whatever a function allocates for the caller is freed by exactly one matching call:
 *   sb_instrument_free, sb_result_free, sb_string_free. Each accepts NULL.
 * - An sb_instrument is read-only after loading: threads may score with one instrument at once.
 *
 * Compiles as C99 and as C++. */
#ifndef SECUREBASE_SECUREBASE_H
#define SECUREBASE_SECUREBASE_H

#ifdef __cplusplus
extern "C" {
#endif

/** SB_OK: the call succeeded. */
#define SB_OK 0
/** A required pointer argument was NULL. */
#define SB_ERROR_NULL_ARGUMENT 1
/** Memory ran out. */
#define SB_ERROR_OUT_OF_MEMORY 2
/** The options JSON of sb_score is not an object of known members with the right types. */
#define SB_ERROR_BAD_OPTIONS 3
/** No scale of that id in the result (sb_result_scale_score). */
#define SB_ERROR_NO_SUCH_SCALE 4
/** A bug in securebase (the same number as securebase's internal error code). */
#define SB_ERROR_INTERNAL 901

/** A loaded, validated instrument (questionnaire key). */
typedef struct sb_instrument sb_instrument;
/** One scored result: its JSON document and its scale scores. */
typedef struct sb_result sb_result;

/** The library version, "major.minor.patch" (a static string; never fails). */
const char* sb_version(void);

/** The message of the last call on this thread that returned a status; "" after success.
 *  Valid until the next securebase call on this thread. Never NULL. */
const char* sb_last_error_message(void);

/** The status of the last call on this thread that returned a status. */
int sb_last_error_code(void);

/** Ids of the instruments embedded in the library, as a JSON array of strings. Free *out_json
 *  with sb_string_free. */
int sb_embedded_instrument_ids(char** out_json);

/** Loads an instrument embedded in the library by id (e.g. "securebase-core"); 107 when there
 *  is none. Free *out with sb_instrument_free. */
int sb_instrument_load_embedded(const char* id, sb_instrument** out);

/** Loads an instrument file (601 when unreadable, 101-108 when invalid). */
int sb_instrument_load_file(const char* path, sb_instrument** out);

/** Parses an instrument from JSON text; `source` (may be NULL) names it in messages. */
int sb_instrument_parse(const char* json, const char* source, sb_instrument** out);

/** The instrument's id (owned by the instrument; NULL for a NULL instrument). */
const char* sb_instrument_id(const sb_instrument* instrument);

/** Frees an instrument (NULL is allowed). */
void sb_instrument_free(sb_instrument* instrument);

/** Scores one respondent. `answers` is a JSON object ({"1": 5, "i02": null}) or an item=value
 *  list ("1=5 2=3", NA = missing), as securebase::parse_answers reads (201-205 when wrong).
 *  `options_json` may be NULL or a JSON object with optional string members "norm_set" (a norm
 *  set of the instrument, 301 when unknown), "language" (of the feedback, default "en"; 504
 *  when there is no such text) and "boundary_norm_set" (the profile's boundaries at that norm
 *  set's medians instead of the scale midpoints). Free *out with sb_result_free. */
int sb_score(const sb_instrument* instrument, const char* answers, const char* options_json,
             sb_result** out);

/** The result document as JSON (schema "securebase-result" with "profile" and "feedback"),
 *  owned by the result; NULL for a NULL result. */
const char* sb_result_json(const sb_result* result);

/** One scale's score, e.g. "anxiety"; *value is NaN when the scale could not be scored
 *  (too few answers). SB_ERROR_NO_SUCH_SCALE when the instrument has no such scale. */
int sb_result_scale_score(const sb_result* result, const char* scale_id, double* value);

/** Frees a result (NULL is allowed). */
void sb_result_free(sb_result* result);

/** Frees a string the library returned through a char** (NULL is allowed). */
void sb_string_free(char* text);

#ifdef __cplusplus
}
#endif

#endif /* SECUREBASE_SECUREBASE_H */
