import { type ElementPart, noChange, nothing } from 'lit';
import { Directive, directive, type PartInfo, PartType } from 'lit/directive.js';

type Properties = Readonly<Record<string, string | number | undefined>>;

/**
 * `<div ${cssProperties({ '--columns': 2 })}>`: sets CSS custom properties through the CSSOM,
 * never a `style` attribute, so it works under a `style-src 'self'` policy (Lit's `styleMap`
 * writes the attribute on first render, which such a policy blocks).
 */
class CssPropertiesDirective extends Directive {
  private previous = new Set<string>();

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) {
      throw new Error('cssProperties() belongs in an element position, inside the tag itself');
    }
  }

  render(_properties: Properties): typeof nothing {
    return nothing;
  }

  override update(part: ElementPart, [properties]: [Properties]) {
    const { style } = part.element as HTMLElement;
    const next = new Set<string>();
    for (const [name, value] of Object.entries(properties)) {
      if (value === undefined) continue;
      next.add(name);
      style.setProperty(name, String(value));
    }
    for (const name of this.previous) if (!next.has(name)) style.removeProperty(name);
    this.previous = next;
    return noChange;
  }
}

export const cssProperties = directive(CssPropertiesDirective);
