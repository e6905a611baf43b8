# The core as one static library per module (docs/architecture.md, "Modules"), each
# linking only what it uses: RocksDB by store/, simdjson by record/, oneTBB by pipeline/,
# Boost.Iostreams, libzstd and ISA-L by io/, GNU libunistring by report/,
# Boost.Program_options by rules/ and cli/. Modules link the modules below them, so the
# build follows the include order cli -> pipeline, query, report -> io, record, rules,
# store -> model -> base; scripts/lint.sh checks that no other module includes a
# library's headers.
#
# hvpat_add_core(SUFFIX [DEFINITIONS ...]) defines hvpat_<module>SUFFIX for every module
# and hvpat_coreSUFFIX, an interface target linking them all. DEFINITIONS are compile
# definitions every module and its users get (the sixth-rule test build passes
# HVPAT_TEST_RULE); OPTIONS, compile options of the modules alone. The module targets
# are listed in HVPAT_CORE_MODULES<SUFFIX> in the caller's scope, for whoever must set
# options on each (fuzz/).
function(hvpat_add_core suffix)
  cmake_parse_arguments(PARSE_ARGV 1 arg "" "" "DEFINITIONS;OPTIONS")
  set(src ${PROJECT_SOURCE_DIR}/src)
  set(modules)
  macro(module name)
    add_library(hvpat_${name}${suffix} STATIC ${ARGN})
    target_include_directories(hvpat_${name}${suffix} PUBLIC ${PROJECT_SOURCE_DIR}/include)
    target_link_libraries(hvpat_${name}${suffix} PRIVATE hvpat_warnings)
    if(arg_DEFINITIONS)
      target_compile_definitions(hvpat_${name}${suffix} PUBLIC ${arg_DEFINITIONS})
    endif()
    if(arg_OPTIONS)
      target_compile_options(hvpat_${name}${suffix} PRIVATE ${arg_OPTIONS})
    endif()
    list(APPEND modules hvpat_${name}${suffix})
  endmacro()

  module(base ${src}/base/date.cc ${src}/base/json.cc ${src}/base/fault.cc ${src}/base/huge_pages.cc)
  target_link_libraries(hvpat_base${suffix} PUBLIC Threads::Threads)

  module(model ${src}/model/patent.cc ${src}/model/run_summary.cc)
  target_link_libraries(hvpat_model${suffix} PUBLIC hvpat_base${suffix})

  module(io ${src}/io/reader.cc)
  target_link_libraries(hvpat_io${suffix} PUBLIC hvpat_base${suffix} PRIVATE Boost::iostreams ${ZSTD_LIBRARY})
  target_include_directories(hvpat_io${suffix} SYSTEM PRIVATE ${ZSTD_INCLUDE_DIR})
  if(HVPAT_USE_ISAL AND ISAL_INCLUDE_DIR AND ISAL_LIBRARY)
    target_compile_definitions(hvpat_io${suffix} PRIVATE HVPAT_HAVE_ISAL)
    target_include_directories(hvpat_io${suffix} SYSTEM PRIVATE ${ISAL_INCLUDE_DIR})
    target_link_libraries(hvpat_io${suffix} PRIVATE ${ISAL_LIBRARY})
  endif()

  module(record ${src}/record/ipc.cc ${src}/record/parser.cc ${src}/record/library_version.cc)
  target_link_libraries(hvpat_record${suffix} PUBLIC hvpat_io${suffix} hvpat_model${suffix} PRIVATE simdjson::simdjson)

  module(rules ${src}/rules/tsv.cc ${src}/rules/config.cc ${src}/rules/concordance.cc ${src}/rules/rule_set.cc
         ${src}/rules/analytics_files.cc ${src}/rules/classify.cc ${src}/rules/rule_table.cc)
  target_link_libraries(hvpat_rules${suffix} PUBLIC hvpat_record${suffix} PRIVATE Boost::program_options)

  module(store ${src}/store/schema.cc ${src}/store/store.cc ${src}/store/layout.cc ${src}/store/library_version.cc)
  target_link_libraries(hvpat_store${suffix} PUBLIC hvpat_model${suffix} PRIVATE ${HVPAT_ROCKSDB})

  module(pipeline ${src}/pipeline/facts.cc ${src}/pipeline/runs.cc ${src}/pipeline/tallies.cc
         ${src}/pipeline/finalize.cc ${src}/pipeline/quarantine.cc ${src}/pipeline/spool.cc
         ${src}/pipeline/ingest.cc ${src}/pipeline/publish.cc ${src}/pipeline/library_version.cc)
  target_link_libraries(hvpat_pipeline${suffix} PUBLIC hvpat_rules${suffix} hvpat_store${suffix} PRIVATE TBB::tbb)

  module(query ${src}/query/query.cc ${src}/query/nightly.cc ${src}/query/analytics.cc ${src}/query/targets.cc
         ${src}/query/export.cc)
  target_link_libraries(hvpat_query${suffix} PUBLIC hvpat_rules${suffix} hvpat_store${suffix})

  module(report ${src}/report/render.cc ${src}/report/nightly.cc ${src}/report/document.cc
         ${src}/report/json_reader.cc ${src}/report/records.cc ${src}/report/analytics.cc ${src}/report/html.cc
         ${src}/report/export.cc)
  target_link_libraries(hvpat_report${suffix} PUBLIC hvpat_query${suffix} PRIVATE ${UNISTRING_LIBRARY})
  target_include_directories(hvpat_report${suffix} SYSTEM PRIVATE ${UNISTRING_INCLUDE_DIR})

  module(gen ${src}/gen/generator.cc ${src}/gen/dump_record.cc)
  target_link_libraries(hvpat_gen${suffix} PUBLIC hvpat_rules${suffix})

  module(cli ${src}/cli/cli.cc ${src}/cli/json_member.cc ${src}/cli/progress.cc)
  target_link_libraries(hvpat_cli${suffix} PUBLIC hvpat_pipeline${suffix} hvpat_query${suffix} hvpat_report${suffix}
                        hvpat_gen${suffix} PRIVATE Boost::program_options)
  target_compile_definitions(hvpat_cli${suffix} PRIVATE
    HVPAT_DEFAULT_RULES_DIR="${HVPAT_DEFAULT_RULES_DIR}"
    HVPAT_VERSION="${PROJECT_VERSION}"
    # The source tree's rules/ as the last resort of an executable inside this build
    # tree (cli.cc: DefaultRulesDir); an installed or extracted hvpat never looks there.
    HVPAT_BUILD_RULES_DIR="${HVPAT_DEFAULT_RULES_DIR}"
    HVPAT_BUILD_BINARY_DIR="${CMAKE_BINARY_DIR}")

  add_library(hvpat_core${suffix} INTERFACE)
  target_link_libraries(hvpat_core${suffix} INTERFACE ${modules})
  set(HVPAT_CORE_MODULES${suffix} ${modules} PARENT_SCOPE)
endfunction()
