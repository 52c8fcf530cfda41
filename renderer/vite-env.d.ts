// Vite's import suffixes used by the renderer (`?raw`, `?url`) and CSS side-effect imports.
declare module '*?raw' {
  const text: string;
  export default text;
}
declare module '*.css';

// Vite's import.meta.glob, as renderer/examples.ts uses it (the renderer's tsconfig has no vite/client types).
interface ImportMeta {
  glob<T = unknown>(pattern: string, options: { query?: string; import?: string; eager: true }): Record<string, T>;
}
