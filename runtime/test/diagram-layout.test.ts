import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import dagre from '@dagrejs/dagre';
import {
  type DiagramLayout,
  type FlowDiagram,
  layoutDiagram,
  type PlacedNode,
} from '../src/elements/diagram-layout.ts';
import { clipToFigure } from '../src/elements/diagram-shapes.ts';
import { textWidth, wrapText } from '../src/elements/diagram-text.ts';
import { claimDiagram, claimNodeTypes } from './fixtures/flow-diagram-fixture.ts';

const boxOf = (one: PlacedNode) => ({
  left: one.x - one.boxWidth / 2,
  right: one.x + one.boxWidth / 2,
  top: one.y - one.boxHeight / 2,
  bottom: one.y + one.boxHeight / 2,
});

function assertNoOverlaps(layout: DiagramLayout) {
  const boxes = layout.nodes.map((one) => ({ id: one.node.id, ...boxOf(one) }));
  for (const [index, a] of boxes.entries()) {
    for (const b of boxes.slice(index + 1)) {
      const apart =
        a.right <= b.left || b.right <= a.left || a.bottom <= b.top || b.bottom <= a.top;
      assert.ok(apart, `${a.id} and ${b.id} overlap`);
    }
  }
}

function assertInside(layout: DiagramLayout) {
  for (const one of layout.nodes) {
    const box = boxOf(one);
    assert.ok(box.left >= 0 && box.top >= 0, `${one.node.id} starts inside`);
    assert.ok(
      box.right <= layout.width && box.bottom <= layout.height,
      `${one.node.id} ends inside`,
    );
  }
}

describe('layoutDiagram with dagre', () => {
  const layout = layoutDiagram(claimDiagram, dagre, { locale: 'en', nodeType: claimNodeTypes.get });

  it('places every node, with its shape and localized label', () => {
    assert.equal(layout.nodes.length, claimDiagram.nodes.length);
    for (const one of layout.nodes) {
      assert.ok(Number.isFinite(one.x) && Number.isFinite(one.y), `${one.node.id} has a position`);
    }
    const byId = new Map(layout.nodes.map((one) => [one.node.id, one]));
    assert.equal(byId.get('start')?.shape, 'start');
    assert.equal(byId.get('amount')?.shape, 'exclusive');
    assert.equal(byId.get('split')?.shape, 'split');
    assert.equal(byId.get('finance')?.shape, 'step');
    assert.equal(byId.get('finance')?.text, 'Finance approval');
    // no label: the node type's
    assert.equal(byId.get('join')?.text, 'Parallel join');
  });

  it('runs top to bottom: each edge ends below where it starts', () => {
    const byId = new Map(layout.nodes.map((one) => [one.node.id, one]));
    for (const { edge } of layout.edges) {
      assert.ok(byId.get(edge.to)!.y > byId.get(edge.from)!.y, `${edge.id} goes down`);
    }
  });

  it('routes every edge with points from outline to outline', () => {
    assert.equal(layout.edges.length, claimDiagram.edges.length);
    const byId = new Map(layout.nodes.map((one) => [one.node.id, one]));
    for (const { edge, points } of layout.edges) {
      assert.ok(points.length >= 2, `${edge.id} has points`);
      for (const point of points) assert.ok(Number.isFinite(point.x) && Number.isFinite(point.y));
      const to = byId.get(edge.to)!;
      const end = points.at(-1)!;
      // the arrow stops at the target's figure, not inside it nor at its centre
      assert.ok(Math.abs(end.y - to.y) <= to.height / 2 + 0.5, `${edge.id} reaches its target`);
      assert.ok(end.y < to.y, `${edge.id} enters from above`);
    }
  });

  it('keeps node boxes (outside labels included) apart and inside the frame', () => {
    assertNoOverlaps(layout);
    assertInside(layout);
  });

  it('is deterministic', () => {
    const again = layoutDiagram(claimDiagram, dagre, {
      locale: 'en',
      nodeType: claimNodeTypes.get,
    });
    assert.deepEqual(again, layout);
  });
});

