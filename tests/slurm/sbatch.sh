# slurm.sbatch: examples/slurm/tofmap.sbatch on a real one-node SLURM cluster. The test starts
# its own munged, slurmctld and slurmd on localhost (Debian's slurm-wlm and munge, config files and
# state in the scratch folder, ports of its own: nothing of a SLURM installed on the machine is
# used or touched), submits the example with `sbatch`, and checks the job: exit status 0,
# the map in the submit directory byte-identical to `tofmap run`'s, computed by one worker node
# over TLS with the job's own certificates (the CA's key deleted); a job with a bad config fails
# at once, saying why. Skipped (exit 77) with the
# reason where SLURM cannot run: not root, SLURM or munge not installed, a daemon that does not
# start.
source "$(dirname "$0")/../cluster/lib/common.bash" "$@"

SKIP=77
skip() {
  echo "SKIPPED [$TEST_NAME]: $*"
  dump_logs
  exit "$SKIP"
}

[ "$(id -u)" -eq 0 ] || skip "needs root: slurmd, started by this test, runs the job's steps as root"
for tool in munged munge slurmctld slurmd sbatch srun scontrol squeue sinfo scancel openssl; do
  command -v "$tool" >/dev/null || skip "$tool is not installed (Debian: slurm-wlm munge openssl)"
done

# munged wants its socket's folder executable by all and writable by no one else.
chmod 711 "$SCRATCH"
mkdir -p "$SCRATCH/state" "$SCRATCH/spool" "$SCRATCH/submit"

# start_daemon NAME COMMAND... : like `start`, for a program other than tofmap.
start_daemon() {
  local name=$1
  shift
  printf '%q ' "$@" >"$SCRATCH/$name.cmd"
  "$@" >"$SCRATCH/$name.log" 2>&1 &
  PID[$name]=$!
  NAMES+=("$name")
  note "started $name (pid ${PID[$name]}): $*"
}

# On the way out: cancel what is left of our jobs while slurmd still runs, then the common cleanup
# kills the daemons.
slurm_cleanup() {
  if [ -n "${SLURM_CONF:-}" ] && alive "${PID[slurmctld]:-0}" 2>/dev/null; then
    scancel --user=root >/dev/null 2>&1
    for _ in $(seq 50); do
      [ -z "$(squeue -h 2>/dev/null)" ] && break
      sleep 0.2
    done
  fi
  cleanup
}
trap slurm_cleanup EXIT

# -- munge ------------------------------------------------------------------------------------
head -c 1024 /dev/urandom >"$SCRATCH/munge.key"
chmod 400 "$SCRATCH/munge.key"
SOCKET=$SCRATCH/munge.socket
start_daemon munged munged --foreground --force "--socket=$SOCKET" "--key-file=$SCRATCH/munge.key" \
  "--pid-file=$SCRATCH/munged.pid" "--seed-file=$SCRATCH/munged.seed" "--log-file=$SCRATCH/munged.file.log"
t=$(now)
until munge -n "--socket=$SOCKET" 2>/dev/null | unmunge "--socket=$SOCKET" >/dev/null 2>&1; do
  alive "${PID[munged]}" || skip "munged did not start"
  past "$DEADLINE_START" "$t" && break
  sleep 0.1
done
munge -n "--socket=$SOCKET" | unmunge "--socket=$SOCKET" >/dev/null 2>&1 || skip "munged does not answer on $SOCKET"

# -- slurmctld and slurmd on this host ------------------------------------------------------------
NODE=$(hostname -s)
CPUS=$(nproc)
CLUSTER=tofmaptest
free_port
CTLD_PORT=$PORT
PORT=
while [ -z "$PORT" ] || [ "$PORT" -eq "$CTLD_PORT" ]; do free_port; done
SLURMD_PORT=$PORT
export SLURM_CONF=$SCRATCH/slurm.conf
cat >"$SLURM_CONF" <<EOF
# A one-node SLURM cluster for the test $TEST_NAME; everything in $SCRATCH.
ClusterName=$CLUSTER
SlurmctldHost=$NODE(127.0.0.1)
SlurmctldPort=$CTLD_PORT
SlurmdPort=$SLURMD_PORT
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$SOCKET
CredType=cred/munge
StateSaveLocation=$SCRATCH/state
SlurmdSpoolDir=$SCRATCH/spool
SlurmctldPidFile=$SCRATCH/slurmctld.pid
SlurmdPidFile=$SCRATCH/slurmd.pid
# No cgroups: processes are tracked through /proc, tasks are not bound to CPUs.
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
NodeName=$NODE NodeAddr=127.0.0.1 CPUs=$CPUS State=UNKNOWN
PartitionName=test Nodes=ALL Default=YES MaxTime=INFINITE State=UP
EOF
start_daemon slurmctld slurmctld -D -f "$SLURM_CONF"
start_daemon slurmd slurmd -D -f "$SLURM_CONF"
t=$(now)
until sinfo -h -o '%T' 2>/dev/null | grep -qx idle; do
  alive "${PID[slurmctld]}" || skip "slurmctld did not start"
  alive "${PID[slurmd]}" || skip "slurmd did not start"
  past "$DEADLINE_START" "$t" && skip "the node did not become idle within $DEADLINE_START s: $(sinfo 2>&1)"
  sleep 0.2
