# End-to-end tests of hostile and broken JSON input (included from tests/CMakeLists.txt, where
# securebase_exe exists): each input makes the CLI exit with 2, name the error and where it is,
# and write nothing. The library-level cases are in tests/hostile_input_test.cpp.
set(hostile_data ${CMAKE_CURRENT_SOURCE_DIR}/data/hostile)
set(hostile_work ${CMAKE_CURRENT_BINARY_DIR}/hostile-e2e)
set(hostile_script ${CMAKE_CURRENT_SOURCE_DIR}/e2e/hostile_cli.sh)

# hostile_case(NAME KIND INPUT EXPECT): INPUT is a file in tests/data/hostile or a case the
# script generates; EXPECT is a fixed string its standard error must hold.
function(hostile_case name kind input expect)
  if(input MATCHES "^(deep|big)-")
    set(path ${input})
  else()
    set(path ${hostile_data}/${input})
  endif()
  add_test(NAME hostile.${name}
           COMMAND sh ${hostile_script} $<TARGET_FILE:securebase_exe> ${hostile_work}/${name}
                   ${kind} ${path} ${expect})
endfunction()

set(i101 "[securebase.instrument.101] ${hostile_data}")
set(i104 "[securebase.instrument.104] ${hostile_data}")
set(i105 "[securebase.instrument.105] ${hostile_data}")
set(i106 "[securebase.instrument.106] ${hostile_data}")
hostile_case(instrument.truncated instrument truncated.json
             "${i101}/truncated.json:16:2: the text is not valid JSON")
hostile_case(instrument.trailing_comma instrument trailing-comma.json
             "${i101}/trailing-comma.json:32:97: the text is not valid JSON")
hostile_case(instrument.nan instrument nan.json "${i101}/nan.json:33:42: the text is not valid JSON")
hostile_case(instrument.number_1e999 instrument huge-number.json
             "${i101}/huge-number.json:33:42: number 1e999 is too large to represent")
hostile_case(instrument.duplicate_key instrument duplicate-key.json
             "${i105}/duplicate-key.json: /items/3/id: key \"id\" appears twice")
hostile_case(instrument.invalid_utf8_string instrument invalid-utf8-string.json
             "${i101}/invalid-utf8-string.json:6:23: the text is not valid JSON")
hostile_case(instrument.invalid_utf8_key instrument invalid-utf8-key.json
             "${i101}/invalid-utf8-key.json:8:10: the text is not valid JSON")
hostile_case(instrument.nul_escaped instrument nul-escaped.json
             "${i101}/nul-escaped.json: /title: string \"Tiny\\x00test\" holds the character U+0000")
hostile_case(instrument.nul_raw instrument nul-raw.json
             "${i101}/nul-raw.json:6:17: the text is not valid JSON")
hostile_case(instrument.composite_cycle instrument composite-cycle.json
             "${i104}/composite-cycle.json: /scales/2/scales/0: scale \"h\" is itself a mean_of_scales composite")
hostile_case(instrument.dangling_order instrument dangling-order.json
             "${i106}/dangling-order.json: /orders/alternatives/0/items/0: item \"zz\" is not declared")
hostile_case(instrument.empty_scale instrument empty-scale.json
             "${i104}/empty-scale.json: /scales/2: scale \"sec\" has no items")
hostile_case(instrument.min_ge_max instrument min-ge-max.json
             "${i104}/min-ge-max.json: /response_scale/min: min is 5, but must be less than max (5)")
hostile_case(instrument.same_scale_twice instrument same-scale-twice.json
             "${i105}/same-scale-twice.json: /items/0/keys/1/scale: item \"a1\" counts towards scale \"anx\" twice")
hostile_case(instrument.deep instrument deep-instrument
             "[securebase.instrument.101] ${hostile_work}/instrument.deep/deep-instrument.json: /0/0/0/0/")
hostile_case(instrument.too_large instrument big-instrument
             "[securebase.instrument.101] ${hostile_work}/instrument.too_large/big-instrument.json: is 67108865 bytes, but may be at most 67108864 bytes")

set(a201 "[securebase.answers.201] ${hostile_data}")
hostile_case(answers.unknown_item answers answers-unknown-item.json
             "[securebase.answers.202] ${hostile_data}/answers-unknown-item.json: /zz: item \"zz\" is not an item of tiny")
hostile_case(answers.invalid_utf8 answers answers-invalid-utf8.txt
             "${a201}/answers-invalid-utf8.txt:1:7: byte \\xE9 is not UTF-8")
hostile_case(answers.nul answers answers-nul.txt
             "${a201}/answers-nul.txt:1:8: byte \\x00 is a control character")
hostile_case(answers.duplicate_key answers answers-duplicate.json
             "[securebase.answers.205] ${hostile_data}/answers-duplicate.json: /a1: key \"a1\" appears twice")
hostile_case(answers.huge_integer answers answers-huge.json
             "[securebase.answers.203] ${hostile_data}/answers-huge.json: /1: item \"a1\": answer is 18446744073709551616")
hostile_case(answers.deep answers deep-answers
             "[securebase.answers.201] ${hostile_work}/answers.deep/deep-answers.json: /a/a/a/")
hostile_case(answers.too_large answers big-answers
             "[securebase.io.603] ${hostile_work}/answers.too_large/big-answers.json: is 67108865 bytes, but may be at most 67108864 bytes (the max_json_bytes limit")
hostile_case(result.too_large result big-result
             "[securebase.io.603] ${hostile_work}/result.too_large/big-result.json: is 67108865 bytes, but may be at most 67108864 bytes (the max_json_bytes limit")

hostile_case(result.truncated result result-truncated.json
             "[securebase.result.401] ${hostile_data}/result-truncated.json:150:12: the text is not valid JSON")
hostile_case(result.invalid_utf8 result result-invalid-utf8.json
             "[securebase.result.401] ${hostile_data}/result-invalid-utf8.json:6:16: the text is not valid JSON")
