import {
  defineFlowElements,
  type TesseraFlowDiagram,
  type TesseraFlowTimeline,
} from '../src/elements/index.ts';
import {
  claimDiagram,
  claimNodeLabels,
  claimNodeTypes,
  claimTimeline,
  claimUsers,
} from './fixtures/flow-diagram-fixture.ts';

// Runs in Chromium (web-test-runner, mocha globals), like field-basic's form test.
declare const describe: (name: string, body: () => void) => void;
declare const it: (name: string, body: () => Promise<void>) => void;
declare const afterEach: (body: () => void) => void;

function expect(actual: unknown, expected: unknown, what: string) {
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
  }
}

defineFlowElements();

const mounted: Element[] = [];
afterEach(() => {
  for (const element of mounted.splice(0)) element.remove();
});

async function diagramElement(extra: Partial<TesseraFlowDiagram> = {}) {
  const element = document.createElement('tessera-flow-diagram') as TesseraFlowDiagram;
  Object.assign(element, { diagram: claimDiagram, nodeTypes: claimNodeTypes, ...extra });
  document.body.append(element);
  mounted.push(element);
  await element.updateComplete;
  return { element, root: element.shadowRoot! };
}

describe('<tessera-flow-diagram> in Chromium', () => {
  it('marks the active node, and only it, as the current step', async () => {
    const { root } = await diagramElement();
    const current = [...root.querySelectorAll('svg [aria-current="step"]')];
    expect(
      current.map((one) => one.getAttribute('data-node')),
      ['finance'],
      'current nodes',
    );
    expect(current[0]?.classList.contains('active'), true, 'styled active');
    const listed = [...root.querySelectorAll('ol.steps li[aria-current="step"]')];
    expect(listed.length, 1, 'current steps in the hidden list');
  });

  it('draws one shape per node, by kind, and one edge per edge', async () => {
    const { root } = await diagramElement();
    const groups = [...root.querySelectorAll('g.node')];
    expect(groups.length, claimDiagram.nodes.length, 'node groups');
    const kinds = Object.fromEntries(
      groups.map((group) => {
        const shapes = group.querySelectorAll('.shape');
        if (shapes.length !== 1)
          throw new Error(`${group.getAttribute('data-node')}: ${shapes.length} shapes`);
        return [group.getAttribute('data-node'), shapes[0]!.tagName];
      }),
    );
    expect(
      [kinds.start, kinds.end, kinds.amount, kinds.split, kinds.join, kinds.manager],
      ['circle', 'circle', 'polygon', 'polygon', 'polygon', 'rect'],
      'shapes by kind',
    );
    const edges = [...root.querySelectorAll('path.edge')];
    expect(edges.length, claimDiagram.edges.length, 'edges');
    const taken = edges.filter((one) => one.classList.contains('taken')).length;
    expect(taken, claimDiagram.edges.filter((one) => one.taken).length, 'taken edges');
    expect(
      edges.every((one) => /^url\(#arrow(-taken)?\)$/.test(one.getAttribute('marker-end') ?? '')),
      true,
      'arrowheads',
    );
    expect(root.querySelectorAll('[style]').length, 0, 'no inline styles (CSP)');
  });

  it('renders labels in zh-CN and in en, and summarises the current step', async () => {
    const { element, root } = await diagramElement({ locale: 'zh-CN' });
    const svg = root.querySelector('svg')!;
    expect(svg.getAttribute('role'), 'img', 'role');
    expect(svg.textContent?.includes('财务审批'), true, 'zh-CN label');
    expect(svg.getAttribute('aria-label'), '流程图。当前节点：财务审批', 'zh-CN summary');
    element.locale = 'en';
    await element.updateComplete;
    const english = root.querySelector('svg')!;
    expect(english.textContent?.includes('Finance approval'), true, 'en label');
    expect(english.textContent?.includes('财务审批'), false, 'no zh-CN left');
    expect(
      english.getAttribute('aria-label'),
      'Flow diagram. Current step: Finance approval',
      'en',
    );
    const list = [...root.querySelectorAll('ol.steps li')].map((li) => li.textContent?.trim());
    expect(list[0], 'Submit: done', 'first step in the list');
    expect(list.includes('Finance approval: current'), true, 'current step in the list');
  });

  it('states under a countersign what it needs: at least N of M approve', async () => {
    const diagram = {
      ...claimDiagram,
      nodes: claimDiagram.nodes.map((node) =>
        node.id === 'legal' ? { ...node, needed: { atLeast: 2, of: 3 } } : node,
      ),
    };
    const { element, root } = await diagramElement({ diagram, locale: 'zh-CN' });
    const legal = () => root.querySelector('g.node[data-node="legal"]')!;
    const note = () => [...legal().querySelectorAll('tspan.note')].map((one) => one.textContent);
    expect(note().join(''), '至少 2 / 3 人同意', 'zh-CN note');
    expect(
      legal().querySelector('title')?.textContent,
      '法务会签，至少 2 / 3 人同意 (已完成)',
      'title',
    );
    expect(root.querySelectorAll('tspan.note').length, note().length, 'only on the countersign');
    element.locale = 'en';
    await element.updateComplete;
    expect(note().join(' '), 'at least 2 of 3 approve', 'en note');
    const list = [...root.querySelectorAll('ol.steps li')].map((li) => li.textContent?.trim());
    expect(list.includes('Legal countersign, at least 2 of 3 approve: done'), true, 'in the list');
  });

  it('fits the width through a viewBox', async () => {
    const { root } = await diagramElement();
    const svg = root.querySelector('svg')!;
    const [, , width] = (svg.getAttribute('viewBox') ?? '').split(' ').map(Number);
    expect(width, Number(svg.getAttribute('width')), 'natural width');
    expect(getComputedStyle(svg).maxWidth, '100%', 'shrinks to the container');
  });

  it('draws at the designer positions when every node has one', async () => {
    const diagram = {
      nodes: [
        { id: 'a', type: 'start', state: 'done' as const, position: { x: 100, y: 40 } },
        {
          id: 'b',
          type: 'approval',
          label: 'Check',
          state: 'active' as const,
          position: { x: 100, y: 140 },
        },
      ],
      edges: [{ id: 'ab', from: 'a', to: 'b', taken: true }],
    };
    const { root } = await diagramElement({ diagram, locale: 'en' });
    expect(root.querySelectorAll('g.node').length, 2, 'nodes');
    expect(
      root.querySelector('svg')?.getAttribute('aria-label'),
      'Flow diagram. Current step: Check',
      'summary',
    );
  });
});

describe('<tessera-flow-timeline> in Chromium', () => {
  it('lists the entries oldest first, with names, actions, nodes and opinions', async () => {
    const element = document.createElement('tessera-flow-timeline') as TesseraFlowTimeline;
    Object.assign(element, {
      timeline: claimTimeline,
      users: claimUsers,
      nodes: claimNodeLabels,
      locale: 'zh-CN',
      timeZone: 'Asia/Shanghai',
    });
    document.body.append(element);
    mounted.push(element);
    await element.updateComplete;
    const root = element.shadowRoot!;
    const items = [...root.querySelectorAll('li.entry')];
    expect(items.length, claimTimeline.length, 'entries');
    expect(
      items.map((li) => li.getAttribute('data-action')),
      [...claimTimeline].sort((a, b) => a.seq - b.seq).map((entry) => entry.action),
      'in order',
    );
    const people = items.map((li) => li.querySelector('.who')?.textContent ?? '');
    expect(people.filter(Boolean), ['张三', '张三', '李四', '赵六', '张三'], 'who acted');
    const opinions = [...root.querySelectorAll('.opinion')].map((p) =>
      p.textContent?.replace(/^意见: /, ''),
    );
    expect(
      opinions,
      ['请审批出差报销', '同意，金额较大请财务复核', 'Contract OK.', '麻烦尽快处理'],
      'opinions',
    );
    const approved = items[3]!;
    expect(approved.querySelector('.action')?.textContent, '同意', 'action in words');
    expect(approved.querySelector('.node')?.textContent, '部门经理审批', 'node label');
    expect(approved.querySelector('time')?.textContent, '2026年12月1日 09:30', 'local time');
    expect(items.at(-1)?.querySelector('.detail')?.textContent, '提醒：王五', 'who was reminded');

    const split = items.find((li) => li.getAttribute('data-action') === 'split');
    expect(split?.classList.contains('quiet'), true, 'the split is told quietly, as a system step');
    expect(split?.querySelector('.who'), null, 'no person did the split');
    expect(split?.querySelector('.action')?.textContent, '进入并行分支', 'the split in words');
    const entered = items.find((li) => li.querySelector('.node')?.textContent === '法务会签');
    expect(
      entered?.querySelector('.detail')?.textContent,
      '处理人：赵六、李四、王五；至少 2 / 3 人同意',
      'what the countersign needs of the people it reached',
    );

    element.locale = 'en';
    await element.updateComplete;
    expect(
      [...root.querySelectorAll('li.entry')][items.indexOf(entered!)]?.querySelector('.detail')
        ?.textContent,
      'Assigned to: 赵六, 李四, 王五; at least 2 of 3 approve',
      'in English',
    );
    const english = root.querySelectorAll('li.entry')[3]!;
    expect(english.querySelector('.action')?.textContent, 'Approved', 'en action');
    expect(english.querySelector('.node')?.textContent, 'Manager approval', 'en node');
    expect(english.querySelector('time')?.textContent, 'Dec 1, 2026, 9:30 AM', 'en time');
  });
});
