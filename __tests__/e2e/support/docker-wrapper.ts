// The docker CLI as the action sees it in the fault tests: docker-wrapper.sh in front of the real
// one, recording every call's arguments and the modes of every --secret file, failing the calls a
// test names, or making a build write its OCI layout where the action does not look.
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export interface DockerFaults {
  /** An extended regex: the calls whose arguments match it fail. */
  fail?: string;
  /** The build that writes the OCI layout writes it elsewhere. */
  breakLayout?: boolean;
}

export class DockerWrapper {
  /** The real docker CLI, found before the wrapper goes first on PATH. */
  readonly realDocker = execFileSync('sh', ['-c', 'command -v docker'], { encoding: 'utf8' }).trim();
  readonly dir: string;
  /** One line of shell-quoted arguments per call. */
  readonly log: string;

  constructor() {
    this.dir = mkdtempSync(path.join(tmpdir(), 'dfb-e2e-docker-wrapper-'));
    copyFileSync(path.join(import.meta.dirname, 'docker-wrapper.sh'), path.join(this.dir, 'docker'));
    chmodSync(path.join(this.dir, 'docker'), 0o755);
    this.log = path.join(this.dir, 'calls.log');
  }

  /** Forgets the calls recorded so far. */
  reset(): void {
    writeFileSync(this.log, '');
    writeFileSync(`${this.log}.secrets`, '');
  }

  /** The variables that put the wrapper in front of docker for a job, with these faults. */
  env({ fail, breakLayout }: DockerFaults = {}): Record<string, string> {
    return {
      PATH: `${this.dir}:${process.env.PATH}`,
      DFB_REAL_DOCKER: this.realDocker,
      DFB_DOCKER_LOG: this.log,
      ...(fail ? { DFB_DOCKER_FAIL: fail } : {}),
      ...(breakLayout ? { DFB_DOCKER_BREAK_LAYOUT: '1' } : {}),
    };
  }

  /** Every call since the last reset, one line each. */
  calls(): string {
    return readFileSync(this.log, 'utf8');
  }

  /** `<file mode> <directory mode>` of each --secret file, one line each. */
  secretModes(): string {
    return readFileSync(`${this.log}.secrets`, 'utf8');
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
