# tree-sitter grammars come from npm (indexer/grammars/package-lock.json pins them) and are
# compiled here as third-party C: optimised, warnings off, each package's folder layout kept
# (TypeScript's scanner includes ../../common/scanner.h).
set(_gloss_grammars
    "c:tree-sitter-c/src"
    "cpp:tree-sitter-cpp/src"
    "go:tree-sitter-go/src"
    "java:tree-sitter-java/src"
    "javascript:tree-sitter-javascript/src"
    "python:tree-sitter-python/src"
    "rust:tree-sitter-rust/src"
    "typescript:tree-sitter-typescript/typescript/src"
    "tsx:tree-sitter-typescript/tsx/src")

if(NOT EXISTS "${GLOSS_GRAMMAR_DIR}/tree-sitter-c/src/parser.c")
  message(FATAL_ERROR
    "tree-sitter grammars not found in ${GLOSS_GRAMMAR_DIR}.\n"
    "Run .ci/setup (or: npm ci --ignore-scripts --prefix indexer/grammars) first.")
endif()

add_library(gloss_grammars STATIC)
foreach(entry IN LISTS _gloss_grammars)
  string(REPLACE ":" ";" parts "${entry}")
  list(GET parts 1 rel)
  set(dir "${GLOSS_GRAMMAR_DIR}/${rel}")
  set(sources "${dir}/parser.c")
  if(EXISTS "${dir}/scanner.c")
    list(APPEND sources "${dir}/scanner.c")
  endif()
  target_sources(gloss_grammars PRIVATE ${sources})
  set_source_files_properties(${sources} PROPERTIES
      INCLUDE_DIRECTORIES "${dir}"
      COMPILE_OPTIONS "-w;-O2")
endforeach()
set_target_properties(gloss_grammars PROPERTIES C_STANDARD 11 POSITION_INDEPENDENT_CODE ON)
