# shellcheck shell=bash
#
# Keycloak for the local (no Docker) Kommunalmarkt stack.
#
# Source this file; it only defines functions (safe under `set -euo pipefail`).
# Every step reports to stderr; a failing function prints why and returns non-zero.
# Only kc_java_home and kc_token / kc_client_token write to stdout (their result).
#
#   kc_java_home [KC_HOME]              print a JAVA_HOME that can run Keycloak
#   kc_install   STATE_DIR              fetch the dist via Maven, unzip, refresh the realm file
#   kc_start     STATE_DIR PORT LOGFILE start `kc.sh start-dev` in the background
#   kc_wait      PORT TIMEOUT_S         wait until the kommunalmarkt realm answers
#   kc_stop      STATE_DIR              stop it (TERM the process group, KILL after 20 s)
#   kc_token     PORT USER PASSWORD     print a user access token (direct grant, kommunalmarkt-web)
#   kc_client_token PORT CLIENT_ID SECRET  print a client-credentials access token
#
# Layout under STATE_DIR:
#   keycloak/keycloak-<version>/          the unpacked dist; its data/h2 holds the dev database
#   keycloak/keycloak-<version>/data/import/kommunalmarkt-realm.json   refreshed by kc_install
#   pids/keycloak.pid                     pid (= process group id) of the running server
#
# Ports: HTTP on 127.0.0.1:PORT; the management interface (health: /health, /health/ready,
# /health/live) on 127.0.0.1:PORT+1000 (8180 -> 9180), or $KC_MANAGEMENT_PORT if set.
#
# Environment (all optional):
#   KEYCLOAK_VERSION      dist version (default 26.7.3)
#   KC_JAVA_HOME          JDK to run Keycloak with (checked first)
#   KC_MANAGEMENT_PORT    management/health port (default PORT+1000)
#   KC_REALM_FILE         realm export to import (default <repo>/identity/kommunalmarkt-realm.json)
#   KC_ADMIN_USER / KC_ADMIN_PASSWORD   master-realm bootstrap admin (default admin/admin)

KC_DEFAULT_VERSION="26.7.3"
KC_REALM="kommunalmarkt"
KC_WEB_CLIENT="kommunalmarkt-web"
# Lowest Java feature version Keycloak 26.7.3 runs on (its classes are Java 17 bytecode and it
# starts fine on OpenJDK 17). kc_java_home re-derives this from the installed dist when it can.
KC_MIN_JAVA_DEFAULT=17

_KC_LIB_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
_KC_REPO_ROOT="$(cd "$_KC_LIB_DIR/../../.." && pwd)"

# Set by kc_start, used by kc_wait to detect a dead process and show the log (not read from the
# environment). A caller that shows the log tail itself sets _KC_NO_TAIL=1.
KC_LAST_PID_FILE=""
KC_LAST_LOG_FILE=""
_KC_NO_TAIL=0

_kc_log() { printf '[keycloak] %s\n' "$*" >&2; }
_kc_err() { printf '[keycloak] ERROR: %s\n' "$*" >&2; }

_kc_version() { printf '%s' "${KEYCLOAK_VERSION:-$KC_DEFAULT_VERSION}"; }
_kc_home() { printf '%s/keycloak/keycloak-%s' "$1" "$(_kc_version)"; }
_kc_pid_file() { printf '%s/pids/keycloak.pid' "$1"; }

_kc_is_port() { [[ "${1:-}" =~ ^[0-9]+$ ]] && (( $1 >= 1 && $1 <= 65535 )); }

_kc_mgmt_port() {
  local port="$1"
  printf '%s' "${KC_MANAGEMENT_PORT:-$((port + 1000))}"
}

