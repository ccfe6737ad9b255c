# shellcheck shell=bash
#
# Is the build of the local stack up to date? Source this file; functions only.
#
#   build_outdated ROOT     returns 0 and prints the reason when the jars the stack runs must be
#                           (re)built, returns 1 when they are up to date
#   build_mark_done ROOT    after a successful build: marks the jars as built from the sources now
#                           there (Maven leaves a jar untouched when its content did not change)
#
# The jars are "up to date" when every one exists and none is older than a source it is built
# from: the root pom.xml, and the pom.xml and every file under src/main of each runtime module
# (the root pom's <module>s except the test-only ones). Sources are the files git knows (tracked,
# or new and not ignored); outside a git checkout, every file there. Files under src/test are
# not looked at: they change no jar that runs.

# What the launcher runs, relative to the repository root.
BUILD_ARTIFACTS=(
  deploy/embedded-infra/target/runner.classpath
  catalog-service/target/quarkus-app/quarkus-run.jar
  licensing-service/target/quarkus-app/quarkus-run.jar
  billing-service/target/quarkus-app/quarkus-run.jar
)
# Reactor modules whose sources never reach a jar the launcher runs.
BUILD_TEST_ONLY_MODULES=(e2e-tests test-support)

# The root pom's <module>s minus the test-only ones, one per line.
build_runtime_modules() {
  local root="$1" m t skip
  [[ -f "$root/pom.xml" ]] || return 0
  while read -r m; do
    skip=0
    for t in "${BUILD_TEST_ONLY_MODULES[@]}"; do [[ "$m" == "$t" ]] && skip=1; done
    (( skip )) || printf '%s\n' "$m"
  done < <(sed -e 's/<!--.*-->//g' "$root/pom.xml" | grep -o '<module>[^<]*</module>' | sed -e 's/<module>\s*//' -e 's/\s*<\/module>//')
}

# The source files of the runtime modules, relative to ROOT, NUL-separated.
_build_sources() {
  local root="$1" m
  local -a mods=()
  while read -r m; do [[ -n "$m" ]] && mods+=("$m"); done < <(build_runtime_modules "$root")
  if git -C "$root" rev-parse --is-inside-work-tree >/dev/null 2>&1 \
     && [[ "$(git -C "$root" rev-parse --show-toplevel 2>/dev/null)" -ef "$root" ]]; then
    local -a specs=(pom.xml)
    for m in "${mods[@]}"; do specs+=("$m/pom.xml" "$m/src/main"); done
    git -C "$root" ls-files -z --cached --others --exclude-standard -- "${specs[@]}"
  else
    (
      cd "$root" || exit 0
      [[ -f pom.xml ]] && printf '%s\0' pom.xml
      for m in "${mods[@]}"; do
        [[ -f "$m/pom.xml" ]] && printf '%s\0' "$m/pom.xml"
        [[ -d "$m/src/main" ]] && find "$m/src/main" -type f -print0
      done
    )
  fi
}

build_outdated() {
  local root="$1" a oldest="" f
  for a in "${BUILD_ARTIFACTS[@]}"; do
    if [[ ! -s "$root/$a" ]]; then
      printf '%s is missing\n' "$a"
      return 0
    fi
    if [[ -z "$oldest" || "$root/$a" -ot "$root/$oldest" ]]; then oldest="$a"; fi
  done
  while IFS= read -r -d '' f; do
    if [[ -f "$root/$f" && "$root/$f" -nt "$root/$oldest" ]]; then
      printf '%s is newer than %s\n' "$f" "$oldest"
      return 0
    fi
  done < <(_build_sources "$root")
  return 1
}

build_mark_done() {
  local root="$1" a
  for a in "${BUILD_ARTIFACTS[@]}"; do
    [[ -e "$root/$a" ]] && touch "$root/$a"
  done
  return 0
}
