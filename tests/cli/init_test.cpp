#include "harness.hpp"

using svc::test::Sandbox;

TEST_CASE("init writes a working data directory") {
  Sandbox box;
  CHECK(box.ok("init data") == "initialised svc data directory data, a new git repository\n");
  // The records live in git: a new data directory in no work tree is a repository of its own,
  // svc's merge driver set up in it.
  CHECK(std::filesystem::is_directory(box.data() / ".git"));
  box.sh("git config merge.svc.driver >/dev/null");
  CHECK(box.file(".gitignore") == ".svc/\n");
  CHECK(box.file(".gitattributes") ==
        "*.yaml text eol=lf\ntickets/**/*.yaml merge=svc\ncomplaints/**/*.yaml merge=svc\n"
        "returns/**/*.yaml merge=svc\nsurveys/**/*.yaml merge=svc\nparts/**/*.yaml merge=svc\n"
        "sites/*.yaml merge=svc\n");
  CHECK(box.file("svc.yaml").find("2026-10-01..2026-10-07") != std::string::npos);
  CHECK(std::filesystem::is_directory(box.data() / "tickets"));
  box.fails("init .", 1, "svc: error: . is already an svc data directory\n");
}

TEST_CASE("a site code makes IDs that never collide between clones") {
  Sandbox box;
  box.init();
  CHECK(box.ok("init . --site bj") ==
        "site code BJ: new IDs look like T-YYMM-BJ-0001; registered in sites/BJ.yaml, which goes "
        "to the team with the next svc sync\n");
  CHECK(box.file("sites/BJ.yaml") ==
        "site: BJ\nregistered: 2026-11-23T09:00:00+08:00\nby: 前台小王\n");
  CHECK(box.ok("init . --site BJ") ==
        "site code BJ: new IDs look like T-YYMM-BJ-0001 (already this clone's)\n");
  CHECK(box.ok("ticket new -q --customer 甲") == "T-2611-BJ-0001\n");
  // Another clone's code is refused: it is registered, and not this clone's.
  std::filesystem::remove(box.data() / ".svc/site");
  box.fails("init . --site bj", 1,
            "svc: error: site code BJ is already registered by 前台小王 on 2026-11-23 "
            "(sites/BJ.yaml); pick a code no one has (registered: BJ)\n");
  CHECK(box.ok("ticket show bj-0001 --format yaml").rfind("id: T-2611-BJ-0001\n", 0) == 0);
  CHECK(box.run("init . --site 北京").code == 2);
}

TEST_CASE("no data directory: one line that says to run svc init") {
  Sandbox box;
  box.fails("ticket list", 3,
            "svc: error: no svc data directory here or above (no svc.yaml); run: svc init\n");
  box.fails(
      "ticket list --data /nonexistent", 3,
      "svc: error: --data /nonexistent is not an svc data directory (no svc.yaml); run: svc init "
      "/nonexistent\n");
}

TEST_CASE("the data directory is found from a subdirectory, from $SVC_DATA and from --data") {
  Sandbox box;
  box.init();
  box.ok("ticket new --customer 甲");
  std::filesystem::create_directories(box.data() / "notes" / "deep");
  box.subdir = "notes/deep";
  CHECK(box.ok("ticket list --format csv").find("T-2611-0001") != std::string::npos);
  box.subdir = "";
  std::string cmd = "ticket list --format csv";
  auto from_env = box.run(cmd, "SVC_DATA='" + box.data().string() + "'");
  CHECK(from_env.out.find("T-2611-0001") != std::string::npos);
}

TEST_CASE("usage errors exit 2 with one line") {
  Sandbox box;
  box.init();
  box.fails("ticket new --phone 1", 2,
            "svc: error: --customer is required (see svc ticket new --help)\n");
  CHECK(box.run("ticket new --customer x --priority sky").code == 2);
  CHECK(box.run("frobnicate").code == 2);
  CHECK(box.run("ticket list --at yesterday").code == 2);
  CHECK(box.run("ticket list --at yesterday").err ==
        "svc: error: --at 'yesterday' is not a time like 2026-11-23T09:15 or 2026-11-23\n");
}

TEST_CASE("a command alone lists its actions — --version and --help work") {
  Sandbox box;
  std::string help = box.ok("ticket");
  CHECK(help.find("Usage: svc ticket [OPTIONS] [SUBCOMMAND]") != std::string::npos);
  CHECK(help.find("assign") != std::string::npos);
  CHECK(help.find("follow-up") != std::string::npos);
  CHECK(box.ok("--version") == "0.1.0\n");
  CHECK(box.ok("ticket new --help").find("Example:") != std::string::npos);
  CHECK(box.ok("completion bash").find("complete -F _svc svc") != std::string::npos);
}

TEST_CASE("arguments that are not UTF-8 text are a usage error") {
  Sandbox box;
  box.init();
  box.fails("ticket new --customer \"$(printf 'bad\\377')\"", 2,
            "svc: error: argument 4 is not valid UTF-8 text\n");
  CHECK_FALSE(std::filesystem::exists(box.data() / "tickets/2026-11"));
}

TEST_CASE("init makes no repository with --no-git, inside a work tree, or without git") {
  Sandbox box;
  CHECK(box.ok("init data --no-git") == "initialised svc data directory data\n");
  CHECK(!std::filesystem::exists(box.data() / ".git"));
  // Inside an office's clone, the data directory is a folder of that repository.
  box.sh("git init -q .");
  CHECK(box.ok("init inner") == "initialised svc data directory inner\n");
  CHECK(!std::filesystem::exists(box.data() / "inner/.git"));
  // No git to be found: the data directory is made all the same, and the line says so.
  box.sh("mkdir -p nogit");
  CHECK(box.ok("init elsewhere", "PATH=" + (box.data() / "nogit").string()) ==
        "initialised svc data directory elsewhere without git (git not found; install git, then "
        "run git init there)\n");
  CHECK(std::filesystem::exists(box.data() / "elsewhere/svc.yaml"));
}
