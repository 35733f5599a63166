import type { FormSection, LocalizedText } from '@tessera/core';

export interface TabGroup {
  /** undefined for the sections shown above the tabs. */
  readonly tab: LocalizedText | undefined;
  readonly key: string;
  readonly sections: readonly FormSection[];
}

const keyOf = (tab: LocalizedText | undefined) =>
  tab === undefined ? '' : typeof tab === 'string' ? tab : JSON.stringify(tab);

/** Sections grouped as shown: untabbed ones first, then one group per distinct `tab` label. */
export function tabGroups(sections: readonly FormSection[]): TabGroup[] {
  const groups = new Map<string, { tab: LocalizedText | undefined; sections: FormSection[] }>();
  groups.set('', { tab: undefined, sections: [] });
  for (const section of sections) {
    const key = keyOf(section.tab);
    const group = groups.get(key) ?? { tab: section.tab, sections: [] };
    group.sections.push(section);
    groups.set(key, group);
  }
  return [...groups].map(([key, group]) => ({ key, ...group }));
}
