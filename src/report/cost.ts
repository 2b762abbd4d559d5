// What the action costs and what its dependency cache gives back, from the report alone: the
// install steps' seconds on the last build without the cache, against their seconds now.
import { stepsUsingMount } from '../cache/layer-covered.js';
import type { BuildReport, ReportMountCache, ReportStep } from './model.js';

export interface DependencyCacheNet {
  /** restore + inject + extract + save. */
  spentSeconds: number;
  /** Undefined until a build without the cache (a miss whose install steps ran) has been measured. */
  savedSeconds: number | undefined;
  /** saved − spent; undefined with saved. */
  netSeconds: number | undefined;
  /** The install steps' seconds on that build and in this one, summed over the mounts; for the text. */
  coldSeconds: number | undefined;
  nowSeconds: number;
}

/** Seconds the RUN steps using the mount ran for in this build; undefined when no step names it. */
export function installSeconds(mountId: string, steps: readonly ReportStep[]): number | undefined {
  const using = stepsUsingMount(mountId, steps);
  if (using.length === 0) return undefined;
  return using.reduce((sum, step) => sum + (step.cached ? 0 : (step.seconds ?? 0)), 0);
}

/**
 * What the package tools of the RUN steps using the mount said they spent downloading in this
 * build; undefined unless every step that ran said so.
 */
export function installDownloadSeconds(mountId: string, steps: readonly ReportStep[]): number | undefined {
  const ran = stepsUsingMount(mountId, steps).filter((step) => !step.cached);
  if (ran.length === 0 || ran.some((step) => step.downloadSeconds === undefined)) return undefined;
  return ran.reduce((sum, step) => sum + (step.downloadSeconds ?? 0), 0);
}

/** This build had nothing for the mount and ran its steps: it shows what they cost without the cache. */
export function ranCold(mount: Pick<ReportMountCache, 'status' | 'stepsFromLayerCache'>): boolean {
  return mount.status === 'miss' && mount.stepsFromLayerCache === false;
}

/**
 * The install seconds of the latest build where the mount was a miss and its steps ran: this one's
 * when it is such a build, else the one the base report carries.
 */
export function missInstallSeconds(
  mount: Pick<ReportMountCache, 'status' | 'stepsFromLayerCache' | 'installSeconds'>,
  carried: number | undefined,
): number | undefined {
  return ranCold(mount) && mount.installSeconds !== undefined ? mount.installSeconds : carried;
}

/**
 * The dependency cache's net effect. A mount saves nothing when it missed or when its steps came
 * from the layer cache (the layer cache saved that time); otherwise the cold install minus this one.
 */
export function dependencyCacheNet(report: BuildReport): DependencyCacheNet | undefined {
  const { mounts, seconds } = report.dependencyCache;
  if (mounts.length === 0) return undefined;
  const spentSeconds = seconds.restore + seconds.inject + seconds.extract + seconds.save;
  let savedSeconds: number | undefined = 0;
  let coldSeconds: number | undefined = 0;
  let nowSeconds = 0;
  for (const mount of mounts) {
    nowSeconds += mount.installSeconds ?? 0;
    if (mount.status === 'miss' || mount.stepsFromLayerCache !== false) continue;
    if (mount.missInstallSeconds === undefined || mount.installSeconds === undefined) {
      savedSeconds = undefined;
      coldSeconds = undefined;
      continue;
    }
    if (savedSeconds !== undefined)
      savedSeconds += Math.max(0, mount.missInstallSeconds - mount.installSeconds);
    if (coldSeconds !== undefined) coldSeconds += mount.missInstallSeconds;
  }
  return {
    spentSeconds,
    savedSeconds,
    netSeconds: savedSeconds === undefined ? undefined : savedSeconds - spentSeconds,
    coldSeconds,
    nowSeconds,
  };
}
