// Mistakes on the command line get svc's words: what was wrong, what was likely meant, and the
// help of the command it was typed to (exit 2, nothing read or written).
#include "harness.hpp"

using svc::test::Sandbox;

TEST_CASE("a mistyped command, action or option is named with what was meant") {
  Sandbox box;
  box.init();
  box.fails("tiket list", 2,
            "svc: error: svc has no command 'tiket'; did you mean ticket? (see svc --help)\n");
  box.fails("tickets list", 2,
            "svc: error: svc has no command 'tickets'; did you mean ticket? (see svc --help)\n");
  box.fails("ticket lsit", 2,
            "svc: error: svc ticket has no action 'lsit'; did you mean list? (see svc ticket "
            "--help)\n");
  box.fails("ticket new --custmer 甲", 2,
            "svc: error: svc ticket new has no option --custmer; did you mean --customer? (see "
            "svc ticket new --help)\n");
  // Global options are every command's: --fromat is near --format.
  box.fails("ticket list --fromat json", 2,
            "svc: error: svc ticket list has no option --fromat; did you mean --format? (see svc "
            "ticket list --help)\n");
  // Nothing near: no guess.
  box.fails("ticket frobnicate", 2,
            "svc: error: svc ticket has no action 'frobnicate' (see svc ticket --help)\n");
}

TEST_CASE("a bad or missing value names its option and what it must be") {
  Sandbox box;
  box.init();
  box.fails("ticket new --customer 甲 --purchased 2026-01-01 --warranty-months abc", 2,
            "svc: error: --warranty-months 'abc' is not a whole number (see svc ticket new "
            "--help)\n");
  box.fails("report monthly --month", 2,
            "svc: error: --month needs a value (see svc report monthly --help)\n");
  box.fails("ticket list extra", 2,
            "svc: error: svc ticket list does not take 'extra' (see svc ticket list --help)\n");
  box.fails("ticket list --since 10/01", 2,
            "svc: error: --since '10/01' is not a date YYYY-MM-DD\n");
  // Nothing was written by any of them.
  CHECK(box.ok("ticket list --format csv").find("T-") == std::string::npos);
}

TEST_CASE("svc alone is a usage error, spans need a unit, quarters default and read 2026q4") {
  Sandbox box;
  box.init();
  auto bare = box.run("");
  CHECK(bare.code == 2);
  CHECK(bare.out == "");
  CHECK(bare.err.find("Usage: svc [OPTIONS] [SUBCOMMAND]") != std::string::npos);
  box.fails("report overdue --within 8", 2,
            "svc: error: --within '8' needs a unit: 8m, 8h or 8d\n");
  // On 23 November 2026 the previous quarter is the third; a lower-case q reads alike.
  CHECK(box.ok("report quarterly --format json").find("\"name\": \"2026Q3\"") != std::string::npos);
  CHECK(box.ok("report quarterly --quarter 2026q4 --format json").find("\"name\": \"2026Q4\"") !=
        std::string::npos);
}

TEST_CASE("a person filter matches part of a name, as --customer does") {
  Sandbox box;
  box.init();
  box.ok("ticket new -q --customer 华东机械厂 --zone urban");
  box.ok("ticket assign 1 --to 李四 --helper 王五");
  CHECK(box.ok("ticket list --tech 李 --format csv").find("T-2611-0001") != std::string::npos);
  CHECK(box.ok("ticket list --tech 王 --format csv").find("T-2611-0001") != std::string::npos);
  CHECK(box.ok("ticket list --tech 赵 --format csv").find("T-2611-0001") == std::string::npos);
}