# true if something accepts TCP connections on 127.0.0.1:$1
_kc_port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# Java feature version of a JDK home (8, 11, 17, 21, ...), or nothing.
_kc_java_feature() {
  local jh="$1" spec
  [[ -x "$jh/bin/java" ]] || return 1
  spec="$("$jh/bin/java" -XshowSettings:properties -version 2>&1 \
          | sed -n 's/^[[:space:]]*java\.specification\.version = //p' | head -n1)" || return 1
  spec="${spec#1.}"            # 1.8 -> 8
  [[ "$spec" =~ ^[0-9]+$ ]] || return 1
  printf '%s' "$spec"
}

# Java feature version required by the bytecode of a jar (class file major - 44).
_kc_jar_min_java() {
  local jar="$1" cls major
  command -v unzip >/dev/null 2>&1 || return 1
  cls="$(unzip -Z1 "$jar" 2>/dev/null | grep '\.class$' | grep -v '^META-INF/' | head -n1)" || true
  [[ -n "$cls" ]] || return 1
  major="$(unzip -p "$jar" "$cls" 2>/dev/null | od -An -j6 -N2 -tu1 | awk '{print $1 * 256 + $2}')" || true
  [[ "$major" =~ ^[0-9]+$ ]] && (( major > 44 )) || return 1
  printf '%s' "$((major - 44))"
}

# Minimum Java for the dist at $1 (if installed), else the known value for 26.7.3.
_kc_min_java() {
  local home="${1:-}" min="$KC_MIN_JAVA_DEFAULT" jar v
  if [[ -n "$home" && -d "$home/lib/lib/main" ]]; then
    min=0
    for jar in "$home"/lib/lib/main/org.keycloak.keycloak-quarkus-server-*.jar \
               "$home"/lib/lib/main/io.quarkus.quarkus-core-[0-9]*.jar; do
      [[ -f "$jar" ]] || continue
      v="$(_kc_jar_min_java "$jar")" || continue
      if (( v > min )); then min="$v"; fi
    done
    if (( min == 0 )); then min="$KC_MIN_JAVA_DEFAULT"; fi
  fi
  printf '%s' "$min"
}

