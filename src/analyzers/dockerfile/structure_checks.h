#pragma once
// The structure check functions (DF080-DF097). The table in structure.cc pairs each with its Rule;
// the functions live in structure_*.cc by theme. Private to analyzers/dockerfile.
#include <string>
#include <string_view>

#include "analyzers/dockerfile/check.h"

namespace customs::structure {

// structure_instructions.cc: instruction counts and forms.
void several_cmd(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);          // DF080
void several_entrypoint(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);   // DF081
void several_healthcheck(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF082
void shell_form_process(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);   // DF083
void relative_workdir(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);     // DF084
void maintainer(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);           // DF087
void broken_exec_form(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);     // DF092
void onbuild_forbidden(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);    // DF093
void shell_not_json(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);       // DF095

// structure_stages.cc: the stage graph and names.
void bad_from_reference(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF085
void duplicate_stage(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);     // DF086
void reserved_stage(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);      // DF091
void unused_stage(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);        // DF094
void keyword_casing(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);      // DF096
void from_as_casing(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);      // DF097

// structure_args.cc: argument values.
void invalid_expose(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);   // DF088
void copy_dest_slash(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF089

// structure_vars.cc: variable declarations.
void undefined_variable(const DockerfileContext& ctx, const Rule& rule, FindingSink& out);  // DF090

// The span of a stage's alias word ("builder" in "FROM x AS builder"); the FROM span when absent.
Span alias_span(const Dockerfile& df, const Stage& stage);
// Index of the "AS" word in a FROM instruction's words; -1 when there is none.
int as_word_index(const Instruction& from);

}  // namespace customs::structure
