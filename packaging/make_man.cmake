# Writes the man page of `securebase` from its own --help texts, so the two never disagree.
# cmake -DSECUREBASE=path/to/securebase -DVERSION=x.y.z -DOUTPUT=securebase.1 -P make_man.cmake
foreach(var SECUREBASE VERSION OUTPUT)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "make_man.cmake: -D${var}= is required")
  endif()
endforeach()

# One help text as a preformatted roff block: backslashes doubled as \e, and a line starting
# with '.' or '\'' protected by \&, so roff prints every line as written.
function(help_block out_var)
  execute_process(COMMAND ${SECUREBASE} ${ARGN} --help
                  OUTPUT_VARIABLE text RESULT_VARIABLE rc)
  if(NOT rc EQUAL 0)
    message(FATAL_ERROR "make_man.cmake: '${SECUREBASE} ${ARGN} --help' exited with ${rc}")
  endif()
  string(REPLACE "\\" "\\e" text "${text}")
  string(REGEX REPLACE "(^|\n)([.'])" "\\1\\\\&\\2" text "${text}")
  set(${out_var} ".nf\n${text}.fi\n" PARENT_SCOPE)
endfunction()

set(page ".TH SECUREBASE 1 \"\" \"securebase ${VERSION}\" \"User Commands\"\n")
string(APPEND page ".SH NAME\nsecurebase \\- score adult-attachment questionnaires and explain the result\n")
string(APPEND page ".SH SYNOPSIS\n.B securebase\n[\\fB\\-\\-help\\fR] [\\fB\\-\\-version\\fR] \\fIcommand\\fR [\\fIargs\\fR]\n")
help_block(block)
string(APPEND page ".SH DESCRIPTION\n${block}")
foreach(command take history compare report score batch stats columns instruments)
  help_block(block ${command})
  string(APPEND page ".SH \"securebase ${command}\"\n${block}")
endforeach()
string(APPEND page ".SH SEE ALSO\nThe docs/ folder of the securebase source: embedding.md, errors.md, scoring.md.\n")
string(APPEND page ".SH NOTES\nsecurebase is educational and non-diagnostic: it describes answers, it does not label people.\n")
file(WRITE ${OUTPUT} "${page}")