# kc_java_home [KC_HOME]
# Prints a JAVA_HOME able to run Keycloak. Looks at $KC_JAVA_HOME, $JAVA_HOME, the `java` on
# PATH, then /usr/lib/jvm/* (lowest suitable version first).
kc_java_home() {
  local home="${1:-}" min candidate v java_bin
  min="$(_kc_min_java "$home")"
  _kc_log "looking for a JDK >= $min for Keycloak $(_kc_version)"

  if [[ -n "${KC_JAVA_HOME:-}" ]]; then
    v="$(_kc_java_feature "$KC_JAVA_HOME")" || v=""
    if [[ -n "$v" ]] && (( v >= min )); then
      _kc_log "using KC_JAVA_HOME=$KC_JAVA_HOME (Java $v)"
      printf '%s\n' "$KC_JAVA_HOME"
      return 0
    fi
    _kc_err "KC_JAVA_HOME=$KC_JAVA_HOME is not a JDK >= $min (found: ${v:-no usable bin/java}); fix or unset it"
    return 1
  fi

  local -a candidates=()
  [[ -n "${JAVA_HOME:-}" ]] && candidates+=("$JAVA_HOME")
  if java_bin="$(command -v java 2>/dev/null)"; then
    java_bin="$(readlink -f "$java_bin" 2>/dev/null || printf '%s' "$java_bin")"
    candidates+=("$(dirname "$(dirname "$java_bin")")")
  fi
  local -a jvms=()
  if [[ -d /usr/lib/jvm ]]; then
    local d
    for d in /usr/lib/jvm/*; do
      [[ -L "$d" ]] && continue          # skip alias symlinks (java-1.17.0-openjdk-amd64 etc.)
      [[ -x "$d/bin/java" ]] || continue
      v="$(_kc_java_feature "$d")" || continue
      jvms+=("$v $d")
    done
    if (( ${#jvms[@]} > 0 )); then
      while read -r v d; do candidates+=("$d"); done < <(printf '%s\n' "${jvms[@]}" | sort -n)
    fi
  fi

  local seen=" " real
  for candidate in "${candidates[@]}"; do
    real="$(readlink -f "$candidate" 2>/dev/null || printf '%s' "$candidate")"
    [[ "$seen" == *" $real "* ]] && continue
    seen="$seen$real "
    v="$(_kc_java_feature "$candidate")" || { _kc_log "  $candidate: no usable bin/java"; continue; }
    if (( v >= min )); then
      _kc_log "using $candidate (Java $v)"
      printf '%s\n' "$candidate"
      return 0
    fi
    _kc_log "  $candidate: Java $v is too old"
  done
  _kc_err "no JDK >= $min found (checked \$KC_JAVA_HOME, \$JAVA_HOME, java on PATH, /usr/lib/jvm/*)."
  _kc_err "install one, e.g. 'apt-get install openjdk-21-jdk-headless' (or Temurin 21), or point KC_JAVA_HOME at it"
  return 1
}

# kc_install STATE_DIR
kc_install() {
  local state="${1:-}"
  if [[ -z "$state" ]]; then _kc_err "usage: kc_install STATE_DIR"; return 2; fi
  local version home realm_file
  version="$(_kc_version)"
  home="$(_kc_home "$state")"
  realm_file="${KC_REALM_FILE:-$_KC_REPO_ROOT/identity/kommunalmarkt-realm.json}"

  if [[ ! -f "$realm_file" ]]; then
    _kc_err "realm file not found: $realm_file"
    return 1
  fi

  if [[ -x "$home/bin/kc.sh" ]]; then
    _kc_log "Keycloak $version already installed in $home"
  else
    local tool
    for tool in mvn unzip; do
      if ! command -v "$tool" >/dev/null 2>&1; then
        _kc_err "'$tool' is needed to install Keycloak but is not on PATH (apt-get install maven unzip)"
        return 1
      fi
    done
    local base="$state/keycloak" dl unpack zip
    dl="$base/download"
    unpack="$base/.unpack.$$"
    zip="$dl/keycloak-quarkus-dist-$version.zip"
    mkdir -p "$dl" || { _kc_err "cannot create $dl"; return 1; }
    _kc_log "fetching org.keycloak:keycloak-quarkus-dist:$version:zip with Maven (from ~/.m2 or Maven Central)"
    # Run outside any project so Maven does not pick up a pom.xml in the current directory;
    # its output is only shown when it fails.
    if ! (cd "$dl" && mvn -B -q -Dstyle.color=never dependency:copy \
            "-Dartifact=org.keycloak:keycloak-quarkus-dist:$version:zip" \
            "-DoutputDirectory=$dl" >"$dl/mvn.log" 2>&1); then
      cat "$dl/mvn.log" >&2 || true
      _kc_err "Maven could not fetch org.keycloak:keycloak-quarkus-dist:$version:zip (network to Maven Central? version exists?)"
      return 1
    fi
    rm -f "$dl/mvn.log"
    if [[ ! -s "$zip" ]]; then
      _kc_err "Maven finished but $zip is missing"
      return 1
    fi
    _kc_log "unpacking $zip"
    rm -rf "$unpack"
    mkdir -p "$unpack"
    if ! unzip -q "$zip" -d "$unpack"; then
      rm -rf "$unpack"
      _kc_err "unzip of $zip failed"
      return 1
    fi
    if [[ ! -x "$unpack/keycloak-$version/bin/kc.sh" ]]; then
      rm -rf "$unpack"
      _kc_err "the zip does not contain keycloak-$version/bin/kc.sh"
      return 1
    fi
    rm -rf "$home"
    mv "$unpack/keycloak-$version" "$home"
    rm -rf "$unpack" "$zip"
    _kc_log "installed Keycloak $version in $home"
  fi

  if command -v python3 >/dev/null 2>&1; then
    if ! python3 -c 'import json,sys; json.load(open(sys.argv[1], encoding="utf-8"))' "$realm_file" 2>/dev/null; then
      _kc_err "realm file is not valid JSON: $realm_file"
      return 1
    fi
  fi
  mkdir -p "$home/data/import"
  cp "$realm_file" "$home/data/import/$KC_REALM-realm.json"
  _kc_log "realm file copied to $home/data/import/$KC_REALM-realm.json"
}

# kc_start STATE_DIR PORT LOGFILE
kc_start() {
  local state="${1:-}" port="${2:-}" log="${3:-}"
  if [[ -z "$state" || -z "$log" ]] || ! _kc_is_port "$port"; then
    _kc_err "usage: kc_start STATE_DIR PORT LOGFILE"
    return 2
  fi
  local home pid_file mport java_home pid
  home="$(_kc_home "$state")"
  pid_file="$(_kc_pid_file "$state")"
  mport="$(_kc_mgmt_port "$port")"
  if ! _kc_is_port "$mport"; then
    _kc_err "management port $mport is invalid; set KC_MANAGEMENT_PORT"
    return 2
  fi

  if [[ ! -x "$home/bin/kc.sh" ]]; then
    _kc_err "Keycloak is not installed in $home; run kc_install $state first"
    return 1
  fi
  if [[ -f "$pid_file" ]]; then
    pid="$(cat "$pid_file" 2>/dev/null || true)"
    if [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 "$pid" 2>/dev/null; then
      _kc_err "Keycloak is already running (pid $pid, $pid_file); run kc_stop $state first"
      return 1
    fi
    _kc_log "removing stale pid file $pid_file"
    rm -f "$pid_file"
  fi
  local p
  for p in "$port" "$mport"; do
    if _kc_port_busy "$p"; then
      _kc_err "port $p on 127.0.0.1 is already in use; stop whatever listens there or choose another port"
      return 1
    fi
  done
  java_home="$(kc_java_home "$home")" || return 1
  if ! command -v setsid >/dev/null 2>&1; then
    _kc_err "'setsid' (util-linux) is needed to run Keycloak in its own process group"
    return 1
  fi

  mkdir -p "$(dirname "$pid_file")" "$(dirname "$log")"
  printf '\n===== kc_start %s: port %s, management %s =====\n' "$(date '+%F %T')" "$port" "$mport" >>"$log"
  _kc_log "starting Keycloak $(_kc_version) (start-dev, realm import) on http://127.0.0.1:$port, health on http://127.0.0.1:$mport/health; log: $log"

  # setsid: own session and process group. The wrapper writes its pid (= the group id) and
  # execs kc.sh, which in turn execs java, so the pid stays the server's.
  rm -f "$pid_file.tmp"
  # shellcheck disable=SC2016  # $$ and $@ are meant for the inner bash
  JAVA_HOME="$java_home" JAVA="$java_home/bin/java" \
  KC_BOOTSTRAP_ADMIN_USERNAME="${KC_ADMIN_USER:-admin}" \
  KC_BOOTSTRAP_ADMIN_PASSWORD="${KC_ADMIN_PASSWORD:-admin}" \
    setsid bash -c 'echo $$ >"$1.tmp" && mv "$1.tmp" "$1" && shift && exec "$@"' kc-start \
      "$pid_file" "$home/bin/kc.sh" start-dev \
      --http-host=127.0.0.1 --http-port="$port" --hostname-strict=false \
      --health-enabled=true --http-management-port="$mport" \
      --import-realm \
      </dev/null >>"$log" 2>&1 &

  local tries=0
  while [[ ! -s "$pid_file" ]] && (( tries < 50 )); do
    sleep 0.1
    tries=$((tries + 1))
  done
  if [[ ! -s "$pid_file" ]]; then
    _kc_err "Keycloak did not start (no pid file after 5 s); log tail:"
    tail -n 20 "$log" >&2 || true
    return 1
  fi
  pid="$(cat "$pid_file")"
  KC_LAST_PID_FILE="$pid_file"
  KC_LAST_LOG_FILE="$log"
  _kc_log "Keycloak started, pid/process group $pid ($pid_file)"
}

# kc_wait PORT TIMEOUT_S
# Uses KC_LAST_PID_FILE / KC_LAST_LOG_FILE (set by kc_start) to notice a dead process and
# show the log; works without them too (then it just polls until the timeout).
kc_wait() {
  local port="${1:-}" timeout="${2:-}"
  if ! _kc_is_port "$port" || ! [[ "$timeout" =~ ^[0-9]+$ ]]; then
    _kc_err "usage: kc_wait PORT TIMEOUT_S"
    return 2
  fi
  local url="http://127.0.0.1:$port/realms/$KC_REALM/.well-known/openid-configuration"
  local pid="" start=$SECONDS elapsed last=-1
  if [[ -n "$KC_LAST_PID_FILE" && -f "$KC_LAST_PID_FILE" ]]; then
    pid="$(cat "$KC_LAST_PID_FILE" 2>/dev/null || true)"
  fi
  printf '[keycloak] waiting for %s (timeout %ss):' "$url" "$timeout" >&2
  while :; do
    elapsed=$((SECONDS - start))
    if curl -fsS -o /dev/null --max-time 3 "$url" 2>/dev/null; then
      printf ' ready after %ss\n' "$elapsed" >&2
      return 0
    fi
    if [[ -n "$pid" ]] && ! kill -0 "$pid" 2>/dev/null; then
      printf ' gave up\n' >&2
      _kc_err "Keycloak (pid $pid) exited after ${elapsed}s without becoming ready"
      _kc_log_tail
      return 1
    fi
    if (( elapsed >= timeout )); then
      printf ' timed out\n' >&2
      _kc_err "Keycloak did not answer $url within ${timeout}s"
      _kc_log_tail
      return 1
    fi
    if (( elapsed % 5 == 0 && elapsed != last )); then
      printf ' %ss' "$elapsed" >&2
      last=$elapsed
    fi
    sleep 1
  done
}

_kc_log_tail() {
  [[ "$_KC_NO_TAIL" == 1 ]] && return 0
  if [[ -n "$KC_LAST_LOG_FILE" && -f "$KC_LAST_LOG_FILE" ]]; then
    _kc_err "last 30 lines of $KC_LAST_LOG_FILE:"
    tail -n 30 "$KC_LAST_LOG_FILE" >&2 || true
  fi
}

# kc_stop STATE_DIR
kc_stop() {
  local state="${1:-}"
  if [[ -z "$state" ]]; then _kc_err "usage: kc_stop STATE_DIR"; return 2; fi
  local pid_file pid args waited=0
  pid_file="$(_kc_pid_file "$state")"
  if [[ ! -f "$pid_file" ]]; then
    _kc_log "Keycloak is not running (no $pid_file)"
    return 0
  fi
  pid="$(cat "$pid_file" 2>/dev/null || true)"
  if ! [[ "$pid" =~ ^[0-9]+$ ]] || (( pid <= 1 )); then
    _kc_err "pid file $pid_file holds '$pid', not a pid; removing it"
    rm -f "$pid_file"
    return 1
  fi
  if ! kill -0 -- "-$pid" 2>/dev/null; then
    _kc_log "Keycloak (process group $pid) is not running; removing stale pid file"
    rm -f "$pid_file"
    return 0
  fi
  # Guard against a recycled pid: the group leader, if alive, must be our Keycloak.
  if kill -0 "$pid" 2>/dev/null; then
    args="$(ps -o args= -p "$pid" 2>/dev/null || true)"
    if [[ "$args" != *kc.sh* && "$args" != *kc.home.dir* && "$args" != *kc-start* ]]; then
      _kc_err "pid $pid from $pid_file is not Keycloak ($args); not killing it, removing the pid file"
      rm -f "$pid_file"
      return 1
    fi
  fi
  _kc_log "stopping Keycloak (SIGTERM to process group $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || true
  while kill -0 -- "-$pid" 2>/dev/null; do
    if (( waited >= 20 )); then
      _kc_log "still running after 20 s, sending SIGKILL to process group $pid"
      kill -KILL -- "-$pid" 2>/dev/null || true
      sleep 1
      break
    fi
    sleep 1
    waited=$((waited + 1))
  done
  if kill -0 -- "-$pid" 2>/dev/null; then
    _kc_err "process group $pid survived SIGKILL"
    return 1
  fi
  rm -f "$pid_file"
  _kc_log "Keycloak stopped (${waited}s)"
}

# Extract a top-level string field from a JSON object on stdin.
_kc_json_field() {
  local field="$1"
  if command -v jq >/dev/null 2>&1; then
    jq -r --arg f "$field" '.[$f] // empty'
  elif command -v python3 >/dev/null 2>&1; then
    python3 -c 'import json,sys; v=json.load(sys.stdin).get(sys.argv[1]); print(v if v is not None else "")' "$field"
  else
    sed -n "s/.*\"$field\"[[:space:]]*:[[:space:]]*\"\\([^\"]*\\)\".*/\\1/p"
  fi
}

