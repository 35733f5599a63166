import semver from 'semver';
import type { Bilingual } from '../i18n/localized.ts';

export interface InstalledPlugin {
  readonly name: string;
  readonly version: string;
}

/** What is wrong with one requirement, or undefined when it is met. */
export function unmetRequirement(
  installed: ReadonlyMap<string, InstalledPlugin>,
  name: string,
  range: string,
): Bilingual | undefined {
  if (semver.validRange(range) === null) {
    return {
      en: `"${range}" is not a valid version range for plugin "${name}"`,
      'zh-CN': `插件“${name}”的版本范围“${range}”无效`,
    };
  }
  const found = installed.get(name);
  if (!found) {
    return {
      en: `needs plugin "${name}" ${range}, which is not installed`,
      'zh-CN': `需要插件“${name}” ${range}，但未安装`,
    };
  }
  if (!semver.satisfies(found.version, range, { includePrerelease: true })) {
    return {
      en: `needs plugin "${name}" ${range}, but version ${found.version} is installed`,
      'zh-CN': `需要插件“${name}” ${range}，但已安装的版本为 ${found.version}`,
    };
  }
  return undefined;
}

export function isValidVersion(version: string): boolean {
  return semver.valid(version) !== null;
}
