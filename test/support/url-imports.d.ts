// Vite's `?url` imports, for tests that load renderer modules (the web build's types come from vite/client).
declare module '*?url' {
  const url: string;
  export default url;
}