describe('layoutDiagram at the designer positions', () => {
  const placed: FlowDiagram = {
    nodes: [
      { id: 'a', type: 'start', state: 'done', position: { x: 300, y: 100 } },
      { id: 'b', type: 'approval', label: 'Check', state: 'active', position: { x: 300, y: 200 } },
      { id: 'c', type: 'end', state: 'pending', position: { x: 300, y: 300 } },
    ],
    edges: [
      { id: 'ab', from: 'a', to: 'b', taken: true },
      { id: 'bc', from: 'b', to: 'c', taken: false },
    ],
  };

  it('uses them without dagre, moved to the margin, with straight edges', () => {
    const layout = layoutDiagram(placed);
    const [a, b, c] = layout.nodes;
    assert.equal(b!.x - a!.x, 0);
    assert.equal(c!.y - b!.y, 100);
    assert.ok(layout.edges.every((one) => one.points.length === 2));
    assertInside(layout);
    assertNoOverlaps(layout);
  });

  it('guesses start and end from the edges without node types', () => {
    const shapes = layoutDiagram(placed).nodes.map((one) => one.shape);
    assert.deepEqual(shapes, ['start', 'step', 'end']);
  });

  it('needs dagre once a node has no position', () => {
    const [first, ...rest] = placed.nodes;
    const { position: _, ...loose } = first!;
    assert.throws(() => layoutDiagram({ ...placed, nodes: [loose, ...rest] }), /needs dagre/);
  });

  it('lays out an empty diagram', () => {
    assert.equal(layoutDiagram({ nodes: [], edges: [] }).nodes.length, 0);
  });
});

describe('a node people vote on', () => {
  const voted: FlowDiagram = {
    nodes: [
      {
        id: 'sign',
        type: 'countersign',
        label: 'Board',
        state: 'active',
        position: { x: 100, y: 100 },
        needed: { atLeast: 3, of: 3 },
      },
      {
        id: 'check',
        type: 'approval',
        label: 'Check',
        state: 'pending',
        position: { x: 100, y: 200 },
      },
    ],
    edges: [{ id: 'e', from: 'sign', to: 'check', taken: false }],
  };

  it('states "at least N of M approve" under its label, in the reader\'s language', () => {
    const zh = layoutDiagram(voted, undefined, { locale: 'zh-CN', nodeType: claimNodeTypes.get });
    const [sign, check] = zh.nodes;
    assert.equal(sign!.note, '至少 3 / 3 人同意');
    assert.equal(check!.note, undefined, 'a node nobody votes on has none');
    assert.ok(sign!.height > check!.height, 'the box grows by the line');
    const en = layoutDiagram(voted, undefined, { locale: 'en', nodeType: claimNodeTypes.get });
    assert.equal(en.nodes[0]!.note, 'at least 3 of 3 approve');
    assert.equal(en.nodes[0]!.noteLines.join(' '), 'at least 3 of 3 approve', 'wrapped, not cut');
  });
});

describe('diagram helpers', () => {
  it('wraps Chinese between characters and English at spaces, within the width', () => {
    const zh = wrapText('回写部门预算台账并通知财务部门负责人', 100, 2);
    assert.equal(zh.length, 2);
    assert.ok(zh.every((line) => textWidth(line) <= 100));
    assert.ok(zh[1]!.endsWith('…'));
    assert.deepEqual(wrapText('Manager approval', 200, 2), ['Manager approval']);
    assert.deepEqual(wrapText('Manager approval', 70, 2), ['Manager', 'approval']);
  });

  it('clips edges to circles and diamonds', () => {
    const centre = { x: 0, y: 0 };
    const size = { width: 40, height: 40 };
    assert.deepEqual(clipToFigure('start', centre, size, { x: 0, y: 100 }), { x: 0, y: 20 });
    const diamond = clipToFigure('exclusive', centre, size, { x: 100, y: 100 });
    assert.ok(Math.abs(diamond.x - 10) < 1e-9 && Math.abs(diamond.y - 10) < 1e-9);
    assert.deepEqual(clipToFigure('step', centre, size, { x: 100, y: 50 }), { x: 20, y: 10 });
  });
});
