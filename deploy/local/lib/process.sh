# shellcheck shell=bash
# shellcheck disable=SC2034  # PROC_ERROR is read by the caller
#
# Background processes of the local stack: each runs in its own process group (setsid), its pid is
# the group id and lives in STATE/pids/NAME.pid, so one signal stops it with all its children.
# Source this file; functions only. Progress goes to stderr; a function that fails returns non-zero
# and leaves the reason in PROC_ERROR (the caller decides how to report it, e.g. with proc_log_tail).
#
#   proc_start STATE NAME LOGFILE CMD...   start CMD in the background, log appended to LOGFILE
#   proc_running STATE NAME                true if NAME runs
#   proc_stop STATE NAME [GRACE_S]         SIGTERM the group, SIGKILL after GRACE_S (default 20)
#   proc_ready_http URL                    true if URL answers 2xx now
#   proc_wait_log NAME LOGFILE PATTERN TIMEOUT_S STATE  wait until this start of NAME wrote a line
#                                          matching PATTERN (fails at once if NAME died)
#   proc_log_tail LOGFILE [N]              the last N (default 30) lines of the latest start in LOGFILE
#   port_busy PORT                         true if something accepts TCP connections on 127.0.0.1:PORT

PROC_ERROR=""

_proc_log() { printf '[%s] %s\n' "$1" "$2" >&2; }
_proc_pid_file() { printf '%s/pids/%s.pid' "$1" "$2"; }

port_busy() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

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
  PROC_ERROR=""
  if proc_running "$state" "$name"; then
    PROC_ERROR="already running (pid $(cat "$pid_file")); stop it first"
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
    PROC_ERROR="did not start (no pid file after 5 s)"
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

proc_ready_http() {
  curl -fsS -o /dev/null --max-time 3 "$1" 2>/dev/null
}

proc_wait_log() {
  local name="$1" log="$2" pattern="$3" timeout="$4" state="$5"
  local start=$SECONDS
  PROC_ERROR=""
  # only what this start wrote: the log is appended to across restarts
  while ! proc_log_tail "$log" 100000 | grep -qE "$pattern"; do
    if ! proc_running "$state" "$name"; then
      PROC_ERROR="exited before it was ready"
      return 1
    fi
    if (( SECONDS - start >= timeout )); then
      PROC_ERROR="not ready after ${timeout}s (no line matching '$pattern' in its log)"
      return 1
    fi
    sleep 0.2
  done
}

# Everything after the last "===== ... =====" line that proc_start (or kc_start) wrote, at most N lines.
proc_log_tail() {
  local log="$1" n="${2:-30}"
  [[ -f "$log" ]] || return 0
  { tac "$log" 2>/dev/null || true; } | sed '/^===== .* =====$/q' | { grep -v '^===== .* =====$' || true; } \
    | tac | tail -n "$n"
}
