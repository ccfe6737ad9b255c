# shellcheck shell=bash
#
# Background processes of the local stack: each runs in its own process group (setsid), its pid is
# the group id and lives in STATE/pids/NAME.pid, so one signal stops it with all its children.
# Source this file; functions only. Messages go to stderr.
#
#   proc_start STATE NAME LOGFILE CMD...   start CMD in the background, log appended to LOGFILE
#   proc_running STATE NAME                true if NAME runs
#   proc_stop STATE NAME [GRACE_S]         SIGTERM the group, SIGKILL after GRACE_S (default 20)
#   proc_wait_http NAME URL TIMEOUT_S [STATE]  wait until URL answers 2xx (fails early if NAME died)
#   proc_wait_log NAME LOGFILE PATTERN TIMEOUT_S [STATE]  wait until LOGFILE has a line matching PATTERN

_proc_log() { printf '[%s] %s\n' "$1" "$2" >&2; }
_proc_pid_file() { printf '%s/pids/%s.pid' "$1" "$2"; }

proc_running() {
  local pid_file pid
  pid_file="$(_proc_pid_file "$1" "$2")"
  [[ -f "$pid_file" ]] || return 1
  pid="$(cat "$pid_file" 2>/dev/null)"
  [[ "$pid" =~ ^[0-9]+$ ]] && kill -0 -- "-$pid" 2>/dev/null
}

proc_start() {
  local state="$1" name="$2" log="$3"
  shift 3
  local pid_file
  pid_file="$(_proc_pid_file "$state" "$name")"
  if proc_running "$state" "$name"; then
    _proc_log "$name" "already running (pid $(cat "$pid_file")); stop it first"
    return 1
  fi
  mkdir -p "$state/pids" "$(dirname "$log")"
  rm -f "$pid_file" "$pid_file.tmp"
  printf '\n===== %s started %s =====\n' "$name" "$(date '+%F %T')" >>"$log"
  # The wrapper records its own pid (= the new group id) and execs the command, keeping that pid.
  # shellcheck disable=SC2016  # $$ and $@ belong to the inner bash
  setsid bash -c 'echo $$ >"$1.tmp" && mv "$1.tmp" "$1" && shift && exec "$@"' proc-start \
    "$pid_file" "$@" </dev/null >>"$log" 2>&1 &
  local tries=0
  while [[ ! -s "$pid_file" ]] && (( tries < 50 )); do sleep 0.1; tries=$((tries + 1)); done
  if [[ ! -s "$pid_file" ]]; then
    _proc_log "$name" "did not start; last lines of $log:"
    tail -n 20 "$log" >&2
    return 1
  fi
}

proc_stop() {
  local state="$1" name="$2" grace="${3:-20}"
  local pid_file pid waited=0
  pid_file="$(_proc_pid_file "$state" "$name")"
  [[ -f "$pid_file" ]] || return 0
  pid="$(cat "$pid_file" 2>/dev/null)"
  if ! [[ "$pid" =~ ^[0-9]+$ ]] || (( pid <= 1 )) || ! kill -0 -- "-$pid" 2>/dev/null; then
    rm -f "$pid_file"
    return 0
  fi
  _proc_log "$name" "stopping (SIGTERM to process group $pid)"
  kill -TERM -- "-$pid" 2>/dev/null || true
  while kill -0 -- "-$pid" 2>/dev/null; do
    if (( waited >= grace * 10 )); then
      _proc_log "$name" "still running after ${grace}s, sending SIGKILL"
      kill -KILL -- "-$pid" 2>/dev/null || true
      sleep 0.5
      break
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  rm -f "$pid_file"
}

# Fails at once when the process named NAME has died (STATE given) instead of waiting for the timeout.
_proc_alive_or_fail() {
  local state="$1" name="$2" log="$3"
  [[ -z "$state" ]] && return 0
  if ! proc_running "$state" "$name"; then
    _proc_log "$name" "exited before it was ready; last lines of $log:"
    tail -n 25 "$log" >&2
    return 1
  fi
}

proc_wait_http() {
  local name="$1" url="$2" timeout="$3" state="${4:-}" log="${5:-}"
  local start=$SECONDS
  while ! curl -fsS -o /dev/null --max-time 3 "$url" 2>/dev/null; do
    _proc_alive_or_fail "$state" "$name" "$log" || return 1
    if (( SECONDS - start >= timeout )); then
      _proc_log "$name" "not ready at $url after ${timeout}s"
      [[ -n "$log" ]] && tail -n 25 "$log" >&2
      return 1
    fi
    sleep 0.5
  done
}

proc_wait_log() {
  local name="$1" log="$2" pattern="$3" timeout="$4" state="${5:-}"
  local start=$SECONDS
  # only what this start wrote: the log is appended to across restarts
  while ! tac "$log" 2>/dev/null | sed "/===== $name started/q" | grep -qE "$pattern"; do
    _proc_alive_or_fail "$state" "$name" "$log" || return 1
    if (( SECONDS - start >= timeout )); then
      _proc_log "$name" "no line matching '$pattern' in $log after ${timeout}s"
      tail -n 25 "$log" >&2
      return 1
    fi
    sleep 0.2
  done
}
