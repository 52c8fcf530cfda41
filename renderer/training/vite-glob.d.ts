// Vite's import.meta.glob, as the examples menu uses it (the renderer's tsconfig has no vite/client types).
interface ImportMeta {
  glob<T = unknown>(pattern: string, options: { query?: string; import?: string; eager: true }): Record<string, T>;
}
