// The files UI: toolbar group, banners/dialog/overlay layer, and commands other panels may call.
export { FileMenu } from './FileMenu.tsx';
export { FilesLayer } from './FilesLayer.tsx';
export { newDocument, openDocument, openExampleDocument, saveDocument } from './file-controller.ts';
