// CPU time and peak memory of processes on this machine from /proc (Linux), for the benches that
// report what a load cost in CPU and memory rather than in wall time.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

const TICKS_PER_SECOND = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());

/** User + system CPU seconds `pid` has used so far; 0 once it has gone. */
export function cpuSeconds(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // The command name (field 2) is in parentheses and may hold spaces: count from after it.
  // Fields 14 and 15 are utime and stime, in clock ticks.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

/**
 * Peak RSS (VmHWM) of a process, in MiB; null where /proc is not there. VmHWM, not
 * resourceUsage().maxRSS: Linux carries maxRSS over from the parent across exec.
 */
export function peakRssMb(pid: number | 'self'): number | null {
  return statusMb(pid, 'VmHWM');
}

/** RSS of a process now (VmRSS), in MiB; null where /proc is not there. */
export function rssMb(pid: number | 'self'): number | null {
  return statusMb(pid, 'VmRSS');
}

function statusMb(pid: number | 'self', field: 'VmHWM' | 'VmRSS'): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kb = new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1];
    return kb ? Number(kb) / 1024 : null;
  } catch {
    return null;
  }
}
