/* Embedding securebase in a C99 program through the C API (docs/embedding.md): present the
 * securebase-core questionnaire with the item text and labels the library ships, score one
 * respondent's answers (scores only, then the full result), and show a bad answer's status.
 *
 * usage: embed_c [--ask]   (--ask reads each answer from standard input; without it, a fixed
 *                            respondent answers, so that the program runs unattended) */
#include <math.h>
#include <securebase/securebase.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The quick start's respondent (examples/answers/securebase-core-example.txt), 0 = missing. */
static const int example[36] = {5, 3, 4, 5, 3, 5, 3, 5, 6, 4, 3, 4, 5, 5, 6, 4, 3, 5,
                                5, 0, 3, 5, 5, 4, 3, 3, 6, 4, 4, 4, 5, 6, 4, 5, 3, 6};

static int fail(const char* what) {
  fprintf(stderr, "%s: %s\n", what, sb_last_error_message());
  return 2;
}

/* Reads one answer from standard input: a number in [lo, hi], or an empty line for none. */
static double ask(int lo, int hi) {
  char line[64];
  while (fgets(line, sizeof line, stdin) != NULL) {
    char* end = NULL;
    long v = strtol(line, &end, 10);
    if (line[0] == '\n') return NAN;
    if (end != line && v >= lo && v <= hi) return (double)v;
    printf("  please answer %d-%d, or press Enter to skip: ", lo, hi);
  }
  return NAN;
}

/* Shows every item with its wording and the response labels; fills answers[]. */
static void present(const sb_instrument* core, const sb_text* text, int interactive,
                    double* answers) {
  size_t n = sb_instrument_item_count(core);
  size_t i;
  int lo = 0;
  int hi = 0;
  int v;
  sb_instrument_response_range(core, &lo, &hi);
  printf("%lu statements; answer each from %d to %d:\n", (unsigned long)n, lo, hi);
  for (v = lo; v <= hi; ++v) printf("  %d = %s\n", v, sb_text_label(text, v));
  for (i = 0; i < n; ++i) {
    const char* wording = sb_text_item(text, i);
    printf("%2lu. [%s] %s\n", (unsigned long)(i + 1), sb_instrument_item_id(core, i),
           wording != NULL ? wording : "(no wording in this language)");
    if (interactive) {
      printf("  your answer: ");
      fflush(stdout);
      answers[i] = ask(lo, hi);
    } else {
      answers[i] = example[i] == 0 ? NAN : (double)example[i];
    }
  }
}

int main(int argc, char** argv) {
  sb_instrument* core = NULL;
  sb_text* text = NULL;
  sb_result* result = NULL;
  double answers[36];
  double scores[16];
  int status;
  size_t s;
  int interactive = argc > 1 && strcmp(argv[1], "--ask") == 0;

  printf("securebase %s\n", sb_version());
  if (sb_version_number() / 100 != SB_VERSION_NUMBER / 100) {
    fprintf(stderr, "built for securebase %d.%d, but loaded %s\n", SB_VERSION_MAJOR,
            SB_VERSION_MINOR, sb_version());
    return 2;
  }

  /* 1. The instrument and its English text, both compiled into the library. */
  if (sb_instrument_load_embedded("securebase-core", &core) != SB_OK) return fail("instrument");
  if (sb_instrument_item_count(core) != 36 || sb_instrument_scale_count(core) > 16) {
    fprintf(stderr, "unexpected securebase-core layout\n");
    return 2;
  }
  if (sb_text_load_embedded(core, "en", &text) != SB_OK) return fail("text");

  /* 2. Present it; collect the answers as doubles (NaN = not answered). */
  present(core, text, interactive, answers);

  /* 3. Scores only: one row through the array call. */
  if (sb_score_array(core, answers, 1, 36, scores, 16, NULL, &status, NULL) != SB_OK) {
    return fail("score");
  }
  if (status != SB_OK) {
    fprintf(stderr, "answers rejected: %s\n", sb_error_name(status));
    return 2;
  }
  for (s = 0; s < sb_instrument_scale_count(core); ++s) {
    printf("%s: %.3g\n", sb_instrument_scale_id(core, s), scores[s]);
  }

  /* 4. The whole result document (profile and feedback) from item=value text. */
  status = sb_score(core,
                    "1=5 2=3 3=4 4=5 5=3 6=5 7=3 8=5 9=6 10=4 11=3 12=4 13=5 14=5 15=6 16=4 "
                    "17=3 18=5 19=5 20=NA 21=3 22=5 23=5 24=4 25=3 26=3 27=6 28=4 29=4 30=4 "
                    "31=5 32=6 33=4 34=5 35=3 36=6",
                    NULL, &result);
  if (status != SB_OK) return fail("sb_score");
  printf("result document: %lu bytes of JSON\n", (unsigned long)strlen(sb_result_json(result)));
  sb_result_free(result);
  result = NULL;

  /* 5. Bad input is a status with a message (every problem of the call), never a crash. */
  status = sb_score(core, "{\"1\": 9}", NULL, &result);
  printf("bad answer: status %d (%s): %s\n", status, sb_error_name(status),
         sb_last_error_message());

  sb_text_free(text);
  sb_instrument_free(core);
  return 0;
}
