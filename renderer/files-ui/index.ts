// The files UI: toolbar group and banners/dialog/overlay layer (the commands are the app services' FileController).
export { FileMenu } from './FileMenu.tsx';
export { FilesLayer } from './FilesLayer.tsx';
export { exportText } from './export-document.ts';
