# shellcheck shell=bash
#
# Is the build of the local stack up to date? Source this file; functions only.
#
#   build_outdated ROOT     returns 0 and prints the reason when the jars the stack runs must be
#                           (re)built, returns 1 when they are up to date
#   build_mark_done ROOT    after a successful build: marks the outputs as built from the sources now
#                           there (Maven leaves a file untouched when its content did not change)
#
# Each module the launcher runs has an output that must exist and whose time is the time it was
# built (below). It is out of date when a source it is built from is newer: the root pom.xml, and
# the pom.xml and every file under src/main of the module and of the reactor modules it depends on
# (read from the poms, transitively; the test-only modules never count). Sources are the files git
# knows (tracked, or new and not ignored); outside a git checkout, every file there. Files under
# src/test are not looked at: they change no jar that runs.

# module | output that must exist | folder whose newest file is also a build time (may be empty)
# (Quarkus rewrites quarkus-run.jar on every package; Maven writes runner.classpath only when the
# classpath changes, so embedded-infra's compiled classes tell when it was built.)
BUILD_OUTPUTS=(
  "deploy/embedded-infra|target/runner.classpath|target/classes"
  "catalog-service|target/quarkus-app/quarkus-run.jar|"
  "licensing-service|target/quarkus-app/quarkus-run.jar|"
  "billing-service|target/quarkus-app/quarkus-run.jar|"
  "web|target/quarkus-app/quarkus-run.jar|"
)
# Reactor modules whose sources never reach a jar the launcher runs.
BUILD_TEST_ONLY_MODULES=(e2e-tests test-support)

# The root pom's <module>s, one per line.
_build_modules() {
  local line
  [[ -f "$1/pom.xml" ]] || return 0
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line//<!--*-->/}"
    [[ "$line" =~ \<module\>[[:space:]]*([^<[:space:]]+)[[:space:]]*\</module\> ]] && printf '%s\n' "${BASH_REMATCH[1]}"
  done <"$1/pom.xml"
  return 0
}

# The artifactIds a module's pom names after its <parent> (its own first, then its dependencies').
_build_pom_ids() {
  local line after=0
  [[ -f "$1/pom.xml" ]] || return 0
  while IFS= read -r line || [[ -n "$line" ]]; do
    line="${line//<!--*-->/}"
    if [[ "$line" == *"</parent>"* ]]; then after=1; continue; fi
    (( after )) && [[ "$line" =~ \<artifactId\>[[:space:]]*([^<[:space:]]+)[[:space:]]*\</artifactId\> ]] \
      && printf '%s\n' "${BASH_REMATCH[1]}"
  done <"$1/pom.xml"
  return 0
}

# MODULE and the reactor modules it depends on, transitively, without the test-only ones.
# Needs BUILD_DIR_OF (artifactId -> module folder), filled by build_outdated.
_build_closure() {
  local root="$1" m id t
  declare -A seen=()
  for t in "${BUILD_TEST_ONLY_MODULES[@]}"; do seen[$t]=1; done
  local -a todo=("$2")
  while (( ${#todo[@]} )); do
    m="${todo[0]}"
    todo=("${todo[@]:1}")
    [[ -n "${seen[$m]:-}" ]] && continue
    seen[$m]=1
    printf '%s\n' "$m"
    while read -r id; do
      [[ -n "${BUILD_DIR_OF[$id]:-}" && -z "${seen[${BUILD_DIR_OF[$id]}]:-}" ]] && todo+=("${BUILD_DIR_OF[$id]}")
    done < <(_build_pom_ids "$root/$m")
  done
  return 0
}

# The source files of the runtime modules, relative to ROOT, NUL-separated: the root pom.xml and
# each module's pom.xml and src/main.
_build_sources() {
  local root="$1" m t skip
  local -a mods=()
  while read -r m; do
    skip=0
    for t in "${BUILD_TEST_ONLY_MODULES[@]}"; do [[ "$m" == "$t" ]] && skip=1; done
    (( skip )) || mods+=("$m")
  done < <(_build_modules "$root")
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
  return 0
}

# The file that tells when a module was built: OUTPUT, or a newer file in FOLDER (relative to ROOT).
_build_time_file() {
  local root="$1" output="$2" folder="$3" newest="$2" f
  if [[ -n "$folder" && -d "$root/$folder" ]]; then
    f="$(cd "$root" && find "$folder" -type f -newer "$output" -printf '%T@ %p\n' 2>/dev/null | sort -n | tail -n1 | cut -d' ' -f2-)"
    [[ -n "$f" ]] && newest="$f"
  fi
  printf '%s' "$newest"
}

build_outdated() {
  local root="$1" entry module output folder built f m id
  for entry in "${BUILD_OUTPUTS[@]}"; do
    IFS='|' read -r module output folder <<<"$entry"
    if [[ ! -s "$root/$module/$output" ]]; then
      printf '%s is missing\n' "$module/$output"
      return 0
    fi
  done
  declare -gA BUILD_DIR_OF=()
  while read -r m; do
    id="$(_build_pom_ids "$root/$m" | head -n1)"
    [[ -n "$id" ]] && BUILD_DIR_OF[$id]="$m"
  done < <(_build_modules "$root")
  local -a sources=()
  while IFS= read -r -d '' f; do sources+=("$f"); done < <(_build_sources "$root")
  for entry in "${BUILD_OUTPUTS[@]}"; do
    IFS='|' read -r module output folder <<<"$entry"
    built="$(_build_time_file "$root" "$module/$output" "${folder:+$module/$folder}")"
    declare -A mine=()
    while read -r m; do mine[$m]=1; done < <(_build_closure "$root" "$module")
    for f in "${sources[@]}"; do
      m="${f%/pom.xml}"
      m="${m%%/src/main/*}"
      [[ "$f" == pom.xml || -n "${mine[$m]:-}" ]] || continue
      if [[ -f "$root/$f" && "$root/$f" -nt "$root/$built" ]]; then
        printf '%s is newer than %s\n' "$f" "$built"
        return 0
      fi
    done
    unset mine
  done
  return 1
}

build_mark_done() {
  local root="$1" entry module output folder
  for entry in "${BUILD_OUTPUTS[@]}"; do
    IFS='|' read -r module output folder <<<"$entry"
    [[ -e "$root/$module/$output" ]] && touch "$root/$module/$output"
  done
  return 0
}
