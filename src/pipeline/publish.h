// Where a run builds its database and how it replaces the published one.
#pragma once

#include <filesystem>

namespace hvpat::pipeline {

// True when `dir` is absent, empty, or an hvpat database (never any other directory).
bool LooksLikeDatabase(const std::filesystem::path& dir);

// Replaces `target` by `built` with two renames, so that a reader sees the old or the
// new database, never a mixture.
void Publish(const std::filesystem::path& built, const std::filesystem::path& target);

}  // namespace hvpat::pipeline
