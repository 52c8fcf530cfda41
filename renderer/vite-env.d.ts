// Vite's import suffixes used by the renderer (`?raw`, `?url`) and CSS side-effect imports.
declare module '*?raw' {
  const text: string;
  export default text;
}
declare module '*.css';