# _kc_token_request PORT WHAT form-args...
_kc_token_request() {
  local port="$1" what="$2"; shift 2
  local url="http://127.0.0.1:$port/realms/$KC_REALM/protocol/openid-connect/token"
  local out code body token
  _kc_log "requesting a token for $what from $url"
  if ! out="$(curl -sS --max-time 15 -w '\n%{http_code}' "$@" "$url")"; then
    _kc_err "could not reach $url"
    return 1
  fi
  code="${out##*$'\n'}"
  body="${out%$'\n'*}"
  if [[ "$code" != 200 ]]; then
    local desc
    desc="$(printf '%s' "$body" | _kc_json_field error_description 2>/dev/null || true)"
    [[ -n "$desc" ]] || desc="$(printf '%s' "$body" | _kc_json_field error 2>/dev/null || true)"
    _kc_err "token request for $what failed: HTTP $code ${desc:-$body}"
    return 1
  fi
  token="$(printf '%s' "$body" | _kc_json_field access_token)"
  if [[ -z "$token" ]]; then
    _kc_err "no access_token in the response for $what"
    return 1
  fi
  printf '%s\n' "$token"
}

# kc_token PORT USER PASSWORD  -- direct grant on kommunalmarkt-web; prints the access token
kc_token() {
  local port="${1:-}" user="${2:-}" password="${3-}"
  if ! _kc_is_port "$port" || [[ -z "$user" ]]; then
    _kc_err "usage: kc_token PORT USER PASSWORD"
    return 2
  fi
  _kc_token_request "$port" "user '$user' (client $KC_WEB_CLIENT)" \
    --data-urlencode grant_type=password \
    --data-urlencode "client_id=$KC_WEB_CLIENT" \
    --data-urlencode "username=$user" \
    --data-urlencode "password=$password" \
    --data-urlencode scope=openid
}

# kc_client_token PORT CLIENT_ID CLIENT_SECRET  -- client-credentials grant; prints the access token
kc_client_token() {
  local port="${1:-}" client="${2:-}" secret="${3-}"
  if ! _kc_is_port "$port" || [[ -z "$client" ]]; then
    _kc_err "usage: kc_client_token PORT CLIENT_ID CLIENT_SECRET"
    return 2
  fi
  _kc_token_request "$port" "client '$client' (client credentials)" \
    --data-urlencode grant_type=client_credentials \
    --data-urlencode "client_id=$client" \
    --data-urlencode "client_secret=$secret"
}
