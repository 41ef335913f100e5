#pragma once

#include "actors/config/run_config.hpp"

/// What a process computing a map says when it is interrupted (Ctrl-C, SIGTERM from kill or a batch
/// system): the journal in [output] dir keeps every point computed so far, and the command that
/// resumes. The process then ends by the signal, as it would have without tofmap's word (exit
/// status 128 + the signal: 130, 143). Nothing else changes: every accepted result is in the
/// journal already (journal.hpp).
namespace tofmap {

/// Installs the handlers of SIGINT and SIGTERM for a run of `config` (tofmap run or
/// coordinator); a signal the process was started ignoring (a background job of a shell script,
/// nohup) stays ignored. The resume command is this process's own command line (/proc/self/cmdline), with
/// `--output.resume=yes` instead of any `--output.resume` when [output] resume is off.
void announce_interruptions(const run_config& config);

/// The map is written: an interruption from now on loses only the plots, and says so.
void note_map_written();

} // namespace tofmap
