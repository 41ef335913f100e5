# cluster.clean_exit: every way a worker node, a coordinator and `tofmap run` end leaves nothing
# behind. In a build with AddressSanitizer, LeakSanitizer checks each process at its exit and
# reports what is still allocated; this test fails on any such report (and on any other sanitizer
# report), on every exit path:
#   worker: SIGINT, the coordinator lost (rejoin = no), the rejoin time over, join_timeout over
#           with nothing listening, refused by the coordinator, the map is done;
#   coordinator: its port in use, SIGTERM while it waits for workers, the map is done;
#   run: the map is done, points that do not converge (exit 2), SIGTERM mid-run.
# Every networked process runs with a heartbeat of a few milliseconds: CAF's BASP broker then ticks
# all the time, and a tick almost always falls into the end of the process, where CAF 0.17.6 on its
# own leaks the broker (actors/net/basp_shutdown.hpp).
# Without AddressSanitizer there is nothing to check: the test is skipped (exit 77).
source "$(dirname "$0")/lib/common.bash" "$@"

if ! built_with_asan; then
  echo "SKIP: $TOFMAP is not built with AddressSanitizer (-DTOFMAP_SANITIZE=ON), so no process" \
       "can report a leak at its exit; build with it (CI does) to run this test"
  exit 77
fi
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=1

# clean NAME : NAME.log has no sanitizer report.
clean() {
  ! grep -q -E 'ERROR: (LeakSanitizer|AddressSanitizer)|runtime error: ' "$SCRATCH/$1.log" \
    || fail "$1 ($(cat "$SCRATCH/$1.cmd")) ended with a sanitizer report"
}

# ended NAME STATUS|any [SECONDS] : NAME exits (within SECONDS, default DEADLINE_EXIT) without a
# sanitizer report, with exit status STATUS (any: after a signal, whatever it exits with).
ended() {
  wait_exit "$1" "${3:-$DEADLINE_EXIT}"
  clean "$1"
  [ "$2" = any ] || [ "$RC" -eq "$2" ] || fail "$1 exited with status $RC, expected $2"
}

FAST=(--cluster.heartbeat=5ms)
SMALL=("--map.x=p(CO_g) 1e-5 0.5 20" "--map.y=p(O2_g) 1e-5 0.5 20")
node_config

# -- a coordinator with three worker nodes on the big grid: one interrupted (SIGINT), then the
# coordinator killed; one node stops at once, one after its rejoin time -------------------------
start_coordinator big --cluster.coordinator_workers=0 "${FAST[@]}"
BIG_PORT=$PORT
start_worker lost "$PORT" "${FAST[@]}"
start_worker rejoin "$PORT" "${FAST[@]}" --cluster.rejoin=1s
start_worker interrupted "$PORT" "${FAST[@]}"
for w in lost rejoin interrupted; do
  expect_joined "$w" big
done
kill -INT "${PID[interrupted]}" || fail "cannot interrupt the worker 'interrupted'"
ended interrupted any
wait_progress big
kill -KILL "${PID[big]}" || fail "cannot kill the coordinator 'big'"
ended lost 1
wait_line lost '^tofmap: lost the coordinator \([^;]*\)$'
ended rejoin 1
wait_line rejoin "^tofmap: no coordinator came back at 127.0.0.1:$BIG_PORT within 1 s; leaving\$"

# -- a worker with nothing to join -------------------------------------------------------------
free_port
start lonely worker --cluster.join=127.0.0.1:"$PORT" --cluster.join_timeout=1s "${FAST[@]}"
ended lonely 1
wait_line lonely "^tofmap: could not join the coordinator at 127.0.0.1:$PORT within 1 s "

# -- a coordinator that waits for workers: its port taken by a second one, a node with another
# model refused; then it is terminated (SIGTERM) ------------------------------------------------
start_coordinator waiting --cluster.coordinator_workers=0 "${FAST[@]}"
start taken coordinator "$MODEL" --output.dir="$SCRATCH/taken.out" \
  --cluster.listen=127.0.0.1:"$PORT" "${FAST[@]}"
ended taken 1
wait_line taken "^tofmap: error: cannot listen on 127.0.0.1:$PORT: Address already in use"
start refused worker "$MODEL" "${GRID[@]}" --model.temperature=501 --cluster.workers=1 \
  --cluster.join=127.0.0.1:"$PORT" "${FAST[@]}"
ended refused 1
wait_line refused '^tofmap: the coordinator refused this node: '
kill -TERM "${PID[waiting]}" || fail "cannot terminate the coordinator 'waiting'"
ended waiting any

# -- a small map done by a coordinator and a worker node ----------------------------------------
start done coordinator "$MODEL" "${SMALL[@]}" --output.dir="$SCRATCH/done.out" \
  --cluster.listen=127.0.0.1:0 --cluster.coordinator_workers=0 "${FAST[@]}"
listen_port done
start_worker finisher "$PORT" "${FAST[@]}"
wait_map done finisher
ended done 0
ended finisher 0
wait_line finisher '^tofmap: every point is computed; leaving$'

# -- tofmap run: done, unconverged, terminated ----------------------------------------------------
start run_done run "$MODEL" "${SMALL[@]}" --output.dir="$SCRATCH/run_done.out"
ended run_done 0 "$DEADLINE_MAP"
start run_unconverged run "$MODEL" "${SMALL[@]}" --solver.max_steps=1 \
  --output.dir="$SCRATCH/run_unconverged.out"
ended run_unconverged 2 "$DEADLINE_MAP"
start run_terminated run "$MODEL" "${GRID[@]}" --output.dir="$SCRATCH/run_terminated.out"
wait_progress run_terminated
kill -TERM "${PID[run_terminated]}" || fail "cannot terminate 'run_terminated'"
ended run_terminated any

# The killed coordinator cannot report; the others did not.
for name in "${NAMES[@]}"; do
  clean "$name"
done
note "no sanitizer report from ${#NAMES[@]} processes"

note "PASS"
