#pragma once
// The comparison function of each version scheme (one file each), for the table in version.cc.
// Each returns <0, 0, >0, or nullopt when either version is invalid under that scheme.
#include <optional>
#include <string_view>

namespace customs {

std::optional<int> compare_dpkg(std::string_view a, std::string_view b);
std::optional<int> compare_apk(std::string_view a, std::string_view b);
std::optional<int> compare_rpm(std::string_view a, std::string_view b);
std::optional<int> compare_semver(std::string_view a, std::string_view b);
std::optional<int> compare_go(std::string_view a, std::string_view b);
std::optional<int> compare_pep440(std::string_view a, std::string_view b);
std::optional<int> compare_maven(std::string_view a, std::string_view b);
std::optional<int> compare_rubygems(std::string_view a, std::string_view b);
std::optional<int> compare_composer(std::string_view a, std::string_view b);
std::optional<int> compare_nuget(std::string_view a, std::string_view b);

}  // namespace customs
