// The embed view (issue 11.9): `?embed=1` shows the canvas and the Step panel only, for an iframe in
// slides or a course page; the document comes from the link's fragment (#doc=…). Read once per page.
export function isEmbedSearch(search: string): boolean {
  return new URLSearchParams(search).get('embed') === '1';
}

export const embedMode: boolean = typeof location !== 'undefined' && isEmbedSearch(location.search);
