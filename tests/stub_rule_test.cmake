# The stub rule (harness/runner/stub_declarations.cmake), run as a CTest script test from the
# source directory: a uniform stub becomes exactly its declarations; a stub with any other
# body is refused with a message naming it. Oracle: the fixtures' text, written by hand.
cmake_minimum_required(VERSION 3.25)
set(rule ${SRC}/harness/runner/stub_declarations.cmake)
set(fixtures tests/fixtures/stubs)

execute_process(COMMAND ${CMAKE_COMMAND} -D STUB=${SRC}/${fixtures}/uniform.cpp -D OUT=${WORK}/uniform.hpp -P ${rule}
                WORKING_DIRECTORY ${SRC} RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "a uniform stub was refused: ${err}")
endif()
file(READ ${WORK}/uniform.hpp decl)
foreach(want "struct Model { double w; int steps = 3; };" "double loss(const Model& m, double x);"
             "Model fit(double learning_rate,\n          int epochs);")
  string(FIND "${decl}" "${want}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the declarations lack \"${want}\":\n${decl}")
  endif()
endforeach()
string(FIND "${decl}" "logic_error(" at)
if(NOT at EQUAL -1)
  message(FATAL_ERROR "a body survived:\n${decl}")
endif()

foreach(bad body_returns body_extra_line)
  execute_process(COMMAND ${CMAKE_COMMAND} -D STUB=${SRC}/${fixtures}/${bad}.cpp -D OUT=${WORK}/${bad}.hpp -P ${rule}
                  WORKING_DIRECTORY ${SRC} RESULT_VARIABLE rc ERROR_VARIABLE err)
  if(rc EQUAL 0)
    message(FATAL_ERROR "${bad}.cpp was accepted as a stub")
  endif()
  string(REPLACE "\n" " " err "${err}")
  string(REGEX REPLACE " +" " " err "${err}")
  if(NOT err MATCHES "${fixtures}/${bad}.cpp: every function body of a stub must be exactly")
    message(FATAL_ERROR "${bad}.cpp: refused without naming the rule and the stub: ${err}")
  endif()
endforeach()
message(STATUS "stub rule: 1 uniform stub cut to its declarations, 2 other bodies refused")
