import {
  decideDownloads,
  downloadPaths,
  holdsOnlyDownloads,
  parseDownloadsReport,
} from '../../src/cache/download-policy.js';

describe('downloadPaths', () => {
  it('splits what each kind of cache downloaded from what the build made', () => {
    expect(downloadPaths('pip', '/root/.cache/pip')).toEqual(['http', 'http-v2']);
    expect(downloadPaths('uv', '/root/.cache/uv/')).toEqual([
      'wheels-v*',
      'archive-v*',
      'simple-v*',
      'flat-index-v*',
    ]);
    expect(downloadPaths('apt', '/var/cache/apt')).toEqual(['archives']);
    expect(downloadPaths('apt', '/var/lib/apt')).toEqual(['lists']);
    expect(downloadPaths('apt', '/var/cache/apt/archives')).toEqual(['*']);
  });

  it('cannot tell for a cache it does not know: nothing is taken for a download', () => {
    expect(downloadPaths('generic', '/root/.npm')).toEqual([]);
  });
});

describe('holdsOnlyDownloads', () => {
  it('is true of apt, whose caches are packages, lists and what apt rebuilds from the lists', () => {
    expect(holdsOnlyDownloads('apt')).toBe(true);
    for (const kind of ['pip', 'uv', 'generic'] as const) expect(holdsOnlyDownloads(kind)).toBe(false);
  });
});

describe('decideDownloads', () => {
  const facts = {
    kind: 'pip' as const,
    target: '/root/.cache/pip',
    setting: 'auto' as const,
    stepSeconds: 12.5,
    restoreSecondsPerMB: 0.025,
  };

  it('drops downloads that came faster than a restore brings them back', () => {
    // A restore + inject at 0.025 s/MB brings 40 MB/s.
    expect(decideDownloads(facts)).toEqual({
      keep: 'made',
      paths: ['http', 'http-v2'],
      stepMilliseconds: 12500,
      dropAboveKBps: 40000,
    });
  });

  it('uses the default restore cost when no earlier run measured one', () => {
    expect(decideDownloads({ ...facts, restoreSecondsPerMB: undefined })).toMatchObject({
      dropAboveKBps: 40000,
    });
  });

  it('keeps everything with restore-cache: true, as before', () => {
    expect(decideDownloads({ ...facts, setting: 'true' })).toEqual({
      keep: 'all',
      reason: 'restore-cache is true',
    });
  });

  it('keeps everything when the rate cannot be known: a step came from cache, or no time was measured', () => {
    expect(decideDownloads({ ...facts, stepSeconds: undefined }).keep).toBe('all');
    expect(decideDownloads({ ...facts, stepSeconds: 0 }).keep).toBe('all');
  });

  it('drops every download of a mount whose restore did not pay, whatever their rate', () => {
    for (const stepSeconds of [12.5, undefined])
      expect(decideDownloads({ ...facts, stepSeconds, restoreDidNotPay: true })).toEqual({
        keep: 'made',
        paths: ['http', 'http-v2'],
        stepMilliseconds: 1,
        dropAboveKBps: 0,
      });
    // A cache whose downloads cannot be told apart is still kept whole.
    expect(
      decideDownloads({ ...facts, kind: 'generic', target: '/root/.npm', restoreDidNotPay: true }).keep,
    ).toBe('all');
  });

  it('keeps everything of a cache whose downloads cannot be told apart', () => {
    expect(decideDownloads({ ...facts, kind: 'generic', target: '/root/.npm' }).keep).toBe('all');
  });
});

describe('parseDownloadsReport', () => {
  it('reads what the extract helper wrote', () => {
    expect(parseDownloadsReport('1024 dropped\n')).toEqual({ bytes: 1024 * 1024, dropped: true });
    expect(parseDownloadsReport('0 kept')).toEqual({ bytes: 0, dropped: false });
  });

  it('takes nothing else', () => {
    for (const text of ['', 'lots dropped', '12 gone', '-1 kept', '12 kept extra'])
      expect(parseDownloadsReport(text)).toBeUndefined();
  });
});
