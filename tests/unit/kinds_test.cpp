// The one list of kinds and what each descriptor must hold.
#include "svc/cli/kinds.hpp"

#include <doctest/doctest.h>

#include "helpers.hpp"
#include "svc/cli/output.hpp"
#include "svc/store/git.hpp"

namespace svc {

TEST_CASE("every kind labels each of its statuses and steps in zh-CN and zh-TW") {
  // (An English label may be the key itself: "new".)
  for (std::string locale : {"zh-CN", "zh-TW"}) {
    Settings s = test::shipped();
    s.locale = locale;
    for (const cli::RecordKind* k : cli::all_kinds()) {
      INFO(k->rules.noun << " in " << locale);
      for (const auto& status : k->rules.statuses) {
        INFO(status);
        CHECK_FALSE(cli::status_label(s, k->rules.noun, status) == status);
      }
      for (const auto& step : k->rules.steps) {
        INFO(step);
        CHECK_FALSE(cli::label(s, "step", step) == step);
      }
    }
  }
  // Two kinds naming one status alike share it; a return's "received" is its own.
  Settings s = test::shipped();
  CHECK(cli::status_label(s, "complaint", "received") == "已受理");
  CHECK(cli::status_label(s, "return", "received") == "已收货");
  CHECK(cli::status_label(s, "ticket", "closed") == "已关闭");
  CHECK(cli::label(s, "step", "workshop_2") == "返厂#2");
}

TEST_CASE("the list of kinds: nouns, folders and prefixes each once, and what derives from it") {
  std::vector<std::string> nouns, folders;
  std::string prefixes;
  for (const cli::RecordKind* k : cli::all_kinds()) {
    nouns.push_back(k->rules.noun);
    folders.push_back(k->rules.folder);
    prefixes += k->rules.prefix;
    CHECK(cli::kind_named(k->rules.noun) == k);
    CHECK(cli::kind_of_file(k->rules.folder + "/2026-11/" + k->rules.prefix + "-2611-001.yaml") ==
          k);
  }
  CHECK(nouns == std::vector<std::string>{"ticket", "complaint", "return", "survey", "parts"});
  CHECK(folders == std::vector<std::string>{"tickets", "complaints", "returns", "surveys", "parts"});
  CHECK(prefixes == "TCRSP");
  CHECK(cli::kind_of_file("tickets/2026-11/C-2611-001.yaml") == nullptr);
  CHECK(cli::kind_named("loan") == nullptr);
  CHECK(store::gitattributes_lines(cli::kind_rules()) ==
        std::vector<std::string>{"*.yaml text eol=lf", "tickets/**/*.yaml merge=svc",
                                 "complaints/**/*.yaml merge=svc", "returns/**/*.yaml merge=svc",
                                 "surveys/**/*.yaml merge=svc", "parts/**/*.yaml merge=svc",
                                 "sites/*.yaml merge=svc"});
}

}  // namespace svc
