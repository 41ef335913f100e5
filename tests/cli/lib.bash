# Helpers of the cli tests that look at what tofmap prints (sourced after
# ../cluster/lib/common.bash, which gives TOFMAP, SCRATCH, note and fail).

# run_tofmap NAME ARGS... : runs tofmap in the foreground; RC, NAME.out (stdout), NAME.err.
run_tofmap() {
  local name=$1
  shift
  printf '%q ' tofmap "$@" >"$SCRATCH/$name.cmd"
  timeout "$DEADLINE_COMMAND" "$TOFMAP" "$@" >"$SCRATCH/$name.out" 2>"$SCRATCH/$name.err" </dev/null
  RC=$?
  [ "$RC" -ne 124 ] || { show "$name"; fail "$name: tofmap did not finish within $DEADLINE_COMMAND s"; }
}

show() {
  echo "----- $1: $(cat "$SCRATCH/$1.cmd")"
  echo "stdout:"; cat "$SCRATCH/$1.out"
  echo "stderr:"; cat "$SCRATCH/$1.err"
}

# expect NAME STATUS STREAM FIXED-STRING... : exit status STATUS and every string in STREAM
# (out or err).
expect() {
  local name=$1 status=$2 stream=$3 s
  shift 3
  if [ "$RC" -ne "$status" ]; then
    show "$name"
    fail "$name: exit status $RC, expected $status"
  fi
  for s in "$@"; do
    if ! grep -q -F -- "$s" "$SCRATCH/$name.$stream"; then
      show "$name"
      fail "$name: std$stream lacks '$s'"
    fi
  done
  note "$name: status $RC as expected"
}
