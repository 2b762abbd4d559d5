import { addWhereCopyFits } from './add-where-copy-fits.js';
import { apkCache } from './apk-cache.js';
import { aptListsLeft, aptUpgrade } from './apt.js';
import { aptNoInstallRecommends } from './apt-no-install-recommends.js';
import { buildToolsInFinalImage } from './build-tools-in-final-image.js';
import { contextLargeFiles, contextSendsHeavyDirs, noDockerignore } from './context.js';
import { cacheMountWrongUser } from './cache-mount-wrong-user.js';
import { copyBeforeInstall } from './copy-before-install.js';
import { copyProjectBeforeInstall } from './copy-project-before-install.js';
import { deleteInLaterLayer } from './delete-in-later-layer.js';
import { devPackagesInFinalImage } from './dev-packages-in-final-image.js';
import { heavyBaseImage } from './heavy-base-image.js';
import { pipCacheBakedIn } from './pip-cache-baked-in.js';
import { recursiveChownAfterCopy } from './recursive-chown-after-copy.js';
import type { Rule, RuleDescription } from './rule.js';
import { secretInEnv } from './secret-in-env.js';
import { unpinnedBase } from './unpinned-base.js';
import { uvSyncUnlocked } from './uv-sync-unlocked.js';

/** Every rule the engine runs, in the order the README lists them. */
export const ALL_RULES: readonly Rule[] = [
  copyBeforeInstall,
  copyProjectBeforeInstall,
  pipCacheBakedIn,
  cacheMountWrongUser,
  uvSyncUnlocked,
  aptListsLeft,
  aptNoInstallRecommends,
  aptUpgrade,
  apkCache,
  noDockerignore,
  contextSendsHeavyDirs,
  contextLargeFiles,
  heavyBaseImage,
  buildToolsInFinalImage,
  devPackagesInFinalImage,
  deleteInLaterLayer,
  recursiveChownAfterCopy,
  addWhereCopyFits,
  unpinnedBase,
  secretInEnv,
];

/** The catalogue for docs and for validating the disabled-rules input. */
export const RULES: readonly RuleDescription[] = ALL_RULES.map(({ id, title, why, fix }) => ({
  id,
  title,
  why,
  fix,
}));

export type { Rule, RuleDescription, RuleFinding, RuleInput } from './rule.js';