done
note "SLURM is up: $(sinfo -h -o '%P %a %D %T %N')"

# submit LOG ARGS... : sbatch ARGS (in the current folder, with TOFMAP in the job's environment),
# then waits for the job to end (polling: faster than sbatch --wait); sets JOB and RC (the job's
# exit code).
submit() {
  local log=$1 state t
  shift
  JOB=$(TOFMAP=$TOFMAP sbatch --parsable "$@" 2>"$SCRATCH/$log")
  JOB=${JOB%%;*}
  [ -n "$JOB" ] || fail "sbatch did not submit: $(cat "$SCRATCH/$log")"
  t=$(now)
  while true; do
    state=$(scontrol show job -o "$JOB" 2>&1)
    case $(sed -n 's/.*JobState=\([A-Z_]*\).*/\1/p' <<<"$state") in
      COMPLETED | FAILED | CANCELLED | TIMEOUT | NODE_FAIL | OUT_OF_MEMORY | BOOT_FAIL | DEADLINE) break ;;
    esac
    if past "$DEADLINE_MAP" "$t"; then
      scancel "$JOB"
      fail "job $JOB did not end within $DEADLINE_MAP s: $state"
    fi
    sleep 0.2
  done
  RC=$(sed -n 's/.* ExitCode=\([0-9]*\):.*/\1/p' <<<"$state")
  note "job $JOB ended: $(sed -n 's/.*\(JobState=[A-Z_]*\).*/\1/p' <<<"$state"), exit code $RC"
}

# -- the example, submitted as a user would ---------------------------------------------------
GRID=("--map.x=p(CO_g) 1e-5 0.5 40" "--map.y=p(O2_g) 1e-5 0.5 40")
SUBMIT=$SCRATCH/submit
cd "$SUBMIT" || fail "cannot enter $SUBMIT"
note "sbatch --nodes=1 examples/slurm/tofmap.sbatch CONFIG ${GRID[*]}"
submit sbatch.log --nodes=1 --time=10 "$SOURCE_DIR/examples/slurm/tofmap.sbatch" "$MODEL" "${GRID[@]}"
show_job() {
  echo "----- sbatch: $(cat "$SCRATCH/sbatch.log")"
  scontrol show job "$JOB"
  echo "----- tofmap-$JOB.out:"; cat "$SUBMIT/tofmap-$JOB.out" 2>/dev/null
  echo "----- workers.log:"; cat "$SUBMIT/tofmap-$JOB/workers.log" 2>/dev/null
}
[ "$RC" -eq 0 ] || { show_job; fail "the job failed with exit code $RC"; }

MAP=$SUBMIT/results/co_oxidation/map.csv
[ -s "$MAP" ] || { show_job; fail "no map in the submit directory: $MAP"; }
cd "$SCRATCH" || exit 1
start reference run "$MODEL" "${GRID[@]}" --output.dir="$SCRATCH/reference" --output.plots=no
expect_exit reference 0
cmp "$MAP" "$SCRATCH/reference/map.csv" || fail "the job's map differs from tofmap run's"
T=$SUBMIT/results/co_oxidation/timing.json
expect_top "$T" points "== 1600"
expect_node_count "$T" 1
grep -q "^tofmap: coordinator listening on 0.0.0.0:[0-9]* (TLS)$" "$SUBMIT/tofmap-$JOB.out" \
  || { show_job; fail "the coordinator did not listen with TLS"; }
grep -q '^tofmap: joined as node 0 with ' "$SUBMIT/tofmap-$JOB/workers.log" \
  || { show_job; fail "no worker node joined"; }
grep -q '^tofmap: every point is computed; leaving$' "$SUBMIT/tofmap-$JOB/workers.log" \
  || { show_job; fail "the worker node did not leave after the map"; }
C=$SUBMIT/tofmap-$JOB/certs
[ -s "$C/ca.pem" ] && [ -s "$C/node.pem" ] && [ -s "$C/node.key" ] || fail "the job's certificates are missing: $(ls -l "$C")"
[ ! -e "$C/ca.key" ] || fail "the CA key of the job was not deleted"
[ "$(stat -c %a "$SUBMIT/tofmap-$JOB")" = 700 ] || fail "the job's folder is readable by others"
openssl verify -CAfile "$C/ca.pem" "$C/node.pem" >/dev/null || fail "the node certificate is not signed by the job's CA"
note "job $JOB: the map of one worker node over TLS, identical to tofmap run's"

# -- a job whose coordinator cannot start ends with an error, and no worker waits for ever --------
cd "$SUBMIT" || exit 1
submit sbatch_bad.log --nodes=1 --time=5 "$SOURCE_DIR/examples/slurm/tofmap.sbatch" "$MODEL" \
  "--map.x=nonsense"
[ "$RC" -eq 1 ] || fail "a job with a bad config ended with exit code $RC: $(cat "$SUBMIT/tofmap-$JOB.out")"
grep -q 'the coordinator stopped before listening' "$SUBMIT/tofmap-$JOB.out" \
  || fail "the failed job does not say why: $(cat "$SUBMIT/tofmap-$JOB.out")"
grep -q 'map x: expected' "$SUBMIT/tofmap-$JOB.out" \
  || fail "the failed job does not show the coordinator's message: $(cat "$SUBMIT/tofmap-$JOB.out")"
note "a job with a bad config fails at once: status $RC"
note "PASS"
