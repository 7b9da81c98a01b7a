/* A client of the 0.1 C API, kept as it was written then (examples/embed_c/main.c at 0.1): it
 * must compile against the current header and pass against the current library. */
#include <securebase/securebase.h>
#include <stdio.h>
#include <string.h>

int main(void) {
  const char* answers =
      "1=5 2=3 3=4 4=5 5=3 6=5 7=3 8=5 9=6 10=4 11=3 12=4 13=5 14=5 15=6 16=4 17=3 18=5 "
      "19=5 20=NA 21=3 22=5 23=5 24=4 25=3 26=3 27=6 28=4 29=4 30=4 31=5 32=6 33=4 34=5 35=3 "
      "36=6";
  sb_instrument* core = NULL;
  sb_result* result = NULL;
  double anxiety = 0;
  double avoidance = 0;
  int status;

  printf("securebase %s\n", sb_version());

  /* 1. An instrument compiled into the library, by id. */
  status = sb_instrument_load_embedded("securebase-core", &core);
  if (status != SB_OK) {
    fprintf(stderr, "%s\n", sb_last_error_message());
    return 2;
  }

  /* 2. Score: answers as item=value text or a JSON object; options as JSON (or NULL). */
  status = sb_score(core, answers, "{\"language\": \"en\"}", &result);
  if (status != SB_OK) {
    fprintf(stderr, "%s\n", sb_last_error_message());
    sb_instrument_free(core);
    return 2;
  }

  /* 3. Single numbers, or the whole result document (profile and feedback included). */
  sb_result_scale_score(result, "anxiety", &anxiety);
  sb_result_scale_score(result, "avoidance", &avoidance);
  printf("anxiety: %.3g\navoidance: %.3g\n", anxiety, avoidance);
  printf("result document: %lu bytes of JSON\n", (unsigned long)strlen(sb_result_json(result)));
  sb_result_free(result);
  result = NULL;

  /* 4. Bad input is a status with a message, never a crash. */
  status = sb_score(core, "{\"1\": 9}", NULL, &result);
  printf("bad answer: status %d: %s\n", status, sb_last_error_message());

  sb_instrument_free(core);
  return 0;
}
