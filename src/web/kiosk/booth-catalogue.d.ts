// A catalogue cut to the booth's parts by vite.config.ts (boothCatalogues).
declare module '*.json?booth' {
  const catalogue: Record<string, unknown>;
  export default catalogue;
}
