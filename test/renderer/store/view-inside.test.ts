// Which module instance the canvas has opened (issue 13.4): nested opens grow the path, another
// instance starts a new one, Back keeps the levels above; the document is never part of it.
import { beforeEach, expect, it } from 'vitest';
import { EMPTY_GRAPH, useDocument } from '../../../renderer/store/document-store.ts';
import { useView } from '../../../renderer/store/view-store.ts';

beforeEach(() => useView.setState({ inside: [] }));

it('opens nested instances level by level and goes back to any level', () => {
  const view = useView.getState;
  view().openInside('m2');
  view().openInside('m2/m1');
  expect(view().inside).toEqual(['m2', 'm2/m1']);
  view().closeInside(1);
  expect(view().inside).toEqual(['m2']);
  view().closeInside(0);
  expect(view().inside).toEqual([]);
});

it('starts from the outer graph for an instance that is not inside the one open', () => {
  const view = useView.getState;
  view().openInside('m2');
  // "m20" only shares a prefix with "m2": not inside it.
  view().openInside('m20');
  expect(view().inside).toEqual(['m20']);
  const before = view().inside;
  view().closeInside(3);
  expect(view().inside).toBe(before);
});

it('closes when a new document is loaded, which opens on its outer graph', () => {
  useView.getState().openInside('m1');
  useDocument.getState().load(EMPTY_GRAPH);
  expect(useView.getState().inside).toEqual([]);
});
